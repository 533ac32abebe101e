package safety

import (
	"fmt"
	"slices"
	"strings"

	"github.com/shopspring/decimal"

	"gongshi/generator/internal/diag"
	"gongshi/generator/internal/record"
)

// Check reports the mistakes in the safety records that decoding one file
// at a time cannot see, each at the value that is wrong. Roles are checked
// on asOf, the day of the records commit: a role whose post nobody holds
// that day would print a placard with no name. Vacancies earlier in the
// year are facts, not mistakes: Compute lists them (Role.Vacancies).
// References to records that do not exist are Decode's to report; Check
// skips them.
func Check(s *record.Set, asOf record.Date) diag.List { return NewIndex(s).Check(asOf) }

// Check is Check of the records ix indexes.
func (ix *Index) Check(asOf record.Date) diag.List {
	c := &checker{book: ix.on(asOf)}
	c.checkCategories()
	c.checkObjects()
	c.checkAgreements()
	c.checkReports()
	c.checkHazards()
	c.checkNotices()
	c.checkLicences()
	c.checkAccidents()
	c.errs.Sort()
	return c.errs
}

type checker struct {
	*book
	errs diag.List
}

// notFuture reports a date after the records date: a typo, since nothing
// recorded can have happened after the commit that records it.
func (c *checker) notFuture(n record.Node, field string, d record.Date) {
	if !d.IsZero() && d.After(c.asOf) {
		c.errs.Add(n.At(field), "expected %s on or before the records date %s, found %s", field, c.asOf, d)
	}
}

// subject is what a check is about, as its messages name it: a field
// ("owner", "甲方") or a role of an object. It is formatted only when a
// message is written: Check runs for every commit the build looks back
// on, and nearly every role it checks is right.
type subject struct {
	name   string
	object *record.SafetyObject // the object whose role name is; nil for a field
}

func (s subject) String() string {
	if s.object == nil {
		return s.name
	}
	return fmt.Sprintf("%s of %q", s.name, s.object.Name)
}

// one checks that exactly one of the named fields is written.
func (c *checker) one(n record.Node, what subject, fields []string, values ...string) bool {
	var set []string
	for i, v := range values {
		if v != "" {
			set = append(set, fields[i])
		}
	}
	switch len(set) {
	case 1:
		return true
	case 0:
		c.errs.Add(n.Pos, "expected one of %s for %s, found none", orList(fields), what.String())
	default:
		c.errs.Add(n.At(set[1]), "expected one of %s for %s, found both %s", orList(fields), what.String(), strings.Join(set, " and "))
	}
	return false
}

func orList(xs []string) string {
	if len(xs) < 2 {
		return strings.Join(xs, "")
	}
	return strings.Join(xs[:len(xs)-1], ", ") + " or " + xs[len(xs)-1]
}

func quoteAll(xs []string) string {
	q := make([]string, len(xs))
	for i, x := range xs {
		q[i] = fmt.Sprintf("%q", x)
	}
	return strings.Join(q, ", ")
}

// postLabel names a post in a message.
func (c *checker) postLabel(id string) string {
	if p := c.set.Post(id); p != nil {
		return p.Title
	}
	return id
}

// holdsRank reports whether the person holds, on day, a post of one of
// the ranks.
func (c *checker) holdsRank(p *record.Person, ranks []string, day record.Date) bool {
	for _, t := range p.Posts {
		if post := c.set.Post(t.Post); post != nil && t.Holds(day) && slices.Contains(ranks, post.Rank) {
			return true
		}
	}
	return false
}

