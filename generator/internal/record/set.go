package record

import (
	"cmp"
	"fmt"
	"maps"
	"path"
	"reflect"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"

	"github.com/goccy/go-yaml/ast"

	"gongshi/generator/internal/diag"
	"gongshi/generator/internal/guard"
)

// Dir is the folder of the repository that holds the records.
const Dir = "records"

// File is a record file as read from a commit or the working tree. Path is
// relative to the repository root ("records/people/机关.yaml").
type File struct {
	Path string
	Data []byte
	// Blob is the file's git blob hash when it was read from a commit:
	// what a FileCache knows it by. Data may be nil when the cache has
	// the blob already.
	Blob string
}

// Kind is one kind of record file: where it lives and what it holds.
type Kind struct {
	Name    string // schema file name and reference anchor, e.g. "people"
	Pattern string // path.Match pattern under records/, e.g. "people/*.yaml"
	Title   string // 人员名册
	List    string // top-level field holding the list; "" for a file holding one record
	Type    reflect.Type
	add     func(s *Set, v reflect.Value)
	// take, for a list kind, appends the records at [lo, hi) of the
	// kind's field of from to that of s.
	take func(s, from *Set, lo, hi int)
	// compact, for a kind gathered as pointers (listOfRefs), copies the
	// records of the kind's field of s into one array and points at
	// them there: what a Set gathered from every file of the kind does.
	compact func(s *Set)
	example string // file name of the kind's example, when the pattern's "example.yaml" will not do
}

// named sets the file name the kind's example is shown and tested under:
// some kinds are named after their year or quarter. A name with a slash
// is a path under the pattern's parent folder, for patterns whose folder
// is not a plain "*" (targets/20??/).
func (k Kind) named(file string) Kind {
	k.example = file
	return k
}

// ExamplePath is where the kind's example would live in a records folder.
func (k Kind) ExamplePath() string {
	p := Dir + "/" + strings.NewReplacer("*", "example", "?", "1").Replace(k.Pattern)
	switch {
	case strings.Contains(k.example, "/"):
		p = path.Join(Dir, path.Dir(path.Dir(k.Pattern)), k.example)
	case k.example != "":
		p = path.Join(path.Dir(p), k.example)
	}
	return p
}

// single is a kind whose files each hold one record of type T.
func single[T any](name, pattern, title string, add func(*Set, *T)) Kind {
	return Kind{Name: name, Pattern: pattern, Title: title, Type: reflect.TypeFor[T](),
		add: func(s *Set, v reflect.Value) { add(s, v.Addr().Interface().(*T)) }}
}

// list is a kind whose files hold a list of T under the field key.
func list[T any](name, pattern, key, title string, dst func(*Set) *[]T) Kind {
	return Kind{Name: name, Pattern: pattern, List: key, Title: title, Type: reflect.TypeFor[T](),
		add:  func(s *Set, v reflect.Value) { *dst(s) = append(*dst(s), v.Interface().([]T)...) },
		take: func(s, from *Set, lo, hi int) { *dst(s) = append(*dst(s), (*dst(from))[lo:hi]...) }}
}

// listOfRefs is a kind whose files hold a list of T under the field key,
// gathered as pointers to the records. A Series gathers a kind again
// whenever one of its files changes, copying the records of the files
// that did not: a county's 10,000 hazards and its monthly reports were
// copied whole, 280 bytes a record, at most of the commits the versions
// of notices look back on. Pointers are 8 bytes, and a record that did
// not change is the same record in every Set that has it: nothing may
// change a record through them.
//
// A Set gathered from every file (Decode, a Series' first commit) has
// its records copied into one array (compact): pointing into each file's
// own, 10,000 hazards were scattered over the heap, and checking them
// took a quarter longer. The records of the files a Series decodes
// later are the files' own.
func listOfRefs[T any](name, pattern, key, title string, dst func(*Set) *[]*T) Kind {
	return Kind{Name: name, Pattern: pattern, List: key, Title: title, Type: reflect.TypeFor[T](),
		add: func(s *Set, v reflect.Value) {
			vs, to := v.Interface().([]T), dst(s)
			for i := range vs {
				*to = append(*to, &vs[i])
			}
		},
		take: func(s, from *Set, lo, hi int) { *dst(s) = append(*dst(s), (*dst(from))[lo:hi]...) },
		compact: func(s *Set) {
			ps := *dst(s)
			block := make([]T, len(ps))
			for i, p := range ps {
				block[i] = *p
				ps[i] = &block[i]
			}
		}}
}

