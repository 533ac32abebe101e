package record

import (
	"math/big"

	"github.com/shopspring/decimal"
)

// RoundHalfUp rounds x to places decimals (places ≥ 0), halves away from
// zero: 2.345 → 2.35, −2.345 → −2.35, as a clerk rounds on paper. It works
// on the exact rational, never through float64, so that money is exact to
// the fen and a score's last shown digit is the one the rule gives.
func RoundHalfUp(x *big.Rat, places int32) decimal.Decimal {
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