// holderOn checks that a holder (a post or a person) answers on day, and
// holds one of ranks if any are given. what names the role in messages.
func (c *checker) holderOn(h record.Holder, day record.Date, what subject, when string, ranks []string) {
	switch {
	case h.Post != "":
		post := c.set.Post(h.Post)
		if post == nil {
			return
		}
		if len(ranks) > 0 && !slices.Contains(ranks, post.Rank) {
			c.errs.Add(h.At("post"), "expected a post of rank %s for %s, found %q (%s)", orList(ranks), what.String(), post.Title, post.Rank)
		}
		if !c.heldOn(h, day) {
			c.errs.Add(h.At("post"), "expected someone holding post %q on %s (%s) for %s, found none", post.Title, day, when, what.String())
		}
	case h.Person != "":
		p := c.set.Person(h.Person)
		if p == nil {
			return
		}
		if !inService(p, day) {
			c.errs.Add(h.At("person"), "expected a person in service on %s (%s) for %s, found %s (%s)", day, when, what.String(), p.Name, serviceSpan(p))
			return
		}
		if len(ranks) > 0 && !c.holdsRank(p, ranks, day) {
			c.errs.Add(h.At("person"), "expected a person holding a post of rank %s on %s for %s, found %s", orList(ranks), day, what.String(), p.Name)
		}
	case h.Name != "" && len(ranks) > 0:
		c.errs.Add(h.At("name"), "expected a post or a person of the register for %s (rank %s), found the name %q", what.String(), orList(ranks), h.Name)
	}
}

func serviceSpan(p *record.Person) string {
	switch {
	case !p.Left.IsZero():
		return "left on " + p.Left.String()
	case !p.Joined.IsZero():
		return "joined on " + p.Joined.String()
	}
	return "not in service"
}

func (c *checker) checkCategories() {
	for i := range c.set.Safety.Categories {
		cat := &c.set.Safety.Categories[i]
		seen := map[string]diag.Pos{}
		var names []string
		for j := range cat.Roles {
			r := &cat.Roles[j]
			if first, dup := seen[r.Name]; dup {
				c.errs.Add(r.At("name"), "expected each responsible person once in %s, found %q again (first at line %d)", cat.Name, r.Name, first.Line)
				continue
			}
			seen[r.Name] = r.At("name")
			names = append(names, r.Name)
			if post := c.set.Post(r.Post); post != nil && len(r.Ranks) > 0 && !slices.Contains(r.Ranks, post.Rank) {
				c.errs.Add(r.At("post"), "expected a post of rank %s for %s, found %q (%s)", orList(r.Ranks), r.Name, post.Title, post.Rank)
			}
		}
		if cat.Lead != "" && cat.Role(cat.Lead) == nil {
			c.errs.Add(cat.At("lead"), "expected the name of one of %s's responsible persons (%s), found %q%s", cat.Name, quoteAll(names), cat.Lead, suggest(cat.Lead, names))
		}
	}
	// A category's default post left vacant: reported once, at the
	// category, when some object under supervision relies on it.
	for i := range c.set.Safety.Categories {
		cat := &c.set.Safety.Categories[i]
		for j := range cat.Roles {
			r := &cat.Roles[j]
			if r.Post == "" || c.set.Post(r.Post) == nil || c.heldOn(record.Holder{Post: r.Post}, c.asOf) {
				continue
			}
			var users []string
			for k := range c.set.Safety.Objects {
				o := &c.set.Safety.Objects[k]
				if _, own := o.Roles[r.Name]; o.Category == cat.ID && !own && o.Active(c.asOf) {
					users = append(users, o.Name)
				}
			}
			if len(users) > 0 {
				c.errs.Add(r.At("post"), "expected someone holding post %q on %s (the records date) for %s of %d %s (%s), found none",
					c.postLabel(r.Post), c.asOf, r.Name, len(users), cat.Name, strings.Join(users, "、"))
			}
		}
	}
}

