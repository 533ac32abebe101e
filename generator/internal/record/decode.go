package record

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"

	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/lexer"
	"github.com/goccy/go-yaml/parser"
	"github.com/goccy/go-yaml/token"
	"github.com/shopspring/decimal"

	"gongshi/generator/internal/diag"
	"gongshi/generator/internal/guard"
)

// Node records where a decoded mapping and each of its fields stood in its
// file. Every record type embeds one; the decoder fills it.
type Node struct {
	Pos diag.Pos // the mapping (its first key)
	// fields are the fields written, in file order; nil for a node not
	// decoded. A record has a few to a few dozen: a list is smaller and
	// faster than a map, and there are hundreds of thousands of records.
	fields []fieldPos
}

// A Version names one decoding of a record. A Series hands a record that
// did not change on from one Set to the next as a copy, at a new address
// when its kind is gathered again (a file of the kind changed): the copy
// has the record's Version, while a record decoded anew has a new one.
// Memos of what a record gives key it by its Version, which the memo's
// key keeps from being reused for another record.
//
// The zero Version is that of a record with no field written, or not
// decoded (made in Go): such records are not told apart, and a memo
// must not keep what they give.
type Version struct{ first *fieldPos }

// Version returns the record's Version: its first field's place in
// memory, allocated for this decoding alone.
func (n Node) Version() Version {
	if len(n.fields) == 0 {
		return Version{}
	}
	return Version{&n.fields[0]}
}

// IsZero reports whether v is the zero Version.
func (v Version) IsZero() bool { return v.first == nil }

// fieldPos is where a field's value is, in the node's file.
type fieldPos struct {
	name string // as declared: shared, not allocated per record
	line int32
	col  int32 // negative for a block of text (| or >)
}

// At returns the position of a field's value, or of the mapping when the
// field is absent.
func (n Node) At(field string) diag.Pos {
	for _, f := range n.fields {
		if f.name == field {
			return diag.Pos{File: n.Pos.File, Line: int(f.line), Col: int(abs(f.col))}
		}
	}
	return n.Pos
}

// TextLine returns the position of line k (from 1) of a field's text: a
// block of text (written after | or >) starts on the line after its key,
// and its lines have no column here.
func (n Node) TextLine(field string, k int) diag.Pos {
	for _, f := range n.fields {
		if f.name == field && f.col < 0 {
			return diag.Pos{File: n.Pos.File, Line: int(f.line) + k}
		}
	}
	p := n.At(field)
	if k > 1 {
		p.Line, p.Col = p.Line+k-1, 0
	}
	return p
}

func abs(x int32) int32 { return max(x, -x) }

// Has reports whether the field was written in the file.
func (n Node) Has(field string) bool {
	for _, f := range n.fields {
		if f.name == field {
			return true
		}
	}
	return false
}

var (
	nodeType    = reflect.TypeFor[Node]()
	decimalType = reflect.TypeFor[decimal.Decimal]()
)

// scalar is a YAML scalar as the clerk wrote it: decimals and dates are
// decoded from Raw, never through float64.
type scalar struct {
	Raw  string
	Kind scalarKind
	Pos  diag.Pos
	// Style is how a text was written: plain, quoted (so text whatever it
	// reads like), or a block scalar, whose content starts on the line
	// after Pos and is indented by Indent (what maps a place in the text
	// back to the file: Template).
	Style  textStyle
	Indent int
}

type textStyle int

const (
	stylePlain textStyle = iota
	styleQuoted
	styleLiteral // a block kept line by line: |
	styleFolded  // a block whose lines are joined: >
)

type scalarKind int

const (
	kindString scalarKind = iota
	kindInt
	kindFloat
	kindBool
)

// mismatch is what a scalar decoder reports: what it wanted, and a hint
// for the clerk.
type mismatch struct {
	want string
	hint string
}

// scalarDecoder is implemented by record scalar types (Date, IDNumber, …).
type scalarDecoder interface {
	decodeScalar(s scalar) *mismatch
}

