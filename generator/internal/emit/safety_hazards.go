package emit

import (
	"cmp"
	"slices"
	"strings"

	"gongshi/generator/internal/safety"
)

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
