package record

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"
)

var update = flag.Bool("update", false, "rewrite want/errors.txt in testdata from the decoder's output")

// TestDecodeReportsEveryMistake decodes each archive in testdata/decode and
// compares every message with want/errors.txt.
func TestDecodeReportsEveryMistake(t *testing.T) {
	paths, _ := filepath.Glob("testdata/decode/*.txtar")
	if len(paths) == 0 {
		t.Fatal("no archives in testdata/decode")
	}
	for _, p := range paths {
		t.Run(strings.TrimSuffix(filepath.Base(p), ".txtar"), func(t *testing.T) {
			a, err := txtar.ParseFile(p)
			if err != nil {
				t.Fatal(err)
			}
			var files []File
			want := -1
			for i, f := range a.Files {
				if f.Name == "want/errors.txt" {
					want = i
					continue
				}
				files = append(files, File{Path: f.Name, Data: f.Data})
			}
			_, errs := Decode(files)
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
				t.Errorf("Decode errors:\n%s\nwant:\n%s", got, w)
			}
		})
	}
}
