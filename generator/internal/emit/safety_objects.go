package emit

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"

	"gongshi/generator/internal/diag"
	"gongshi/generator/internal/record"
	"gongshi/generator/internal/safety"
)

// roleChange is one holder of a role during the year, or a gap.
type roleChange struct {
	Role   string `json:"role"`
	Name   string `json:"name"`
	Path   string `json:"path,omitempty"`
	Post   string `json:"post,omitempty"`
	From   string `json:"from,omitempty"`
	To     string `json:"to,omitempty"`
	Vacant bool   `json:"vacant,omitempty"`
}

// objectRow is an object in a list: by category, by village.
type objectRow struct {
	objRef
	Village  string       `json:"village,omitempty"`
	Location string       `json:"location"`
	Lead     string       `json:"lead,omitempty"` // the lead role's name
	Leads    []holderView `json:"leads,omitempty"`
	Active   bool         `json:"active"`
	State    string       `json:"state,omitempty"` // why not active
	Open     int          `json:"open,omitempty"`  // hazards not rectified
	Missing  []string     `json:"missing,omitempty"`
}

type safetyObjectPage struct {
	View       string         `json:"view"`
	Object     objRef         `json:"object"`
	Active     bool           `json:"active"`
	State      string         `json:"state,omitempty"`
	Facts      []fact         `json:"facts"`
	Note       string         `json:"note,omitempty"`
	Roles      []roleView     `json:"roles"`
	RolesOn    string         `json:"roles_on,omitempty"` // when Roles are of, if not the as-of day
	Changes    []roleChange   `json:"changes,omitempty"`
	Year       int            `json:"year"`
	ValidFrom  string         `json:"valid_from,omitempty"`
	Placards   []fact         `json:"placards,omitempty"`
	Agreements []agreementRow `json:"agreements,omitempty"`
	Required   []string       `json:"required,omitempty"`
	Missing    []string       `json:"missing,omitempty"`
	Hazards    []hazardRow    `json:"hazards,omitempty"`
	Notices    []noticeRow    `json:"notices,omitempty"`
	Licences   []licenceRow   `json:"licences,omitempty"`
	Unlicensed []string       `json:"unlicensed,omitempty"`
	Accidents  []accidentRow  `json:"accidents,omitempty"`
}

// changes lists, for each role that changed hands or stood vacant during
// the year, who held it and when; roles held by one person all year are
// left out.
func (e *safetyEmitter) changes(o *safety.Object, roles []*safety.Role) []roleChange {
	var out []roleChange
	for _, r := range roles {
		if len(r.Year) < 2 && len(r.Vacancies) == 0 {
			continue
		}
		var rows []roleChange
		for _, in := range r.Year {
			c := roleChange{Role: r.Name, Name: in.Name, Path: e.personLink(in.Person)}
			if r.Post != nil {
				c.Post = r.Post.Title
			}
			from, to := o.Tenure(in)
			c.From, c.To = from.String(), to.String()
			rows = append(rows, c)
		}
		for _, v := range r.Vacancies {
			rows = append(rows, roleChange{Role: r.Name, Name: "（空缺）", Vacant: true, From: v.From.String(), To: v.To.String()})
		}
		slices.SortStableFunc(rows, func(a, b roleChange) int { return cmp.Compare(a.From, b.From) })
		out = append(out, rows...)
	}
	return out
}

// state says why an object is not under supervision on the as-of date;
// "" when it is.
func (e *safetyEmitter) state(o *safety.Object) string {
	switch o.StateOn(e.asOf) {
	case safety.Ended:
		return fmt.Sprintf("%s起退出监管", o.Rec.To.AddDays(1).Chinese())
	case safety.Upcoming:
		return fmt.Sprintf("%s起纳入监管", o.Rec.From.Chinese())
	}
	return ""
}

func (e *safetyEmitter) objectRow(o *safety.Object) objectRow {
	row := objectRow{objRef: e.objRef(o), Location: o.Rec.Location, Active: o.Active, State: e.state(o), Missing: o.Missing}
	if o.Village != nil {
		row.Village = o.Village.Name
	}
	if o.Lead != nil && o.Active { // today's lead answers for no object out of supervision
		row.Lead = o.Lead.Name
		for _, in := range o.Lead.Now {
			row.Leads = append(row.Leads, holderView{Name: in.Name, Path: e.personLink(in.Person)})
		}
	}
	row.Open = o.OpenHazards()
	return row
}

