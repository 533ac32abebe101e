package emit

import (
	"cmp"
	"fmt"
	"math/big"
	"slices"
	"strconv"
	"strings"

	"gongshi/generator/internal/diagram"
	"gongshi/generator/internal/record"
	"gongshi/generator/internal/targets"
)

// The target-assessment pages: each year's unit results notice (units ×
// indicators, ranks, vetoes), a page per unit with its figures year by
// year and their trend, each year's annual grades notice, and for each
// person graded a one-page result letter (年度考核结果通知书) to print and
// hand over.

func targetsNoticePath(year int) string { return "/notices/" + targets.NoticeID(year) }
func gradesNoticePath(year int) string  { return "/notices/" + targets.GradesNoticeID(year) }
func targetUnitPath(id string) string   { return "/targets/" + id }
func letterPath(year int, id string) string {
	return "/letters/" + strconv.Itoa(year) + "-" + id
}

// Record kinds as record.Key names them, for Sources: a file holding one
// record without an id is named by its file alone.
const (
	kindTargetScheme   = "target-scheme"
	kindTargetUnits    = "target-units"
	kindAnnualGrades   = "annual-grades"
	kindAssessQuarters = "assess-quarters"
)

// accidentAnchor is where a vetoing accident is described on the results
// notice and on the unit's page.
func accidentAnchor(id string) string { return "accident-" + id }

type targetCell struct {
	Shown    string `json:"shown,omitempty"`
	Points   string `json:"points,omitempty"`
	Achieved bool   `json:"achieved,omitempty"`
	None     bool   `json:"none,omitempty"` // the unit has no such indicator
}

type targetColumn struct {
	Code   string `json:"code"`
	Name   string `json:"name"`
	Weight string `json:"weight,omitempty"`
}

type targetRow struct {
	Unit   unitRef      `json:"unit"`
	Cells  []targetCell `json:"cells"`
	Score  string       `json:"score,omitempty"`
	Rank   int          `json:"rank,omitempty"`
	Of     int          `json:"of,omitempty"`
	Grade  string       `json:"grade,omitempty"`
	Vetoes []vetoRef    `json:"vetoes,omitempty"`
	// Through is the day a progress report of an unfinished year runs to.
	Through string `json:"through,omitempty"`
}

type vetoRef struct {
	ID     string `json:"id"`
	Anchor string `json:"anchor"`
	Date   string `json:"date"`
	Reason string `json:"reason"`
}

type targetGroup struct {
	Name    string         `json:"name"`
	Columns []targetColumn `json:"columns"`
	Rows    []targetRow    `json:"rows"`
}

type vetoView struct {
	ID         string `json:"id"`
	Anchor     string `json:"anchor"`
	Date       string `json:"date"`
	DateCN     string `json:"date_cn"`
	Level      string `json:"level"`
	Casualties string `json:"casualties,omitempty"`
	Summary    string `json:"summary"`
	Report     string `json:"report,omitempty"`
	// Object is the supervised object it happened at; its safety page
	// lists the accident.
	Object     *unitRef  `json:"object,omitempty"`
	Units      []unitRef `json:"units"`
	Answerable []string  `json:"answerable,omitempty"` // 包村领导 吴芳
	Basis      string    `json:"basis"`
}

type targetsNotice struct {
	Notice notice        `json:"notice"`
	Year   int           `json:"year"`
	Groups []targetGroup `json:"groups"`
	Vetoes []vetoView    `json:"vetoes,omitempty"`
	Rules  []rule        `json:"rules"`
}

type targetIndicatorView struct {
	Code     string `json:"code"`
	Name     string `json:"name"`
	Kind     string `json:"kind"`
	Target   string `json:"target"`
	Weight   string `json:"weight"`
	Scoring  string `json:"scoring"`
	Figures  string `json:"figures,omitempty"` // 688 / 729
	Shown    string `json:"shown,omitempty"`
	Achieved bool   `json:"achieved,omitempty"`
	Reported bool   `json:"reported,omitempty"`
	Points   string `json:"points,omitempty"`
	Describe string `json:"describe"`
	Evidence string `json:"evidence,omitempty"`
	Note     string `json:"note,omitempty"`
}

