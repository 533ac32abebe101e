package main

import (
	"encoding/json"
	"maps"
	"os"
	"path/filepath"
	"testing"

	"gongshi/generator/internal/phase"
	"gongshi/generator/internal/pipeline"
)

// buildTimed builds the repository's HEAD into out and returns what
// --timings recorded.
func buildTimed(t *testing.T, dir, out string) phase.Report {
	t.Helper()
	timings := filepath.Join(t.TempDir(), "timings.json")
	if code, _, stderr := gongshi(t, "build", "--repo", dir, "--out", out, "--timings", timings); code != exitOK {
		t.Fatalf("build exited %d:\n%s", code, stderr)
	}
	b, err := os.ReadFile(timings)
	if err != nil {
		t.Fatal(err)
	}
	var rep phase.Report
	if err := json.Unmarshal(b, &rep); err != nil {
		t.Fatal(err)
	}
	return rep
}

func TestBuildTimesEachPhase(t *testing.T) {
	g := sampleRepo(t)
	rep := buildTimed(t, g.Dir, filepath.Join(t.TempDir(), "public"))
	var names []string
	for _, p := range rep.Phases {
		names = append(names, p.Name)
	}
	want := []string{"open", "load", "validate", "compute", "history", "emit", "versions", "keep", "render", "publish"}
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
}

// TestBuildKeepsTheHistoryIndexAndChecksItBeforeUse: a build after one
// commit walks that commit only, reusing the descriptions and versions the
// last build kept; a damaged index is walked again in full; and the site
// is the same as if nothing had been kept.
func TestBuildKeepsTheHistoryIndexAndChecksItBeforeUse(t *testing.T) {
	g := sampleRepo(t)
	first := buildTimed(t, g.Dir, filepath.Join(t.TempDir(), "public"))
	if first.Notes["history_reused"] != 0 || first.Notes["history_walked"] == 0 {
		t.Fatalf("first build notes %v; want the whole history walked", first.Notes)
	}
	n := first.Notes["history_walked"]

	g.At("2026-11-21T09:00:00+08:00", "王文书 <clerk@chaotian.example>")
	b, err := os.ReadFile(filepath.Join(g.Dir, "records/township.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	g.Write("records/township.yaml", append(b, "# 核对\n"...))
	g.Commit("整理格式")
	kept := filepath.Join(t.TempDir(), "kept")
	next := buildTimed(t, g.Dir, kept)
	if next.Notes["history_walked"] != 1 || next.Notes["history_reused"] != n {
		t.Errorf("build after one commit notes %v; want 1 walked, %d reused", next.Notes, n)
	}

	idx := filepath.Join(g.Dir, ".git", pipeline.DefaultCacheDir, "history.idx")
	data, err := os.ReadFile(idx)
	if err != nil {
		t.Fatal(err)
	}
	data[len(data)/2] ^= 0xff
	if err := os.WriteFile(idx, data, 0o644); err != nil {
		t.Fatal(err)
	}
	damaged := filepath.Join(t.TempDir(), "damaged")
	again := buildTimed(t, g.Dir, damaged)
	if again.Notes["history_walked"] != n+1 || again.Notes["history_reused"] != 0 {
		t.Errorf("build with a damaged index notes %v; want the whole history (%d) walked again", again.Notes, n+1)
	}
	if a, b := tree(t, kept), tree(t, damaged); !maps.Equal(a, b) {
		t.Errorf("the site built from a damaged index differs from the one built from a sound one")
	}

	// Nothing kept at all: the same site, the versions computed afresh.
	if err := os.RemoveAll(filepath.Join(g.Dir, ".git", pipeline.DefaultCacheDir)); err != nil {
		t.Fatal(err)
	}
	fresh := filepath.Join(t.TempDir(), "fresh")
	buildTimed(t, g.Dir, fresh)
	if a, b := tree(t, kept), tree(t, fresh); !maps.Equal(a, b) {
		for p, h := range b {
			if a[p] != h {
				t.Errorf("%s differs between a build with what the last one kept and one without", p)
			}
		}
	}
}
