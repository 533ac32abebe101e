package history

import (
	"bytes"
	"container/heap"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/go-git/go-git/v5/plumbing/storer"

	"gongshi/generator/internal/changelog"
	"gongshi/generator/internal/record"
	"gongshi/generator/internal/repo"
)

// Walk reads the history of records/ reachable from head in one pass.
//
// It never asks go-git for a path-filtered log (which diffs whole trees for
// every commit, per path): it reads each commit once, compares the raw
// entries of its records/ tree with its parents', descends only into
// subtrees whose hashes differ, skips a commit whose records/ tree is its
// parent's, and keeps the trees it decoded for the parent's turn. The
// storage should keep its pack files open (repo.Open does).
func Walk(g *git.Repository, head string) (*Index, error) {
	if ss, ok := g.Storer.(storer.ShallowStorer); ok {
		if shallow, err := ss.Shallow(); err != nil {
			return nil, fmt.Errorf("history: %w", err)
		} else if len(shallow) > 0 {
			return nil, fmt.Errorf("history: %w", repo.ErrShallow)
		}
	}
	h, err := g.ResolveRevision(plumbing.Revision(head))
	if err != nil {
		return nil, fmt.Errorf("history: no commit %q: %w", head, err)
	}
	ix, _, err := walk(g, *h, nil)
	return ix, err
}

// Update returns the index of head given the index of an earlier head,
// walking only the commits prev has not seen when head's history is
// prev's with commits on top (new commits, merges among them included,
// whose oldest parent is prev.Head). Otherwise, after a rewrite or the
// merge of a branch that left the old history elsewhere, it walks the
// whole history again. The result is what Walk(g, head) returns; prev is
// not changed (its decoded-file cache is shared).
func Update(g *git.Repository, prev *Index, head string) (*Index, error) {
	h, err := g.ResolveRevision(plumbing.Revision(head))
	if err != nil {
		return nil, fmt.Errorf("history: no commit %q: %w", head, err)
	}
	if prev == nil {
		return Walk(g, head)
	}
	if h.String() == prev.Head {
		return prev, nil
	}
	if prev.byHash[h.String()] != nil {
		return Walk(g, head) // an older commit: prev's lists run past it
	}
	ix, ok, err := walk(g, *h, prev)
	if err != nil || ok {
		return ix, err
	}
	return Walk(g, head)
}

// walk walks the history of head. Given prev, it stops at the commits
// prev holds and reports whether prev's lists could be kept (see Update);
// when not, the index it returns is nil.
func walk(g *git.Repository, head plumbing.Hash, prev *Index) (*Index, bool, error) {
	objs := repo.NewObjects(g.Storer, repo.DefaultObjectCache)
	defer objs.Close()
	w := &walker{st: g.Storer, nodes: map[plumbing.Hash]*node{}, outside: map[plumbing.Hash]*node{}, trees: newTreeCache(objs)}
	if prev != nil {
		w.known = prev.byHash
	}
	order, err := w.collect(head)
	if err != nil {
		return nil, false, err
	}
	ix := &Index{
		Head:   head.String(),
		byHash: make(map[string]*changelog.Commit, len(order)),
		files:  map[string][]*changelog.FileChange{},
		store:  g.Storer,
		cache:  newDecodeCache(),
	}
	for _, n := range order {
		if err := w.visit(n, ix); err != nil {
			return nil, false, fmt.Errorf("history: commit %s: %w", n.c.Hash, err)
		}
		ix.Commits = append(ix.Commits, n.commit)
		ix.byHash[n.commit.Hash] = n.commit
		n.c = nil // done: let the garbage collector have it
		w.trees.next()
	}
	if prev == nil {
		return ix, true, nil
	}
	// prev's lists stand if the only old commit reached is prev.Head.
	for h, n := range w.nodes {
		if n.boundary && h.String() != prev.Head {
			return nil, false, nil
		}
	}
	ix.cache = prev.cache
	ix.Commits = append(ix.Commits, prev.Commits...)
	for _, c := range prev.Commits {
		ix.byHash[c.Hash] = c
	}
	for p, fcs := range prev.files {
		ix.files[p] = append(ix.files[p], fcs...)
	}
	return ix, true, nil
}

