package record

import (
	"crypto/sha1"
	"fmt"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unsafe"

	"gongshi/generator/internal/synth"
)

// seriesStep is a commit of a test series: files written (data) and
// files removed (""). from, when not nil, says that the step's records
// build, and which files the Set takes records from: the records of the
// others are those of the Set before.
type seriesStep struct {
	name  string
	write map[string]string
	from  []string
}

func blobOf(data []byte) string { return fmt.Sprintf("%x", sha1.Sum(data)) }

// exported returns the exported fields of a Set, for comparing two.
func exported(s *Set) map[string]any {
	m := map[string]any{}
	v := reflect.ValueOf(s).Elem()
	for i := range v.NumField() {
		if f := v.Type().Field(i); f.IsExported() {
			m[f.Name] = v.Field(i).Interface()
		}
	}
	return m
}

// TestSeriesGivesWhatDecodeGives decodes a synthetic township's records,
// then commit after commit of changes, each once with a Series and once
// with Decode of every file: the Series must find a mistake exactly when
// Decode does, and give the same records when neither does.
func TestSeriesGivesWhatDecodeGives(t *testing.T) {
	t.Parallel()
	files := map[string][]byte{}
	for _, f := range synth.Files(synth.Township) {
		if IsRecordFile(f.Path) {
			files[f.Path] = f.Data
		}
	}
	pick := func(dir string) string {
		var ps []string
		for p := range files {
			if strings.HasPrefix(p, dir) {
				ps = append(ps, p)
			}
		}
		slices.Sort(ps)
		return ps[len(ps)/2]
	}
	person, unit := pick("records/people/"), pick("records/units/")
	personData, unitData := string(files[person]), string(files[unit])
	firstID := func(data string) string {
		_, rest, _ := strings.Cut(data, "- id: ")
		id, _, _ := strings.Cut(rest, "\n")
		return id
	}
	pid := firstID(personData)
	township := string(files["records/township.yaml"])
	renamed := func(suffix string) string {
		return regexp.MustCompile(`(?m)^(    name: .*)$`).ReplaceAllString(personData, "${1}"+suffix)
	}
	// Another person in the same file, holding no post.
	another := strings.Replace(regexp.MustCompile(`(?m)^    posts:\n(?:      .*\n)*`).ReplaceAllString(
		personData[strings.Index(personData, "  - id: "):], ""), "id: "+pid, "id: zz-another", 1)

	steps := []seriesStep{
		{"the first commit", nil, nil},
		{"a person's record changes", map[string]string{person: strings.Replace(personData, "\n", "\n# 备注\n", 1) + "\n"}, []string{person}},
		{"nothing changes", map[string]string{}, nil},
		{"a person's file gains a record", map[string]string{person: personData + another}, []string{person}},
		{"and loses it", map[string]string{person: personData}, []string{person}},
		{"a unit's file does not parse", map[string]string{"records/units/zz-bad.yaml": "units:\n  - id: [zz\n"}, nil},
		{"meanwhile a person's record changes", map[string]string{person: renamed("甲")}, nil},
		{"and goes", map[string]string{person: ""}, nil},
		{"and comes back, changed again", map[string]string{person: renamed("乙")}, nil},
		{"the unit's file goes: the person's record changed in place", map[string]string{"records/units/zz-bad.yaml": ""}, []string{person}},
		{"the person's record as it was", map[string]string{person: personData}, []string{person}},
		{"a unit others refer to is removed", map[string]string{unit: ""}, nil},
		{"it comes back", map[string]string{unit: unitData}, nil},
		{"a person's id is declared twice", map[string]string{"records/people/m-copy.yaml": personData}, nil},
		{"the copy takes an id of its own and no post", map[string]string{"records/people/m-copy.yaml": "people:\n" + strings.Replace(another, "zz-another", "zz-copy", 1)}, []string{"records/people/m-copy.yaml"}},
		{"the copy goes", map[string]string{"records/people/m-copy.yaml": ""}, []string{}},
		{"a file does not parse", map[string]string{"records/people/zz-bad.yaml": "people:\n  - id: [zz\n"}, nil},
		{"it is fixed and removed", map[string]string{"records/people/zz-bad.yaml": ""}, nil},
		{"a file in no known folder", map[string]string{"records/nowhere/x.yaml": "x: 1\n"}, nil},
		{"it goes", map[string]string{"records/nowhere/x.yaml": ""}, nil},
		{"a file with a bad name", map[string]string{"records/people/zz copy.yaml": strings.Replace(personData, "id: "+pid, "id: zz-named", 1)}, nil},
		{"it goes too", map[string]string{"records/people/zz copy.yaml": ""}, nil},
		{"the township changes", map[string]string{"records/township.yaml": township + "# 改\n"}, nil},
		{"the township goes", map[string]string{"records/township.yaml": ""}, nil},
		{"and comes back", map[string]string{"records/township.yaml": township}, nil},
		{"a mobile number in a published field", map[string]string{unit: strings.Replace(unitData, "\n", "\n    note: 联系电话 139 0745 1122\n", 1)}, nil},
		{"a landline in a published field", map[string]string{unit: strings.Replace(unitData, "    name:", "    note: 值班电话 0745-7609999\n    name:", 1)}, nil},
		{"it is made public as a unit's phone", map[string]string{unit: regexp.MustCompile(`(?m)^    phone: .*$`).ReplaceAllLiteralString(
			strings.Replace(unitData, "    name:", "    note: 值班电话 0745-7609999\n    name:", 1), "    phone: 0745-7609999")}, nil},
		{"all back", map[string]string{unit: unitData}, nil},
	}
	s := NewSeries(nil)
	cache := NewFileCache()
	var last *Set
	for i, st := range steps {
		var changed []File
		var removed []string
		if i == 0 {
			for p, d := range files {
				changed = append(changed, File{Path: p, Data: d, Blob: blobOf(d)})
			}
		}
		for p, d := range st.write {
			if d == "" {
				delete(files, p)
				removed = append(removed, p)
				continue
			}
			files[p] = []byte(d)
			changed = append(changed, File{Path: p, Data: []byte(d), Blob: blobOf([]byte(d))})
		}
		var all []File
		for p, d := range files {
			all = append(all, File{Path: p, Data: d, Blob: blobOf(d)})
		}
		want, errs := DecodeCached(all, cache)
		got, ok := s.Next(changed, removed)
		if ok != (len(errs) == 0) {
			t.Fatalf("%s: Next says no mistake: %v; Decode found %d (%v)", st.name, ok, len(errs), errs.Err())
		}
		if st.from != nil {
			if !ok {
				t.Fatalf("%s: the records have mistakes: %v", st.name, errs.Err())
			}
			if got := slices.Sorted(slices.Values(s.gatheredFrom)); !slices.Equal(got, st.from) {
				if len(got) > 5 {
					got = append(got[:5], "…")
				}
				t.Errorf("%s: the Set took records from %d files %q; want %q", st.name, len(s.gatheredFrom), got, st.from)
			}
		}
		if !ok {
			if got != nil {
				t.Errorf("%s: Next gave a Set with mistakes", st.name)
			}
			continue
		}
		if !reflect.DeepEqual(exported(got), exported(want)) {
			t.Fatalf("%s: the Series' records differ from Decode's", st.name)
		}
		for _, u := range want.Units {
			if got.Unit(u.ID) == nil || got.Unit(u.ID).Name != u.Name {
				t.Fatalf("%s: Unit(%q) = %v; want %q", st.name, u.ID, got.Unit(u.ID), u.Name)
			}
		}
		if got.Person(pid) == nil || got.Post(want.Posts[0].ID) == nil {
			t.Fatalf("%s: Person(%q) or Post(%q) not found", st.name, pid, want.Posts[0].ID)
		}
		if st.write != nil && len(st.write) == 0 && got != last {
			t.Errorf("%s: a commit that changes nothing gathered a new Set", st.name)
		}
		if strings.HasPrefix(st.name, "a person's record") && !sharesUnits(got, last) {
			t.Errorf("%s: the units, unchanged, are not shared with the Set before", st.name)
		}
		last = got
	}
}

