package targets

import (
	"math/big"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"gongshi/generator/internal/record"
)

func wordsOf(rs []Rule, name string) string {
	for _, r := range rs {
		if r.Name == name {
			return r.Text
		}
	}
	return ""
}

// TestTargetRulesAreTheSchemesSettings: the rules a unit results notice
// prints change with its scheme.
func TestTargetRulesAreTheSchemesSettings(t *testing.T) {
	base := func() *record.TargetScheme {
		return &record.TargetScheme{
			Grades: []record.UnitGrade{{Name: "优秀", Min: decimal.NewFromInt(90)}, {Name: "合格", Min: decimal.NewFromInt(60)}, {Name: "不合格"}},
			Veto:   record.TargetVeto{Level: "一般", Casualties: true, Basis: "办法第十二条"},
		}
	}
	tests := []struct {
		name   string
		change func(*record.TargetScheme)
		rule   string
		want   string // "" : the rule is not stated
	}{
		{"grade bands", func(*record.TargetScheme) {}, "等次", "优秀（90分及以上）、合格（60分及以上）、不合格（不满60分）"},
		{"a band moved", func(s *record.TargetScheme) { s.Grades[0].Min = decimal.NewFromInt(85) }, "等次", "优秀（85分及以上）"},
		{"no grades", func(s *record.TargetScheme) { s.Grades = nil }, "等次", ""},
		{"veto with casualties", func(*record.TargetScheme) {}, "一票否决", "一般及以上生产安全事故（造成人员死亡或受伤）"},
		{"veto of a higher level", func(s *record.TargetScheme) { s.Veto.Level = "较大"; s.Veto.Casualties = false }, "一票否决", "当年发生较大及以上生产安全事故的"},
		{"no veto", func(s *record.TargetScheme) { s.Veto = record.TargetVeto{} }, "一票否决", ""},
		{"ranking without veto", func(s *record.TargetScheme) { s.Veto = record.TargetVeto{} }, "排名", "总分相同的名次相同。"},
		{"points rounding", func(*record.TargetScheme) {}, "计分", "四舍五入保留2位小数"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := base()
			tt.change(s)
			got := wordsOf(Rules(s), tt.rule)
			if (tt.want == "") != (got == "") || !strings.Contains(got, tt.want) {
				t.Errorf("Rules: %s = %q; want %q", tt.rule, got, tt.want)
			}
		})
	}
}

// TestGradeRulesAreTheRecordsSettings: the rules an annual grades notice
// prints change with its record.
func TestGradeRulesAreTheRecordsSettings(t *testing.T) {
	base := func() *Grades {
		rec := &record.AnnualGrades{Committee: "考核委员会", Competent: decimal.NewFromInt(80), Basic: decimal.NewFromInt(70),
			Excellent: record.ExcellentRule{Quota: decimal.NewFromInt(15), QuotaBasis: "青组通〔2025〕52号", Ties: []string{record.TieBase}}}
		return &Grades{Rec: rec, People: make([]*Graded, 26)}
	}
	places := func(g *Grades) {
		g.Quota = new(big.Rat).Mul(big.NewRat(int64(len(g.People)), 100), g.Rec.Excellent.Quota.Rat())
		g.Places = int(floorInt(g.Quota))
	}
	tests := []struct {
		name   string
		change func(*Grades)
		rule   string
		want   string
	}{
		{"quota", func(*Grades) {}, "优秀名额", "26 × 15% = 3.9，取 3 名"},
		{"quota raised", func(g *Grades) { g.Rec.Excellent.Quota = decimal.NewFromInt(20) }, "优秀名额", "26 × 20% = 5.2，取 5 名"},
		{"total by default", func(*Grades) {}, "年度得分", "总分（含加分）的平均数"},
		{"base score", func(g *Grades) { g.Rec.Score = "基础分" }, "年度得分", "基础分（不含加分）的平均数"},
		{"lines", func(g *Grades) { g.Rec.Competent = decimal.NewFromInt(85) }, "等次分数线", "年度得分85分及以上为称职"},
		{"every quarter qualified", func(g *Grades) { g.Rec.Excellent.AllQualified = true }, "优秀", "有一个季度考核不合格的不得评为优秀"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := base()
			tt.change(g)
			places(g)
			if got := wordsOf(g.Rules(), tt.rule); !strings.Contains(got, tt.want) {
				t.Errorf("Rules: %s = %q; want it to say %q", tt.rule, got, tt.want)
			}
		})
	}
}
