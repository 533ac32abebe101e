package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"gongshi/generator/internal/gittest"
	"gongshi/generator/internal/sample"
)

func TestMain(m *testing.M) {
	// Under the name gongshi (TestHookAndBinaryOnAFreshMachine) this
	// binary is the command, not its tests.
	if filepath.Base(os.Args[0]) == "gongshi" {
		main()
	}
	os.Exit(sample.Main(m))
}

// projectRoot is the folder holding this project's records and site files.
var projectRoot = sample.Root()

// sampleRepo is a fixture repository of this project's sample records and
// site files in one commit (sample.Repo).
func sampleRepo(t *testing.T) *gittest.Repo { return sample.Repo(t) }

// gongshi runs the command in-process and returns its exit code and output.
// It sees the variables setenv gave the test.
func gongshi(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	ctx := context.Background()
	if env, ok := testEnv.Load(t); ok {
		ctx = context.WithValue(ctx, envKey{}, env)
	}
	code = run(ctx, args, &out, &errb)
	return code, out.String(), errb.String()
}

// testEnv holds, by test, the variables setenv gave it.
var testEnv sync.Map // *testing.T → map[string]string

// setenv sets a variable for the commands the test runs with gongshi, as
// t.Setenv would for the process, but leaves the test free to run in
// parallel: the command reads it from its context (envKey). Not for
// variables that git or a child process must see.
func setenv(t *testing.T, name, value string) {
	t.Helper()
	env, loaded := testEnv.LoadOrStore(t, map[string]string{})
	if !loaded {
		t.Cleanup(func() { testEnv.Delete(t) })
	}
	env.(map[string]string)[name] = value
}

// tree returns every file under dir with its SHA-256, for comparing sites.
func tree(t *testing.T, dir string) map[string]string {
	t.Helper()
	sums := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		sums[filepath.ToSlash(rel)] = fmt.Sprintf("%x", sha256.Sum256(b))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return sums
}

func diffTrees(a, b map[string]string) []string {
	var diffs []string
	for p, s := range a {
		if t, ok := b[p]; !ok {
			diffs = append(diffs, "only in first: "+p)
		} else if s != t {
			diffs = append(diffs, "differs: "+p)
		}
	}
	for p := range b {
		if _, ok := a[p]; !ok {
			diffs = append(diffs, "only in second: "+p)
		}
	}
	sort.Strings(diffs)
	return diffs
}

func TestBuildSampleSite(t *testing.T) {
	t.Parallel()
	g := sampleRepo(t)
	out := filepath.Join(t.TempDir(), "public")
	code, stdout, stderr := gongshi(t, "build", "--repo", g.Dir, "--out", out)
	if code != exitOK {
		t.Fatalf("build exit %d\n%s", code, stderr)
	}
	if !strings.Contains(stdout, "as of 2026-11-20") {
		t.Errorf("build output does not state the as-of day:\n%s", stdout)
	}
	home, err := os.ReadFile(filepath.Join(out, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"朝天镇人民政府", "0745-7621234"} {
		if !strings.Contains(string(home), want) {
			t.Errorf("index.html does not contain %q", want)
		}
	}
	for _, page := range []string{
		"units/index.html", "units/cgz.html", "people/index.html",
		"people/wang-jianjun.html", "reference/index.html",
		"about.html", "objection.html",
	} {
		if _, err := os.Stat(filepath.Join(out, page)); err != nil {
			t.Errorf("missing page: %v", err)
		}
	}
	person, _ := os.ReadFile(filepath.Join(out, "people", "wang-jianjun.html"))
	if !strings.Contains(string(person), "副镇长") {
		t.Errorf("王建军's page does not name his post")
	}
}

func TestFailedBuildLeavesPublishedSiteUntouched(t *testing.T) {
	t.Parallel()
	g, _ := sample.Township(t)
	out := filepath.Join(t.TempDir(), "public")
	if code, _, stderr := gongshi(t, "build", "--repo", g.Dir, "--out", out); code != exitOK {
		t.Fatalf("build exit %d\n%s", code, stderr)
	}
	before := tree(t, out)

	for _, tc := range []struct {
		name  string
		file  string
		data  string
		code  int
		error string
	}{
		{"bad record", "records/units/new.yaml", "units:\n  - id: x\n    name: 新单位\n    type: 村\n", exitRecords, "records/units/new.yaml:4:11: expected one of"},
		{"template error", "layouts/home.html", `{{ define "main" }}{{ partial "no-such-partial.html" . }}{{ end }}`, exitFailure, "no-such-partial.html"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			g.Write(tc.file, []byte(tc.data))
			rev := g.Commit("改坏 " + tc.name)
			code, _, stderr := gongshi(t, "build", "--repo", g.Dir, "--rev", rev, "--out", out)
			if code != tc.code || !strings.Contains(stderr, tc.error) {
				t.Errorf("build exit %d, stderr:\n%s\nwant exit %d and %q", code, stderr, tc.code, tc.error)
			}
			if d := diffTrees(before, tree(t, out)); len(d) > 0 {
				t.Errorf("a failed build changed the published site:\n%s", strings.Join(d, "\n"))
			}
			entries, _ := os.ReadDir(filepath.Dir(out))
			if len(entries) != 1 {
				t.Errorf("a failed build left folders beside the site: %v", entries)
			}
			g.Remove(tc.file) // the small township ships no layouts of its own
			g.Commit("恢复")
		})
	}
}

