package conv

import (
	"math"
	"math/bits"
)

// Total is an exact unread total: a sum of unsigned 64-bit unread numbers, kept in 128 bits so
// that it never wraps (10,000s of conversations at 2^64-1 stay far below 2^128). Hosts see it
// clamped to 2147483647 (Clamp32).
type Total struct{ Hi, Lo uint64 }

// Add adds n.
func (t *Total) Add(n uint64) {
	var c uint64
	t.Lo, c = bits.Add64(t.Lo, n, 0)
	t.Hi += c
}

// Sub subtracts n (a number added before).
func (t *Total) Sub(n uint64) {
	var b uint64
	t.Lo, b = bits.Sub64(t.Lo, n, 0)
	t.Hi -= b
}

// Clamp32 is the total as the API reports it: at most 2147483647.
func (t Total) Clamp32() int32 {
	if t.Hi != 0 || t.Lo > math.MaxInt32 {
		return math.MaxInt32
	}
	return int32(t.Lo)
}
