package pipeline_test

import (
	"errors"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/spf13/afero"

	"gongshi/generator/internal/diag"
	"gongshi/generator/internal/gittest"
	"gongshi/generator/internal/phase"
	"gongshi/generator/internal/pipeline"
	"gongshi/generator/internal/record"
	"gongshi/generator/internal/sample"
)

func TestMain(m *testing.M) { os.Exit(sample.Main(m)) }

// township is the small township of sample.Township.
func township(t *testing.T) (*gittest.Repo, []string) { return sample.Township(t) }

// render builds the site of o into memory and returns its files by path.
func render(t *testing.T, o pipeline.Options) map[string]string {
	t.Helper()
	s, err := pipeline.Build(o)
	if err != nil {
		t.Fatal(err)
	}
	return renderSite(t, s)
}

func renderSite(t *testing.T, s *pipeline.Site) map[string]string {
	t.Helper()
	mem := afero.NewMemMapFs()
	if _, err := s.Render(mem, "/out"); err != nil {
		t.Fatal(err)
	}
	files := map[string]string{}
	err := afero.Walk(mem, "/out", func(p string, fi fs.FileInfo, err error) error {
		if err != nil || fi.IsDir() {
			return err
		}
		b, err := afero.ReadFile(mem, p)
		files[strings.TrimPrefix(p, "/out/")] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// readDir returns the files of a folder on disk by path.
func readDir(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// text strips tags and collapses spaces, to read a page as a person does.
func text(html string) string {
	s := regexp.MustCompile(`(?s)<[^>]*>`).ReplaceAllString(html, " ")
	return strings.Join(strings.Fields(s), " ")
}

func differing(a, b map[string]string) []string {
	var d []string
	for p, x := range a {
		if y, ok := b[p]; !ok {
			d = append(d, "only in the first: "+p)
		} else if x != y {
			d = append(d, "differs: "+p)
		}
	}
	for p := range b {
		if _, ok := a[p]; !ok {
			d = append(d, "only in the second: "+p)
		}
	}
	return d
}

// TestNoticeVersionsAreASecondPassOverEarlierCommits: the Q1 notice of the
// fixture was entered, reformatted (no new version: it shows the same),
// corrected and changed; each version is a page of its own, computed from
// the records of its commit, and the notice lists them.
func TestNoticeVersionsAreASecondPassOverEarlierCommits(t *testing.T) {
	t.Parallel()
	g, commits := township(t)
	rec := phase.New()
	files := render(t, pipeline.Options{Source: pipeline.Source{Dir: g.Dir}, NoCache: true, Timings: rec})
	entered, fixed, changed := commits[1], commits[3], commits[4]
	for n, c := range []string{entered, fixed, changed} {
		p := "versions/assess-2026-q1/" + c[:10] + ".html"
		page, ok := files[p]
		if !ok {
			t.Errorf("no page for version %d (%s)", n+1, p)
			continue
		}
		if want := "共3版"; !strings.Contains(text(page), want) {
			t.Errorf("%s does not say %q", p, want)
		}
	}
	if _, ok := files["versions/assess-2026-q1/"+commits[2][:10]+".html"]; ok {
		t.Errorf("the reformatting made a version of the notice, though the notice shows the same")
	}
	if v := rec.Report().Phase("versions"); v.Wall == 0 {
		t.Errorf("the versions pass was not timed as a phase of its own: %+v", rec.Report().Phases)
	}
}

// TestPreviewOfTheWorkingTreeHasNoHistory: a preview reads uncommitted
// edits, is bannered as unpublished, and has no change history, versions
// or ledger (the working tree has no history to show).
func TestPreviewOfTheWorkingTreeHasNoHistory(t *testing.T) {
	t.Parallel()
	g, _ := township(t)
	b, err := os.ReadFile(filepath.Join(g.Dir, "records/township.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	g.Write("records/township.yaml", []byte(strings.Replace(string(b), "正街88号", "正街99号", 1)))
	files := render(t, pipeline.Options{Source: pipeline.Source{Dir: g.Dir, WorkTree: true, Today: record.MustDate("2026-04-20")}})
	home := text(files["index.html"])
	if !strings.Contains(home, "未提交预览") || !strings.Contains(home, "正街99号") {
		t.Errorf("the preview's home page is not the working tree's, bannered:\n%s", home)
	}
	for p := range files {
		if strings.HasPrefix(p, "changes/") || strings.HasPrefix(p, "versions/") || p == "ledger.json" {
			t.Errorf("a preview has %s", p)
		}
	}
}

// TestMistakesStopTheBuildEachAtItsPosition: every mistake of the run is
// listed, sorted, at its file, line and column; nothing is built.
func TestMistakesStopTheBuildEachAtItsPosition(t *testing.T) {
	t.Parallel()
	g, _ := township(t)
	g.Write("records/units/bad.yaml", []byte("units:\n  - id: zhengfu\n    name: 重复\n    type: 机关\n  - id: x\n    name：新单位\n    type: 村委会\n"))
	g.Commit("录入有错误的单位")
	_, err := pipeline.Build(pipeline.Options{Source: pipeline.Source{Dir: g.Dir}, NoCache: true})
	var l diag.List
	if !errors.As(err, &l) {
		t.Fatalf("Build = %v; want the records' mistakes", err)
	}
	got := l.Error()
	for _, want := range []string{
		`records/units/bad.yaml:6:9: expected ":" after "name", found full-width "："`,
		`expected a unique unit id, found "zhengfu" again`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("mistakes:\n%s\nwant one reading %q", got, want)
		}
	}
	if _, err := pipeline.Load(pipeline.Source{Dir: g.Dir, Rev: "HEAD~1"}); err != nil {
		t.Errorf("the commit before the mistakes does not load: %v", err)
	}
}

// TestMistakesKeepNothingOfTheHistory: the history is walked while the
// records are validated; a commit whose records do not build keeps
// nothing of that walk, and the commit before it, which builds, keeps
// its index.
func TestMistakesKeepNothingOfTheHistory(t *testing.T) {
	t.Parallel()
	g, _ := township(t)
	g.Write("records/units/bad.yaml", []byte("units:\n  - id: x\n    name：新单位\n    type: 村委会\n"))
	g.Commit("录入有错误的单位")
	cache := t.TempDir()
	_, err := pipeline.Build(pipeline.Options{Source: pipeline.Source{Dir: g.Dir}, Cache: cache})
	var l diag.List
	if !errors.As(err, &l) {
		t.Fatalf("Build = %v; want the records' mistakes", err)
	}
	kept, err := os.ReadDir(cache)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range kept {
		t.Errorf("a commit whose records do not build kept %s in the cache", f.Name())
	}
	if _, err := pipeline.Build(pipeline.Options{Source: pipeline.Source{Dir: g.Dir, Rev: "HEAD~1"}, Cache: cache}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(cache, "history.idx")); err != nil {
		t.Errorf("the commit before, which builds, kept no history index: %v", err)
	}
}

// TestBuildKeepsTheHistoryIndexAndChecksItBeforeUse: a build after one
// commit walks that commit only, reusing the descriptions and versions the
// last build kept; a damaged index is walked again in full; and the site
// is the same as if nothing had been kept.
func TestBuildKeepsTheHistoryIndexAndChecksItBeforeUse(t *testing.T) {
	t.Parallel()
	g, _ := township(t)
	cache := t.TempDir()
	build := func() (map[string]string, phase.Report) {
		t.Helper()
		rec := phase.New()
		files := render(t, pipeline.Options{Source: pipeline.Source{Dir: g.Dir}, Cache: cache, Timings: rec})
		return files, rec.Report()
	}
	_, first := build()
	if first.Notes["history_reused"] != 0 || first.Notes["history_walked"] == 0 {
		t.Fatalf("first build notes %v; want the whole history walked", first.Notes)
	}
	n := first.Notes["history_walked"]

	g.At("2026-04-13T09:00:00+08:00", "王文书 <clerk@chaotian.example>")
	b, err := os.ReadFile(filepath.Join(g.Dir, "records/township.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	g.Write("records/township.yaml", append(b, "# 核对\n"...))
	g.Commit("整理格式")
	kept, next := build()
	if next.Notes["history_walked"] != 1 || next.Notes["history_reused"] != n {
		t.Errorf("build after one commit notes %v; want 1 walked, %d reused", next.Notes, n)
	}

	idx := filepath.Join(cache, "history.idx")
	data, err := os.ReadFile(idx)
	if err != nil {
		t.Fatal(err)
	}
	data[len(data)/2] ^= 0xff
	if err := os.WriteFile(idx, data, 0o644); err != nil {
		t.Fatal(err)
	}
	damaged, again := build()
	if again.Notes["history_walked"] != n+1 || again.Notes["history_reused"] != 0 {
		t.Errorf("build with a damaged index notes %v; want the whole history (%d) walked again", again.Notes, n+1)
	}
	if d := differing(kept, damaged); len(d) > 0 {
		t.Errorf("the site built from a damaged index differs from the one built from a sound one: %v", d)
	}

	// Nothing kept at all: the same site, the versions computed afresh.
	fresh := render(t, pipeline.Options{Source: pipeline.Source{Dir: g.Dir}, NoCache: true})
	if d := differing(kept, fresh); len(d) > 0 {
		t.Errorf("a build with what the last one kept and one without differ: %v", d)
	}
}

// TestSameCommitBuildsIdenticalSites: the sample township's commit built
// again, elsewhere, with the history kept between builds this time, is
// byte for byte the shared sample site (built with nothing kept).
func TestSameCommitBuildsIdenticalSites(t *testing.T) {
	t.Parallel()
	shared := sample.Site(t)
	g, commits := sample.HistoryRepo(t)
	if commits[2] != shared.Commits[2] {
		t.Fatalf("the same fixture script made commit %s, and %s before", commits[2], shared.Commits[2])
	}
	out := filepath.Join(t.TempDir(), "public")
	if _, err := pipeline.Publish(out, pipeline.Options{Source: pipeline.Source{Dir: g.Dir}}); err != nil {
		t.Fatal(err)
	}
	if d := differing(readDir(t, shared.Site), readDir(t, out)); len(d) > 0 {
		t.Errorf("two builds of one commit differ:\n%s", strings.Join(d, "\n"))
	}
	a, b := readDir(t, shared.Site), readDir(t, out)
	if !maps.Equal(a, b) || len(a) < 300 {
		t.Errorf("%d and %d files", len(a), len(b))
	}
}

// TestTheRenderedSiteIsReadOnce: the publication gate and the links of
// the self-check read the rendered site together, each file once.
func TestTheRenderedSiteIsReadOnce(t *testing.T) {
	t.Parallel()
	g, _ := township(t)
	fsys := &openCounter{Fs: afero.NewMemMapFs(), opens: map[string]int{}}
	// Counted from the render's end: the render itself reads the
	// not-found page back to make its links root-relative.
	rendered := func(point string) {
		if point == "rendered" {
			fsys.mu.Lock()
			clear(fsys.opens)
			fsys.mu.Unlock()
		}
	}
	s, err := pipeline.Build(pipeline.Options{Source: pipeline.Source{Dir: g.Dir}, NoCache: true, Checkpoint: rendered})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Render(fsys, "/out"); err != nil {
		t.Fatal(err)
	}
	if n := fsys.opens["/out/index.html"]; n != 1 {
		t.Errorf("the home page was read %d times; want once", n)
	}
	for p, n := range fsys.opens {
		if n > 1 {
			t.Errorf("%s was read %d times; want once", p, n)
		}
	}
}

// openCounter counts how often each file is opened for reading.
type openCounter struct {
	afero.Fs
	mu    sync.Mutex
	opens map[string]int
}

func (c *openCounter) Open(name string) (afero.File, error) {
	c.mu.Lock()
	c.opens[name]++
	c.mu.Unlock()
	return c.Fs.Open(name)
}

// TestBuildCommitWithoutAPageIsNotLinked: every page names the commit the
// site was built from (its footer, and where 变更记录 says how to see the
// records). A commit that changed no record has no page of its own: its
// hash is shown, linked to nothing (it linked to the home page); a
// records commit's hash links to its page (sitetest's
// TestEveryCommitHashLinksToItsCommit).
func TestBuildCommitWithoutAPageIsNotLinked(t *testing.T) {
	g, _ := township(t)
	g.At("2026-04-13T09:00:00+08:00", "朝天镇党政办 <dzb@chaotian.example>")
	g.Write("NOTES.txt", []byte("档案整理说明\n"))
	head := g.Commit("补充档案整理说明")
	files := render(t, pipeline.Options{Source: pipeline.Source{Dir: g.Dir}, NoCache: true})
	short := head[:10]
	n := 0
	for p, b := range files {
		if !strings.HasSuffix(p, ".html") {
			continue
		}
		for _, before := range []string{"本站由档案记录库的提交 ", "本页由提交 "} {
			_, after, ok := strings.Cut(b, before)
			if !ok {
				continue
			}
			n++
			if want := `<code class="hash" title="` + head + `">` + short + `</code>`; !strings.HasPrefix(after, want) {
				t.Errorf("%s: %s%.120s; want %s", p, before, after, want)
			}
		}
	}
	if n < 20 {
		t.Errorf("the build commit is named %d times; want it on every page", n)
	}
}
