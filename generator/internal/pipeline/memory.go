package pipeline

import (
	"os"
	"runtime/debug"
	"runtime/metrics"
	"sync"
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
// While Hugo renders, the collector is paced by the budget rather than
// by the heap's doubling (Render): Hugo assembles every page first, and
// its live heap grows from tens of MB to 450-560 MB on the county; GOGC's
// default collects at each doubling on the way, each marking a heap the
// budget had room to let grow, and once assembled the limit, not GOGC,
// sets the pace. Counted on the county (bench hugo): 20 collections
// within the budget against 14 without one; 16 with GOGC at
// renderGCPercent while the budget holds (15 with GOGC off, which would
// let a township's render too take the whole budget). A smaller site's
// render now uses more of the budget it was given: make bench measured
// a township's builds at 280-300 MB peak RSS instead of 172 MB, seven
// townships' at 1,019-1,041 MB instead of 620 MB. Before the render
// the live heap stays far below the limit: a higher GOGC there (tried
// over the whole build) saved cheap collections of a small heap and made
// emit's fewer ones dearer, and the first build slower.
//
// A GOMEMLIMIT or a GOGC in the environment is left as set (they are the
// Go runtime's own settings); mib <= 0 sets no budget. Hugo sizes its
// caches by HUGO_MEMORYLIMIT as it documents, which gongshi never sets:
// like every limit here it bounds memory, never what is published.
type Budget struct {
	lifted  atomic.Bool
	limited bool // a limit was set, and is kept until lifted
	stop    chan struct{}
	undo    []func()
	// mu guards paced: GOGC's restoring, once, by whichever comes first
	// of the render's end and the budget's lifting.
	mu    sync.Mutex
	paced func()
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
	b.limited = true
	b.undo = append(b.undo, func() { debug.SetMemoryLimit(prev) })
	go b.watch(limit, prev)
	return b
}

// renderGCPercent is GOGC while Hugo renders within a budget (Render):
// the heap may grow to five times what it holds after a collection,
// the limit stepping in first on a large site.
const renderGCPercent = 400

// Render paces the collector by the budget while Hugo renders (see
// Budget), until done is called; the budget's lifting ends it too, so
// that nothing but GOGC's default bounds the heap past the budget. With
// no budget (nil, none set, lifted) or a GOGC in the environment it does
// nothing.
func (b *Budget) Render() (done func()) {
	if b == nil || !b.limited || os.Getenv("GOGC") != "" {
		return func() {}
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.lifted.Load() || b.paced != nil {
		return func() {}
	}
	prev := debug.SetGCPercent(renderGCPercent)
	b.paced = func() { debug.SetGCPercent(prev) }
	return b.unpace
}

// unpace restores GOGC as it was before Render, if Render changed it.
func (b *Budget) unpace() {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.paced != nil {
		b.paced()
		b.paced = nil
	}
}

// watch lifts the limit when the live heap passes 7/8 of it, and with it
// the render's pacing.
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
			b.mu.Lock()
			b.lifted.Store(true)
			b.mu.Unlock()
			b.unpace()
			debug.SetMemoryLimit(prev)
			return
		}
	}
}

// Lifted reports whether the build held too much to keep to the budget.
func (b *Budget) Lifted() bool { return b.lifted.Load() }

// Stop restores the limits as they were.
func (b *Budget) Stop() {
	close(b.stop)
	b.unpace()
	for _, u := range b.undo {
		u()
	}
}
