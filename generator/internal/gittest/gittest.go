// Package gittest builds fixture git repositories for tests: scripted
// commits with fixed authors, dates and messages, so that nothing about a
// test depends on the wall clock or on this repository's own history.
package gittest

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
	"golang.org/x/tools/txtar"
)

// Repo is a fixture repository in a temporary folder.
type Repo struct {
	t      testing.TB
	Dir    string
	Git    *git.Repository
	sig    object.Signature
	signer func(when time.Time) signerFunc // nil: unsigned
}

// New creates an empty repository with a default author and date.
func New(t testing.TB) *Repo {
	t.Helper()
	return NewIn(t, t.TempDir())
}

// NewIn is New in the folder dir, which outlives the test when a fixture
// is shared by several (the caller removes it).
func NewIn(t testing.TB, dir string) *Repo {
	t.Helper()
	g, err := git.PlainInitWithOptions(dir, &git.PlainInitOptions{
		InitOptions: git.InitOptions{DefaultBranch: plumbing.NewBranchReferenceName("main")},
	})
	if err != nil {
		t.Fatal(err)
	}
	r := &Repo{t: t, Dir: dir, Git: g}
	r.At("2026-01-05T09:00:00+08:00", "王文书 <clerk@chaotian.example>")
	return r
}

// Open opens the repository in dir, made by New or NewIn (or a copy of
// one), with the default author and date.
func Open(t testing.TB, dir string) *Repo {
	t.Helper()
	g, err := git.PlainOpen(dir)
	if err != nil {
		t.Fatal(err)
	}
	r := &Repo{t: t, Dir: dir, Git: g}
	r.At("2026-01-05T09:00:00+08:00", "王文书 <clerk@chaotian.example>")
	return r
}

// At sets the author, committer and time of the next commits. who is
// "Name <email>".
func (r *Repo) At(when, who string) {
	r.t.Helper()
	tm, err := time.Parse(time.RFC3339, when)
	if err != nil {
		r.t.Fatalf("gittest: at %q: %v", when, err)
	}
	name, email := splitWho(r.t, who)
	r.sig = object.Signature{Name: name, Email: email, When: tm}
}

func splitWho(t testing.TB, who string) (name, email string) {
	t.Helper()
	m := regexp.MustCompile(`^(.*?)\s*<(.*)>$`).FindStringSubmatch(who)
	if m == nil {
		t.Fatalf("gittest: %q is not \"Name <email>\"", who)
	}
	return m[1], m[2]
}

// Write puts a file in the working tree.
func (r *Repo) Write(path string, data []byte) {
	r.t.Helper()
	full := filepath.Join(r.Dir, filepath.FromSlash(path))
	if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
		r.t.Fatal(err)
	}
	if err := os.WriteFile(full, data, 0o644); err != nil {
		r.t.Fatal(err)
	}
}

// Remove deletes a file or folder from the working tree.
func (r *Repo) Remove(path string) {
	r.t.Helper()
	full := filepath.Join(r.Dir, filepath.FromSlash(path))
	if err := os.RemoveAll(full); err != nil {
		r.t.Fatal(err)
	}
	// Folders left empty go too, as git has no empty folders.
	for d := filepath.Dir(full); d != r.Dir && os.Remove(d) == nil; d = filepath.Dir(d) {
	}
}

// CopyDir copies a folder from the real file system into the working tree
// (for example this project's layouts/).
func (r *Repo) CopyDir(src, dst string) {
	r.t.Helper()
	err := filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(src, p)
		if err != nil {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		r.Write(filepath.ToSlash(filepath.Join(dst, rel)), b)
		return nil
	})
	if err != nil {
		r.t.Fatal(err)
	}
}

// Commit records every change in the working tree with the message and
// returns the commit's hash.
func (r *Repo) Commit(msg string) string {
	r.t.Helper()
	return r.commit(msg, nil)
}

