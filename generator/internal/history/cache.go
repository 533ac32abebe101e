package history

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/storer"

	"gongshi/generator/internal/changelog"
	"gongshi/generator/internal/record"
)

// The index of the last build is kept in a file, so that the next build
// walks only the commits made since (Update). The file is a cache, never a
// source of truth: Cached checks it before using it and walks the whole
// history again whenever it cannot be trusted.
//
// Layout: magic, the writer's key (format version and, when the binary
// knows it, the revision of gongshi that wrote it: another walk may give
// other results), the head commit it indexes, the commits and their file
// changes, and a SHA-256 of everything before it.

const (
	cacheMagic   = "gongshi history index\n"
	cacheVersion = 4 // 2: with the commits' descriptions; 3: every side of a merge, FileChange.From; 4: Change.Public
	// CacheFile is the name of the file under the cache folder.
	CacheFile = "history.idx"
)

// CacheStats say what Cached did.
type CacheStats struct {
	// Reused is how many commits came from the cache; Walked how many
	// were read from git.
	Reused, Walked int
	// Rebuilt says why the cache was not used, if it was not: "none" when
	// there was no cache, else what was wrong with it.
	Rebuilt string
	// SaveErr is why the new index could not be kept, if it could not:
	// the build goes on without a cache.
	SaveErr error
}

// Cached returns the index of head, starting from the index kept in dir by
// the last call when it can be trusted, and keeps the new one there. A
// cache that is corrupt, truncated, written by another version, or that
// indexes a history head no longer continues (a rewrite), is ignored and
// replaced; the result is always what Walk(g, head) returns.
func Cached(g *git.Repository, dir, head string) (*Index, CacheStats, error) {
	ix, st, keep, err := CachedUnkept(g, dir, head)
	if err == nil && keep != nil {
		st.SaveErr = keep()
	}
	return ix, st, err
}

// CachedUnkept is Cached without keeping the new index: keep, when not
// nil, keeps it in dir, which Cached does at once. A build walks the
// history while it validates the records, and keeps nothing of a commit
// whose records do not build.
func CachedUnkept(g *git.Repository, dir, head string) (ix *Index, st CacheStats, keep func() error, err error) {
	h, err := g.ResolveRevision(plumbing.Revision(head))
	if err != nil {
		return nil, st, nil, fmt.Errorf("history: no commit %q: %w", head, err)
	}
	path := filepath.Join(dir, CacheFile)
	prev, why := loadCache(g, path)
	st.Rebuilt = why
	switch {
	case prev == nil:
		if ix, err = Walk(g, h.String()); err != nil {
			return nil, st, nil, err
		}
	case prev.Head == h.String():
		ix = prev
	case prev.Commit(h.String()) != nil:
		// An older commit of the kept index (verify rebuilds one): its
		// lists are not prev's, and prev is worth keeping for the next
		// build of the head.
		if ix, err = Walk(g, h.String()); err != nil {
			return nil, st, nil, err
		}
		st.Rebuilt = "older: " + h.String()[:10] + " is behind the kept " + prev.Head[:10]
		st.Walked = len(ix.Commits)
		return ix, st, nil, nil
	default:
		if ix, err = Update(g, prev, h.String()); err != nil {
			return nil, st, nil, err
		}
		if ix.Commit(prev.Head) != prev.Commit(prev.Head) {
			st.Rebuilt = "rewalked: the history of " + h.String()[:10] + " is not that of " + prev.Head[:10] + " with commits on top"
		}
	}
	if prev != nil && ix.Commit(prev.Head) == prev.Commit(prev.Head) {
		st.Reused = len(prev.Commits)
	}
	st.Walked = len(ix.Commits) - st.Reused
	if prev == nil || prev.Head != ix.Head {
		keep = func() error { return saveCache(ix, dir, path) }
	}
	return ix, st, keep, nil
}

// Keep keeps the index in dir again when commits were described since it
// was read or kept (DescribeAll), so that the next build reuses their
// descriptions too.
func (ix *Index) Keep(dir string) error {
	ix.cache.mu.Lock()
	changed := ix.cache.newDiffs
	ix.cache.mu.Unlock()
	if !changed {
		return nil
	}
	return saveCache(ix, dir, filepath.Join(dir, CacheFile))
}

