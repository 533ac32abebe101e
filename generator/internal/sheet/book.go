package sheet

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"path/filepath"
	"regexp"
	"strings"
	"unicode/utf8"

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
	// tagAt is the row the tag is in: tagRow, unless rows were inserted
	// or deleted above it.
	tagAt int
	// merged are the ranges of merged cells, hidden the rows and columns
	// not shown: what the clerk cannot see as the importer reads it.
	merged     []cellRange
	hiddenRows []int
	hiddenCols []int
}

// cellRange is a rectangle of cells, from row1, col1 to row2, col2.
type cellRange struct{ row1, col1, row2, col2 int }

func (r cellRange) String() string { return ref(r.row1, r.col1) + ":" + ref(r.row2, r.col2) }

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
	if len(data) > MaxBookSize {
		return nil, fmt.Errorf("%s: expected a file of at most %d MiB, found %d MiB; 文件太大，请只保留模板的各张表", b.Name, MaxBookSize>>20, len(data)>>20)
	}
	switch strings.ToLower(filepath.Ext(name)) {
	case ".xlsx", ".xlsm":
		if err := b.readXLSX(data); err != nil {
			return nil, err
		}
	case ".csv":
		text, err := decodeText(data)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", b.Name, err)
		}
		r := csv.NewReader(strings.NewReader(text))
		r.FieldsPerRecord = -1
		r.LazyQuotes = true
		// A CSV file is one sheet; it is named by its template's tag below.
		s := &Sheet{Name: strings.TrimSuffix(b.Name, filepath.Ext(b.Name)), book: b}
		var errs diag.List
		for {
			row, err := r.Read()
			if err == io.EOF {
				break
			}
			if err != nil {
				return nil, fmt.Errorf("%s: not a CSV file: %w", b.Name, err)
			}
			if !s.bounded(&errs, len(s.Rows)+1, row) {
				return nil, errs
			}
			s.Rows = append(s.Rows, row)
		}
		b.Sheets = append(b.Sheets, s)
	case ".xls", ".et":
		return nil, fmt.Errorf("%s: an old-format workbook; 请在 Excel 或 WPS 中“另存为” .xlsx 格式后再导入", b.Name)
	default:
		return nil, fmt.Errorf("%s: expected a workbook (.xlsx) or a CSV file (.csv)", b.Name)
	}
	for _, s := range b.Sheets {
		s.tag, s.tagAt = tagOf(s)
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

// tagOf reads the sheet's tag from row 2, or from a nearby row of column A
// when rows were inserted or deleted above it (reported by checkLayout).
func tagOf(s *Sheet) (tag, int) {
	for _, row := range []int{tagRow, 1, 3, 4, 5, 6, 7, 8, 9, 10} {
		if m := tagPattern.FindStringSubmatch(s.Cell(row, 1)); m != nil {
			return tag{kind: m[1], period: m[2], part: m[3]}, row
		}
	}
	return tag{}, 0
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
