package sheet

import (
	"bytes"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"gongshi/generator/internal/record"
)

func targetsWorkbook(t *testing.T, set *record.Set, year int, unit string) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := (&TargetsTemplate{Township: set.Township.Name, Set: set, Year: year, Unit: unit}).Write(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestPrefilledTargetsWorkbookWritesTheSameFiles: a year's workbook,
// imported unchanged, writes every unit's file byte for byte — header
// comments, figures, notes and all — and says nothing changed.
func TestPrefilledTargetsWorkbookWritesTheSameFiles(t *testing.T) {
	set, rs := sample(t)
	for _, year := range []int{2025, 2026} {
		plan, errs := importBytes(t, "targets.xlsx", targetsWorkbook(t, set, year, ""), rs)
		if len(errs) > 0 {
			t.Fatal(errs)
		}
		if len(plan.Edits) != 14 {
			t.Errorf("%d: import wrote %d files; want one per unit (14)", year, len(plan.Edits))
		}
		for _, ed := range plan.Edits {
			want, _ := rs.File(ed.Path)
			if !bytes.Equal(ed.Data, want) {
				t.Errorf("import wrote %s:\n%s\nwant the file as it is:\n%s", ed.Path, ed.Data, want)
			}
			if cs := ed.Changes(nil, nil); len(cs) > 0 {
				t.Errorf("%s changes: %v", ed.Path, cs)
			}
		}
	}
}

// TestTargetFieldsFollowTheRecordTypes: the writer knows every field of
// the unit-target records, in their order, so that none is dropped when a
// file is written again.
func TestTargetFieldsFollowTheRecordTypes(t *testing.T) {
	tags := func(v any) []string {
		var out []string
		rt := reflect.TypeOf(v)
		for i := range rt.NumField() {
			if tag, _, _ := strings.Cut(rt.Field(i).Tag.Get("yaml"), ","); tag != "" {
				out = append(out, tag)
			}
		}
		return out
	}
	if got := tags(record.UnitTargets{}); !slices.Equal(got, unitTargetFields) {
		t.Errorf("record.UnitTargets has fields %v; the writer writes %v", got, unitTargetFields)
	}
	if got := tags(record.TargetIndicator{}); !slices.Equal(got, indicatorFields) {
		t.Errorf("record.TargetIndicator has fields %v; the writer writes %v", got, indicatorFields)
	}
}

func TestTargetsTemplateLayout(t *testing.T) {
	set, _ := sample(t)
	f, err := excelize.OpenReader(bytes.NewReader(targetsWorkbook(t, set, 2026, "baisha")))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); !slices.Equal(got, []string{"白沙村村民委员会", "考核办法"}) {
		t.Errorf("sheets %v; want the unit's, then the rules", got)
	}
	const s = "白沙村村民委员会"
	for ref, want := range map[string]string{
		"A1": "白沙村村民委员会2026年度目标完成情况", "A3": "报送日期", "A4": "数据截至",
		"C5": "考核指标", "I5": "分子\n比率类", "N5": "佐证材料\n报表名称、文号、照片文件名",
		"B6": "V01", "D6": "比率", "E6": "15", "F6": "≥95%", "G6": "按比例（保底值85%）", "H6": "分子：参保人数\n分母：应参保人数",
		"F7": "≤0起", "G7": "达标得满分", "H7": "完成数（起）",
		"F10": "≥6万元", "H13": "是否完成：是 或 否", "F13": "是",
	} {
		if got, _ := f.GetCellValue(s, ref); got != want {
			t.Errorf("%s!%s = %q; want %q", s, ref, got, want)
		}
	}
	if tagText, _ := f.GetCellValue(s, "A2"); !strings.HasPrefix(tagText, "〔gongshi targets 2026 unit:baisha〕") {
		t.Errorf("the tag cell reads %q", tagText)
	}
	locked := func(ref string) bool {
		id, _ := f.GetCellStyle(s, ref)
		st, _ := f.GetStyle(id)
		return st.Protection == nil || st.Protection.Locked
	}
	for _, ref := range []string{"C5", "B6", "E6", "F6", "K6", "L6", "I7", "K13", "M6"} {
		if !locked(ref) {
			t.Errorf("%s is open to typing; want it locked", ref)
		}
	}
	for _, ref := range []string{"D3", "D4", "I6", "J6", "K7", "K10", "L13", "N6", "O6"} {
		if locked(ref) {
			t.Errorf("%s is locked; want it open to typing", ref)
		}
	}
	dvs, _ := f.GetDataValidations(s)
	rules := map[string]string{}
	for _, dv := range dvs {
		rules[dv.Sqref] = dv.Type + " " + dv.Operator + " " + dv.Formula1
	}
	for ref, want := range map[string]string{
		"I6:I6":   "custom  AND(ISNUMBER(I6),I6>=0,OR(ISBLANK(J6),I6<=J6))", // numerator ≥ 0, ≤ denominator
		"J6:J6":   "custom  AND(ISNUMBER(J6),J6>0,OR(ISBLANK(I6),J6>=I6))",  // denominator > 0
		"K7:K7":   "whole greaterThanOrEqual 0",                             // a count
		"K10:K10": "decimal greaterThanOrEqual 0",                           // an amount
		"L13:L13": `list  "是,否"`,                                            // yes/no
	} {
		if got := rules[ref]; got != want {
			t.Errorf("validation of %s: %q; want %q", ref, got, want)
		}
	}
}

