package engine

import (
	"database/sql"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/tidwall/gjson"

	"github.com/timconvgroup/timconvgroup/core/store"
	"github.com/timconvgroup/timconvgroup/core/tim"
)

var hex32 = regexp.MustCompile(`^[0-9a-f]{32}$`)

// push returns the push document of the first max pending operations.
func (x *h) push(max uint32) gjson.Result {
	x.t.Helper()
	return gjson.Parse(x.ok(func(cb Callback) int { return x.e.SyncGetPendingChanges(max, cb) }))
}

// opsSince returns the pending operations after op_id from, each without its op_id, as compact
// JSON strings.
func (x *h) opsSince(from int64) []string {
	x.t.Helper()
	var out []string
	for _, op := range x.push(0).Get("sync_push_op_array").Array() {
		if op.Get("sync_op_id").Int() <= from {
			continue
		}
		s := op.Raw
		s = regexp.MustCompile(`^\{"sync_op_id":\d+,`).ReplaceAllString(s, "{")
		s = regexp.MustCompile(`"sync_op_group_id":"[0-9a-f]{32}"`).ReplaceAllString(s, `"sync_op_group_id":"G"`)
		out = append(out, s)
	}
	return out
}

func (x *h) lastOp() int64 {
	arr := x.push(0).Get("sync_push_op_array").Array()
	if len(arr) == 0 {
		return 0
	}
	return arr[len(arr)-1].Get("sync_op_id").Int()
}

func syncH(t *testing.T) *h {
	x := newH(t)
	x.upsert(item(1, "a", 10, 0), item(1, "b", 20, 0), item(2, "g", 30, 0))
	return x
}