// ref is a reference from one record to another, checked once every file
// is decoded.
type ref struct {
	kind string
	id   string
	pos  diag.Pos
}

// decoder turns one file's YAML AST into Go values, collecting mistakes.
type decoder struct {
	file  string
	shift map[int]int // line → column after which one column was inserted by repair
	errs  *diag.List
	refs  *[]ref
	ids   func(kind, id string, pos diag.Pos)
	// comments are the file's comment tokens, kept from the one
	// tokenization for the privacy check.
	comments []*token.Token
}

// parseFile screens the file, repairs the clerk's typical mistakes, parses
// YAML and returns the document body, or nil after reporting why it could
// not.
func (d *decoder) parseFile(data []byte) ast.Node {
	data, ok := d.screen(data)
	if !ok {
		return nil
	}
	fixed, shift := repair(d.file, data, d.errs)
	d.shift = shift
	tokens := lexer.Tokenize(string(fixed))
	if !d.bounded(tokens) {
		return nil
	}
	for _, tk := range tokens {
		if tk.Type == token.CommentType {
			d.comments = append(d.comments, tk)
		}
	}
	f, err := parser.Parse(tokens, 0, parser.AllowDuplicateMapKey())
	if err != nil {
		if se, ok := err.(*syntaxError); ok && se.Token != nil {
			d.errs.Add(d.pos(se.Token), "expected well-formed YAML, found %s", se.Message)
		} else {
			// The parser's own text quotes the file around the mistake:
			// its first line says what is wrong.
			msg, _, _ := strings.Cut(err.Error(), "\n")
			d.errs.Add(diag.Pos{File: d.file, Line: 1, Col: 1}, "expected well-formed YAML, found %s", clip(msg, 200))
		}
		return nil
	}
	var body ast.Node
	for i, doc := range f.Docs {
		if i > 0 && doc.Body != nil {
			d.errs.Add(d.pos(doc.Body.GetToken()), "expected one YAML document per file, found a second after ---")
			break
		}
		if i == 0 {
			body = doc.Body
		}
	}
	body = unwrap(body)
	if body == nil {
		d.errs.Add(diag.Pos{File: d.file, Line: 1, Col: 1}, "expected a mapping of fields, found an empty file")
		return nil
	}
	return body
}

func (d *decoder) pos(tk *token.Token) diag.Pos {
	if tk == nil || tk.Position == nil {
		return diag.Pos{File: d.file}
	}
	line, col := tk.Position.Line, tk.Position.Column
	if after, ok := d.shift[line]; ok && col > after {
		col--
	}
	return diag.Pos{File: d.file, Line: line, Col: col}
}

func (d *decoder) nodePos(n ast.Node) diag.Pos {
	switch n := n.(type) {
	case *ast.MappingNode:
		if len(n.Values) > 0 {
			return d.nodePos(n.Values[0])
		}
	case *ast.MappingValueNode:
		return d.pos(n.Key.GetToken())
	}
	if n == nil {
		return diag.Pos{File: d.file}
	}
	return d.pos(n.GetToken())
}

// unwrap drops comments and tags that carry no value.
func unwrap(n ast.Node) ast.Node {
	for {
		switch v := n.(type) {
		case *ast.CommentGroupNode:
			return nil
		case *ast.TagNode:
			n = v.Value
		case *ast.AnchorNode:
			n = v.Value
		default:
			return n
		}
	}
}

func isNull(n ast.Node) bool {
	n = unwrap(n)
	_, null := n.(*ast.NullNode)
	return n == nil || null
}

// found describes a node for a message, masking private values: error
// output ends up in terminals and CI logs.
func found(n ast.Node, f *fieldInfo) string {
	if f != nil && f.private {
		if s, ok := unwrap(n).(*ast.StringNode); ok {
			return strconv.Quote(Mask(s.Value))
		}
		if t := unwrap(n).GetToken(); t != nil {
			return Mask(t.Value)
		}
	}
	return describe(n)
}

