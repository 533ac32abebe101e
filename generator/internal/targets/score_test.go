package targets

import (
	"testing"

	"github.com/shopspring/decimal"

	"gongshi/generator/internal/assess"
	"gongshi/generator/internal/record"
)

func TestAnnualScoreAveragesTheQuarterlyScoreTheRecordNames(t *testing.T) {
	a := &assess.Assessee{Base: decimal.RequireFromString("92"), Total: decimal.RequireFromString("97.5")}
	tests := []struct {
		name  string
		score string
		kind  assess.ScoreKind
		of    string
	}{
		{"unset is the total", "", assess.TotalScore, "97.5"},
		{"总分", "总分", assess.TotalScore, "97.5"},
		{"基础分", "基础分", assess.BaseScore, "92"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := &Grades{Rec: &record.AnnualGrades{Score: tt.score}}
			if got := g.ScoreKind(); got != tt.kind {
				t.Errorf("ScoreKind() with score %q = %v; want %v", tt.score, got, tt.kind)
			}
			if got := g.ScoreKind().Of(a); got.String() != tt.of {
				t.Errorf("ScoreKind().Of(a) with score %q = %s; want %s", tt.score, got, tt.of)
			}
		})
	}
}
