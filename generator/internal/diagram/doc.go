// Package diagram draws the site's diagrams as SVG text, in pure Go: trees
// (the agreement pyramid, the supervision network), matrices (monthly
// report compliance) and bar charts. It knows boxes, cells and bars, not
// the domain: emit turns results into them. The SVG needs no JavaScript
// and no web font; it prints in black and white (every colour is doubled
// by a text mark or a line style) and reads on a phone through the
// viewBox.
//
// Sizes are computed from the text: a CJK character is taken as 1em wide,
// other characters by East Asian width. Output is a pure function of the
// input: the same input gives the same bytes.
package diagram