// Kinds lists every kind of record file, in the order the reference page
// documents them.
func Kinds() []Kind {
	ks := []Kind{
		single("township", "township.yaml", "乡镇", func(s *Set, t *Township) { s.Township = *t }),
		list("units", "units/*.yaml", "units", "单位", func(s *Set) *[]Unit { return &s.Units }),
		list("posts", "posts/*.yaml", "posts", "职务", func(s *Set) *[]Post { return &s.Posts }),
		list("people", "people/*.yaml", "people", "人员", func(s *Set) *[]Person { return &s.People }),
		single("calendar", "calendar/*.yaml", "节假日安排", func(s *Set, c *Calendar) { s.Calendars = append(s.Calendars, *c) }).named("2026.yaml"),
	}
	ks = append(ks, assessKinds()...)
	ks = append(ks, safetyKinds()...)
	ks = append(ks, targetKinds()...)
	ks = append(ks, summaryKinds()...)
	return append(ks, objectionKinds()...)
}

// KindOf returns the kind of file at a repository path, if any.
func KindOf(p string) (Kind, bool) { return kindOf(p) }

// kinds are the kinds of record file, made once for reading many files.
var kinds = sync.OnceValue(Kinds)

func kindOf(p string) (Kind, bool) {
	rel, ok := strings.CutPrefix(p, Dir+"/")
	if !ok {
		return Kind{}, false
	}
	for _, k := range kinds() {
		if m, _ := path.Match(k.Pattern, rel); m {
			return k, true
		}
	}
	return Kind{}, false
}

// IsRecordFile reports whether a path under records/ is read as a record:
// YAML files are; anything else (scans, photos kept as evidence) is not.
func IsRecordFile(p string) bool {
	return strings.HasPrefix(p, Dir+"/") && (strings.HasSuffix(p, ".yaml") || strings.HasSuffix(p, ".yml"))
}

// Set is every record of one commit.
type Set struct {
	Township  Township
	Units     []Unit
	Posts     []Post
	People    []Person
	Calendars []Calendar
	Assess    Assess
	Safety    Safety
	Targets   Targets
	Summaries []Summary
	// Objections are the objections to notices, in file order.
	Objections []Objection

	// Files are the record files decoded, sorted by path.
	Files []string
	// Unreadable are the record files that could not be read at all
	// (not UTF-8, a tab for indentation, not YAML): what their records
	// would have declared is unknown, so nothing is said of references to
	// records of their kinds, and the results are not computed.
	Unreadable []string

	units  map[string]*Unit
	posts  map[string]*Post
	people map[string]*Person
	guard  atomic.Pointer[guard.Guard] // see Guard
}

// Unit returns the unit with the id, or nil.
func (s *Set) Unit(id string) *Unit { return s.units[id] }

// Post returns the post with the id, or nil.
func (s *Set) Post(id string) *Post { return s.posts[id] }

// Person returns the person with the id, or nil.
func (s *Set) Person(id string) *Person { return s.people[id] }

func index[T any](items []T, id func(*T) string) map[string]*T {
	m := make(map[string]*T, len(items))
	for i := range items {
		if k := id(&items[i]); k != "" {
			if _, dup := m[k]; !dup {
				m[k] = &items[i]
			}
		}
	}
	return m
}

// Decode reads every record file, checks each against its kind, checks ids
// and references across files, and returns the records with every mistake
// found, sorted. The Set is usable even when there are mistakes: a record
// with a mistake is kept as far as it could be read.
//
// Files are parsed and decoded on all processors, each on its own (parsing
// YAML is most of the cost); what needs every file (unique ids, references,
// posts' holders) is checked after, in file order.
func Decode(files []File) (*Set, diag.List) { return DecodeCached(files, nil) }

