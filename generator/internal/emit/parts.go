package emit

import (
	"bytes"
	"encoding/json"
	"fmt"
	"hash/maphash"
	"slices"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// A part is a long string of a page's data that its templates print
// whole: markup gongshi wrote (a history entry's changes, a table's rows,
// a chart), or the commands that show a page's records. The render reads
// the parts apart from the data's JSON (AppendParts): JSON is decoded a
// byte at a time, twice (checked, then scanned) and each string copied
// out again, and the county's 295 MB of page data held 165 MB of such
// strings, which the render decoded only to print them.
//
// In the data's JSON a part is still a JSON string, whose value is the
// part as it is: every reader of page data (keeping, versions, tests)
// reads it as any other string. Only its first character is written
// apart, as a \u escape in capitals, which encoding/json never writes (it
// writes \n, \u003c, never \u000A or \u003C); the split finds parts by
// that mark alone. A part that loses its mark on the way (decoded into
// an interface and encoded again) stays an ordinary string of the JSON:
// printed as it is where the page's data has no parts, and where it has
// others, the page's templates fail the build on it rather than print it
// wrong (see layouts/_partials/data.html).
type part string

func (p part) MarshalJSON() ([]byte, error) {
	if p == "" {
		return []byte(`""`), nil
	}
	r, n := utf8.DecodeRuneInString(string(p))
	if !markable(r) {
		// gongshi's parts begin with markup or a command: a part of
		// the records' own text first would be a mistake here.
		return nil, fmt.Errorf("emit: a part of a page's data begins with %U, which cannot be marked", r)
	}
	var b bytes.Buffer
	b.Grow(len(p) + len(p)/8 + 8)
	b.WriteString(`"\u`)
	b.WriteString(hex4(r))
	e := json.NewEncoder(&b)
	e.SetEscapeHTML(false)
	if err := e.Encode(string(p[n:])); err != nil {
		return nil, err
	}
	out := b.Bytes()
	out = out[:len(out)-1] // Encode's newline
	// The rest was encoded as a string of its own: its opening quote,
	// right after the mark, goes.
	return append(out[:7], out[8:]...), nil
}

// hex4 is r's \u escape's digits, in capitals.
func hex4(r rune) string {
	const digits = "0123456789ABCDEF"
	return string([]byte{digits[r>>12&15], digits[r>>8&15], digits[r>>4&15], digits[r&15]})
}

// markable reports whether a part may begin with r: a character of the
// Basic Multilingual Plane (one \u escape), whose escape in capitals
// encoding/json never writes. It writes \u escapes in small letters, and
// only for control characters, <, >, &, U+2028 and U+2029; an escape
// with a capital letter is never its, nor is one of a character it
// writes as itself.
func markable(r rune) bool {
	if r > 0xFFFF || utf16.IsSurrogate(r) || r == utf8.RuneError {
		return false
	}
	return !jsonEscapes(r) || strings.ContainsAny(hex4(r), "ABCDEF")
}

// jsonEscapes reports whether encoding/json may write r as a \u escape.
func jsonEscapes(r rune) bool {
	return r < 0x20 || r == '<' || r == '>' || r == '&' || r == 0x2028 || r == 0x2029
}

// marked reports whether h, the four digits of a \u escape beginning a
// JSON string, mark a part.
func marked(h []byte) bool {
	r, ok := hexRune(h, 0)
	if !ok {
		return false
	}
	if bytes.ContainsAny(h, "ABCDEF") {
		return true // capitals: never encoding/json's
	}
	return markable(r) && !jsonEscapes(r)
}

// PartSep separates a page's data file's parts from its JSON and from
// one another (AppendParts). JSON holds no NUL byte (encoding/json writes
// it \u0000), and a part's own NUL bytes are written as U+FFFD, as an
// HTML parser reads them.
const PartSep = 0

// partSeed seeds the hashes by which a page's data writes a part once
// however often it has it; the file is the same whatever the seed.
var partSeed = maphash.MakeSeed()

// AppendParts appends to dst a page's data file, as emitted, as the
// render reads it: the JSON with each part (see part) replaced by its
// number, 1 for the first, then each part after a NUL byte, written once
// however often the page has it. Data without parts, or that is not JSON
// as encoding/json writes it, is appended as it is.
// layouts/_partials/data.html splits the file at its NUL bytes and
// hands a page's templates the parts, by number, as its data's "_parts".
func AppendParts(dst, data []byte) []byte {
	start := len(dst)
	var (
		parts [][2]int       // each part's JSON string in data, quotes and all
		seen  map[uint64]int // a part's number, by its string's hash
		from  int
	)
	for at := 0; ; {
		i := bytes.Index(data[at:], []byte(`"\u`))
		if i < 0 {
			break
		}
		i += at
		at = i + 1
		if escaped(data, i) || i+7 > len(data) || !marked(data[i+3:i+7]) {
			continue
		}
		end, ok := stringEnd(data, i)
		if !ok {
			return append(dst[:start], data...)
		}
		if seen == nil {
			seen = make(map[uint64]int)
			dst = slices.Grow(dst, len(data))
		}
		s := data[i:end]
		h := maphash.Bytes(partSeed, s)
		n, dup := seen[h]
		if dup && !bytes.Equal(data[parts[n-1][0]:parts[n-1][1]], s) {
			dup = false // another part with the same hash: written again
		}
		if !dup {
			parts = append(parts, [2]int{i, end})
			n = len(parts)
			if _, taken := seen[h]; !taken {
				seen[h] = n
			}
		}
		dst = append(dst, data[from:i]...)
		dst = strconv.AppendInt(dst, int64(n), 10)
		from, at = end, end
	}
	if parts == nil {
		return append(dst, data...)
	}
	dst = append(dst, data[from:]...)
	for _, p := range parts {
		dst = append(dst, PartSep)
		var ok bool
		if dst, ok = appendUnquoted(dst, data[p[0]+1:p[1]-1]); !ok {
			return append(dst[:start], data...)
		}
	}
	return dst
}

// escaped reports whether the quote at data[i] is escaped: the last of
// an odd number of backslashes before it.
func escaped(data []byte, i int) bool {
	n := 0
	for i > 0 && data[i-1] == '\\' {
		n++
		i--
	}
	return n%2 == 1
}

// stringEnd returns where the JSON string whose opening quote is data[i]
// ends, past its closing quote.
func stringEnd(data []byte, i int) (int, bool) {
	for j := i + 1; ; {
		k := bytes.IndexAny(data[j:], "\"\\")
		if k < 0 {
			return 0, false
		}
		j += k
		if data[j] == '"' {
			return j + 1, true
		}
		if j += 2; j > len(data) { // an escape: the backslash and what it escapes
			return 0, false
		}
	}
}

// appendUnquoted appends the value of a JSON string's contents s (no
// quotes), with NUL bytes as U+FFFD; false if s is not a JSON string's.
func appendUnquoted(b, s []byte) ([]byte, bool) {
	for j := 0; ; {
		k := bytes.IndexAny(s[j:], "\\\x00")
		if k < 0 {
			return append(b, s[j:]...), true
		}
		b = append(b, s[j:j+k]...)
		j += k
		if s[j] == 0 || j+1 >= len(s) {
			return b, false // not JSON
		}
		c := s[j+1]
		j += 2
		switch c {
		case '"', '\\', '/':
			b = append(b, c)
		case 'b':
			b = append(b, '\b')
		case 'f':
			b = append(b, '\f')
		case 'n':
			b = append(b, '\n')
		case 'r':
			b = append(b, '\r')
		case 't':
			b = append(b, '\t')
		case 'u':
			r, ok := hexRune(s, j)
			if !ok {
				return b, false
			}
			j += 4
			if utf16.IsSurrogate(r) {
				r2, ok := rune(0), false
				if j+6 <= len(s) && s[j] == '\\' && s[j+1] == 'u' {
					r2, ok = hexRune(s, j+2)
				}
				if d := utf16.DecodeRune(r, r2); ok && d != utf8.RuneError {
					r = d
					j += 6
				} else {
					r = utf8.RuneError
				}
			}
			if r == 0 {
				r = utf8.RuneError
			}
			b = utf8.AppendRune(b, r)
		default:
			return b, false
		}
	}
}

// hexRune reads the four hex digits at data[j].
func hexRune(data []byte, j int) (rune, bool) {
	if j+4 > len(data) {
		return 0, false
	}
	r, err := strconv.ParseUint(string(data[j:j+4]), 16, 32)
	return rune(r), err == nil
}
