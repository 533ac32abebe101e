package safety

import "gongshi/generator/internal/record"

// An object's life is its supervision: from its from date to its to date,
// both included (record.SafetyObject.Active). Who answered for it, and
// since when, is read within that life: a tenure of a post that began
// before the object was supervised counts from the object's first day.

// State is where an object stands in its supervision on a day.
type State int

const (
	Supervised State = iota // under supervision on the day
	Ended                   // supervision ended before the day: its to date has passed
	Upcoming                // supervision begins after the day
)

// StateOn returns where the object stands in its supervision on day.
// Supervised on day is the same as Active on the as-of date.
func (o *Object) StateOn(day record.Date) State {
	switch rec := o.Rec; {
	case !rec.To.IsZero() && rec.To.Before(day):
		return Ended
	case rec.From.After(day):
		return Upcoming
	}
	return Supervised
}

// RolesShown returns the object's roles as its page shows them, and the
// day they are resolved on: on the as-of date while it is supervised; for
// an object no longer (or not yet) supervised, on its last (or first)
// day: who answered for it then, not whoever holds the posts today.
func (r *Result) RolesShown(o *Object) ([]*Role, record.Date) {
	switch o.StateOn(r.AsOf) {
	case Ended:
		return r.RolesOn(o, o.Rec.To), o.Rec.To
	case Upcoming:
		return r.RolesOn(o, o.Rec.From), o.Rec.From
	}
	return o.Roles, r.AsOf
}

// Tenure returns the days an incumbent answered for the object: their
// tenure of the post clipped to the object's supervision. For a role held
// by a person or a name, whose incumbents carry no tenure, it is the
// object's own span. from is zero when neither has a start; to is zero
// while neither has ended.
func (o *Object) Tenure(in Incumbent) (from, to record.Date) {
	from, to = in.From, in.To
	if o.Rec.From.After(from) {
		from = o.Rec.From
	}
	if !o.Rec.To.IsZero() && (to.IsZero() || to.After(o.Rec.To)) {
		to = o.Rec.To
	}
	return from, to
}

// ValidFrom is the day since which the object's roles have been held by
// the people who hold them on the as-of date: the day its placard took
// effect. Roles held by a person or a name count from the object's start.
func (o *Object) ValidFrom() record.Date {
	d := o.Rec.From
	for _, r := range o.Roles {
		for _, in := range r.Now {
			if from, _ := o.Tenure(in); from.After(d) {
				d = from
			}
		}
	}
	return d
}

// HeldByOwner reports whether the role is held by the object's owner
// (业主, 船主, 车主): the same person of the register, or the same name.
func (o *Object) HeldByOwner(r *Role) bool {
	w, h := o.Rec.Owner, r.Holder
	return (h.Name != "" && h.Name == w.Name) || (h.Person != "" && h.Person == w.Person)
}

// OfficePhone is the public office phone that reaches in, who holds role
// r of the object, as a placard prints it; "" when the records give none.
// A post's holder is reached at the office of the post's unit, a person
// of the register at the office of their unit, in each case the nearest
// unit up the tree that has a phone (an office inside the organ at the
// organ's switchboard). A holder written by name has the office phone
// written beside the name, or, for an enterprise, a school or a health
// centre whose own record the object is, that unit's phone: the person in
// charge answers there. An owner's own phone is private, never printed.
func (o *Object) OfficePhone(r *Role, in Incumbent, unit func(id string) *record.Unit) string {
	switch {
	case r.Post != nil:
		return phoneUp(r.Post.Unit, unit)
	case in.Person != nil:
		return phoneUp(in.Person.Unit, unit)
	case r.Holder.OfficePhone != "":
		return r.Holder.OfficePhone
	}
	if u := unit(o.Rec.Unit); u != nil && (u.Type == record.UnitEnterprise || u.Type == record.UnitSchool || u.Type == record.UnitHealth) {
		return u.Phone
	}
	return ""
}

// phoneUp is the phone of the unit id or of the nearest unit above it
// that has one.
func phoneUp(id string, unit func(string) *record.Unit) string {
	for range 16 { // a cycle of parents is refused by the checks; bound it anyway
		u := unit(id)
		if u == nil {
			return ""
		}
		if u.Phone != "" {
			return u.Phone
		}
		id = u.Parent
	}
	return ""
}

// IsVillage reports whether the object stands for its village (or
// community) itself rather than for something in it: it belongs to a
// village unit, is listed under no other village, and has neither an
// owner nor a supervising unit.
func (o *Object) IsVillage() bool {
	u := o.Village
	return u != nil && o.Rec.Unit == u.ID && o.Rec.Village == "" && o.Rec.Owner.IsZero() &&
		(u.Type == record.UnitVillage || u.Type == record.UnitCommunity) && o.Supervisor == nil
}

// OpenHazards is the number of the object's hazards not rectified on the
// as-of date: open or overdue.
func (o *Object) OpenHazards() int {
	n := 0
	for _, h := range o.Hazards {
		if h.Status == Open || h.Status == Overdue {
			n++
		}
	}
	return n
}

// Signers returns who signs for a party on day, or answers for it as the
// addressee of a notice: the holders of a post, the owner of a supervised
// object. A unit or a person stands for itself: nil.
func (r *Result) Signers(p record.Party, day record.Date) []Incumbent {
	switch {
	case p.Unit != "":
		return nil
	case p.Post != "":
		return r.HoldersOn(record.Holder{Post: p.Post}, day)
	case p.Person != "":
		return nil
	case p.Object != "":
		if o := r.Object(p.Object); o != nil && !o.Rec.Owner.IsZero() {
			return r.HoldersOn(o.Rec.Owner, day)
		}
	}
	return nil
}

// knownOn is d as known on day: d itself, or zero when it is later (not
// yet happened on day).
func knownOn(d, day record.Date) record.Date {
	if d.After(day) {
		return record.Date{}
	}
	return d
}
