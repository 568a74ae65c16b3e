package engine

import (
	"reflect"
	"testing"

	"github.com/timconvgroup/timconvgroup/core/tim"
)

func TestSmoke(t *testing.T) {
	x := newH(t)
	x.upsert(item(1, "a", 10, 1), item(1, "b", 30, 0), item(2, "g", 20, 5))
	if got, want := x.list(), []string{"b", "g", "a"}; !reflect.DeepEqual(got, want) {
		t.Fatalf("list = %v, want %v", got, want)
	}
	js := x.ok(func(cb Callback) int { return x.e.CreateGroup("work", `["c2c_a","group_g","c2c_zz","bad"]`, cb) })
	if got, want := itemCodes(js), []tim.Code{0, 0, 6004, 6017}; !reflect.DeepEqual(got, want) {
		t.Fatalf("codes = %v, want %v (%s)", got, want, js)
	}
	t.Log(x.ok(func(cb Callback) int {
		return x.e.GetListByFilter(`{"conversation_list_filter_conversation_group":"work"}`, 0, 1, cb)
	}))
	t.Log(x.conv(1, "a").Raw)
}
