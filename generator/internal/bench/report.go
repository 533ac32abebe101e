package bench

import (
	"fmt"
	"io"
	"strings"
)

// The targets of issue 8.
const (
	maxHistoryOverGit = 1.5
	maxOwnOverRender  = 0.25
	maxPerPageSpread  = 0.20
	maxPeakRSS        = 1 << 30
)

// Print writes the result as tables, with the change since an earlier
// result (last run, committed baseline) where the data are the same.
func Print(w io.Writer, r *Result, earlier ...*Result) {
	fmt.Fprintf(w, "gongshi bench: %s, %s, %d CPUs, medians of %d runs, %s\n", r.Gongshi, r.Go, r.CPUs, r.Runs, r.When)
	for i := range r.Scales {
		printScale(w, &r.Scales[i], earlier)
	}
	if len(r.Growth) > 0 {
		printGrowth(w, r)
	}
	if len(r.Targets) > 0 {
		printTargets(w, r.Targets)
	}
	printStolen(w, r)
	fmt.Fprintf(w, "\n(the whole run took %.0f s)\n", r.Seconds)
}

func mb(b float64) string { return fmt.Sprintf("%.0f", b/(1<<20)) }

func verdict(ok bool) string {
	if ok {
		return "met"
	}
	return "MISSED"
}

