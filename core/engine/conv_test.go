package engine

import (
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/tidwall/gjson"

	"github.com/timconvgroup/timconvgroup/core/conv"
	"github.com/timconvgroup/timconvgroup/core/store"
	"github.com/timconvgroup/timconvgroup/core/tim"
)

func TestSynchronousRejections(t *testing.T) {
	rec := newRecorder()
	e := New(rec)
	cb := Callback{Fn: 1}
	if r := e.CreateGroup("g", `["c2c_a"]`, cb); r != tim.ErrUninit {
		t.Fatalf("before Init: %d, want -1", r)
	}
	if r := e.Login("a", "s", cb); r != tim.ErrUninit {
		t.Fatalf("login before Init: %d", r)
	}
	if e.LoginStatus() != tim.StatusLoggedOut {
		t.Fatal("status before Init")
	}
	if r := e.Init(1, Config{DataDir: tempDir(t)}); r != tim.Succ {
		t.Fatal(r)
	}
	defer e.Close()
	if r := e.Init(1, Config{DataDir: "/nonexistent/should/not/matter"}); r != tim.Succ {
		t.Fatalf("second Init: %d", r)
	}
	for name, call := range map[string]func() int{
		"create":      func() int { return e.CreateGroup("g", `["c2c_a"]`, cb) },
		"list":        func() int { return e.GetConvList(cb) },
		"filter":      func() int { return e.GetListByFilter("{}", 0, 10, cb) },
		"draft":       func() int { return e.SetDraft("a", 1, `{}`) },
		"subscribe":   func() int { return e.SubscribeUnread("{}") },
		"clean":       func() int { return e.CleanUnread("", 0, 0, cb) },
		"upsert":      func() int { return e.UpsertConversations("[]", cb) },
		"total":       func() int { return e.GetTotalUnread(cb) },
		"group list":  func() int { return e.GetGroupList(cb) },
		"mark":        func() int { return e.MarkConvs(`["c2c_a"]`, 1, true, cb) },
		"pin":         func() int { return e.PinConv("a", 1, true, cb) },
		"delete conv": func() int { return e.DeleteConv("a", 1, cb) },
	} {
		if r := call(); r != tim.ErrNoLogin {
			t.Errorf("%s while logged out: %d, want -2", name, r)
		}
	}
	x := &h{t: t, e: e, rec: rec}
	x.login("alice")
	for name, call := range map[string]func() int{
		"ids not array":       func() int { return e.CreateGroup("g", `{"a":1}`, cb) },
		"ids not strings":     func() int { return e.AddToGroup("g", `["c2c_a", 5]`, cb) },
		"ids malformed":       func() int { return e.DeleteFromGroup("g", `["c2c_a"`, cb) },
		"ids empty string":    func() int { return e.MarkConvs(``, 1, true, cb) },
		"filter empty string": func() int { return e.GetUnreadByFilter(``, cb) },
		"filter not object":   func() int { return e.GetListByFilter(`[1]`, 0, 10, cb) },
		"filter wrong type":   func() int { return e.GetListByFilter(`{"conversation_list_filter_conv_type":"1"}`, 0, 10, cb) },
		"filter bool type":    func() int { return e.GetUnreadByFilter(`{"conversation_list_filter_has_unread_count":1}`, cb) },
		"filter float mark":   func() int { return e.SubscribeUnread(`{"conversation_list_filter_mark_type":1.5}`) },
		"upsert not array":    func() int { return e.UpsertConversations(`{}`, cb) },
		"conv info not array": func() int { return e.GetConvInfo(`"x"`, cb) },
		"conv info bad item":  func() int { return e.GetConvInfo(`[{"get_conversation_list_param_conv_id":1}]`, cb) },
		"draft not object":    func() int { return e.SetDraft("a", 1, `[]`) },
		"draft bad msg":       func() int { return e.SetDraft("a", 1, `{"draft_msg":"x"}`) },
		"deep nesting":        func() int { return e.UpsertConversations(strings.Repeat("[", 100000)+strings.Repeat("]", 100000), cb) },
		"deep nesting in item": func() int {
			return e.CreateGroup("g", `["c2c_a",`+strings.Repeat("[", 70)+strings.Repeat("]", 70)+`]`, cb)
		},
		"trailing garbage": func() int { return e.CreateGroup("g", `["c2c_a"] x`, cb) },
	} {
		if r := call(); r != tim.ErrJSON {
			t.Errorf("%s: %d, want -3", name, r)
		}
	}
	// Value errors in a well-shaped filter are callback errors.
	if c := x.code(func(cb Callback) int { return e.GetListByFilter(`{"conversation_list_filter_conv_type":7}`, 0, 10, cb) }); c != tim.CodeInvalidParam {
		t.Errorf("conv_type 7: %d", c)
	}
	if r := e.SubscribeUnread(`{"conversation_list_filter_conv_type":3}`); r != tim.ErrParam {
		t.Errorf("subscribe conv_type 3: %d", r)
	}
}

