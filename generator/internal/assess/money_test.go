package assess

import (
	"math/big"
	"testing"

	"github.com/shopspring/decimal"
)

func TestFenFormats(t *testing.T) {
	tests := []struct {
		f           Fen
		text, plain string
	}{
		{0, "0.00", "0.00"},
		{5, "0.05", "0.05"},
		{170250, "1,702.50", "1702.50"},
		{3900000, "39,000.00", "39000.00"},
		{123456789, "1,234,567.89", "1234567.89"},
		{-60000, "-600.00", "-600.00"},
	}
	for _, tt := range tests {
		if got := tt.f.String(); got != tt.text {
			t.Errorf("Fen(%d).String() = %q; want %q", int64(tt.f), got, tt.text)
		}
		if got := tt.f.Plain(); got != tt.plain {
			t.Errorf("Fen(%d).Plain() = %q; want %q", int64(tt.f), got, tt.plain)
		}
		if got := tt.f.Decimal().StringFixed(2); got != tt.plain {
			t.Errorf("Fen(%d).Decimal() = %s; want %s", int64(tt.f), got, tt.plain)
		}
	}
}

func TestRoundFenIsHalfUp(t *testing.T) {
	tests := []struct {
		num, den int64
		want     Fen
	}{
		{1, 2, 1}, {3, 2, 2}, {5, 2, 3}, {1, 3, 0}, {2, 3, 1}, {4999, 10000, 0}, {170250, 1, 170250},
	}
	for _, tt := range tests {
		if got := roundFen(big.NewRat(tt.num, tt.den)); got != tt.want {
			t.Errorf("roundFen(%d/%d) = %d; want %d", tt.num, tt.den, got, tt.want)
		}
	}
}

func TestFenOfRefusesFractionsOfAFen(t *testing.T) {
	if f, ok := fenOf(decimal.RequireFromString("500")); !ok || f != 50000 {
		t.Errorf("fenOf(500) = %d, %v; want 50000, true", f, ok)
	}
	if f, ok := fenOf(decimal.RequireFromString("15.5")); !ok || f != 1550 {
		t.Errorf("fenOf(15.5) = %d, %v; want 1550, true", f, ok)
	}
	if _, ok := fenOf(decimal.RequireFromString("500.125")); ok {
		t.Errorf("fenOf(500.125) accepted a fraction of a fen")
	}
}
