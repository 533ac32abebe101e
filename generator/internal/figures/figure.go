package figures

import (
	"math/big"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/shopspring/decimal"

	"gongshi/generator/internal/record"
)

// Figure is one number a report cites.
type Figure struct {
	// Name is how a template names it: the path of its names joined by
	// dots, 安全.隐患.发现.
	Name  string
	Title string // what it counts, in words: 排查发现的事故隐患
	Unit  string // 处, 份, 元, %, 天; "" for a text such as a grade
	Value Value
	// Note says what the figure lacks when its period's records are
	// incomplete (截至2026年11月24日; 截至第三季度，第四季度尚未考核); ""
	// when they are complete.
	Note string
	// Missing is set when the period has no records yet: the figure has
	// no value, only its Note.
	Missing bool
	// Records are the records the figure counts, in a stated order.
	Records []Ref
}

// Text is the figure as a report prints it, without its unit: the value,
// or the note in brackets when there is none.
func (f *Figure) Text() string {
	if f.Missing {
		return "（" + f.Note + "）"
	}
	return f.Value.Text
}

// IsZero reports whether the figure has a value and it is zero.
func (f *Figure) IsZero() bool {
	return !f.Missing && f.Value.Exact != nil && f.Value.Exact.Sign() == 0
}

// Partial reports whether the figure lacks records of its period.
func (f *Figure) Partial() bool { return f.Note != "" }

// Value is a figure's value: exact, and as printed.
type Value struct {
	Exact *big.Rat // nil for a text (a grade, a target such as ≥80%)
	Text  string   // 47; 42036.00; 94.4 (a rate, in percent); 优秀
}

// Count is a whole number.
func Count(n int) Value { return Value{Exact: new(big.Rat).SetInt64(int64(n)), Text: strconv.Itoa(n)} }

// Yuan is an amount of money in fen, printed in yuan to the fen: 42036.00.
func Yuan(fen int64) Value {
	v := Value{Exact: big.NewRat(fen, 100)}
	v.Text = decimal.New(fen, -2).StringFixed(2)
	return v
}

// Decimal is a number as written in the records (万元, points).
func Decimal(d decimal.Decimal) Value { return Value{Exact: d.Rat(), Text: d.String()} }

// Rate is num / den, printed as a percentage rounded half-up to one
// decimal: 688 / 729 → 94.4. ok is false when den is zero.
func Rate(num, den int) (v Value, ok bool) {
	if den == 0 {
		return Value{}, false
	}
	r := big.NewRat(int64(num), int64(den))
	return Value{Exact: r, Text: Percent(r)}, true
}

// Percent prints a fraction as a percentage rounded half-up to one
// decimal, without the sign: 0.9438 → 94.4.
func Percent(r *big.Rat) string {
	return record.RoundHalfUp(new(big.Rat).Mul(r, big.NewRat(100, 1)), 1).StringFixed(1)
}

// Text is a value that is words, not a number.
func Text(s string) Value { return Value{Text: s} }

// Ref names a record a figure counts.
type Ref struct {
	// Kind, ID and File name the record as its change history does
	// (record.Key): the kind tag and id of a record that has one; the
	// kind's name and no id for an item of a list without ids, named by
	// its file.
	Kind string
	ID   string
	File string
	// Label is the record in a few words: 趸船护栏锈蚀松动, 朝天村 2026年3月.
	Label string
	// Detail says how it counts: 逾期12天整改, 迟报3天.
	Detail string
	// Subject is the id of what the record is about, for a link to its
	// page: a hazard's object, a quarter's 2025-Q1, a unit's targets' unit.
	Subject string
}

// Key is a name part made from a record's name: what a template can
// write after a dot (letters, digits and _), the other characters
// dropped: 湘M·B8K05 → 湘MB8K05.
func Key(name string) string {
	k := strings.Map(keep, name)
	if k == "" || unicode.IsDigit([]rune(k)[0]) {
		k = "_" + k
	}
	return k
}

// keep keeps the characters a name part may have.
func keep(r rune) rune {
	if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' {
		return r
	}
	return -1
}

// Group is figures listed under one heading.
type Group struct {
	Title   string
	Slug    string // its anchor and the start of its figures' page names
	Figures []*Figure
}

// Domain is one domain's figures of a year.
type Domain struct {
	Name   string // the first part of its figures' names: 安全
	Title  string // 安全生产
	Slug   string // safety
	Note   string // what the domain's records lack as a whole, if anything
	Groups []*Group
}

// Figures lists the domain's figures in page order.
func (d *Domain) Figures() []*Figure {
	var out []*Figure
	for _, g := range d.Groups {
		out = append(out, g.Figures...)
	}
	return out
}

// builder collects a domain's figures group by group.
type builder struct {
	d     *Domain
	g     *Group
	note  string // the note every figure of the domain carries
	names map[string]bool
}

func newBuilder(name, title, slug, note string) *builder {
	return &builder{d: &Domain{Name: name, Title: title, Slug: slug, Note: note}, note: note, names: map[string]bool{}}
}

func (b *builder) group(title, slug string) {
	b.g = &Group{Title: title, Slug: slug}
	b.d.Groups = append(b.d.Groups, b.g)
}

// add adds the figure of the definition pattern, its 〈…〉 parts filled
// with args (names from the records).
func (b *builder) add(pattern string, v Value, refs []Ref, args ...string) *Figure {
	d := def(b.d.Name, pattern)
	f := &Figure{Name: b.d.Name + "." + fill(d.Pattern, true, args), Title: fill(d.Title, false, args), Unit: d.Unit, Value: v, Note: b.note, Records: refs}
	if b.names[f.Name] {
		return f // two records with one name: the first keeps it
	}
	b.names[f.Name] = true
	b.g.Figures = append(b.g.Figures, f)
	return f
}

// missing adds a figure whose period has no records yet.
func (b *builder) missing(pattern, note string, refs []Ref, args ...string) *Figure {
	f := b.add(pattern, Value{}, refs, args...)
	f.Missing, f.Note = true, note
	return f
}

func (b *builder) done() *Domain {
	b.d.Groups = slices.DeleteFunc(b.d.Groups, func(g *Group) bool { return len(g.Figures) == 0 })
	return b.d
}
