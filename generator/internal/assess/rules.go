package assess

import (
	"fmt"
	"math/big"
	"strconv"
	"strings"

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

// DefaultCountDay is the day of the month on which a person in scope makes
// the month count, when the scheme does not say (count_day).
const DefaultCountDay = 15

// CountDay returns the day of the month on which being in scope makes the
// month count, for the pool and for pay.
func CountDay(s *record.AssessScheme) int {
	if s.CountDay > 0 {
		return s.CountDay
	}
	return DefaultCountDay
}

// Rounding is how a scheme rounds amounts to the fen: pay and the mean.
type Rounding int

const (
	HalfUp Rounding = iota // 四舍五入 (the default)
	Down                   // fractions of a fen dropped
)

// RoundingOf returns the rounding a scheme says (rounding), half-up by
// default.
func RoundingOf(s *record.AssessScheme) Rounding {
	if s.Rounding == "down" {
		return Down
	}
	return HalfUp
}

// Fen rounds a non-negative amount in fen to a whole fen.
func (r Rounding) Fen(x *big.Rat) Fen {
	if r == Down {
		return floorFen(x)
	}
	return roundFen(x)
}

// String is how a notice says the rounding: 四舍五入到分.
func (r Rounding) String() string {
	if r == Down {
		return "算到分，分以下舍去"
	}
	return "四舍五入到分"
}

// Rule is one rule of a scheme in words: what a reader needs to check a
// figure of a quarter's notice.
type Rule struct {
	Name string `json:"name"` // 计入月份
	Text string `json:"text"`
}

// Rules returns, from the scheme a quarter ran under, the rules a reader
// needs to check its figures: the scale and the bonus, the pass rule, which
// months count, how pay is computed and rounded, what happens when the
// pool is short, what the mean divides by. They are the words of the
// settings the computation reads, so a notice cannot state one rule and
// apply another.
func Rules(s *record.AssessScheme) []Rule {
	var items []string
	for _, it := range s.Items {
		items = append(items, it.Name+it.Max.String()+"分")
	}
	r := RoundingOf(s)
	v := ruleValues{
		Items: strings.Join(items, "、"), BonusCap: s.BonusCap.String(),
		PassOn: PassOn(s).String(), Includes: passIncludes(PassOn(s)), PassMark: s.PassMark.String(),
		CountDay: strconv.Itoa(CountDay(s)), Monthly: s.Monthly.String(), PointValue: s.PointValue.String(),
		Rounding: r.String(), OverPool: []string{overPoolWords(ScalesToPool(s))},
	}
	return rules(v)
}

// RuleDocs returns the same rules with each setting named instead of its
// value, for the reference page: it documents what Rules prints.
func RuleDocs() []Rule {
	v := ruleValues{
		Items: "各考核项目及满分（items）", BonusCap: "〈加分上限 bonus_cap〉",
		PassOn: "基础分或总分（pass_on）", Includes: "", PassMark: "〈合格分数线 pass_mark〉",
		CountDay: "〈每月计入日 count_day，默认" + strconv.Itoa(DefaultCountDay) + "〉", Monthly: "〈每人每月绩效资金 monthly〉", PointValue: "〈每分金额 point_value〉",
		Rounding: "按取整方法（rounding：half-up " + HalfUp.String() + "；down " + Down.String() + "）",
		OverPool: []string{"over_pool 为 allow 时：" + overPoolWords(false), "over_pool 为 scale 时：" + overPoolWords(true)},
	}
	return rules(v)
}

type ruleValues struct {
	Items, BonusCap, PassOn, Includes, PassMark string
	CountDay, Monthly, PointValue, Rounding     string
	OverPool                                    []string
}

func rules(v ruleValues) []Rule {
	return []Rule{
		{"得分", fmt.Sprintf("考核项目满分合计100分（%s），各项得分之和为基础分；加分另计，最多%s分；总分＝基础分＋加分。", v.Items, v.BonusCap)},
		{"合格", fmt.Sprintf("%s%s不低于%s分为合格；不合格的不发绩效工资。", v.PassOn, v.Includes, v.PassMark)},
		{"计入月份", fmt.Sprintf("季度内每月%s日在考核范围内（在职、在岗，未休产假、长期病假或借调）的，该月计入；绩效资金每人每月%s元，按计入的月数计。", v.CountDay, v.Monthly)},
		{"绩效工资", fmt.Sprintf("绩效工资＝总分×每分%s元×计入月数÷3，只在最后一步取整，%s。", v.PointValue, v.Rounding)},
		{"资金不足时", strings.Join(v.OverPool, "")},
		{"人均", fmt.Sprintf("人均＝发放总额÷发放人数（绩效工资大于0的人数，不含不合格的），%s；最高、最低也只比较发放的人。", v.Rounding)},
	}
}

// passIncludes says what the score the pass mark reads counts.
func passIncludes(k ScoreKind) string {
	if k == TotalScore {
		return "（含加分）"
	}
	return "（不含加分）"
}

func overPoolWords(scale bool) string {
	if !scale {
		return "应发总额超过绩效资金总额的，照发，结余为负数。"
	}
	return "应发总额超过绩效资金总额的，按各人应发金额等比例压缩到资金总额：每人先算到分，分以下舍去，剩下的分按舍去部分从大到小每人补1分；舍去部分相同的，应发金额大者优先，再按人员编号顺序。"
}
