package record

import "unicode/utf8"

// EditDistanceWithin is the Levenshtein distance between a and b in
// characters (runes, not bytes) when that is at most limit, and limit+1
// otherwise: the fewest insertions, deletions and substitutions that turn
// one into the other. The "did you mean" hints of every stage measure a
// misspelt name by it, so that 包村领导 and 包片领导 are one apart, as a
// clerk sees them.
//
// A hint looks for a name within a few edits of the one written among
// every name of its kind (a county's thousands of ids, for each mistaken
// reference): strings whose lengths alone are too far apart are not
// measured, and a measure stops at the first row of its table whose every
// cell is past the limit, since no later row has a smaller one.
func EditDistanceWithin(a, b string, limit int) int {
	na, nb := utf8.RuneCountInString(a), utf8.RuneCountInString(b)
	if na-nb > limit || nb-na > limit {
		return limit + 1
	}
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		least := cur[0]
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			least = min(least, cur[j])
		}
		if least > limit {
			return limit + 1
		}
		prev, cur = cur, prev
	}
	return min(prev[len(rb)], limit+1)
}
