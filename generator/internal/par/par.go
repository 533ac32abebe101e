// Package par runs the same work over many items on every processor.
package par

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// Workers is how many goroutines Each runs for n items: one per
// processor, at most n.
func Workers(n int) int { return min(runtime.GOMAXPROCS(0), n) }

// Each calls do(w, i) once for every i in [0, n), on Workers(n)
// goroutines, each taking the next i not yet taken; w, the goroutine's
// own number (0 ≤ w < Workers(n)), lets it keep state of its own. Each
// returns when every call has returned. Results are the caller's to put
// in order: written to the i-th place of a slice, they are in the order
// of the items, whatever order the calls ran in.
func Each(n int, do func(w, i int)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := range Workers(n) {
		wg.Go(func() {
			for {
				i := int(next.Add(1)) - 1
				if i >= n {
					return
				}
				do(w, i)
			}
		})
	}
	wg.Wait()
}
