package history

import (
	"crypto/sha256"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/go-git/go-git/v5"

	"gongshi/generator/internal/gittest"
)

// cacheFixture is a history with a signed commit and a merge: what the
// cache must carry over unchanged.
func cacheFixture(t *testing.T) (*gittest.Repo, func(path, msg string) string) {
	t.Helper()
	g := gittest.New(t)
	tick := clock("2026-04-01T09:00:00+08:00")
	edit := func(path, msg string) string {
		g.At(tick(), "王文书 <clerk@chaotian.example>")
		g.Write(path, []byte(msg+"\n"))
		return g.Commit(msg)
	}
	edit("records/a.yaml", "录入a")
	g.SignSSH(gittest.SSHKey(t, "clerk"))
	edit("records/p/b.yaml", "录入b\n\nChange-Type: 更正")
	g.Unsigned()
	g.Branch("side")
	g.Checkout("side")
	edit("records/p/b.yaml", "侧线更正b")
	g.Checkout("main")
	edit("records/p/c.yaml", "录入c")
	g.At(tick(), "王文书 <clerk@chaotian.example>")
	g.Merge("side", "合并侧线")
	return g, edit
}

// sameAsWalk fails unless ix is, field for field, what a full walk of its
// head gives.
func sameAsWalk(t *testing.T, g *git.Repository, ix *Index) {
	t.Helper()
	full, err := Walk(g, ix.Head)
	if err != nil {
		t.Fatal(err)
	}
	sameIndex(t, ix, full)
	if !reflect.DeepEqual(ix.Commits, full.Commits) {
		for i := range full.Commits {
			if i >= len(ix.Commits) || reflect.DeepEqual(ix.Commits[i], full.Commits[i]) {
				continue
			}
			got, want := reflect.ValueOf(*ix.Commits[i]), reflect.ValueOf(*full.Commits[i])
			for f := range got.NumField() {
				if !got.Type().Field(f).IsExported() {
					continue
				}
				if g, w := got.Field(f), want.Field(f); !reflect.DeepEqual(g.Interface(), w.Interface()) {
					t.Fatalf("commit %s %s:\n got %#v\nwant %#v", ix.Commits[i].Short(), got.Type().Field(f).Name, g, w)
				}
			}
		}
		t.Fatalf("commits differ from a full walk's (in unexported fields)")
	}
}

func TestCachedWalksOnlyNewCommitsAndEqualsAFullWalk(t *testing.T) {
	g, edit := cacheFixture(t)
	dir := t.TempDir()
	ix, st, err := Cached(g.Git, dir, "HEAD")
	if err != nil {
		t.Fatal(err)
	}
	if st.Rebuilt != "none" || st.Reused != 0 || st.Walked != len(ix.Commits) || st.SaveErr != nil {
		t.Errorf("first build: %+v; want a full walk of %d commits, saved", st, len(ix.Commits))
	}
	sameAsWalk(t, g.Git, ix)

	// Nothing new: the cache is the index.
	again, st, err := Cached(g.Git, dir, "HEAD")
	if err != nil {
		t.Fatal(err)
	}
	if st.Rebuilt != "" || st.Walked != 0 || st.Reused != len(ix.Commits) {
		t.Errorf("unchanged head: %+v; want everything reused", st)
	}
	sameAsWalk(t, g.Git, again)

	edit("records/a.yaml", "更正a")
	edit("records/d.yaml", "录入d")
	up, st, err := Cached(g.Git, dir, "HEAD")
	if err != nil {
		t.Fatal(err)
	}
	if st.Rebuilt != "" || st.Walked != 2 || st.Reused != len(ix.Commits) {
		t.Errorf("two commits on top: %+v; want 2 walked, %d reused", st, len(ix.Commits))
	}
	sameAsWalk(t, g.Git, up)
}

// damage builds the cache, changes its file, and returns what Cached then
// says and gives.
func damage(t *testing.T, change func([]byte) []byte) (CacheStats, *Index, *git.Repository) {
	t.Helper()
	g, edit := cacheFixture(t)
	dir := t.TempDir()
	if _, _, err := Cached(g.Git, dir, "HEAD"); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, CacheFile)
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, change(b), 0o644); err != nil {
		t.Fatal(err)
	}
	edit("records/a.yaml", "更正a")
	ix, st, err := Cached(g.Git, dir, "HEAD")
	if err != nil {
		t.Fatal(err)
	}
	return st, ix, g.Git
}

