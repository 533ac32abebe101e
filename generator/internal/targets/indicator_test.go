package targets

import (
	"fmt"
	"math/big"
	"testing"

	"github.com/shopspring/decimal"

	"gongshi/generator/internal/record"
)

// TestIndicatorFiguresAreExact pins compute's target, value and points,
// the points down to the decimal's exponent, against the rational
// arithmetic that defines them: target / 100 for a rate, numerator /
// denominator, and the weight × the share earned rounded half-up by
// record.RoundHalfUp. The weights round up, down and not at all.
func TestIndicatorFiguresAreExact(t *testing.T) {
	d := decimal.RequireFromString
	indicators := []record.TargetIndicator{
		{Kind: record.IndicatorRate, Op: record.AtLeast, Target: d("80"), Numerator: d("688"), Denominator: d("729")},
		{Kind: record.IndicatorRate, Op: record.AtLeast, Target: d("95.5"), Numerator: d("688"), Denominator: d("729")},
		{Kind: record.IndicatorRate, Op: record.AtLeast, Target: d("60"), Floor: d("40"), Scoring: record.ScoreLinear, Numerator: d("559"), Denominator: d("1000")},
		{Kind: record.IndicatorRate, Op: record.AtLeast, Target: d("60"), Floor: d("40"), Scoring: record.ScoreLinear, Numerator: d("30.5"), Denominator: d("100")},
		{Kind: record.IndicatorRate, Op: record.AtMost, Target: d("2.5"), Floor: d("10"), Scoring: record.ScoreLinear, Numerator: d("4.25"), Denominator: d("100.0")},
		{Kind: record.IndicatorCount, Op: record.AtMost, Target: d("0"), Value: d("1"), Unit: "起"},
		{Kind: record.IndicatorAmount, Op: record.AtLeast, Target: d("6.2"), Value: d("6.25"), Unit: "万元"},
		{Kind: record.IndicatorAmount, Op: record.AtLeast, Target: d("8"), Floor: d("5"), Scoring: record.ScoreLinear, Value: d("6.25"), Unit: "万元"},
		{Kind: record.IndicatorAmount, Op: record.Exactly, Target: d("6.2"), Value: d("6.20"), Unit: "万元"},
		{Kind: record.IndicatorYesNo, Done: "是"},
		{Kind: record.IndicatorYesNo, Done: "否"},
	}
	for _, w := range []string{"20", "10.00", "12.5", "3.333", "7.125", "33.335", "0.005", "0.004"} {
		for i, in := range indicators {
			in.Weight = d(w)
			x := compute(&in, true)

			var target, value *big.Rat
			switch in.Kind {
			case record.IndicatorRate:
				target = new(big.Rat).Quo(in.Target.Rat(), big.NewRat(100, 1))
				value = new(big.Rat).Quo(in.Numerator.Rat(), in.Denominator.Rat())
			case record.IndicatorYesNo:
				target, value = big.NewRat(1, 1), big.NewRat(0, 1)
				if in.Done == "是" {
					value = big.NewRat(1, 1)
				}
			default:
				target, value = in.Target.Rat(), in.Value.Rat()
			}
			share := new(big.Rat)
			switch {
			case x.Achieved:
				share.SetInt64(1)
			case x.Linear:
				floor := in.Floor.Rat()
				if in.Kind == record.IndicatorRate {
					floor.Quo(floor, big.NewRat(100, 1))
				}
				share.Quo(new(big.Rat).Sub(value, floor), new(big.Rat).Sub(target, floor))
				if share.Sign() < 0 {
					share.SetInt64(0)
				}
			}
			points := record.RoundHalfUp(new(big.Rat).Mul(share, in.Weight.Rat()), pointPlaces)

			name := fmt.Sprintf("indicator %d weighing %s", i, w)
			if x.Target.Cmp(target) != 0 || x.Value.Cmp(value) != 0 {
				t.Errorf("%s: target %s, value %s; want %s, %s", name, x.Target, x.Value, target, value)
			}
			if x.Points.String() != points.String() || x.Points.Exponent() != points.Exponent() {
				t.Errorf("%s: %s points (exponent %d); want %s (exponent %d)", name, x.Points, x.Points.Exponent(), points, points.Exponent())
			}
		}
	}
	// The cases above reach each way of scoring.
	for _, c := range []struct {
		in   int
		want string
	}{{0, "20"}, {1, "0"}, {2, "15.9"}, {3, "0"}, {4, "15.33"}, {7, "8.33"}, {8, "20"}, {10, "0"}} {
		in := indicators[c.in]
		in.Weight = d("20")
		if got := compute(&in, true).Points.String(); got != c.want {
			t.Errorf("indicator %d weighing 20: %s points; want %s", c.in, got, c.want)
		}
	}
}
