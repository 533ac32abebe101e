package record

import (
	"reflect"

	"gongshi/generator/internal/diag"
)

// Template is text the clerk writes for gongshi to fill in — a summary's
// body, Go's text/template with named figures — kept with where it stands
// in its file, so that a mistake inside the text is reported at the line
// and column of the file, as every other mistake is.
type Template struct {
	Text   string
	pos    diag.Pos // the value: a block's "|", or the text's first character
	style  textStyle
	indent int
}

// Pos returns where the character at line and col of Text (both 1-based,
// col counting characters) stands in the file. A block written with "|"
// maps exactly; a quoted text maps exactly up to its first escape.
func (t Template) Pos(line, col int) diag.Pos {
	p := t.pos
	switch {
	case !p.IsValid():
		return p
	case t.style == styleLiteral:
		p.Line += line
		p.Col = t.indent + col
	case line == 1 && t.style == styleQuoted:
		p.Col += col // after the opening quote
	case line == 1:
		p.Col += col - 1
	default:
		// A plain or quoted text over several lines: its lines were
		// joined with spaces; the line is the best place there is.
		p.Line += line - 1
		p.Col = 0
	}
	return p
}

// MarshalText writes the text, so that a change history compares and shows
// the text alone, wherever it stands in the file.
func (t Template) MarshalText() ([]byte, error) { return []byte(t.Text), nil }

func (t *Template) decodeScalar(s scalar) *mismatch {
	switch {
	case s.Kind != kindString:
		return &mismatch{want: "text", hint: "请写在 | 之后，另起行、缩进两格"}
	case s.Style == styleFolded:
		return &mismatch{want: "a block kept line by line (|), not folded (>)", hint: "请把 > 改为 |"}
	}
	*t = Template{Text: s.Raw, pos: s.Pos, style: s.Style, indent: s.Indent}
	return nil
}

var templateType = reflect.TypeFor[Template]()