func TestUpsertEventsAndKeys(t *testing.T) {
	x := newH(t)
	d, ev := x.do(func(cb Callback) int {
		return x.e.UpsertConversations(`[{"conv_id":"a","conv_type":1,"conv_show_name":"Al","conv_last_msg":{"m": 1,  "x":[1, 2]},
			"conv_active_time":18446744073709551615,"conv_unread_num":9007199254740993,"conv_is_pinned":true,"conv_mark_array":[1],
			"conv_custom_data":"ignored","conv_conversation_group_array":["x"],"unknown_key":1,
			"conv_group_at_info_array":[{"conv_group_at_info_seq":5,"conv_group_at_info_at_type":2}]},
			{"conv_id":"a","conv_type":3},{"conv_id":"","conv_type":1},"str",{"conv_id":"b","conv_type":2,"conv_unread_num":-1},
			{"conv_id":"c","conv_type":2,"conv_unread_num":1.5},{"conv_id":"d","conv_type":1,"conv_show_name":"`+"\xff"+`"}]`, cb)
	})
	if got := itemCodes(d.JSON); !reflect.DeepEqual(got, []tim.Code{0, 6017, 6017, 6017, 6017, 6017, 6017}) {
		t.Fatalf("codes = %v (%s)", got, d.JSON)
	}
	if id := gjson.Get(d.JSON, "0.conversation_operation_result_conversation_id").String(); id != "c2c_a" {
		t.Fatalf("result id %q", id)
	}
	if len(ev) != 2 || ev[0].Kind != KindConvEvent || ev[0].Event != tim.EventAdd || ev[1].Kind != KindTotalUnread || ev[1].Total != 1<<31-1 {
		t.Fatalf("events = %+v", ev)
	}
	a := x.conv(1, "a")
	checks := map[string]string{
		"conv_active_time":              "18446744073709551615",
		"conv_unread_num":               "9007199254740993",
		"conv_last_msg":                 `{"m":1,"x":[1,2]}`,
		"conv_is_has_lastmsg":           "true",
		"conv_is_pinned":                "false",
		"conv_mark_array":               "[]",
		"conv_custom_data":              `""`,
		"conv_conversation_group_array": "[]",
		"conv_group_at_info_array":      `[{"conv_group_at_info_seq":5,"conv_group_at_info_at_type":2}]`,
		"conv_show_name":                `"Al"`,
	}
	for k, want := range checks {
		if got := a.Get(k).Raw; got != want {
			t.Errorf("%s = %s, want %s", k, got, want)
		}
	}
	if a.Get("conv_draft").Exists() {
		t.Error("conv_draft present without a draft")
	}
	// Same content again: no event. Changed key: Update; absent keys keep their value.
	_, ev = x.do(func(cb Callback) int {
		return x.e.UpsertConversations(`[{"conv_id":"a","conv_type":1,"conv_show_name":"Al"}]`, cb)
	})
	if len(ev) != 0 {
		t.Fatalf("unchanged upsert fired %+v", ev)
	}
	_, ev = x.do(func(cb Callback) int {
		return x.e.UpsertConversations(`[{"conv_id":"a","conv_type":1,"conv_unread_num":0,"conv_last_msg":null}]`, cb)
	})
	if len(ev) != 2 || ev[0].Event != tim.EventUpdate || ev[1].Kind != KindTotalUnread || ev[1].Total != 0 {
		t.Fatalf("update events = %+v", ev)
	}
	a = x.conv(1, "a")
	if a.Get("conv_show_name").String() != "Al" || a.Get("conv_unread_num").Uint() != 0 || a.Get("conv_is_has_lastmsg").Bool() || a.Get("conv_last_msg").Exists() {
		t.Fatalf("after partial update: %s", a.Raw)
	}
	// Over 10,000 items is refused whole.
	big := "[" + strings.Repeat(`{"conv_id":"z","conv_type":1},`, tim.MaxUpsertItems) + `{"conv_id":"z","conv_type":1}]`
	if c := x.code(func(cb Callback) int { return x.e.UpsertConversations(big, cb) }); c != tim.CodeInvalidParam {
		t.Fatalf("10,001 items: %d", c)
	}
}

