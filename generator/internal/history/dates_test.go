package history

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"gongshi/generator/internal/changelog"
	"gongshi/generator/internal/gittest"
)

func writeFile(t *testing.T, p, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestCheckDatesDoubtsACommitOlderThanItsParentOrTheLastBuild: a commit
// dated before its parent, or before the last build that did not show
// it, is doubted; NotBefore is the earliest it can have been made.
func TestCheckDatesDoubtsACommitOlderThanItsParentOrTheLastBuild(t *testing.T) {
	g := gittest.New(t)
	commit := func(when, msg string) string {
		g.At(when, "王文书 <clerk@chaotian.example>")
		g.Write("records/log.yaml", []byte(msg+"\n"))
		return g.Commit(msg)
	}
	a := commit("2026-11-20T09:00:00+08:00", "a")
	b := commit("2026-11-24T09:00:00+08:00", "b")
	back := commit("2026-02-01T09:00:00+08:00", "backdated")
	after := commit("2026-11-25T09:00:00+08:00", "after")
	g.Branch("side")
	late := commit("2026-11-26T09:00:00+08:00", "built")
	g.Checkout("side")
	g.At("2026-11-25T12:00:00+08:00", "王文书 <clerk@chaotian.example>")
	g.Write("records/side.yaml", []byte("side\n"))
	side := g.Commit("side before the build")
	g.Checkout("main")
	g.At("2026-11-27T09:00:00+08:00", "王文书 <clerk@chaotian.example>")
	merge := g.Merge("side", "合并")
	ix, err := Walk(g.Git, "HEAD")
	if err != nil {
		t.Fatal(err)
	}
	ix.CheckDates(late)
	shanghai := func(s string) time.Time {
		tm, _ := time.Parse(time.RFC3339, s)
		return tm
	}
	for _, tc := range []struct {
		name, commit string
		notBefore    string
		doubt        *changelog.DateDoubt
	}{
		{"first", a, "2026-11-20T09:00:00+08:00", nil},
		{"in order", b, "2026-11-24T09:00:00+08:00", nil},
		{"before its parent", back, "2026-11-24T09:00:00+08:00", &changelog.DateDoubt{Commit: b, When: shanghai("2026-11-24T09:00:00+08:00")}},
		{"after a doubtful one", after, "2026-11-25T09:00:00+08:00", nil},
		{"merge after the build", merge, "2026-11-27T09:00:00+08:00", nil},
		{"before the last build that did not show it", side, "2026-11-26T09:00:00+08:00", &changelog.DateDoubt{Commit: late, When: shanghai("2026-11-26T09:00:00+08:00"), Published: true}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := ix.Commit(tc.commit)
			if got := c.NotBefore.Format(time.RFC3339); got != tc.notBefore {
				t.Errorf("NotBefore = %s; want %s", got, tc.notBefore)
			}
			switch {
			case tc.doubt == nil && c.Doubt != nil:
				t.Errorf("Doubt = %+v; want none", c.Doubt)
			case tc.doubt != nil && (c.Doubt == nil || c.Doubt.Commit != tc.doubt.Commit || !c.Doubt.When.Equal(tc.doubt.When) || c.Doubt.Published != tc.doubt.Published):
				t.Errorf("Doubt = %+v; want %+v", c.Doubt, tc.doubt)
			}
		})
	}
}

// TestBackdatingCannotUseAWithdrawnKey: a key withdrawn on 2026-03-01
// signs a commit dated 2026-02-01 on top of a parent of 2026-11-24, with
// SSH, and with an OpenPGP key that expired, its clock faked too. Neither
// is verified, both are doubted, and RequireSigned lists both.
func TestBackdatingCannotUseAWithdrawnKey(t *testing.T) {
	ssh := gittest.SSHKey(t, "withdrawn")
	pgp := gittest.PGPKey(t, "expired", "李四 <lisi@chaotian.example>", "2026-01-01T00:00:00+08:00", 59*24*time.Hour) // to 2026-03-01
	g := gittest.New(t)
	g.At("2026-11-24T09:00:00+08:00", "王文书 <clerk@chaotian.example>")
	g.Write("records/log.yaml", []byte("parent\n"))
	g.Commit("parent")
	g.At("2026-02-01T09:00:00+08:00", "王文书 <clerk@chaotian.example>")
	g.SignSSH(ssh)
	g.Write("records/log.yaml", []byte("ssh\n"))
	viaSSH := g.Commit("backdated, ssh")
	g.At("2026-02-01T10:00:00+08:00", "李四 <lisi@chaotian.example>")
	g.SignPGPDated(pgp, "2026-02-01T10:00:00+08:00")
	g.Write("records/log.yaml", []byte("pgp\n"))
	viaPGP := g.Commit("backdated, openpgp")
	g.Unsigned()
	trust, err := ParseTrust([]byte(`clerk@chaotian.example valid-before="20260301" `+gittest.AuthorizedKey(ssh)+"\n"),
		[]byte(gittest.ArmoredPublicKey(t, pgp)))
	if err != nil {
		t.Fatal(err)
	}
	ix, err := Walk(g.Git, "HEAD")
	if err != nil {
		t.Fatal(err)
	}
	ix.Verify(trust) // as before this change: the commits' own dates
	for _, c := range []string{viaSSH, viaPGP} {
		if s := ix.Commit(c).Signature; s.Status != changelog.Verified {
			t.Fatalf("%s without CheckDates = %v (%s); the fixture should verify at its own date", ix.Commit(c).Subject, s.Status, s.Reason)
		}
	}
	ix.CheckDates("")
	ix.Verify(trust)
	for _, c := range []string{viaSSH, viaPGP} {
		cm := ix.Commit(c)
		if cm.Signature.Status != changelog.KeyNotValid || cm.Doubt == nil {
			t.Errorf("%s = %v (%s), doubt %v; want 签名时密钥无效 and a doubtful date", cm.Subject, cm.Signature.Status, cm.Signature.Reason, cm.Doubt)
		}
	}
	bad, err := ix.RequireSigned("")
	if err != nil {
		t.Fatal(err)
	}
	if len(bad) != 3 { // the unsigned parent too
		t.Errorf("RequireSigned = %d commits; want 3", len(bad))
	}
}

