package emit

import (
	"fmt"
	"slices"

	"gongshi/generator/internal/diagram"
	"gongshi/generator/internal/safety"
)

// The safety diagrams: safety's results turned into diagram's generic
// trees and matrices. diagram draws boxes and cells; what a box or a cell
// of the pyramid, the network or the report matrix says is decided here,
// and so is how a diagram sits in a page (svgView, treeView) and where
// its boxes link (diagramLinks).

// linkFunc gives the address of a record's page, or "" when it has none.
// kind is "unit", "post", "person" or "object", as in safety.Tree.
type linkFunc func(kind, id string) string

func (l linkFunc) of(kind, id string) string {
	if l == nil || id == "" {
		return ""
	}
	return l(kind, id)
}

var kindClass = map[string]string{
	"unit":   diagram.Blue,
	"post":   diagram.Orange,
	"person": diagram.Orange,
	"object": diagram.Green,
	"group":  diagram.Grey,
}

var treeLegend = []diagram.Key{
	{Class: diagram.Blue, Text: "单位"},
	{Class: diagram.Orange, Text: "领导职务、人员"},
	{Class: diagram.Green, Text: "监管对象"},
	{Class: diagram.White + " gs-dash", Text: "虚线框：已在图中别处列出"},
}

func convert(t *safety.Tree, link linkFunc, tip func(*safety.Tree) string) *diagram.Node {
	n := &diagram.Node{Label: t.Label, Note: t.Note, Class: kindClass[t.Kind], Dashed: t.Repeat, Link: link.of(t.Kind, t.ID)}
	if tip != nil {
		n.Tip = tip(t)
	}
	if t.Agreement != nil {
		n.Edge = t.Agreement.Kind
	}
	for _, c := range t.Children {
		n.Children = append(n.Children, convert(c, link, tip))
	}
	return n
}

func count(ts []*safety.Tree, keep func(*safety.Tree) bool) int {
	n := 0
	for _, t := range ts {
		if keep(t) {
			n++
		}
		n += count(t.Children, keep)
	}
	return n
}

// pyramidTree is the year's agreement pyramid: each line an agreement
// from its 甲方 (left) to its 乙方 (right), labelled with its kind; each
// post names who signed on the signed date.
func pyramidTree(r *safety.Result, link linkFunc) *diagram.Tree {
	t := &diagram.Tree{
		ID:     "safety-pyramid",
		Title:  fmt.Sprintf("%d年安全生产责任书逐级签订图", r.Year),
		Legend: append([]diagram.Key{{Class: diagram.White, Mark: "综合", Text: "连线上的字为责任书类别：综合、专业、专项"}}, treeLegend...),
	}
	n := count(r.Pyramid, func(t *safety.Tree) bool { return t.Agreement != nil })
	t.Desc = fmt.Sprintf("截至%s，%d年度已签订安全生产责任书%d份，从镇人民政府起逐级签订：甲方在左，乙方在右。", r.AsOf.Chinese(), r.Year, n)
	tip := func(x *safety.Tree) string {
		if x.Agreement == nil {
			return ""
		}
		return fmt.Sprintf("%s（%s，第%d级，%s签订）", x.Agreement.Name, x.Agreement.Kind, x.Agreement.Level, x.Agreement.Signed.Chinese())
	}
	for _, root := range r.Pyramid {
		t.Roots = append(t.Roots, convert(root, link, tip))
	}
	return t
}

// networkTree is who supervises which objects on the as-of date: each
// object under its lead (包船、包村、包企 …) and its supervising unit.
func networkTree(r *safety.Result, link linkFunc) *diagram.Tree {
	t := &diagram.Tree{
		ID:     "safety-network",
		Title:  fmt.Sprintf("安全生产监管责任网络图（%s）", r.AsOf.Chinese()),
		Legend: treeLegend[:3],
	}
	n := count([]*safety.Tree{r.Network}, func(t *safety.Tree) bool { return t.Kind == "object" })
	t.Desc = fmt.Sprintf("截至%s，%d个监管对象按包保领导和监管单位列出。", r.AsOf.Chinese(), n)
	if r.Network != nil {
		t.Roots = []*diagram.Node{convert(r.Network, link, nil)}
	}
	return t
}

// complianceMatrix marks, for each reporting unit and month of the year,
// whether its monthly safety report came on time, late or not at all.
func complianceMatrix(r *safety.Result, link linkFunc) *diagram.Matrix {
	c := r.Reports
	m := &diagram.Matrix{ID: "safety-reports", Corner: "报送单位"}
	if c == nil {
		m.Title = "安全生产月报报送情况"
		m.Desc = "尚未规定月报制度。"
		return m
	}
	due := fmt.Sprintf("%s%d日", c.Rule.DueIn, c.Rule.DueDay)
	if c.Rule.DueIn == "" {
		due = fmt.Sprintf("次月%d日", c.Rule.DueDay)
	}
	m.Title = fmt.Sprintf("%d年安全生产月报报送情况（截至%s）", c.Year, r.AsOf.Chinese())
	m.Desc = fmt.Sprintf("月报须于%s（含）前报送（%s）。每格一个月：√ 按时，迟N 迟报N天，× 缺报，待 未到截止日，— 无需报送。", due, c.Rule.Basis)
	for _, mo := range c.Months {
		m.Cols = append(m.Cols, fmt.Sprintf("%d月", mo.Month))
	}
	m.Cols = append(m.Cols, "按时/迟/缺")
	for _, row := range c.Rows {
		mr := diagram.Row{Label: row.Unit.Name, Link: link.of("unit", row.Unit.ID)}
		for _, cell := range row.Cells {
			mr.Cells = append(mr.Cells, reportCell(cell))
		}
		mr.Cells = append(mr.Cells, diagram.Cell{Mark: fmt.Sprintf("%d/%d/%d", row.OnTime, row.Late, row.Missing)})
		m.Rows = append(m.Rows, mr)
	}
	m.Legend = []diagram.Key{
		{Class: diagram.Blue, Mark: "√", Text: "按时"},
		{Class: diagram.Orange, Mark: "迟3", Text: "迟报（数字为迟报天数）"},
		{Class: diagram.Vermilion, Mark: "×", Text: "缺报"},
		{Class: diagram.White, Mark: "待", Text: "未到截止日"},
		{Class: diagram.Grey, Mark: "—", Text: "无需报送（单位尚未成立或月报制度尚未开始）"},
	}
	return m
}

func reportCell(c safety.Cell) diagram.Cell {
	var received string
	if c.Report != nil {
		received = "，" + c.Report.Received.Chinese() + "收到"
	}
	tip := fmt.Sprintf("%s月报：%s%s，截止%s", c.Month.Chinese(), c.Status, received, c.Due.Chinese())
	switch c.Status {
	case safety.OnTime:
		return diagram.Cell{Mark: "√", Class: diagram.Blue, Tip: tip}
	case safety.Late:
		return diagram.Cell{Mark: fmt.Sprintf("迟%d", c.DaysLate), Class: diagram.Orange, Tip: fmt.Sprintf("%s，迟%d天", tip, c.DaysLate)}
	case safety.Missing:
		return diagram.Cell{Mark: "×", Class: diagram.Vermilion, Tip: tip}
	case safety.Pending:
		return diagram.Cell{Mark: "待", Class: diagram.White, Tip: tip}
	case safety.NotRequired:
		return diagram.Cell{Mark: "—", Class: diagram.Grey, Tip: c.Month.Chinese() + "无需报送"}
	}
	return diagram.Cell{}
}

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
