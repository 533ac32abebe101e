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
	sp, nul, size := entryAt(c.data)
	if size == 0 {
		c.err = malformed(c.data, c.tree)
		return
	}
	c.e = rawEntry(c.data, sp, nul, size)
	c.data = c.data[size:]
	c.ok = true
}

// rawEntry is the entry at the start of data, whose bounds entryAt read.
func rawEntry(data []byte, sp, nul, size int) RawEntry {
	var mode uint32
	for _, d := range data[:sp] {
		mode = mode<<3 | uint32(d-'0')
	}
	e := RawEntry{Name: data[sp+1 : nul], Mode: canonicalMode(mode)}
	copy(e.Hash[:], data[nul+1:size])
	return e
}

// entryAt reads the bounds of the entry at the start of data: a mode of
// octal digits, the space after it (sp), a name and its NUL (nul), and a
// hash; size is the entry's length, 0 when it is malformed.
func entryAt(data []byte) (sp, nul, size int) {
	for sp < len(data) && data[sp] >= '0' && data[sp] <= '7' {
		sp++
	}
	if sp < 1 || sp == len(data) || data[sp] != ' ' {
		return sp, 0, 0
	}
	name := bytes.IndexByte(data[sp+1:], 0)
	nul = sp + 1 + name
	if name < 1 || len(data) < nul+1+hashSize {
		return sp, nul, 0
	}
	return sp, nul, nul + 1 + hashSize
}

// malformed says what is wrong with the entry at the start of data,
// which entryAt found malformed.
func malformed(data []byte, tree plumbing.Hash) error {
	sp := bytes.IndexByte(data, ' ')
	nul := bytes.IndexByte(data, 0)
	if sp < 1 || nul < sp+2 || len(data) < nul+1+hashSize {
		return fmt.Errorf("tree %s: malformed entry", tree)
	}
	return fmt.Errorf("tree %s: malformed mode %q", tree, data[:sp])
}

// SkipSame moves two cursors whose last entries had the same name (or
// that have read none) past the entries that follow in both byte for
// byte: the same names, modes and hashes, which a comparison entry by
// entry would pair and find unchanged. each, if not nil, is given every
// entry skipped. A malformed entry is not skipped: Next reports it.
//
// A commit changes a few files of a folder of thousands, whose tree
// object is the same but for an entry or two: comparing the two as bytes
// and stepping over whole entries is several times cheaper than reading
// both entry by entry.
func SkipSame(a, b *TreeCursor, each func(RawEntry)) {
	if a.err != nil || b.err != nil {
		return
	}
	n := commonPrefix(a.data, b.data)
	k := 0
	for k < n {
		sp, nul, size := entryAt(a.data[k:])
		if size == 0 || k+size > n {
			break
		}
		if each != nil {
			each(rawEntry(a.data[k:], sp, nul, size))
		}
		k += size
	}
	a.data, b.data = a.data[k:], b.data[k:]
}

// commonPrefix is the length of the longest prefix a and b share.
func commonPrefix(a, b []byte) int {
	n := min(len(a), len(b))
	i := 0
	for step := 4096; step > 0; step /= 8 { // 4096, 512, 64, 8, 1
		for i+step <= n && bytes.Equal(a[i:i+step], b[i:i+step]) {
			i += step
		}
	}
	return i
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
	SkipSame(&x, &y, nil)
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
			SkipSame(&x, &y, nil)
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
