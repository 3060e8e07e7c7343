//go:build exitdrill_light

package main

import (
	"os"
	"runtime/debug"
	"runtime/metrics"
	"time"
)

// Without the collector while the heap is under half of noGCHeap, then as
// usual; noGCHeap bounds the heap until heapWatch has seen it pass.
const (
	noGCHeap  = 256 << 20
	heapWatch = 5 * time.Millisecond
)

// tuneGC turns the garbage collector off while the heap is small (a collection
// the packages' initialisation started may still end after it). This binary
// runs only short commands that read files (validate, impact, render, …; the
// lasting ones are exitdrill-engine's), and for them the collector's
// concurrent marking was almost half the CPU time (validate of a
// 1,300-application catalog: 130 ms of CPU with it, 70 ms without, peak RSS
// 40 MB either way). A command whose heap passes half of noGCHeap (impact of
// 50,000 applications) gets the collector back as it was, so its peak RSS
// stays what it was (280 MB); the memory limit holds the heap at noGCHeap
// until the watcher, which looks every heapWatch, has seen it. GOGC or GOMEMLIMIT in the environment
// decide instead.
func tuneGC() {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	percent := debug.SetGCPercent(-1)
	limit := debug.SetMemoryLimit(noGCHeap)
	go func() {
		heap := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
		for {
			time.Sleep(heapWatch)
			metrics.Read(heap)
			if heap[0].Value.Kind() != metrics.KindUint64 || heap[0].Value.Uint64() > noGCHeap/2 {
				debug.SetGCPercent(percent)
				debug.SetMemoryLimit(limit)
				return
			}
		}
	}()
}
