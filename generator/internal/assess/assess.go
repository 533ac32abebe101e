package assess

import (
	"cmp"
	"math/big"
	"path"
	"slices"
	"strings"

	"github.com/shopspring/decimal"

	"gongshi/generator/internal/calendar"
	"gongshi/generator/internal/diag"
	"gongshi/generator/internal/record"
	"gongshi/generator/internal/reuse"
)

// Bonus is the item code that score sheets and indicators use for bonus
// points (加分), which are counted apart from the 100-point scale.
const Bonus = "bonus"

// BonusName is what notices call the bonus.
const BonusName = "加分"

// Item is one part of the scale, or the bonus.
type Item struct {
	Code string
	Name string
	Max  decimal.Decimal // for the bonus: the scheme's cap
	Doc  string
}

// Event is a recorded fact and what it did to an item.
type Event struct {
	*record.AssessEvent
	Indicator *record.AssessIndicator
	Count     decimal.Decimal // the event's count, 1 when not written
	Points    decimal.Decimal // signed: the indicator's points × count
}

// Score is a person's result on one item: decided by the assessment group,
// or computed from the item's maximum and the events recorded against it.
type Score struct {
	Item    Item
	Score   decimal.Decimal
	Decided *record.AssessScore // the group's score, when it decided one
	By      string              // who decided it
	Events  []Event             // in the order of the sheet
	Raw     decimal.Decimal     // before clamping to [0, max]
	Clamped bool
}

// Lost is how many points below the maximum the item ended.
func (s Score) Lost() decimal.Decimal { return s.Item.Max.Sub(s.Score) }

// Assessee is one person's result for the quarter.
type Assessee struct {
	Person    *record.Person
	Sheet     *record.AssessSheet
	Posts     []string // titles of the posts in scope held at the end of the quarter
	InScope   [3]bool  // per month of the quarter: in scope on its count day
	Months    int      // months counted
	Share     Fen      // pool share: monthly amount × months
	Items     []Score  // in the scheme's order
	Bonus     Score
	Base      decimal.Decimal // Σ items, at most 100
	Total     decimal.Decimal // base + bonus
	Qualified bool
	Due       Fen // total × point value × months / 3; 0 when unqualified
	Pay       Fen // what is paid: Due, scaled down when the pool is short
}

// Stats summarises a quarter. Pay figures are over the people paid.
type Stats struct {
	Assessed    int
	Qualified   int
	Unqualified int
	Paid        int // people paid more than 0
	Total       Fen // Σ pay
	MeanPay     Fen // Total / Paid, half-up
	HighestPay  Fen
	LowestPay   Fen
}

// Notice is what the results notice needs besides the table.
type Notice struct {
	ID        string // assess-2026-q1: what objections name it by, and its address
	Title     string // 朝天镇2026年第一季度绩效考核结果公示
	Text      string // the clerk's template, rendered
	Number    string
	Organ     string // the issuing organ
	Issued    record.Date
	Period    calendar.Period
	Objection record.Contact
	ReportTo  string
	Result    *record.NoticeResult // what was done with the result; nil until recorded
}

// NoticeID is the id of a quarter's notice: assess-2026-q1.
func NoticeID(q record.Quarter) string { return "assess-" + strings.ToLower(q.String()) }

// Result is one quarter's assessment.
type Result struct {
	Quarter record.Quarter
	Record  *record.AssessQuarter
	Scheme  *record.AssessScheme
	Items   []Item // the scheme's items, without the bonus
	People  []*Assessee
	Pool    Fen  // Σ shares
	Due     Fen  // Σ due before any scaling
	Paid    Fen  // Σ pay
	Balance Fen  // pool − paid; negative when over the pool and allowed
	Scaled  bool // dues exceeded the pool and were scaled down to it
	Stats   Stats
	Notice  Notice
}

// Compute checks the assessment records and computes each quarter, in
// order. Quarters whose scheme cannot be found are left out; everything
// else is computed as far as the records allow, and every mistake is
// reported with its position.
func Compute(set *record.Set, cal *calendar.Calendar) ([]*Result, diag.List) {
	return (*Memo)(nil).Compute(set, cal)
}

