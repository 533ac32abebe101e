package sheet

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"

	"gongshi/generator/internal/diag"
)

// Book is a filled-in workbook as read: every worksheet's cells as the raw
// text stored in the file — numbers as written in the XML ("9.5", a date as
// its serial number "46115"), never as displayed and never through float64.
type Book struct {
	Name     string // the file's name, for positions: 2026-Q2-绩效考核评分.xlsx
	Sheets   []*Sheet
	date1904 bool // the workbook counts dates from 1904 (old Mac Excel)
}

// Sheet is one worksheet. Rows[r][c] is the cell at row r+1, column c+1.
type Sheet struct {
	Name string
	Rows [][]string
	book *Book
	tag  tag // from the tag cell, when the sheet came from a template
}

// Cell returns the raw text of a cell (1-based row and column), "" when
// empty.
func (s *Sheet) Cell(row, col int) string {
	if row < 1 || row > len(s.Rows) || col < 1 || col > len(s.Rows[row-1]) {
		return ""
	}
	return s.Rows[row-1][col-1]
}

// Pos is the position of a cell, or of the whole sheet when row is 0.
func (s *Sheet) Pos(row, col int) diag.Pos {
	return diag.Pos{File: s.book.Name, Sheet: s.Name, Line: row, Col: col}
}

// Read reads a workbook (.xlsx) or one sheet saved as CSV (.csv, in UTF-8
// or the GBK/GB18030 that Excel and WPS write on Chinese Windows).
func Read(name string, data []byte) (*Book, error) {
	b := &Book{Name: filepath.Base(name)}
	switch strings.ToLower(filepath.Ext(name)) {
	case ".xlsx", ".xlsm":
		f, err := excelize.OpenReader(bytes.NewReader(data))
		if err != nil {
			return nil, fmt.Errorf("%s: not a workbook Excel or WPS can open: %w", b.Name, err)
		}
		defer f.Close()
		if props, err := f.GetWorkbookProps(); err == nil && props.Date1904 != nil {
			b.date1904 = *props.Date1904
		}
		for _, name := range f.GetSheetList() {
			rows, err := f.GetRows(name, excelize.Options{RawCellValue: true})
			if err != nil {
				return nil, fmt.Errorf("%s!%s: %w", b.Name, name, err)
			}
			b.Sheets = append(b.Sheets, &Sheet{Name: name, Rows: rows, book: b})
		}
	case ".csv":
		text, err := decodeText(data)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", b.Name, err)
		}
		r := csv.NewReader(strings.NewReader(text))
		r.FieldsPerRecord = -1
		r.LazyQuotes = true
		rows, err := r.ReadAll()
		if err != nil {
			return nil, fmt.Errorf("%s: not a CSV file: %w", b.Name, err)
		}
		// A CSV file is one sheet; it is named by its template's tag below.
		b.Sheets = append(b.Sheets, &Sheet{Name: strings.TrimSuffix(b.Name, filepath.Ext(b.Name)), Rows: rows, book: b})
	case ".xls", ".et":
		return nil, fmt.Errorf("%s: an old-format workbook; 请在 Excel 或 WPS 中“另存为” .xlsx 格式后再导入", b.Name)
	default:
		return nil, fmt.Errorf("%s: expected a workbook (.xlsx) or a CSV file (.csv)", b.Name)
	}
	for _, s := range b.Sheets {
		s.tag = tagOf(s)
		if title, ok := partTitles[s.tag.part]; ok && strings.HasSuffix(strings.ToLower(b.Name), ".csv") {
			s.Name = title // a unit's sheet keeps the file's name
		}
	}
	return b, nil
}

// decodeText reads CSV bytes: UTF-8 (with or without a byte order mark),
// else GB18030, a superset of the GBK that "CSV (逗号分隔)" is saved in.
func decodeText(data []byte) (string, error) {
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	if utf8.Valid(data) {
		return string(data), nil
	}
	out, err := simplifiedchinese.GB18030.NewDecoder().Bytes(data)
	if err != nil {
		return "", fmt.Errorf("expected text in UTF-8 or GBK, found neither: %w", err)
	}
	return string(out), nil
}

// tag identifies the template a sheet was made from. It is written in the
// sheet's second row, "〔gongshi assess 2026-Q2 events〕 …", which a sheet
// saved as CSV keeps too.
type tag struct {
	kind   string // assess, reports, targets
	period string // 2026-Q2, 2026-11, 2026
	part   string // scores, events, notice, rules, reports, options, unit:ID
}

func (t tag) String() string { return "〔gongshi " + t.kind + " " + t.period + " " + t.part + "〕" }

var tagPattern = regexp.MustCompile(`〔gongshi (\S+) (\S+) (\S+)〕`)

const tagRow = 2

func tagOf(s *Sheet) tag {
	m := tagPattern.FindStringSubmatch(s.Cell(tagRow, 1))
	if m == nil {
		return tag{}
	}
	return tag{kind: m[1], period: m[2], part: m[3]}
}

// partTitles name the sheets of the templates.
var partTitles = map[string]string{
	"scores":  "评分",
	"events":  "计分记录",
	"notice":  "公示",
	"rules":   "考核办法",
	"reports": "月报",
	"options": "选项",
}
