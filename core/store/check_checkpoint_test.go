package store

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/timconvgroup/timconvgroup/core/conv"
)

func autoCheckpointOf(t *testing.T, s *Store) int {
	t.Helper()
	var n int
	if err := s.conn.QueryRowContext(ctx, "PRAGMA wal_autocheckpoint").Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// While the background check runs, the automatic checkpoint is off (the check's snapshot
// keeps it from copying anything back, and it would sort the whole WAL after every commit);
// writes go on meanwhile. The first write after the check ends turns it back on, and its
// commit checkpoints what accumulated.
func TestAutoCheckpointPausedWhileCheckRuns(t *testing.T) {
	good, _ := damagedBigCache(t)
	dir := tempDir(t)
	path := filepath.Join(dir, DBFile)
	if err := os.WriteFile(path, good, 0o600); err != nil {
		t.Fatal(err)
	}
	s := open2(t, dir, false)
	defer s.Close()
	if got := autoCheckpointOf(t, s); got != autoCheckpoint {
		t.Fatalf("wal_autocheckpoint before the check = %d, want %d", got, autoCheckpoint)
	}
	s.CheckInBackground(nil)
	if got := autoCheckpointOf(t, s); got != 0 {
		t.Fatalf("wal_autocheckpoint while the check runs = %d, want 0", got)
	}
	write := func(id string) {
		t.Helper()
		if err := s.Begin(); err != nil {
			t.Fatal(err)
		}
		c := &conv.Conv{Type: 1, ID: id, ActiveTime: 5}
		if err := s.PutConv(c, c.JSON()); err != nil {
			t.Fatal(err)
		}
		if err := s.Commit(); err != nil {
			t.Fatal(err)
		}
	}
	write("during")
	if err := s.WaitCheck(); err != nil {
		t.Fatalf("check of a sound cache: %v", err)
	}
	if got := autoCheckpointOf(t, s); got != 0 {
		t.Fatalf("wal_autocheckpoint after the check, before a write = %d, want 0 (turned on by the next write)", got)
	}
	write("after")
	if got := autoCheckpointOf(t, s); got != autoCheckpoint {
		t.Fatalf("wal_autocheckpoint after the first write after the check = %d, want %d", got, autoCheckpoint)
	}
	for _, id := range []string{"during", "after"} {
		if c, err := s.GetConv(1, id); err != nil || c == nil {
			t.Fatalf("conversation %s written around the check: %v, %v", id, c, err)
		}
	}
}

// A store that runs no background check keeps SQLite's default.
func TestAutoCheckpointDefaultWithoutCheck(t *testing.T) {
	s := open2(t, tempDir(t), false)
	defer s.Close()
	if err := s.Begin(); err != nil {
		t.Fatal(err)
	}
	s.Rollback()
	if got := autoCheckpointOf(t, s); got != autoCheckpoint {
		t.Fatalf("wal_autocheckpoint = %d, want %d", got, autoCheckpoint)
	}
}
