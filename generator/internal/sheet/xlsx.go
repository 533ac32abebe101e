package sheet

import (
	"fmt"
	"io"
	"strings"
	"unicode"

	"github.com/xuri/excelize/v2"

	"gongshi/generator/internal/diag"
	"gongshi/generator/internal/record"
)

// workbook writes a template: excelize calls with the first error kept,
// shared styles, and column widths that fit what is written.
type workbook struct {
	f      *excelize.File
	err    error
	styles map[string]int
	widths map[string]map[int]int // sheet → column → display width
}

func newWorkbook() *workbook {
	return &workbook{f: excelize.NewFile(), styles: map[string]int{}, widths: map[string]map[int]int{}}
}

func (w *workbook) do(fn func() error) {
	if w.err == nil {
		w.err = fn()
	}
}

// addSheet adds a worksheet; the first replaces the default Sheet1.
func (w *workbook) addSheet(name string) {
	if len(w.widths) == 0 {
		w.do(func() error { return w.f.SetSheetName("Sheet1", name) })
	} else {
		w.do(func() error { _, err := w.f.NewSheet(name); return err })
	}
	w.widths[name] = map[int]int{}
}

var thin = []excelize.Border{
	{Type: "left", Color: "999999", Style: 1},
	{Type: "top", Color: "999999", Style: 1},
	{Type: "right", Color: "999999", Style: 1},
	{Type: "bottom", Color: "999999", Style: 1},
}

// Cell styles. Locked cells are grey; the clerk types into white ones.
const (
	stTitle  = "title"
	stTag    = "tag"
	stHead   = "head"
	stFixed  = "fixed"  // locked text: ids, names, posts
	stInput  = "input"  // unlocked text
	stNumber = "number" // unlocked number
	stDate   = "date"   // unlocked date, shown 2026-04-03
	stFixedN = "fixedn" // locked number (a formula's result)
	stFixedD = "fixedd" // locked date
	stWrap   = "wrap"   // locked text that wraps (the scheme's rules)
	stFixedW = "fixedw" // locked text that wraps, grey
	stFixedP = "fixedp" // locked percentage (a formula's result), grey
)

func (w *workbook) style(name string) int {
	if id, ok := w.styles[name]; ok {
		return id
	}
	grey := excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"EEEEEE"}}
	dateFmt := "yyyy-mm-dd"
	locked := &excelize.Protection{Locked: true}
	open := &excelize.Protection{Locked: false}
	var s *excelize.Style
	switch name {
	case stTitle:
		s = &excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}, Protection: locked}
	case stTag:
		s = &excelize.Style{Font: &excelize.Font{Size: 9, Color: "666666"}, Protection: locked}
	case stHead:
		s = &excelize.Style{Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDDDDD"}},
			Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}, Border: thin, Protection: locked}
	case stFixed:
		s = &excelize.Style{Fill: grey, Border: thin, Protection: locked}
	case stFixedN:
		s = &excelize.Style{Fill: grey, Border: thin, Protection: locked, Alignment: &excelize.Alignment{Horizontal: "right"}}
	case stFixedD:
		s = &excelize.Style{Fill: grey, Border: thin, Protection: locked, CustomNumFmt: &dateFmt}
	case stWrap:
		s = &excelize.Style{Border: thin, Protection: locked, Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}}
	case stFixedW:
		s = &excelize.Style{Fill: grey, Border: thin, Protection: locked, Alignment: &excelize.Alignment{WrapText: true, Vertical: "center"}}
	case stFixedP:
		pct := "0.0%"
		s = &excelize.Style{Fill: grey, Border: thin, Protection: locked, CustomNumFmt: &pct}
	case stInput:
		s = &excelize.Style{Border: thin, Protection: open}
	case stNumber:
		s = &excelize.Style{Border: thin, Protection: open, Alignment: &excelize.Alignment{Horizontal: "right"}}
	case stDate:
		s = &excelize.Style{Border: thin, Protection: open, CustomNumFmt: &dateFmt}
	default:
		panic("sheet: no style " + name)
	}
	var id int
	w.do(func() (err error) { id, err = w.f.NewStyle(s); return err })
	w.styles[name] = id
	return id
}

