package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"

	"github.com/spf13/afero"

	"gongshi/generator/internal/bench"
	"gongshi/generator/internal/history"
	"gongshi/generator/internal/phase"
	"gongshi/generator/internal/pipeline"
	"gongshi/generator/internal/render"
	"gongshi/generator/internal/repo"
	"gongshi/generator/internal/synth"
)

func cmdBench(args []string, stdout, stderr io.Writer) error {
	if len(args) > 0 {
		switch args[0] {
		case "hugo":
			return benchHugo(args[1:], stdout, stderr)
		case "history":
			return benchHistory(args[1:], stdout, stderr)
		}
	}
	fs := flags("bench", stderr)
	scales := fs.String("scales", "township,county", "synthetic repositories to measure in full")
	growth := fs.String("growth", "2,7", "townships of the repositories measured for the time per page besides the county (2: 1,400 pages, 7: 4,800; 30: 20,000, whose first build takes minutes); empty for none")
	runs := fs.Int("runs", 3, "runs of each measurement: medians are reported")
	work := fs.String("work", "bench/out", "folder for the synthetic repositories")
	out := fs.String("json", "bench/last.json", "write the results as JSON here, after comparing with what is there")
	base := fs.String("baseline", "bench/baseline.json", "also compare with this earlier result, if it exists")
	if err := parse(fs, args); err != nil {
		return err
	}
	o := bench.Options{Runs: *runs, Work: *work, Log: stderr, CacheDir: pipeline.DefaultCacheDir}
	for _, name := range strings.Split(*scales, ",") {
		switch strings.TrimSpace(name) {
		case "":
		case synth.Township.Name:
			o.Scales = append(o.Scales, synth.Township)
		case synth.County.Name:
			o.Scales = append(o.Scales, synth.County)
		default:
			n, err := strconv.Atoi(name)
			if err != nil || n < 1 {
				return &usageError{msg: fmt.Sprintf("bench: expected township, county or a number of townships in --scales, found %q", name)}
			}
			o.Scales = append(o.Scales, synth.Townships(n))
		}
	}
	for _, name := range strings.Split(*growth, ",") {
		if name = strings.TrimSpace(name); name == "" {
			continue
		}
		n, err := strconv.Atoi(name)
		if err != nil || n < 1 {
			return &usageError{msg: fmt.Sprintf("bench: expected numbers of townships in --growth, found %q", name)}
		}
		o.Growth = append(o.Growth, synth.Townships(n))
	}
	var err error
	if o.Exe, err = os.Executable(); err != nil {
		return err
	}
	root, err := pipeline.WorkTreeRoot(".")
	if err != nil {
		return err
	}
	o.Revision = revision(root)
	last, baseline := bench.Load(*out), bench.Load(*base)
	res, err := bench.Run(o)
	if err != nil {
		return err
	}
	bench.Print(stdout, res, last, baseline)
	if err := os.MkdirAll(filepath.Dir(*out), 0o755); err != nil {
		return err
	}
	return res.Save(*out)
}

// revision names the source measured: its commit, and whether files
// differ from it.
func revision(root string) string {
	out, err := exec.Command("git", "-C", root, "rev-parse", "--short=10", "HEAD").Output()
	if err != nil {
		return "unknown"
	}
	rev := "gongshi " + strings.TrimSpace(string(out))
	if st, err := exec.Command("git", "-C", root, "status", "--porcelain", "--", "generator", "layouts", "hugo.toml").Output(); err == nil && len(st) > 0 {
		rev += " (modified)"
	}
	return rev
}

