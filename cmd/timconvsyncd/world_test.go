package main

// The oracle of the convergence and fault tests (converge_test.go): several device processes
// (devproc_test.go) of one user, the real timconvsyncd binary on the test's PostgreSQL, and a
// replica of the server that the test keeps with core/roam.
//
// The test carries every document itself, one request at a time, so it knows the order in
// which the server received the pushes. Its replica applies each push with roam.ApplyPush in
// that order; the server's answer must then hold exactly the replica's state, version and last
// op id: the server applied every operation it received once, in arrival order, by the rules.
//
// Checked after every command a device runs:
//   - the rules on the device: what it shows (TIMConvGetConvList, TIMConvGetConversationGroupList)
//     is roam.Replay(the last state document it applied, its outbox), restricted to the
//     conversations it lists. After a local call this also proves that the call's effect is in
//     the outbox: a change made without its operation would be missing from the replay.
//   - the listeners: the events of the command, folded into what the device showed before,
//     give what it shows after (fold, in devproc_test.go). Group order is left out of this
//     comparison: the listeners cannot say where a group created by another device lands
//     (the group list gives the order; the final check compares it).
//   - an apply reports the same rejections to TIMSetConvSyncRejectedCallback (before
//     kTIMConvEvent_Start) and in its callback's JSON, never the same operation twice.
//
// "No operation is lost without a rejection" then means, at the end (finish):
//   - every operation a device allocated reached the server: the op ids the server received
//     from each client are 1..the highest that client allocated, and every outbox is empty;
//   - each of them the server applied by the rules, in arrival order (the replica), so its
//     effect is in the final state unless a later operation in arrival order (any device's)
//     overwrote it: last-writer-wins is the rule, not a loss;
//   - each operation the rules rejected, whole or for some items, was reported exactly once,
//     on the device that made it, with the operation's type, code and rejected items; and no
//     other rejection was reported;
//   - every device shows the server's state: groups in order with their members, and every
//     conversation's marks, pin and custom data (after the host feeds every conversation
//     again, so that state kept for conversations a device deleted shows too).

import (
	"fmt"
	"io"
	"net/http"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/tidwall/gjson"

	"github.com/timconvgroup/timconvgroup/core/roam"
)

type world struct {
	t     *testing.T
	url   string
	token string
	user  string

	ref     *roam.State                       // the replica of the server's state
	version uint64                            // the replica's version
	last    map[string]uint64                 // per client: last applied op id
	results map[string]map[uint64]roam.Result // per client: the result of each applied op
	seen    map[string]map[uint64]string      // per client: each op received, encoded

	devs     []*dev
	trail    []string               // what happened, for a failure message
	restored map[string]bool        // clients whose cache was restored from an older copy
	snap     map[uint64]*roam.State // the replica's state at each version
	atOnce   int                    // pushAll calls
}

// dev is one device: its process and what the test knows of it.
type dev struct {
	*devProc
	w         *world
	confirmed *roam.State // the state of the last state document it applied
	version   uint64
	clients   []string                     // client ids it has used
	reported  map[string]map[uint64]string // per client: rejections reported, rendered
	held      []string                     // answers received and not applied yet
	last      *shown                       // what it showed after its last command (nil: read it again)
	light     bool                         // local calls skip the checks (bulk work on large states)
	events    []line                       // the listener lines of its last command
}

func newWorld(t *testing.T, url, token, user string) *world {
	return &world{t: t, url: url, token: token, user: user, ref: roam.NewState(),
		last: map[string]uint64{}, results: map[string]map[uint64]roam.Result{}, seen: map[string]map[uint64]string{},
		restored: map[string]bool{}}
}

func (w *world) note(format string, args ...any) {
	w.trail = append(w.trail, fmt.Sprintf(format, args...))
}

func (w *world) fail(format string, args ...any) {
	w.t.Helper()
	tail := w.trail
	if len(tail) > 40 {
		tail = tail[len(tail)-40:]
	}
	w.t.Fatalf("%s\nlast steps:\n  %s", fmt.Sprintf(format, args...), strings.Join(tail, "\n  "))
}

// addDevice starts a device process on dir and logs it in.
func (w *world) addDevice(name, dir string) *dev {
	d := &dev{w: w, confirmed: roam.NewState(), reported: map[string]map[uint64]string{}}
	d.devProc = startDevice(w.t, name, dir, w.user)
	d.last = d.shown()
	w.devs = append(w.devs, d)
	return d
}

