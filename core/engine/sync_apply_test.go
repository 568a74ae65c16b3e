package engine

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/tidwall/gjson"

	"github.com/timconvgroup/timconvgroup/core/roam"
	"github.com/timconvgroup/timconvgroup/core/tim"
)

// server is an in-process backend with the rules of core/roam (the same steps as
// cmd/timconvsyncd, without HTTP and PostgreSQL).
type server struct {
	t        *testing.T
	st       *roam.State
	version  uint64
	last     map[string]uint64
	rejected map[string][]roam.Result
}

func newServer(t *testing.T) *server {
	return &server{t: t, st: roam.NewState(), last: map[string]uint64{}, rejected: map[string][]roam.Result{}}
}

// sync pushes x's pending operations and returns the state document the server answers.
func (sv *server) sync(x *h) string {
	sv.t.Helper()
	p, derr := roam.DecodePush(x.push(0).Raw)
	if derr != nil {
		sv.t.Fatalf("push: %v", derr)
	}
	last, res := roam.ApplyPush(sv.st, sv.last[p.ClientID], p.Ops)
	if len(res) > 0 {
		sv.version++
	}
	sv.last[p.ClientID] = last
	for _, r := range res {
		if r.Code != 0 || len(r.RejectedItems()) > 0 {
			sv.rejected[p.ClientID] = append(sv.rejected[p.ClientID], r)
		}
	}
	return string(roam.EncodeState(&roam.StateDoc{Version: sv.version, ClientID: p.ClientID, LastOpID: last, Rejected: sv.rejected[p.ClientID], State: sv.st.Clone()}))
}

// fetch returns the state document for x's client without a push (GET /v1/state?client_id=).
func (sv *server) fetch(x *h) string {
	sv.t.Helper()
	id := x.push(0).Get("sync_push_client_id").String()
	return string(roam.EncodeState(&roam.StateDoc{Version: sv.version, ClientID: id, LastOpID: sv.last[id], Rejected: sv.rejected[id], State: sv.st.Clone()}))
}

// apply applies a state document and returns the callback and the events before it.
func (x *h) apply(doc string) (Delivery, []Delivery) {
	x.t.Helper()
	return x.do(func(cb Callback) int { return x.e.SyncApply(doc, cb) })
}

// evs summarises events: "start", "finish", "created:Work[c2c_a]", "update[c2c_a]", ...
func evs(ds []Delivery) []string {
	var out []string
	for _, d := range ds {
		keys := func() string {
			var ks []string
			gjson.Parse(d.JSON).ForEach(func(_, v gjson.Result) bool {
				p := "c2c_"
				if v.Get("conv_type").Int() == 2 {
					p = "group_"
				}
				ks = append(ks, p+v.Get("conv_id").String())
				return true
			})
			return "[" + strings.Join(ks, " ") + "]"
		}
		switch d.Kind {
		case KindConvEvent:
			out = append(out, map[int32]string{tim.EventAdd: "add", tim.EventUpdate: "update", tim.EventDel: "del", tim.EventStart: "start", tim.EventFinish: "finish"}[d.Event]+map[bool]string{true: keys(), false: ""}[d.Event < tim.EventStart])
		case KindGroupCreated:
			out = append(out, "created:"+d.Name+keys())
		case KindGroupDeleted:
			out = append(out, "deleted:"+d.Name)
		case KindGroupNameChanged:
			out = append(out, "renamed:"+d.Name+">"+d.Name2)
		case KindAddedToGroup:
			out = append(out, "added:"+d.Name+keys())
		case KindDeletedFromGroup:
			out = append(out, "removed:"+d.Name+keys())
		case KindSyncRejected:
			var cs []string
			gjson.Parse(d.JSON).ForEach(func(_, v gjson.Result) bool {
				cs = append(cs, fmt.Sprintf("%d/%d", v.Get("sync_rejected_op_id").Int(), v.Get("sync_rejected_code").Int()))
				return true
			})
			out = append(out, "rejected"+fmt.Sprint(cs))
		}
	}
	return out
}

