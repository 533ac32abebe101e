package record

import (
	"math/rand/v2"
	"testing"
)

func TestEditDistanceWithinCountsCharacters(t *testing.T) {
	tests := []struct {
		name string
		a, b string
		want int
	}{
		{"both empty", "", "", 0},
		{"from empty", "", "abc", 3},
		{"to empty", "abc", "", 3},
		{"equal", "chaodu-012", "chaodu-012", 0},
		{"one substitution", "pass_mark", "pass_mrak", 2},
		{"one insertion", "respon", "respons", 1},
		{"one deletion", "responsible", "responsble", 1},
		{"kitten to sitting", "kitten", "sitting", 3},
		{"case counts", "K01", "k01", 1},
		{"Chinese substitution is one", "包村领导", "包片领导", 1},
		{"Chinese swap is two", "包船责任人", "包船负责人", 2},
		{"Chinese insertion is one", "河西村", "河西新村", 1},
		{"full-width colon is one character", "a：b", "a:b", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := EditDistanceWithin(tt.a, tt.b, 99); got != tt.want {
				t.Errorf("EditDistanceWithin(%q, %q, 99) = %d; want %d", tt.a, tt.b, got, tt.want)
			}
			if got := EditDistanceWithin(tt.b, tt.a, 99); got != tt.want {
				t.Errorf("EditDistanceWithin(%q, %q, 99) = %d; want %d (symmetric)", tt.b, tt.a, got, tt.want)
			}
		})
	}
}

// levenshtein is the distance by its recursive definition, for
// TestEditDistanceWithinStopsAtTheLimit to compare with.
func levenshtein(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	known := map[[2]int]int{}
	var d func(i, j int) int
	d = func(i, j int) int {
		switch {
		case i == 0:
			return j
		case j == 0:
			return i
		}
		if v, ok := known[[2]int{i, j}]; ok {
			return v
		}
		substitute := 1
		if ra[i-1] == rb[j-1] {
			substitute = 0
		}
		v := min(d(i-1, j)+1, d(i, j-1)+1, d(i-1, j-1)+substitute)
		known[[2]int{i, j}] = v
		return v
	}
	return d(len(ra), len(rb))
}

// TestEditDistanceWithinStopsAtTheLimit compares it with the whole table
// on random strings of a small alphabet, Chinese characters included.
func TestEditDistanceWithinStopsAtTheLimit(t *testing.T) {
	rng := rand.New(rand.NewPCG(19, 7))
	alphabet := []rune("ab-包村片领导")
	word := func() string {
		r := make([]rune, rng.IntN(9))
		for i := range r {
			r[i] = alphabet[rng.IntN(len(alphabet))]
		}
		return string(r)
	}
	for range 20000 {
		a, b, limit := word(), word(), rng.IntN(5)
		want := min(levenshtein(a, b), limit+1)
		if got := EditDistanceWithin(a, b, limit); got != want {
			t.Fatalf("EditDistanceWithin(%q, %q, %d) = %d; want %d (distance %d)", a, b, limit, got, want, levenshtein(a, b))
		}
	}
}
