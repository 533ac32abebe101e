package pipeline_test

import (
	"flag"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"gongshi/generator/internal/pipeline"
	"gongshi/generator/internal/synth"
)

// sameVersions compares the versions computed commit after commit with
// those computed for each commit on its own.
func sameVersions(t *testing.T, got, want pipeline.Versions) (built, broken int) {
	t.Helper()
	if len(want) == 0 {
		t.Fatal("the head's pages have no published versions")
	}
	for _, c := range slices.Sorted(maps.Keys(want)) {
		w, g := want[c], got[c]
		switch {
		case w == nil && g != nil:
			t.Errorf("commit %.10s does not build, but gave %d pages", c, len(g))
		case w != nil && g == nil:
			t.Errorf("commit %.10s builds, but gave nothing", c)
		case w == nil:
			broken++
		default:
			built++
			for _, p := range slices.Sorted(maps.Keys(w)) {
				if g[p] != w[p] {
					t.Errorf("commit %.10s, %s:\n%s\nwant (computed on its own):\n%s", c, p, g[p], w[p])
				}
			}
			for p := range g {
				if _, ok := w[p]; !ok {
					t.Errorf("commit %.10s gave %s, which it has not", c, p)
				}
			}
		}
	}
	return built, broken
}

func versionTest(t *testing.T, dir string) (*pipeline.VersionTest, pipeline.Versions) {
	t.Helper()
	vt, err := pipeline.NewVersionTest(dir)
	if err != nil {
		t.Fatal(err)
	}
	want, err := vt.EachOnItsOwn()
	if err != nil {
		t.Fatal(err)
	}
	return vt, want
}

var versionsTownships = flag.Int("versions.townships", 1, "townships of the synthetic records TestVersionsFromTheCommitBeforeAreTheVersionsOfEachCommit builds (20: the county, minutes)")

// TestVersionsFromTheCommitBeforeAreTheVersionsOfEachCommit: the
// versions pass computes each earlier commit's records from those of the
// commit before (only what changed is read, decoded and computed again);
// every page it gives must be the page that commit's records give when
// computed on their own, on synthetic records (one run, and several, each
// starting from nothing). -versions.townships 20 checks the county.
func TestVersionsFromTheCommitBeforeAreTheVersionsOfEachCommit(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	if _, err := synth.Write(dir, synth.Townships(*versionsTownships)); err != nil {
		t.Fatal(err)
	}
	vt, want := versionTest(t, dir)
	for _, runs := range []int{1, 3} {
		got, ran, reused, err := vt.Pass(runs)
		if err != nil {
			t.Fatal(err)
		}
		if built, _ := sameVersions(t, got, want); built < 20 {
			t.Errorf("%d runs: %d commits built; want the history of notices, placards and letters", runs, built)
		}
		if reused == 0 {
			t.Errorf("%d runs: %d stages computed again, none taken from the commit before", runs, ran)
		}
	}
}

// TestVersionsOfCommitsThatDoNotBuild: a commit whose records hold a
// mistake (a reference to no unit, a site file that may not be used)
// publishes no version, and the commit after it, which fixes it, builds
// from the one that did not.
func TestVersionsOfCommitsThatDoNotBuild(t *testing.T) {
	t.Parallel()
	g, _ := township(t)
	person := "records/people/example.yaml"
	quarter := "records/assess/2026-Q1.yaml"
	read := func(p string) string {
		b, err := os.ReadFile(filepath.Join(g.Dir, p))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	people, scores := read(person), read(quarter)
	step := func(when, msg string, files map[string]string) {
		g.At(when, "朝天镇党政办 <dzb@chaotian.example>")
		for p, d := range files {
			if d == "" {
				g.Remove(p)
			} else {
				g.Write(p, []byte(d))
			}
		}
		g.Commit(msg)
	}
	moreScores := func(n int) string { return strings.Replace(scores, "score: 27", fmt.Sprintf("score: %d", 27-n), 1) }
	step("2026-04-13T09:00:00+08:00", "调整人员单位（误录）", map[string]string{
		person: strings.Replace(people, "unit: zhengfu", "unit: nowhere", 1), quarter: moreScores(1)})
	step("2026-04-13T10:00:00+08:00", "更正人员单位", map[string]string{person: people})
	step("2026-04-14T09:00:00+08:00", "加入网站设置", map[string]string{
		"hugo.toml": "title = \"x\"\n[security]\nenableInlineShortcodes = true\n", quarter: moreScores(2)})
	step("2026-04-14T10:00:00+08:00", "删去网站设置", map[string]string{"hugo.toml": ""})
	step("2026-04-15T09:00:00+08:00", "补录评分依据", map[string]string{quarter: moreScores(3)})
	vt, want := versionTest(t, g.Dir)
	got, _, _, err := vt.Pass(1)
	if err != nil {
		t.Fatal(err)
	}
	built, broken := sameVersions(t, got, want)
	if broken < 2 || built < 3 {
		t.Errorf("%d commits built and %d did not; want the broken ones among the notice's history", built, broken)
	}
}
