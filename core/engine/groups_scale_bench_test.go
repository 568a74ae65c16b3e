//go:build linux

package engine

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
	"unsafe"

	"github.com/timconvgroup/timconvgroup/core/conv"
	"github.com/timconvgroup/timconvgroup/core/store"
)

// BenchmarkGroupRowAtScale: make bench's group row (create a group of 10, rename it, delete
// it) and its listener row (upsert 1,000 existing with and without a conversation listener)
// on a cache of TCG_SCALE_N conversations (default 20,000; make bench's data: 19 groups,
// 1,000 grouped conversations, Star on 100). The cache is built once into TCG_SCALE_DIR (default a folder
// under the system temp folder, kept between runs: a 1,000,000-conversation cache takes a
// minute to build) and copied for each run. It prints the medians (wall and CPU time of the
// calling thread, where a group call runs) right after login, while the background check
// runs, and after it has finished (TCG_SCALE_ONLY_GROUPS=running or =after: only the group
// row, 300 times, for a profiler):
//
//	TCG_SCALE_N=1000000 go test -run '^$' -bench GroupRowAtScale -benchtime 1x ./core/engine
func BenchmarkGroupRowAtScale(b *testing.B) {
	// Measured as the library runs: without the tests' check of the sync cache after each
	// operation.
	defer func(was bool) { checkSyncCache = was }(checkSyncCache)
	checkSyncCache = false
	n := 20000
	if v := os.Getenv("TCG_SCALE_N"); v != "" {
		var err error
		if n, err = strconv.Atoi(v); err != nil || n < 10000 {
			b.Fatalf("TCG_SCALE_N=%q: want a number of at least 10000", v)
		}
	}
	base := os.Getenv("TCG_SCALE_DIR")
	if base == "" {
		base = filepath.Join(os.TempDir(), fmt.Sprintf("timconvgroup-scale-%d", n))
	}
	db := filepath.Join(store.UserDir(base, 1, "bench"), store.DBFile)
	if _, err := os.Stat(base + "/ready"); err != nil {
		t0 := time.Now()
		buildScaleCache(b, base, n)
		logf("built %d conversations in %v", n, time.Since(t0))
	}
	for i := 0; i < b.N; i++ {
		work := b.TempDir()
		wdb := filepath.Join(store.UserDir(work, 1, "bench"), store.DBFile)
		if err := os.MkdirAll(filepath.Dir(wdb), 0o700); err != nil {
			b.Fatal(err)
		}
		copyFile(b, db, wdb)
		scaleRun(b, work, n)
	}
}

func buildScaleCache(b *testing.B, base string, n int) {
	os.RemoveAll(base)
	st, err := store.Open(store.UserDir(base, 1, "bench"), false)
	if err != nil {
		b.Fatal(err)
	}
	for k := 0; k < n; k += 10000 {
		if err := st.Begin(); err != nil {
			b.Fatal(err)
		}
		for i := k; i < k+10000 && i < n; i++ {
			c := &conv.Conv{Type: int32(1 + i%2), ID: fmt.Sprintf("u%07d", i), ShowName: fmt.Sprintf("User %d", i), ActiveTime: uint64(1700000000 + i),
				LastMsg: fmt.Sprintf(`{"message_elem_array":[{"elem_type":0,"text_elem_content":"hello %d"}]}`, i)}
			if i%10 == 0 {
				c.Unread = uint64(1 + i%7)
			}
			if err := st.PutConv(c, c.JSON()); err != nil {
				b.Fatal(err)
			}
		}
		if err := st.Commit(); err != nil {
			b.Fatal(err)
		}
	}
	st.Close()
	x := scaleEngine(b, base)
	grouped := func(j int) string { return fmt.Sprintf(`"c2c_u%07d"`, (j*(n/1000))&^1) }
	for j := 0; j < 250; j += 100 {
		var keys []string
		for k := j; k < j+100 && k < 250; k++ {
			keys = append(keys, grouped(k))
		}
		arr := "[" + strings.Join(keys, ",") + "]"
		if j == 0 {
			x.ok(func(cb Callback) int { return x.e.CreateGroup("group00", arr, cb) })
		} else {
			x.ok(func(cb Callback) int { return x.e.AddToGroup("group00", arr, cb) })
		}
	}
	for g := 1; g <= 18; g++ {
		var keys []string
		for j := 250 + g - 1; j < 1000; j += 18 {
			keys = append(keys, grouped(j))
		}
		arr := "[" + strings.Join(keys, ",") + "]"
		x.ok(func(cb Callback) int { return x.e.CreateGroup(fmt.Sprintf("group%02d", g), arr, cb) })
	}
	var star []string
	for j := 250; j < 350; j++ {
		star = append(star, grouped(j))
	}
	x.ok(func(cb Callback) int { return x.e.MarkConvs("["+strings.Join(star, ",")+"]", 1, true, cb) })
	x.e.Close()
	if err := os.WriteFile(base+"/ready", nil, 0o600); err != nil {
		b.Fatal(err)
	}
}

func scaleEngine(b *testing.B, dir string) *h {
	rec := newRecorder()
	e := New(rec)
	e.Init(1, Config{DataDir: dir, DispatchMode: DispatchHost})
	b.Cleanup(e.Close)
	x := &h{t: &testing.T{}, e: e, rec: rec, dir: dir}
	x.login("bench")
	return x
}

