package engine

import (
	"fmt"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/tidwall/gjson"

	"github.com/timconvgroup/timconvgroup/core/conv"
	"github.com/timconvgroup/timconvgroup/core/tim"
)

// delivered reports whether the result of call id is already in the recorder.
func (x *h) delivered(id uintptr) bool {
	x.rec.mu.Lock()
	defer x.rec.mu.Unlock()
	_, ok := x.rec.results[id]
	return ok
}

// An inline call on an idle engine has executed, and delivered to the sink, when it returns; a
// call without the hint has not necessarily, and never runs on the caller.
func TestInlineRunsBeforeReturnWhenIdle(t *testing.T) {
	x := newH(t)
	x.upsert(item(1, "a", 10, 1), item(1, "b", 20, 0))
	id := uintptr(cbSeq.Add(1))
	if r := x.e.GetGroupList(Callback{Fn: id}); r != tim.Succ {
		t.Fatalf("GetGroupList = %d", r)
	}
	if !x.delivered(id) {
		t.Fatal("an inline call on an idle engine has not delivered when it returns")
	}
	id = uintptr(cbSeq.Add(1))
	if r := x.e.GetListByFilter("{}", 0, 100, Callback{Fn: id}); r != tim.Succ || !x.delivered(id) {
		t.Fatalf("page of 100: rc %d, delivered %v", r, x.delivered(id))
	}
	if d, _ := x.wait(id); !strings.Contains(d.JSON, `"conv_id":"b"`) {
		t.Fatalf("page: %s", d.JSON)
	}
}

// Calls from many goroutines, inline or not, execute one at a time in acceptance order: each
// goroutine's upserts of its own conversation (active time increasing) end with its last one,
// and a page read after a write sees it.
func TestInlineKeepsOrderUnderConcurrency(t *testing.T) {
	x := newH(t)
	var wg sync.WaitGroup
	const workers, rounds = 6, 40
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for r := 1; r <= rounds; r++ {
				conv := fmt.Sprintf("w%d", w)
				x.upsert(item(1, conv, uint64(1000*w+r), uint64(r)))
				js := x.ok(func(cb Callback) int {
					return x.e.GetConvInfo(fmt.Sprintf(`[{"get_conversation_list_param_conv_id":%q,"get_conversation_list_param_conv_type":1}]`, conv), cb)
				})
				if !strings.Contains(js, fmt.Sprintf(`"conv_unread_num":%d,`, r)) {
					t.Errorf("%s round %d: read does not see the write: %s", conv, r, js)
					return
				}
				if r%10 == 0 { // a call that always runs on the worker, between inline ones
					x.list()
				}
			}
		}(w)
	}
	wg.Wait()
	if got := len(x.list()); got != workers {
		t.Fatalf("%d conversations, want %d", got, workers)
	}
}

// The synchronous calls run inline too and still see every earlier accepted call.
func TestInlineSyncCallsSeeEarlierCalls(t *testing.T) {
	x := newH(t)
	x.upsert(item(1, "a", 10, 1))
	// a queued upsert of more than the inline bound, then a synchronous draft on the same
	// conversation: the draft must wait for it.
	var items []string
	for i := 0; i <= inlineUpsertMax; i++ {
		items = append(items, item(1, fmt.Sprintf("big%03d", i), uint64(100+i), 0))
	}
	id := uintptr(cbSeq.Add(1))
	if r := x.e.UpsertConversations("["+strings.Join(items, ",")+"]", Callback{Fn: id}); r != tim.Succ {
		t.Fatal(r)
	}
	if r := x.e.SetDraft("big000", tim.ConvC2C, `{"draft_msg":{"message_elem_array":[{"elem_type":0,"text_elem_content":"hi"}]},"draft_user_define":"","draft_edit_time":5}`); r != tim.Succ {
		// the draft's conversation exists only once the queued upsert ran
		t.Fatalf("SetDraft after a queued upsert = %d", r)
	}
	x.wait(id)
}

func TestPageInlineBound(t *testing.T) {
	yes, no := true, false
	star, none := uint64(1), uint64(0)
	g, empty := "g", ""
	cases := []struct {
		f     conv.Filter
		count uint32
		want  bool
	}{
		{conv.Filter{}, 100, true},
		{conv.Filter{}, 101, false},
		{conv.Filter{ConvType: 1}, 100, true},
		{conv.Filter{HasUnread: &yes}, 100, true},
		{conv.Filter{HasUnread: &no}, 100, false},
		{conv.Filter{Mark: &star}, 100, true},
		{conv.Filter{Mark: &none}, 100, false},
		{conv.Filter{ConvType: 1, HasUnread: &yes}, 100, false},
		{conv.Filter{Group: &g, HasAt: &yes, HasUnread: &no}, 100, true},
		{conv.Filter{Group: &empty}, 100, false},
		{conv.Filter{HasAt: &yes}, 100, false},
	}
	for i, c := range cases {
		if got := pageInline(&c.f, c.count); got != c.want {
			t.Errorf("case %d: pageInline = %v, want %v", i, got, c.want)
		}
	}
}