// TestCheckListsEveryMistake is the acceptance case: an unknown
// field, a duplicate id and a full-width colon in one file, all listed.
func TestCheckListsEveryMistake(t *testing.T) {
	t.Parallel()
	g := sampleRepo(t)
	g.Write("records/units/new.yaml", []byte(`units:
  - id: dzb
    name: 重复的编号
    type: 办公室
  - id: xin-dan-wei
    name: 新单位
    type: 企业
    fax: 0745-7621999
  - id: xin-cun
    name：新村
    type: 村委会
`))
	code, _, stderr := gongshi(t, "check", "--repo", g.Dir)
	want := []string{
		`records/units/new.yaml:8:5: expected a field of 单位 (id, name, aliases, type, parent, address, phone, established, closed, note), found "fax"`,
		`records/units/new.yaml:10:9: expected ":" after "name", found full-width "："; 请用半角冒号 ":"`,
		`records/units/organ.yaml:9:9: expected a unique unit id, found "dzb" again (first at records/units/new.yaml:2:9)`,
		`gongshi: 3 mistake(s) in the records; nothing was published`,
	}
	if got := strings.Split(strings.TrimSpace(stderr), "\n"); code != exitRecords || strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("check exit %d, stderr:\n%s\nwant exit 1 and:\n%s", code, stderr, strings.Join(want, "\n"))
	}

	// The commit itself is clean; --rev checks it, not the working tree.
	if code, stdout, stderr := gongshi(t, "check", "--repo", g.Dir, "--rev", "HEAD"); code != exitOK {
		t.Errorf("check --rev HEAD exit %d\n%s%s", code, stdout, stderr)
	}
}

func TestCheckStagedReadsTheIndex(t *testing.T) {
	t.Parallel()
	g := sampleRepo(t)
	w, err := g.Git.Worktree()
	if err != nil {
		t.Fatal(err)
	}
	g.Write("records/units/new.yaml", []byte("units:\n  - id: a\n    name: 甲\n    type: 乙\n"))
	if _, err := w.Add("records/units/new.yaml"); err != nil {
		t.Fatal(err)
	}
	// Fixed in the working tree but not staged: the hook must still refuse.
	g.Write("records/units/new.yaml", []byte("units:\n  - id: a\n    name: 甲\n    type: 企业\n"))
	code, _, stderr := gongshi(t, "check", "--repo", g.Dir, "--staged")
	if code != exitRecords || !strings.Contains(stderr, "records/units/new.yaml:4:11:") {
		t.Errorf("check --staged exit %d\n%s", code, stderr)
	}
	if code, _, stderr := gongshi(t, "check", "--repo", g.Dir); code != exitOK {
		t.Errorf("check of the working tree exit %d\n%s", code, stderr)
	}
}