func copyFile(b *testing.B, from, to string) {
	in, err := os.Open(from)
	if err != nil {
		b.Fatal(err)
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o600)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		b.Fatal(err)
	}
	if err := out.Close(); err != nil {
		b.Fatal(err)
	}
}

// threadCPU is the CPU time of the calling thread.
func threadCPU() time.Duration {
	var ts syscall.Timespec
	syscall.Syscall(syscall.SYS_CLOCK_GETTIME, 3 /* CLOCK_THREAD_CPUTIME_ID */, uintptr(unsafe.Pointer(&ts)), 0)
	return time.Duration(ts.Nano())
}

// processCPU is the CPU time of the process (every thread).
func processCPU() time.Duration {
	var ts syscall.Timespec
	syscall.Syscall(syscall.SYS_CLOCK_GETTIME, 2 /* CLOCK_PROCESS_CPUTIME_ID */, uintptr(unsafe.Pointer(&ts)), 0)
	return time.Duration(ts.Nano())
}

func medianOf(ds []time.Duration) time.Duration {
	s := append([]time.Duration(nil), ds...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	return s[len(s)/2]
}

func scaleRun(b *testing.B, dir string, n int) {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	x := scaleEngine(b, dir)
	e := x.e
	grouped := func(j int) string { return fmt.Sprintf(`"c2c_u%07d"`, (j*(n/1000))&^1) }
	var ten []string
	for j := 250; j < 260; j++ {
		ten = append(ten, grouped(j))
	}
	tenArr := "[" + strings.Join(ten, ",") + "]"
	touch := func(first, stamp int) string {
		var items []string
		for i := 0; i < 1000; i++ {
			k := (first + i) % n
			items = append(items, fmt.Sprintf(`{"conv_id":"u%07d","conv_type":%d,"conv_active_time":%d,"conv_last_msg":{"message_elem_array":[{"elem_type":0,"text_elem_content":"again %d"}]}}`, k, 1+k%2, 1800000000+stamp*1000+i, stamp))
		}
		return "[" + strings.Join(items, ",") + "]"
	}
	done := make(chan struct{})
	go func() { e.sess.st.WaitCheck(); close(done) }()
	checking := func() bool {
		select {
		case <-done:
			return false
		default:
			return true
		}
	}
	groupRow := func(label string, reps int) {
		wall := make([]time.Duration, reps)
		cpu := make([]time.Duration, reps)
		for r := 0; r < reps; r++ {
			t0, c0 := time.Now(), threadCPU()
			x.ok(func(cb Callback) int { return e.CreateGroup("bench tmp", tenArr, cb) })
			x.ok(func(cb Callback) int { return e.RenameGroup("bench tmp", "bench tmp 2", cb) })
			x.ok(func(cb Callback) int { return e.DeleteGroup("bench tmp 2", cb) })
			wall[r], cpu[r] = time.Since(t0), threadCPU()-c0
		}
		logf("%d convs, group row, %-34s wall %8v  thread CPU %8v  (check running: %v, WAL %d KiB)", n, label, medianOf(wall), medianOf(cpu), checking(), walKiB(e))
	}
	stamp := 0
	listenRow := func(label string, reps int) {
		on := make([]time.Duration, reps)
		off := make([]time.Duration, reps)
		onCPU := make([]time.Duration, reps)
		offCPU := make([]time.Duration, reps)
		for r := 0; r < reps; r++ {
			for _, mute := range []bool{r%2 == 1, r%2 == 0} {
				batch := touch((stamp+30)*7919%n, stamp+30)
				stamp++
				x.rec.mu.Lock()
				x.rec.mute[KindConvEvent] = mute
				x.rec.mu.Unlock()
				t0, c0 := time.Now(), processCPU()
				x.ok(func(cb Callback) int { return e.UpsertConversations(batch, cb) })
				if mute {
					off[r], offCPU[r] = time.Since(t0), processCPU()-c0
				} else {
					on[r], onCPU[r] = time.Since(t0), processCPU()-c0
				}
			}
		}
		x.rec.mu.Lock()
		x.rec.mute[KindConvEvent] = false
		x.rec.mu.Unlock()
		logf("%d convs, listener row, %-31s on %8v  off %8v  ratio %.2f; process CPU on %8v off %8v (check running: %v, WAL %d KiB)", n, label, medianOf(on), medianOf(off), float64(medianOf(on))/float64(medianOf(off)), medianOf(onCPU), medianOf(offCPU), checking(), walKiB(e))
	}
	if v := os.Getenv("TCG_SCALE_ONLY_GROUPS"); v != "" {
		// For a profiler: only the group row, 300 times, while the check runs (v=running) or
		// after it has finished (v=after).
		if v == "after" {
			<-done
		}
		groupRow("only the group row ("+v+")", 300)
		return
	}
	groupRow("right after login", 30)
	listenRow("after login", 15)
	groupRow("after the listener row", 30)
	t0 := time.Now()
	<-done
	logf("background check finished %v later", time.Since(t0))
	listenRow("check finished", 15)
	groupRow("check finished", 30)
}

func walKiB(e *Engine) int64 {
	st, err := os.Stat(e.sess.st.Path + "-wal")
	if err != nil {
		return -1
	}
	return st.Size() / 1024
}

// logf prints a line at once (a benchmark's log is cut short and printed at its end).
func logf(format string, args ...any) { fmt.Fprintf(os.Stderr, format+"\n", args...) }
