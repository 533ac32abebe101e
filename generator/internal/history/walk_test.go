package history

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/go-git/go-git/v5"

	"gongshi/generator/internal/changelog"
	"gongshi/generator/internal/gittest"
	"gongshi/generator/internal/repo"
)

// gitCLI runs the real git in the fixture, without the user's config.
func gitCLI(t testing.TB, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", append([]string{"-C", dir}, args...)...)
	cmd.Env = append(os.Environ(), "GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL=/dev/null", "LC_ALL=C")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

// everPaths lists every path under records/ in any commit reachable from HEAD.
func everPaths(t testing.TB, dir string) []string {
	t.Helper()
	seen := map[string]bool{}
	for _, c := range strings.Fields(gitCLI(t, dir, "rev-list", "HEAD")) {
		for _, p := range strings.Split(gitCLI(t, dir, "ls-tree", "-r", "--name-only", c, "--", "records/"), "\n") {
			if p != "" {
				seen[p] = true
			}
		}
	}
	var ps []string
	for p := range seen {
		ps = append(ps, p)
	}
	slices.Sort(ps)
	return ps
}

// assertSameAsGitLog checks, for every path that ever existed, that the
// index lists exactly the commits git lists with
// `git log --full-history --format=%H -- PATH` (every commit that changed
// it, on every side of every merge), in the same order, but for the merges
// that did not change the path themselves (see mergeChanges).
func assertSameAsGitLog(t *testing.T, dir string, g *git.Repository) *Index {
	t.Helper()
	folders := map[string]bool{}
	for _, p := range everPaths(t, dir) {
		for d := p; strings.Contains(d, "/"); {
			d = d[:strings.LastIndex(d, "/")]
			folders[d] = true
		}
	}
	ix, err := Walk(g, "HEAD")
	if err != nil {
		t.Fatal(err)
	}
	paths := everPaths(t, dir)
	for _, p := range ix.Paths() {
		if folders[p] {
			continue
		}
		if !slices.Contains(paths, p) {
			t.Errorf("index has %s, which no commit holds", p)
		}
	}
	merges := mergeChanges(t, dir)
	for _, p := range paths {
		if folders[p] {
			continue // see TestWalkListsOnlyTheFileWhereAFolderWas
		}
		var want []string
		for _, h := range strings.Fields(gitCLI(t, dir, "log", "--full-history", "--format=%H", "--", p)) {
			if m, ok := merges[h]; !ok || m[p] {
				want = append(want, h)
			}
		}
		var got []string
		for _, fc := range ix.File(p) {
			got = append(got, fc.Commit.Hash)
		}
		if !slices.Equal(got, want) {
			t.Errorf("commits of %s:\n got %s\nwant %s", p, short(got), short(want))
		}
	}
	return ix
}

// mergeChanges reads, with the git command, every merge reachable from
// HEAD and the paths it changed itself: those whose version in the merge
// is no parent's, and those where a parent's line had changed the path
// since it forked from the first parent (its version is none of those at
// `git merge-base --all`) and the merge did not take that version.
func mergeChanges(t *testing.T, dir string) map[string]map[string]bool {
	t.Helper()
	files := func(rev string) map[string]string {
		m := map[string]string{}
		for _, line := range strings.Split(gitCLI(t, dir, "ls-tree", "-r", "--full-tree", rev, "--", "records/"), "\n") {
			meta, path, ok := strings.Cut(line, "\t")
			if !ok {
				continue
			}
			f := strings.Fields(meta)
			m[path] = f[0] + " " + f[2]
		}
		return m
	}
	out := map[string]map[string]bool{}
	for _, line := range strings.Split(strings.TrimSpace(gitCLI(t, dir, "rev-list", "--merges", "--parents", "HEAD")), "\n") {
		if line == "" {
			continue
		}
		hs := strings.Fields(line)
		merge, parents := hs[0], hs[1:]
		m := files(merge)
		vs := make([]map[string]string, len(parents))
		for i, p := range parents {
			vs[i] = files(p)
		}
		bases := make([][]map[string]string, len(parents))
		for i := 1; i < len(parents); i++ {
			for _, b := range strings.Fields(gitCLI(t, dir, "merge-base", "--all", parents[0], parents[i])) {
				bases[i] = append(bases[i], files(b))
			}
		}
		changedSince := func(v string, p string, j int) bool {
			for _, b := range bases[j] {
				if b[p] == v {
					return false
				}
			}
			return true
		}
		listed := map[string]bool{}
		every := map[string]bool{}
		for p := range m {
			every[p] = true
		}
		for _, v := range vs {
			for p := range v {
				every[p] = true
			}
		}
		for p := range every {
			took := -1
			for i, v := range vs {
				if v[p] == m[p] {
					took = i
					break
				}
			}
			switch {
			case took < 0:
				listed[p] = true
			case took > 0 && vs[0][p] != m[p] && changedSince(vs[0][p], p, took):
				listed[p] = true
			default:
				for i := 1; i < len(vs); i++ {
					if vs[i][p] != m[p] && changedSince(vs[i][p], p, i) {
						listed[p] = true
					}
				}
			}
		}
		out[merge] = listed
	}
	return out
}

func short(hs []string) string {
	var s []string
	for _, h := range hs {
		s = append(s, h[:7])
	}
	return "[" + strings.Join(s, " ") + "]"
}

func TestWalkListsWhatGitLogListsOnAHistoryWithMerges(t *testing.T) {
	g := gittest.New(t)
	tick := clock("2026-01-05T09:00:00+08:00")
	at := func() { g.At(tick(), "王文书 <clerk@chaotian.example>") }
	at()
	g.Write("records/township.yaml", []byte("name: 朝天镇\n"))
	g.Write("records/people/a.yaml", []byte("people: []\n"))
	g.Write("records/units/u.yaml", []byte("units: []\n"))
	g.Write("records/evidence/scan.pdf", []byte("%PDF-1"))
	g.Write("layouts/home.html", []byte("home"))
	c1 := g.Commit("录入基础信息")
	at()
	g.Write("records/people/a.yaml", []byte("people: [1]\n"))
	c2 := g.Commit("录入人员")
	g.Branch("side")
	at()
	g.Write("records/township.yaml", []byte("name: 朝天镇人民政府\n"))
	g.Commit("更正镇名")
	g.Checkout("side")
	at()
	g.Write("records/units/u.yaml", []byte("units: [1]\n"))
	g.Write("records/people/b.yaml", []byte("people: [b]\n"))
	side1 := g.Commit("录入单位")
	at()
	g.Write("records/people/a.yaml", []byte("people: [1, side]\n"))
	g.Commit("侧线修改人员")
	g.Checkout("main")
	at()
	g.Write("records/people/a.yaml", []byte("people: [1, main]\n"))
	g.Remove("records/evidence")
	g.Commit("主线修改人员，删除扫描件")
	at()
	g.Write("layouts/home.html", []byte("home 2"))
	g.Commit("site: no records here")
	// Both sides changed a.yaml: resolved by hand, so the merge is listed
	// for it; u.yaml and b.yaml come from the side branch unchanged.
	at()
	g.Write("records/people/a.yaml", []byte("people: [1, main, side]\n"))
	merge1 := g.Merge("side", "合并侧线")
	// A side branch whose change is dropped by the merge (-s ours in
	// effect): git log's default simplification hides it for u.yaml; the
	// index lists it, and the merge as the change that undid it.
	g.Branch("dropped")
	g.Checkout("dropped")
	at()
	g.Write("records/units/u.yaml", []byte("units: [dropped]\n"))
	dropped := g.Commit("作废的修改")
	g.Checkout("main")
	at()
	g.Write("records/township.yaml", []byte("name: 朝天镇人民政府（改）\n"))
	g.Commit("再次更正镇名")
	at()
	ours := g.MergeOurs("dropped", "合并作废分支")
	// The side branch merges main back, then changes again, and main
	// merges it once more: a criss-cross of merges.
	g.Checkout("side")
	at()
	g.Merge("main", "同步主线")
	at()
	g.Write("records/people/b.yaml", []byte("people: [b, 2]\n"))
	g.Commit("侧线再改")
	g.Checkout("main")
	at()
	g.Merge("side", "再次合并侧线")
	at()
	g.Write("records/people/a.yaml", []byte("people: [1]\n")) // back to c2's version
	g.Commit("恢复人员")

	ix := assertSameAsGitLog(t, g.Dir, g.Git)

	// The hand-resolved merge is described against its first parent.
	var m *changelog.FileChange
	for _, fc := range ix.File("records/people/a.yaml") {
		if fc.Commit.Hash == merge1 {
			m = fc
		}
	}
	if m == nil || m.Op != changelog.Modified || m.Commit.Parents[1] == "" {
		t.Errorf("merge %s not listed as modifying a.yaml: %+v", merge1[:7], m)
	}
	var got []string
	for _, fc := range ix.File("records/units/u.yaml") {
		got = append(got, fc.Commit.Hash)
	}
	if want := []string{ours, dropped, side1, c1}; !slices.Equal(got, want) {
		t.Errorf("u.yaml history = %s; want the merge that dropped a change, the dropped change, the side branch's and the first: %s", short(got), short(want))
	}
	if fc := ix.File("records/units/u.yaml")[0]; fc.From != dropped || fc.Old == fc.New {
		t.Errorf("the -s ours merge's change of u.yaml is read from %q; want the dropped side %s", fc.From, dropped[:7])
	}
	if fc := ix.File("records/people/a.yaml"); fc[len(fc)-1].Op != changelog.Added || fc[len(fc)-2].Commit.Hash != c2 {
		t.Errorf("a.yaml oldest changes = %v %v; want added in c1, then c2", fc[len(fc)-1].Op, fc[len(fc)-2].Commit.Short())
	}
}

// TestWalkMatchesGitLogOnRandomHistories builds histories of random
// branches, edits and merges from fixed seeds and compares every file's
// list with git log.
func TestWalkMatchesGitLogOnRandomHistories(t *testing.T) {
	for seed := range uint64(8) {
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) {
			rng := rand.New(rand.NewPCG(seed, 2026))
			g := gittest.New(t)
			tick := clock("2026-01-05T09:00:00+08:00")
			files := []string{"records/a.yaml", "records/p/1.yaml", "records/p/2.yaml", "records/p/q/3.yaml", "records/u/4.yaml", "records/u/5.yaml", "other/x.txt"}
			g.At(tick(), "王文书 <clerk@chaotian.example>")
			g.Write(files[0], []byte("0\n"))
			g.Commit("初始")
			branches := []string{"main"}
			cur := "main"
			for i := range 60 {
				g.At(tick(), "王文书 <clerk@chaotian.example>")
				switch r := rng.IntN(10); {
				case r < 2 && len(branches) < 4:
					name := fmt.Sprint("b", i)
					g.Branch(name)
					branches = append(branches, name)
				case r < 4:
					cur = branches[rng.IntN(len(branches))]
					g.Checkout(cur)
				case r < 6 && len(branches) > 1:
					other := branches[rng.IntN(len(branches))]
					if other == cur {
						continue
					}
					if rng.IntN(2) == 0 { // sometimes resolve a conflict, or edit in the merge
						g.Write(files[rng.IntN(len(files))], []byte(fmt.Sprint("merge ", i, "\n")))
					}
					g.Merge(other, fmt.Sprint("合并 ", other))
				default:
					for range 1 + rng.IntN(2) {
						f := files[rng.IntN(len(files))]
						if rng.IntN(5) == 0 {
							g.Remove(f)
						} else {
							g.Write(f, []byte(fmt.Sprint(rng.IntN(3), "\n"))) // few values: edits often restore an old version
						}
					}
					g.Commit(fmt.Sprint("修改 ", i))
				}
			}
			g.Checkout("main")
			for _, b := range branches[1:] {
				g.At(tick(), "王文书 <clerk@chaotian.example>")
				g.Merge(b, "合并 "+b)
			}
			ix := assertSameAsGitLog(t, g.Dir, g.Git)
			merges, listed := 0, 0
			for _, c := range ix.Commits {
				if len(c.Parents) > 1 {
					merges++
					if len(c.Files) > 0 {
						listed++
					}
				}
			}
			t.Logf("%d commits, %d merges, %d listed for some file", len(ix.Commits), merges, listed)
		})
	}
}

