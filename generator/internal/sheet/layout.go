package sheet

import (
	"bytes"
	"slices"
	"strconv"
	"strings"

	"gongshi/generator/internal/assess"
	"gongshi/generator/internal/diag"
	"gongshi/generator/internal/record"
)

// A workbook is read by position: the importer knows which column holds
// what, and which row the header is in, from the template. What a clerk
// does to a sheet in Excel or WPS that moves values out of those places,
// or out of sight, is refused at the cell where it shows, never read as
// a default: rows inserted above the header, columns moved, renamed or
// deleted, cells merged (one score merged across two people's rows gave
// the second full marks and dropped his 评定依据), rows or columns
// hidden.

// headerRows are the header rows of the parts an import reads.
func headerRow(part string) (int, bool) {
	switch {
	case part == "scores" || part == "events" || part == "notice" || part == "reports":
		return headRow, true
	case strings.HasPrefix(part, "unit:"):
		return tgHeadRow, true
	}
	return 0, false
}

// template makes again the template the book was made from, from the
// records, to compare its sheets with: nil when it cannot be made (the
// importer says why).
func template(rs Records, t tag) *Book {
	var b bytes.Buffer
	var err error
	town := rs.Set.Township.Name
	switch t.kind {
	case "assess":
		q, perr := record.ParseQuarter(t.period)
		roster := assess.RosterOf(rs.Set, q)
		if perr != nil || roster == nil {
			return nil
		}
		err = (&AssessTemplate{Township: town, Set: rs.Set, Roster: roster}).Write(&b)
	case "reports":
		m, perr := record.ParseMonth(t.period)
		if perr != nil {
			return nil
		}
		err = (&ReportsTemplate{Township: town, Set: rs.Set, Month: m}).Write(&b)
	case "targets":
		y, perr := strconv.Atoi(t.period)
		if perr != nil {
			return nil
		}
		err = (&TargetsTemplate{Township: town, Set: rs.Set, Year: y}).Write(&b)
	default:
		return nil
	}
	if err != nil {
		return nil
	}
	book, err := Read("template.xlsx", b.Bytes())
	if err != nil {
		return nil
	}
	return book
}

// checkLayout compares each sheet an import reads with the template's.
func checkLayout(b *Book, parts map[string]*Sheet, rs Records, t tag) diag.List {
	var errs diag.List
	tmpl := template(rs, t)
	if tmpl == nil {
		return nil
	}
	want := map[string]*Sheet{}
	for _, s := range tmpl.Sheets {
		want[s.tag.part] = s
	}
	for part, s := range parts {
		if s.tagAt != tagRow {
			errs.Add(s.Pos(s.tagAt, 1), "expected the template's tag in row %d, found it in row %d; 请不要在表头上方插入或删除行", tagRow, s.tagAt)
			continue
		}
		w := want[part]
		head, ok := headerRow(part)
		if w == nil || !ok {
			continue
		}
		errs.Append(s.compareHeader(w, head))
		if part == "notice" {
			errs.Append(s.compareColumn(w, 1, head+1))
		}
		for _, m := range s.merged {
			if m.row2 > tagRow && !slices.Contains(w.merged, m) {
				errs.Add(s.Pos(m.row1, m.col1), "expected one value in each cell, found the cells %s merged; 请取消合并单元格，每一格分别填写", m)
			}
		}
		for _, r := range s.hiddenRows {
			if !slices.Contains(w.hiddenRows, r) {
				errs.Add(s.Pos(r, 1), "expected every row shown, found row %d hidden; 请取消隐藏，隐藏的行也会导入", r)
			}
		}
		for _, c := range s.hiddenCols {
			if !slices.Contains(w.hiddenCols, c) {
				errs.Add(s.Pos(head, c), "expected every column shown, found column %s hidden; 请取消隐藏，隐藏的列也会导入", diag.ColumnName(c))
			}
		}
	}
	return errs
}

// heading is a header cell as compared: its first line, the name of the
// column (the second says what to write, and may be edited).
func heading(s *Sheet, row, col int) string {
	h, _, _ := strings.Cut(s.Cell(row, col), "\n")
	return strings.TrimSpace(h)
}

// compareHeader reports a header that is not in its row, and each column
// of it moved, renamed, deleted or inserted. Columns after the template's
// last are the clerk's own, and are not read.
func (s *Sheet) compareHeader(w *Sheet, head int) diag.List {
	var errs diag.List
	cols := len(rowAt(w, head))
	same := func(row int) bool {
		for c := 1; c <= cols; c++ {
			if heading(s, row, c) != heading(w, head, c) {
				return false
			}
		}
		return true
	}
	if same(head) {
		return nil
	}
	for row := 1; row <= min(len(s.Rows), head+20); row++ {
		if row != head && same(row) {
			errs.Add(s.Pos(row, 1), "expected the header in row %d, found it in row %d; 请不要在表头上方插入或删除行", head, row)
			return errs
		}
	}
	for c := 1; c <= cols; c++ {
		got, want := heading(s, head, c), heading(w, head, c)
		if got == want {
			continue
		}
		found := strconv.Quote(got)
		if got == "" {
			found = "none"
		}
		errs.Add(s.Pos(head, c), "expected the column %q here, found %s; 请不要移动、删除、插入或改名列，按模板恢复", want, found)
		return errs // the columns after it have moved with it
	}
	return errs
}

// compareColumn reports the labels of column col, from row from on, that
// are not where the template has them (a row inserted or deleted).
func (s *Sheet) compareColumn(w *Sheet, col, from int) diag.List {
	var errs diag.List
	for row := from; row <= len(w.Rows); row++ {
		if got, want := heading(s, row, col), heading(w, row, col); got != want {
			errs.Add(s.Pos(row, col), "expected %q in this row, found %q; 请不要插入、删除或移动行", want, got)
			return errs
		}
	}
	return errs
}
