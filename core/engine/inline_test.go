package engine

import (
	"fmt"
	"strings"
	"sync"
	"testing"

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
