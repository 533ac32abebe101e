package emit

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"

	"gongshi/generator/internal/assess"
	"gongshi/generator/internal/diagram"
	"gongshi/generator/internal/record"
	"gongshi/generator/internal/targets"
)

// The performance-assessment pages: one notice per quarter (the table the
// township posts), a page per person showing every point gained or lost
// and the evidence for it, and the section listing both.

type assessColumn struct {
	Code string `json:"code"`
	Name string `json:"name"`
	Max  string `json:"max"`
}

type assessRow struct {
	Person    personRef `json:"person"`
	Posts     string    `json:"posts"`
	Scores    []string  `json:"scores"` // in the order of the columns
	Bonus     string    `json:"bonus"`
	Base      string    `json:"base"`
	Total     string    `json:"total"`
	Qualified bool      `json:"qualified"`
	Months    int       `json:"months"`
	Pay       string    `json:"pay"`
	Due       string    `json:"due,omitempty"` // before scaling, when scaled
}

// assessCells writes the cells of a row of a quarter's notice after the
// person's name, as notice/assess.html printed them: its posts, a score
// for each of the columns, base, bonus and total, the result against the
// pass mark (passOn ≥ passMark) and the pay, escaped as Go's html/template
// escapes text and attribute values (writeText). The county's notices
// and their versions list tens of thousands of people, and a cell
// printed by the template, its column's name looked up for its label,
// cost more than the rest of the page.
func assessCells(r *assessRow, columns []assessColumn, passOn, passMark string) string {
	var b strings.Builder
	cell := func(class, label, text string) {
		b.WriteString(`<td class="` + class + `" data-label="`)
		writeText(&b, label)
		b.WriteString(`">`)
		writeText(&b, text)
		b.WriteString("</td>")
	}
	cell("posts", "岗位", r.Posts)
	for j, s := range r.Scores {
		b.WriteString("\n      ")
		name := ""
		if j < len(columns) { // a score of each column
			name = columns[j].Name
		}
		cell("num", name, s)
	}
	for _, c := range [][2]string{{"基础分", r.Base}, {"加分", r.Bonus}, {"总分", r.Total}} {
		b.WriteString("\n      ")
		cell("num", c[0], c[1])
	}
	b.WriteString("\n      " + `<td class="result" data-label="结果（`)
	writeText(&b, passOn)
	b.WriteString("≥")
	writeText(&b, passMark)
	b.WriteString(`合格）">`)
	if r.Qualified {
		b.WriteString("合格")
	} else {
		b.WriteString("<strong>不合格</strong>")
	}
	if r.Months < 3 {
		b.WriteString("<br><small>计" + strconv.Itoa(r.Months) + "个月</small>")
	}
	b.WriteString(`</td>` + "\n      " + `<td class="num pay" data-label="绩效工资（元）">`)
	writeText(&b, r.Pay)
	if r.Due != "" {
		b.WriteString("<br><small>应发 ")
		writeText(&b, r.Due)
		b.WriteString("</small>")
	}
	b.WriteString("</td>")
	return b.String()
}

// assessTable names (Front.Cells) the table of a quarter's notice.
const assessTable = "assess"

// renderedRow is a row of a quarter's notice as the page's data gives
// it to the template (notice/assess.html): the person it links, whether
// they passed (the row's class), and the row's cells after the name,
// written by gongshi (assessCells).
type renderedRow struct {
	Person struct {
		Name string `json:"name"`
		Path string `json:"path,omitempty"`
	} `json:"person"`
	Qualified bool `json:"qualified,omitempty"`
	Cells     part `json:"cells"`
}

// renderedNotice is a quarter's notice as its page's data gives it to
// the template: its params, the rows as the template prints them
// (renderedRow).
type renderedNotice struct {
	assessNotice
	Rows []renderedRow `json:"rows"`
}

