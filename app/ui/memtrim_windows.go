package ui

/*
#include <malloc.h>
*/
import "C"

import (
	"syscall"
)

// trimCHeap hands the C runtime heap's free blocks back to the system (_heapmin).
func trimCHeap() { C._heapmin() }

var virtualUnlock = syscall.NewLazyDLL("kernel32.dll").NewProc("VirtualUnlock")

// dropPages takes the whole pages inside b, bytes embedded in the program file and only read,
// out of the process's working set: VirtualUnlock on pages that were never locked removes them
// from it (it then reports ERROR_NOT_LOCKED); Windows reads them from the file again if they
// are touched.
func dropPages(b []byte) {
	if first, size := wholePages(b); size > 0 {
		_, _, _ = virtualUnlock.Call(first, size)
	}
}
