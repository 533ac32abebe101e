package pipeline

import (
	"io/fs"
	"os/exec"
	"strings"
	"testing"

	"github.com/spf13/afero"

	"gongshi/generator/internal/record"
	"gongshi/generator/internal/synth"
)

// TestSyntheticRecordsPassCheckAndBuild keeps the benchmarks honest: the
// synthetic repositories they build measure the real pipeline, checks
// included, only if their records are valid, as of each commit's own
// date; and the township's site builds.
func TestSyntheticRecordsPassCheckAndBuild(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		sc    synth.Scale
		step  int // check every step-th commit: each check reads the whole commit
		build bool
	}{{synth.Township, 6, true}, {synth.Townships(2), 25, false}} {
		t.Run(tc.sc.Name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			if _, err := synth.Write(dir, tc.sc); err != nil {
				t.Fatal(err)
			}
			out, err := exec.Command("git", "-C", dir, "rev-list", "HEAD").Output()
			if err != nil {
				t.Fatal(err)
			}
			commits := strings.Fields(string(out))
			// A file most commits share is decoded once, as the versions
			// pass of a build does.
			decoded := record.NewFileCache()
			for i := 0; i < len(commits)-1; i += tc.step {
				r, snap, err := open(Source{Dir: dir, Rev: commits[i]}, nil)
				if err != nil {
					t.Fatal(err)
				}
				r.Close()
				if _, errs := Compute(snap, decoded, nil); len(errs) > 0 {
					t.Errorf("commit %d of %d (%s): %s", len(commits)-i, len(commits), commits[i][:10], firstLines(errs.Error(), 10))
				}
			}
			if !tc.build {
				return
			}
			s, err := Build(Options{Source: Source{Dir: dir}, NoCache: true})
			if err != nil {
				t.Fatalf("build: %s", firstLines(err.Error(), 20))
			}
			mem := afero.NewMemMapFs()
			if _, err := s.Render(mem, "/out"); err != nil {
				t.Fatal(err)
			}
			pages := 0
			afero.Walk(mem, "/out", func(p string, fi fs.FileInfo, err error) error {
				if err == nil && strings.HasSuffix(p, ".html") {
					pages++
				}
				return err
			})
			if pages < 500 {
				t.Errorf("the synthetic township's site has %d pages", pages)
			}
		})
	}
}

func firstLines(s string, n int) string {
	lines := strings.SplitN(s, "\n", n+1)
	if len(lines) > n {
		lines = append(lines[:n], "…")
	}
	return strings.Join(lines, "\n")
}
