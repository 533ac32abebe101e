package targets

import (
	"fmt"
	"math/big"
	"slices"

	"github.com/shopspring/decimal"

	"gongshi/generator/internal/diag"
	"gongshi/generator/internal/guard"
	"gongshi/generator/internal/record"
)

// Indicator is one indicator of a unit's year with its figures worked out.
type Indicator struct {
	Rec     *record.TargetIndicator
	Figures bool     // figures were reported and could be used
	Value   *big.Rat // the figure: a rate as a fraction; 1 or 0 for yes/no; nil without figures
	Target  *big.Rat // the target, a rate as a fraction; 1 for yes/no
	// Shown is the figure as printed: 94.4%, 6.2万元, 是.
	Shown string
	// TargetShown is the target as printed: ≥80%, ≤0起, 是.
	TargetShown string
	Achieved    bool
	Points      decimal.Decimal // rounded half-up to 0.01
	Weight      decimal.Decimal
	Linear      bool // scored linearly between the floor and the target
}

var symbols = map[string]string{record.AtLeast: "≥", record.AtMost: "≤", record.Exactly: "="}

// checkIndicator reports an indicator's own mistakes: a rule that cannot be
// applied, figures of the wrong kind, a rate that cannot be computed.
// reported is the day the unit reported its figures, if it has.
func checkIndicator(in *record.TargetIndicator, reported record.Date, errs *diag.List) (ok bool) {
	ok = true
	bad := func(field, format string, args ...any) {
		errs.Add(in.At(field), format, args...)
		ok = false
	}
	kind := in.Kind
	scoring := in.Scoring
	if scoring == "" {
		scoring = record.ScoreAllOrNothing
	}
	switch kind {
	case record.IndicatorRate:
		if in.NumeratorName == "" {
			bad("numerator_name", "expected the name of the numerator (numerator_name) of rate %s, found none", in.Code)
		}
		if in.DenominatorName == "" {
			bad("denominator_name", "expected the name of the denominator (denominator_name) of rate %s, found none", in.Code)
		}
		if in.Has("target") && (in.Target.IsNegative() || in.Target.GreaterThan(decimal.NewFromInt(100))) {
			bad("target", "expected a target percentage 0–100 for rate %s, found %s", in.Code, in.Target)
		}
	case record.IndicatorCount, record.IndicatorAmount:
		if in.Unit == "" {
			bad("unit", "expected the unit (unit) of %s %s, such as 户 or 万元, found none", kind, in.Code)
		}
	}
	if kind == record.IndicatorYesNo {
		for _, f := range []string{"op", "target", "floor"} {
			if in.Has(f) {
				bad(f, "expected no %s for yes/no indicator %s (its target is 是), found one", f, in.Code)
			}
		}
		if scoring == record.ScoreLinear {
			bad("scoring", "expected scoring %s for yes/no indicator %s, found %s", record.ScoreAllOrNothing, in.Code, scoring)
		}
	} else if kind != "" {
		if in.Op == "" {
			bad("op", "expected op (%s, %s or %s) for indicator %s, found none", record.AtLeast, record.AtMost, record.Exactly, in.Code)
		}
		if !in.Has("target") {
			bad("target", "expected a target for indicator %s, found none", in.Code)
		}
	}
	if scoring == record.ScoreLinear && kind != record.IndicatorYesNo {
		switch {
		case in.Op == record.Exactly:
			bad("scoring", "expected scoring %s for indicator %s whose target is %s a value, found %s", record.ScoreAllOrNothing, in.Code, record.Exactly, scoring)
		case !in.Has("floor"):
			bad("floor", "expected a floor (the value scoring 0) for linearly scored indicator %s, found none", in.Code)
		case in.Op == record.AtLeast && in.Has("target") && !in.Floor.LessThan(in.Target):
			bad("floor", "expected a floor below the target %s of indicator %s, found %s", in.Target, in.Code, in.Floor)
		case in.Op == record.AtMost && in.Has("target") && !in.Floor.GreaterThan(in.Target):
			bad("floor", "expected a floor above the target %s of indicator %s (lower is better), found %s", in.Target, in.Code, in.Floor)
		}
	} else if in.Has("floor") && kind != record.IndicatorYesNo {
		bad("floor", "expected no floor for indicator %s scored %s, found %s; 按比例计分请写 scoring: 比例", in.Code, scoring, in.Floor)
	}

	// Figures of the right kind.
	want := figureFields[kind]
	wrong := false
	for _, f := range []string{"numerator", "denominator", "value", "done"} {
		if in.Has(f) && kind != "" && !slices.Contains(want, f) {
			bad(f, "expected %s for %s indicator %s, found %s", orFields(want), kind, in.Code, f)
			wrong = true
		}
	}
	if !in.Figures() {
		if !reported.IsZero() {
			errs.Add(in.Pos, "expected figures (%s) for indicator %s %s, as the file says they were reported on %s, found none", orFields(want), in.Code, in.Name, reported)
			ok = false
		}
		return ok
	}
	if wrong {
		return false
	}
	if reported.IsZero() {
		errs.Add(in.At(firstWritten(in)), "expected the date the figures were reported (reported) in the file, found figures for %s without one", in.Code)
		ok = false
	}
	for _, f := range want {
		if !in.Has(f) {
			bad(f, "expected %s for %s indicator %s, found none", f, kind, in.Code)
		}
	}
	if kind == record.IndicatorRate && in.Has("denominator") {
		switch {
		case in.Denominator.IsZero():
			bad("denominator", "expected %s (the denominator of %s) above 0, found 0", in.DenominatorName, in.Code)
		case in.Has("numerator") && in.Numerator.GreaterThan(in.Denominator):
			bad("numerator", "expected %s at most %s (%s), found %s", in.NumeratorName, in.DenominatorName, in.Denominator, in.Numerator)
		}
	}
	if kind == record.IndicatorCount {
		for _, f := range []string{"value"} {
			if in.Has(f) && !in.Value.IsInteger() {
				bad(f, "expected a whole number for count %s, found %s", in.Code, in.Value)
			}
		}
	}
	if !guard.Visible(in.Evidence) {
		bad("evidence", "expected the evidence (evidence) for the figures of %s, found none; 请写明报表名称、文号或照片文件名", in.Code)
	}
	return ok
}

