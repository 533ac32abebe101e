package record

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// TestHoldersOnCountsAsTenuresHold: holdersOn counts, for every day, the
// tenures that Tenure.Holds says hold it, among tenures open-ended, ended,
// one day long, and ending before they start.
func TestHoldersOnCountsAsTenuresHold(t *testing.T) {
	rng := rand.New(rand.NewPCG(19, 6))
	day := func(n int) Date { return Date{Year: 2026, Month: 1, Day: 1 + n} }
	for round := range 200 {
		var hs []holding
		for range 1 + rng.IntN(40) {
			tn := &Tenure{From: day(rng.IntN(28))}
			switch rng.IntN(4) {
			case 0: // open-ended
			case 1: // ends before it starts
				tn.To = day(rng.IntN(28))
			default:
				tn.To = day(tn.From.Day - 1 + rng.IntN(28-tn.From.Day+1))
			}
			hs = append(hs, holding{&Person{}, tn})
		}
		count := holdersOn(hs)
		for d := range 30 {
			want := 0
			for _, h := range hs {
				if h.t.Holds(day(d)) {
					want++
				}
			}
			if got := count(day(d)); got != want {
				t.Fatalf("round %d, %s: holdersOn counts %d; %d tenures hold it", round, day(d), got, want)
			}
		}
	}
}

// TestHolderNamesNamesTen: a mistake names the first ten holders, in
// register order, and says there are more.
func TestHolderNamesNamesTen(t *testing.T) {
	d := Date{Year: 2026, Month: 3, Day: 1}
	var hs []holding
	for _, name := range strings.Split("甲乙丙丁戊己庚辛壬癸子丑", "") {
		hs = append(hs, holding{&Person{Name: name}, &Tenure{From: d}})
	}
	// The second tenure in the register ended before d.
	hs = append(hs[:1], append([]holding{{&Person{Name: "前任"}, &Tenure{From: Date{Year: 2025, Month: 1, Day: 1}, To: Date{Year: 2025, Month: 12, Day: 31}}}}, hs[1:]...)...)
	for _, tc := range []struct {
		n    int
		want string
	}{
		{3, "甲、乙"}, // 前任 held it the year before
		{11, "甲、乙、丙、丁、戊、己、庚、辛、壬、癸"},
		{12, "甲、乙、丙、丁、戊、己、庚、辛、壬、癸等"},
	} {
		if got := holderNames(hs[:tc.n], d); got != tc.want {
			t.Errorf("%d tenures: holderNames = %q; want %q", tc.n, got, tc.want)
		}
	}
}
