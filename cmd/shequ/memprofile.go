package main

import (
	"os"
	"runtime"
	"runtime/pprof"
	"strconv"
	"time"
)

// SHEQU_MEMPROFILE=file writes a heap profile 8 s after start (SHEQU_MEMPROFILE_AFTER=seconds
// for another delay), for measuring idle memory (BENCHMARKS.md, "Start-up, memory and size");
// read it with go tool pprof.
func init() {
	path := os.Getenv("SHEQU_MEMPROFILE")
	if path == "" {
		return
	}
	after := 8 * time.Second
	if n, err := strconv.Atoi(os.Getenv("SHEQU_MEMPROFILE_AFTER")); err == nil && n > 0 {
		after = time.Duration(n) * time.Second
	}
	time.AfterFunc(after, func() {
		runtime.GC()
		f, err := os.Create(path)
		if err != nil {
			return
		}
		defer f.Close()
		_ = pprof.Lookup("heap").WriteTo(f, 0)
	})
}
