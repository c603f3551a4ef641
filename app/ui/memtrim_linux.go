package ui

/*
#include <malloc.h>
*/
import "C"

import (
	"syscall"
)

// trimCHeap hands the C allocator's free pages back to the system: glibc keeps what GL and
// SQLite freed in its arenas, and only malloc_trim returns the pages inside them.
func trimCHeap() { C.malloc_trim(0) }

// dropPages takes the whole pages inside b, bytes embedded in the program file and only read,
// out of the process's resident memory; the system reads them from the file again if they
// are touched.
func dropPages(b []byte) {
	if first, size := wholePages(b); size > 0 {
		_, _, _ = syscall.Syscall(syscall.SYS_MADVISE, first, size, syscall.MADV_DONTNEED)
	}
}