func TestListOrder(t *testing.T) {
	x := newH(t)
	x.upsert(item(1, "old", 1, 0), item(1, "new", 100, 0), item(2, "mid", 50, 0), item(1, "tie1", 50, 0), item(1, "tie2", 50, 0))
	x.ok(func(cb Callback) int { return x.e.PinConv("old", 1, true, cb) })
	got := x.list()
	// Pinned first; then active time descending; ties by insertion, newest first.
	want := []string{"old", "new", "tie2", "tie1", "mid"}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("order = %v, want %v", got, want)
	}
	if c := x.code(func(cb Callback) int { return x.e.PinConv("nope", 1, true, cb) }); c != tim.CodeConvNotFound {
		t.Fatalf("pin unknown: %d", c)
	}
	if c := x.code(func(cb Callback) int { return x.e.PinConv("old", 9, true, cb) }); c != tim.CodeInvalidParam {
		t.Fatalf("pin bad type: %d", c)
	}
	_, ev := x.do(func(cb Callback) int { return x.e.PinConv("old", 1, true, cb) })
	if len(ev) != 0 {
		t.Fatalf("re-pin fired %+v", ev)
	}
	// Marks (Hide, Fold) do not change listing.
	x.ok(func(cb Callback) int { return x.e.MarkConvs(`["c2c_new"]`, 8|4, true, cb) })
	if got := x.list(); !reflect.DeepEqual(got, want) {
		t.Fatalf("order after hide = %v", got)
	}
}

func TestMarks(t *testing.T) {
	x := newH(t)
	x.upsert(item(1, "a", 1, 0), item(1, "b", 2, 0))
	for _, bad := range []uint64{0, 1 << 4, 1 << 31, 1<<31 | 1} {
		if c := x.code(func(cb Callback) int { return x.e.MarkConvs(`["c2c_a"]`, bad, true, cb) }); c != tim.CodeInvalidParam {
			t.Errorf("mark %#x: %d", bad, c)
		}
	}
	js := x.ok(func(cb Callback) int { return x.e.MarkConvs(`["c2c_a","c2c_x","y"]`, 1<<63|1<<32|2, true, cb) })
	if got := itemCodes(js); !reflect.DeepEqual(got, []tim.Code{0, 6004, 6017}) {
		t.Fatalf("codes %v", got)
	}
	if got := x.conv(1, "a").Get("conv_mark_array").Raw; got != "[2,4294967296,9223372036854775808]" {
		t.Fatalf("marks = %s", got)
	}
	x.ok(func(cb Callback) int { return x.e.MarkConvs(`["c2c_a"]`, 2, false, cb) })
	if got := x.conv(1, "a").Get("conv_mark_array").Raw; got != "[4294967296,9223372036854775808]" {
		t.Fatalf("marks after clear = %s", got)
	}
	// Unread mark does not change the unread number.
	if x.conv(1, "a").Get("conv_unread_num").Uint() != 0 {
		t.Fatal("unread changed")
	}
	if c := x.code(func(cb Callback) int { return x.e.MarkConvs(idArray(101, "c2c_"), 1, true, cb) }); c != tim.CodeTooManyConvs {
		t.Fatalf("101 ids: %d", c)
	}
}

func TestCustomDataAndDraft(t *testing.T) {
	x := newH(t)
	x.upsert(item(1, "a", 1, 0))
	if c := x.code(func(cb Callback) int { return x.e.SetCustomData(`["c2c_a"]`, strings.Repeat("x", 257), cb) }); c != tim.CodeInvalidParam {
		t.Fatalf("257 bytes: %d", c)
	}
	if c := x.code(func(cb Callback) int { return x.e.SetCustomData(`["c2c_a"]`, "\xff", cb) }); c != tim.CodeInvalidParam {
		t.Fatalf("invalid UTF-8: %d", c)
	}
	x.ok(func(cb Callback) int { return x.e.SetCustomData(`["c2c_a"]`, strings.Repeat("é", 128), cb) })
	if got := x.conv(1, "a").Get("conv_custom_data").String(); got != strings.Repeat("é", 128) {
		t.Fatalf("custom data = %q", got)
	}
	x.ok(func(cb Callback) int { return x.e.SetCustomData(`["c2c_a"]`, "", cb) })
	if r := x.e.SetDraft("nope", 1, `{"draft_user_define":"u"}`); r != tim.ErrConv {
		t.Fatalf("draft on unknown: %d", r)
	}
	if r := x.e.SetDraft("", 1, `{}`); r != tim.ErrParam {
		t.Fatalf("draft with empty id: %d", r)
	}
	if r := x.e.SetDraft("a", 1, `{"draft_msg":{"message_elem_array":[{"elem_type":0}]},"draft_user_define":"u","draft_edit_time":7}`); r != tim.Succ {
		t.Fatalf("SetDraft = %d", r)
	}
	// Synchronous: visible to the next call.
	a := x.conv(1, "a")
	if !a.Get("conv_is_has_draft").Bool() || a.Get("conv_draft").Raw != `{"draft_msg":{"message_elem_array":[{"elem_type":0}]},"draft_user_define":"u","draft_edit_time":7}` {
		t.Fatalf("draft = %s", a.Raw)
	}
	if r := x.e.CancelDraft("a", 1); r != tim.Succ {
		t.Fatal(r)
	}
	if a := x.conv(1, "a"); a.Get("conv_is_has_draft").Bool() || a.Get("conv_draft").Exists() {
		t.Fatalf("after cancel: %s", a.Raw)
	}
}

