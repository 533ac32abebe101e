package safety

import (
	"cmp"
	"slices"

	"gongshi/generator/internal/record"
)

// Status is the state of a hazard, a notice or a licence on the as-of date.
type Status int

const (
	Open      Status = iota // hazard or notice: deadline not passed
	Overdue                 // deadline passed, not rectified or closed
	Rectified               // hazard rectified, not yet re-inspected
	Verified                // hazard re-inspected and closed (销号)
	Closed                  // notice closed (办结)
	Valid                   // licence valid beyond the warning window
	Expiring                // licence expires within the warning window
	Expired                 // licence expired
)

var statusText = [...]struct{ slug, zh string }{
	Open:      {"open", "整改中"},
	Overdue:   {"overdue", "逾期"},
	Rectified: {"rectified", "已整改待复查"},
	Verified:  {"verified", "已复查销号"},
	Closed:    {"closed", "已办结"},
	Valid:     {"valid", "有效"},
	Expiring:  {"expiring", "即将到期"},
	Expired:   {"expired", "已过期"},
}

// String is the status in Chinese.
func (s Status) String() string { return statusText[s].zh }

// Slug is a stable English name, for CSS classes and JSON.
func (s Status) Slug() string { return statusText[s].slug }

// Overdue counts calendar days past a deadline: a deadline is met on its
// own day, so a deadline of 31 January is overdue by 1 day on 1 February.
// It is 0 when day is on or before the deadline.
func OverdueDays(deadline, day record.Date) int { return max(deadline.DaysUntil(day), 0) }

// Hazard is a hazard and its state on the as-of date.
type Hazard struct {
	Rec    *record.Hazard
	Object *Object
	Status Status // Open, Overdue, Rectified or Verified
	// DaysOverdue is, for an overdue hazard, the days past its deadline on
	// the as-of date; for a rectified one, the days it was rectified late.
	DaysOverdue int
	DaysLeft    int // Open: days from the as-of date to the deadline
	// RectifiedOn and ReinspectedOn are the record's dates as known on the
	// as-of date: zero when not written or later.
	RectifiedOn   record.Date
	ReinspectedOn record.Date
	Notices       []*Notice
}

// HazardStatusOf classifies a hazard on day: re-inspected is verified,
// rectified is rectified, otherwise overdue after the deadline and open
// until then. Dates after day are not yet known on day and are ignored.
func HazardStatusOf(h *record.Hazard, day record.Date) (s Status, overdue, left int) {
	known := func(d record.Date) bool { return !d.IsZero() && !d.After(day) }
	switch {
	case known(h.Reinspected) && known(h.Rectified):
		return Verified, OverdueDays(h.Deadline, h.Rectified), 0
	case known(h.Rectified):
		return Rectified, OverdueDays(h.Deadline, h.Rectified), 0
	case day.After(h.Deadline):
		return Overdue, OverdueDays(h.Deadline, day), 0
	}
	return Open, 0, day.DaysUntil(h.Deadline)
}

func (b *book) hazardList(byID map[string]*Object) []*Hazard {
	recs := b.set.Safety.Hazards
	if len(recs) == 0 {
		return nil
	}
	// Made together: a county's 10,000 hazards, for each commit the
	// versions of notices look back on.
	all := make([]Hazard, len(recs))
	out := make([]*Hazard, len(recs))
	for i := range recs {
		rec := recs[i]
		h := &all[i]
		*h = Hazard{Rec: rec, Object: byID[rec.Object], RectifiedOn: knownOn(rec.Rectified, b.asOf), ReinspectedOn: knownOn(rec.Reinspected, b.asOf)}
		h.Status, h.DaysOverdue, h.DaysLeft = HazardStatusOf(rec, b.asOf)
		out[i] = h
	}
	slices.SortFunc(out, func(x, y *Hazard) int {
		return cmp.Or(x.Rec.Found.Compare(y.Rec.Found), cmp.Compare(x.Rec.ID, y.Rec.ID))
	})
	for _, h := range out {
		if h.Object != nil {
			h.Object.Hazards = append(h.Object.Hazards, h)
		}
	}
	return out
}

// Notice is a supervision notice or warning and its state on the as-of
// date.
type Notice struct {
	Rec    *record.SafetyNotice
	To     *Tree // the addressee, named as on the issue date
	Object *Object
	Hazard *Hazard
	Status Status // Open, Overdue or Closed
	// DaysOverdue is, for an overdue notice, the days past its deadline on
	// the as-of date; for a closed one, the days it was closed late.
	DaysOverdue int
	DaysLeft    int
	ClosedOn    record.Date // the record's closed date as known on the as-of date: zero when not written or later
}

