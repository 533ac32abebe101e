package targets

import (
	"cmp"
	"fmt"
	"math/big"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"

	"gongshi/generator/internal/assess"
	"gongshi/generator/internal/calendar"
	"gongshi/generator/internal/diag"
	"gongshi/generator/internal/record"
)

// Grades is one year's annual grades of the staff assessed quarterly.
type Grades struct {
	Year     int
	Rec      *record.AnnualGrades
	Quarters []*assess.Result // the year's four quarters, in order
	// People are everyone graded: 优秀 first, then 称职, 基本称职 and 不称职,
	// each by annual score (highest first, ties as ranked for 优秀), then
	// in the order of the people register.
	People []*Graded
	// Places is the number of 优秀 places: len(People) × quota %, rounded
	// down from Quota.
	Places int
	Quota  *big.Rat
	Vetoes []*Veto // the year's vetoing accidents
	Notice Notice
}

// Graded is one person's annual grade.
type Graded struct {
	Person   *record.Person
	Posts    []string           // titles held in the last quarter assessed
	Quarters []*assess.Assessee // per quarter of the year; nil when not assessed in it
	Score    *big.Rat           // annual score, exact
	Base     *big.Rat           // mean base score, exact
	Lowest   *big.Rat           // the lowest quarterly score counted
	Last     *big.Rat           // the score of the last quarter assessed
	Position int                // place by annual score among all graded (equal scores share it)
	Grade    string
	// Barred are the reasons the person could not be 优秀 though their
	// score was 称职 or better.
	Barred []string
	// Answerable are the vetoing accidents the person answered for.
	Answerable []*Veto
	// Tie says how a tie at the 优秀 cut-off involving the person was
	// resolved.
	Tie string
	// Previous is last year's grade, if known; Twice is set when both years
	// are 不称职.
	Previous string
	Twice    bool
}

// ScoreKind returns which quarterly score the annual score averages: the
// base score when the record says 基础分, the total otherwise (the
// default).
func (g *Grades) ScoreKind() assess.ScoreKind {
	if g.Rec.Score == "基础分" {
		return assess.BaseScore
	}
	return assess.TotalScore
}

// ScoreShown is the annual score rounded half-up to two decimals.
func (g *Graded) ScoreShown() string { return short(g.Score, scorePlaces) }

// Assessed is the number of quarters the person was assessed in.
func (g *Graded) Assessed() int {
	n := 0
	for _, a := range g.Quarters {
		if a != nil {
			n++
		}
	}
	return n
}

// gradedKey names what a person's annual scores are made from: their
// Assessee of each quarter of the year (nil where they were not
// assessed), and which quarterly score is averaged. An Assessee is not
// changed once its quarter is computed, but for the person's record and
// pay, which the scores do not read: the assessment's Memo hands on the
// same one while nothing of the person's quarter changed. Held in a key,
// the Assessees are not freed and their places not taken by others while
// the key is kept.
type gradedKey struct {
	q    [4]*assess.Assessee
	kind assess.ScoreKind
}

// gradedScores are a person's annual scores (Graded), and the quarters
// in which they were not qualified.
type gradedScores struct {
	score, base, lowest, last *big.Rat
	unqualified               []string
}

func (m *Memo) computeGrades(set *record.Set, cal *calendar.Calendar, assessed []*assess.Result, years []*Year, errs *diag.List) []*Grades {
	recs := make([]*record.AnnualGrades, 0, len(set.Targets.Grades))
	seen := map[int]*record.AnnualGrades{}
	for i := range set.Targets.Grades {
		g := &set.Targets.Grades[i]
		if g.Year == 0 {
			continue
		}
		checkFileYear(g.Node, g.Year, path.Base(g.Pos.File), "file name", errs)
		if first, dup := seen[g.Year]; dup {
			errs.Add(g.At("year"), "expected one grades record for %d, found a second (first at %s)", g.Year, first.At("year"))
			continue
		}
		seen[g.Year] = g
		recs = append(recs, g)
	}
	slices.SortFunc(recs, func(a, b *record.AnnualGrades) int { return cmp.Compare(a.Year, b.Year) })
	var out []*Grades
	byYear := map[int]*Grades{}
	for _, rec := range recs {
		var y *Year
		for _, x := range years {
			if x.Year == rec.Year {
				y = x
			}
		}
		g := m.grade(set, cal, assessed, y, byYear[rec.Year-1], rec, errs)
		if g != nil {
			out = append(out, g)
			byYear[rec.Year] = g
		}
	}
	return out
}

