package gittest

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"
)

func gitCLI(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", append([]string{"-C", dir}, args...)...)
	cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %v: %v\n%s", args, err, out)
	}
	return strings.TrimSpace(string(out))
}

func TestScriptBuildsBranchesMergesAndResets(t *testing.T) {
	r := New(t)
	hashes := r.Script(txtar.Parse([]byte(`at 2026-04-01T09:00:00+08:00 王文书 <clerk@chaotian.example>
cp a records/a.yaml
cp b records/b.yaml
commit 录入
branch side
checkout side
cp a2 records/a.yaml
commit 侧线修改a
checkout main
cp b2 records/b.yaml
commit 主线修改b
merge side 合并侧线
sign-ssh office
merge-ours side 再次合并（无变化）
unsigned
reset HEAD~1
-- a --
a1
-- a2 --
a2
-- b --
b1
-- b2 --
b2
`)))
	if len(hashes) != 5 {
		t.Fatalf("Script made %d commits; want 5", len(hashes))
	}
	merge := hashes[3]
	if got := gitCLI(t, r.Dir, "log", "-1", "--format=%P", merge); got != hashes[2]+" "+hashes[1] {
		t.Errorf("merge parents = %s; want main's, then side's", got)
	}
	// The merge took a.yaml from the side branch and kept main's b.yaml.
	if got := gitCLI(t, r.Dir, "show", merge+":records/a.yaml") + gitCLI(t, r.Dir, "show", merge+":records/b.yaml"); got != "a2b2" {
		t.Errorf("merge tree holds %q; want a2 and b2", got)
	}
	if got := gitCLI(t, r.Dir, "cat-file", "commit", hashes[4]); !strings.Contains(got, "-----BEGIN SSH SIGNATURE-----") {
		t.Errorf("commit after sign-ssh is not signed:\n%s", got)
	}
	if r.Head() != merge {
		t.Errorf("after reset HEAD~1, HEAD = %s; want the first merge %s", r.Head(), merge)
	}
	if got := gitCLI(t, r.Dir, "log", "-1", "--format=%an <%ae> %aI", merge); got != "王文书 <clerk@chaotian.example> 2026-04-01T09:00:00+08:00" {
		t.Errorf("merge author = %s", got)
	}
	if b, _ := os.ReadFile(filepath.Join(r.Dir, "records/a.yaml")); string(b) != "a2\n" {
		t.Errorf("working tree after reset: a.yaml = %q; want a2", b)
	}
}

func TestSignedCommitsAreTheSameOnEveryRun(t *testing.T) {
	for _, kind := range []string{"ssh", "openpgp"} {
		var hashes [2]string
		for i := range hashes {
			r := New(t)
			r.At("2026-04-01T09:00:00+08:00", "王文书 <clerk@chaotian.example>")
			hashes[i] = r.Script(txtar.Parse([]byte(map[string]string{
				"ssh":     "sign-ssh office\ncp a records/a.yaml\ncommit 录入\n-- a --\na\n",
				"openpgp": "sign-pgp clerk 2026-01-01T00:00:00+08:00 王文书 <clerk@chaotian.example>\ncp a records/a.yaml\ncommit 录入\n-- a --\na\n",
			}[kind])))[0]
			if sig := gitCLI(t, r.Dir, "cat-file", "commit", hashes[i]); !strings.Contains(sig, "gpgsig ") {
				t.Errorf("%s commit carries no signature:\n%s", kind, sig)
			}
		}
		if hashes[0] != hashes[1] {
			t.Errorf("the same %s-signed commit has hashes %s and %s", kind, hashes[0], hashes[1])
		}
	}
}
