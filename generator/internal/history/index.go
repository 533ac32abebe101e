package history

import (
	"github.com/go-git/go-git/v5/plumbing/storer"

	"gongshi/generator/internal/changelog"
)

// Index is the history of the records as seen from one commit (Head): every
// commit reachable from it, and for every file under records/ the commits
// that changed it.
type Index struct {
	Head string
	// Commits are every commit reachable from Head, newest first, never a
	// parent before its child (git log --date-order).
	Commits []*changelog.Commit

	byHash map[string]*changelog.Commit
	files  map[string][]*changelog.FileChange
	store  storer.EncodedObjectStorer
	cache  *decodeCache
}

// Commit returns the commit with the full hash h, or nil when it is not
// reachable from Head.
func (ix *Index) Commit(h string) *changelog.Commit { return ix.byHash[h] }

// Records returns the commits that changed at least one record file,
// newest first: the site's change log.
func (ix *Index) Records() []*changelog.Commit {
	var cs []*changelog.Commit
	for _, c := range ix.Commits {
		if len(c.Files) > 0 {
			cs = append(cs, c)
		}
	}
	return cs
}