// TestTargetFiguresAreWrittenIntoTheUnitsFile: the figures typed into a
// unit's sheet become its file's figures, after the agreement's fields, in
// the record's order; the other units' files are left as they are.
func TestTargetFiguresAreWrittenIntoTheUnitsFile(t *testing.T) {
	set, rs := sample(t)
	data := targetsWorkbook(t, set, 2026, "")
	data = fill(t, data, "白沙村村民委员会", map[string]any{
		"D3": number("46357"), // 2026-12-01
		"I6": number("1980"), "J6": number("2050"), "N6": "县医疗保障局2026年度参保统计表",
		"K7": number("0"), "N7": "朝天镇生产安全事故台账",
		"L13": "是", "N13": "白沙村2026年防汛演练记录", "O13": "6月12日演练",
	})
	plan, errs := importBytes(t, "2026.xlsx", data, rs)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	var changed []string
	var baisha *Edit
	for _, ed := range plan.Edits {
		if len(ed.Changes(nil, nil)) > 0 {
			changed = append(changed, ed.Path)
		}
		if ed.Path == "records/targets/2026/baisha.yaml" {
			baisha = ed
		}
	}
	if !slices.Equal(changed, []string{"records/targets/2026/baisha.yaml"}) {
		t.Fatalf("files changed: %v; want 白沙村's alone", changed)
	}
	got := string(baisha.Data)
	for _, want := range []string{
		"basis: 朝天镇人民政府与白沙村2026年度目标管理责任书\nreported: 2026-12-01\nindicators:\n",
		"    floor: 85\n    evidence: 县医疗保障局2026年度参保统计表\n    numerator: 1980\n    denominator: 2050\n  - code: V02\n",
		"    weight: 20\n    evidence: 朝天镇生产安全事故台账\n    value: 0\n  - code: V03\n",
		"    weight: 10\n    evidence: 白沙村2026年防汛演练记录\n    done: 是\n    note: 6月12日演练\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("白沙村's file lacks\n%s\nin:\n%s", want, got)
		}
	}
	if !strings.HasPrefix(got, "# yaml-language-server: $schema=../../../generator/schema/target-units.json\n# 白沙村2026年度目标管理责任书指标。") {
		t.Errorf("白沙村's file lost its header comments:\n%.200s", got)
	}
}