// grade works out one year's grades; nil when the year's quarters are not
// all assessed.
func (m *Memo) grade(set *record.Set, cal *calendar.Calendar, assessed []*assess.Result, y *Year, prev *Grades, rec *record.AnnualGrades, errs *diag.List) *Grades {
	if !rec.Competent.GreaterThan(rec.Basic) && rec.Has("competent") && rec.Has("basic") {
		errs.Add(rec.At("basic"), "expected the basic line below the competent line %s, found %s", rec.Competent, rec.Basic)
	}
	if !rec.Issued.IsZero() && strings.TrimSpace(rec.Notice) == "" {
		errs.Add(rec.At("issued"), "expected the notice's text (notice) for grades posted on %s, found none", rec.Issued)
	}
	if !rec.Issued.IsZero() && rec.Issued.Year <= rec.Year {
		errs.Add(rec.At("issued"), "expected the grades posted after the year ends on %d-12-31, found %s", rec.Year, rec.Issued)
	}
	if !rec.Issued.IsZero() && strings.TrimSpace(rec.Number) == "" {
		errs.Add(rec.At("issued"), "expected the notice's number (number) for grades posted on %s, found none; 公示须有文号", rec.Issued)
	}
	ex := rec.Excellent
	if dup := firstDuplicate(ex.Ties); dup >= 0 {
		errs.Add(ex.At("ties"), "expected each tie criterion once, found %q again", ex.Ties[dup])
	}
	if dup := firstDuplicate(ex.Order); dup >= 0 {
		errs.Add(ex.At("order"), "expected each person once in the committee's order, found %q again", ex.Order[dup])
	}
	if rec.Veto.Has("roles") || rec.Veto.Has("basis") {
		if y == nil {
			errs.Add(rec.Veto.Pos, "expected a target scheme for %d defining the one-vote veto (records/targets/schemes/%d.yaml), found none", rec.Year, rec.Year)
		} else if y.Scheme.Veto.Level == "" {
			errs.Add(rec.Veto.Pos, "expected the %d target scheme to define the one-vote veto (veto), found none", rec.Year)
		}
	}

	g := &Grades{Year: rec.Year, Rec: rec}
	var have []string
	for _, r := range assessed {
		if r.Quarter.Year == rec.Year {
			g.Quarters = append(g.Quarters, r)
			have = append(have, r.Quarter.String())
		}
	}
	slices.SortFunc(g.Quarters, func(a, b *assess.Result) int { return cmp.Compare(a.Quarter.Q, b.Quarter.Q) })
	if len(g.Quarters) != 4 {
		found := "none"
		if len(have) > 0 {
			slices.Sort(have)
			found = strings.Join(have, ", ")
		}
		errs.Add(rec.At("year"), "expected the four quarters of %d assessed (records/assess/%d-Q1.yaml to -Q4.yaml), found %s", rec.Year, rec.Year, found)
		return nil
	}
	if y != nil {
		g.Vetoes = y.Vetoes
	}

	// Everyone assessed in a quarter of the year, in register order.
	idx := map[string]*Graded{}
	order := make(map[string]int, len(set.People))
	for i := range set.People {
		order[set.People[i].ID] = i
	}
	for qi, r := range g.Quarters {
		for _, a := range r.People {
			p := idx[a.Person.ID]
			if p == nil {
				p = &Graded{Person: a.Person, Quarters: make([]*assess.Assessee, 4)}
				idx[a.Person.ID] = p
				g.People = append(g.People, p)
			}
			p.Quarters[qi] = a
			p.Posts = a.Posts
		}
	}
	slices.SortFunc(g.People, func(a, b *Graded) int { return cmp.Compare(order[a.Person.ID], order[b.Person.ID]) })

	kind := g.ScoreKind()
	var rats ratOrder
	competent, basic := rat(rec.Competent), rat(rec.Basic)
	var unqualifiedIn = map[*Graded][]string{}
	for _, p := range g.People {
		k := gradedKey{kind: kind}
		copy(k.q[:], p.Quarters)
		var none diag.List // working out the scores finds no mistake
		s := m.scoreMemo().Get(k, &none, func() gradedScores {
			// The quarterly scores are decimals: they are summed and
			// compared as such, and only the sums and the two scores
			// kept are made rationals.
			var scores, bases sum
			var lowest, last decimal.Decimal
			var unqualified []string
			for qi, a := range p.Quarters {
				if a == nil {
					continue
				}
				s := kind.Of(a)
				if scores.n == 0 || s.LessThan(lowest) {
					lowest = s
				}
				scores.add(s)
				bases.add(a.Base)
				last = s
				if !a.Qualified {
					unqualified = append(unqualified, g.Quarters[qi].Quarter.Chinese())
				}
			}
			return gradedScores{scores.mean(), bases.mean(), rat(lowest), rat(last), slices.Clip(unqualified)}
		})
		p.Score, p.Base, p.Lowest, p.Last = s.score, s.base, s.lowest, s.last
		if len(s.unqualified) > 0 {
			unqualifiedIn[p] = s.unqualified
		}
		switch {
		case rats.cmp(p.Score, competent) >= 0:
			p.Grade = record.GradeCompetent
		case rats.cmp(p.Score, basic) >= 0:
			p.Grade = record.GradeBasic
		default:
			p.Grade = record.GradeIncompetent
		}
	}

	// Who answered for a vetoing accident, and as what.
	roles := map[*Graded]map[*Veto][]string{}
	for _, v := range g.Vetoes {
		for _, a := range v.Answerable {
			p := idx[a.Person.ID]
			if p == nil || (len(rec.Veto.Roles) > 0 && !slices.Contains(rec.Veto.Roles, a.Role)) {
				continue
			}
			if !slices.Contains(p.Answerable, v) {
				p.Answerable = append(p.Answerable, v)
			}
			if roles[p] == nil {
				roles[p] = map[*Veto][]string{}
			}
			if as := a.Object.Name + a.Role; !slices.Contains(roles[p][v], as) {
				roles[p][v] = append(roles[p][v], as)
			}
		}
	}

	// Places: people × quota %, rounded down.
	g.Quota = new(big.Rat).Mul(big.NewRat(int64(len(g.People)), 100), rat(ex.Quota))
	g.Places = int(floorInt(g.Quota))
	if g.Places == 0 && len(g.People) > 0 {
		errs.Add(ex.At("quota"), "expected a quota leaving at least one 优秀 place for the %d assessed, found %s%% (%d × %s%% = %s, rounded down to 0)",
			len(g.People), ex.Quota, len(g.People), ex.Quota, g.Quota.FloatString(2))
	}

	// Eligible for 优秀, and the reasons others are not.
	var eligible []*Graded
	minScore := rat(ex.Min)
	for _, p := range g.People {
		if p.Grade != record.GradeCompetent {
			continue
		}
		if ex.Has("min") && rats.cmp(p.Score, minScore) < 0 {
			p.Barred = append(p.Barred, fmt.Sprintf("年度得分低于优秀等次最低分%s分", ex.Min))
		}
		if ex.AllQualified && len(unqualifiedIn[p]) > 0 {
			p.Barred = append(p.Barred, strings.Join(unqualifiedIn[p], "、")+"考核不合格，按规定不得评为优秀")
		}
		for _, v := range p.Answerable {
			p.Barred = append(p.Barred, fmt.Sprintf("%s；本人时任%s，按一票否决规定不得评为优秀", v.Short(), strings.Join(roles[p][v], "、")))
		}
		if len(p.Barred) == 0 {
			eligible = append(eligible, p)
		}
	}

	// Order the eligible by score, then by the stated criteria, then by the
	// committee's order; tell apart those who remain equal.
	committee := make(map[string]int, len(ex.Order))
	for i, id := range ex.Order {
		if _, ok := committee[id]; !ok {
			committee[id] = i
		}
	}
	for _, id := range ex.Order {
		if id != "" && idx[id] == nil && set.Person(id) != nil {
			errs.Add(ex.At("order"), "expected people graded in %d in the committee's order, found %s", rec.Year, set.Person(id).Name)
		}
	}
	compare := func(a, b *Graded) (int, string) {
		if c := rats.cmp(b.Score, a.Score); c != 0 {
			return c, ""
		}
		for _, t := range ex.Ties {
			var x, y *big.Rat
			switch t {
			case record.TieBase:
				x, y = a.Base, b.Base
			case record.TieLowest:
				x, y = a.Lowest, b.Lowest
			case record.TieLast:
				x, y = a.Last, b.Last
			default:
				continue
			}
			if c := rats.cmp(y, x); c != 0 {
				return c, t
			}
		}
		ia, oka := committee[a.Person.ID]
		ib, okb := committee[b.Person.ID]
		if oka && okb {
			return cmp.Compare(ia, ib), "委员会"
		}
		return 0, ""
	}
	slices.SortStableFunc(eligible, func(a, b *Graded) int { c, _ := compare(a, b); return c })
	places := g.Places
	if n := g.Places; n > 0 && n < len(eligible) {
		in, out := eligible[n-1], eligible[n]
		c, by := compare(in, out)
		switch {
		case c == 0:
			var names []string
			for _, p := range eligible {
				if d, _ := compare(p, in); d == 0 {
					names = append(names, p.Person.Name)
				}
			}
			tried := "the score"
			if len(ex.Ties) > 0 {
				tried = strings.Join(ex.Ties, ", ")
			}
			errs.Add(ex.At("ties"), "expected the committee's order (excellent.order) for %s, tied at %s for the last 优秀 place after comparing %s, found none; 请写明考核委员会研究确定的先后顺序",
				strings.Join(names, "、"), in.ScoreShown(), tried)
			// Nobody of the tied group gets a place until the records say
			// who: never input order.
			for places > 0 {
				if d, _ := compare(eligible[places-1], in); d != 0 {
					break
				}
				places--
			}
		case by != "":
			in.Tie, out.Tie = tieNote(in, out, by, true), tieNote(out, in, by, false)
		}
	}
	for i, p := range eligible {
		if i < places {
			p.Grade = record.GradeExcellent
		}
	}

	// Positions by score, and the final order.
	rank := func(p *Graded) int { return slices.Index(record.AnnualGradeNames, p.Grade) }
	pos := slices.Clone(g.People)
	slices.SortStableFunc(pos, func(a, b *Graded) int { return rats.cmp(b.Score, a.Score) })
	for i, p := range pos {
		p.Position = i + 1
		if i > 0 && rats.cmp(pos[i-1].Score, p.Score) == 0 {
			p.Position = pos[i-1].Position
		}
	}
	place := make(map[*Graded]int, len(eligible))
	for i, p := range eligible {
		place[p] = i
	}
	slices.SortStableFunc(g.People, func(a, b *Graded) int {
		if c := cmp.Compare(rank(a), rank(b)); c != 0 {
			return c
		}
		if a.Grade == record.GradeExcellent {
			return cmp.Compare(place[a], place[b])
		}
		return rats.cmp(b.Score, a.Score)
	})

	// Two consecutive years 不称职.
	last := map[string]string{}
	for _, pg := range rec.Previous {
		last[pg.Person] = pg.Grade
	}
	if prev != nil {
		for _, p := range prev.People {
			last[p.Person.ID] = p.Grade
		}
	}
	for _, p := range g.People {
		p.Previous = last[p.Person.ID]
		p.Twice = p.Grade == record.GradeIncompetent && p.Previous == record.GradeIncompetent
	}

	if !rec.Issued.IsZero() {
		g.Notice = notice(set, cal, "", rec.Issued, rec.Number, rec.Notice, rec.Publicity)
		g.Notice.Title = set.Township.Name + strconv.Itoa(rec.Year) + "年度机关工作人员年度考核结果公示"
		g.Notice.ID = GradesNoticeID(rec.Year)
		if rec.Has("result") {
			g.Notice.Result = &rec.Result
		}
	}
	return g
}

