package history

import (
	"errors"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ProtonMail/go-crypto/openpgp/packet"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"

	"gongshi/generator/internal/changelog"
	"gongshi/generator/internal/gittest"
)

// signedFixture is a history signed by keys of every standing, with the
// trust root that judges them.
type signedFixture struct {
	g       *gittest.Repo
	trust   string // folder
	commits map[string]string
}

func newSignedFixture(t *testing.T) *signedFixture {
	t.Helper()
	year := 365 * 24 * time.Hour
	clerk := gittest.PGPKey(t, "clerk", "王文书 <clerk@chaotian.example>", "2026-01-01T00:00:00+08:00", year)
	// Keys sign as they were before their revocations (the same seed makes
	// the same key); the trust root holds them revoked.
	leaverSigning := gittest.PGPKey(t, "leaver", "李四 <lisi@chaotian.example>", "2026-01-01T00:00:00+08:00", 0)
	stolenSigning := gittest.PGPKey(t, "stolen", "赵六 <zhao@chaotian.example>", "2026-01-01T00:00:00+08:00", 0)
	leaver := gittest.PGPKey(t, "leaver", "李四 <lisi@chaotian.example>", "2026-01-01T00:00:00+08:00", 0)
	gittest.RevokePGPKey(t, leaver, packet.KeySuperseded, "2026-04-03T00:00:00+08:00")
	stolen := gittest.PGPKey(t, "stolen", "赵六 <zhao@chaotian.example>", "2026-01-01T00:00:00+08:00", 0)
	gittest.RevokePGPKey(t, stolen, packet.KeyCompromised, "2026-05-01T00:00:00+08:00")
	stranger := gittest.PGPKey(t, "stranger", "外人 <x@example.com>", "2026-01-01T00:00:00+08:00", 0)
	late := gittest.PGPKey(t, "late", "王文书 <clerk@chaotian.example>", "2026-05-01T00:00:00+08:00", 0)
	office := gittest.SSHKey(t, "office")
	unknownSSH := gittest.SSHKey(t, "unknown")

	dir := t.TempDir()
	signers := "# 朝天镇 publishers\n" +
		`dzb@chaotian.example namespaces="git",valid-after="20260101",valid-before="20260405" ` + gittest.AuthorizedKey(office) + " 党政办\n"
	write := func(name, data string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("allowed_signers", signers)
	write("clerk.asc", gittest.ArmoredPublicKey(t, clerk))
	write("leaver.asc", gittest.ArmoredPublicKey(t, leaver)+gittest.ArmoredPublicKey(t, stolen)+gittest.ArmoredPublicKey(t, late))

	f := &signedFixture{g: gittest.New(t), trust: dir, commits: map[string]string{}}
	g := f.g
	step := func(name, when string, sign func()) {
		sign()
		g.At(when, "王文书 <clerk@chaotian.example>")
		g.Write("records/log.yaml", []byte(name+"\n"))
		f.commits[name] = g.Commit(name)
	}
	step("unsigned", "2026-04-01T09:00:00+08:00", g.Unsigned)
	step("clerk", "2026-04-02T09:00:00+08:00", func() { g.SignPGP(clerk) })
	step("leaver before revocation", "2026-04-02T10:00:00+08:00", func() { g.SignPGP(leaverSigning) })
	step("leaver after revocation", "2026-04-04T09:00:00+08:00", func() { g.SignPGP(leaverSigning) })
	step("leaver backdated", "2026-04-02T10:30:00+08:00", func() { g.SignPGPDated(leaverSigning, "2026-04-05T09:00:00+08:00") })
	step("compromised", "2026-04-02T11:00:00+08:00", func() { g.SignPGP(stolenSigning) })
	step("stranger", "2026-04-02T12:00:00+08:00", func() { g.SignPGP(stranger) })
	step("key not yet made", "2026-04-02T13:00:00+08:00", func() { g.SignPGPDated(late, "2026-05-02T09:00:00+08:00") })
	step("ssh office", "2026-04-03T09:00:00+08:00", func() { g.SignSSH(office) })
	step("ssh office after valid-before", "2026-04-06T09:00:00+08:00", func() { g.SignSSH(office) })
	step("ssh unknown", "2026-04-06T10:00:00+08:00", func() { g.SignSSH(unknownSSH) })
	g.Unsigned()
	return f
}

func TestVerifyJudgesEachSignatureByTheKeyValidAtTheCommitTime(t *testing.T) {
	f := newSignedFixture(t)
	trust, err := LoadTrust(f.trust, f.g.Dir)
	if err != nil {
		t.Fatal(err)
	}
	ix, err := Walk(f.g.Git, "HEAD")
	if err != nil {
		t.Fatal(err)
	}
	ix.Verify(trust)
	tests := []struct {
		commit string
		status changelog.SigStatus
		signer string
	}{
		{"unsigned", changelog.Unsigned, ""},
		{"clerk", changelog.Verified, "王文书 <clerk@chaotian.example>"},
		{"leaver before revocation", changelog.Verified, "李四 <lisi@chaotian.example>"},
		{"leaver after revocation", changelog.KeyNotValid, "李四 <lisi@chaotian.example>"},
		{"leaver backdated", changelog.KeyNotValid, "李四 <lisi@chaotian.example>"},
		{"compromised", changelog.KeyNotValid, "赵六 <zhao@chaotian.example>"},
		{"stranger", changelog.UnknownKey, ""},
		{"key not yet made", changelog.KeyNotValid, "王文书 <clerk@chaotian.example>"},
		{"ssh office", changelog.Verified, "dzb@chaotian.example"},
		{"ssh office after valid-before", changelog.KeyNotValid, ""},
		{"ssh unknown", changelog.UnknownKey, ""},
	}
	for _, tt := range tests {
		t.Run(tt.commit, func(t *testing.T) {
			s := ix.Commit(f.commits[tt.commit]).Signature
			if s.Status != tt.status || s.Signer != tt.signer {
				t.Errorf("Signature = %v %q (%s); want %v %q", s.Status, s.Signer, s.Reason, tt.status, tt.signer)
			}
			if tt.status != changelog.Unsigned && s.Key == "" {
				t.Errorf("Signature.Key is empty; want the key's fingerprint")
			}
		})
	}

	bad, err := RequireSignedFrom(ix, f.commits["unsigned"])
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, c := range bad {
		names = append(names, c.Subject)
	}
	want := "ssh unknown,ssh office after valid-before,key not yet made,stranger,compromised,leaver backdated,leaver after revocation"
	if strings.Join(names, ",") != want {
		t.Errorf("RequireSigned(after the unsigned commit) = %s; want %s", strings.Join(names, ","), want)
	}
	if all, _ := ix.RequireSigned(""); len(all) != 8 {
		t.Errorf("RequireSigned(\"\") = %d commits; want 8 (the unsigned one too)", len(all))
	}
}

func RequireSignedFrom(ix *Index, since string) ([]*changelog.Commit, error) {
	return ix.RequireSigned(since)
}

func TestVerifyRefusesASignatureOverDifferentContent(t *testing.T) {
	f := newSignedFixture(t)
	trust, err := LoadTrust(f.trust, f.g.Dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"clerk", "ssh office"} {
		c, err := f.g.Git.CommitObject(plumbing.NewHash(f.commits[name]))
		if err != nil {
			t.Fatal(err)
		}
		forged := &object.Commit{Author: c.Author, Committer: c.Committer, PGPSignature: c.PGPSignature,
			Message: c.Message + "篡改\n", TreeHash: c.TreeHash, ParentHashes: c.ParentHashes}
		o := f.g.Git.Storer.NewEncodedObject()
		if err := forged.Encode(o); err != nil {
			t.Fatal(err)
		}
		h, err := f.g.Git.Storer.SetEncodedObject(o)
		if err != nil {
			t.Fatal(err)
		}
		decoded, err := f.g.Git.CommitObject(h)
		if err != nil {
			t.Fatal(err)
		}
		fc, err := newCommit(decoded)
		if err != nil {
			t.Fatal(err)
		}
		if s := trust.Check(fc); s.Status != changelog.BadSignature {
			t.Errorf("%s with its message changed: %v (%s); want changelog.BadSignature", name, s.Status, s.Reason)
		}
	}
}

// TestVerifyAgreesWithGit checks the fixture's signatures with git itself
// (ssh-keygen for SSH, gpg for OpenPGP): what we verify, git verifies too.
func TestVerifyAgreesWithGit(t *testing.T) {
	for _, tool := range []string{"gpg", "ssh-keygen"} {
		if _, err := exec.LookPath(tool); err != nil {
			if os.Getenv("GONGSHI_CI") != "" {
				t.Fatalf("%s is required in CI to compare with git's own verification", tool)
			}
			t.Skipf("%s is not installed: cannot compare with git's own verification", tool)
		}
	}
	f := newSignedFixture(t)
	gnupg := t.TempDir()
	for _, asc := range []string{"clerk.asc", "leaver.asc"} {
		cmd := exec.Command("gpg", "--homedir", gnupg, "--batch", "--import", filepath.Join(f.trust, asc))
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("gpg --import: %v\n%s", err, out)
		}
	}
	tests := []struct {
		commit string
		want   string // git's %G?: G good, U good but key of unknown trust, E cannot check, …
	}{
		{"unsigned", "N"},
		{"clerk", "U"},                         // good; gpg does not know we trust it
		{"ssh office", "G"},                    // good, principal found
		{"ssh office after valid-before", "U"}, // the signature is good, but no principal may sign then
		{"ssh unknown", "U"},                   // good, but no principal holds the key
	}
	for _, tt := range tests {
		cmd := exec.Command("git", "-C", f.g.Dir, "-c", "gpg.ssh.allowedSignersFile="+filepath.Join(f.trust, "allowed_signers"),
			"log", "-1", "--format=%G?", f.commits[tt.commit])
		cmd.Env = append(os.Environ(), "GNUPGHOME="+gnupg, "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1")
		out, err := cmd.Output()
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.TrimSpace(string(out)); got != tt.want {
			t.Errorf("git log --format=%%G? %s = %q; want %q", tt.commit, got, tt.want)
		}
	}
}

