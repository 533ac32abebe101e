package safety

import (
	"cmp"
	"slices"

	"gongshi/generator/internal/record"
)

// Coverage is what the year's agreements cover: every object under
// supervision on the as-of date needs, for the year, an agreement of each
// kind its category (and the object itself) requires.
type Coverage struct {
	Year     int
	Required int   // object × kind pairs required
	Covered  int   // of those, covered by an agreement
	Missing  []Gap // the others, in object order, then kind order
}

// Gap is an object lacking an agreement or a licence of a kind.
type Gap struct {
	Object *Object
	Kind   string
}

// required lists the agreement kinds an object needs, in kind order.
func required(o *record.SafetyObject, c *record.Category) []string {
	var ks []string
	if c != nil {
		ks = append(ks, c.Agreements...)
	}
	ks = append(ks, o.Agreements...)
	slices.SortFunc(ks, func(x, y string) int { return cmp.Compare(kindOrder(x), kindOrder(y)) })
	return slices.Compact(ks)
}

// yearAgreements are the agreements of the as-of year signed by the as-of
// date, by level, kind, signed date and id.
func (b *book) yearAgreements() []*record.Agreement {
	var as []*record.Agreement
	for i := range b.set.Safety.Agreements {
		a := &b.set.Safety.Agreements[i]
		if a.Year == b.asOf.Year && !a.Signed.After(b.asOf) {
			as = append(as, a)
		}
	}
	slices.SortFunc(as, func(x, y *record.Agreement) int {
		return cmp.Or(cmp.Compare(x.Level, y.Level), cmp.Compare(kindOrder(x.Kind), kindOrder(y.Kind)),
			x.Signed.Compare(y.Signed), cmp.Compare(x.ID, y.ID))
	})
	return as
}

func (b *book) coverage(objects []*Object, byID map[string]*Object, as []*record.Agreement) Coverage {
	cov := Coverage{Year: b.asOf.Year}
	for _, a := range as {
		ids := slices.Clone(a.Objects)
		ids = append(ids, a.A.Object, a.B.Object)
		slices.Sort(ids)
		for _, id := range slices.Compact(ids) {
			if o := byID[id]; o != nil {
				o.Agreements = append(o.Agreements, a)
			}
		}
	}
	for _, o := range objects {
		if !o.Active {
			continue
		}
		o.Required = required(o.Rec, o.Category)
		for _, k := range o.Required {
			cov.Required++
			if slices.ContainsFunc(o.Agreements, func(a *record.Agreement) bool { return a.Kind == k }) {
				cov.Covered++
				continue
			}
			o.Missing = append(o.Missing, k)
			cov.Missing = append(cov.Missing, Gap{o, k})
		}
	}
	return cov
}