type targetYearView struct {
	Year     int                   `json:"year"`
	Final    bool                  `json:"final,omitempty"`
	Notice   string                `json:"notice,omitempty"`
	Group    string                `json:"group"`
	Basis    string                `json:"basis,omitempty"`
	Reported string                `json:"reported,omitempty"`
	Through  string                `json:"through,omitempty"`
	Score    string                `json:"score,omitempty"`
	Rank     int                   `json:"rank,omitempty"`
	Of       int                   `json:"of,omitempty"`
	Grade    string                `json:"grade,omitempty"`
	Vetoes   []vetoView            `json:"vetoes,omitempty"`
	Items    []targetIndicatorView `json:"items"`
}

type trendView struct {
	Code string      `json:"code"`
	Name string      `json:"name"`
	SVG  part        `json:"svg"`
	Rows [][2]string `json:"rows"` // the figures year by year, shown on a phone instead
}

type targetUnitPage struct {
	Unit   unitRef          `json:"unit"`
	Years  []targetYearView `json:"years"`
	Trends []trendView      `json:"trends,omitempty"`
	Rules  []string         `json:"rules"`
}

type gradeRow struct {
	Person   personRef `json:"person"`
	Letter   string    `json:"letter"`
	Posts    string    `json:"posts"`
	Quarters []string  `json:"quarters"` // the score counted per quarter; "" when not assessed
	Score    string    `json:"score"`
	Position int       `json:"position"`
	Grade    string    `json:"grade"`
	Notes    []string  `json:"notes,omitempty"`
	Twice    bool      `json:"twice,omitempty"`
}

type quarterRef struct {
	Name   string `json:"name"`
	Notice string `json:"notice"`
}

type gradeCount struct {
	Grade string `json:"grade"`
	Count int    `json:"count"`
}

type gradesNotice struct {
	Notice   notice       `json:"notice"`
	Year     int          `json:"year"`
	Quarters []quarterRef `json:"quarters"`
	Rows     []gradeRow   `json:"rows"`
	Counts   []gradeCount `json:"counts"`
	Assessed int          `json:"assessed"`
	Places   int          `json:"places"`
	Rules    []rule       `json:"rules"`
}

type letterQuarter struct {
	Quarter   string `json:"quarter"`
	Notice    string `json:"notice"`
	Base      string `json:"base"`
	Bonus     string `json:"bonus"`
	Total     string `json:"total"`
	Qualified bool   `json:"qualified"`
}

type letterPage struct {
	Person    personRef       `json:"person"`
	Year      int             `json:"year"`
	Title     string          `json:"title"`
	Number    string          `json:"number,omitempty"`
	Organ     string          `json:"organ"`
	Committee string          `json:"committee"`
	Decided   string          `json:"decided,omitempty"`
	Issued    string          `json:"issued,omitempty"`
	Posts     string          `json:"posts"`
	Grade     string          `json:"grade"`
	Score     string          `json:"score"`
	ScoreRule string          `json:"score_rule"`
	Position  int             `json:"position"`
	Assessed  int             `json:"assessed"`
	Places    int             `json:"places"`
	Quarters  []letterQuarter `json:"quarters"`
	Basis     []string        `json:"basis"`
	Notice    string          `json:"notice,omitempty"`
	Review    []string        `json:"review"`
	Letter    []string        `json:"letter,omitempty"`
	Twice     bool            `json:"twice,omitempty"`
}

type targetsIndexYear struct {
	Year    int           `json:"year"`
	Final   bool          `json:"final,omitempty"`
	Notice  string        `json:"notice,omitempty"`
	Title   string        `json:"title"`
	Status  *status       `json:"status,omitempty"`
	Through string        `json:"through,omitempty"`
	Groups  []targetGroup `json:"groups"`
}

