package pipeline

import (
	"bufio"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"gongshi/generator/internal/phase"
	"gongshi/generator/internal/record"
	"gongshi/generator/internal/repo"
)

// sourceRoot is the folder of this project's sample records.
const sourceRoot = "../../.."

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
		filepath.WalkDir(filepath.Join(sourceRoot, top), func(p string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return nil
			}
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(sourceRoot, p)
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

// BenchmarkLongHistory times the stages of a first build of the sample
// township after a long history (-bench.commits), each reported as its own
// metric: the history (the walk and describing every record commit),
// emitting, the versions pass (versions: how many version pages it made)
// and the render.
func BenchmarkLongHistory(b *testing.B) {
	dir := b.TempDir()
	writeLongHistory(b, dir, *benchCommits)
	var stages = []string{"history", "emit", "versions", "render"}
	sums := make([]time.Duration, len(stages))
	var versions int
	for b.Loop() {
		rec := phase.New()
		site, err := Build(Options{Source: Source{Dir: dir}, NoCache: true, Timings: rec})
		if err != nil {
			b.Fatal(err)
		}
		out := b.TempDir()
		if _, err := site.Render(nil, out); err != nil {
			b.Fatal(err)
		}
		rep := rec.Report()
		for i, s := range stages {
			sums[i] += rep.Phase(s).Wall
		}
		versions = 0
		filepath.WalkDir(filepath.Join(out, "versions"), func(p string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() && strings.HasSuffix(p, ".html") && filepath.Base(p) != "index.html" {
				versions++
			}
			return nil
		})
	}
	n := float64(b.N)
	for i, s := range stages {
		b.ReportMetric(sums[i].Seconds()/n, s+"-s")
	}
	b.ReportMetric(float64(versions), "versions")
}
