package record

import (
	"reflect"
	"slices"
	"sync"
)

// Series decodes the records of one commit after another, each given as
// the record files that changed since the one before (what a diff of
// their trees gives), as the versions of a site's notices are built from
// many earlier commits: a version of a file is decoded once, and a Set
// gathers again only the kinds of record whose files changed, sharing the
// others with the Set before. Each Set is the one Decode gives for the
// commit's files, and Next says whether Decode finds any mistake in them.
//
// A Series holds one commit's records at a time: the decoded files of the
// commit it is at, those the FileCache it reads holds shared with it. It
// is not safe for concurrent use.
type Series struct {
	cache *FileCache // files decoded before (the build's own commit): read, never added to
	files map[string]*seriesFile
	all   []string            // every path, sorted
	paths map[string][]string // kind name → the paths of its files, sorted ("": of no kind)

	// What Decode checks across files, kept up to date file by file:
	// the ids declared by good files, the references of every file, the
	// ids declared twice and the references to no declared id.
	ids     map[ref]int
	refs    map[ref]int
	dups    int
	missing map[ref]bool
	bad     int             // files with mistakes of their own, bad names, or of no kind
	phones  map[string]bool // files with phone numbers in published text

	// added are the paths add took since the lists were brought up to
	// date (listAdded).
	added []string

	set     *Set            // the last Set gathered
	postsOK bool            // no post of set has more holders than seats
	dirty   map[string]bool // kinds changed since set was gathered
	// was holds, for each path added, changed or removed since set was
	// gathered, the file set was gathered from (nil: the path had none).
	was      map[string]*seriesFile
	gathered map[string]*gatheredKind // by kind
	// gatheredFrom are the files whose records the last Set took from
	// the file, not from the Set before, for the tests.
	gatheredFrom []string
}

type seriesFile struct {
	blob string
	d    *decodedFile
	good bool // a record file of a known kind with a good name: Decode gathers it
}

// records is how many records the file gives its kind's field of a Set.
func (f *seriesFile) records() int {
	switch {
	case !f.good || !f.d.value.IsValid():
		return 0
	case f.d.kind.List != "":
		return f.d.value.Len()
	}
	return 1
}

// listed is what of the file the Set's lists of files (Files,
// Unreadable) show.
func (f *seriesFile) listed() [3]bool { return [3]bool{f.good, f.d.known, f.d.unreadable} }

// NewSeries returns a series at a commit without record files, reading
// the files cache (nil: none) has decoded already.
func NewSeries(cache *FileCache) *Series {
	return &Series{cache: cache, files: map[string]*seriesFile{}, paths: map[string][]string{},
		ids: map[ref]int{}, refs: map[ref]int{}, missing: map[ref]bool{}, phones: map[string]bool{}, dirty: map[string]bool{},
		was: map[string]*seriesFile{}, gathered: map[string]*gatheredKind{}}
}

// Known reports whether the series has the blob decoded as the file at
// path already: its data need not be read.
func (s *Series) Known(path, blob string) bool {
	if f := s.files[path]; f != nil && f.blob == blob {
		return true
	}
	return s.cache.Has(path, blob)
}

// Next moves the series to the next commit: changed are its record files
// added or changed since the commit before (each with its Blob, and its
// Data unless Known says it is not needed), removed the paths of those
// deleted. It returns the commit's records, and whether Decode finds no
// mistake in them; the Set is gathered only then (nil otherwise).
func (s *Series) Next(changed []File, removed []string) (*Set, bool) {
	for _, p := range removed {
		s.remove(p)
	}
	// The files are added in the order given; listAdded then puts the
	// paths of those new to the series into the sorted lists at once.
	changed = lastOfEach(changed)
	adds := make([]*decodedFile, len(changed))
	var decode []File
	var at []int // where each file to decode is in adds
	for i, f := range changed {
		if old := s.files[f.Path]; old != nil && f.Blob != "" && old.blob == f.Blob {
			continue
		}
		s.forget(f.Path) // still listed: it is added again below
		if d, ok := s.cache.get(f); ok {
			adds[i] = d
			continue
		}
		decode = append(decode, f)
		at = append(at, i)
	}
	// Decoded here, not kept in the cache: it holds the build's commit,
	// the series one commit at a time.
	ds := decodeFiles(decode, nil)
	for j := range ds {
		adds[at[j]] = &ds[j]
	}
	for i, f := range changed {
		if adds[i] != nil {
			s.add(f, adds[i])
		}
	}
	s.listAdded()
	if s.bad > 0 || s.dups > 0 || len(s.missing) > 0 || s.files[Dir+"/township.yaml"] == nil {
		return nil, false
	}
	prev := s.set
	set := s.gather()
	if prev == nil || set != prev && (s.dirty["people"] || s.dirty["posts"]) {
		s.postsOK = len(set.checkPosts()) == 0 // it reads only the people and the posts
	}
	phonesOK := true
	if len(s.phones) > 0 {
		var phones []phoneFinding
		for _, p := range s.all {
			if s.phones[p] {
				phones = append(phones, s.files[p].d.phones...)
			}
		}
		phonesOK = len(publicPhones(set, phones)) == 0
	}
	s.set = set
	clear(s.dirty)
	clear(s.was)
	if !s.postsOK || !phonesOK {
		return nil, false
	}
	return set, true
}