func (x *h) groupsSummary() string {
	x.t.Helper()
	var b strings.Builder
	for _, n := range gjson.Parse(x.ok(func(cb Callback) int { return x.e.GetGroupList(cb) })).Array() {
		js := x.ok(func(cb Callback) int {
			return x.e.GetListByFilter(fmt.Sprintf(`{"conversation_list_filter_conversation_group":%q}`, n.String()), 0, 100, cb)
		})
		var ms []string
		gjson.Get(js, "conversation_list_result_conv_list").ForEach(func(_, v gjson.Result) bool {
			ms = append(ms, v.Get("conv_id").String())
			return true
		})
		fmt.Fprintf(&b, "%s%v;", n.String(), ms)
	}
	return b.String()
}

func pendingCount(x *h) int { return len(x.push(0).Get("sync_push_op_array").Array()) }

// A device that syncs its own changes: the outbox empties, nothing visible changes, and the
// events are just Start and Finish.
func TestApplyOwnChanges(t *testing.T) {
	x, sv := syncH(t), newServer(t)
	x.ok(func(cb Callback) int { return x.e.CreateGroup("Work", `["c2c_a","c2c_b"]`, cb) })
	x.ok(func(cb Callback) int { return x.e.MarkConvs(`["c2c_a"]`, 1, true, cb) })
	before := x.groupsSummary()
	d, ev := x.apply(sv.sync(x))
	if d.Code != 0 || !gjson.Get(d.JSON, "sync_apply_is_applied").Bool() || gjson.Get(d.JSON, "sync_apply_version").Int() != 1 || gjson.Get(d.JSON, "sync_apply_pending_count").Int() != 0 {
		t.Fatalf("apply: %d %s %s", d.Code, d.Desc, d.JSON)
	}
	if got := evs(ev); !reflect.DeepEqual(got, []string{"start", "finish"}) {
		t.Fatalf("events = %v", got)
	}
	if pendingCount(x) != 0 || x.push(0).Get("sync_push_last_version").Int() != 1 {
		t.Fatalf("push after apply = %s", x.push(0).Raw)
	}
	if after := x.groupsSummary(); after != before {
		t.Fatalf("groups %s, want %s", after, before)
	}
}

// Another device's changes arrive as the usual listener events between Start and Finish;
// roaming state of a conversation not fed yet is kept and shows when it is upserted.
func TestApplyOtherDevice(t *testing.T) {
	sv := newServer(t)
	other := newH(t)
	other.upsert(item(1, "a", 10, 0), item(1, "b", 20, 0), item(1, "new", 5, 0))
	other.ok(func(cb Callback) int { return other.e.CreateGroup("Work", `["c2c_a","c2c_new"]`, cb) })
	other.ok(func(cb Callback) int { return other.e.MarkConvs(`["c2c_b","c2c_new"]`, 2, true, cb) })
	other.ok(func(cb Callback) int { return other.e.PinConv("b", 1, true, cb) })
	other.ok(func(cb Callback) int { return other.e.SetCustomData(`["c2c_a"]`, "hi", cb) })
	sv.sync(other)

	x := syncH(t)
	_, ev := x.apply(sv.sync(x))
	want := []string{"start", "created:Work[c2c_a]", "update[c2c_a c2c_b]", "finish"}
	if got := evs(ev); !reflect.DeepEqual(got, want) {
		t.Fatalf("events = %v\nwant %v", got, want)
	}
	a, b := x.conv(1, "a"), x.conv(1, "b")
	if a.Get("conv_custom_data").String() != "hi" || a.Get("conv_conversation_group_array").Raw != `["Work"]` || !b.Get("conv_is_pinned").Bool() || b.Get("conv_mark_array").Raw != "[2]" {
		t.Fatalf("a = %s\nb = %s", a.Raw, b.Raw)
	}
	if pendingCount(x) != 0 {
		t.Fatalf("applying another device's state recorded ops: %s", x.push(0).Raw)
	}
	// c2c_new is fed now: it shows its marks and its group.
	x.upsert(item(1, "new", 1, 0))
	n := x.conv(1, "new")
	if n.Get("conv_mark_array").Raw != "[2]" || n.Get("conv_conversation_group_array").Raw != `["Work"]` {
		t.Fatalf("fed conversation = %s", n.Raw)
	}
	if got := x.groupsSummary(); got != "Work[a new];" {
		t.Fatalf("groups = %s", got)
	}
	// Local calls on unknown conversations still get 6004.
	d, _ := x.do(func(cb Callback) int { return x.e.MarkConvs(`["c2c_ghost"]`, 1, true, cb) })
	if c := itemCodes(d.JSON); len(c) != 1 || c[0] != tim.CodeConvNotFound {
		t.Fatalf("mark of unknown: %s", d.JSON)
	}
}

