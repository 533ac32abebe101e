package ledger

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/go-git/go-git/v5/plumbing"

	"gongshi/generator/internal/gittest"
)

// build is what the build does with the ledger: read the published one,
// check the new head, write the next.
func build(t *testing.T, g *gittest.Repo, site string, allow bool) (*Rewrite, error) {
	t.Helper()
	prev, err := Read(filepath.Join(site, File))
	if err != nil {
		t.Fatal(err)
	}
	head := entry(t, g, g.Head())
	var records []Commit
	for h := g.Head(); ; {
		c, err := g.Git.CommitObject(plumbing.NewHash(h))
		if err != nil {
			t.Fatal(err)
		}
		records = append([]Commit{entry(t, g, h)}, records...)
		if len(c.ParentHashes) == 0 {
			break
		}
		h = c.ParentHashes[0].String()
	}
	reach := reachable(t, g, g.Head())
	next, rw, err := prev.Next(head, records, reach, allow)
	if err != nil {
		return rw, err
	}
	if err := os.WriteFile(filepath.Join(site, File), next.Marshal(), 0o644); err != nil {
		t.Fatal(err)
	}
	return rw, nil
}

// reachable returns the set of head and its ancestors.
func reachable(t *testing.T, g *gittest.Repo, head string) func(string) bool {
	t.Helper()
	seen := map[string]bool{}
	stack := []string{head}
	for len(stack) > 0 {
		h := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if seen[h] {
			continue
		}
		seen[h] = true
		c, err := g.Git.CommitObject(plumbing.NewHash(h))
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range c.ParentHashes {
			stack = append(stack, p.String())
		}
	}
	return func(s string) bool { return seen[s] }
}

func entry(t *testing.T, g *gittest.Repo, h string) Commit {
	c, err := g.Git.CommitObject(plumbing.NewHash(h))
	if err != nil {
		t.Fatal(err)
	}
	subject, _, _ := strings.Cut(c.Message, "\n")
	return Entry(h, c.Committer.When, subject)
}

func TestLedgerRefusesAForcePushUnlessAllowedAndKeepsTheRewrite(t *testing.T) {
	g := gittest.New(t)
	site := t.TempDir()
	g.At("2026-04-01T09:00:00+08:00", "王文书 <clerk@chaotian.example>")
	g.Write("records/a.yaml", []byte("1\n"))
	a := g.Commit("录入")
	g.At("2026-04-02T09:00:00+08:00", "王文书 <clerk@chaotian.example>")
	g.Write("records/a.yaml", []byte("2\n"))
	b := g.Commit("更正")
	if _, err := build(t, g, site, false); err != nil {
		t.Fatalf("first build: %v", err)
	}
	g.At("2026-04-03T09:00:00+08:00", "王文书 <clerk@chaotian.example>")
	g.Write("records/a.yaml", []byte("3\n"))
	c := g.Commit("再更正")
	if rw, err := build(t, g, site, false); err != nil || rw != nil {
		t.Fatalf("build on top of the published history: %v %v; want no rewrite", rw, err)
	}

	// Force-push: b and c are replaced by d.
	g.Reset(a)
	g.At("2026-04-04T09:00:00+08:00", "王文书 <clerk@chaotian.example>")
	g.Write("records/a.yaml", []byte("4\n"))
	d := g.Commit("重新录入")
	before, _ := os.ReadFile(filepath.Join(site, File))
	rw, err := build(t, g, site, false)
	var re *RewriteError
	if !errors.Is(err, ErrRewrite) || !errors.As(err, &re) {
		t.Fatalf("build after force-push: %v; want ErrRewrite", err)
	}
	if got := dropped(rw); got != b[:7]+" "+c[:7] || rw.From != c || rw.To.Commit != d {
		t.Errorf("rewrite = from %s to %s dropping %s; want from c to d dropping b c", rw.From[:7], rw.To.Commit[:7], got)
	}
	if after, _ := os.ReadFile(filepath.Join(site, File)); !bytes.Equal(before, after) {
		t.Errorf("a refused build changed the ledger")
	}
	if !strings.Contains(err.Error(), c+" 2026-04-03T09:00:00+08:00 再更正") {
		t.Errorf("error does not name the dropped commit:\n%v", err)
	}

	if _, err := build(t, g, site, true); err != nil {
		t.Fatalf("build with rewrite allowed: %v", err)
	}
	g.At("2026-04-05T09:00:00+08:00", "王文书 <clerk@chaotian.example>")
	g.Write("records/a.yaml", []byte("5\n"))
	g.Commit("补录")
	if rw, err := build(t, g, site, false); err != nil || rw != nil {
		t.Fatalf("build after an allowed rewrite: %v %v; want no new rewrite", rw, err)
	}
	l, err := Read(filepath.Join(site, File))
	if err != nil {
		t.Fatal(err)
	}
	if len(l.Rewrites) != 1 || dropped(&l.Rewrites[0]) != b[:7]+" "+c[:7] || len(l.Builds) != 4 || len(l.Commits) != 3 {
		t.Errorf("ledger = %d rewrites, %d builds, %d commits; want the rewrite kept, 4 builds, 3 commits\n%s",
			len(l.Rewrites), len(l.Builds), len(l.Commits), l.Marshal())
	}
}

func dropped(rw *Rewrite) string {
	if rw == nil {
		return ""
	}
	var s []string
	for _, c := range rw.Dropped {
		s = append(s, c.Commit[:7])
	}
	return strings.Join(s, " ")
}

