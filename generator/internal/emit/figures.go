package emit

import (
	"strconv"
	"strings"

	"gongshi/generator/internal/figures"
	"gongshi/generator/internal/record"
)

// The figures pages (年度数据), all under content/figures/, and the
// summaries under content/summaries/:
//
//	figures/_index                 the years, their domains and summaries
//	figures/YEAR/_index            a year: its domains and summaries
//	figures/YEAR/DOMAIN/_index     every figure of the domain, by group
//	figures/YEAR/DOMAIN/GROUP      the records each figure of a group counts,
//	                               a section per figure; its change history
//	                               is theirs
//	summaries/ID                   a summary filled in, each figure a link
//	                               to its records
//
// Every page dispatches on params.view to layouts/_partials/figures/.

func figuresPath(year int) string { return "/figures/" + strconv.Itoa(year) }
func domainPath(year int, d *figures.Domain) string {
	return figuresPath(year) + "/" + d.Slug
}
func groupPath(year int, d *figures.Domain, g *figures.Group) string {
	return domainPath(year, d) + "/" + g.Slug
}
func summaryPath(id string) string { return "/summaries/" + id }

// figureAnchor is where a figure's records are listed on its group's page.
func figureAnchor(i int) string { return "f" + strconv.Itoa(i+1) }

type figureView struct {
	Name    string `json:"name"`
	Title   string `json:"title"`
	Value   string `json:"value,omitempty"`
	Unit    string `json:"unit,omitempty"`
	Note    string `json:"note,omitempty"`
	Missing bool   `json:"missing,omitempty"`
	Count   int    `json:"count"`
	Path    string `json:"path,omitempty"`   // its records: the group's page …
	Anchor  string `json:"anchor,omitempty"` // … and its section there
}

// A recordRun is a run of a figure's records, one after another, that
// link the same page (Path; none when empty): their rows of the table
// figures/records.html prints, written here as HTML (recordRow). A
// county's figures count 295,671 records in 100,751 runs on 1,013 pages,
// and a row printed by the template, its label and its detail escaped
// and the page it links looked up, cost more than the rest of its page:
// the template looks each page up once and links the rows of its runs.
// Each label of a run with a page is in <a>…</a>, which the template
// makes a link to the page (<a href="…">), or drops when there is no
// such page; escaped text holds no "<", so nothing else can be taken
// for it.
type recordRun struct {
	Path string `json:"path,omitempty"`
	HTML part   `json:"html"`
}

// recordRow writes the row of a record of a figure, as
// figures/records.html printed it: its label, a link to path when there
// is one, and its detail.
func recordRow(b *strings.Builder, label, detail, path string) {
	b.WriteString("\n    <tr><th scope=\"row\">")
	if path != "" {
		b.WriteString("<a>")
	}
	writeText(b, label)
	if path != "" {
		b.WriteString("</a>")
	}
	b.WriteString("</th><td data-label=\"说明\">")
	writeText(b, detail)
	b.WriteString("</td></tr>")
}

// recordRuns returns the runs of the records a figure counts.
func (e *figuresEmitter) recordRuns(refs []figures.Ref) []recordRun {
	runs := []recordRun{}
	var b strings.Builder
	for i, ref := range refs {
		path := e.refPath(ref)
		if i > 0 && path != runs[len(runs)-1].Path {
			runs[len(runs)-1].HTML = part(b.String())
			b.Reset()
		}
		if b.Len() == 0 {
			runs = append(runs, recordRun{Path: path})
		}
		recordRow(&b, ref.Label, ref.Detail, path)
	}
	if len(runs) > 0 {
		runs[len(runs)-1].HTML = part(b.String())
	}
	return runs
}

type figureGroupView struct {
	Title   string       `json:"title"`
	Slug    string       `json:"slug"`
	Path    string       `json:"path"`
	Figures []figureView `json:"figures"`
}

type domainPage struct {
	View    string            `json:"view"`
	Year    int               `json:"year"`
	Running bool              `json:"running,omitempty"`
	End     string            `json:"end"`
	Doc     string            `json:"doc,omitempty"`
	Groups  []figureGroupView `json:"groups"`
}

type groupFigure struct {
	figureView
	Runs []recordRun `json:"runs"` // its records (Count), in rows
}

type groupPage struct {
	View    string        `json:"view"`
	Year    int           `json:"year"`
	Domain  string        `json:"domain"`
	Figures []groupFigure `json:"figures"`
}

type domainLink struct {
	Title string `json:"title"`
	Path  string `json:"path"`
	Count int    `json:"count"`
}

type summaryLink struct {
	Title string `json:"title"`
	Path  string `json:"path"`
	Year  int    `json:"year"`
}

type yearView struct {
	Year      int           `json:"year"`
	Path      string        `json:"path"`
	Running   bool          `json:"running,omitempty"`
	End       string        `json:"end"`
	Domains   []domainLink  `json:"domains"`
	Summaries []summaryLink `json:"summaries,omitempty"`
}

type figuresIndex struct {
	View  string     `json:"view"`
	Years []yearView `json:"years"`
}