func (c *checker) checkObjects() {
	type key struct{ category, name string }
	objects := c.set.Safety.Objects
	names := make(map[key]int, len(objects)) // → index of the first object
	for i := range objects {
		o := &objects[i]
		cat := c.categories[o.Category]
		if cat != nil && o.Name != "" {
			k := key{o.Category, o.Name}
			if first, dup := names[k]; dup {
				c.errs.Add(o.At("name"), "expected a unique name among %s, found %q again (first at %s)", cat.Name, o.Name, objects[first].At("name"))
			} else {
				names[k] = i
			}
		}
		if u := c.set.Unit(o.Village); u != nil && u.Type != record.UnitVillage && u.Type != record.UnitCommunity {
			c.errs.Add(o.At("village"), "expected a %s or %s for village, found %q (%s)", record.UnitVillage, record.UnitCommunity, o.Village, u.Type)
		}
		if o.Dock != "" && o.Dock == o.ID {
			c.errs.Add(o.At("dock"), "expected a dock other than the object itself, found %q", o.Dock)
		}
		switch {
		case o.Has("owner") && o.Owner.Post != "":
			c.errs.Add(o.Owner.At("post"), "expected person or name for owner, found post %q", o.Owner.Post)
		case o.Has("owner"):
			c.one(o.Owner.Node, subject{name: "owner"}, []string{"person", "name"}, o.Owner.Person, o.Owner.Name)
		}
		if cat == nil {
			continue
		}
		for _, role := range sortedKeys(o.Roles) {
			h := o.Roles[role]
			if cat.Role(role) == nil {
				var known []string
				for _, r := range cat.Roles {
					if !slices.Contains(known, r.Name) {
						known = append(known, r.Name)
					}
				}
				c.errs.Add(h.Pos, "expected a responsible person of %s (%s), found %q%s", cat.Name, quoteAll(known), role, suggest(role, known))
				continue
			}
			c.one(h.Node, subject{role, o}, []string{"post", "person", "name"}, h.Post, h.Person, h.Name)
		}
		if !o.Active(c.asOf) {
			continue
		}
		for j := range cat.Roles {
			r := &cat.Roles[j]
			h, ok := o.Roles[r.Name]
			switch {
			case !ok && r.Post == "":
				c.errs.Add(o.Pos, "expected responsible person %q of %s %q, found none", r.Name, cat.Name, o.Name)
			case ok:
				c.holderOn(h, c.asOf, subject{r.Name, o}, "the records date", r.Ranks)
			}
		}
	}
}

func (c *checker) partyName(p record.Party) string {
	return c.label(partyKey(p))
}

func (c *checker) checkAgreements() {
	type key struct {
		year int
		kind string
		a, b party
	}
	as := c.set.Safety.Agreements
	seen := make(map[key]int, len(as)) // → index of the first agreement
	depth := c.depths()
	fields := []string{"unit", "post", "person", "object"}
	for i := range as {
		a := &as[i]
		okA := a.Has("a") && c.one(a.A.Node, subject{name: "甲方"}, fields, a.A.Unit, a.A.Post, a.A.Person, a.A.Object)
		okB := a.Has("b") && c.one(a.B.Node, subject{name: "乙方"}, fields, a.B.Unit, a.B.Post, a.B.Person, a.B.Object)
		pa, pb := partyOf(a.A), partyOf(a.B)
		if okA && okB && pa == pb {
			c.errs.Add(a.B.Pos, "expected 乙方 other than 甲方, found the same %s %q", pb.kind, pb.id)
		}
		if !a.Signed.IsZero() && a.Year != 0 && a.Signed.Year != a.Year && a.Signed.Year != a.Year-1 {
			c.errs.Add(a.At("signed"), "expected signed in %d or %d for a %d agreement, found %s", a.Year-1, a.Year, a.Year, a.Signed)
		}
		c.notFuture(a.Node, "signed", a.Signed)
		if !a.Signed.IsZero() {
			for _, p := range []struct {
				party record.Party
				side  string
			}{{a.A, "甲方"}, {a.B, "乙方"}} {
				h := record.Holder{Node: p.party.Node, Post: p.party.Post, Person: p.party.Person}
				if !h.IsZero() {
					c.holderOn(h, a.Signed, subject{name: p.side}, "the signed date", nil)
				}
			}
		}
		if okA && okB && a.Year != 0 && a.Kind != "" {
			k := key{a.Year, a.Kind, pa, pb}
			if first, dup := seen[k]; dup {
				c.errs.Add(a.Pos, "expected one %s agreement between %s and %s for %d, found a second (first at %s)",
					a.Kind, c.partyName(a.A), c.partyName(a.B), a.Year, as[first].Pos)
			} else {
				seen[k] = i
			}
		}
		if okA && a.Level != 0 {
			d, ok := depth[a.Year][pa]
			if want := d.level + 1; a.Level != want {
				why := fmt.Sprintf("甲方 %s is 乙方 of no %d agreement", c.partyName(a.A), a.Year)
				if ok && d.level > 0 {
					why = fmt.Sprintf("甲方 %s is 乙方 of %s, who signs at level %d", c.partyName(a.A), d.above, d.level)
				}
				c.errs.Add(a.At("level"), "expected level %d (%s), found %d", want, why, a.Level)
			}
		}
		switch {
		case a.Kind == record.AgreementSpecial && a.Contact.IsZero():
			c.errs.Add(a.Pos, "expected contact (联系领导) for a %s agreement, found none", a.Kind)
		case !a.Contact.IsZero():
			if a.Contact.Name != "" {
				c.errs.Add(a.Contact.At("name"), "expected post or person for contact, found the name %q", a.Contact.Name)
			} else if c.one(a.Contact.Node, subject{name: "contact"}, []string{"post", "person"}, a.Contact.Post, a.Contact.Person) {
				c.holderOn(a.Contact, c.asOf, subject{name: "contact"}, "the records date", []string{record.RankMain, record.RankLeader})
			}
		}
		listed := map[string]bool{}
		for _, id := range a.Objects {
			if listed[id] {
				c.errs.Add(a.At("objects"), "expected each object once in objects, found %q again", id)
			}
			listed[id] = true
		}
		for _, id := range a.Objects {
			c.supervisedInYear(a, id)
		}
		c.supervisedInYear(a, a.A.Object)
		c.supervisedInYear(a, a.B.Object)
	}
}

