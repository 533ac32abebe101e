package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"gongshi/generator/internal/bench"
	"gongshi/generator/internal/sample"
)

// TestBenchHugoRendersEveryPageWithTrivialTemplates: bench hugo renders
// the same emitted project with gongshi's templates and with trivial
// ones, into memory and to disk, and the trivial templates render every
// page gongshi's do (Hugo warns of a kind or output format without a
// layout, and a warning fails the render); the disk render is left for
// the caller to remove, so that removing it slows no measurement.
func TestBenchHugoRendersEveryPageWithTrivialTemplates(t *testing.T) {
	g, _ := sample.Township(t)
	disk := filepath.Join(t.TempDir(), "trivial")
	// Within the budget a render is paced at GOGC 400 (Budget.Render),
	// and one this small, in this test's process, ended before its first
	// collection in 3 runs of 8: the count below would then say nothing
	// of its counting. A GOGC of the environment's own leaves GOGC as it
	// is (TestRenderLeavesAGOGCOfTheEnvironment covers the pacing).
	t.Setenv("GOGC", "100")
	code, stdout, stderr := gongshi(t, "bench", "hugo", "--repo", g.Dir, "--disk", disk)
	if code != exitOK {
		t.Fatalf("bench hugo: exit %d\n%s", code, stderr)
	}
	var h bench.HugoRun
	if err := json.Unmarshal([]byte(stdout), &h); err != nil {
		t.Fatalf("bench hugo printed %q: %v", stdout, err)
	}
	if h.Pages == 0 || h.TrivialPages != h.Pages {
		t.Errorf("trivial templates rendered %d pages; gongshi's %d; want the same, not none", h.TrivialPages, h.Pages)
	}
	if h.Wall <= 0 || h.DiscardNoBudget <= 0 || h.NoBudget <= 0 || h.Trivial <= 0 || h.TrivialDisk <= 0 {
		t.Errorf("bench hugo timed %+v; want every render timed", h)
	}
	// The renders with the budget and without are timed twice each, and
	// each is the faster of its two.
	if len(h.WallRuns) != 2 || len(h.DiscardNoBudgetRuns) != 2 || h.Wall != slices.Min(h.WallRuns) || h.DiscardNoBudget != slices.Min(h.DiscardNoBudgetRuns) {
		t.Errorf("bench hugo timed the budget %v (runs %v), none %v (runs %v); want each the faster of two runs", h.Wall, h.WallRuns, h.DiscardNoBudget, h.DiscardNoBudgetRuns)
	}
	if len(h.CPURuns) != 2 || len(h.DiscardNoBudgetCPURuns) != 2 || h.CPU <= 0 || h.CPU != slices.Min(h.CPURuns) || h.DiscardNoBudgetCPU != slices.Min(h.DiscardNoBudgetCPURuns) {
		t.Errorf("bench hugo took the budget's CPU time as %v (runs %v), none's %v (runs %v); want each the least of two runs", h.CPU, h.CPURuns, h.DiscardNoBudgetCPU, h.DiscardNoBudgetCPURuns)
	}
	if h.GCs == 0 || h.DiscardNoBudgetGCs == 0 {
		t.Errorf("bench hugo counted %d and %d collections in the renders with the budget and without; want them counted", h.GCs, h.DiscardNoBudgetGCs)
	}
	if _, err := os.Stat(filepath.Join(disk, "index.html")); err != nil {
		t.Errorf("bench hugo rendered nothing to disk in %s: %v", disk, err)
	}
}
