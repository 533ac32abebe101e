package emit

import (
	"fmt"
	"strconv"
	"strings"

	"gongshi/generator/internal/diag"
	"gongshi/generator/internal/record"
	"gongshi/generator/internal/safety"
)

// Placard sizes: the A4 placard is the object's placard; the A3 one is
// the same, larger, for a dock or a school gate.
var placardSizes = []string{"a4", "a3"}

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

// placard emits an object's placard at one size.
func (e *safetyEmitter) placard(o *safety.Object, size string) {
	ss := sourceSet{}
	e.addObject(ss, o)
	rec := o.Rec
	t := e.s.Township
	up := strings.ToUpper(size)
	heading, named := "安全生产责任公示牌", rec.Name
	if o.Category != nil {
		heading = o.Category.Name + heading
		named = record.Titled(rec.Name, o.Category.Name)
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
		Title:     fmt.Sprintf("%s安全生产责任公示牌（%s）", named, up),
		LinkTitle: rec.Name + " " + up,
		Summary:   fmt.Sprintf("%s的安全生产责任人，%s纸张打印张贴。", rec.Name, up),
		Keywords:  objectKeywords(o),
		// The A3 placard is the A4 one, larger: the search lists one.
		NoSearch:  size != "a4",
		Sources:   ss.list(),
		Versioned: true,
		Params:    pg,
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
	e.w.pageWithFeed("content/safety/placards/_index.md", Front{
		Origin:  diag.Pos{File: record.Dir + "/safety/objects/"}, // where its items come from
		Title:   "安全生产责任公示牌",
		Weight:  90,
		Summary: "每个监管对象的责任公示牌，写明责任人、职务和办公电话，带二维码，A4、A3 纸张打印张贴。",
		Sources: ss.list(),
		Params:  &placardsList[row]{View: "placards", Rows: out},
	})
}

// placardsList is the placards' list page: a row per object, and the feed
// of placards (one entry per object, whatever the paper size).
type placardsList[R any] struct {
	View string      `json:"view"`
	Rows []R         `json:"rows"`
	Feed []feedEntry `json:"feed,omitempty"`
}

func (l *placardsList[R]) setFeed(es []feedEntry) { l.Feed = es }