// node is a commit during the walk.
type node struct {
	hash     plumbing.Hash
	c        *object.Commit
	commit   *changelog.Commit
	parents  []*node
	children int           // children not yet visited
	records  plumbing.Hash // the records/ tree; zero when there is none
	recDone  bool
	boundary bool // a commit of the earlier index: read, not walked
}

type walker struct {
	known map[string]*changelog.Commit // commits of an earlier index, where collect stops
	st    storer.EncodedObjectStorer
	nodes map[plumbing.Hash]*node
	// outside are commits read for a merge base beyond an earlier
	// index's commits: neither walked nor part of the index.
	outside map[plumbing.Hash]*node
	trees   *treeCache
}

// collect reads every commit reachable from head and returns them in
// date order: newest committer date first, children before parents, ties
// by hash.
func (w *walker) collect(head plumbing.Hash) ([]*node, error) {
	stack := []plumbing.Hash{head}
	for len(stack) > 0 {
		h := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if _, ok := w.nodes[h]; ok {
			continue
		}
		c, err := object.GetCommit(w.st, h)
		if err != nil {
			return nil, fmt.Errorf("history: commit %s: %w", h, err)
		}
		n := &node{hash: h, c: c}
		w.nodes[h] = n
		if _, old := w.known[h.String()]; old {
			n.boundary = true
			continue
		}
		if n.commit, err = newCommit(c); err != nil {
			return nil, fmt.Errorf("history: commit %s: %w", h, err)
		}
		for _, p := range c.ParentHashes {
			if _, ok := w.nodes[p]; !ok {
				stack = append(stack, p)
			}
		}
	}
	for _, n := range w.nodes {
		if n.boundary {
			continue
		}
		for _, p := range n.c.ParentHashes {
			pn := w.nodes[p]
			n.parents = append(n.parents, pn)
			pn.children++
		}
	}
	q := &dateQueue{w.nodes[head]}
	order := make([]*node, 0, len(w.nodes))
	for q.Len() > 0 {
		n := heap.Pop(q).(*node)
		order = append(order, n)
		for _, p := range n.parents {
			if p.children--; p.children == 0 && !p.boundary {
				heap.Push(q, p)
			}
		}
	}
	return order, nil
}

type dateQueue []*node

func (q dateQueue) Len() int { return len(q) }
func (q dateQueue) Less(i, j int) bool {
	a, b := q[i].c, q[j].c
	if c := a.Committer.When.Compare(b.Committer.When); c != 0 {
		return c > 0
	}
	return strings.Compare(a.Hash.String(), b.Hash.String()) < 0
}
func (q dateQueue) Swap(i, j int) { q[i], q[j] = q[j], q[i] }
func (q *dateQueue) Push(x any)   { *q = append(*q, x.(*node)) }
func (q *dateQueue) Pop() any {
	old := *q
	n := old[len(old)-1]
	*q = old[:len(old)-1]
	return n
}

// recordsTree returns the hash of the commit's records/ tree.
func (w *walker) recordsTree(n *node) (plumbing.Hash, error) {
	if n.recDone {
		return n.records, nil
	}
	root, err := w.trees.get(n.c.TreeHash)
	if err != nil {
		return plumbing.ZeroHash, err
	}
	cur := repo.NewTreeCursor(root, n.c.TreeHash)
	for cur.Next() {
		if e := cur.Entry(); e.Mode == filemode.Dir && string(e.Name) == record.Dir {
			n.records = e.Hash
			break
		}
	}
	if err := cur.Err(); err != nil {
		return plumbing.ZeroHash, err
	}
	n.recDone = true
	return n.records, nil
}

