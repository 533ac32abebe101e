package repo

import (
	"bytes"
	"container/list"
	"errors"
	"fmt"
	"io"

	"github.com/go-git/go-billy/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/format/idxfile"
	"github.com/go-git/go-git/v5/plumbing/format/packfile"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/go-git/go-git/v5/plumbing/storer"
	"github.com/go-git/go-git/v5/storage/filesystem"
	"github.com/go-git/go-git/v5/storage/filesystem/dotgit"
)

// Objects reads the raw content of objects, for readers of many versions
// of large trees (the history walk) or of many files (a snapshot).
//
// go-git's store computes the SHA-1 (with collision detection) of every
// object it resolves from a pack, just to key its cache: on the county's
// history that was 70% of the walk. Objects composes go-git's own pack
// plumbing instead — the idxfile index, the packfile scanner that inflates
// an object at an offset, and PatchDelta — and caches what it resolves by
// pack offset, which needs no hash. Objects in no pack it knows (loose
// objects, alternates, packs written since it was made) come from the
// store, as does everything when the storage is not on disk.
type Objects struct {
	store storer.EncodedObjectStorer
	packs []*pack
	cache *offsetCache
}

type pack struct {
	n    int
	idx  *idxfile.MemoryIndex
	file billy.File
	scan *packfile.Scanner
}

// DefaultObjectCache is the byte budget of an Objects cache: enough for a
// delta chain of large trees. Larger caches cost more in memory traffic
// than they save (PERF-NOTES).
const DefaultObjectCache = 32 << 20

// NewObjects reads objects of st, with a cache of cacheBytes resolved
// objects. Close releases the pack files.
func NewObjects(st storer.EncodedObjectStorer, cacheBytes int) *Objects {
	o := &Objects{store: st, cache: newOffsetCache(cacheBytes)}
	fs, ok := st.(*filesystem.Storage)
	if !ok {
		return o
	}
	dg := dotgit.New(fs.Filesystem())
	hashes, err := dg.ObjectPacks()
	if err != nil {
		return o // the store will say what is wrong, if anything
	}
	for _, h := range hashes {
		p, err := openPack(dg, h)
		if err != nil {
			continue // a pack being written, say: the store reads it
		}
		p.n = len(o.packs)
		o.packs = append(o.packs, p)
	}
	return o
}

func openPack(dg *dotgit.DotGit, h plumbing.Hash) (*pack, error) {
	f, err := dg.ObjectPackIdx(h)
	if err != nil {
		return nil, err
	}
	idx := idxfile.NewMemoryIndex()
	err = idxfile.NewDecoder(f).Decode(idx)
	f.Close()
	if err != nil {
		return nil, err
	}
	pf, err := dg.ObjectPack(h)
	if err != nil {
		return nil, err
	}
	return &pack{idx: idx, file: pf, scan: packfile.NewScanner(pf)}, nil
}

// Close releases the pack files.
func (o *Objects) Close() error {
	var errs []error
	for _, p := range o.packs {
		errs = append(errs, p.file.Close())
	}
	o.packs = nil
	return errors.Join(errs...)
}

// Read returns the content of the object h, which must be of type want.
// The slice may be shared with later reads: do not change it.
func (o *Objects) Read(h plumbing.Hash, want plumbing.ObjectType) ([]byte, error) {
	for _, p := range o.packs {
		off, err := p.idx.FindOffset(h)
		if err != nil {
			continue
		}
		typ, data, err := o.at(p, off)
		if err != nil {
			return nil, fmt.Errorf("object %s: %w", h, err)
		}
		if typ != want {
			return nil, fmt.Errorf("object %s: %w (a %s, not a %s)", h, plumbing.ErrObjectNotFound, typ, want)
		}
		return data, nil
	}
	return ReadObject(o.store, want, h)
}

// Tree reads the tree h.
func (o *Objects) Tree(h plumbing.Hash) (*object.Tree, error) {
	data, err := o.Read(h, plumbing.TreeObject)
	if err != nil {
		return nil, err
	}
	t := &object.Tree{}
	if err := t.Decode(&rawObject{hash: h, typ: plumbing.TreeObject, data: data}); err != nil {
		return nil, fmt.Errorf("tree %s: %w", h, err)
	}
	return t, nil
}

// rawObject is an object whose content and hash are known: go-git's
// decoders take an EncodedObject, and a MemoryObject would compute the
// hash again.
type rawObject struct {
	hash plumbing.Hash
	typ  plumbing.ObjectType
	data []byte
}

func (o *rawObject) Hash() plumbing.Hash         { return o.hash }
func (o *rawObject) Type() plumbing.ObjectType   { return o.typ }
func (o *rawObject) SetType(plumbing.ObjectType) {}
func (o *rawObject) Size() int64                 { return int64(len(o.data)) }
func (o *rawObject) SetSize(int64)               {}
func (o *rawObject) Reader() (io.ReadCloser, error) {
	return io.NopCloser(bytes.NewReader(o.data)), nil
}
func (o *rawObject) Writer() (io.WriteCloser, error) {
	return nil, errors.New("repo: a raw object is read-only")
}

// ReadObject reads the content of the object h of st, which must be of
// type typ, into one buffer of the size the object states, when that is
// believable (a corrupt object may state any size: past maxPresized the
// buffer grows as the content is read).
func ReadObject(st storer.EncodedObjectStorer, typ plumbing.ObjectType, h plumbing.Hash) ([]byte, error) {
	obj, err := st.EncodedObject(typ, h)
	if err != nil {
		return nil, err
	}
	rd, err := obj.Reader()
	if err != nil {
		return nil, err
	}
	defer rd.Close()
	size := obj.Size()
	if size < 0 || size > maxPresized {
		return io.ReadAll(rd)
	}
	buf := make([]byte, size)
	if _, err := io.ReadFull(rd, buf); err != nil {
		return nil, fmt.Errorf("object %s: %w", h, err)
	}
	return buf, nil
}

