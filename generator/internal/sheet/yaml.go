package sheet

import (
	"bytes"
	"strconv"
	"strings"

	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"

	"gongshi/generator/internal/diag"
)

// yamlWriter writes a record file the way the clerk's hand-written ones
// look (block style, two-space indent, keys in the record type's order) and
// remembers which cell each value came from, so that a mistake the checker
// finds in the file can be reported at the cell.
type yamlWriter struct {
	b     bytes.Buffer
	line  int              // the line being written, 1-based
	spans map[int][]span   // line → the cells of the values on it
	sheet map[int]diag.Pos // line → the sheet (or cell) a structural line stands for
}

// span is a value written on a line from column col, taken from cell at.
type span struct {
	col int
	at  diag.Pos
}

func newYAMLWriter() *yamlWriter {
	return &yamlWriter{line: 1, spans: map[int][]span{}, sheet: map[int]diag.Pos{}}
}

// header writes comment lines kept from the file being replaced, or new ones.
func (w *yamlWriter) header(lines []string) {
	for _, l := range lines {
		w.raw(l)
	}
}

// raw writes one line as it is.
func (w *yamlWriter) raw(s string) {
	w.b.WriteString(s)
	w.b.WriteByte('\n')
	w.line++
}

// field writes "KEY: VALUE" at an indent, with "- " before it when it opens
// a list item; at is the cell the value came from (zero when none). Text
// that spans lines is written as a literal block.
func (w *yamlWriter) field(indent int, item bool, key, value string, plain bool, at diag.Pos) {
	prefix := strings.Repeat(" ", indent)
	if item {
		prefix += "- "
	}
	w.mark(at)
	head := prefix + key + ": "
	if !plain && strings.Contains(value, "\n") {
		w.block(head, len([]rune(prefix))+2, value)
		return
	}
	if !plain {
		value = quote(value, false)
	}
	w.spans[w.line] = append(w.spans[w.line], span{col: len([]rune(head)) + 1, at: at})
	w.raw(head + value)
}

// open writes "KEY:" opening a nested list or mapping; at stands for what
// it holds (a sheet, usually).
func (w *yamlWriter) open(indent int, item bool, key string, at diag.Pos) {
	prefix := strings.Repeat(" ", indent)
	if item {
		prefix += "- "
	}
	w.mark(at)
	w.raw(prefix + key + ":")
}

// flow writes a list item as one line, "- {k: v, k: v}", the form the
// clerk uses for registers of many short entries.
func (w *yamlWriter) flow(indent int, kvs []flowKV) {
	var b strings.Builder
	b.WriteString(strings.Repeat(" ", indent) + "- {")
	for i, kv := range kvs {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(kv.key + ": ")
		w.spans[w.line] = append(w.spans[w.line], span{col: len([]rune(b.String())) + 1, at: kv.at})
		v := kv.value
		if !kv.plain {
			v = quote(v, true)
		}
		b.WriteString(v)
	}
	b.WriteString("}")
	if len(kvs) > 0 {
		w.mark(kvs[0].at)
	}
	w.raw(b.String())
}

type flowKV struct {
	key, value string
	plain      bool // a date, month or number: written as it is
	at         diag.Pos
}

// mark says which cell or sheet the line being written stands for, for
// mistakes reported at the start of a mapping.
func (w *yamlWriter) mark(at diag.Pos) {
	if at.IsValid() {
		if _, ok := w.sheet[w.line]; !ok {
			w.sheet[w.line] = at
		}
	}
}

// block writes multi-line text as a literal block scalar.
func (w *yamlWriter) block(head string, indent int, s string) {
	chomp := "-"
	body := s
	switch {
	case strings.HasSuffix(s, "\n\n"):
		chomp = "+"
		body = strings.TrimSuffix(s, "\n")
	case strings.HasSuffix(s, "\n"):
		chomp = ""
		body = strings.TrimSuffix(s, "\n")
	}
	ind := ""
	if strings.HasPrefix(body, " ") || strings.HasPrefix(body, "\n") {
		ind = "2" // the text's own indentation must not be taken for the block's
	}
	at := w.sheet[w.line]
	w.raw(head + "|" + ind + chomp)
	pad := strings.Repeat(" ", indent)
	for _, l := range strings.Split(body, "\n") {
		if at.IsValid() {
			w.spans[w.line] = append(w.spans[w.line], span{col: 1, at: at})
		}
		if l == "" {
			w.raw("")
			continue
		}
		w.raw(pad + l)
	}
}

// at returns the cell (or sheet) a position in the written file came
// from: the value at or before the column on its line, else what the line
// stands for, else what an earlier line does.
func (w *yamlWriter) at(line, col int) (diag.Pos, bool) {
	if ss := w.spans[line]; len(ss) > 0 {
		best := ss[0]
		for _, s := range ss {
			if s.col <= col && s.at.IsValid() {
				best = s
			}
		}
		if best.at.IsValid() {
			return best.at, true
		}
	}
	for l := line; l >= 1; l-- {
		if p, ok := w.sheet[l]; ok {
			return p, true
		}
	}
	return diag.Pos{}, false
}

// quote returns s as a YAML scalar that reads back as the text s: plain
// when that is safe (most Chinese text), double-quoted otherwise. flow
// says whether it stands inside {…}, where commas and brackets end it.
func quote(s string, flow bool) string {
	if s != "" && plainSafe(s, flow) {
		return s
	}
	return strconv.Quote(s) // Go's escapes (\n, \", \u00a0, …) are YAML's too
}

// plainSafe reports whether s written plain parses back as the string s.
// The YAML parser decides, not a list of rules that could miss a case.
func plainSafe(s string, flow bool) bool {
	if strings.ContainsAny(s, "\n\r\t") || strings.TrimSpace(s) != s || strings.HasPrefix(s, "#") {
		return false
	}
	src := "k: " + s
	if flow {
		src = "{k: " + s + "}"
	}
	f, err := parser.ParseBytes([]byte(src), 0)
	if err != nil || len(f.Docs) != 1 {
		return false
	}
	var v ast.Node
	switch body := f.Docs[0].Body.(type) {
	case *ast.MappingNode:
		if len(body.Values) != 1 {
			return false
		}
		v = body.Values[0].Value
	case *ast.MappingValueNode:
		v = body.Value
	default:
		return false
	}
	str, ok := v.(*ast.StringNode)
	return ok && str.Value == s
}
