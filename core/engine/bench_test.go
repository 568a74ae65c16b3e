package engine

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"
)

// BenchmarkScale builds 100,000 conversations and reports a few latencies (run with
// -bench Scale -benchtime 1x); the C benchmark (make bench) is the reference measurement.
func BenchmarkScale(b *testing.B) {
	dir := b.TempDir()
	rec := newRecorder()
	e := New(rec)
	e.Init(1, Config{DataDir: dir})
	defer e.Close()
	x := &h{t: &testing.T{}, e: e, rec: rec}
	x.login("bench")
	start := time.Now()
	for batch := 0; batch < 100; batch++ {
		var items []string
		for i := 0; i < 1000; i++ {
			n := batch*1000 + i
			items = append(items, fmt.Sprintf(`{"conv_id":"u%06d","conv_type":%d,"conv_active_time":%d,"conv_unread_num":%d,"conv_show_name":"User %d"}`, n, 1+n%2, 1700000000+n, n%7, n))
		}
		t0 := time.Now()
		x.ok(func(cb Callback) int { return e.UpsertConversations("["+strings.Join(items, ",")+"]", cb) })
		if batch == 99 {
			b.Logf("upsert 1000 (last batch): %v", time.Since(t0))
		}
	}
	b.Logf("100k upserted in %v", time.Since(start))
	for g := 0; g < 20; g++ {
		var keys []string
		for i := 0; i < 50; i++ {
			keys = append(keys, fmt.Sprintf(`"c2c_u%06d"`, (g*50+i)*97%100000/2*2))
		}
		x.ok(func(cb Callback) int {
			return e.CreateGroup(fmt.Sprintf("group%02d", g), "["+strings.Join(keys, ",")+"]", cb)
		})
	}
	measure := func(name string, f func(cb Callback) int) {
		var best, total time.Duration
		for i := 0; i < 50; i++ {
			t0 := time.Now()
			x.ok(f)
			d := time.Since(t0)
			total += d
			if best == 0 || d < best {
				best = d
			}
		}
		b.Logf("%-28s mean %v best %v", name, total/50, best)
	}
	measure("first page 100 (all)", func(cb Callback) int { return e.GetListByFilter("{}", 0, 100, cb) })
	measure("first page 100 (group)", func(cb Callback) int {
		return e.GetListByFilter(`{"conversation_list_filter_conversation_group":"group03"}`, 0, 100, cb)
	})
	measure("first page 100 (c2c)", func(cb Callback) int {
		return e.GetListByFilter(`{"conversation_list_filter_conv_type":1}`, 0, 100, cb)
	})
	measure("group list", func(cb Callback) int { return e.GetGroupList(cb) })
	e.Close()
	t0 := time.Now()
	e2 := New(rec)
	e2.Init(1, Config{DataDir: dir})
	y := &h{t: &testing.T{}, e: e2, rec: rec}
	y.login("bench")
	b.Logf("cold login: %v", time.Since(t0))
	e2.Close()
}

// benchEngine returns a logged-in engine on n conversations, 1,000 of them in groups.
func benchEngine(b *testing.B, n int) *h {
	dir := b.TempDir()
	rec := newRecorder()
	e := New(rec)
	e.Init(1, Config{DataDir: dir})
	b.Cleanup(e.Close)
	x := &h{t: &testing.T{}, e: e, rec: rec}
	x.login("bench")
	for batch := 0; batch < n/1000; batch++ {
		var items []string
		for i := 0; i < 1000; i++ {
			k := batch*1000 + i
			items = append(items, fmt.Sprintf(`{"conv_id":"u%07d","conv_type":%d,"conv_active_time":%d,"conv_unread_num":%d,"conv_show_name":"User %d","conv_last_msg":{"message_elem_array":[{"elem_type":0,"text_elem_content":"hello %d"}]}}`, k, 1+k%2, 1700000000+k, k%7, k, k))
		}
		x.ok(func(cb Callback) int { return e.UpsertConversations("["+strings.Join(items, ",")+"]", cb) })
	}
	for g := 0; g < 10; g++ {
		var keys []string
		for i := 0; i < 100; i++ {
			keys = append(keys, fmt.Sprintf(`"c2c_u%07d"`, ((g*100+i)*(n/1000))&^1))
		}
		x.ok(func(cb Callback) int {
			return e.CreateGroup(fmt.Sprintf("group%02d", g), "["+strings.Join(keys, ",")+"]", cb)
		})
	}
	return x
}

