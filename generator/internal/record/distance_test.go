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

// levenshtein is the whole table, for TestEditDistanceWithinStopsAtTheLimit
// to compare with.
func levenshtein(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
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
