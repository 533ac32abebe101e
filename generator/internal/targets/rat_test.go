package targets

import (
	"math"
	"math/big"
	"slices"
	"testing"
)

// TestRatOrderIsRatCmp: ratOrder compares as (*big.Rat).Cmp, whatever the
// signs and denominators and whatever it compared before, so that sorts
// using it keep the same order, equal elements included.
func TestRatOrderIsRatCmp(t *testing.T) {
	huge, _ := new(big.Rat).SetString("123456789012345678901234567890/7")
	xs := []*big.Rat{
		new(big.Rat), // the zero value: denominator not yet set
		big.NewRat(0, 5),
		big.NewRat(1, 1),
		big.NewRat(2, 2),
		big.NewRat(-1, 3),
		big.NewRat(1, 3),
		big.NewRat(333, 1000),
		big.NewRat(9675, 100),
		big.NewRat(387, 4),
		big.NewRat(2903, 30),
		big.NewRat(-9675, 100),
		huge,
		new(big.Rat).Neg(huge),
		// At the edges of 64 bits, where the cross products need 128:
		// (M-1)/M and (M-2)/(M-1) differ by 1 in products near 2^126.
		big.NewRat(math.MaxInt64, 1),
		big.NewRat(math.MinInt64, 1),
		big.NewRat(math.MinInt64+1, 1),
		big.NewRat(math.MinInt64, 3),
		big.NewRat(1, math.MaxInt64),
		big.NewRat(-1, math.MaxInt64),
		big.NewRat(math.MaxInt64-1, math.MaxInt64),
		big.NewRat(math.MaxInt64-2, math.MaxInt64-1),
		big.NewRat(-(math.MaxInt64 - 1), math.MaxInt64),
		big.NewRat(-(math.MaxInt64 - 2), math.MaxInt64-1),
		// A numerator of 2^63 does not fit in 64 bits; 2^63 + 1 over 2^63 - 1
		// neither.
		new(big.Rat).SetFrac(new(big.Int).Lsh(big.NewInt(1), 63), big.NewInt(3)),
		new(big.Rat).SetFrac(new(big.Int).Add(new(big.Int).Lsh(big.NewInt(1), 63), big.NewInt(1)), big.NewInt(math.MaxInt64)),
	}
	var o ratOrder
	for _, x := range xs {
		for _, y := range xs {
			if got, want := o.cmp(x, y), x.Cmp(y); got != want {
				t.Errorf("cmp(%s, %s) = %d; want %d", x, y, got, want)
			}
		}
	}

	byCmp := slices.Clone(xs)
	slices.SortStableFunc(byCmp, func(a, b *big.Rat) int { return b.Cmp(a) })
	byOrder := slices.Clone(xs)
	slices.SortStableFunc(byOrder, func(a, b *big.Rat) int { return o.cmp(b, a) })
	for i := range byCmp {
		if byCmp[i] != byOrder[i] {
			t.Errorf("sorted by ratOrder, [%d] is %s; Cmp puts %s there", i, byOrder[i], byCmp[i])
		}
	}
}