// Every accepted call that changes roaming state appends one operation per effective change,
// naming only what the call actually did; a call that changed nothing records nothing.
func TestOutboxRecordsEffectiveChanges(t *testing.T) {
	x := syncH(t)
	steps := []struct {
		name string
		call func(e *Engine, cb Callback) int
		want []string
	}{
		{"create: only the members actually added", func(e *Engine, cb Callback) int { return e.CreateGroup("Work", `["c2c_a","c2c_zz","bad","c2c_a"]`, cb) },
			[]string{`{"sync_op_type":1,"sync_op_group_id":"G","sync_op_group_name":"Work","sync_op_conversation_id_array":["c2c_a"]}`}},
		{"create of an existing name: nothing", func(e *Engine, cb Callback) int { return e.CreateGroup("Work", `["c2c_b"]`, cb) }, nil},
		{"add: only the ids actually added", func(e *Engine, cb Callback) int { return e.AddToGroup("Work", `["c2c_a","c2c_b","c2c_zz"]`, cb) },
			[]string{`{"sync_op_type":4,"sync_op_group_name":"Work","sync_op_conversation_id_array":["c2c_b"]}`}},
		{"add of members only: nothing", func(e *Engine, cb Callback) int { return e.AddToGroup("Work", `["c2c_a"]`, cb) }, nil},
		{"add to a missing group: nothing", func(e *Engine, cb Callback) int { return e.AddToGroup("Nope", `["c2c_a"]`, cb) }, nil},
		{"remove: only the ids actually removed", func(e *Engine, cb Callback) int { return e.DeleteFromGroup("Work", `["c2c_b","group_g"]`, cb) },
			[]string{`{"sync_op_type":5,"sync_op_group_name":"Work","sync_op_conversation_id_array":["c2c_b"]}`}},
		{"remove of non-members: nothing", func(e *Engine, cb Callback) int { return e.DeleteFromGroup("Work", `["group_g"]`, cb) }, nil},
		{"rename to itself: nothing", func(e *Engine, cb Callback) int { return e.RenameGroup("Work", "Work", cb) }, nil},
		{"rename", func(e *Engine, cb Callback) int { return e.RenameGroup("Work", "Job", cb) },
			[]string{`{"sync_op_type":3,"sync_op_group_name":"Work","sync_op_new_group_name":"Job"}`}},
		{"mark: only the ids whose bits changed", func(e *Engine, cb Callback) int { return e.MarkConvs(`["c2c_a","c2c_zz"]`, 1, true, cb) },
			[]string{`{"sync_op_type":6,"sync_op_conversation_id_array":["c2c_a"],"sync_op_mark_type":1,"sync_op_enable_mark":true}`}},
		{"mark again: nothing", func(e *Engine, cb Callback) int { return e.MarkConvs(`["c2c_a"]`, 1, true, cb) }, nil},
		{"mark two bits, one conversation already has one", func(e *Engine, cb Callback) int { return e.MarkConvs(`["c2c_a","c2c_b"]`, 1|1<<32, true, cb) },
			[]string{`{"sync_op_type":6,"sync_op_conversation_id_array":["c2c_a","c2c_b"],"sync_op_mark_type":4294967297,"sync_op_enable_mark":true}`}},
		{"unmark", func(e *Engine, cb Callback) int { return e.MarkConvs(`["c2c_b","group_g"]`, 1<<32, false, cb) },
			[]string{`{"sync_op_type":6,"sync_op_conversation_id_array":["c2c_b"],"sync_op_mark_type":4294967296,"sync_op_enable_mark":false}`}},
		{"pin", func(e *Engine, cb Callback) int { return e.PinConv("g", 2, true, cb) },
			[]string{`{"sync_op_type":7,"sync_op_conversation_id":"group_g","sync_op_is_pinned":true}`}},
		{"pin again: nothing", func(e *Engine, cb Callback) int { return e.PinConv("g", 2, true, cb) }, nil},
		{"pin of an unknown conversation: nothing", func(e *Engine, cb Callback) int { return e.PinConv("zz", 1, true, cb) }, nil},
		{"custom data", func(e *Engine, cb Callback) int { return e.SetCustomData(`["c2c_a","group_g"]`, "d", cb) },
			[]string{`{"sync_op_type":8,"sync_op_conversation_id_array":["c2c_a","group_g"],"sync_op_custom_data":"d"}`}},
		{"same custom data: nothing", func(e *Engine, cb Callback) int { return e.SetCustomData(`["c2c_a"]`, "d", cb) }, nil},
		{"delete a conversation with roaming state", func(e *Engine, cb Callback) int { return e.DeleteConv("g", 2, cb) },
			[]string{`{"sync_op_type":9,"sync_op_conversation_id":"group_g"}`}},
		{"group delete", func(e *Engine, cb Callback) int { return e.DeleteGroup("Job", cb) },
			[]string{`{"sync_op_type":2,"sync_op_group_name":"Job"}`}},
		{"group delete of a missing group: nothing", func(e *Engine, cb Callback) int { return e.DeleteGroup("Job", cb) }, nil},
	}
	for _, st := range steps {
		before := x.lastOp()
		x.do(func(cb Callback) int { return st.call(x.e, cb) })
		if got := x.opsSince(before); !reflect.DeepEqual(got, st.want) {
			t.Fatalf("%s: ops = %v\nwant %v", st.name, got, st.want)
		}
	}
	// A conversation without roaming state: its delete records nothing.
	x.upsert(item(1, "plain", 1, 0))
	before := x.lastOp()
	x.ok(func(cb Callback) int { return x.e.DeleteConvList(`["c2c_plain","c2c_b"]`, false, cb) })
	if got := x.opsSince(before); !reflect.DeepEqual(got, []string{`{"sync_op_type":9,"sync_op_conversation_id":"c2c_b"}`}) {
		t.Fatalf("delete list ops = %v", got)
	}
	// op ids are 1, 2, 3, … in order; max_ops takes the first ones.
	p := x.push(0)
	for i, op := range p.Get("sync_push_op_array").Array() {
		if op.Get("sync_op_id").Int() != int64(i+1) {
			t.Fatalf("op %d has id %d", i, op.Get("sync_op_id").Int())
		}
	}
	if n := len(x.push(3).Get("sync_push_op_array").Array()); n != 3 {
		t.Fatalf("max_ops 3 gave %d ops", n)
	}
	if !hex32.MatchString(p.Get("sync_push_client_id").String()) || p.Get("sync_push_last_version").Int() != 0 {
		t.Fatalf("push header: %s", p.Raw[:120])
	}
}

// The outbox and the client id survive logout and login (they are in the cache).
func TestOutboxSurvivesLogin(t *testing.T) {
	x := syncH(t)
	x.ok(func(cb Callback) int { return x.e.MarkConvs(`["c2c_a"]`, 2, true, cb) })
	before := x.push(0).Raw
	x.ok(func(cb Callback) int { return x.e.Logout(cb) })
	x.login("alice")
	if after := x.push(0).Raw; after != before {
		t.Fatalf("push after relogin = %s\nwant %s", after, before)
	}
	x.ok(func(cb Callback) int { return x.e.Logout(cb) })
	x.login("bob")
	if other := x.push(0); other.Get("sync_push_client_id").String() == gjson.Parse(before).Get("sync_push_client_id").String() || len(other.Get("sync_push_op_array").Array()) != 0 {
		t.Fatalf("bob's push = %s", other.Raw)
	}
}