// benchHugo renders the site of a commit with Hugo alone, and prints how
// long that took (and, for the renders with the budget and without, how
// many collections they ran): the floors the build's render phase is
// compared with.
// The project is emitted once and rendered seven times over, each render
// starting from Hugo's caches empty: gongshi's templates with the
// build's memory budget and without one, the pages dropped as they are
// written (bench.Discard: what the budget costs Hugo, as a build that
// writes to disk holds none of its output either), twice each in the
// order budget, none, none, budget and each the faster of its two; then
// into memory without a budget, then trivial templates (a title and the
// content per page) into memory and, with --disk, to disk.
//
// The budget's cost is the difference of two renders, a few per cent of
// either, where one render's time swings by ten per cent from one run to
// the next on a shared machine, and the process's first render also
// pays for growing its heap (the county's: a gigabyte, in new pages),
// which the renders after it reuse. Taken once each, budget first, the
// county's renders measured the budget at -12 % to +11 % in make bench
// runs whose collections counted 15 against 13-14 every time.
func benchHugo(args []string, stdout, stderr io.Writer) error {
	fs := flags("bench hugo", stderr)
	dir := fs.String("repo", ".", "a folder inside the records repository")
	rev := fs.String("rev", "HEAD", "the commit")
	profile := fs.String("profile", "", "write a CPU profile of the render to `PREFIX`.cpu, the heap at its largest to PREFIX.heap and the allocations of the whole run to PREFIX.allocs")
	memory := fs.Int("memory", pipeline.DefaultMemoryMiB, "the memory budget in `MiB`, as gongshi build has it (0: none)")
	metrics := fs.Bool("template-metrics", false, "print Hugo's template metrics to stderr: each template's and partial's calls and time (timing them slows the render)")
	hints := fs.Bool("template-hints", false, "with --template-metrics, also how often each partial's output repeated (what partialCached would save); working it out inside the timed calls slows the render two to three times and skews each partial's time by the size of its output")
	disk := fs.String("disk", "", "also render the project with trivial templates into this `folder`, emptied first and left for the caller to remove (removing a large site slows the file system for a while after)")
	if err := parse(fs, args); err != nil {
		return err
	}
	site, err := pipeline.Build(pipeline.Options{Source: pipeline.Source{Dir: *dir, Rev: *rev}, Log: stderr, MemoryMiB: *memory})
	if err != nil {
		return err
	}
	project := site.Project()
	site = nil // only the project is kept
	// Hugo's template metrics, when asked for, of the first render only:
	// timing every template slows it.
	var metricsTo io.Writer
	if *metrics {
		metricsTo = stderr
	}
	// timed renders the project into dest and says how long that took,
	// what it allocated and how many collections it ran; mib is the
	// memory budget, as --memory has it.
	timed := func(dest afero.Fs, out string, mib int, prof string) (phase.Phase, render.Stats, error) {
		o := project
		o.Dest, o.Out, o.Log, o.TemplateMetrics, o.TemplateHints = dest, out, stderr, metricsTo, metricsTo != nil && *hints
		metricsTo = nil
		if mib <= 0 {
			o.MemoryLimit = 0
		}
		if err := o.Source.RemoveAll(render.Caches(o.Root)); err != nil {
			return phase.Phase{}, render.Stats{}, err
		}
		runtime.GC() // only the project stays: Hugo alone is measured
		p, err := startProfile(prof)
		if err != nil {
			return phase.Phase{}, render.Stats{}, err
		}
		rec := phase.New()
		rec.Start("hugo")
		mem := pipeline.StartBudget(mib)
		done := mem.Render() // as a build's render is paced
		st, err := render.Build(o)
		done()
		mem.Stop()
		ph := rec.Report().Phase("hugo")
		if perr := p.Stop(); err == nil {
			err = perr
		}
		return ph, st, err
	}
	var h bench.HugoRun
	ph, st, err := timed(bench.Discard(), "/public", *memory, *profile)
	if err != nil {
		return err
	}
	h.WallRuns, h.CPURuns = append(h.WallRuns, ph.Wall), append(h.CPURuns, ph.CPU)
	h.AllocBytes, h.GCs, h.Pages = ph.AllocBytes, ph.GCCycles, st.Pages
	for range 2 {
		if ph, _, err = timed(bench.Discard(), "/public", 0, ""); err != nil {
			return err
		}
		h.DiscardNoBudgetRuns = append(h.DiscardNoBudgetRuns, ph.Wall)
		h.DiscardNoBudgetCPURuns = append(h.DiscardNoBudgetCPURuns, ph.CPU)
		h.DiscardNoBudgetGCs = ph.GCCycles
	}
	if ph, _, err = timed(bench.Discard(), "/public", *memory, ""); err != nil {
		return err
	}
	h.WallRuns, h.CPURuns = append(h.WallRuns, ph.Wall), append(h.CPURuns, ph.CPU)
	h.Wall, h.DiscardNoBudget = slices.Min(h.WallRuns), slices.Min(h.DiscardNoBudgetRuns)
	h.CPU, h.DiscardNoBudgetCPU = slices.Min(h.CPURuns), slices.Min(h.DiscardNoBudgetCPURuns)
	if ph, _, err = timed(afero.NewMemMapFs(), "/public", 0, ""); err != nil {
		return err
	}
	h.NoBudget = ph.Wall
	restore, err := bench.UseTrivialLayouts(project.Source, project.Root)
	if err != nil {
		return err
	}
	defer restore()
	if ph, st, err = timed(afero.NewMemMapFs(), "/public", 0, ""); err != nil {
		return fmt.Errorf("trivial templates: %w", err)
	}
	h.Trivial, h.TrivialPages = ph.Wall, st.Pages
	if *disk != "" {
		out, err := filepath.Abs(*disk)
		if err == nil {
			err = os.RemoveAll(out)
		}
		if err != nil {
			return err
		}
		if ph, _, err = timed(nil, out, 0, ""); err != nil {
			return fmt.Errorf("trivial templates to disk: %w", err)
		}
		h.TrivialDisk = ph.Wall
	}
	return json.NewEncoder(stdout).Encode(h)
}

// benchHistory walks the history of a commit, or with --cache brings the
// index kept there up to it, and prints how long that took.
func benchHistory(args []string, stdout, stderr io.Writer) error {
	fs := flags("bench history", stderr)
	dir := fs.String("repo", ".", "a folder inside the records repository")
	rev := fs.String("rev", "HEAD", "the commit")
	cache := fs.String("cache", "", "keep the index in this folder, walking only what it lacks")
	if err := parse(fs, args); err != nil {
		return err
	}
	r, err := repo.Open(*dir)
	if err != nil {
		return err
	}
	defer r.Close()
	rec := phase.New()
	rec.Start("history")
	var out bench.HistoryRun
	if *cache == "" {
		ix, err := history.Walk(r.Git, *rev)
		if err != nil {
			return err
		}
		out.Commits, out.Walked = len(ix.Commits), len(ix.Commits)
	} else {
		ix, st, err := history.Cached(r.Git, *cache, *rev)
		if err != nil {
			return err
		}
		if st.SaveErr != nil {
			return st.SaveErr
		}
		out.Commits, out.Walked, out.Reused, out.Rebuilt = len(ix.Commits), st.Walked, st.Reused, st.Rebuilt
	}
	p := rec.Report().Phase("history")
	out.Wall, out.AllocBytes = p.Wall, p.AllocBytes
	return json.NewEncoder(stdout).Encode(out)
}
