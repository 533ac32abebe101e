package assess

import (
	"github.com/shopspring/decimal"

	"gongshi/generator/internal/record"
)

// ScoreKind is which of a person's quarterly scores a rule reads: the base
// score (the 100-point items) or the total (base plus bonus). A scheme's
// pass mark reads one (pass_on), the annual grades average one (score).
type ScoreKind int

const (
	BaseScore  ScoreKind = iota // Σ items, at most 100, without the bonus
	TotalScore                  // base + bonus
)

// Of returns a's score of the kind.
func (k ScoreKind) Of(a *Assessee) decimal.Decimal {
	if k == TotalScore {
		return a.Total
	}
	return a.Base
}

// String is the score's name as notices print it: 基础分, 总分.
func (k ScoreKind) String() string {
	if k == TotalScore {
		return "总分"
	}
	return "基础分"
}

// PassOn returns the score a scheme's pass mark applies to: the total
// when pass_on is total, the base score otherwise (the default).
func PassOn(s *record.AssessScheme) ScoreKind {
	if s.PassOn == "total" {
		return TotalScore
	}
	return BaseScore
}

// PassScore returns a's score that the quarter's pass mark applies to.
func (r *Result) PassScore(a *Assessee) decimal.Decimal { return PassOn(r.Scheme).Of(a) }

// ScalesToPool reports whether a scheme scales every due down in
// proportion when the dues exceed the pool (over_pool: scale), rather than
// paying them in full and leaving a negative balance (the default).
func ScalesToPool(s *record.AssessScheme) bool { return s.OverPool == "scale" }
