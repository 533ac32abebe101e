package pipeline

import (
	"math"
	"os"
	"runtime/debug"
	"testing"
	"time"
)

func TestBudgetSetsTheLimitsAndRestoresThem(t *testing.T) {
	if os.Getenv("GOMEMLIMIT") != "" || os.Getenv("HUGO_MEMORYLIMIT") != "" {
		t.Skip("the environment sets the limits")
	}
	b := StartBudget(4096)
	if got := debug.SetMemoryLimit(-1); got != 4096<<20 {
		t.Errorf("Go's limit %d within a 4096 MiB budget; want %d", got, 4096<<20)
	}
	if b.Lifted() {
		t.Error("a 4 GiB budget was lifted in a test")
	}
	b.Stop()
	if got := debug.SetMemoryLimit(-1); got != math.MaxInt64 {
		t.Errorf("Go's limit %d after the budget; want none", got)
	}
	if _, ok := os.LookupEnv("HUGO_MEMORYLIMIT"); ok {
		t.Error("HUGO_MEMORYLIMIT set: gongshi steers no library through its own environment")
	}
}

func TestBudgetIsLiftedWhenTheBuildHoldsMore(t *testing.T) {
	if os.Getenv("GOMEMLIMIT") != "" {
		t.Skip("the environment sets the limit")
	}
	hold := make([][]byte, 0, 64)
	for range 64 {
		hold = append(hold, make([]byte, 64<<10)) // 4 MiB live, over a 1 MiB budget
	}
	before := gcPercent()
	b := StartBudget(1)
	defer b.Stop()
	done := b.Render() // lifted mid-render
	defer done()
	deadline := time.Now().Add(5 * time.Second)
	for !b.Lifted() && time.Now().Before(deadline) {
		debug.FreeOSMemory() // a collection, which measures the live heap
		time.Sleep(20 * time.Millisecond)
	}
	if !b.Lifted() {
		t.Fatal("a budget smaller than the live heap was kept")
	}
	if got := debug.SetMemoryLimit(-1); got != math.MaxInt64 {
		t.Errorf("Go's limit %d once the budget is lifted; want none", got)
	}
	if os.Getenv("GOGC") != "" {
		return
	}
	if got := gcPercent(); got != before {
		t.Errorf("GOGC %d once the budget is lifted mid-render; want %d: past the budget only GOGC bounds the heap", got, before)
	}
	again := b.Render()
	if got := gcPercent(); got != before {
		t.Errorf("GOGC %d rendering after the budget was lifted; want %d", got, before)
	}
	again()
	_ = hold[len(hold)-1]
}

func TestNoBudget(t *testing.T) {
	b := StartBudget(0)
	defer b.Stop()
	if got := debug.SetMemoryLimit(-1); got != math.MaxInt64 && os.Getenv("GOMEMLIMIT") == "" {
		t.Errorf("Go's limit %d with no budget", got)
	}
}

// gcPercent returns GOGC as the runtime has it.
func gcPercent() int {
	p := debug.SetGCPercent(100)
	debug.SetGCPercent(p)
	return p
}

func TestBudgetPacesTheRender(t *testing.T) {
	if os.Getenv("GOMEMLIMIT") != "" || os.Getenv("GOGC") != "" {
		t.Skip("the environment sets the collector")
	}
	before := gcPercent()
	b := StartBudget(4096)
	if got := gcPercent(); got != before {
		t.Errorf("GOGC %d within a budget, before the render; want %d as it was", got, before)
	}
	done := b.Render()
	if got := gcPercent(); got != renderGCPercent {
		t.Errorf("GOGC %d while rendering within a budget; want %d", got, renderGCPercent)
	}
	if again := b.Render(); gcPercent() != renderGCPercent {
		t.Error("a second render changed the pacing")
	} else {
		again()
		if got := gcPercent(); got != renderGCPercent {
			t.Errorf("the second render's end set GOGC %d while the first renders; want %d", got, renderGCPercent)
		}
	}
	done()
	if got := gcPercent(); got != before {
		t.Errorf("GOGC %d after the render; want %d as it was", got, before)
	}
	done() // once only: nothing to restore
	b.Stop()
	if got := gcPercent(); got != before {
		t.Errorf("GOGC %d after the budget; want %d", got, before)
	}

	// Stopped mid-render, the budget restores GOGC; the render's end
	// then has nothing to undo.
	b = StartBudget(4096)
	done = b.Render()
	b.Stop()
	if got := gcPercent(); got != before {
		t.Errorf("GOGC %d once the budget stopped mid-render; want %d", got, before)
	}
	done()

	// No budget, none paced.
	for _, b := range []*Budget{nil, StartBudget(0)} {
		done := b.Render()
		if got := gcPercent(); got != before {
			t.Errorf("GOGC %d rendering with no budget (%v); want %d", got, b, before)
		}
		done()
		if b != nil {
			b.Stop()
		}
	}
}

// TestRenderLeavesAGOGCOfTheEnvironment: a GOGC the environment sets is
// the Go runtime's own setting, and the budget does not pace the render
// over it.
func TestRenderLeavesAGOGCOfTheEnvironment(t *testing.T) {
	if os.Getenv("GOMEMLIMIT") != "" {
		t.Skip("GOMEMLIMIT is set: no budget to pace by")
	}
	t.Setenv("GOGC", "100")
	before := gcPercent()
	b := StartBudget(DefaultMemoryMiB)
	defer b.Stop()
	done := b.Render()
	if got := gcPercent(); got != before {
		t.Errorf("GOGC %d rendering within a budget with GOGC in the environment; want %d as it was", got, before)
	}
	done()
}
