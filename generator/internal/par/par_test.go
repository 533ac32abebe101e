package par

import (
	"sync/atomic"
	"testing"
)

// TestEachCallsOncePerItem: every item is done once, by a worker of a
// number below Workers, and Each returns only when all are done.
func TestEachCallsOncePerItem(t *testing.T) {
	for _, n := range []int{0, 1, 2, 7, 1000} {
		done := make([]atomic.Int32, n)
		var badWorker atomic.Bool
		Each(n, func(w, i int) {
			if w < 0 || w >= Workers(n) {
				badWorker.Store(true)
			}
			done[i].Add(1)
		})
		for i := range done {
			if c := done[i].Load(); c != 1 {
				t.Errorf("n=%d: item %d done %d times; want once", n, i, c)
			}
		}
		if badWorker.Load() {
			t.Errorf("n=%d: a worker numbered outside [0, %d)", n, Workers(n))
		}
	}
}
