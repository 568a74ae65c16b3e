//go:build windows

package platform

import (
	"os"
	"syscall"
	"unsafe"
)

var (
	kernel32       = syscall.NewLazyDLL("kernel32.dll")
	procLockFileEx = kernel32.NewProc("LockFileEx")
)

const (
	lockfileFailImmediately = 0x1
	lockfileExclusiveLock   = 0x2
	errorLockViolation      = syscall.Errno(33) // ERROR_LOCK_VIOLATION
)

// tryLock locks the file's first byte with LockFileEx (exclusive, fail immediately). Windows
// releases the lock when the handle is closed or the process ends.
func tryLock(f *os.File) (bool, error) {
	var ol syscall.Overlapped
	r, _, e := procLockFileEx.Call(f.Fd(), lockfileExclusiveLock|lockfileFailImmediately, 0, 1, 0,
		uintptr(unsafe.Pointer(&ol)))
	if r != 0 {
		return true, nil
	}
	if e == errorLockViolation || e == syscall.ERROR_IO_PENDING {
		return false, nil
	}
	return false, e
}
