package history

import (
	"bytes"
	"crypto/sha1"
	"fmt"
	"maps"
	"path"
	"slices"
	"strings"
	"sync"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/go-git/go-git/v5/plumbing/storer"

	"gongshi/generator/internal/changelog"
	"gongshi/generator/internal/par"
	"gongshi/generator/internal/record"
	"gongshi/generator/internal/repo"
)

// Describe decodes both versions of every record file the commit changed
// and says what changed in the published values. A commit that changes
// only formatting, comments or private fields has no changes.
func (ix *Index) Describe(c *changelog.Commit) (*changelog.Diff, error) {
	d := &changelog.Diff{Commit: c}
	first := ""
	if len(c.Parents) > 0 {
		first = c.Parents[0]
	}
	// Files are compared with the parent they are described against: the
	// first, or for a merge that did not take a side's change, that side.
	var froms []string
	for _, fc := range c.Files {
		if !slices.Contains(froms, fc.From) {
			froms = append(froms, fc.From)
		}
	}
	newLabels := ix.labels(c.Hash)
	for _, from := range froms {
		parent := first
		if from != "" {
			parent = from
		}
		if err := ix.describeFiles(d, c, from, ix.labels(parent), newLabels); err != nil {
			return nil, err
		}
	}
	return d, nil
}

// describeFiles adds to d the changes of the files c changed against the
// parent from ("" the first).
func (ix *Index) describeFiles(d *changelog.Diff, c *changelog.Commit, from string, oldLabels, newLabels record.Labels) error {
	var olds, news []record.Entry
	var oldFiles, newFiles []string // the file of each entry
	for _, fc := range c.Files {
		if fc.From != from || !record.IsRecordFile(fc.Path) {
			continue
		}
		for _, side := range []struct {
			h     plumbing.Hash
			out   *[]record.Entry
			files *[]string
		}{{plumbing.Hash(fc.Old), &olds, &oldFiles}, {plumbing.Hash(fc.New), &news, &newFiles}} {
			if side.h.IsZero() {
				continue
			}
			f, err := ix.cache.file(ix.store, fc.Path, side.h)
			if err != nil {
				return fmt.Errorf("history: %s in %s: %w", fc.Path, c.Short(), err)
			}
			if f.broken && (len(d.Unreadable) == 0 || d.Unreadable[len(d.Unreadable)-1] != fc.Path) {
				d.Unreadable = append(d.Unreadable, fc.Path)
			}
			*side.out = append(*side.out, f.entries...)
			for range f.entries {
				*side.files = append(*side.files, fc.Path)
			}
		}
	}
	before := map[record.Key]*record.Entry{}
	for i := range olds {
		if _, dup := before[olds[i].Key]; !dup {
			before[olds[i].Key] = &olds[i]
		}
	}
	seen := map[record.Key]bool{}
	for i := range news {
		e := &news[i]
		if seen[e.Key] {
			continue
		}
		seen[e.Key] = true
		d.Add(record.Compare(before[e.Key], e, oldLabels, newLabels), newFiles[i])
	}
	for i := range olds {
		e := &olds[i]
		if !seen[e.Key] {
			seen[e.Key] = true
			d.Add(record.Compare(e, nil, oldLabels, newLabels), oldFiles[i])
		}
	}
	return nil
}

// UseDecoded has descriptions take the files c holds (decoded by the
// build, which checked them) instead of decoding them again: describing a
// new commit reads the labels of whole folders, most of them unchanged
// since the build decoded them.
func (ix *Index) UseDecoded(c *record.FileCache) { ix.cache.known = c }