// restart kills the device's process with SIGKILL and starts it again on the same cache.
func (d *dev) restart() {
	d.kill()
	d.w.note("%s: kill -9, restart", d.name)
	d.restartOnly()
}

// restartOnly starts the device's process again on its cache (after kill) and checks it.
func (d *dev) restartOnly() {
	d.restartOnlyWith(nil)
}

// restartOnlyWith is restartOnly with the check replaced by ok (nil: checkView).
func (d *dev) restartOnlyWith(ok func() bool) {
	d.w.t.Helper()
	d.devProc = startDevice(d.w.t, d.name, d.dir, d.w.user)
	d.last = d.shown()
	if ok == nil {
		d.checkView()
	} else if !ok() {
		got, _, _ := d.view()
		d.w.fail("%s after the restart shows neither the state before nor after:\n  %s", d.name, got)
	}
}

// run runs a command on the device and checks the listeners and the rules (see above).
func (d *dev) run(fields ...string) line {
	w := d.w
	w.t.Helper()
	evs, r := d.do(fields...)
	d.events = evs
	w.note("%s: %s → ret %d code %d %.120s (%d events)", d.name, brief(strings.Join(fields, " ")), r.Ret, r.Code, r.A, len(evs))
	if d.light {
		d.last = nil
	} else {
		d.check(fields[0], evs)
	}
	return r
}

// fresh makes sure d.last is what the device shows (after light calls).
func (d *dev) fresh() {
	if d.last == nil {
		d.last = d.shown()
		d.checkView()
	}
}

func brief(s string) string {
	if len(s) > 100 {
		return s[:100] + "…"
	}
	return s
}

// check verifies the events of a command against what the device shows, and what it shows
// against the rules.
func (d *dev) check(what string, evs []line) {
	w := d.w
	w.t.Helper()
	before := d.last
	after := d.shown()
	folded := before.clone()
	if errs := fold(folded, evs); len(errs) > 0 {
		w.fail("%s: %s: the events make no sense: %v", d.name, what, errs)
	}
	if got, want := folded.render(false), after.render(false); got != want {
		w.fail("%s: %s: the events applied to what it showed before give\n  %s\nit shows\n  %s", d.name, what, got, want)
	}
	d.last = after
	d.checkView()
}

// checkView: the device shows Replay(confirmed, outbox) for the conversations it lists.
func (d *dev) checkView() {
	w := d.w
	w.t.Helper()
	if got, want, n := d.view(); got != want {
		w.fail("%s shows\n  %s\nthe rules give (confirmed state + %d pending ops)\n  %s", d.name, got, n, want)
	}
}

func (d *dev) viewMatches() bool {
	got, want, _ := d.view()
	return got == want
}

// view returns what the device shows and what the rules give, and the pending op count.
func (d *dev) view() (string, string, int) {
	_, p := d.pending(0)
	d.useClient(p.ClientID)
	view, _ := roam.Replay(d.confirmed, p.Ops)
	fed := map[string]bool{}
	for k := range d.last.convs {
		fed[k] = true
	}
	return d.last.String(), fromState(view, fed).String(), len(p.Ops)
}

func (d *dev) useClient(id string) {
	for _, c := range d.clients {
		if c == id {
			return
		}
	}
	d.clients = append(d.clients, id)
}

// ---- the server and its replica ----

// post sends a push document to the backend and checks the answer against the replica.
func (w *world) post(d *dev, doc string) string {
	w.t.Helper()
	status, body := w.push(d, doc)
	if status != 200 {
		w.fail("%s: push: %d %s", d.name, status, body)
	}
	return body
}

// push is post that also takes the stale-client answer to a restored cache's push (HTTP 200,
// sync_state_is_client_stale: the server applied nothing).
func (w *world) push(d *dev, doc string) (int, string) {
	w.t.Helper()
	p, derr := roam.DecodePush(doc)
	if derr != nil {
		w.fail("%s: push document: %v", d.name, derr)
	}
	a := do(w.t, "POST", w.url+"/v1/sync", w.token, doc)
	if a.status == 200 && w.restored[p.ClientID] && strings.Contains(a.body, `"sync_state_is_client_stale":true`) {
		w.note("%s: pushed %d ops → stale client %s", d.name, len(p.Ops), a.body)
		return a.status, a.body
	}
	if a.status == 200 {
		w.account(d, p, a.body)
	}
	return a.status, a.body
}

