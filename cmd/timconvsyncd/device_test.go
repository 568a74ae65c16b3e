package main

import (
	"fmt"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/tidwall/gjson"

	"github.com/timconvgroup/timconvgroup/core/engine"
	"github.com/timconvgroup/timconvgroup/core/roam"
	"github.com/timconvgroup/timconvgroup/core/tim"
)

// deviceSink records what a device's listeners saw and hands each call's result back.
type deviceSink struct {
	mu      sync.Mutex
	results map[uintptr]chan engine.Delivery
	events  []engine.Delivery
}

func (s *deviceSink) Wants(engine.Kind) bool { return true }

func (s *deviceSink) Deliver(ds []engine.Delivery) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, d := range ds {
		if d.Kind == engine.KindResult {
			if ch := s.results[d.CB.Fn]; ch != nil {
				ch <- d
			}
		} else if d.Kind != engine.KindLog {
			s.events = append(s.events, d)
		}
	}
}

// device is one library instance on its own data directory (one of the user's devices).
type device struct {
	t    *testing.T
	name string
	e    *engine.Engine
	sink *deviceSink
	seq  uintptr
}

func newDevice(t *testing.T, name, user string) *device {
	t.Helper()
	s := &deviceSink{results: map[uintptr]chan engine.Delivery{}}
	d := &device{t: t, name: name, e: engine.New(s), sink: s}
	if r := d.e.Init(1400000000, engine.Config{DataDir: t.TempDir(), DispatchMode: engine.DispatchLibrary}); r != tim.Succ {
		t.Fatalf("%s: Init = %d", name, r)
	}
	t.Cleanup(d.e.Close)
	d.ok(func(cb engine.Callback) int { return d.e.Login(user, "sig", cb) })
	return d
}

func (d *device) call(fn func(cb engine.Callback) int) engine.Delivery {
	d.t.Helper()
	d.seq++
	ch := make(chan engine.Delivery, 1)
	d.sink.mu.Lock()
	d.sink.results[d.seq] = ch
	d.sink.mu.Unlock()
	if r := fn(engine.Callback{Fn: d.seq}); r != tim.Succ {
		d.t.Fatalf("%s: call rejected with %d", d.name, r)
	}
	return <-ch
}

func (d *device) ok(fn func(cb engine.Callback) int) string {
	d.t.Helper()
	r := d.call(fn)
	if r.Code != 0 {
		d.t.Fatalf("%s: code %d %s", d.name, r.Code, r.Desc)
	}
	return r.JSON
}

// sync does one round with the backend: push the pending operations, apply the answer. It
// returns the rejections the device reported.
func (d *device) sync(url, token string) []string {
	d.t.Helper()
	p := d.ok(func(cb engine.Callback) int { return d.e.SyncGetPendingChanges(0, cb) })
	a := do(d.t, "POST", url+"/v1/sync", token, p)
	if a.status != 200 {
		d.t.Fatalf("%s: push %d %s", d.name, a.status, a.body)
	}
	r := d.ok(func(cb engine.Callback) int { return d.e.SyncApply(a.body, cb) })
	var out []string
	gjson.Get(r, "sync_apply_rejected_array").ForEach(func(_, v gjson.Result) bool {
		out = append(out, fmt.Sprintf("%s type %d: %d", d.name, v.Get("sync_rejected_op_type").Int(), v.Get("sync_rejected_code").Int()))
		return true
	})
	return out
}

func (d *device) pending() int {
	p := d.ok(func(cb engine.Callback) int { return d.e.SyncGetPendingChanges(0, cb) })
	return len(gjson.Get(p, "sync_push_op_array").Array())
}

// summary is the device's roaming state as its calls show it: groups in order with their
// members, then every conversation's marks, pin and custom data.
func (d *device) summary() string {
	var b strings.Builder
	members := map[string][]string{}
	var convs []string
	gjson.Parse(d.ok(func(cb engine.Callback) int { return d.e.GetConvList(cb) })).ForEach(func(_, c gjson.Result) bool {
		key := map[int64]string{1: "c2c_", 2: "group_"}[c.Get("conv_type").Int()] + c.Get("conv_id").String()
		for _, g := range c.Get("conv_conversation_group_array").Array() {
			members[g.String()] = append(members[g.String()], key)
		}
		var marks uint64
		for _, m := range c.Get("conv_mark_array").Array() {
			marks |= m.Uint()
		}
		if marks != 0 || c.Get("conv_is_pinned").Bool() || c.Get("conv_custom_data").String() != "" {
			convs = append(convs, fmt.Sprintf("%s:%#x,%v,%q", key, marks, c.Get("conv_is_pinned").Bool(), c.Get("conv_custom_data").String()))
		}
		return true
	})
	for _, g := range gjson.Parse(d.ok(func(cb engine.Callback) int { return d.e.GetGroupList(cb) })).Array() {
		m := members[g.String()]
		sort.Strings(m)
		fmt.Fprintf(&b, "%s%v;", g.String(), m)
	}
	sort.Strings(convs)
	return b.String() + "|" + strings.Join(convs, ";")
}