// visit finds the record files n changes. Every commit reachable from the
// head is visited, the sides of merges included (see the package comment):
// a commit on a side branch is part of the history whether or not the
// merge kept its changes.
func (w *walker) visit(n *node, ix *Index) error {
	rec, err := w.recordsTree(n)
	if err != nil {
		return err
	}
	var changes []change
	switch len(n.parents) {
	case 0:
		if changes, err = w.diff(plumbing.ZeroHash, rec); err != nil {
			return err
		}
	case 1:
		prec, err := w.recordsTree(n.parents[0])
		if err != nil {
			return err
		}
		if prec != rec {
			if changes, err = w.diff(prec, rec); err != nil {
				return err
			}
		}
	default:
		if changes, err = w.merge(n, rec); err != nil {
			return err
		}
	}
	for _, ch := range changes {
		fc := &changelog.FileChange{Commit: n.commit, Path: ch.path, Old: changelog.Hash(ch.old.Hash), New: changelog.Hash(ch.new.Hash), From: ch.from}
		switch {
		case ch.old.Hash.IsZero():
			fc.Op = changelog.Added
		case ch.new.Hash.IsZero():
			fc.Op = changelog.Deleted
		}
		n.commit.Files = append(n.commit.Files, fc)
		ix.files[ch.path] = append(ix.files[ch.path], fc)
	}
	return nil
}

// merge returns the record files a merge changed itself: those whose
// version differs from every parent's (a conflict resolved by hand, an
// edit made in the merge), described against the first parent; and those
// where the merge did not take a line's change (`git merge -s ours`, a
// conflict resolved as one side): a line changed the file since it forked
// (its version is not the one at the merge base) and the merge's version
// is not that line's. A side branch's change not taken is described
// against that side (From), so that its page shows the merge undoing it;
// the main line's, against the first parent. A file the merge took
// unchanged from the line that changed it is not the merge's change: the
// commits of that line list it.
func (w *walker) merge(n *node, rec plumbing.Hash) ([]change, error) {
	// The version of every path that differs between the merge and some
	// parent, in the merge and in each parent.
	type versions struct {
		m    entry
		v    []entry
		diff []bool // differs from parent i
	}
	byPath := map[string]*versions{}
	var paths []string
	for i, p := range n.parents {
		prec, err := w.recordsTree(p)
		if err != nil {
			return nil, err
		}
		if prec == rec {
			continue
		}
		cs, err := w.diff(prec, rec)
		if err != nil {
			return nil, err
		}
		for _, c := range cs {
			vs := byPath[c.path]
			if vs == nil {
				vs = &versions{m: c.new, v: make([]entry, len(n.parents)), diff: make([]bool, len(n.parents))}
				byPath[c.path] = vs
				paths = append(paths, c.path)
			}
			vs.v[i], vs.diff[i] = c.old, true
		}
	}
	if len(paths) == 0 {
		return nil, nil
	}
	slices.Sort(paths)
	// A parent whose version a path does not differ from has the merge's.
	for _, vs := range byPath {
		for i, d := range vs.diff {
			if !d {
				vs.v[i] = vs.m
			}
		}
	}
	bases := make([][]plumbing.Hash, len(n.parents)) // merge bases of the first parent and parent i
	baseOf := func(i int) ([]plumbing.Hash, error) {
		if bases[i] == nil {
			bs, err := w.mergeBases(n.parents[0].hash, n.parents[i].hash)
			if err != nil {
				return nil, err
			}
			bases[i] = bs
		}
		return bases[i], nil
	}
	// changed reports whether line i's version of p is not the one at the
	// merge bases of the first parent and parent j: the line changed p
	// since the two forked.
	changed := func(p string, v entry, j int) (bool, error) {
		bs, err := baseOf(j)
		if err != nil {
			return false, err
		}
		for _, b := range bs {
			e, err := w.entryAt(b, p)
			if err != nil {
				return false, err
			}
			if e == v {
				return false, nil
			}
		}
		return true, nil
	}
	var out []change
	for _, p := range paths {
		vs := byPath[p]
		took := slices.Index(vs.diff, false) // the parent whose version the merge took, or -1
		if took < 0 {
			out = append(out, change{path: p, old: vs.v[0], new: vs.m})
			continue
		}
		// The main line's change not taken.
		if took > 0 && vs.diff[0] {
			ch, err := changed(p, vs.v[0], took)
			if err != nil {
				return nil, err
			}
			if ch {
				out = append(out, change{path: p, old: vs.v[0], new: vs.m})
				continue
			}
		}
		// A side's change not taken.
		for i := 1; i < len(n.parents); i++ {
			if !vs.diff[i] {
				continue
			}
			ch, err := changed(p, vs.v[i], i)
			if err != nil {
				return nil, err
			}
			if ch {
				out = append(out, change{path: p, old: vs.v[i], new: vs.m, from: n.parents[i].hash.String()})
				break
			}
		}
	}
	return out, nil
}

