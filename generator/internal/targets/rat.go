package targets

import (
	"cmp"
	"math"
	"math/big"
	"math/bits"
	"strings"

	"github.com/shopspring/decimal"

	"gongshi/generator/internal/record"
)

// rat is a decimal as an exact rational. A decimal of up to 18 digits
// and 15 decimals is a fraction of int64s, made without the big.Int
// power of ten (decimal.Rat) the grades made for every person's scores.
func rat(d decimal.Decimal) *big.Rat {
	if d.NumDigits() <= 18 {
		if r, ok := fraction(d.CoefficientInt64(), d.Exponent(), 1); ok {
			return r
		}
	}
	return d.Rat()
}

// fraction is c × 10^e / n, exact, made of int64s: when e is from -15 to
// 0 and 10^-e × n fits.
func fraction(c int64, e int32, n int64) (*big.Rat, bool) {
	if e > 0 || e < -15 {
		return nil, false
	}
	den := n
	for range -e {
		if den > math.MaxInt64/10 {
			return nil, false
		}
		den *= 10
	}
	return new(big.Rat).SetFrac64(c, den), true
}

// ratOrder compares rationals as (*big.Rat).Cmp does, by the signs of
// the cross products, but keeps the products from one call to the next:
// Cmp allocates both on every call, and a sort calls it n log n times.
// Scores, bases and lines have numerators and denominators that fit in
// 64 bits: their products are then compared as 128-bit integers, without
// big.Int arithmetic (a county's annual grades sorted 1,500 people each
// time the versions of notices worked them out again).
// The zero value is ready to use; it is not safe for concurrent use.
type ratOrder struct{ xd, yd big.Int }

func (o *ratOrder) cmp(x, y *big.Rat) int {
	// Denominators are positive: x < y exactly when x.num × y.den <
	// y.num × x.den.
	xn, xd, yn, yd := x.Num(), x.Denom(), y.Num(), y.Denom()
	if xn.IsInt64() && xd.IsInt64() && yn.IsInt64() && yd.IsInt64() {
		return cmpProducts(xn.Int64(), yd.Int64(), yn.Int64(), xd.Int64())
	}
	o.xd.Mul(xn, yd)
	o.yd.Mul(yn, xd)
	return o.xd.Cmp(&o.yd)
}

// cmpProducts compares a × b with c × d, exactly, for b and d positive.
func cmpProducts(a, b, c, d int64) int {
	sa, sc := cmp.Compare(a, 0), cmp.Compare(c, 0) // the signs of the products
	if sa != sc {
		return cmp.Compare(sa, sc)
	}
	if sa == 0 {
		return 0
	}
	// The same sign: compare the magnitudes, the other way round when
	// both are negative.
	hi1, lo1 := bits.Mul64(abs64(a), uint64(b))
	hi2, lo2 := bits.Mul64(abs64(c), uint64(d))
	m := cmp.Or(cmp.Compare(hi1, hi2), cmp.Compare(lo1, lo2))
	return m * sa
}

// abs64 is |a| (of math.MinInt64 too, which has no int64 opposite).
func abs64(a int64) uint64 {
	if a < 0 {
		return -uint64(a)
	}
	return uint64(a)
}

// ratio is n / d, exact; d is not zero. Brought to the same exponent, two
// decimals' coefficients are the fraction.
func ratio(n, d decimal.Decimal) *big.Rat {
	n, d = decimal.RescalePair(n, d)
	return new(big.Rat).SetFrac(n.Coefficient(), d.Coefficient())
}

// mean is sum / n, exact.
func mean(sum decimal.Decimal, n int) *big.Rat {
	m := rat(sum)
	return m.Quo(m, new(big.Rat).SetInt64(int64(n)))
}

// short formats x rounded half-up to places decimals, without trailing
// zeros: 105.5, 20.
func short(x *big.Rat, places int32) string { return record.RoundHalfUp(x, places).String() }

// floorInt is the integer part of a non-negative x.
func floorInt(x *big.Rat) int64 { return new(big.Int).Quo(x.Num(), x.Denom()).Int64() }

// percent shows a fraction as a percentage, rounded half-up to one
// decimal, with more decimals (up to four) when one would put the value on
// the wrong side of target (nil when there is none).
func percent(v, target *big.Rat) string {
	hundred := big.NewRat(100, 1)
	pv := new(big.Rat).Mul(v, hundred)
	places := int32(percentPlaces)
	shown := record.RoundHalfUp(pv, places)
	if target != nil {
		pt := new(big.Rat).Mul(target, hundred)
		var rats ratOrder
		// More places while the rounded value is not on the same side of
		// the target as the value itself.
		side := rats.cmp(pv, pt)
		for places < 4 && rats.cmp(shown.Rat(), pt) != side {
			places++
			shown = record.RoundHalfUp(pv, places)
		}
	}
	return shown.StringFixed(places) + "%"
}

// trim formats a decimal without trailing zeros.
func trim(d decimal.Decimal) string {
	s := d.String()
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	return s
}

// sum adds decimals exactly, as decimal.Add would, and gives their mean.
// Quarterly scores and bases have a few digits and a decimal or two:
// their coefficients are added as int64 at the smallest exponent, where
// decimal.Add rescales and adds big.Ints, allocating for every sum (the
// annual grades of a county summed 40,000 of them each time the versions
// of notices worked the grades out again). A sum that would not fit is
// carried on with decimal's arithmetic.
type sum struct {
	c   int64 // the sum is c × 10^e while small
	e   int32
	big *decimal.Decimal // the sum, once it is not small
	n   int
}

// maxSmall bounds the coefficients kept as int64: a sum of them, and any
// of them times 1000, fit.
const maxSmall = 1e15

func (s *sum) add(d decimal.Decimal) {
	s.n++
	if s.big == nil && d.NumDigits() <= 15 {
		c, e := d.CoefficientInt64(), d.Exponent()
		if s.n == 1 {
			s.c, s.e = c, e
			return
		}
		if sc, c, e, ok := align(s.c, s.e, c, e); ok && abs64(sc) < maxSmall && abs64(c) < maxSmall {
			s.c, s.e = sc+c, e
			return
		}
	}
	if s.big == nil {
		t := decimal.New(s.c, s.e)
		if s.n == 1 {
			t = decimal.Zero
		}
		s.big = &t
	}
	*s.big = s.big.Add(d)
}

// align brings x × 10^xe and y × 10^ye to the smaller exponent, when the
// coefficients stay below maxSmall.
func align(x int64, xe int32, y int64, ye int32) (int64, int64, int32, bool) {
	for xe > ye {
		if abs64(x) >= maxSmall/10 {
			return 0, 0, 0, false
		}
		x, xe = x*10, xe-1
	}
	for ye > xe {
		if abs64(y) >= maxSmall/10 {
			return 0, 0, 0, false
		}
		y, ye = y*10, ye-1
	}
	return x, y, xe, true
}

// mean is the sum over the count of decimals added, exact; there is at
// least one.
func (s *sum) mean() *big.Rat {
	if s.big != nil {
		return mean(*s.big, s.n)
	}
	if r, ok := fraction(s.c, s.e, int64(s.n)); ok {
		return r
	}
	return mean(decimal.New(s.c, s.e), s.n)
}
