package main

import (
	"cmp"
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"
	"time"
)

// profiler writes a CPU profile, a heap profile taken at the largest live
// heap seen, and one taken when the build ends, whose allocations are the
// whole build's, for the profile-driven work on `make bench`'s targets
// (go tool pprof PREFIX.cpu, PREFIX.heap; go tool pprof -sample_index
// alloc_space PREFIX.allocs).
type profiler struct {
	prefix string
	cpu    *os.File
	stop   chan struct{}
	done   chan error
}

func startProfile(prefix string) (*profiler, error) {
	if prefix == "" {
		return nil, nil
	}
	f, err := os.Create(prefix + ".cpu")
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, err
	}
	p := &profiler{prefix: prefix, cpu: f, stop: make(chan struct{}), done: make(chan error, 1)}
	go p.watchHeap()
	return p, nil
}

// watchHeap keeps the heap profile of the largest live heap: the heap
// profile describes the heap as of the last collection, so it is written
// after every collection that found more live memory than any before.
func (p *profiler) watchHeap() {
	var peak uint64
	var lastGC uint32
	tick := time.NewTicker(200 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case <-p.stop:
			p.done <- nil
			return
		case <-tick.C:
		}
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		if ms.NumGC == lastGC {
			continue
		}
		lastGC = ms.NumGC
		if ms.HeapAlloc <= peak {
			continue
		}
		peak = ms.HeapAlloc
		f, err := os.Create(p.prefix + ".heap")
		if err != nil {
			p.done <- err
			return
		}
		err = pprof.Lookup("heap").WriteTo(f, 0)
		f.Close()
		if err != nil {
			p.done <- err
			return
		}
	}
}

func (p *profiler) Stop() error {
	if p == nil {
		return nil
	}
	pprof.StopCPUProfile()
	close(p.stop)
	if err := cmp.Or(<-p.done, writeAllocs(p.prefix+".allocs"), p.cpu.Close()); err != nil {
		return fmt.Errorf("profile: %w", err)
	}
	return nil
}

// writeAllocs writes the allocations profile: every allocation so far,
// sampled.
func writeAllocs(name string) error {
	f, err := os.Create(name)
	if err != nil {
		return err
	}
	return cmp.Or(pprof.Lookup("allocs").WriteTo(f, 0), f.Close())
}
