package assess

import (
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"gongshi/generator/internal/record"
)

func ruleScheme() *record.AssessScheme {
	return &record.AssessScheme{
		Monthly: decimal.NewFromInt(500), PointValue: decimal.NewFromInt(15), PassMark: decimal.NewFromInt(80),
		BonusCap: decimal.NewFromInt(20),
		Items: []record.AssessItem{
			{Code: "public", Name: "公共职责", Max: decimal.NewFromInt(30)},
			{Code: "post", Name: "岗位职责", Max: decimal.NewFromInt(40)},
			{Code: "attendance", Name: "出勤", Max: decimal.NewFromInt(10)},
			{Code: "tasks", Name: "领导交办工作", Max: decimal.NewFromInt(20)},
		},
	}
}

func ruleText(rs []Rule, name string) string {
	for _, r := range rs {
		if r.Name == name {
			return r.Text
		}
	}
	return ""
}

// TestRulesAreTheSchemesSettings: each rule a notice prints changes with
// the setting the computation reads, and says it.
func TestRulesAreTheSchemesSettings(t *testing.T) {
	tests := []struct {
		name   string
		change func(*record.AssessScheme)
		rule   string
		want   string
	}{
		{"default count day", func(*record.AssessScheme) {}, "计入月份", "季度内每月15日在考核范围内"},
		{"count day set", func(s *record.AssessScheme) { s.CountDay = 10 }, "计入月份", "季度内每月10日在考核范围内"},
		{"default rounding", func(*record.AssessScheme) {}, "绩效工资", "四舍五入到分"},
		{"rounding down", func(s *record.AssessScheme) { s.Rounding = "down" }, "绩效工资", "分以下舍去"},
		{"rounding down, the mean too", func(s *record.AssessScheme) { s.Rounding = "down" }, "人均", "分以下舍去"},
		{"pass on the base", func(*record.AssessScheme) {}, "合格", "基础分（不含加分）不低于80分为合格"},
		{"pass on the total", func(s *record.AssessScheme) { s.PassOn = "total"; s.PassMark = decimal.NewFromInt(85) }, "合格", "总分（含加分）不低于85分为合格"},
		{"bonus cap", func(s *record.AssessScheme) { s.BonusCap = decimal.NewFromInt(10) }, "得分", "最多10分"},
		{"items", func(*record.AssessScheme) {}, "得分", "公共职责30分、岗位职责40分、出勤10分、领导交办工作20分"},
		{"point value", func(s *record.AssessScheme) { s.PointValue = decimal.RequireFromString("12.5") }, "绩效工资", "总分×每分12.5元×计入月数÷3"},
		{"pool short, paid in full", func(*record.AssessScheme) {}, "资金不足时", "照发，结余为负数"},
		{"pool short, scaled", func(s *record.AssessScheme) { s.OverPool = "scale" }, "资金不足时", "舍去部分相同的，应发金额大者优先"},
		{"the mean divides by the people paid", func(*record.AssessScheme) {}, "人均", "发放总额÷发放人数（绩效工资大于0的人数"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := ruleScheme()
			tt.change(s)
			if got := ruleText(Rules(s), tt.rule); !strings.Contains(got, tt.want) {
				t.Errorf("Rules: %s = %q; want it to say %q", tt.rule, got, tt.want)
			}
		})
	}
}

// TestRuleDocsNameEverySetting: the reference page's rules are the same
// sentences with each setting named.
func TestRuleDocsNameEverySetting(t *testing.T) {
	docs := RuleDocs()
	if len(docs) != len(Rules(ruleScheme())) {
		t.Fatalf("RuleDocs gives %d rules; Rules gives %d", len(docs), len(Rules(ruleScheme())))
	}
	all := ""
	for _, d := range docs {
		all += d.Text
	}
	for _, setting := range []string{"count_day", "rounding", "pass_on", "pass_mark", "bonus_cap", "monthly", "point_value", "over_pool 为 allow", "over_pool 为 scale"} {
		if !strings.Contains(all, setting) {
			t.Errorf("RuleDocs does not name %s", setting)
		}
	}
}

// TestCountDayDecidesWhichMonthsCount: a month counts when the person is
// in scope on the scheme's count day.
func TestCountDayDecidesWhichMonthsCount(t *testing.T) {
	tests := []struct {
		name     string
		countDay string // the scheme's count_day line, "" for none
		months   int
	}{
		{"joined on the 10th, counted on the 15th", "", 3},
		{"joined on the 10th, counted on the 1st", "count_day: 1\n", 2},
		{"joined on the 10th, counted on the 10th", "count_day: 10\n", 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := world{
				staff:  1,
				people: "  - id: p99\n    name: 新同志\n    unit: dzb\n    staff: 公务员\n    posts:\n      - {post: ganbu, from: 2026-01-10}\n",
				extra:  "  - person: p99\n",
				scheme: strings.Replace(strings.Replace(schemeYAML, "%s", "allow", 1), "monthly: 500\n", "monthly: 500\n"+tt.countDay, 1),
			}
			if a := person(t, w.run(t)[0], "p99"); a.Months != tt.months {
				t.Errorf("months counted = %d; want %d", a.Months, tt.months)
			}
		})
	}
}

// TestRoundingOfTheScheme: pay and the mean are rounded as the scheme says.
func TestRoundingOfTheScheme(t *testing.T) {
	tests := []struct {
		name     string
		rounding Rounding
		total    string
		value    int64
		months   int
		want     Fen
	}{
		{"half-up, 666.666…", HalfUp, "100", 10, 2, 66667},
		{"down, 666.666…", Down, "100", 10, 2, 66666},
		{"half-up, 400.005", HalfUp, "80.001", 15, 1, 40001},
		{"down, 400.005", Down, "80.001", 15, 1, 40000},
		{"down, exact", Down, "95.5", 15, 2, 95500},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := proratedDue(decimal.RequireFromString(tt.total), decimal.NewFromInt(tt.value), tt.months, tt.rounding); got != tt.want {
				t.Errorf("proratedDue(%s, %d, %d, %v) = %s; want %s", tt.total, tt.value, tt.months, tt.rounding, got.Plain(), tt.want.Plain())
			}
		})
	}
}
