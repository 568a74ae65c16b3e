package wire

import (
	"encoding/json"
	"testing"
)

// FuzzStringArray: any input either decodes to strings that re-encode to equivalent JSON, or
// is refused; it never panics or hangs.
func FuzzStringArray(f *testing.F) {
	for _, s := range []string{`[]`, `["c2c_a","group_b"]`, `["\u00e9\ud83c\udf89"]`, `[1]`, `{}`, `[[[[`, `["\xff"]`, ``} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		ids, err := StringArray(s)
		if err != nil {
			return
		}
		var std []string
		if json.Valid([]byte(s)) {
			if err := json.Unmarshal([]byte(s), &std); err == nil && len(std) != len(ids) {
				t.Fatalf("%q: %d strings, encoding/json finds %d", s, len(ids), len(std))
			}
		}
		out := StringArrayJSON(ids)
		if !json.Valid([]byte(out)) {
			t.Fatalf("re-encoding %q gave invalid JSON %s", s, out)
		}
	})
}
