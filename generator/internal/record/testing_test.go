package record

// What only the tests use.

// QuarterOf is the quarter a date falls in.
func QuarterOf(d Date) Quarter { return Quarter{d.Year, (int(d.Month)-1)/3 + 1} }

// ValidIDNumber reports whether s is 18 characters with the right GB 11643
// check character.
func ValidIDNumber(s string) bool {
	return idNumberPattern.MatchString(s) && s[17] == idCheck(s[:17])
}
