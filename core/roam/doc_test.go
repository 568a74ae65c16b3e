package roam

import (
	"strings"
	"testing"

	"github.com/timconvgroup/timconvgroup/core/tim"
)

func TestDecodePushMalformed(t *testing.T) {
	deep := strings.Repeat("[", 70) + strings.Repeat("]", 70)
	cases := []struct {
		doc  string
		code tim.Code
	}{
		{``, tim.ErrJSON},
		{`not json`, tim.ErrJSON},
		{`[]`, tim.ErrJSON},
		{`"x"`, tim.ErrJSON},
		{`{"sync_push_client_id":"c1"`, tim.ErrJSON},
		{`{"sync_push_client_id":"c1","sync_push_op_array":` + deep + `}`, tim.ErrJSON},
		{`{}`, tim.ErrJSON},
		{`{"sync_push_client_id":5}`, tim.ErrJSON},
		{`{"sync_push_client_id":""}`, tim.CodeInvalidParam},
		{`{"sync_push_client_id":"a b"}`, tim.CodeInvalidParam},
		{`{"sync_push_client_id":"` + strings.Repeat("a", 65) + `"}`, tim.CodeInvalidParam},
		{`{"sync_push_client_id":"c1","sync_push_last_version":-1}`, tim.ErrJSON},
		{`{"sync_push_client_id":"c1","sync_push_last_version":1.5}`, tim.ErrJSON},
		{`{"sync_push_client_id":"c1","sync_push_last_version":18446744073709551616}`, tim.ErrJSON},
		{`{"sync_push_client_id":"c1","sync_push_last_version":"1"}`, tim.ErrJSON},
		{`{"sync_push_client_id":"c1","sync_push_op_array":{}}`, tim.ErrJSON},
		{`{"sync_push_client_id":"c1","sync_push_op_array":[1]}`, tim.ErrJSON},
		{`{"sync_push_client_id":"c1","sync_push_op_array":[{}]}`, tim.ErrJSON},
		{`{"sync_push_client_id":"c1","sync_push_op_array":[{"sync_op_id":1}]}`, tim.ErrJSON},
		{`{"sync_push_client_id":"c1","sync_push_op_array":[{"sync_op_id":1,"sync_op_type":"mark"}]}`, tim.ErrJSON},
		{`{"sync_push_client_id":"c1","sync_push_op_array":[{"sync_op_id":1,"sync_op_type":4294967296}]}`, tim.ErrJSON},
		{`{"sync_push_client_id":"c1","sync_push_op_array":[{"sync_op_id":1,"sync_op_type":1,"sync_op_group_name":"A","sync_op_conversation_id_array":[]}]}`, tim.ErrJSON},
		{`{"sync_push_client_id":"c1","sync_push_op_array":[{"sync_op_id":1,"sync_op_type":2}]}`, tim.ErrJSON},
		{`{"sync_push_client_id":"c1","sync_push_op_array":[{"sync_op_id":1,"sync_op_type":3,"sync_op_group_name":"A"}]}`, tim.ErrJSON},
		{`{"sync_push_client_id":"c1","sync_push_op_array":[{"sync_op_id":1,"sync_op_type":4,"sync_op_group_name":"A","sync_op_conversation_id_array":[1]}]}`, tim.ErrJSON},
		{`{"sync_push_client_id":"c1","sync_push_op_array":[{"sync_op_id":1,"sync_op_type":5,"sync_op_group_name":"A","sync_op_conversation_id_array":"c2c_a"}]}`, tim.ErrJSON},
		{`{"sync_push_client_id":"c1","sync_push_op_array":[{"sync_op_id":1,"sync_op_type":6,"sync_op_conversation_id_array":[],"sync_op_mark_type":1}]}`, tim.ErrJSON},
		{`{"sync_push_client_id":"c1","sync_push_op_array":[{"sync_op_id":1,"sync_op_type":6,"sync_op_conversation_id_array":[],"sync_op_mark_type":1.0,"sync_op_enable_mark":true}]}`, tim.ErrJSON},
		{`{"sync_push_client_id":"c1","sync_push_op_array":[{"sync_op_id":1,"sync_op_type":7,"sync_op_conversation_id":"c2c_a","sync_op_is_pinned":1}]}`, tim.ErrJSON},
		{`{"sync_push_client_id":"c1","sync_push_op_array":[{"sync_op_id":1,"sync_op_type":8,"sync_op_conversation_id_array":["c2c_a"]}]}`, tim.ErrJSON},
		{`{"sync_push_client_id":"c1","sync_push_op_array":[{"sync_op_id":1,"sync_op_type":9}]}`, tim.ErrJSON},
		{`{"sync_push_client_id":"c1","sync_push_op_array":[{"sync_op_id":0,"sync_op_type":9,"sync_op_conversation_id":"c2c_a"}]}`, tim.CodeInvalidParam},
		{`{"sync_push_client_id":"c1","sync_push_op_array":[{"sync_op_id":2,"sync_op_type":9,"sync_op_conversation_id":"c2c_a"},{"sync_op_id":2,"sync_op_type":9,"sync_op_conversation_id":"c2c_a"}]}`, tim.CodeInvalidParam},
		{`{"sync_push_client_id":"c1","sync_push_op_array":[{"sync_op_id":3,"sync_op_type":9,"sync_op_conversation_id":"c2c_a"},{"sync_op_id":2,"sync_op_type":9,"sync_op_conversation_id":"c2c_a"}]}`, tim.CodeInvalidParam},
		{`{"sync_push_client_id":"c1","sync_push_op_array":[` + strings.Repeat(`{"sync_op_id":1,"sync_op_type":2,"sync_op_group_name":"A"},`, MaxPushOps) + `{}]}`, tim.CodeInvalidParam},
	}
	for _, c := range cases {
		p, err := DecodePush(c.doc)
		if err == nil {
			t.Errorf("%.120s: accepted %+v", c.doc, p)
			continue
		}
		if err.Code != c.code || err.Desc == "" {
			t.Errorf("%.120s: code %d (%s), want %d", c.doc, err.Code, err.Desc, c.code)
		}
	}
}

