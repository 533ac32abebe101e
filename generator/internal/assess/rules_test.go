package assess

import (
	"testing"

	"github.com/shopspring/decimal"

	"gongshi/generator/internal/record"
)

func TestPassMarkAppliesToTheScoreTheSchemeNames(t *testing.T) {
	a := &Assessee{Base: decimal.RequireFromString("78.5"), Total: decimal.RequireFromString("83.5")}
	tests := []struct {
		name   string
		passOn string
		kind   ScoreKind
		word   string
		score  string
	}{
		{"unset is the base score", "", BaseScore, "基础分", "78.5"},
		{"base", "base", BaseScore, "基础分", "78.5"},
		{"total", "total", TotalScore, "总分", "83.5"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := &record.AssessScheme{PassOn: tt.passOn}
			if got := PassOn(s); got != tt.kind {
				t.Errorf("PassOn(pass_on %q) = %v; want %v", tt.passOn, got, tt.kind)
			}
			if got := PassOn(s).String(); got != tt.word {
				t.Errorf("PassOn(pass_on %q).String() = %q; want %q", tt.passOn, got, tt.word)
			}
			r := &Result{Scheme: s}
			if got := r.PassScore(a); got.String() != tt.score {
				t.Errorf("PassScore with pass_on %q = %s; want %s", tt.passOn, got, tt.score)
			}
		})
	}
}

func TestScalesToPoolOnlyWhenTheSchemeSaysScale(t *testing.T) {
	tests := []struct {
		overPool string
		want     bool
	}{
		{"", false},
		{"allow", false},
		{"scale", true},
	}
	for _, tt := range tests {
		t.Run("over_pool "+tt.overPool, func(t *testing.T) {
			if got := ScalesToPool(&record.AssessScheme{OverPool: tt.overPool}); got != tt.want {
				t.Errorf("ScalesToPool(over_pool %q) = %v; want %v", tt.overPool, got, tt.want)
			}
		})
	}
}
