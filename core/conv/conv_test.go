package conv

import (
	"encoding/json"
	"reflect"
	"testing"
	"unicode/utf8"

	"github.com/tidwall/gjson"

	"github.com/timconvgroup/timconvgroup/core/wire"
)

func TestParseKey(t *testing.T) {
	cases := []struct {
		in  string
		typ int32
		id  string
		ok  bool
	}{
		{"c2c_alice", 1, "alice", true},
		{"group_g1", 2, "g1", true},
		{"group_", 0, "", false},
		{"c2c_", 0, "", false},
		{"alice", 0, "", false},
		{"C2C_alice", 0, "", false},
		{"c2c_\xff", 0, "", false},
		{"c2c_" + string(make([]byte, 129)), 0, "", false},
		{"c2c_c2c_x", 1, "c2c_x", true},
	}
	for _, c := range cases {
		typ, id, ok := ParseKey(c.in)
		if ok != c.ok || typ != c.typ || id != c.id {
			t.Errorf("ParseKey(%q) = %d %q %v", c.in, typ, id, ok)
		}
	}
}

func TestConvJSONRoundTrip(t *testing.T) {
	c := &Conv{Type: 2, ID: "g\"1", ShowName: "名字", Unread: 1<<64 - 1, ActiveTime: 1 << 62, LastMsg: `{"a":[1,{"b":null}]}`,
		Draft: `{"draft_user_define":"u","draft_edit_time":3}`, RecvOpt: 2, GroupType: 4, AtInfo: []AtInfo{{Seq: 9, AtType: 3}},
		Pinned: true, Marks: 1<<63 | 8 | 1, CustomData: "cd", Groups: []string{"a", "b"}}
	js := c.JSON()
	if !json.Valid([]byte(js)) {
		t.Fatalf("invalid JSON: %s", js)
	}
	back, err := Decode(js)
	if err != nil {
		t.Fatal(err)
	}
	back.Info = ""
	if !reflect.DeepEqual(back, c) {
		t.Fatalf("round trip:\n%+v\n%+v", back, c)
	}
	if got := gjson.Get(js, "conv_mark_array").Raw; got != "[1,8,9223372036854775808]" {
		t.Fatalf("marks = %s", got)
	}
}

// FuzzUpsertItem: a decoded item applied to a conversation always yields valid, UTF-8 JSON that
// decodes back to the same conversation.
func FuzzUpsertItem(f *testing.F) {
	for _, s := range []string{
		`{"conv_id":"a","conv_type":1}`,
		`{"conv_id":"a","conv_type":2,"conv_show_name":"x","conv_unread_num":18446744073709551615,"conv_last_msg":{"k":[1]},"conv_draft":{"draft_msg":{}},"conv_group_at_info_array":[{"conv_group_at_info_seq":1,"conv_group_at_info_at_type":1}]}`,
		`{"conv_id":"","conv_type":1}`, `[]`, `{"conv_id":"a","conv_type":1,"conv_recv_opt":-1}`,
		`{"conv_id":"a","conv_type":1,"conv_last_msg":{"k":"` + "\xff" + `"}}`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		root, err := wire.Parse(s)
		if err != nil {
			return
		}
		it, err := DecodeUpsertItem(root)
		if err != nil {
			return
		}
		c := &Conv{Type: it.Type, ID: it.ID}
		it.Apply(c)
		js := c.JSON()
		if !json.Valid([]byte(js)) || !utf8.ValidString(js) {
			t.Fatalf("%q gave invalid JSON or invalid UTF-8 %q", s, js)
		}
		back, err := Decode(js)
		if err != nil {
			t.Fatal(err)
		}
		if back.JSON() != js {
			t.Fatalf("not stable: %s vs %s", back.JSON(), js)
		}
	})
}

// FuzzFilter: a filter that decodes has a canonical form that decodes to the same filter.
func FuzzFilter(f *testing.F) {
	for _, s := range []string{`{}`, `{"conversation_list_filter_conv_type":1,"conversation_list_filter_conversation_group":"","conversation_list_filter_mark_type":0,"conversation_list_filter_has_unread_count":true,"conversation_list_filter_has_group_at_info":false}`, `{"conversation_list_filter_mark_type":18446744073709551615}`, `[]`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		flt, err := DecodeFilter(s)
		if err != nil {
			return
		}
		canon := flt.Canonical()
		if !utf8.ValidString(canon) || !json.Valid([]byte(canon)) {
			t.Fatalf("%q: canonical form %q is not UTF-8 JSON", s, canon)
		}
		again, err := DecodeFilter(canon)
		if err != nil || again.Canonical() != canon {
			t.Fatalf("%q: canonical %s does not round trip (%v)", s, canon, err)
		}
	})
}

// An upsert item is read in one pass: the first of duplicate keys counts and escaped keys
// match, as with a lookup per key.
func TestDecodeUpsertItemOnePass(t *testing.T) {
	it, err := DecodeUpsertItem(gjson.Parse(`{"conv_type":1,"conv\u005fid":"a","conv_show_name":"first","conv_show_name":"second","conv_id":"b","conv_unread_num":3,"x":{"conv_unread_num":9}}`))
	if err != nil || it.ID != "a" || it.Type != 1 {
		t.Fatalf("item = %+v, %v", it, err)
	}
	c := &Conv{}
	it.Apply(c)
	if c.ShowName != "first" || c.Unread != 3 {
		t.Fatalf("applied: %+v", c)
	}
	if _, err := DecodeUpsertItem(gjson.Parse(`{"conv_id":"a","conv_type":1,"conv_unread_num":"x","conv_unread_num":2}`)); err == nil {
		t.Fatal("the first conv_unread_num is not a number: want an error")
	}
}

// Decode reads back every field AppendJSON writes.
func TestDecodeRoundTrip(t *testing.T) {
	c := &Conv{ID: "id\"x", Type: 2, ShowName: "n", FaceURL: "f", Unread: 1<<64 - 1, ActiveTime: 7, RecvOpt: 2, GroupType: 3,
		Pinned: true, CustomData: "cd", C2CReadTimestamp: 5, GroupReadSequence: 6, LastMsg: `{"m":1}`, Draft: `{"d":2}`,
		AtInfo: []AtInfo{{Seq: 1, AtType: 2}, {Seq: 3, AtType: 1}}, Marks: 1 | 4 | 1<<40, Groups: []string{"g1", "g2"}}
	info := c.JSON()
	d, err := Decode(info)
	if err != nil {
		t.Fatal(err)
	}
	if d.JSON() != info {
		t.Fatalf("round trip:\n%s\n%s", info, d.JSON())
	}
}