func TestUnreadTotalsAndSubscriptions(t *testing.T) {
	x := newH(t)
	x.upsert(item(1, "a", 1, 3), item(2, "g", 2, 4), item(1, "muted", 3, 100))
	x.ok(func(cb Callback) int {
		return x.e.UpsertConversations(`[{"conv_id":"muted","conv_type":1,"conv_recv_opt":2},{"conv_id":"r4","conv_type":1,"conv_recv_opt":4,"conv_unread_num":1}]`, cb)
	})
	total := func(f string) int64 {
		var js string
		if f == "-" {
			js = x.ok(func(cb Callback) int { return x.e.GetTotalUnread(cb) })
		} else {
			js = x.ok(func(cb Callback) int { return x.e.GetUnreadByFilter(f, cb) })
		}
		return gjson.Get(js, "conv_get_total_unread_message_count_result_unread_count").Int()
	}
	if got := total("-"); got != 8 {
		t.Fatalf("total = %d, want 8 (recv opt 2 excluded, 4 counted)", got)
	}
	if got := total(`{"conversation_list_filter_conv_type":2}`); got != 4 {
		t.Fatalf("group total = %d", got)
	}
	if r := x.e.SubscribeUnread(`{"conversation_list_filter_conversation_group":"w"}`); r != 0 {
		t.Fatal(r)
	}
	if r := x.e.SubscribeUnread(`{"conversation_list_filter_conv_type":1, "x": 1}`); r != 0 {
		t.Fatal(r)
	}
	if r := x.e.SubscribeUnread(`{"conversation_list_filter_conv_type":1}`); r != 0 {
		t.Fatal(r)
	}
	_, ev := x.do(func(cb Callback) int { return x.e.CreateGroup("w", `["c2c_a","c2c_muted"]`, cb) })
	var byFilter []Delivery
	for _, e := range ev {
		if e.Kind == KindUnreadByFilter {
			byFilter = append(byFilter, e)
		}
		if e.Kind == KindTotalUnread {
			t.Fatalf("total unread fired without a change: %+v", e)
		}
	}
	if len(byFilter) != 1 || byFilter[0].Total != 3 || byFilter[0].JSON != `{"conversation_list_filter_conv_type":0,"conversation_list_filter_mark_type":null,"conversation_list_filter_conversation_group":"w"}` {
		t.Fatalf("by-filter events = %+v", byFilter)
	}
	_, ev = x.do(func(cb Callback) int { return x.e.CleanUnread("c2c", 0, 0, cb) })
	var kinds []Kind
	var totals []int32
	for _, e := range ev {
		kinds = append(kinds, e.Kind)
		if e.Kind == KindTotalUnread || e.Kind == KindUnreadByFilter {
			totals = append(totals, e.Total)
		}
	}
	if !reflect.DeepEqual(kinds, []Kind{KindConvEvent, KindTotalUnread, KindUnreadByFilter, KindUnreadByFilter}) ||
		!reflect.DeepEqual(totals, []int32{4, 0, 0}) {
		t.Fatalf("clean c2c events %v totals %v", kinds, totals)
	}
	if got := total("-"); got != 4 {
		t.Fatalf("total after clean = %d", got)
	}
	if r := x.e.UnsubscribeUnread(`{"conversation_list_filter_conversation_group":"w"}`); r != 0 {
		t.Fatal(r)
	}
	if r := x.e.UnsubscribeUnread(`{"conversation_list_filter_conversation_group":"never"}`); r != 0 {
		t.Fatal(r)
	}
	_, ev = x.do(func(cb Callback) int {
		return x.e.UpsertConversations(`[{"conv_id":"a","conv_type":1,"conv_unread_num":5}]`, cb)
	})
	n := 0
	for _, e := range ev {
		if e.Kind == KindUnreadByFilter {
			n++
			if e.JSON != `{"conversation_list_filter_conv_type":1,"conversation_list_filter_mark_type":null,"conversation_list_filter_conversation_group":null}` || e.Total != 5 {
				t.Fatalf("by-filter = %+v", e)
			}
		}
	}
	if n != 1 {
		t.Fatalf("%d by-filter events, want 1 (the unsubscribed filter must not fire)", n)
	}
	if c := x.code(func(cb Callback) int { return x.e.CleanUnread("c2c_nobody", 0, 0, cb) }); c != tim.CodeConvNotFound {
		t.Fatalf("clean unknown: %d", c)
	}
	if c := x.code(func(cb Callback) int { return x.e.CleanUnread("nobody", 0, 0, cb) }); c != tim.CodeInvalidParam {
		t.Fatalf("clean malformed: %d", c)
	}
	x.ok(func(cb Callback) int { return x.e.CleanUnread("group_g", 0, 0, cb) })
	x.ok(func(cb Callback) int { return x.e.CleanUnread("", 0, 0, cb) })
	if got := total("-"); got != 0 {
		t.Fatalf("total after clean all = %d", got)
	}
}