// DecodeCached is Decode, taking the files it has decoded before from the
// cache and keeping those it decodes there: the versions of a site's pages
// are built from many commits that share most of their files.
func DecodeCached(files []File, cache *FileCache) (*Set, diag.List) {
	var errs diag.List
	s := &Set{}
	sorted := slices.SortedFunc(slices.Values(files), func(a, b File) int { return cmp.Compare(a.Path, b.Path) })
	decoded := decodeFiles(sorted, cache)
	ids := map[string]map[string]diag.Pos{}
	unknown := map[string]bool{} // kinds of record an unreadable file may hold
	seenTownship := false
	for i, f := range sorted {
		r := &decoded[i]
		if !IsRecordFile(f.Path) {
			continue
		}
		if bad, ok := badFileName(f.Path); ok {
			errs.Add(diag.Pos{File: strconv.Quote(f.Path)}, "expected a file name of letters, digits, \"-\", \"_\" and \".\", found %q; 文件名只用汉字、字母、数字和 - _ .", bad)
			if r.known {
				s.Unreadable = append(s.Unreadable, f.Path)
				for _, k := range declaredKinds(r.kind.Type) {
					unknown[k] = true
				}
			}
			continue
		}
		if !r.known {
			errs.Add(diag.Pos{File: f.Path, Line: 1, Col: 1}, "expected a record file in a known folder (%s), found %s", knownPlaces(), f.Path)
			continue
		}
		s.Files = append(s.Files, f.Path)
		seenTownship = seenTownship || r.kind.Name == "township"
		errs.Append(r.errs)
		if r.unreadable {
			s.Unreadable = append(s.Unreadable, f.Path)
			for _, k := range declaredKinds(r.kind.Type) {
				unknown[k] = true
			}
		}
		for _, id := range r.ids {
			if ids[id.kind] == nil {
				ids[id.kind] = map[string]diag.Pos{}
			}
			if first, dup := ids[id.kind][id.id]; dup {
				errs.Add(id.pos, "expected a unique %s id, found %q again (first at %s)", id.kind, id.id, first)
				continue
			}
			ids[id.kind][id.id] = id.pos
		}
		if r.value.IsValid() {
			r.kind.add(s, r.value)
		}
	}
	for _, k := range kinds() {
		if k.compact != nil {
			k.compact(s)
		}
	}
	if !seenTownship {
		errs.Add(diag.Pos{File: Dir + "/township.yaml"}, "expected the township record, found none")
	}
	for i := range decoded {
		for _, r := range decoded[i].refs {
			if _, ok := ids[r.kind][r.id]; !ok && !unknown[r.kind] {
				errs.Add(r.pos, "expected the id of a %s, found %q%s", r.kind, r.id, suggestID(r.id, ids[r.kind]))
			}
		}
	}
	s.units = index(s.Units, func(u *Unit) string { return u.ID })
	s.posts = index(s.Posts, func(p *Post) string { return p.ID })
	s.people = index(s.People, func(p *Person) string { return p.ID })
	errs.Append(s.checkPosts())
	var phones []phoneFinding
	for i := range decoded {
		phones = append(phones, decoded[i].phones...)
	}
	errs.Append(publicPhones(s, phones))
	errs.Sort()
	return s, errs
}

// badFileName returns the first character of a record file's path that
// is not a letter, a digit, "-", "_" or ".": file names are printed in
// messages and in the shell commands the site gives, and must be safe in
// both.
func badFileName(p string) (string, bool) {
	for _, r := range strings.TrimPrefix(p, Dir+"/") {
		if !unicode.IsLetter(r) && !(r >= '0' && r <= '9') && !strings.ContainsRune("-_./", r) {
			return string(r), true
		}
	}
	return "", false
}

// declaredKinds are the kinds of record (those with ids, that others
// refer to) a file of type t may declare.
func declaredKinds(t reflect.Type) []string {
	var out []string
	seen := map[reflect.Type]bool{}
	var walk func(t reflect.Type)
	walk = func(t reflect.Type) {
		for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice || t.Kind() == reflect.Map {
			t = t.Elem()
		}
		if t.Kind() != reflect.Struct || seen[t] || t == nodeType || t == decimalType || isScalarType(t) {
			return
		}
		seen[t] = true
		info := newStructInfo(t)
		if info.kind != "" {
			out = append(out, info.kind)
		}
		for i := range t.NumField() {
			if t.Field(i).IsExported() {
				walk(t.Field(i).Type)
			}
		}
	}
	walk(t)
	return out
}

