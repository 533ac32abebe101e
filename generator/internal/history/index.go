package history

import (
	"slices"
	"time"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/storer"
)

// Index is the history of the records as seen from one commit (Head): every
// commit reachable from it, and for every file under records/ the commits
// that changed it.
type Index struct {
	Head string
	// Commits are every commit reachable from Head, newest first, never a
	// parent before its child (git log --date-order).
	Commits []*Commit

	byHash map[string]*Commit
	files  map[string][]*FileChange
	store  storer.EncodedObjectStorer
	cache  *decodeCache
}

// Commit is one commit: who made it, when, why, and what it changed.
type Commit struct {
	Hash      string
	Parents   []string
	Author    Person
	Committer Person
	Message   string // as written
	Subject   string // the first paragraph, on one line
	Body      string // the rest, without the trailers
	Trailers  []Trailer
	Type      ChangeType // from the Change-Type trailer
	// Problems are trailer lines git does not read as such (see
	// Message.Problems), for the build to show the clerk.
	Problems []string
	// Files are the record files the commit changed, by path, following
	// git's history simplification (see the package comment): for a merge,
	// only files whose version differs from every parent's.
	Files     []*FileChange
	Signature Signature // set by Verify

	sig     string // the armored signature, if signed
	payload []byte // the commit object without its signature: what was signed
}

// Person is an author or committer and the time they gave.
type Person struct {
	Name  string
	Email string
	When  time.Time // in Asia/Shanghai
}

// Short is the abbreviated hash shown on pages.
func (c *Commit) Short() string { return c.Hash[:min(len(c.Hash), 10)] }

// Signed reports whether the commit carries a signature of any kind.
func (c *Commit) Signed() bool { return c.sig != "" }

// Op is what a commit did to a file.
type Op int

const (
	Modified Op = iota
	Added
	Deleted
)

func (o Op) String() string { return [...]string{"modified", "added", "deleted"}[o] }

// FileChange is one commit's change of one record file. Old is the blob
// before (in the first parent), New after; a zero hash means absent.
type FileChange struct {
	Commit *Commit
	Path   string
	Op     Op
	Old    plumbing.Hash
	New    plumbing.Hash
}

// File returns the changes of the file at path, newest first: the commits
// `git log -- path` lists.
func (ix *Index) File(path string) []*FileChange { return ix.files[path] }

// Paths returns every path under records/ that some commit changed, sorted,
// including files deleted since.
func (ix *Index) Paths() []string {
	ps := make([]string, 0, len(ix.files))
	for p := range ix.files {
		ps = append(ps, p)
	}
	slices.Sort(ps)
	return ps
}

// Commit returns the commit with the full hash h, or nil when it is not
// reachable from Head.
func (ix *Index) Commit(h string) *Commit { return ix.byHash[h] }

// Records returns the commits that changed at least one record file,
// newest first: the site's change log.
func (ix *Index) Records() []*Commit {
	var cs []*Commit
	for _, c := range ix.Commits {
		if len(c.Files) > 0 {
			cs = append(cs, c)
		}
	}
	return cs
}
