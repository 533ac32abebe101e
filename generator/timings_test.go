package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gongshi/generator/internal/phase"
	"gongshi/generator/internal/sample"
)

// buildTimed builds the repository's HEAD into out with flags and returns
// what --timings recorded and what went to stderr.
func buildTimed(t *testing.T, dir, out string, flags ...string) (phase.Report, string) {
	t.Helper()
	timings := filepath.Join(t.TempDir(), "timings.json")
	args := append([]string{"build", "--repo", dir, "--out", out, "--timings", timings}, flags...)
	code, _, stderr := gongshi(t, args...)
	if code != exitOK {
		t.Fatalf("build %s exited %d:\n%s", strings.Join(flags, " "), code, stderr)
	}
	b, err := os.ReadFile(timings)
	if err != nil {
		t.Fatal(err)
	}
	var rep phase.Report
	if err := json.Unmarshal(b, &rep); err != nil {
		t.Fatal(err)
	}
	return rep, stderr
}

func TestBuildTimesEachPhase(t *testing.T) {
	t.Parallel()
	g, _ := sample.Township(t)
	rep, _ := buildTimed(t, g.Dir, filepath.Join(t.TempDir(), "public"))
	var names []string
	for _, p := range rep.Phases {
		names = append(names, p.Name)
	}
	want := []string{"open", "load", "validate", "compute", "history", "emit", "versions", "keep", "render", "scan", "publish"}
	if len(names) != len(want) {
		t.Fatalf("phases %q; want %q", names, want)
	}
	for i := range want {
		if names[i] != want[i] {
			t.Fatalf("phases %q; want %q", names, want)
		}
	}
	if rep.Notes["pages"] == 0 || rep.Phase("render").AllocBytes == 0 || rep.Total <= 0 {
		t.Errorf("report %+v; want pages, the render's allocations and the total", rep)
	}

	// The versions pass says what its parts took: each commit it computed
	// read, its records decoded and gathered, and every stage it ran.
	read, stages := rep.Notes["versions_runs_read"], 0
	for k, n := range rep.Notes {
		part, ok := strings.CutPrefix(k, "versions_runs_")
		if !ok {
			continue
		}
		if _, timed := rep.Notes["versions_ms_"+part]; !timed {
			t.Errorf("notes %v: %s runs without their time", rep.Notes, part)
		}
		switch part {
		case "read":
		case "records", "emit":
			if n > read {
				t.Errorf("notes %v: %s %d times for %d commits read", rep.Notes, part, n, read)
			}
		default:
			stages += n
		}
	}
	if read == 0 || stages != rep.Notes["versions_stages_computed"] {
		t.Errorf("notes %v: %d commits read, %d stage runs noted; want some commits, and every stage computed (versions_stages_computed)", rep.Notes, read, stages)
	}
}
