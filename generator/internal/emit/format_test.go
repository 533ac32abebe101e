package emit

import (
	"testing"

	"github.com/shopspring/decimal"
)

func TestNumFormatsAsDecimalString(t *testing.T) {
	var cases []decimal.Decimal
	for _, s := range []string{"0", "0.0", "0.00", "30", "30.0", "28.50", "-0.5", "-2", "100", "0.000", "-0.05", "1e3", "12.345678901", "99999999999999999999.5", "0.1234567890123"} {
		cases = append(cases, decimal.RequireFromString(s))
	}
	for c := int64(-2000); c <= 2000; c += 7 {
		for e := int32(-4); e <= 2; e++ {
			cases = append(cases, decimal.New(c, e))
		}
	}
	for _, d := range cases {
		if got, want := num(d), d.String(); got != want {
			t.Errorf("num(%s) = %q; want %q", want, got, want)
		}
	}
}
