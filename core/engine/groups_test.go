package engine

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/tidwall/gjson"

	"github.com/timconvgroup/timconvgroup/core/tim"
)

func idArray(n int, prefix string) string {
	parts := make([]string, n)
	for i := range parts {
		parts[i] = fmt.Sprintf("%q", fmt.Sprintf("%s%d", prefix, i))
	}
	return "[" + strings.Join(parts, ",") + "]"
}

// The group rules (header section 6, session_groups.go), in their order: each case is one call on a fresh user that has
// conversations c2c_a, c2c_b and the group "g" holding c2c_a.
func TestGroupRulesInOrder(t *testing.T) {
	name33 := strings.Repeat("n", 33)
	cases := []struct {
		name string
		call func(e *Engine, cb Callback) int
		want tim.Code
	}{
		{"create empty name", func(e *Engine, cb Callback) int { return e.CreateGroup("", `["c2c_a"]`, cb) }, tim.CodeInvalidParam},
		{"create invalid UTF-8 name", func(e *Engine, cb Callback) int { return e.CreateGroup("\xff", `["c2c_a"]`, cb) }, tim.CodeInvalidParam},
		{"create 33-byte name before empty array", func(e *Engine, cb Callback) int { return e.CreateGroup(name33, `[]`, cb) }, tim.CodeGroupNameTooLong},
		{"create 32-byte name", func(e *Engine, cb Callback) int { return e.CreateGroup(name33[:32], `["c2c_a"]`, cb) }, 0},
		{"create 11 three-byte runes (33 bytes)", func(e *Engine, cb Callback) int { return e.CreateGroup(strings.Repeat("组", 11), `["c2c_a"]`, cb) }, tim.CodeGroupNameTooLong},
		{"create empty array", func(e *Engine, cb Callback) int { return e.CreateGroup("h", `[]`, cb) }, tim.CodeInvalidParam},
		{"create 101 ids", func(e *Engine, cb Callback) int { return e.CreateGroup("h", idArray(101, "c2c_x"), cb) }, tim.CodeTooManyConvs},
		{"create 101 ids before existing name", func(e *Engine, cb Callback) int { return e.CreateGroup("g", idArray(101, "c2c_x"), cb) }, tim.CodeTooManyConvs},
		{"create existing name", func(e *Engine, cb Callback) int { return e.CreateGroup("g", `["c2c_a"]`, cb) }, tim.CodeGroupExists},
		{"create differs by case", func(e *Engine, cb Callback) int { return e.CreateGroup("G", `["c2c_a"]`, cb) }, 0},
		{"create 100 ids", func(e *Engine, cb Callback) int { return e.CreateGroup("h", idArray(100, "c2c_x"), cb) }, 0},
		{"add missing group", func(e *Engine, cb Callback) int { return e.AddToGroup("nope", `["c2c_a"]`, cb) }, tim.CodeGroupNotExist},
		{"add empty name", func(e *Engine, cb Callback) int { return e.AddToGroup("", `["c2c_a"]`, cb) }, tim.CodeInvalidParam},
		{"add long name", func(e *Engine, cb Callback) int { return e.AddToGroup(name33, `["c2c_a"]`, cb) }, tim.CodeGroupNameTooLong},
		{"add empty array before missing group", func(e *Engine, cb Callback) int { return e.AddToGroup("nope", `[]`, cb) }, tim.CodeInvalidParam},
		{"add 101 ids", func(e *Engine, cb Callback) int { return e.AddToGroup("g", idArray(101, "c2c_x"), cb) }, tim.CodeTooManyConvs},
		{"delete-from missing group", func(e *Engine, cb Callback) int { return e.DeleteFromGroup("nope", `["c2c_a"]`, cb) }, tim.CodeGroupNotExist},
		{"delete-from empty array", func(e *Engine, cb Callback) int { return e.DeleteFromGroup("g", `[]`, cb) }, tim.CodeInvalidParam},
		{"delete-from 101 ids", func(e *Engine, cb Callback) int { return e.DeleteFromGroup("g", idArray(101, "c2c_x"), cb) }, tim.CodeTooManyConvs},
		{"delete missing group", func(e *Engine, cb Callback) int { return e.DeleteGroup("nope", cb) }, tim.CodeGroupNotExist},
		{"delete empty name", func(e *Engine, cb Callback) int { return e.DeleteGroup("", cb) }, tim.CodeInvalidParam},
		{"delete long name", func(e *Engine, cb Callback) int { return e.DeleteGroup(name33, cb) }, tim.CodeGroupNameTooLong},
		{"delete", func(e *Engine, cb Callback) int { return e.DeleteGroup("g", cb) }, 0},
		{"rename missing", func(e *Engine, cb Callback) int { return e.RenameGroup("nope", "x", cb) }, tim.CodeGroupNotExist},
		{"rename empty new name", func(e *Engine, cb Callback) int { return e.RenameGroup("g", "", cb) }, tim.CodeInvalidParam},
		{"rename long new name before missing old", func(e *Engine, cb Callback) int { return e.RenameGroup("nope", name33, cb) }, tim.CodeGroupNameTooLong},
		{"rename same name", func(e *Engine, cb Callback) int { return e.RenameGroup("g", "g", cb) }, 0},
		{"rename", func(e *Engine, cb Callback) int { return e.RenameGroup("g", "k", cb) }, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			x := newH(t)
			x.upsert(item(1, "a", 1, 0), item(1, "b", 2, 0))
			x.ok(func(cb Callback) int { return x.e.CreateGroup("g", `["c2c_a"]`, cb) })
			d, _ := x.do(func(cb Callback) int { return c.call(x.e, cb) })
			if d.Code != c.want {
				t.Fatalf("code %d (%s), want %d", d.Code, d.Desc, c.want)
			}
			if d.Code != 0 && (d.Desc == "" || !utf8.ValidString(d.Desc)) {
				t.Errorf("desc %q is empty or not UTF-8", d.Desc)
			}
		})
	}
}