// tieNote explains a tie at the cut-off decided by a criterion.
func tieNote(p, other *Graded, by string, won bool) string {
	verb := "列前，评为优秀"
	if !won {
		verb = "列后，未能评为优秀"
	}
	if by == "委员会" {
		return fmt.Sprintf("年度得分与%s相同（%s分），按考核委员会研究确定的顺序%s", other.Person.Name, p.ScoreShown(), verb)
	}
	var mine, theirs *big.Rat
	switch by {
	case record.TieBase:
		mine, theirs = p.Base, other.Base
	case record.TieLowest:
		mine, theirs = p.Lowest, other.Lowest
	case record.TieLast:
		mine, theirs = p.Last, other.Last
	}
	return fmt.Sprintf("年度得分与%s相同（%s分），比较%s（%s分对%s分）%s", other.Person.Name, p.ScoreShown(), tieWords[by], short(mine, 2), short(theirs, 2), verb)
}

var tieWords = map[string]string{
	record.TieBase:   "平均基础分",
	record.TieLowest: "最低季度得分",
	record.TieLast:   "最后一个季度得分",
}

// TieWords says a tie criterion in words, for the notice's rules.
func TieWords(t string) string { return tieWords[t] }

// firstDuplicate returns the index of the first value of xs written
// before it ("" aside), or -1. The committee's order lists a county's
// cadres, and the grades are worked out for every commit the versions of
// notices look back on: each value is looked up once, not compared with
// every one before it.
func firstDuplicate(xs []string) int {
	seen := make(map[string]bool, len(xs))
	for i, x := range xs {
		if x == "" {
			continue
		}
		if seen[x] {
			return i
		}
		seen[x] = true
	}
	return -1
}