// Still-pending local operations are replayed on top of the server's state: a local edit
// not yet pushed is never lost.
func TestApplyKeepsPendingEdits(t *testing.T) {
	x, sv := syncH(t), newServer(t)
	x.apply(sv.sync(x)) // version 0, nothing
	x.ok(func(cb Callback) int { return x.e.CreateGroup("Mine", `["c2c_a"]`, cb) })
	x.ok(func(cb Callback) int { return x.e.MarkConvs(`["c2c_b"]`, 1, true, cb) })
	// Another device's state arrives before this device pushed.
	other := newH(t)
	other.upsert(item(1, "b", 1, 0))
	other.ok(func(cb Callback) int { return other.e.CreateGroup("Theirs", `["c2c_b"]`, cb) })
	sv.sync(other)
	_, ev := x.apply(sv.fetch(x)) // the state, without pushing
	if got := evs(ev); !reflect.DeepEqual(got, []string{"start", "created:Theirs[c2c_b]", "update[c2c_b]", "finish"}) {
		t.Fatalf("events = %v", got)
	}
	if got := x.groupsSummary(); got != "Theirs[b];Mine[a];" {
		t.Fatalf("groups = %s", got)
	}
	if x.conv(1, "b").Get("conv_mark_array").Raw != "[1]" || pendingCount(x) != 2 {
		t.Fatalf("pending edits lost: b = %s, pending %d", x.conv(1, "b").Raw, pendingCount(x))
	}
	// Now push them: the server merges, and the device ends with the server's state.
	x.apply(sv.sync(x))
	if pendingCount(x) != 0 || x.groupsSummary() != "Theirs[b];Mine[a];" {
		t.Fatalf("after push: pending %d, groups %s", pendingCount(x), x.groupsSummary())
	}
	if want := string(roam.EncodeStateOnly(sv.st)); x.e.sessState(t) != want {
		t.Fatalf("device state %s\nserver %s", x.e.sessState(t), want)
	}
}

// An operation the server rejected is rolled back locally and reported once, with its code,
// to the rejected listener and in the callback's JSON.
func TestApplyReportsRejections(t *testing.T) {
	sv := newServer(t)
	a, b := syncH(t), syncH(t)
	a.ok(func(cb Callback) int { return a.e.CreateGroup("Work", `["c2c_a"]`, cb) })
	a.apply(sv.sync(a))
	b.apply(sv.sync(b))
	a.ok(func(cb Callback) int { return a.e.RenameGroup("Work", "Job", cb) })
	b.ok(func(cb Callback) int { return b.e.AddToGroup("Work", `["c2c_b"]`, cb) })
	b.ok(func(cb Callback) int { return b.e.MarkConvs(`["c2c_b"]`, 4, true, cb) })
	a.apply(sv.sync(a))
	d, ev := b.apply(sv.sync(b))
	want := []string{"rejected[1/51009]", "start", "renamed:Work>Job", "removed:Job[c2c_b]", "update[c2c_a c2c_b]", "finish"}
	if got := evs(ev); !reflect.DeepEqual(got, want) {
		t.Fatalf("events = %v\nwant %v", got, want)
	}
	rej := gjson.Get(d.JSON, "sync_apply_rejected_array").Array()
	if len(rej) != 1 || rej[0].Get("sync_rejected_code").Int() != 51009 || rej[0].Get("sync_rejected_op_type").Int() != 4 {
		t.Fatalf("callback JSON = %s", d.JSON)
	}
	if got := b.groupsSummary(); got != "Job[a];" || b.conv(1, "b").Get("conv_mark_array").Raw != "[4]" {
		t.Fatalf("b: groups %s, c2c_b %s", got, b.conv(1, "b").Raw)
	}
	// Reported once: the next document (which still carries it) reports nothing.
	_, ev = b.apply(sv.sync(b))
	if got := evs(ev); !reflect.DeepEqual(got, []string{"start", "finish"}) {
		t.Fatalf("second apply events = %v", got)
	}
}

