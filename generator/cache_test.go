package main

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gongshi/generator/internal/phase"
	"gongshi/generator/internal/sample"
)

// buildCached builds the repository's HEAD into out keeping its cache in
// cache, and returns what --timings recorded and what went to stderr.
func buildCached(t *testing.T, dir, out, cache string) (phase.Report, string) {
	t.Helper()
	return buildTimed(t, dir, out, "--cache", cache)
}

// TestBuildKeepsItsCacheInTheFolderGiven: with --cache DIR the history
// index and the versions of notices are kept in DIR, nothing under the
// git folder, and the next build reuses them.
func TestBuildKeepsItsCacheInTheFolderGiven(t *testing.T) {
	t.Parallel()
	g, _ := sample.Township(t)
	cache := filepath.Join(t.TempDir(), "ci", "gongshi-cache") // made with its parent
	out := filepath.Join(t.TempDir(), "public")
	first, _ := buildCached(t, g.Dir, out, cache)
	for _, f := range []string{"history.idx", "versions.cache"} {
		if _, err := os.Stat(filepath.Join(cache, f)); err != nil {
			t.Errorf("%s not kept in the --cache folder: %v", f, err)
		}
	}
	if _, err := os.Stat(filepath.Join(g.Dir, ".git", "gongshi")); !os.IsNotExist(err) {
		t.Errorf("with --cache, something was kept under .git/gongshi (%v)", err)
	}
	n := first.Notes["history_walked"]
	if n == 0 || first.Notes["history_reused"] != 0 {
		t.Fatalf("first build notes %v; want the whole history walked", first.Notes)
	}
	site := tree(t, out)

	next, stderr := buildCached(t, g.Dir, out, cache)
	if next.Notes["history_walked"] != 0 || next.Notes["history_reused"] != n || next.Notes["versions_stages_computed"] != 0 {
		t.Errorf("second build notes %v; want all %d commits reused, no version computed", next.Notes, n)
	}
	if strings.Contains(stderr, "cache") {
		t.Errorf("second build says of its cache:\n%s", stderr)
	}
	if d := diffTrees(site, tree(t, out)); len(d) > 0 {
		t.Errorf("the site built from the cache differs: %v", d)
	}
}

// TestCacheOfAnotherGongshiIsNotReused: what another gongshi executable
// kept (sound files, their key the SHA-256 of another executable) is
// computed afresh, said so, and replaced with this one's; the site is the
// same.
func TestCacheOfAnotherGongshiIsNotReused(t *testing.T) {
	t.Parallel()
	g, _ := sample.Township(t)
	cache := t.TempDir()
	out := filepath.Join(t.TempDir(), "public")
	first, _ := buildCached(t, g.Dir, out, cache)
	site := tree(t, out)
	for _, f := range []string{"history.idx", "versions.cache"} {
		keptByAnotherProgram(t, filepath.Join(cache, f))
	}

	again, stderr := buildCached(t, g.Dir, out, cache)
	if again.Notes["history_reused"] != 0 || again.Notes["history_walked"] != first.Notes["history_walked"] ||
		again.Notes["versions_stages_computed"] != first.Notes["versions_stages_computed"] {
		t.Errorf("build over another gongshi's cache notes %v; want everything computed as the first build did (%v)", again.Notes, first.Notes)
	}
	if want := "gongshi: the build cache in " + cache + " was not used (written by another version"; !strings.Contains(stderr, want) {
		t.Errorf("stderr:\n%s\nwant a line starting %q", stderr, want)
	}
	if d := diffTrees(site, tree(t, out)); len(d) > 0 {
		t.Errorf("the site built over another gongshi's cache differs: %v", d)
	}
	// The cache is this gongshi's again.
	if third, _ := buildCached(t, g.Dir, out, cache); third.Notes["history_walked"] != 0 {
		t.Errorf("third build notes %v; want the cache the second one kept reused", third.Notes)
	}
}