func TestTwentyGroupsThenLimit(t *testing.T) {
	x := newH(t)
	x.upsert(item(1, "a", 1, 0))
	for i := 0; i < tim.MaxGroups; i++ {
		x.ok(func(cb Callback) int { return x.e.CreateGroup(fmt.Sprintf("g%02d", i), `["c2c_a"]`, cb) })
	}
	if c := x.code(func(cb Callback) int { return x.e.CreateGroup("one-more", `["c2c_a"]`, cb) }); c != tim.CodeTooManyGroups {
		t.Fatalf("21st group: code %d, want 51010", c)
	}
	// The 51010 check comes before the name-exists check.
	if c := x.code(func(cb Callback) int { return x.e.CreateGroup("g00", `["c2c_a"]`, cb) }); c != tim.CodeTooManyGroups {
		t.Fatalf("21st group with an existing name: code %d, want 51010", c)
	}
	x.ok(func(cb Callback) int { return x.e.DeleteGroup("g05", cb) })
	x.ok(func(cb Callback) int { return x.e.CreateGroup("late", `["c2c_a"]`, cb) })
	names := gjson.Parse(x.ok(func(cb Callback) int { return x.e.GetGroupList(cb) })).Array()
	if len(names) != 20 || names[19].String() != "late" || names[5].String() != "g06" {
		t.Fatalf("group list = %v", names)
	}
	info := x.conv(1, "a").Get("conv_conversation_group_array").Array()
	if len(info) != 20 || info[0].String() != "g00" || info[19].String() != "late" {
		t.Fatalf("conversation's groups = %v", info)
	}
}

