package history

import (
	"fmt"
	"slices"
	"testing"

	"gongshi/generator/internal/gittest"
)

// sameIndex fails unless a and b list the same commits and, for every
// path, the same changes.
func sameIndex(t *testing.T, a, b *Index) {
	t.Helper()
	var ca, cb []string
	for _, c := range a.Commits {
		ca = append(ca, c.Hash)
	}
	for _, c := range b.Commits {
		cb = append(cb, c.Hash)
	}
	if !slices.Equal(ca, cb) {
		t.Errorf("commits:\n got %s\nwant %s", short(ca), short(cb))
	}
	if !slices.Equal(a.Paths(), b.Paths()) {
		t.Errorf("paths: got %q, want %q", a.Paths(), b.Paths())
	}
	for _, p := range b.Paths() {
		fa, fb := a.File(p), b.File(p)
		if len(fa) != len(fb) {
			t.Errorf("%s: %d changes; want %d", p, len(fa), len(fb))
			continue
		}
		for i := range fa {
			x, y := fa[i], fb[i]
			if x.Commit.Hash != y.Commit.Hash || x.Op != y.Op || x.Old != y.Old || x.New != y.New {
				t.Errorf("%s change %d: %s %v; want %s %v", p, i, x.Commit.Short(), x.Op, y.Commit.Short(), y.Op)
			}
		}
	}
}

func TestUpdateWalksOnlyNewCommitsAndEqualsAFullWalk(t *testing.T) {
	g := gittest.New(t)
	tick := clock("2026-04-01T09:00:00+08:00")
	edit := func(path, msg string) string {
		g.At(tick(), "王文书 <clerk@chaotian.example>")
		g.Write(path, []byte(msg+"\n"))
		return g.Commit(msg)
	}
	edit("records/a.yaml", "录入a")
	edit("records/p/b.yaml", "录入b")
	prev, err := Walk(g.Git, "HEAD")
	if err != nil {
		t.Fatal(err)
	}
	kept := prev.Commits[0]

	// New commits on top, with a branch of new commits merged.
	edit("records/a.yaml", "更正a")
	g.Branch("side")
	g.Checkout("side")
	edit("records/p/b.yaml", "侧线更正b")
	g.Checkout("main")
	edit("records/p/c.yaml", "录入c")
	g.At(tick(), "王文书 <clerk@chaotian.example>")
	g.Merge("side", "合并侧线")

	up, err := Update(g.Git, prev, "HEAD")
	if err != nil {
		t.Fatal(err)
	}
	full, err := Walk(g.Git, "HEAD")
	if err != nil {
		t.Fatal(err)
	}
	sameIndex(t, up, full)
	if up.Commit(kept.Hash) != kept {
		t.Errorf("Update walked the old commits again; want prev's kept")
	}
	if again, _ := Update(g.Git, up, "HEAD"); again != up {
		t.Errorf("Update with an unchanged head made a new index")
	}
}

func TestUpdateWalksEverythingAgainAfterARewriteOrAnOldBranch(t *testing.T) {
	for _, shape := range []string{"force-push", "old branch merged"} {
		t.Run(shape, func(t *testing.T) {
			g := gittest.New(t)
			tick := clock("2026-04-01T09:00:00+08:00")
			edit := func(path, msg string) string {
				g.At(tick(), "王文书 <clerk@chaotian.example>")
				g.Write(path, []byte(msg+"\n"))
				return g.Commit(msg)
			}
			first := edit("records/a.yaml", "录入a")
			g.Branch("old")
			edit("records/a.yaml", "更正a")
			prev, err := Walk(g.Git, "HEAD")
			if err != nil {
				t.Fatal(err)
			}
			switch shape {
			case "force-push":
				g.Reset(first)
				edit("records/a.yaml", "重新更正a")
			case "old branch merged":
				g.Checkout("old")
				edit("records/b.yaml", fmt.Sprint("旧分支录入b"))
				g.Checkout("main")
				g.At(tick(), "王文书 <clerk@chaotian.example>")
				g.Merge("old", "合并旧分支")
			}
			up, err := Update(g.Git, prev, "HEAD")
			if err != nil {
				t.Fatal(err)
			}
			full, err := Walk(g.Git, "HEAD")
			if err != nil {
				t.Fatal(err)
			}
			sameIndex(t, up, full)
			assertSameAsGitLog(t, g.Dir, g.Git)
		})
	}
}