func TestCorruptCacheIsDetectedAndRebuilt(t *testing.T) {
	for _, tc := range []struct {
		name   string
		change func([]byte) []byte
		why    string
	}{
		{"a flipped byte", func(b []byte) []byte { b[len(b)/2] ^= 0x40; return b }, "corrupt: checksum"},
		{"truncated", func(b []byte) []byte { return b[:len(b)*2/3] }, "corrupt: checksum"},
		{"cut to nothing", func(b []byte) []byte { return nil }, "corrupt: not a history index"},
		{"another file", func(b []byte) []byte { return []byte("ref: refs/heads/main\n") }, "corrupt: not a history index"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			st, ix, g := damage(t, tc.change)
			if !strings.HasPrefix(st.Rebuilt, tc.why) || st.Reused != 0 {
				t.Errorf("stats = %+v; want rebuilt because %q, nothing reused", st, tc.why)
			}
			sameAsWalk(t, g, ix)
		})
	}
}

func TestCacheWrittenByAnotherVersionIsNotUsed(t *testing.T) {
	st, ix, g := damage(t, func(b []byte) []byte {
		ix, err := decodeIndex(b, cacheKey())
		if err != nil {
			t.Fatal(err)
		}
		return encodeIndex(ix, "v0")
	})
	if !strings.Contains(st.Rebuilt, "another version") {
		t.Errorf("Rebuilt = %q; want another version", st.Rebuilt)
	}
	sameAsWalk(t, g, ix)
}

func TestCacheThatDisagreesWithTheRepositoryIsNotUsed(t *testing.T) {
	// A cache whose checksum is right but whose head has parents the
	// repository does not give it: made elsewhere, or tampered with.
	st, ix, g := damage(t, func(b []byte) []byte {
		ix, err := decodeIndex(b, cacheKey())
		if err != nil {
			t.Fatal(err)
		}
		head := ix.Commit(ix.Head)
		head.Parents = head.Parents[:1]
		return encodeIndex(ix, cacheKey())
	})
	if !strings.HasPrefix(st.Rebuilt, "stale: ") || st.Reused != 0 {
		t.Errorf("stats = %+v; want stale, nothing reused", st)
	}
	sameAsWalk(t, g, ix)
}

func TestCacheOfAnotherRepositoryIsNotUsed(t *testing.T) {
	a, _ := cacheFixture(t)
	dir := t.TempDir()
	if _, _, err := Cached(a.Git, dir, "HEAD"); err != nil {
		t.Fatal(err)
	}
	b := gittest.New(t)
	b.At("2026-05-01T09:00:00+08:00", "李文书 <li@chaotian.example>")
	b.Write("records/x.yaml", []byte("x\n"))
	b.Commit("录入x")
	ix, st, err := Cached(b.Git, dir, "HEAD")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(st.Rebuilt, "stale: ") {
		t.Errorf("Rebuilt = %q; want stale", st.Rebuilt)
	}
	sameAsWalk(t, b.Git, ix)
}

func TestCacheOfARewrittenHistoryIsNotUsed(t *testing.T) {
	g, edit := cacheFixture(t)
	dir := t.TempDir()
	edit("records/a.yaml", "更正a")
	old, _, err := Cached(g.Git, dir, "HEAD")
	if err != nil {
		t.Fatal(err)
	}
	// Force-push: the last commit replaced by another.
	g.Reset("HEAD~1")
	edit("records/a.yaml", "重新更正a")
	ix, st, err := Cached(g.Git, dir, "HEAD")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(st.Rebuilt, "rewalked") || st.Reused != 0 {
		t.Errorf("stats = %+v; want the whole history walked again", st)
	}
	if ix.Commit(old.Head) != nil {
		t.Errorf("the replaced commit %s is still in the index", old.Head[:10])
	}
	sameAsWalk(t, g.Git, ix)
}