func printScale(w io.Writer, s *Scale, earlier []*Result) {
	fmt.Fprintf(w, "\n%s: %d township(s), %d commits (%d merges), %d record files, %d pages; head %.10s, written in %.1f s\n",
		s.Name, s.Townships, s.Commits, s.Merges, s.RecordFiles, s.Pages, s.Head, s.WriteSec)
	var prev []*Scale
	for _, e := range earlier {
		if p := e.scale(s.Name); p != nil && p.Head == s.Head {
			prev = append(prev, p)
		}
	}
	fmt.Fprintf(w, "  %-10s %37s   %s\n", "", "first build (HEAD~1, fresh clone)", "after one commit (HEAD, what it kept)")
	header := fmt.Sprintf("  %-10s %9s %9s %9s %5s   %9s %9s %9s %5s", "phase", "wall s", "cpu s", "alloc MB", "GCs", "wall s", "cpu s", "alloc MB", "GCs")
	for range prev {
		header += fmt.Sprintf(" %8s", "Δ warm")
	}
	fmt.Fprintln(w, header)
	for _, q := range s.Warm.Phases {
		p, _ := s.Cold.Phase(q.Name)
		line := fmt.Sprintf("  %-10s %9.3f %9.3f %9s %5.0f   %9.3f %9.3f %9s %5.0f", q.Name, p.Wall.Median, p.CPU, mb(p.AllocBytes), p.GCCycles, q.Wall.Median, q.CPU, mb(q.AllocBytes), q.GCCycles)
		for _, e := range prev {
			x, _ := e.Warm.Phase(q.Name)
			line += " " + delta(q.Wall.Median, x.Wall.Median)
		}
		fmt.Fprintln(w, line)
	}
	line := fmt.Sprintf("  %-10s %9.3f %9.3f %9s %5s   %9.3f %9.3f %9s %5s", "total", s.Cold.Total.Median, s.Cold.CPU(), "", "", s.Warm.Total.Median, s.Warm.CPU(), fmt.Sprintf("±%.0f%%", spread(s.Warm.Total)), "")
	for _, e := range prev {
		line += " " + delta(s.Warm.Total.Median, e.Warm.Total.Median)
	}
	fmt.Fprintln(w, line)
	fmt.Fprintf(w, "  %-10s %9s MB %35s MB   (issue 8's target ≤ %d MB: first build %s, after one commit %s)\n", "peak RSS", mb(float64(s.Cold.PeakRSS)), mb(float64(s.Warm.PeakRSS)), maxPeakRSS>>20,
		verdict(s.Cold.PeakRSS <= maxPeakRSS), verdict(s.Warm.PeakRSS <= maxPeakRSS))
	fmt.Fprintf(w, "  %-10s %9.2f s %34.2f s    (CPU time the machine's host took from it while the build ran, median)\n", "stolen", s.Cold.Stolen.Median, s.Warm.Stolen.Median)

	if s.GitLog.Median == 0 {
		return
	}
	r := s.Ratios
	fmt.Fprintf(w, "  git log --name-only --format=%%H -- records/   %7.3f s\n", s.GitLog.Median)
	fmt.Fprintf(w, "  history walk, whole history                  %7.3f s  %s MB allocated   %.2f× git log (issue 8's target ≤ %.1f×: %s)\n",
		s.Walk.Median, mb(s.WalkAlloc), r.HistoryOverGit, maxHistoryOverGit, verdict(r.HistoryOverGit <= maxHistoryOverGit))
	fmt.Fprintf(w, "  history index kept, after one new commit     %7.3f s  (only the new commits walked)\n", s.Update.Median)
	fmt.Fprintf(w, "  Hugo alone, same project, pages dropped      %7.3f s  (the faster of two, gongshi's templates, memory budget; the host took %.2f s while the renders ran)\n", s.Bare.Median, s.BareStolen)
	if s.Trivial.Median > 0 {
		fmt.Fprintf(w, "    gongshi's templates, no budget             %7.3f s  (the budget adds %+.0f%%%s%s)\n", s.BareDiscardNoBudget.Median, 100*r.BudgetAdded, budgetCPU(s), collections(s))
		fmt.Fprintf(w, "    gongshi's templates, into memory, no budget %6.3f s\n", s.BareNoBudget.Median)
		fmt.Fprintf(w, "    trivial templates, into memory             %7.3f s  (gongshi's ÷ trivial, into memory, no budget: %.1f×)\n", s.Trivial.Median, r.TemplatesOverTrivial)
		fmt.Fprintf(w, "    trivial templates, to disk                 %7.3f s  (the build's render phase, to disk: %.3f s, %.1f×)\n", s.TrivialDisk.Median, s.Warm.Render(), r.RenderOverTrivialDisk)
	}
	if s.CI.Total.Median > 0 {
		fmt.Fprintf(w, "  CI: fresh clone, cache restored, build      %7.3f s  %s MB peak  (%.2f× the build after one commit; git clone took %.1f s; the host took %.2f s)\n",
			s.CI.Total.Median, mb(float64(s.CI.PeakRSS)), r.CIOverWarm, s.CloneSec, s.CI.Stolen.Median)
	}
	fmt.Fprintf(w, "  generator's own work / render phase          %7.2f    first build %.2f (issue 8's target ≤ %.2f: first build %s, after one commit %s)\n",
		r.OwnOverRender, r.OwnOverRenderCold, maxOwnOverRender, verdict(r.OwnOverRenderCold <= maxOwnOverRender), verdict(r.OwnOverRender <= maxOwnOverRender))
	fmt.Fprintf(w, "  generator's own work / Hugo alone            %7.2f\n", r.OwnOverBare)
	fmt.Fprintf(w, "  total / (git log + Hugo alone)               %7.2f×   first build %.2f×\n", r.TotalOverFloorsWarm, r.TotalOverFloors)
}

func spread(s Stat) float64 {
	if s.Median == 0 {
		return 0
	}
	return 100 * (s.Max - s.Min) / 2 / s.Median
}

func delta(now, before float64) string {
	if before == 0 {
		return fmt.Sprintf("%8s", "")
	}
	return fmt.Sprintf("%+7.0f%%", 100*(now-before)/before)
}

