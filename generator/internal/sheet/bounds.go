package sheet

import (
	"archive/zip"
	"bytes"
	"fmt"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"gongshi/generator/internal/diag"
)

// A workbook comes from outside: it is checked before it is decoded, so
// that no file makes an import take unbounded memory or time. An .xlsx
// file is a zip of XML: its central directory says how large each part
// is unpacked, before anything is unpacked (a 0.6 MB workbook held one
// cell of 600 MB).

// Limits of a workbook. A county township's score sheet is a few hundred
// rows of a few dozen columns.
const (
	// MaxBookSize is the largest file read.
	MaxBookSize = 20 << 20
	// maxUnpacked bounds the parts of an .xlsx file unpacked, all
	// together; maxRatio how much more a large part may be unpacked than
	// packed (XML packs ten- to twenty-fold; a zip bomb, a thousand-fold).
	maxUnpacked = 64 << 20
	maxRatio    = 100
	maxParts    = 1000
	// maxRows, maxCols and maxCell bound a sheet and a cell (Excel's own
	// limit for a cell's text).
	maxRows = 10_000
	maxCols = 256
	maxCell = 32_767
)

// readXLSX reads the sheets of an .xlsx file, after its parts' sizes.
func (b *Book) readXLSX(data []byte) error {
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return fmt.Errorf("%s: not a workbook Excel or WPS can open: %w", b.Name, err)
	}
	if len(z.File) > maxParts {
		return fmt.Errorf("%s: expected a workbook of at most %d parts, found %d; 请只保留模板的各张表", b.Name, maxParts, len(z.File))
	}
	var total uint64
	for _, f := range z.File {
		total += f.UncompressedSize64
		if total > maxUnpacked {
			return fmt.Errorf("%s: expected a workbook of at most %d MiB unpacked, found more (%s); 表格内容过大", b.Name, maxUnpacked>>20, f.Name)
		}
		if f.UncompressedSize64 > 1<<20 && f.UncompressedSize64 > maxRatio*max(f.CompressedSize64, 1) {
			return fmt.Errorf("%s: expected a workbook whose parts unpack to at most %d times their size, found %s unpacking %d-fold; 表格内容异常", b.Name, maxRatio, f.Name, f.UncompressedSize64/max(f.CompressedSize64, 1))
		}
	}
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: maxUnpacked, UnzipXMLSizeLimit: maxUnpacked})
	if err != nil {
		return fmt.Errorf("%s: not a workbook Excel or WPS can open: %w", b.Name, err)
	}
	defer f.Close()
	if props, err := f.GetWorkbookProps(); err == nil && props.Date1904 != nil {
		b.date1904 = *props.Date1904
	}
	var errs diag.List
	for _, name := range f.GetSheetList() {
		s := &Sheet{Name: name, book: b}
		rows, err := f.Rows(name)
		if err != nil {
			return fmt.Errorf("%s!%s: %w", b.Name, name, err)
		}
		last := 0
		for n := 1; rows.Next(); n++ {
			row, err := rows.Columns(excelize.Options{RawCellValue: true})
			if err != nil {
				rows.Close()
				return fmt.Errorf("%s!%s: %w", b.Name, name, err)
			}
			if len(row) == 0 {
				if n <= maxRows { // further empty rows are formatting only
					s.Rows = append(s.Rows, nil)
				}
				continue
			}
			if !s.bounded(&errs, n, row) {
				rows.Close()
				return errs
			}
			s.Rows = append(s.Rows, row)
			last = n
		}
		rows.Close()
		s.Rows = s.Rows[:last]
		if visible, err := f.GetSheetVisible(name); err == nil && visible {
			s.layout(f)
		}
		b.Sheets = append(b.Sheets, s)
	}
	return nil
}

// bounded reports a row n beyond the sheet's limits, or a cell of it.
func (s *Sheet) bounded(errs *diag.List, n int, row []string) bool {
	if n > maxRows {
		errs.Add(s.Pos(n, 1), "expected at most %d rows, found more; 请只保留模板的行", maxRows)
		return false
	}
	if len(row) > maxCols {
		errs.Add(s.Pos(n, len(row)), "expected at most %d columns, found a value in column %s; 请只保留模板的列", maxCols, diag.ColumnName(len(row)))
		return false
	}
	for c, v := range row {
		if len(v) > maxCell*4 || utf8.RuneCountInString(v) > maxCell {
			errs.Add(s.Pos(n, c+1), "expected at most %d characters in a cell, found more", maxCell)
			return false
		}
	}
	return true
}

// layout reads the merged cells and the hidden rows and columns of the
// sheet's used range.
func (s *Sheet) layout(f *excelize.File) {
	if ms, err := f.GetMergeCells(s.Name, true); err == nil {
		for _, m := range ms {
			c1, r1, err1 := excelize.CellNameToCoordinates(m.GetStartAxis())
			c2, r2, err2 := excelize.CellNameToCoordinates(m.GetEndAxis())
			if err1 == nil && err2 == nil {
				s.merged = append(s.merged, cellRange{r1, c1, r2, c2})
			}
		}
	}
	cols := 0
	for r, row := range s.Rows {
		cols = max(cols, len(row))
		if visible, err := f.GetRowVisible(s.Name, r+1); err == nil && !visible {
			s.hiddenRows = append(s.hiddenRows, r+1)
		}
	}
	for c := 1; c <= cols; c++ {
		if visible, err := f.GetColVisible(s.Name, diag.ColumnName(c)); err == nil && !visible {
			s.hiddenCols = append(s.hiddenCols, c)
		}
	}
}
