package emit

import (
	"cmp"
	"fmt"
	"slices"

	"gongshi/generator/internal/diag"
	"gongshi/generator/internal/record"
)

type partyView struct {
	Name string `json:"name"`
	Path string `json:"path,omitempty"`
	// Signers are who signed for a post or an object (As: 签订人), or
	// who received a notice for it (As: 负责人).
	Signers []holderView `json:"signers,omitempty"`
	As      string       `json:"as,omitempty"`
}

type agreementRow struct {
	ID      string       `json:"id"`
	Name    string       `json:"name"`
	Path    string       `json:"path"`
	Kind    string       `json:"kind"`
	Level   int          `json:"level"`
	A       partyView    `json:"a"`
	B       partyView    `json:"b"`
	Signed  string       `json:"signed"`
	Contact []holderView `json:"contact,omitempty"`
}

// party names one side of an agreement, or the addressee of a notice, and
// who signed for it or answers for it on day.
func (e *safetyEmitter) party(p record.Party, day record.Date, as string, ss sourceSet) partyView {
	switch {
	case p.Unit != "":
		u := e.unitRef(p.Unit)
		return partyView{Name: u.Name, Path: u.Path}
	case p.Post != "":
		v := partyView{Name: p.Post, As: as}
		if post := e.s.Post(p.Post); post != nil {
			v.Name = post.Title
		}
		for _, in := range e.r.Signers(p, day) {
			v.Signers = append(v.Signers, holderView{Name: in.Name, Path: e.personLink(in.Person)})
			if ss != nil {
				e.addPerson(ss, in.Person)
			}
		}
		return v
	case p.Person != "":
		if per := e.s.Person(p.Person); per != nil {
			return partyView{Name: per.Name, Path: e.personLink(per)}
		}
		return partyView{Name: p.Person}
	case p.Object != "":
		o := e.r.Object(p.Object)
		if o == nil {
			return partyView{Name: p.Object}
		}
		v := partyView{Name: o.Rec.Name, Path: safetyObjectPath(o.Rec.ID), As: as}
		for _, in := range e.r.Signers(p, day) {
			v.Signers = append(v.Signers, holderView{Name: in.Name, Path: e.personLink(in.Person)})
		}
		return v
	}
	return partyView{}
}

func (e *safetyEmitter) agreementRow(a *record.Agreement, ss sourceSet) agreementRow {
	row := agreementRow{
		ID: a.ID, Name: a.Name, Path: safetyAgreementPath(a.ID), Kind: a.Kind, Level: a.Level,
		A: e.party(a.A, a.Signed, "签订人", ss), B: e.party(a.B, a.Signed, "签订人", ss), Signed: a.Signed.String(),
	}
	if !a.Contact.IsZero() {
		for _, in := range e.r.HoldersOn(a.Contact, e.asOf) {
			h := holderView{Name: in.Name, Path: e.personLink(in.Person)}
			if p := e.s.Post(a.Contact.Post); p != nil {
				h.Post = p.Title
			}
			row.Contact = append(row.Contact, h)
		}
	}
	if ss != nil {
		ss.add(a.Pos.File, kindAgreement, a.ID)
	}
	return row
}

type agreementPage struct {
	View    string       `json:"view"`
	Row     agreementRow `json:"agreement"`
	Year    int          `json:"year"`
	Targets []string     `json:"targets"`
	Objects []objRef     `json:"objects,omitempty"`
	Note    string       `json:"note,omitempty"`
}

type agreementLevel struct {
	Level int            `json:"level"`
	Rows  []agreementRow `json:"rows"`
}

