package record

import "testing"

func TestEditDistanceCountsCharacters(t *testing.T) {
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
			if got := EditDistance(tt.a, tt.b); got != tt.want {
				t.Errorf("EditDistance(%q, %q) = %d; want %d", tt.a, tt.b, got, tt.want)
			}
			if got := EditDistance(tt.b, tt.a); got != tt.want {
				t.Errorf("EditDistance(%q, %q) = %d; want %d (symmetric)", tt.b, tt.a, got, tt.want)
			}
		})
	}
}
