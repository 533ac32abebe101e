// Package bench measures gongshi on synthetic repositories (package synth)
// against the floors of what it does: git listing the same history, and
// Hugo rendering the same emitted project alone, with gongshi's templates
// and with trivial ones, into memory and to disk. It judges the targets
// stated in these ratios (Targets). `make bench` runs it.
//
// Every measurement is a separate process (gongshi build --timings, and
// the hidden `gongshi bench hugo|history` helpers), so peak resident set
// sizes are each measurement's own. The machines are noisy: each figure is
// the median of several runs, and the ratios compare figures taken on the
// same repository in the same run.
package bench

import (
	"encoding/json"
	"os"
	"slices"
	"time"
)

// Result is one run of the benchmarks, as written to bench/last.json.
type Result struct {
	When    string  `json:"when"`
	Gongshi string  `json:"gongshi"` // the source revision measured
	Go      string  `json:"go"`
	CPUs    int     `json:"cpus"`
	Runs    int     `json:"runs"`
	Scales  []Scale `json:"scales"`
	Growth  []Point `json:"growth,omitempty"`
	// Targets are issue 19's targets, judged on this run (see Targets).
	Targets []Target `json:"targets,omitempty"`
	Seconds float64  `json:"seconds"` // the whole run, repositories included
}

// Scale is what was measured on one synthetic repository.
type Scale struct {
	Name        string  `json:"name"`
	Townships   int     `json:"townships"`
	Head        string  `json:"head"` // the repository's head: same data, same hash
	Commits     int     `json:"commits"`
	Merges      int     `json:"merges"`
	RecordFiles int     `json:"record_files"`
	Pages       int     `json:"pages"`
	WriteSec    float64 `json:"write_s"` // writing the repository

	GitLog Stat `json:"git_log"`      // git log --name-only --format=%H -- records/
	Walk   Stat `json:"history_walk"` // history.Walk of the whole history
	// WalkAlloc is what the walk allocated, in bytes (median).
	WalkAlloc float64 `json:"history_walk_alloc"`
	// Update is the persisted index brought from HEAD~1 to HEAD: load,
	// check, walk one commit, save.
	Update Stat `json:"history_update"`
	// Cold is the first build, at HEAD~1, on a fresh clone with nothing
	// kept; Warm a build of HEAD with what that build kept (the usual
	// rebuild after a commit); CI a build of HEAD on another fresh clone
	// with what the first build kept restored (a CI job that keeps its
	// cache). CloneSec is what one clone took.
	Cold     Build   `json:"build_cold"`
	Warm     Build   `json:"build_warm"`
	CI       Build   `json:"build_ci"`
	CloneSec float64 `json:"clone_s"`
	// Hugo alone on the project of HEAD: gongshi's templates with the
	// build's memory budget (Bare) and without one, the pages dropped as
	// they are written (Discard), and into memory without a budget;
	// trivial templates (a title and the content per page) into memory
	// and to disk, without a budget.
	Bare                Stat `json:"bare_render"`
	BareDiscardNoBudget Stat `json:"bare_render_discarded_no_budget"`
	BareNoBudget        Stat `json:"bare_render_no_budget"`
	Trivial             Stat `json:"trivial_render"`
	TrivialDisk         Stat `json:"trivial_render_disk"`
	// BareGCs and BareDiscardNoBudgetGCs are the collections of the two
	// renders the pages are dropped from, with the budget and without.
	BareGCs                uint64 `json:"bare_render_gcs,omitempty"`
	BareDiscardNoBudgetGCs uint64 `json:"bare_render_discarded_no_budget_gcs,omitempty"`
	// BareCPU and BareDiscardNoBudgetCPU are the CPU time of the renders
	// the pages are dropped from (the least of two each), in seconds.
	BareCPU                float64 `json:"bare_render_cpu_s"`
	BareDiscardNoBudgetCPU float64 `json:"bare_render_discarded_no_budget_cpu_s"`
	// BareStolen is the CPU time the host took while Hugo alone's renders
	// ran (all of them), in seconds.
	BareStolen float64 `json:"bare_render_stolen_s"`

	Ratios Ratios `json:"ratios"`
}

// Stat is a measurement repeated: its median and spread, in seconds.
type Stat struct {
	Median  float64   `json:"median"`
	Min     float64   `json:"min"`
	Max     float64   `json:"max"`
	Samples []float64 `json:"samples"`
}

