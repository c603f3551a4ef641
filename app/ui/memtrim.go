package ui

import (
	"os"
	"unsafe"
)

// wholePages is where the whole memory pages inside b start, and how many bytes they span (0
// when b holds no whole page): what may be handed back of b without touching its neighbours.
func wholePages(b []byte) (first, size uintptr) {
	page := uintptr(os.Getpagesize())
	start := uintptr(unsafe.Pointer(unsafe.SliceData(b)))
	first = (start + page - 1) &^ (page - 1)
	last := (start + uintptr(len(b))) &^ (page - 1)
	if last <= first {
		return first, 0
	}
	return first, last - first
}