func sharesUnits(a, b *Set) bool {
	return a != nil && b != nil && len(a.Units) > 0 && &a.Units[0] == &b.Units[0]
}

// TestEveryKindHasOneFieldOfASet: a Series gathers again only the kinds
// that changed, each into its own field.
func TestEveryKindHasOneFieldOfASet(t *testing.T) {
	seen := map[string]string{}
	for _, k := range Kinds() {
		f := kindField(k, &Set{})
		name := fmt.Sprint(kindFields()[k.Name])
		if other, dup := seen[name]; dup {
			t.Errorf("kinds %s and %s gather into the same field", other, k.Name)
		}
		seen[name] = k.Name
		if !f.CanSet() {
			t.Errorf("kind %s: its field cannot be set", k.Name)
		}
	}
}

// TestRecordKeepsItsVersionInTheSeries: a record whose file did not
// change keeps its Version from one Set to the next, though it is a copy
// when another file of its kind changed; the records of the file that
// changed have new Versions; a record not decoded has the zero Version.
func TestRecordKeepsItsVersionInTheSeries(t *testing.T) {
	t.Parallel()
	files, at := townshipFiles("records/people/")
	person := files[at].Path
	s := NewSeries(nil)
	first, ok := s.Next(files, nil)
	if !ok {
		t.Fatal("the township's records do not build")
	}
	was := map[string]Version{}
	for _, p := range first.People {
		if p.Version().IsZero() {
			t.Fatalf("%s has the zero Version", p.ID)
		}
		was[p.ID] = p.Version()
	}
	var changed File
	for _, f := range files {
		if f.Path == person {
			data := append([]byte("# 备注\n"), f.Data...)
			changed = File{Path: f.Path, Data: data, Blob: blobOf(data)}
		}
	}
	next, ok := s.Next([]File{changed}, nil)
	if !ok {
		t.Fatal("the township's records do not build after a comment is added")
	}
	if &next.People[0] == &first.People[0] {
		t.Fatal("the people were not gathered again: the test proves nothing")
	}
	kept, renewed := 0, 0
	for _, p := range next.People {
		switch same := p.Version() == was[p.ID]; {
		case p.Pos.File == person && same:
			t.Errorf("%s, in the file that changed, kept its Version", p.ID)
		case p.Pos.File != person && !same:
			t.Errorf("%s, in a file that did not change, has a new Version", p.ID)
		case same:
			kept++
		default:
			renewed++
		}
	}
	if kept == 0 || renewed == 0 {
		t.Errorf("%d records kept their Version, %d have a new one; want some of each", kept, renewed)
	}
	if v := (Person{ID: "x"}).Version(); !v.IsZero() {
		t.Errorf("a record made in Go has Version %v, want the zero Version", v)
	}
}