// renderedParams encodes the params of a page whose table's rows gongshi
// writes (Front.Cells names the table) as the page's data gives them to
// the template: the rows as it prints them (renderedRow) in place of the
// rows the page was emitted with, every other field as it was. The params
// are the emitter's (a version computed in this build) or their JSON
// (packed for the site's own page, or kept between builds): both give
// the same bytes.
//
// The rows are written so for the pages rendered — the notice and each
// of its versions — and not by the emitter: the versions pass emits a
// notice as each of hundreds of earlier commits gave it, to tell its
// versions apart and keep them, and cells written there (about 700
// bytes a row) cost that pass more than they saved the render. The
// fields a row was written from are what the comparison of versions
// reads; the template reads none of them, and decoding them for each of
// a notice's thousand rows was most of its page's data.
func renderedParams(table string, params any) ([]byte, error) {
	if table != assessTable {
		return nil, fmt.Errorf("no table %q has its rows written", table)
	}
	n, ok := params.(assessNotice)
	if !ok {
		var b []byte
		var err error
		if pp, packed := params.(packedParams); packed {
			b, err = pp.MarshalJSON()
		} else {
			b, err = encode(params)
		}
		if err == nil {
			err = json.Unmarshal(b, &n)
		}
		if err != nil {
			return nil, err
		}
	}
	r := renderedNotice{assessNotice: n, Rows: make([]renderedRow, len(n.Rows))}
	for i := range n.Rows {
		row := &n.Rows[i]
		r.Rows[i].Person.Name, r.Rows[i].Person.Path = row.Person.Name, row.Person.Path
		r.Rows[i].Qualified = row.Qualified
		r.Rows[i].Cells = part(assessCells(row, n.Columns, n.PassOn, n.PassMark))
	}
	return encode(r)
}

type assessSummary struct {
	Assessed    int    `json:"assessed"`
	Qualified   int    `json:"qualified"`
	Unqualified int    `json:"unqualified"`
	Pool        string `json:"pool"`
	Due         string `json:"due"`
	Paid        string `json:"paid"`
	Balance     string `json:"balance"`
	Mean        string `json:"mean"`
	Highest     string `json:"highest"`
	Lowest      string `json:"lowest"`
	Scaled      bool   `json:"scaled,omitempty"`
}

// rule is one rule a notice prints in its 计发规则 block: made by the
// domain from the scheme the results were computed under.
type rule struct {
	Name string `json:"name"`
	Text string `json:"text"`
}

func assessRules(s *record.AssessScheme) []rule {
	var out []rule
	for _, r := range assess.Rules(s) {
		out = append(out, rule{r.Name, r.Text})
	}
	return out
}

func targetRules(rs []targets.Rule) []rule {
	var out []rule
	for _, r := range rs {
		out = append(out, rule{r.Name, r.Text})
	}
	return out
}

// chart is an SVG drawn at build time, inlined in the page, with its
// figures as a table: shrunk to a phone's width a chart's text is too
// small to read, and the table is shown there instead.
type chart struct {
	Title string      `json:"title"`
	SVG   part        `json:"svg"`
	Head  [2]string   `json:"head"`
	Rows  [][2]string `json:"rows"`
}

// chartRows are a bar chart's figures, a row a bar.
func chartRows(bs []diagram.Bar) [][2]string {
	rows := make([][2]string, 0, len(bs))
	for _, b := range bs {
		rows = append(rows, [2]string{b.Label, b.Text})
	}
	return rows
}

type assessNotice struct {
	Charts  []chart        `json:"charts"`
	Notice  notice         `json:"notice"`
	Quarter string         `json:"quarter"`
	Columns []assessColumn `json:"columns"`
	Rows    []assessRow    `json:"rows"`
	Summary assessSummary  `json:"summary"`
	// PassOn names the score the pass mark reads, PassMark the mark: the
	// table's 结果 column says it.
	PassOn   string `json:"pass_on"`
	PassMark string `json:"pass_mark"`
	Rules    []rule `json:"rules"`
}

// assessPersonPage is a person's results, newest quarter first.
type assessPersonPage struct {
	Person   personRef       `json:"person"`
	Quarters []assessQuarter `json:"quarters"`
}