// StatusText is the notice's state as a notice list prints it: 办理中,
// 逾期未办结 or 已办结.
func (n *Notice) StatusText() string {
	switch n.Status {
	case Overdue:
		return "逾期未办结"
	case Closed:
		return "已办结"
	}
	return "办理中"
}

// NoticeStatusOf classifies a notice on day: closed, overdue after its
// deadline, open until then. A notice without a deadline (a warning) is
// never overdue.
func NoticeStatusOf(n *record.SafetyNotice, day record.Date) (s Status, overdue, left int) {
	switch {
	case !n.Closed.IsZero() && !n.Closed.After(day):
		if n.Deadline.IsZero() {
			return Closed, 0, 0
		}
		return Closed, OverdueDays(n.Deadline, n.Closed), 0
	case n.Deadline.IsZero():
		return Open, 0, 0
	case day.After(n.Deadline):
		return Overdue, OverdueDays(n.Deadline, day), 0
	}
	return Open, 0, day.DaysUntil(n.Deadline)
}

func (b *book) noticeList(byID map[string]*Object, hs []*Hazard) []*Notice {
	ns := b.set.Safety.Notices
	if len(ns) == 0 {
		return nil
	}
	// Only the hazards the notices name are indexed: a township has many
	// times more hazards than notices. Of hazards sharing an id, the last
	// in hs is the one found, as when all were indexed.
	hazards := make(map[string]*Hazard, len(ns))
	for i := range ns {
		if id := ns[i].Hazard; id != "" {
			hazards[id] = nil
		}
	}
	for _, h := range hs {
		if _, named := hazards[h.Rec.ID]; named {
			hazards[h.Rec.ID] = h
		}
	}
	out := make([]*Notice, 0, len(ns))
	all := make([]Notice, len(ns))
	for i := range ns {
		rec := &ns[i]
		n := &all[i]
		*n = Notice{Rec: rec, Object: byID[rec.Object], Hazard: hazards[rec.Hazard], ClosedOn: knownOn(rec.Closed, b.asOf)}
		if k, id := partyKey(rec.To); k != "" {
			n.To = b.node(k, id, rec.Issued)
		}
		if n.Object == nil && n.Hazard != nil {
			n.Object = n.Hazard.Object
		}
		n.Status, n.DaysOverdue, n.DaysLeft = NoticeStatusOf(rec, b.asOf)
		out = append(out, n)
	}
	slices.SortFunc(out, func(x, y *Notice) int {
		return cmp.Or(x.Rec.Issued.Compare(y.Rec.Issued), cmp.Compare(x.Rec.ID, y.Rec.ID))
	})
	for _, n := range out {
		if n.Object != nil {
			n.Object.Notices = append(n.Object.Notices, n)
		}
		if n.Hazard != nil {
			n.Hazard.Notices = append(n.Hazard.Notices, n)
		}
	}
	return out
}

// Licence is a licence and its state on the as-of date.
type Licence struct {
	Rec      *record.Licence
	Holder   *Object
	Status   Status // Valid, Expiring or Expired
	DaysLeft int    // days from the as-of date to the expiry date; negative once expired
}

// LicenceStatusOf classifies a licence on day: valid through its expiry
// date, expiring when that is within warn days, expired after it.
func LicenceStatusOf(expiry, day record.Date, warn int) (Status, int) {
	left := day.DaysUntil(expiry)
	switch {
	case left < 0:
		return Expired, left
	case left <= warn:
		return Expiring, left
	}
	return Valid, left
}

func (b *book) licenceList(objects []*Object, byID map[string]*Object) ([]*Licence, []Gap) {
	warn := b.set.Safety.Settings.WarnDays()
	var out []*Licence
	for i := range b.set.Safety.Licences {
		rec := &b.set.Safety.Licences[i]
		l := &Licence{Rec: rec, Holder: byID[rec.Holder]}
		l.Status, l.DaysLeft = LicenceStatusOf(rec.Expiry, b.asOf, warn)
		out = append(out, l)
	}
	slices.SortFunc(out, func(x, y *Licence) int {
		return cmp.Or(x.Rec.Expiry.Compare(y.Rec.Expiry), cmp.Compare(x.Rec.Number, y.Rec.Number))
	})
	for _, l := range out {
		if l.Holder != nil {
			l.Holder.Licences = append(l.Holder.Licences, l)
		}
	}
	var gaps []Gap
	for _, o := range objects {
		if !o.Active || o.Category == nil {
			continue
		}
		for _, k := range o.Category.Licences {
			ok := slices.ContainsFunc(o.Licences, func(l *Licence) bool {
				return l.Rec.Kind == k && l.Status != Expired && !l.Rec.Issued.After(b.asOf)
			})
			if !ok {
				gaps = append(gaps, Gap{o, k})
			}
		}
	}
	return out, gaps
}
