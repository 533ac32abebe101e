package assess

import (
	"fmt"
	"math/big"
	"slices"
	"testing"

	"gongshi/generator/internal/record"
)

func assessees(dues ...Fen) []*Assessee {
	var as []*Assessee
	for i, d := range dues {
		as = append(as, &Assessee{Person: &record.Person{ID: fmt.Sprintf("p%02d", i+1)}, Due: d, Pay: d})
	}
	return as
}

func pays(as []*Assessee) map[string]Fen {
	m := map[string]Fen{}
	for _, a := range as {
		m[a.Person.ID] = a.Pay
	}
	return m
}

// TestScaleRawPayouts40123_45ToAPoolOf39000 is the case: 26 people
// due 40,123.45 in all share a pool of 39,000.00 exactly, each within a fen
// of their exact share, the leftover fen going to the largest remainders.
func TestScaleRawPayouts40123_45ToAPoolOf39000(t *testing.T) {
	var dues []Fen
	var sum Fen
	for i := range 25 {
		d := Fen(150000 + 523*i)
		dues = append(dues, d)
		sum += d
	}
	dues = append(dues, 4012345-sum)
	as := assessees(dues...)
	scale(as, 3900000)

	var paid Fen
	minUp, maxDown := big.NewRat(2, 1), big.NewRat(-1, 1) // remainders of those rounded up, and down
	for _, a := range as {
		paid += a.Pay
		exact := big.NewRat(int64(a.Due)*3900000, 4012345)
		diff := new(big.Rat).Sub(exact, big.NewRat(int64(a.Pay), 1)) // exact − pay, in (−1, 1)
		frac := new(big.Rat).Sub(exact, new(big.Rat).SetInt(new(big.Int).Quo(exact.Num(), exact.Denom())))
		switch diff.Sign() {
		case -1: // rounded up
			if diff.Cmp(big.NewRat(-1, 1)) <= 0 {
				t.Errorf("%s paid %s, a fen or more above the exact share %s", a.Person.ID, a.Pay.Plain(), exact.FloatString(4))
			}
			if frac.Cmp(minUp) < 0 {
				minUp = frac
			}
		default: // rounded down
			if diff.Cmp(big.NewRat(1, 1)) >= 0 {
				t.Errorf("%s paid %s, a fen or more below the exact share %s", a.Person.ID, a.Pay.Plain(), exact.FloatString(4))
			}
			if frac.Cmp(maxDown) > 0 {
				maxDown = frac
			}
		}
	}
	if paid != 3900000 {
		t.Errorf("paid %s; want exactly 39000.00", paid.Plain())
	}
	if minUp.Cmp(maxDown) < 0 {
		t.Errorf("a remainder of %s was rounded up while a larger one, %s, was not", minUp.FloatString(6), maxDown.FloatString(6))
	}
}

func TestScaleBreaksTiesByLargerDueThenID(t *testing.T) {
	// Dues 1, 1, 4 against a pool of 4: every exact share has the same
	// remainder (2/3, 2/3, 2/3 of a fen after 0, 0, 2). The two fen left go
	// to the larger due, then to the smaller id.
	as := assessees(1, 1, 4)
	scale(as, 4)
	want := map[string]Fen{"p01": 1, "p02": 0, "p03": 3}
	if got := pays(as); !mapsEqual(got, want) {
		t.Errorf("scale(1, 1, 4 → 4) = %v; want %v", got, want)
	}
}

func TestScaleDoesNotDependOnInputOrder(t *testing.T) {
	dues := []Fen{170250, 150000, 150000, 150000, 120000, 163350, 157575, 150000}
	want := func() map[string]Fen { as := assessees(dues...); scale(as, 1000000); return pays(as) }()
	as := assessees(dues...)
	slices.Reverse(as)
	scale(as, 1000000)
	if got := pays(as); !mapsEqual(got, want) {
		t.Errorf("scale on reversed input = %v; want %v", got, want)
	}
	var sum Fen
	for _, p := range want {
		sum += p
	}
	if sum != 1000000 {
		t.Errorf("paid %s; want 10000.00", sum.Plain())
	}
}

func TestScaleLeavesTheUnqualifiedAtZero(t *testing.T) {
	as := assessees(0, 150000, 150000)
	scale(as, 100001)
	if got, want := pays(as), (map[string]Fen{"p01": 0, "p02": 50001, "p03": 50000}); !mapsEqual(got, want) {
		t.Errorf("scale = %v; want %v", got, want)
	}
}

func mapsEqual(a, b map[string]Fen) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}
