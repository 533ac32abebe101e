package assess

import (
	"strings"
	"testing"

	"gongshi/generator/internal/calendar"
	"gongshi/generator/internal/record"
)

func TestNoticeRendersTheClerksTemplateWithTheQuartersFigures(t *testing.T) {
	sheets := map[string]string{
		"p01": scores("30", "40", "10", "20") + "      - {item: bonus, score: 13.5}\n",
		"p02": scores("24", "31", "8", "16"),
	}
	r := world{staff: 3, sheets: sheets}.run(t)[0]
	n := r.Notice
	want := `2026年第一季度考核3人，合格2人，不合格1人。
资金总额4,500.00元，发放3,202.50元，结余1,297.50元；人均1,601.25元，最高1,702.50元，最低1,500.00元。
公示期：2026年4月2日至2026年4月10日（5个工作日）。对公示结果有异议的，请以书面形式实名向党政综合办公室反映，电话0736-6621234。
`
	if n.Text != want {
		t.Errorf("notice text:\n%s\nwant:\n%s", n.Text, want)
	}
	if n.Title != "朝天镇2026年第一季度绩效考核结果公示" || n.Organ != "朝天镇人民政府" || n.ReportTo != "青江县财政局" {
		t.Errorf("title %q organ %q report to %q", n.Title, n.Organ, n.ReportTo)
	}
}

// TestPublicityPeriodCrossesHolidays: Q1's notice posted Thursday 2 April
// runs over Qingming (4–6 April) to Friday 10 April; Q3's posted Thursday
// 8 October, after National Day, counts the make-up Saturday 10 October;
// Q4's posted in January 2027 runs in a year with no calendar record yet.
func TestPublicityPeriodCrossesHolidays(t *testing.T) {
	tests := []struct {
		quarter, issued, end string
		provisional          bool
	}{
		{"2026-Q1", "2026-04-02", "2026-04-10", false},
		{"2026-Q3", "2026-10-08", "2026-10-14", false},
		{"2026-Q4", "2027-01-05", "2027-01-12", true},
	}
	for _, tt := range tests {
		t.Run(tt.quarter, func(t *testing.T) {
			w := world{staff: 1, quarter: "quarter: " + tt.quarter + "\nissued: " + tt.issued + "\nnumber: 朝政公〔2026〕6号\n"}
			checkEnd(t, w.run(t)[0].Notice.Period, tt.end, tt.provisional)
		})
	}
}

func checkEnd(t *testing.T, p calendar.Period, end string, provisional bool) {
	t.Helper()
	if p.End != record.MustDate(end) || p.WorkingDays != 5 || p.Provisional != provisional {
		t.Errorf("period ends %s after %d working days, provisional %v; want %s, 5, %v", p.End, p.WorkingDays, p.Provisional, end, provisional)
	}
}

func TestSchemePublicitySettingsOverrideTheTownships(t *testing.T) {
	scheme := strings.Replace(schemeYAML, "over_pool: %s", "over_pool: allow\npublicity:\n  working_days: 7\n  count_first_day: true", 1)
	p := world{staff: 1, scheme: scheme}.run(t)[0].Notice.Period
	// From Thursday 2 April counted: 2, 3, 7, 8, 9, 10, 13 April.
	if p.End != record.MustDate("2026-04-13") || p.WorkingDays != 7 || !p.CountFirstDay {
		t.Errorf("period = %+v; want 7 working days from 2 April counted, ending 2026-04-13", p)
	}
}

func TestNoticeTemplateCannotReadTheEnvironment(t *testing.T) {
	scheme := strings.Replace(strings.Replace(schemeYAML, "over_pool: %s", "over_pool: allow", 1),
		"{{.季度}}考核", `{{env "HOME"}}{{now}}{{.季度}}考核`, 1)
	_, errs := compute(t, world{staff: 1, scheme: scheme}.files())
	if len(errs) != 1 || !strings.Contains(errs[0].Msg, `function "env" not defined`) {
		t.Errorf("errors = %v; want one saying env is not defined", errs)
	}
}

func TestTemplateNamesAreSortedAndComplete(t *testing.T) {
	names := TemplateNames()
	if len(names) < 30 || names[0] > names[1] {
		t.Errorf("TemplateNames() = %v", names)
	}
}
