package bench

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"time"

	"gongshi/generator/internal/phase"
	"gongshi/generator/internal/synth"
)

// Options say what to measure and where.
type Options struct {
	Exe      string // the gongshi binary measured
	Work     string // a folder for the repositories; emptied
	Scales   []synth.Scale
	Growth   []synth.Scale // measured for the time per page only
	Runs     int
	Revision string    // the source revision measured, for the record
	Log      io.Writer // progress
	// CacheDir is where a build keeps its history index, relative to the
	// git dir.
	CacheDir string

	// trash are the folders the run is done with, removed at its end
	// (emptyTrash) rather than between measurements.
	trash []string
}

// HistoryRun is what `gongshi bench history` prints.
type HistoryRun struct {
	Wall       time.Duration `json:"wall_ns"`
	AllocBytes uint64        `json:"alloc_bytes"`
	Commits    int           `json:"commits"`
	Walked     int           `json:"walked"`
	Reused     int           `json:"reused"`
	Rebuilt    string        `json:"rebuilt,omitempty"`
}

// HugoRun is what `gongshi bench hugo` prints: renders of the same
// emitted project, each from Hugo's caches empty.
type HugoRun struct {
	// Wall is gongshi's templates with the build's memory budget, the
	// pages dropped as they are written (Discard); AllocBytes what that
	// allocated. DiscardNoBudget is the same without a budget. Each is
	// the faster of two renders (WallRuns, DiscardNoBudgetRuns), run in
	// the order budget, none, none, budget.
	Wall                time.Duration   `json:"wall_ns"`
	WallRuns            []time.Duration `json:"wall_runs_ns"`
	AllocBytes          uint64          `json:"alloc_bytes"`
	Pages               int             `json:"pages"`
	DiscardNoBudget     time.Duration   `json:"discard_no_budget_ns"`
	DiscardNoBudgetRuns []time.Duration `json:"discard_no_budget_runs_ns"`
	// CPU and DiscardNoBudgetCPU are the same renders' CPU time (user and
	// system, every thread), each the least of its two (CPURuns,
	// DiscardNoBudgetCPURuns): what the budget's collections cost, which
	// other work on the machine sways less than the wall time.
	CPU                    time.Duration   `json:"cpu_ns"`
	CPURuns                []time.Duration `json:"cpu_runs_ns"`
	DiscardNoBudgetCPU     time.Duration   `json:"discard_no_budget_cpu_ns"`
	DiscardNoBudgetCPURuns []time.Duration `json:"discard_no_budget_cpu_runs_ns"`
	// GCs and DiscardNoBudgetGCs are the collections of a render with
	// the budget and of one without: what the budget costs, counted,
	// where the times swing with the machine.
	GCs                uint64 `json:"gcs"`
	DiscardNoBudgetGCs uint64 `json:"discard_no_budget_gcs"`
	// NoBudget is gongshi's templates into memory without a budget.
	NoBudget time.Duration `json:"no_budget_ns"`
	// Trivial is trivial templates (a title and the content per page)
	// into memory, TrivialDisk to disk; both without a budget.
	Trivial      time.Duration `json:"trivial_ns"`
	TrivialDisk  time.Duration `json:"trivial_disk_ns"`
	TrivialPages int           `json:"trivial_pages"`
}

// Run measures every scale, then the growth series.
func Run(o Options) (*Result, error) {
	start := time.Now()
	if o.Runs < 1 {
		o.Runs = 1
	}
	if err := os.MkdirAll(o.Work, 0o755); err != nil {
		return nil, err
	}
	defer o.emptyTrash() // when a measurement fails too
	r := &Result{
		When: start.UTC().Format(time.RFC3339), Gongshi: o.Revision,
		Go: runtime.Version() + " " + runtime.GOOS + "/" + runtime.GOARCH, CPUs: runtime.NumCPU(), Runs: o.Runs,
	}
	for _, sc := range o.Scales {
		s, err := o.measure(sc, true)
		if err != nil {
			return nil, fmt.Errorf("bench: %s: %w", sc.Name, err)
		}
		r.Scales = append(r.Scales, s)
	}
	for _, sc := range o.Growth {
		s, err := o.measure(sc, false)
		if err != nil {
			return nil, fmt.Errorf("bench: %s: %w", sc.Name, err)
		}
		r.Growth = append(r.Growth, point(s))
	}
	if len(r.Growth)+len(r.Scales) > 1 {
		// The scales measured in full are points of the series too.
		for _, s := range r.Scales {
			r.Growth = append(r.Growth, point(s))
		}
		slices.SortFunc(r.Growth, func(a, b Point) int { return cmp.Compare(a.Pages, b.Pages) })
	}
	r.Targets = Targets(r)
	r.Seconds = time.Since(start).Seconds()
	return r, o.emptyTrash()
}