// lastOfEach returns the files with only the last of a path given twice
// or more (a corrupt tree may list a name twice), in the order given: as
// when each was added in turn, the last one counts.
func lastOfEach(files []File) []File {
	last := make(map[string]int, len(files))
	for i, f := range files {
		last[f.Path] = i
	}
	if len(last) == len(files) {
		return files
	}
	out := make([]File, 0, len(last))
	for i, f := range files {
		if last[f.Path] == i {
			out = append(out, f)
		}
	}
	return out
}

func (s *Series) remove(p string) {
	if f := s.forget(p); f != nil {
		s.all = deleteSorted(s.all, p)
		k := f.d.kind.Name
		s.paths[k] = deleteSorted(s.paths[k], p)
	}
}

// forget takes the file at p out of the series, and returns it, but
// leaves it in the lists of paths: for a file changed, which add puts
// back at the same place (a path's kind is its folder's), rather than
// moving every path after it twice.
func (s *Series) forget(p string) *seriesFile {
	f := s.files[p]
	if f == nil {
		return nil
	}
	delete(s.files, p)
	k := f.d.kind.Name
	s.dirty[k] = true
	if _, ok := s.was[p]; !ok {
		s.was[p] = f
	}
	if !f.good || len(f.d.errs) > 0 {
		s.bad--
	}
	if f.good {
		for _, id := range f.d.ids {
			s.countID(id, -1)
		}
	}
	for _, r := range f.d.refs {
		s.countRef(r, -1)
	}
	delete(s.phones, p)
	return f
}

func (s *Series) add(f File, d *decodedFile) {
	_, badName := badFileName(f.Path)
	sf := &seriesFile{blob: f.Blob, d: d, good: d.known && !badName}
	s.files[f.Path] = sf
	s.added = append(s.added, f.Path) // listed by listAdded
	k := d.kind.Name
	s.dirty[k] = true
	if _, ok := s.was[f.Path]; !ok {
		s.was[f.Path] = nil // a path new since the last Set
	}
	if !sf.good || len(d.errs) > 0 {
		s.bad++
	}
	if sf.good {
		for _, id := range d.ids {
			s.countID(id, 1)
		}
	}
	for _, r := range d.refs {
		s.countRef(r, 1)
	}
	if len(d.phones) > 0 {
		s.phones[f.Path] = true
	}
}

func (s *Series) countID(r ref, n int) {
	k := ref{kind: r.kind, id: r.id}
	before := s.ids[k]
	if s.ids[k] = before + n; s.ids[k] == 0 {
		delete(s.ids, k)
	}
	switch {
	case n > 0 && before == 1:
		s.dups++
	case n < 0 && before == 2:
		s.dups--
	}
	s.resolve(k)
}

func (s *Series) countRef(r ref, n int) {
	k := ref{kind: r.kind, id: r.id}
	if s.refs[k] += n; s.refs[k] == 0 {
		delete(s.refs, k)
	}
	s.resolve(k)
}

func (s *Series) resolve(k ref) {
	if s.refs[k] > 0 && s.ids[k] == 0 {
		s.missing[k] = true
	} else {
		delete(s.missing, k)
	}
}

// listAdded puts the paths added since into the sorted lists of paths,
// those of a file changed being there already: all at once, each list
// moved once. A county's history adds thousands of files in the middle
// of its lists (each township's new hazards after its own), and
// inserting them one by one moved 20,000 paths for each (0.6 s of the
// versions pass's CPU).
func (s *Series) listAdded() {
	if len(s.added) == 0 {
		return
	}
	slices.Sort(s.added)
	fresh := s.added[:0] // those not listed yet, sorted
	for _, p := range s.added {
		if _, listed := slices.BinarySearch(s.all, p); !listed {
			fresh = append(fresh, p)
		}
	}
	s.all = insertAll(s.all, fresh)
	byKind := map[string][]string{}
	for _, p := range fresh {
		k := s.files[p].d.kind.Name
		byKind[k] = append(byKind[k], p)
	}
	for k, ps := range byKind {
		s.paths[k] = insertAll(s.paths[k], ps)
	}
	clear(s.added)
	s.added = s.added[:0]
}