// TestWalkListsOnlyTheFileWhereAFolderWas asserts the one documented
// difference from git log: for a path that was a folder in some commit,
// `git log -- PATH` also lists the changes of the folder's files.
func TestWalkListsOnlyTheFileWhereAFolderWas(t *testing.T) {
	g := gittest.New(t)
	g.Write("records/evidence/scan.pdf", []byte("%PDF-1"))
	folder := g.Commit("录入扫描件")
	g.Remove("records/evidence")
	gone := g.Commit("删除扫描件")
	g.Write("records/evidence", []byte("a file where the folder was\n"))
	file := g.Commit("扫描件改为说明")
	ix, err := Walk(g.Git, "HEAD")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, fc := range ix.File("records/evidence") {
		got = append(got, fc.Commit.Hash)
	}
	if want := []string{file}; !slices.Equal(got, want) {
		t.Errorf("index for records/evidence = %s; want %s", short(got), short(want))
	}
	if git := strings.Fields(gitCLI(t, g.Dir, "log", "--format=%H", "--", "records/evidence")); !slices.Equal(git, []string{file, gone, folder}) {
		t.Errorf("git log -- records/evidence = %s; want the file's and the folder's commits", short(git))
	}
	if fc := ix.File("records/evidence/scan.pdf"); len(fc) != 2 || fc[0].Op != changelog.Deleted || fc[0].Commit.Hash != gone {
		t.Errorf("records/evidence/scan.pdf = %d changes; want added, then deleted with the folder", len(fc))
	}
}