// coldTime is how long the first builds of a scale may take in all
// before the bench stops repeating them.
const coldTime = time.Minute

// emptyTrash removes the folders the run is done with. Removing a
// county's site (14,600 pages) makes this machine's file system (ext4,
// mounted with discard) slow to create files for a while after: removed
// just before a build, as it was, it added up to 14 s to the county's
// render, most of it in creating the pages' files.
func (o *Options) emptyTrash() error {
	var errs []error
	for _, p := range o.trash {
		errs = append(errs, os.RemoveAll(p))
	}
	o.trash = nil
	return errors.Join(errs...)
}

func point(s Scale) Point {
	p := Point{Scale: s.Name, Townships: s.Townships, Pages: s.Pages, Total: s.Warm.Total, PeakRSS: s.Warm.PeakRSS}
	if s.Pages > 0 {
		n := float64(s.Pages) / 1000 // seconds per page → ms per page
		p.PerPage = s.Warm.Total.Median / n
		p.CPUPage = s.Warm.CPU() / n
		p.OwnPage = s.Warm.Own() / n
		p.Render = s.Warm.Render() / n
	}
	if pages := s.Cold.Notes["pages"]; pages > 0 {
		p.FirstPages = pages
		p.FirstPerPage = s.Cold.Total.Median / (float64(pages) / 1000)
	}
	return p
}

func (o *Options) logf(format string, args ...any) {
	if o.Log != nil {
		fmt.Fprintf(o.Log, format, args...)
	}
}

// measure writes the scale's repository and measures it; full adds the
// floors (git log, Hugo alone) and the history measurements.
func (o *Options) measure(sc synth.Scale, full bool) (Scale, error) {
	s := Scale{Name: sc.Name, Townships: sc.Townships}
	dir := filepath.Join(o.Work, sc.Name)
	if err := os.RemoveAll(dir); err != nil {
		return s, err
	}
	o.logf("%s: writing the repository…", sc.Name)
	t := time.Now()
	st, err := synth.Write(dir, sc)
	if err != nil {
		return s, err
	}
	s.WriteSec = time.Since(t).Seconds()
	s.Commits, s.Merges, s.RecordFiles = st.Commits, st.Merges, st.RecordFiles
	head, err := exec.Command("git", "-C", dir, "rev-parse", "HEAD").Output()
	if err != nil {
		return s, fmt.Errorf("git rev-parse: %w", err)
	}
	s.Head = strings.TrimSpace(string(head))
	o.logf(" %d commits, %d record files in %.1f s\n", s.Commits, s.RecordFiles, s.WriteSec)

	if full {
		if err := o.floors(&s, dir); err != nil {
			return s, err
		}
	}
	// Hugo alone runs once, between the first two warm builds, so that
	// both see the same machine: on the county each of its seven renders
	// costs up to half a minute, and make bench is to finish in about ten
	// minutes on a fresh clone (610-700 s on our 2-core machine). It
	// emits the project once and renders it with gongshi's templates and
	// with trivial ones.
	var h *HugoRun
	hugo := func() error {
		if !full || h != nil {
			return nil
		}
		h = new(HugoRun)
		o.logf("%s: Hugo alone, gongshi's templates and trivial ones…\n", sc.Name)
		disk := filepath.Join(o.Work, sc.Name+"-trivial")
		o.trash = append(o.trash, disk)
		run, err := o.child(h, "bench", "hugo", "--repo", dir, "--disk", disk)
		s.BareStolen = seconds(run.stolen)
		return err
	}
	if err := o.builds(&s, dir, full, hugo); err != nil {
		return s, err
	}
	if h != nil {
		s.Bare = newStat([]float64{seconds(h.Wall)})
		s.BareDiscardNoBudget = newStat([]float64{seconds(h.DiscardNoBudget)})
		s.BareGCs, s.BareDiscardNoBudgetGCs = h.GCs, h.DiscardNoBudgetGCs
		s.BareCPU, s.BareDiscardNoBudgetCPU = seconds(h.CPU), seconds(h.DiscardNoBudgetCPU)
		s.BareNoBudget = newStat([]float64{seconds(h.NoBudget)})
		s.Trivial = newStat([]float64{seconds(h.Trivial)})
		s.TrivialDisk = newStat([]float64{seconds(h.TrivialDisk)})
		if h.TrivialPages != h.Pages {
			return s, fmt.Errorf("trivial templates rendered %d pages of the project; gongshi's %d", h.TrivialPages, h.Pages)
		}
	}
	if full {
		s.ratios()
	}
	return s, nil
}

