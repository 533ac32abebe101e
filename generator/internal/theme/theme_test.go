package theme

import (
	"bytes"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/pelletier/go-toml/v2"

	"gongshi/generator/internal/record"
	"gongshi/generator/internal/render"
	"gongshi/generator/internal/repo"
)

// topLevel reads the project's own site files by the rule gongshi reads a
// working tree's by: every file under the site paths but hidden ones.
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

// TestEmbeddedFilesAreTheTopLevelSiteFiles: the go:embed patterns of the
// top-level package cover every site path the project has (a static/ or
// i18n/ added at the top level needs its pattern), and nothing else.
func TestEmbeddedFilesAreTheTopLevelSiteFiles(t *testing.T) {
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
			drift = append(drift, "not embedded: "+p)
		case !bytes.Equal(g, b):
			drift = append(drift, "embedded with other bytes: "+p)
		}
	}
	for p := range got {
		if _, ok := want[p]; !ok {
			drift = append(drift, "embedded but no top-level site file: "+p)
		}
	}
	if len(drift) > 0 {
		slices.Sort(drift)
		t.Errorf("the embedded site files differ from the top-level ones:\n  %s\nadd the missing site path to the go:embed line in site.go",
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

func TestFilesLeaveOutHiddenFiles(t *testing.T) {
	got, err := read(fstest.MapFS{
		"hugo.toml":                     {Data: []byte("title = \"公示栏\"")},
		"layouts/.home.html.swp":        {Data: []byte("swap")},
		"layouts/.git/config":           {Data: []byte("[core]")},
		"layouts/_partials/footer.html": {Data: []byte("<footer>")},
		"content/about.md":              {Data: []byte("关于")},
	})
	if err != nil {
		t.Fatal(err)
	}
	var paths []string
	for _, f := range got {
		paths = append(paths, f.Path)
	}
	want := []string{"content/about.md", "hugo.toml", "layouts/_partials/footer.html"}
	if !slices.Equal(paths, want) {
		t.Errorf("read = %q; want %q", paths, want)
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

// TestShippedSiteHasOnlyHTML: Hugo makes every page of a site ready for
// each output format any page of it has (an output path, links and state
// per format, held for the whole render), so a format two pages use costs
// on all of them: the search index and the Atom feeds as formats of the
// home page and of four lists were 66 MB of a county's render. They are
// HTML pages of their own (content/feeds/, layouts/feeds/), so the
// shipped hugo.toml names no format but HTML, and no layout is for
// another (a "*.atom.xml" or "*.searchindex.js" would be one).
func TestShippedSiteHasOnlyHTML(t *testing.T) {
	var conf struct {
		Outputs       map[string][]string `toml:"outputs"`
		OutputFormats map[string]any      `toml:"outputFormats"`
	}
	var layouts []string
	for _, f := range Files() {
		switch {
		case f.Path == "hugo.toml":
			if err := toml.Unmarshal(f.Data, &conf); err != nil {
				t.Fatal(err)
			}
		case strings.HasPrefix(f.Path, "layouts/"):
			layouts = append(layouts, f.Path)
		}
	}
	if len(conf.Outputs) == 0 {
		t.Fatal("hugo.toml sets no [outputs]: Hugo's defaults give the home page and the sections RSS")
	}
	for kind, formats := range conf.Outputs {
		if !slices.Equal(formats, []string{"html"}) {
			t.Errorf("hugo.toml: outputs.%s = %q; want [\"html\"] only", kind, formats)
		}
	}
	if len(conf.OutputFormats) > 0 {
		t.Errorf("hugo.toml defines output formats %v; want none", slices.Sorted(maps.Keys(conf.OutputFormats)))
	}
	for _, p := range layouts {
		// Hugo's standalone outputs (robots.txt) are not formats of pages.
		if name := path.Base(p); !strings.HasSuffix(name, ".html") && name != "robots.txt" && !strings.HasPrefix(p, "layouts/_") {
			t.Errorf("%s: a layout for another output format than HTML", p)
		}
	}
}

// TestEmbeddedLayoutsExecuteInPlaceOnlyPartialsThatPrint: the layouts
// gongshi ships execute partials in place (template "_partials/…") only
// when the partial prints its output; one that returns a value must be
// called with partial.
func TestEmbeddedLayoutsExecuteInPlaceOnlyPartialsThatPrint(t *testing.T) {
	layouts := map[string][]byte{}
	all := map[string]bool{}
	for _, f := range Files() {
		layouts[f.Path] = f.Data
		all[f.Path] = true
	}
	if errs := render.CheckInPlace(layouts, all); len(errs) > 0 {
		t.Errorf("gongshi's layouts:\n%v", errs.Error())
	}
}