type gradesIndexYear struct {
	Year    int          `json:"year"`
	Notice  string       `json:"notice,omitempty"`
	Title   string       `json:"title"`
	Status  *status      `json:"status,omitempty"`
	Counts  []gradeCount `json:"counts"`
	Letters []personRef  `json:"letters"`
}

type targetsIndex struct {
	Years  []targetsIndexYear `json:"years"`
	Grades []gradesIndexYear  `json:"grades,omitempty"`
	Units  []unitRef          `json:"units"`
}

func emitTargets(w *writer, in Input) {
	r := in.Targets
	if r == nil || (len(r.Years) == 0 && len(r.Grades) == 0) {
		return
	}
	set := in.Set
	var index targetsIndex
	unitYears := map[string][]*targets.Unit{}
	var unitOrder []string
	// The years' results make the index, the notices and the units'
	// pages; the versions of letters and of the grades' notices, which a
	// county's past commits are asked for most, need none of them.
	years := r.Years
	if !w.wants("content/targets/") && !w.wants("content/notices/targets-") {
		years = nil
	}
	for _, y := range years {
		sources := []Source{{File: y.Scheme.Pos.File, Kind: "target-scheme", ID: strconv.Itoa(y.Year)}}
		var groups []targetGroup
		for _, g := range y.Groups {
			groups = append(groups, groupView(g, y.Final))
			for _, u := range g.Units {
				sources = append(sources, Source{File: u.Rec.Pos.File, Kind: kindTargetUnits})
				if _, seen := unitYears[u.Unit.ID]; !seen {
					unitOrder = append(unitOrder, u.Unit.ID)
				}
				unitYears[u.Unit.ID] = append(unitYears[u.Unit.ID], u)
			}
		}
		sources = append(sources, accidentSources(y.Vetoes)...)
		row := targetsIndexYear{Year: y.Year, Final: y.Final, Groups: groups, Title: strconv.Itoa(y.Year) + "年度"}
		if !y.Final {
			row.Through = latestThrough(y)
		}
		if y.Final {
			n := newNotice(in, noticeOf{id: y.Notice.ID, kind: "目标考核", layout: "targets", issued: y.Notice.Issued, number: y.Notice.Number,
				basis: schemeBasis(y.Scheme.Title, y.Scheme.Basis, y.Scheme.Group), period: y.Notice.Period, text: y.Notice.Text})
			page := targetsNotice{Notice: n, Year: y.Year, Groups: groups, Rules: targetRules(targets.Rules(y.Scheme))}
			for _, v := range y.Vetoes {
				page.Vetoes = append(page.Vetoes, vetoViewOf(set, v))
			}
			w.page("content"+targetsNoticePath(y.Year)+".md", Front{
				Title: y.Notice.Title, Date: y.Notice.Issued.String(), Origin: y.Scheme.At("issued"),
				Summary:   strconv.Itoa(y.Year) + "年度村（社区）、学校、卫生院等单位目标管理责任考核得分、排名和一票否决情况。",
				Sources:   sources,
				Versioned: true,
				Params:    page,
			}, "")
			row.Notice, row.Title, row.Status = targetsNoticePath(y.Year), y.Notice.Title, &n.Status
		}
		index.Years = append(index.Years, row)
	}
	slices.Reverse(index.Years)

	// A page per unit, its years newest first (none when only versions
	// of other pages are asked for).
	if !w.wants("content" + targetUnitPath("")) {
		unitOrder = nil
	}
	for _, id := range unitOrder {
		us := unitYears[id]
		u := us[0].Unit
		ref := unitRef{ID: id, Name: u.Name, Path: targetUnitPath(id)}
		index.Units = append(index.Units, ref)
		var figureRules []string
		for _, r := range targets.FigureRules() {
			figureRules = append(figureRules, r.Text)
		}
		page := targetUnitPage{Unit: unitRef{ID: id, Name: u.Name, Path: unitPath(id)}, Rules: figureRules}
		sources := []Source{sourceOf("unit", id, u.Node)}
		for _, tu := range us {
			y := r.Year(tu.Rec.Year)
			page.Years = append(page.Years, unitYearView(set, y, tu))
			sources = append(sources, Source{File: tu.Rec.Pos.File, Kind: kindTargetUnits},
				Source{File: y.Scheme.Pos.File, Kind: kindTargetScheme})
			sources = append(sources, accidentSources(tu.Vetoes)...)
		}
		slices.Reverse(page.Years)
		page.Trends = trends(id, us)
		w.page("content"+targetUnitPath(id)+".md", Front{
			Title:   u.Name + "目标考核",
			Summary: "各年度考核指标、目标、完成数、得分和佐证材料，以及逐年变化。",
			Sources: sources,
			Params:  page,
		}, "")
	}

	for _, g := range r.Grades {
		emitGrades(w, in, g, &index)
	}
	slices.Reverse(index.Grades)

	var indexSources, letterSources []Source
	for _, y := range r.Years {
		indexSources = append(indexSources, Source{File: y.Scheme.Pos.File, Kind: kindTargetScheme})
		for _, g := range y.Groups {
			for _, u := range g.Units {
				indexSources = append(indexSources, Source{File: u.Rec.Pos.File, Kind: kindTargetUnits})
			}
		}
		indexSources = append(indexSources, accidentSources(y.Vetoes)...)
	}
	for _, g := range r.Grades {
		letterSources = append(letterSources, Source{File: g.Rec.Pos.File, Kind: kindAnnualGrades})
	}
	indexSources = append(indexSources, letterSources...)
	w.page("content/targets/_index.md", Front{
		Title: "目标考核", Weight: 25, Sources: indexSources,
		Summary: "各单位年度目标管理责任考核结果、一票否决情况，以及机关工作人员年度考核等次。",
		Params:  index,
	}, "")
	if len(r.Grades) > 0 {
		w.pageWithFeed("content/letters/_index.md", Front{
			Title: "年度考核结果通知书", Weight: 26, Sources: letterSources,
			Summary: "每位机关工作人员的年度考核结果通知书，可单独打印（A4 一页）。",
			Params:  &lettersList{Years: index.Grades},
		})
	}
}

