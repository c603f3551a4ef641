//go:build !windows

package filelock

import (
	"os"
	"syscall"
)

// Lock takes f's exclusive lock, or fails at once when another holds it.
func Lock(f *os.File) error {
	return syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
}

// Unlock drops f's lock.
func Unlock(f *os.File) error {
	return syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
}

// LockShared takes f's shared lock, or fails at once when another holds it exclusively.
func LockShared(f *os.File) error {
	return syscall.Flock(int(f.Fd()), syscall.LOCK_SH|syscall.LOCK_NB)
}
