package safety

import (
	"cmp"
	"slices"

	"gongshi/generator/internal/record"
)

// Result is everything published about safety-production responsibility
// as of one day.
type Result struct {
	AsOf record.Date
	Year int // the as-of date's year: agreements, coverage and reports are for it

	// Objects are every supervised object, in the order of their category
	// in categories.yaml, then by id; objects no longer supervised on the
	// as-of date are included with Active false.
	Objects []*Object
	// Coverage is what the year's agreements cover and what they miss.
	Coverage Coverage
	// Pyramid is the year's agreements as a tree from the town government
	// down; Network is who supervises which objects.
	Pyramid []*Tree
	Network *Tree
	// Reports is the monthly-report compliance matrix of the year.
	Reports *Compliance
	// Hazards, Notices and Licences with their state on the as-of date,
	// sorted by found, issued and expiry date, then id or number.
	Hazards  []*Hazard
	Notices  []*Notice
	Licences []*Licence
	// Unlicensed are objects lacking a licence their category requires
	// that is valid on the as-of date.
	Unlicensed []Gap
	// Accidents, by date then id.
	Accidents []*record.Accident
	// Duties are, per person, the roles they answer for on the as-of date
	// and the agreements they signed, by person id.
	Duties []*Duties
	// Placards says the Result holds only what some placards are made
	// from (Index.PlacardsOf): their objects with their roles, and who
	// holds those roles.
	Placards bool

	byID map[string]*Object
	book *book
}

// Object is a supervised object with everything computed about it.
type Object struct {
	Rec        *record.SafetyObject
	Category   *record.Category
	Village    *record.Unit // where to list it by village; nil if none
	Supervisor *record.Unit
	Active     bool                // under supervision on the as-of date
	Roles      []*Role             // in the category's order
	Lead       *Role               // the category's lead role (包船责任人 …), if any
	Agreements []*record.Agreement // the year's agreements covering it
	Required   []string            // agreement kinds it needs this year
	Missing    []string            // of those, the kinds no agreement covers
	Hazards    []*Hazard
	Notices    []*Notice
	Licences   []*Licence
}

// Role returns the object's role with the name, or nil.
func (o *Object) Role(name string) *Role {
	for _, r := range o.Roles {
		if r.Name == name {
			return r
		}
	}
	return nil
}

// Object returns the object with the id, or nil.
func (r *Result) Object(id string) *Object { return r.byID[id] }

// RolesOn resolves the object's roles on another day than the as-of date:
// who a placard printed that day named. Role.Year and Role.Vacancies then
// run from 1 January of that day's year to the day.
func (r *Result) RolesOn(o *Object, day record.Date) []*Role {
	return r.book.roles(o.Rec, o.Category, day)
}

// Roles resolves who answered for the roles of the objects on a given
// day: what of a Result depends on the records alone, not on the as-of
// day (the vetoes of a year's accidents read it). Its Objects have only
// their record and category.
type Roles struct {
	book *book
	byID map[string]*Object
}

// NewRoles indexes the records for Roles.
func NewRoles(s *record.Set) *Roles { return NewIndex(s).Roles() }

// Roles is NewRoles of the records ix indexes.
func (ix *Index) Roles() *Roles {
	b, s := ix.b, ix.b.set
	r := &Roles{book: b, byID: make(map[string]*Object, len(b.objects))}
	for i := range s.Safety.Objects {
		if rec := &s.Safety.Objects[i]; b.objects[rec.ID] == rec { // else a duplicate id, reported by Decode
			r.byID[rec.ID] = &Object{Rec: rec, Category: b.categories[rec.Category]}
		}
	}
	return r
}

// Object returns the object with the id, or nil.
func (r *Roles) Object(id string) *Object { return r.byID[id] }

// RolesOn resolves the object's roles on day, as Result.RolesOn does.
func (r *Roles) RolesOn(o *Object, day record.Date) []*Role {
	return r.book.roles(o.Rec, o.Category, day)
}

// HoldersOn returns who answers for a role held by h on day; see the
// package function HoldersOn.
func (r *Result) HoldersOn(h record.Holder, day record.Date) []Incumbent {
	return r.book.holdersOn(h, day)
}

// Compute works out everything published about safety responsibility as
// of asOf, the day of the records commit. It trusts nothing Check would
// refuse to be present, but it does not fail on it: a missing reference
// is skipped.
func Compute(s *record.Set, asOf record.Date) *Result { return NewIndex(s).Compute(asOf) }