func TestLoadTrustRefusesARootInsideTheRecordsRepository(t *testing.T) {
	g := gittest.New(t)
	g.Write("trust/allowed_signers", []byte("a@b "+gittest.AuthorizedKey(gittest.SSHKey(t, "k"))+"\n"))
	_, err := LoadTrust(filepath.Join(g.Dir, "trust"), g.Dir)
	if !errors.Is(err, ErrTrustInRepository) {
		t.Errorf("LoadTrust(inside) error = %v; want ErrTrustInRepository", err)
	}
}

func TestParseTrustRejectsWhatItCannotHonour(t *testing.T) {
	key := gittest.AuthorizedKey(gittest.SSHKey(t, "k"))
	for _, line := range []string{
		"a@b cert-authority " + key,
		`a@b valid-after="2026-01-01" ` + key,
		`a@b expiry-time="20260101" ` + key,
		"a@b ssh-ed25519 not-base64",
	} {
		if _, err := ParseTrust([]byte(line + "\n")); err == nil {
			t.Errorf("ParseTrust(%q) = nil error; want a refusal", line)
		}
	}
}

func TestTrustNamesTheEmailsOfItsSignersFile(t *testing.T) {
	people, err := parseSigners([]byte("# principal  name  e-mails\ndzb@chaotian.example 王文书 Clerk@Chaotian.example\nkey-7 李四 lisi@chaotian.example\n"))
	if err != nil {
		t.Fatal(err)
	}
	got := (&Trust{people: people}).Names()
	want := map[string]string{"dzb@chaotian.example": "王文书", "clerk@chaotian.example": "王文书", "lisi@chaotian.example": "李四"}
	if !maps.Equal(got, want) {
		t.Errorf("Names() = %v; want %v", got, want)
	}
}