// cacheKey identifies what wrote a cache: the format, and the program
// itself. What a cache keeps (descriptions, versions of pages) depends on
// gongshi's code, so a cache another build of gongshi wrote is never used.
// The revision in the binary's build information is not enough: a binary
// built with -buildvcs=false, from a source archive or from a modified
// tree carries none, or the same one for different code. So the key is a
// hash of the executable's own bytes (SHA-256: about 50 ms for gongshi's
// 90 MB, once per process).
func cacheKey() string {
	return fmt.Sprintf("v%d program=%s", cacheVersion, Program())
}

// Program is the SHA-256 of the running executable in hex, as sha256sum
// prints it: what everything gongshi keeps between builds is keyed by.
func Program() string { return program() }

var program = sync.OnceValue(hashProgram)

// hashProgram hashes the running executable; when it cannot be read, a
// key no other process can have, so that nothing kept is trusted.
func hashProgram() string {
	exe, err := os.Executable()
	if err == nil {
		var f *os.File
		if f, err = os.Open(exe); err == nil {
			defer f.Close()
			h := sha256.New()
			if _, err = io.Copy(h, f); err == nil {
				return fmt.Sprintf("%x", h.Sum(nil))
			}
		}
	}
	return fmt.Sprintf("unreadable-%d-%d", os.Getpid(), time.Now().UnixNano())
}

func saveCache(ix *Index, dir, path string) error {
	ix.cache.mu.Lock()
	data := encodeIndex(ix, cacheKey())
	ix.cache.newDiffs = false
	ix.cache.mu.Unlock()
	return writeAtomic(dir, path, data)
}

// loadCache reads the cache at path and checks it against the repository;
// when it cannot be used it returns nil and why.
func loadCache(g *git.Repository, path string) (*Index, string) {
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, "none"
	}
	if err != nil {
		return nil, "unreadable: " + err.Error()
	}
	ix, err := decodeIndex(data, cacheKey())
	if err != nil {
		return nil, err.Error()
	}
	if err := checkAgainst(g.Storer, ix); err != nil {
		return nil, "stale: " + err.Error()
	}
	ix.store = g.Storer
	return ix, ""
}

// checkAgainst checks that the repository holds the commits the index
// lists, with the parents it lists: a cache made for another repository,
// or for a history since rewritten and pruned, is not used.
func checkAgainst(st storer.EncodedObjectStorer, ix *Index) error {
	for _, c := range ix.Commits {
		if err := st.HasEncodedObject(plumbing.NewHash(c.Hash)); err != nil {
			return fmt.Errorf("commit %s: %w", c.Short(), err)
		}
	}
	head, err := st.EncodedObject(plumbing.CommitObject, plumbing.NewHash(ix.Head))
	if err != nil {
		return fmt.Errorf("head %s: %w", ix.Head, err)
	}
	var parents []string
	rd, err := head.Reader()
	if err != nil {
		return err
	}
	defer rd.Close()
	var buf bytes.Buffer
	if _, err := buf.ReadFrom(rd); err != nil {
		return err
	}
	for _, line := range bytes.Split(buf.Bytes(), []byte("\n")) {
		if len(line) == 0 {
			break
		}
		if p, ok := bytes.CutPrefix(line, []byte("parent ")); ok {
			parents = append(parents, string(p))
		}
	}
	want := ix.Commit(ix.Head)
	if want == nil || fmt.Sprint(want.Parents) != fmt.Sprint(parents) {
		return fmt.Errorf("head %s has other parents in the repository", ix.Head[:10])
	}
	return nil
}