// floors measures git log and the history index on the repository.
func (o *Options) floors(s *Scale, dir string) error {
	o.logf("%s: git log and the history walk…\n", s.Name)
	gitLog := func() (float64, error) {
		cmd := exec.Command("git", "-C", dir, "log", "--name-only", "--format=%H", "--", "records/")
		t := time.Now()
		if out, err := cmd.CombinedOutput(); err != nil {
			return 0, fmt.Errorf("git log: %v: %s", err, out)
		}
		return time.Since(t).Seconds(), nil
	}
	if _, err := gitLog(); err != nil { // fill the page cache first
		return err
	}
	var logs, walks, allocs, updates []float64
	for range o.Runs {
		x, err := gitLog()
		if err != nil {
			return err
		}
		logs = append(logs, x)
		var h HistoryRun
		if _, err := o.child(&h, "bench", "history", "--repo", dir); err != nil {
			return err
		}
		walks = append(walks, seconds(h.Wall))
		allocs = append(allocs, float64(h.AllocBytes))
	}
	s.GitLog, s.Walk = newStat(logs), newStat(walks)
	s.WalkAlloc = newStat(allocs).Median

	cache := filepath.Join(o.Work, s.Name+"-index")
	os.RemoveAll(cache)
	var h HistoryRun
	if _, err := o.child(&h, "bench", "history", "--repo", dir, "--rev", "HEAD~1", "--cache", cache); err != nil {
		return err
	}
	prev, err := os.ReadFile(filepath.Join(cache, "history.idx"))
	if err != nil {
		return fmt.Errorf("the history index of HEAD~1 was not kept: %w", err)
	}
	for range o.Runs {
		if err := os.WriteFile(filepath.Join(cache, "history.idx"), prev, 0o644); err != nil {
			return err
		}
		h = HistoryRun{}
		if _, err := o.child(&h, "bench", "history", "--repo", dir, "--rev", "HEAD", "--cache", cache); err != nil {
			return err
		}
		if h.Rebuilt != "" || h.Reused == 0 || h.Walked > 2 { // a merge brings its branch
			return fmt.Errorf("the index of HEAD~1 updated to HEAD walked %d commits and reused %d (%s)", h.Walked, h.Reused, h.Rebuilt)
		}
		updates = append(updates, seconds(h.Wall))
	}
	s.Update = newStat(updates)
	return os.RemoveAll(cache)
}

