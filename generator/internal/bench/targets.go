package bench

import (
	"fmt"
	"math"
)

// The targets of issue 19 (make bench, 2 cores, ratios from one run).
const (
	maxFirstBuild        = 40.0 // seconds, the county's first build
	maxFirstOverTownship = 1.2  // × townships × the township's first build
	maxFirstRSS          = 1.2 * (1 << 30)
	maxFirstPerPage      = 0.25 // spread of the first build's time per page
	maxTemplates         = 6.0  // gongshi's templates ÷ trivial ones
	maxBudgetAdded       = 0.10
	// maxCIOverWarm: a CI build with its cache restored costs what the
	// build after one commit costs, within one run's noise.
	maxCIOverWarm  = 1.2
	maxWalkOverGit = 1.0
)

// Target is one target judged on a run: what was measured (Value, Now),
// what it is to be (Limit, Want), and whether it was met.
type Target struct {
	Measure string  `json:"measure"`
	Scale   string  `json:"scale"`
	Value   float64 `json:"value"`
	Limit   float64 `json:"limit"`
	Now     string  `json:"now"`
	Want    string  `json:"want"`
	Met     bool    `json:"met"`
}

// Targets judges issue 19's targets on the largest scale measured in full
// (the county in make bench), the first build also against the township
// when both were measured, and the first build's time per page across
// the growth series. A target that the run has no figures for (the time
// per page of a single size) is left out.
func Targets(r *Result) []Target {
	var big, small *Scale
	for i := range r.Scales {
		s := &r.Scales[i]
		if big == nil || s.Townships > big.Townships {
			big = s
		}
		if s.Townships == 1 && small == nil {
			small = s
		}
	}
	if big == nil {
		return nil
	}
	var ts []Target
	add := func(measure string, value, limit float64, met bool, now, want string) {
		ts = append(ts, Target{Measure: measure, Scale: big.Name, Value: value, Limit: limit, Met: met, Now: now, Want: want})
	}

	first := big.Cold.Total.Median
	limit, want := maxFirstBuild, fmt.Sprintf("≤ %.0f s", maxFirstBuild)
	if small != nil && small != big && small.Cold.Total.Median > 0 {
		n := float64(big.Townships) / float64(small.Townships)
		scaled := maxFirstOverTownship * n * small.Cold.Total.Median
		want += fmt.Sprintf(" and ≤ %.1f × %.0f × %.2f s = %.1f s", maxFirstOverTownship, n, small.Cold.Total.Median, scaled)
		limit = math.Min(limit, scaled)
	}
	add("first build, wall", first, limit, first <= limit, fmt.Sprintf("%.1f s", first), want)

	rss := float64(big.Cold.PeakRSS)
	lifted := big.Cold.Notes["memory_budget_lifted"] > 0
	budget := "budget kept"
	if lifted {
		budget = "budget LIFTED"
	}
	add("first build, peak RSS", rss, maxFirstRSS, rss <= maxFirstRSS && !lifted,
		fmt.Sprintf("%.2f GiB, %s", rss/(1<<30), budget), fmt.Sprintf("≤ %.1f GiB, budget kept", maxFirstRSS/(1<<30)))

	var pts []Point
	for _, p := range r.Growth {
		if p.FirstPerPage > 0 {
			pts = append(pts, p)
		}
	}
	if len(pts) > 1 {
		worst, mean := spreadOf(pts, func(p Point) float64 { return p.FirstPerPage })
		lo, hi := pts[0], pts[0]
		least, most := pts[0].FirstPerPage, pts[0].FirstPerPage
		for _, p := range pts {
			if p.Townships < lo.Townships {
				lo = p
			}
			if p.Townships > hi.Townships {
				hi = p
			}
			least, most = math.Min(least, p.FirstPerPage), math.Max(most, p.FirstPerPage)
		}
		ts = append(ts, Target{
			Measure: fmt.Sprintf("first build time per page, %d → %d townships", lo.Townships, hi.Townships),
			Scale:   "growth", Value: worst, Limit: maxFirstPerPage, Met: worst <= maxFirstPerPage,
			Now: fmt.Sprintf("%.1f → %.1f ms, %.1f–%.1f ms between: ±%.0f %% of the mean %.1f ms",
				lo.FirstPerPage, hi.FirstPerPage, least, most, 100*worst, mean),
			Want: fmt.Sprintf("within ±%.0f %% of the mean", 100*maxFirstPerPage),
		})
	}

	x := big.Ratios.TemplatesOverTrivial
	add("after one commit, gongshi's templates ÷ trivial ones (same project, into memory, no budget)", x, maxTemplates, x > 0 && x <= maxTemplates,
		fmt.Sprintf("%.1f× (%.2f s ÷ %.2f s)", x, big.BareNoBudget.Median, big.Trivial.Median), fmt.Sprintf("≤ %.0f×", maxTemplates))

	x = big.Ratios.BudgetAdded
	add("render time added by the default memory budget (pages dropped as written)", x, maxBudgetAdded, big.BareDiscardNoBudget.Median > 0 && x <= maxBudgetAdded,
		fmt.Sprintf("%+.2f s (%+.0f %%; CPU time %+.0f %%)", big.Bare.Median-big.BareDiscardNoBudget.Median, 100*x, 100*big.Ratios.BudgetAddedCPU), fmt.Sprintf("≤ %.0f %%", 100*maxBudgetAdded))

	// A CI build that walked more of the history than the build after
	// one commit did not reuse the cache restored.
	x = big.Ratios.CIOverWarm
	walked, warmWalked := big.CI.Notes["history_walked"], big.Warm.Notes["history_walked"]
	now := fmt.Sprintf("%.1f s (after one commit %.1f s: %.2f×)", big.CI.Total.Median, big.Warm.Total.Median, x)
	if walked > warmWalked {
		now += fmt.Sprintf(", cache NOT reused: %d commits walked", walked)
	}
	add("CI build from a fresh clone, cache restored", x, maxCIOverWarm, x > 0 && x <= maxCIOverWarm && walked <= warmWalked,
		now, fmt.Sprintf("as the build after one commit (≤ %.1f×)", maxCIOverWarm))

	x = big.Ratios.HistoryOverGit
	add("history walk ÷ git log --name-only -- records/", x, maxWalkOverGit, x > 0 && x <= maxWalkOverGit,
		fmt.Sprintf("%.2f×", x), fmt.Sprintf("≤ %.1f×", maxWalkOverGit))
	return ts
}

// spreadOf is the largest distance of f over the points from its mean,
// over the mean; and the mean.
func spreadOf(pts []Point, f func(Point) float64) (worst, mean float64) {
	if len(pts) == 0 {
		return 0, 0
	}
	for _, p := range pts {
		mean += f(p)
	}
	mean /= float64(len(pts))
	if mean == 0 {
		return 0, 0
	}
	for _, p := range pts {
		worst = math.Max(worst, math.Abs(f(p)-mean)/mean)
	}
	return worst, mean
}