func TestShallowCloneIsRefused(t *testing.T) {
	t.Parallel()
	g, _ := sample.Township(t)
	head := g.Commit("再提交一次")
	if err := os.WriteFile(filepath.Join(g.Dir, ".git", "shallow"), []byte(head+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := gongshi(t, "build", "--repo", g.Dir, "--out", filepath.Join(t.TempDir(), "p"))
	if code != exitFailure || !strings.Contains(stderr, "shallow clone") {
		t.Errorf("build of a shallow clone: exit %d\n%s", code, stderr)
	}
}

func TestUnknownCommitIsAClearError(t *testing.T) {
	t.Parallel()
	g, _ := sample.Township(t)
	code, _, stderr := gongshi(t, "build", "--repo", g.Dir, "--rev", "no-such-branch", "--out", filepath.Join(t.TempDir(), "p"))
	if code != exitFailure || !strings.Contains(stderr, `no commit "no-such-branch"`) {
		t.Errorf("build of an unknown revision: exit %d\n%s", code, stderr)
	}
}

func TestUsage(t *testing.T) {
	t.Parallel()
	code, stdout, _ := gongshi(t, "help")
	if code != exitOK || !strings.Contains(stdout, "Exit status:") || !strings.Contains(stdout, "1  the records have mistakes") ||
		!strings.Contains(stdout, "gongshi verify --site DIR") || !strings.Contains(stdout, "--allow-rewrite") {
		t.Errorf("help exit %d:\n%s", code, stdout)
	}
	for _, args := range [][]string{{}, {"frobnicate"}, {"build", "--nope"}, {"check", "--rev", "x", "--staged"}, {"build", "extra"},
		{"build", "--signed-since", "HEAD"}, {"verify"}} {
		if code, _, _ := gongshi(t, args...); code != exitUsage {
			t.Errorf("gongshi %q exit %d; want %d", args, code, exitUsage)
		}
	}
}

// TestCRLFMistakeIsOnItsLineInEveryMode: a record file saved with Windows
// line ends gives its mistake at the line and column the editor shows,
// whichever way it is read: the working tree, the index, a commit, a
// build, the records an import builds on.
func TestCRLFMistakeIsOnItsLineInEveryMode(t *testing.T) {
	g, _ := sample.Township(t)
	book := filepath.Join(t.TempDir(), "2026-Q2.xlsx")
	if code, _, stderr := gongshi(t, "template", "--repo", g.Dir, "--out", book, "assess", "2026-Q2"); code != exitOK {
		t.Fatalf("template exit %d\n%s", code, stderr)
	}
	unit := "units:\n  - id: crlf\n    name: 船舶管理站\n    type: 站所\n    note: |\n      第一段\n\n      第二段\n    bogus: 1\n"
	g.Write("records/units/crlf.yaml", []byte(strings.ReplaceAll(unit, "\n", "\r\n")))
	w, err := g.Git.Worktree()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Add("records/units/crlf.yaml"); err != nil {
		t.Fatal(err)
	}
	const at = "records/units/crlf.yaml:9:5: expected a field of 单位"
	for _, args := range [][]string{{"check", "--repo", g.Dir}, {"check", "--repo", g.Dir, "--staged"}} {
		if code, _, stderr := gongshi(t, args...); code != exitRecords || !strings.Contains(stderr, at) {
			t.Errorf("gongshi %s: exit %d\n%s\nwant exit 1 and %q", strings.Join(args, " "), code, stderr, at)
		}
	}
	g.At("2026-04-20T09:00:00+08:00", "朝天镇党政办 <dzb@chaotian.example>")
	g.Commit("录入船舶管理站")
	t.Setenv("GIT_AUTHOR_DATE", "2026-07-03T09:00:00+08:00")
	t.Setenv("GIT_COMMITTER_DATE", "2026-07-03T09:00:00+08:00")
	for _, args := range [][]string{
		{"check", "--repo", g.Dir, "--rev", "HEAD"},
		{"build", "--repo", g.Dir, "--out", filepath.Join(t.TempDir(), "site")},
		{"import", book, "--repo", g.Dir, "-m", "录入", "--author", "朝天镇党政办 <dzb@chaotian.example>"},
	} {
		if code, _, stderr := gongshi(t, args...); code != exitRecords || !strings.Contains(stderr, at) {
			t.Errorf("gongshi %s: exit %d\n%s\nwant exit 1 and %q", args[0], code, stderr, at)
		}
	}
}
