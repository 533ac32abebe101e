package guard

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/width"
)

// unit is one character of a text as the patterns read it, and the bytes
// of the text it stands for.
type unit struct {
	r          rune
	start, end int
}

// fold reads s the way a person reads it: full-width digits and letters
// as ASCII ones, a digit of any script as its value, every kind of space
// as a space and every dash as "-"; invisible characters and controls are
// not there at all. Line feeds stay: they end a number.
func fold(s string) []unit {
	us := make([]unit, 0, len(s))
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		u := unit{r: r, start: i, end: i + n}
		i += n
		switch {
		case r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z':
		case r == '\n':
		case r == '\t' || r == '\r':
			u.r = ' '
		case r < ' ' || r == 0x7f || hygiene(r, n) != "" && r != utf8.RuneError:
			continue // controls and invisible characters show nothing
		case r < utf8.RuneSelf:
		default:
			u.r = foldRune(r)
		}
		us = append(us, u)
	}
	chineseDigits(us)
	return us
}

func foldRune(r rune) rune {
	if d, ok := digitValue(r); ok {
		return '0' + d
	}
	if f := width.LookupRune(r).Folded(); f != 0 && f < utf8.RuneSelf {
		r = f
	}
	switch {
	case r == '\u2212' || unicode.Is(unicode.Pd, r):
		return '-'
	case r == '。':
		return '.'
	case unicode.IsSpace(r):
		return ' '
	}
	return r
}

// digitValue is the value of a decimal digit of any script (Unicode
// category Nd, whose digits come in runs of ten from zero).
func digitValue(r rune) (rune, bool) {
	if !unicode.IsDigit(r) {
		return 0, false
	}
	zero := r
	for r-zero < 64 && unicode.IsDigit(zero-1) {
		zero--
	}
	// A run longer than ten (mathematical digits: five styles of 0–9)
	// still starts each style at a multiple of ten from its start.
	return (r - zero) % 10, true
}

// chineseNumerals are the numerals that stand for one digit each when a
// number is read out digit by digit: 一三九〇七四五…
const chineseNumerals = "〇零一二三四五六七八九幺两"

func chineseDigit(r rune) (rune, bool) {
	switch r {
	case '〇', '零':
		return '0', true
	case '一', '幺':
		return '1', true
	case '二', '两':
		return '2', true
	case '三':
		return '3', true
	case '四':
		return '4', true
	case '五':
		return '5', true
	case '六':
		return '6', true
	case '七':
		return '7', true
	case '八':
		return '8', true
	case '九':
		return '9', true
	}
	return 0, false
}

// chineseDigits reads Chinese numerals as digits where they spell out a
// number digit by digit: seven or more of them (with digits and
// separators between), as a phone number is written out to hide it.
// Fewer are words (一二三, 第三组), and are left as they are.
func chineseDigits(us []unit) {
	for i := 0; i < len(us); {
		if _, ok := chineseDigit(us[i].r); !ok {
			i++
			continue
		}
		// the stretch of numerals, digits and separators around i
		start := i
		for start > 0 && (isDigit(us[start-1].r) || isSeparator(us[start-1].r)) {
			start--
		}
		end, n, cn := start, 0, false
		for ; end < len(us); end++ {
			r := us[end].r
			if _, ok := chineseDigit(r); ok {
				n, cn = n+1, true
			} else if isDigit(r) {
				n++
			} else if !isSeparator(r) {
				break
			}
		}
		if n >= 7 && cn {
			for k := start; k < end; k++ {
				if d, ok := chineseDigit(us[k].r); ok {
					us[k].r = d
				}
			}
		}
		i = max(end, i+1)
	}
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

// isSeparator reports what may stand between the groups of digits of one
// number: spaces, dots, slashes, commas, dashes, brackets and the like.
// An asterisk does not: it is how a number is masked.
func isSeparator(r rune) bool {
	return r == ' ' || r == '-' || r != '*' && r != '\n' && unicode.IsPunct(r)
}

// compact is the folded text without spaces, for the address patterns,
// with the byte offsets in the original text of each of its bytes.
func compact(us []unit) (string, []int, []int) {
	var b strings.Builder
	var starts, ends []int
	for _, u := range us {
		if u.r == ' ' {
			continue
		}
		n, _ := b.WriteRune(u.r)
		for range n {
			starts = append(starts, u.start)
			ends = append(ends, u.end)
		}
	}
	return b.String(), starts, ends
}
