package emit

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"

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
// Each family of pages is in a file of its own: safety_home.go,
// safety_objects.go (objects by category and by village, one page each),
// safety_people.go, safety_agreements.go (with the network),
// safety_reports.go, safety_hazards.go, safety_notices.go,
// safety_licences.go and safety_placards.go; safety_diagrams.go draws
// their diagrams. This file holds what they share: the emitter, sources,
// links and the views of a holder, an object and an accident.
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

type fact struct {
	Label string `json:"label"`
	Value string `json:"value"`
	Path  string `json:"path,omitempty"`
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
		switch {
		case !w.wants(prefix):
		case e.r.Placards:
			w.fail(prefix, errPlacardsOnly)
		default:
			emit()
		}
	}
	part("content/safety/_index.md", e.home)
	objects, placards := w.wants("content/safety/objects/"), w.wants("content/safety/placards/")
	if objects && e.r.Placards {
		w.fail("content/safety/objects/", errPlacardsOnly)
		return
	}
	for _, o := range e.r.Objects {
		if objects {
			e.object(o)
		}
		if o.Active && placards {
			for _, size := range placardSizes {
				if w.wantsPage("content" + placardPath(size, o.Rec.ID) + ".md") {
					e.placard(o, size)
				}
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

// errPlacardsOnly refuses to make a page other than a placard from the
// safety results computed for placards alone (safety.Index.PlacardsOf).
var errPlacardsOnly = errors.New("made from safety results computed for placards only")

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

// holder describes one incumbent of a role of an object.
func (e *safetyEmitter) holder(o *safety.Object, r *safety.Role, in safety.Incumbent) holderView {
	h := holderView{Name: in.Name, Path: e.personLink(in.Person), Phone: o.OfficePhone(r, in, e.s.Unit)}
	switch {
	case r.Post != nil:
		h.Post = r.Post.Title
		since, _ := o.Tenure(in)
		h.Since = since.String()
	case in.Person != nil:
		h.Post = e.postsOf(in.Person)
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

// addLeads adds the people register entries of an object's lead, whose
// rotation changes the lists.
func (e *safetyEmitter) addLeads(ss sourceSet, o *safety.Object) {
	if o.Lead != nil {
		for _, in := range o.Lead.Now {
			e.addPerson(ss, in.Person)
		}
	}
}