// A state document older than the last one applied changes nothing; a malformed one gets a
// clear code and changes nothing.
func TestApplyOldAndMalformedDocuments(t *testing.T) {
	x, sv := syncH(t), newServer(t)
	x.ok(func(cb Callback) int { return x.e.CreateGroup("Work", `["c2c_a"]`, cb) })
	v1 := sv.sync(x)
	x.apply(v1)
	x.ok(func(cb Callback) int { return x.e.RenameGroup("Work", "Job", cb) })
	v2 := sv.sync(x)
	x.apply(v2)
	d, ev := x.apply(v1)
	if d.Code != 0 || gjson.Get(d.JSON, "sync_apply_is_applied").Bool() || len(evs(ev)) != 0 {
		t.Fatalf("old document: %d %s %v", d.Code, d.JSON, evs(ev))
	}
	if x.groupsSummary() != "Job[a];" || x.push(0).Get("sync_push_last_version").Int() != 2 {
		t.Fatalf("old document changed the state: %s", x.groupsSummary())
	}
	for _, doc := range []string{"", "{", "[]", `{"sync_state_version":"1"}`, `{"sync_state_group_array":[]}`, strings.Repeat("[", 100)} {
		if r := x.e.SyncApply(doc, Callback{Fn: 1}); r != tim.ErrJSON {
			t.Fatalf("SyncApply(%q) = %d, want -3", doc, r)
		}
	}
	var groups []string
	for i := 0; i < 21; i++ {
		groups = append(groups, fmt.Sprintf(`{"sync_group_id":"g%d","sync_group_name":"n%d"}`, i, i))
	}
	bad := map[string]tim.Code{
		`{"sync_state_version":9,"sync_state_group_array":[` + strings.Join(groups, ",") + `]}`:                                                       tim.CodeTooManyGroups,
		`{"sync_state_version":9,"sync_state_conv_array":[{"sync_conv_conversation_id":"bad","sync_conv_mark_type":1}]}`:                              tim.CodeInvalidParam,
		`{"sync_state_version":9,"sync_state_conv_array":[{"sync_conv_conversation_id":"c2c_a","sync_conv_mark_type":16}]}`:                           tim.CodeInvalidParam,
		`{"sync_state_version":9,"sync_state_group_array":[{"sync_group_id":"x","sync_group_name":"A"},{"sync_group_id":"x","sync_group_name":"B"}]}`: tim.CodeInvalidParam,
		`{"sync_state_version":9,"sync_state_client_id":"someone_else","sync_state_group_array":[],"sync_state_conv_array":[]}`:                       tim.CodeInvalidParam,
	}
	for doc, want := range bad {
		d, ev := x.apply(doc)
		if d.Code != want || len(evs(ev)) != 0 {
			t.Fatalf("%s: code %d (%s), events %v; want %d", doc, d.Code, d.Desc, evs(ev), want)
		}
	}
	if x.groupsSummary() != "Job[a];" || x.push(0).Get("sync_push_last_version").Int() != 2 {
		t.Fatalf("a refused document changed the state: %s", x.groupsSummary())
	}
	// "Unchanged" for a version this device does not hold: nothing changes.
	d, ev = x.apply(`{"sync_state_version":9,"sync_state_is_unchanged":true}`)
	if d.Code != 0 || gjson.Get(d.JSON, "sync_apply_is_applied").Bool() || len(evs(ev)) != 0 || x.push(0).Get("sync_push_last_version").Int() != 2 {
		t.Fatalf("unchanged for another version: %d %s %v", d.Code, d.JSON, evs(ev))
	}
	// "Unchanged" for the version held: the confirmed state is kept, pending ops replayed.
	x.ok(func(cb Callback) int { return x.e.MarkConvs(`["c2c_b"]`, 1, true, cb) })
	d, ev = x.apply(`{"sync_state_version":2,"sync_state_client_id":"` + x.push(0).Get("sync_push_client_id").String() + `","sync_state_last_op_id":2,"sync_state_is_unchanged":true}`)
	if d.Code != 0 || !reflect.DeepEqual(evs(ev), []string{"start", "finish"}) || pendingCount(x) != 1 || x.groupsSummary() != "Job[a];" {
		t.Fatalf("unchanged: %d %s %v pending %d", d.Code, d.Desc, evs(ev), pendingCount(x))
	}
}

