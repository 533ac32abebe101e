package figures

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"gongshi/generator/internal/assess"
	"gongshi/generator/internal/diag"
	"gongshi/generator/internal/record"
	"gongshi/generator/internal/safety"
	"gongshi/generator/internal/targets"
)

// Input is what the figures are computed from: the records and the
// results computed from them.
type Input struct {
	Set     *record.Set
	AsOf    record.Date // the day of the build's commit
	Assess  []*assess.Result
	Targets *targets.Result // nil: none
	// Safety is the safety result as of AsOf, if computed already: the
	// running year's states are taken from it instead of again.
	Safety *safety.Result
}

// Result is every year's figures and the summaries filled in with them.
type Result struct {
	AsOf      record.Date
	Years     []*Year    // by year
	Summaries []*Summary // in file order
}

// Year is one year's figures.
type Year struct {
	Year int
	// End is the day states are taken on: 31 December, or the as-of day
	// while the year runs (Running).
	End     record.Date
	Running bool
	// Note is what every figure of a year still running says:
	// 截至2026年11月24日; "" for a year over.
	Note    string
	Domains []*Domain
	names   *node
}

// Year returns the year's figures, or nil.
func (r *Result) Year(y int) *Year {
	for _, x := range r.Years {
		if x.Year == y {
			return x
		}
	}
	return nil
}

// Compute works out every year's figures that the records have anything
// of, up to the as-of day's, and fills in the summaries. The mistakes are
// the summaries': a template that does not parse, a name that does not
// exist, a summary of a year with no figures.
func Compute(in Input) (*Result, diag.List) {
	r := &Result{AsOf: in.AsOf}
	for _, y := range years(in) {
		r.Years = append(r.Years, computeYear(in, y))
	}
	var errs diag.List
	for i := range in.Set.Summaries {
		if s := summarize(&in.Set.Summaries[i], r, in.Set.Township.Organ, &errs); s != nil {
			r.Summaries = append(r.Summaries, s)
		}
	}
	return r, errs
}

// years lists the years the records have anything of, up to the as-of
// day's.
func years(in Input) []int {
	var ys []int
	add := func(y int) {
		if y > 0 && y <= in.AsOf.Year {
			ys = append(ys, y)
		}
	}
	sf := &in.Set.Safety
	for i := range sf.Agreements {
		add(sf.Agreements[i].Year)
	}
	for i := range sf.Hazards {
		add(sf.Hazards[i].Found.Year)
	}
	for i := range sf.Notices {
		add(sf.Notices[i].Issued.Year)
	}
	for i := range sf.Accidents {
		add(sf.Accidents[i].Date.Year)
	}
	if st := sf.Settings; st != nil && !st.Reports.From.IsZero() {
		for y := st.Reports.From.Year; y <= in.AsOf.Year; y++ {
			add(y)
		}
	}
	for _, r := range in.Assess {
		add(r.Quarter.Year)
	}
	if in.Targets != nil {
		for _, y := range in.Targets.Years {
			add(y.Year)
		}
	}
	slices.Sort(ys)
	return slices.Compact(ys)
}

func computeYear(in Input, y int) *Year {
	end := record.Date{Year: y, Month: time.December, Day: 31}
	yr := &Year{Year: y, End: end}
	note := ""
	if in.AsOf.Before(end) {
		yr.End, yr.Running = in.AsOf, true
		note = "截至" + in.AsOf.Chinese()
		yr.Note = note
	}
	sr := in.Safety
	if sr == nil || sr.AsOf != yr.End {
		sr = safety.Compute(in.Set, yr.End)
	}
	yr.Domains = append(yr.Domains, safetyFigures(in.Set, sr, y, in.AsOf, note))
	yr.Domains = append(yr.Domains, assessFigures(in.Assess, y, in.AsOf, ""))
	if in.Targets != nil {
		if ty := in.Targets.Year(y); ty != nil {
			yr.Domains = append(yr.Domains, targetFigures(in.Set, ty, ""))
		}
	}
	yr.names = &node{}
	yr.names.put(AsOfName, &Figure{Name: AsOfName, Title: "统计截至日期", Value: Text(in.AsOf.Chinese())})
	for _, d := range yr.Domains {
		for _, f := range d.Figures() {
			yr.names.put(f.Name, f)
		}
	}
	return yr
}

// node is a name and what is under it: a figure, or more names.
type node struct {
	fig      *Figure
	children map[string]*node
	order    []string // the children's names in the order added
}

func (n *node) put(name string, f *Figure) {
	for _, part := range strings.Split(name, ".") {
		if n.children == nil {
			n.children = map[string]*node{}
		}
		c := n.children[part]
		if c == nil {
			c = &node{}
			n.children[part] = c
			n.order = append(n.order, part)
		}
		n = c
	}
	n.fig = f
}

// with returns a copy of n with more figures under it (a summary's own).
func (n *node) with(figs []*Figure) *node {
	if len(figs) == 0 {
		return n
	}
	c := &node{children: map[string]*node{}, order: slices.Clone(n.order)}
	for k, v := range n.children {
		c.children[k] = v
	}
	extra := &node{}
	for _, f := range figs {
		extra.put(f.Name, f)
	}
	for _, k := range extra.order {
		if _, ok := c.children[k]; !ok {
			c.order = append(c.order, k)
		}
		c.children[k] = extra.children[k]
	}
	return c
}

func itoa(i int) string { return strconv.Itoa(i) }