// account applies a push that the server answered to the replica, and checks the answer: a
// push that applied something answers the replica's new state and version; one that applied
// nothing answers the state of the version it names (pushes sent at once are accounted in the
// order of their versions).
func (w *world) account(d *dev, p *roam.Push, body string) {
	w.t.Helper()
	c := p.ClientID
	if w.seen[c] == nil {
		w.seen[c], w.results[c] = map[uint64]string{}, map[uint64]roam.Result{}
	}
	if w.snap == nil {
		w.snap = map[uint64]*roam.State{0: roam.NewState()}
	}
	for i := range p.Ops {
		enc := string(roam.AppendOp(nil, &p.Ops[i]))
		old, ok := w.seen[c][p.Ops[i].ID]
		if ok && w.restored[c] {
			continue // a restored cache's op id used again: skipped by the server, renumbered by the device
		}
		if ok && old != enc {
			w.fail("%s: op %d sent again with other content:\n  %s\n  %s", d.name, p.Ops[i].ID, old, enc)
		}
		w.seen[c][p.Ops[i].ID] = enc
	}
	newLast, res := roam.ApplyPush(w.ref, w.last[c], p.Ops)
	w.last[c] = newLast
	for _, r := range res {
		w.results[c][r.OpID] = r
	}
	if len(res) > 0 {
		w.version++
		w.snap[w.version] = w.ref.Clone()
	}
	sd, derr := roam.DecodeState(body)
	if derr != nil {
		w.fail("%s: answer: %v", d.name, derr)
	}
	want := w.snap[sd.Version]
	if len(res) > 0 && sd.Version != w.version || want == nil || sd.LastOpID != newLast || sd.ClientID != c || !sd.State.Equal(want) {
		w.fail("%s: the server answered v%d last op %d client %s\n  %s\nthe replica: v%d last op %d\n  %s",
			d.name, sd.Version, sd.LastOpID, sd.ClientID, summary(sd.State), w.version, newLast, summary(w.ref))
	}
	w.note("%s: pushed %d ops (%d applied) → v%d, rejected %s", d.name, len(p.Ops), len(res), sd.Version, rej(sd))
}

// pushAll sends the pending operations of several devices at once (concurrent requests; the
// server serialises them in an order of its own) and returns each answer.
func (w *world) pushAll(devs []*dev) []string {
	w.t.Helper()
	docs := make([]string, len(devs))
	pushes := make([]*roam.Push, len(devs))
	for i, d := range devs {
		docs[i], pushes[i] = d.pending(0)
	}
	type got struct {
		status int
		body   string
		err    error
	}
	answers := make([]got, len(devs))
	var wg sync.WaitGroup
	for i := range devs {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			req, err := http.NewRequest("POST", w.url+"/v1/sync", strings.NewReader(docs[i]))
			if err != nil {
				answers[i].err = err
				return
			}
			req.Header.Set("Authorization", "Bearer "+w.token)
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				answers[i].err = err
				return
			}
			defer resp.Body.Close()
			b, err := io.ReadAll(resp.Body)
			answers[i] = got{resp.StatusCode, string(b), err}
		}(i)
	}
	wg.Wait()
	// Account the pushes that applied something in the order of their versions, then the others.
	order := make([]int, len(devs))
	vers := make([]uint64, len(devs))
	for i, a := range answers {
		if a.err != nil || a.status != 200 {
			w.fail("%s: push: %d %s %v", devs[i].name, a.status, a.body, a.err)
		}
		order[i] = i
		sd, derr := roam.DecodeState(a.body)
		if derr != nil {
			w.fail("%s: answer: %v", devs[i].name, derr)
		}
		vers[i] = sd.Version
		if last := w.last[pushes[i].ClientID]; len(pushes[i].Ops) == 0 || pushes[i].Ops[len(pushes[i].Ops)-1].ID <= last {
			vers[i] = 1<<63 + vers[i] // applied nothing
		}
	}
	sort.Slice(order, func(a, b int) bool { return vers[order[a]] < vers[order[b]] })
	w.note("---- %d pushes at once ----", len(devs))
	w.atOnce++
	out := make([]string, len(devs))
	for _, i := range order {
		w.account(devs[i], pushes[i], answers[i].body)
		out[i] = answers[i].body
	}
	return out
}