type partView struct {
	Text    string `json:"text,omitempty"`
	Name    string `json:"name,omitempty"` // a figure: its name and how it shows
	Title   string `json:"title,omitempty"`
	Value   string `json:"value,omitempty"`
	Unit    string `json:"unit,omitempty"`
	Note    string `json:"note,omitempty"`
	Missing bool   `json:"missing,omitempty"`
	Path    string `json:"path,omitempty"`
	Anchor  string `json:"anchor,omitempty"`
}

type paraView struct {
	Level int        `json:"level,omitempty"`
	Parts []partView `json:"parts"`
}

type summaryPage struct {
	View    string       `json:"view"`
	Year    int          `json:"year"`
	Organ   string       `json:"organ"`
	Through string       `json:"through,omitempty"` // 截至…, said once for a year still running
	Date    string       `json:"date,omitempty"`
	Number  string       `json:"number,omitempty"`
	Paras   []paraView   `json:"paras"`
	Cited   []figureView `json:"cited"`
	Partial []figureView `json:"partial,omitempty"`
	Data    []dataView   `json:"data,omitempty"`
	Figures string       `json:"figures"` // the year's figures page
}

type dataView struct {
	Name     string `json:"name"`
	Title    string `json:"title"`
	Value    string `json:"value"`
	Unit     string `json:"unit"`
	Evidence string `json:"evidence"`
}

// figuresEmitter places every figure on its group's page.
type figuresEmitter struct {
	w     *writer
	in    Input
	where map[*figures.Figure]figureView // each figure as linked to its records
}

func emitFigures(w *writer, in Input) {
	r := in.Figures
	if r == nil || len(r.Years) == 0 {
		return
	}
	e := &figuresEmitter{w: w, in: in, where: map[*figures.Figure]figureView{}}
	var index figuresIndex
	index.View = "index"
	byYear := map[int][]summaryLink{}
	for _, s := range r.Summaries {
		byYear[s.Rec.Year] = append(byYear[s.Rec.Year], summaryLink{Title: s.Rec.Title, Path: summaryPath(s.Rec.ID), Year: s.Rec.Year})
	}
	for i := len(r.Years) - 1; i >= 0; i-- { // newest first
		y := r.Years[i]
		yv := yearView{Year: y.Year, Path: figuresPath(y.Year), Running: y.Running, End: y.End.Chinese(), Summaries: byYear[y.Year]}
		for _, d := range y.Domains {
			e.domain(y, d)
			yv.Domains = append(yv.Domains, domainLink{Title: d.Title, Path: domainPath(y.Year, d), Count: len(d.Figures())})
		}
		title := strconv.Itoa(y.Year) + "年度数据"
		summary := "本年度各项统计数字，每个数字都列出它统计的档案记录。"
		if y.Running {
			summary = "截至" + y.End.Chinese() + "的本年度各项统计数字，每个数字都列出它统计的档案记录。"
		}
		w.page("content"+figuresPath(y.Year)+"/_index.md", Front{Title: title, LinkTitle: strconv.Itoa(y.Year) + "年", Weight: 3000 - y.Year, Type: "figures", Summary: summary,
			Params: struct {
				View string `json:"view"`
				yearView
			}{"year", yv}}, "")
		index.Years = append(index.Years, yv)
	}
	for _, s := range r.Summaries {
		e.summary(s)
	}
	w.page("content/figures/_index.md", Front{Title: "年度数据", LinkTitle: "数据", Weight: 28, Type: "figures",
		Summary: "年终总结、年度报告引用的每一个数字：由档案记录计算，列出所统计的每一条记录和它们的变更记录。", Params: index}, "")
	if len(r.Summaries) > 0 {
		w.page("content/summaries/_index.md", Front{Title: "工作总结", Weight: 29, Type: "figures",
			Summary: "年度工作总结和报告：文中的数字由档案记录计算填入，点击数字可查看它统计的记录。",
			Params: struct {
				View      string        `json:"view"`
				Summaries []summaryLink `json:"summaries"`
			}{"summaries", summaryLinks(r.Summaries)}}, "")
	}
}

func summaryLinks(ss []*figures.Summary) []summaryLink {
	var out []summaryLink
	for _, s := range ss {
		out = append(out, summaryLink{Title: s.Rec.Title, Path: summaryPath(s.Rec.ID), Year: s.Rec.Year})
	}
	return out
}