// DescribeAll describes every commit that changed a record file, in the
// order of Records (newest first), decoding on every processor. Each
// description is the one Describe gives; those of an index kept by an
// earlier build (Cached, Keep) are reused.
func (ix *Index) DescribeAll() ([]*changelog.Diff, error) {
	cs := ix.Records()
	out := make([]*changelog.Diff, len(cs))
	errs := make([]error, len(cs))
	par.Each(len(cs), func(_, i int) {
		ix.cache.mu.Lock()
		d := ix.cache.diffs[cs[i].Hash]
		ix.cache.mu.Unlock()
		if d != nil {
			out[i] = d
			return
		}
		out[i], errs[i] = ix.Describe(cs[i])
		if errs[i] == nil {
			ix.cache.mu.Lock()
			ix.cache.diffs[cs[i].Hash], ix.cache.newDiffs = out[i], true
			ix.cache.mu.Unlock()
		}
	})
	ix.cache.release()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// release lets go of what describing read (files decoded, labels, the
// trees they came from) once every commit is described: the build holds
// only the descriptions from then on, and its versions pass needs the
// memory. Describe, if called again, reads what it needs again.
func (dc *decodeCache) release() {
	dc.mu.Lock()
	defer dc.mu.Unlock()
	dc.files, dc.older = map[fileKey]*decoded{}, map[fileKey]*decoded{}
	dc.labels = map[labelKey]kindLabels{}
	dc.sets = map[labelKey]*labelSet{}
	dc.fileLabel = map[fileKey][]labelPair{}
	dc.lastLabels = map[string]*folderLabels{}
}

// labels resolves references as they stood at a commit: the label of the
// record of that kind and id in that commit's records.
func (ix *Index) labels(commit string) record.Labels {
	if commit == "" {
		return func(record.Key) (string, bool) { return "", false }
	}
	return func(k record.Key) (string, bool) {
		ls, err := ix.cache.labelsAt(ix.store, commit, k.Kind)
		if err != nil {
			return "", false
		}
		return ls.label(k.ID)
	}
}

// decodeCache keeps decoded record files by blob hash, and the labels of
// each kind by the tree of its folder: a file unchanged between commits is
// read once.
type decodeCache struct {
	// io serializes reads of the object store, which go-git does not make
	// safe for concurrent use (a pack file is one seekable descriptor);
	// decoding runs outside it.
	io sync.Mutex
	mu sync.Mutex
	// files are the files decoded last, older the generation before
	// (see maxDecoded).
	files, older map[fileKey]*decoded
	// labels are the labels of a record kind by records tree and by the
	// trees of the folders that hold it; sets those of a kind of file in
	// a folder, by the folder's tree.
	labels map[labelKey]kindLabels
	sets   map[labelKey]*labelSet
	// fileLabel holds the ids and labels of each file read.
	fileLabel map[fileKey][]labelPair
	roots     map[string]plumbing.Hash // commit → records/ tree
	// diffs are the commits described so far, kept with the index
	// between builds (Keep): a commit's description never changes.
	diffs    map[string]*changelog.Diff
	newDiffs bool // described since the index was read or kept
	// known are files the build decoded already (the commit it builds):
	// read from there rather than decoded again.
	known *record.FileCache
	// lastLabels are the labels read last, by kind of file and kind of
	// record (readLabels).
	lastLabels map[string]*folderLabels
}

type decoded struct {
	entries []record.Entry
	broken  bool
}

// fileKey is a blob read as the file at a path: the path decides its kind
// and, for kinds without ids, its records' keys.
type fileKey struct {
	blob plumbing.Hash
	path string
}

// labelKey names the labels of a kind of file in a folder's tree, or
// ("*" + a record kind) the labels of a record kind in a records/ tree.
type labelKey struct {
	tree plumbing.Hash
	kind string
}

// maxDecoded bounds the decoded files of a generation: past it the files
// decoded last become the older generation, and those before are let go.
// Decoded records are large (every value with its position), and a
// description needs only the two versions of the files its commit
// changed, most often the versions the next commit's description read:
// those are in one of the two generations. (Emptying the cache when full,
// as before, let them go too: a county's files were decoded twice.)
const maxDecoded = 1024

// maxFileLabels bounds the files whose labels are kept.
const maxFileLabels = 1 << 16

func newDecodeCache() *decodeCache {
	dc := &decodeCache{roots: map[string]plumbing.Hash{}, diffs: map[string]*changelog.Diff{}}
	dc.release() // the caches of what describing reads, empty
	return dc
}

func (dc *decodeCache) file(st storer.EncodedObjectStorer, p string, h plumbing.Hash) (*decoded, error) {
	key := fileKey{h, p}
	dc.mu.Lock()
	f, ok := dc.files[key]
	if !ok {
		if f, ok = dc.older[key]; ok {
			dc.keepDecoded(key, f)
		}
	}
	dc.mu.Unlock()
	if ok {
		return f, nil
	}
	if es, ok := dc.known.Entries(p, h.String()); ok {
		return &decoded{entries: es}, nil
	}
	dc.io.Lock()
	data, err := repo.ReadObject(st, plumbing.BlobObject, h)
	dc.io.Unlock()
	if err != nil {
		return nil, err
	}
	es, errs := record.ReadFile(record.File{Path: p, Data: data})
	f = &decoded{entries: es, broken: len(errs) > 0}
	dc.mu.Lock()
	dc.keepDecoded(key, f)
	dc.mu.Unlock()
	return f, nil
}

// keepDecoded adds a decoded file to the files decoded last; dc.mu is
// held.
func (dc *decodeCache) keepDecoded(key fileKey, f *decoded) {
	if len(dc.files) >= maxDecoded {
		dc.older, dc.files = dc.files, make(map[fileKey]*decoded, maxDecoded)
	}
	dc.files[key] = f
}

// kindsByRecordKind maps a record kind ("person"), or the kind of a
// nested record cited by its code ("assess-indicator"), to the kinds of
// file that hold it.
var kindsByRecordKind = sync.OnceValue(func() map[string][]record.Kind {
	m := map[string][]record.Kind{}
	for _, k := range record.Kinds() {
		m[k.RecordKind()] = append(m[k.RecordKind()], k)
		for _, c := range k.CitedKinds() {
			m[c] = append(m[c], k)
		}
	}
	return m
})

func (dc *decodeCache) labelsAt(st storer.EncodedObjectStorer, commit, kind string) (kindLabels, error) {
	root, err := dc.recordsRoot(st, commit)
	if err != nil || root.IsZero() {
		return nil, err
	}
	// Every reference shown asks: the labels of a kind are kept by the
	// records tree, so that a commit's lookups cost a map read.
	merged := labelKey{root, "*" + kind}
	dc.mu.Lock()
	out, ok := dc.labels[merged]
	dc.mu.Unlock()
	if ok {
		return out, nil
	}
	// They depend only on the folders that hold the kind: kept by those
	// folders' trees too, so that the many commits that change other
	// folders share them.
	kinds := kindsByRecordKind()[kind]
	trees := make([]plumbing.Hash, len(kinds))
	h := sha1.New()
	for i, k := range kinds {
		dc.io.Lock()
		t, err := subtree(st, root, path.Dir(k.Pattern))
		dc.io.Unlock()
		if err == nil {
			trees[i] = t // else as if the folder were absent, as before
		}
		h.Write(trees[i][:])
	}
	var folders plumbing.Hash
	copy(folders[:], h.Sum(nil))
	byFolders := labelKey{folders, "**" + kind}
	dc.mu.Lock()
	out, ok = dc.labels[byFolders]
	dc.mu.Unlock()
	if ok {
		dc.keepLabels(merged, out)
		return out, nil
	}
	out = make(kindLabels, 0, len(kinds))
	for i, k := range kinds {
		tree := trees[i]
		if tree.IsZero() {
			continue
		}
		key := labelKey{tree, k.Name + "\x00" + kind}
		dc.mu.Lock()
		set, ok := dc.sets[key]
		dc.mu.Unlock()
		if !ok {
			if set, err = dc.readLabels(st, tree, k, kind); err != nil {
				return nil, err
			}
			dc.mu.Lock()
			keepBounded(dc.sets, key, set)
			dc.mu.Unlock()
		}
		out = append(out, set)
	}
	dc.keepLabels(merged, out)
	dc.keepLabels(byFolders, out)
	return out, nil
}

// maxLabelSets bounds the labels kept by tree, and the sets by folder;
// past it a cache starts over. The versions of a folder's labels share
// most of what they hold (labelSet): a set costs its overlay.
const maxLabelSets = 1024

func (dc *decodeCache) keepLabels(k labelKey, ls kindLabels) {
	dc.mu.Lock()
	defer dc.mu.Unlock()
	keepBounded(dc.labels, k, ls)
}

// keepBounded adds v to a cache of labels, which starts over when it
// holds maxLabelSets; dc.mu is held.
func keepBounded[V any](m map[labelKey]V, k labelKey, v V) {
	if len(m) >= maxLabelSets {
		clear(m)
	}
	m[k] = v
}

// kindLabels are the labels of a record kind at a commit: the sets of the
// kinds of file that hold it, in the order of the kinds. The first set
// that has an id gives its label.
type kindLabels []*labelSet

func (ls kindLabels) label(id string) (string, bool) {
	for _, s := range ls {
		if l, ok := s.get(id); ok {
			return l.label, true
		}
	}
	return "", false
}

// readLabels reads the labels of the records of a kind (or of the nested
// records cited by code) that the files of kind k in a folder's tree hold.
// A code defined in several files (an indicator kept from one scheme to
// the next) takes the label of the last: the newest scheme's words.
//
// The labels of the tree read last for the same kinds are the start: only
// the files whose blobs differ are read (a commit changes a few of a
// county's 2,581 people), and only the ids they held or hold merged again.
func (dc *decodeCache) readLabels(st storer.EncodedObjectStorer, tree plumbing.Hash, k record.Kind, kind string) (*labelSet, error) {
	// The tree is read as its object's bytes, and kept so: a folder of
	// thousands of files decoded as object.Tree costs a string and an entry
	// for each, and most of them are the files of the tree before.
	dc.io.Lock()
	raw, err := repo.ReadObject(st, plumbing.TreeObject, tree)
	dc.io.Unlock()
	if err != nil {
		return nil, err
	}
	dir := path.Dir(k.Pattern)
	match := nameMatcher(path.Base(k.Pattern))
	fl := &folderLabels{hash: tree, tree: raw}
	key := k.Name + "\x00" + kind
	dc.mu.Lock()
	base := dc.lastLabels[key]
	dc.mu.Unlock()
	var changes []fileChange
	if base != nil {
		var files int
		if changes, files, err = changedFiles(base.tree, base.hash, raw, tree, match); err != nil {
			return nil, err
		}
		if len(changes) > files/2 {
			base = nil // read afresh
		}
	}
	if base == nil {
		base = &folderLabels{set: &labelSet{}}
		if changes, _, err = changedFiles(nil, plumbing.ZeroHash, raw, tree, match); err != nil {
			return nil, err
		}
	}
	// The ids of the files that changed or went lose those files' labels;
	// those of the files that changed or came gain their new ones.
	gone := map[string]bool{}
	for _, c := range changes {
		gone[c.name] = !c.old.IsZero()
	}
	changed := map[string]idLabels{}
	affect := func(id string) {
		if _, ok := changed[id]; !ok {
			l, _ := base.set.get(id)
			changed[id] = idLabels{files: slices.DeleteFunc(slices.Clone(l.files), func(x fileLabel) bool { return gone[x.file] })}
		}
	}
	for _, c := range changes {
		if c.old.IsZero() {
			continue
		}
		ls, err := dc.fileLabels(st, record.Dir+"/"+dir+"/"+c.name, c.old)
		if err != nil {
			return nil, err
		}
		for _, l := range ls {
			if l.kind == kind {
				affect(l.id)
			}
		}
	}
	for _, c := range changes {
		if c.new.IsZero() {
			continue
		}
		ls, err := dc.fileLabels(st, record.Dir+"/"+dir+"/"+c.name, c.new)
		if err != nil {
			return nil, err
		}
		for _, l := range ls {
			if l.kind != kind {
				continue
			}
			affect(l.id)
			x := changed[l.id]
			x.files = append(x.files, fileLabel{file: c.name, label: l.label, cited: l.cited})
			changed[l.id] = x
		}
	}
	for id, x := range changed {
		slices.SortStableFunc(x.files, func(a, b fileLabel) int { return strings.Compare(a.file, b.file) })
		if len(x.files) == 0 {
			changed[id] = idLabels{} // gone
			continue
		}
		// The first label, unless a code is cited: then the last citing
		// file's.
		x.label = x.files[0].label
		for _, f := range x.files {
			if f.cited {
				x.label = f.label
			}
		}
		changed[id] = x
	}
	fl.set = base.set.with(changed)
	dc.mu.Lock()
	dc.lastLabels[key] = fl
	dc.mu.Unlock()
	return fl.set, nil
}

// fileChange is a file of a folder that changed (old and new blob), came
// (old zero) or went (new zero).
type fileChange struct {
	name     string
	old, new plumbing.Hash
}

// changedFiles compares the files that match in two versions of a
// folder's tree, as their objects' bytes (old nil: an empty folder), and
// returns those that differ, in the order of their names, and how many
// the new version has. Both trees list their entries in the order of
// their names, which for files alone is plain byte order.
func changedFiles(old []byte, oldHash plumbing.Hash, new []byte, newHash plumbing.Hash, match func([]byte) bool) ([]fileChange, int, error) {
	a, b := repo.NewTreeCursor(old, oldHash), repo.NewTreeCursor(new, newHash)
	next := func(c *repo.TreeCursor) (repo.RawEntry, bool) {
		for c.Next() {
			if e := c.Entry(); e.Mode != filemode.Dir && match(e.Name) {
				return e, true
			}
		}
		return repo.RawEntry{}, false
	}
	var changes []fileChange
	files := 0
	// The files both trees list alike are skipped, counted (SkipSame).
	same := func(e repo.RawEntry) {
		if e.Mode != filemode.Dir && match(e.Name) {
			files++
		}
	}
	repo.SkipSame(&a, &b, same)
	x, okX := next(&a)
	y, okY := next(&b)
	for okX || okY {
		c := 0
		switch {
		case !okY:
			c = -1
		case !okX:
			c = 1
		default:
			c = bytes.Compare(x.Name, y.Name)
		}
		switch {
		case c < 0:
			changes = append(changes, fileChange{string(x.Name), x.Hash, plumbing.ZeroHash})
			x, okX = next(&a)
		case c > 0:
			changes = append(changes, fileChange{string(y.Name), plumbing.ZeroHash, y.Hash})
			files++
			y, okY = next(&b)
		default:
			if x.Hash != y.Hash {
				changes = append(changes, fileChange{string(y.Name), x.Hash, y.Hash})
			}
			files++
			repo.SkipSame(&a, &b, same)
			x, okX = next(&a)
			y, okY = next(&b)
		}
	}
	if err := a.Err(); err != nil {
		return nil, 0, err
	}
	return changes, files, b.Err()
}

// nameMatcher matches file names against the last element of a kind's
// pattern: most are "*.yaml", matched without path.Match.
func nameMatcher(pattern string) func([]byte) bool {
	if pattern == "*.yaml" {
		return func(name []byte) bool { return bytes.HasSuffix(name, []byte(".yaml")) }
	}
	return func(name []byte) bool {
		ok, _ := path.Match(pattern, string(name))
		return ok
	}
}

// folderLabels are the labels of a kind of record that the files of one
// kind of file in a folder's tree hold, with what each file gave: the
// start of the labels of the folder's next tree.
type folderLabels struct {
	hash plumbing.Hash // the folder's tree
	tree []byte        // its object
	set  *labelSet
}

// labelSet is a version of the labels of a kind of record that the files
// of one kind of file in a folder hold. It never changes once made, and
// the versions of a folder share most of what they hold: a flat base,
// and the ids that changed since it (the overlay). Copying the whole map
// for every version (a commit changes one of a county's 10,384 hazards)
// was most of what describing its history allocated.
type labelSet struct {
	base map[string]idLabels // shared; never changed once made
	over map[string]idLabels // the ids changed since base; no files: gone
}

// idLabels are the labels the files of a folder give an id, in the order
// of the files, and the label shown.
type idLabels struct {
	files []fileLabel
	label string
}

func (s *labelSet) get(id string) (idLabels, bool) {
	if l, ok := s.over[id]; ok {
		return l, len(l.files) > 0
	}
	l, ok := s.base[id]
	return l, ok
}

// minOverlay is the size up to which an overlay is never flattened.
const minOverlay = 16

// with returns the version of s in which the ids of changed have the
// labels changed gives them (no files: gone). It takes changed for its
// own.
//
// A version copies the overlay of the one it comes from; once the overlay
// holds more than about the square root of the base's ids, it is
// flattened into a new base. With c ids changed a version, that is a copy
// of the n ids every √n/c versions and of √n in every one: about (c+1)√n
// ids a version rather than n, and a lookup stays two map reads.
func (s *labelSet) with(changed map[string]idLabels) *labelSet {
	if len(changed) == 0 {
		return s
	}
	over := changed
	for id, l := range s.over {
		if _, ok := over[id]; !ok {
			over[id] = l
		}
	}
	if len(s.base) > 0 && (len(over) <= minOverlay || len(over)*len(over) <= len(s.base)) {
		return &labelSet{base: s.base, over: over}
	}
	base := over
	if len(s.base) > 0 {
		base = maps.Clone(s.base)
		maps.Copy(base, over)
	}
	for id, l := range over {
		if len(l.files) == 0 {
			delete(base, id)
		}
	}
	return &labelSet{base: base}
}

type fileLabel struct {
	file, label string
	cited       bool
}

// labelPair is a record's id and label, or a nested record's code
// (cited) and label, with its kind.
type labelPair struct {
	kind, id, label string
	cited           bool
}

// fileLabels returns the ids and labels of a file's records. They are kept
// apart from the decoded records, which are large: a folder's labels are
// read again for every commit that changes one of its files.
func (dc *decodeCache) fileLabels(st storer.EncodedObjectStorer, p string, h plumbing.Hash) ([]labelPair, error) {
	key := fileKey{h, p}
	dc.mu.Lock()
	ls, ok := dc.fileLabel[key]
	dc.mu.Unlock()
	if ok {
		return ls, nil
	}
	f, err := dc.file(st, p, h)
	if err != nil {
		return nil, err
	}
	ls = make([]labelPair, 0, len(f.entries))
	for i := range f.entries {
		en := &f.entries[i]
		ls = append(ls, labelPair{kind: en.Key.Kind, id: en.Key.ID, label: en.Label})
		for _, c := range en.Codes() {
			ls = append(ls, labelPair{kind: c.Kind, id: c.Code, label: c.Label, cited: true})
		}
	}
	dc.mu.Lock()
	if len(dc.fileLabel) >= maxFileLabels {
		clear(dc.fileLabel)
	}
	dc.fileLabel[key] = ls
	dc.mu.Unlock()
	return ls, nil
}

func (dc *decodeCache) recordsRoot(st storer.EncodedObjectStorer, commit string) (plumbing.Hash, error) {
	dc.mu.Lock()
	h, ok := dc.roots[commit]
	dc.mu.Unlock()
	if ok {
		return h, nil
	}
	dc.io.Lock()
	c, err := object.GetCommit(st, plumbing.NewHash(commit))
	if err == nil {
		h, err = subtree(st, c.TreeHash, record.Dir)
	}
	dc.io.Unlock()
	if err != nil {
		return plumbing.ZeroHash, err
	}
	dc.mu.Lock()
	dc.roots[commit] = h
	dc.mu.Unlock()
	return h, nil
}

// subtree returns the hash of the folder at p (slash-separated, "." for
// the tree itself) below tree, or zero when there is none.
func subtree(st storer.EncodedObjectStorer, tree plumbing.Hash, p string) (plumbing.Hash, error) {
	if p == "." || p == "" {
		return tree, nil
	}
	for name := range strings.SplitSeq(p, "/") {
		raw, err := repo.ReadObject(st, plumbing.TreeObject, tree)
		if err != nil {
			return plumbing.ZeroHash, err
		}
		cur := repo.NewTreeCursor(raw, tree)
		found := false
		for cur.Next() {
			if e := cur.Entry(); string(e.Name) == name {
				if e.Mode != filemode.Dir {
					return plumbing.ZeroHash, nil
				}
				tree, found = e.Hash, true
				break
			}
		}
		if err := cur.Err(); err != nil {
			return plumbing.ZeroHash, err
		}
		if !found {
			return plumbing.ZeroHash, nil
		}
	}
	return tree, nil
}