// stateDoc fetches GET /v1/state (with this device's client id, or none).
func (w *world) stateDoc(d *dev, withClient bool) string {
	return w.stateSince(d, withClient, "")
}

// stateSince fetches GET /v1/state?since=V (V "": without since).
func (w *world) stateSince(d *dev, withClient bool, since string) string {
	w.t.Helper()
	var q []string
	if withClient {
		_, p := d.pending(0)
		q = append(q, "client_id="+p.ClientID)
	}
	if since != "" {
		q = append(q, "since="+since)
	}
	if len(q) > 0 {
		q[0] = "?" + q[0]
	}
	qs := strings.Join(q, "&")
	a := do(w.t, "GET", w.url+"/v1/state"+qs, w.token, "")
	if a.status != 200 {
		w.fail("%s: state: %d %s", d.name, a.status, a.body)
	}
	return a.body
}

// apply gives a state document to the device and checks what it reports.
func (d *dev) apply(doc string) (applied bool) {
	w := d.w
	w.t.Helper()
	sd, derr := roam.DecodeState(doc)
	if derr != nil {
		w.fail("%s: state document: %v", d.name, derr)
	}
	d.fresh()
	_, p := d.pending(0)
	client := p.ClientID
	evs, r := d.do("apply", doc)
	d.events = evs
	w.note("%s: apply v%d last op %d (device at v%d) → %.160s (%d events)", d.name, sd.Version, sd.LastOpID, d.version, r.A, len(evs))
	if r.Ret != 0 || r.Code != 0 {
		w.fail("%s: apply: %+v", d.name, r)
	}
	res := gjson.Parse(r.A)
	applied = res.Get("sync_apply_is_applied").Bool()
	if res.Get("sync_apply_is_client_id_renewed").Bool() {
		if !w.restored[client] || applied || len(evs) != 0 {
			w.fail("%s: the client id was renewed (applied %v, %d events)", d.name, applied, len(evs))
		}
		d.check("apply", evs)
		return false
	}
	if want := sd.Version == d.version || !sd.Unchanged && sd.Version > d.version; applied != want {
		w.fail("%s: a document at v%d (unchanged %v) applied %v on a device at v%d", d.name, sd.Version, sd.Unchanged, applied, d.version)
	}
	if applied {
		if !sd.Unchanged {
			d.confirmed = sd.State
		}
		d.version = sd.Version
	}
	d.check("apply", evs)
	// The rejections: the same in the listener and in the callback, each reported once.
	cbRej := res.Get("sync_apply_rejected_array")
	var lis []string
	for _, e := range evs {
		if e.K == "rejected" {
			lis = append(lis, e.A)
		}
	}
	n := len(cbRej.Array())
	switch {
	case n == 0 && len(lis) != 0:
		w.fail("%s: rejected listener %v, callback reports none", d.name, lis)
	case n > 0 && (len(lis) != 1 || renderRejected(gjson.Parse(lis[0])) != renderRejected(cbRej)):
		w.fail("%s: rejected listener %v, callback %s", d.name, lis, cbRej.Raw)
	case n > 0 && evs[0].K != "rejected":
		w.fail("%s: the rejected listener is not the first event: %+v", d.name, evs)
	}
	if d.reported[client] == nil {
		d.reported[client] = map[uint64]string{}
	}
	cbRej.ForEach(func(_, v gjson.Result) bool {
		id := v.Get("sync_rejected_op_id").Uint()
		if _, dup := d.reported[client][id]; dup {
			w.fail("%s: op %d reported rejected twice", d.name, id)
		}
		d.reported[client][id] = renderOne(v)
		return true
	})
	if applied && int(res.Get("sync_apply_pending_count").Int()) != len(pendingAfter(p, sd)) {
		w.fail("%s: pending count %d", d.name, res.Get("sync_apply_pending_count").Int())
	}
	return applied
}

func pendingAfter(p *roam.Push, sd *roam.StateDoc) []roam.Op {
	var out []roam.Op
	for _, op := range p.Ops {
		if op.ID > sd.LastOpID {
			out = append(out, op)
		}
	}
	return out
}

func renderOne(v gjson.Result) string {
	s := fmt.Sprintf("type %d code %d", v.Get("sync_rejected_op_type").Int(), v.Get("sync_rejected_code").Int())
	v.Get("sync_rejected_item_array").ForEach(func(_, it gjson.Result) bool {
		s += fmt.Sprintf(" [%s:%d]", it.Get("conversation_operation_result_conversation_id").String(), it.Get("conversation_operation_result_result_code").Int())
		return true
	})
	return s
}