// Every filter selects in SQL exactly what Filter.Match selects in memory, in list order; the
// unread sums agree too.
func TestFilterSQLMatchesMemory(t *testing.T) {
	x := newH(t)
	rng := rand.New(rand.NewSource(1))
	var items []string
	for i := 0; i < 300; i++ {
		typ := 1 + rng.Intn(2)
		items = append(items, fmt.Sprintf(`{"conv_id":"c%d","conv_type":%d,"conv_active_time":%d,"conv_unread_num":%d,"conv_recv_opt":%d%s}`,
			i, typ, rng.Intn(20), rng.Intn(3), rng.Intn(5),
			map[bool]string{true: `,"conv_group_at_info_array":[{"conv_group_at_info_seq":1,"conv_group_at_info_at_type":1}]`, false: ""}[rng.Intn(4) == 0]))
	}
	x.upsert(items...)
	all := gjson.Parse(x.ok(func(cb Callback) int { return x.e.GetConvList(cb) })).Array()
	key := func(c gjson.Result) string {
		return map[int64]string{1: "c2c_", 2: "group_"}[c.Get("conv_type").Int()] + c.Get("conv_id").String()
	}
	for g := 0; g < 3; g++ {
		var keys []string
		for i := 0; i < 60; i++ {
			keys = append(keys, fmt.Sprintf("%q", key(all[rng.Intn(len(all))])))
		}
		x.ok(func(cb Callback) int {
			return x.e.CreateGroup(fmt.Sprintf("g%d", g), "["+strings.Join(keys, ",")+"]", cb)
		})
		keys = keys[:0]
		for i := 0; i < 40; i++ {
			keys = append(keys, fmt.Sprintf("%q", key(all[rng.Intn(len(all))])))
		}
		x.ok(func(cb Callback) int {
			return x.e.MarkConvs("["+strings.Join(keys, ",")+"]", []uint64{1, 2, 1 << 40}[g], true, cb)
		})
	}
	s := x.e.sess
	everything, err := s.st.ConvsWhere("1")
	if err != nil {
		t.Fatal(err)
	}
	filters := []string{`{}`, `{"conversation_list_filter_conversation_group":""}`, `{"conversation_list_filter_mark_type":0}`}
	for i := 0; i < 200; i++ {
		var parts []string
		if rng.Intn(2) == 0 {
			parts = append(parts, fmt.Sprintf(`"conversation_list_filter_conv_type":%d`, rng.Intn(3)))
		}
		if rng.Intn(2) == 0 {
			parts = append(parts, fmt.Sprintf(`"conversation_list_filter_conversation_group":%q`, []string{"", "g0", "g1", "g2", "missing"}[rng.Intn(5)]))
		}
		if rng.Intn(2) == 0 {
			parts = append(parts, fmt.Sprintf(`"conversation_list_filter_mark_type":%d`, []uint64{0, 1, 2, 3, 1 << 40, 1<<40 | 1}[rng.Intn(6)]))
		}
		if rng.Intn(2) == 0 {
			parts = append(parts, fmt.Sprintf(`"conversation_list_filter_has_unread_count":%v`, rng.Intn(2) == 0))
		}
		if rng.Intn(2) == 0 {
			parts = append(parts, fmt.Sprintf(`"conversation_list_filter_has_group_at_info":%v`, rng.Intn(2) == 0))
		}
		filters = append(filters, "{"+strings.Join(parts, ",")+"}")
	}
	for _, fs := range filters {
		a, r := decodeFilterArg(fs)
		if r != 0 || a.err != nil {
			t.Fatalf("filter %s: %d %v", fs, r, a.err)
		}
		f := a.f
		var want []string
		var wantSum uint64
		for _, c := range everything {
			if f.Match(c) {
				want = append(want, c.ID)
				wantSum += contrib(c, nil)
			}
		}
		var got []string
		var seq uint64
		for {
			js := x.ok(func(cb Callback) int { return x.e.GetListByFilter(fs, seq, 7, cb) })
			got = append(got, ids(gjson.Get(js, "conversation_list_result_conv_list").Raw)...)
			if gjson.Get(js, "conversation_list_result_is_finished").Bool() {
				break
			}
			seq = gjson.Get(js, "conversation_list_result_next_seq").Uint()
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("filter %s: SQL %d conversations, memory %d\nsql %v\nmem %v", fs, len(got), len(want), got, want)
		}
		sum, err := s.sum(&f)
		if err != nil || sum != (conv.Total{Lo: wantSum}) {
			t.Fatalf("filter %s: sum %d, want %d (%v)", fs, sum, wantSum, err)
		}
	}
}