func TestWalkSkipsCommitsThatLeaveRecordsAlone(t *testing.T) {
	g := gittest.New(t)
	g.Write("records/township.yaml", []byte("name: 朝天镇\n"))
	first := g.Commit("录入")
	g.Write("layouts/home.html", []byte("x"))
	g.Commit("site: layout")
	ix, err := Walk(g.Git, "HEAD")
	if err != nil {
		t.Fatal(err)
	}
	rs := ix.Records()
	if len(ix.Commits) != 2 || len(rs) != 1 || rs[0].Hash != first || ix.Commits[0].Files != nil {
		t.Errorf("Records() = %d of %d commits; want only the first", len(rs), len(ix.Commits))
	}
}

func TestWalkRefusesAShallowClone(t *testing.T) {
	g := gittest.New(t)
	g.Write("records/township.yaml", []byte("name: 朝天镇\n"))
	h := g.Commit("录入")
	if err := os.WriteFile(filepath.Join(g.Dir, ".git", "shallow"), []byte(h+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Walk(g.Git, "HEAD"); !errors.Is(err, repo.ErrShallow) {
		t.Errorf("Walk(shallow) error = %v; want repo.ErrShallow", err)
	}
}

// clock returns successive times a minute apart from start.
func clock(start string) func() string {
	t, err := time.Parse(time.RFC3339, start)
	if err != nil {
		panic(err)
	}
	return func() string {
		t = t.Add(time.Minute)
		return t.Format(time.RFC3339)
	}
}

// TestWalkMatchesGitLogWhateverThePacking: the walk reads trees through
// repo.Objects, go-git's pack plumbing cached by offset, falling back to
// the store for what is not packed. It lists what git log lists whether
// the history is as fast-import packs it, repacked by git with offset or
// with reference deltas, or has loose commits on top of the pack.
func TestWalkMatchesGitLogWhateverThePacking(t *testing.T) {
	for _, tc := range []struct {
		name   string
		packed func(t *testing.T, dir string)
	}{
		{"fast-import", func(*testing.T, string) {}},
		{"repacked", func(t *testing.T, dir string) { gitCLI(t, dir, "repack", "-adfq", "--depth=50", "--window=10") }},
		{"reference deltas", func(t *testing.T, dir string) {
			gitCLI(t, dir, "-c", "repack.useDeltaBaseOffset=false", "repack", "-adfq")
		}},
		{"loose on top", func(t *testing.T, dir string) {
			gitCLI(t, dir, "reset", "-q", "--hard")
			for i, p := range []string{"records/d01/f00001.yaml", "records/d02/f00002.yaml", "records/d01/f00005.yaml"} {
				if err := os.WriteFile(filepath.Join(dir, p), []byte(fmt.Sprintf("id: loose%d\n", i)), 0o644); err != nil {
					t.Fatal(err)
				}
				gitCLI(t, dir, "-c", "user.name=王文书", "-c", "user.email=clerk@example", "commit", "-qam", fmt.Sprint("更正 ", i))
			}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := writeSynthetic(dir, 160, 60, 4); err != nil {
				t.Fatal(err)
			}
			tc.packed(t, dir)
			r, err := repo.Open(dir)
			if err != nil {
				t.Fatal(err)
			}
			defer r.Close()
			assertSameAsGitLog(t, dir, r.Git)
		})
	}
}
