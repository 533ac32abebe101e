package export

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"gongshi/generator/internal/assess"
)

// Payroll is the list the finance bureau pays from.
type Payroll struct {
	Title string // 朝天镇2026年第一季度绩效工资发放表
	Organ string // 朝天镇人民政府
	Rows  []Row
	Total assess.Fen // Σ Rows' amounts
}

// Row is one person paid.
type Row struct {
	Name   string
	Amount assess.Fen
}

// FromAssess is the payroll of a quarter: everyone paid, in the notice's
// order; people paid nothing (unqualified) are not on it. Its total is the
// quarter's total paid.
func FromAssess(r *assess.Result) Payroll {
	p := Payroll{
		Title: strings.TrimSuffix(r.Notice.Title, "绩效考核结果公示") + "绩效工资发放表",
		Organ: r.Notice.Organ,
	}
	for _, a := range r.People {
		if a.Pay > 0 {
			p.Rows = append(p.Rows, Row{Name: a.Person.Name, Amount: a.Pay})
			p.Total += a.Pay
		}
	}
	return p
}

const (
	sheetName  = "绩效工资"
	headNo     = "序号"
	headName   = "姓名"
	headAmount = "金额（元）"
	totalLabel = "合计"
	// amountFormat shows 1,702.50; the cell holds the number itself.
	amountFormat = "#,##0.00"
)

// WriteCSV writes the payroll as CSV for Excel and WPS: UTF-8 with a byte
// order mark (without it they read Chinese as GBK), CRLF line ends, amounts
// as plain numbers (1702.50), a total row last.
func WriteCSV(w io.Writer, p Payroll) error {
	bw := bufio.NewWriter(w)
	if _, err := bw.WriteString("\uFEFF"); err != nil {
		return err
	}
	cw := csv.NewWriter(bw)
	cw.UseCRLF = true
	records := [][]string{{headNo, headName, headAmount}}
	for i, r := range p.Rows {
		records = append(records, []string{strconv.Itoa(i + 1), csvText(r.Name), r.Amount.Plain()})
	}
	records = append(records, []string{"", totalLabel, p.Total.Plain()})
	if err := cw.WriteAll(records); err != nil {
		return fmt.Errorf("export: csv: %w", err)
	}
	return bw.Flush()
}

// csvText is a text cell as a CSV file is to hold it: one that Excel or
// WPS would read as a formula (=HYPERLINK(…), +, -, @, or a tab or CR
// first) starts with a single quote, which they show as text (OWASP,
// CSV injection). A workbook's text cells are text whatever they hold.
func csvText(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// WriteXLSX writes the payroll as a workbook with one sheet: a title row,
// a header, one row per person and a total row. Amounts are numeric cells
// written from their exact decimal text (1702.50), never through float64,
// and shown with thousands separators.
func WriteXLSX(w io.Writer, p Payroll) (err error) {
	f := excelize.NewFile()
	defer func() {
		if cerr := f.Close(); err == nil && cerr != nil {
			err = fmt.Errorf("export: xlsx: %w", cerr)
		}
	}()
	x := &sheet{f: f}
	x.do(func() error { return f.SetSheetName("Sheet1", sheetName) })
	format := amountFormat
	title := x.style(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}, Alignment: &excelize.Alignment{Horizontal: "center"}})
	head := x.style(&excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: &excelize.Alignment{Horizontal: "center"}, Border: borders})
	text := x.style(&excelize.Style{Border: borders})
	amount := x.style(&excelize.Style{CustomNumFmt: &format, Border: borders})
	total := x.style(&excelize.Style{Font: &excelize.Font{Bold: true}, CustomNumFmt: &format, Border: borders})
	totalText := x.style(&excelize.Style{Font: &excelize.Font{Bold: true}, Border: borders})

	x.set("A1", p.Title, title)
	x.do(func() error { return f.MergeCell(sheetName, "A1", "C1") })
	x.set("A2", headNo, head)
	x.set("B2", headName, head)
	x.set("C2", headAmount, head)
	row := 3
	for i, r := range p.Rows {
		x.number(cell("A", row), strconv.Itoa(i+1), text)
		x.set(cell("B", row), r.Name, text)
		x.number(cell("C", row), r.Amount.Plain(), amount)
		row++
	}
	x.set(cell("A", row), "", totalText)
	x.set(cell("B", row), totalLabel, totalText)
	x.number(cell("C", row), p.Total.Plain(), total)
	x.do(func() error { return f.SetColWidth(sheetName, "A", "A", 8) })
	x.do(func() error { return f.SetColWidth(sheetName, "B", "B", 16) })
	x.do(func() error { return f.SetColWidth(sheetName, "C", "C", 16) })
	if x.err != nil {
		return fmt.Errorf("export: xlsx: %w", x.err)
	}
	if err := f.Write(w); err != nil {
		return fmt.Errorf("export: xlsx: %w", err)
	}
	return nil
}

var borders = []excelize.Border{
	{Type: "left", Color: "000000", Style: 1},
	{Type: "top", Color: "000000", Style: 1},
	{Type: "right", Color: "000000", Style: 1},
	{Type: "bottom", Color: "000000", Style: 1},
}

func cell(col string, row int) string { return col + strconv.Itoa(row) }

// sheet keeps the first error of a run of excelize calls.
type sheet struct {
	f   *excelize.File
	err error
}

func (x *sheet) do(fn func() error) {
	if x.err == nil {
		x.err = fn()
	}
}

func (x *sheet) style(s *excelize.Style) int {
	var id int
	x.do(func() (err error) { id, err = x.f.NewStyle(s); return err })
	return id
}

func (x *sheet) set(ref, s string, style int) {
	x.do(func() error { return x.f.SetCellStr(sheetName, ref, s) })
	x.do(func() error { return x.f.SetCellStyle(sheetName, ref, ref, style) })
}

// number writes a numeric cell from its decimal text: excelize stores the
// text as the cell's value with no type, which spreadsheets read as a
// number, so no binary floating point stands between the fen and the file.
func (x *sheet) number(ref, decimalText string, style int) {
	x.do(func() error { return x.f.SetCellDefault(sheetName, ref, decimalText) })
	x.do(func() error { return x.f.SetCellStyle(sheetName, ref, ref, style) })
}