// TestSeriesTakesTheLastOfAPathGivenTwice: a corrupt tree may list a name
// twice; the series then holds the file given last, as Decode of the
// files given last does, whatever order the files come in.
func TestSeriesTakesTheLastOfAPathGivenTwice(t *testing.T) {
	t.Parallel()
	var files []File
	for _, f := range synth.Files(synth.Township) {
		if IsRecordFile(f.Path) {
			files = append(files, File{Path: f.Path, Data: f.Data, Blob: blobOf(f.Data)})
		}
	}
	// In reverse order of their paths: the series must not depend on it.
	slices.Reverse(files)
	var person int
	for i, f := range files {
		if strings.HasPrefix(f.Path, "records/people/") {
			person = i
			break
		}
	}
	good := files[person]
	badData := []byte("people:\n  - id: [zz\n")
	bad := File{Path: good.Path, Data: badData, Blob: blobOf(badData)}
	want, errs := Decode(files)
	if len(errs) > 0 {
		t.Fatal(errs.Err())
	}
	for _, tc := range []struct {
		name   string
		twice  []File
		wantOK bool
	}{
		{"a bad version, then the good one", []File{bad, good}, true},
		{"the good version, then a bad one", []File{good, bad}, false},
		{"the good version twice", []File{good, good}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			changed := slices.Concat(files[:person], tc.twice[:1], files[person+1:], tc.twice[1:])
			got, ok := NewSeries(nil).Next(changed, nil)
			if ok != tc.wantOK {
				t.Fatalf("Next says no mistake: %v; want %v", ok, tc.wantOK)
			}
			if ok && !reflect.DeepEqual(exported(got), exported(want)) {
				t.Fatal("the Series' records differ from Decode's of the files given last")
			}
			// The same again, a commit later: the path given twice among
			// files the series holds already.
			s := NewSeries(nil)
			if _, ok := s.Next(files, nil); !ok {
				t.Fatal("the township's records do not build")
			}
			if _, ok := s.Next(tc.twice, nil); ok != tc.wantOK {
				t.Fatalf("a commit later, Next says no mistake: %v; want %v", ok, tc.wantOK)
			}
		})
	}
}