// A state document whose last op_id is above every op_id this client allocated (the cache was
// restored from an older copy): nothing else changes; a new client id, the pending operations
// renumbered from 1.
func TestApplyStaleClient(t *testing.T) {
	x := syncH(t)
	x.ok(func(cb Callback) int { return x.e.MarkConvs(`["c2c_a"]`, 1, true, cb) })
	x.ok(func(cb Callback) int { return x.e.MarkConvs(`["c2c_b"]`, 1, true, cb) })
	p := x.push(0)
	id := p.Get("sync_push_client_id").String()
	d, _ := x.apply(`{"sync_state_version":5,"sync_state_client_id":"` + id + `","sync_state_last_op_id":7,"sync_state_group_array":[],"sync_state_conv_array":[]}`)
	if d.Code != 0 || !gjson.Get(d.JSON, "sync_apply_is_client_id_renewed").Bool() || gjson.Get(d.JSON, "sync_apply_is_applied").Bool() ||
		x.push(0).Get("sync_push_last_version").Int() != 0 {
		t.Fatalf("apply: %d %s", d.Code, d.JSON)
	}
	q := x.push(0)
	ops := q.Get("sync_push_op_array").Array()
	if q.Get("sync_push_client_id").String() == id || !hex32.MatchString(q.Get("sync_push_client_id").String()) || len(ops) != 2 ||
		ops[0].Get("sync_op_id").Int() != 1 || ops[1].Get("sync_op_id").Int() != 2 || x.conv(1, "b").Get("conv_mark_array").Raw != "[1]" {
		t.Fatalf("after a stale document: %s", q.Raw)
	}
	// The next call continues the numbering.
	x.ok(func(cb Callback) int { return x.e.PinConv("a", 1, true, cb) })
	if ops := x.push(0).Get("sync_push_op_array").Array(); len(ops) != 3 || ops[2].Get("sync_op_id").Int() != 3 {
		t.Fatalf("numbering after renewal: %s", x.push(0).Raw)
	}
	// The backend's own word (sync_state_is_client_stale: an op id it applied with other
	// content, so the last op id is not above what this client allocated) renews the same way.
	id = x.push(0).Get("sync_push_client_id").String()
	d, _ = x.apply(`{"sync_state_version":5,"sync_state_client_id":"` + id + `","sync_state_last_op_id":3,"sync_state_is_client_stale":true,"sync_state_group_array":[],"sync_state_conv_array":[]}`)
	if q := x.push(0); d.Code != 0 || !gjson.Get(d.JSON, "sync_apply_is_client_id_renewed").Bool() ||
		q.Get("sync_push_client_id").String() == id || len(q.Get("sync_push_op_array").Array()) != 3 {
		t.Fatalf("apply of a stale answer: %d %s / %s", d.Code, d.JSON, q.Raw)
	}
}

