package figures

import "strings"

// What only the tests use.

// Figure returns the year's figure with the name (安全.隐患.发现), or nil.
func (y *Year) Figure(name string) *Figure {
	n := y.names
	for _, part := range strings.Split(name, ".") {
		if n = n.children[part]; n == nil {
			return nil
		}
	}
	return n.fig
}

// Text is the paragraph as plain text: what a Word document holds.
func (p Para) Text() string {
	var b strings.Builder
	for _, part := range p.Parts {
		b.WriteString(part.String())
	}
	return b.String()
}