// supervisedInYear checks that the object id, listed by agreement a or a
// party to it, is under supervision in the agreement's year.
func (c *checker) supervisedInYear(a *record.Agreement, id string) {
	o := c.objects[id]
	if o == nil || a.Year == 0 {
		return
	}
	if (!o.To.IsZero() && o.To.Year < a.Year) || (!o.From.IsZero() && o.From.Year > a.Year) {
		c.errs.Add(a.At("objects"), "expected objects under supervision in %d, found %q (%s)", a.Year, o.Name, supervised(o))
	}
}

// rung is how far down the pyramid a party signs: 0 for a party that is
// no one's 乙方, else one more than the shallowest of its 甲方s.
type rung struct {
	level int
	above string // the 甲方 it is 乙方 of, at that level
}

// depths places every party of each year's agreements in the pyramid by
// the structure of the agreements alone, not by the levels written, so a
// mistyped level is reported once and does not make the agreements below
// it look wrong too. Agreements a party signs with itself are left out.
func (c *checker) depths() map[int]map[party]rung {
	as := c.set.Safety.Agreements
	byYear := map[int][]int32{} // the agreements of each year, in their order
	busiest := 0
	for i := range as {
		if pa, pb := partyOf(as[i].A), partyOf(as[i].B); pa.kind != "" && pb.kind != "" && pa != pb {
			y := as[i].Year
			byYear[y] = append(byYear[y], int32(i))
			busiest = max(busiest, len(byYear[y]))
		}
	}
	out := make(map[int]map[party]rung, len(byYear))
	es := make([]edge, 0, busiest) // one year's at a time
	for year, is := range byYear {
		es = es[:0]
		for _, i := range is {
			es = append(es, edge{partyOf(as[i].A), partyOf(as[i].B)})
		}
		out[year] = c.place(es)
	}
	return out
}

// edge is an agreement between a 甲方 a and a 乙方 b.
type edge struct{ a, b party }

