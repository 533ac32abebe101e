package repo

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gongshi/generator/internal/gittest"
)

func TestSnapshotReadsTheCommitNotTheWorkingTree(t *testing.T) {
	g := gittest.New(t)
	g.At("2026-04-01T23:30:00+08:00", "王文书 <clerk@chaotian.example>")
	g.Write("records/township.yaml", []byte("name: 朝天镇\n"))
	g.Write("records/scan.pdf", []byte("%PDF"))
	g.Write("layouts/home.html", []byte("home"))
	g.Write("notes.txt", []byte("not read"))
	first := g.Commit("录入乡镇信息")
	g.At("2026-04-02T08:00:00+08:00", "王文书 <clerk@chaotian.example>")
	g.Write("records/township.yaml", []byte("name: 朝天镇（更正）\n"))
	g.Commit("更正镇名")
	g.Write("records/township.yaml", []byte("name: uncommitted\n"))

	r, err := Open(filepath.Join(g.Dir, "records"))
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	s, err := r.Snapshot("HEAD")
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Records) != 1 || string(s.Records[0].Data) != "name: 朝天镇（更正）\n" {
		t.Errorf("HEAD records = %+v; want only township.yaml as committed", s.Records)
	}
	if len(s.Site) != 1 || s.Site[0].Path != "layouts/home.html" {
		t.Errorf("HEAD site files = %+v; want layouts/home.html", s.Site)
	}
	old, err := r.Snapshot(first)
	if err != nil {
		t.Fatal(err)
	}
	if string(old.Records[0].Data) != "name: 朝天镇\n" {
		t.Errorf("first commit's township = %q", old.Records[0].Data)
	}
	// Committed at 23:30 in Shanghai: the as-of day is that day, whatever
	// the zone of the machine.
	if old.AsOf.String() != "2026-04-01" || old.Commit != first || old.Author != "王文书" {
		t.Errorf("snapshot = %s %s by %s; want 2026-04-01 %s by 王文书", old.AsOf, old.Commit, old.Author, first)
	}
}

func TestMissingCommitIsAClearError(t *testing.T) {
	g := gittest.New(t)
	g.Write("records/township.yaml", []byte("name: x\n"))
	g.Commit("初始")
	r, err := Open(g.Dir)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	_, err = r.Snapshot("0123456789abcdef0123456789abcdef01234567")
	if err == nil || !strings.Contains(err.Error(), `no commit "0123456789abcdef0123456789abcdef01234567"`) {
		t.Errorf("Snapshot(unknown) error = %v; want no commit", err)
	}
}

func TestShallowCloneIsRefused(t *testing.T) {
	g := gittest.New(t)
	g.Write("records/township.yaml", []byte("name: x\n"))
	h := g.Commit("初始")
	if err := os.WriteFile(filepath.Join(g.Dir, ".git", "shallow"), []byte(h+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Open(g.Dir)
	if !errors.Is(err, ErrShallow) {
		t.Errorf("Open(shallow) error = %v; want ErrShallow", err)
	}
}

func TestNotARepository(t *testing.T) {
	_, err := Open(t.TempDir())
	if err == nil || !strings.Contains(err.Error(), "not inside a git repository") {
		t.Errorf("Open(plain folder) error = %v", err)
	}
}

func TestLinkedWorktreeIsFollowed(t *testing.T) {
	g := gittest.New(t)
	g.Write("records/township.yaml", []byte("name: x\n"))
	g.Commit("初始")
	// A linked worktree has a .git file naming its git dir, which names
	// the main repository's as its common dir.
	wt := t.TempDir()
	gitdir := filepath.Join(g.Dir, ".git", "worktrees", "wt")
	for p, data := range map[string]string{
		filepath.Join(wt, ".git"):          "gitdir: " + gitdir + "\n",
		filepath.Join(gitdir, "commondir"): "../..\n",
		filepath.Join(gitdir, "HEAD"):      "ref: refs/heads/main\n",
	} {
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	r, err := Open(wt)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	s, err := r.Snapshot("HEAD")
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Records) != 1 {
		t.Errorf("worktree snapshot records = %d; want 1", len(s.Records))
	}
	if want := filepath.Join(g.Dir, ".git"); r.GitDir != want {
		t.Errorf("GitDir = %s; want the common dir %s, where the objects are", r.GitDir, want)
	}
}

func TestWorkTreeReadsFilesOnDisk(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "records", "people"), 0o755)
	os.WriteFile(filepath.Join(dir, "records", "people", "a.yaml"), []byte("people: []\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "records", "people", ".a.yaml.swp"), []byte("x"), 0o644)
	s, err := WorkTree(dir, record0())
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Records) != 1 || s.Records[0].Path != "records/people/a.yaml" || !s.WorkTree {
		t.Errorf("WorkTree records = %+v", s.Records)
	}
}