// commit records the working tree with the given parents (HEAD when nil),
// signed when a signer is set.
func (r *Repo) commit(msg string, parents []plumbing.Hash) string {
	r.t.Helper()
	w, err := r.Git.Worktree()
	if err != nil {
		r.t.Fatal(err)
	}
	if err := w.AddWithOptions(&git.AddOptions{All: true}); err != nil {
		r.t.Fatal(err)
	}
	sig := r.sig
	opts := &git.CommitOptions{Author: &sig, Committer: &sig, AllowEmptyCommits: true, Parents: parents}
	if r.signer != nil {
		opts.Signer = r.signer(sig.When)
	}
	h, err := w.Commit(msg, opts)
	if err != nil {
		r.t.Fatal(err)
	}
	return h.String()
}

// Script runs the commands in an archive's comment against the repository,
// one per line, with files taken from the archive:
//
//	at 2026-04-01T09:00:00+08:00 王文书 <clerk@town.example>
//	cp FILE [PATH]     write the archive's FILE at PATH (default FILE)
//	rm PATH
//	commit MESSAGE     (\n in MESSAGE is a line break)
//	branch NAME        create a branch at HEAD
//	checkout NAME      switch to a branch
//	merge NAME MESSAGE merge the branch into HEAD (see Merge)
//	merge-ours NAME MESSAGE  merge keeping the working tree (see MergeOurs)
//	reset REV          move the current branch to REV (git reset --hard)
//	sign-ssh SEED      sign the next commits with SSHKey(SEED)
//	sign-pgp SEED CREATED NAME <EMAIL>  sign with PGPKey(SEED, …), no expiry
//	unsigned           stop signing
//
// It returns the hashes of the commits in order. Lines starting with # are
// comments.
func (r *Repo) Script(a *txtar.Archive) []string {
	r.t.Helper()
	files := map[string][]byte{}
	for _, f := range a.Files {
		files[f.Name] = f.Data
	}
	var hashes []string
	for n, line := range strings.Split(string(a.Comment), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		verb, rest, _ := strings.Cut(line, " ")
		args := strings.Fields(rest)
		fail := func(format string, v ...any) {
			r.t.Helper()
			r.t.Fatalf("gittest: script line %d %q: %s", n+1, line, fmt.Sprintf(format, v...))
		}
		switch verb {
		case "at":
			if len(args) < 2 {
				fail("want: at TIME NAME <EMAIL>")
			}
			r.At(args[0], strings.TrimSpace(strings.TrimPrefix(rest, args[0])))
		case "cp":
			if len(args) < 1 || len(args) > 2 {
				fail("want: cp FILE [PATH]")
			}
			b, ok := files[args[0]]
			if !ok {
				fail("no file %q in the archive", args[0])
			}
			dst := args[0]
			if len(args) == 2 {
				dst = args[1]
			}
			r.Write(dst, b)
		case "rm":
			if len(args) != 1 {
				fail("want: rm PATH")
			}
			r.Remove(args[0])
		case "commit":
			if rest == "" {
				fail("want: commit MESSAGE")
			}
			hashes = append(hashes, r.Commit(strings.ReplaceAll(rest, `\n`, "\n")))
		case "branch", "checkout", "reset":
			if len(args) != 1 {
				fail("want: %s NAME", verb)
			}
			map[string]func(string){"branch": r.Branch, "checkout": r.Checkout, "reset": r.Reset}[verb](args[0])
		case "sign-ssh":
			if len(args) != 1 {
				fail("want: sign-ssh SEED")
			}
			r.SignSSH(SSHKey(r.t, args[0]))
		case "sign-pgp":
			if len(args) < 4 {
				fail("want: sign-pgp SEED CREATED NAME <EMAIL>")
			}
			who := strings.TrimSpace(strings.TrimPrefix(strings.TrimPrefix(rest, args[0]+" "), args[1]+" "))
			r.SignPGP(PGPKey(r.t, args[0], who, args[1], 0))
		case "unsigned":
			r.Unsigned()
		case "merge", "merge-ours":
			name, msg, _ := strings.Cut(rest, " ")
			if name == "" || msg == "" {
				fail("want: %s BRANCH MESSAGE", verb)
			}
			merge := r.Merge
			if verb == "merge-ours" {
				merge = r.MergeOurs
			}
			hashes = append(hashes, merge(name, strings.ReplaceAll(msg, `\n`, "\n")))
		default:
			fail("unknown command %q", verb)
		}
	}
	return hashes
}