// encodeIndex writes the index in the cache's layout.
func encodeIndex(ix *Index, key string) []byte {
	var e encoder
	e.buf.WriteString(cacheMagic)
	e.str(key)
	e.hash(ix.Head)
	paths := map[string]int{}
	var order []string
	for _, c := range ix.Commits {
		for _, fc := range c.Files {
			if _, ok := paths[fc.Path]; !ok {
				paths[fc.Path] = len(order)
				order = append(order, fc.Path)
			}
		}
	}
	e.uint(uint64(len(order)))
	for _, p := range order {
		e.str(p)
	}
	e.uint(uint64(len(ix.Commits)))
	for _, c := range ix.Commits {
		e.hash(c.Hash)
		e.uint(uint64(len(c.Parents)))
		for _, p := range c.Parents {
			e.hash(p)
		}
		for _, p := range []changelog.Person{c.Author, c.Committer} {
			e.str(p.Name)
			e.str(p.Email)
			e.int(p.When.Unix())
		}
		e.str(c.Message)
		e.str(c.Armor)
		e.bytes(c.Payload)
		e.uint(uint64(len(c.Files)))
		for _, fc := range c.Files {
			e.uint(uint64(paths[fc.Path]))
			e.uint(uint64(fc.Op))
			e.buf.Write(fc.Old[:])
			e.buf.Write(fc.New[:])
			e.str(fc.From)
		}
	}
	// The descriptions kept, by the commit's place in the list.
	var described []int
	for i, c := range ix.Commits {
		if ix.cache != nil && ix.cache.diffs[c.Hash] != nil {
			described = append(described, i)
		}
	}
	e.uint(uint64(len(described)))
	for _, i := range described {
		d := ix.cache.diffs[ix.Commits[i].Hash]
		e.uint(uint64(i))
		e.uint(uint64(len(d.Changes)))
		for _, c := range d.Changes {
			e.uint(uint64(c.Op))
			for _, s := range []string{c.Key.Kind, c.Key.ID, c.Title, c.Label, c.Old, c.New, c.File} {
				e.str(s)
			}
			e.strs(c.Path)
			e.strs(c.Items)
			public := uint64(0)
			if c.Public {
				public = 1
			}
			e.uint(public)
		}
		e.strs(d.Unreadable)
	}
	sum := sha256.Sum256(e.buf.Bytes())
	e.buf.Write(sum[:])
	return e.buf.Bytes()
}

// decodeIndex reads an index written by encodeIndex with the same key.
func decodeIndex(data []byte, key string) (*Index, error) {
	if len(data) < len(cacheMagic)+sha256.Size || string(data[:len(cacheMagic)]) != cacheMagic {
		return nil, errors.New("corrupt: not a history index")
	}
	body, sum := data[:len(data)-sha256.Size], data[len(data)-sha256.Size:]
	if got := sha256.Sum256(body); !bytes.Equal(got[:], sum) {
		return nil, errors.New("corrupt: checksum mismatch (truncated or damaged)")
	}
	d := decoder{data: body[len(cacheMagic):]}
	if k := d.str(); k != key {
		return nil, fmt.Errorf("written by another version (%s, not %s)", k, key)
	}
	ix := &Index{Head: d.hash(), byHash: map[string]*changelog.Commit{}, files: map[string][]*changelog.FileChange{}, cache: newDecodeCache()}
	paths := make([]string, d.count(1))
	for i := range paths {
		paths[i] = d.str()
	}
	n := d.count(20)
	ix.Commits = make([]*changelog.Commit, 0, n)
	for range n {
		c := &changelog.Commit{Hash: d.hash()}
		for range d.count(20) {
			c.Parents = append(c.Parents, d.hash())
		}
		for _, p := range []*changelog.Person{&c.Author, &c.Committer} {
			p.Name, p.Email = d.str(), d.str()
			p.When = time.Unix(d.int(), 0).In(record.Shanghai())
		}
		c.Message, c.Armor, c.Payload = d.str(), d.str(), d.bytes()
		m := changelog.ParseMessage(c.Message)
		c.Subject, c.Body, c.Trailers, c.Type, c.Problems = m.Subject, m.Body, m.Trailers, m.Type(), m.Problems
		files := d.count(43)
		for range files {
			pi := d.uint()
			if pi >= uint64(len(paths)) {
				d.err = errors.New("path out of range")
				break
			}
			fc := &changelog.FileChange{Commit: c, Path: paths[pi], Op: changelog.Op(d.uint())}
			d.raw(fc.Old[:])
			d.raw(fc.New[:])
			fc.From = d.str()
			if fc.Op > changelog.Deleted {
				d.err = errors.New("unknown change")
			}
			c.Files = append(c.Files, fc)
			ix.files[fc.Path] = append(ix.files[fc.Path], fc)
		}
		if d.err != nil {
			break
		}
		ix.Commits = append(ix.Commits, c)
		ix.byHash[c.Hash] = c
	}
	for range d.count(3) {
		i := d.uint()
		if d.err != nil || i >= uint64(len(ix.Commits)) {
			d.fail("description")
			break
		}
		df := &changelog.Diff{Commit: ix.Commits[i]}
		for range d.count(8) {
			var c changelog.Change
			c.Op = record.Op(d.uint())
			for _, s := range []*string{&c.Key.Kind, &c.Key.ID, &c.Title, &c.Label, &c.Old, &c.New, &c.File} {
				*s = d.str()
			}
			c.Path, c.Items = d.strs(), d.strs()
			c.Public = d.uint() == 1
			df.Changes = append(df.Changes, c)
		}
		df.Unreadable = d.strs()
		ix.cache.diffs[df.Commit.Hash] = df
	}
	if d.err == nil && len(d.data) > 0 {
		d.err = errors.New("trailing bytes")
	}
	if d.err != nil {
		return nil, fmt.Errorf("corrupt: %w", d.err)
	}
	if ix.byHash[ix.Head] == nil {
		return nil, errors.New("corrupt: the head is not among the commits")
	}
	return ix, nil
}

