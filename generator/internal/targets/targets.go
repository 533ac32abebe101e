package targets

import (
	"cmp"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"

	"gongshi/generator/internal/assess"
	"gongshi/generator/internal/calendar"
	"gongshi/generator/internal/diag"
	"gongshi/generator/internal/record"
	"gongshi/generator/internal/reuse"
)

// Result is every year's unit target assessment and annual grades.
type Result struct {
	Years  []*Year   // by year
	Grades []*Grades // by year
}

// Year is one year's unit target assessment.
type Year struct {
	Year   int
	Scheme *record.TargetScheme
	// Final is set when the results are posted (the scheme has an issued
	// date): only then are units ranked and graded.
	Final  bool
	Groups []*Group
	Vetoes []*Veto
	Notice Notice // for a final year
}

// Group is a set of units ranked against each other.
type Group struct {
	Name    string
	Rec     *record.TargetGroup
	Units   []*Unit  // ranked units first by rank, then vetoed and unreported ones, each in the scheme's order
	Columns []Column // every indicator of the group's units, by code, in order of first appearance
}

// Column is an indicator as a column of the results table.
type Column struct {
	Code   string
	Name   string
	Weight decimal.Decimal // the weight when every unit gives it the same; else zero
}

// Unit is one unit's targets and results for a year.
type Unit struct {
	Unit       *record.Unit
	Rec        *record.UnitTargets
	Group      *Group
	Reported   bool // figures were reported and every indicator could be computed
	Indicators []*Indicator
	Score      decimal.Decimal // Σ points; meaningful when Reported
	Rank       int             // 1-based within the group; 0 when unranked
	Of         int             // how many units are ranked in the group
	Grade      string          // the scheme's grade; "" when vetoed, ungraded or not final
	Vetoes     []*Veto         // accidents vetoing it
}

// Vetoed reports whether an accident vetoes the unit this year.
func (u *Unit) Vetoed() bool { return len(u.Vetoes) > 0 }

// Indicator returns the unit's indicator with the code, or nil.
func (u *Unit) Indicator(code string) *Indicator {
	for _, x := range u.Indicators {
		if x.Rec.Code == code {
			return x
		}
	}
	return nil
}

// Notice is what a results notice needs besides its table.
type Notice struct {
	ID        string // targets-2025, grades-2025: what objections name it by, and its address
	Title     string
	Text      string
	Number    string
	Organ     string
	Issued    record.Date
	Period    calendar.Period
	Objection record.Contact
	Result    *record.NoticeResult // what was done with the result; nil until recorded
}

// NoticeID is the id of a year's unit results notice: targets-2025.
func NoticeID(year int) string { return "targets-" + strconv.Itoa(year) }

// GradesNoticeID is the id of a year's annual grades notice: grades-2025.
func GradesNoticeID(year int) string { return "grades-" + strconv.Itoa(year) }

// DefaultWorkingDays is the publicity period when neither the record nor
// the township sets one.
const DefaultWorkingDays = 5

// Compute checks the target and grade records and works out every year.
// assessed are the quarterly results (assess.Compute); sr finds who
// answered for an object on an accident's day (safety.Roles, or a
// safety.Result; nil: nobody). Everything that can be computed is, and every mistake is
// reported with its position.
func Compute(set *record.Set, cal *calendar.Calendar, assessed []*assess.Result, sr Answerers) (*Result, diag.List) {
	return (*Memo)(nil).Compute(set, cal, assessed, sr)
}

// A Memo keeps what each unit's targets file gave from one Compute to
// the next, for the versions of notices, which compute one commit's
// records after another's: most commits change no targets file, and a
// unit's indicators, score and the file's mistakes are read from the
// file alone. What the rest of the records give (groups, vetoes, ranks,
// grades) is worked out every time.
//
// A file is known by its record's Version, as record.Series hands it on:
// a record that did not change keeps its Version, though it is gathered
// again as a copy when another unit's file changed, and one that changed
// has a new one. A Memo keeps only what the last Compute used. The nil
// Memo keeps nothing.
type Memo struct {
	// units are what each file gave: its unit's result without the
	// unit, its group and its vetoes.
	units reuse.Memo[record.Version, Unit]
	// scores are each person's annual scores, by what they are made
	// from (gradedKey).
	scores reuse.Memo[gradedKey, gradedScores]
}

// NewMemo returns an empty Memo.
func NewMemo() *Memo { return &Memo{} }

// scoreMemo is m's memo of annual scores; nil (keeping nothing) for the
// nil Memo.
func (m *Memo) scoreMemo() *reuse.Memo[gradedKey, gradedScores] {
	if m == nil {
		return nil
	}
	return &m.scores
}

