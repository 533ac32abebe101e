package guard

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Problem is a character that may not be published, at its byte offset in
// the text.
type Problem struct {
	Offset int
	Rune   rune // utf8.RuneError for a byte that is not UTF-8
	What   string
}

// Hygiene returns the characters of s that may not be published: bytes
// that are not UTF-8, control characters (but tab and line feed), bidi
// controls, and characters that show nothing (zero-width spaces and
// joiners, fillers, the byte order mark).
func Hygiene(s string) []Problem {
	var ps []Problem
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if what := hygiene(r, n); what != "" {
			ps = append(ps, Problem{Offset: i, Rune: r, What: what})
		}
		i += n
	}
	return ps
}

// Clean returns s with what Hygiene reports dropped, a byte that is not
// UTF-8 shown as U+FFFD: text that cannot be refused (it is in git
// history) made fit to publish.
func Clean(s string) string {
	if isClean(s) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			b.WriteRune(utf8.RuneError)
		case hygiene(r, n) == "":
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

func isClean(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= utf8.RuneSelf || c < ' ' && c != '\t' && c != '\n' || c == 0x7f {
			return len(Hygiene(s)) == 0
		}
	}
	return true
}

// hygiene says what is wrong with the rune r, read from n bytes, or "".
func hygiene(r rune, n int) string {
	switch {
	case r == utf8.RuneError && n == 1:
		return "a byte that is not UTF-8"
	case r == '\t' || r == '\n':
		return ""
	case r < ' ' || r >= 0x7f && r < 0xa0:
		return fmt.Sprintf("a control character %U", r)
	case r == '\u2028' || r == '\u2029':
		return fmt.Sprintf("a line separator %U", r)
	case isBidi(r):
		return fmt.Sprintf("a bidi control %U, which reorders the text around it", r)
	case Invisible(r):
		return fmt.Sprintf("an invisible character %U", r)
	}
	return ""
}

// isBidi reports the characters that change the direction text is shown
// in: embeddings and overrides, isolates, marks.
func isBidi(r rune) bool {
	return r >= '\u202a' && r <= '\u202e' || r >= '\u2066' && r <= '\u2069' ||
		r == '\u200e' || r == '\u200f' || r == '\u061c'
}

// Invisible reports characters that take no room or show nothing:
// format characters (zero-width spaces and joiners, the byte order mark,
// soft hyphens, bidi controls, tags) and the blank fillers of Hangul and
// Braille.
func Invisible(r rune) bool {
	switch r {
	case '\u115f', '\u1160', '\u3164', '\uffa0', '\u2800', '\u180e':
		return true
	}
	return unicode.Is(unicode.Cf, r)
}

// Visible reports whether s shows anything: a character that is not a
// space, a control or invisible. A lone zero-width space is not a value.
func Visible(s string) bool {
	for _, r := range s {
		if !unicode.IsSpace(r) && !unicode.IsControl(r) && !Invisible(r) && !unicode.Is(unicode.Variation_Selector, r) {
			return true
		}
	}
	return false
}