// keptByAnotherProgram makes the cache file at path one another gongshi
// executable wrote: its key names another SHA-256, and its checksum is
// made right again, so that only the key tells.
func keptByAnotherProgram(t *testing.T, path string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	i := bytes.Index(data, []byte("program="))
	if i < 0 || len(data) < i+len("program=")+64+sha256.Size {
		t.Fatalf("%s names no program", path)
	}
	other := fmt.Sprintf("%x", sha256.Sum256([]byte("another gongshi")))
	copy(data[i+len("program="):], other)
	sum := sha256.Sum256(data[:len(data)-sha256.Size])
	copy(data[len(data)-sha256.Size:], sum[:])
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestCacheFolderThatCannotBeOneIsRefusedBeforeAnyWork: a --cache that is
// a file, that lies in the site, or that a link leads into the site is
// refused with one line (exit status 3), and nothing is published.
func TestCacheFolderThatCannotBeOneIsRefusedBeforeAnyWork(t *testing.T) {
	t.Parallel()
	g, _ := sample.Township(t)
	tmp := t.TempDir()
	out := filepath.Join(tmp, "public")
	if err := os.WriteFile(filepath.Join(tmp, "a-file"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(out, filepath.Join(tmp, "to-site")); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ name, cache, want string }{
		{"file", filepath.Join(tmp, "a-file"), "is a file, not a folder"},
		{"in the site", filepath.Join(out, "cache"), "lies in the site " + out},
		{"the site", out, "lies in the site " + out},
		{"link into the site", filepath.Join(tmp, "to-site", "cache"), "lies in the site " + out},
	} {
		t.Run(c.name, func(t *testing.T) {
			code, _, stderr := gongshi(t, "build", "--repo", g.Dir, "--out", out, "--cache", c.cache)
			if code != exitFailure || !strings.HasPrefix(stderr, "gongshi: cache: ") || !strings.Contains(stderr, c.want) || strings.Count(stderr, "\n") != 1 {
				t.Errorf("build --cache %s exited %d:\n%s\nwant 3 and one line saying %q", c.cache, code, stderr, c.want)
			}
			if _, err := os.Stat(out); !os.IsNotExist(err) {
				t.Errorf("something was published (%v)", err)
			}
		})
	}
}

// TestCacheThatCannotBeKeptIsWarnedAbout: a cache folder whose files
// cannot be read nor replaced (a folder stands where the index goes, as
// root can write anywhere) does not fail the build: it is built from
// nothing kept, and a warning says the cache was not kept.
func TestCacheThatCannotBeKeptIsWarnedAbout(t *testing.T) {
	t.Parallel()
	g, _ := sample.Township(t)
	cache := t.TempDir()
	if err := os.Mkdir(filepath.Join(cache, "history.idx"), 0o755); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "public")
	rep, stderr := buildCached(t, g.Dir, out, cache)
	if rep.Notes["history_reused"] != 0 || rep.Notes["history_not_kept"] != 1 {
		t.Errorf("notes %v; want nothing reused and the history not kept", rep.Notes)
	}
	if want := "gongshi: warning: the build cache could not be kept in " + cache; !strings.Contains(stderr, want) {
		t.Errorf("stderr:\n%s\nwant a line starting %q", stderr, want)
	}
	if _, err := os.Stat(filepath.Join(out, "index.html")); err != nil {
		t.Errorf("the site was not published: %v", err)
	}
}

// TestVerifyTakesTheBuildsCache: verify rebuilds from the cache the build
// kept, and refuses one in the site it checks.
func TestVerifyTakesTheBuildsCache(t *testing.T) {
	t.Parallel()
	g, _ := sample.Township(t)
	cache := t.TempDir()
	out := filepath.Join(t.TempDir(), "public")
	buildCached(t, g.Dir, out, cache)
	if code, stdout, stderr := gongshi(t, "verify", "--repo", g.Dir, "--site", out, "--cache", cache); code != exitOK {
		t.Errorf("verify --cache exited %d:\n%s%s", code, stdout, stderr)
	}
	code, _, stderr := gongshi(t, "verify", "--repo", g.Dir, "--site", out, "--cache", filepath.Join(out, "cache"))
	if code != exitFailure || !strings.Contains(stderr, "lies in the site") {
		t.Errorf("verify with a cache in the site exited %d:\n%s\nwant 3, refused", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(out, "cache")); !os.IsNotExist(err) {
		t.Errorf("verify wrote into the site (%v)", err)
	}
}

// TestCacheCarriesToAnotherCheckoutAfterACommit is the CI's case: the
// cache a build kept in one checkout, restored beside another checkout
// of the repository one commit later, is reused there, and only the new
// commit is walked.
func TestCacheCarriesToAnotherCheckoutAfterACommit(t *testing.T) {
	t.Parallel()
	g, _ := sample.Township(t)
	earlier := filepath.Join(t.TempDir(), "checkout")
	if err := os.CopyFS(earlier, os.DirFS(g.Dir)); err != nil {
		t.Fatal(err)
	}
	cache := t.TempDir()
	first, _ := buildCached(t, earlier, filepath.Join(t.TempDir(), "public"), cache)

	g.At("2026-04-13T09:00:00+08:00", "王文书 <clerk@chaotian.example>")
	b, err := os.ReadFile(filepath.Join(g.Dir, "records/township.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	g.Write("records/township.yaml", append(b, "# 核对\n"...))
	g.Commit("整理格式")
	next, stderr := buildCached(t, g.Dir, filepath.Join(t.TempDir(), "public"), cache)
	if next.Notes["history_walked"] != 1 || next.Notes["history_reused"] != first.Notes["history_walked"] {
		t.Errorf("build in the other checkout notes %v; want 1 commit walked, the %d the cache holds reused\n%s", next.Notes, first.Notes["history_walked"], stderr)
	}
}
