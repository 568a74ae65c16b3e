package wire

import (
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/timconvgroup/timconvgroup/core/tim"
)

func TestStringArray(t *testing.T) {
	cases := []struct {
		in   string
		want []string
		ok   bool
	}{
		{`[]`, []string{}, true},
		{`["a","b"]`, []string{"a", "b"}, true},
		{` [ "a" , "\u00e9" ] `, []string{"a", "é"}, true},
		{`["a",1]`, nil, false},
		{`["a",null]`, nil, false},
		{`{"a":1}`, nil, false},
		{`"a"`, nil, false},
		{``, nil, false},
		{`["a"`, nil, false},
		{`["a"] ["b"]`, nil, false},
		{`[[]]`, nil, false},
		{strings.Repeat("[", MaxDepth+1) + strings.Repeat("]", MaxDepth+1), nil, false},
	}
	for _, c := range cases {
		got, err := StringArray(c.in)
		if (err == nil) != c.ok {
			t.Errorf("StringArray(%q) err = %v, want ok=%v", c.in, err, c.ok)
			continue
		}
		if c.ok && strings.Join(got, "|") != strings.Join(c.want, "|") {
			t.Errorf("StringArray(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestDepthGuard(t *testing.T) {
	deep := strings.Repeat(`{"a":`, 1<<20) + "1" + strings.Repeat("}", 1<<20)
	if Valid(deep) {
		t.Fatal("a million levels accepted")
	}
	ok := strings.Repeat("[", MaxDepth) + strings.Repeat("]", MaxDepth)
	if !Valid(ok) {
		t.Fatal("MaxDepth levels refused")
	}
	// Brackets inside strings do not count.
	if !Valid(`["` + strings.Repeat("[", 1000) + `"]`) {
		t.Fatal("brackets in a string counted")
	}
}

func TestNumbers(t *testing.T) {
	for in, want := range map[string]uint64{`0`: 0, `18446744073709551615`: 1<<64 - 1, `9007199254740993`: 9007199254740993} {
		r, _ := Parse(in)
		if got, ok := Uint64(r); !ok || got != want {
			t.Errorf("Uint64(%s) = %d %v", in, got, ok)
		}
	}
	for _, in := range []string{`-1`, `1.5`, `1e3`, `18446744073709551616`, `"1"`, `true`, `null`} {
		r, _ := Parse(in)
		if _, ok := Uint64(r); ok {
			t.Errorf("Uint64(%s) accepted", in)
		}
	}
}

func TestAppendStringIsValidJSON(t *testing.T) {
	for _, s := range []string{"", "plain", `q"b\s`, "\x00\x01\x1f\n\t\r", "é日本🎉", "\xff\xfe", "a\u2028b\u2029", strings.Repeat("x", 1000)} {
		b := AppendString(nil, s)
		if !utf8.Valid(b) {
			t.Errorf("%q: output not UTF-8", s)
		}
		var back string
		if err := json.Unmarshal(b, &back); err != nil {
			t.Errorf("%q: %s does not parse: %v", s, b, err)
			continue
		}
		if utf8.ValidString(s) && back != s {
			t.Errorf("%q: round trip gave %q", s, back)
		}
	}
}

func TestOpResultsJSON(t *testing.T) {
	got := OpResultsJSON([]OpResult{{"c2c_a", 0, ""}, {"x\"y", 6017, "bad"}})
	want := `[{"conversation_operation_result_conversation_id":"c2c_a","conversation_operation_result_result_code":0,"conversation_operation_result_result_info":""},` +
		`{"conversation_operation_result_conversation_id":"x\"y","conversation_operation_result_result_code":6017,"conversation_operation_result_result_info":"bad"}]`
	if got != want {
		t.Fatalf("got  %s\nwant %s", got, want)
	}
	if OpResultsJSON(nil) != "[]" || StringArrayJSON(nil) != "[]" {
		t.Fatal("empty arrays")
	}
}

// OpResultsJSON sizes its buffer before encoding: texts that need escapes (longer encoded
// than raw) and negative codes still come out whole, as valid JSON that reads back.
func TestOpResultsJSONEscapes(t *testing.T) {
	var rs []OpResult
	texts := []string{"", "plain", "q\"q\\", "\x00\x01\n\t", strings.Repeat("\x1f", 300), "\u2028\u2029", "é日本", "bad\xff"}
	for i := 0; i < 200; i++ {
		rs = append(rs, OpResult{ConvID: texts[i%len(texts)], Code: tim.Code(-2147483648 + i*10000019), Info: texts[(i*3)%len(texts)]})
	}
	got := OpResultsJSON(rs)
	var back []struct {
		ID   string   `json:"conversation_operation_result_conversation_id"`
		Code tim.Code `json:"conversation_operation_result_result_code"`
		Info string   `json:"conversation_operation_result_result_info"`
	}
	if err := json.Unmarshal([]byte(got), &back); err != nil || len(back) != len(rs) {
		t.Fatalf("not the %d results as JSON (%d, %v): %.200s", len(rs), len(back), err, got)
	}
	for i, r := range rs {
		want := strings.ToValidUTF8(r.ConvID, "\ufffd")
		if back[i].ID != want || back[i].Code != r.Code || back[i].Info != strings.ToValidUTF8(r.Info, "\ufffd") {
			t.Fatalf("result %d reads back as %+v, want %+v", i, back[i], r)
		}
	}
}

// Clip never splits a UTF-8 sequence, whatever the limit falls on.
func TestClipKeepsRunesWhole(t *testing.T) {
	s := strings.Repeat("é漢🎉", 20) // 2-, 3- and 4-byte runes
	for max := 0; max <= len(s)+1; max++ {
		got := Clip(s, max)
		if !utf8.ValidString(got) {
			t.Fatalf("Clip(%d) = %q is not UTF-8", max, got)
		}
		if max >= len(s) {
			if got != s {
				t.Fatalf("Clip(%d) changed a short value: %q", max, got)
			}
			continue
		}
		body := strings.TrimSuffix(got, "…")
		if body == got || len(body) > max || !strings.HasPrefix(s, body) {
			t.Fatalf("Clip(%d) = %q", max, got)
		}
	}
}
