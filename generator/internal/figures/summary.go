package figures

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"text/template"
	"text/template/parse"
	"unicode/utf8"

	"gongshi/generator/internal/diag"
	"gongshi/generator/internal/record"
)

// Summary is a summary record with its text filled in.
type Summary struct {
	Rec   *record.Summary
	Year  *Year
	Organ string // who issues it: the record's, or the township's organ
	Paras []Para
	// Cited are the figures the text prints, each once, in the order
	// they first appear.
	Cited []*Figure
	// Data are the summary's own figures (其他数据), each counting the
	// summary itself.
	Data []*Figure
}

// Through is what the summary says once for all its figures when its year
// is still running: 截至2026年11月24日; "" for a year over.
func (s *Summary) Through() string { return s.Year.Note }

// Partial returns the figures cited that lack more than the year's days
// still to come — months not yet due, a quarter not yet assessed, a unit
// that has not reported — each with what it lacks: what a reader must be
// told figure by figure.
func (s *Summary) Partial() []*Figure {
	var out []*Figure
	for _, f := range s.Cited {
		if own(f, s.Year.Note) != "" {
			out = append(out, f)
		}
	}
	return out
}

// Own is what a figure of the summary lacks beyond the year's note.
func (s *Summary) Own(f *Figure) string { return own(f, s.Year.Note) }

// own is a figure's note less what the whole year says (through): 截至
// 2026年11月24日，11月月报未到报送期限 → 11月月报未到报送期限.
func own(f *Figure, through string) string {
	if f.Missing || through == "" {
		return f.Note
	}
	n := strings.TrimPrefix(f.Note, through)
	return strings.TrimPrefix(n, "，")
}

// Para is a paragraph of a summary: text, or a heading.
type Para struct {
	// Level is 0 for text, 1 for a heading written 一、…, 2 for one
	// written （一）….
	Level int
	Parts []Part
}

// Part is a run of a paragraph: text, or a figure with the unit the
// text wrote after it.
type Part struct {
	Text   string
	Figure *Figure
	// Unit is the figure's unit when the text wrote it right after the
	// figure (份 in …{{.安全.责任书.份数}}份…), kept with the figure so
	// that a note on it follows the unit.
	Unit string
	// Note is what the figure lacks beyond what the whole summary says
	// (Summary.Through): it follows the figure in brackets.
	Note string
}

// String is the part as plain text: a figure's value, its unit, and, when
// its records are incomplete, its note in brackets.
func (p Part) String() string {
	if p.Figure == nil {
		return p.Text
	}
	s := p.Figure.Text() + p.Unit
	if p.Note != "" && !p.Figure.Missing {
		s += "（" + p.Note + "）"
	}
	return s
}

// Limits that keep a summary's run bounded whatever the clerk writes.
const (
	maxOutput = 1 << 20 // bytes of filled-in text
	kindSelf  = "summary"
)

// The functions a template may use, on figures only.
const (
	fnZero    = "为零"
	fnNonZero = "非零"
)

// Characters that mark a figure in the filled-in text; a template may not
// contain them.
const (
	markOpen  = '\uE000'
	markClose = '\uE001'
)

