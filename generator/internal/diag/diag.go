// Package diag reports mistakes in records the way a clerk can act on them:
// one line per mistake, "records/PATH.yaml:LINE:COL: expected …, found …",
// every mistake of a run collected and sorted, like go/scanner's ErrorList.
//
// Lines and columns are 1-based. A column counts characters (Unicode code
// points), not bytes, so a position on a line of Chinese text matches the
// column an editor shows.
package diag

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Pos is a position in a record file. File is the path inside the
// repository, e.g. "records/people/机关.yaml". A zero Line means the whole
// file.
//
// A position in a spreadsheet being imported names its worksheet: Line is
// then the row and Col the column (1 is A), and it prints the way Excel
// names a cell, "2026-Q2.xlsx!计分记录!E7" (or "2026-Q2.xlsx!计分记录" for
// the whole sheet).
type Pos struct {
	File  string
	Line  int
	Col   int
	Sheet string
}

func (p Pos) String() string {
	switch {
	case p.File == "":
		return "-"
	case p.Sheet != "":
		s := p.File + "!" + p.Sheet
		if p.Line > 0 {
			s += "!" + ColumnName(max(p.Col, 1)) + strconv.Itoa(p.Line)
		}
		return s
	case p.Line == 0:
		return p.File
	case p.Col == 0:
		return fmt.Sprintf("%s:%d", p.File, p.Line)
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
}

// IsValid reports whether p names a file.
func (p Pos) IsValid() bool { return p.File != "" }

// ColumnName is a spreadsheet's name for column n (1 is A, 27 is AA).
func ColumnName(n int) string {
	var b []byte
	for ; n > 0; n = (n - 1) / 26 {
		b = append([]byte{byte('A' + (n-1)%26)}, b...)
	}
	return string(b)
}

// Compare orders positions by file, sheet, line and column.
func (p Pos) Compare(q Pos) int {
	if c := strings.Compare(p.File, q.File); c != 0 {
		return c
	}
	if c := strings.Compare(p.Sheet, q.Sheet); c != 0 {
		return c
	}
	if c := cmp.Compare(p.Line, q.Line); c != 0 {
		return c
	}
	return cmp.Compare(p.Col, q.Col)
}

// Error is one mistake in the records.
type Error struct {
	Pos Pos
	Msg string
}

func (e *Error) Error() string { return e.Pos.String() + ": " + e.Msg }

// List collects the mistakes of a run. The zero value is ready to use.
type List []*Error

// Add appends a mistake at pos.
func (l *List) Add(pos Pos, format string, args ...any) {
	*l = append(*l, &Error{Pos: pos, Msg: fmt.Sprintf(format, args...)})
}

// Expected appends the common "expected WHAT, found WHAT" mistake.
func (l *List) Expected(pos Pos, want, found string) {
	l.Add(pos, "expected %s, found %s", want, found)
}

// Append adds every mistake of m.
func (l *List) Append(m List) { *l = append(*l, m...) }

// Sort orders the list by position, then message, and drops exact
// duplicates, so output does not depend on the order checks ran in.
func (l *List) Sort() {
	slices.SortStableFunc(*l, func(a, b *Error) int {
		if c := a.Pos.Compare(b.Pos); c != 0 {
			return c
		}
		return strings.Compare(a.Msg, b.Msg)
	})
	*l = slices.CompactFunc(*l, func(a, b *Error) bool {
		return a.Pos == b.Pos && a.Msg == b.Msg
	})
}

// Len is the number of mistakes.
func (l List) Len() int { return len(l) }

// Error prints one mistake per line.
func (l List) Error() string {
	var b strings.Builder
	for i, e := range l {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	return b.String()
}

// Err returns the sorted list as an error, or nil when it is empty.
func (l List) Err() error {
	if len(l) == 0 {
		return nil
	}
	l.Sort()
	return l
}
