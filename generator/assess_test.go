package main

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// builtSample builds the sample site once per test and returns its folder.
func builtSample(t *testing.T) (string, string) {
	t.Helper()
	g := sampleRepo(t)
	out := filepath.Join(t.TempDir(), "public")
	if code, _, stderr := gongshi(t, "build", "--repo", g.Dir, "--out", out); code != exitOK {
		t.Fatalf("build exit %d\n%s", code, stderr)
	}
	return g.Dir, out
}

func read(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// text strips tags and collapses spaces, to read a page as a person does.
func text(html string) string {
	s := regexp.MustCompile(`(?s)<[^>]*>`).ReplaceAllString(html, " ")
	return strings.Join(strings.Fields(s), " ")
}

func TestSampleSiteHasTheQ1AssessmentNotice(t *testing.T) {
	_, out := builtSample(t)
	page := text(read(t, filepath.Join(out, "notices", "assess-2026-q1.html")))
	for _, want := range []string{
		"朝天镇2026年第一季度绩效考核结果公示",
		"朝政公〔2026〕6号",
		// The header of the table, item by item with maximum points.
		"序号 姓名 岗位 公共职责 （30分） 岗位职责 （40分） 出勤 （10分） 领导交办工作 （20分） 加分 总分 结果 绩效工资 （元）",
		// 李红梅: 100 + 13.5 bonus = 113.5 points × 15 yuan.
		"李红梅 副镇长（分管农业农村） 30 40 10 20 13.5 113.5 合格 1,702.50",
		"绩效资金总额 39,000.00 元 发放总额 38,932.50 元",
		"结余 67.50 元 人均 1,497.40 元",
		"最高 1,702.50 元 最低 1,200.00 元",
		// Posted on Thursday 2 April; Qingming (4–6 April) is not counted:
		// 3, 7, 8, 9, 10 April are the five working days.
		"公示期 2026年4月2日至2026年4月10日，共5个工作日（张贴当日不计入）",
		"公示期满",
		"朝天镇人民政府 2026年4月2日",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the Q1 notice does not read %q", want)
		}
	}
	q2 := text(read(t, filepath.Join(out, "notices", "assess-2026-q2.html")))
	if !strings.Contains(q2, "曹阳 安全生产监督管理办公室工作人员") || !strings.Contains(q2, "不合格 0.00") {
		t.Errorf("the Q2 notice does not show 曹阳 unqualified with no pay")
	}
	person := text(read(t, filepath.Join(out, "assess", "luo-bin.html")))
	for _, want := range []string{"无故缺勤 K01 1 天 -2 2026年1月考勤表", "出勤 10 7 3 按计分记录"} {
		if !strings.Contains(person, want) {
			t.Errorf("罗斌's page does not read %q:\n%s", want, person)
		}
	}
	home := text(read(t, filepath.Join(out, "index.html")))
	if !strings.Contains(home, "朝天镇2026年第二季度绩效考核结果公示") {
		t.Errorf("the home page does not list the latest notice")
	}
}

func TestExportTotalsEqualTheNotice(t *testing.T) {
	dir, out := builtSample(t)
	page := text(read(t, filepath.Join(out, "notices", "assess-2026-q1.html")))
	m := regexp.MustCompile(`发放总额 ([\d,]+\.\d\d) 元`).FindStringSubmatch(page)
	if m == nil {
		t.Fatal("the notice states no total paid")
	}
	noticeTotal := strings.ReplaceAll(m[1], ",", "")

	exp := t.TempDir()
	if code, _, stderr := gongshi(t, "export", "--repo", dir, "--quarter", "2026-Q1", "--out", exp); code != exitOK {
		t.Fatalf("export exit %d\n%s", code, stderr)
	}
	f, err := os.Open(filepath.Join(exp, "2026-Q1-绩效工资.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	last := rows[len(rows)-1]
	if len(rows) != 28 || last[1] != "合计" || last[2] != noticeTotal {
		t.Errorf("CSV: %d rows, last %q; want 26 people, a header and 合计 %s", len(rows), last, noticeTotal)
	}

	x, err := excelize.OpenFile(filepath.Join(exp, "2026-Q1-绩效工资.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	xrows, err := x.GetRows(x.GetSheetName(0), excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, r := range xrows {
		if len(r) >= 3 && r[1] == "合计" {
			found = true
			if r[2] != noticeTotal && r[2] != strings.TrimRight(strings.TrimRight(noticeTotal, "0"), ".") {
				t.Errorf("XLSX total %q; want %s", r[2], noticeTotal)
			}
		}
	}
	if !found {
		t.Errorf("XLSX has no 合计 row: %q", xrows)
	}
}