// builds measures gongshi build: cold, once, on a fresh clone at HEAD~1
// with nothing kept (a repository's first build, and every CI build
// whose CI keeps no cache: every commit walked and described, every
// version of every page computed), which leaves what a build keeps; then
// warm, at HEAD with what that build kept (a rebuild after one new
// commit), runs times, calling between after each; with full, last, a
// CI build: HEAD on another fresh clone, with the cache the first build
// kept restored.
func (o *Options) builds(s *Scale, dir string, full bool, between func() error) error {
	timings := filepath.Join(o.Work, s.Name+"-timings.json")
	clone := filepath.Join(o.Work, s.Name+"-clone")
	n := 0
	// Each build publishes into a folder of its own, removed at the end
	// of the run (see emptyTrash).
	build := func(repo, rev string, flags ...string) (phase.Report, childRun, error) {
		n++
		out := filepath.Join(o.Work, fmt.Sprintf("%s-public-%d", s.Name, n))
		if err := os.RemoveAll(out); err != nil {
			return phase.Report{}, childRun{}, err
		}
		o.trash = append(o.trash, out)
		args := append([]string{"build", "--repo", repo, "--rev", rev, "--out", out, "--timings", timings}, flags...)
		run, err := o.child(nil, args...)
		if err != nil {
			return phase.Report{}, childRun{}, err
		}
		var rep phase.Report
		b, err := os.ReadFile(timings)
		if err == nil {
			err = json.Unmarshal(b, &rep)
		}
		return rep, run, err
	}

	// The first build is repeated, each time on a fresh clone, as many
	// times as fit in coldTime (up to Runs): the targets compare first
	// builds across scales, and one first build of the township varied
	// by a quarter from run to run. The county's, over a minute, runs
	// once.
	o.logf("%s: the first build on a fresh clone (cold)…\n", s.Name)
	var cold []phase.Report
	var coldRuns []childRun
	var kept map[string][]byte
	var spent time.Duration
	for i := range o.Runs {
		if i > 0 && spent+spent/time.Duration(i) > coldTime {
			break
		}
		c := fmt.Sprintf("%s-%d", clone, i+1)
		sec, err := o.clone(dir, c)
		if err != nil {
			return err
		}
		o.trash = append(o.trash, c)
		rep, run, err := build(c, "HEAD~1")
		if err != nil {
			return err
		}
		spent += rep.Total
		cold, coldRuns = append(cold, rep), append(coldRuns, run)
		if i == 0 {
			s.CloneSec = sec
			if kept, err = readFiles(filepath.Join(c, ".git", o.CacheDir)); err != nil {
				return err
			}
		}
	}
	s.Cold = summarize(cold, coldRuns)

	o.logf("%s: %d build(s) after one commit (warm)…\n", s.Name, o.Runs)
	cacheDir := filepath.Join(dir, ".git", o.CacheDir)
	var warm []phase.Report
	var warmRuns []childRun
	for range o.Runs {
		if err := writeFiles(cacheDir, kept); err != nil {
			return err
		}
		rep, run, err := build(dir, "HEAD")
		if err != nil {
			return err
		}
		warm, warmRuns = append(warm, rep), append(warmRuns, run)
		if err := between(); err != nil {
			return err
		}
	}
	s.Warm = summarize(warm, warmRuns)
	s.Pages = s.Warm.Notes["pages"]
	if !full {
		return nil
	}

	o.logf("%s: a CI build: a fresh clone, its cache restored…\n", s.Name)
	clone += "-ci"
	if _, err := o.clone(dir, clone); err != nil {
		return err
	}
	o.trash = append(o.trash, clone)
	// Where the CI restores the cache (a folder beside the checkout, as
	// the examples gongshi init writes keep it) and the flag that tells
	// the build where it is.
	ciCache := filepath.Join(o.Work, s.Name+"-ci-cache")
	ciFlags := []string{"--cache", ciCache}
	o.trash = append(o.trash, ciCache)
	if err := writeFiles(ciCache, kept); err != nil {
		return err
	}
	rep, run, err := build(clone, "HEAD", ciFlags...)
	if err != nil {
		return err
	}
	s.CI = summarize([]phase.Report{rep}, []childRun{run})
	return nil
}

// clone makes a fresh clone of the repository at dir, as a CI job checks
// it out (git clone --no-local: packed anew, as a fetch packs it), and
// returns how long that took.
func (o *Options) clone(dir, clone string) (float64, error) {
	if err := os.RemoveAll(clone); err != nil {
		return 0, err
	}
	t := time.Now()
	if out, err := exec.Command("git", "clone", "--quiet", "--no-local", dir, clone).CombinedOutput(); err != nil {
		return 0, fmt.Errorf("git clone: %v: %s", err, out)
	}
	return time.Since(t).Seconds(), nil
}

// readFiles reads the files of a folder (a build's cache), none if it
// does not exist.
func readFiles(dir string) (map[string][]byte, error) {
	files := map[string][]byte{}
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return files, nil
	}
	if err != nil {
		return nil, err
	}
	for _, e := range entries {
		if e.IsDir() {
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			return nil, err
		}
		files[e.Name()] = b
	}
	return files, nil
}