// assessQuarter is a quarter of a person's results. The page's tables of
// the items scored and of the events counted are written by gongshi
// (scoreRows, eventRows), as assess/page.html printed them: a person's
// page lists every point of every quarter, and printed cell by cell the
// county's thousand pages of them cost more than most of its sections.
type assessQuarter struct {
	Quarter    string        `json:"quarter"`
	Title      string        `json:"title"`
	Notice     string        `json:"notice"` // content path of the quarter's notice
	Posts      string        `json:"posts"`
	Months     int           `json:"months"`
	Items      []assessScore `json:"-"`
	Bonus      assessScore   `json:"-"`
	BonusScore string        `json:"bonus_score"`
	Base       string        `json:"base"`
	Total      string        `json:"total"`
	Qualified  bool          `json:"qualified"`
	PassMark   string        `json:"pass_mark"`
	Pay        string        `json:"pay"`
	ScoreRows  part          `json:"score_rows"`           // the rows of the table of items, and of the bonus
	EventRows  part          `json:"event_rows,omitempty"` // the rows of the table of events, none without events
}

// scoreRows writes the rows of a quarter's table of items, and the
// bonus's row, as assess/page.html printed them, escaped as Go's
// html/template escapes text (writeText).
func scoreRows(q *assessQuarter) string {
	var b strings.Builder
	// row writes a row; the bonus's (lost nil) loses nothing: its cell
	// is empty, without the class of a number.
	row := func(name, max, score string, lost *string, basis string) {
		b.WriteString("\n      <tr>\n        <th scope=\"row\">")
		writeText(&b, name)
		b.WriteString("</th>\n        <td class=\"num\">")
		writeText(&b, max)
		b.WriteString("</td>\n        <td class=\"num\">")
		writeText(&b, score)
		b.WriteString("</td>\n        <td")
		if lost != nil {
			b.WriteString(` class="num">`)
			writeText(&b, *lost)
		} else {
			b.WriteString(">")
		}
		b.WriteString("</td>\n        <td>")
		b.WriteString(basis)
		b.WriteString("</td>\n      </tr>")
	}
	for i := range q.Items {
		it := &q.Items[i]
		row(it.Name, it.Max, it.Score, &it.Lost, reason(it, true, "无扣分记录，得满分", "；扣分超过满分的，按 0 分计"))
	}
	bonus := &q.Bonus
	row("加分", bonus.Max, bonus.Score, nil, reason(bonus, false, "无", "；超过上限的按上限计"))
	return b.String()
}

// reason writes the 依据 of a score, escaped: who decided it (and, with
// why, on what basis and with what note), or that the events below
// counted it, or else none; then clamped when the events went beyond the
// score's range.
func reason(s *assessScore, why bool, none, clamped string) string {
	var b strings.Builder
	switch {
	case s.Decided:
		b.WriteString("评定分：")
		writeText(&b, s.By)
		if why && s.Basis != "" {
			b.WriteString("，")
			writeText(&b, s.Basis)
		}
		if why && s.Note != "" {
			b.WriteString("。")
			writeText(&b, s.Note)
		}
	case len(s.Events) > 0:
		b.WriteString("按计分记录（见下）")
	default:
		b.WriteString(none)
	}
	if s.Clamped {
		b.WriteString(clamped)
	}
	return b.String()
}

// eventRows writes the rows of a quarter's table of the events counted,
// each item's then the bonus's, as assess/page.html printed them; ""
// when there are none (the page has no such table).
func eventRows(q *assessQuarter) string {
	var b strings.Builder
	write := func(item string, e *assessEvent) {
		b.WriteString("\n      <tr>\n        <td class=\"date\">")
		writeText(&b, e.Date)
		b.WriteString("</td>\n        <td>")
		writeText(&b, item)
		b.WriteString("</td>\n        <td>")
		writeText(&b, e.Indicator)
		b.WriteString(` <small class="muted">`)
		writeText(&b, e.Code)
		b.WriteString("</small></td>\n        <td class=\"num\">")
		writeText(&b, e.Count)
		b.WriteString(" ")
		writeText(&b, e.Unit)
		b.WriteString("</td>\n        <td class=\"num\">")
		writeText(&b, e.Points)
		b.WriteString("</td>\n        <td>")
		writeText(&b, e.Evidence)
		b.WriteString("</td>\n        <td>")
		writeText(&b, e.Note)
		b.WriteString("</td>\n      </tr>")
	}
	for i := range q.Items {
		for j := range q.Items[i].Events {
			write(q.Items[i].Name, &q.Items[i].Events[j])
		}
	}
	for j := range q.Bonus.Events {
		write("加分", &q.Bonus.Events[j])
	}
	return b.String()
}

