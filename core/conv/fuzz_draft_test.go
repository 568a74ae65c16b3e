package conv

import (
	"encoding/json"
	"testing"
	"unicode/utf8"

	"github.com/tidwall/gjson"

	"github.com/timconvgroup/timconvgroup/core/wire"
)

// FuzzDraft: a TIMConvSetDraft / conv_draft argument either is refused, or becomes a stored
// draft that is valid UTF-8 JSON, carries the three draft keys, and decodes to itself again.
func FuzzDraft(f *testing.F) {
	for _, s := range []string{
		`{}`, `{"draft_msg":{"message_elem_array":[{"elem_type":0,"text_elem_content":"hi"}]},"draft_user_define":"ud","draft_edit_time":5}`,
		`{"draft_msg":null}`, `{"draft_msg":[]}`, `{"draft_user_define":5}`, `{"draft_edit_time":-1}`, `{"draft_edit_time":1.5}`,
		`{"draft_edit_time":18446744073709551615}`, `{"draft_user_define":"` + "\xff" + `"}`, `{"draft_msg":{"k":"` + "\xff" + `"}}`,
		`{"draft_msg":{"k":"\ud800"}}`, `[]`, `"x"`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		root, err := wire.Parse(s)
		if err != nil {
			return
		}
		d, err := DecodeDraft(root, 7)
		if err != nil {
			return
		}
		if !utf8.ValidString(d) || !json.Valid([]byte(d)) {
			t.Fatalf("%q: stored draft is not UTF-8 JSON: %q", s, d)
		}
		g := gjson.Parse(d)
		if !g.Get("draft_user_define").Exists() || !g.Get("draft_edit_time").Exists() {
			t.Fatalf("%q: stored draft lacks a key: %s", s, d)
		}
		again, err := DecodeDraft(g, 99)
		if err != nil || again != d {
			t.Fatalf("%q: stored draft %s does not decode to itself (%q, %v)", s, d, again, err)
		}
	})
}
