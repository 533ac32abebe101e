package history

import (
	"bufio"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"sort"
	"sync"
	"testing"
	"time"

	"gongshi/generator/internal/record"
	"gongshi/generator/internal/repo"
)

var (
	benchCommits = flag.Int("history.commits", 3000, "commits of the synthetic repository the benchmarks walk")
	benchFiles   = flag.Int("history.files", 10000, "record files of the synthetic repository")
	benchFolders = flag.Int("history.folders", 50, "folders the record files are spread over")
)

// syntheticRepo writes, once per run, the repository the benchmarks walk.
var syntheticRepo = sync.OnceValues(func() (string, error) {
	dir, err := os.MkdirTemp("", "gongshi-history-bench-")
	if err != nil {
		return "", err
	}
	syntheticDir = dir
	return dir, writeSynthetic(dir, *benchCommits, *benchFiles, *benchFolders)
})

var syntheticDir string // removed by TestMain

// writeSynthetic writes a repository of commits commits over files record
// files in folders folders with git fast-import: seeded, the same on every
// run. Most commits change a few records; one in ten changes only the
// site; one in fifty is a merge of a short side branch.
func writeSynthetic(dir string, commits, files, folders int) error {
	if out, err := exec.Command("git", "init", "-q", "-b", "main", dir).CombinedOutput(); err != nil {
		return fmt.Errorf("git init: %v %s", err, out)
	}
	cmd := exec.Command("git", "-C", dir, "fast-import", "--quiet")
	cmd.Env = append(os.Environ(), "MALLOC_TOP_PAD_=268435456", "MALLOC_TRIM_THRESHOLD_=268435456")
	in, err := cmd.StdinPipe()
	if err != nil {
		return err
	}
	if err := cmd.Start(); err != nil {
		return err
	}
	w := bufio.NewWriterSize(in, 1<<20)
	rng := rand.New(rand.NewPCG(2026, 5))
	path := func(i int) string {
		return fmt.Sprintf("records/d%02d/f%05d.yaml", i%folders, i)
	}
	blob := func(i, v int) string {
		return fmt.Sprintf("id: r%d\nname: 记录%d\nversion: %d\nnote: %s\n", i, i, v, "朝天镇记录库合成数据，用于测量历史遍历的速度。")
	}
	put := func(p, data string) { fmt.Fprintf(w, "M 100644 inline %s\ndata %d\n%s\n", p, len(data), data) }
	when := time.Date(2020, 1, 1, 9, 0, 0, 0, record.Shanghai()).Unix()
	mark := 0
	commit := func(ref, msg string, from int, merge int) int {
		mark++
		when += 600
		fmt.Fprintf(w, "commit %s\nmark :%d\nauthor 王文书 <clerk@chaotian.example> %d +0800\ncommitter 王文书 <clerk@chaotian.example> %d +0800\ndata %d\n%s\n",
			ref, mark, when, when, len(msg), msg)
		if from > 0 {
			fmt.Fprintf(w, "from :%d\n", from)
		}
		if merge > 0 {
			fmt.Fprintf(w, "merge :%d\n", merge)
		}
		return mark
	}
	head := commit("refs/heads/main", "录入全部记录", 0, 0)
	for i := range files {
		put(path(i), blob(i, 0))
	}
	put("layouts/home.html", "home 0")
	for n := 1; n < commits; n++ {
		switch {
		case n%50 == 0: // a side branch of two commits, merged
			side := commit("refs/heads/side", "侧线修改", head, 0)
			put(path(rng.IntN(files)), blob(n, 1))
			side = commit("refs/heads/side", "侧线再改", side, 0)
			put(path(rng.IntN(files)), blob(n, 2))
			head = commit("refs/heads/main", "合并侧线", head, side)
			n += 2
		case n%10 == 0:
			head = commit("refs/heads/main", "site: 修改版式", head, 0)
			put("layouts/home.html", fmt.Sprint("home ", n))
		default:
			head = commit("refs/heads/main", fmt.Sprint("更正记录 ", n), head, 0)
			for range 1 + rng.IntN(4) {
				put(path(rng.IntN(files)), blob(n, rng.IntN(1000)))
			}
		}
	}
	if err := w.Flush(); err != nil {
		return err
	}
	in.Close()
	if err := cmd.Wait(); err != nil {
		return fmt.Errorf("git fast-import: %v", err)
	}
	return nil
}

func TestMain(m *testing.M) {
	code := m.Run()
	for _, d := range []string{syntheticDir, countyDir} {
		if d != "" {
			os.RemoveAll(d)
		}
	}
	os.Exit(code)
}

// BenchmarkWalk walks the synthetic repository's whole history; the
// x-git metric is its time over `git log --name-only -- records/` on the
// same repository, measured in the same run (median of three).
func BenchmarkWalk(b *testing.B) { benchWalk(b, syntheticRepo) }

// openBench opens the repository write makes (once per test binary),
// closed when the benchmark ends.
func openBench(b *testing.B, write func() (string, error)) (string, *repo.Repo) {
	b.Helper()
	dir, err := write()
	if err != nil {
		b.Fatal(err)
	}
	r, err := repo.Open(dir)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { r.Close() })
	return dir, r
}

// benchWalk walks the whole history of the repository written by
// write, reporting its time over git log's as x-git.
func benchWalk(b *testing.B, write func() (string, error)) {
	dir, r := openBench(b, write)
	gitLogTime(b, dir) // the page cache warm for both
	b.ResetTimer()
	start := time.Now()
	for b.Loop() {
		if _, err := Walk(r.Git, "HEAD"); err != nil {
			b.Fatal(err)
		}
	}
	per := time.Since(start) / time.Duration(b.N)
	b.StopTimer()
	b.ReportMetric(float64(per)/float64(gitLogTime(b, dir)), "x-git")
}

// BenchmarkUpdateOneCommit is the rebuild after one new commit: the index
// of HEAD~1 updated to HEAD.
func BenchmarkUpdateOneCommit(b *testing.B) {
	_, r := openBench(b, syntheticRepo)
	prev, err := Walk(r.Git, "HEAD~1")
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		ix, err := Update(r.Git, prev, "HEAD")
		if err != nil {
			b.Fatal(err)
		}
		if ix.Commit(prev.Head) != prev.Commit(prev.Head) {
			b.Fatal("Update walked the whole history")
		}
	}
}

// BenchmarkGitLog is the floor: the git CLI listing the same history.
func BenchmarkGitLog(b *testing.B) {
	dir, err := syntheticRepo()
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		runGitLog(b, dir)
	}
}

func gitLogTime(b *testing.B, dir string) time.Duration {
	var ts []time.Duration
	for range 3 {
		s := time.Now()
		runGitLog(b, dir)
		ts = append(ts, time.Since(s))
	}
	sort.Slice(ts, func(i, j int) bool { return ts[i] < ts[j] })
	return ts[1]
}

func runGitLog(b *testing.B, dir string) {
	cmd := exec.Command("git", "-C", dir, "log", "--name-only", "--format=%H", "--", "records/")
	cmd.Stdout = nil
	if err := cmd.Run(); err != nil {
		b.Fatal(err)
	}
}

// TestSyntheticRepositoryWalkMatchesGitLog keeps the benchmark honest: a
// small repository written the same way (packed by fast-import, with
// merges) is listed as git lists it.
func TestSyntheticRepositoryWalkMatchesGitLog(t *testing.T) {
	dir := t.TempDir()
	if err := writeSynthetic(dir, 160, 60, 4); err != nil {
		t.Fatal(err)
	}
	r, err := repo.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	assertSameAsGitLog(t, dir, r.Git)
}