type assessScore struct {
	Name    string        `json:"name"`
	Max     string        `json:"max"`
	Score   string        `json:"score"`
	Lost    string        `json:"lost,omitempty"`
	Decided bool          `json:"decided,omitempty"`
	By      string        `json:"by,omitempty"`
	Basis   string        `json:"basis,omitempty"`
	Note    string        `json:"note,omitempty"`
	Events  []assessEvent `json:"events,omitempty"`
	Clamped bool          `json:"clamped,omitempty"` // the events went beyond the item's range
}

type assessEvent struct {
	Date      string `json:"date"`
	Indicator string `json:"indicator"`
	Code      string `json:"code"`
	Count     string `json:"count"`
	Unit      string `json:"unit"`
	Points    string `json:"points"`
	Evidence  string `json:"evidence,omitempty"`
	Note      string `json:"note,omitempty"`
}

type assessIndex struct {
	Quarters []assessIndexRow `json:"quarters"`
	People   []personRef      `json:"people"`
}

type assessIndexRow struct {
	Charts  []chart       `json:"charts"`
	Quarter string        `json:"quarter"`
	Title   string        `json:"title"`
	Notice  string        `json:"notice"`
	Status  status        `json:"status"`
	Summary assessSummary `json:"summary"`
}

func assessNoticePath(q record.Quarter) string { return "/notices/" + assess.NoticeID(q) }

func assessPersonPath(id string) string { return "/assess/" + id }

// num formats points without trailing zeros: 28.5, 30. It gives what
// Decimal.String gives; points have a few digits and a county's notices
// show hundreds of thousands of them, so it formats those without big.Int.
func num(d decimal.Decimal) string {
	e := d.Exponent()
	if e > 0 || e < -9 || d.NumDigits() > 15 {
		return d.String()
	}
	c := d.CoefficientInt64()
	if e == 0 {
		return strconv.FormatInt(c, 10)
	}
	neg := c < 0
	if neg {
		c = -c
	}
	digits := strconv.FormatInt(c, 10)
	n := int(-e)
	whole, frac := "0", digits
	if len(digits) > n {
		whole, frac = digits[:len(digits)-n], digits[len(digits)-n:]
	} else {
		frac = strings.Repeat("0", n-len(digits)) + digits
	}
	out := whole
	if frac = strings.TrimRight(frac, "0"); frac != "" {
		out += "." + frac
	}
	if neg {
		out = "-" + out
	}
	return out
}

