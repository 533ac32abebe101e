package emit

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"gongshi/generator/internal/diagram"
	"gongshi/generator/internal/record"
	"gongshi/generator/internal/safety"
)

// The safety-responsibility pages (安全生产责任公示, "责任清单" in the
// navigation), all under content/safety/:
//
//	safety/_index            overview: what needs attention, where to look
//	safety/objects/          objects by category; safety/objects/ID each
//	safety/villages/         objects by village
//	safety/people/           cadres; safety/people/ID: what one answers for
//	safety/agreements/       the pyramid, coverage; safety/agreements/ID
//	safety/network           the supervision-responsibility network
//	safety/reports           the monthly-report compliance matrix
//	safety/hazards, notices, licences
//	safety/placards/         placards; placards/a4/ID and placards/a3/ID
//
// Every page names the records it derives from in Front.Sources; a
// placard names also the people register, so that a rotation of a post
// shows in its history, and is Versioned: a placard is a public notice.
//
// Pages dispatch on params.view to layouts/_partials/safety/VIEW.html;
// placards have a layout of their own (layouts/safety/placards/page.html),
// which prints on one sheet without the site's navigation.

// Record kinds as record.Key names them, for Sources.
const (
	kindObject    = "supervised object"
	kindCategory  = "category"
	kindAgreement = "agreement"
	kindHazard    = "hazard"
	kindNotice    = "notice"
	kindAccident  = "accident"
	kindReports   = "safety-reports"
	kindLicences  = "safety-licences"
	kindSettings  = "safety-settings"
)

func safetyObjectPath(id string) string    { return "/safety/objects/" + id }
func safetyPersonPath(id string) string    { return "/safety/people/" + id }
func safetyAgreementPath(id string) string { return "/safety/agreements/" + id }
func placardPath(size, id string) string   { return "/safety/placards/" + size + "/" + id }

// Placard sizes: the A4 placard is the object's placard; the A3 one is
// the same, larger, for a dock or a school gate.
var placardSizes = []string{"a4", "a3"}

// diagramLink prefixes the content paths written into a diagram's links;
// the svg.html partial replaces each with the page's address.
const diagramLink = "gongshi:"

// svgView is a diagram inlined in a page: the SVG text and the content
// paths its links name; for a tall tree, the pieces it prints in, one a
// page.
type svgView struct {
	SVG   string   `json:"svg"`
	Pages []string `json:"pages,omitempty"`
	Links []string `json:"links,omitempty"`
}

// The room a printed A4 page gives a diagram, in CSS px: site.css prints
// with 15 mm margins at the sides and 18 mm at top and bottom, which
// leaves 180 × 261 mm; a few mm are kept for rounding.
const (
	mmPx        = 96 / 25.4
	printWidth  = 180 * mmPx
	printHeight = 255 * mmPx
)

// treeView draws a tree for the screen and, when it is taller than a
// page, in pieces for print; firstH is the room left on the first page.
func treeView(t *diagram.Tree, firstH float64, used links) svgView {
	v := svgView{SVG: string(t.SVG()), Links: used.list()}
	if pages := t.Pages(printWidth, firstH, printHeight); len(pages) > 1 {
		for _, p := range pages {
			v.Pages = append(v.Pages, string(p.SVG()))
		}
	}
	return v
}

type objRef struct {
	ID       string `json:"id"`
	Name     string `json:"name"`
	Path     string `json:"path"`
	Category string `json:"category,omitempty"`
}

// holderView is one person answering for a role.
type holderView struct {
	Name  string `json:"name"`
	Path  string `json:"path,omitempty"`
	Post  string `json:"post,omitempty"`  // the post they hold it by, or hold
	Phone string `json:"phone,omitempty"` // the office phone of their unit
	Since string `json:"since,omitempty"`
}

type roleView struct {
	Name    string       `json:"name"`
	Duty    string       `json:"duty,omitempty"`
	Holders []holderView `json:"holders,omitempty"`
}

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

type fact struct {
	Label string `json:"label"`
	Value string `json:"value"`
	Path  string `json:"path,omitempty"`
}

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

type hazardRow struct {
	ID          string   `json:"id"`
	Object      objRef   `json:"object"`
	Level       string   `json:"level"`
	Description string   `json:"description"`
	Measures    string   `json:"measures,omitempty"`
	Found       string   `json:"found"`
	Deadline    string   `json:"deadline"`
	Rectified   string   `json:"rectified,omitempty"`
	Reinspected string   `json:"reinspected,omitempty"`
	Inspector   string   `json:"inspector,omitempty"`
	Status      string   `json:"status"`
	StatusText  string   `json:"status_text"`
	Overdue     int      `json:"overdue,omitempty"`
	Left        int      `json:"left,omitempty"`
	Notices     []string `json:"notices,omitempty"`
}

