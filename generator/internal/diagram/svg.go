package diagram

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/width"
)

// FontFamily is a font stack with Chinese glyphs on Chinese phones (PingFang
// SC on iOS, Noto Sans CJK SC on Android) and on Windows PCs (Microsoft
// YaHei), falling back to any sans-serif.
const FontFamily = `"PingFang SC","Hiragino Sans GB","Microsoft YaHei","Noto Sans CJK SC","Source Han Sans SC","WenQuanYi Micro Hei",sans-serif`

// Sizes in px at 1:1; the SVG scales through its viewBox.
const (
	fontSize  = 14.0
	noteSize  = 12.0
	smallSize = 11.0
	margin    = 16.0
)

// textWidth estimates the width of s in px at size: wide and fullwidth
// characters (CJK) 1em, ambiguous ones (— · √ ×) 1em as Chinese fonts draw
// them, ASCII digits and letters 0.6em, spaces 0.3em. It errs wide, so text
// stays inside its box whatever font the reader has.
func textWidth(s string, size float64) float64 {
	em := 0.0
	for _, r := range s {
		switch width.LookupRune(r).Kind() {
		case width.EastAsianWide, width.EastAsianFullwidth, width.EastAsianAmbiguous:
			em += 1
		default:
			switch {
			case unicode.IsSpace(r):
				em += 0.3
			case unicode.IsMark(r) || r == '\u200b':
			default:
				em += 0.6
			}
		}
	}
	return em * size
}

// num formats a length to one decimal place, without trailing zeros, so
// that output does not depend on float noise.
func num(x float64) string {
	return strconv.FormatFloat(math.Round(x*10)/10, 'f', -1, 64)
}

// esc escapes text for XML content and attribute values.
func esc(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '&':
			b.WriteString("&amp;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '"':
			b.WriteString("&quot;")
		case '\'':
			b.WriteString("&#39;")
		default:
			if r < 0x20 && r != '\t' && r != '\n' {
				continue // not allowed in XML 1.0
			}
			b.WriteRune(r)
		}
	}
	return b.String()
}

// canvas collects SVG elements.
type canvas struct {
	b strings.Builder
}

func (c *canvas) printf(format string, args ...any) { fmt.Fprintf(&c.b, format, args...) }

// text draws one line of text; anchor is start, middle or end; baseline
// y is the line's vertical centre.
func (c *canvas) text(x, y float64, size float64, anchor, class, s string) {
	c.printf(`<text x="%s" y="%s" font-size="%s" text-anchor="%s" dominant-baseline="central"`, num(x), num(y), num(size), anchor)
	if class != "" {
		c.printf(` class="%s"`, esc(class))
	}
	c.printf(`>%s</text>`+"\n", esc(s))
}

// document wraps the elements in an <svg> with a title and description
// for screen readers, and the style the elements use. id prefixes the
// element ids, so that several diagrams can be inlined on one page.
func document(id, title, desc string, w, h float64, style, body string) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %s %s" width="%s" height="%s" role="img" aria-labelledby="%s-title %s-desc" font-family="%s">`+"\n",
		num(w), num(h), num(w), num(h), esc(id), esc(id), esc(FontFamily))
	fmt.Fprintf(&b, `<title id="%s-title">%s</title>`+"\n", esc(id), esc(title))
	fmt.Fprintf(&b, `<desc id="%s-desc">%s</desc>`+"\n", esc(id), esc(desc))
	fmt.Fprintf(&b, "<style>\n%s</style>\n", style)
	b.WriteString(`<rect width="100%" height="100%" fill="#fff"/>` + "\n")
	b.WriteString(body)
	b.WriteString("</svg>\n")
	return []byte(b.String())
}

// Key is one entry of a legend: a class (the colour and line style), the
// mark printed in the swatch, and what it means.
type Key struct {
	Class string
	Mark  string
	Text  string
}

// legend draws keys in a row starting at (x, y), wrapping at maxW, and
// returns the height used.
func (c *canvas) legend(keys []Key, x, y, maxW float64, swatch func(k Key) (w float64)) float64 {
	if len(keys) == 0 {
		return 0
	}
	const h = 22.0
	cx, cy := x, y
	for _, k := range keys {
		sw := swatch(k)
		w := sw + 6 + textWidth(k.Text, noteSize) + 18
		if cx > x && cx+w > x+maxW {
			cx, cy = x, cy+h+6
		}
		c.printf(`<g transform="translate(%s,%s)">`, num(cx), num(cy))
		c.printf(`<rect class="%s" width="%s" height="%s" rx="3"/>`, esc(k.Class), num(sw), num(h))
		c.text(sw/2, h/2, noteSize, "middle", "gs-mark", k.Mark)
		c.text(sw+6, h/2, noteSize, "start", "", k.Text)
		c.printf("</g>\n")
		cx += w
	}
	return cy + h - y
}