func emitAssess(w *writer, in Input) {
	if len(in.Assess) == 0 {
		return
	}
	type personResults struct {
		person *record.Person
		qs     []assessQuarter
	}
	byPerson := map[string]*personResults{}
	var index assessIndex
	// Only the quarters' notices have versions: when Versioned asks for
	// some, the rest (the other quarters' tables and charts, each
	// person's page, the index) is not made.
	all := w.keep == nil
	for _, r := range in.Assess {
		if !w.wantsPage("content/notices/" + r.Notice.ID + ".md") {
			continue
		}
		q := r.Quarter
		sources := []Source{
			{File: r.Record.Pos.File, Kind: "assess-quarter", ID: q.String()},
			{File: r.Scheme.Pos.File, Kind: "assess-scheme", ID: r.Scheme.ID},
		}
		n := newNotice(in, noticeOf{id: r.Notice.ID, kind: "绩效考核", layout: "assess", issued: r.Notice.Issued, number: r.Notice.Number,
			basis: assessBasis(r), period: r.Notice.Period, text: r.Notice.Text})
		n.Organ = r.Notice.Organ
		n.ReportTo = r.Notice.ReportTo
		page := assessNotice{
			Notice:   n,
			Quarter:  q.Chinese(),
			Summary:  summary(r),
			PassOn:   assess.PassOn(r.Scheme).String(),
			PassMark: num(r.Scheme.PassMark),
			Rules:    assessRules(r.Scheme),
			Charts:   assessCharts(r),
		}
		for _, it := range r.Items {
			page.Columns = append(page.Columns, assessColumn{Code: it.Code, Name: it.Name, Max: num(it.Max)})
		}
		for _, a := range r.People {
			row := assessRow{
				Person:    personRef{ID: a.Person.ID, Name: a.Person.Name, Path: assessPersonPath(a.Person.ID)},
				Posts:     strings.Join(a.Posts, "、"),
				Bonus:     num(a.Bonus.Score),
				Base:      num(a.Base),
				Total:     num(a.Total),
				Qualified: a.Qualified,
				Months:    a.Months,
				Pay:       a.Pay.String(),
			}
			if r.Scaled {
				row.Due = a.Due.String()
			}
			for _, s := range a.Items {
				row.Scores = append(row.Scores, num(s.Score))
			}
			page.Rows = append(page.Rows, row)
			if !all {
				continue
			}

			pr := byPerson[a.Person.ID]
			if pr == nil {
				pr = &personResults{person: a.Person}
				byPerson[a.Person.ID] = pr
			}
			pq := assessQuarter{
				Quarter: q.Chinese(), Title: n.Kind, Notice: assessNoticePath(q),
				Posts: row.Posts, Months: a.Months, Base: row.Base, Total: row.Total,
				Qualified: a.Qualified, PassMark: num(r.Scheme.PassMark), Pay: row.Pay,
				Bonus: score(a.Bonus),
			}
			for _, s := range a.Items {
				pq.Items = append(pq.Items, score(s))
			}
			pq.BonusScore = pq.Bonus.Score
			pq.ScoreRows, pq.EventRows = part(scoreRows(&pq)), part(eventRows(&pq))
			pr.qs = append(pr.qs, pq)
		}
		title := in.Set.Township.Name + q.Chinese() + "绩效考核结果公示"
		w.page("content/notices/"+r.Notice.ID+".md", Front{
			Title: title, Date: r.Notice.Issued.String(), Origin: r.Record.At("issued"),
			Summary:   q.Chinese() + "机关工作人员绩效考核得分、合格情况和绩效工资。",
			Sources:   sources,
			Versioned: true,
			Params:    page,
			Cells:     assessTable,
		}, "")
		index.Quarters = append(index.Quarters, assessIndexRow{Quarter: q.Chinese(), Title: title, Notice: assessNoticePath(q), Status: n.Status, Summary: page.Summary, Charts: page.Charts})
	}
	if !all {
		return
	}
	slices.Reverse(index.Quarters)

	ids := make([]string, 0, len(byPerson))
	for id := range byPerson {
		ids = append(ids, id)
	}
	// People in the order of the records (the directory's order), not of a
	// map.
	order := map[string]int{}
	for i := range in.Set.People {
		order[in.Set.People[i].ID] = i
	}
	slices.SortFunc(ids, func(a, b string) int { return order[a] - order[b] })
	for _, id := range ids {
		pr := byPerson[id]
		slices.Reverse(pr.qs)
		ref := personRef{ID: id, Name: pr.person.Name, Path: assessPersonPath(id)}
		index.People = append(index.People, ref)
		var sources []Source
		for _, r := range in.Assess {
			sources = append(sources, Source{File: r.Record.Pos.File, Kind: "assess-quarter", ID: r.Quarter.String(), Item: id})
		}
		sources = append(sources, sourceOf("person", id, pr.person.Node))
		w.page("content"+assessPersonPath(id)+".md", Front{
			Title:    pr.person.Name + "的绩效考核结果",
			Keywords: []string{pr.person.Name, "绩效考核"},
			Summary:  "每个季度的得分、绩效工资，以及每一项扣分、加分的事由和佐证材料。",
			Sources:  sources,
			Params:   assessPersonPage{Person: ref, Quarters: pr.qs},
		}, "")
	}
	w.page("content/assess/_index.md", Front{
		Title: "考核结果", Weight: 20,
		Summary: "机关工作人员季度绩效考核结果，以及每个人每一分的来由。",
		Params:  index,
	}, "")
}

func score(s assess.Score) assessScore {
	out := assessScore{Name: s.Item.Name, Max: num(s.Item.Max), Score: num(s.Score), Clamped: s.Clamped}
	if lost := s.Lost(); lost.IsPositive() {
		out.Lost = num(lost)
	}
	if s.Decided != nil {
		out.Decided, out.By, out.Basis, out.Note = true, s.By, s.Decided.Basis, s.Decided.Note
	}
	for _, e := range s.Events {
		out.Events = append(out.Events, assessEvent{
			Date: e.Date.String(), Indicator: e.Indicator.Name, Code: e.Indicator.Code,
			Count: num(e.Count), Unit: e.Indicator.Unit, Points: signed(e.Points),
			Evidence: e.Evidence, Note: e.Note,
		})
	}
	return out
}