func TestDecodePushGood(t *testing.T) {
	doc := `{"sync_push_client_id":"0123abcd","sync_push_last_version":18446744073709551615,"unknown":[1],"sync_push_op_array":[
	 {"sync_op_id":1,"sync_op_type":1,"sync_op_group_id":"g1","sync_op_group_name":"Work","sync_op_conversation_id_array":["c2c_a"]},
	 {"sync_op_id":2,"sync_op_type":2,"sync_op_group_name":"Work"},
	 {"sync_op_id":3,"sync_op_type":3,"sync_op_group_name":"A","sync_op_new_group_name":"B"},
	 {"sync_op_id":4,"sync_op_type":4,"sync_op_group_name":"A","sync_op_conversation_id_array":["c2c_a","group_b"]},
	 {"sync_op_id":5,"sync_op_type":5,"sync_op_group_name":"A","sync_op_conversation_id_array":[]},
	 {"sync_op_id":6,"sync_op_type":6,"sync_op_conversation_id_array":["c2c_a"],"sync_op_mark_type":18446744069414584320,"sync_op_enable_mark":false},
	 {"sync_op_id":7,"sync_op_type":7,"sync_op_conversation_id":"c2c_a","sync_op_is_pinned":true},
	 {"sync_op_id":8,"sync_op_type":8,"sync_op_conversation_id_array":["c2c_a"],"sync_op_custom_data":"x\"y"},
	 {"sync_op_id":9,"sync_op_type":9,"sync_op_conversation_id":"c2c_a"},
	 {"sync_op_id":18446744073709551615,"sync_op_type":77}]}`
	p, err := DecodePush(doc)
	if err != nil {
		t.Fatal(err)
	}
	if p.LastVersion != 1<<64-1 || len(p.Ops) != 10 || p.Ops[5].Marks != 0xFFFFFFFF00000000 || p.Ops[7].CustomData != `x"y` ||
		p.Ops[2].NewName != "B" || !p.Ops[6].Pinned || p.Ops[9].Type != 77 || p.Ops[9].ID != 1<<64-1 {
		t.Fatalf("%+v", p)
	}
	// An unknown kind is decoded and rejected by Apply, not by the document.
	if r := NewState().Apply(p.Ops[9]); r.Code != tim.CodeInvalidParam {
		t.Fatal(r)
	}
	// Values that rules judge are not document errors.
	if _, err := DecodePush(`{"sync_push_client_id":"c1","sync_push_op_array":[{"sync_op_id":1,"sync_op_type":2,"sync_op_group_name":""}]}`); err != nil {
		t.Fatal(err)
	}
	if _, err := DecodePush(`{"sync_push_client_id":"c1"}`); err != nil {
		t.Fatal(err)
	}
}

func TestDecodeStateMalformed(t *testing.T) {
	for _, doc := range []string{
		``, `[]`, `{}`,
		`{"sync_state_version":"1"}`,
		`{"sync_state_version":1,"sync_state_group_array":[{"sync_group_id":"a"}]}`,
		`{"sync_state_version":1,"sync_state_group_array":[{"sync_group_id":"a","sync_group_name":"x"},{"sync_group_id":"a","sync_group_name":"y"}]}`,
		`{"sync_state_version":1,"sync_state_group_array":[{"sync_group_id":"a","sync_group_name":"x","sync_group_conversation_id_array":["bad"]}]}`,
		`{"sync_state_version":1,"sync_state_conv_array":[{"sync_conv_conversation_id":"c2c_a"},{"sync_conv_conversation_id":"c2c_a"}]}`,
		`{"sync_state_version":1,"sync_state_conv_array":[{"sync_conv_conversation_id":"c2c_a","sync_conv_mark_type":16}]}`,
		`{"sync_state_version":1,"sync_state_conv_array":[{"sync_conv_conversation_id":"c2c_a","sync_conv_is_pinned":"yes"}]}`,
		`{"sync_state_version":1,"sync_state_rejected_array":[{"sync_rejected_code":51009}]}`,
		`{"sync_state_version":1,"sync_state_rejected_array":[{"sync_rejected_op_id":1,"sync_rejected_code":1,"sync_rejected_item_array":[{}]}]}`,
		`{"sync_state_version":1,"sync_state_is_unchanged":true,"sync_state_group_array":[{"sync_group_id":"a","sync_group_name":"x"}]}`,
		`{"sync_state_version":1,"sync_state_client_id":"no spaces"}`,
	} {
		if d, err := DecodeState(doc); err == nil {
			t.Errorf("%s: accepted %+v", doc, d)
		} else if err.Desc == "" {
			t.Errorf("%s: no description", doc)
		}
	}
}