// TestSignerIsShownAndMarkedWhenNotTheAuthor: alice signs a commit
// authored as 县长; the signature names alice, not by the author. The
// signers file maps principals to people's names and their e-mails.
func TestSignerIsShownAndMarkedWhenNotTheAuthor(t *testing.T) {
	alice, clerk := gittest.SSHKey(t, "alice"), gittest.SSHKey(t, "clerk")
	wang := gittest.PGPKey(t, "wang", "王文书 <wang@home.example>", "2026-01-01T00:00:00+08:00", 0)
	g := gittest.New(t)
	commit := func(who string, sign func(), msg string) string {
		g.At("2026-04-01T09:00:00+08:00", who)
		sign()
		g.Write("records/log.yaml", []byte(msg+"\n"))
		return g.Commit(msg)
	}
	spoofed := commit("县长 <xianzhang@county.example>", func() { g.SignSSH(alice) }, "spoofed")
	own := commit("王文书 <clerk@chaotian.example>", func() { g.SignSSH(clerk) }, "own")
	mapped := commit("王文书 <clerk@chaotian.example>", func() { g.SignSSH(alice) }, "mapped e-mail")
	pgpOwn := commit("王文书 <clerk@chaotian.example>", func() { g.SignPGP(wang) }, "pgp by name")
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "allowed_signers"), "alice@example.com "+gittest.AuthorizedKey(alice)+"\nclerk@chaotian.example "+gittest.AuthorizedKey(clerk)+"\n")
	writeFile(t, filepath.Join(dir, "wang.asc"), gittest.ArmoredPublicKey(t, wang))
	ix, err := Walk(g.Git, "HEAD")
	if err != nil {
		t.Fatal(err)
	}
	check := func(trust *Trust, c, name string, by bool) {
		t.Helper()
		s := trust.Check(ix.Commit(c))
		if s.Status != changelog.Verified || s.Name != name || s.ByAuthor != by {
			t.Errorf("%s: %v, signer %q, by the author %v; want verified, %q, %v", ix.Commit(c).Subject, s.Status, s.Name, s.ByAuthor, name, by)
		}
	}
	trust, err := LoadTrust(dir)
	if err != nil {
		t.Fatal(err)
	}
	check(trust, spoofed, "alice@example.com", false)
	check(trust, own, "clerk@chaotian.example", true)
	check(trust, mapped, "alice@example.com", false)
	check(trust, pgpOwn, "王文书", true)
	writeFile(t, filepath.Join(dir, "signers"), "# principal  name  e-mails\nalice@example.com 艾丽斯 clerk@chaotian.example\nclerk@chaotian.example \"王文书\"\n")
	if trust, err = LoadTrust(dir); err != nil {
		t.Fatal(err)
	}
	check(trust, spoofed, "艾丽斯", false)
	check(trust, own, "王文书", true)
	check(trust, mapped, "艾丽斯", true)
	writeFile(t, filepath.Join(dir, "signers"), "alice@example.com\n")
	if _, err := LoadTrust(dir); err == nil || !strings.Contains(err.Error(), "line 1: expected a principal or e-mail, a name and e-mails") {
		t.Errorf("LoadTrust(a signers line without a name) = %v", err)
	}
}

// TestLoadTrustRefusesARootInsideTheRepositoryFromAnyWorktree: a trust
// root tracked in the repository is refused from a linked worktree too.
func TestLoadTrustRefusesARootInsideTheRepositoryFromAnyWorktree(t *testing.T) {
	g := gittest.New(t)
	g.Write("trust/allowed_signers", []byte("a@b "+gittest.AuthorizedKey(gittest.SSHKey(t, "k"))+"\n"))
	g.Commit("trust")
	linked := filepath.Join(t.TempDir(), "wt")
	cmd := exec.Command("git", "-C", g.Dir, "worktree", "add", "-q", linked)
	cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git worktree add: %v\n%s", err, out)
	}
	// As the build gives it: every working tree and the git folder.
	dirs := []string{linked, g.Dir, filepath.Join(g.Dir, ".git")}
	for _, trust := range []string{filepath.Join(g.Dir, "trust"), filepath.Join(linked, "trust")} {
		if _, err := LoadTrust(trust, dirs...); !errors.Is(err, ErrTrustInRepository) {
			t.Errorf("LoadTrust(%s) from the linked worktree = %v; want ErrTrustInRepository", trust, err)
		}
	}
}