type noticeRow struct {
	ID         string    `json:"id"`
	Kind       string    `json:"kind"`
	Number     string    `json:"number,omitempty"`
	To         partyView `json:"to"`
	Issued     string    `json:"issued"`
	Deadline   string    `json:"deadline,omitempty"`
	Subject    string    `json:"subject"`
	Object     *objRef   `json:"object,omitempty"`
	Hazard     string    `json:"hazard,omitempty"`
	Closed     string    `json:"closed,omitempty"`
	Status     string    `json:"status"`
	StatusText string    `json:"status_text"`
	Overdue    int       `json:"overdue,omitempty"`
	Left       int       `json:"left,omitempty"`
}

type licenceRow struct {
	Holder     objRef `json:"holder"`
	Kind       string `json:"kind"`
	Number     string `json:"number"`
	Issuer     string `json:"issuer,omitempty"`
	Issued     string `json:"issued,omitempty"`
	Expiry     string `json:"expiry"`
	Status     string `json:"status"`
	StatusText string `json:"status_text"`
	Left       int    `json:"left"`
}

type gapRow struct {
	Object objRef `json:"object"`
	Kind   string `json:"kind"`
}

type accidentRow struct {
	ID       string  `json:"id"`
	Date     string  `json:"date"`
	Level    string  `json:"level"`
	Summary  string  `json:"summary"`
	Unit     unitRef `json:"unit"`
	Object   *objRef `json:"object,omitempty"`
	Toll     string  `json:"toll,omitempty"`
	Loss     string  `json:"loss,omitempty"`
	Report   string  `json:"report,omitempty"`
	Category string  `json:"category,omitempty"`
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

type placardRole struct {
	Role    string       `json:"role"`
	Holders []holderView `json:"holders"`
}

type placardPage struct {
	View        string        `json:"view"`
	Size        string        `json:"size"` // A4, A3
	Other       fact          `json:"other"`
	Organ       string        `json:"organ"`
	Heading     string        `json:"heading"`
	Object      objRef        `json:"object"`
	Facts       []fact        `json:"facts,omitempty"`
	Roles       []placardRole `json:"roles"`
	ValidFrom   string        `json:"valid_from"`
	ValidFromCN string        `json:"valid_from_cn"`
	Supervisor  *fact         `json:"supervisor,omitempty"`
	Report      fact          `json:"report"`
}

type dutyGroup struct {
	Role    string    `json:"role"`
	Objects []dutyRow `json:"objects"`
}

type dutyRow struct {
	objRef
	Village string `json:"village,omitempty"`
	Post    string `json:"post,omitempty"` // the post the role is held by
}

type safetyPersonPage struct {
	View    string         `json:"view"`
	Person  personRef      `json:"person"`
	Posts   string         `json:"posts,omitempty"`
	Unit    unitRef        `json:"unit"`
	Duties  []dutyGroup    `json:"duties,omitempty"`
	Signed  []agreementRow `json:"signed,omitempty"`
	Contact []agreementRow `json:"contact,omitempty"`
	Year    int            `json:"year"`
}

type safetyPersonRow struct {
	personRef
	Posts  string   `json:"posts,omitempty"`
	Duties []string `json:"duties,omitempty"` // "包船责任人 3"
	Signed int      `json:"signed,omitempty"`
}

// safetyEmitter holds what every safety page needs.
type safetyEmitter struct {
	w      *writer
	in     Input
	s      *record.Set
	r      *safety.Result
	asOf   record.Date
	people map[string]bool // people with a safety page
}

func emitSafety(w *writer, in Input) {
	if in.Safety == nil {
		return
	}
	e := &safetyEmitter{w: w, in: in, s: in.Set, r: in.Safety, asOf: in.Safety.AsOf, people: map[string]bool{}}
	for _, d := range e.r.Duties {
		e.people[d.Person.ID] = true
	}
	// Each part emits its own pages and nothing else: a part none of whose
	// pages is asked for (Versioned asks for a few placards) is left out.
	part := func(prefix string, emit func()) {
		if w.wants(prefix) {
			emit()
		}
	}
	part("content/safety/_index.md", e.home)
	objects, placards := w.wants("content/safety/objects/"), w.wants("content/safety/placards/")
	for _, o := range e.r.Objects {
		if objects {
			e.object(o)
		}
		if o.Active && placards {
			for _, size := range placardSizes {
				e.placard(o, size)
			}
		}
	}
	part("content/safety/objects/_index.md", e.objects)
	part("content/safety/villages/", e.villages)
	part("content/safety/placards/_index.md", e.placards)
	part("content/safety/people/", e.persons)
	part("content/safety/agreements/", e.agreements)
	part("content/safety/network.md", e.network)
	part("content/safety/reports.md", e.reports)
	part("content/safety/hazards.md", e.hazards)
	part("content/safety/notices.md", e.notices)
	part("content/safety/licences.md", e.licences)
}

// sourceSet collects a page's sources once each, sorted.
type sourceSet map[Source]bool

func (ss sourceSet) add(file, kind, id string) {
	if file != "" {
		ss[Source{File: file, Kind: kind, ID: id}] = true
	}
}

func (ss sourceSet) list() []Source {
	out := make([]Source, 0, len(ss))
	for s := range ss {
		out = append(out, s)
	}
	slices.SortFunc(out, func(a, b Source) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Kind, b.Kind), cmp.Compare(a.ID, b.ID))
	})
	return out
}

