// Package platform holds the few operating-system-specific pieces of the library behind one
// small interface, each implemented in a build-tagged file:
//
//   - TryLock: a non-blocking, exclusive, cross-process lock on an open file
//     (flock on Unix, LockFileEx on Windows). The operating system drops the lock when the
//     file is closed or the process dies, so a lock left by a dead process never blocks.
//   - Yield: give the CPU to any other runnable thread of the machine, not only to goroutines
//     (sched_yield on Linux/Android, SwitchToThread on Windows, runtime.Gosched elsewhere).
//
// The clock the C callback dispatcher waits on is chosen in C (capi/dispatch.c), where the
// condition variables live.
//
// File permissions: the library creates its folders with mode 0700 and its files with 0600.
// Those are POSIX modes; on Windows only the write bit means something (read-only or not), and
// privacy comes from the folder's ACL instead: keep the data folder inside the user's profile
// (for example Unity's Application.persistentDataPath or %LOCALAPPDATA%), which only that user
// (and administrators) can read.
package platform

import (
	"errors"
	"os"
)

// ErrUnsupported is returned by TryLock on a system without a file-lock primitive.
var ErrUnsupported = errors.New("platform: file locks are not supported on this system")

// TryLock takes an exclusive lock on f without waiting. It returns (true, nil) when the lock is
// taken, (false, nil) when another process (or another open file of this process) holds it,
// and (false, err) when the lock cannot be attempted. The lock lasts until f is closed.
func TryLock(f *os.File) (locked bool, err error) { return tryLock(f) }

// Yield gives the CPU to another runnable thread, if any.
func Yield() { yield() }
