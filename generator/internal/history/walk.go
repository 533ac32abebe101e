package history

import (
	"cmp"
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
	h, err := g.ResolveRevision(plumbing.Revision(head))
	if err != nil {
		return nil, fmt.Errorf("history: no commit %q: %w", head, err)
	}
	w := &walker{st: g.Storer, nodes: map[plumbing.Hash]*node{}, trees: newTreeCache()}
	order, err := w.collect(*h)
	if err != nil {
		return nil, err
	}
	ix := &Index{
		Head:   h.String(),
		byHash: make(map[string]*Commit, len(order)),
		files:  map[string][]*FileChange{},
		store:  g.Storer,
		cache:  newDecodeCache(),
	}
	w.nodes[*h].live = everyPath
	for _, n := range order {
		if err := w.visit(n, ix); err != nil {
			return nil, fmt.Errorf("history: commit %s: %w", n.c.Hash, err)
		}
		ix.Commits = append(ix.Commits, n.commit)
		ix.byHash[n.commit.Hash] = n.commit
		n.c, n.live = nil, nil // done: let the garbage collector have them
		w.trees.next()
	}
	return ix, nil
}

// node is a commit during the walk.
type node struct {
	c        *object.Commit
	commit   *Commit
	parents  []*node
	children int // children not yet visited
	live     *pathSet
	records  plumbing.Hash // the records/ tree; zero when there is none
	recDone  bool
}

type walker struct {
	st    storer.EncodedObjectStorer
	nodes map[plumbing.Hash]*node
	trees *treeCache
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
		n := &node{c: c}
		if n.commit, err = newCommit(c); err != nil {
			return nil, fmt.Errorf("history: commit %s: %w", h, err)
		}
		w.nodes[h] = n
		for _, p := range c.ParentHashes {
			if _, ok := w.nodes[p]; !ok {
				stack = append(stack, p)
			}
		}
	}
	for _, n := range w.nodes {
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
			if p.children--; p.children == 0 {
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
	root, err := w.trees.get(w.st, n.c.TreeHash)
	if err != nil {
		return plumbing.ZeroHash, err
	}
	for _, e := range root {
		if e.Name == record.Dir && e.Mode == filemode.Dir {
			n.records = e.Hash
			break
		}
	}
	n.recDone = true
	return n.records, nil
}

// visit finds the record files n changes and hands each parent the paths
// whose history runs through it.
func (w *walker) visit(n *node, ix *Index) error {
	live := n.live
	if live == nil || live.empty() {
		return nil // reached only through parents that git's simplification drops
	}
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
		p := n.parents[0]
		prec, err := w.recordsTree(p)
		if err != nil {
			return err
		}
		if prec != rec {
			if changes, err = w.diff(prec, rec); err != nil {
				return err
			}
		}
		p.live = union(p.live, live)
	default:
		if changes, err = w.merge(n, rec, live); err != nil {
			return err
		}
	}
	for _, ch := range changes {
		if !live.has(ch.path) {
			continue
		}
		fc := &FileChange{Commit: n.commit, Path: ch.path, Old: ch.old.Hash, New: ch.new.Hash}
		switch {
		case ch.old.Hash.IsZero():
			fc.Op = Added
		case ch.new.Hash.IsZero():
			fc.Op = Deleted
		}
		n.commit.Files = append(n.commit.Files, fc)
		ix.files[ch.path] = append(ix.files[ch.path], fc)
	}
	return nil
}