func printGrowth(w io.Writer, r *Result) {
	fmt.Fprintf(w, "\ngrowth: time per page of the build after one commit, and of the first build\n")
	fmt.Fprintf(w, "  %-12s %7s %9s %9s %9s %12s %14s %9s %14s\n", "scale", "pages", "total s", "ms/page", "cpu ms/p", "own ms/page", "render ms/page", "peak MB", "first ms/page")
	for _, p := range r.Growth {
		fmt.Fprintf(w, "  %-12s %7d %9.2f %9.3f %9.3f %12.3f %14.3f %9s %14.3f\n", p.Scale, p.Pages, p.Total.Median, p.PerPage, p.CPUPage, p.OwnPage, p.Render, mb(float64(p.PeakRSS)), p.FirstPerPage)
	}
	// Issue 8's target is on the county-shaped repositories, from 1,000
	// to 20,000 pages: the township is left out of it.
	var pts []Point
	for _, p := range r.Growth {
		if p.Townships > 1 {
			pts = append(pts, p)
		}
	}
	if len(pts) < 2 {
		return
	}
	worst, mean := spreadOf(pts, func(p Point) float64 { return p.PerPage })
	cworst, cmean := spreadOf(pts, func(p Point) float64 { return p.CPUPage })
	fmt.Fprintf(w, "  wall time per page (2+ townships) within ±%.0f%% of the mean %.3f ms (issue 8's target ±%.0f%%: %s); CPU time per page within ±%.0f%% of %.3f ms\n",
		100*worst, mean, 100*maxPerPageSpread, verdict(worst <= maxPerPageSpread), 100*cworst, cmean)
}

// printTargets writes issue 19's targets as a table: now, target, met.
func printTargets(w io.Writer, ts []Target) {
	fmt.Fprintf(w, "\ntargets (issue 19)\n")
	fmt.Fprintf(w, "| measure | scale | now | target | met |\n|---|---|---|---|---|\n")
	for _, t := range ts {
		fmt.Fprintf(w, "| %s | %s | %s | %s | %s |\n", t.Measure, t.Scale, t.Now, t.Want, verdict(t.Met))
	}
}

// collections says how many collections the render ran within the
// budget and without, when the run counted them: ", 21 collections
// against 14".
func collections(s *Scale) string {
	if s.BareGCs == 0 && s.BareDiscardNoBudgetGCs == 0 {
		return ""
	}
	return fmt.Sprintf(", %d collections against %d", s.BareGCs, s.BareDiscardNoBudgetGCs)
}

// stolenShare is the share of a build's CPU time past which the host's
// taking is pointed out under the targets: a few per cent is a run's
// noise.
const stolenShare = 0.03

// printStolen says which timed builds the machine's host slowed, by
// taking more than stolenShare of their CPU time: their wall times, and
// the targets judged on them, are longer by up to what it took divided
// among the processors, with nothing changed in gongshi.
func printStolen(w io.Writer, r *Result) {
	var slowed []string
	for i := range r.Scales {
		s := &r.Scales[i]
		for _, b := range []struct {
			name string
			b    *Build
		}{{"first build", &s.Cold}, {"after one commit", &s.Warm}, {"CI build", &s.CI}} {
			if cpu := b.b.CPU(); cpu > 0 && b.b.Stolen.Median > stolenShare*cpu {
				slowed = append(slowed, fmt.Sprintf("%s %s %.2f s of %.0f CPU-s", s.Name, b.name, b.b.Stolen.Median, cpu))
			}
		}
	}
	if len(slowed) == 0 {
		return
	}
	fmt.Fprintf(w, "\nstolen: the machine's host took CPU time while these builds ran (%s); their wall times, and the targets judged on them, are longer by up to that divided among %d CPUs\n",
		strings.Join(slowed, "; "), r.CPUs)
}

// budgetCPU says what the budget added to the render's CPU time, when
// the run measured it: ", CPU time +5% (52.1 s against 49.6)".
func budgetCPU(s *Scale) string {
	if s.BareDiscardNoBudgetCPU == 0 {
		return ""
	}
	return fmt.Sprintf(", CPU time %+.0f%% (%.1f s against %.1f)", 100*s.Ratios.BudgetAddedCPU, s.BareCPU, s.BareDiscardNoBudgetCPU)
}
