// Package par runs the same work over many items on every processor.
package par

import (
	"fmt"
	"runtime"
	"runtime/debug"
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
//
// A call that panics stops the others from taking more items, and Each,
// once every goroutine has stopped, panics in its caller's goroutine
// with a *Panic: a bug found on one goroutine reaches the command's
// recover (an internal error, exit status 3), not the runtime, which
// would end the process with status 2, "usage error".
func Each(n int, do func(w, i int)) {
	var next atomic.Int64
	var failed atomic.Pointer[Panic]
	var wg sync.WaitGroup
	for w := range Workers(n) {
		wg.Go(func() {
			defer func() {
				if r := recover(); r != nil {
					next.Store(int64(n)) // no more items for anyone
					failed.CompareAndSwap(nil, &Panic{Value: r, Stack: debug.Stack()})
				}
			}()
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
	if p := failed.Load(); p != nil {
		panic(p)
	}
}

// A Panic is the first panic of a call Each made, raised again by Each:
// the value the call panicked with, and the stack of the goroutine it
// panicked on.
type Panic struct {
	Value any
	Stack []byte
}

func (p *Panic) String() string { return fmt.Sprintf("%v\n\n%s", p.Value, p.Stack) }
