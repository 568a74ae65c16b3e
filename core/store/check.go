package store

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"sync/atomic"
)

// What is checked when (RELIABILITY.md has the whole story):
//
//   - at login, in O(1): the header (magic, page size), the file's size against its page size
//     and, with no WAL pending, against the header's page count; the schema version and the
//     schema itself; the pages the first calls read (the first page of the list, the groups,
//     the unread and extended-state counts); the whole file when it is small (SyncCheckPages);
//   - on every call: SQLite's own checks on every page it reads. A call that meets damage
//     (SQLITE_CORRUPT, SQLITE_NOTADB) fails with 6019, its transaction rolled back, and Note
//     marks the cache damaged: from then on it is read, never written;
//   - after login, off the login path, for a cache bigger than SyncCheckPages: the full
//     quick_check on a connection of its own (CheckInBackground), which marks the cache
//     damaged when it reports anything; Check runs it on request.

// IsCorrupt reports whether err is SQLite reporting a damaged file: SQLITE_CORRUPT (and its
// extended codes) reads "database disk image is malformed", SQLITE_NOTADB "file is not a
// database" (the driver's Error carries SQLite's message).
func IsCorrupt(err error) bool {
	if err == nil {
		return false
	}
	if errors.Is(err, ErrCorrupt) {
		return true
	}
	msg := err.Error()
	return strings.Contains(msg, "malformed") || strings.Contains(msg, "not a database")
}

// Note looks at an error a call met: when it is damage, the cache is marked damaged (Begin
// refuses from then on). It reports whether it was damage.
func (s *Store) Note(err error) bool {
	if IsCorrupt(err) {
		s.damaged.Store(true)
		return true
	}
	return false
}

// Damaged reports whether damage has been found in the cache since it was opened.
func (s *Store) Damaged() bool { return s.damaged.Load() }

// NeedsCheck reports whether the file was too big to be checked whole at login.
func (s *Store) NeedsCheck() bool { return s.pages > SyncCheckPages }

// bgCheck is a full check running on its own connection.
type bgCheck struct {
	cancel context.CancelFunc
	done   chan struct{}
	err    error       // set before done closes
	ended  atomic.Bool // the check is over (read on the Store's goroutine: afterCommit)
}

// checkRunning reports whether the background check still holds its snapshot (checkpoint.go
// does not checkpoint meanwhile).
func (s *Store) checkRunning() bool { return s.check != nil && !s.check.ended.Load() }

// CheckInBackground starts the full check (PRAGMA quick_check: one read of every page) on a
// read-only connection of its own, on a thread of the lowest CPU priority, so the worker's
// calls go on meanwhile (WAL: the check reads the snapshot of its start). report runs on the check's goroutine when it ends: nil
// when the file is sound; otherwise the cache is marked damaged first. Close stops it.
func (s *Store) CheckInBackground(report func(error)) {
	if s.check != nil {
		return
	}
	cctx, cancel := context.WithCancel(context.Background())
	c := &bgCheck{cancel: cancel, done: make(chan struct{})}
	s.check = c
	go func() {
		defer close(c.done)
		defer c.ended.Store(true)
		backgroundPriority()
		c.err = s.fullCheck(cctx)
		if cctx.Err() != nil {
			return // stopped by Close: no verdict
		}
		if c.err != nil && IsCorrupt(c.err) {
			s.damaged.Store(true)
		}
		if report != nil {
			report(c.err)
		}
	}()
}

// WaitCheck waits for the background check and returns its verdict (nil when none ran).
func (s *Store) WaitCheck() error {
	if s.check == nil {
		return nil
	}
	<-s.check.done
	return s.check.err
}

func (s *Store) stopCheck() {
	if s.check != nil {
		s.check.cancel()
		<-s.check.done
	}
}

// Check runs the full check now, on a connection of its own; damage marks the cache damaged.
func (s *Store) Check() error {
	err := s.fullCheck(context.Background())
	s.Note(err)
	return err
}

func (s *Store) fullCheck(cctx context.Context) error {
	db, err := sql.Open("sqlite3", "file:"+s.Path+"?mode=ro&_busy_timeout=5000")
	if err != nil {
		return classify(err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	return quickCheckCtx(cctx, db)
}
