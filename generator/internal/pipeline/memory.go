package pipeline

import (
	"os"
	"runtime/debug"
	"runtime/metrics"
	"sync/atomic"
	"time"
)

// DefaultMemoryMiB is a build's memory budget unless --memory says
// otherwise: a county's site builds in 1 GiB.
const DefaultMemoryMiB = 1024

// Budget bounds the memory of a build, when it can.
//
// Go's collector is asked to keep the process within the budget: Go's
// limit counts everything the runtime maps (heap, stacks, its own
// structures). The system counts the program's own code on top (of
// gongshi's 90 MB, about 50 MB are read in): with the default 1 GiB the
// synthetic county's first build peaks at 1,072 MiB RSS. Within a budget the
// collector runs more often, the more so the nearer the live heap is to
// the limit: a lower limit (7/8 of the budget before) left the county's
// render so little room that the budget was lifted on some runs and not
// on others.
//
// When what the build holds comes near the limit (a site much larger
// than the county, whose render alone holds 800 MiB), collecting more
// often frees nothing and only costs time: the budget is then lifted for
// the rest of the build, and Lifted says so.
//
// A GOMEMLIMIT in the environment is left as set (it is the Go runtime's
// own setting); mib <= 0 sets no budget. Hugo sizes its caches by
// HUGO_MEMORYLIMIT as it documents, which gongshi never sets: like every
// limit here it bounds memory, never what is published.
type Budget struct {
	lifted atomic.Bool
	stop   chan struct{}
	undo   []func()
}

// StartBudget sets a budget of mib MiB for the process; Stop restores the
// limits as they were.
func StartBudget(mib int) *Budget {
	b := &Budget{stop: make(chan struct{})}
	if mib <= 0 || os.Getenv("GOMEMLIMIT") != "" {
		return b
	}
	limit := int64(mib) << 20
	prev := debug.SetMemoryLimit(limit)
	b.undo = append(b.undo, func() { debug.SetMemoryLimit(prev) })
	go b.watch(limit, prev)
	return b
}

// watch lifts the limit when the live heap passes 7/8 of it.
func (b *Budget) watch(limit, prev int64) {
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
func (b *Budget) Lifted() bool { return b.lifted.Load() }

// Stop restores the limits as they were.
func (b *Budget) Stop() {
	close(b.stop)
	for _, u := range b.undo {
		u()
	}
}