// unitMemo is m's memo of files; nil (keeping nothing) for the nil Memo.
func (m *Memo) unitMemo() *reuse.Memo[record.Version, Unit] {
	if m == nil {
		return nil
	}
	return &m.units
}

// Compute is Compute, taking from m what each unchanged targets file
// gave.
func (m *Memo) Compute(set *record.Set, cal *calendar.Calendar, assessed []*assess.Result, sr Answerers) (*Result, diag.List) {
	defer m.unitMemo().Run()()
	defer m.scoreMemo().Run()()
	var errs diag.List
	r := &Result{}
	schemes := map[int]*record.TargetScheme{}
	for i := range set.Targets.Schemes {
		s := &set.Targets.Schemes[i]
		if s.Year == 0 {
			continue // reported by the decoder
		}
		checkFileYear(s.Node, s.Year, path.Base(s.Pos.File), "file name", &errs)
		if first, dup := schemes[s.Year]; dup {
			errs.Add(s.At("year"), "expected one target scheme for %d, found a second (first at %s)", s.Year, first.At("year"))
			continue
		}
		schemes[s.Year] = s
	}
	byYear := map[int][]*record.UnitTargets{}
	for i := range set.Targets.Units {
		u := &set.Targets.Units[i]
		if u.Year == 0 || u.Unit == "" {
			continue
		}
		checkFileYear(u.Node, u.Year, path.Base(path.Dir(u.Pos.File)), "folder name", &errs)
		if stem := stem(u.Pos.File); u.Pos.File != "" && stem != u.Unit {
			errs.Add(u.At("unit"), "expected unit %q as in the file name %s, found %q", stem, path.Base(u.Pos.File), u.Unit)
		}
		if schemes[u.Year] == nil {
			errs.Add(u.At("year"), "expected a target scheme for %d (records/targets/schemes/%d.yaml), found none", u.Year, u.Year)
			continue
		}
		byYear[u.Year] = append(byYear[u.Year], u)
	}
	years := make([]int, 0, len(schemes))
	for y := range schemes {
		years = append(years, y)
	}
	slices.Sort(years)
	for _, y := range years {
		r.Years = append(r.Years, m.computeYear(set, cal, sr, schemes[y], byYear[y], &errs))
	}
	r.Grades = m.computeGrades(set, cal, assessed, r.Years, &errs)
	errs.Sort()
	return r, errs
}

// Year returns the year's target assessment, or nil.
func (r *Result) Year(y int) *Year {
	for _, x := range r.Years {
		if x.Year == y {
			return x
		}
	}
	return nil
}

func stem(file string) string {
	return strings.TrimSuffix(strings.TrimSuffix(path.Base(file), ".yaml"), ".yml")
}

// checkFileYear reports a record whose year differs from its file's or
// folder's name.
func checkFileYear(n record.Node, year int, name, what string, errs *diag.List) {
	if n.Pos.File == "" {
		return
	}
	s := stem(name)
	y, err := strconv.Atoi(s)
	switch {
	case err != nil:
		errs.Add(n.At("year"), "expected a %s naming the year (%d), found %s", what, year, name)
	case y != year:
		errs.Add(n.At("year"), "expected year %d as in the %s %s, found %d", y, what, name, year)
	}
}