func (e *safetyEmitter) object(o *safety.Object) {
	ss := sourceSet{}
	e.addObject(ss, o)
	rec := o.Rec
	roles, day := e.r.RolesShown(o)
	pg := safetyObjectPage{
		View: "object", Object: e.objRef(o), Active: o.Active, State: e.state(o), Note: rec.Note,
		Roles: e.roleViews(o, roles), Changes: e.changes(o, roles), Year: day.Year,
		Required: o.Required, Missing: o.Missing,
	}
	switch o.StateOn(e.asOf) {
	case safety.Ended:
		pg.RolesOn = fmt.Sprintf("退出监管前最后一天（%s）", day)
	case safety.Upcoming:
		pg.RolesOn = fmt.Sprintf("纳入监管之日（%s）", day)
	}
	pg.Facts = append(pg.Facts, fact{Label: "类别", Value: pg.Object.Category, Path: "/safety/objects"})
	if u := e.s.Unit(rec.Unit); u != nil {
		pg.Facts = append(pg.Facts, fact{Label: "所属单位", Value: u.Name, Path: unitPath(u.ID)})
		ss.add(u.Pos.File, "unit", u.ID)
	}
	if o.Village != nil && o.Village.ID != rec.Unit {
		pg.Facts = append(pg.Facts, fact{Label: "所在村（居）", Value: o.Village.Name, Path: unitPath(o.Village.ID)})
	}
	pg.Facts = append(pg.Facts, fact{Label: "位置", Value: rec.Location})
	if o.Supervisor != nil {
		pg.Facts = append(pg.Facts, fact{Label: "监管单位", Value: o.Supervisor.Name, Path: unitPath(o.Supervisor.ID)})
	}
	if rec.Number != "" {
		pg.Facts = append(pg.Facts, fact{Label: "登记号码", Value: rec.Number})
	}
	if rec.Capacity > 0 {
		pg.Facts = append(pg.Facts, fact{Label: "核定载客", Value: strconv.Itoa(rec.Capacity) + " 人"})
	}
	if d := e.r.Object(rec.Dock); d != nil {
		pg.Facts = append(pg.Facts, fact{Label: "停靠码头", Value: d.Rec.Name, Path: safetyObjectPath(d.Rec.ID)})
	}
	if !rec.From.IsZero() {
		pg.Facts = append(pg.Facts, fact{Label: "纳入监管", Value: rec.From.String()})
	}
	if !rec.To.IsZero() {
		pg.Facts = append(pg.Facts, fact{Label: "退出监管", Value: rec.To.String()})
	}
	if o.Active {
		pg.ValidFrom = o.ValidFrom().String()
		pg.Placards = []fact{{Label: "A4", Value: "A4标牌", Path: placardPath("a4", rec.ID)}, {Label: "A3", Value: "A3标牌", Path: placardPath("a3", rec.ID)}}
	}
	for _, r := range roles {
		for _, in := range r.Year {
			e.addPerson(ss, in.Person)
			if in.Person != nil && r.Post == nil {
				e.addUnit(ss, in.Person.Unit)
			}
		}
		if r.Post != nil {
			ss.add(r.Post.Pos.File, "post", r.Post.ID)
			e.addUnit(ss, r.Post.Unit)
		}
	}
	for _, a := range o.Agreements {
		pg.Agreements = append(pg.Agreements, e.agreementRow(a, ss))
	}
	for _, h := range o.Hazards {
		pg.Hazards = append(pg.Hazards, e.hazardRow(h))
		ss.add(h.Rec.Pos.File, kindHazard, h.Rec.ID)
	}
	for _, n := range o.Notices {
		pg.Notices = append(pg.Notices, e.noticeRow(n))
		ss.add(n.Rec.Pos.File, kindNotice, n.Rec.ID)
	}
	for _, l := range o.Licences {
		pg.Licences = append(pg.Licences, e.licenceRow(l))
		ss.files(kindLicences, l.Rec.Node)
	}
	for _, g := range e.r.Unlicensed {
		if g.Object == o {
			pg.Unlicensed = append(pg.Unlicensed, g.Kind)
		}
	}
	for _, a := range e.r.Accidents {
		if a.Object == rec.ID {
			pg.Accidents = append(pg.Accidents, e.accidentRow(a))
			ss.add(a.Pos.File, kindAccident, a.ID)
		}
	}
	w := e.w
	w.page("content"+safetyObjectPath(rec.ID)+".md", Front{
		Title:    rec.Name,
		Summary:  fmt.Sprintf("%s的安全生产责任人、责任书、隐患整改、督办和许可证情况。", rec.Name),
		Keywords: objectKeywords(o),
		Sources:  ss.list(),
		Params:   pg,
	}, "")
}

