package store

import (
	"fmt"
	"testing"

	"github.com/timconvgroup/timconvgroup/core/conv"
)

// While the background check runs no checkpoint is tried (its snapshot keeps any from copying
// back, and each would sort the whole WAL), neither by the goroutine nor on the commit past
// its limit; writes go on. The first commit after the check ends checkpoints, and the WAL
// starts over.
func TestNoCheckpointWhileCheckRuns(t *testing.T) {
	defer func(was int) { inlineCheckpointFrames = was }(inlineCheckpointFrames)
	inlineCheckpointFrames = 20
	s := open2(t, tempDir(t), false)
	defer s.Close()
	if s.cp == nil {
		t.Fatal("no checkpointer")
	}
	// A check that runs until the test says it ended (a real one may end at any moment).
	s.check = &bgCheck{cancel: func() {}, done: make(chan struct{})}
	defer close(s.check.done)
	write := func(i int) {
		t.Helper()
		if err := s.Begin(); err != nil {
			t.Fatal(err)
		}
		c := &conv.Conv{Type: 1, ID: fmt.Sprintf("u%04d", i), ActiveTime: uint64(i)}
		if err := s.PutConv(c, c.JSON()); err != nil {
			t.Fatal(err)
		}
		if err := s.Commit(); err != nil {
			t.Fatal(err)
		}
	}
	before := backgroundCheckpoints.Load()
	prev := 0
	for i := 0; i < 200; i++ {
		write(i)
		n := int(*s.cp.frames)
		if n <= prev {
			t.Fatalf("commit %d: the WAL went from %d to %d frames while the check runs: a checkpoint ran", i, prev, n)
		}
		prev = n
	}
	if prev < 2*inlineCheckpointFrames {
		t.Fatalf("the WAL reached %d frames only: the test did not write enough", prev)
	}
	if got := backgroundCheckpoints.Load(); got != before {
		t.Fatalf("%d background checkpoints while the check runs", got-before)
	}
	s.check.ended.Store(true)
	write(200) // checkpoints on the commit (past inlineCheckpointFrames)
	write(201) // the WAL starts over
	if n := int(*s.cp.frames); n >= prev {
		t.Fatalf("after the check: the WAL holds %d frames (had %d): no checkpoint", n, prev)
	}
	for i := 0; i < 202; i++ {
		if c, err := s.GetConv(1, fmt.Sprintf("u%04d", i)); err != nil || c == nil {
			t.Fatalf("conversation %d: %v, %v", i, c, err)
		}
	}
}