func maskIf(f *fieldInfo, s string) string {
	if f != nil && f.private {
		return Mask(s)
	}
	return s
}

// describe says what a node is, for the "found …" half of a message.
func describe(n ast.Node) string {
	switch n := unwrap(n).(type) {
	case nil, *ast.NullNode:
		return "none"
	case *ast.StringNode:
		return strconv.Quote(n.Value)
	case *ast.LiteralNode:
		return strconv.Quote(n.Value.Value)
	case *ast.IntegerNode, *ast.FloatNode, *ast.InfinityNode, *ast.NanNode:
		return "number " + n.GetToken().Value
	case *ast.BoolNode:
		return n.GetToken().Value
	case *ast.MappingNode, *ast.MappingValueNode:
		return "a mapping"
	case *ast.SequenceNode:
		return "a list"
	case *ast.AliasNode:
		return "an alias *" + n.Value.GetToken().Value
	default:
		return n.Type().String()
	}
}

func pairs(n ast.Node) ([]*ast.MappingValueNode, bool) {
	switch n := unwrap(n).(type) {
	case *ast.MappingNode:
		return n.Values, true
	case *ast.MappingValueNode:
		return []*ast.MappingValueNode{n}, true
	}
	return nil, false
}

// value decodes n into v; info carries the struct field's tags, if any.
func (d *decoder) value(n ast.Node, v reflect.Value, f *fieldInfo) {
	n = unwrap(n)
	if sd, ok := v.Addr().Interface().(scalarDecoder); ok {
		s, ok := d.scalar(n, f)
		if !ok {
			return
		}
		if m := sd.decodeScalar(s); m != nil {
			d.mismatch(s.Pos, f, m, found(n, f))
		}
		return
	}
	switch {
	case v.Type() == decimalType:
		d.decimal(n, v, f)
		return
	case v.Kind() == reflect.Pointer:
		v.Set(reflect.New(v.Type().Elem()))
		d.value(n, v.Elem(), f)
		return
	}
	switch v.Kind() {
	case reflect.Struct:
		d.structure(n, v)
	case reflect.Slice:
		seq, ok := n.(*ast.SequenceNode)
		if !ok {
			d.errs.Expected(d.nodePos(n), "a list of "+f.label(), describe(n))
			return
		}
		s := reflect.MakeSlice(v.Type(), len(seq.Values), len(seq.Values))
		ef := f.elem()
		for i, item := range seq.Values {
			if isNull(item) {
				d.errs.Expected(d.nodePos(item), "a list item", "an empty item")
				continue
			}
			d.value(item, s.Index(i), ef)
		}
		v.Set(s)
	case reflect.Map:
		d.mapping(n, v, f)
	case reflect.String:
		s, ok := d.scalar(n, f)
		if !ok {
			return
		}
		if s.Kind != kindString {
			d.errs.Add(s.Pos, "expected text for %s, found %s; 请加引号，如 \"%s\"", f.label(), found(n, f), maskIf(f, s.Raw))
			return
		}
		if ps := guard.Hygiene(s.Raw); len(ps) > 0 {
			// written as an escape in quotes ("\u200b", "\e"): the file
			// itself has none
			d.mismatch(s.Pos, f, &mismatch{want: "visible text", hint: "请删去这个看不见的字符"}, ps[0].What)
			return
		}
		if m := f.checkString(s.Raw); m != nil {
			d.mismatch(s.Pos, f, m, found(n, f))
			return
		}
		v.SetString(s.Raw)
		if f != nil && f.ref != "" {
			*d.refs = append(*d.refs, ref{kind: f.ref, id: s.Raw, pos: s.Pos})
		}
	case reflect.Int:
		s, ok := d.scalar(n, f)
		if !ok {
			return
		}
		i, err := strconv.Atoi(s.Raw)
		if s.Kind != kindInt || err != nil || !numeric.MatchString(s.Raw) {
			d.mismatch(s.Pos, f, &mismatch{want: "a whole number" + f.rangeText(), hint: numberHint(s)}, strconv.Quote(s.Raw))
			return
		}
		if m := f.checkRange(decimal.NewFromInt(int64(i))); m != nil {
			d.mismatch(s.Pos, f, m, strconv.Quote(s.Raw))
			return
		}
		v.SetInt(int64(i))
	case reflect.Bool:
		s, ok := d.scalar(n, f)
		if !ok {
			return
		}
		if s.Kind != kindBool {
			d.mismatch(s.Pos, f, &mismatch{want: "true or false", hint: boolHint(s.Raw)}, describe(n))
			return
		}
		v.SetBool(s.Raw == "true")
	default:
		panic(fmt.Sprintf("record: cannot decode into %s", v.Type()))
	}
}