// insertAll returns the sorted list with the sorted paths ps, none of
// them in it, inserted: merged from the end, in place when it has room.
// On a series' first commit every path comes after the last one listed.
func insertAll(list, ps []string) []string {
	if len(ps) == 0 {
		return list
	}
	n := len(list)
	list = slices.Grow(list, len(ps))[:n+len(ps)]
	i, j := n-1, len(ps)-1
	for k := len(list) - 1; j >= 0; k-- {
		if i >= 0 && list[i] > ps[j] {
			list[k] = list[i]
			i--
		} else {
			list[k] = ps[j]
			j--
		}
	}
	return list
}

func deleteSorted(ps []string, p string) []string {
	if i, found := slices.BinarySearch(ps, p); found {
		return slices.Delete(ps, i, i+1)
	}
	return ps
}

// gather returns the Set of the series' files: the last Set when nothing
// changed, else a new one sharing the unchanged kinds' records with it.
func (s *Series) gather() *Set {
	if s.set != nil && len(s.dirty) == 0 {
		return s.set
	}
	changed := func(kinds ...string) bool {
		if s.set == nil {
			return true
		}
		for _, k := range kinds {
			if s.dirty[k] {
				return true
			}
		}
		return false
	}
	set := &Set{}
	if s.set != nil {
		copySet(set, s.set)
	}
	s.gatheredFrom = s.gatheredFrom[:0]
	changedPaths := s.changedPaths()
	for _, k := range kinds() {
		if !changed(k.Name) {
			continue
		}
		if !s.gatherChanged(k, set, changedPaths[k.Name]) {
			s.gatherAll(k, set)
		}
	}
	if s.set == nil || s.listsChanged() {
		set.Files, set.Unreadable = make([]string, 0, len(s.all)), nil
		for _, p := range s.all {
			switch f := s.files[p]; {
			case f.good:
				set.Files = append(set.Files, p)
				if f.d.unreadable {
					set.Unreadable = append(set.Unreadable, p)
				}
			case f.d.known:
				set.Unreadable = append(set.Unreadable, p) // a bad name
			}
		}
	}
	if changed("units") {
		set.units = index(set.Units, func(u *Unit) string { return u.ID })
	}
	if changed("posts") {
		set.posts = index(set.Posts, func(p *Post) string { return p.ID })
	}
	if changed("people") {
		set.people = index(set.People, func(p *Person) string { return p.ID })
	}
	if !changed("township", "units") {
		set.guard.Store(s.set.guard.Load()) // the same public phones and addresses
	}
	return set
}

// gatheredKind is a kind's files as the last Set that gathered it had
// them: their paths, sorted, and where each one's records start in the
// kind's field (with one more, the end of the last).
type gatheredKind struct {
	paths  []string
	starts []int
}

// changedPaths returns, by kind, the paths added, changed or removed since
// the last Set, sorted.
func (s *Series) changedPaths() map[string][]string {
	out := map[string][]string{}
	for p, old := range s.was {
		switch f := s.files[p]; {
		case f != nil:
			out[f.d.kind.Name] = append(out[f.d.kind.Name], p)
		case old != nil:
			out[old.d.kind.Name] = append(out[old.d.kind.Name], p)
		}
	}
	for _, ps := range out {
		slices.Sort(ps)
	}
	return out
}

// gatherAll gathers the kind's field of set from every file of the kind.
func (s *Series) gatherAll(k Kind, set *Set) {
	paths := s.paths[k.Name]
	starts := make([]int, len(paths)+1)
	n := 0
	for _, p := range paths {
		n += s.files[p].records()
	}
	emptyField(k, set, n)
	at := 0
	for i, p := range paths {
		starts[i] = at
		if f := s.files[p]; f.records() > 0 {
			k.add(set, f.d.value)
			s.gatheredFrom = append(s.gatheredFrom, p)
			at += f.records()
		}
	}
	starts[len(paths)] = at
	if k.compact != nil {
		k.compact(set)
	}
	s.gathered[k.Name] = &gatheredKind{paths: slices.Clone(paths), starts: starts}
}

// emptyField empties the kind's field of set, making room for n records
// when it is a list: made to size, as a county's 10,000 hazards are
// gathered again for most commits.
func emptyField(k Kind, set *Set, n int) {
	field := kindField(k, set)
	field.SetZero()
	if n > 0 && field.Kind() == reflect.Slice {
		field.Set(reflect.MakeSlice(field.Type(), 0, n))
	}
}