// Paging never skips nor repeats a conversation that did not change, whatever happens to the
// others between pages; all conversations share a few active times, so ties cross pages.
func TestPagingUnderConcurrentChanges(t *testing.T) {
	for _, filter := range []string{`{}`, `{"conversation_list_filter_conversation_group":"g"}`, `{"conversation_list_filter_conv_type":1}`} {
		t.Run(filter, func(t *testing.T) {
			x := newH(t)
			rng := rand.New(rand.NewSource(7))
			var items, keys []string
			for i := 0; i < 400; i++ {
				items = append(items, item(1, fmt.Sprintf("s%03d", i), uint64(rng.Intn(4)), 0))
				if i < 100 {
					keys = append(keys, fmt.Sprintf(`"c2c_s%03d"`, i))
				}
			}
			x.upsert(items...)
			x.ok(func(cb Callback) int { return x.e.CreateGroup("g", "["+strings.Join(keys, ",")+"]", cb) })
			x.ok(func(cb Callback) int { return x.e.PinConv("s050", 1, true, cb) })
			stable := map[string]bool{}
			for i := 0; i < 400; i++ {
				stable[fmt.Sprintf("s%03d", i)] = true
			}
			seen := map[string]int{}
			var seq uint64
			next := 1000
			for page := 0; ; page++ {
				js := x.ok(func(cb Callback) int { return x.e.GetListByFilter(filter, seq, 9, cb) })
				for _, id := range ids(gjson.Get(js, "conversation_list_result_conv_list").Raw) {
					seen[id]++
				}
				if page == 0 {
					// the same next_seq reads the same position again
					again := x.ok(func(cb Callback) int { return x.e.GetListByFilter(filter, seq, 9, cb) })
					if again != js {
						t.Fatal("re-reading the first page differs")
					}
				}
				if gjson.Get(js, "conversation_list_result_is_finished").Bool() {
					break
				}
				seq = gjson.Get(js, "conversation_list_result_next_seq").Uint()
				// Between pages: add, update (move), delete, pin others.
				for k := 0; k < 3; k++ {
					victim := fmt.Sprintf("s%03d", rng.Intn(100))
					delete(stable, victim)
					switch rng.Intn(4) {
					case 0:
						x.do(func(cb Callback) int { return x.e.DeleteConv(victim, 1, cb) })
					case 1:
						x.ok(func(cb Callback) int {
							return x.e.UpsertConversations(fmt.Sprintf(`[{"conv_id":%q,"conv_type":1,"conv_active_time":%d}]`, victim, rng.Intn(6)), cb)
						})
					case 2:
						x.do(func(cb Callback) int { return x.e.PinConv(victim, 1, rng.Intn(2) == 0, cb) })
					case 3:
						x.upsert(item(1, fmt.Sprintf("n%04d", next), uint64(rng.Intn(4)), 0))
						next++
					}
				}
			}
			a, _ := decodeFilterArg(filter)
			f := a.f
			everything, _ := x.e.sess.st.ConvsWhere("1")
			for _, c := range everything {
				if !stable[c.ID] || !f.Match(c) {
					continue
				}
				if seen[c.ID] != 1 {
					t.Errorf("unchanged %s seen %d times", c.ID, seen[c.ID])
				}
			}
			for id, n := range seen {
				if n > 1 && stable[id] {
					t.Errorf("%s repeated", id)
				}
			}
		})
	}
}