func (d *decoder) mismatch(pos diag.Pos, f *fieldInfo, m *mismatch, found string) {
	msg := "expected " + m.want + " for " + f.label() + ", found " + found
	if f == nil || f.name == "" {
		msg = "expected " + m.want + ", found " + found
	}
	if m.hint != "" {
		msg += "; " + m.hint
	}
	d.errs.Add(pos, "%s", msg)
}

// scalar reads a scalar node; anything else is reported.
func (d *decoder) scalar(n ast.Node, f *fieldInfo) (scalar, bool) {
	s := scalar{Pos: d.nodePos(n)}
	switch n := n.(type) {
	case *ast.StringNode:
		s.Raw, s.Kind = n.Value, kindString
		if tk := n.GetToken(); tk != nil && (tk.Type == token.DoubleQuoteType || tk.Type == token.SingleQuoteType) {
			s.Style = styleQuoted
		}
	case *ast.LiteralNode:
		s.Raw, s.Kind = n.Value.Value, kindString
		s.Style = styleLiteral
		if n.Start != nil && strings.HasPrefix(n.Start.Value, ">") {
			s.Style = styleFolded
		}
		if tk := n.Value.GetToken(); tk != nil {
			s.Indent = blockIndent(tk.Origin)
		}
	case *ast.IntegerNode:
		s.Raw, s.Kind = n.GetToken().Value, kindInt
	case *ast.FloatNode:
		s.Raw, s.Kind = n.GetToken().Value, kindFloat
	case *ast.BoolNode:
		s.Raw, s.Kind = strconv.FormatBool(n.Value), kindBool
	default:
		d.errs.Expected(s.Pos, "a single value for "+f.label(), describe(n))
		return s, false
	}
	return s, true
}

// blockIndent is the indentation of a block scalar's content as written:
// that of its first line with anything on it.
func blockIndent(origin string) int {
	for _, l := range strings.Split(origin, "\n") {
		if t := strings.TrimLeft(l, " "); t != "" {
			return len(l) - len(t)
		}
	}
	return 0
}

func (d *decoder) decimal(n ast.Node, v reflect.Value, f *fieldInfo) {
	s, ok := d.scalar(n, f)
	if !ok {
		return
	}
	number := s.Kind == kindInt || s.Kind == kindFloat || s.Kind == kindString && s.Style != styleQuoted && yamlNumber.MatchString(s.Raw)
	if !number {
		d.mismatch(s.Pos, f, &mismatch{want: "a number", hint: digitHint(s.Raw)}, describe(n))
		return
	}
	x, err := decimal.NewFromString(s.Raw)
	if err != nil || !numeric.MatchString(s.Raw) {
		d.mismatch(s.Pos, f, &mismatch{want: "a decimal number like 12.5", hint: numberHint(s)}, strconv.Quote(s.Raw))
		return
	}
	if m := f.checkRange(x); m != nil {
		d.mismatch(s.Pos, f, m, strconv.Quote(s.Raw))
		return
	}
	v.Set(reflect.ValueOf(x))
}

