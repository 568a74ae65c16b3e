package engine

import (
	"path/filepath"
	"runtime"
	"testing"

	"github.com/tidwall/gjson"

	"github.com/timconvgroup/timconvgroup/core/tim"
)

func unreadOf(js string) int64 {
	return gjson.Get(js, "conv_get_total_unread_message_count_result_unread_count").Int()
}

// Unread totals clamp to 2147483647 instead of wrapping modulo 2^64: in the total, the
// by-filter total and both unread listeners (the inputs of issue 10).
func TestUnreadTotalsClamp(t *testing.T) {
	x := newH(t)
	if r := x.e.SubscribeUnread(`{"conversation_list_filter_conv_type":2}`); r != 0 {
		t.Fatal(r)
	}
	x.ok(func(cb Callback) int {
		return x.e.UpsertConversations(`[{"conv_id":"b","conv_type":2,"conv_unread_num":3}]`, cb)
	})
	_, ev := x.do(func(cb Callback) int {
		return x.e.UpsertConversations(`[{"conv_id":"b","conv_type":2,"conv_unread_num":18446744073709551615}]`, cb)
	})
	var total, byFilter []int32
	for _, e := range ev {
		switch e.Kind {
		case KindTotalUnread:
			total = append(total, e.Total)
		case KindUnreadByFilter:
			byFilter = append(byFilter, e.Total)
		}
	}
	if len(total) != 1 || total[0] != 2147483647 || len(byFilter) != 1 || byFilter[0] != 2147483647 {
		t.Fatalf("listeners: total %v, by filter %v; want [2147483647] each", total, byFilter)
	}
	if got := unreadOf(x.ok(func(cb Callback) int { return x.e.GetTotalUnread(cb) })); got != 2147483647 {
		t.Fatalf("total = %d, want 2147483647", got)
	}
	if got := unreadOf(x.ok(func(cb Callback) int { return x.e.GetUnreadByFilter(`{"conversation_list_filter_conv_type":2}`, cb) })); got != 2147483647 {
		t.Fatalf("by-filter total = %d, want 2147483647", got)
	}
	// two conversations at 2^63 (exact sum 2^64)
	y := newH(t)
	y.upsert(item(1, "p", 1, 1<<63), item(1, "q", 2, 1<<63))
	if got := unreadOf(y.ok(func(cb Callback) int { return y.e.GetTotalUnread(cb) })); got != 2147483647 {
		t.Fatalf("two at 2^63: total = %d, want 2147483647", got)
	}
	if got := unreadOf(y.ok(func(cb Callback) int { return y.e.GetUnreadByFilter(`{}`, cb) })); got != 2147483647 {
		t.Fatalf("two at 2^63: by-filter total = %d, want 2147483647", got)
	}
	// back down: the exact total is kept, so lowering the numbers reports exact values again
	_, ev = y.do(func(cb Callback) int {
		return y.e.UpsertConversations(`[{"conv_id":"p","conv_type":1,"conv_unread_num":2},{"conv_id":"q","conv_type":1,"conv_unread_num":5}]`, cb)
	})
	if got := unreadOf(y.ok(func(cb Callback) int { return y.e.GetTotalUnread(cb) })); got != 7 {
		t.Fatalf("after lowering: total = %d, want 7", got)
	}
	// and a fresh login (totals summed by the store) clamps too
	y.upsert(item(1, "p", 1, 1<<63), item(1, "q", 2, 1<<63))
	y.login("alice")
	if got := unreadOf(y.ok(func(cb Callback) int { return y.e.GetTotalUnread(cb) })); got != 2147483647 {
		t.Fatalf("after login: total = %d, want 2147483647", got)
	}
}