func renderRejected(a gjson.Result) string {
	var out []string
	a.ForEach(func(_, v gjson.Result) bool {
		out = append(out, fmt.Sprintf("%d: %s", v.Get("sync_rejected_op_id").Uint(), renderOne(v)))
		return true
	})
	return strings.Join(out, "; ")
}

func renderResult(r roam.Result) string {
	s := fmt.Sprintf("type %d code %d", r.Type, r.Code)
	for _, it := range r.RejectedItems() {
		s += fmt.Sprintf(" [%s:%d]", it.ConvID, it.Code)
	}
	return s
}

// round is one full sync round of a device: push every pending op, apply the answer.
func (d *dev) round() {
	d.w.t.Helper()
	doc, _ := d.pending(0)
	d.apply(d.w.post(d, doc))
}

// finish syncs every device until every outbox is empty and every device holds the server's
// version, feeds every conversation again (feed: the host's upsert of its whole list), and
// checks the end conditions (see the top of this file).
func (w *world) finish(feed string) {
	w.t.Helper()
	w.note("---- final rounds ----")
	for i := 0; ; i++ {
		if i == 10 {
			w.fail("no convergence after 10 final rounds")
		}
		quiet := true
		for _, d := range w.devs {
			if _, p := d.pending(0); len(p.Ops) > 0 {
				quiet = false
			}
			d.round()
		}
		if quiet {
			break
		}
	}
	for _, d := range w.devs {
		d.light = false
		d.fresh()
		if r := d.run("upsert", feed); r.Ret != 0 || r.Code != 0 {
			w.fail("%s: upsert: %+v", d.name, r)
		}
	}
	doc := w.stateDoc(w.devs[0], false)
	sd, derr := roam.DecodeState(doc)
	if derr != nil {
		w.fail("state: %v", derr)
	}
	if sd.Version != w.version || !sd.State.Equal(w.ref) {
		w.fail("the server's state (v%d)\n  %s\nthe replica's (v%d)\n  %s", sd.Version, summary(sd.State), w.version, summary(w.ref))
	}
	all := map[string]bool{}
	for k := range w.devs[0].last.convs {
		all[k] = true
	}
	want := fromState(sd.State, all).String()
	for _, d := range w.devs {
		_, p := d.pending(0)
		if len(p.Ops) != 0 || d.version != sd.Version {
			w.fail("%s: %d pending ops, at v%d (server v%d)", d.name, len(p.Ops), d.version, sd.Version)
		}
		if got := d.last.String(); got != want {
			w.fail("%s shows\n  %s\nthe server holds\n  %s", d.name, got, want)
		}
		for _, c := range d.clients {
			// Every op allocated reached the server once, with no gap.
			n := uint64(len(w.seen[c]))
			for id := uint64(1); id <= n; id++ {
				if _, ok := w.seen[c][id]; !ok {
					w.fail("%s: client %s: op %d never reached the server (%d ops did)", d.name, c, id, n)
				}
			}
			if w.last[c] != n {
				w.fail("%s: client %s: server at op %d of %d", d.name, c, w.last[c], n)
			}
			// Each rejection reported once, on this device, as the rules decided it.
			var want, got []string
			for id, r := range w.results[c] {
				if r.Rejected() {
					want = append(want, fmt.Sprintf("%d: %s", id, renderResult(r)))
				}
			}
			for id, s := range d.reported[c] {
				got = append(got, fmt.Sprintf("%d: %s", id, s))
			}
			sort.Strings(want)
			sort.Strings(got)
			if fmt.Sprint(want) != fmt.Sprint(got) {
				w.fail("%s: client %s: rejections reported\n  %v\nthe rules rejected\n  %v", d.name, c, got, want)
			}
		}
	}
}

// rejectionCount returns how many operations (whole or some items) the rules rejected, by
// code (item codes for partial rejections).
func (w *world) rejectionCount() map[int]int {
	out := map[int]int{}
	for _, rs := range w.results {
		for _, r := range rs {
			if r.Code != 0 {
				out[int(r.Code)]++
			}
			for _, it := range r.RejectedItems() {
				out[int(it.Code)]++
			}
		}
	}
	return out
}