// TestSeriesSharesRecordsGatheredAsRefs: the hazards and the monthly
// reports are gathered as pointers to the records their files decoded
// (listOfRefs): a Set after a change holds the very records of the files
// that did not change, new ones for the file that did, and the Set
// before keeps what it had.
func TestSeriesSharesRecordsGatheredAsRefs(t *testing.T) {
	t.Parallel()
	files, at := townshipFiles("records/safety/hazards/")
	hazard := files[at]
	s := NewSeries(nil)
	first, ok := s.Next(files, nil)
	if !ok {
		t.Fatal("the township's records do not build")
	}
	if len(first.Safety.Hazards) < 2 || len(first.Safety.Reports) == 0 {
		t.Fatalf("%d hazards, %d reports: the test proves nothing", len(first.Safety.Hazards), len(first.Safety.Reports))
	}
	if !oneArray(first.Safety.Hazards) || !oneArray(first.Safety.Reports) {
		t.Error("the Series' first Set does not hold its hazards and reports each in one array")
	}
	decoded, errs := Decode(files)
	if errs.Err() != nil || !oneArray(decoded.Safety.Hazards) || !oneArray(decoded.Safety.Reports) {
		t.Errorf("Decode does not hold its hazards and reports each in one array (%v)", errs.Err())
	}
	described := map[*Hazard]string{}
	for _, h := range first.Safety.Hazards {
		described[h] = h.Description
	}
	data := regexp.MustCompile(`(?m)^(\s+description: ).*$`).ReplaceAll(hazard.Data, []byte("${1}护栏已更换"))
	if slices.Equal(data, hazard.Data) {
		t.Fatalf("%s has no description to change", hazard.Path)
	}
	next, ok := s.Next([]File{{Path: hazard.Path, Data: data, Blob: blobOf(data)}}, nil)
	if !ok {
		t.Fatal("the records do not build after a hazard's description changed")
	}
	if len(next.Safety.Hazards) != len(first.Safety.Hazards) {
		t.Fatalf("%d hazards after the change, %d before", len(next.Safety.Hazards), len(first.Safety.Hazards))
	}
	shared, renewed := 0, 0
	for i, h := range next.Safety.Hazards {
		switch was := first.Safety.Hazards[i]; {
		case h.Pos.File == hazard.Path && (h == was || h.Description != "护栏已更换"):
			t.Errorf("%s: the hazard of the file that changed is %p %q; want a new record, changed", h.ID, h, h.Description)
		case h.Pos.File != hazard.Path && h != was:
			t.Errorf("%s: a hazard of a file that did not change is a new record", h.ID)
		case h == was:
			shared++
		default:
			renewed++
		}
	}
	for h, d := range described {
		if h.Description != d {
			t.Errorf("%s: the Set before the change now says %q; want %q", h.ID, h.Description, d)
		}
	}
	if &next.Safety.Reports[0] != &first.Safety.Reports[0] {
		t.Error("the reports, unchanged, are not shared with the Set before")
	}
	if shared == 0 || renewed == 0 {
		t.Errorf("%d hazards shared, %d new; want some of each", shared, renewed)
	}
}

// oneArray reports whether the records ps points at are consecutive
// elements of one array, as compact leaves them.
func oneArray[T any](ps []*T) bool {
	for i := 1; i < len(ps); i++ {
		if uintptr(unsafe.Pointer(ps[i]))-uintptr(unsafe.Pointer(ps[i-1])) != unsafe.Sizeof(*ps[0]) {
			return false
		}
	}
	return true
}

// townshipFiles returns the record files of the synthetic township, and
// where the first whose path begins with prefix is among them.
func townshipFiles(prefix string) (files []File, at int) {
	at = -1
	for _, f := range synth.Files(synth.Township) {
		if IsRecordFile(f.Path) {
			files = append(files, File{Path: f.Path, Data: f.Data, Blob: blobOf(f.Data)})
			if at < 0 && strings.HasPrefix(f.Path, prefix) {
				at = len(files) - 1
			}
		}
	}
	return files, at
}