func ref(row, col int) string { return diag.ColumnName(col) + fmt.Sprint(row) }

func (w *workbook) styleCell(sheet string, row, col int, style string) {
	r := ref(row, col)
	w.do(func() error { return w.f.SetCellStyle(sheet, r, r, w.style(style)) })
}

// text writes a text cell. Widths follow the text unless fit is false (a
// title spanning columns).
func (w *workbook) text(sheet string, row, col int, s, style string) {
	r := ref(row, col)
	w.do(func() error { return w.f.SetCellStr(sheet, r, s) })
	w.styleCell(sheet, row, col, style)
	if style != stTitle && style != stTag {
		w.fit(sheet, col, s)
	}
}

// number writes a numeric cell from its decimal text: the file holds the
// text itself, so no float64 stands between the record and the sheet.
func (w *workbook) number(sheet string, row, col int, decimalText, style string) {
	r := ref(row, col)
	w.do(func() error { return w.f.SetCellDefault(sheet, r, decimalText) })
	w.styleCell(sheet, row, col, style)
	w.fit(sheet, col, decimalText)
}

// date writes a date cell as Excel stores dates, a day number shown
// yyyy-mm-dd, so that the clerk's own dates and these sort together.
func (w *workbook) date(sheet string, row, col int, d record.Date, style string) {
	if d.IsZero() {
		w.styleCell(sheet, row, col, style)
		return
	}
	r := ref(row, col)
	w.do(func() error { return w.f.SetCellDefault(sheet, r, fmt.Sprint(serialOf(d))) })
	w.styleCell(sheet, row, col, style)
	w.fit(sheet, col, "2026-04-03")
}

func (w *workbook) formula(sheet string, row, col int, formula, style string) {
	r := ref(row, col)
	w.do(func() error { return w.f.SetCellFormula(sheet, r, formula) })
	w.styleCell(sheet, row, col, style)
}

// fit widens a column to show s: Chinese characters take two units.
func (w *workbook) fit(sheet string, col int, s string) {
	width := 0
	for _, line := range strings.Split(s, "\n") {
		n := 0
		for _, r := range line {
			if r > unicode.MaxLatin1 {
				n += 2
			} else {
				n++
			}
		}
		width = max(width, n)
	}
	if width > w.widths[sheet][col] {
		w.widths[sheet][col] = width
	}
}

// title writes the title (row 1) and the tag with instructions (row 2)
// across the sheet's columns.
func (w *workbook) title(sheet string, cols int, title string, t tag, note string) {
	w.text(sheet, 1, 1, title, stTitle)
	w.text(sheet, tagRow, 1, t.String()+" "+note, stTag)
	last := ref(1, max(cols, 1))
	w.do(func() error { return w.f.MergeCell(sheet, "A1", last) })
	w.do(func() error { return w.f.MergeCell(sheet, ref(tagRow, 1), ref(tagRow, max(cols, 1))) })
	w.do(func() error { return w.f.SetRowHeight(sheet, 1, 24) })
	lines := 1 + utf8Width(note)/(max(cols, 4)*10)
	w.do(func() error { return w.f.SetRowHeight(sheet, tagRow, float64(14*lines)) })
	w.do(func() error {
		return w.f.SetCellStyle(sheet, ref(tagRow, 1), ref(tagRow, 1), w.wrapTag())
	})
}

func (w *workbook) wrapTag() int {
	if id, ok := w.styles["tagwrap"]; ok {
		return id
	}
	var id int
	w.do(func() (err error) {
		id, err = w.f.NewStyle(&excelize.Style{Font: &excelize.Font{Size: 9, Color: "666666"},
			Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}, Protection: &excelize.Protection{Locked: true}})
		return err
	})
	w.styles["tagwrap"] = id
	return id
}

func utf8Width(s string) int {
	n := 0
	for _, r := range s {
		if r > unicode.MaxLatin1 {
			n += 2
		} else {
			n++
		}
	}
	return n
}

// header writes a header row (row 3); a header's second line (after \n)
// says what to write.
func (w *workbook) header(sheet string, heads []string) {
	for i, h := range heads {
		w.text(sheet, headRow, i+1, h, stHead)
	}
	w.do(func() error { return w.f.SetRowHeight(sheet, headRow, 34) })
}

