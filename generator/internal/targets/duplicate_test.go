package targets

import (
	"fmt"
	"testing"
)

func TestFirstDuplicate(t *testing.T) {
	for _, tc := range []struct {
		xs   []string
		want int
	}{
		{nil, -1},
		{[]string{"a"}, -1},
		{[]string{"a", "b", "c"}, -1},
		{[]string{"a", "b", "a"}, 2},
		{[]string{"a", "b", "b", "a"}, 2},
		{[]string{"", ""}, -1}, // blanks are the decoder's to report
		{[]string{"", "a", "", "a"}, 3},
	} {
		if got := firstDuplicate(tc.xs); got != tc.want {
			t.Errorf("firstDuplicate(%q) = %d; want %d", tc.xs, got, tc.want)
		}
	}
}

// BenchmarkFirstDuplicate: a committee's order of a county's cadres, none
// written twice, as the grades check it for every commit looked back on.
func BenchmarkFirstDuplicate(b *testing.B) {
	xs := make([]string, 2000)
	for i := range xs {
		xs[i] = fmt.Sprintf("township-person-%04d", i)
	}
	for b.Loop() {
		if firstDuplicate(xs) != -1 {
			b.Fatal("a duplicate found")
		}
	}
}
