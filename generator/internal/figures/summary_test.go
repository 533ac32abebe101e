package figures

import (
	"fmt"
	"strings"
	"testing"
)

const summaryHead = "id: s\ntitle: 朝天镇2026年安全生产工作总结\nyear: 2026\ntext: |\n"

// summary computes the township's figures as of 2026-11-24 with a
// summary whose text is given (each line indented by two spaces).
func summary(t *testing.T, text string, more ...string) (*Result, string) {
	t.Helper()
	var b strings.Builder
	b.WriteString(summaryHead)
	for _, l := range strings.Split(text, "\n") {
		b.WriteString("  " + l + "\n")
	}
	for _, m := range more {
		b.WriteString(m)
	}
	r, errs := Compute(Input{Set: township(t, "records/summaries/s.yaml", b.String()), AsOf: day("2026-11-24")})
	return r, errs.Error()
}

func TestSummaryFillsInItsFigures(t *testing.T) {
	r, errs := summary(t, strings.Join([]string{
		"今年以来，全镇共签订安全生产责任书{{.安全.责任书.份数}}份，",
		"排查隐患{{.安全.隐患.发现}}处，整改率{{.安全.隐患.整改率}}%，月报按时报送{{.安全.月报.按时}}份、缺报{{.安全.月报.缺报}}份。",
		"",
		"一、主要做法",
		"{{if 为零 .安全.事故.较大}}未发生较大事故。{{else}}发生较大事故{{.安全.事故.较大}}起。{{end}}",
		"{{- if 非零 .安全.事故.起数}}发生一般事故{{.安全.事故.一般}}起。{{end}}",
		"（一）隐患整改",
		"逾期整改{{.安全.隐患.逾期整改}}处，截至{{.截至}}。",
	}, "\n"))
	if errs != "" {
		t.Fatal(errs)
	}
	s := r.Summaries[0]
	var got []string
	for _, p := range s.Paras {
		got = append(got, strings.Repeat("#", p.Level)+p.Text())
	}
	want := []string{
		// The year runs: that is said once (Through), not after each figure.
		// A note the reports share is said once, after the last of them.
		"今年以来，全镇共签订安全生产责任书3份，排查隐患4处，整改率50.0%，月报按时报送15份、缺报1份（11月、12月月报未到报送期限）。",
		"#一、主要做法",
		"未发生较大事故。发生一般事故2起。",
		"##（一）隐患整改",
		"逾期整改1处，截至2026年11月24日。",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("paragraphs:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	var cited []string
	for _, f := range s.Cited {
		cited = append(cited, f.Name)
	}
	if w := "安全.责任书.份数 安全.隐患.发现 安全.隐患.整改率 安全.月报.按时 安全.月报.缺报 安全.事故.一般 安全.隐患.逾期整改 截至"; strings.Join(cited, " ") != w {
		t.Errorf("Cited = %v; want %s (printed figures, once each, in order)", cited, w)
	}
	if p := s.Paras[0].Parts[1]; p.Figure == nil || p.Unit != "份" {
		t.Errorf("first figure part = %+v; want the figure with its unit 份", p)
	}
	if s.Through() != "截至2026年11月24日" || len(s.Partial()) != 2 || s.Partial()[0].Name != "安全.月报.按时" {
		t.Errorf("Through() = %q, Partial() = %v; want the year's note once and the monthly reports alone partial", s.Through(), s.Partial())
	}
}

func TestSummaryDataAreItsOwnFigures(t *testing.T) {
	r, errs := summary(t, "全镇0—7岁儿童{{.数据.在册儿童}}人。",
		"data:\n  - {name: 在册儿童, title: 全镇0—7岁儿童数, value: 1486, unit: 人, evidence: 免疫规划信息系统2026年10月31日在册数}\n")
	if errs != "" {
		t.Fatal(errs)
	}
	s := r.Summaries[0]
	if got := s.Paras[0].Text(); got != "全镇0—7岁儿童1486人。" {
		t.Errorf("text = %q", got)
	}
	if f := s.Cited[0]; len(f.Records) != 1 || f.Records[0].Kind != "summary" || f.Records[0].Detail != "免疫规划信息系统2026年10月31日在册数" {
		t.Errorf("数据.在册儿童 counts %+v; want the summary, with its evidence", f.Records)
	}
}

func TestSummaryMistakesAreReportedWhereTheyAre(t *testing.T) {
	const file = "records/summaries/s.yaml:"
	tests := []struct {
		name string
		text string
		want string
	}{
		{"unknown last part", "全年签订{{.安全.责任书.份}}份",
			file + `5:17: expected a figure name under 安全.责任书 (份数, 综合, 专业, 专项, 第1级, 第2级), found "份"; did you mean "份数"?`},
		{"unknown first part", "第二行\n{{.安权.隐患.发现}}",
			file + `6:6: expected a figure name under the top (截至, 安全, 考核), found "安权"; did you mean "安全"?`},
		{"a group, not a figure", "{{.安全.事故}}",
			file + `5:6: expected a figure, found the group 安全.事故; write one of 安全.事故.起数, 安全.事故.一般, 安全.事故.较大, 安全.事故.重大, 安全.事故.特别重大, 安全.事故.死亡, 安全.事故.重伤, 安全.事故.轻伤, 安全.事故.损失, 安全.事故.无事故天数`},
		{"unknown name in a condition", "{{if 为零 .安全.事故.起}}无{{end}}",
			file + `5:18: expected a figure name under 安全.事故 (起数, 一般, 较大, 重大, 特别重大, 死亡, 重伤, 轻伤, 损失, 无事故天数), found "起"; did you mean "起数"?`},
		{"a loop", "共{{range .安全}}x{{end}}",
			file + `5:4: expected a figure name, {{if}}, {{else}} or {{end}}, found {{range}}; 总结中不能用 range`},
		{"an if not closed", "前\n{{if 为零 .安全.事故.起数}}无事故",
			file + `6:3: expected {{end}} closing this {{if}}, found end of text`},
		{"an unclosed action", "共{{.安全.事故.起数",
			file + `5:4: expected }} closing this {{, found end of text`},
		{"a condition that is not on a figure", "{{if .安全.事故.起数}}有{{end}}",
			file + `5:8: expected a condition 为零 .名称 or 非零 .名称, found {{if .安全.事故.起数}}`},
		{"a function printed", "{{为零 .安全.事故.起数}}",
			file + `5:5: expected a figure name such as {{.安全.隐患.发现}}, found {{为零 .安全.事故.起数}}`},
		{"an undefined function", "{{printf \"%d\" 1}}",
			file + `5:3: expected {{printf "%d" 1}} to be a figure name or a condition, found function "printf" not defined`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, errs := summary(t, tt.text); errs != tt.want {
				t.Errorf("errors:\n%s\nwant:\n%s", errs, tt.want)
			}
		})
	}
}

func TestSummaryOfAYearWithoutFiguresIsAMistake(t *testing.T) {
	r, errs := Compute(Input{Set: township(t, "records/summaries/s.yaml", "id: s\ntitle: 总结\nyear: 2024\ntext: 无\n"), AsOf: day("2026-11-24")})
	if want := "records/summaries/s.yaml:3:7: expected a year the records have figures of (2025, 2026), found 2024"; errs.Error() != want || len(r.Summaries) != 0 {
		t.Errorf("errors = %q; want %q", errs.Error(), want)
	}
}

// TestAMistakeListsTwentyNamesOfAGroup: a group can hold a county's
// hundreds of units, and a summary can cite a wrong name under it many
// times; each mistake lists twenty names and says how many more there
// are.
func TestAMistakeListsTwentyNamesOfAGroup(t *testing.T) {
	var data strings.Builder
	data.WriteString("data:\n")
	var names []string
	for i := range 25 {
		name := fmt.Sprintf("项%02d", i)
		names = append(names, name)
		fmt.Fprintf(&data, "  - {name: %s, title: 第%d项, value: %d, unit: 个, evidence: 台账}\n", name, i, i)
	}
	const file = "records/summaries/s.yaml:"
	listed := strings.Join(names[:20], ", ") + " and 5 more"
	for _, tc := range []struct{ text, want string }{
		{"{{.数据.其他}}", file + `5:9: expected a figure name under 数据 (` + listed + `), found "其他"`},
		{"{{.数据}}", file + `5:6: expected a figure, found the group 数据; write one of 数据.` + strings.Join(names[:20], ", 数据.") + " and 5 more"},
	} {
		if _, errs := summary(t, tc.text, data.String()); errs != tc.want {
			t.Errorf("%s: errors:\n%s\nwant:\n%s", tc.text, errs, tc.want)
		}
	}
}
