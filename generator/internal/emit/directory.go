package emit

import (
	"slices"

	"gongshi/generator/internal/diag"
	"gongshi/generator/internal/record"
)

// Source names a record a page is derived from, so that the page's change
// history can be traced to the commits that changed it.
type Source struct {
	File string `json:"file"`
	Kind string `json:"kind"`
	ID   string `json:"id,omitempty"`
	// Item narrows the source to one item of the record's lists, by the
	// key the records use (the person id of a quarter's score sheet): the
	// changes inside its other items are not the page's, while those of
	// the record's own fields are.
	Item string `json:"item,omitempty"`
}

func sourceOf(kind, id string, n record.Node) Source {
	return Source{File: n.Pos.File, Kind: kind, ID: id}
}

// unitTypes is the order the directory lists units in.
var unitTypes = []string{
	record.UnitOrgan, record.UnitOffice, record.UnitStation, record.UnitHealth,
	record.UnitCommunity, record.UnitVillage, record.UnitEnterprise, record.UnitSchool,
}

// rankOrder is the order people are listed in: leaders first.
var rankOrder = []string{record.RankMain, record.RankLeader, record.RankHead, record.RankStaff, record.RankVillage}

type unitRef struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	Path string `json:"path"`
}

type personRef struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	Path string `json:"path,omitempty"`
}

type unitGroup struct {
	Type  string    `json:"type"`
	Units []unitRow `json:"units"`
}

type unitRow struct {
	unitRef
	Address string `json:"address,omitempty"`
	Phone   string `json:"phone,omitempty"`
	Parent  string `json:"parent,omitempty"`
}

type unitPage struct {
	Unit    unitRow     `json:"unit"`
	Type    string      `json:"type"`
	Note    string      `json:"note,omitempty"`
	Closed  string      `json:"closed,omitempty"`
	Posts   []postRow   `json:"posts,omitempty"`
	Parent  *unitRef    `json:"parent_unit,omitempty"`
	Members []personRef `json:"members,omitempty"`
}

type postRow struct {
	ID      string      `json:"id"`
	Title   string      `json:"title"`
	Rank    string      `json:"rank"`
	Duties  string      `json:"duties,omitempty"`
	Holders []holderRow `json:"holders"`
}

type holderRow struct {
	personRef
	From  string `json:"from"`
	Basis string `json:"basis,omitempty"`
}

type personRow struct {
	personRef
	Unit  unitRef     `json:"unit"`
	Posts []tenureRow `json:"posts"`
	Rank  string      `json:"rank"`
}

type tenureRow struct {
	Post  string `json:"post"`
	Unit  string `json:"unit,omitempty"`
	From  string `json:"from"`
	To    string `json:"to,omitempty"`
	Basis string `json:"basis,omitempty"`
}

type personPage struct {
	Person  personRef   `json:"person"`
	Unit    unitRef     `json:"unit"`
	Current []tenureRow `json:"current,omitempty"`
	Past    []tenureRow `json:"past,omitempty"`
}

type rankGroup struct {
	Rank   string      `json:"rank"`
	People []personRow `json:"people"`
}

func unitPath(id string) string   { return "/units/" + id }
func personPath(id string) string { return "/people/" + id }

// published reports whether a person gets a page of their own: anyone who
// holds or held a post. Others (owners, drivers) appear only where a
// record names them.
func published(p *record.Person) bool { return len(p.Posts) > 0 }