func (m *Memo) computeYear(set *record.Set, cal *calendar.Calendar, sr Answerers, s *record.TargetScheme, files []*record.UnitTargets, errs *diag.List) *Year {
	y := &Year{Year: s.Year, Scheme: s, Final: !s.Issued.IsZero()}
	checkScheme(s, errs)
	y.Vetoes = vetoes(set, sr, s, s.Year)

	groupOf := map[string]*Group{}
	order := map[string]int{} // unit id → place in the scheme
	for i := range s.Groups {
		g := &Group{Name: s.Groups[i].Name, Rec: &s.Groups[i]}
		y.Groups = append(y.Groups, g)
		for _, id := range g.Rec.Units {
			if id == "" || set.Unit(id) == nil {
				continue // reported by the decoder
			}
			if other, dup := groupOf[id]; dup {
				errs.Add(g.Rec.At("units"), "expected each unit in one group, found %s in %s and %s", set.Unit(id).Name, other.Name, g.Name)
				continue
			}
			groupOf[id] = g
			order[id] = len(order)
		}
	}

	seen := make(map[string]*record.UnitTargets, len(files))
	for _, f := range files {
		if first, dup := seen[f.Unit]; dup {
			errs.Add(f.At("unit"), "expected one targets file for %s in %d, found a second (first at %s)", f.Unit, f.Year, first.At("unit"))
			continue
		}
		seen[f.Unit] = f
		g := groupOf[f.Unit]
		unit := set.Unit(f.Unit)
		if unit == nil {
			continue // reported by the decoder
		}
		if g == nil {
			errs.Add(f.At("unit"), "expected a unit of a group of the %d scheme (%s), found %s", s.Year, groupNames(y.Groups), unit.Name)
			continue
		}
		u := m.computeUnit(f, unit, y, errs)
		u.Group = g
		g.Units = append(g.Units, u)
	}
	for _, g := range y.Groups {
		for _, id := range g.Rec.Units {
			if _, ok := seen[id]; !ok && groupOf[id] == g {
				errs.Add(g.Rec.At("units"), "expected a targets file for %s (records/targets/%d/%s.yaml), found none", set.Unit(id).Name, s.Year, id)
			}
		}
		slices.SortFunc(g.Units, func(a, b *Unit) int { return cmp.Compare(order[a.Unit.ID], order[b.Unit.ID]) })
		g.Columns = columns(g.Units)
		if y.Final {
			for _, u := range g.Units {
				if !u.Reported && u.Rec.Reported.IsZero() && !anyFigures(u.Rec) {
					errs.Add(u.Rec.At("reported"), "expected the figures of %s reported before the results were posted on %s, found none", u.Unit.Name, s.Issued)
				}
				if !u.Rec.Through.IsZero() {
					errs.Add(u.Rec.At("through"), "expected the whole year's figures for the results posted on %s, found figures through %s", s.Issued, u.Rec.Through)
				}
			}
			rank(g, s)
		}
	}
	if y.Final {
		y.Notice = notice(set, cal, s.Title, s.Issued, s.Number, s.Notice, s.Publicity)
		y.Notice.Title = set.Township.Name + strconv.Itoa(s.Year) + "年度目标管理责任考核结果公示"
		y.Notice.ID = NoticeID(s.Year)
		if s.Has("result") {
			y.Notice.Result = &s.Result
		}
	}
	return y
}

func anyFigures(f *record.UnitTargets) bool {
	for i := range f.Indicators {
		if f.Indicators[i].Figures() {
			return true
		}
	}
	return false
}

func groupNames(gs []*Group) string {
	var ns []string
	for _, g := range gs {
		ns = append(ns, g.Name)
	}
	return strings.Join(ns, "、")
}

func checkScheme(s *record.TargetScheme, errs *diag.List) {
	for i := 1; i < len(s.Grades); i++ {
		if g, prev := s.Grades[i], s.Grades[i-1]; !g.Min.LessThan(prev.Min) {
			errs.Add(g.At("min"), "expected grades from the highest score down, %s below %s's %s, found %s", g.Name, prev.Name, prev.Min, g.Min)
		}
	}
	if n := len(s.Grades); n > 0 && !s.Grades[n-1].Min.IsZero() {
		errs.Add(s.Grades[n-1].At("min"), "expected the last grade's min to be 0, so that every score has a grade, found %s", s.Grades[n-1].Min)
	}
	if !s.Issued.IsZero() {
		if strings.TrimSpace(s.Notice) == "" {
			errs.Add(s.At("issued"), "expected the notice's text (notice) for results posted on %s, found none", s.Issued)
		}
		if s.Issued.Year <= s.Year {
			errs.Add(s.At("issued"), "expected the results posted after the year ends on %d-12-31, found %s", s.Year, s.Issued)
		}
		if strings.TrimSpace(s.Number) == "" {
			errs.Add(s.At("issued"), "expected the notice's number (number) for results posted on %s, found none; 公示须有文号", s.Issued)
		}
	}
}

// computeUnit checks a unit's targets and works them out.
func (m *Memo) computeUnit(f *record.UnitTargets, unit *record.Unit, y *Year, errs *diag.List) *Unit {
	memo := m.unitMemo()
	if f.Version().IsZero() {
		memo = nil // a record not decoded: nothing tells it apart
	}
	kept := memo.Get(f.Version(), errs, func() Unit { return *fromFile(f, errs) })
	u := new(*kept)         // a copy: ranked and graded for this Compute
	u.Unit, u.Rec = unit, f // the file as this Compute's records have it
	for _, v := range y.Vetoes {
		if v.vetoes(unit) {
			u.Vetoes = append(u.Vetoes, v)
		}
	}
	return u
}

