package sheet

import (
	"archive/zip"
	"bytes"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// edit changes a workbook as a clerk would in Excel or WPS.
func edit(t *testing.T, data []byte, change func(f *excelize.File) error) []byte {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if err := change(f); err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := f.Write(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestWorkbookEditedOutOfShapeIsRefusedAtTheCell: what a clerk does to a
// sheet that moves values out of the places the importer reads them
// from, or out of sight, is refused where it shows, never read as a
// default.
func TestWorkbookEditedOutOfShapeIsRefusedAtTheCell(t *testing.T) {
	set, rs := sample(t)
	base := assessWorkbook(t, set, "2026-Q2")
	for _, c := range []struct {
		name   string
		change func(f *excelize.File) error
		want   string
	}{
		{"a score merged across two people's rows", func(f *excelize.File) error {
			f.SetCellDefault(scoresSheet, "E5", "28")
			return f.MergeCell(scoresSheet, "E5", "E6")
		}, "2026-Q2.xlsx!评分!E5: expected one value in each cell, found the cells E5:E6 merged; 请取消合并单元格，每一格分别填写"},
		{"a row hidden", func(f *excelize.File) error { return f.SetRowVisible(scoresSheet, 6, false) },
			"2026-Q2.xlsx!评分!A6: expected every row shown, found row 6 hidden; 请取消隐藏，隐藏的行也会导入"},
		{"a column hidden", func(f *excelize.File) error { return f.SetColVisible(eventsSheet, "E", false) },
			"2026-Q2.xlsx!计分记录!E3: expected every column shown, found column E hidden; 请取消隐藏，隐藏的列也会导入"},
		{"a row inserted above the header", func(f *excelize.File) error { return f.InsertRows(scoresSheet, 3, 1) },
			"2026-Q2.xlsx!评分!A4: expected the header in row 3, found it in row 4; 请不要在表头上方插入或删除行"},
		{"a row inserted above the tag", func(f *excelize.File) error { return f.InsertRows(eventsSheet, 1, 1) },
			"2026-Q2.xlsx!计分记录!A3: expected the template's tag in row 2, found it in row 3; 请不要在表头上方插入或删除行"},
		{"a column renamed", func(f *excelize.File) error {
			_, _, basis := scoreHeads(f)
			return f.SetCellStr(scoresSheet, basis, "依据")
		}, `2026-Q2.xlsx!评分!K3: expected the column "评定依据" here, found "依据"; 请不要移动、删除、插入或改名列，按模板恢复`},
		{"a column deleted", func(f *excelize.File) error { return f.RemoveCol(eventsSheet, "D") },
			`2026-Q2.xlsx!计分记录!D3: expected the column "次数" here, found "佐证材料"; 请不要移动、删除、插入或改名列，按模板恢复`},
		{"a row inserted among the notice's", func(f *excelize.File) error { return f.InsertRows(noticeSheet, 5, 1) },
			`2026-Q2.xlsx!公示!A5: expected "公示日期" in this row, found ""; 请不要插入、删除或移动行`},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, errs := importBytes(t, "2026-Q2.xlsx", edit(t, base, c.change), rs)
			if errs.Error() != c.want {
				t.Errorf("import mistakes:\n%v\nwant:\n%s", errs, c.want)
			}
		})
	}
}

// scoreHeads finds header cells of the 评分 sheet by name.
func scoreHeads(f *excelize.File) (by, note, basis string) {
	rows, _ := f.GetRows(scoresSheet)
	for c, h := range rows[headRow-1] {
		ref, _ := excelize.CoordinatesToCellName(c+1, headRow)
		switch {
		case strings.HasPrefix(h, "评定人"):
			by = ref
		case strings.HasPrefix(h, "备注"):
			note = ref
		case strings.HasPrefix(h, "评定依据"):
			basis = ref
		}
	}
	return by, note, basis
}

// TestWorkbookTooLargeToUnpackIsRefusedBeforeItIs: the parts of an
// .xlsx file are checked in its zip directory before they are unpacked:
// a small file holding one enormous cell is refused as it is.
func TestWorkbookTooLargeToUnpackIsRefusedBeforeItIs(t *testing.T) {
	set, _ := sample(t)
	base := assessWorkbook(t, set, "2026-Q2")
	zr, err := zip.NewReader(bytes.NewReader(base), int64(len(base)))
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, f := range zr.File {
		w, _ := zw.Create(f.Name)
		r, _ := f.Open()
		var part bytes.Buffer
		part.ReadFrom(r)
		if f.Name == "xl/sharedStrings.xml" {
			// one string of 200 MB, which packs to a fraction of a MB
			s := part.String()
			i := strings.Index(s, "<t>")
			w.Write([]byte(s[:i+3]))
			chunk := bytes.Repeat([]byte("x"), 1<<20)
			for range 200 {
				w.Write(chunk)
			}
			w.Write([]byte(s[i+3:]))
			continue
		}
		w.Write(part.Bytes())
	}
	zw.Close()
	if b.Len() > 2<<20 {
		t.Fatalf("the bomb is %d bytes; want it small", b.Len())
	}
	_, err = Read("2026-Q2.xlsx", b.Bytes())
	if err == nil || !strings.Contains(err.Error(), "expected a workbook of at most 64 MiB unpacked") {
		t.Errorf("Read = %v; want the workbook refused for its unpacked size", err)
	}
}

func TestCellAndSheetBeyondTheirLimitsAreRefusedAtTheCell(t *testing.T) {
	set, rs := sample(t)
	base := assessWorkbook(t, set, "2026-Q2")
	for _, c := range []struct {
		name   string
		change func(f *excelize.File) error
		want   string
	}{
		{"a row far down", func(f *excelize.File) error { return f.SetCellStr(eventsSheet, "A20000", "罗斌") },
			"2026-Q2.xlsx!计分记录!A20000: expected at most 10000 rows, found more; 请只保留模板的行"},
		{"a column far right", func(f *excelize.File) error { return f.SetCellStr(eventsSheet, "XFD9", "x") },
			"2026-Q2.xlsx!计分记录!XFD9: expected at most 256 columns, found a value in column XFD; 请只保留模板的列"},
	} {
		t.Run(c.name, func(t *testing.T) {
			b, err := Read("2026-Q2.xlsx", edit(t, base, c.change))
			if err == nil {
				_, errs := Import(b, rs)
				err = errs.Err()
			}
			if err == nil || err.Error() != c.want {
				t.Errorf("import: %v\nwant: %s", err, c.want)
			}
		})
	}
}

func TestLongCellOfACSVSheetIsRefusedAtTheCell(t *testing.T) {
	csv := "序号,姓名\n\"〔gongshi assess 2026-Q2 events〕\"\n姓名,量化指标\n罗斌,K01,," + strings.Repeat("长", 32_768) + "\n"
	_, err := Read("计分记录.csv", []byte(csv))
	if want := "计分记录!D4: expected at most 32767 characters in a cell, found more"; err == nil || !strings.HasSuffix(err.Error(), want) {
		t.Errorf("Read = %v; want …%s", err, want)
	}
}