// maxPresized bounds the buffer an object's stated size has allocated
// before its content is read.
const maxPresized = 64 << 20

// at resolves the object at an offset of a pack, applying its chain of
// deltas, and caches every object of the chain.
func (o *Objects) at(p *pack, off int64) (plumbing.ObjectType, []byte, error) {
	key := cacheKey{p.n, off}
	if e, ok := o.cache.get(key); ok {
		return e.typ, e.data, nil
	}
	hdr, err := p.scan.SeekObjectHeader(off)
	if err != nil {
		return 0, nil, err
	}
	var buf bytes.Buffer
	buf.Grow(int(min(hdr.Length, 64<<20)))
	if _, _, err := p.scan.NextObject(&buf); err != nil {
		return 0, nil, err
	}
	typ, data := hdr.Type, buf.Bytes()
	switch hdr.Type {
	case plumbing.CommitObject, plumbing.TreeObject, plumbing.BlobObject, plumbing.TagObject:
	case plumbing.OFSDeltaObject, plumbing.REFDeltaObject:
		var base []byte
		if hdr.Type == plumbing.OFSDeltaObject {
			typ, base, err = o.at(p, hdr.OffsetReference)
		} else {
			typ, base, err = o.base(p, hdr.Reference)
		}
		if err != nil {
			return 0, nil, err
		}
		if data, err = patch(base, data); err != nil {
			return 0, nil, err
		}
	default:
		return 0, nil, fmt.Errorf("offset %d: unknown object type %s", off, hdr.Type)
	}
	o.cache.put(key, typ, data)
	return typ, data, nil
}

// patch applies a delta to base. go-git's PatchDelta grows its result
// from 64 KiB by doubling: a county's folder of 10,000 hazards is a tree
// of 400 KB, and reading one through a delta allocated 2.5 times that.
// The delta states the size of its result: that is allocated once, up to
// maxExactPatch (a corrupt delta may state any size; past it, and when
// the header does not read, PatchDelta grows the result as it goes and
// says what is wrong).
func patch(base, delta []byte) ([]byte, error) {
	size, ok := patchSize(delta)
	if !ok || size > maxExactPatch || len(base) == 0 || len(delta) < minDelta {
		return packfile.PatchDelta(base, delta)
	}
	out := &patched{rawObject{data: make([]byte, 0, size)}}
	if err := packfile.ApplyDelta(out, &rawObject{data: base}, delta); err != nil {
		return nil, err
	}
	return out.data, nil
}

// minDelta is the shortest delta git reads (DELTA_SIZE_MIN): PatchDelta
// refuses shorter ones, and an empty base.
const minDelta = 4

// maxExactPatch bounds the result a delta's header may have allocated up
// front.
const maxExactPatch = 64 << 20

// patchSize reads the size of a delta's result from its header: the size
// of the base, then of the result, each a little-endian base-128 number.
func patchSize(delta []byte) (uint64, bool) {
	var size uint64
	for range 2 {
		size = 0
		for shift := uint(0); ; shift += 7 {
			if len(delta) == 0 || shift > 63 {
				return 0, false
			}
			b := delta[0]
			delta = delta[1:]
			size |= uint64(b&0x7f) << shift
			if b&0x80 == 0 {
				break
			}
		}
	}
	return size, true
}

// patched is the object packfile.ApplyDelta writes a delta's result into:
// the slice it was made with, appended to.
type patched struct {
	rawObject
}

func (o *patched) Writer() (io.WriteCloser, error) { return o, nil }
func (o *patched) Write(p []byte) (int, error) {
	o.data = append(o.data, p...)
	return len(p), nil
}
func (o *patched) Close() error { return nil }

// base resolves the base of a delta that names it by hash: in the same
// pack as a rule, anywhere else otherwise.
func (o *Objects) base(p *pack, h plumbing.Hash) (plumbing.ObjectType, []byte, error) {
	if off, err := p.idx.FindOffset(h); err == nil {
		return o.at(p, off)
	}
	obj, err := o.store.EncodedObject(plumbing.AnyObject, h)
	if err != nil {
		return 0, nil, err
	}
	data, err := ReadObject(o.store, obj.Type(), h)
	return obj.Type(), data, err
}

// offsetCache keeps resolved objects by pack and offset, least recently
// used out first, within a byte budget.
type offsetCache struct {
	max, size int
	ll        *list.List
	m         map[cacheKey]*list.Element
}

type cacheKey struct {
	pack int
	off  int64
}

type cacheEntry struct {
	key  cacheKey
	typ  plumbing.ObjectType
	data []byte
}

func newOffsetCache(max int) *offsetCache {
	return &offsetCache{max: max, ll: list.New(), m: map[cacheKey]*list.Element{}}
}

func (c *offsetCache) get(k cacheKey) (*cacheEntry, bool) {
	e, ok := c.m[k]
	if !ok {
		return nil, false
	}
	c.ll.MoveToFront(e)
	return e.Value.(*cacheEntry), true
}

func (c *offsetCache) put(k cacheKey, typ plumbing.ObjectType, data []byte) {
	if len(data) > c.max {
		return
	}
	c.m[k] = c.ll.PushFront(&cacheEntry{k, typ, data})
	c.size += len(data)
	for c.size > c.max {
		last := c.ll.Back()
		e := last.Value.(*cacheEntry)
		c.ll.Remove(last)
		delete(c.m, e.key)
		c.size -= len(e.data)
	}
}
