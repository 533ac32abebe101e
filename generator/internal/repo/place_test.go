package repo

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"gongshi/generator/internal/gittest"
)

func gitCLI(t *testing.T, dir string, args ...string) {
	t.Helper()
	cmd := exec.Command("git", append([]string{"-C", dir}, args...)...)
	cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git %v: %v\n%s", args, err, out)
	}
}

// TestWorkTreeRefusesLinksOutOfTheRepository: check and serve read the
// working tree; a link to a file outside it is a mistake at its path,
// never read. A link to a file inside is read.
func TestWorkTreeRefusesLinksOutOfTheRepository(t *testing.T) {
	dir := t.TempDir()
	outside := filepath.Join(t.TempDir(), "secret.md")
	for p, data := range map[string]string{
		"records/units/organ.yaml": "units: []\n",
		"content/about.md":         "关于\n",
	} {
		os.MkdirAll(filepath.Join(dir, filepath.Dir(p)), 0o755)
		os.WriteFile(filepath.Join(dir, p), []byte(data), 0o644)
	}
	os.WriteFile(outside, []byte("机密\n"), 0o644)
	for link, target := range map[string]string{
		"records/units/link.yaml":   "/etc/passwd",
		"records/units/same.yaml":   "organ.yaml",
		"content/secret.md":         outside,
		"records/units/dangle.yaml": "gone.yaml",
	} {
		if err := os.Symlink(target, filepath.Join(dir, link)); err != nil {
			t.Fatal(err)
		}
	}
	_, err := WorkTree(dir, record0())
	want := strings.Join([]string{
		"content/secret.md: expected a file inside the repository, found a link to " + outside,
		"records/units/dangle.yaml: expected a file inside the repository, found a link to gone.yaml, which does not exist",
		"records/units/link.yaml: expected a file inside the repository, found a link to /etc/passwd",
	}, "\n")
	if err == nil || err.Error() != want {
		t.Fatalf("WorkTree with links = %v; want\n%s", err, want)
	}
	os.Remove(filepath.Join(dir, "records/units/link.yaml"))
	os.Remove(filepath.Join(dir, "records/units/dangle.yaml"))
	os.Remove(filepath.Join(dir, "content/secret.md"))
	s, err := WorkTree(dir, record0())
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Records) != 2 || s.Records[1].Path != "records/units/same.yaml" || string(s.Records[1].Data) != "units: []\n" {
		t.Errorf("a link inside the working tree was not read: %+v", s.Records)
	}
}

// TestWorkTreesNamesEveryWorkingTree: from a linked worktree, the main
// working tree and every linked one are the repository's.
func TestWorkTreesNamesEveryWorkingTree(t *testing.T) {
	g := gittest.New(t)
	g.Write("records/township.yaml", []byte("name: 朝天镇\n"))
	g.Commit("录入")
	linked := filepath.Join(t.TempDir(), "wt")
	gitCLI(t, g.Dir, "worktree", "add", "-q", linked)
	r, err := Open(linked)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	real := func(p string) string {
		q, err := filepath.EvalSymlinks(p)
		if err != nil {
			t.Fatal(err)
		}
		return q
	}
	var got []string
	for _, w := range r.WorkTrees() {
		got = append(got, real(w))
	}
	if want := []string{real(linked), real(g.Dir)}; !slices.Equal(got, want) {
		t.Errorf("WorkTrees() from the linked worktree = %v; want %v", got, want)
	}
}

func TestIgnoredReadsTheGitignoresOnThePath(t *testing.T) {
	g := gittest.New(t)
	g.Write(".gitignore", []byte("/public/\n*.tmp\n"))
	g.Write("docs/.gitignore", []byte("site/\n!keep/\n"))
	g.Commit("忽略")
	os.MkdirAll(filepath.Join(g.Dir, ".git", "info"), 0o755)
	os.WriteFile(filepath.Join(g.Dir, ".git", "info", "exclude"), []byte("local/\n"), 0o644)
	r, err := Open(g.Dir)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	for _, tc := range []struct {
		path string
		want bool
	}{
		{"public", true},
		{"public/sub", true},
		{"docs/public", false},
		{"docs/site", true},
		{"site", false},
		{"local", true},
		{"records", false},
		{"x.tmp", true},
		{".", false},
	} {
		got, err := r.Ignored(filepath.Join(g.Dir, tc.path))
		if err != nil || got != tc.want {
			t.Errorf("Ignored(%s) = %v, %v; want %v", tc.path, got, err, tc.want)
		}
	}
	if got, _ := r.Ignored(t.TempDir()); got {
		t.Error("a folder outside the repository is ignored by it")
	}
}
