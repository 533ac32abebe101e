package diagram

import (
	"fmt"
	"strings"
)

// Bars is a bar chart: horizontal bars with a label and a printed value
// each (pay per person), or vertical columns (how many people scored in
// each band). Values are whole numbers (fen, people): lengths are computed
// from them, the printed text is given, so no figure is rounded by drawing.
type Bars struct {
	ID       string
	Title    string
	Desc     string
	Vertical bool
	Bars     []Bar
	// Line draws a reference line across the bars at Line.Value, e.g. the
	// mean pay, labelled Line.Text.
	Line *Bar
	// Axis names what the values count, under the chart: 元, 人.
	Axis string
}

// Bar is one bar.
type Bar struct {
	Label string
	Value int64
	Text  string // the value as printed: 1,702.50
	Class string // colour class: "" or "gs-low" for values to notice
	Link  string
}

const barStyle = `text{fill:#000}
.gs-bar{fill:#3b6ea8}
.gs-low{fill:#b3261e}
.gs-line{stroke:#000;stroke-width:1.5;stroke-dasharray:5 3}
.gs-axis{stroke:#57606a;stroke-width:1}
.gs-note{fill:#57606a}
a text{fill:#0b57d0}
`

// SVG draws the chart.
func (c *Bars) SVG() []byte {
	if c.Vertical {
		return c.vertical()
	}
	return c.horizontal()
}

func (c *Bars) maxValue() int64 {
	var m int64
	for _, b := range c.Bars {
		m = max(m, b.Value)
	}
	if c.Line != nil {
		m = max(m, c.Line.Value)
	}
	return max(m, 1)
}

func (c *Bars) horizontal() []byte {
	const (
		rowH   = 22.0
		barH   = 14.0
		barMax = 360.0
	)
	labelW, valueW := 0.0, 0.0
	for _, b := range c.Bars {
		labelW = max(labelW, textWidth(b.Label, noteSize))
		valueW = max(valueW, textWidth(b.Text, noteSize))
	}
	labelW += 8
	top := margin + 28.0
	width := margin + labelW + barMax + 6 + valueW + margin
	width = max(width, textWidth(c.Title, fontSize+2)+2*margin)
	height := top + float64(len(c.Bars))*rowH + 28 + margin
	scale := barMax / float64(c.maxValue())

	var cv canvas
	cv.text(margin, margin+8, fontSize+2, "start", "", c.Title)
	x0 := margin + labelW
	for i, b := range c.Bars {
		y := top + float64(i)*rowH
		label := esc(b.Label)
		if b.Link != "" {
			cv.printf(`<a href="%s">`, esc(b.Link))
		}
		cv.printf(`<text x="%s" y="%s" font-size="%s" text-anchor="end" dominant-baseline="central">%s</text>`, num(x0-8), num(y+rowH/2), num(noteSize), label)
		if b.Link != "" {
			cv.printf(`</a>`)
		}
		cv.printf("\n")
		w := float64(b.Value) * scale
		cv.printf(`<rect class="%s" x="%s" y="%s" width="%s" height="%s"><title>%s：%s</title></rect>`+"\n",
			esc(orDefault(b.Class, "gs-bar")), num(x0), num(y+(rowH-barH)/2), num(w), num(barH), esc(b.Label), esc(b.Text))
		cv.text(x0+w+6, y+rowH/2, noteSize, "start", "", b.Text)
	}
	bottom := top + float64(len(c.Bars))*rowH
	cv.printf(`<line class="gs-axis" x1="%s" y1="%s" x2="%s" y2="%s"/>`+"\n", num(x0), num(top), num(x0), num(bottom))
	if c.Line != nil {
		x := x0 + float64(c.Line.Value)*scale
		cv.printf(`<line class="gs-line" x1="%s" y1="%s" x2="%s" y2="%s"/>`+"\n", num(x), num(top-4), num(x), num(bottom+4))
		cv.text(x, bottom+16, noteSize, "middle", "gs-note", c.Line.Label+" "+c.Line.Text)
	}
	if c.Axis != "" {
		cv.text(width-margin, bottom+16, noteSize, "end", "gs-note", "单位："+c.Axis)
	}
	return document(c.ID, c.Title, c.Desc, width, height, barStyle, cv.b.String())
}

func (c *Bars) vertical() []byte {
	const (
		colMax = 180.0
		gap    = 10.0
	)
	colW := 2 * fontSize
	for _, b := range c.Bars {
		colW = max(colW, textWidth(b.Label, noteSize)+6)
	}
	top := margin + 28.0 + 18
	width := margin + float64(len(c.Bars))*(colW+gap) + margin
	width = max(width, textWidth(c.Title, fontSize+2)+2*margin)
	height := top + colMax + 44 + margin
	scale := colMax / float64(c.maxValue())
	base := top + colMax

	var cv canvas
	cv.text(margin, margin+8, fontSize+2, "start", "", c.Title)
	for i, b := range c.Bars {
		x := margin + float64(i)*(colW+gap)
		h := float64(b.Value) * scale
		cv.printf(`<rect class="%s" x="%s" y="%s" width="%s" height="%s"><title>%s：%s</title></rect>`+"\n",
			esc(orDefault(b.Class, "gs-bar")), num(x), num(base-h), num(colW), num(h), esc(b.Label), esc(b.Text))
		cv.text(x+colW/2, base-h-10, noteSize, "middle", "", b.Text)
		cv.text(x+colW/2, base+14, noteSize, "middle", "", b.Label)
	}
	cv.printf(`<line class="gs-axis" x1="%s" y1="%s" x2="%s" y2="%s"/>`+"\n", num(margin), num(base), num(width-margin), num(base))
	if c.Axis != "" {
		cv.text(width-margin, base+34, noteSize, "end", "gs-note", "单位："+c.Axis)
	}
	return document(c.ID, c.Title, c.Desc, width, height, barStyle, cv.b.String())
}

func orDefault(s, d string) string {
	if s == "" {
		return d
	}
	return s
}

// Describe lists the bars in words, for a chart's description: what a
// screen reader says and what a printout without colour still carries.
func Describe(bars []Bar) string {
	parts := make([]string, len(bars))
	for i, b := range bars {
		parts[i] = fmt.Sprintf("%s %s", b.Label, b.Text)
	}
	return strings.Join(parts, "；")
}