// mergeBases returns the merge bases of a and b: the common ancestors
// nearest b (those reached from b first). For criss-cross histories there
// may be several; a line changed a file when its version is none of
// theirs.
func (w *walker) mergeBases(a, b plumbing.Hash) ([]plumbing.Hash, error) {
	anc := map[plumbing.Hash]bool{}
	stack := []plumbing.Hash{a}
	for len(stack) > 0 {
		h := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if anc[h] {
			continue
		}
		anc[h] = true
		ps, err := w.parentsOf(h)
		if err != nil {
			return nil, err
		}
		stack = append(stack, ps...)
	}
	var bases []plumbing.Hash
	seen := map[plumbing.Hash]bool{}
	stack = []plumbing.Hash{b}
	for len(stack) > 0 {
		h := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if seen[h] {
			continue
		}
		seen[h] = true
		if anc[h] {
			bases = append(bases, h)
			continue
		}
		ps, err := w.parentsOf(h)
		if err != nil {
			return nil, err
		}
		stack = append(stack, ps...)
	}
	// Of several, keep those no other is a descendant of, as
	// `git merge-base --all` does.
	if len(bases) > 1 {
		var best []plumbing.Hash
		for _, x := range bases {
			older := false
			for _, y := range bases {
				if x == y || older {
					continue
				}
				var err error
				if older, err = w.isAncestor(x, y); err != nil {
					return nil, err
				}
			}
			if !older {
				best = append(best, x)
			}
		}
		bases = best
	}
	slices.SortFunc(bases, func(x, y plumbing.Hash) int { return bytes.Compare(x[:], y[:]) })
	return bases, nil
}

// isAncestor reports whether a is an ancestor of b.
func (w *walker) isAncestor(a, b plumbing.Hash) (bool, error) {
	seen := map[plumbing.Hash]bool{}
	stack := []plumbing.Hash{b}
	for len(stack) > 0 {
		h := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if h == a {
			return true, nil
		}
		if seen[h] {
			continue
		}
		seen[h] = true
		ps, err := w.parentsOf(h)
		if err != nil {
			return false, err
		}
		stack = append(stack, ps...)
	}
	return false, nil
}

// parentsOf returns a commit's parents, from the walk, from the earlier
// index, or else from git.
func (w *walker) parentsOf(h plumbing.Hash) ([]plumbing.Hash, error) {
	if n := w.nodes[h]; n != nil && !n.boundary {
		ps := make([]plumbing.Hash, len(n.parents))
		for i, p := range n.parents {
			ps[i] = p.hash
		}
		return ps, nil
	}
	if c := w.known[h.String()]; c != nil {
		ps := make([]plumbing.Hash, len(c.Parents))
		for i, p := range c.Parents {
			ps[i] = plumbing.NewHash(p)
		}
		return ps, nil
	}
	c, err := object.GetCommit(w.st, h)
	if err != nil {
		return nil, fmt.Errorf("commit %s: %w", h, err)
	}
	return c.ParentHashes, nil
}