// place gives each party of a year's agreements (es) its rung: a party no
// one's 乙方 is at level 0, any other one below the shallowest of its
// 甲方s, whatever the order of the agreements; a party only a cycle of
// agreements reaches (A signs B signs A) has none.
//
// Its 甲方 named is the one the agreements' order gives first, as if
// every agreement were gone through again and again, each time lowering
// a party signing under one placed higher, until none moves: that is
// what the mistakes said before, but going through n agreements n times
// took as long as a hostile chain of them, listed from the bottom up,
// was long squared. Parties are placed a level at a time instead, each
// with the round and the agreement that would have placed it.
func (c *checker) place(es []edge) map[party]rung {
	// The parties by number, in the order they first appear.
	num := make(map[party]int32, len(es))
	var parties []party
	number := func(p party) int32 {
		n, ok := num[p]
		if !ok {
			n = int32(len(parties))
			num[p] = n
			parties = append(parties, p)
		}
		return n
	}
	as, bs := make([]int32, len(es)), make([]int32, len(es))
	for j, e := range es {
		as[j], bs[j] = number(e.a), number(e.b)
	}
	n := len(parties)
	// Each 甲方's agreements, in their order: byA[first[a]:first[a+1]].
	first := make([]int32, n+1)
	for _, a := range as {
		first[a+1]++
	}
	for i := range n {
		first[i+1] += first[i]
	}
	byA, filled := make([]int32, len(es)), make([]int32, n)
	for j, a := range as {
		byA[first[a]+filled[a]] = int32(j)
		filled[a]++
	}
	isB := make([]bool, n)
	for _, b := range bs {
		isB[b] = true
	}

	// when is the round, and the agreement in it, that would have placed
	// a party going through the agreements again and again.
	type when struct{ round, edge int32 }
	before := func(x, y when) bool { return x.round < y.round || x.round == y.round && x.edge < y.edge }
	level := make([]int32, n) // -1: not placed
	at := make([]when, n)
	above := make([]int32, n)   // -1: none
	offered := make([]int32, n) // the level a party was last offered
	var this []int32
	for i := range level {
		level[i], above[i] = -1, -1
	}
	for _, a := range as {
		if level[a] < 0 && !isB[a] {
			level[a], at[a] = 0, when{1, -1} // placed before the first round
			this = append(this, a)
		}
	}
	for l := int32(1); len(this) > 0; l++ {
		var next []int32
		for _, a := range this {
			for _, j := range byA[first[a]:first[a+1]] {
				b := bs[j]
				if level[b] >= 0 {
					continue // at this level or above
				}
				// The agreement places b in the round a was placed in
				// when it comes after the one that placed a, else in
				// the next.
				t := when{at[a].round, j}
				if j <= at[a].edge {
					t.round++
				}
				switch {
				case offered[b] != l:
					offered[b] = l
					next = append(next, b)
					at[b], above[b] = t, a
				case before(t, at[b]):
					at[b], above[b] = t, a
				}
			}
		}
		for _, b := range next {
			level[b] = l
		}
		this = next
	}
	out := make(map[party]rung, n)
	for i, p := range parties {
		if level[i] < 0 {
			continue // only a cycle reaches it
		}
		r := rung{level: int(level[i])}
		if up := above[i]; up >= 0 {
			r.above = c.label(parties[up].kind, parties[up].id)
		}
		out[p] = r
	}
	return out
}

func supervised(o *record.SafetyObject) string {
	switch {
	case !o.From.IsZero() && !o.To.IsZero():
		return fmt.Sprintf("supervised %s to %s", o.From, o.To)
	case !o.To.IsZero():
		return "supervised until " + o.To.String()
	}
	return "supervised from " + o.From.String()
}