// Compute is Compute of the records ix indexes.
func (ix *Index) Compute(asOf record.Date) *Result {
	r, as := ix.objects(asOf)
	b, s := r.book, r.book.set
	r.Coverage = b.coverage(r.Objects, r.byID, as)
	r.Pyramid = b.pyramid(as)
	r.Network = b.network(r.Objects)
	r.Reports = b.compliance(asOf.Year)
	r.Hazards = b.hazardList(r.byID)
	r.Notices = b.noticeList(r.byID, r.Hazards)
	r.Licences, r.Unlicensed = b.licenceList(r.Objects, r.byID)
	for i := range s.Safety.Accidents {
		r.Accidents = append(r.Accidents, &s.Safety.Accidents[i])
	}
	slices.SortFunc(r.Accidents, func(x, y *record.Accident) int {
		return cmp.Or(x.Date.Compare(y.Date), cmp.Compare(x.ID, y.ID))
	})
	r.Duties = b.duties(r.Objects, as)
	return r
}

// PlacardsOf is the part of Compute the placards of the objects ids
// names are made from: those objects, and the docks they name (a placard
// prints its dock's name), each with its roles on asOf, as Compute works
// them out; and who holds a role of them (Duties, without the agreements:
// a placard links each person it names to their duties, and everyone it
// names holds a role of its object). The other objects, and what else
// Compute works out — agreements' coverage, the pyramid and the network,
// reports, hazards, notices, licences, accidents — are left out, and the
// objects' Agreements, Required, Missing, Hazards, Notices and Licences
// with them: Placards says so. The versions of a county's placards ask
// for a few objects' at each of hundreds of earlier commits: Compute
// spent three quarters of its time on the rest, and working out every
// object for each was most of what was left.
func (ix *Index) PlacardsOf(asOf record.Date, ids []string) *Result {
	b := ix.on(asOf)
	want := make(map[*record.SafetyObject]bool, 2*len(ids))
	for _, id := range ids {
		if o := b.objects[id]; o != nil {
			want[o] = true
			if d := b.objects[o.Dock]; d != nil {
				want[d] = true
			}
		}
	}
	r := b.result(want)
	r.Placards = true
	r.Duties = b.duties(r.Objects, nil)
	return r
}

// objects starts a Result: the objects, sorted, each with its roles on
// asOf; and the year's agreements, sorted.
func (ix *Index) objects(asOf record.Date) (*Result, []*record.Agreement) {
	b := ix.on(asOf)
	return b.result(nil), b.yearAgreements() // read, not changed, by coverage, pyramid and duties
}

// result starts a Result of the book's day: the objects (those only
// marks, or all when only is nil), sorted, each with its roles.
func (b *book) result(only map[*record.SafetyObject]bool) *Result {
	s := b.set
	r := &Result{AsOf: b.asOf, Year: b.asOf.Year}
	n := len(b.objects)
	if only != nil {
		n = len(only)
	}
	if n > 0 {
		r.Objects = make([]*Object, 0, n)
	}
	byID := make(map[string]*Object, n)
	r.byID = byID
	r.book = b
	for i := range s.Safety.Objects {
		rec := &s.Safety.Objects[i]
		if b.objects[rec.ID] != rec {
			continue // a duplicate id, reported by Decode
		}
		if only != nil && !only[rec] {
			continue
		}
		o := b.object(rec)
		r.Objects = append(r.Objects, o)
		byID[rec.ID] = o
	}
	slices.SortFunc(r.Objects, func(x, y *Object) int { return b.compareObjects(x.Rec, y.Rec) })
	return r
}

func (b *book) object(rec *record.SafetyObject) *Object {
	c := b.categories[rec.Category]
	o := &Object{Rec: rec, Category: c, Active: rec.Active(b.asOf)}
	if u := b.set.Unit(rec.Village); u != nil {
		o.Village = u
	} else if u := b.set.Unit(rec.Unit); u != nil && (u.Type == record.UnitVillage || u.Type == record.UnitCommunity) {
		o.Village = u
	}
	sup := rec.Supervisor
	if sup == "" && c != nil {
		sup = c.Supervisor
	}
	o.Supervisor = b.set.Unit(sup)
	o.Roles = b.roles(rec, c, b.asOf)
	if c != nil && c.Lead != "" {
		o.Lead = o.Role(c.Lead)
	}
	return o
}