func (e *safetyEmitter) agreements() {
	r := e.r
	index := sourceSet{}
	var all []*record.Agreement
	for i := range e.s.Safety.Agreements {
		a := &e.s.Safety.Agreements[i]
		all = append(all, a)
		ss := sourceSet{}
		row := e.agreementRow(a, ss)
		index.add(a.Pos.File, kindAgreement, "")
		pg := agreementPage{View: "agreement", Row: row, Year: a.Year, Targets: a.Targets, Note: a.Note}
		ids := slices.Clone(a.Objects)
		for _, p := range []record.Party{a.A, a.B} {
			if p.Object != "" && !slices.Contains(ids, p.Object) {
				ids = append([]string{p.Object}, ids...)
			}
		}
		for _, id := range ids {
			if o := e.r.Object(id); o != nil {
				pg.Objects = append(pg.Objects, e.objRef(o))
				e.addObject(ss, o)
			}
		}
		e.w.page("content"+safetyAgreementPath(a.ID)+".md", Front{
			Title:   a.Name,
			Summary: fmt.Sprintf("%d年%s安全生产责任书：签订双方、目标任务和涵盖的监管对象。", a.Year, a.Kind),
			Sources: ss.list(),
			Params:  pg,
		}, "")
	}
	// The list: this year's agreements by level, then other years'.
	slices.SortStableFunc(all, func(x, y *record.Agreement) int {
		return cmp.Or(cmp.Compare(y.Year, x.Year), cmp.Compare(x.Level, y.Level),
			cmp.Compare(slices.Index(record.AgreementKinds, x.Kind), slices.Index(record.AgreementKinds, y.Kind)),
			x.Signed.Compare(y.Signed), cmp.Compare(x.ID, y.ID))
	})
	type yearGroup struct {
		Year   int              `json:"year"`
		Levels []agreementLevel `json:"levels"`
	}
	var years []yearGroup
	for _, a := range all {
		if len(years) == 0 || years[len(years)-1].Year != a.Year {
			years = append(years, yearGroup{Year: a.Year})
		}
		y := &years[len(years)-1]
		if len(y.Levels) == 0 || y.Levels[len(y.Levels)-1].Level != a.Level {
			y.Levels = append(y.Levels, agreementLevel{Level: a.Level})
		}
		l := &y.Levels[len(y.Levels)-1]
		l.Rows = append(l.Rows, e.agreementRow(a, nil))
	}
	used := links{}
	// The pyramid prints from the top of a page, under its heading.
	pyramid := treeView(pyramidTree(r, e.diagramLinks(used)), 240*mmPx, used)
	var gaps []gapRow
	for _, g := range r.Coverage.Missing {
		gaps = append(gaps, gapRow{Object: e.objRef(g.Object), Kind: g.Kind})
		e.addObject(index, g.Object)
	}
	for i := range e.s.Safety.Categories {
		c := &e.s.Safety.Categories[i]
		index.add(c.Pos.File, kindCategory, c.ID)
	}
	e.w.page("content/safety/agreements/_index.md", Front{
		Origin:  diag.Pos{File: record.Dir + "/safety/agreements/"}, // where its items come from
		Title:   "安全生产责任书",
		Weight:  30,
		Summary: "镇政府与村、企业、学校，镇长与分管领导，分管领导与站所，站所与船主、车主逐级签订的安全生产责任书，以及应签未签的清单。",
		Sources: index.list(),
		Params: struct {
			View     string      `json:"view"`
			Year     int         `json:"year"`
			Pyramid  svgView     `json:"pyramid"`
			Required int         `json:"required"`
			Covered  int         `json:"covered"`
			Missing  []gapRow    `json:"missing,omitempty"`
			Years    []yearGroup `json:"years"`
		}{"agreements", r.Year, pyramid, r.Coverage.Required, r.Coverage.Covered, gaps, years},
	}, "")
}

func (e *safetyEmitter) network() {
	ss := sourceSet{}
	for _, o := range e.r.Objects {
		if o.Active {
			e.addObject(ss, o)
			e.addLeads(ss, o)
		}
	}
	used := links{}
	// The network prints under the page's title, intro and date.
	network := treeView(networkTree(e.r, e.diagramLinks(used)), 190*mmPx, used)
	e.w.page("content/safety/network.md", Front{
		Title:   "安全生产监管责任网络图",
		Weight:  40,
		Summary: "从镇人民政府到每位包保领导、监管站所和每个监管对象：谁监管谁，一目了然。",
		Sources: ss.list(),
		Params: struct {
			View    string  `json:"view"`
			Diagram svgView `json:"diagram"`
		}{"network", network},
	}, "")
}
