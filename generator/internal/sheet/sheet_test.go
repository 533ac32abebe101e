package sheet

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"gongshi/generator/internal/assess"
	"gongshi/generator/internal/diag"
	"gongshi/generator/internal/record"
)

// sample reads this project's sample records, as a commit would hold them.
func sample(t *testing.T) (*record.Set, Records) {
	t.Helper()
	root := filepath.Join("..", "..", "..")
	files := map[string][]byte{}
	var list []record.File
	err := filepath.WalkDir(filepath.Join(root, record.Dir), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		files[rel] = b
		list = append(list, record.File{Path: rel, Data: b})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	set, errs := record.Decode(list)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	return set, Records{Set: set, SchemaDir: "generator/schema", File: func(p string) ([]byte, bool) {
		b, ok := files[p]
		return b, ok
	}}
}

func quarterOf(set *record.Set, q string) *record.AssessQuarter {
	for i := range set.Assess.Quarters {
		if set.Assess.Quarters[i].Quarter.String() == q {
			return &set.Assess.Quarters[i]
		}
	}
	return nil
}

func assessWorkbook(t *testing.T, set *record.Set, q string) []byte {
	t.Helper()
	quarter, _ := record.ParseQuarter(q)
	tm := &AssessTemplate{Township: set.Township.Name, Set: set, Roster: assess.RosterOf(set, quarter), Existing: quarterOf(set, q)}
	var b bytes.Buffer
	if err := tm.Write(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func importBytes(t *testing.T, name string, data []byte, rs Records) (*Plan, diag.List) {
	t.Helper()
	b, err := Read(name, data)
	if err != nil {
		t.Fatal(err)
	}
	return Import(b, rs)
}

// TestPrefilledScoreWorkbookWritesTheSameFile: the workbook of an existing
// quarter, imported unchanged, writes the quarter's file byte for byte —
// header comments, leave periods and all.
func TestPrefilledScoreWorkbookWritesTheSameFile(t *testing.T) {
	set, rs := sample(t)
	for _, q := range []string{"2026-Q1", "2026-Q2"} {
		t.Run(q, func(t *testing.T) {
			plan, errs := importBytes(t, q+".xlsx", assessWorkbook(t, set, q), rs)
			if len(errs) > 0 {
				t.Fatal(errs)
			}
			want, _ := rs.File("records/assess/" + q + ".yaml")
			if len(plan.Edits) != 1 {
				t.Fatalf("import wrote %v; want one file", plan.Paths())
			}
			ed := plan.Edits[0]
			if ed.Path != "records/assess/"+q+".yaml" || !bytes.Equal(ed.Data, want) {
				t.Errorf("import wrote %s:\n%s\nwant the file as it is:\n%s", ed.Path, ed.Data, want)
			}
			if cs := ed.Changes(nil, nil); len(cs) > 0 {
				t.Errorf("changes: %v", cs)
			}
		})
	}
}

// TestPrefilledRegisterWritesTheSameFile: likewise for a month of the
// safety-report register; the other months stay where they are.
func TestPrefilledRegisterWritesTheSameFile(t *testing.T) {
	set, rs := sample(t)
	for _, m := range []string{"2026-01", "2026-06", "2026-10"} {
		t.Run(m, func(t *testing.T) {
			month, _ := record.ParseMonth(m)
			var b bytes.Buffer
			if err := (&ReportsTemplate{Township: set.Township.Name, Set: set, Month: month}).Write(&b); err != nil {
				t.Fatal(err)
			}
			plan, errs := importBytes(t, m+".xlsx", b.Bytes(), rs)
			if len(errs) > 0 {
				t.Fatal(errs)
			}
			want, _ := rs.File("records/safety/reports/2026.yaml")
			if len(plan.Edits) != 1 {
				t.Fatalf("import wrote %v; want one file", plan.Paths())
			}
			if !bytes.Equal(plan.Edits[0].Data, want) {
				t.Errorf("import wrote:\n%s\nwant the file as it is", plan.Edits[0].Data)
			}
			if cs := plan.Edits[0].Changes(nil, nil); len(cs) > 0 {
				t.Errorf("changes: %v", cs)
			}
		})
	}
}

// fill sets cells of a workbook as a clerk would type them: numbers and
// dates as numbers, text as text.
func fill(t *testing.T, data []byte, sheet string, cells map[string]any) []byte {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	for ref, v := range cells {
		switch v := v.(type) {
		case string:
			err = f.SetCellStr(sheet, ref, v)
		case number:
			err = f.SetCellDefault(sheet, ref, string(v))
		case nil:
			err = f.SetCellDefault(sheet, ref, "")
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	var b bytes.Buffer
	if err := f.Write(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// number is a cell value typed as a number (its decimal text).
type number string

func TestBadCellsAreEachReportedAtTheirCell(t *testing.T) {
	set, rs := sample(t)
	data := assessWorkbook(t, set, "2026-Q3")
	data = fill(t, data, noticeSheet, map[string]any{"B5": number("46300")}) // 2026-10-05
	// 评分: E = 公共职责 (0–30), G = 出勤 (0–10).
	data = fill(t, data, scoresSheet, map[string]any{"G7": "十", "E4": number("31")})
	data = fill(t, data, eventsSheet, map[string]any{
		"A4": "罗斌", "B4": "K01 无故缺勤", "C4": number("46210"), "E4": "2026年7月考勤表",
		"A5": "罗斌", "B5": "K02 迟到早退", "C5": "7月8日", "E5": "2026年7月考勤表",
	})
	_, errs := importBytes(t, "2026-Q3.xlsx", data, rs)
	got := errs.Error()
	errs.Sort()
	got = errs.Error()
	want := strings.Join([]string{
		`2026-Q3.xlsx!计分记录!C5: expected a date like 2026-04-03, found "7月8日"; 请写明年份，如 2026-04-03`,
		`2026-Q3.xlsx!评分!E4: expected a score 0–30 for 公共职责, found "31"`,
		`2026-Q3.xlsx!评分!G7: expected a score 0–10 for 出勤, found "十"`,
	}, "\n")
	if got != want {
		t.Errorf("import mistakes:\n%s\nwant:\n%s", got, want)
	}
}

func TestPersonalNumberInACellIsRefusedWithTheMaskedForm(t *testing.T) {
	set, rs := sample(t)
	data := assessWorkbook(t, set, "2026-Q3")
	data = fill(t, data, noticeSheet, map[string]any{"B5": number("46300")})
	data = fill(t, data, eventsSheet, map[string]any{
		"A4": "罗斌", "B4": "K01 无故缺勤", "C4": number("46210"), "E4": "请假条，身份证号 431123196910075094",
	})
	_, errs := importBytes(t, "2026-Q3.xlsx", data, rs)
	want := `2026-Q3.xlsx!计分记录!E4: expected no ID-card number in 佐证材料, which is published, found one; 公开字段不得写身份证号，如确需写明，写作 43*************094`
	if errs.Error() != want {
		t.Errorf("import mistakes:\n%v\nwant:\n%s", errs, want)
	}
}

func TestWorkbookWithoutATagIsRefused(t *testing.T) {
	_, rs := sample(t)
	f := excelize.NewFile()
	f.SetCellStr("Sheet1", "A1", "姓名")
	var b bytes.Buffer
	f.Write(&b)
	_, errs := importBytes(t, "自制.xlsx", b.Bytes(), rs)
	if len(errs) != 1 || !strings.HasPrefix(errs.Error(), "自制.xlsx: expected a template made by gongshi template") {
		t.Errorf("import of a workbook not made from a template: %v", errs)
	}
}

func TestSchemaRef(t *testing.T) {
	for _, tc := range []struct{ file, dir, want string }{
		{"records/assess/2026-Q2.yaml", "schema", "../../schema/assess-quarters.json"},
		{"records/safety/reports/2026.yaml", "generator/schema", "../../../generator/schema/assess-quarters.json"},
		{"records/township.yaml", "schema", "../schema/assess-quarters.json"},
	} {
		if got := SchemaRef(tc.file, tc.dir, "assess-quarters"); got != tc.want {
			t.Errorf("SchemaRef(%s, %s) = %s; want %s", tc.file, tc.dir, got, tc.want)
		}
	}
}