// domain emits a domain's page and a page per group listing its figures'
// records.
func (e *figuresEmitter) domain(y *figures.Year, d *figures.Domain) {
	pg := domainPage{View: "domain", Year: y.Year, Running: y.Running, End: y.End.Chinese()}
	for _, dd := range figures.Domains {
		if dd.Name == d.Name {
			pg.Doc = dd.Doc
		}
	}
	for _, g := range d.Groups {
		path := groupPath(y.Year, d, g)
		gv := figureGroupView{Title: g.Title, Slug: g.Slug, Path: path}
		gp := groupPage{View: "records", Year: y.Year, Domain: d.Title}
		ss := sourceSet{}
		for i, f := range g.Figures {
			v := viewOf(f)
			v.Anchor = figureAnchor(i)
			v.Path = path
			e.where[f] = v
			gv.Figures = append(gv.Figures, v)
			gf := groupFigure{figureView: v, Runs: e.recordRuns(f.Records)}
			for _, ref := range f.Records {
				ss.add(ref.File, ref.Kind, ref.ID)
			}
			gp.Figures = append(gp.Figures, gf)
		}
		pg.Groups = append(pg.Groups, gv)
		e.w.page("content"+path+".md", Front{
			Title:     strconv.Itoa(y.Year) + "年" + d.Title + "：" + g.Title,
			LinkTitle: g.Title,
			Type:      "figures",
			Summary:   "每个数字统计的档案记录，逐条列出。",
			Sources:   ss.list(),
			Params:    gp,
		}, "")
	}
	title := strconv.Itoa(y.Year) + "年" + d.Title + "数据"
	e.w.page("content"+domainPath(y.Year, d)+"/_index.md", Front{
		Title: title, LinkTitle: d.Title, Type: "figures",
		Summary: "年终总结引用的" + d.Title + "各项数字，每个数字链接到它统计的记录。",
		Params:  pg,
	}, "")
}

func viewOf(f *figures.Figure) figureView {
	v := figureView{Name: f.Name, Title: f.Title, Unit: f.Unit, Note: f.Note, Missing: f.Missing, Count: len(f.Records)}
	if !f.Missing {
		v.Value = f.Value.Text
	}
	return v
}

// refPath is the page that shows a record a figure counts; its row
// shows the label alone where there is no such page.
func (e *figuresEmitter) refPath(ref figures.Ref) string {
	switch ref.Kind {
	case kindHazard:
		return "/safety/hazards"
	case kindNotice:
		return "/safety/notices"
	case kindAgreement:
		return safetyAgreementPath(ref.ID)
	case kindObject:
		return safetyObjectPath(ref.ID)
	case kindAccident:
		if ref.Subject != "" {
			return safetyObjectPath(ref.Subject)
		}
		return "/safety"
	case kindReports:
		return "/safety/reports"
	case kindLicences:
		return "/safety/licences"
	case kindAssessQuarters:
		if q, err := record.ParseQuarter(ref.Subject); err == nil {
			return assessNoticePath(q)
		}
	case kindTargetUnits, "unit":
		return targetUnitPath(ref.Subject)
	case kindTargetScheme:
		return "/targets"
	case "summary":
		return summaryPath(ref.ID)
	}
	return ""
}

// summary emits a summary filled in: each figure links to its records.
func (e *figuresEmitter) summary(s *figures.Summary) {
	rec := s.Rec
	pg := summaryPage{View: "summary", Year: rec.Year, Organ: s.Organ, Through: s.Through(), Date: rec.Date.Chinese(), Number: rec.Number,
		Figures: figuresPath(rec.Year), Paras: []paraView{}, Cited: []figureView{}}
	ss := sourceSet{}
	ss.add(rec.Pos.File, "summary", rec.ID)
	data := map[*figures.Figure]bool{}
	for _, f := range s.Data {
		data[f] = true
		pg.Data = append(pg.Data, dataView{Name: f.Name, Title: f.Title, Value: f.Value.Text, Unit: f.Unit, Evidence: f.Records[0].Detail})
	}
	for _, p := range s.Paras {
		pv := paraView{Level: p.Level}
		for _, part := range p.Parts {
			if part.Figure == nil {
				pv.Parts = append(pv.Parts, partView{Text: part.Text})
				continue
			}
			f := part.Figure
			v, ok := e.where[f]
			switch {
			case data[f]:
				v = viewOf(f)
				v.Anchor = "data"
			case !ok: // 截至: a figure of no domain, counting no record
				v = viewOf(f)
			}
			pv.Parts = append(pv.Parts, partView{Name: f.Name, Title: f.Title, Value: v.Value, Unit: part.Unit, Note: part.Note, Missing: f.Missing, Path: v.Path, Anchor: v.Anchor})
		}
		pg.Paras = append(pg.Paras, pv)
	}
	for _, f := range s.Cited {
		v, ok := e.where[f]
		if !ok {
			v = viewOf(f)
			if data[f] {
				v.Anchor = "data"
			}
		}
		pg.Cited = append(pg.Cited, v)
		for _, ref := range f.Records {
			ss.add(ref.File, ref.Kind, ref.ID)
		}
	}
	for _, f := range s.Partial() {
		v := e.where[f]
		if data[f] {
			v = viewOf(f)
		}
		v.Note = s.Own(f)
		pg.Partial = append(pg.Partial, v)
	}
	e.w.page("content"+summaryPath(rec.ID)+".md", Front{
		Title:   rec.Title,
		Type:    "figures",
		Date:    rec.Date.String(),
		Summary: "文中的数字由档案记录计算填入，点击数字可查看它统计的记录。",
		Sources: ss.list(),
		Params:  pg,
	}, "")
}
