package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"gongshi/generator/internal/emit"
	"gongshi/generator/internal/history"
	"gongshi/generator/internal/record"
	"gongshi/generator/internal/repo"
)

var benchCommits = flag.Int("bench.commits", 2000, "record commits of the long history BenchmarkLongHistory builds")

// writeLongHistory writes, with git fast-import, the sample township with a
// long history on top: seeded, the same on every run. Most commits change
// a person's appointment basis or a unit's phone (a published value of a
// person's or unit's page), one in ten only reformats a file, and one in a
// hundred corrects an assessment quarter (a new version of its notice).
func writeLongHistory(t testing.TB, dir string, commits int) {
	t.Helper()
	if out, err := exec.Command("git", "init", "-q", "-b", "main", dir).CombinedOutput(); err != nil {
		t.Fatalf("git init: %v %s", err, out)
	}
	cmd := exec.Command("git", "-C", dir, "fast-import", "--quiet")
	cmd.Env = append(os.Environ(), "MALLOC_TOP_PAD_=268435456", "MALLOC_TRIM_THRESHOLD_=268435456")
	in, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriterSize(in, 1<<20)
	files := map[string]string{}
	var paths []string
	for _, top := range append(append([]string{}, repo.SitePaths...), "records") {
		filepath.WalkDir(filepath.Join(projectRoot, top), func(p string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return nil
			}
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(projectRoot, p)
			files[filepath.ToSlash(rel)] = string(b)
			paths = append(paths, filepath.ToSlash(rel))
			return nil
		})
	}
	sort.Strings(paths)
	when := time.Date(2026, 11, 24, 9, 0, 0, 0, record.Shanghai()).Unix()
	mark := 0
	commit := func(msg string, changed ...string) {
		mark++
		when += 60
		fmt.Fprintf(w, "commit refs/heads/main\nmark :%d\ncommitter 朝天镇党政办 <dzb@chaotian.example> %d +0800\ndata %d\n%s\n", mark, when, len(msg), msg)
		if mark > 1 {
			fmt.Fprintf(w, "from :%d\n", mark-1)
		}
		for _, p := range changed {
			fmt.Fprintf(w, "M 100644 inline %s\ndata %d\n%s\n", p, len(files[p]), files[p])
		}
	}
	commit("录入示例记录", paths...)
	rng := rand.New(rand.NewPCG(2026, 5))
	basis := regexp.MustCompile(`(?m)^(\s+basis: )(.*)$`)
	phone := regexp.MustCompile(`(?m)^(\s+phone: 0745-762)(\d{4})$`)
	evidence := regexp.MustCompile(`(?m)^(\s+evidence: )(.*)$`)
	// nth replaces the nth match of re in the file at p.
	nth := func(p string, re *regexp.Regexp, edit func(prefix, value string) string) {
		ms := re.FindAllStringSubmatchIndex(files[p], -1)
		m := ms[rng.IntN(len(ms))]
		s := files[p]
		files[p] = s[:m[0]] + edit(s[m[2]:m[3]], s[m[4]:m[5]]) + s[m[1]:]
	}
	for n := 1; n < commits; n++ {
		switch {
		case n%100 == 0:
			p := []string{"records/assess/2026-Q1.yaml", "records/assess/2026-Q2.yaml"}[rng.IntN(2)]
			nth(p, evidence, func(pre, v string) string { return pre + strings.TrimSuffix(v, "（已核对）") + "（已核对）" })
			commit(fmt.Sprintf("更正佐证材料名称 %d\n\nChange-Type: 更正", n), p)
		case n%10 == 0:
			p := "records/people/cadres.yaml"
			files[p] += fmt.Sprintf("# 核对 %d\n", n)
			commit(fmt.Sprintf("整理格式 %d", n), p)
		case n%3 == 0:
			p := []string{"records/units/organ.yaml", "records/units/stations.yaml"}[rng.IntN(2)]
			nth(p, phone, func(pre, v string) string { return pre + fmt.Sprintf("%04d", rng.IntN(10000)) })
			commit(fmt.Sprintf("更新办公电话 %d", n), p)
		default:
			p := []string{"records/people/cadres.yaml", "records/people/stations.yaml", "records/people/villages.yaml"}[rng.IntN(3)]
			nth(p, basis, func(pre, v string) string { return pre + fmt.Sprintf("朝政发〔2026〕%d号", n) })
			commit(fmt.Sprintf("更正任免文号 %d", n), p)
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	in.Close()
	if err := cmd.Wait(); err != nil {
		t.Fatalf("git fast-import: %v", err)
	}
}

// BenchmarkLongHistory times the history phases of a build of the sample
// township after a long history (-bench.commits), each reported as its
// own metric: the walk, describing every record commit, emitting with
// history (the versions included: past-commits is how many commits' pages
// were computed for them), and emitting and rendering again.
func BenchmarkLongHistory(b *testing.B) {
	dir := b.TempDir()
	writeLongHistory(b, dir, *benchCommits)
	r, err := repo.Open(dir)
	if err != nil {
		b.Fatal(err)
	}
	defer r.Close()
	snap, err := r.Snapshot("HEAD")
	if err != nil {
		b.Fatal(err)
	}
	res, errs := validate(snap, nil)
	if err := errs.Err(); err != nil {
		b.Fatal(err)
	}
	var walk, describe, emitting, rendering time.Duration
	var versions int
	var pastRuns int64
	for b.Loop() {
		t0 := time.Now()
		ix, err := history.Walk(r.Git, snap.Commit)
		if err != nil {
			b.Fatal(err)
		}
		t1 := time.Now()
		diffs, err := ix.DescribeAll()
		if err != nil {
			b.Fatal(err)
		}
		t2 := time.Now()
		past := pastPages(r, ix, nil)
		var runs atomic.Int64
		h := &emit.History{Diffs: diffs, Past: func(c string, ps []string) (map[string]emit.Page, error) {
			runs.Add(1)
			return past(c, ps)
		}}
		files, err := emit.Site(siteInput(snap, res, h))
		if err != nil {
			b.Fatal(err)
		}
		t3 := time.Now()
		out := filepath.Join(b.TempDir(), "site")
		if _, err := renderSite(snap, res, h, nil, out, io.Discard, nil); err != nil {
			b.Fatal(err)
		}
		t4 := time.Now()
		walk, describe, emitting, rendering = walk+t1.Sub(t0), describe+t2.Sub(t1), emitting+t3.Sub(t2), rendering+t4.Sub(t3)
		pastRuns = runs.Load() / 2 // emit ran twice: once alone, once in renderSite
		versions = 0
		for _, f := range files {
			if strings.HasPrefix(f.Path, "content/versions/") && f.Path != "content/versions/_index.md" {
				versions++
			}
		}
	}
	n := float64(b.N)
	b.ReportMetric(walk.Seconds()/n, "walk-s")
	b.ReportMetric(describe.Seconds()/n, "describe-s")
	b.ReportMetric(emitting.Seconds()/n, "emit-s")
	b.ReportMetric(rendering.Seconds()/n, "emit+render-s")
	b.ReportMetric(float64(versions), "versions")
	b.ReportMetric(float64(pastRuns), "past-commits")
}
