package repo

import (
	"bytes"
	"cmp"
	"fmt"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
)

// Trees read as their objects' bytes, entry by entry: object.Tree's
// decoder allocates for every entry, and decoding trees was most of the
// history walk's time (and of a Series' diffs, whose records folders hold
// thousands of files).

// TreeEntry is what a tree says of a file: its content and mode.
type TreeEntry struct {
	Hash plumbing.Hash
	Mode filemode.FileMode
}

// TreeChange is a file whose entry differs between two trees; a zero
// hash means absent.
type TreeChange struct {
	Path     string
	Old, New TreeEntry
}

// RawEntry is an entry as read from a tree object; Name points into it.
type RawEntry struct {
	Name []byte
	Mode filemode.FileMode
	Hash plumbing.Hash
}

// TreeCursor reads a tree object's entries, "MODE NAME\0" and a 20-byte
// hash each, one at a time.
type TreeCursor struct {
	data []byte
	tree plumbing.Hash
	e    RawEntry
	ok   bool
	err  error
}

// NewTreeCursor reads the entries of the tree object data, whose hash is
// tree (for messages).
func NewTreeCursor(data []byte, tree plumbing.Hash) TreeCursor {
	return TreeCursor{data: data, tree: tree}
}

// Next reads the next entry, reporting whether there is one.
func (c *TreeCursor) Next() bool {
	c.next()
	return c.ok
}

// Entry is the entry Next read.
func (c *TreeCursor) Entry() RawEntry { return c.e }

// Err is why reading stopped early, if it did: a malformed tree.
func (c *TreeCursor) Err() error { return c.err }

const hashSize = 20

func (c *TreeCursor) next() {
	c.ok = false
	if len(c.data) == 0 || c.err != nil {
		return
	}
	sp := bytes.IndexByte(c.data, ' ')
	nul := bytes.IndexByte(c.data, 0)
	if sp < 1 || nul < sp+2 || len(c.data) < nul+1+hashSize {
		c.err = fmt.Errorf("tree %s: malformed entry", c.tree)
		return
	}
	var mode uint32
	for _, d := range c.data[:sp] {
		if d < '0' || d > '7' {
			c.err = fmt.Errorf("tree %s: malformed mode %q", c.tree, c.data[:sp])
			return
		}
		mode = mode<<3 | uint32(d-'0')
	}
	c.e = RawEntry{Name: c.data[sp+1 : nul], Mode: canonicalMode(mode)}
	copy(c.e.Hash[:], c.data[nul+1:nul+1+hashSize])
	c.data = c.data[nul+1+hashSize:]
	c.ok = true
}

// canonicalMode maps the modes old gits wrote (100664, 040755…) to the
// ones git compares, as go-git does.
func canonicalMode(m uint32) filemode.FileMode {
	switch m & 0o170000 {
	case 0o040000:
		return filemode.Dir
	case 0o100000:
		if m&0o111 != 0 {
			return filemode.Executable
		}
		return filemode.Regular
	case 0o120000:
		return filemode.Symlink
	}
	return filemode.Submodule
}

// compareEntries orders tree entries as git stores them: by name, a
// folder's name compared as if it ended in "/".
func compareEntries(a, b *RawEntry) int {
	n := min(len(a.Name), len(b.Name))
	if c := bytes.Compare(a.Name[:n], b.Name[:n]); c != 0 {
		return c
	}
	return cmp.Compare(nameEnd(a, n), nameEnd(b, n))
}

func nameEnd(e *RawEntry, n int) byte {
	switch {
	case len(e.Name) > n:
		return e.Name[n]
	case e.Mode == filemode.Dir:
		return '/'
	}
	return 0
}

// DiffTrees compares two trees (zero: an empty tree) whose objects read
// returns, and returns the files under them that differ, their paths
// under dir, in tree order. A subtree whose hash is the same on both
// sides is skipped whole.
func DiffTrees(read func(plumbing.Hash) ([]byte, error), a, b plumbing.Hash, dir string) ([]TreeChange, error) {
	var out []TreeChange
	err := diffTrees(read, a, b, dir, &out)
	return out, err
}

func diffTrees(read func(plumbing.Hash) ([]byte, error), a, b plumbing.Hash, dir string, out *[]TreeChange) error {
	if a == b {
		return nil
	}
	raw := func(h plumbing.Hash) ([]byte, error) {
		if h.IsZero() {
			return nil, nil
		}
		return read(h)
	}
	ra, err := raw(a)
	if err != nil {
		return err
	}
	rb, err := raw(b)
	if err != nil {
		return err
	}
	x, y := NewTreeCursor(ra, a), NewTreeCursor(rb, b)
	x.next()
	y.next()
	for x.ok || y.ok {
		c := 0
		switch {
		case !x.ok:
			c = 1
		case !y.ok:
			c = -1
		default:
			c = compareEntries(&x.e, &y.e)
		}
		var ea, eb RawEntry
		switch {
		case c < 0:
			ea = x.e
			x.next()
		case c > 0:
			eb = y.e
			y.next()
		default:
			ea, eb = x.e, y.e
			x.next()
			y.next()
			if ea.Hash == eb.Hash && ea.Mode == eb.Mode {
				continue
			}
		}
		name := ea.Name
		if name == nil {
			name = eb.Name
		}
		p := dir + "/" + string(name)
		if ea.Mode == filemode.Dir || eb.Mode == filemode.Dir {
			if err := diffTrees(read, dirHash(ea), dirHash(eb), p, out); err != nil {
				return err
			}
			if ea.Mode != filemode.Dir && ea.Name != nil {
				*out = append(*out, TreeChange{Path: p, Old: TreeEntry{ea.Hash, ea.Mode}})
			}
			if eb.Mode != filemode.Dir && eb.Name != nil {
				*out = append(*out, TreeChange{Path: p, New: TreeEntry{eb.Hash, eb.Mode}})
			}
			continue
		}
		*out = append(*out, TreeChange{Path: p, Old: TreeEntry{ea.Hash, ea.Mode}, New: TreeEntry{eb.Hash, eb.Mode}})
	}
	if x.err != nil {
		return x.err
	}
	return y.err
}

func dirHash(e RawEntry) plumbing.Hash {
	if e.Mode == filemode.Dir {
		return e.Hash
	}
	return plumbing.ZeroHash
}