// files adds every file of a kind's records, whole: a list page derives
// from all of them.
func (ss sourceSet) files(kind string, nodes ...record.Node) {
	for _, n := range nodes {
		ss.add(n.Pos.File, kind, "")
	}
}

// addPerson adds a person, so that a rotation recorded in the people
// register shows in the page's history.
func (e *safetyEmitter) addPerson(ss sourceSet, p *record.Person) {
	if p != nil {
		ss.add(p.Pos.File, "person", p.ID)
	}
}

// addUnit adds a unit, whose name and office phone a page shows.
func (e *safetyEmitter) addUnit(ss sourceSet, id string) {
	if u := e.s.Unit(id); u != nil {
		ss.add(u.Pos.File, "unit", u.ID)
	}
}

func (e *safetyEmitter) addObject(ss sourceSet, o *safety.Object) {
	ss.add(o.Rec.Pos.File, kindObject, o.Rec.ID)
	if o.Category != nil {
		ss.add(o.Category.Pos.File, kindCategory, o.Category.ID)
	}
}

// personLink is where a person's name links: their safety page, else
// their page in the cadre directory, else nowhere.
func (e *safetyEmitter) personLink(p *record.Person) string {
	switch {
	case p == nil:
		return ""
	case e.people[p.ID]:
		return safetyPersonPath(p.ID)
	case published(p):
		return personPath(p.ID)
	}
	return ""
}

func (e *safetyEmitter) objRef(o *safety.Object) objRef {
	r := objRef{ID: o.Rec.ID, Name: o.Rec.Name, Path: safetyObjectPath(o.Rec.ID)}
	if o.Category != nil {
		r.Category = o.Category.Name
	}
	return r
}

func (e *safetyEmitter) objRefID(id string) *objRef {
	if o := e.r.Object(id); o != nil {
		r := e.objRef(o)
		return &r
	}
	return nil
}

func (e *safetyEmitter) unitRef(id string) unitRef {
	if u := e.s.Unit(id); u != nil {
		return unitRef{ID: u.ID, Name: u.Name, Path: unitPath(u.ID)}
	}
	return unitRef{ID: id, Name: id}
}

// postsOf is the titles of the posts a person holds on the as-of date.
func (e *safetyEmitter) postsOf(p *record.Person) string {
	var ts []string
	for _, t := range p.Posts {
		if post := e.s.Post(t.Post); post != nil && t.Holds(e.asOf) {
			ts = append(ts, post.Title)
		}
	}
	return strings.Join(ts, "、")
}

// phoneOf is the office phone of a unit: public by record; a person's own
// phone never is.
func (e *safetyEmitter) phoneOf(unitID string) string {
	if u := e.s.Unit(unitID); u != nil {
		return u.Phone
	}
	return ""
}

// holder describes one incumbent of a role of an object.
func (e *safetyEmitter) holder(o *safety.Object, r *safety.Role, in safety.Incumbent) holderView {
	h := holderView{Name: in.Name, Path: e.personLink(in.Person)}
	switch {
	case r.Post != nil:
		h.Post = r.Post.Title
		h.Phone = e.phoneOf(r.Post.Unit)
		since, _ := o.Tenure(in)
		h.Since = since.String()
	case in.Person != nil:
		h.Post = e.postsOf(in.Person)
		h.Phone = e.phoneOf(in.Person.Unit)
	case o.HeldByOwner(r):
		h.Post = "业主"
	}
	return h
}

