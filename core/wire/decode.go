// Package wire reads the JSON the host hands the library (with gjson) and writes the JSON the
// library hands back. Decoders are strict about shape and exact about numbers: a uint64 is a
// JSON integer literal, never a float. Every decoder is safe on any input (fuzzed).
package wire

import (
	"errors"
	"strconv"
	"unicode/utf8"

	"github.com/tidwall/gjson"
)

// MaxDepth is the deepest nesting of arrays/objects accepted in any input. Deeper input is
// rejected before it is parsed (a recursive parser could otherwise exhaust the stack).
const MaxDepth = 64

// ErrShape reports JSON that does not parse or does not have the expected shape; the C layer
// turns it into TIM_ERR_JSON.
var ErrShape = errors.New("malformed JSON")

// Valid reports whether s is one well-formed JSON value nested at most MaxDepth deep.
func Valid(s string) bool {
	return depthOK(s) && gjson.Valid(s)
}

// depthOK scans s once, without recursion, and reports whether its bracket nesting (outside
// strings) stays within MaxDepth.
func depthOK(s string) bool {
	depth := 0
	inStr := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if inStr {
			switch c {
			case '\\':
				i++
			case '"':
				inStr = false
			}
			continue
		}
		switch c {
		case '"':
			inStr = true
		case '[', '{':
			depth++
			if depth > MaxDepth {
				return false
			}
		case ']', '}':
			depth--
		}
	}
	return true
}

// Parse validates s and returns its root value.
func Parse(s string) (gjson.Result, error) {
	if !Valid(s) {
		return gjson.Result{}, ErrShape
	}
	return gjson.Parse(s), nil
}

// StringArray decodes a JSON array of strings (an ID array). Anything else is ErrShape.
func StringArray(s string) ([]string, error) {
	root, err := Parse(s)
	if err != nil || !root.IsArray() {
		return nil, ErrShape
	}
	var out []string
	ok := true
	root.ForEach(func(_, v gjson.Result) bool {
		if v.Type != gjson.String {
			ok = false
			return false
		}
		out = append(out, v.String())
		return true
	})
	if !ok {
		return nil, ErrShape
	}
	if out == nil {
		out = []string{}
	}
	return out, nil
}

// Uint64 reads an exact non-negative JSON integer.
func Uint64(v gjson.Result) (uint64, bool) {
	if v.Type != gjson.Number {
		return 0, false
	}
	u, err := strconv.ParseUint(v.Raw, 10, 64)
	return u, err == nil
}

// Int64 reads an exact JSON integer.
func Int64(v gjson.Result) (int64, bool) {
	if v.Type != gjson.Number {
		return 0, false
	}
	i, err := strconv.ParseInt(v.Raw, 10, 64)
	return i, err == nil
}

// Bool reads a JSON boolean.
func Bool(v gjson.Result) (bool, bool) {
	switch v.Type {
	case gjson.True:
		return true, true
	case gjson.False:
		return false, true
	}
	return false, false
}

// Str reads a JSON string that is valid UTF-8.
func Str(v gjson.Result) (string, bool) {
	if v.Type != gjson.String {
		return "", false
	}
	s := v.String()
	return s, utf8.ValidString(s)
}
