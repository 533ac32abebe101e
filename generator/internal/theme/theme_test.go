package theme

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"gongshi/generator/internal/record"
	"gongshi/generator/internal/repo"
)

// topLevel reads the project's own site files by the rule gen.go copies
// them by: every file under the site paths but hidden ones.
func topLevel(t *testing.T) map[string][]byte {
	t.Helper()
	const root = "../../.."
	files := map[string][]byte{}
	for _, p := range repo.SitePaths {
		src := filepath.Join(root, p)
		err := filepath.WalkDir(src, func(full string, d fs.DirEntry, err error) error {
			if os.IsNotExist(err) {
				return nil
			}
			if err != nil {
				return err
			}
			if strings.HasPrefix(d.Name(), ".") && full != src {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if d.IsDir() {
				return nil
			}
			rel, _ := filepath.Rel(root, full)
			b, err := os.ReadFile(full)
			files[filepath.ToSlash(rel)] = b
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return files
}

func TestEmbeddedCopyMatchesTheTopLevelFiles(t *testing.T) {
	want := topLevel(t)
	if _, ok := want["hugo.toml"]; !ok || len(want) < 10 {
		t.Fatalf("found only %d top-level site files; is the test run from its package folder?", len(want))
	}
	got := map[string][]byte{}
	for _, f := range Files() {
		got[f.Path] = f.Data
	}
	var drift []string
	for p, b := range want {
		switch g, ok := got[p]; {
		case !ok:
			drift = append(drift, "missing from the copy: "+p)
		case !bytes.Equal(g, b):
			drift = append(drift, "differs from the top level: "+p)
		}
	}
	for p := range got {
		if _, ok := want[p]; !ok {
			drift = append(drift, "no longer at the top level: "+p)
		}
	}
	if len(drift) > 0 {
		slices.Sort(drift)
		t.Errorf("the embedded site files (generator/internal/theme/site) are out of step with the top-level ones:\n  %s\nrun `make theme` (or go generate ./generator/internal/theme) and commit the result",
			strings.Join(drift, "\n  "))
	}
}

func TestEmbeddedFilesIncludeUnderscoreFolders(t *testing.T) {
	var partials int
	for _, f := range Files() {
		if strings.HasPrefix(f.Path, "layouts/_partials/") {
			partials++
		}
	}
	if partials == 0 {
		t.Error("no layouts/_partials/ embedded: the go:embed pattern needs the all: prefix")
	}
}

func TestOverlayReplacesPathByPath(t *testing.T) {
	own := []record.File{
		{Path: "layouts/home.html", Data: []byte("mine")},
		{Path: "content/notice-board.md", Data: []byte("---\ntitle: 公示栏位置\n---\n")},
	}
	got := Overlay(own)
	byPath := map[string]string{}
	for i, f := range got {
		if _, dup := byPath[f.Path]; dup {
			t.Errorf("%s twice in the overlay", f.Path)
		}
		if i > 0 && got[i-1].Path > f.Path {
			t.Errorf("overlay not sorted: %s before %s", got[i-1].Path, f.Path)
		}
		byPath[f.Path] = string(f.Data)
	}
	if byPath["layouts/home.html"] != "mine" {
		t.Errorf("layouts/home.html = %.40q; want the repository's own", byPath["layouts/home.html"])
	}
	if byPath["content/notice-board.md"] == "" {
		t.Error("the repository's own page is missing from the overlay")
	}
	if len(byPath) != len(Files())+1 {
		t.Errorf("overlay has %d files; want the %d embedded plus 1 of the repository's own", len(byPath), len(Files()))
	}
	if _, ok := byPath["hugo.toml"]; !ok {
		t.Error("the embedded hugo.toml is missing from the overlay")
	}
}
