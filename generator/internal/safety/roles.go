package safety

import (
	"gongshi/generator/internal/record"
)

// Incumbent is a person answering for a role.
type Incumbent struct {
	Person *record.Person // nil for a holder written only by name
	Name   string
	// From and To are the tenure of the post, for a role held by a post;
	// zero otherwise. To is zero while the tenure is open.
	From, To record.Date
}

// Span is a run of days, both ends included.
type Span struct {
	From, To record.Date
}

// Role is one responsible person of an object, resolved on a day: the
// as-of date in Result, any day with Result.RolesOn.
type Role struct {
	Name    string
	Duty    string
	Holder  record.Holder // as written on the object, or the category's default
	Default bool          // the holder is the category's default post
	Post    *record.Post  // the post, for a role held by a post
	// Now are the people answering for the role on the as-of date: one,
	// or several for a post with several seats; none when vacant.
	Now []Incumbent
	// Year is everyone who answered for the role from the start of the
	// year (or of the object's supervision) to the as-of date, in order:
	// what placards printed during the year named.
	Year []Incumbent
	// Vacancies are the days in that period on which nobody held the post.
	Vacancies []Span
}

func (b *book) holdersOn(h record.Holder, day record.Date) []Incumbent {
	var out []Incumbent
	switch {
	case h.Post != "":
		for _, x := range b.tenures[h.Post] {
			if x.tenure.Holds(day) {
				out = append(out, Incumbent{Person: x.person, Name: x.person.Name, From: x.tenure.From, To: x.tenure.To})
			}
		}
	case h.Person != "":
		if p := b.set.Person(h.Person); p != nil && inService(p, day) {
			out = append(out, Incumbent{Person: p, Name: p.Name})
		}
	case h.Name != "":
		out = append(out, Incumbent{Name: h.Name})
	}
	return out
}

// heldOn reports whether anyone answers for h on day: whether holdersOn
// would list someone, without listing them.
func (b *book) heldOn(h record.Holder, day record.Date) bool {
	switch {
	case h.Post != "":
		for _, x := range b.tenures[h.Post] {
			if x.tenure.Holds(day) {
				return true
			}
		}
	case h.Person != "":
		p := b.set.Person(h.Person)
		return p != nil && inService(p, day)
	case h.Name != "":
		return true
	}
	return false
}

// inService reports whether a person is in their unit on day.
func inService(p *record.Person, day record.Date) bool { return day.Within(p.Joined, p.Left) }

// holdersDuring returns everyone who answered for h on some day of span,
// in order, and the days nobody did.
func (b *book) holdersDuring(h record.Holder, span Span) (who []Incumbent, vacant []Span) {
	switch {
	case h.Post != "":
		cur := span.From // first day not yet known to be held
		for _, x := range b.tenures[h.Post] {
			t := x.tenure
			from, to := t.From, t.To
			if to.IsZero() || to.After(span.To) {
				to = span.To
			}
			if from.Before(span.From) {
				from = span.From
			}
			if from.After(to) {
				continue
			}
			who = append(who, Incumbent{Person: x.person, Name: x.person.Name, From: t.From, To: t.To})
			if from.After(cur) {
				vacant = append(vacant, Span{cur, from.AddDays(-1)})
			}
			if !to.Before(cur) {
				cur = to.AddDays(1)
			}
		}
		if !cur.After(span.To) {
			vacant = append(vacant, Span{cur, span.To})
		}
	case h.Person != "":
		p := b.set.Person(h.Person)
		if p == nil {
			return nil, nil
		}
		from, to := span.From, span.To
		if p.Joined.After(from) {
			from = p.Joined
		}
		if !p.Left.IsZero() && p.Left.Before(to) {
			to = p.Left
		}
		if from.After(to) {
			return nil, []Span{span}
		}
		who = []Incumbent{{Person: p, Name: p.Name}}
		if from.After(span.From) {
			vacant = append(vacant, Span{span.From, from.AddDays(-1)})
		}
		if to.Before(span.To) {
			vacant = append(vacant, Span{to.AddDays(1), span.To})
		}
	case h.Name != "":
		who = []Incumbent{{Name: h.Name}}
	}
	return who, vacant
}

// roleHolder is the holder of a role of an object: the object's own, or
// the category's default post.
func roleHolder(o *record.SafetyObject, r *record.Role) (h record.Holder, isDefault, ok bool) {
	if h, ok := o.Roles[r.Name]; ok {
		return h, false, true
	}
	if r.Post != "" {
		return record.Holder{Node: r.Node, Post: r.Post}, true, true
	}
	return record.Holder{}, false, false
}

// roles resolves every role of an object's category on day, in the
// category's order. A role with no holder is left out (Check reports it).
func (b *book) roles(o *record.SafetyObject, c *record.Category, day record.Date) []*Role {
	if c == nil {
		return nil
	}
	span := Span{yearStart(day), day}
	if o.From.After(span.From) {
		span.From = o.From
	}
	if !o.To.IsZero() && o.To.Before(span.To) {
		span.To = o.To
	}
	var out []*Role
	for i := range c.Roles {
		r := &c.Roles[i]
		h, def, ok := roleHolder(o, r)
		if !ok {
			continue
		}
		role := &Role{Name: r.Name, Duty: r.Duty, Holder: h, Default: def, Post: b.set.Post(h.Post)}
		role.Now = b.holdersOn(h, day)
		if !span.From.After(span.To) {
			role.Year, role.Vacancies = b.holdersDuring(h, span)
		}
		out = append(out, role)
	}
	return out
}

// Names is the names of the people answering for the role, joined by 、.
func (r *Role) Names() string {
	s := ""
	for i, p := range r.Now {
		if i > 0 {
			s += "、"
		}
		s += p.Name
	}
	return s
}