func (c *checker) checkReports() {
	rs := c.set.Safety.Reports
	st := c.set.Safety.Settings
	if st == nil {
		if len(rs) > 0 {
			c.errs.Add(rs[0].Pos, "expected %s/safety/settings.yaml stating when reports are due, found none", record.Dir)
		}
		return
	}
	rule := st.Reports
	// The first report of each unit and month: its index + 1 (0: none
	// yet), in a table of the register's units by the months reported. A
	// county sends tens of thousands of reports, and the check runs at
	// most of the commits the versions of notices look back on: a map of
	// every report was 1 MB a commit, the table of a few hundred units by
	// a few years of months is tens of KB. Months far apart (a year
	// mistyped) would make the table as large as their span: past four
	// cells a report, the first reports go in a map instead.
	unitRow := make(map[*record.Unit]int, len(c.set.Units))
	for i := range c.set.Units {
		unitRow[&c.set.Units[i]] = i
	}
	lo, hi := 0, -1 // the months reported, numbered year × 12 + month
	for _, r := range rs {
		if !r.Month.IsZero() {
			n := monthNumber(r.Month)
			if hi < lo {
				lo, hi = n, n
			}
			lo, hi = min(lo, n), max(hi, n)
		}
	}
	cols := hi - lo + 1
	var table []int32
	if cols > 0 && len(c.set.Units)*cols <= 4*len(rs)+1024 {
		table = make([]int32, len(c.set.Units)*cols)
	}
	spread := map[int]int32{} // the cells past the table's
	cellOf := func(u *record.Unit, m record.Month) int {
		ui, ok := unitRow[u]
		if !ok { // not one of the register's records: a row past the table
			ui = len(unitRow)
			unitRow[u] = ui
		}
		return ui*cols + monthNumber(m) - lo
	}
	for i := range rs {
		r := rs[i]
		u := c.set.Unit(r.Unit)
		if u != nil && !slices.Contains(rule.UnitTypes, u.Type) && !slices.Contains(rule.Units, u.ID) {
			c.errs.Add(r.At("unit"), "expected a unit that sends monthly reports (%s), found %q (%s)",
				orList(append(slices.Clone(rule.UnitTypes), "the units listed in settings.yaml")), r.Unit, u.Type)
		}
		if u != nil && !r.Month.IsZero() {
			k := cellOf(u, r.Month)
			var first int32
			if k < len(table) {
				first = table[k]
			} else {
				first = spread[k]
			}
			switch {
			case first > 0:
				c.errs.Add(r.At("month"), "expected one report of %s for %s, found a second (first at line %d)", u.Name, r.Month, rs[first-1].At("month").Line)
			case k < len(table):
				table[k] = int32(i) + 1
			default:
				spread[k] = int32(i) + 1
			}
		}
		if u != nil && !r.Month.IsZero() {
			switch {
			case !u.Established.IsZero() && u.Established.After(r.Month.Last()):
				c.errs.Add(r.At("month"), "expected a month when %s existed (established %s), found %s", u.Name, u.Established, r.Month)
			case !u.Closed.IsZero() && u.Closed.Before(r.Month.First()):
				c.errs.Add(r.At("month"), "expected a month when %s existed (closed %s), found %s", u.Name, u.Closed, r.Month)
			}
		}
		if !r.Month.IsZero() && !r.Received.IsZero() && r.Received.Before(r.Month.First()) {
			c.errs.Add(r.At("received"), "expected received on or after %s, the first day of the month reported, found %s", r.Month.First(), r.Received)
		}
		c.notFuture(r.Node, "received", r.Received)
		if p := c.set.Person(r.Cadre); p != nil && !r.Received.IsZero() && !inService(p, r.Received) {
			c.errs.Add(r.At("cadre"), "expected a cadre in service on %s, the day received, found %s (%s)", r.Received, p.Name, serviceSpan(p))
		}
	}
}

// monthNumber numbers months one after another: year × 12 + month.
func monthNumber(m record.Month) int { return m.Year*12 + int(m.Month) - 1 }

func (c *checker) checkHazards() {
	for _, h := range c.set.Safety.Hazards {
		c.notFuture(h.Node, "found", h.Found)
		c.notFuture(h.Node, "rectified", h.Rectified)
		c.notFuture(h.Node, "reinspected", h.Reinspected)
		if !h.Reinspected.IsZero() && h.Rectified.IsZero() {
			c.errs.Add(h.At("reinspected"), "expected rectified date before a re-inspection, found none")
		}
		if !h.Reinspected.IsZero() && h.Inspector == "" {
			c.errs.Add(h.At("reinspected"), "expected inspector (复查人) of the re-inspection, found none")
		}
		if h.Inspector != "" && h.Reinspected.IsZero() {
			c.errs.Add(h.At("inspector"), "expected reinspected date (复查日期) with the inspector, found none")
		}
		if h.Level == "重大" && h.Measures == "" {
			c.errs.Add(h.At("level"), "expected measures (整改措施, the treatment plan) for a 重大 hazard, found none")
		}
		if p := c.set.Person(h.Inspector); p != nil && !h.Reinspected.IsZero() && !inService(p, h.Reinspected) {
			c.errs.Add(h.At("inspector"), "expected an inspector in service on %s, found %s (%s)", h.Reinspected, p.Name, serviceSpan(p))
		}
	}
}