// entryAt returns the entry of the file at p (under records/) in commit
// h; zero when it has none.
func (w *walker) entryAt(h plumbing.Hash, p string) (entry, error) {
	n := w.nodes[h]
	if n == nil {
		if n = w.outside[h]; n == nil {
			c, err := object.GetCommit(w.st, h)
			if err != nil {
				return entry{}, fmt.Errorf("commit %s: %w", h, err)
			}
			n = &node{hash: h, c: c}
			w.outside[h] = n
		}
	}
	tree, err := w.recordsTree(n)
	if err != nil || tree.IsZero() {
		return entry{}, err
	}
	names := strings.Split(strings.TrimPrefix(p, record.Dir+"/"), "/")
	for i, name := range names {
		raw, err := w.trees.get(tree)
		if err != nil {
			return entry{}, err
		}
		cur := repo.NewTreeCursor(raw, tree)
		found := false
		for cur.Next() {
			e := cur.Entry()
			if string(e.Name) != name {
				continue
			}
			last := i == len(names)-1
			if last && e.Mode != filemode.Dir {
				return entry{Hash: e.Hash, Mode: e.Mode}, nil
			}
			if !last && e.Mode == filemode.Dir {
				tree, found = e.Hash, true
				break
			}
		}
		if err := cur.Err(); err != nil {
			return entry{}, err
		}
		if !found {
			return entry{}, nil
		}
	}
	return entry{}, nil
}

// change is a path whose entry differs between two trees; a zero hash
// means absent.
type change struct {
	path     string
	old, new entry
	from     string // the parent old is read from, when not the first
}

// entry is what a tree says of a file: its content and mode.
type entry = repo.TreeEntry

// diff compares two records/ trees (zero: none) and returns the files that
// differ, by path.
func (w *walker) diff(a, b plumbing.Hash) ([]change, error) {
	cs, err := repo.DiffTrees(w.raw, a, b, record.Dir)
	if err != nil {
		return nil, err
	}
	out := make([]change, len(cs))
	for i, c := range cs {
		out[i] = change{path: c.Path, old: c.Old, new: c.New}
	}
	slices.SortFunc(out, func(x, y change) int { return strings.Compare(x.path, y.path) })
	return out, nil
}

func (w *walker) raw(h plumbing.Hash) ([]byte, error) {
	if h.IsZero() {
		return nil, nil
	}
	return w.trees.get(h)
}

// treeCache keeps the raw trees read for the current commit and the one
// before: in a walk from child to parent, the parent's trees were read as
// the old side of the child's comparison. Two generations stay small
// where a large cache would cost more in memory traffic than it saves.
type treeCache struct {
	cur, prev map[plumbing.Hash][]byte
	objs      *repo.Objects
}

func newTreeCache(objs *repo.Objects) *treeCache {
	return &treeCache{cur: map[plumbing.Hash][]byte{}, prev: map[plumbing.Hash][]byte{}, objs: objs}
}

func (c *treeCache) next() {
	c.prev, c.cur = c.cur, c.prev
	clear(c.cur)
}

func (c *treeCache) get(h plumbing.Hash) ([]byte, error) {
	if e, ok := c.cur[h]; ok {
		return e, nil
	}
	if e, ok := c.prev[h]; ok {
		c.cur[h] = e
		return e, nil
	}
	buf, err := c.objs.Read(h, plumbing.TreeObject)
	if err != nil {
		return nil, fmt.Errorf("tree %s: %w", h, err)
	}
	c.cur[h] = buf
	return buf, nil
}

// newCommit reads what the site shows of a commit.
func newCommit(c *object.Commit) (*changelog.Commit, error) {
	m := changelog.ParseMessage(c.Message)
	out := &changelog.Commit{
		Hash:      c.Hash.String(),
		Author:    changelog.Person{Name: c.Author.Name, Email: c.Author.Email, When: c.Author.When.In(record.Shanghai())},
		Committer: changelog.Person{Name: c.Committer.Name, Email: c.Committer.Email, When: c.Committer.When.In(record.Shanghai())},
		Message:   c.Message,
		Subject:   m.Subject,
		Body:      m.Body,
		Trailers:  m.Trailers,
		Type:      m.Type(),
		Problems:  m.Problems,
		Armor:     c.PGPSignature,
	}
	for _, p := range c.ParentHashes {
		out.Parents = append(out.Parents, p.String())
	}
	if out.Armor != "" {
		var o plumbing.MemoryObject
		if err := c.EncodeWithoutSignature(&o); err != nil {
			return nil, err
		}
		rd, err := o.Reader()
		if err != nil {
			return nil, err
		}
		defer rd.Close()
		if out.Payload, err = io.ReadAll(rd); err != nil {
			return nil, err
		}
	}
	return out, nil
}
