package main

import (
	"os"
	"runtime"
	"runtime/pprof"
	"time"
)

// SHEQU_MEMPROFILE=file writes a heap profile 8 s after start, for measuring idle memory
// (BENCHMARKS.md, "Start-up, memory and size"); read it with go tool pprof.
func init() {
	path := os.Getenv("SHEQU_MEMPROFILE")
	if path == "" {
		return
	}
	time.AfterFunc(8*time.Second, func() {
		runtime.GC()
		f, err := os.Create(path)
		if err != nil {
			return
		}
		defer f.Close()
		_ = pprof.Lookup("heap").WriteTo(f, 0)
	})
}