// Crash safety: the outbox row is written inside the call's transaction, before it commits.
// When it cannot be written the whole call fails with 6019 and its change is rolled back, so
// no acknowledged change can be missing from the outbox (and no outbox row exists for a change
// that did not commit).
func TestOutboxRowCommitsWithTheChange(t *testing.T) {
	x := syncH(t)
	db, err := sql.Open("sqlite3", filepath.Join(store.UserDir(x.dir, 7, "alice"), store.DBFile))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec("ALTER TABLE outbox RENAME TO outbox_away"); err != nil {
		t.Fatal(err)
	}
	if code := x.code(func(cb Callback) int { return x.e.MarkConvs(`["c2c_a"]`, 1, true, cb) }); code != tim.CodeStorage {
		t.Fatalf("mark with no outbox: code %d, want 6019", code)
	}
	if m := x.conv(1, "a").Get("conv_mark_array"); strings.Contains(m.Raw, "1") {
		t.Fatalf("the mark was kept without its outbox row: %s", m.Raw)
	}
	if _, err := db.Exec("ALTER TABLE outbox_away RENAME TO outbox"); err != nil {
		t.Fatal(err)
	}
	x.ok(func(cb Callback) int { return x.e.MarkConvs(`["c2c_a"]`, 1, true, cb) })
	if got := x.opsSince(0); len(got) != 1 {
		t.Fatalf("ops = %v", got)
	}
}

// A cache that held roaming state before sync seeds its outbox once, at its first login: a
// create per group with its members, then per conversation (in list order) its pin, mark and
// custom data.
func TestSeedOutboxFromPreSyncCache(t *testing.T) {
	x := syncH(t)
	x.ok(func(cb Callback) int { return x.e.CreateGroup("Work", `["c2c_a","c2c_b"]`, cb) })
	x.ok(func(cb Callback) int { return x.e.MarkConvs(`["c2c_a"]`, 1<<33|2, true, cb) })
	x.ok(func(cb Callback) int { return x.e.PinConv("b", 1, true, cb) })
	x.ok(func(cb Callback) int { return x.e.SetCustomData(`["group_g"]`, "x", cb) })
	x.ok(func(cb Callback) int { return x.e.Logout(cb) })
	// Make it look like a cache migrated from before sync: an empty outbox, not seeded.
	st, err := store.Open(store.UserDir(x.dir, 7, "alice"), false)
	if err != nil {
		t.Fatal(err)
	}
	m, _ := st.SyncMeta()
	m.Seeded, m.LastOpID = false, 0
	if err := st.Begin(); err != nil {
		t.Fatal(err)
	}
	if err := st.ReplaceOutbox(nil); err != nil {
		t.Fatal(err)
	}
	if err := st.PutSyncMeta(m); err != nil {
		t.Fatal(err)
	}
	if err := st.Commit(); err != nil {
		t.Fatal(err)
	}
	st.Close()
	x.login("alice")
	want := []string{
		`{"sync_op_type":1,"sync_op_group_id":"G","sync_op_group_name":"Work","sync_op_conversation_id_array":["c2c_b","c2c_a"]}`,
		`{"sync_op_type":7,"sync_op_conversation_id":"c2c_b","sync_op_is_pinned":true}`,
		`{"sync_op_type":8,"sync_op_conversation_id_array":["group_g"],"sync_op_custom_data":"x"}`,
		`{"sync_op_type":6,"sync_op_conversation_id_array":["c2c_a"],"sync_op_mark_type":8589934594,"sync_op_enable_mark":true}`,
	}
	if got := x.opsSince(0); !reflect.DeepEqual(got, want) {
		t.Fatalf("seeded ops = %v\nwant %v", got, want)
	}
	x.ok(func(cb Callback) int { return x.e.Logout(cb) })
	x.login("alice")
	if got := x.opsSince(0); len(got) != len(want) {
		t.Fatalf("seeded twice: %v", got)
	}
}