// A Memo keeps what each score sheet gave from one Compute to the next,
// for the versions of notices, which compute one commit's records after
// another's: most commits change none of a quarter's sheets, and a
// person's scores, read from their sheet alone, need not be worked out
// again. Nor, for each quarter, what a person who did not change gave:
// their months in scope, their posts and what they are due (people are
// a file each, and a county's commits change a person or two at a time).
// What the rest gives (the pool, scaling, the notice) is worked out
// every time.
//
// A sheet is known by the Versions of its record, its quarter's and its
// scheme's, as record.Series hands them on: a record that did not change
// keeps its Version, though its quarter file is gathered again when
// another quarter's changed, and one that changed has a new one. A
// person in a quarter is known by the Versions of their record, their
// sheet, the quarter's (which holds the leave) and the scheme's, and by
// the posts register, which a Series hands on as the same list while no
// post changes. A Memo keeps only what the last Compute used. The nil
// Memo keeps nothing.
type Memo struct {
	sheets reuse.Memo[sheetKey, sheetResult]
	people reuse.Memo[personKey, personResult]
}

// personKey names what a person's part of a quarter is made from (see
// Memo). posts is the register's first post and n its length (nil, 0 for
// none): held in a key, the list is not freed and its place not taken by
// another list while the key is kept.
type personKey struct {
	scheme, quarter, sheet, person record.Version
	posts                          *record.Post
	n                              int
}

// personResult is a person's part of a quarter: how many months they
// were in scope (0 for none), and when they were and have a sheet, their
// Assessee as the quarter has it, but for Person and Pay, which each
// Compute sets.
type personResult struct {
	n int
	a *Assessee
}

// personMemoFor is m's memo of people in quarters for the person k
// names: nil (keeping nothing) when the person, the quarter or the
// scheme was not decoded.
func (m *Memo) personMemoFor(k personKey) *reuse.Memo[personKey, personResult] {
	if k.scheme.IsZero() || k.quarter.IsZero() || k.person.IsZero() {
		return nil
	}
	return m.peopleMemo()
}

// peopleMemo is m's memo of people in quarters; nil (keeping nothing)
// for the nil Memo.
func (m *Memo) peopleMemo() *reuse.Memo[personKey, personResult] {
	if m == nil {
		return nil
	}
	return &m.people
}

// NewMemo returns an empty Memo.
func NewMemo() *Memo { return &Memo{} }

type sheetKey struct {
	scheme, quarter, sheet record.Version
}

// sheetMemoFor is m's memo of sheets for the sheet k names: nil (keeping
// nothing) when the sheet, its quarter or its scheme was not decoded, as
// such records have no Version to tell them apart.
func (m *Memo) sheetMemoFor(k sheetKey) *reuse.Memo[sheetKey, sheetResult] {
	if k.scheme.IsZero() || k.quarter.IsZero() || k.sheet.IsZero() {
		return nil
	}
	return m.sheetMemo()
}

// sheetResult is what plan.assess gave: the person's scores, without
// what the rest of the records give; and what the person was due for
// months months (-1: not worked out yet).
type sheetResult struct {
	a      Assessee
	months int
	due    Fen
}

// sheetMemo is m's memo of sheets; nil (keeping nothing) for the nil Memo.
func (m *Memo) sheetMemo() *reuse.Memo[sheetKey, sheetResult] {
	if m == nil {
		return nil
	}
	return &m.sheets
}

// Compute is Compute, taking from m what each unchanged sheet gave.
func (m *Memo) Compute(set *record.Set, cal *calendar.Calendar) ([]*Result, diag.List) {
	defer m.sheetMemo().Run()()
	defer m.peopleMemo().Run()()
	var errs diag.List
	plans := compileSchemes(set, &errs)
	qs := make([]*record.AssessQuarter, 0, len(set.Assess.Quarters))
	for i := range set.Assess.Quarters {
		qs = append(qs, &set.Assess.Quarters[i])
	}
	slices.SortStableFunc(qs, func(a, b *record.AssessQuarter) int {
		if c := cmp.Compare(a.Quarter.Year*10+a.Quarter.Q, b.Quarter.Year*10+b.Quarter.Q); c != 0 {
			return c
		}
		return a.Pos.Compare(b.Pos)
	})
	var results []*Result
	seen := map[record.Quarter]diag.Pos{}
	for _, q := range qs {
		if q.Quarter.IsZero() {
			continue // reported by the decoder
		}
		checkQuarterFile(q, &errs)
		if first, dup := seen[q.Quarter]; dup {
			errs.Add(q.At("quarter"), "expected one score file for %s, found a second (first at %s)", q.Quarter, first)
			continue
		}
		seen[q.Quarter] = q.At("quarter")
		p := planFor(plans, q.Quarter)
		if p == nil {
			errs.Add(q.At("quarter"), "expected a scheme in force on %s (records/assess/schemes/), found none", q.Quarter.First())
			continue
		}
		results = append(results, m.computeQuarter(set, cal, p, q, &errs))
	}
	errs.Sort()
	return results, errs
}

