package emit

import (
	"cmp"
	"slices"
	"strconv"
	"strings"

	"gongshi/generator/internal/safety"
)

// hazardRow is a hazard in a table (safety/hazard-table.html): its row
// written by gongshi (hazardCells) but for the cell of its object, which
// the template links. The county's hazard tables have 26,797 rows, and
// printed cell by cell (a state tag through a partial of its own) they
// cost more than the rest of their pages; the fields the row is written
// from are not in the page's data.
type hazardRow struct {
	Object objRef `json:"object"`
	Head   part   `json:"head"` // the row up to the object's cell
	Tail   part   `json:"tail"` // the row after it

	ID          string   `json:"-"`
	Level       string   `json:"-"`
	Description string   `json:"-"`
	Measures    string   `json:"-"`
	Found       string   `json:"-"`
	Deadline    string   `json:"-"`
	Rectified   string   `json:"-"`
	Reinspected string   `json:"-"`
	Inspector   string   `json:"-"`
	Status      string   `json:"-"`
	StatusText  string   `json:"-"`
	Overdue     int      `json:"-"`
	Left        int      `json:"-"`
	Notices     []string `json:"-"`
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
	head, tail := hazardCells(&row)
	row.Head, row.Tail = part(head), part(tail)
	return row
}

// hazardCells writes a hazard's row as safety/hazard-table.html and
// safety/status.html printed it, escaped as Go's html/template escapes
// text and attribute values (writeText): the row up to its object's cell,
// and after it.
func hazardCells(r *hazardRow) (head, tail string) {
	var b strings.Builder
	b.WriteString(`<tr class="row-`)
	writeText(&b, r.Status)
	b.WriteString("\">\n    <th scope=\"row\">")
	writeText(&b, r.Description)
	b.WriteString(` <small class="muted">`)
	writeText(&b, r.ID)
	b.WriteString(`</small>`)
	if r.Measures != "" {
		b.WriteString(`<br><small class="measures">措施：`)
		writeText(&b, r.Measures)
		b.WriteString(`</small>`)
	}
	if len(r.Notices) > 0 {
		b.WriteString(`<br><small class="muted">督办：`)
		writeText(&b, strings.Join(r.Notices, "、"))
		b.WriteString(`</small>`)
	}
	b.WriteString(`</th>`)
	head = b.String()

	b.Reset()
	// open opens a cell on a line of its own; cell writes one of text.
	open := func(attrs string) { b.WriteString("\n    <td " + attrs + ">") }
	cell := func(attrs, text string) {
		open(attrs)
		writeText(&b, text)
		b.WriteString("</td>")
	}
	open(`class="nowrap" data-label="等级"`)
	if r.Level == "重大" {
		b.WriteString("<strong>重大</strong>")
	} else {
		writeText(&b, r.Level)
	}
	b.WriteString("</td>")
	cell(`class="date" data-label="发现"`, r.Found)
	cell(`class="date" data-label="整改期限"`, r.Deadline)
	// The state, as safety/status.html tags it: a day count is one the
	// page's data held, so none for 0.
	open(`data-label="状态"`)
	b.WriteString(`<span class="tag tag-`)
	writeText(&b, r.Status)
	b.WriteString(`">`)
	writeText(&b, r.StatusText)
	b.WriteString(`</span>`)
	done := r.Status == "rectified" || r.Status == "verified"
	switch {
	case r.Status == "overdue":
		b.WriteString("<br><small>逾期 ")
		if r.Overdue != 0 {
			b.WriteString(strconv.Itoa(r.Overdue))
		}
		b.WriteString(" 天</small>")
	case r.Status == "open" && r.Left != 0:
		b.WriteString("<br><small>剩 " + strconv.Itoa(r.Left) + " 天</small>")
	case done && r.Overdue != 0:
		b.WriteString("<br><small>逾期 " + strconv.Itoa(r.Overdue) + " 天完成</small>")
	}
	b.WriteString("</td>")
	cell(`class="date" data-label="整改完成"`, r.Rectified)
	open(`class="date" data-label="复查销号"`)
	writeText(&b, r.Reinspected)
	if r.Inspector != "" {
		b.WriteString(`<br><small class="muted">`)
		writeText(&b, r.Inspector)
		b.WriteString(`</small>`)
	}
	b.WriteString("</td>\n  </tr>")
	return head, b.String()
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

// hazardGroup is a list of hazards under a heading, by state.
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