func serverSummary(s *roam.State) string {
	var b strings.Builder
	for _, g := range s.Groups() {
		fmt.Fprintf(&b, "%s%v;", g.Name, g.Members)
	}
	var convs []string
	for _, id := range s.ConvIDs() {
		c := s.Conv(id)
		if c.Marks != 0 || c.Pinned || c.CustomData != "" {
			convs = append(convs, fmt.Sprintf("%s:%#x,%v,%q", id, c.Marks, c.Pinned, c.CustomData))
		}
	}
	sort.Strings(convs)
	return b.String() + "|" + strings.Join(convs, ";")
}

// Two devices of one user (two engines on two data directories) change things offline, with
// conflicts and a limit overflow, sync through the backend on PostgreSQL, and converge on the
// server's state; every operation that did not make it is reported on the device that made it.
func TestTwoDevicesConverge(t *testing.T) {
	url := startServer(t, newDB(t), nil)
	a, b := newDevice(t, "phone", "alice"), newDevice(t, "desktop", "alice")
	feed := `[{"conv_id":"ann","conv_type":1,"conv_active_time":5},{"conv_id":"bob","conv_type":1,"conv_active_time":4},` +
		`{"conv_id":"team","conv_type":2,"conv_active_time":3},{"conv_id":"cat","conv_type":1,"conv_active_time":2}]`
	for _, d := range []*device{a, b} {
		d.ok(func(cb engine.Callback) int { return d.e.UpsertConversations(feed, cb) })
	}
	// Offline: both make "Work"; the phone makes 19 more groups, the desktop one ("Extra",
	// which will be the 21st and is rejected), marks and pins.
	a.ok(func(cb engine.Callback) int { return a.e.CreateGroup("Work", `["c2c_ann"]`, cb) })
	for i := 0; i < 19; i++ {
		a.ok(func(cb engine.Callback) int { return a.e.CreateGroup(fmt.Sprintf("g%02d", i), `["c2c_cat"]`, cb) })
	}
	a.ok(func(cb engine.Callback) int { return a.e.MarkConvs(`["c2c_bob"]`, 1, true, cb) })
	b.ok(func(cb engine.Callback) int { return b.e.CreateGroup("Work", `["group_team"]`, cb) })
	b.ok(func(cb engine.Callback) int { return b.e.CreateGroup("Extra", `["c2c_bob"]`, cb) })
	b.ok(func(cb engine.Callback) int { return b.e.PinConv("cat", 1, true, cb) })
	b.ok(func(cb engine.Callback) int { return b.e.MarkConvs(`["c2c_bob"]`, 1<<32, true, cb) })

	var rejected []string
	rejected = append(rejected, a.sync(url, tokAlice)...)
	rejected = append(rejected, b.sync(url, tokAlice)...)
	// Now: one renames "Work" while the other adds to it (an add after the rename is 51009).
	a.ok(func(cb engine.Callback) int { return a.e.RenameGroup("Work", "Job", cb) })
	b.ok(func(cb engine.Callback) int { return b.e.AddToGroup("Work", `["c2c_cat"]`, cb) })
	b.ok(func(cb engine.Callback) int { return b.e.SetCustomData(`["c2c_ann"]`, "vip", cb) })
	rejected = append(rejected, a.sync(url, tokAlice)...)
	rejected = append(rejected, b.sync(url, tokAlice)...)
	rejected = append(rejected, a.sync(url, tokAlice)...)

	if a.pending() != 0 || b.pending() != 0 {
		t.Fatalf("pending after sync: %d, %d", a.pending(), b.pending())
	}
	sd, _ := getState(t, url, tokAlice, "")
	want := serverSummary(sd.State)
	for _, d := range []*device{a, b} {
		if got := d.summary(); got != want {
			t.Fatalf("%s: %s\nserver: %s", d.name, got, want)
		}
	}
	sort.Strings(rejected)
	if w := []string{"desktop type 1: 51010", "desktop type 4: 51009"}; fmt.Sprint(rejected) != fmt.Sprint(w) {
		t.Fatalf("rejections = %v, want %v", rejected, w)
	}
	if !strings.HasPrefix(want, "Job[c2c_ann group_team];") || !strings.Contains(want, `c2c_ann:0x0,false,"vip"`) ||
		!strings.Contains(want, "c2c_bob:0x100000001,false") || !strings.Contains(want, `c2c_cat:0x0,true,""`) || strings.Contains(want, "Extra") {
		t.Fatalf("server state: %s", want)
	}
	// The desktop's listeners saw the phone's groups arrive and "Work" become "Job".
	var saw []string
	for _, e := range b.sink.events {
		if e.Kind == engine.KindGroupNameChanged {
			saw = append(saw, e.Name+">"+e.Name2)
		}
	}
	if fmt.Sprint(saw) != "[Work>Job]" {
		t.Fatalf("desktop renames seen: %v", saw)
	}
}