// The by-filter listener hands back the subscription's filter in its documented form: every
// equivalent text is the same subscription and is handed back the same way.
func TestUnreadByFilterHandsBackDocumentedForm(t *testing.T) {
	x := newH(t)
	for _, f := range []string{
		`{ "conversation_list_filter_conv_type" : 1 , "x": 1}`,
		`{"conversation_list_filter_conv_type":1,"conversation_list_filter_mark_type":null}`,
	} {
		if r := x.e.SubscribeUnread(f); r != 0 {
			t.Fatal(r)
		}
	}
	if r := x.e.SubscribeUnread(`{"conversation_list_filter_conversation_group":"","conversation_list_filter_mark_type":0,"conversation_list_filter_has_unread_count":true}`); r != 0 {
		t.Fatal(r)
	}
	_, ev := x.do(func(cb Callback) int {
		return x.e.UpsertConversations(`[{"conv_id":"a","conv_type":1,"conv_unread_num":4}]`, cb)
	})
	var got []string
	for _, e := range ev {
		if e.Kind == KindUnreadByFilter {
			got = append(got, e.JSON)
		}
	}
	want := []string{
		`{"conversation_list_filter_conv_type":1,"conversation_list_filter_mark_type":null,"conversation_list_filter_conversation_group":null}`,
		`{"conversation_list_filter_conv_type":0,"conversation_list_filter_mark_type":0,"conversation_list_filter_conversation_group":"","conversation_list_filter_has_unread_count":true}`,
	}
	if len(got) != 2 || got[0] != want[0] || got[1] != want[1] {
		t.Fatalf("handed back %q\nwant %q", got, want)
	}
	// the handed-back text is itself the same subscription
	if r := x.e.UnsubscribeUnread(want[0]); r != 0 {
		t.Fatal(r)
	}
	_, ev = x.do(func(cb Callback) int {
		return x.e.UpsertConversations(`[{"conv_id":"a","conv_type":1,"conv_unread_num":5}]`, cb)
	})
	for _, e := range ev {
		if e.Kind == KindUnreadByFilter && e.JSON == want[0] {
			t.Fatalf("unsubscribed by its handed-back form, still fires: %+v", e)
		}
	}
}

func TestCreateConv(t *testing.T) {
	x := newH(t)
	d, ev := x.do(func(cb Callback) int { return x.e.CreateConv("u1", tim.ConvC2C, cb) })
	if d.Code != 0 || gjson.Get(d.JSON, "conv_id").String() != "u1" || gjson.Get(d.JSON, "conv_type").Int() != 1 {
		t.Fatalf("create: %+v", d)
	}
	if len(ev) != 1 || ev[0].Kind != KindConvEvent || ev[0].Event != tim.EventAdd {
		t.Fatalf("create events: %+v", ev)
	}
	x.upsert(item(1, "u1", 5, 2))
	d, ev = x.do(func(cb Callback) int { return x.e.CreateConv("u1", tim.ConvC2C, cb) })
	if d.Code != 0 || gjson.Get(d.JSON, "conv_unread_num").Int() != 2 || len(ev) != 0 {
		t.Fatalf("existing: %+v %+v", d, ev)
	}
	if c := x.code(func(cb Callback) int { return x.e.CreateConv("u1", 3, cb) }); c != tim.CodeInvalidParam {
		t.Fatalf("type 3: %d", c)
	}
	if c := x.code(func(cb Callback) int { return x.e.CreateConv("", 1, cb) }); c != tim.CodeInvalidParam {
		t.Fatalf("empty id: %d", c)
	}
}

func TestReadTimestampAndSequence(t *testing.T) {
	x := newH(t)
	x.upsert(`{"conv_id":"a","conv_type":1,"conv_c2c_read_timestamp":1700000000}`,
		`{"conv_id":"g","conv_type":2,"conv_group_read_sequence":18446744073709551615}`, item(1, "plain", 1, 0))
	if c := x.conv(1, "a"); c.Get("conv_c2c_read_timestamp").Uint() != 1700000000 {
		t.Fatalf("a: %s", c.Raw)
	}
	if c := x.conv(2, "g"); c.Get("conv_group_read_sequence").Raw != "18446744073709551615" {
		t.Fatalf("g: %s", c.Raw)
	}
	if c := x.conv(1, "plain"); c.Get("conv_c2c_read_timestamp").Exists() || c.Get("conv_group_read_sequence").Exists() {
		t.Fatalf("plain carries read keys: %s", c.Raw)
	}
	x.upsert(`{"conv_id":"a","conv_type":1,"conv_unread_num":1}`) // absent keys keep their value
	if c := x.conv(1, "a"); c.Get("conv_c2c_read_timestamp").Uint() != 1700000000 {
		t.Fatalf("a after update: %s", c.Raw)
	}
	if c := x.code(func(cb Callback) int {
		return x.e.UpsertConversations(`[{"conv_id":"a","conv_type":1,"conv_c2c_read_timestamp":-1}]`, cb)
	}); c != 0 {
		t.Fatalf("call code %d", c)
	}
}

