package store

import (
	"database/sql"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/timconvgroup/timconvgroup/core/conv"
)

// The WAL is checkpointed beside the commits, not inside them: commits that write thousands of
// WAL frames never bring it to the commit's own checkpoint limit, the goroutine checkpoints,
// and everything committed is there after a reopen.
func TestCheckpointOffTheCommit(t *testing.T) {
	dir := tempDir(t)
	s, err := Open(dir, false)
	if err != nil {
		t.Fatal(err)
	}
	if s.cp == nil {
		t.Fatal("no checkpointer: SQLite's automatic checkpoint is still on the commits")
	}
	before := backgroundCheckpoints.Load()
	big := strings.Repeat("x", 9000) // a few overflow pages per row
	maxFrames := 0
	for i := 0; i < 600; i++ {
		if err := s.Begin(); err != nil {
			t.Fatal(err)
		}
		c := &conv.Conv{Type: 1, ID: fmt.Sprintf("u%04d", i), CustomData: big}
		if err := s.PutConv(c, c.JSON()); err != nil {
			t.Fatal(err)
		}
		if err := s.Commit(); err != nil {
			t.Fatal(err)
		}
		maxFrames = max(maxFrames, int(*s.cp.frames))
		if i%50 == 0 {
			time.Sleep(2 * time.Millisecond) // let the goroutine run on a busy machine
		}
	}
	for deadline := time.Now().Add(10 * time.Second); backgroundCheckpoints.Load() == before && time.Now().Before(deadline); {
		time.Sleep(10 * time.Millisecond)
	}
	if backgroundCheckpoints.Load() == before {
		t.Fatalf("no background checkpoint (the WAL reached %d frames)", maxFrames)
	}
	if maxFrames < checkpointFrames {
		t.Fatalf("the WAL reached %d frames only: the test did not write enough", maxFrames)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s = open(t, dir)
	var n int
	if err := s.conn.QueryRowContext(ctx, "SELECT count(*) FROM conv").Scan(&n); err != nil || n != 600 {
		t.Fatalf("after reopen: %d conversations, %v; want 600", n, err)
	}
}

// A reader holding an old snapshot keeps the WAL from being reset; past the limit every commit
// checkpoints itself, and the calls go on (the checkpoint's statement is read to its end).
func TestCheckpointInlineBehindAReader(t *testing.T) {
	defer func(n int) { inlineCheckpointFrames = n }(inlineCheckpointFrames)
	inlineCheckpointFrames = 20
	dir := tempDir(t)
	s := open(t, dir)
	reader, err := sql.Open("sqlite3", "file:"+s.Path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer reader.Close()
	tx, err := reader.Begin()
	if err != nil {
		t.Fatal(err)
	}
	var n int
	if err := tx.QueryRow("SELECT count(*) FROM conv").Scan(&n); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 200; i++ {
		if err := s.Begin(); err != nil {
			t.Fatalf("commit %d: %v", i, err)
		}
		c := &conv.Conv{Type: 1, ID: fmt.Sprintf("u%04d", i), CustomData: strings.Repeat("y", 5000)}
		if err := s.PutConv(c, c.JSON()); err != nil {
			t.Fatal(err)
		}
		if err := s.Commit(); err != nil {
			t.Fatalf("commit %d: %v", i, err)
		}
	}
	tx.Rollback()
	if err := s.conn.QueryRowContext(ctx, "SELECT count(*) FROM conv").Scan(&n); err != nil || n != 200 {
		t.Fatalf("%d conversations, %v; want 200", n, err)
	}
}
