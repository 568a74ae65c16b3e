//go:build windows

package platform

var procSwitchToThread = kernel32.NewProc("SwitchToThread")

// yield calls SwitchToThread: another ready thread of this processor runs, if any.
func yield() { procSwitchToThread.Call() }