func (e *safetyEmitter) roleViews(o *safety.Object, roles []*safety.Role) []roleView {
	var out []roleView
	for _, r := range roles {
		v := roleView{Name: r.Name, Duty: r.Duty}
		for _, in := range r.Now {
			v.Holders = append(v.Holders, e.holder(o, r, in))
		}
		out = append(out, v)
	}
	return out
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

func (e *safetyEmitter) hazardRow(h *safety.Hazard) hazardRow {
	rec := h.Rec
	row := hazardRow{
		ID: rec.ID, Level: rec.Level, Description: rec.Description, Measures: sentences(rec.Measures),
		Found: rec.Found.String(), Deadline: rec.Deadline.String(),
		Status: h.Status.Slug(), StatusText: h.Status.String(), Overdue: h.DaysOverdue, Left: h.DaysLeft,
	}
	row.Rectified = h.RectifiedOn.String()
	row.Reinspected = h.ReinspectedOn.String()
	if p := e.s.Person(rec.Inspector); p != nil && !h.ReinspectedOn.IsZero() {
		row.Inspector = p.Name
	}
	if h.Object != nil {
		row.Object = e.objRef(h.Object)
	} else {
		row.Object = objRef{ID: rec.Object, Name: rec.Object}
	}
	for _, n := range h.Notices {
		row.Notices = append(row.Notices, cmp.Or(n.Rec.Number, n.Rec.ID))
	}
	return row
}

func (e *safetyEmitter) noticeRow(n *safety.Notice) noticeRow {
	rec := n.Rec
	row := noticeRow{
		ID: rec.ID, Kind: rec.Kind, Number: rec.Number, To: e.party(rec.To, rec.Issued, "负责人", nil),
		Issued: rec.Issued.String(), Deadline: rec.Deadline.String(), Subject: rec.Subject,
		Hazard: rec.Hazard, Status: n.Status.Slug(), StatusText: n.StatusText(),
		Overdue: n.DaysOverdue, Left: n.DaysLeft,
	}
	row.Closed = n.ClosedOn.String()
	if n.Object != nil {
		r := e.objRef(n.Object)
		row.Object = &r
	}
	return row
}

func (e *safetyEmitter) licenceRow(l *safety.Licence) licenceRow {
	rec := l.Rec
	row := licenceRow{
		Kind: rec.Kind, Number: rec.Number, Issuer: rec.Issuer, Issued: rec.Issued.String(),
		Expiry: rec.Expiry.String(), Status: l.Status.Slug(), StatusText: l.Status.String(), Left: l.DaysLeft,
	}
	if l.Holder != nil {
		row.Holder = e.objRef(l.Holder)
	} else {
		row.Holder = objRef{ID: rec.Holder, Name: rec.Holder}
	}
	return row
}

func (e *safetyEmitter) accidentRow(a *record.Accident) accidentRow {
	row := accidentRow{ID: a.ID, Date: a.Date.String(), Level: a.Level, Summary: a.Summary, Unit: e.unitRef(a.Unit), Report: a.Report, Object: e.objRefID(a.Object)}
	var toll []string
	for _, t := range []struct {
		n    int
		what string
	}{{a.Deaths, "死亡"}, {a.SeriousInjuries, "重伤"}, {a.MinorInjuries, "轻伤"}} {
		if t.n > 0 {
			toll = append(toll, fmt.Sprintf("%s%d人", t.what, t.n))
		}
	}
	if len(toll) == 0 {
		toll = []string{"无人员伤亡"}
	}
	row.Toll = strings.Join(toll, "，")
	if !a.Loss.IsZero() {
		row.Loss = a.Loss.String() + "万元"
	}
	return row
}

// sentences joins the lines of a multi-line text field into one run of
// text, ending each line that has no closing punctuation with "；".
func sentences(s string) string {
	var b strings.Builder
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l == "" {
			continue
		}
		if b.Len() > 0 && !strings.HasSuffix(b.String(), "；") && !strings.HasSuffix(b.String(), "。") {
			b.WriteString("；")
		}
		b.WriteString(l)
	}
	return b.String()
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
		Title:   rec.Name,
		Summary: fmt.Sprintf("%s的安全生产责任人、责任书、隐患整改、督办和许可证情况。", rec.Name),
		Sources: ss.list(),
		Params:  pg,
	}, "")
}

// placard emits an object's placard at one size.
func (e *safetyEmitter) placard(o *safety.Object, size string) {
	ss := sourceSet{}
	e.addObject(ss, o)
	rec := o.Rec
	t := e.s.Township
	up := strings.ToUpper(size)
	heading := "安全生产责任公示牌"
	if o.Category != nil {
		heading = o.Category.Name + heading
	}
	from := o.ValidFrom()
	pg := placardPage{
		View: "placard", Size: up, Organ: t.Organ, Heading: heading, Object: e.objRef(o),
		ValidFrom: from.String(), ValidFromCN: from.Chinese(),
		Report: fact{Label: "监督电话", Value: t.Objection.Phone},
	}
	for _, other := range placardSizes {
		if other != size {
			pg.Other = fact{Label: strings.ToUpper(other), Value: strings.ToUpper(other) + "标牌", Path: placardPath(other, rec.ID)}
		}
	}
	if rec.Number != "" {
		pg.Facts = append(pg.Facts, fact{Label: "登记号码", Value: rec.Number})
	}
	if rec.Capacity > 0 {
		pg.Facts = append(pg.Facts, fact{Label: "核定载客", Value: strconv.Itoa(rec.Capacity) + "人"})
	}
	if d := e.r.Object(rec.Dock); d != nil {
		pg.Facts = append(pg.Facts, fact{Label: "停靠码头", Value: d.Rec.Name})
	} else {
		pg.Facts = append(pg.Facts, fact{Label: "位置", Value: rec.Location})
	}
	if s := o.Supervisor; s != nil {
		pg.Supervisor = &fact{Label: s.Name, Value: s.Phone}
		e.addUnit(ss, s.ID)
	}
	for _, r := range o.Roles {
		pr := placardRole{Role: r.Name}
		for _, in := range r.Now {
			h := e.holder(o, r, in)
			h.Since = ""
			pr.Holders = append(pr.Holders, h)
			e.addPerson(ss, in.Person)
			if in.Person != nil && r.Post == nil {
				e.addUnit(ss, in.Person.Unit)
			}
		}
		if r.Post != nil {
			ss.add(r.Post.Pos.File, "post", r.Post.ID)
			e.addUnit(ss, r.Post.Unit)
		}
		pg.Roles = append(pg.Roles, pr)
	}
	e.w.page("content"+placardPath(size, rec.ID)+".md", Front{
		Title:     fmt.Sprintf("%s%s（%s）", rec.Name, heading, up),
		LinkTitle: rec.Name + " " + up,
		Summary:   fmt.Sprintf("%s的安全生产责任人，%s纸张打印张贴。", rec.Name, up),
		Sources:   ss.list(),
		Versioned: true,
		Params:    pg,
	}, "")
}