// writeFiles makes dir hold the files and nothing else.
func writeFiles(dir string, files map[string][]byte) error {
	if err := os.RemoveAll(dir); err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for name, b := range files {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// summarize takes the median of each phase over the runs (reps, and
// runs what running each measured): the largest peak RSS, and what the
// host took during each.
func summarize(reps []phase.Report, runs []childRun) Build {
	var stolen []float64
	var b Build
	for _, r := range runs {
		b.PeakRSS = max(b.PeakRSS, r.rss)
		stolen = append(stolen, seconds(r.stolen))
	}
	b.Stolen = newStat(stolen)
	if len(reps) == 0 {
		return b
	}
	b.Notes = reps[0].Notes
	var totals []float64
	for _, r := range reps {
		totals = append(totals, seconds(r.Total))
	}
	b.Total = newStat(totals)
	for _, p := range reps[0].Phases {
		var walls, cpus, bytes, objs, gcs []float64
		for _, r := range reps {
			x := r.Phase(p.Name)
			walls = append(walls, seconds(x.Wall))
			cpus = append(cpus, seconds(x.CPU))
			bytes = append(bytes, float64(x.AllocBytes))
			objs = append(objs, float64(x.Allocs))
			gcs = append(gcs, float64(x.GCCycles))
		}
		b.Phases = append(b.Phases, PhaseStat{Name: p.Name, Wall: newStat(walls), CPU: newStat(cpus).Median,
			AllocBytes: newStat(bytes).Median, Allocs: newStat(objs).Median, GCCycles: newStat(gcs).Median})
	}
	return b
}

func (s *Scale) ratios() {
	r := &s.Ratios
	if s.GitLog.Median > 0 {
		r.HistoryOverGit = s.Walk.Median / s.GitLog.Median
	}
	if x := s.Warm.Render(); x > 0 {
		r.OwnOverRender = s.Warm.Own() / x
	}
	if x := s.Cold.Render(); x > 0 {
		r.OwnOverRenderCold = s.Cold.Own() / x
	}
	if s.Bare.Median > 0 {
		r.OwnOverBare = s.Warm.Own() / s.Bare.Median
	}
	if s.Trivial.Median > 0 {
		r.TemplatesOverTrivial = s.BareNoBudget.Median / s.Trivial.Median
	}
	if s.BareDiscardNoBudget.Median > 0 {
		r.BudgetAdded = (s.Bare.Median - s.BareDiscardNoBudget.Median) / s.BareDiscardNoBudget.Median
	}
	if s.BareDiscardNoBudgetCPU > 0 {
		r.BudgetAddedCPU = (s.BareCPU - s.BareDiscardNoBudgetCPU) / s.BareDiscardNoBudgetCPU
	}
	if s.TrivialDisk.Median > 0 {
		r.RenderOverTrivialDisk = s.Warm.Render() / s.TrivialDisk.Median
	}
	if s.Warm.Total.Median > 0 {
		r.CIOverWarm = s.CI.Total.Median / s.Warm.Total.Median
	}
	if floors := s.GitLog.Median + s.Bare.Median; floors > 0 {
		r.TotalOverFloors = s.Cold.Total.Median / floors
		r.TotalOverFloorsWarm = s.Warm.Total.Median / floors
	}
}

// childRun is what running gongshi measured besides what it printed: its
// peak resident set size, and the CPU time the host took from the
// machine while it ran (see stealClock).
type childRun struct {
	rss    int64
	stolen time.Duration
}

// child runs gongshi with args, decoding its standard output as JSON into
// v when v is not nil.
func (o *Options) child(v any, args ...string) (childRun, error) {
	cmd := exec.Command(o.Exe, args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	stolen, err := stolenWhile(cmd.Run)
	if err != nil {
		return childRun{}, fmt.Errorf("gongshi %s: %v\n%s", strings.Join(args, " "), err, tail(stderr.String(), 20))
	}
	if v != nil {
		if err := json.Unmarshal(stdout.Bytes(), v); err != nil {
			return childRun{}, fmt.Errorf("gongshi %s: %v: %q", strings.Join(args, " "), err, tail(stdout.String(), 5))
		}
	}
	return childRun{rss: phase.ChildRSS(cmd.ProcessState), stolen: stolen}, nil
}

func tail(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}
