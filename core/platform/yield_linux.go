//go:build linux

package platform

import "syscall"

// yield calls sched_yield (Linux and Android).
func yield() { syscall.Syscall(syscall.SYS_SCHED_YIELD, 0, 0, 0) }