func TestPerItemRules(t *testing.T) {
	x := newH(t)
	x.upsert(item(1, "a", 1, 0), item(2, "g1", 2, 0))
	js := x.ok(func(cb Callback) int {
		return x.e.CreateGroup("g", `["c2c_a","c2c_a","group_g1","c2c_nobody","a","c2c_","c2c_`+strings.Repeat("x", 129)+`","group_g1"]`, cb)
	})
	want := []tim.Code{0, 0, 0, 6004, 6017, 6017, 6017, 0}
	if got := itemCodes(js); !reflect.DeepEqual(got, want) {
		t.Fatalf("create codes = %v, want %v", got, want)
	}
	res := gjson.Parse(js).Array()
	if len(res) != 8 || res[1].Get("conversation_operation_result_conversation_id").String() != "c2c_a" {
		t.Fatalf("results not one per input in order: %s", js)
	}
	// delete-from: not a member is 0 and no change; listener only with those removed.
	d, ev := x.do(func(cb Callback) int { return x.e.DeleteFromGroup("g", `["c2c_a","c2c_a","c2c_zz"]`, cb) })
	if got := itemCodes(d.JSON); !reflect.DeepEqual(got, []tim.Code{0, 0, 6004}) {
		t.Fatalf("delete-from codes = %v", got)
	}
	var removed []Delivery
	for _, e := range ev {
		if e.Kind == KindDeletedFromGroup {
			removed = append(removed, e)
		}
	}
	if len(removed) != 1 || !reflect.DeepEqual(ids(removed[0].JSON), []string{"a"}) || removed[0].Reason != 0 {
		t.Fatalf("deleted-from events = %+v", removed)
	}
	// Nothing removed: no listener.
	_, ev = x.do(func(cb Callback) int { return x.e.DeleteFromGroup("g", `["c2c_a"]`, cb) })
	for _, e := range ev {
		if e.Kind == KindDeletedFromGroup || e.Kind == KindConvEvent {
			t.Fatalf("event for a no-op removal: %+v", e)
		}
	}
}

func TestGroupMemberLimit(t *testing.T) {
	x := newH(t)
	var items []string
	for i := 0; i < 1001; i++ {
		items = append(items, item(1, fmt.Sprintf("m%04d", i), uint64(i), 0))
	}
	x.upsert(items...)
	x.ok(func(cb Callback) int { return x.e.CreateGroup("big", `["c2c_m0000"]`, cb) })
	for start := 1; start < 1000; start += 100 {
		var keys []string
		for i := start; i < start+100 && i < 1000; i++ {
			keys = append(keys, fmt.Sprintf(`"c2c_m%04d"`, i))
		}
		js := x.ok(func(cb Callback) int { return x.e.AddToGroup("big", "["+strings.Join(keys, ",")+"]", cb) })
		for _, c := range itemCodes(js) {
			if c != 0 {
				t.Fatalf("add at %d: %s", start, js)
			}
		}
	}
	js := x.ok(func(cb Callback) int { return x.e.AddToGroup("big", `["c2c_m0000","c2c_m1000"]`, cb) })
	if got := itemCodes(js); !reflect.DeepEqual(got, []tim.Code{0, tim.CodeCountLimit}) {
		t.Fatalf("1001st member codes = %v", got)
	}
	page := gjson.Parse(x.ok(func(cb Callback) int {
		return x.e.GetListByFilter(`{"conversation_list_filter_conversation_group":"big"}`, 0, 1000, cb)
	}))
	if n := len(page.Get("conversation_list_result_conv_list").Array()); n != 1000 || !page.Get("conversation_list_result_is_finished").Bool() {
		t.Fatalf("group page: %d conversations, finished=%v", n, page.Get("conversation_list_result_is_finished").Bool())
	}
}