func (c *checker) checkNotices() {
	// The hazards the notices name, by id: the first of hazards sharing an
	// id (Decode reports the others). A township has many times more
	// hazards than notices, so only those named are indexed.
	ns := c.set.Safety.Notices
	hazards := make(map[string]*record.Hazard, len(ns))
	for i := range ns {
		if id := ns[i].Hazard; id != "" {
			hazards[id] = nil
		}
	}
	for _, h := range c.set.Safety.Hazards {
		if first, named := hazards[h.ID]; named && first == nil {
			hazards[h.ID] = h
		}
	}
	for i := range c.set.Safety.Notices {
		n := &ns[i]
		if n.Has("to") {
			c.one(n.To.Node, subject{name: "to"}, []string{"unit", "post", "person", "object"}, n.To.Unit, n.To.Post, n.To.Person, n.To.Object)
		}
		if n.Kind == record.NoticeSupervision && n.Deadline.IsZero() {
			c.errs.Add(n.Pos, "expected deadline (办结期限) for a %s, found none", n.Kind)
		}
		c.notFuture(n.Node, "issued", n.Issued)
		c.notFuture(n.Node, "closed", n.Closed)
		if h := hazards[n.Hazard]; h != nil && n.Object != "" && h.Object != n.Object {
			c.errs.Add(n.At("object"), "expected %q, the object of hazard %q, found %q", h.Object, h.ID, n.Object)
		}
	}
}

func (c *checker) checkLicences() {
	seen := map[string]diag.Pos{}
	for i := range c.set.Safety.Licences {
		l := &c.set.Safety.Licences[i]
		c.notFuture(l.Node, "issued", l.Issued)
		if l.Number != "" {
			if first, dup := seen[l.Number]; dup {
				c.errs.Add(l.At("number"), "expected a unique licence number, found %q again (first at %s)", l.Number, first)
			} else {
				seen[l.Number] = l.At("number")
			}
		}
		o := c.objects[l.Holder]
		if o == nil {
			continue
		}
		if cat := c.categories[o.Category]; cat != nil && len(cat.Licences) > 0 && !slices.Contains(cat.Licences, l.Kind) {
			c.errs.Add(l.At("kind"), "expected a licence %s holds (%s), found %q%s", cat.Name, quoteAll(cat.Licences), l.Kind, suggest(l.Kind, cat.Licences))
		}
	}
}

// accidentLevel is the level an accident's figures make it under art. 3 of
// the Regulations on the Reporting, Investigation and Handling of
// Production Safety Accidents (生产安全事故报告和调查处理条例, State
// Council Order 493, 2007): the highest level any one figure reaches.
func accidentLevel(a *record.Accident) (level int, why string) {
	thresholds := []struct {
		deaths, serious int
		loss            int64 // 万元
	}{{3, 10, 1000}, {10, 50, 5000}, {30, 100, 10000}}
	for i, t := range thresholds {
		switch {
		case a.Deaths >= t.deaths:
			level, why = i+1, fmt.Sprintf("deaths %d", a.Deaths)
		case a.SeriousInjuries >= t.serious:
			level, why = i+1, fmt.Sprintf("serious injuries %d", a.SeriousInjuries)
		case a.Loss.GreaterThanOrEqual(decimal.NewFromInt(t.loss)):
			level, why = i+1, fmt.Sprintf("direct loss %s万元", a.Loss)
		}
	}
	return level, why
}

func (c *checker) checkAccidents() {
	const basis = "生产安全事故报告和调查处理条例 第三条"
	for i := range c.set.Safety.Accidents {
		a := &c.set.Safety.Accidents[i]
		c.notFuture(a.Node, "date", a.Date)
		got := slices.Index(record.AccidentLevels, a.Level)
		if got < 0 {
			continue
		}
		want, why := accidentLevel(a)
		switch {
		case got < want:
			c.errs.Add(a.At("level"), "expected level %s or higher for %s (%s), found %q", record.AccidentLevels[want], why, basis, a.Level)
		case got > want && a.Has("loss"):
			c.errs.Add(a.At("level"), "expected level %s for deaths %d, serious injuries %d and direct loss %s万元 (%s), found %q",
				record.AccidentLevels[want], a.Deaths, a.SeriousInjuries, a.Loss, basis, a.Level)
		}
	}
}

// suggest proposes the closest of the known names for a misspelt one.
func suggest(s string, known []string) string {
	best, dist := "", 3
	for _, k := range known {
		if d := record.EditDistanceWithin(s, k, dist); d < dist || (d == dist && k < best) {
			best, dist = k, d
		}
	}
	if best == "" || best == s {
		return ""
	}
	return fmt.Sprintf("; did you mean %q?", best)
}