func TestUnwritableCacheLeavesTheBuildWorking(t *testing.T) {
	g, _ := cacheFixture(t)
	file := filepath.Join(t.TempDir(), "not-a-folder")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	ix, st, err := Cached(g.Git, file, "HEAD")
	if err != nil {
		t.Fatal(err)
	}
	if st.SaveErr == nil {
		t.Errorf("SaveErr = nil; want why the cache could not be written")
	}
	sameAsWalk(t, g.Git, ix)
}

func TestCachedIndexOfAnOlderCommitIsWalkedAndTheKeptOneStays(t *testing.T) {
	g, edit := cacheFixture(t)
	dir := t.TempDir()
	old := g.Head()
	edit("records/a.yaml", "更正a")
	head, _, err := Cached(g.Git, dir, "HEAD")
	if err != nil {
		t.Fatal(err)
	}
	ix, st, err := Cached(g.Git, dir, old)
	if err != nil {
		t.Fatal(err)
	}
	if st.Reused != 0 || ix.Head != old || ix.Commit(head.Head) != nil {
		t.Errorf("index of an older commit: stats %+v, head %s; want it walked alone", st, ix.Head[:10])
	}
	sameAsWalk(t, g.Git, ix)
	again, st, err := Cached(g.Git, dir, "HEAD")
	if err != nil {
		t.Fatal(err)
	}
	if st.Walked != 0 || again.Head != head.Head {
		t.Errorf("the head's index after an older one was asked for: %+v; want the kept one, nothing walked", st)
	}
}

func TestUpdateToAnOlderCommitWalksIt(t *testing.T) {
	g, edit := cacheFixture(t)
	old := g.Head()
	edit("records/a.yaml", "更正a")
	prev, err := Walk(g.Git, "HEAD")
	if err != nil {
		t.Fatal(err)
	}
	ix, err := Update(g.Git, prev, old)
	if err != nil {
		t.Fatal(err)
	}
	sameAsWalk(t, g.Git, ix)
}

// TestKeptDescriptionsAreTheDescriptions: the descriptions of commits kept
// with the index (Keep) are read back as DescribeAll gives them, and only
// new commits are described again.
func TestKeptDescriptionsAreTheDescriptions(t *testing.T) {
	g, edit := cacheFixture(t)
	dir := t.TempDir()
	ix, _, err := Cached(g.Git, dir, "HEAD")
	if err != nil {
		t.Fatal(err)
	}
	want, err := ix.DescribeAll()
	if err != nil {
		t.Fatal(err)
	}
	if err := ix.Keep(dir); err != nil {
		t.Fatal(err)
	}
	edit("records/a.yaml", "更正a")
	next, _, err := Cached(g.Git, dir, "HEAD")
	if err != nil {
		t.Fatal(err)
	}
	if n := len(next.cache.diffs); n != len(want) {
		t.Fatalf("%d descriptions kept; want %d", n, len(want))
	}
	got, err := next.DescribeAll()
	if err != nil {
		t.Fatal(err)
	}
	fresh, err := Walk(g.Git, "HEAD")
	if err != nil {
		t.Fatal(err)
	}
	all, err := fresh.DescribeAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(all) {
		t.Fatalf("%d descriptions; want %d", len(got), len(all))
	}
	for i := range all {
		if got[i].Commit.Hash != all[i].Commit.Hash || fmt.Sprint(got[i].Changes, got[i].Unreadable) != fmt.Sprint(all[i].Changes, all[i].Unreadable) {
			t.Errorf("description of %s:\n got %v\nwant %v", all[i].Commit.Short(), got[i].Changes, all[i].Changes)
		}
	}
}

// TestCacheKeyIsTheProgramsOwnBytes: what a cache keeps depends on
// gongshi's code, and a binary built without version control information
// (-buildvcs=false, a source archive, a modified tree) names no revision,
// or the same one for different code: the key is the executable's hash.
func TestCacheKeyIsTheProgramsOwnBytes(t *testing.T) {
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(exe)
	if err != nil {
		t.Fatal(err)
	}
	want := fmt.Sprintf("v%d program=%x", cacheVersion, sha256.Sum256(b))
	if got := cacheKey(); got != want {
		t.Errorf("cacheKey() = %q; want %q", got, want)
	}
}