// allSources lists every safety record file whole: the overview derives
// from them all.
func (e *safetyEmitter) allSources(ss sourceSet) {
	sf := &e.s.Safety
	if sf.Settings != nil {
		ss.add(sf.Settings.Pos.File, kindSettings, "")
	}
	for i := range sf.Categories {
		ss.files(kindCategory, sf.Categories[i].Node)
	}
	for i := range sf.Objects {
		ss.files(kindObject, sf.Objects[i].Node)
	}
	for i := range sf.Agreements {
		ss.files(kindAgreement, sf.Agreements[i].Node)
	}
	for i := range sf.Reports {
		ss.files(kindReports, sf.Reports[i].Node)
	}
	for i := range sf.Hazards {
		ss.files(kindHazard, sf.Hazards[i].Node)
	}
	for i := range sf.Notices {
		ss.files(kindNotice, sf.Notices[i].Node)
	}
	for i := range sf.Licences {
		ss.files(kindLicences, sf.Licences[i].Node)
	}
	for i := range sf.Accidents {
		ss.files(kindAccident, sf.Accidents[i].Node)
	}
}

type safetyCount struct {
	Label string `json:"label"`
	Value string `json:"value"`
	Path  string `json:"path"`
	Alert bool   `json:"alert,omitempty"`
}

type safetyHome struct {
	View      string         `json:"view"`
	Year      int            `json:"year"`
	Counts    []safetyCount  `json:"counts"`
	Overdue   []hazardRow    `json:"overdue,omitempty"`
	Notices   []noticeRow    `json:"notices,omitempty"`
	Licences  []licenceRow   `json:"licences,omitempty"`
	Missing   []gapRow       `json:"missing,omitempty"`
	Accidents []accidentRow  `json:"accidents,omitempty"`
	Browse    []safetyBrowse `json:"browse"`
}

type safetyBrowse struct {
	Path string `json:"path"`
	Text string `json:"text"`
}

