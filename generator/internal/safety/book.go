package safety

import (
	"cmp"
	"slices"

	"gongshi/generator/internal/record"
)

// book indexes the records once for lookups by id. Records that failed to
// decode far enough to have an id are left out; Decode has reported them.
type book struct {
	set        *record.Set
	asOf       record.Date
	categories map[string]*record.Category
	catOrder   map[string]int
	objects    map[string]*record.SafetyObject
	tenures    map[string][]holding // post id → holdings, by From then person id
	unitOrder  map[string]int
	postOrder  map[string]int // place in the posts register
}

// holding is one person's tenure of a post. It points into the person's
// record rather than copying the tenure (152 bytes): a book is built for
// every commit the build looks back on.
type holding struct {
	person *record.Person
	tenure *record.Tenure
}

// An Index is the records of a Set indexed once, for Check, Compute and
// NewRoles on any day: the versions of notices run the three on the
// records of each commit they look back on, and indexing them took as
// long as some of the work.
type Index struct{ b *book }

// NewIndex indexes the records of s, which must not change after.
func NewIndex(s *record.Set) *Index { return &Index{newBook(s, record.Date{})} }

// on is the index's book as of a day: a copy sharing its maps, which
// nothing changes once made.
func (ix *Index) on(asOf record.Date) *book {
	b := *ix.b
	b.asOf = asOf
	return &b
}

func newBook(s *record.Set, asOf record.Date) *book {
	sf := &s.Safety
	b := &book{
		set:        s,
		asOf:       asOf,
		categories: make(map[string]*record.Category, len(sf.Categories)),
		catOrder:   make(map[string]int, len(sf.Categories)),
		objects:    make(map[string]*record.SafetyObject, len(sf.Objects)),
		tenures:    make(map[string][]holding, len(s.Posts)),
		unitOrder:  make(map[string]int, len(s.Units)),
		postOrder:  make(map[string]int, len(s.Posts)),
	}
	for i := range sf.Categories {
		c := &sf.Categories[i]
		if _, dup := b.categories[c.ID]; c.ID != "" && !dup {
			b.categories[c.ID] = c
			b.catOrder[c.ID] = i
		}
	}
	for i := range sf.Objects {
		o := &sf.Objects[i]
		if _, dup := b.objects[o.ID]; o.ID != "" && !dup {
			b.objects[o.ID] = o
		}
	}
	for i := range s.People {
		p := &s.People[i]
		for j := range p.Posts {
			if t := &p.Posts[j]; t.Post != "" && !t.From.IsZero() {
				b.tenures[t.Post] = append(b.tenures[t.Post], holding{p, t})
			}
		}
	}
	for _, hs := range b.tenures {
		slices.SortFunc(hs, func(x, y holding) int {
			return cmp.Or(x.tenure.From.Compare(y.tenure.From), cmp.Compare(x.person.ID, y.person.ID))
		})
	}
	for i := range s.Units {
		if _, dup := b.unitOrder[s.Units[i].ID]; !dup {
			b.unitOrder[s.Units[i].ID] = i
		}
	}
	for i := range s.Posts {
		if _, dup := b.postOrder[s.Posts[i].ID]; !dup {
			b.postOrder[s.Posts[i].ID] = i
		}
	}
	return b
}

// postRank is a post's place in the posts register; unknown posts last.
func (b *book) postRank(id string) int {
	if i, ok := b.postOrder[id]; ok {
		return i
	}
	return len(b.postOrder)
}

// compareObjects orders objects by their category's place in
// categories.yaml, then by id.
func (b *book) compareObjects(x, y *record.SafetyObject) int {
	cx, okx := b.catOrder[x.Category]
	cy, oky := b.catOrder[y.Category]
	if !okx {
		cx = len(b.catOrder)
	}
	if !oky {
		cy = len(b.catOrder)
	}
	return cmp.Or(cmp.Compare(cx, cy), cmp.Compare(x.ID, y.ID))
}

// compareUnits orders units as the units register lists them.
func (b *book) compareUnits(x, y *record.Unit) int {
	return cmp.Or(cmp.Compare(b.unitOrder[x.ID], b.unitOrder[y.ID]), cmp.Compare(x.ID, y.ID))
}

// kindOrder is an agreement kind's place in record.AgreementKinds.
func kindOrder(k string) int {
	if i := slices.Index(record.AgreementKinds, k); i >= 0 {
		return i
	}
	return len(record.AgreementKinds)
}

// yearStart is 1 January of d's year.
func yearStart(d record.Date) record.Date { return record.Date{Year: d.Year, Month: 1, Day: 1} }
