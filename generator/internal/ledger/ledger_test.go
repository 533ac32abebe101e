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