func (e *safetyEmitter) home() {
	r := e.r
	ss := sourceSet{}
	e.allSources(ss)
	pg := safetyHome{View: "home", Year: r.Year}
	active := 0
	for _, o := range r.Objects {
		if o.Active {
			active++
		}
	}
	open, overdue := 0, 0
	for _, h := range r.Hazards {
		switch h.Status {
		case safety.Open:
			open++
		case safety.Overdue:
			overdue++
			pg.Overdue = append(pg.Overdue, e.hazardRow(h))
		}
	}
	nOverdue := 0
	for _, n := range r.Notices {
		if n.Status == safety.Overdue {
			nOverdue++
			pg.Notices = append(pg.Notices, e.noticeRow(n))
		}
	}
	lic := 0
	for _, l := range r.Licences {
		if l.Status != safety.Valid {
			lic++
			pg.Licences = append(pg.Licences, e.licenceRow(l))
		}
	}
	for _, g := range r.Coverage.Missing {
		pg.Missing = append(pg.Missing, gapRow{Object: e.objRef(g.Object), Kind: g.Kind})
	}
	for _, a := range r.Accidents {
		if a.Date.Year == r.Year {
			pg.Accidents = append(pg.Accidents, e.accidentRow(a))
		}
	}
	late, missing := 0, 0
	if c := r.Reports; c != nil {
		for _, row := range c.Rows {
			late += row.Late
			missing += row.Missing
		}
	}
	pg.Counts = []safetyCount{
		{Label: "监管对象", Value: fmt.Sprintf("%d 个", active), Path: "/safety/objects"},
		{Label: fmt.Sprintf("%d年责任书签订", r.Year), Value: fmt.Sprintf("%d / %d 项", r.Coverage.Covered, r.Coverage.Required), Path: "/safety/agreements", Alert: len(r.Coverage.Missing) > 0},
		{Label: "月报迟报 / 缺报", Value: fmt.Sprintf("%d / %d 次", late, missing), Path: "/safety/reports", Alert: missing > 0},
		{Label: "隐患整改中 / 逾期", Value: fmt.Sprintf("%d / %d 处", open, overdue), Path: "/safety/hazards", Alert: overdue > 0},
		{Label: "督办逾期未办结", Value: fmt.Sprintf("%d 件", nOverdue), Path: "/safety/notices", Alert: nOverdue > 0},
		{Label: "许可证过期 / 即将到期", Value: fmt.Sprintf("%d 个", lic), Path: "/safety/licences", Alert: lic > 0 || len(r.Unlicensed) > 0},
	}
	pg.Browse = []safetyBrowse{
		{"/safety/villages", "按村（社区）查看每个村的监管对象和包保责任人。"},
		{"/safety/objects", "按船舶、客运车辆、企业、学校等类别查看。"},
		{"/safety/people", "每位干部负责的对象（包村、包船、包企……）和签订的责任书。"},
		{"/safety/agreements", "责任书逐级签订图、签订情况和缺签清单。"},
		{"/safety/network", "从镇政府到包保领导、监管站所和每个对象的责任网络图。"},
		{"/safety/reports", "各村、企业、学校每月安全生产月报的报送情况。"},
		{"/safety/hazards", "事故隐患的发现、限期整改和复查销号。"},
		{"/safety/notices", "督办通知和安全告诫的下发与办结。"},
		{"/safety/licences", "非煤矿山、危化品和烟花爆竹经营许可证的有效期。"},
		{"/safety/placards", "每个监管对象的责任公示牌，A4、A3 打印张贴。"},
	}
	e.w.page("content/safety/_index.md", Front{
		Title:     "安全生产责任公示",
		LinkTitle: "责任清单",
		Weight:    15,
		Summary:   "每一条船、每一辆客运车、每一家企业、每一个村和学校由谁负责，责任书、月报、隐患整改、督办和许可证情况。",
		Sources:   ss.list(),
		Params:    pg,
	}, "")
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

// addLeads adds the people register entries of an object's lead, whose
// rotation changes the lists.
func (e *safetyEmitter) addLeads(ss sourceSet, o *safety.Object) {
	if o.Lead != nil {
		for _, in := range o.Lead.Now {
			e.addPerson(ss, in.Person)
		}
	}
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
	e.w.page("content/safety/villages/_index.md", Front{
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

func (e *safetyEmitter) placards() {
	ss := sourceSet{}
	var rows []objectRow
	valid := map[string]string{}
	for _, o := range e.r.Objects {
		if !o.Active {
			continue
		}
		rows = append(rows, e.objectRow(o))
		valid[o.Rec.ID] = o.ValidFrom().String()
		e.addObject(ss, o)
	}
	type row struct {
		objectRow
		ValidFrom string `json:"valid_from"`
		A4        string `json:"a4"`
		A3        string `json:"a3"`
	}
	var out []row
	for _, r := range rows {
		out = append(out, row{objectRow: r, ValidFrom: valid[r.ID], A4: placardPath("a4", r.ID), A3: placardPath("a3", r.ID)})
	}
	e.w.page("content/safety/placards/_index.md", Front{
		Title:   "安全生产责任公示牌",
		Weight:  90,
		Summary: "每个监管对象的责任公示牌，写明责任人、职务和办公电话，带二维码，A4、A3 纸张打印张贴。",
		Sources: ss.list(),
		Params: struct {
			View string `json:"view"`
			Rows []row  `json:"rows"`
		}{"placards", out},
	}, "")
}

func (e *safetyEmitter) persons() {
	var rows []safetyPersonRow
	type ranked struct {
		row   safetyPersonRow
		rank  int
		order int
	}
	var rs []ranked
	order := map[string]int{}
	for i := range e.s.People {
		order[e.s.People[i].ID] = i
	}
	index := sourceSet{}
	for _, d := range e.r.Duties {
		p := d.Person
		ss := sourceSet{}
		e.addPerson(ss, p)
		index.add(p.Pos.File, "person", p.ID)
		pg := safetyPersonPage{View: "person", Person: personRef{ID: p.ID, Name: p.Name}, Posts: e.postsOf(p), Unit: e.unitRef(p.Unit), Year: e.r.Year}
		if published(p) {
			pg.Person.Path = personPath(p.ID)
		}
		byRole := map[string]*dutyGroup{}
		var roles []string
		for _, du := range d.Roles {
			g := byRole[du.Role.Name]
			if g == nil {
				g = &dutyGroup{Role: du.Role.Name}
				byRole[du.Role.Name] = g
				roles = append(roles, du.Role.Name)
			}
			row := dutyRow{objRef: e.objRef(du.Object)}
			if du.Object.Village != nil {
				row.Village = du.Object.Village.Name
			}
			if du.Role.Post != nil {
				row.Post = du.Role.Post.Title
				ss.add(du.Role.Post.Pos.File, "post", du.Role.Post.ID)
			}
			g.Objects = append(g.Objects, row)
			e.addObject(ss, du.Object)
		}
		// Lead roles (包船, 包村 …) first, then the rest, each in the
		// order first met.
		leads := map[string]bool{}
		for i := range e.s.Safety.Categories {
			leads[e.s.Safety.Categories[i].Lead] = true
		}
		slices.SortStableFunc(roles, func(a, b string) int { return cmp.Compare(boolRank(!leads[a]), boolRank(!leads[b])) })
		row := safetyPersonRow{personRef: personRef{ID: p.ID, Name: p.Name, Path: safetyPersonPath(p.ID)}, Posts: pg.Posts, Signed: len(d.Signed)}
		for _, name := range roles {
			pg.Duties = append(pg.Duties, *byRole[name])
			row.Duties = append(row.Duties, fmt.Sprintf("%s（%d）", name, len(byRole[name].Objects)))
		}
		for _, a := range d.Signed {
			pg.Signed = append(pg.Signed, e.agreementRow(a, ss))
		}
		for _, a := range d.Contact {
			pg.Contact = append(pg.Contact, e.agreementRow(a, ss))
		}
		e.w.page("content"+safetyPersonPath(p.ID)+".md", Front{
			Title:   p.Name + "的安全生产责任",
			Summary: fmt.Sprintf("%s负责的监管对象（包村、包船、包企……）和%d年签订的安全生产责任书。", p.Name, e.r.Year),
			Sources: ss.list(),
			Params:  pg,
		}, "")
		rank := slices.Index(rankOrder, rankOf(e.s, p, e.asOf))
		if rank < 0 {
			rank = len(rankOrder)
		}
		rs = append(rs, ranked{row, rank, order[p.ID]})
	}
	slices.SortFunc(rs, func(a, b ranked) int { return cmp.Or(cmp.Compare(a.rank, b.rank), cmp.Compare(a.order, b.order)) })
	for _, r := range rs {
		rows = append(rows, r.row)
	}
	e.w.page("content/safety/people/_index.md", Front{
		Title:   "干部安全生产责任",
		Weight:  20,
		Summary: "每位干部负责的监管对象和签订的安全生产责任书。",
		Sources: index.list(),
		Params: struct {
			View   string            `json:"view"`
			People []safetyPersonRow `json:"people"`
		}{"people", rows},
	}, "")
}

func boolRank(b bool) int {
	if b {
		return 1
	}
	return 0
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

// links collects the content paths a diagram links to, so that the
// template can resolve each.
type links map[string]bool

func (l links) list() []string {
	out := make([]string, 0, len(l))
	for p := range l {
		out = append(out, p)
	}
	slices.Sort(out)
	return out
}

// diagramLinks gives the content path of a diagram node's page, prefixed
// with diagramLink, and records it.
func (e *safetyEmitter) diagramLinks(used links) linkFunc {
	return func(kind, id string) string {
		var p string
		switch kind {
		case "unit":
			if e.s.Unit(id) != nil {
				p = unitPath(id)
			}
		case "person":
			p = e.personLink(e.s.Person(id))
		case "object":
			if e.r.Object(id) != nil {
				p = safetyObjectPath(id)
			}
		}
		if p == "" {
			return ""
		}
		used[p] = true
		return diagramLink + p
	}
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

type reportRow struct {
	Unit     unitRef `json:"unit"`
	Month    string  `json:"month"`
	Due      string  `json:"due"`
	Received string  `json:"received,omitempty"`
	Status   string  `json:"status"`
	Text     string  `json:"text"`
	Late     int     `json:"late,omitempty"`
	Cadre    string  `json:"cadre,omitempty"`
	Note     string  `json:"note,omitempty"`
}

type reportTotal struct {
	Unit    unitRef `json:"unit"`
	OnTime  int     `json:"on_time"`
	Late    int     `json:"late"`
	Missing int     `json:"missing"`
}

func (e *safetyEmitter) reports() {
	c := e.r.Reports
	ss := sourceSet{}
	e.allReportSources(ss)
	type page struct {
		View   string        `json:"view"`
		Year   int           `json:"year"`
		Basis  string        `json:"basis,omitempty"`
		Matrix svgView       `json:"matrix"`
		Lapses []reportRow   `json:"lapses,omitempty"`
		Totals []reportTotal `json:"totals,omitempty"`
	}
	used := links{}
	pg := page{View: "reports", Year: e.r.Year, Matrix: svgView{SVG: string(complianceMatrix(e.r, e.diagramLinks(used)).SVG())}}
	pg.Matrix.Links = used.list()
	if c != nil {
		pg.Basis = c.Rule.Basis
		for _, row := range c.Rows {
			u := e.unitRef(row.Unit.ID)
			ss.add(row.Unit.Pos.File, "unit", row.Unit.ID)
			pg.Totals = append(pg.Totals, reportTotal{Unit: u, OnTime: row.OnTime, Late: row.Late, Missing: row.Missing})
			for _, cell := range row.Cells {
				if cell.Status != safety.Late && cell.Status != safety.Missing {
					continue
				}
				rr := reportRow{Unit: u, Month: cell.Month.Chinese(), Due: cell.Due.String(), Status: cell.Status.Slug(), Text: cell.Status.String(), Late: cell.DaysLate}
				if rep := cell.Report; rep != nil && cell.Status == safety.Late {
					rr.Received = rep.Received.String()
					rr.Note = rep.Note
					if p := e.s.Person(rep.Cadre); p != nil {
						rr.Cadre = p.Name
					}
				}
				pg.Lapses = append(pg.Lapses, rr)
			}
		}
		slices.SortStableFunc(pg.Lapses, func(a, b reportRow) int { return cmp.Compare(a.Due, b.Due) })
	}
	e.w.page("content/safety/reports.md", Front{
		Title:   fmt.Sprintf("%d年安全生产月报报送情况", e.r.Year),
		Weight:  50,
		Summary: "各村（社区）、企业、学校每月安全生产月报是否按时报送，迟报、缺报一览。",
		Sources: ss.list(),
		Params:  pg,
	}, "")
}

func (e *safetyEmitter) allReportSources(ss sourceSet) {
	sf := &e.s.Safety
	if sf.Settings != nil {
		ss.add(sf.Settings.Pos.File, kindSettings, "")
	}
	for i := range sf.Reports {
		ss.files(kindReports, sf.Reports[i].Node)
	}
}

// statusGroup is a list of rows under a heading, by state.
type hazardGroup struct {
	Status string      `json:"status"`
	Title  string      `json:"title"`
	Rows   []hazardRow `json:"rows"`
}

func (e *safetyEmitter) hazards() {
	ss := sourceSet{}
	order := []safety.Status{safety.Overdue, safety.Open, safety.Rectified, safety.Verified}
	titles := map[safety.Status]string{
		safety.Overdue: "逾期未整改", safety.Open: "限期整改中", safety.Rectified: "已整改，待复查", safety.Verified: "已复查销号",
	}
	var groups []hazardGroup
	for _, st := range order {
		// Rows is [] not null when empty: the page counts it (a township
		// with no hazards recorded yet, as gongshi init makes one).
		g := hazardGroup{Status: st.Slug(), Title: titles[st], Rows: []hazardRow{}}
		for _, h := range e.r.Hazards {
			if h.Status == st {
				g.Rows = append(g.Rows, e.hazardRow(h))
			}
		}
		if st == safety.Overdue {
			// Longest overdue first.
			slices.SortStableFunc(g.Rows, func(a, b hazardRow) int { return cmp.Compare(b.Overdue, a.Overdue) })
		}
		groups = append(groups, g)
	}
	for _, h := range e.r.Hazards {
		ss.files(kindHazard, h.Rec.Node)
		if h.Object != nil {
			e.addObject(ss, h.Object)
		}
	}
	e.w.page("content/safety/hazards.md", Front{
		Title:   "事故隐患排查整改",
		Weight:  60,
		Summary: "事故隐患的发现、限期整改和复查销号；逾期未整改的列在最前。",
		Sources: ss.list(),
		Params: struct {
			View   string        `json:"view"`
			Groups []hazardGroup `json:"groups"`
		}{"hazards", groups},
	}, "")
}

func (e *safetyEmitter) notices() {
	ss := sourceSet{}
	type group struct {
		Kind string      `json:"kind"`
		Rows []noticeRow `json:"rows"`
	}
	groups := []group{{Kind: record.NoticeSupervision, Rows: []noticeRow{}}, {Kind: record.NoticeWarning, Rows: []noticeRow{}}} // [] not null: the page counts them
	for _, n := range e.r.Notices {
		ss.files(kindNotice, n.Rec.Node)
		for i := range groups {
			if groups[i].Kind == n.Rec.Kind {
				groups[i].Rows = append(groups[i].Rows, e.noticeRow(n))
			}
		}
	}
	// Newest first: the list is read for what is current.
	for i := range groups {
		slices.Reverse(groups[i].Rows)
	}
	e.w.page("content/safety/notices.md", Front{
		Title:   "督办通知和安全告诫",
		Weight:  70,
		Summary: "对落实不力的单位和个人下发的督办通知（限期办结）和安全告诫。",
		Sources: ss.list(),
		Params: struct {
			View   string  `json:"view"`
			Groups []group `json:"groups"`
		}{"notices", groups},
	}, "")
}

func (e *safetyEmitter) licences() {
	ss := sourceSet{}
	var rows []licenceRow
	for _, l := range e.r.Licences {
		rows = append(rows, e.licenceRow(l))
		ss.files(kindLicences, l.Rec.Node)
		if l.Holder != nil {
			e.addObject(ss, l.Holder)
		}
	}
	var gaps []gapRow
	for _, g := range e.r.Unlicensed {
		gaps = append(gaps, gapRow{Object: e.objRef(g.Object), Kind: g.Kind})
		e.addObject(ss, g.Object)
	}
	warn := e.s.Safety.Settings.WarnDays()
	e.w.page("content/safety/licences.md", Front{
		Title:   "安全生产许可证",
		Weight:  80,
		Summary: fmt.Sprintf("非煤矿山、危险化学品和烟花爆竹经营单位持有的许可证；%d天内到期的列为即将到期。", warn),
		Sources: ss.list(),
		Params: struct {
			View       string       `json:"view"`
			Warn       int          `json:"warn"`
			Rows       []licenceRow `json:"rows"`
			Unlicensed []gapRow     `json:"unlicensed,omitempty"`
		}{"licences", warn, rows, gaps},
	}, "")
}
