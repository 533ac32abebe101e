package main

import (
	"os/exec"
	"strings"
	"testing"

	"gongshi/generator/internal/synth"
)

// TestSyntheticRecordsPassCheckThroughTheirHistory keeps the benchmarks honest:
// the synthetic repositories they build measure the real pipeline,
// checks included, only if their records are valid, as of each commit's
// own date.
func TestSyntheticRecordsPassCheckThroughTheirHistory(t *testing.T) {
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
				if code, _, stderr := gongshi(t, "check", "--repo", dir, "--rev", commits[i]); code != 0 {
					t.Errorf("commit %d of %d (%s): check exited %d:\n%s", len(commits)-i, len(commits), commits[i][:10], code, firstLines(stderr, 10))
				}
			}
		})
	}
}

func TestSyntheticTownshipBuilds(t *testing.T) {
	dir := t.TempDir()
	if _, err := synth.Write(dir, synth.Township); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := gongshi(t, "build", "--repo", dir, "--out", t.TempDir()+"/public")
	if code != 0 {
		t.Fatalf("build exited %d:\n%s", code, firstLines(stderr, 20))
	}
	if !strings.Contains(stdout, "pages") {
		t.Errorf("build said %q", stdout)
	}
}

func firstLines(s string, n int) string {
	lines := strings.SplitN(s, "\n", n+1)
	if len(lines) > n {
		lines = append(lines[:n], "…")
	}
	return strings.Join(lines, "\n")
}