func TestLedgerOfTheSameCommitIsTheSameBytes(t *testing.T) {
	g := gittest.New(t)
	g.Write("records/a.yaml", []byte("1\n"))
	g.Commit("录入<&>")
	s1, s2 := t.TempDir(), t.TempDir()
	for _, s := range []string{s1, s2, s2} { // s2 built twice: a rebuild adds nothing
		if _, err := build(t, g, s, false); err != nil {
			t.Fatal(err)
		}
	}
	a, _ := os.ReadFile(filepath.Join(s1, File))
	b, _ := os.ReadFile(filepath.Join(s2, File))
	if !bytes.Equal(a, b) || !bytes.Contains(a, []byte(`"subject": "录入<&>"`)) {
		t.Errorf("ledgers differ or escape text:\n%s\n%s", a, b)
	}
}

func TestReadLedgerRefusesALedgerItCannotTrust(t *testing.T) {
	for name, data := range map[string]string{
		"not JSON":       "{",
		"unknown format": `{"format": 2, "builds": [], "commits": []}`,
		"unknown field":  `{"format": 1, "builds": [], "commits": [], "extra": 1}`,
		"short hash":     `{"format": 1, "builds": [{"commit": "abc", "date": "", "subject": ""}], "commits": []}`,
	} {
		t.Run(name, func(t *testing.T) {
			p := filepath.Join(t.TempDir(), File)
			if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
				t.Fatal(err)
			}
			if _, err := Read(p); err == nil {
				t.Errorf("Read(%s) = nil error; want a refusal", data)
			}
		})
	}
	l, err := Read(filepath.Join(t.TempDir(), File))
	if err != nil || l.Head() != "" {
		t.Errorf("Read(missing) = %v, %v; want an empty ledger", l, err)
	}
}

// TestLedgerRefusesARollback: a build of an ancestor of the commit the
// site was last built from would put the older site back; it is refused
// as a rewrite, naming the last build.
func TestLedgerRefusesARollback(t *testing.T) {
	g := gittest.New(t)
	site := t.TempDir()
	g.At("2026-04-01T09:00:00+08:00", "王文书 <clerk@chaotian.example>")
	g.Write("records/a.yaml", []byte("1\n"))
	a := g.Commit("录入")
	g.At("2026-04-02T09:00:00+08:00", "王文书 <clerk@chaotian.example>")
	g.Write("layouts/x.html", []byte("x\n"))
	b := g.Commit("site: 改版式") // not a records commit: only the build names it
	if _, err := build(t, g, site, false); err != nil {
		t.Fatal(err)
	}
	g.Reset(a)
	rw, err := build(t, g, site, false)
	if !errors.Is(err, ErrRewrite) || dropped(rw) != b[:7] || rw.From != b || rw.To.Commit != a {
		t.Errorf("build of %s after %s: %v, dropping %q; want a rewrite dropping the last build", a[:7], b[:7], err, dropped(rw))
	}
}

// TestLedgerRefusesACommitNoLongerShown: a published commit still
// reachable but no longer among the records commits the history shows is
// hidden as surely as one rewritten away.
func TestLedgerRefusesACommitNoLongerShown(t *testing.T) {
	l := &Ledger{Format: format}
	x := Commit{Commit: strings.Repeat("1", 40), Date: "2026-04-01T09:00:00+08:00", Subject: "X"}
	y := Commit{Commit: strings.Repeat("2", 40), Date: "2026-04-02T09:00:00+08:00", Subject: "Y"}
	z := Commit{Commit: strings.Repeat("3", 40), Date: "2026-04-03T09:00:00+08:00", Subject: "Z"}
	l, _, err := l.Next(y, []Commit{x, y}, func(string) bool { return true }, false)
	if err != nil {
		t.Fatal(err)
	}
	everything := func(string) bool { return true }
	_, rw, err := l.Next(z, []Commit{z}, everything, false)
	if !errors.Is(err, ErrRewrite) || len(rw.Dropped) != 2 || rw.Dropped[0] != x || rw.Dropped[1] != y {
		t.Errorf("Next with X and Y reachable but not shown = %v, %+v; want a rewrite dropping X and Y", err, rw)
	}
}

// TestLedgerNamesBuildsNotInTheHistoryOfItsLast: a ledger whose last
// build does not go on from the builds before it, with no rewrite
// recorded, is not what gongshi writes.
func TestLedgerNamesBuildsNotInTheHistoryOfItsLast(t *testing.T) {
	c := func(n string) Commit { return Commit{Commit: strings.Repeat(n, 40), Date: "2026-04-01T09:00:00+08:00"} }
	a, b, d := c("a"), c("b"), c("d")
	for _, tc := range []struct {
		name   string
		l      Ledger
		inHist string // commits in the history of the last build
		want   string
	}{
		{"forward", Ledger{Builds: []Commit{a, b}}, "ab", ""},
		{"newest first", Ledger{Builds: []Commit{b, a}}, "a", "b"},
		{"rewrite recorded", Ledger{Builds: []Commit{a, b, d}, Rewrites: []Rewrite{{From: b.Commit, To: d}}}, "ad", ""},
		{"rewrite recorded for another step", Ledger{Builds: []Commit{a, b, d}, Rewrites: []Rewrite{{From: a.Commit, To: b}}}, "d", "b"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := ""
			for _, u := range tc.l.Unrecorded(func(h string) bool { return strings.Contains(tc.inHist, h[:1]) }) {
				got += u.Commit[:1]
			}
			if got != tc.want {
				t.Errorf("Unrecorded() = %q; want %q", got, tc.want)
			}
		})
	}
}