// gatherChanged gathers the kind's field of set from the last Set's and
// the files of the kind changed since (changed, sorted): the records of
// the files that did not change are copied from the last Set, a run of
// such files at a time, and only the changed files' are taken from the
// files. A commit of a county's history changes a few of its 10,000
// hazards. It reports false, having gathered nothing, when it cannot.
func (s *Series) gatherChanged(k Kind, set *Set, changed []string) bool {
	last := s.gathered[k.Name] // nil before the first Set
	if last == nil || k.take == nil {
		return false
	}
	paths := s.paths[k.Name]
	// Where each changed path is, or would be, in the paths now and in
	// those of the last Set; and how many records the kind has now.
	type at struct{ now, then int }
	where := make([]at, len(changed)+1)
	n := last.starts[len(last.paths)]
	for i, p := range changed {
		now, isNow := slices.BinarySearch(paths, p)
		then, wasThen := slices.BinarySearch(last.paths, p)
		where[i] = at{now, then}
		if isNow {
			n += s.files[p].records()
		}
		if wasThen {
			n -= last.starts[then+1] - last.starts[then]
		}
	}
	where[len(changed)] = at{len(paths), len(last.paths)}
	emptyField(k, set, n)
	starts := make([]int, len(paths)+1)
	now, then, total := 0, 0, 0
	for i, w := range where {
		// The files between the changed ones did not change: the
		// same paths now as then, their records a run of the last
		// Set's.
		if w.now-now != w.then-then {
			return false // cannot be: a path added or removed is a changed one
		}
		lo, hi := last.starts[then], last.starts[w.then]
		for j := range w.now - now {
			starts[now+j] = total + last.starts[then+j] - lo
		}
		if hi > lo {
			k.take(set, s.set, lo, hi)
			total += hi - lo
		}
		now, then = w.now, w.then
		if i == len(changed) {
			break
		}
		p := changed[i]
		if now < len(paths) && paths[now] == p {
			starts[now] = total
			if f := s.files[p]; f.records() > 0 {
				k.add(set, f.d.value)
				s.gatheredFrom = append(s.gatheredFrom, p)
				total += f.records()
			}
			now++
		}
		if then < len(last.paths) && last.paths[then] == p {
			then++
		}
	}
	starts[len(paths)] = total
	s.gathered[k.Name] = &gatheredKind{paths: slices.Clone(paths), starts: starts}
	return true
}

// listsChanged reports whether the Set's lists of files differ from the
// last Set's: a path added or removed, or a file that changed what of it
// they show.
func (s *Series) listsChanged() bool {
	for p, old := range s.was {
		if f := s.files[p]; old == nil || f == nil || old.listed() != f.listed() {
			return true
		}
	}
	return false
}

// copySet makes dst share every record of src, and its indexes.
func copySet(dst, src *Set) {
	dv, sv := reflect.ValueOf(dst).Elem(), reflect.ValueOf(src).Elem()
	for i := range dv.NumField() {
		if dv.Type().Field(i).IsExported() {
			dv.Field(i).Set(sv.Field(i))
		}
	}
	dst.units, dst.posts, dst.people = src.units, src.posts, src.people
}

// kindField returns the field of s a kind's records are gathered into.
func kindField(k Kind, s *Set) reflect.Value {
	return reflect.ValueOf(s).Elem().FieldByIndex(kindFields()[k.Name])
}

// kindFields maps each kind to the one field of a Set (or of a group in
// it: Assess, Safety, Targets) whose type is the kind's type, a slice of
// it, a pointer to it or a slice of pointers to it (listOfRefs).
var kindFields = sync.OnceValue(func() map[string][]int {
	groups := []reflect.Type{reflect.TypeFor[Assess](), reflect.TypeFor[Safety](), reflect.TypeFor[Targets]()}
	holds := func(ft, t reflect.Type) bool {
		return ft == t || (ft.Kind() == reflect.Slice || ft.Kind() == reflect.Pointer) && ft.Elem() == t ||
			ft.Kind() == reflect.Slice && ft.Elem().Kind() == reflect.Pointer && ft.Elem().Elem() == t
	}
	var find func(t reflect.Type, path []int, want reflect.Type) [][]int
	find = func(t reflect.Type, path []int, want reflect.Type) [][]int {
		var found [][]int
		for i := range t.NumField() {
			f := t.Field(i)
			p := append(slices.Clone(path), i)
			switch {
			case !f.IsExported():
			case holds(f.Type, want):
				found = append(found, p)
			case slices.Contains(groups, f.Type):
				found = append(found, find(f.Type, p, want)...)
			}
		}
		return found
	}
	m := map[string][]int{}
	for _, k := range Kinds() {
		ps := find(reflect.TypeFor[Set](), nil, k.Type)
		if len(ps) != 1 {
			panic("record: a Set has " + string(rune('0'+len(ps))) + " fields for the records of kind " + k.Name)
		}
		m[k.Name] = ps[0]
	}
	return m
})
