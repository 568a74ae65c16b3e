package engine

import (
	"fmt"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/timconvgroup/timconvgroup/core/roam"
	"github.com/timconvgroup/timconvgroup/core/tim"
)

// A process applying state documents (groups renamed, deleted, created, members moved, marks,
// pins) and making local changes between them is killed with SIGKILL at random moments; each
// time the cache opens again, the sync state rebuilt from it matches what SQLite holds (the
// engine's tests compare them after every operation), and the next apply brings the device to
// the server's state.
func TestSyncApplyKilled(t *testing.T) {
	if dir := os.Getenv("TCG_SYNC_KILL_CHILD"); dir != "" {
		syncKillChild(t, dir)
		return
	}
	dir := tempDir(t)
	docs := syncKillDocs(t, dir)
	r := rand.New(rand.NewSource(1))
	for round := 0; round < 6; round++ {
		// Under an emulator (qemu-user for the arm builds) the child starts through it too:
		// TCG_RUNNER is the command prefix, as for the C suite.
		args := append(strings.Fields(os.Getenv("TCG_RUNNER")), os.Args[0], "-test.run=^TestSyncApplyKilled$", "-test.count=1")
		cmd := exec.Command(args[0], args[1:]...)
		cmd.Env = append(os.Environ(), "TCG_SYNC_KILL_CHILD="+dir)
		out := &strings.Builder{}
		cmd.Stdout, cmd.Stderr = out, out
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// Wait until the child applies, then kill it at a random moment.
		ready := filepath.Join(dir, "applying")
		for deadline := time.Now().Add(60 * time.Second); ; time.Sleep(5 * time.Millisecond) {
			if _, err := os.Stat(ready); err == nil {
				break
			}
			if time.Now().After(deadline) {
				cmd.Process.Kill()
				cmd.Wait()
				t.Fatalf("round %d: the child never started applying:\n%s", round, out)
			}
		}
		time.Sleep(time.Duration(20+r.Intn(600)) * time.Millisecond)
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		if strings.Contains(out.String(), "SYNC CACHE DIFFERS") || strings.Contains(out.String(), "FAIL") {
			t.Fatalf("round %d: the child failed:\n%s", round, out)
		}
		os.Remove(ready)
		// Open the cache again: a local change, then the last document.
		x := startH(t, dir)
		x.login("alice")
		if c := x.code(func(cb Callback) int { return x.e.MarkConvs(`["c2c_u3"]`, 8, round%2 == 0, cb) }); c == tim.CodeStorage {
			t.Fatalf("round %d: mark after the kill: 6019", round)
		}
		last := docs[len(docs)-1]
		d, derr := roam.DecodeState(last.doc)
		if derr != nil {
			t.Fatal(derr)
		}
		d.Version = uint64(2000000 + round) // above whatever the child applied
		if r, _ := x.apply(string(roam.EncodeState(d))); r.Code != 0 {
			t.Fatalf("round %d: apply after the kill: %d %s", round, r.Code, r.Desc)
		}
		// The device shows that state with its pending operations replayed on top.
		p, perr := roam.DecodePush(x.push(0).Raw)
		if perr != nil {
			t.Fatal(perr)
		}
		n, _ := os.ReadFile(filepath.Join(dir, "applied"))
		t.Logf("round %d: killed after %s applies; %d operations pending", round, n, len(p.Ops))
		want, _ := roam.Replay(last.state, p.Ops)
		if got, w := x.e.sessState(t), string(roam.EncodeStateOnly(want)); got != w {
			t.Fatalf("round %d: after the kill the device shows\n%s\nwant\n%s", round, got, w)
		}
		x.e.Close()
	}
}

type killDoc struct {
	doc   string
	state *roam.State
}

// syncKillDocs prepares the cache (60 conversations fed, groups) and the state documents.
func syncKillDocs(t *testing.T, dir string) []killDoc {
	x := startH(t, dir)
	x.login("alice")
	var items []string
	for i := 0; i < 60; i++ {
		items = append(items, item(1, fmt.Sprintf("u%d", i), uint64(100+i), 0))
	}
	x.upsert(items...)
	x.e.Close()
	st := roam.NewState()
	var docs []killDoc
	names := []string{"Work", "Home", "Job", "Play"}
	for v := 1; v <= 12; v++ {
		ids := func(k int) []string {
			var out []string
			for i := 0; i < 8; i++ {
				out = append(out, fmt.Sprintf("c2c_u%d", (v*7+i*k)%70)) // some never fed
			}
			return out
		}
		switch v % 4 {
		case 0:
			st.Apply(roam.Op{Type: roam.OpGroupDelete, Name: names[v%len(names)]})
		case 1:
			st.Apply(roam.Op{Type: roam.OpGroupCreate, GroupID: "g" + strconv.Itoa(v), Name: names[v%len(names)], ConvIDs: ids(3)})
		case 2:
			st.Apply(roam.Op{Type: roam.OpGroupRename, Name: names[(v-1)%len(names)], NewName: names[(v+1)%len(names)]})
		}
		st.Apply(roam.Op{Type: roam.OpGroupAdd, Name: names[(v+1)%len(names)], ConvIDs: ids(5)})
		st.Apply(roam.Op{Type: roam.OpMark, Marks: 1, Enable: v%3 != 0, ConvIDs: ids(2)})
		st.Apply(roam.Op{Type: roam.OpPin, Pinned: v%2 == 0, ConvID: fmt.Sprintf("c2c_u%d", v)})
		docs = append(docs, killDoc{string(roam.EncodeState(&roam.StateDoc{Version: uint64(v), State: st.Clone()})), st.Clone()})
	}
	for i, d := range docs {
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("doc%02d.json", i)), []byte(d.doc), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return docs
}

// syncKillChild applies the documents again and again (their versions go up: each one's
// version is made higher than the last applied), with local changes between them, until it
// is killed.
func syncKillChild(t *testing.T, dir string) {
	x := startH(t, dir)
	x.login("alice")
	var docs []string
	for i := 0; ; i++ {
		b, err := os.ReadFile(filepath.Join(dir, fmt.Sprintf("doc%02d.json", i)))
		if err != nil {
			break
		}
		docs = append(docs, string(b))
	}
	os.WriteFile(filepath.Join(dir, "applying"), nil, 0o600)
	for n := 0; ; n++ {
		d, derr := roam.DecodeState(docs[n%len(docs)])
		if derr != nil {
			t.Fatal(derr)
		}
		d.Version = uint64(1000000 + n) // always newer than the last one applied
		if r, _ := x.apply(string(roam.EncodeState(d))); r.Code != 0 {
			t.Fatalf("apply %d: %d %s", n, r.Code, r.Desc)
		}
		os.WriteFile(filepath.Join(dir, "applied"), []byte(strconv.Itoa(n+1)), 0o600)
		x.code(func(cb Callback) int { return x.e.MarkConvs(fmt.Sprintf(`["c2c_u%d"]`, n%60), 2, n%2 == 0, cb) })
		x.code(func(cb Callback) int { return x.e.CreateGroup(fmt.Sprintf("local%d", n%3), `["c2c_u1"]`, cb) })
	}
}
