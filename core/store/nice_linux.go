package store

import (
	"runtime"
	"syscall"
)

// backgroundPriority pins the calling goroutine to its thread and gives that thread the lowest
// CPU priority (nice 19: Linux sets it per thread), so the full check never competes with the
// calls or the host. The thread ends with the goroutine (it stays locked).
func backgroundPriority() {
	runtime.LockOSThread()
	syscall.Setpriority(syscall.PRIO_PROCESS, syscall.Gettid(), 19)
}
