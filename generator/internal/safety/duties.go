package safety

import (
	"cmp"
	"slices"

	"gongshi/generator/internal/record"
)

// Duties is everything one person of the register answers for: the roles
// they hold on the as-of date (包村, 包船, 包企 …) and the year's agreements
// they signed or are the contact for.
type Duties struct {
	Person *record.Person
	Roles  []Duty // in object order, then the category's role order
	// Signed are the year's agreements the person signed, as a party
	// themselves or as holder of a party post on the signed date.
	Signed []*record.Agreement
	// Contact are the year's special agreements naming them as contact.
	Contact []*record.Agreement
}

// Duty is one role of one object.
type Duty struct {
	Object *Object
	Role   *Role
}

func (b *book) duties(objects []*Object, as []*record.Agreement) []*Duties {
	// People answer for roles mostly through their posts: one a post held
	// is a close, if high, guess at how many there are.
	by := make(map[string]*Duties, len(b.tenures))
	get := func(p *record.Person) *Duties {
		d := by[p.ID]
		if d == nil {
			d = &Duties{Person: p}
			by[p.ID] = d
		}
		return d
	}
	for _, o := range objects {
		if !o.Active {
			continue
		}
		for _, r := range o.Roles {
			for _, p := range r.Now {
				if p.Person != nil {
					d := get(p.Person)
					d.Roles = append(d.Roles, Duty{o, r})
				}
			}
		}
	}
	signers := func(p record.Party, day record.Date) []*record.Person {
		var out []*record.Person
		if p.Post != "" || p.Person != "" {
			for _, in := range b.holdersOn(record.Holder{Post: p.Post, Person: p.Person}, day) {
				out = append(out, in.Person)
			}
		}
		return out
	}
	for _, a := range as {
		var ps []*record.Person
		ps = append(ps, signers(a.A, a.Signed)...)
		ps = append(ps, signers(a.B, a.Signed)...)
		for _, p := range ps {
			if d := get(p); !slices.Contains(d.Signed, a) {
				d.Signed = append(d.Signed, a)
			}
		}
		if !a.Contact.IsZero() {
			for _, in := range b.holdersOn(a.Contact, b.asOf) {
				if in.Person != nil {
					d := get(in.Person)
					d.Contact = append(d.Contact, a)
				}
			}
		}
	}
	out := make([]*Duties, 0, len(by))
	for _, d := range by {
		out = append(out, d)
	}
	slices.SortFunc(out, func(x, y *Duties) int { return cmp.Compare(x.Person.ID, y.Person.ID) })
	return out
}