func emitDirectory(w *writer, in Input) {
	s, asOf := in.Set, in.Build.AsOf
	ref := func(id string) unitRef {
		if u := s.Unit(id); u != nil {
			return unitRef{ID: u.ID, Name: u.Name, Path: unitPath(u.ID)}
		}
		return unitRef{ID: id, Name: id}
	}
	pref := func(p *record.Person) personRef {
		r := personRef{ID: p.ID, Name: p.Name}
		if published(p) {
			r.Path = personPath(p.ID)
		}
		return r
	}
	row := func(u *record.Unit) unitRow {
		r := unitRow{unitRef: ref(u.ID), Address: u.Address, Phone: u.Phone}
		if p := s.Unit(u.Parent); p != nil {
			r.Parent = p.Name
		}
		return r
	}

	// Who holds each post today, in the order the records list them.
	holders := map[string][]holderRow{}
	for i := range s.People {
		p := &s.People[i]
		for _, t := range p.Posts {
			if t.Holds(asOf) {
				holders[t.Post] = append(holders[t.Post], holderRow{personRef: pref(p), From: t.From.String(), Basis: t.Basis})
			}
		}
	}

	var groups []unitGroup
	for _, typ := range unitTypes {
		g := unitGroup{Type: typ}
		for i := range s.Units {
			if u := &s.Units[i]; u.Type == typ {
				g.Units = append(g.Units, row(u))
			}
		}
		if len(g.Units) > 0 {
			groups = append(groups, g)
		}
	}
	w.page("content/units/_index.md", Front{Title: "单位名录", Weight: 30, Origin: diag.Pos{File: record.Dir + "/units/"}, Summary: "镇机关、站所、村（社区）、企业和学校的名称、地址和办公电话。", Params: struct {
		Groups []unitGroup `json:"groups"`
	}{groups}}, "")

	// Each unit's posts and members, in the order of the records.
	postsOf := map[string][]*record.Post{}
	for j := range s.Posts {
		p := &s.Posts[j]
		postsOf[p.Unit] = append(postsOf[p.Unit], p)
	}
	membersOf := map[string][]*record.Person{}
	for j := range s.People {
		if p := &s.People[j]; published(p) && p.Left.IsZero() {
			membersOf[p.Unit] = append(membersOf[p.Unit], p)
		}
	}
	for i := range s.Units {
		u := &s.Units[i]
		pg := unitPage{Unit: row(u), Type: u.Type, Note: u.Note}
		sources := []Source{sourceOf("unit", u.ID, u.Node)}
		if !u.Closed.IsZero() {
			pg.Closed = u.Closed.String()
		}
		if p := s.Unit(u.Parent); p != nil {
			r := ref(p.ID)
			pg.Parent = &r
		}
		for _, p := range postsOf[u.ID] {
			pg.Posts = append(pg.Posts, postRow{ID: p.ID, Title: p.Title, Rank: p.Rank, Duties: p.Duties, Holders: holders[p.ID]})
			sources = append(sources, sourceOf("post", p.ID, p.Node))
		}
		for _, p := range membersOf[u.ID] {
			pg.Members = append(pg.Members, pref(p))
			sources = append(sources, sourceOf("person", p.ID, p.Node))
		}
		kw := append([]string{u.Type}, u.Aliases...)
		if pg.Unit.Parent != "" {
			kw = append(kw, pg.Unit.Parent)
		}
		for _, p := range pg.Posts {
			kw = append(kw, p.Title)
		}
		w.page("content/units/"+u.ID+".md", Front{Title: u.Name, Keywords: kw, Sources: sources, Params: pg}, "")
	}

	var people []personRow
	for i := range s.People {
		p := &s.People[i]
		if !published(p) {
			continue
		}
		cur, past := tenures(s, p, asOf)
		r := personRow{personRef: pref(p), Unit: ref(p.Unit), Posts: cur, Rank: rankOf(s, p, asOf)}
		if len(cur) > 0 {
			people = append(people, r)
		}
		pg := personPage{Person: pref(p), Unit: ref(p.Unit), Current: cur, Past: past}
		kw := []string{pg.Unit.Name}
		for _, t := range cur {
			kw = append(kw, t.Post)
		}
		w.page("content/people/"+p.ID+".md", Front{Title: p.Name, Keywords: kw, Sources: []Source{sourceOf("person", p.ID, p.Node)}, Params: pg}, "")
	}
	var byRank []rankGroup
	for _, rank := range rankOrder {
		g := rankGroup{Rank: rank}
		for _, r := range people {
			if r.Rank == rank {
				g.People = append(g.People, r)
			}
		}
		if len(g.People) > 0 {
			byRank = append(byRank, g)
		}
	}
	w.page("content/people/_index.md", Front{Title: "干部名录", Weight: 40, Origin: diag.Pos{File: record.Dir + "/people/"}, Summary: "现任干部及其职务、任职日期和依据。", Params: struct {
		Groups []rankGroup `json:"groups"`
	}{byRank}}, "")
}

// tenures splits a person's posts into those held on asOf and those ended,
// most recent first.
func tenures(s *record.Set, p *record.Person, asOf record.Date) (cur, past []tenureRow) {
	ts := slices.Clone(p.Posts)
	slices.SortStableFunc(ts, func(a, b record.Tenure) int { return b.From.Compare(a.From) })
	for _, t := range ts {
		r := tenureRow{Post: t.Post, From: t.From.String(), To: t.To.String(), Basis: t.Basis}
		if post := s.Post(t.Post); post != nil {
			r.Post = post.Title
			if u := s.Unit(post.Unit); u != nil {
				r.Unit = u.Name
			}
		}
		switch {
		case t.Holds(asOf):
			cur = append(cur, r)
		case t.From.After(asOf):
			// appointed with effect from a later day: not yet shown
		default:
			past = append(past, r)
		}
	}
	return cur, past
}

// rankOf is the highest rank among the posts a person holds on asOf.
func rankOf(s *record.Set, p *record.Person, asOf record.Date) string {
	best := len(rankOrder)
	for _, t := range p.Posts {
		if post := s.Post(t.Post); post != nil && t.Holds(asOf) {
			if i := slices.Index(rankOrder, post.Rank); i >= 0 && i < best {
				best = i
			}
		}
	}
	if best == len(rankOrder) {
		return ""
	}
	return rankOrder[best]
}
