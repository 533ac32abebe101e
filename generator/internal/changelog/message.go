package changelog

import (
	"strconv"
	"strings"
)

// TypeKey is the trailer in which the clerk says whether a change of the
// records is a correction of form or a change of substance:
//
//	更正张三出勤分
//
//	原录入时将9分误录为10分。
//
//	Change-Type: 更正
//
// The key is in ASCII because git only recognises trailer keys made of
// letters, digits and hyphens: written so, `git log
// --format='%(trailers:key=Change-Type)'` and `git interpret-trailers`
// read the same thing the site shows. The values are Chinese (English
// aliases are accepted).
const TypeKey = "Change-Type"

// ChangeType says what kind of change a commit is.
type ChangeType int

const (
	// TypeUnstated: the commit has no Change-Type trailer. The site shows
	// such a change as a change of substance.
	TypeUnstated ChangeType = iota
	// TypeCorrection (更正): the record was wrong in form — a typing or
	// transcription mistake, a wrong date format — and now says what was
	// always meant; nothing was decided anew.
	TypeCorrection
	// TypeSubstantive (实质变更): a fact changed — a score re-assessed, a
	// responsible person replaced, a deadline extended.
	TypeSubstantive
	// TypeInvalid: the trailer's value is none of the above, or two
	// trailers disagree.
	TypeInvalid
)

// String is the Chinese name shown on the site.
func (t ChangeType) String() string {
	return [...]string{"", "更正", "实质变更", "变更类型有误"}[t]
}

var typeValues = map[string]ChangeType{
	"更正":          TypeCorrection,
	"correction":  TypeCorrection,
	"实质变更":        TypeSubstantive,
	"substantive": TypeSubstantive,
}

// Trailer is one "Key: value" line of a commit message's trailer block.
type Trailer struct {
	Key   string
	Value string
}

// Message is a commit message split the way git splits it.
type Message struct {
	Subject  string // the first paragraph, lines joined by spaces (git's %s)
	Body     string // what follows, without the trailer block
	Trailers []Trailer
	// Problems are lines that look like a trailer the clerk meant to
	// write but that git would not read as one (a Chinese key, a
	// full-width colon), in words the build can show.
	Problems []string
}

// Type returns the change type the Change-Type trailers give.
func (m Message) Type() ChangeType {
	t := TypeUnstated
	for _, tr := range m.Trailers {
		if !strings.EqualFold(tr.Key, TypeKey) {
			continue
		}
		v, ok := typeValues[strings.ToLower(tr.Value)]
		if !ok || (t != TypeUnstated && t != v) {
			return TypeInvalid
		}
		t = v
	}
	return t
}

// gitGenerated are the trailer prefixes git writes itself; one of them
// makes a paragraph a trailer block when a quarter of its lines are
// trailers (trailer.c).
var gitGenerated = []string{"Signed-off-by: ", "(cherry picked from commit "}

// ParseMessage splits a commit message into subject, body and trailers
// following git's rules (trailer.c, as `git interpret-trailers --parse
// --no-divider` and `%(trailers:unfold)` read them): the trailer block is
// the last paragraph after the subject, when all its lines are "Key: value"
// trailers (keys of ASCII letters, digits and hyphens) or indented
// continuations, or when it holds a git-generated trailer and at least a
// quarter of its lines are trailers. Lines starting with # are comments.
func ParseMessage(msg string) Message {
	lines := strings.SplitAfter(msg, "\n")
	if n := len(lines); n > 0 && lines[n-1] == "" {
		lines = lines[:n-1]
	}
	var m Message
	// The subject: the first paragraph, after any leading blank lines.
	i := 0
	for i < len(lines) && blank(lines[i]) {
		i++
	}
	var subject []string
	for ; i < len(lines) && !blank(lines[i]); i++ {
		subject = append(subject, strings.TrimSpace(lines[i]))
	}
	m.Subject = strings.Join(subject, " ")
	endTitle := i
	start := trailerStart(lines, endTitle)
	m.Body = strings.Trim(strings.Join(lines[endTitle:start], ""), "\n \t")
	for _, l := range lines[start:] {
		if strings.HasPrefix(l, "#") {
			continue
		}
		body := strings.TrimRight(l, "\n")
		if isSpace(l[0]) && len(m.Trailers) > 0 {
			if v := strings.TrimSpace(body); v != "" {
				t := &m.Trailers[len(m.Trailers)-1]
				t.Value = strings.TrimSpace(t.Value + " " + v)
			}
			continue
		}
		if sep := findSeparator(body); sep >= 1 {
			m.Trailers = append(m.Trailers, Trailer{
				Key:   strings.TrimSpace(body[:sep]),
				Value: strings.TrimSpace(body[sep+1:]),
			})
		}
	}
	m.Problems = problems(lines[endTitle:], start-endTitle)
	return m
}

// trailerStart returns the index of the first line of the trailer block,
// or len(lines) when there is none (trailer.c's find_trailer_block_start).
func trailerStart(lines []string, endTitle int) int {
	end := len(lines)
	onlySpaces := true
	recognised := false
	trailers, others, continuations := 0, 0, 0
	for i := end - 1; i >= endTitle; i-- {
		l := lines[i]
		if strings.HasPrefix(l, "#") {
			others += continuations
			continuations = 0
			continue
		}
		if blank(l) {
			if onlySpaces {
				continue
			}
			others += continuations
			if (recognised && trailers*3 >= others) || (trailers > 0 && others == 0) {
				return i + 1
			}
			return end
		}
		onlySpaces = false
		generated := false
		for _, p := range gitGenerated {
			if strings.HasPrefix(l, p) {
				generated = true
			}
		}
		switch {
		case generated:
			trailers++
			continuations = 0
			recognised = true
		case findSeparator(l) >= 1 && !isSpace(l[0]):
			trailers++
			continuations = 0
		case isSpace(l[0]):
			continuations++
		default:
			others += 1 + continuations
			continuations = 0
		}
	}
	return end
}

// findSeparator returns the index of the ":" ending a trailer key made of
// ASCII letters, digits and hyphens (spaces may follow the key), or -1.
func findSeparator(l string) int {
	spaceSeen := false
	for i := 0; i < len(l); i++ {
		c := l[i]
		switch {
		case c == ':':
			return i
		case !spaceSeen && (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-'):
		case i > 0 && (c == ' ' || c == '\t'):
			spaceSeen = true
		default:
			return -1
		}
	}
	return -1
}

func blank(l string) bool { return strings.TrimSpace(l) == "" }

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'
}

// problems finds lines meant as the change-type trailer that git does not
// read as one: a Chinese key, a full-width colon, or the line outside the
// last paragraph.
func problems(lines []string, block int) []string {
	var out []string
	for i, l := range lines {
		l = strings.TrimSpace(strings.TrimRight(l, "\n"))
		k := strings.IndexAny(l, ":：")
		if k < 1 {
			continue
		}
		key := strings.TrimSpace(l[:k])
		if key != "变更类型" && !strings.EqualFold(key, TypeKey) {
			continue
		}
		if i >= block && strings.EqualFold(key, TypeKey) && l[k] == ':' {
			continue // read by git; a wrong value shows as TypeInvalid
		}
		out = append(out, "expected the last paragraph of the message to be the line \"Change-Type: 更正\" or \"Change-Type: 实质变更\", found "+strconv.Quote(l))
	}
	return out
}
