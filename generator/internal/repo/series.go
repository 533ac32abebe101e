package repo

import (
	"fmt"
	"slices"
	"strings"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"

	"gongshi/generator/internal/record"
)

// Series reads one commit after another, each as the record files that
// differ from the commit before: the records/ trees of the two are
// compared, a folder whose tree is the same is skipped whole, and only the
// files that changed are read (record.Series decodes them). Listing every
// file of every commit was most of reading a county's earlier commits.
// The site files are read again only where their folder's tree changed.
//
// A Series reads the object store on its own (Close releases it); it is
// not safe for concurrent use, and two Series of one Repo may not read at
// the same time where go-git's store is read (objects outside the packs
// it knows: see Objects).
type Series struct {
	r       *Repo
	objs    *Objects
	records plumbing.Hash // the records/ tree of the last commit
	site    map[string]siteFolder
	started bool
}

type siteFolder struct {
	hash  plumbing.Hash
	files []record.File
}

// seriesObjectCache is the byte budget of a Series' objects: a series
// reads a few trees and the blobs that changed per commit, and a build
// runs one per processor beside everything else it holds. The commits a
// versions pass reads are far apart, and a large folder's tree at each is
// at the end of a chain of deltas that the one before shares in part:
// with 8 MB the county's first build made 2.34 GB of objects from
// deltas, with 16 MB 1.93 GB (the versions pass reading its commits:
// 2.1 → 1.3 CPU-s); 32 and 64 MB saved little more.
const seriesObjectCache = 16 << 20

// Step is one commit of a series.
type Step struct {
	// Snapshot is the commit with its site files; its Records are left
	// out (nil): they are the last commit's with Changed and Removed.
	Snapshot *Snapshot
	// Changed are the record files added or changed since the commit
	// before, sorted by path, each with its Blob and, unless known said
	// it need not be read, its Data; Removed are the paths deleted.
	Changed []record.File
	Removed []string
	// SiteChanged says the site files differ from the commit before's.
	SiteChanged bool
}

// NewSeries starts a series at no commit: its first step lists every
// file.
func (r *Repo) NewSeries() *Series {
	return &Series{r: r, objs: NewObjects(r.storage, seriesObjectCache), site: map[string]siteFolder{}}
}

// Close releases the pack files the series read.
func (s *Series) Close() error { return s.objs.Close() }

// Next reads the commit rev names, against the last commit the series
// read. The data of a record file known says is known already by path
// and blob is not read.
func (s *Series) Next(rev string, known func(path, blob string) bool) (*Step, error) {
	c, err := s.r.Commit(rev)
	if err != nil {
		return nil, err
	}
	snap := commitSnapshot(c)
	st := &Step{Snapshot: snap}
	wrap := func(err error) error { return fmt.Errorf("repo: commit %s: %w", c.Hash, err) }
	root, err := s.objs.Tree(c.TreeHash)
	if err != nil {
		return nil, wrap(err)
	}
	records := folderHash(root, record.Dir)
	if !s.started || records != s.records {
		read := func(h plumbing.Hash) ([]byte, error) { return s.objs.Read(h, plumbing.TreeObject) }
		cs, err := DiffTrees(read, s.records, records, record.Dir)
		if err != nil {
			return nil, wrap(err)
		}
		var ws []wanted
		for _, c := range cs {
			switch {
			case !record.IsRecordFile(c.Path):
			case file(c.New):
				ws = append(ws, wanted{c.Path, c.New.Hash})
			case file(c.Old):
				st.Removed = append(st.Removed, c.Path)
			}
		}
		slices.SortFunc(ws, func(a, b wanted) int { return strings.Compare(a.path, b.path) })
		slices.Sort(st.Removed)
		if st.Changed, err = readBlobs(s.objs, ws, known); err != nil {
			return nil, wrap(err)
		}
		s.records = records
	}
	for _, p := range SitePaths {
		h := plumbing.ZeroHash
		if e, err := root.FindEntry(p); err == nil {
			h = e.Hash
		}
		if f, ok := s.site[p]; ok && f.hash == h {
			snap.Site = append(snap.Site, f.files...)
			continue
		}
		st.SiteChanged = true
		ws, err := listTree(s.objs, c.TreeHash, p, func(string) bool { return true })
		if err != nil {
			return nil, wrap(err)
		}
		files, err := readBlobs(s.objs, ws, nil)
		if err != nil {
			return nil, wrap(err)
		}
		s.site[p] = siteFolder{h, files}
		snap.Site = append(snap.Site, files...)
	}
	s.started = true
	return st, nil
}

// folderHash returns the hash of the folder name at the top of a tree,
// or zero when there is none.
func folderHash(t *object.Tree, name string) plumbing.Hash {
	for _, e := range t.Entries {
		if e.Name == name && e.Mode == filemode.Dir {
			return e.Hash
		}
	}
	return plumbing.ZeroHash
}

// file reports whether a tree entry is a file that can be read: there,
// and not a submodule.
func file(e TreeEntry) bool {
	return !e.Hash.IsZero() && e.Mode != filemode.Submodule
}