func TestStateDocumentRoundTrip(t *testing.T) {
	s := NewState()
	mustApply(t, s, create(1, "g1", "Work", "c2c_b", "c2c_a"), create(2, "g2", "家", "group_x"), mark(3, 1|1<<63, true, "c2c_a"),
		pin(4, "c2c_z", true), custom(5, "\u2028\"", "group_x"))
	rej := []Result{{OpID: 9, Type: OpGroupRename, Code: 51012, Info: "exists"},
		{OpID: 10, Type: OpGroupAdd, Items: []ItemResult{{ConvID: "c2c_a", Code: 0}, {ConvID: "c2c_q", Code: 51008, Info: "full"}}}}
	doc := EncodeState(&StateDoc{Version: 1<<64 - 1, ClientID: "dev", LastOpID: 10, Rejected: rej, State: s})
	want := `{"sync_state_version":18446744073709551615,"sync_state_client_id":"dev","sync_state_last_op_id":10,"sync_state_is_unchanged":false,` +
		`"sync_state_rejected_array":[{"sync_rejected_op_id":9,"sync_rejected_op_type":3,"sync_rejected_code":51012,"sync_rejected_desc":"exists","sync_rejected_item_array":[]},` +
		`{"sync_rejected_op_id":10,"sync_rejected_op_type":4,"sync_rejected_code":0,"sync_rejected_desc":"","sync_rejected_item_array":[{"conversation_operation_result_conversation_id":"c2c_q","conversation_operation_result_result_code":51008,"conversation_operation_result_result_info":"full"}]}],` +
		`"sync_state_group_array":[{"sync_group_id":"g1","sync_group_name":"Work","sync_group_conversation_id_array":["c2c_a","c2c_b"]},{"sync_group_id":"g2","sync_group_name":"家","sync_group_conversation_id_array":["group_x"]}],` +
		`"sync_state_conv_array":[{"sync_conv_conversation_id":"c2c_a","sync_conv_mark_type":9223372036854775809,"sync_conv_is_pinned":false,"sync_conv_custom_data":""},` +
		`{"sync_conv_conversation_id":"c2c_z","sync_conv_mark_type":0,"sync_conv_is_pinned":true,"sync_conv_custom_data":""},` +
		`{"sync_conv_conversation_id":"group_x","sync_conv_mark_type":0,"sync_conv_is_pinned":false,"sync_conv_custom_data":"\u2028\""}]}`
	if string(doc) != want {
		t.Fatalf("got\n%s\nwant\n%s", doc, want)
	}
	d, err := DecodeState(string(doc))
	if err != nil {
		t.Fatal(err)
	}
	if !d.State.Equal(s) || d.Version != 1<<64-1 || d.LastOpID != 10 || len(d.Rejected) != 2 || d.Rejected[1].Items[0].Code != 51008 {
		t.Fatalf("%+v", d)
	}
	// The stored form.
	st, err := DecodeStateOnly(string(EncodeStateOnly(s)))
	if err != nil || !st.Equal(s) {
		t.Fatal(err)
	}
	if st, err := DecodeStateOnly(`{}`); err != nil || len(st.Groups()) != 0 {
		t.Fatal(err)
	}
	// Unchanged.
	u := EncodeState(&StateDoc{Version: 3, Unchanged: true})
	d, err = DecodeState(string(u))
	if err != nil || !d.Unchanged || d.State != nil {
		t.Fatalf("%s %v", u, err)
	}
}

func FuzzDecode(f *testing.F) {
	f.Add(`{"sync_push_client_id":"c1","sync_push_op_array":[{"sync_op_id":1,"sync_op_type":1,"sync_op_group_id":"g","sync_op_group_name":"A","sync_op_conversation_id_array":["c2c_a"]}]}`)
	f.Add(`{"sync_state_version":1,"sync_state_group_array":[{"sync_group_id":"a","sync_group_name":"x","sync_group_conversation_id_array":["c2c_a"]}]}`)
	f.Fuzz(func(t *testing.T, doc string) {
		if p, err := DecodePush(doc); err == nil {
			s := NewState()
			ApplyPush(s, 0, p.Ops)
			if err := s.Check(); err != nil {
				t.Fatal(err)
			}
		}
		if d, err := DecodeState(doc); err == nil && d.State != nil {
			if err := d.State.Check(); err != nil {
				t.Fatal(err)
			}
		}
	})
}