func newStat(xs []float64) Stat {
	if len(xs) == 0 {
		return Stat{}
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	return Stat{Median: median(s), Min: s[0], Max: s[len(s)-1], Samples: xs}
}

func median(sorted []float64) float64 {
	n := len(sorted)
	if n%2 == 1 {
		return sorted[n/2]
	}
	return (sorted[n/2-1] + sorted[n/2]) / 2
}

func seconds(d time.Duration) float64 { return d.Seconds() }

// Build is a build measured phase by phase.
type Build struct {
	Phases  []PhaseStat    `json:"phases"`
	Total   Stat           `json:"total"`
	PeakRSS int64          `json:"peak_rss"` // bytes, the largest of the runs
	Notes   map[string]int `json:"notes,omitempty"`
	// Stolen is the CPU time the machine's host took from it while each
	// run ran (steal; zero where the system does not say): a run it slowed
	// took longer with nothing changed in gongshi.
	Stolen Stat `json:"stolen"`
}

// PhaseStat is one phase over the runs: medians.
type PhaseStat struct {
	Name       string  `json:"name"`
	Wall       Stat    `json:"wall"`
	CPU        float64 `json:"cpu"` // seconds of user and system time, median
	AllocBytes float64 `json:"alloc_bytes"`
	Allocs     float64 `json:"allocs"`
	GCCycles   float64 `json:"gc_cycles"` // collections that ended in the phase, median
}

// Phase returns the phase with the name, if the build has it.
func (b Build) Phase(name string) (PhaseStat, bool) {
	for _, p := range b.Phases {
		if p.Name == name {
			return p, true
		}
	}
	return PhaseStat{}, false
}

// Own is the generator's own work: every phase but Hugo's render.
func (b Build) Own() float64 {
	own := 0.0
	for _, p := range b.Phases {
		if p.Name != "render" {
			own += p.Wall.Median
		}
	}
	return own
}

// CPU is the sum of the phases' median CPU times.
func (b Build) CPU() float64 {
	cpu := 0.0
	for _, p := range b.Phases {
		cpu += p.CPU
	}
	return cpu
}

// Render is the render phase's median.
func (b Build) Render() float64 {
	p, _ := b.Phase("render")
	return p.Wall.Median
}

// Ratios are the comparisons the targets are stated in.
type Ratios struct {
	// HistoryOverGit is the full history walk over git log (target ≤ 1.5).
	HistoryOverGit float64 `json:"history_over_git"`
	// OwnOverRender is the generator's own work over its render phase,
	// for the warm and the cold build (target ≤ 0.25).
	OwnOverRender     float64 `json:"own_over_render"`
	OwnOverRenderCold float64 `json:"own_over_render_cold"`
	// OwnOverBare is the same over Hugo alone (the pages dropped as
	// they are written, with the budget).
	OwnOverBare float64 `json:"own_over_bare"`
	// TotalOverFloors is the first (cold) build over git log plus Hugo
	// alone; TotalOverFloorsWarm the build after one commit.
	TotalOverFloors     float64 `json:"total_over_floors"`
	TotalOverFloorsWarm float64 `json:"total_over_floors_warm"`
	// TemplatesOverTrivial is gongshi's templates over trivial ones, the
	// same project, both into memory without a budget.
	TemplatesOverTrivial float64 `json:"templates_over_trivial"`
	// BudgetAdded is the render time the memory budget adds, over the
	// render without one (both gongshi's templates, the pages dropped as
	// they are written: a build writes them to disk and holds none).
	BudgetAdded float64 `json:"budget_added"`
	// BudgetAddedCPU is the same in CPU time.
	BudgetAddedCPU float64 `json:"budget_added_cpu"`
	// RenderOverTrivialDisk is the build's render phase (to disk, with
	// the budget, after one commit) over trivial templates to disk.
	RenderOverTrivialDisk float64 `json:"render_over_trivial_disk"`
	// CIOverWarm is the CI build (fresh clone, cache restored) over the
	// build after one commit.
	CIOverWarm float64 `json:"ci_over_warm"`
}

// Point is one size in the growth series.
type Point struct {
	Scale     string  `json:"scale"`
	Townships int     `json:"townships"`
	Pages     int     `json:"pages"`
	Total     Stat    `json:"total"` // warm build
	PerPage   float64 `json:"per_page_ms"`
	CPUPage   float64 `json:"cpu_per_page_ms"` // user and system time
	OwnPage   float64 `json:"own_per_page_ms"`
	Render    float64 `json:"render_per_page_ms"`
	PeakRSS   int64   `json:"peak_rss"`
	// FirstPerPage is the first build's time per page, in ms, of its
	// FirstPages (at HEAD~1).
	FirstPerPage float64 `json:"first_per_page_ms"`
	FirstPages   int     `json:"first_pages"`
}

// Load reads a result written before; nil if there is none.
func Load(path string) *Result {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil
	}
	var r Result
	if json.Unmarshal(b, &r) != nil {
		return nil
	}
	return &r
}

// Save writes the result as indented JSON.
func (r *Result) Save(path string) error {
	b, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, append(b, '\n'), 0o644)
}

func (r *Result) scale(name string) *Scale {
	if r == nil {
		return nil
	}
	for i := range r.Scales {
		if r.Scales[i].Name == name {
			return &r.Scales[i]
		}
	}
	return nil
}
