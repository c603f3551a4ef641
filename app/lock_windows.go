//go:build windows

package app

import (
	"os"

	"golang.org/x/sys/windows"
)

// The locked byte lies far beyond the file's text, so other processes can still read who holds it.
var lockRange = windows.Overlapped{Offset: 0, OffsetHigh: 1}

func lockFile(f *os.File) error {
	ol := lockRange
	return windows.LockFileEx(windows.Handle(f.Fd()),
		windows.LOCKFILE_EXCLUSIVE_LOCK|windows.LOCKFILE_FAIL_IMMEDIATELY, 0, 1, 0, &ol)
}

func unlockFile(f *os.File) error {
	ol := lockRange
	return windows.UnlockFileEx(windows.Handle(f.Fd()), 0, 1, 0, &ol)
}

func lockFileShared(f *os.File) error {
	ol := lockRange
	return windows.LockFileEx(windows.Handle(f.Fd()), windows.LOCKFILE_FAIL_IMMEDIATELY, 0, 1, 0, &ol)
}
