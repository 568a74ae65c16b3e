package store

// Checkpoints off the committing call. SQLite's automatic checkpoint runs inside the COMMIT
// that brings the WAL to 1,000 frames: that call then also copies the WAL's pages into the
// database file and syncs both, several milliseconds that land on whichever call commits
// (often a sync apply, which writes a few hundred pages). The Store replaces it: a WAL hook on
// its connection notes the WAL's size at each commit, and past the same 1,000 frames a
// goroutine with a connection of its own runs a PASSIVE checkpoint once the calls pause for
// 5 ms (it never blocks a writer, and a writer never waits for it). Durability is unchanged: a commit is
// durable when it is in the WAL (synchronous=NORMAL: at a process crash; FULL: at power loss),
// and a checkpoint only copies committed pages; a process killed mid-checkpoint leaves a WAL
// that the next open recovers. Should the goroutine fall behind (a WAL of 8,000 frames), the
// commit checkpoints itself, as SQLite would have.

/*
#include <stdint.h>
#include <stdlib.h>

typedef struct sqlite3 sqlite3;
typedef struct sqlite3_stmt sqlite3_stmt;
sqlite3* sqlite3_db_handle(sqlite3_stmt*);
void* sqlite3_wal_hook(sqlite3*, int (*)(void*, sqlite3*, const char*, int), void*);

static int tcg_wal_hook(void* arg, sqlite3* db, const char* name, int frames) {
	*(volatile int*)arg = frames;
	return 0;
}

// tcg_wal_watch replaces the connection's WAL hook (SQLite's automatic checkpoint) with one
// that stores the WAL's frame count in a C int it returns (NULL: nothing was changed).
static int* tcg_wal_watch(uintptr_t stmt) {
	sqlite3* db = sqlite3_db_handle((sqlite3_stmt*)stmt);
	if (!db) return NULL;
	int* n = (int*)calloc(1, sizeof(int));
	if (!n) return NULL;
	sqlite3_wal_hook(db, tcg_wal_hook, n);
	return n;
}

static void tcg_wal_unwatch(uintptr_t stmt, int* n) {
	sqlite3* db = sqlite3_db_handle((sqlite3_stmt*)stmt);
	if (db) sqlite3_wal_hook(db, NULL, NULL);
	free(n);
}
*/
import "C"

import (
	"database/sql"
	"database/sql/driver"
	"sync/atomic"
	"time"
)

const checkpointFrames = 1000 // SQLite's automatic checkpoint threshold

// inlineCheckpointFrames: the goroutine fell behind (or a reader holds an old snapshot, such as
// the background full check): the commit checkpoints itself. A variable for the tests.
var inlineCheckpointFrames = 8000

// backgroundCheckpoints counts the checkpoints the goroutines ran (tests read it).
var backgroundCheckpoints atomic.Int64

// checkpointQuiet: the goroutine waits until no commit came for this long (the calls of a burst,
// and the listener events of the commit that asked, go first), unless the WAL passes
// busyCheckpointFrames meanwhile.
const (
	checkpointQuiet      = 5 * time.Millisecond
	busyCheckpointFrames = 4000
)

type checkpointer struct {
	frames     *C.int  // the WAL's frames after the last commit (written by the hook, on the Store's goroutine)
	stmt       uintptr // a statement of the Store's connection (its sqlite3 handle)
	kick       chan struct{}
	done       chan struct{}
	lastCommit atomic.Int64 // time of the last commit (UnixNano), for the goroutine
	walFrames  atomic.Int64 // *frames after the last commit, for the goroutine
}

// startCheckpointer installs the WAL hook and starts the goroutine. When the connection's
// handle cannot be found, SQLite's automatic checkpoint stays.
func (s *Store) startCheckpointer() {
	st, err := s.rstmt("PRAGMA user_version")
	if err != nil {
		return
	}
	h := stmtHandle(st)
	if h == 0 {
		return
	}
	n := C.tcg_wal_watch(C.uintptr_t(h))
	if n == nil {
		return
	}
	cp := &checkpointer{frames: n, stmt: h, kick: make(chan struct{}, 1), done: make(chan struct{})}
	s.cp = cp
	go cp.run(s.Path)
}

func (cp *checkpointer) run(path string) {
	defer close(cp.done)
	var db *sql.DB
	for range cp.kick {
		for {
			idle := time.Since(time.Unix(0, cp.lastCommit.Load()))
			if idle >= checkpointQuiet || cp.walFrames.Load() >= busyCheckpointFrames {
				break
			}
			time.Sleep(checkpointQuiet - idle)
		}
		if db == nil {
			var err error
			if db, err = sql.Open("sqlite3", "file:"+path+"?mode=rw&_busy_timeout=0"); err != nil {
				db = nil
				continue
			}
			db.SetMaxOpenConns(1)
		}
		// Errors are left to the next one (or to the commit's own checkpoint past the limit).
		if _, err := db.ExecContext(ctx, "PRAGMA wal_checkpoint(PASSIVE)"); err == nil {
			backgroundCheckpoints.Add(1)
		}
	}
	if db != nil {
		db.Close()
	}
}

// afterCommit hands the checkpoint to the goroutine once the WAL holds checkpointFrames.
func (s *Store) afterCommit() {
	cp := s.cp
	if cp == nil {
		return
	}
	n := int(*cp.frames)
	cp.walFrames.Store(int64(n))
	cp.lastCommit.Store(time.Now().UnixNano())
	if s.checkRunning() {
		// The full check holds the snapshot of its start (usually the database file alone:
		// after login the WAL is fully checkpointed), so no checkpoint can copy anything back
		// before it ends; one would still sort every frame of the WAL to find that out, a
		// cost per commit that grows with everything written since the check started (past
		// inlineCheckpointFrames, on the committing call: on a 1,000,000-conversation cache
		// that tripled a group call). The first commit after the check checkpoints.
		return
	}
	switch {
	case n >= inlineCheckpointFrames:
		// As SQLite's own would. Read to its end (rrow resets it): a statement left stepping
		// would keep a transaction open on the connection. An error is the next one's.
		var row [3]driver.Value
		s.rrow("PRAGMA wal_checkpoint(PASSIVE)", row[:])
	case n >= checkpointFrames:
		select {
		case cp.kick <- struct{}{}:
		default: // one is running or asked for
		}
	}
}

// stopCheckpointer waits for a running checkpoint, closes the goroutine's connection and
// gives the connection its hook back (before the Store's connection closes).
func (s *Store) stopCheckpointer() {
	cp := s.cp
	if cp == nil {
		return
	}
	s.cp = nil
	close(cp.kick)
	<-cp.done
	C.tcg_wal_unwatch(C.uintptr_t(cp.stmt), cp.frames)
}