func checkQuarterFile(q *record.AssessQuarter, errs *diag.List) {
	if q.Pos.File == "" {
		return
	}
	base := path.Base(q.Pos.File)
	stem := strings.TrimSuffix(strings.TrimSuffix(base, ".yaml"), ".yml")
	fq, err := record.ParseQuarter(stem)
	switch {
	case err != nil:
		errs.Add(q.At("quarter"), "expected a file named after its quarter (%s.yaml), found %s", q.Quarter, base)
	case fq != q.Quarter:
		errs.Add(q.At("quarter"), "expected quarter %s as in the file name %s, found %s", fq, base, q.Quarter)
	}
	if !q.Issued.IsZero() && !q.Issued.After(q.Quarter.Last()) {
		errs.Add(q.At("issued"), "expected issued after the quarter ends on %s, found %s", q.Quarter.Last(), q.Issued)
	}
	if !q.Issued.IsZero() && strings.TrimSpace(q.Number) == "" {
		errs.Add(q.At("issued"), "expected the notice's number (number) for results posted on %s, found none; 公示须有文号", q.Issued)
	}
}

// planFor is the scheme in force on the quarter's first day.
func planFor(plans []*plan, q record.Quarter) *plan {
	var best *plan
	for _, p := range plans {
		if !p.rec.From.After(q.First()) && (best == nil || p.rec.From.After(best.rec.From)) {
			best = p
		}
	}
	return best
}

func (m *Memo) computeQuarter(set *record.Set, cal *calendar.Calendar, p *plan, q *record.AssessQuarter, errs *diag.List) *Result {
	r := &Result{Quarter: q.Quarter, Record: q, Scheme: p.rec, Items: p.items}
	sc := &scope{set: set, scheme: p.rec, leave: map[string][]*record.AssessLeave{}}
	for i := range q.Leave {
		l := &q.Leave[i]
		if l.From.IsZero() {
			continue
		}
		if l.From.After(q.Quarter.Last()) || (!l.To.IsZero() && l.To.Before(q.Quarter.First())) {
			errs.Add(l.At("from"), "expected leave overlapping %s (%s to %s), found %s to %s",
				q.Quarter, q.Quarter.First(), q.Quarter.Last(), l.From, orOpen(l.To))
			continue
		}
		sc.leave[l.Person] = append(sc.leave[l.Person], l)
	}

	// Each person's first sheet, by id. Whether each sheet's person is in
	// scope is known once the register is gone through: a sheet for
	// someone out of scope, and a second sheet for someone, are mistakes,
	// reported in the order of the sheets before those the register finds
	// (later).
	first := make(map[string]int, len(q.Sheets))
	for i := range q.Sheets {
		if id := q.Sheets[i].Person; id != "" {
			if _, dup := first[id]; !dup {
				first[id] = i
			}
		}
	}
	used := make([]bool, len(q.Sheets))
	var later diag.List

	pk := personKey{scheme: p.rec.Version(), quarter: q.Version(), n: len(set.Posts)}
	if len(set.Posts) > 0 {
		pk.posts = &set.Posts[0]
	}
	for i := range set.People {
		person := &set.People[i]
		if !slices.Contains(p.rec.Scope.Staff, person.Staff) {
			continue // out of scope every day (scope.months): most of a county's register
		}
		f, ok := first[person.ID]
		var sheet *record.AssessSheet
		pk.person, pk.sheet = person.Version(), record.Version{}
		if ok {
			sheet = &q.Sheets[f]
			pk.sheet = sheet.Version()
		}
		sk := sheetKey{pk.scheme, pk.quarter, pk.sheet}
		made := false
		known := m.personMemoFor(pk).Get(pk, &later, func() personResult {
			made = true
			in, n := sc.months(person, q.Quarter)
			if n == 0 || sheet == nil {
				return personResult{n: n}
			}
			s := m.sheetMemoFor(sk).Get(sk, &later, func() sheetResult {
				return sheetResult{a: *p.assess(q, sheet, &later), months: -1}
			})
			a := new(s.a) // a copy: the rest is filled in for this person and quarter
			a.InScope, a.Months = in, n
			a.Posts = sc.posts(person, q.Quarter)
			a.Share = p.monthly * Fen(n)
			if a.Qualified {
				if s.months != n {
					s.months, s.due = n, proratedDue(a.Total, p.rec.PointValue, n, RoundingOf(p.rec))
				}
				a.Due = s.due
			}
			return personResult{n: n, a: a}
		})
		if known.n == 0 {
			continue
		}
		if sheet == nil {
			later.Add(q.At("sheets"), "expected a sheet for %s (%s), in scope %d month(s) of %s, found none", person.Name, person.ID, known.n, q.Quarter)
			continue
		}
		if !made { // the sheet's scores, for when this person changes
			m.sheetMemoFor(sk).Keep(sk)
		}
		used[f] = set.Person(person.ID) == person // a second person of the id: the sheet is checked as the first's
		a := known.a
		a.Person, a.Pay = person, a.Due
		r.People = append(r.People, a)
		r.Pool += a.Share
		r.Due += a.Due
	}

	for i := range q.Sheets {
		s := &q.Sheets[i]
		if s.Person == "" || used[i] {
			continue
		}
		if f := first[s.Person]; f != i {
			errs.Add(s.At("person"), "expected one sheet per person, found a second for %s (first at line %d)", nameOf(set, s.Person), q.Sheets[f].Pos.Line)
			continue
		}
		person := set.Person(s.Person)
		if person == nil {
			continue // an unknown id is reported by the decoder
		}
		if _, n := sc.months(person, q.Quarter); n == 0 {
			errs.Add(s.At("person"), "expected people in scope of %s in %s, found %s, who %s", p.rec.Title, q.Quarter, person.Name, sc.whyNot(person, q.Quarter))
		}
	}
	errs.Append(later)

	if r.Due > r.Pool && ScalesToPool(p.rec) {
		scale(r.People, r.Pool)
		r.Scaled = true
	}
	for _, a := range r.People {
		r.Paid += a.Pay
	}
	r.Balance = r.Pool - r.Paid
	r.Stats = stats(r.People, RoundingOf(p.rec))
	r.Notice = p.notice(set, cal, r, errs)
	return r
}