// merge applies git's default simplification to a merge, path by path: a
// path follows only the first parent whose version equals the merge's;
// when no parent's does, it follows them all and the merge is listed for
// it. It returns the changes against the first parent of the paths that
// differ from every parent.
func (w *walker) merge(n *node, rec plumbing.Hash, live *pathSet) ([]change, error) {
	diffs := make([]map[string]change, len(n.parents))
	var first []change
	for i, p := range n.parents {
		prec, err := w.recordsTree(p)
		if err != nil {
			return nil, err
		}
		diffs[i] = map[string]change{}
		if prec == rec {
			continue
		}
		cs, err := w.diff(prec, rec)
		if err != nil {
			return nil, err
		}
		if i == 0 {
			first = cs
		}
		for _, c := range cs {
			diffs[i][c.path] = c
		}
	}
	// Paths the merge has as the first parent has them go to the first
	// parent; each other path goes to the first parent that has it as the
	// merge has, or to every parent when none does.
	given := make([][]string, len(n.parents))
	var moved, listed []string
	var out []change
	for _, c := range first {
		if !live.has(c.path) {
			continue
		}
		to := -1
		for i := 1; i < len(n.parents); i++ {
			if _, differs := diffs[i][c.path]; !differs {
				to = i
				break
			}
		}
		if to > 0 {
			moved = append(moved, c.path)
			given[to] = append(given[to], c.path)
			continue
		}
		listed = append(listed, c.path)
		out = append(out, c)
	}
	n.parents[0].live = union(n.parents[0].live, live.without(moved))
	for i := 1; i < len(n.parents); i++ {
		n.parents[i].live = union(n.parents[i].live, newPathSet(append(given[i], listed...)))
	}
	return out, nil
}

// change is a path whose entry differs between two trees; a zero hash
// means absent.
type change struct {
	path     string
	old, new object.TreeEntry
}

// diff compares two records/ trees (zero: none) and returns the files that
// differ, by path.
func (w *walker) diff(a, b plumbing.Hash) ([]change, error) {
	var out []change
	if err := w.diffTrees(a, b, record.Dir, &out); err != nil {
		return nil, err
	}
	slices.SortFunc(out, func(x, y change) int { return strings.Compare(x.path, y.path) })
	return out, nil
}

func (w *walker) diffTrees(a, b plumbing.Hash, dir string, out *[]change) error {
	if a == b {
		return nil
	}
	ea, err := w.entries(a)
	if err != nil {
		return err
	}
	eb, err := w.entries(b)
	if err != nil {
		return err
	}
	i, j := 0, 0
	for i < len(ea) || j < len(eb) {
		c := 0
		switch {
		case i == len(ea):
			c = 1
		case j == len(eb):
			c = -1
		default:
			c = compareEntries(&ea[i], &eb[j])
		}
		var x, y object.TreeEntry
		switch {
		case c < 0:
			x = ea[i]
			i++
		case c > 0:
			y = eb[j]
			j++
		default:
			x, y = ea[i], eb[j]
			i++
			j++
			if x.Hash == y.Hash && x.Mode == y.Mode {
				continue
			}
		}
		name := x.Name
		if name == "" {
			name = y.Name
		}
		p := dir + "/" + name
		if x.Mode == filemode.Dir || y.Mode == filemode.Dir {
			if err := w.diffTrees(x.Hash, y.Hash, p, out); err != nil {
				return err
			}
			continue
		}
		*out = append(*out, change{path: p, old: x, new: y})
	}
	return nil
}

func (w *walker) entries(h plumbing.Hash) ([]object.TreeEntry, error) {
	if h.IsZero() {
		return nil, nil
	}
	return w.trees.get(w.st, h)
}

// compareEntries orders tree entries as git stores them: by name, a
// folder's name compared as if it ended in "/".
func compareEntries(a, b *object.TreeEntry) int {
	n := min(len(a.Name), len(b.Name))
	if c := strings.Compare(a.Name[:n], b.Name[:n]); c != 0 {
		return c
	}
	return cmp.Compare(nameEnd(a, n), nameEnd(b, n))
}

func nameEnd(e *object.TreeEntry, n int) byte {
	switch {
	case len(e.Name) > n:
		return e.Name[n]
	case e.Mode == filemode.Dir:
		return '/'
	}
	return 0
}

// treeCache keeps the trees decoded for the current commit and the one
// before: in a walk from child to parent, the parent's trees were decoded
// as the old side of the child's comparison. Two generations stay small
// where a large cache would cost more in memory traffic than it saves.
type treeCache struct {
	cur, prev map[plumbing.Hash][]object.TreeEntry
}

