package diagram

import (
	"math/big"
)

// Trend is a bar chart of one indicator's figure year by year, with each
// year's target drawn across its bar as a dashed line. Whether a year met
// its target is written under the bar, not only coloured.
type Trend struct {
	ID      string
	Title   string // the indicator
	Desc    string
	Percent bool // values are percentages: the axis runs from 0 to 100
	Bars    []YearBar
}

// YearBar is one year of a trend.
type YearBar struct {
	Label    string   // 2025年
	Value    *big.Rat // in the unit shown (94.375 for 94.4%); nil when no figure
	Text     string   // the value as printed: 94.4%
	Target   *big.Rat // in the same unit; nil when none
	Achieved bool
	Mark     string // under the label: 达标, 未达标, 截至10月31日
}

const (
	barW     = 56.0
	barGap   = 36.0
	plotH    = 150.0
	trendTop = 54.0 // room for the title and the value above the tallest bar
	trendW   = 300.0
)

// SVG draws the chart. Lengths are computed in float64 from the exact
// values, rounded to 0.1 px: only the drawing is approximate, every number
// printed is the caller's exact text.
func (t *Trend) SVG() []byte {
	top := big.NewRat(100, 1)
	if !t.Percent {
		top = new(big.Rat)
		for _, b := range t.Bars {
			for _, v := range []*big.Rat{b.Value, b.Target} {
				if v != nil && v.Cmp(top) > 0 {
					top = v
				}
			}
		}
		top = new(big.Rat).Mul(top, big.NewRat(6, 5)) // headroom for the labels
		if top.Sign() == 0 {
			top = big.NewRat(1, 1)
		}
	}
	height := func(v *big.Rat) float64 {
		f, _ := new(big.Rat).Quo(v, top).Float64()
		return min(max(f, 0), 1) * plotH
	}

	left := margin + 8
	// At least trendW wide, so that charts side by side share a scale.
	width := max(trendW, left+float64(len(t.Bars))*(barW+barGap)-barGap+margin+8, textWidth(t.Title, fontSize+1)+2*margin)
	base := trendTop + plotH
	var c canvas
	c.text(margin, margin+6, fontSize+1, "start", "gs-title", t.Title)
	c.printf(`<path class="gs-grid" d="M%s,%sH%s"/>`+"\n", num(margin), num(base), num(width-margin))
	for i, b := range t.Bars {
		x := left + float64(i)*(barW+barGap)
		class := Vermilion
		if b.Achieved {
			class = Green
		}
		if b.Value != nil {
			h := height(b.Value)
			c.printf(`<rect class="%s" x="%s" y="%s" width="%s" height="%s"/>`+"\n", class, num(x), num(base-h), num(barW), num(max(h, 0)))
			c.text(x+barW/2, base-h-10, fontSize, "middle", "gs-mark", b.Text)
		} else {
			c.text(x+barW/2, base-10, noteSize, "middle", "", "未报送")
		}
		if b.Target != nil {
			y := base - height(b.Target)
			c.printf(`<path class="gs-line gs-dash" d="M%s,%sH%s"/>`+"\n", num(x-8), num(y), num(x+barW+8))
		}
		c.text(x+barW/2, base+14, noteSize, "middle", "", b.Label)
		if b.Mark != "" {
			c.text(x+barW/2, base+30, smallSize, "middle", "gs-mark", b.Mark)
		}
	}
	return document(t.ID, t.Title, t.Desc, width, base+40+margin/2, style, c.b.String())
}
