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
	b := StartBudget(1)
	defer b.Stop()
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
	_ = hold[len(hold)-1]
}

func TestNoBudget(t *testing.T) {
	b := StartBudget(0)
	defer b.Stop()
	if got := debug.SetMemoryLimit(-1); got != math.MaxInt64 && os.Getenv("GOMEMLIMIT") == "" {
		t.Errorf("Go's limit %d with no budget", got)
	}
}