// proratedDue is total × point value × months / 3 in fen, rounded once as
// the scheme says.
func proratedDue(total, pointValue decimal.Decimal, months int, r Rounding) Fen {
	// total × point value is an exact decimal c × 10^e, and the due is
	// c × 100 × months × 10^e / 3: one fraction of integers rather than
	// two decimals made rationals and multiplied.
	p := total.Mul(pointValue)
	num := p.Coefficient()
	num.Mul(num, big.NewInt(100*int64(months)))
	den := big.NewInt(3)
	if e := p.Exponent(); e > 0 {
		num.Mul(num, pow10(e))
	} else if e < 0 {
		den.Mul(den, pow10(-e))
	}
	return r.Fen(new(big.Rat).SetFrac(num, den))
}

// nameOf is a person's name and id for messages.
func nameOf(set *record.Set, id string) string {
	if p := set.Person(id); p != nil {
		return p.Name + " (" + id + ")"
	}
	return id
}

func orOpen(d record.Date) string {
	if d.IsZero() {
		return "open"
	}
	return d.String()
}

func stats(people []*Assessee, r Rounding) Stats {
	var s Stats
	for _, a := range people {
		s.Assessed++
		if a.Qualified {
			s.Qualified++
		} else {
			s.Unqualified++
		}
		if a.Pay <= 0 {
			continue
		}
		if s.Paid == 0 || a.Pay > s.HighestPay {
			s.HighestPay = a.Pay
		}
		if s.Paid == 0 || a.Pay < s.LowestPay {
			s.LowestPay = a.Pay
		}
		s.Paid++
		s.Total += a.Pay
	}
	if s.Paid > 0 {
		s.MeanPay = r.Fen(big.NewRat(int64(s.Total), int64(s.Paid)))
	}
	return s
}

// scale shares the pool among the people due something, in proportion to
// what they are due: each gets due × pool / Σdue floored to the fen, and
// the fen left over go one each to the largest remainders. Equal
// remainders go first to the larger due, then to the smaller person id.
func scale(people []*Assessee, pool Fen) {
	var total int64
	for _, a := range people {
		total += int64(a.Due)
	}
	if total <= 0 {
		return
	}
	type share struct {
		a   *Assessee
		rem *big.Int
	}
	shares := make([]share, 0, len(people))
	var given Fen
	den := big.NewInt(total)
	for _, a := range people {
		num := new(big.Int).Mul(big.NewInt(int64(a.Due)), big.NewInt(int64(pool)))
		q, m := new(big.Int).QuoRem(num, den, new(big.Int))
		a.Pay = Fen(q.Int64())
		given += a.Pay
		shares = append(shares, share{a, m})
	}
	slices.SortFunc(shares, func(x, y share) int {
		if c := y.rem.Cmp(x.rem); c != 0 {
			return c
		}
		if c := cmp.Compare(y.a.Due, x.a.Due); c != 0 {
			return c
		}
		return strings.Compare(x.a.Person.ID, y.a.Person.ID)
	})
	for i := 0; given < pool && i < len(shares); i++ {
		shares[i].a.Pay++
		given++
	}
}
