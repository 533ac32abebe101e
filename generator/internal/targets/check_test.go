package targets

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"
)

var update = flag.Bool("update", false, "rewrite want/errors.txt in testdata/check")

// TestCheckReportsEveryMistake runs each archive in testdata/check over the
// fixture's records (26 staff, no accident): its files replace the
// fixture's by path, an empty file removes it, and every message is
// compared with want/errors.txt.
func TestCheckReportsEveryMistake(t *testing.T) {
	paths, _ := filepath.Glob("testdata/check/*.txtar")
	if len(paths) == 0 {
		t.Fatal("no archives in testdata/check")
	}
	for _, p := range paths {
		t.Run(strings.TrimSuffix(filepath.Base(p), ".txtar"), func(t *testing.T) {
			a, err := txtar.ParseFile(p)
			if err != nil {
				t.Fatal(err)
			}
			w := world{staff: 26, files: map[string]string{}}
			want := -1
			for i, f := range a.Files {
				if f.Name == "want/errors.txt" {
					want = i
					continue
				}
				w.files[f.Name] = string(f.Data)
			}
			_, errs := w.compute(t)
			got := errs.Error()
			if got != "" {
				got += "\n"
			}
			if *update {
				if want < 0 {
					a.Files = append(a.Files, txtar.File{Name: "want/errors.txt"})
					want = len(a.Files) - 1
				}
				a.Files[want].Data = []byte(got)
				if err := os.WriteFile(p, txtar.Format(a), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if want < 0 {
				t.Fatal("archive has no want/errors.txt")
			}
			if w := string(a.Files[want].Data); got != w {
				t.Errorf("errors:\n%s\nwant:\n%s", got, w)
			}
		})
	}
}
