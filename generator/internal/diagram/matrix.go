package diagram

// Matrix is a table drawn as SVG: a row per subject, a column per period,
// each cell a colour and a text mark, with a legend below. The marks carry
// the meaning; the colours only help.
type Matrix struct {
	ID     string
	Title  string
	Desc   string
	Corner string   // the header of the row-label column
	Cols   []string // column headers
	Rows   []Row
	Legend []Key
}

// Row is one row of a matrix.
type Row struct {
	Label string
	Link  string
	Cells []Cell // one per column; missing cells are left blank
}

// Cell is one cell of a matrix.
type Cell struct {
	Mark  string // short text in the cell: √, ×, 迟3
	Class string // colour class; "" for none
	Tip   string // shown on hover: the dates behind the mark
}

const (
	cellH   = 30.0
	cellPad = 6.0
)

// SVG draws the matrix.
func (m *Matrix) SVG() []byte {
	labelW := textWidth(m.Corner, fontSize)
	for _, r := range m.Rows {
		labelW = max(labelW, textWidth(r.Label, fontSize))
	}
	labelW += 2 * cellPad
	colW := make([]float64, len(m.Cols))
	for j, h := range m.Cols {
		colW[j] = max(textWidth(h, noteSize), 2*fontSize)
		for _, r := range m.Rows {
			if j < len(r.Cells) {
				colW[j] = max(colW[j], textWidth(r.Cells[j].Mark, fontSize))
			}
		}
		colW[j] += 2 * cellPad
	}
	titleH := 0.0
	if m.Title != "" {
		titleH = 32
	}
	tableW := labelW
	for _, w := range colW {
		tableW += w
	}
	width := max(tableW, textWidth(m.Title, fontSize+2)) + 2*margin
	top := margin + titleH
	height := top + cellH*float64(len(m.Rows)+1)

	var c canvas
	if m.Title != "" {
		c.text(margin, margin+12, fontSize+2, "start", "gs-title", m.Title)
	}
	// Header row.
	c.text(margin+cellPad, top+cellH/2, noteSize, "start", "gs-title", m.Corner)
	x := margin + labelW
	for j, h := range m.Cols {
		c.text(x+colW[j]/2, top+cellH/2, noteSize, "middle", "gs-title", h)
		x += colW[j]
	}
	for i, r := range m.Rows {
		y := top + cellH*float64(i+1)
		if r.Link != "" {
			c.printf(`<a href="%s">`, esc(r.Link))
		}
		c.text(margin+cellPad, y+cellH/2, fontSize, "start", "", r.Label)
		if r.Link != "" {
			c.printf("</a>\n")
		}
		x := margin + labelW
		for j := range m.Cols {
			if j < len(r.Cells) {
				cell := r.Cells[j]
				c.printf(`<g>`)
				if cell.Tip != "" {
					c.printf(`<title>%s</title>`, esc(cell.Tip))
				}
				if cell.Class != "" {
					c.printf(`<rect class="%s" x="%s" y="%s" width="%s" height="%s"/>`, esc(cell.Class), num(x+1.5), num(y+1.5), num(colW[j]-3), num(cellH-3))
				}
				if cell.Mark != "" {
					c.printf("\n")
					c.text(x+colW[j]/2, y+cellH/2, fontSize, "middle", "gs-mark", cell.Mark)
				}
				c.printf("</g>\n")
			}
			x += colW[j]
		}
	}
	// Grid lines, over the cells.
	var d []byte
	for i := 0; i <= len(m.Rows)+1; i++ {
		y := top + cellH*float64(i)
		d = append(d, "M"+num(margin)+","+num(y)+"H"+num(margin+tableW)...)
	}
	x = margin
	for j := -1; j < len(m.Cols); j++ {
		if j >= 0 {
			x += colW[j]
		} else {
			x += labelW
		}
		d = append(d, "M"+num(x)+","+num(top)+"V"+num(height)...)
	}
	d = append(d, "M"+num(margin)+","+num(top)+"V"+num(height)...)
	c.printf(`<path class="gs-grid" d="%s"/>`+"\n", d)
	height += margin
	if len(m.Legend) > 0 {
		lh := c.legend(m.Legend, margin, height, width-2*margin, func(k Key) float64 {
			return max(30, textWidth(k.Mark, noteSize)+12)
		})
		height += lh + margin
	}
	return document(m.ID, m.Title, m.Desc, width, height, style, c.b.String())
}
