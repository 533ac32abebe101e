package bench

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"gongshi/generator/internal/phase"
	"gongshi/generator/internal/synth"
)

// TestMain lets this test binary stand in for gongshi when run with
// GONGSHI_BENCH_FAKE set (see fakeGongshi).
func TestMain(m *testing.M) {
	if os.Getenv("GONGSHI_BENCH_FAKE") != "" {
		if err := fakeGongshi(os.Args[1:], os.Stdout); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(3)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// fakeGongshi answers what Run asks gongshi with fixed figures, in the
// forms gongshi writes them, so that a run of the bench takes seconds: a
// build writes its timings, keeps a cache under the repository's .git and
// notes how many commits it walked (all of them unless it found that
// cache); bench hugo and bench history print their JSON.
func fakeGongshi(args []string, stdout io.Writer) error {
	if len(args) == 0 {
		return fmt.Errorf("fake gongshi: no command")
	}
	cmd := args[0]
	if cmd == "bench" && len(args) > 1 {
		cmd, args = "bench "+args[1], args[1:]
	}
	fs := flag.NewFlagSet(cmd, flag.ContinueOnError)
	repo := fs.String("repo", ".", "")
	rev := fs.String("rev", "HEAD", "")
	out := fs.String("out", "", "")
	timings := fs.String("timings", "", "")
	cache := fs.String("cache", "", "")
	fs.String("disk", "", "")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	const commits = 300
	switch cmd {
	case "build":
		kept := filepath.Join(*repo, ".git", "gongshi")
		if *cache != "" {
			kept = *cache
		}
		walked := commits
		if _, err := os.Stat(filepath.Join(kept, "history.idx")); err == nil {
			walked = 1
		}
		if err := os.MkdirAll(kept, 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(kept, "history.idx"), []byte(*rev), 0o644); err != nil {
			return err
		}
		if err := os.MkdirAll(*out, 0o755); err != nil {
			return err
		}
		rep := phase.Report{Total: time.Duration(walked+1000) * time.Millisecond, Notes: map[string]int{"pages": 700, "history_walked": walked}}
		for i, name := range []string{"load", "history", "versions", "render"} {
			d := time.Duration(i+1) * 100 * time.Millisecond
			rep.Phases = append(rep.Phases, phase.Phase{Name: name, Wall: d, CPU: d, AllocBytes: 1 << 20, Allocs: 1000, GCCycles: 3})
		}
		b, err := json.Marshal(rep)
		if err != nil {
			return err
		}
		return os.WriteFile(*timings, b, 0o644)
	case "bench hugo":
		return json.NewEncoder(stdout).Encode(HugoRun{
			Wall: 3 * time.Second, AllocBytes: 1 << 30, Pages: 700, DiscardNoBudget: 2800 * time.Millisecond,
			GCs: 21, DiscardNoBudgetGCs: 14, NoBudget: 2500 * time.Millisecond, Trivial: 500 * time.Millisecond, TrivialDisk: time.Second, TrivialPages: 700,
			CPU: 5500 * time.Millisecond, DiscardNoBudgetCPU: 5 * time.Second,
		})
	case "bench history":
		h := HistoryRun{Wall: 20 * time.Millisecond, AllocBytes: 5 << 20, Commits: commits, Walked: commits}
		if *cache != "" {
			if err := os.MkdirAll(*cache, 0o755); err != nil {
				return err
			}
			if *rev == "HEAD" {
				h.Walked, h.Reused = 1, commits-1
			}
			if err := os.WriteFile(filepath.Join(*cache, "history.idx"), []byte(*rev), 0o644); err != nil {
				return err
			}
		}
		return json.NewEncoder(stdout).Encode(h)
	}
	return fmt.Errorf("fake gongshi: unknown command %q", cmd)
}

// zeroFields lists the fields of v (a struct) that hold their zero value,
// looking into structs, and into the elements of slices and maps.
func zeroFields(v reflect.Value, path string) []string {
	switch v.Kind() {
	case reflect.Struct:
		var zero []string
		for i := range v.NumField() {
			zero = append(zero, zeroFields(v.Field(i), path+"."+v.Type().Field(i).Name)...)
		}
		return zero
	case reflect.Slice, reflect.Map:
		if v.Len() == 0 {
			return []string{path}
		}
		if v.Kind() == reflect.Slice {
			var zero []string
			for i := range v.Len() {
				zero = append(zero, zeroFields(v.Index(i), fmt.Sprintf("%s[%d]", path, i))...)
			}
			return zero
		}
		return nil
	}
	if v.IsZero() {
		return []string{path}
	}
	return nil
}

// TestRunFillsEveryFieldOfAScale runs the bench on the synthetic township
// with this test binary standing in for gongshi: git log and the clones
// are git's own. Every figure of the scale is filled in, the first build
// ran with nothing kept, the builds after it (the CI build on a fresh
// clone too) found what it kept, and the targets are judged.
func TestRunFillsEveryFieldOfAScale(t *testing.T) {
	t.Setenv("GONGSHI_BENCH_FAKE", "1")
	// The host takes 0.05 s from the machine while each process runs:
	// a twentieth of each fake build's CPU time.
	var host time.Duration
	stealClock = func() (time.Duration, bool) { host += 50 * time.Millisecond; return host, true }
	defer func() { stealClock = procSteal }()
	work := t.TempDir()
	r, err := Run(Options{Exe: os.Args[0], Work: work, Scales: []synth.Scale{synth.Township}, Runs: 2, CacheDir: "gongshi"})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Scales) != 1 {
		t.Fatalf("Run measured %d scales; want 1", len(r.Scales))
	}
	s := r.Scales[0]
	if zero := zeroFields(reflect.ValueOf(s), "Scale"); len(zero) > 0 {
		t.Errorf("Run left these fields of the township zero: %s", strings.Join(zero, ", "))
	}
	for _, c := range []struct {
		build string
		b     Build
		want  int
	}{{"first", s.Cold, 300}, {"after one commit", s.Warm, 1}, {"CI", s.CI, 1}} {
		if got := c.b.Notes["history_walked"]; got != c.want {
			t.Errorf("the %s build walked %d commits; want %d", c.build, got, c.want)
		}
	}
	// What the budget costs is printed counted as well as timed.
	var out strings.Builder
	Print(&out, r)
	for _, want := range []string{
		"(the budget adds +7%, CPU time +10% (5.5 s against 5.0), 21 collections against 14)",
		// What the host took, beside the builds and under the targets.
		"stolen          0.05 s",
		"the host took 0.05 s while the renders ran",
		"stolen: the machine's host took CPU time while these builds ran (township first build 0.05 s of 1 CPU-s; township after one commit 0.05 s of 1 CPU-s; township CI build 0.05 s of 1 CPU-s); their wall times",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("the report does not say %q:\n%s", want, out.String())
		}
	}
	if len(r.Targets) != 6 {
		t.Errorf("Run judged %d targets; want 6 (no time per page with one size): %+v", len(r.Targets), r.Targets)
	}
	for _, g := range r.Targets {
		if g.Scale != "township" || g.Now == "" || g.Value == 0 {
			t.Errorf("target not judged on the township's figures: %+v", g)
		}
	}
	// A first build as quick as the fake's is repeated as often as the
	// builds after it.
	if n := len(s.Cold.Total.Samples); n != 2 {
		t.Errorf("the first build ran %d times; want 2", n)
	}
	// The clones, the sites and the caches are removed when the run is
	// done, not between builds: only the repository and the timings stay.
	entries, err := os.ReadDir(work)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.Name() != "township" && e.Name() != "township-timings.json" {
			t.Errorf("Run left %s beside the repository", e.Name())
		}
	}
}
