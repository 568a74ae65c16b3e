package engine

import (
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tidwall/gjson"

	"github.com/timconvgroup/timconvgroup/core/tim"
)

// recorder is a Sink that keeps every batch and lets a test wait for a call's result.
type recorder struct {
	mu      sync.Mutex
	cond    *sync.Cond
	batches [][]Delivery
	results map[uintptr]batchResult
	mute    map[Kind]bool
}

type batchResult struct {
	res    Delivery
	events []Delivery
}

func newRecorder() *recorder {
	r := &recorder{results: map[uintptr]batchResult{}, mute: map[Kind]bool{}}
	r.cond = sync.NewCond(&r.mu)
	return r
}

func (r *recorder) Deliver(ds []Delivery) {
	r.mu.Lock()
	defer r.mu.Unlock()
	cp := append([]Delivery(nil), ds...)
	r.batches = append(r.batches, cp)
	var events []Delivery
	for _, d := range cp {
		if d.Kind == KindResult {
			r.results[d.CB.Fn] = batchResult{res: d, events: events}
		} else if d.Kind != KindLog {
			events = append(events, d)
		}
	}
	r.cond.Broadcast()
}

func (r *recorder) Wants(k Kind) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return !r.mute[k]
}

var cbSeq atomic.Uint64

// h is a logged-in engine for a test.
type h struct {
	t   *testing.T
	e   *Engine
	rec *recorder
	dir string
}

func newH(t *testing.T) *h {
	t.Helper()
	x := startH(t, tempDir(t))
	x.login("alice")
	return x
}

func startH(t *testing.T, dir string) *h {
	t.Helper()
	rec := newRecorder()
	e := New(rec)
	if r := e.Init(7, Config{DataDir: dir, DispatchMode: DispatchLibrary}); r != tim.Succ {
		t.Fatalf("Init = %d", r)
	}
	x := &h{t: t, e: e, rec: rec, dir: dir}
	t.Cleanup(e.Close)
	return x
}

// do runs an async call and waits for its result; it fails the test if the call is rejected.
func (x *h) do(call func(cb Callback) int) (Delivery, []Delivery) {
	x.t.Helper()
	id := uintptr(cbSeq.Add(1))
	if r := call(Callback{Fn: id, UserData: id}); r != tim.Succ {
		x.t.Fatalf("call rejected with %d", r)
	}
	return x.wait(id)
}

func (x *h) wait(id uintptr) (Delivery, []Delivery) {
	x.t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	timer := time.AfterFunc(20*time.Second, func() {
		x.rec.mu.Lock()
		x.rec.cond.Broadcast()
		x.rec.mu.Unlock()
	})
	defer timer.Stop()
	x.rec.mu.Lock()
	defer x.rec.mu.Unlock()
	for {
		if br, ok := x.rec.results[id]; ok {
			return br.res, br.events
		}
		if time.Now().After(deadline) {
			x.t.Fatalf("no result for call %d", id)
		}
		x.rec.cond.Wait()
	}
}

// ok runs a call that must succeed with code 0 and returns its JSON.
func (x *h) ok(call func(cb Callback) int) string {
	x.t.Helper()
	d, _ := x.do(call)
	if d.Code != 0 {
		x.t.Fatalf("code %d (%s), want 0", d.Code, d.Desc)
	}
	return d.JSON
}

// code runs a call and returns its callback code.
func (x *h) code(call func(cb Callback) int) tim.Code {
	x.t.Helper()
	d, _ := x.do(call)
	return d.Code
}

func (x *h) login(user string) {
	x.t.Helper()
	x.ok(func(cb Callback) int { return x.e.Login(user, "sig", cb) })
}

// upsert feeds conversations given as "c2c:id:active:unread" specs.
func (x *h) upsert(items ...string) {
	x.t.Helper()
	x.ok(func(cb Callback) int { return x.e.UpsertConversations("["+strings.Join(items, ",")+"]", cb) })
}

func item(typ int, id string, active, unread uint64) string {
	return fmt.Sprintf(`{"conv_id":%q,"conv_type":%d,"conv_active_time":%d,"conv_unread_num":%d}`, id, typ, active, unread)
}

// itemCodes returns the per-item codes of a result array.
func itemCodes(js string) []tim.Code {
	var out []tim.Code
	gjson.Parse(js).ForEach(func(_, v gjson.Result) bool {
		out = append(out, tim.Code(v.Get("conversation_operation_result_result_code").Int()))
		return true
	})
	return out
}

// ids returns conv_id of each ConvInfo of an array.
func ids(js string) []string {
	var out []string
	gjson.Parse(js).ForEach(func(_, v gjson.Result) bool {
		out = append(out, v.Get("conv_id").String())
		return true
	})
	return out
}

func (x *h) list() []string {
	x.t.Helper()
	return ids(x.ok(func(cb Callback) int { return x.e.GetConvList(cb) }))
}

func (x *h) conv(typ int32, id string) gjson.Result {
	x.t.Helper()
	js := x.ok(func(cb Callback) int {
		return x.e.GetConvInfo(fmt.Sprintf(`[{"get_conversation_list_param_conv_id":%q,"get_conversation_list_param_conv_type":%d}]`, id, typ), cb)
	})
	arr := gjson.Parse(js).Array()
	if len(arr) != 1 {
		x.t.Fatalf("conversation %s: got %d results", id, len(arr))
	}
	return arr[0]
}