// Answer (the not-supported surface) needs no login and keeps call order.
func TestAnswerOrderAndState(t *testing.T) {
	x := startH(t, tempDir(t))
	id := uintptr(cbSeq.Add(1))
	if r := x.e.Answer(Callback{Fn: id, UserData: id}, tim.CodeNotSupported, "nope", ""); r != tim.Succ {
		t.Fatalf("Answer before login = %d", r)
	}
	if d, _ := x.wait(id); d.Code != tim.CodeNotSupported || d.Desc != "nope" {
		t.Fatalf("answer %+v", d)
	}
	x.login("alice")
	a, b := uintptr(cbSeq.Add(1)), uintptr(cbSeq.Add(1))
	if x.e.GetConvList(Callback{Fn: a, UserData: a}) != 0 || x.e.Answer(Callback{Fn: b, UserData: b}, 7013, "x", "") != 0 {
		t.Fatal("rejected")
	}
	x.wait(b)
	x.rec.mu.Lock()
	_, haveA := x.rec.results[a]
	x.rec.mu.Unlock()
	if !haveA {
		t.Fatal("the answer of a later call arrived before an earlier call's result")
	}
	e := New(newRecorder())
	if r := e.Answer(Callback{Fn: 1}, 7013, "x", ""); r != tim.ErrUninit {
		t.Fatalf("Answer before Init = %d", r)
	}
}

func TestParseConfigDefaults(t *testing.T) {
	base := tempDir(t)
	var envVar, want string
	switch runtime.GOOS {
	case "windows":
		envVar, want = "LOCALAPPDATA", filepath.Join(base, "timconvgroup")
	case "darwin", "ios":
		envVar, want = "HOME", filepath.Join(base, "Library", "Application Support", "timconvgroup")
	default:
		envVar, want = "XDG_DATA_HOME", filepath.Join(base, "timconvgroup")
	}
	t.Setenv(envVar, base)
	for _, s := range []string{"", "{}", `{"sdk_config_config_file_path":""}`, `{"sdk_config_config_file_path":null}`} {
		cfg, r := ParseConfig(s)
		if r != tim.Succ || cfg.DataDir != want {
			t.Fatalf("ParseConfig(%q) = %+v, %d; want data dir %q", s, cfg, r, want)
		}
	}
	if envVar == "XDG_DATA_HOME" {
		t.Setenv("XDG_DATA_HOME", "relative/dir")
		t.Setenv("HOME", "/home/someone")
		if cfg, _ := ParseConfig(""); cfg.DataDir != "/home/someone/.local/share/timconvgroup" {
			t.Fatalf("relative XDG_DATA_HOME: %q", cfg.DataDir)
		}
		t.Setenv("XDG_DATA_HOME", "")
		t.Setenv("HOME", "")
	} else {
		t.Setenv(envVar, "")
	}
	if _, r := ParseConfig(""); r != tim.ErrParam {
		t.Fatalf("no %s: %d", envVar, r)
	}
	for _, s := range []string{"nope", "[]", `{"sdk_config_config_file_path":5}`} {
		if _, r := ParseConfig(s); r != tim.ErrJSON {
			t.Fatalf("ParseConfig(%q) = %d, want TIM_ERR_JSON", s, r)
		}
	}
}
