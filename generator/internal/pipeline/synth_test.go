package pipeline_test

import (
	"os/exec"
	"strings"
	"testing"

	"gongshi/generator/internal/pipeline"
	"gongshi/generator/internal/synth"
)

// TestSyntheticRecordsPassCheckThroughTheirHistory keeps the benchmarks honest:
// the synthetic repositories they build measure the real pipeline,
// checks included, only if their records are valid, as of each commit's
// own date.
func TestSyntheticRecordsPassCheckThroughTheirHistory(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		sc   synth.Scale
		step int // check every step-th commit: each check reads the whole commit
	}{{synth.Township, 6}, {synth.Townships(2), 25}} {
		sc := tc.sc
		t.Run(sc.Name, func(t *testing.T) {
			dir := t.TempDir()
			if _, err := synth.Write(dir, sc); err != nil {
				t.Fatal(err)
			}
			out, err := exec.Command("git", "-C", dir, "rev-list", "HEAD").Output()
			if err != nil {
				t.Fatal(err)
			}
			commits := strings.Fields(string(out))
			for i := 0; i < len(commits)-1; i += tc.step {
				if _, err := pipeline.Load(pipeline.Source{Dir: dir, Rev: commits[i]}); err != nil {
					t.Errorf("commit %d of %d (%s): %s", len(commits)-i, len(commits), commits[i][:10], firstLines(err.Error(), 10))
				}
			}
		})
	}
}

func TestSyntheticTownshipBuilds(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	if _, err := synth.Write(dir, synth.Township); err != nil {
		t.Fatal(err)
	}
	s, err := pipeline.Build(pipeline.Options{Source: pipeline.Source{Dir: dir}, NoCache: true})
	if err != nil {
		t.Fatalf("build: %s", firstLines(err.Error(), 20))
	}
	if files := renderSite(t, s); len(files) < 100 {
		t.Errorf("the synthetic township's site has %d files", len(files))
	}
}

func firstLines(s string, n int) string {
	lines := strings.SplitN(s, "\n", n+1)
	if len(lines) > n {
		lines = append(lines[:n], "…")
	}
	return strings.Join(lines, "\n")
}