func newTreeCache() *treeCache {
	return &treeCache{cur: map[plumbing.Hash][]object.TreeEntry{}, prev: map[plumbing.Hash][]object.TreeEntry{}}
}

func (c *treeCache) next() {
	c.prev, c.cur = c.cur, c.prev
	clear(c.cur)
}

func (c *treeCache) get(st storer.EncodedObjectStorer, h plumbing.Hash) ([]object.TreeEntry, error) {
	if e, ok := c.cur[h]; ok {
		return e, nil
	}
	if e, ok := c.prev[h]; ok {
		c.cur[h] = e
		return e, nil
	}
	t, err := object.GetTree(st, h)
	if err != nil {
		return nil, err
	}
	c.cur[h] = t.Entries
	return t.Entries, nil
}

// pathSet is a set of paths: every path but those in m when all is set,
// else exactly those in m. Sets are never changed once made: the set of a
// commit is usually its child's, shared.
type pathSet struct {
	all bool
	m   map[string]struct{}
}

var everyPath = &pathSet{all: true}

func newPathSet(ps []string) *pathSet {
	s := &pathSet{m: make(map[string]struct{}, len(ps))}
	for _, p := range ps {
		s.m[p] = struct{}{}
	}
	return s
}

func (s *pathSet) has(p string) bool {
	_, in := s.m[p]
	return in != s.all
}

func (s *pathSet) empty() bool { return !s.all && len(s.m) == 0 }

// without returns s less the paths ps.
func (s *pathSet) without(ps []string) *pathSet {
	if len(ps) == 0 {
		return s
	}
	r := &pathSet{all: s.all, m: make(map[string]struct{}, len(s.m)+len(ps))}
	for p := range s.m {
		r.m[p] = struct{}{}
	}
	for _, p := range ps {
		if s.all {
			r.m[p] = struct{}{}
		} else {
			delete(r.m, p)
		}
	}
	return r
}

// union returns a ∪ b; a may be nil (empty).
func union(a, b *pathSet) *pathSet {
	switch {
	case a == nil || a.empty():
		return b
	case b == nil || b.empty() || a == b:
		return a
	case !a.all && b.all:
		a, b = b, a
	}
	r := &pathSet{all: a.all, m: map[string]struct{}{}}
	switch {
	case a.all && b.all: // every path but those excluded from both
		for p := range a.m {
			if _, ok := b.m[p]; ok {
				r.m[p] = struct{}{}
			}
		}
	case a.all: // every path but those excluded from a and not in b
		for p := range a.m {
			if _, ok := b.m[p]; !ok {
				r.m[p] = struct{}{}
			}
		}
	default:
		for p := range a.m {
			r.m[p] = struct{}{}
		}
		for p := range b.m {
			r.m[p] = struct{}{}
		}
	}
	return r
}

// newCommit reads what the site shows of a commit.
func newCommit(c *object.Commit) (*Commit, error) {
	m := ParseMessage(c.Message)
	out := &Commit{
		Hash:      c.Hash.String(),
		Author:    Person{c.Author.Name, c.Author.Email, c.Author.When.In(repo.Shanghai())},
		Committer: Person{c.Committer.Name, c.Committer.Email, c.Committer.When.In(repo.Shanghai())},
		Message:   c.Message,
		Subject:   m.Subject,
		Body:      m.Body,
		Trailers:  m.Trailers,
		Type:      m.Type(),
		sig:       c.PGPSignature,
	}
	for _, p := range c.ParentHashes {
		out.Parents = append(out.Parents, p.String())
	}
	if out.sig != "" {
		var o plumbing.MemoryObject
		if err := c.EncodeWithoutSignature(&o); err != nil {
			return nil, err
		}
		rd, err := o.Reader()
		if err != nil {
			return nil, err
		}
		defer rd.Close()
		if out.payload, err = io.ReadAll(rd); err != nil {
			return nil, err
		}
	}
	return out, nil
}