func signed(d decimal.Decimal) string {
	if d.IsPositive() {
		return "+" + d.String()
	}
	return d.String()
}

func summary(r *assess.Result) assessSummary {
	return assessSummary{
		Assessed: r.Stats.Assessed, Qualified: r.Stats.Qualified, Unqualified: r.Stats.Unqualified,
		Pool: r.Pool.String(), Due: r.Due.String(), Paid: r.Paid.String(), Balance: r.Balance.String(),
		Mean: r.Stats.MeanPay.String(), Highest: r.Stats.HighestPay.String(), Lowest: r.Stats.LowestPay.String(),
		Scaled: r.Scaled,
	}
}

// assessBasis is what a quarter's notice is made under: the scheme, and
// who decided the scores.
func assessBasis(r *assess.Result) string {
	s := r.Scheme
	b := "《" + s.Title + "》"
	if s.Basis != "" {
		b += "（" + s.Basis + "）"
	}
	// decided_by names the group and its meeting, as a rule: 镇绩效考核
	// 领导小组（2026年4月1日会议）.
	if d := r.Record.DecidedBy; d != "" {
		return b + "；" + d + "评定"
	}
	return b + "；" + s.Group + "评定"
}

// scoreBands are the bands the distribution of total scores is drawn in:
// below the pass mark, then by tens and fives as results crowd.
var scoreBands = []struct {
	label  string
	lo, hi int64 // [lo, hi) in points; hi 0: no upper bound
}{
	{"80以下", 0, 80}, {"80–89.5", 80, 90}, {"90–94.5", 90, 95}, {"95–99.5", 95, 100},
	{"100–104.5", 100, 105}, {"105–109.5", 105, 110}, {"110以上", 110, 0},
}

// assessCharts draws a quarter's results: how the scores the pass mark
// applies to (the base score, or the total when the scheme says so) spread,
// and each person's pay against the mean.
func assessCharts(r *assess.Result) []chart {
	q := r.Quarter.Chinese()
	what := assess.PassOn(r.Scheme).String()
	bands := make([]diagram.Bar, len(scoreBands))
	for i, b := range scoreBands {
		bands[i].Label = b.label
		for _, a := range r.People {
			if x := r.PassScore(a); x.GreaterThanOrEqual(decimal.NewFromInt(b.lo)) && (b.hi == 0 || x.LessThan(decimal.NewFromInt(b.hi))) {
				bands[i].Value++
			}
		}
		bands[i].Text = strconv.FormatInt(bands[i].Value, 10)
		if b.hi != 0 && decimal.NewFromInt(b.hi).LessThanOrEqual(r.Scheme.PassMark) {
			bands[i].Class = "gs-low"
		}
	}
	dist := diagram.Bars{
		ID: "scores-" + strings.ToLower(r.Quarter.String()), Title: q + what + "分布（合格线 " + num(r.Scheme.PassMark) + " 分）", Vertical: true, Axis: "人",
		Desc: "各分数段人数：" + diagram.Describe(bands), Bars: bands,
	}
	var pay []diagram.Bar
	for _, a := range r.People {
		b := diagram.Bar{Label: a.Person.Name, Value: int64(a.Pay), Text: a.Pay.String()}
		if !a.Qualified {
			b.Class = "gs-low"
		}
		pay = append(pay, b)
	}
	payChart := diagram.Bars{
		ID: "pay-" + strings.ToLower(r.Quarter.String()), Title: q + "绩效工资", Axis: "元", Bars: pay,
		Desc: "每人绩效工资：" + diagram.Describe(pay),
		Line: &diagram.Bar{Label: "人均", Value: int64(r.Stats.MeanPay), Text: r.Stats.MeanPay.String()},
	}
	payRows := append(chartRows(pay), [2]string{"人均", r.Stats.MeanPay.String()})
	return []chart{
		{Title: dist.Title, SVG: part(dist.SVG()), Head: [2]string{what, "人数"}, Rows: chartRows(bands)},
		{Title: payChart.Title, SVG: part(payChart.SVG()), Head: [2]string{"姓名", "绩效工资（元）"}, Rows: payRows},
	}
}