// objectKeywords are what people search an object by besides its name:
// the names it is also called by, its kind, its registration number, and
// the names of the people its placard names (周国强, the owner of 朝渡001,
// finds his boat).
func objectKeywords(o *safety.Object) []string {
	kw := slices.Clone(o.Rec.Aliases)
	if o.Category != nil {
		kw = append(kw, o.Category.Name)
	}
	if o.Rec.Number != "" {
		kw = append(kw, o.Rec.Number)
	}
	if o.Rec.Owner.Name != "" {
		kw = append(kw, o.Rec.Owner.Name)
	}
	for _, r := range o.Roles {
		for _, in := range r.Now {
			kw = append(kw, in.Name)
		}
	}
	seen := map[string]bool{}
	return slices.DeleteFunc(kw, func(k string) bool {
		if seen[k] || k == o.Rec.Name {
			return true
		}
		seen[k] = true
		return false
	})
}

type categoryGroup struct {
	ID      string      `json:"id"`
	Name    string      `json:"name"`
	Lead    string      `json:"lead,omitempty"`
	Roles   []string    `json:"roles"`
	Basis   string      `json:"basis,omitempty"`
	Objects []objectRow `json:"objects"`
}

func (e *safetyEmitter) objects() {
	ss := sourceSet{}
	var groups []categoryGroup
	for i := range e.s.Safety.Categories {
		c := &e.s.Safety.Categories[i]
		g := categoryGroup{ID: c.ID, Name: c.Name, Lead: c.Lead, Basis: c.Basis}
		for _, r := range c.Roles {
			g.Roles = append(g.Roles, r.Name)
		}
		for _, o := range e.r.Objects {
			if o.Category == c {
				g.Objects = append(g.Objects, e.objectRow(o))
				e.addObject(ss, o)
				e.addLeads(ss, o)
			}
		}
		if len(g.Objects) > 0 {
			groups = append(groups, g)
		}
	}
	e.w.page("content/safety/objects/_index.md", Front{
		Origin:  diag.Pos{File: record.Dir + "/safety/objects/"}, // where its items come from
		Title:   "监管对象（按类别）",
		Weight:  10,
		Summary: "船舶、客运车辆、企业、非煤矿山、危化品和烟花爆竹经营单位、学校、村、码头和地质灾害隐患点，每类应明确的责任人和每个对象的包保领导。",
		Sources: ss.list(),
		Params: struct {
			View   string          `json:"view"`
			Groups []categoryGroup `json:"groups"`
		}{"objects", groups},
	}, "")
}

type villageGroup struct {
	Village *unitRef    `json:"village,omitempty"` // nil: objects of no village
	Anchor  string      `json:"anchor"`
	Roles   []roleView  `json:"roles,omitempty"` // the village's own roles (包村领导 …)
	Self    *objRef     `json:"self,omitempty"`  // the village as an object
	Objects []objectRow `json:"objects"`
}

func (e *safetyEmitter) villages() {
	ss := sourceSet{}
	byVillage := map[string]*villageGroup{}
	var order []string
	var rest villageGroup
	for _, o := range e.r.Objects {
		e.addObject(ss, o)
		e.addLeads(ss, o)
		if o.Village == nil {
			rest.Objects = append(rest.Objects, e.objectRow(o))
			continue
		}
		g := byVillage[o.Village.ID]
		if g == nil {
			u := e.unitRef(o.Village.ID)
			g = &villageGroup{Village: &u, Anchor: o.Village.ID}
			byVillage[o.Village.ID] = g
			order = append(order, o.Village.ID)
		}
		// The village itself (category 村) heads its group with its roles.
		if g.Self == nil && o.IsVillage() {
			r := e.objRef(o)
			g.Self = &r
			g.Roles = e.roleViews(o, o.Roles)
			for _, role := range o.Roles {
				for _, in := range role.Now {
					e.addPerson(ss, in.Person)
				}
			}
			continue
		}
		g.Objects = append(g.Objects, e.objectRow(o))
		ss.add(o.Village.Pos.File, "unit", o.Village.ID)
	}
	units := map[string]int{}
	for i := range e.s.Units {
		units[e.s.Units[i].ID] = i
	}
	slices.SortFunc(order, func(a, b string) int { return cmp.Compare(units[a], units[b]) })
	var groups []villageGroup
	for _, id := range order {
		groups = append(groups, *byVillage[id])
	}
	if len(rest.Objects) > 0 {
		rest.Anchor = "other"
		groups = append(groups, rest)
	}
	villages := len(groups)
	e.w.page("content/safety/villages/_index.md", Front{
		Items:   &villages,
		Origin:  diag.Pos{File: record.Dir + "/safety/objects/"},
		Title:   "监管对象（按村）",
		Weight:  5,
		Summary: "每个村（社区）的包村领导、驻村干部，以及村里的船舶、车辆、企业、学校和隐患点。",
		Sources: ss.list(),
		Params: struct {
			View   string         `json:"view"`
			Groups []villageGroup `json:"groups"`
		}{"villages", groups},
	}, "")
}
