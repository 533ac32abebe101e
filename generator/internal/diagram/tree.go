package diagram

import (
	"fmt"
	"strings"
)

// Colour classes for boxes and cells: light tints of the Okabe–Ito
// palette, which colour-blind readers can tell apart, with text in black.
// A diagram never relies on colour alone: each also carries a text mark or
// a label.
const (
	Blue      = "gs-blue"
	Orange    = "gs-orange"
	Green     = "gs-green"
	Vermilion = "gs-vermilion"
	Yellow    = "gs-yellow"
	Grey      = "gs-grey"
	White     = "gs-white"
)

const style = `text{fill:#000}
.gs-title{font-weight:bold}
.gs-mark{font-weight:bold}
.gs-line{fill:none;stroke:#555;stroke-width:1.2}
.gs-edge{fill:#333}
.gs-grid{fill:none;stroke:#999;stroke-width:1}
rect{stroke-width:1.2}
.gs-blue{fill:#d4ebf8;stroke:#0072b2}
.gs-orange{fill:#fbe3b0;stroke:#b07800}
.gs-green{fill:#c8ecdf;stroke:#007a59}
.gs-vermilion{fill:#f6cdb3;stroke:#b34a00}
.gs-yellow{fill:#f8f2b8;stroke:#8f8700}
.gs-grey{fill:#eeeeee;stroke:#888}
.gs-white{fill:#fff;stroke:#888}
.gs-dash{stroke-dasharray:4 3}
a text{text-decoration:underline}
@media print{a text{text-decoration:none}}
`

// Node is a box of a tree diagram.
type Node struct {
	Label string // first line
	Note  string // second line, smaller: a person's name, a post
	Class string // colour class (Blue, Orange …)
	// Dashed draws the box with a dashed border: a node shown in full
	// elsewhere in the diagram.
	Dashed   bool
	Link     string // the box links here when set
	Tip      string // shown on hover
	Edge     string // small label on the line from the parent
	Children []*Node
}

// Tree is a tree diagram drawn left to right: the roots in the first
// column, each generation in the next, leaves stacked top to bottom, each
// parent level with its first child. A
// left-to-right tree grows down the page, as a long list does, so that a
// township's fifty objects still print on A4 portrait.
type Tree struct {
	ID     string // prefix of element ids: unique on the page
	Title  string // printed above the tree and read by screen readers
	Desc   string // read by screen readers
	Roots  []*Node
	Legend []Key

	fixed *layout // the measure of the whole tree, for a page of it
}

const (
	treePad  = 10.0 // inside a box, left and right
	treeHGap = 64.0 // between columns: room for an edge label of 2–3 characters
	treeVGap = 10.0 // between leaves
	rootGap  = 18.0 // extra space between trees
)

type placed struct {
	n     *Node
	depth int
	y     float64 // top
	kids  []*placed
}

// layout is the measure of a tree: one box height for the whole tree and
// one width per column, so that the boxes line up in rows and columns.
type layout struct {
	boxH float64
	colW []float64
}

func (t *Tree) measure() layout {
	if t.fixed != nil {
		return *t.fixed
	}
	l := layout{boxH: 30}
	var measure func(n *Node, d int)
	measure = func(n *Node, d int) {
		if n.Note != "" {
			l.boxH = 48
		}
		if d == len(l.colW) {
			l.colW = append(l.colW, 0)
		}
		w := max(textWidth(n.Label, fontSize), textWidth(n.Note, noteSize)) + 2*treePad
		l.colW[d] = max(l.colW[d], w)
		for _, c := range n.Children {
			measure(c, d+1)
		}
	}
	for _, r := range t.Roots {
		measure(r, 0)
	}
	return l
}

// width is the width of the drawing: its columns, or its title if wider.
func (t *Tree) width(l layout) float64 {
	x := margin
	for _, w := range l.colW {
		x += w + treeHGap
	}
	return max(x-treeHGap+margin, textWidth(t.Title, fontSize+2)+2*margin)
}