// decodedFile is one file decoded on its own: what Decode adds to the set
// and checks across files.
type decodedFile struct {
	kind  Kind
	known bool
	value reflect.Value // the file's records; invalid when none could be read
	errs  diag.List     // the file's own mistakes, privacy included
	refs  []ref
	ids   []ref // the ids the file declares, with their kinds
	// phones are the landlines its published text holds: mistakes
	// unless the records declare them public.
	phones []phoneFinding
	// unreadable: the file could not be parsed at all.
	unreadable bool
}

// decodeFiles decodes each record file on its own, on as many goroutines
// as there are processors; the results are in the order of files.
func decodeFiles(files []File, cache *FileCache) []decodedFile {
	out := make([]decodedFile, len(files))
	var next atomic.Int64
	work := func() {
		for {
			i := int(next.Add(1)) - 1
			if i >= len(files) {
				return
			}
			f := files[i]
			if !IsRecordFile(f.Path) {
				continue
			}
			if d, ok := cache.get(f); ok {
				out[i] = *d
				continue
			}
			out[i] = decodeSafely(f)
			cache.put(f, &out[i])
		}
	}
	n := min(runtime.GOMAXPROCS(0), (len(files)+15)/16)
	var wg sync.WaitGroup
	for range n - 1 {
		wg.Go(work)
	}
	work()
	wg.Wait()
	return out
}

// decodeSafely decodes a file on a goroutine of its own: should the
// decoder panic on some input (a bug), the file is reported unreadable
// and the run goes on, rather than the process ending with the runtime's
// status 2, which says "usage error".
func decodeSafely(f File) (r decodedFile) {
	defer func() {
		if p := recover(); p != nil {
			r = decodedFile{unreadable: true}
			r.kind, r.known = kindOf(f.Path)
			r.errs.Add(diag.Pos{File: f.Path, Line: 1, Col: 1}, "expected a record file gongshi can read, found one it failed on (%v); this is a bug in gongshi, please report it", p)
		}
	}()
	return decodeFile(f)
}

func decodeFile(f File) decodedFile {
	r := decodedFile{}
	r.kind, r.known = kindOf(f.Path)
	if !r.known {
		return r
	}
	d := &decoder{file: f.Path, errs: &r.errs, refs: &r.refs,
		ids: func(kind, id string, pos diag.Pos) { r.ids = append(r.ids, ref{kind: kind, id: id, pos: pos}) }}
	body := d.parseFile(f.Data)
	r.errs.Append(d.checkComments(&r.phones))
	if body == nil {
		r.unreadable = true
		return r
	}
	capture := r.kind
	capture.add = func(_ *Set, v reflect.Value) { r.value = v }
	capture.decodeInto(d, body, nil)
	if r.value.IsValid() {
		r.errs.Append(checkPrivacy(r.value, &r.phones))
	}
	return r
}

// decodeInto decodes one file's body as this kind and adds it to the set.
func (k Kind) decodeInto(d *decoder, body ast.Node, s *Set) {
	if k.List == "" {
		v := reflect.New(k.Type).Elem()
		d.structure(body, v)
		k.add(s, v)
		return
	}
	ps, ok := pairs(body)
	if !ok {
		d.errs.Expected(d.nodePos(body), fmt.Sprintf("a mapping with the field %q", k.List), describe(body))
		return
	}
	var items ast.Node
	for _, p := range ps {
		key, kpos, ok := d.key(p)
		switch {
		case !ok:
		case key != k.List:
			d.errs.Add(kpos, "expected the field %q, found %q", k.List, key)
		case items != nil:
			d.errs.Add(kpos, "expected the field %q once, found it again", k.List)
		default:
			items = p.Value
		}
	}
	if isNull(items) {
		if items == nil {
			d.errs.Add(d.nodePos(body), "expected the field %q listing the %s, found none", k.List, k.Title)
		}
		return
	}
	v := reflect.New(reflect.SliceOf(k.Type)).Elem()
	d.value(items, v, &fieldInfo{name: k.List, title: k.Title})
	k.add(s, v)
}

func knownPlaces() string {
	var ps []string
	for _, k := range Kinds() {
		ps = append(ps, Dir+"/"+k.Pattern)
	}
	return strings.Join(ps, ", ")
}

func suggestID(id string, known map[string]diag.Pos) string {
	best, dist := "", 3
	for k := range known {
		if d := EditDistanceWithin(id, k, dist); d < dist || (d == dist && k < best) {
			best, dist = k, d
		}
	}
	if best == "" {
		return ""
	}
	return fmt.Sprintf("; did you mean %q?", best)
}