type encoder struct{ buf bytes.Buffer }

func (e *encoder) uint(v uint64) { e.buf.Write(binary.AppendUvarint(nil, v)) }
func (e *encoder) int(v int64)   { e.buf.Write(binary.AppendVarint(nil, v)) }
func (e *encoder) bytes(b []byte) {
	e.uint(uint64(len(b)))
	e.buf.Write(b)
}
func (e *encoder) str(s string) {
	e.uint(uint64(len(s)))
	e.buf.WriteString(s)
}
func (e *encoder) strs(ss []string) {
	e.uint(uint64(len(ss)))
	for _, s := range ss {
		e.str(s)
	}
}

func (e *encoder) hash(h string) {
	x := plumbing.NewHash(h)
	e.buf.Write(x[:])
}

// decoder reads what encoder wrote; after the first error every read
// returns zero and err says what went wrong.
type decoder struct {
	data []byte
	err  error
}

func (d *decoder) fail(what string) {
	if d.err == nil {
		d.err = errors.New("truncated " + what)
	}
	d.data = nil
}

func (d *decoder) uint() uint64 {
	v, n := binary.Uvarint(d.data)
	if n <= 0 {
		d.fail("number")
		return 0
	}
	d.data = d.data[n:]
	return v
}

func (d *decoder) int() int64 {
	v, n := binary.Varint(d.data)
	if n <= 0 {
		d.fail("number")
		return 0
	}
	d.data = d.data[n:]
	return v
}

// count reads a length, refusing one that could not fit in what is left
// at min bytes an item.
func (d *decoder) count(min int) int {
	n := d.uint()
	if n > uint64(len(d.data)/min) {
		d.fail("list")
		return 0
	}
	return int(n)
}

func (d *decoder) take(n uint64) []byte {
	if n > uint64(len(d.data)) {
		d.fail("text")
		return nil
	}
	b := d.data[:n]
	d.data = d.data[n:]
	return b
}

func (d *decoder) str() string { return string(d.take(d.uint())) }

// strs reads a list of strings; nil when empty, as a description has it.
func (d *decoder) strs() []string {
	var out []string
	for range d.count(1) {
		out = append(out, d.str())
	}
	return out
}
func (d *decoder) raw(b []byte) { copy(b, d.take(uint64(len(b)))) }
func (d *decoder) hash() string { var h plumbing.Hash; d.raw(h[:]); return h.String() }
func (d *decoder) bytes() []byte {
	b := d.take(d.uint())
	if len(b) == 0 {
		return nil
	}
	return bytes.Clone(b)
}