// SVG draws the tree.
func (t *Tree) SVG() []byte {
	l := t.measure()
	boxH, colW := l.boxH, l.colW
	colX := make([]float64, len(colW))
	x := margin
	for d, w := range colW {
		colX[d] = x
		x += w + treeHGap
	}
	width := t.width(l)
	titleH := 0.0
	if t.Title != "" {
		titleH = 32
	}

	// Place: leaves in order, each parent level with its first child, so
	// that the root stays at the top of the page beside the title however
	// tall the tree grows, as in an outline.
	cursor := margin + titleH
	var place func(n *Node, d int) *placed
	place = func(n *Node, d int) *placed {
		p := &placed{n: n, depth: d}
		if len(n.Children) == 0 {
			p.y = cursor
			cursor += boxH + treeVGap
			return p
		}
		for _, c := range n.Children {
			p.kids = append(p.kids, place(c, d+1))
		}
		p.y = p.kids[0].y
		return p
	}
	var roots []*placed
	for i, r := range t.Roots {
		if i > 0 {
			cursor += rootGap
		}
		roots = append(roots, place(r, 0))
	}
	height := cursor - treeVGap + margin
	if len(t.Roots) == 0 {
		height = margin + titleH + margin
	}

	var c canvas
	if t.Title != "" {
		c.text(margin, margin+12, fontSize+2, "start", "gs-title", t.Title)
	}
	var draw func(p *placed)
	draw = func(p *placed) {
		x, w := colX[p.depth], colW[p.depth]
		cy := p.y + boxH/2
		if len(p.kids) > 0 {
			xm := x + w + treeHGap/2
			first, last := p.kids[0].y+boxH/2, p.kids[len(p.kids)-1].y+boxH/2
			var d strings.Builder
			d.WriteString("M" + num(x+w) + "," + num(cy) + "H" + num(xm))
			d.WriteString("M" + num(xm) + "," + num(min(first, cy)) + "V" + num(max(last, cy)))
			for _, k := range p.kids {
				d.WriteString("M" + num(xm) + "," + num(k.y+boxH/2) + "H" + num(colX[k.depth]))
			}
			c.printf(`<path class="gs-line" d="%s"/>`+"\n", d.String())
			for _, k := range p.kids {
				if k.n.Edge != "" {
					c.text(colX[k.depth]-4, k.y+boxH/2-8, smallSize, "end", "gs-edge", k.n.Edge)
				}
			}
		}
		n := p.n
		if n.Link != "" {
			c.printf(`<a href="%s">`, esc(n.Link))
		}
		c.printf(`<g>`)
		if n.Tip != "" {
			c.printf(`<title>%s</title>`, esc(n.Tip))
		}
		class := n.Class
		if class == "" {
			class = White
		}
		if n.Dashed {
			class += " gs-dash"
		}
		c.printf(`<rect class="%s" x="%s" y="%s" width="%s" height="%s" rx="4"/>`+"\n", esc(class), num(x), num(p.y), num(w), num(boxH))
		if n.Note == "" {
			c.text(x+treePad, cy, fontSize, "start", "", n.Label)
		} else {
			c.text(x+treePad, p.y+15, fontSize, "start", "", n.Label)
			c.text(x+treePad, p.y+34, noteSize, "start", "", n.Note)
		}
		c.printf("</g>")
		if n.Link != "" {
			c.printf("</a>")
		}
		c.printf("\n")
		for _, k := range p.kids {
			draw(k)
		}
	}
	for _, r := range roots {
		draw(r)
	}
	if len(t.Legend) > 0 {
		lh := c.legend(t.Legend, margin, height, width-2*margin, func(k Key) float64 {
			return max(28, textWidth(k.Mark, noteSize)+12)
		})
		height += lh + margin
	}
	return document(t.ID, t.Title, t.Desc, width, height, style, c.b.String())
}

// Pages cuts the tree into pieces that each print on one page, so that a
// tall tree is not sliced through its boxes where the paper ends. pageW
// and pageH are the size, in px at 1:1, a printed page gives a diagram,
// firstH the height left for it on the first page; a drawing wider than
// pageW is scaled down to it, and may then be taller in proportion. The
// cuts fall between leaves. Each piece repeats the
// ancestors of its first leaf, their labels marked （续）, keeps the
// whole tree's column widths, and carries the title (marked （续） after the
// first piece); the last carries the legend. A tree that fits on one page
// is one piece: itself.
func (t *Tree) Pages(pageW, firstH, pageH float64) []*Tree {
	l := t.measure()
	scale := max(t.width(l), pageW) / pageW
	titleH := 0.0
	if t.Title != "" {
		titleH = 32
	}
	legendH := 0.0
	if len(t.Legend) > 0 {
		legendH = 2*28 + margin // two rows, as a page-wide legend takes
	}
	avail := func(page int) float64 {
		h := pageH
		if page == 0 {
			h = firstH
		}
		return h*scale - 2*margin - titleH - legendH
	}

	// Leaves in drawing order, each with its path from the root.
	type leaf struct {
		path []*Node
		root int
	}
	var leaves []leaf
	var walk func(n *Node, path []*Node, root int)
	walk = func(n *Node, path []*Node, root int) {
		path = append(path[:len(path):len(path)], n)
		if len(n.Children) == 0 {
			leaves = append(leaves, leaf{path, root})
			return
		}
		for _, c := range n.Children {
			walk(c, path, root)
		}
	}
	for i, r := range t.Roots {
		walk(r, nil, i)
	}
	var chunks [][]leaf
	used := 0.0
	for i, lf := range leaves {
		h := l.boxH + treeVGap
		if i > 0 && lf.root != leaves[i-1].root {
			h += rootGap
		}
		if len(chunks) == 0 || used+h-treeVGap > avail(len(chunks)-1) {
			chunks = append(chunks, nil)
			used = 0
			h = l.boxH + treeVGap
		}
		chunks[len(chunks)-1] = append(chunks[len(chunks)-1], lf)
		used += h
	}
	if len(chunks) <= 1 {
		return []*Tree{t}
	}
	shown := map[*Node]bool{} // drawn on an earlier page
	var pages []*Tree
	for i, chunk := range chunks {
		keep := map[*Node]bool{}
		for _, lf := range chunk {
			for _, n := range lf.path {
				keep[n] = true
			}
		}
		var prune func(n *Node) *Node
		prune = func(n *Node) *Node {
			c := *n
			c.Children = nil
			if shown[n] {
				c.Label += "（续）"
			}
			for _, k := range n.Children {
				if keep[k] {
					c.Children = append(c.Children, prune(k))
				}
			}
			return &c
		}
		p := &Tree{ID: fmt.Sprintf("%s-p%d", t.ID, i+1), Title: t.Title, Desc: t.Desc, fixed: &l}
		if i > 0 {
			p.Title += "（续）"
		}
		if i == len(chunks)-1 {
			p.Legend = t.Legend
		}
		for _, r := range t.Roots {
			if keep[r] {
				p.Roots = append(p.Roots, prune(r))
			}
		}
		for n := range keep {
			shown[n] = true
		}
		pages = append(pages, p)
	}
	return pages
}
