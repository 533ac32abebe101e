package history

import (
	"flag"
	"os"
	"sync"
	"testing"

	"gongshi/generator/internal/synth"
)

var benchTownships = flag.Int("history.townships", 4, "townships of the synthetic county BenchmarkWalkCounty walks (20: the county of make bench)")

// countyRepo writes, once per run, the synthetic county the benchmarks
// walk: the shape make bench measures (flat record folders of thousands of
// files, a commit every few hours, packed by fast-import).
var countyRepo = sync.OnceValues(func() (string, error) {
	dir, err := os.MkdirTemp("", "gongshi-county-bench-")
	if err != nil {
		return "", err
	}
	countyDir = dir
	_, err = synth.Write(dir, synth.Townships(*benchTownships))
	return dir, err
})

var countyDir string // removed by TestMain

// BenchmarkWalkCounty walks the whole history of the synthetic county;
// x-git is its time over git log --name-only -- records/ on the same
// repository, in the same run.
func BenchmarkWalkCounty(b *testing.B) { benchWalk(b, countyRepo) }

// BenchmarkCachedAfterOneCommit is the rebuild after one new commit with
// the index kept: load and check the cache of HEAD~1, walk one commit,
// save.
func BenchmarkCachedAfterOneCommit(b *testing.B) {
	_, r := openBench(b, countyRepo)
	cache := b.TempDir()
	if _, _, err := Cached(r.Git, cache, "HEAD~1"); err != nil {
		b.Fatal(err)
	}
	prev, err := os.ReadFile(cache + "/" + CacheFile)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		b.StopTimer()
		if err := os.WriteFile(cache+"/"+CacheFile, prev, 0o644); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		_, st, err := Cached(r.Git, cache, "HEAD")
		if err != nil {
			b.Fatal(err)
		}
		if st.Walked != 1 {
			b.Fatalf("walked %d commits; want 1 (%s)", st.Walked, st.Rebuilt)
		}
	}
}

// BenchmarkDescribeAllCounty describes every commit of the synthetic
// county's history, as a first build does: the history pass. The walk is
// done once; each round starts with an empty decode cache.
func BenchmarkDescribeAllCounty(b *testing.B) {
	_, r := openBench(b, countyRepo)
	ix, err := Walk(r.Git, "HEAD")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		ix.cache = newDecodeCache()
		if _, err := ix.DescribeAll(); err != nil {
			b.Fatal(err)
		}
	}
}
