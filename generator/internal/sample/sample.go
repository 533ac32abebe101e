// Package sample gives tests this project's sample township: fixture
// repositories holding its records, with commits of fixed authors and
// dates (never this repository's own history), and its site, built once
// per test binary and shared read-only by every test that only reads it.
//
// A test binary that uses Site removes the shared folders at its end by
// running its tests through Main:
//
//	func TestMain(m *testing.M) { os.Exit(sample.Main(m)) }
package sample

import (
	_ "embed"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"

	"golang.org/x/tools/txtar"

	"gongshi/generator/internal/gittest"
	"gongshi/generator/internal/pipeline"
	"gongshi/generator/internal/repo"
)

// Root is the folder holding this project's sample records and site files.
func Root() string {
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		panic("sample: no source file to find the project from")
	}
	return filepath.Join(filepath.Dir(file), "..", "..", "..")
}

// Read returns a file of the project, by its slash-separated path.
func Read(t testing.TB, path string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(Root(), filepath.FromSlash(path)))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// Files writes this project's sample records and site files into the
// fixture's working tree.
func Files(t testing.TB, g *gittest.Repo) {
	t.Helper()
	root := Root()
	for _, p := range append(append([]string{}, repo.SitePaths...), "records") {
		src := filepath.Join(root, p)
		fi, err := os.Stat(src)
		switch {
		case os.IsNotExist(err):
			continue
		case err != nil:
			t.Fatal(err)
		case fi.IsDir():
			g.CopyDir(src, p)
		default:
			b, err := os.ReadFile(src)
			if err != nil {
				t.Fatal(err)
			}
			g.Write(p, b)
		}
	}
}

// Repo is a fixture repository holding the sample records and site files
// in one commit, made by the clerk on 2026-11-20. The repository is made
// once per test binary and copied for each test: committing the sample's
// files is most of the cost.
func Repo(t testing.TB) *gittest.Repo {
	t.Helper()
	template.once.Do(func() {
		dir, err := os.MkdirTemp("", "gongshi-sample-repo-")
		if err != nil {
			template.err = err
			return
		}
		template.dir = dir
		g := gittest.NewIn(t, dir)
		Files(t, g)
		g.At(repoTime, repoAuthor)
		g.Commit("录入示例记录")
	})
	if template.err != nil {
		t.Fatalf("making the sample repository: %v", template.err)
	}
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(template.dir)); err != nil {
		t.Fatalf("copying the sample repository: %v", err)
	}
	g := gittest.Open(t, dir)
	g.At(repoTime, repoAuthor)
	return g
}

// The sample repository's one commit.
const (
	repoTime   = "2026-11-20T10:00:00+08:00"
	repoAuthor = "王文书 <clerk@chaotian.example>"
)

var template struct {
	once sync.Once
	dir  string
	err  error
}

//go:embed township.txtar
var townshipScript []byte

// Township is a fixture repository of a small township, made by the
// script township.txtar: basic records and a scheme, a quarter entered,
// reformatted, corrected and changed, a private field updated, the
// scheme's wording completed (April 2026). It returns the commits, oldest
// first. A build of it costs a fraction of the sample township's.
func Township(t testing.TB) (*gittest.Repo, []string) {
	t.Helper()
	g := gittest.New(t)
	return g, g.Script(txtar.Parse(townshipScript))
}

// Q1 is the record file of the first quarter's score sheets, whose history
// HistoryRepo replays; Objections the file of the objections to notices,
// recorded with the correction an objection led to.
const (
	Q1         = "records/assess/2026-Q1.yaml"
	Objections = "records/objections/2026.yaml"
)

// HistoryRepo is the sample township with the history of its Q1 notice
// replayed as the clerk committed it, and the three commits of it: the
// quarter entered with two mistakes; 罗斌's attendance changed after his
// objection, recorded with the objections (no trailer: shown as a change
// of substance); a wrong issue number corrected (Change-Type: 更正). The earlier states are made from
// this project's records by undoing the two edits, so the fixture fails
// loudly if the sample records change under it.
func HistoryRepo(t testing.TB) (*gittest.Repo, []string) {
	t.Helper()
	return historyRepo(t, gittest.New(t))
}

