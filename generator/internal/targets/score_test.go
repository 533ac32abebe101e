package targets

import (
	"strings"
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

// TestAnnualScoresAreExactMeans pins the annual score, mean base score,
// lowest and last quarterly scores as exact fractions, from quarterly
// scores written with different numbers of decimals (96.5 and 96.50 are
// equal, and the lowest).
func TestAnnualScoresAreExactMeans(t *testing.T) {
	g := world{staff: 26, scores: map[string][4]string{
		"p05": {"97.5+0.25", "99", "96.75", "99"},
		"p06": {"99", "96.5", "96.50", "98+1.5"},
		"p07": {"90.25", "90.125", "90.5+0.375", "90"},
	}}.run(t).Grades[0]
	for id, want := range map[string]string{
		"p05": "785/8 1569/16 387/4 99",
		"p06": "783/8 195/2 193/2 199/2",
		"p07": "1445/16 2887/32 90 90",
		"p01": "90 90 90 90",
	} {
		p := gradedOf(t, g, id)
		if got := strings.Join([]string{p.Score.RatString(), p.Base.RatString(), p.Lowest.RatString(), p.Last.RatString()}, " "); got != want {
			t.Errorf("%s: score, base, lowest, last = %s; want %s", id, got, want)
		}
	}
}