func (d *decoder) mapping(n ast.Node, v reflect.Value, f *fieldInfo) {
	ps, ok := pairs(n)
	if !ok {
		d.errs.Expected(d.nodePos(n), "a mapping for "+f.label(), describe(n))
		return
	}
	m := reflect.MakeMapWithSize(v.Type(), len(ps))
	seen := map[string]diag.Pos{}
	ef := f.elem()
	for _, p := range ps {
		key, kpos, ok := d.key(p)
		if !ok {
			continue
		}
		if first, dup := seen[key]; dup {
			d.errs.Add(kpos, "expected each key once, found a second %q (first at line %d)", key, first.Line)
			continue
		}
		seen[key] = kpos
		if isNull(p.Value) {
			d.errs.Expected(kpos, "a value for "+strconv.Quote(key), "none")
			continue
		}
		e := reflect.New(v.Type().Elem()).Elem()
		d.value(p.Value, e, ef)
		m.SetMapIndex(reflect.ValueOf(key), e)
	}
	v.Set(m)
}

func (d *decoder) key(p *ast.MappingValueNode) (string, diag.Pos, bool) {
	pos := d.pos(p.Key.GetToken())
	switch k := unwrap(p.Key).(type) {
	case *ast.StringNode:
		return k.Value, pos, true
	case *ast.IntegerNode, *ast.FloatNode, *ast.BoolNode:
		return k.GetToken().Value, pos, true
	}
	d.errs.Expected(pos, "a field name", describe(p.Key))
	return "", pos, false
}

// structure decodes a mapping into a record struct.
func (d *decoder) structure(n ast.Node, v reflect.Value) {
	info := infoOf(v.Type())
	ps, ok := pairs(n)
	if !ok {
		d.errs.Expected(d.nodePos(n), "a mapping of fields ("+info.names()+")", describe(n))
		return
	}
	node := Node{Pos: d.nodePos(n), fields: make([]fieldPos, 0, len(ps))}
	keys := map[string]diag.Pos{}
	for _, p := range ps {
		key, kpos, ok := d.key(p)
		if !ok {
			continue
		}
		if first, dup := keys[key]; dup {
			d.errs.Add(kpos, "expected each field once, found a second %q (first at line %d)", key, first.Line)
			continue
		}
		keys[key] = kpos
		f := info.byName[key]
		if f == nil {
			d.errs.Add(kpos, "expected a field of %s (%s), found %q%s", info.title, info.names(), key, info.suggest(key))
			continue
		}
		if isNull(p.Value) {
			continue // an empty value is an absent one
		}
		vp := d.nodePos(p.Value)
		col := int32(vp.Col)
		if _, block := unwrap(p.Value).(*ast.LiteralNode); block {
			col = -col
		}
		node.fields = append(node.fields, fieldPos{name: f.name, line: int32(vp.Line), col: col})
		d.value(p.Value, v.Field(f.index), f)
	}
	if info.node >= 0 {
		v.Field(info.node).Set(reflect.ValueOf(node))
	}
	for _, f := range info.fields {
		written := node.Has(f.name)
		_, present := keys[f.name]
		if f.required && !written {
			if present {
				d.errs.Expected(d.pos(p0(ps, f.name)), fmt.Sprintf("a value for %q", f.name), "none")
			} else {
				d.errs.Add(node.Pos, "expected field %q (%s) in %s, found none", f.name, f.title, info.title)
			}
		}
	}
	for _, f := range info.fields {
		if f.after == "" || !node.Has(f.name) || !node.Has(f.after) {
			continue
		}
		end, _ := v.Field(f.index).Interface().(Date)
		start, _ := v.Field(info.byName[f.after].index).Interface().(Date)
		if end.Before(start) {
			d.errs.Add(node.At(f.name), "expected %s on or after %s %s, found %s", f.name, f.after, start, end)
		}
	}
	if info.id != nil && info.kind != "" {
		if id := v.Field(info.id.index).String(); id != "" {
			d.ids(info.kind, id, node.At(info.id.name))
		}
	}
}

func p0(ps []*ast.MappingValueNode, key string) *token.Token {
	for _, p := range ps {
		if t := p.Key.GetToken(); t != nil && t.Value == key {
			return t
		}
	}
	return nil
}