func TestPagingArguments(t *testing.T) {
	x := newH(t)
	x.upsert(item(1, "a", 1, 0))
	for _, c := range []uint32{0, 1001} {
		if code := x.code(func(cb Callback) int { return x.e.GetListByFilter("{}", 0, c, cb) }); code != tim.CodeInvalidParam {
			t.Errorf("count %d: %d", c, code)
		}
	}
	if code := x.code(func(cb Callback) int { return x.e.GetListByFilter("{}", 12345, 10, cb) }); code != tim.CodeInvalidParam {
		t.Errorf("unknown next_seq: %d", code)
	}
	js := x.ok(func(cb Callback) int {
		return x.e.GetListByFilter(`{"conversation_list_filter_conversation_group":"nope"}`, 0, 10, cb)
	})
	if js != `{"conversation_list_result_conv_list":[],"conversation_list_result_next_seq":0,"conversation_list_result_is_finished":true}` {
		t.Errorf("missing group page = %s", js)
	}
	if r := x.e.GetListByFilter("", 0, 10, Callback{}); r != tim.ErrJSON {
		t.Errorf(`filter "": %d, want -3`, r)
	}
	for _, f := range []string{"{}", ` { } `, `{"conversation_list_filter_conv_type":0,"conversation_list_filter_mark_type":null}`} {
		js := x.ok(func(cb Callback) int { return x.e.GetListByFilter(f, 0, 10, cb) })
		if got := ids(gjson.Get(js, "conversation_list_result_conv_list").Raw); !reflect.DeepEqual(got, []string{"a"}) {
			t.Errorf("filter %q = %v", f, got)
		}
	}
}

func TestPersistenceAndIsolation(t *testing.T) {
	dir := tempDir(t)
	x := startH(t, dir)
	x.login("alice")
	x.upsert(item(1, "a", 1, 2))
	x.ok(func(cb Callback) int { return x.e.CreateGroup("g", `["c2c_a"]`, cb) })
	x.ok(func(cb Callback) int { return x.e.MarkConvs(`["c2c_a"]`, 1, true, cb) })
	if r := x.e.SubscribeUnread("{}"); r != 0 {
		t.Fatal(r)
	}
	x.ok(func(cb Callback) int { return x.e.Logout(cb) })
	if x.e.LoginStatus() != tim.StatusLoggedOut {
		t.Fatal("status after logout")
	}
	x.login("Bob/../..")
	if got := x.list(); len(got) != 0 {
		t.Fatalf("bob sees %v", got)
	}
	if u, r := x.e.LoginUserID(); r != 0 || u != "Bob/../.." {
		t.Fatalf("LoginUserID = %q %d", u, r)
	}
	x.e.Close()
	y := startH(t, dir)
	y.login("alice")
	a := y.conv(1, "a")
	if a.Get("conv_conversation_group_array.0").String() != "g" || a.Get("conv_mark_array.0").Uint() != 1 || a.Get("conv_unread_num").Uint() != 2 {
		t.Fatalf("after restart: %s", a.Raw)
	}
	entries, _ := os.ReadDir(filepath.Join(dir, "7"))
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	sort.Strings(names)
	if !reflect.DeepEqual(names, []string{store.UserDirName("Bob/../.."), "u_alice"}) {
		t.Fatalf("user folders = %v", names)
	}
}

