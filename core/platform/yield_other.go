//go:build !linux && !windows

package platform

import "runtime"

// yield falls back to runtime.Gosched where Go's syscall package has no sched_yield
// (darwin, ios, the BSDs).
func yield() { runtime.Gosched() }
