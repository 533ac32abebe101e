package assess

import (
	"gongshi/generator/internal/diag"
	"gongshi/generator/internal/record"
)

// Roster is what a quarter's score sheet starts from: the scheme in force
// and the people it assesses. It exists before any score does.
type Roster struct {
	Quarter    record.Quarter
	Scheme     *record.AssessScheme
	Items      []Item // the scale's items, in the scheme's order
	Bonus      Item   // the bonus; Max is the cap, zero when the scheme has none
	Indicators []*record.AssessIndicator
	People     []Member // in the order of the people records, as on the notice
}

// Member is a person in scope for at least one month of the quarter.
type Member struct {
	Person *record.Person
	Posts  []string // titles of the posts in scope held at the end of the quarter
	Months int      // months counted
}

// RosterOf returns the roster of quarter q — counting the leave recorded
// in the quarter's score file, when it exists — or nil when no scheme is
// in force on the quarter's first day. Mistakes in the records are not
// reported here: Compute reports them.
func RosterOf(set *record.Set, q record.Quarter) *Roster {
	var ignored diag.List
	p := planFor(compileSchemes(set, &ignored), q)
	if p == nil {
		return nil
	}
	r := &Roster{Quarter: q, Scheme: p.rec, Items: p.items, Bonus: p.bonus}
	for i := range p.rec.Indicators {
		r.Indicators = append(r.Indicators, &p.rec.Indicators[i])
	}
	sc := &scope{set: set, scheme: p.rec, leave: map[string][]*record.AssessLeave{}}
	for i := range set.Assess.Quarters {
		if rec := &set.Assess.Quarters[i]; rec.Quarter == q {
			for j := range rec.Leave {
				l := &rec.Leave[j]
				sc.leave[l.Person] = append(sc.leave[l.Person], l)
			}
		}
	}
	for i := range set.People {
		person := &set.People[i]
		if _, n := sc.months(person, q); n > 0 {
			r.People = append(r.People, Member{Person: person, Posts: sc.posts(person, q), Months: n})
		}
	}
	return r
}
