package gittest

import (
	"bytes"
	"io"
	"os"
	"path/filepath"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// Head returns the hash of the commit HEAD points to.
func (r *Repo) Head() string {
	r.t.Helper()
	ref, err := r.Git.Head()
	if err != nil {
		r.t.Fatalf("gittest: head: %v", err)
	}
	return ref.Hash().String()
}

// Branch creates a branch at HEAD without switching to it.
func (r *Repo) Branch(name string) {
	r.t.Helper()
	ref := plumbing.NewHashReference(plumbing.NewBranchReferenceName(name), plumbing.NewHash(r.Head()))
	if err := r.Git.Storer.SetReference(ref); err != nil {
		r.t.Fatalf("gittest: branch %s: %v", name, err)
	}
}

// Checkout switches HEAD and the working tree to a branch.
func (r *Repo) Checkout(name string) {
	r.t.Helper()
	w, err := r.Git.Worktree()
	if err != nil {
		r.t.Fatal(err)
	}
	if err := w.Checkout(&git.CheckoutOptions{Branch: plumbing.NewBranchReferenceName(name), Force: true}); err != nil {
		r.t.Fatalf("gittest: checkout %s: %v", name, err)
	}
}

// Reset moves the current branch to rev and makes the working tree match
// it, as `git reset --hard` does; followed by new commits, it is what a
// force-push leaves behind.
func (r *Repo) Reset(rev string) {
	r.t.Helper()
	h, err := r.Git.ResolveRevision(plumbing.Revision(rev))
	if err != nil {
		r.t.Fatalf("gittest: reset %s: %v", rev, err)
	}
	w, err := r.Git.Worktree()
	if err != nil {
		r.t.Fatal(err)
	}
	if err := w.Reset(&git.ResetOptions{Commit: *h, Mode: git.HardReset}); err != nil {
		r.t.Fatalf("gittest: reset %s: %v", rev, err)
	}
}

// Merge records a merge commit whose first parent is HEAD and second the
// tip of branch. Its tree is HEAD's with the branch's changes since the
// merge base applied file by file; where both sides changed a file
// differently, the working tree's version is kept, so a test resolves a
// conflict by writing the file before calling Merge.
func (r *Repo) Merge(branch, msg string) string {
	r.t.Helper()
	ours, err := r.Git.CommitObject(plumbing.NewHash(r.Head()))
	if err != nil {
		r.t.Fatal(err)
	}
	ref, err := r.Git.Reference(plumbing.NewBranchReferenceName(branch), true)
	if err != nil {
		r.t.Fatalf("gittest: merge %s: %v", branch, err)
	}
	theirs, err := r.Git.CommitObject(ref.Hash())
	if err != nil {
		r.t.Fatal(err)
	}
	bases, err := ours.MergeBase(theirs)
	if err != nil || len(bases) == 0 {
		r.t.Fatalf("gittest: merge %s: no merge base (%v)", branch, err)
	}
	base, o, th := r.files(bases[0]), r.files(ours), r.files(theirs)
	for p, t := range th {
		if b, ok := base[p]; (!ok || b != t) && o[p] == base[p] {
			r.Write(p, r.blob(t.hash))
			r.chmod(p, t.mode)
		}
	}
	for p := range base {
		if _, ok := th[p]; !ok && o[p] == base[p] {
			r.Remove(p)
		}
	}
	return r.commit(msg, []plumbing.Hash{ours.Hash, theirs.Hash})
}

// MergeOurs records a merge of branch that keeps the working tree as it is
// (`git merge -s ours` when it is HEAD's): the branch's changes are
// dropped, yet its commits become part of the history.
func (r *Repo) MergeOurs(branch, msg string) string {
	r.t.Helper()
	ref, err := r.Git.Reference(plumbing.NewBranchReferenceName(branch), true)
	if err != nil {
		r.t.Fatalf("gittest: merge %s: %v", branch, err)
	}
	return r.commit(msg, []plumbing.Hash{plumbing.NewHash(r.Head()), ref.Hash()})
}

type fileEntry struct {
	hash plumbing.Hash
	mode filemode.FileMode
}

func (r *Repo) files(c *object.Commit) map[string]fileEntry {
	r.t.Helper()
	tree, err := c.Tree()
	if err != nil {
		r.t.Fatal(err)
	}
	m := map[string]fileEntry{}
	w := object.NewTreeWalker(tree, true, nil)
	defer w.Close()
	for {
		name, e, err := w.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			r.t.Fatal(err)
		}
		if e.Mode != filemode.Dir {
			m[name] = fileEntry{e.Hash, e.Mode}
		}
	}
	return m
}

func (r *Repo) blob(h plumbing.Hash) []byte {
	r.t.Helper()
	b, err := r.Git.BlobObject(h)
	if err != nil {
		r.t.Fatal(err)
	}
	rd, err := b.Reader()
	if err != nil {
		r.t.Fatal(err)
	}
	defer rd.Close()
	var buf bytes.Buffer
	if _, err := io.Copy(&buf, rd); err != nil {
		r.t.Fatal(err)
	}
	return buf.Bytes()
}

func (r *Repo) chmod(p string, m filemode.FileMode) {
	r.t.Helper()
	perm := os.FileMode(0o644)
	if m == filemode.Executable {
		perm = 0o755
	}
	if err := os.Chmod(filepath.Join(r.Dir, filepath.FromSlash(p)), perm); err != nil {
		r.t.Fatal(err)
	}
}