// BenchmarkOps: the benchmark's rows straight on the engine, for pprof
// (go test -run '^$' -bench Ops/GroupOps -cpuprofile cpu.out ./core/engine).
func BenchmarkOps(b *testing.B) {
	x := benchEngine(b, 20000)
	e := x.e
	var ten []string
	for i := 0; i < 10; i++ {
		ten = append(ten, fmt.Sprintf(`"c2c_u%07d"`, (i*20)&^1))
	}
	b.Run("GroupOps", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			x.ok(func(cb Callback) int { return e.CreateGroup("tmp", "["+strings.Join(ten, ",")+"]", cb) })
			x.ok(func(cb Callback) int { return e.RenameGroup("tmp", "tmp2", cb) })
			x.ok(func(cb Callback) int { return e.DeleteGroup("tmp2", cb) })
		}
	})
	b.Run("FirstPage", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			x.ok(func(cb Callback) int { return e.GetListByFilter("{}", 0, 100, cb) })
		}
	})
	b.Run("UpsertExisting", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			var items []string
			for j := 0; j < 1000; j++ {
				k := (i*1000 + j) % 20000
				items = append(items, fmt.Sprintf(`{"conv_id":"u%07d","conv_type":%d,"conv_active_time":%d,"conv_last_msg":{"message_elem_array":[{"elem_type":0,"text_elem_content":"again %d"}]}}`, k, 1+k%2, 1800000000+i*1000+j, i))
			}
			x.ok(func(cb Callback) int { return e.UpsertConversations("["+strings.Join(items, ",")+"]", cb) })
		}
	})
	b.Run("UpsertNew", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			var items []string
			for j := 0; j < 1000; j++ {
				k := i*1000 + j
				items = append(items, fmt.Sprintf(`{"conv_id":"n%07d","conv_type":%d,"conv_active_time":%d,"conv_unread_num":%d,"conv_show_name":"User %d","conv_last_msg":{"message_elem_array":[{"elem_type":0,"text_elem_content":"hello %d"}]}}`, k, 1+k%2, 1700000000+k, k%7, k, k))
			}
			x.ok(func(cb Callback) int { return e.UpsertConversations("["+strings.Join(items, ",")+"]", cb) })
		}
	})
}

// BenchmarkUpsert: upserts of 1,000 on a cache of UPSERT_BENCH_N conversations (default
// 20,000), as make bench feeds them, reporting the process CPU time per batch (cpu-ms/op:
// the worker, the collector, everything) beside the wall time, which a shared machine skews:
//
//	go test -run '^$' -bench Upsert -benchtime 30x ./core/engine
func BenchmarkUpsert(b *testing.B) {
	n := 20000
	if v, err := strconv.Atoi(os.Getenv("UPSERT_BENCH_N")); err == nil && v >= 1000 {
		n = v
	}
	defer func(was bool) { checkSyncCache = was }(checkSyncCache)
	checkSyncCache = false // the tests' check of the sync cache reads the whole store per call
	x := benchEngine(b, n)
	e := x.e
	if err := e.sess.st.WaitCheck(); err != nil { // the background check would share the CPU
		b.Fatal(err)
	}
	x.rec.mu.Lock()
	for k := KindConvEvent; k < NumKinds; k++ { // no listener set, as in make bench
		x.rec.mute[k] = true
	}
	x.rec.mu.Unlock()
	run := func(b *testing.B, batch func(i int) string) {
		var cpu time.Duration
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			b.StopTimer()
			js := batch(i)
			c0 := procCPU()
			b.StartTimer()
			x.ok(func(cb Callback) int { return e.UpsertConversations(js, cb) })
			cpu += procCPU() - c0
		}
		b.ReportMetric(float64(cpu.Microseconds())/1000/float64(b.N), "cpu-ms/op")
	}
	round := 0
	b.Run("New", func(b *testing.B) {
		run(b, func(i int) string {
			var items []string
			for j := 0; j < 1000; j++ {
				k := round*1000 + j
				items = append(items, fmt.Sprintf(`{"conv_id":"n%07d","conv_type":%d,"conv_show_name":"User %d","conv_active_time":%d,"conv_unread_num":%d,"conv_last_msg":{"message_elem_array":[{"elem_type":0,"text_elem_content":"hello %d"}]}}`, k, 1+k%2, k, 1700000000+k, benchUnread(k), k))
			}
			round++
			return "[" + strings.Join(items, ",") + "]"
		})
	})
	stamp := 0
	touch := func(first int) string {
		var items []string
		for j := 0; j < 1000; j++ {
			k := (first + j) % n
			items = append(items, fmt.Sprintf(`{"conv_id":"u%07d","conv_type":%d,"conv_active_time":%d,"conv_last_msg":{"message_elem_array":[{"elem_type":0,"text_elem_content":"again %d"}]}}`, k, 1+k%2, 1800000000+stamp*1000+j, stamp))
		}
		stamp++
		return "[" + strings.Join(items, ",") + "]"
	}
	b.Run("Existing", func(b *testing.B) {
		run(b, func(i int) string { return touch(stamp * 7919 % n) })
	})
	var same string
	b.Run("Unchanged", func(b *testing.B) {
		run(b, func(i int) string {
			if same == "" {
				same = touch(0)
				x.ok(func(cb Callback) int { return e.UpsertConversations(same, cb) })
			}
			return same
		})
	})
}

// benchUnread is make bench's unread number of conversation k: one in ten has some.
func benchUnread(k int) int {
	if k%10 == 0 {
		return 1 + k%7
	}
	return 0
}
