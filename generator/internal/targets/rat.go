package targets

import (
	"math/big"
	"strings"

	"github.com/shopspring/decimal"
)

// rat is a decimal as an exact rational.
func rat(d decimal.Decimal) *big.Rat { return d.Rat() }

// roundHalfUp rounds x to places decimals, halves away from zero.
func roundHalfUp(x *big.Rat, places int32) decimal.Decimal {
	scale := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(places)), nil)
	num := new(big.Int).Mul(x.Num(), scale)
	neg := num.Sign() < 0
	num.Abs(num)
	// floor((2·num + den) / (2·den)) is |x|·10^places rounded half-up.
	num.Mul(num, big.NewInt(2))
	num.Add(num, x.Denom())
	den := new(big.Int).Mul(x.Denom(), big.NewInt(2))
	q := new(big.Int).Quo(num, den)
	if neg {
		q.Neg(q)
	}
	return decimal.NewFromBigInt(q, -places)
}

// fixed formats x rounded half-up to places decimals, trailing zeros kept.
func fixed(x *big.Rat, places int32) string { return roundHalfUp(x, places).StringFixed(places) }

// short formats x rounded half-up to places decimals, without trailing
// zeros: 105.5, 20.
func short(x *big.Rat, places int32) string { return roundHalfUp(x, places).String() }

// floorInt is the integer part of a non-negative x.
func floorInt(x *big.Rat) int64 { return new(big.Int).Quo(x.Num(), x.Denom()).Int64() }

// percent shows a fraction as a percentage, rounded half-up to one
// decimal, with more decimals (up to four) when one would put the value on
// the wrong side of target (nil when there is none).
func percent(v, target *big.Rat) string {
	hundred := big.NewRat(100, 1)
	pv := new(big.Rat).Mul(v, hundred)
	var pt *big.Rat
	if target != nil {
		pt = new(big.Rat).Mul(target, hundred)
	}
	places := int32(1)
	for ; places < 4 && pt != nil; places++ {
		shown := roundHalfUp(pv, places).Rat()
		if pv.Cmp(pt) == shown.Cmp(pt) {
			break
		}
	}
	return fixed(pv, places) + "%"
}

// trim formats a decimal without trailing zeros.
func trim(d decimal.Decimal) string {
	s := d.String()
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	return s
}