func TestLoginRules(t *testing.T) {
	dir := tempDir(t)
	x := startH(t, dir)
	for _, bad := range []struct{ u, s string }{{"", "s"}, {strings.Repeat("u", 129), "s"}, {"\xff", "s"}, {"u", ""}} {
		if c := x.code(func(cb Callback) int { return x.e.Login(bad.u, bad.s, cb) }); c != tim.CodeInvalidParam {
			t.Errorf("login %q/%q: %d", bad.u, bad.s, c)
		}
	}
	// A refused login leaves the library logged out.
	if r := x.e.GetConvList(Callback{}); r != tim.ErrNoLogin {
		t.Fatalf("after refused login: %d", r)
	}
	d, ev := x.do(func(cb Callback) int { return x.e.Login(strings.Repeat("u", 128), "s", cb) })
	if d.Code != 0 || len(ev) != 2 || ev[0].Event != tim.EventStart || ev[1].Event != tim.EventFinish || ev[0].JSON != "" {
		t.Fatalf("login: %+v %+v", d, ev)
	}
	_, ev = x.do(func(cb Callback) int { return x.e.Login(strings.Repeat("u", 128), "s", cb) })
	if len(ev) != 0 {
		t.Fatalf("re-login fired %+v", ev)
	}
	if c := x.code(func(cb Callback) int { return x.e.Login("other", "s", cb) }); c != tim.CodeInvalidParam {
		t.Fatalf("login as another user: %d", c)
	}
	// Another engine (as another process would) cannot open the same user's cache.
	y := startH(t, dir)
	if c := y.code(func(cb Callback) int { return y.e.Login(strings.Repeat("u", 128), "s", cb) }); c != tim.CodeIO {
		t.Fatalf("second holder: %d, want 6022", c)
	}
	if r := y.e.GetConvList(Callback{}); r != tim.ErrNoLogin {
		t.Fatalf("after failed login: %d", r)
	}
	x.e.Close()
	y.login(strings.Repeat("u", 128))
	// A corrupt cache gives 6019 and is left as it is.
	bad := filepath.Join(dir, "7", "u_corrupt")
	os.MkdirAll(bad, 0o700)
	os.WriteFile(filepath.Join(bad, store.DBFile), []byte(strings.Repeat("garbage!", 512)), 0o600)
	y.ok(func(cb Callback) int { return y.e.Logout(cb) })
	if c := y.code(func(cb Callback) int { return y.e.Login("corrupt", "s", cb) }); c != tim.CodeStorage {
		t.Fatalf("corrupt cache: %d, want 6019", c)
	}
	if b, _ := os.ReadFile(filepath.Join(bad, store.DBFile)); string(b) != strings.Repeat("garbage!", 512) {
		t.Fatal("corrupt cache modified")
	}
	// An unusable data folder gives 6022.
	blocker := filepath.Join(dir, "7", "u_blocked")
	os.WriteFile(blocker, []byte("a file where a folder should be"), 0o600)
	if c := y.code(func(cb Callback) int { return y.e.Login("blocked", "s", cb) }); c != tim.CodeIO {
		t.Fatalf("unusable folder: %d, want 6022", c)
	}
}

// Calls from many goroutines: each gets exactly one result; a call made after another returned
// sees its effects.
func TestConcurrentCallers(t *testing.T) {
	x := newH(t)
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < 50; i++ {
				id := fmt.Sprintf("t%d_%d", g, i)
				x.ok(func(cb Callback) int {
					return x.e.UpsertConversations(fmt.Sprintf(`[{"conv_id":%q,"conv_type":1}]`, id), cb)
				})
				if r := x.e.SetDraft(id, 1, `{"draft_user_define":"d"}`); r != 0 {
					t.Errorf("draft right after upsert: %d", r)
				}
				js := x.ok(func(cb Callback) int { return x.e.MarkConvs(fmt.Sprintf(`["c2c_%s"]`, id), 1, i%2 == 0, cb) })
				if c := itemCodes(js); len(c) != 1 || c[0] != 0 {
					t.Errorf("mark: %s", js)
				}
			}
		}(g)
	}
	wg.Wait()
	if n := len(x.list()); n != 400 {
		t.Fatalf("%d conversations, want 400", n)
	}
}

// Close completes every accepted call and delivers its result; calls after Close are refused.
func TestCloseDeliversEverything(t *testing.T) {
	x := newH(t)
	const n = 200
	base := cbSeq.Add(n)
	for i := 0; i < n; i++ {
		id := uintptr(base - n + uint64(i) + 1)
		if r := x.e.UpsertConversations(fmt.Sprintf(`[{"conv_id":"c%d","conv_type":1}]`, i), Callback{Fn: id}); r != 0 {
			t.Fatal(r)
		}
	}
	x.e.Close()
	x.rec.mu.Lock()
	got := len(x.rec.results)
	x.rec.mu.Unlock()
	if got < n {
		t.Fatalf("%d results after Close, want %d", got, n)
	}
	if r := x.e.GetConvList(Callback{Fn: 1}); r != tim.ErrUninit {
		t.Fatalf("after Close: %d", r)
	}
	y := startH(t, x.dir)
	y.login("alice")
	if len(y.list()) != n {
		t.Fatal("writes acknowledged before Close are missing")
	}
}

// Events nobody listens to are not built, and a muted kind never reaches the sink.
func TestMutedListeners(t *testing.T) {
	x := newH(t)
	x.rec.mu.Lock()
	x.rec.mute[KindConvEvent] = true
	x.rec.mu.Unlock()
	_, ev := x.do(func(cb Callback) int { return x.e.UpsertConversations(`[{"conv_id":"a","conv_type":1}]`, cb) })
	if len(ev) != 0 {
		t.Fatalf("muted events delivered: %+v", ev)
	}
}
