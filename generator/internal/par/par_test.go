package par

import (
	"strings"
	"sync/atomic"
	"testing"
	"time"
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

// TestEachRaisesAPanicInItsCaller: a call that panics on a worker makes
// Each panic in its caller, once every worker has stopped, with the
// value and the worker's stack; the other items are not all done.
func TestEachRaisesAPanicInItsCaller(t *testing.T) {
	const n = 10000
	var calls atomic.Int64
	var got any
	func() {
		defer func() { got = recover() }()
		Each(n, func(_, i int) {
			calls.Add(1)
			if i == 3 {
				panic("第3项出错")
			}
			time.Sleep(20 * time.Microsecond) // the panic comes long before the last item

		})
	}()
	p, ok := got.(*Panic)
	if !ok {
		t.Fatalf("Each recovered %#v; want a *Panic", got)
	}
	if p.Value != "第3项出错" || !strings.Contains(string(p.Stack), "par.TestEachRaisesAPanicInItsCaller") {
		t.Errorf("the Panic has value %v and stack:\n%s\nwant the call's value and the worker's stack", p.Value, p.Stack)
	}
	if !strings.Contains(p.String(), "第3项出错") {
		t.Errorf("the Panic prints as %q; want its value in it", p.String())
	}
	if c := calls.Load(); c == n {
		t.Errorf("all %d items were done after a call panicked; want the workers stopped", n)
	}
}