// checkPosts reports posts held by more people at once than they have seats.
func (s *Set) checkPosts() diag.List {
	var errs diag.List
	byPost := map[string][]holding{}
	for i := range s.People {
		p := &s.People[i]
		for j := range p.Posts {
			if t := &p.Posts[j]; t.Post != "" && !t.From.IsZero() {
				byPost[t.Post] = append(byPost[t.Post], holding{p, t})
			}
		}
	}
	for _, id := range slices.Sorted(maps.Keys(byPost)) {
		post := s.Post(id)
		if post == nil {
			continue
		}
		hs := byPost[id]
		if len(hs) <= post.Holders() {
			continue // never more holders than seats, whatever their days
		}
		count := holdersOn(hs)
		for _, h := range hs {
			if n := count(h.t.From); n > post.Holders() {
				errs.Add(h.t.At("from"), "expected at most %d holder(s) of post %q on %s, found %d (%s)",
					post.Holders(), post.Title, h.t.From, n, holderNames(hs, h.t.From))
			}
		}
	}
	return errs
}

// holding is a tenure of a post and the person who held it.
type holding struct {
	person *Person
	t      *Tenure
}

// holdersOn returns a function counting the tenures of hs that hold a
// post on a day, each count in O(log n): a post's tenures are as many as
// a records folder holds, and checkPosts counts the holders on the first
// day of each.
func holdersOn(hs []holding) func(Date) int {
	var froms, tos []Date
	for _, h := range hs {
		// A tenure that ends before it starts holds no day.
		if t := h.t; t.To.IsZero() || !t.To.Before(t.From) {
			froms = append(froms, t.From)
			if !t.To.IsZero() {
				tos = append(tos, t.To)
			}
		}
	}
	slices.SortFunc(froms, Date.Compare)
	slices.SortFunc(tos, Date.Compare)
	return func(d Date) int {
		// Those begun on or before d, less those ended before it (all
		// begun before it).
		begun := sort.Search(len(froms), func(i int) bool { return froms[i].After(d) })
		ended := sort.Search(len(tos), func(i int) bool { return !tos[i].Before(d) })
		return begun - ended
	}
}

// maxHolderNames is how many holders a mistake names.
const maxHolderNames = 10

// holderNames names, in register order, those of hs who hold the post on
// d: the first maxHolderNames of them, and 等 after when there are more.
func holderNames(hs []holding, d Date) string {
	var names []string
	for _, h := range hs {
		if h.t.Holds(d) {
			if len(names) == maxHolderNames {
				return strings.Join(names, "、") + "等"
			}
			names = append(names, h.person.Name)
		}
	}
	return strings.Join(names, "、")
}

// FileCache keeps record files decoded on their own, by path and blob.
// Decoded records are shared by every Set made from the cache: nothing may
// change them (no stage does: they are the records as written). It is
// safe for concurrent use.
type FileCache struct {
	mu sync.Mutex
	m  map[fileKey]*decodedFile
}

type fileKey struct{ path, blob string }

// NewFileCache returns an empty cache.
func NewFileCache() *FileCache { return &FileCache{m: map[fileKey]*decodedFile{}} }

// Has reports whether the cache holds the blob decoded as the file at path:
// its data need not be read.
func (c *FileCache) Has(path, blob string) bool {
	if c == nil || blob == "" {
		return false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	_, ok := c.m[fileKey{path, blob}]
	return ok
}

// Entries returns the records of the blob decoded as the file at path,
// as ReadFile would, if the cache holds it and it had no mistake.
func (c *FileCache) Entries(path, blob string) ([]Entry, bool) {
	d, ok := c.get(File{Path: path, Blob: blob})
	if !ok || !d.known || len(d.errs) > 0 || !d.value.IsValid() {
		return nil, false
	}
	return fileEntries(path, d.kind, d.value, &decoder{file: path}), true
}

func (c *FileCache) get(f File) (*decodedFile, bool) {
	if c == nil || f.Blob == "" {
		return nil, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	d, ok := c.m[fileKey{f.Path, f.Blob}]
	return d, ok
}

func (c *FileCache) put(f File, d *decodedFile) {
	if c == nil || f.Blob == "" {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.m[fileKey{f.Path, f.Blob}] = d
}
