package wire

import (
	"strconv"
	"unicode/utf8"
	"unsafe"

	"github.com/timconvgroup/timconvgroup/core/tim"
)

const hex = "0123456789abcdef"

// AppendString appends s as a JSON string. Invalid UTF-8 bytes become U+FFFD so the output is
// always valid JSON in UTF-8 (inputs are validated earlier; this is the last line of defence).
func AppendString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"':
				b = append(b, '\\', '"')
			case '\\':
				b = append(b, '\\', '\\')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, "\ufffd"...)
			i++
			start = i
			continue
		}
		// U+2028/U+2029 are valid JSON but break JavaScript hosts; escape them.
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// AppendUint appends an exact unsigned integer.
func AppendUint(b []byte, u uint64) []byte { return strconv.AppendUint(b, u, 10) }

// AppendInt appends an exact signed integer.
func AppendInt(b []byte, i int64) []byte { return strconv.AppendInt(b, i, 10) }

// AppendBool appends true or false.
func AppendBool(b []byte, v bool) []byte { return strconv.AppendBool(b, v) }

// StringArrayJSON encodes a list of strings as a JSON array.
func StringArrayJSON(ss []string) string {
	b := make([]byte, 0, 16*len(ss)+2)
	b = append(b, '[')
	for i, s := range ss {
		if i > 0 {
			b = append(b, ',')
		}
		b = AppendString(b, s)
	}
	return string(append(b, ']'))
}

// OpResult is one TIMConversationOperationResult.
type OpResult struct {
	ConvID string
	Code   tim.Code
	Info   string
}

// opResultFixed is the length of one encoded result without its two texts: the keys, the
// quotes, the braces, a comma and the longest code.
const opResultFixed = len(`{"conversation_operation_result_conversation_id":""`) +
	len(`,"conversation_operation_result_result_code":`) + len(`-2147483648`) +
	len(`,"conversation_operation_result_result_info":""}`) + len(`,`)

// OpResultsJSON encodes per-item results in input order. The buffer is sized for the results
// up front and becomes the string without a copy: an upsert of 1,000 has results of about
// 160 KB, which growing a smaller buffer and copying it into a string tripled.
func OpResultsJSON(rs []OpResult) string {
	n := 2
	for _, r := range rs {
		n += opResultFixed + len(r.ConvID) + len(r.Info) // more only when a text needs escapes
	}
	b := make([]byte, 0, n)
	b = append(b, '[')
	for i, r := range rs {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"conversation_operation_result_conversation_id":`...)
		b = AppendString(b, r.ConvID)
		b = append(b, `,"conversation_operation_result_result_code":`...)
		b = AppendInt(b, int64(r.Code))
		b = append(b, `,"conversation_operation_result_result_info":`...)
		b = AppendString(b, r.Info)
		b = append(b, '}')
	}
	b = append(b, ']')
	return unsafe.String(unsafe.SliceData(b), len(b)) // b is not used again
}