// fromFile checks a unit's targets file and works out what it gives on
// its own: the indicators and the score.
func fromFile(f *record.UnitTargets, errs *diag.List) *Unit {
	u := &Unit{Rec: f}
	reported := !f.Reported.IsZero()
	if reported && f.Reported.Year < f.Year {
		errs.Add(f.At("reported"), "expected figures reported in or after %d, found %s", f.Year, f.Reported)
	}
	if !f.Through.IsZero() && f.Through.Year != f.Year {
		errs.Add(f.At("through"), "expected a day of %d, found %s", f.Year, f.Through)
	}
	sum := decimal.Zero
	weights := make([]decimal.Decimal, 0, len(f.Indicators)) // for the message when they do not add up
	codes := map[string]diag.Pos{}
	good := reported
	for i := range f.Indicators {
		in := &f.Indicators[i]
		if in.Code != "" {
			if first, dup := codes[in.Code]; dup {
				errs.Add(in.At("code"), "expected each indicator code once, found %q again (first at line %d)", in.Code, first.Line)
				good = false
				continue
			}
			codes[in.Code] = in.At("code")
		}
		sum = sum.Add(in.Weight)
		weights = append(weights, in.Weight)
		ok := checkIndicator(in, f.Reported, errs)
		good = good && ok
		u.Indicators = append(u.Indicators, compute(in, ok && reported && in.Figures()))
	}
	if len(f.Indicators) > 0 && !sum.Equal(decimal.NewFromInt(100)) {
		parts := make([]string, len(weights))
		for i, w := range weights {
			parts[i] = trim(w)
		}
		errs.Add(f.At("indicators"), "expected indicator weights adding up to 100, found %s (%s)", trim(sum), strings.Join(parts, " + "))
	}
	u.Reported = good && len(u.Indicators) > 0
	if u.Reported {
		for _, x := range u.Indicators {
			u.Score = u.Score.Add(x.Points)
		}
	}
	return u
}

// columns lists the group's indicators by code in order of first
// appearance.
func columns(units []*Unit) []Column {
	var cols []Column
	at := map[string]int{}
	for _, u := range units {
		for _, x := range u.Indicators {
			c := x.Rec.Code
			if c == "" {
				continue
			}
			if i, ok := at[c]; ok {
				if !cols[i].Weight.Equal(x.Weight) {
					cols[i].Weight = decimal.Zero
				}
				continue
			}
			at[c] = len(cols)
			cols = append(cols, Column{Code: c, Name: x.Rec.Name, Weight: x.Weight})
		}
	}
	return cols
}

// rank orders a group's units: reported, not vetoed units by score (equal
// scores share a rank, the next is skipped), then vetoed units, then units
// whose figures are missing, each in the scheme's order.
func rank(g *Group, s *record.TargetScheme) {
	class := func(u *Unit) int {
		switch {
		case !u.Reported:
			return 2
		case u.Vetoed():
			return 1
		}
		return 0
	}
	slices.SortStableFunc(g.Units, func(a, b *Unit) int {
		if c := cmp.Compare(class(a), class(b)); c != 0 {
			return c
		}
		if class(a) == 0 {
			return b.Score.Cmp(a.Score)
		}
		return 0
	})
	ranked := 0
	for _, u := range g.Units {
		if class(u) == 0 {
			ranked++
		}
	}
	for i, u := range g.Units {
		if class(u) != 0 {
			continue
		}
		u.Rank, u.Of = i+1, ranked
		if i > 0 && g.Units[i-1].Score.Equal(u.Score) {
			u.Rank = g.Units[i-1].Rank
		}
		u.Grade = gradeOf(s, u.Score)
	}
}

func gradeOf(s *record.TargetScheme, score decimal.Decimal) string {
	for _, g := range s.Grades {
		if !score.LessThan(g.Min) {
			return g.Name
		}
	}
	return ""
}

// notice fills the parts of a notice common to the results and grades.
func notice(set *record.Set, cal *calendar.Calendar, title string, issued record.Date, number, text string, p record.Publicity) Notice {
	t := set.Township
	n := Notice{Title: title, Text: text, Number: number, Organ: t.Organ, Issued: issued, Objection: t.Objection}
	days := DefaultWorkingDays
	for _, d := range []int{p.WorkingDays, t.Publicity.WorkingDays} {
		if d > 0 {
			days = d
			break
		}
	}
	countFirst := t.Publicity.CountFirstDay
	if p.Has("count_first_day") {
		countFirst = p.CountFirstDay
	}
	if cal != nil && !issued.IsZero() {
		n.Period = cal.WorkingDays(issued, days, countFirst)
	}
	return n
}
