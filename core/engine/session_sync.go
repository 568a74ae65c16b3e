package engine

// Sync across a user's devices (docs/sync.md), the device's side: the outbox that every call
// changing roaming state writes in its own transaction, the push document, and the apply of a
// state document.

import (
	"crypto/rand"
	"encoding/hex"
	"time"
)

// newSyncID returns 128 random bits as 32 lowercase hex digits (a group's id across devices).
func newSyncID() string {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		// crypto/rand does not fail on Linux; fall back to a time-based value rather than panic.
		return fallbackID()
	}
	return hex.EncodeToString(b[:])
}

var fallbackSeq uint64

func fallbackID() string {
	fallbackSeq++
	var b [16]byte
	n := uint64(time.Now().UnixNano()) ^ fallbackSeq<<40
	for i := 0; i < 8; i++ {
		b[i] = byte(n >> (8 * i))
		b[8+i] = byte(fallbackSeq >> (8 * i))
	}
	return hex.EncodeToString(b[:])
}
