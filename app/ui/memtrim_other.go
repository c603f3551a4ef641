//go:build !linux && !windows

package ui

// trimCHeap does nothing where the C allocator returns its free pages itself.
func trimCHeap() {}

// dropPages leaves the pages to the system.
func dropPages([]byte) {}