// copyingRecorder is a recorder that promises to copy what it keeps (BorrowingSink), as the C
// layer's sink does, so the engine builds pages in its reused buffer.
type copyingRecorder struct{ *recorder }

func (c copyingRecorder) CopiesStrings() bool { return true }

func (c copyingRecorder) Deliver(ds []Delivery) {
	cp := append([]Delivery(nil), ds...)
	for i := range cp {
		cp[i].Desc, cp[i].JSON = strings.Clone(cp[i].Desc), strings.Clone(cp[i].JSON)
		cp[i].Name, cp[i].Name2 = strings.Clone(cp[i].Name), strings.Clone(cp[i].Name2)
	}
	c.recorder.Deliver(cp)
}

// copyingH returns a harness logged in as alice whose sink copies what it keeps, as the C
// layer's does.
func copyingH(t *testing.T) *h {
	rec := newRecorder()
	e := New(copyingRecorder{rec})
	if !e.borrow {
		t.Fatal("a BorrowingSink that copies is not used as one")
	}
	if r := e.Init(7, Config{DataDir: tempDir(t), DispatchMode: DispatchLibrary}); r != tim.Succ {
		t.Fatalf("Init = %d", r)
	}
	t.Cleanup(e.Close)
	x := &h{t: t, e: e, rec: rec}
	x.login("alice")
	return x
}

// Pages built in the session's reused buffer (a sink that copies) are the same, page after
// page, as pages built in buffers of their own.
func TestPagesInReusedBuffer(t *testing.T) {
	x, y := copyingH(t), newH(t)
	var items []string
	for i := 0; i < 250; i++ {
		items = append(items, item(1+i%2, fmt.Sprintf("c%03d", i), uint64(1000+i*7%250), uint64(i%3)))
	}
	x.upsert(items...)
	y.upsert(items...)
	for _, filter := range []string{`{}`, `{"conversation_list_filter_conv_type":2}`, `{"conversation_list_filter_has_unread_count":true}`} {
		var got, want []string
		for _, z := range []*h{x, y} {
			var all []string
			for seq, pages := uint64(0), 0; pages < 20; pages++ {
				js := z.ok(func(cb Callback) int { return z.e.GetListByFilter(filter, seq, 30, cb) })
				all = append(all, js[:strings.Index(js, pageMid)])
				if strings.HasSuffix(js, `"conversation_list_result_is_finished":true}`) {
					break
				}
				seq = uint64(gjsonUint(js, "conversation_list_result_next_seq"))
			}
			if z == x {
				got = all
			} else {
				want = all
			}
		}
		if strings.Join(got, "|") != strings.Join(want, "|") {
			t.Fatalf("filter %s: pages differ:\n%v\n%v", filter, got, want)
		}
	}
}

func gjsonUint(js, key string) uint64 { return gjson.Get(js, key).Uint() }

// Listener events built in the session's reused buffer (a sink that copies) are the same, call
// after call, as events built in buffers of their own: one call with added, updated and
// deleted conversations, then calls with fewer, so a reused buffer holds stale bytes past the
// new events.
func TestEventsInReusedBuffer(t *testing.T) {
	x, y := copyingH(t), newH(t)
	var items []string
	for i := 0; i < 300; i++ {
		items = append(items, item(1+i%2, fmt.Sprintf("c%03d", i), uint64(1000+i), uint64(i%3)))
	}
	steps := []func(z *h){
		func(z *h) {
			z.code(func(cb Callback) int { return z.e.UpsertConversations("["+strings.Join(items[:200], ",")+"]", cb) })
		},
		func(z *h) {
			// 100 updated (new active time), 100 added.
			more := append([]string(nil), items[200:]...)
			for i := 0; i < 100; i++ {
				more = append(more, item(1+i%2, fmt.Sprintf("c%03d", i), uint64(5000+i), 1))
			}
			z.code(func(cb Callback) int { return z.e.UpsertConversations("["+strings.Join(more, ",")+"]", cb) })
		},
		func(z *h) { z.code(func(cb Callback) int { return z.e.DeleteConv("c007", 2, cb) }) },
		func(z *h) { z.code(func(cb Callback) int { return z.e.UpsertConversations("["+items[3]+"]", cb) }) },
	}
	for i, step := range steps {
		var got [2][]string
		for k, z := range []*h{x, y} {
			z.rec.mu.Lock()
			n := len(z.rec.batches)
			z.rec.mu.Unlock()
			step(z)
			z.rec.mu.Lock()
			for _, b := range z.rec.batches[n:] {
				for _, d := range b {
					if d.Kind == KindConvEvent {
						got[k] = append(got[k], fmt.Sprint(d.Event, " ", d.JSON))
					}
				}
			}
			z.rec.mu.Unlock()
		}
		if len(got[0]) == 0 || !reflect.DeepEqual(got[0], got[1]) {
			t.Fatalf("step %d: events in the reused buffer\n%v\nin their own\n%v", i, got[0], got[1])
		}
	}
}