// 1000 conversations may carry extended state (a mark, custom data or a group); the 1001st is
// refused whichever call would give it some, and a conversation that already has some is not.
func TestExtendedStateBudget(t *testing.T) {
	var items []string
	for i := 0; i < 1002; i++ {
		items = append(items, item(1, fmt.Sprintf("e%04d", i), uint64(i), 0))
	}
	x2 := newH(t)
	x2.upsert(items...)
	x2.ok(func(cb Callback) int { return x2.e.CreateGroup("g", `["c2c_e0000"]`, cb) })
	for start := 0; start < 1000; start += 100 {
		var keys []string
		for i := start; i < start+100; i++ {
			keys = append(keys, fmt.Sprintf(`"c2c_e%04d"`, i))
		}
		arr := "[" + strings.Join(keys, ",") + "]"
		var js string
		switch (start / 100) % 3 {
		case 0:
			js = x2.ok(func(cb Callback) int { return x2.e.MarkConvs(arr, 1, true, cb) })
		case 1:
			js = x2.ok(func(cb Callback) int { return x2.e.SetCustomData(arr, "x", cb) })
		default:
			js = x2.ok(func(cb Callback) int { return x2.e.AddToGroup("g", arr, cb) })
		}
		for _, c := range itemCodes(js) {
			if c != 0 {
				t.Fatalf("filling budget at %d: %s", start, js)
			}
		}
	}
	for _, call := range []func(cb Callback) int{
		func(cb Callback) int { return x2.e.MarkConvs(`["c2c_e1000"]`, 2, true, cb) },
		func(cb Callback) int { return x2.e.SetCustomData(`["c2c_e1000"]`, "y", cb) },
		func(cb Callback) int { return x2.e.AddToGroup("g", `["c2c_e1000"]`, cb) },
	} {
		if got := itemCodes(x2.ok(call)); !reflect.DeepEqual(got, []tim.Code{tim.CodeCountLimit}) {
			t.Fatalf("1001st extended conversation: %v", got)
		}
	}
	// A conversation that already counts may gain more.
	if got := itemCodes(x2.ok(func(cb Callback) int { return x2.e.MarkConvs(`["c2c_e0001"]`, 2, true, cb) })); !reflect.DeepEqual(got, []tim.Code{0}) {
		t.Fatalf("marking an extended conversation: %v", got)
	}
	// Freeing one makes room, and the count survives a restart.
	x2.ok(func(cb Callback) int { return x2.e.MarkConvs(`["c2c_e0000"]`, 1, false, cb) })
	x2.ok(func(cb Callback) int { return x2.e.DeleteFromGroup("g", `["c2c_e0000"]`, cb) })
	x2.e.Close()
	x3 := startH(t, x2.dir)
	x3.login("alice")
	if got := itemCodes(x3.ok(func(cb Callback) int { return x3.e.MarkConvs(`["c2c_e1000","c2c_e1001"]`, 8, true, cb) })); !reflect.DeepEqual(got, []tim.Code{0, tim.CodeCountLimit}) {
		t.Fatalf("after freeing one: %v", got)
	}
}

func TestGroupEventsAndUpdates(t *testing.T) {
	x := newH(t)
	x.upsert(item(1, "a", 1, 0), item(1, "b", 2, 0))
	d, ev := x.do(func(cb Callback) int { return x.e.CreateGroup("g", `["c2c_a","c2c_zz"]`, cb) })
	if d.Code != 0 || len(ev) != 2 || ev[0].Kind != KindGroupCreated || ev[0].Name != "g" ||
		!reflect.DeepEqual(ids(ev[0].JSON), []string{"a"}) || ev[1].Kind != KindConvEvent || ev[1].Event != tim.EventUpdate {
		t.Fatalf("create events = %+v", ev)
	}
	if g := gjson.Get(ev[1].JSON, "0.conv_conversation_group_array.0").String(); g != "g" {
		t.Fatalf("update carries groups %s", ev[1].JSON)
	}
	// A group created with no member that could be added still fires created, with [].
	_, ev = x.do(func(cb Callback) int { return x.e.CreateGroup("empty", `["c2c_zz"]`, cb) })
	if len(ev) != 1 || ev[0].Kind != KindGroupCreated || ev[0].JSON != "[]" {
		t.Fatalf("create with no member: %+v", ev)
	}
	_, ev = x.do(func(cb Callback) int { return x.e.AddToGroup("g", `["c2c_b","c2c_a"]`, cb) })
	if len(ev) != 2 || ev[0].Kind != KindAddedToGroup || !reflect.DeepEqual(ids(ev[0].JSON), []string{"b"}) {
		t.Fatalf("add events = %+v", ev)
	}
	_, ev = x.do(func(cb Callback) int { return x.e.RenameGroup("g", "h", cb) })
	if len(ev) != 2 || ev[0].Kind != KindGroupNameChanged || ev[0].Name != "g" || ev[0].Name2 != "h" ||
		ev[1].Kind != KindConvEvent || len(ids(ev[1].JSON)) != 2 {
		t.Fatalf("rename events = %+v", ev)
	}
	_, ev = x.do(func(cb Callback) int { return x.e.RenameGroup("h", "h", cb) })
	if len(ev) != 0 {
		t.Fatalf("same-name rename fired %+v", ev)
	}
	if c := x.code(func(cb Callback) int { return x.e.RenameGroup("h", "empty", cb) }); c != tim.CodeGroupExists {
		t.Fatalf("rename onto existing: %d", c)
	}
	// Renamed group keeps its place.
	if got := gjson.Parse(x.ok(func(cb Callback) int { return x.e.GetGroupList(cb) })).Raw; got != `["h","empty"]` {
		t.Fatalf("group list = %s", got)
	}
	_, ev = x.do(func(cb Callback) int { return x.e.DeleteGroup("h", cb) })
	if len(ev) != 2 || ev[0].Kind != KindGroupDeleted || ev[0].Name != "h" || ev[1].Event != tim.EventUpdate {
		t.Fatalf("delete events = %+v", ev)
	}
	// Deleting a group keeps its conversations.
	if got := x.list(); len(got) != 2 {
		t.Fatalf("conversations after group delete = %v", got)
	}
	if g := x.conv(1, "a").Get("conv_conversation_group_array").Raw; g != "[]" {
		t.Fatalf("groups after delete = %s", g)
	}
}

