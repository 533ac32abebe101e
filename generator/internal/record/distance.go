package record

// EditDistance is the Levenshtein distance between a and b in characters
// (runes, not bytes): the fewest insertions, deletions and substitutions
// that turn one into the other. The "did you mean" hints of every stage
// measure a misspelt name by it, so that 包村领导 and 包片领导 are one
// apart, as a clerk sees them.
func EditDistance(a, b string) int {
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