func historyRepo(t testing.TB, g *gittest.Repo) (*gittest.Repo, []string) {
	t.Helper()
	Files(t, g)
	g.Remove(Q1)
	g.Remove(Objections)
	g.At("2026-11-20T10:00:00+08:00", "王文书 <clerk@chaotian.example>")
	g.Commit("录入示例记录")
	current := Read(t, Q1)
	undo := func(s, now, was string) string {
		t.Helper()
		if !strings.Contains(s, now) {
			t.Fatalf("%s no longer contains %q: update sample.HistoryRepo", Q1, now)
		}
		return strings.Replace(s, now, was, 1)
	}
	fixed := undo(current, "青江县政务信息2026年第6期、第8期", "青江县政务信息2026年第6期、第9期")
	entered := undo(fixed, "        note: 1月12日未到岗，未请假（1月13日已补办请假手续，见请假审批单2026年1月13日）",
		"        count: 2\n        note: 1月12日、13日未到岗，未请假")
	var commits []string
	step := func(when, data, msg string) {
		g.At(when, "朝天镇党政办 <dzb@chaotian.example>")
		g.Write(Q1, []byte(data))
		commits = append(commits, g.Commit(msg))
	}
	step("2026-11-20T11:00:00+08:00", entered, "录入2026年第一季度绩效考核评分")
	if b, err := os.ReadFile(filepath.Join(Root(), filepath.FromSlash(Objections))); err == nil {
		g.Write(Objections, b) // recorded with the correction it led to
	}
	step("2026-11-21T09:30:00+08:00", fixed, "更正罗斌2026年第一季度出勤扣分\n\n罗斌1月13日已补办请假手续，无故缺勤由2天更正为1天。")
	step("2026-11-22T10:00:00+08:00", current, "更正王建军2026年第一季度信息采用佐证期号\n\n原录入时将第8期误录为第9期。\n\nChange-Type: 更正")
	return g, commits
}

// Built is the shared sample site: the site of HistoryRepo's head.
type Built struct {
	Site    string   // the published folder
	Repo    string   // the fixture repository it was built from
	Commits []string // HistoryRepo's three commits, oldest first
}

var shared struct {
	once  sync.Once
	tmp   string
	built *Built
	err   error
}

// Site returns the sample site, built once per test binary from a
// HistoryRepo. The folders are shared: a test only reads them.
func Site(t testing.TB) *Built {
	t.Helper()
	shared.once.Do(func() {
		tmp, err := os.MkdirTemp("", "gongshi-sample-")
		if err != nil {
			shared.err = err
			return
		}
		shared.tmp = tmp
		g, commits := historyRepo(t, gittest.NewIn(t, filepath.Join(tmp, "repo")))
		out := filepath.Join(tmp, "public")
		if _, err := pipeline.Publish(out, pipeline.Options{Source: pipeline.Source{Dir: g.Dir}, NoCache: true}); err != nil {
			shared.err = err
			return
		}
		shared.built = &Built{Site: out, Repo: g.Dir, Commits: commits}
	})
	switch {
	case shared.err != nil:
		t.Fatalf("building the sample site: %v", shared.err)
	case shared.built == nil:
		t.Fatal("the sample site could not be built: see the first test that asked for it")
	}
	return shared.built
}

// Main runs a test binary's tests and then removes the shared folders; it
// returns the exit code for os.Exit.
func Main(m *testing.M) int {
	code := m.Run()
	for _, dir := range []string{shared.tmp, template.dir} {
		if dir == "" {
			continue
		}
		if err := os.RemoveAll(dir); err != nil {
			fmt.Fprintln(os.Stderr, "sample:", err)
		}
	}
	return code
}
