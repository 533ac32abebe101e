package bench

import (
	"testing"
	"time"
)

func TestParseStealReadsTheEighthFigureOfTheCPULine(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want time.Duration
		ok   bool
	}{
		{"cpu  2696527 15100 244644 1405208 37355 0 14783 92173 0 0\ncpu0 1 2 3 4 5 6 7 8 0 0\n", 921730 * time.Millisecond, true},
		{"cpu  1 2 3 4 5 6 7 0\n", 0, true},
		{"cpu  1 2 3 4 5 6 7\n", 0, false}, // a kernel too old to count it
		{"cpu0 1 2 3 4 5 6 7 8\n", 0, false},
		{"cpu  1 2 3 4 5 6 7 x\n", 0, false},
		{"cpu  1 2 3 4 5 6 7 99999999999999999999\n", 0, false},
		{"", 0, false},
	} {
		got, ok := parseSteal([]byte(tc.in))
		if got != tc.want || ok != tc.ok {
			t.Errorf("parseSteal(%q) = %v, %v; want %v, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}
