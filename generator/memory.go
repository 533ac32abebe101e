package main

import (
	"os"
	"runtime/debug"
	"runtime/metrics"
	"strconv"
	"sync/atomic"
	"time"
)

// defaultMemoryMiB is a build's memory budget unless --memory says
// otherwise: a county's site builds in 1 GiB.
const defaultMemoryMiB = 1024

// budget bounds the memory of a build, when it can.
//
// Go's collector is asked to keep the process within 7/8 of the budget
// (the rest is for what the runtime does not count as heap: stacks,
// its own structures), and Hugo is told half of it for its caches, which
// it then evicts sooner. Within a budget the collector runs more often: on
// the county a build after one commit took 1 GiB instead of 1.9 GB, and
// its render 10-20% longer.
//
// When what the build holds comes near the limit (a first build, which
// computes every version of every page, holds several times more than a
// render), collecting more often frees nothing and only costs time: the
// budget is then lifted for the rest of the build, and Lifted says so.
//
// A GOMEMLIMIT or HUGO_MEMORYLIMIT in the environment is left as set; mib
// <= 0 sets no budget.
type budget struct {
	lifted atomic.Bool
	stop   chan struct{}
	undo   []func()
}

func startBudget(mib int) *budget {
	b := &budget{stop: make(chan struct{})}
	if mib <= 0 {
		return b
	}
	if os.Getenv("HUGO_MEMORYLIMIT") == "" {
		os.Setenv("HUGO_MEMORYLIMIT", strconv.FormatFloat(float64(mib)/2/1024, 'f', -1, 64)) // in GB
		b.undo = append(b.undo, func() { os.Unsetenv("HUGO_MEMORYLIMIT") })
	}
	if os.Getenv("GOMEMLIMIT") != "" {
		return b
	}
	limit := int64(mib) << 20 / 8 * 7
	prev := debug.SetMemoryLimit(limit)
	b.undo = append(b.undo, func() { debug.SetMemoryLimit(prev) })
	go b.watch(limit, prev)
	return b
}

// watch lifts the limit when the live heap passes 7/8 of it.
func (b *budget) watch(limit, prev int64) {
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case <-b.stop:
			return
		case <-tick.C:
		}
		metrics.Read(sample)
		if sample[0].Value.Kind() == metrics.KindUint64 && sample[0].Value.Uint64() > uint64(limit/8*7) {
			debug.SetMemoryLimit(prev)
			b.lifted.Store(true)
			return
		}
	}
}

// Lifted reports whether the build held too much to keep to the budget.
func (b *budget) Lifted() bool { return b.lifted.Load() }

// Stop restores the limits as they were.
func (b *budget) Stop() {
	close(b.stop)
	for _, u := range b.undo {
		u()
	}
}