func latestThrough(y *targets.Year) string {
	var latest record.Date
	for _, g := range y.Groups {
		for _, u := range g.Units {
			d := u.Rec.Through
			if d.IsZero() {
				d = u.Rec.Reported
			}
			if d.After(latest) {
				latest = d
			}
		}
	}
	return latest.Chinese()
}

func accidentSources(vs []*targets.Veto) []Source {
	var out []Source
	for _, v := range vs {
		s := Source{File: v.Accident.Pos.File, Kind: kindAccident, ID: v.Accident.ID}
		if !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}

func groupView(g *targets.Group, final bool) targetGroup {
	tg := targetGroup{Name: g.Name}
	for _, c := range g.Columns {
		col := targetColumn{Code: c.Code, Name: c.Name}
		if c.Weight.IsPositive() {
			col.Weight = c.Weight.String()
		}
		tg.Columns = append(tg.Columns, col)
	}
	for _, u := range g.Units {
		row := targetRow{Unit: unitRef{ID: u.Unit.ID, Name: shortName(u.Unit), Path: targetUnitPath(u.Unit.ID)}}
		for _, c := range g.Columns {
			x := u.Indicator(c.Code)
			switch {
			case x == nil:
				row.Cells = append(row.Cells, targetCell{None: true})
			case !x.Figures:
				row.Cells = append(row.Cells, targetCell{})
			default:
				row.Cells = append(row.Cells, targetCell{Shown: x.Shown, Points: x.Points.String(), Achieved: x.Achieved})
			}
		}
		if u.Reported {
			row.Score = u.Score.String()
		}
		if final {
			row.Rank, row.Of, row.Grade = u.Rank, u.Of, u.Grade
		} else if u.Reported {
			row.Through = u.Rec.Through.Chinese()
		}
		for _, v := range u.Vetoes {
			row.Vetoes = append(row.Vetoes, vetoRef{ID: v.Accident.ID, Anchor: accidentAnchor(v.Accident.ID), Date: v.Accident.Date.String(), Reason: v.Reason()})
		}
		tg.Rows = append(tg.Rows, row)
	}
	return tg
}

// shortName is how notices name a village or community: 河西村, not
// 河西村村民委员会.
func shortName(u *record.Unit) string {
	for _, suffix := range []string{"村民委员会", "居民委员会"} {
		if n, ok := strings.CutSuffix(u.Name, suffix); ok && n != "" {
			return n
		}
	}
	return u.Name
}

func vetoViewOf(set *record.Set, v *targets.Veto) vetoView {
	a := v.Accident
	vv := vetoView{
		ID: a.ID, Anchor: accidentAnchor(a.ID), Date: a.Date.String(), DateCN: a.Date.Chinese(),
		Level: a.Level, Casualties: targets.Casualties(a), Summary: a.Summary, Report: a.Report, Basis: v.Basis,
	}
	if o := v.Object; o != nil {
		vv.Object = &unitRef{ID: o.ID, Name: o.Name, Path: safetyObjectPath(o.ID)}
	}
	for _, u := range v.Units {
		vv.Units = append(vv.Units, unitRef{ID: u.ID, Name: u.Name, Path: targetUnitPath(u.ID)})
	}
	for _, an := range v.Answerable {
		s := an.Role + " " + an.Person.Name
		if v.Object == nil {
			s = an.Object.Name + s
		}
		if !slices.Contains(vv.Answerable, s) {
			vv.Answerable = append(vv.Answerable, s)
		}
	}
	return vv
}

// schemeBasis is what an annual notice is made under: the scheme and the
// body that assessed.
func schemeBasis(title, basis, group string) string {
	b := "《" + strings.Trim(title, "《》") + "》"
	if basis != "" {
		b += "（" + basis + "）"
	}
	if group != "" {
		b += "；" + group + "考核"
	}
	return b
}

func unitYearView(set *record.Set, y *targets.Year, u *targets.Unit) targetYearView {
	v := targetYearView{Year: y.Year, Final: y.Final, Group: u.Group.Name, Basis: u.Rec.Basis,
		Reported: u.Rec.Reported.Chinese(), Through: u.Rec.Through.Chinese()}
	if y.Final {
		v.Notice = targetsNoticePath(y.Year)
		v.Rank, v.Of, v.Grade = u.Rank, u.Of, u.Grade
	}
	if u.Reported {
		v.Score = u.Score.String()
	}
	for _, veto := range u.Vetoes {
		v.Vetoes = append(v.Vetoes, vetoViewOf(set, veto))
	}
	for _, x := range u.Indicators {
		in := x.Rec
		iv := targetIndicatorView{
			Code: in.Code, Name: in.Name, Kind: in.Kind, Target: x.TargetShown, Weight: x.Weight.String(),
			Scoring: scoringWords(x), Describe: x.Describe(), Evidence: in.Evidence, Note: in.Note,
		}
		if x.Figures {
			iv.Reported, iv.Shown, iv.Achieved, iv.Points = true, x.Shown, x.Achieved, x.Points.String()
			if in.Kind == record.IndicatorRate {
				iv.Figures = fmt.Sprintf("%s %s ÷ %s %s", in.NumeratorName, in.Numerator, in.DenominatorName, in.Denominator)
			}
		}
		v.Items = append(v.Items, iv)
	}
	return v
}

func scoringWords(x *targets.Indicator) string {
	if x.Linear {
		floor := x.Rec.Floor.String()
		if x.Rec.Kind == record.IndicatorRate {
			floor += "%"
		} else {
			floor += x.Rec.Unit
		}
		return "按比例（保底值" + floor + "）"
	}
	return "达标得满分"
}

// trends draws, for each indicator with figures in some year (but yes/no
// ones), its figure year by year.
func trends(unitID string, us []*targets.Unit) []trendView {
	type series struct {
		code, name string
		percent    bool
		bars       []diagram.YearBar
	}
	var all []*series
	by := map[string]*series{}
	for _, u := range us {
		for _, x := range u.Indicators {
			in := x.Rec
			if in.Kind == record.IndicatorYesNo || in.Code == "" {
				continue
			}
			s := by[in.Code]
			if s == nil {
				s = &series{code: in.Code, name: in.Name, percent: in.Kind == record.IndicatorRate}
				by[in.Code] = s
				all = append(all, s)
			}
			s.name = in.Name // the latest year's wording
			b := diagram.YearBar{Label: strconv.Itoa(u.Rec.Year) + "年", Achieved: x.Achieved}
			scale := big.NewRat(1, 1)
			if s.percent {
				scale = big.NewRat(100, 1)
			}
			b.Target = new(big.Rat).Mul(x.Target, scale)
			if x.Figures {
				b.Value, b.Text = new(big.Rat).Mul(x.Value, scale), x.Shown
				b.Mark = "未达标"
				if x.Achieved {
					b.Mark = "达标"
				}
				if t := u.Rec.Through; !t.IsZero() {
					b.Mark = fmt.Sprintf("截至%d月%d日", t.Month, t.Day)
				}
			}
			s.bars = append(s.bars, b)
		}
	}
	var out []trendView
	for _, s := range all {
		// A chart of nothing but zeros (no accident, year after year)
		// says no more than the table.
		drawn := false
		for _, b := range s.bars {
			drawn = drawn || (b.Value != nil && (b.Value.Sign() != 0 || b.Target.Sign() != 0))
		}
		if !drawn {
			continue
		}
		t := diagram.Trend{ID: "trend-" + unitID + "-" + strings.ToLower(s.code), Title: s.name, Percent: s.percent, Bars: s.bars,
			Desc: "逐年完成情况：" + describeBars(s.bars)}
		var rows [][2]string
		for _, b := range s.bars {
			rows = append(rows, [2]string{b.Label, cmp.Or(b.Text, "未报送")})
		}
		out = append(out, trendView{Code: s.code, Name: s.name, SVG: part(t.SVG()), Rows: rows})
	}
	return out
}

func describeBars(bs []diagram.YearBar) string {
	var parts []string
	for _, b := range bs {
		t := b.Text
		if t == "" {
			t = "未报送"
		}
		parts = append(parts, b.Label+" "+t)
	}
	return strings.Join(parts, "，")
}

// emitGrades writes a year's grades notice and everyone's letter.
func emitGrades(w *writer, in Input, g *targets.Grades, index *targetsIndex) {
	set, rec := in.Set, g.Rec
	year := strconv.Itoa(g.Year)
	// The notice and the letters have versions: when Versioned asks for
	// some, the table of a notice not asked for is not made, nor
	// anything of a year none of whose pages are.
	all := w.keep == nil
	table := all || !rec.Issued.IsZero() && w.wantsPage("content"+gradesNoticePath(g.Year)+".md")
	if !table && !w.wants("content"+letterPath(g.Year, "")) {
		return
	}
	sources := []Source{{File: rec.Pos.File, Kind: kindAnnualGrades}}
	for _, q := range g.Quarters {
		sources = append(sources, Source{File: q.Record.Pos.File, Kind: kindAssessQuarters})
	}
	sources = append(sources, accidentSources(g.Vetoes)...)

	rules := targetRules(g.Rules())
	page := gradesNotice{Year: g.Year, Assessed: len(g.People), Places: g.Places, Rules: rules}
	for _, q := range g.Quarters {
		page.Quarters = append(page.Quarters, quarterRef{Name: quarterShort(q.Quarter), Notice: assessNoticePath(q.Quarter)})
	}
	counts := map[string]int{}
	if table {
		for _, p := range g.People {
			row := gradeRow{
				Person:   personRef{ID: p.Person.ID, Name: p.Person.Name, Path: letterPath(g.Year, p.Person.ID)},
				Letter:   letterPath(g.Year, p.Person.ID),
				Posts:    strings.Join(p.Posts, "、"),
				Score:    p.ScoreShown(),
				Position: p.Position,
				Grade:    p.Grade,
				Notes:    notesOf(p),
				Twice:    p.Twice,
			}
			for _, a := range p.Quarters {
				if a == nil {
					row.Quarters = append(row.Quarters, "")
					continue
				}
				row.Quarters = append(row.Quarters, g.ScoreKind().Of(a).String())
			}
			page.Rows = append(page.Rows, row)
			counts[p.Grade]++
		}
	}
	for _, name := range record.AnnualGradeNames {
		page.Counts = append(page.Counts, gradeCount{Grade: name, Count: counts[name]})
	}
	ix := gradesIndexYear{Year: g.Year, Title: year + "年度机关工作人员年度考核", Counts: page.Counts}
	if table && !rec.Issued.IsZero() {
		basis := rec.Basis
		if rec.Committee != "" {
			basis += "；" + rec.Committee
			if !rec.Decided.IsZero() {
				basis += rec.Decided.Chinese()
			}
			basis += "研究确定"
		}
		n := newNotice(in, noticeOf{id: g.Notice.ID, kind: "年度考核", layout: "grades", issued: g.Notice.Issued, number: g.Notice.Number,
			basis: basis, period: g.Notice.Period, text: g.Notice.Text})
		page.Notice = n
		w.page("content"+gradesNoticePath(g.Year)+".md", Front{
			Title: g.Notice.Title, Date: g.Notice.Issued.String(), Origin: rec.At("issued"),
			Summary:   year + "年度机关工作人员年度考核等次：优秀名额、确定办法和每个人的年度得分。",
			Sources:   sources,
			Versioned: true,
			Params:    page,
		}, "")
		ix.Notice, ix.Title, ix.Status = gradesNoticePath(g.Year), g.Notice.Title, &n.Status
	}
	// Letters in the order of the people register.
	order := map[string]int{}
	for i := range set.People {
		order[set.People[i].ID] = i
	}
	people := slices.Clone(g.People)
	slices.SortFunc(people, func(a, b *targets.Graded) int { return cmp.Compare(order[a.Person.ID], order[b.Person.ID]) })
	ix.Letters = nil
	for _, p := range people {
		ix.Letters = append(ix.Letters, personRef{ID: p.Person.ID, Name: p.Person.Name, Path: letterPath(g.Year, p.Person.ID)})
		if w.wantsPage("content" + letterPath(g.Year, p.Person.ID) + ".md") {
			emitLetter(w, in, g, p, rules, sources)
		}
	}
	index.Grades = append(index.Grades, ix)
}

func quarterShort(q record.Quarter) string {
	return "第" + []string{"", "一", "二", "三", "四"}[q.Q] + "季度"
}

func notesOf(p *targets.Graded) []string {
	var notes []string
	notes = append(notes, p.Barred...)
	if p.Tie != "" {
		notes = append(notes, p.Tie)
	}
	if n := p.Assessed(); n < 4 {
		notes = append(notes, fmt.Sprintf("参加%d个季度考核，按%d个季度平均", n, n))
	}
	if p.Twice {
		notes = append(notes, "连续两年年度考核不称职")
	}
	return notes
}

func emitLetter(w *writer, in Input, g *targets.Grades, p *targets.Graded, rules []rule, gradeSources []Source) {
	set, rec := in.Set, g.Rec
	page := letterPage{
		Person:    personRef{ID: p.Person.ID, Name: p.Person.Name, Path: personPath(p.Person.ID)},
		Year:      g.Year,
		Title:     set.Township.Name + strconv.Itoa(g.Year) + "年度考核结果通知书",
		Number:    rec.Number,
		Organ:     set.Township.Organ,
		Committee: rec.Committee,
		Decided:   rec.Decided.Chinese(),
		Issued:    rec.Issued.Chinese(),
		Posts:     strings.Join(p.Posts, "、"),
		Grade:     p.Grade,
		Score:     p.ScoreShown(),
		ScoreRule: ruleNamed(rules, "年度得分"),
		Position:  p.Position,
		Assessed:  len(g.People),
		Places:    g.Places,
		Review:    paragraphs(rec.Review),
		Letter:    paragraphs(rec.Letter),
		Twice:     p.Twice,
	}
	if !rec.Issued.IsZero() {
		page.Notice = gradesNoticePath(g.Year)
	}
	for i, a := range p.Quarters {
		if a == nil {
			continue
		}
		q := g.Quarters[i].Quarter
		page.Quarters = append(page.Quarters, letterQuarter{
			Quarter: quarterShort(q), Notice: assessNoticePath(q),
			Base: a.Base.String(), Bonus: a.Bonus.Score.String(), Total: a.Total.String(), Qualified: a.Qualified,
		})
	}
	basis := []string{fmt.Sprintf("年度得分 %s 分，在参加考核的 %d 人中列第 %d 位；优秀名额 %d 名。", p.ScoreShown(), len(g.People), p.Position, g.Places)}
	switch p.Grade {
	case record.GradeExcellent:
		basis = append(basis, "年度得分在符合优秀条件的人员中列优秀名额之内，评为优秀。")
	case record.GradeCompetent:
		if len(p.Barred) == 0 {
			basis = append(basis, fmt.Sprintf("年度得分不低于称职分数线 %s 分，未进入优秀名额，定为称职。", rec.Competent))
		} else {
			basis = append(basis, fmt.Sprintf("年度得分不低于称职分数线 %s 分，定为称职。", rec.Competent))
		}
	case record.GradeBasic:
		basis = append(basis, fmt.Sprintf("年度得分低于称职分数线 %s 分、不低于基本称职分数线 %s 分，定为基本称职。", rec.Competent, rec.Basic))
	case record.GradeIncompetent:
		basis = append(basis, fmt.Sprintf("年度得分低于基本称职分数线 %s 分，定为不称职。", rec.Basic))
	}
	for _, b := range p.Barred {
		basis = append(basis, "未评为优秀的原因："+b+"。")
	}
	if p.Tie != "" {
		basis = append(basis, p.Tie+"。")
	}
	if p.Twice {
		basis = append(basis, "上一年度考核亦为不称职，已连续两年不称职（《公务员法》第八十八条）。")
	}
	page.Basis = basis

	sources := slices.Clone(gradeSources)
	sources = append(sources, sourceOf("person", p.Person.ID, p.Person.Node))
	w.page("content"+letterPath(g.Year, p.Person.ID)+".md", Front{
		Title:     p.Person.Name + "同志" + strconv.Itoa(g.Year) + "年度考核结果通知书",
		Date:      rec.Issued.String(),
		Summary:   strconv.Itoa(g.Year) + "年度考核等次、依据和复核申诉途径。",
		Sources:   sources,
		Versioned: true,
		Params:    page,
	}, "")
}

// ruleNamed is the text of the rule of that name, "" when there is none.
func ruleNamed(rs []rule, name string) string {
	for _, r := range rs {
		if r.Name == name {
			return r.Text
		}
	}
	return ""
}

// lettersList is the letters' list page: the letters by year, and the feed
// of letters (one entry per person and year).
type lettersList struct {
	Years []gradesIndexYear `json:"years"`
	Feed  []feedEntry       `json:"feed,omitempty"`
}

func (l *lettersList) setFeed(es []feedEntry) { l.Feed = es }
