package emit

import (
	"cmp"
	"fmt"
	"slices"

	"gongshi/generator/internal/diag"
	"gongshi/generator/internal/record"
)

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
		Origin:  diag.Pos{File: record.Dir + "/people/"}, // where its items come from
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