// sessState returns the device's roaming state (what the cache shows) as EncodeStateOnly.
func (e *Engine) sessState(t *testing.T) string {
	t.Helper()
	r, rc := e.call(true, false, func() (result, error) {
		st, _, err := e.sess.localState()
		if err != nil {
			return result{}, err
		}
		return ok(string(roam.EncodeStateOnly(st))), nil
	})
	if rc != tim.Succ {
		t.Fatalf("sessState: %d", rc)
	}
	return r.json
}

// A pending operation that the rules refuse on the server's state has no effect on what the
// device shows, but stays pending (the server decides); when the server rejects it, it leaves
// the outbox and is reported.
func TestApplyPendingRefusedByReplay(t *testing.T) {
	sv := newServer(t)
	a, b := syncH(t), syncH(t)
	a.ok(func(cb Callback) int { return a.e.CreateGroup("Work", `["c2c_a"]`, cb) })
	a.apply(sv.sync(a))
	b.apply(sv.sync(b))
	a.ok(func(cb Callback) int { return a.e.DeleteGroup("Work", cb) })
	a.apply(sv.sync(a))
	b.ok(func(cb Callback) int { return b.e.AddToGroup("Work", `["c2c_b"]`, cb) })
	// b fetches without pushing (a document that names no client acknowledges nothing).
	doc := string(roam.EncodeState(&roam.StateDoc{Version: sv.version, State: sv.st.Clone()}))
	_, ev := b.apply(doc)
	if got := evs(ev); !reflect.DeepEqual(got, []string{"start", "deleted:Work", "update[c2c_a c2c_b]", "finish"}) {
		t.Fatalf("events = %v", got)
	}
	if pendingCount(b) != 1 || b.groupsSummary() != "" {
		t.Fatalf("pending %d, groups %q", pendingCount(b), b.groupsSummary())
	}
	_, ev = b.apply(sv.sync(b))
	if got := evs(ev); !reflect.DeepEqual(got, []string{"rejected[1/51009]", "start", "finish"}) || pendingCount(b) != 0 {
		t.Fatalf("after push: events %v, pending %d", got, pendingCount(b))
	}
}

// A conversation can change groups without its ConvInfo changing: this device added it to
// "X" while another device renamed "X" to "Y" and "Home" to "X"; the server applies the add
// to the group now called "X". The conversation's group names are the same before and after
// (["X"]), so it gets no kTIMConvEvent_Update, but it left one group and joined another: the
// events say so, and the group filter (the membership rows) follows.
func TestApplyMoveBetweenRenamedGroups(t *testing.T) {
	sv := newServer(t)
	a, b := syncH(t), syncH(t)
	a.ok(func(cb Callback) int { return a.e.CreateGroup("X", `["c2c_a"]`, cb) })
	a.ok(func(cb Callback) int { return a.e.CreateGroup("Home", `["c2c_b"]`, cb) })
	a.apply(sv.sync(a))
	b.apply(sv.sync(b))
	a.ok(func(cb Callback) int { return a.e.RenameGroup("X", "Y", cb) })
	a.ok(func(cb Callback) int { return a.e.RenameGroup("Home", "X", cb) })
	a.apply(sv.sync(a))
	b.ok(func(cb Callback) int { return b.e.AddToGroup("X", `["group_g"]`, cb) })
	if got := b.groupsSummary(); got != "X[g a];Home[b];" {
		t.Fatalf("b before: %s", got)
	}
	_, ev := b.apply(sv.sync(b))
	want := []string{"start", "renamed:X>Y", "renamed:Home>X", "removed:Y[group_g]", "added:X[group_g]", "update[c2c_a c2c_b]", "finish"}
	if got := evs(ev); !reflect.DeepEqual(got, want) {
		t.Fatalf("events = %v\nwant %v", got, want)
	}
	if got := b.groupsSummary(); got != "Y[a];X[g b];" {
		t.Fatalf("b after: %s", got)
	}
	if got, want := b.e.sessState(t), string(roam.EncodeStateOnly(sv.st)); got != want {
		t.Fatalf("device state %s\nserver %s", got, want)
	}
}