// Deleting a conversation takes it out of every group: deleted-from-group (reason 0) per
// group, then Del with the ConvInfo as it was; it no longer counts in the group.
func TestDeleteConversationLeavesGroups(t *testing.T) {
	x := newH(t)
	x.upsert(item(1, "a", 1, 0), item(1, "b", 2, 0))
	x.ok(func(cb Callback) int { return x.e.CreateGroup("g1", `["c2c_a","c2c_b"]`, cb) })
	x.ok(func(cb Callback) int { return x.e.CreateGroup("g2", `["c2c_a"]`, cb) })
	d, ev := x.do(func(cb Callback) int { return x.e.DeleteConv("a", 1, cb) })
	if d.Code != 0 || len(ev) != 3 || ev[0].Kind != KindDeletedFromGroup || ev[0].Name != "g1" || ev[1].Name != "g2" ||
		ev[2].Kind != KindConvEvent || ev[2].Event != tim.EventDel {
		t.Fatalf("events = %+v", ev)
	}
	if g := gjson.Get(ev[2].JSON, "0.conv_conversation_group_array").Raw; g != `["g1","g2"]` {
		t.Fatalf("Del carries %s, want the conversation as it was", g)
	}
	if c := x.code(func(cb Callback) int { return x.e.DeleteConv("a", 1, cb) }); c != tim.CodeConvNotFound {
		t.Fatalf("second delete: %d", c)
	}
	page := x.ok(func(cb Callback) int {
		return x.e.GetListByFilter(`{"conversation_list_filter_conversation_group":"g1"}`, 0, 10, cb)
	})
	if got := ids(gjson.Get(page, "conversation_list_result_conv_list").Raw); !reflect.DeepEqual(got, []string{"b"}) {
		t.Fatalf("g1 after delete = %v", got)
	}
	// A conversation fed again after deletion is new and in no group.
	_, ev = x.do(func(cb Callback) int { return x.e.UpsertConversations(`[{"conv_id":"a","conv_type":1}]`, cb) })
	if len(ev) != 1 || ev[0].Event != tim.EventAdd || gjson.Get(ev[0].JSON, "0.conv_conversation_group_array").Raw != "[]" {
		t.Fatalf("re-added: %+v", ev)
	}
	js := x.ok(func(cb Callback) int { return x.e.DeleteConvList(`["c2c_a","c2c_nope","x","c2c_b"]`, true, cb) })
	if got := itemCodes(js); !reflect.DeepEqual(got, []tim.Code{0, 6004, 6017, 0}) {
		t.Fatalf("delete list codes = %v", got)
	}
	if c := x.code(func(cb Callback) int { return x.e.DeleteConvList(idArray(101, "c2c_"), false, cb) }); c != tim.CodeTooManyConvs {
		t.Fatalf("delete 101: %d", c)
	}
	if c := x.code(func(cb Callback) int { return x.e.DeleteConvList(`[]`, false, cb) }); c != tim.CodeInvalidParam {
		t.Fatalf("delete empty list: %d", c)
	}
}
