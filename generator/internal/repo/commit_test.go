package repo

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/go-git/go-git/v5/plumbing/object"

	"gongshi/generator/internal/gittest"
	"gongshi/generator/internal/record"
)

func fixture(t *testing.T) (*gittest.Repo, *Repo) {
	t.Helper()
	g := gittest.New(t)
	g.Write("records/township.yaml", []byte("name: 朝天镇\n"))
	g.Write("records/units/organ.yaml", []byte("units: []\n"))
	g.Commit("录入乡镇信息")
	r, err := Open(g.Dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close() })
	return g, r
}

func TestCommitFilesCommitsThatFileAlone(t *testing.T) {
	g, r := fixture(t)
	// The clerk is half-way through another edit: it stays out of the commit.
	g.Write("records/units/organ.yaml", []byte("units: [] # 正在改\n"))
	if err := r.Clean("records/assess/2026-Q2.yaml"); err != nil {
		t.Fatalf("Clean: %v", err)
	}
	when := time.Date(2026, 7, 3, 10, 0, 0, 0, record.Shanghai())
	author := object.Signature{Name: "王文书", Email: "clerk@chaotian.example", When: when}
	committer := object.Signature{Name: "李主任", Email: "li@chaotian.example", When: when}
	h, err := r.CommitFiles([]record.File{{Path: "records/assess/2026-Q2.yaml", Data: []byte("quarter: 2026-Q2\n")}}, "录入2026年第二季度考核评分", author, committer)
	if err != nil {
		t.Fatal(err)
	}
	c, err := r.Commit(h)
	if err != nil {
		t.Fatal(err)
	}
	if c.Author.Name != "王文书" || c.Committer.Name != "李主任" || c.Message != "录入2026年第二季度考核评分" {
		t.Errorf("commit by %s, committed by %s: %q", c.Author.Name, c.Committer.Name, c.Message)
	}
	parent, _ := c.Parent(0)
	patch, err := parent.Patch(c)
	if err != nil {
		t.Fatal(err)
	}
	var changed []string
	for _, fp := range patch.FilePatches() {
		_, to := fp.Files()
		changed = append(changed, to.Path())
	}
	if strings.Join(changed, ",") != "records/assess/2026-Q2.yaml" {
		t.Errorf("the commit changed %v; want only the imported file", changed)
	}
	if b, _ := os.ReadFile(filepath.Join(g.Dir, "records/units/organ.yaml")); string(b) != "units: [] # 正在改\n" {
		t.Errorf("the other edit in progress was lost: %q", b)
	}
}

// TestCommitFilesMakesOneCommitOfSeveral: a year's unit targets, imported
// from one workbook, are one commit; a file among them with work not yet
// committed stops them all.
func TestCommitFilesMakesOneCommitOfSeveral(t *testing.T) {
	g, r := fixture(t)
	files := []record.File{
		{Path: "records/targets/2026/baisha.yaml", Data: []byte("unit: baisha\n")},
		{Path: "records/units/organ.yaml", Data: []byte("units: [] # 改\n")},
	}
	g.Write("records/units/organ.yaml", []byte("units: [] # 正在改\n"))
	if err := r.Clean(files[0].Path, files[1].Path); !errors.Is(err, ErrNotClean) || !strings.Contains(err.Error(), "records/units/organ.yaml has changes not committed") {
		t.Fatalf("Clean with one of two files changed = %v; want ErrNotClean naming it", err)
	}
	g.Write("records/units/organ.yaml", []byte("units: []\n"))
	if err := r.Clean(files[0].Path, files[1].Path); err != nil {
		t.Fatalf("Clean: %v", err)
	}
	sig := object.Signature{Name: "王文书", Email: "clerk@chaotian.example", When: time.Date(2026, 12, 1, 9, 0, 0, 0, record.Shanghai())}
	h, err := r.CommitFiles(files, "录入目标完成情况", sig, sig)
	if err != nil {
		t.Fatal(err)
	}
	c, _ := r.Commit(h)
	parent, _ := c.Parent(0)
	if parent.Message != "录入乡镇信息" {
		t.Errorf("the files were committed in more than one commit: parent %q", parent.Message)
	}
	patch, _ := parent.Patch(c)
	if n := len(patch.FilePatches()); n != 2 {
		t.Errorf("the commit changed %d files; want 2", n)
	}
}

func TestCleanRefusesWorkInTheWay(t *testing.T) {
	for _, tc := range []struct {
		name  string
		setup func(g *gittest.Repo)
		want  string
	}{
		{"the file changed and not committed", func(g *gittest.Repo) {
			g.Write("records/township.yaml", []byte("name: 朝天镇（改）\n"))
		}, "records/township.yaml has changes not committed"},
		{"the file new and not committed", func(g *gittest.Repo) {
			g.Write("records/assess/2026-Q2.yaml", []byte("quarter: 2026-Q2\n"))
		}, "never committed"},
		{"another file staged", func(g *gittest.Repo) {
			g.Write("records/units/organ.yaml", []byte("units: [] # 改\n"))
			w, _ := g.Git.Worktree()
			w.Add("records/units/organ.yaml")
		}, "changes are staged for the next commit (records/units/organ.yaml)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			g, r := fixture(t)
			tc.setup(g)
			path := "records/assess/2026-Q2.yaml"
			if strings.Contains(tc.want, "township") {
				path = "records/township.yaml"
			}
			err := r.Clean(path)
			if !errors.Is(err, ErrNotClean) || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("Clean = %v; want ErrNotClean saying %q", err, tc.want)
			}
		})
	}
	// Line ends are no change: Windows checks files out with CRLF.
	g, r := fixture(t)
	g.Write("records/township.yaml", []byte("name: 朝天镇\r\n"))
	if err := r.Clean("records/township.yaml"); err != nil {
		t.Errorf("Clean of a file checked out with CRLF: %v", err)
	}
}

func TestSignature(t *testing.T) {
	s, err := Signature("朝天镇党政办 <dzb@chaotian.example>")
	if err != nil || s.Name != "朝天镇党政办" || s.Email != "dzb@chaotian.example" {
		t.Errorf("Signature = %+v, %v", s, err)
	}
	for _, bad := range []string{"朝天镇党政办", "<dzb@chaotian.example>", "王 <no-at>"} {
		if _, err := Signature(bad); err == nil {
			t.Errorf("Signature(%q) accepted", bad)
		}
	}
}
