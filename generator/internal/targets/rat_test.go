package targets

import (
	"math"
	"math/big"
	"slices"
	"testing"

	"github.com/shopspring/decimal"
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

// TestSumIsDecimalAdd: a sum's mean is that of the decimals added with
// decimal.Add, whatever their exponents, signs and sizes, including sums
// that outgrow int64 on the way and decimals that never fit one.
func TestSumIsDecimalAdd(t *testing.T) {
	ds := func(ss ...string) []decimal.Decimal {
		var out []decimal.Decimal
		for _, s := range ss {
			out = append(out, decimal.RequireFromString(s))
		}
		return out
	}
	cases := [][]decimal.Decimal{
		ds("95"),
		ds("95.5", "96", "97.25", "88"),
		ds("0", "0.0", "-0.00"),
		ds("-3.5", "2", "1.25"),
		ds("100", "1E+3", "1E+20"),                           // positive exponents
		ds("0.000000000000001", "1"),                         // 10^-15
		ds("0.0000000000000001", "1", "2"),                   // past 10^-15: the mean by decimal
		ds("999999999999999", "999999999999999", "0.5"),      // 15 digits, then a rescale that does not fit
		ds("9999999999999999", "1"),                          // 16 digits from the first
		ds("1", "12345678901234567890.123"),                  // a big one later
		ds("123456789012345.6", "-123456789012345.6", "0.1"), // 16 digits with a decimal
		ds("99999999999999.9", "99999999999999.9", "99999999999999.9", "99999999999999.9"), // near the bound, four times
	}
	for _, c := range cases {
		var s sum
		want := decimal.Zero
		for _, d := range c {
			s.add(d)
			want = want.Add(d)
		}
		if got, want := s.mean(), mean(want, len(c)); got.Cmp(want) != 0 {
			t.Errorf("mean of %v = %s; want %s", c, got, want)
		}
	}
}

// TestRatIsDecimalRat: rat gives the rational decimal.Rat gives, small or
// large, with decimals or with a positive exponent.
func TestRatIsDecimalRat(t *testing.T) {
	for _, s := range []string{"0", "-0.00", "95", "95.5", "-3.25", "0.000000000000001", "0.0000000000000001",
		"999999999999999999", "9999999999999999999", "-123456789012345.678", "1E+3", "12345678901234567890.5"} {
		d := decimal.RequireFromString(s)
		if got, want := rat(d), d.Rat(); got.Cmp(want) != 0 {
			t.Errorf("rat(%s) = %s; want %s", s, got, want)
		}
	}
}

// TestFraction: c × 10^e / n from int64s, or not at all when the
// denominator would not fit (or the exponent is out of its range).
func TestFraction(t *testing.T) {
	for _, tt := range []struct {
		c    int64
		e    int32
		n    int64
		want string // "" when there is none
	}{
		{955, -1, 4, "191/8"},
		{-3, -2, 1, "-3/100"},
		{7, 0, 3, "7/3"},
		{1, -15, 9000, "1/9000000000000000000"},
		{1, -15, 10000, ""}, // 10^19 does not fit
		{1, -16, 1, ""},
		{1, 1, 1, ""},
	} {
		got, ok := fraction(tt.c, tt.e, tt.n)
		switch {
		case ok != (tt.want != ""):
			t.Errorf("fraction(%d, %d, %d): ok %v; want %q", tt.c, tt.e, tt.n, ok, tt.want)
		case ok && got.String() != tt.want:
			t.Errorf("fraction(%d, %d, %d) = %s; want %s", tt.c, tt.e, tt.n, got, tt.want)
		}
	}
}
