package record

import (
	"math/big"
	"testing"
)

func TestRoundHalfUpRoundsHalvesAwayFromZero(t *testing.T) {
	tests := []struct {
		name   string
		x      string // an exact rational, as big.Rat.SetString reads it
		places int32
		want   string
	}{
		{"zero", "0", 2, "0.00"},
		{"integer stays", "170250", 0, "170250"},
		{"half rounds up", "1/2", 0, "1"},
		{"three halves round up", "3/2", 0, "2"},
		{"five halves round up", "5/2", 0, "3"},
		{"a third rounds down", "1/3", 0, "0"},
		{"two thirds round up", "2/3", 0, "1"},
		{"just below a half rounds down", "4999/10000", 0, "0"},
		{"exact half at two places", "2.345", 2, "2.35"},
		{"just below half at two places", "2.3449999", 2, "2.34"},
		{"exact half at one place", "0.25", 1, "0.3"},
		{"a third to four places", "1/3", 4, "0.3333"},
		{"two thirds to two places", "200/3", 2, "66.67"},
		{"negative half rounds away from zero", "-1/2", 0, "-1"},
		{"negative three halves", "-3/2", 0, "-2"},
		{"negative exact half at two places", "-2.345", 2, "-2.35"},
		{"negative just below half", "-2.3449999", 2, "-2.34"},
		{"negative a third", "-1/3", 0, "0"},
		{"negative two thirds to two places", "-200/3", 2, "-66.67"},
		{"tiny negative rounds to zero", "-1/1000", 2, "0.00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			x, ok := new(big.Rat).SetString(tt.x)
			if !ok {
				t.Fatalf("bad rational %q", tt.x)
			}
			if got := RoundHalfUp(x, tt.places).StringFixed(tt.places); got != tt.want {
				t.Errorf("RoundHalfUp(%s, %d) = %s; want %s", tt.x, tt.places, got, tt.want)
			}
		})
	}
}