func TestTargetCellsThatAreNoFiguresAreEachReported(t *testing.T) {
	set, rs := sample(t)
	data := targetsWorkbook(t, set, 2026, "baisha")
	data = fill(t, data, "白沙村村民委员会", map[string]any{
		"D3":  "12月1日",
		"I6":  "九十", // a number in words
		"J12": "３０", // full-width digits
		"K8":  "12次",
		"L13": "完成",
		"F10": "≥5万元", // a grey cell changed
		"B14": "V09",  // an indicator the agreement does not have
		"N14": "村规民约修订",
	})
	_, errs := importBytes(t, "白沙村.xlsx", data, rs)
	errs.Sort()
	want := strings.Join([]string{ // by row, then column
		`白沙村.xlsx!白沙村村民委员会!D3: expected a date like 2026-04-03, found "12月1日"; 请写明年份，如 2026-04-03`,
		`白沙村.xlsx!白沙村村民委员会!I6: expected a number for 参保人数, found "九十"`,
		`白沙村.xlsx!白沙村村民委员会!K8: expected a number for 完成数, found "12次"; 只写数字，写作 12`,
		`白沙村.xlsx!白沙村村民委员会!F10: expected the agreed target ≥6万元, found "≥5万元"; 灰色格子不要改：指标、目标和分值以目标责任书为准，要改请改 records/targets/2026/baisha.yaml`,
		`白沙村.xlsx!白沙村村民委员会!J12: expected a number for 受理件数, found "３０"; 请用半角数字，写作 30`,
		`白沙村.xlsx!白沙村村民委员会!L13: expected 是 or 否, found "完成"; 请从下拉列表选择`,
		`白沙村.xlsx!白沙村村民委员会!B14: expected the code of an indicator of 白沙村村民委员会, found "V09"; 指标以目标责任书为准，要增加或修改指标请改 records/targets/2026/baisha.yaml`,
	}, "\n")
	if got := errs.Error(); got != want {
		t.Errorf("import mistakes:\n%s\nwant:\n%s", got, want)
	}
}

// TestFiguresWithoutTheDayReportedAreRefusedOnce: figures typed without
// the reporting day are one mistake, at the day's cell.
func TestFiguresWithoutTheDayReportedAreRefusedOnce(t *testing.T) {
	set, rs := sample(t)
	data := fill(t, targetsWorkbook(t, set, 2026, "baisha"), "白沙村村民委员会", map[string]any{"K7": number("0"), "N7": "事故台账"})
	_, errs := importBytes(t, "白沙村.xlsx", data, rs)
	want := `白沙村.xlsx!白沙村村民委员会!D3: expected the day the unit reported its figures (报送日期), found none; 填了完成数的，请填写报送日期`
	if errs.Error() != want {
		t.Errorf("import mistakes:\n%v\nwant:\n%s", errs, want)
	}
}

// TestUnitSheetSavedAsCSVImportsLikeTheWorkbook: one unit's sheet saved as
// CSV (as displayed: dates as text, the rate as a percentage) changes
// nothing when imported unchanged, and only that unit's file is written.
func TestUnitSheetSavedAsCSVImportsLikeTheWorkbook(t *testing.T) {
	set, rs := sample(t)
	f, err := excelize.OpenReader(bytes.NewReader(targetsWorkbook(t, set, 2026, "")))
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := f.GetRows("朝天镇卫生院")
	f.Close()
	var b bytes.Buffer
	for _, r := range rows {
		for i, c := range r {
			if i > 0 {
				b.WriteByte(',')
			}
			if strings.ContainsAny(c, ",\"\n") {
				c = `"` + strings.ReplaceAll(c, `"`, `""`) + `"`
			}
			b.WriteString(c)
		}
		b.WriteString("\r\n")
	}
	plan, errs := importBytes(t, "卫生院.csv", b.Bytes(), rs)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if len(plan.Edits) != 1 || plan.Edits[0].Path != "records/targets/2026/wsy.yaml" {
		t.Fatalf("import of the health centre's sheet writes %v", plan.Paths())
	}
	want, _ := rs.File("records/targets/2026/wsy.yaml")
	if !bytes.Equal(plan.Edits[0].Data, want) {
		t.Errorf("import wrote:\n%s\nwant the file as it is", plan.Edits[0].Data)
	}
}
