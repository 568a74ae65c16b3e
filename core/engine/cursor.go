package engine

import (
	"crypto/rand"
	"encoding/binary"

	"github.com/timconvgroup/timconvgroup/core/store"
)

// maxCursors bounds the paging cursors a session keeps (the oldest are forgotten first).
const maxCursors = 1 << 16

// cursorCache maps next_seq values handed to the host to list positions. A position always
// gets the same value while it is remembered, so re-reading a page is stable, and values start
// at a random base so a value from an earlier session is not mistaken for a current one.
type cursorCache struct {
	next  uint64
	bySeq map[uint64]store.Cursor
	byPos map[store.Cursor]uint64
	ring  []uint64
	pos   int
}

func (c *cursorCache) init() {
	var b [8]byte
	rand.Read(b[:])
	c.next = binary.LittleEndian.Uint64(b[:])>>12 | 1 // never 0; below 2^52, exact even for float64 JSON readers
	c.bySeq = map[uint64]store.Cursor{}
	c.byPos = map[store.Cursor]uint64{}
	c.ring = make([]uint64, 0, 64)
	c.pos = 0
}

// put returns the next_seq of a position.
func (c *cursorCache) put(p store.Cursor) uint64 {
	if seq, ok := c.byPos[p]; ok {
		return seq
	}
	seq := c.next
	c.next++
	if len(c.ring) < maxCursors {
		c.ring = append(c.ring, seq)
	} else {
		old := c.ring[c.pos]
		delete(c.byPos, c.bySeq[old])
		delete(c.bySeq, old)
		c.ring[c.pos] = seq
		c.pos = (c.pos + 1) % maxCursors
	}
	c.bySeq[seq] = p
	c.byPos[p] = seq
	return seq
}

// get returns the position of a next_seq.
func (c *cursorCache) get(seq uint64) (store.Cursor, bool) {
	p, ok := c.bySeq[seq]
	return p, ok
}
