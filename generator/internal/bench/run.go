package bench

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"io"
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

// HugoRun is what `gongshi bench hugo` prints.
type HugoRun struct {
	Wall       time.Duration `json:"wall_ns"`
	AllocBytes uint64        `json:"alloc_bytes"`
	Pages      int           `json:"pages"`
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
	if len(r.Growth) > 0 {
		// A county measured in full is a point of the series too.
		for _, s := range r.Scales {
			if s.Townships > 1 {
				r.Growth = append(r.Growth, point(s))
			}
		}
		slices.SortFunc(r.Growth, func(a, b Point) int { return cmp.Compare(a.Pages, b.Pages) })
	}
	r.Seconds = time.Since(start).Seconds()
	return r, nil
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
	// both see the same machine: on the county each run costs half a
	// minute, and make bench is to finish within ten on a fresh clone.
	var bare []float64
	hugo := func() error {
		if !full || len(bare) > 0 {
			return nil
		}
		var h HugoRun
		if _, err := o.child(&h, "bench", "hugo", "--repo", dir); err != nil {
			return err
		}
		bare = append(bare, seconds(h.Wall))
		return nil
	}
	if err := o.builds(&s, dir, hugo); err != nil {
		return s, err
	}
	if full {
		s.Bare = newStat(bare)
		s.ratios()
	}
	return s, os.RemoveAll(filepath.Join(o.Work, sc.Name+"-public"))
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

// builds measures gongshi build twice over: cold, once, at HEAD~1 with
// nothing kept (a repository's first build: every commit walked and
// described, every version of every page computed), which leaves what a
// build keeps; then warm, at HEAD with what that build kept (a rebuild
// after one new commit), runs times, calling between after each.
func (o *Options) builds(s *Scale, dir string, between func() error) error {
	out := filepath.Join(o.Work, s.Name+"-public")
	timings := filepath.Join(o.Work, s.Name+"-timings.json")
	cacheDir := filepath.Join(dir, ".git", o.CacheDir)
	build := func(rev string) (phase.Report, int64, error) {
		os.RemoveAll(out)
		rss, err := o.child(nil, "build", "--repo", dir, "--rev", rev, "--out", out, "--timings", timings)
		if err != nil {
			return phase.Report{}, 0, err
		}
		var rep phase.Report
		b, err := os.ReadFile(timings)
		if err == nil {
			err = json.Unmarshal(b, &rep)
		}
		return rep, rss, err
	}
	o.logf("%s: the first build (cold)…\n", s.Name)
	os.RemoveAll(cacheDir)
	rep, rss, err := build("HEAD~1")
	if err != nil {
		return err
	}
	s.Cold = summarize([]phase.Report{rep}, rss)
	kept := map[string][]byte{}
	entries, _ := os.ReadDir(cacheDir)
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(cacheDir, e.Name()))
		if err != nil {
			return err
		}
		kept[e.Name()] = b
	}
	o.logf("%s: %d build(s) after one commit (warm)…\n", s.Name, o.Runs)
	var warm []phase.Report
	var warmRSS int64
	for range o.Runs {
		os.RemoveAll(cacheDir)
		if err := os.MkdirAll(cacheDir, 0o755); err != nil {
			return err
		}
		for name, b := range kept {
			if err := os.WriteFile(filepath.Join(cacheDir, name), b, 0o644); err != nil {
				return err
			}
		}
		rep, rss, err := build("HEAD")
		if err != nil {
			return err
		}
		warm = append(warm, rep)
		warmRSS = max(warmRSS, rss)
		if err := between(); err != nil {
			return err
		}
	}
	s.Warm = summarize(warm, warmRSS)
	s.Pages = s.Warm.Notes["pages"]
	return nil
}

// summarize takes the median of each phase over the runs.
func summarize(reps []phase.Report, rss int64) Build {
	b := Build{PeakRSS: rss}
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
		var walls, cpus, bytes, objs []float64
		for _, r := range reps {
			x := r.Phase(p.Name)
			walls = append(walls, seconds(x.Wall))
			cpus = append(cpus, seconds(x.CPU))
			bytes = append(bytes, float64(x.AllocBytes))
			objs = append(objs, float64(x.Allocs))
		}
		b.Phases = append(b.Phases, PhaseStat{Name: p.Name, Wall: newStat(walls), CPU: newStat(cpus).Median, AllocBytes: newStat(bytes).Median, Allocs: newStat(objs).Median})
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
	if floors := s.GitLog.Median + s.Bare.Median; floors > 0 {
		r.TotalOverFloors = s.Cold.Total.Median / floors
		r.TotalOverFloorsWarm = s.Warm.Total.Median / floors
	}
}

// child runs gongshi with args, decoding its standard output as JSON into
// v when v is not nil, and returns its peak resident set size.
func (o *Options) child(v any, args ...string) (int64, error) {
	cmd := exec.Command(o.Exe, args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return 0, fmt.Errorf("gongshi %s: %v\n%s", strings.Join(args, " "), err, tail(stderr.String(), 20))
	}
	if v != nil {
		if err := json.Unmarshal(stdout.Bytes(), v); err != nil {
			return 0, fmt.Errorf("gongshi %s: %v: %q", strings.Join(args, " "), err, tail(stdout.String(), 5))
		}
	}
	return phase.ChildRSS(cmd.ProcessState), nil
}

func tail(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}