// summarize checks a summary's template against the names of its year's
// figures and fills it in; nil when it cannot be.
func summarize(rec *record.Summary, r *Result, organ string, errs *diag.List) *Summary {
	y := r.Year(rec.Year)
	if y == nil {
		var ys []string
		for _, x := range r.Years {
			ys = append(ys, itoa(x.Year))
		}
		errs.Add(rec.At("year"), "expected a year the records have figures of (%s), found %d", orNone(strings.Join(ys, ", ")), rec.Year)
		return nil
	}
	s := &Summary{Rec: rec, Year: y, Organ: organ}
	if rec.Organ != "" {
		s.Organ = rec.Organ
	}
	self := Ref{Kind: kindSelf, ID: rec.ID, File: rec.Pos.File, Label: rec.Title, Subject: rec.ID}
	seen := map[string]bool{}
	bad := false
	for i := range rec.Data {
		d := &rec.Data[i]
		if seen[d.Name] {
			errs.Add(d.At("name"), "expected each name of 其他数据 once, found %q again", d.Name)
			bad = true
			continue
		}
		seen[d.Name] = true
		ref := self
		ref.Detail = d.Evidence
		s.Data = append(s.Data, &Figure{Name: "数据." + d.Name, Title: d.Title, Unit: d.Unit, Value: Decimal(d.Value), Records: []Ref{ref}})
	}
	names := y.names.with(s.Data)
	tree, ok := parseTemplate(rec.Text, names, errs)
	if !ok || bad {
		return nil
	}
	out, cited, err := execute(tree, names)
	if err != nil {
		errs.Add(rec.At("text"), "expected a text that can be filled in, found %v", err)
		return nil
	}
	s.Cited = cited
	s.Paras = paragraphs(out, cited, y.Note)
	return s
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

// parseTemplate parses the text and checks every action: a name that
// exists, a condition on a figure, nothing else. Every mistake is
// reported at its place in the file.
func parseTemplate(t record.Template, names *node, errs *diag.List) (*parse.Tree, bool) {
	text := t.Text
	at := func(off int) diag.Pos {
		line := 1 + strings.Count(text[:off], "\n")
		col := 1 + utf8.RuneCountInString(text[strings.LastIndex(text[:off], "\n")+1:off])
		return t.Pos(line, col)
	}
	n := len(*errs)
	if i := strings.IndexAny(text, string([]rune{markOpen, markClose})); i >= 0 {
		errs.Add(at(i), "expected text, found the private-use character %U", []rune(text[i:])[0])
	}
	checkActions(text, at, errs)
	if len(*errs) > n {
		return nil, false
	}
	trees, err := parse.Parse("正文", text, "", "", parseFuncs)
	if err != nil {
		errs.Add(at(0), "expected a template that parses, found %s", strings.TrimPrefix(err.Error(), "template: "))
		return nil, false
	}
	tree := trees["正文"]
	if tree == nil || len(trees) > 1 {
		errs.Add(at(0), "expected one text with no {{define}}, found %d", len(trees))
		return nil, false
	}
	c := &checker{names: names, at: at, errs: errs}
	c.list(tree.Root)
	return tree, len(*errs) == n
}

// parseFuncs are the functions the parser accepts: the figures' own.
var parseFuncs = map[string]any{fnZero: true, fnNonZero: true}

// action is one {{…}} of a template: where it starts and what it says.
type action struct {
	start int
	body  string // without the delimiters and trim markers, trimmed
}

// checkActions finds every action and checks each on its own and their
// nesting, so that a mistake is reported at its action: the parser of
// text/template says only the line.
func checkActions(text string, at func(int) diag.Pos, errs *diag.List) {
	var open []int // the starts of the {{if}}s not yet ended
	for off := 0; ; {
		i := strings.Index(text[off:], "{{")
		if i < 0 {
			break
		}
		start := off + i
		end := closing(text, start+2)
		if end < 0 {
			errs.Add(at(start), "expected }} closing this {{, found end of text")
			return
		}
		a := action{start: start, body: trimAction(text[start+2 : end])}
		off = end + 2
		word, rest, _ := strings.Cut(a.body, " ")
		switch {
		case strings.HasPrefix(a.body, "/*"):
		case word == "if":
			open = append(open, start)
			checkAlone(a, "{{if "+rest+"}}{{end}}", at, errs)
		case word == "else" && strings.HasPrefix(strings.TrimSpace(rest), "if "):
			if len(open) == 0 {
				errs.Add(at(start), "expected {{else if}} inside {{if}}…{{end}}, found one outside")
			}
			checkAlone(a, "{{"+strings.TrimSpace(rest)+"}}{{end}}", at, errs)
		case a.body == "else":
			if len(open) == 0 {
				errs.Add(at(start), "expected {{else}} inside {{if}}…{{end}}, found one outside")
			}
		case a.body == "end":
			if len(open) == 0 {
				errs.Add(at(start), "expected {{end}} closing an {{if}}, found one with no {{if}}")
				continue
			}
			open = open[:len(open)-1]
		case word == "range" || word == "with" || word == "define" || word == "template" || word == "block" || word == "break" || word == "continue":
			if word == "range" || word == "with" || word == "define" || word == "block" {
				open = append(open, -1) // its {{end}} is not a mistake of its own
			}
			errs.Add(at(start), "expected a figure name, {{if}}, {{else}} or {{end}}, found {{%s}}; 总结中不能用 %s", word, word)
		default:
			checkAlone(a, "{{"+a.body+"}}", at, errs)
		}
	}
	for _, start := range open {
		if start < 0 {
			continue
		}
		errs.Add(at(start), "expected {{end}} closing this {{if}}, found end of text")
	}
}

// closing returns the offset of the }} that closes an action whose body
// starts at from, skipping quoted strings; -1 if there is none.
func closing(text string, from int) int {
	for i := from; i < len(text); i++ {
		switch c := text[i]; c {
		case '"', '`', '\'':
			j := i + 1
			for j < len(text) && text[j] != c {
				if c == '"' && text[j] == '\\' {
					j++
				}
				j++
			}
			i = j
		case '}':
			if strings.HasPrefix(text[i:], "}}") {
				return i
			}
		}
	}
	return -1
}

// trimAction drops an action's trim markers and spaces: "- if x -" → "if x".
func trimAction(s string) string {
	s = strings.TrimSpace(s)
	if strings.HasPrefix(s, "- ") || s == "-" {
		s = s[1:]
	}
	if strings.HasSuffix(s, " -") {
		s = s[:len(s)-1]
	}
	return strings.TrimSpace(s)
}

// checkAlone parses one action in a template of its own.
func checkAlone(a action, src string, at func(int) diag.Pos, errs *diag.List) {
	if _, err := parse.Parse("正文", src, "", "", parseFuncs); err != nil {
		msg := err.Error()
		if i := strings.Index(msg, ": "); strings.HasPrefix(msg, "template: ") && i >= 0 {
			if j := strings.Index(msg[i+2:], ": "); j >= 0 {
				msg = msg[i+2+j+2:] // "template: 正文:1: what" → "what"
			}
		}
		errs.Add(at(a.start), "expected {{%s}} to be a figure name or a condition, found %s", a.body, msg)
	}
}

// checker walks a parsed template: only text, figure names, and {{if}}
// on a figure are allowed.
type checker struct {
	names *node
	at    func(int) diag.Pos
	errs  *diag.List
}

func (c *checker) list(l *parse.ListNode) {
	if l == nil {
		return
	}
	for _, n := range l.Nodes {
		switch n := n.(type) {
		case *parse.TextNode, *parse.CommentNode:
		case *parse.ActionNode:
			c.print(n.Pipe)
		case *parse.IfNode:
			c.condition(n.Pipe)
			c.list(n.List)
			c.list(n.ElseList)
		default:
			c.errs.Add(c.at(int(n.Position())), "expected a figure name, {{if}}, {{else}} or {{end}}, found %s", n)
		}
	}
}

// print checks an action that prints: one figure name.
func (c *checker) print(p *parse.PipeNode) {
	if f := c.single(p); f != nil {
		c.figure(f)
		return
	}
	c.errs.Add(c.at(int(p.Position())), "expected a figure name such as {{.安全.隐患.发现}}, found {{%s}}", p)
}

// condition checks an {{if}}: 为零 or 非零 of a figure name.
func (c *checker) condition(p *parse.PipeNode) {
	if len(p.Decl) == 0 && len(p.Cmds) == 1 && len(p.Cmds[0].Args) == 2 {
		args := p.Cmds[0].Args
		if id, ok := args[0].(*parse.IdentifierNode); ok && (id.Ident == fnZero || id.Ident == fnNonZero) {
			if f, ok := args[1].(*parse.FieldNode); ok {
				c.figure(f)
				return
			}
		}
	}
	c.errs.Add(c.at(int(p.Position())), "expected a condition %s .名称 or %s .名称, found {{if %s}}", fnZero, fnNonZero, p)
}

// single returns the field a pipeline is, if it is one and only one.
func (c *checker) single(p *parse.PipeNode) *parse.FieldNode {
	if len(p.Decl) > 0 || len(p.Cmds) != 1 || len(p.Cmds[0].Args) != 1 {
		return nil
	}
	f, _ := p.Cmds[0].Args[0].(*parse.FieldNode)
	return f
}

// figure checks that a field names a figure, part by part, reporting the
// first part that does not exist at its own place.
func (c *checker) figure(f *parse.FieldNode) {
	off := int(f.Pos)
	if len(f.Ident) > 1 {
		off -= len(f.Ident[0]) + 1 // the parser places a chain at its second part
	}
	first := off + 1
	n := c.names
	var path []string
	for _, part := range f.Ident {
		off++ // the dot
		next := n.children[part]
		if next == nil {
			under := "the top"
			if len(path) > 0 {
				under = strings.Join(path, ".")
			}
			c.errs.Add(c.at(off), "expected a figure name under %s (%s), found %q%s", under, listNames("", n.order), part, suggest(part, n.order))
			return
		}
		path = append(path, part)
		n = next
		off += len(part)
	}
	if n.fig == nil {
		c.errs.Add(c.at(first), "expected a figure, found the group %s; write one of %s", strings.Join(path, "."), listNames(strings.Join(path, ".")+".", n.order))
	}
}

// maxNamesListed is how many names of a group a mistake lists. A group
// can hold a county's hundreds of units, and a summary can cite a wrong
// name thousands of times: listing every name in every mistake made the
// mistakes grow as the two multiplied. The suggestion names the likely
// one.
const maxNamesListed = 20

// listNames lists names, each after prefix: the first maxNamesListed of
// them, and how many more there are.
func listNames(prefix string, names []string) string {
	var b strings.Builder
	for i, n := range names[:min(len(names), maxNamesListed)] {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(prefix + n)
	}
	if more := len(names) - maxNamesListed; more > 0 {
		fmt.Fprintf(&b, " and %d more", more)
	}
	return b.String()
}

func suggest(part string, names []string) string {
	// A name one or two edits away, but not most of a short one: 全镇
	// is not a slip for 否决.
	best, dist := "", min(3, max(2, utf8.RuneCountInString(part)/2+1))
	for _, n := range names {
		if d := record.EditDistanceWithin(part, n, dist); d < dist {
			best, dist = n, d
		}
	}
	if best == "" {
		return ""
	}
	return fmt.Sprintf("; did you mean %q?", best)
}

// mark is a figure as the template sees it: printed, it leaves a marker
// the paragraphs are split at.
type mark struct {
	i   int
	fig *Figure
}

func (m *mark) String() string {
	return string(markOpen) + strconv.Itoa(m.i) + string(markClose)
}

// execute fills the template in. Names were checked: the data holds every
// name the template uses.
func execute(tree *parse.Tree, names *node) (string, []*Figure, error) {
	var cited []*Figure
	index := map[*Figure]int{}
	var data func(n *node) any
	data = func(n *node) any {
		if n.fig != nil && len(n.children) == 0 {
			i, ok := index[n.fig]
			if !ok {
				i = len(cited)
				index[n.fig] = i
				cited = append(cited, n.fig)
			}
			return &mark{i: i, fig: n.fig}
		}
		m := make(map[string]any, len(n.children))
		for k, c := range n.children {
			m[k] = data(c)
		}
		return m
	}
	// Marks are made as the data is built: number the cited ones again
	// in the order the text prints them.
	t := template.New("正文").Option("missingkey=error").Funcs(template.FuncMap{
		fnZero:    func(m *mark) bool { return m.fig.IsZero() },
		fnNonZero: func(m *mark) bool { return !m.fig.IsZero() && !m.fig.Missing },
	})
	if _, err := t.AddParseTree("正文", tree); err != nil {
		return "", nil, err
	}
	w := &limited{max: maxOutput}
	if err := t.Execute(w, data(names)); err != nil {
		return "", nil, err
	}
	if w.over {
		return "", nil, fmt.Errorf("more than %d bytes", maxOutput)
	}
	out, order := renumber(w.b.String(), cited)
	return out, order, nil
}

// renumber numbers the marks of out in the order they appear, and
// returns the figures in that order, each once.
func renumber(out string, figs []*Figure) (string, []*Figure) {
	var order []*Figure
	seen := map[int]int{}
	var b strings.Builder
	for {
		i := strings.IndexRune(out, markOpen)
		if i < 0 {
			b.WriteString(out)
			break
		}
		j := strings.IndexRune(out[i:], markClose)
		k, _ := strconv.Atoi(out[i+len(string(markOpen)) : i+j])
		n, ok := seen[k]
		if !ok {
			n = len(order)
			seen[k] = n
			order = append(order, figs[k])
		}
		b.WriteString(out[:i])
		b.WriteString((&mark{i: n}).String())
		out = out[i+j+len(string(markClose)):]
	}
	return b.String(), order
}

type limited struct {
	b    strings.Builder
	max  int
	over bool
}

var errTooLong = errors.New("the filled-in text is too long")

func (w *limited) Write(p []byte) (int, error) {
	if w.b.Len()+len(p) > w.max {
		w.over = true
		return 0, errTooLong
	}
	return w.b.Write(p)
}

var (
	heading1 = regexp.MustCompile(`^[一二三四五六七八九十]+、`)
	heading2 = regexp.MustCompile(`^（[一二三四五六七八九十]+）`)
)

// paragraphs splits filled-in text into paragraphs: a blank line ends
// one; a line that starts 一、 or （一） is a heading of its own; the
// lines of a paragraph are joined as written (Chinese needs no space).
func paragraphs(out string, figs []*Figure, through string) []Para {
	var paras []Para
	var cur []string
	flush := func(level int) {
		if len(cur) > 0 {
			paras = append(paras, Para{Level: level, Parts: oneNote(parts(strings.Join(cur, ""), figs, through))})
			cur = nil
		}
	}
	for _, line := range strings.Split(out, "\n") {
		line = strings.TrimSpace(line)
		switch {
		case line == "":
			flush(0)
		case heading1.MatchString(line), heading2.MatchString(line):
			flush(0)
			cur = []string{line}
			level := 1
			if heading2.MatchString(line) {
				level = 2
			}
			flush(level)
		default:
			cur = append(cur, line)
		}
	}
	flush(0)
	return paras
}

// oneNote keeps a note that several figures of a paragraph share on the
// last of them only: 应报187份，按时163份（12月月报未到报送期限）, not the
// note after each.
func oneNote(ps []Part) []Part {
	for i := range ps {
		if ps[i].Note == "" {
			continue
		}
		for j := i + 1; j < len(ps); j++ {
			if ps[j].Figure != nil && ps[j].Note == ps[i].Note {
				ps[i].Note = ""
				break
			}
		}
	}
	return ps
}

// parts splits a paragraph at its figures' marks.
func parts(s string, figs []*Figure, through string) []Part {
	var out []Part
	for {
		i := strings.IndexRune(s, markOpen)
		if i < 0 {
			break
		}
		j := strings.IndexRune(s[i:], markClose)
		k, _ := strconv.Atoi(s[i+len(string(markOpen)) : i+j])
		if i > 0 {
			out = append(out, Part{Text: s[:i]})
		}
		f := figs[k]
		p := Part{Figure: f, Note: own(f, through)}
		s = s[i+j+len(string(markClose)):]
		if f.Unit != "" && strings.HasPrefix(s, f.Unit) {
			p.Unit, s = f.Unit, s[len(f.Unit):]
		}
		out = append(out, p)
	}
	if s != "" {
		out = append(out, Part{Text: s})
	}
	return out
}
