//go:build unix

package engine

import (
	"syscall"
	"time"
)

// procCPU is the CPU time this process has used (every thread).
func procCPU() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
