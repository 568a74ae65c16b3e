package conv

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/tidwall/gjson"

	"github.com/timconvgroup/timconvgroup/core/wire"
)

// Opaque JSON objects (conv_last_msg, draft_msg) are stored and handed back verbatim, so they
// must be UTF-8 like every other string the host gets: a string of invalid UTF-8 inside them is an
// item error (6017) or a refused draft, never a ConvInfo whose JSON is not UTF-8.
func TestOpaqueObjectsMustBeUTF8(t *testing.T) {
	items := []string{
		`{"conv_id":"a","conv_type":1,"conv_last_msg":{"k":"` + "\xff" + `"}}`,
		`{"conv_id":"a","conv_type":1,"conv_last_msg":{"` + "\xc3" + `":1}}`,
		`{"conv_id":"a","conv_type":1,"conv_last_msg":{"k":["` + "\xed\xa0\x80" + `"]}}`,
		`{"conv_id":"a","conv_type":1,"conv_draft":{"draft_msg":{"` + "\xfe" + `":1}}}`,
	}
	for _, s := range items {
		root, err := wire.Parse(s)
		if err != nil {
			continue // refused as malformed JSON: fine
		}
		it, err := DecodeUpsertItem(root)
		if err != nil {
			continue // item error (6017): fine
		}
		c := &Conv{Type: it.Type, ID: it.ID}
		it.Apply(c)
		if js := c.JSON(); !utf8.ValidString(js) {
			t.Errorf("%q was accepted and gives ConvInfo JSON that is not UTF-8: %q", s, js)
		}
	}
	if d, err := DecodeDraft(gjson.Parse(`{"draft_msg":{"k":"`+"\xff"+`"}}`), 0); err == nil {
		t.Errorf("a draft_msg of invalid UTF-8 was accepted: %q", d)
	}
	// Valid UTF-8, escapes included, is still accepted and kept.
	root, _ := wire.Parse(`{"conv_id":"a","conv_type":1,"conv_last_msg":{"k":"é\ud83c\udf89\u0000"}}`)
	it, err := DecodeUpsertItem(root)
	if err != nil {
		t.Fatalf("valid last message refused: %v", err)
	}
	c := &Conv{Type: it.Type, ID: it.ID}
	it.Apply(c)
	if c.LastMsg != `{"k":"é\ud83c\udf89\u0000"}` {
		t.Fatalf("last message = %s", c.LastMsg)
	}
}

// An item error quotes the offending value shortened, and never cuts a multi-byte name in the
// middle of a character, wherever the limit falls.
func TestItemErrorNeverSplitsAName(t *testing.T) {
	for pad := 0; pad < 4; pad++ {
		id := strings.Repeat("x", pad) + strings.Repeat("名", 50) // 150+ bytes: too long
		root, err := wire.Parse(`{"conv_id":"` + id + `","conv_type":1}`)
		if err != nil {
			t.Fatal(err)
		}
		_, err = DecodeUpsertItem(root)
		if err == nil {
			t.Fatalf("a %d-byte conv_id was accepted", len(id))
		}
		msg := err.Error()
		if !utf8.ValidString(msg) || strings.ContainsRune(msg, utf8.RuneError) {
			t.Fatalf("item error splits a character: %q", msg)
		}
		if !strings.Contains(msg, "…") {
			t.Fatalf("item error does not shorten the value: %q", msg)
		}
	}
}
