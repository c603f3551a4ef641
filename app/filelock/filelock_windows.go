//go:build windows

package filelock

import (
	"os"

	"golang.org/x/sys/windows"
)

// The locked byte lies far beyond the file's text, so other processes can still read who holds it.
var lockRange = windows.Overlapped{Offset: 0, OffsetHigh: 1}

// Lock takes f's exclusive lock, or fails at once when another holds it.
func Lock(f *os.File) error {
	ol := lockRange
	return windows.LockFileEx(windows.Handle(f.Fd()),
		windows.LOCKFILE_EXCLUSIVE_LOCK|windows.LOCKFILE_FAIL_IMMEDIATELY, 0, 1, 0, &ol)
}

// Unlock drops f's lock.
func Unlock(f *os.File) error {
	ol := lockRange
	return windows.UnlockFileEx(windows.Handle(f.Fd()), 0, 1, 0, &ol)
}

// LockShared takes f's shared lock, or fails at once when another holds it exclusively.
func LockShared(f *os.File) error {
	ol := lockRange
	return windows.LockFileEx(windows.Handle(f.Fd()), windows.LOCKFILE_FAIL_IMMEDIATELY, 0, 1, 0, &ol)
}