// figureFields are the fields of each kind of indicator's figures.
var figureFields = map[string][]string{
	record.IndicatorRate:   {"numerator", "denominator"},
	record.IndicatorCount:  {"value"},
	record.IndicatorAmount: {"value"},
	record.IndicatorYesNo:  {"done"},
}

func firstWritten(in *record.TargetIndicator) string {
	for _, f := range []string{"numerator", "denominator", "value", "done"} {
		if in.Has(f) {
			return f
		}
	}
	return ""
}

func orFields(fs []string) string {
	switch len(fs) {
	case 0:
		return "figures"
	case 1:
		return fs[0]
	}
	s := ""
	for i, f := range fs {
		if i > 0 {
			s += " and "
		}
		s += f
	}
	return s
}

// compute works out an indicator whose record checked clean. With figures
// false it only describes the target.
func compute(in *record.TargetIndicator, figures bool) *Indicator {
	x := &Indicator{Rec: in, Weight: in.Weight, Points: decimal.Zero}
	op := in.Op
	switch in.Kind {
	case record.IndicatorRate:
		x.Target = rat(in.Target.Shift(-2)) // a percentage as a fraction
		x.TargetShown = symbols[op] + trim(in.Target) + "%"
	case record.IndicatorYesNo:
		x.Target = big.NewRat(1, 1)
		op = record.Exactly
		x.TargetShown = "是"
	default:
		x.Target = rat(in.Target)
		x.TargetShown = symbols[op] + trim(in.Target) + in.Unit
	}
	x.Linear = in.Scoring == record.ScoreLinear
	if !figures {
		return x
	}
	x.Figures = true
	switch in.Kind {
	case record.IndicatorRate:
		x.Value = ratio(in.Numerator, in.Denominator)
		x.Shown = percent(x.Value, x.Target)
	case record.IndicatorYesNo:
		x.Value = big.NewRat(0, 1)
		if in.Done == "是" {
			x.Value = big.NewRat(1, 1)
		}
		x.Shown = in.Done
	default:
		x.Value = rat(in.Value)
		x.Shown = trim(in.Value) + in.Unit
	}
	c := x.Value.Cmp(x.Target)
	switch op {
	case record.AtLeast:
		x.Achieved = c >= 0
	case record.AtMost:
		x.Achieved = c <= 0
	default:
		x.Achieved = c == 0
	}
	// Points: the weight × the share of it earned, rounded half-up. The
	// whole weight and none are decimals already: decimal's Round rounds
	// half away from zero, as RoundHalfUp does, to the same exponent.
	switch {
	case x.Achieved:
		x.Points = in.Weight.Round(pointPlaces)
	case !x.Linear:
		x.Points = decimal.New(0, -pointPlaces)
	default:
		floor := in.Floor
		if in.Kind == record.IndicatorRate {
			floor = floor.Shift(-2)
		}
		// (value − floor) / (target − floor): positive between the two for
		// either direction, ≤ 0 at or beyond the floor.
		f := rat(floor)
		share := new(big.Rat).Sub(x.Value, f)
		share.Quo(share, f.Sub(x.Target, f))
		if share.Sign() < 0 {
			share.SetInt64(0)
		}
		x.Points = record.RoundHalfUp(share.Mul(share, rat(in.Weight)), pointPlaces)
	}
	return x
}

// Describe says in words how an indicator scored, for the unit page:
// "达到目标，得满分20分", "未达到目标，按比例得17.19分".
func (x *Indicator) Describe() string {
	switch {
	case !x.Figures:
		return "未报送完成情况"
	case x.Achieved:
		return fmt.Sprintf("达到目标，得满分%s分", trim(x.Weight))
	case x.Linear && x.Points.IsPositive():
		return fmt.Sprintf("未达到目标，在保底值%s和目标值之间按比例得%s分", x.floorShown(), trim(x.Points))
	case x.Linear:
		return fmt.Sprintf("未超过保底值%s，不得分", x.floorShown())
	}
	return "未达到目标，不得分"
}

func (x *Indicator) floorShown() string {
	in := x.Rec
	if in.Kind == record.IndicatorRate {
		return trim(in.Floor) + "%"
	}
	return trim(in.Floor) + in.Unit
}