const (
	headRow  = 3
	firstRow = 4 // the first row of data
)

// validate adds a data validation to a range of a column.
func (w *workbook) validate(sheet string, col, from, to int, set func(dv *excelize.DataValidation) error, title, msg string) {
	if to < from {
		return
	}
	dv := excelize.NewDataValidation(true)
	dv.Sqref = ref(from, col) + ":" + ref(to, col)
	w.do(func() error { return set(dv) })
	dv.SetError(excelize.DataValidationErrorStyleStop, title, msg)
	dv.SetInput(title, msg)
	w.do(func() error { return w.f.AddDataValidation(sheet, dv) })
}

func between(lo, hi string, t excelize.DataValidationType) func(*excelize.DataValidation) error {
	return func(dv *excelize.DataValidation) error {
		return dv.SetRange(lo, hi, t, excelize.DataValidationOperatorBetween)
	}
}

func atLeast(lo string, t excelize.DataValidationType) func(*excelize.DataValidation) error {
	return func(dv *excelize.DataValidation) error {
		return dv.SetRange(lo, lo, t, excelize.DataValidationOperatorGreaterThanOrEqual)
	}
}

// custom validates with a formula, written for the range's first cell.
func custom(formula string) func(*excelize.DataValidation) error {
	return func(dv *excelize.DataValidation) error {
		dv.Type = "custom"
		dv.Formula1 = xmlText.Replace(formula) // excelize writes it into the XML as it is
		return nil
	}
}

var xmlText = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")

func choices(items ...string) func(*excelize.DataValidation) error {
	return func(dv *excelize.DataValidation) error { return dv.SetDropList(items) }
}

func listFrom(sheet string, col, n int) func(*excelize.DataValidation) error {
	return func(dv *excelize.DataValidation) error {
		dv.SetSqrefDropList(fmt.Sprintf("'%s'!$%s$1:$%s$%d", sheet, diag.ColumnName(col), diag.ColumnName(col), max(n, 1)))
		return nil
	}
}

// finish sets the widths, freezes the header, protects every sheet (the
// clerk can lift the protection from the menu: there is no password, it
// guards against slips, not people) and writes the file.
func (w *workbook) finish(out io.Writer, freeze map[string][2]int, protect map[string]excelize.SheetProtectionOptions) error {
	for sheet, cols := range w.widths {
		for col, width := range cols {
			c := diag.ColumnName(col)
			wd := float64(min(max(width+2, 6), 60))
			w.do(func() error { return w.f.SetColWidth(sheet, c, c, wd) })
		}
	}
	for sheet, at := range freeze {
		w.do(func() error {
			return w.f.SetPanes(sheet, &excelize.Panes{Freeze: true, XSplit: at[1], YSplit: at[0],
				TopLeftCell: ref(at[0]+1, at[1]+1), ActivePane: "bottomRight"})
		})
	}
	for sheet, opts := range protect {
		o := opts
		w.do(func() error { return w.f.ProtectSheet(sheet, &o) })
	}
	w.f.SetActiveSheet(0)
	if w.err != nil {
		return fmt.Errorf("sheet: %w", w.err)
	}
	if err := w.f.Write(out); err != nil {
		return fmt.Errorf("sheet: %w", err)
	}
	return w.f.Close()
}

// entryProtection lets the clerk fill, sort and filter the unlocked cells
// and resize columns, nothing else.
var entryProtection = excelize.SheetProtectionOptions{
	SelectLockedCells: true, SelectUnlockedCells: true, FormatColumns: true, FormatRows: true, AutoFilter: true,
}

// listProtection also lets rows be deleted, for lists of entries.
var listProtection = excelize.SheetProtectionOptions{
	SelectLockedCells: true, SelectUnlockedCells: true, FormatColumns: true, FormatRows: true, AutoFilter: true,
	DeleteRows: true, Sort: true,
}

var readOnly = excelize.SheetProtectionOptions{SelectLockedCells: true, SelectUnlockedCells: true, FormatColumns: true}
