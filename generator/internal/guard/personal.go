package guard

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Personal information must not be published (PIPL art. 25, Civil Code
// art. 1034): the masked forms are those local governments print.

// Kind is a kind of personal information.
type Kind int

const (
	IDNumber Kind = iota + 1
	Mobile
	Landline
	BankCard
	Address
)

// String names the kind in English, for messages.
func (k Kind) String() string {
	return [...]string{"", "ID-card number", "mobile number", "landline number", "bank-card number", "home address"}[k]
}

// Chinese names the kind as the clerk calls it.
func (k Kind) Chinese() string {
	return [...]string{"", "身份证号", "手机号", "固定电话", "银行卡号", "门牌号"}[k]
}

// Finding is personal information found in a text.
type Finding struct {
	Kind       Kind
	Start, End int // the bytes of the text it is written in, disguise included
	// Value is what was found, read through its disguise: the digits (an
	// ID-card number's check character a capital X; a landline with its
	// area code, from 0), or the address as it reads without spaces.
	Value string
	// Masked is what may be published instead: 139****1122,
	// 43*************094, 建设路**号.
	Masked string
}

// Guard finds personal information in text. The zero value and nil are
// ready to use.
type Guard struct {
	public    map[string]bool
	addresses []string
}

// New returns a guard that lets pass the phone numbers and addresses
// given: those the records declare public (the office phones and
// addresses of the township and its units).
func New(public ...string) *Guard {
	g := &Guard{public: map[string]bool{}}
	for _, p := range public {
		for _, f := range (*Guard)(nil).Find(p) {
			switch f.Kind {
			case Landline, Mobile:
				g.public[f.Value] = true
			case Address:
				g.addresses = append(g.addresses, f.Value)
			}
		}
	}
	return g
}

// Public reports whether a phone number (digits, as a Finding's Value) is
// one the records declare public.
func (g *Guard) Public(value string) bool { return g != nil && g.public[value] }

// publicAddress reports whether an address found is one the records
// declare public, written in full or in part ("人民路1号" of
// "青江县人民路1号"), with words before it or not.
func (g *Guard) publicAddress(v string) bool {
	if g == nil {
		return false
	}
	for _, a := range g.addresses {
		if strings.HasSuffix(a, v) || strings.HasSuffix(v, a) {
			return true
		}
	}
	return false
}

// Find returns the personal information s holds, in the order it is
// written, none overlapping another.
func (g *Guard) Find(s string) []Finding {
	if !mayHold(s) {
		return nil
	}
	us := fold(s)
	fs := numbers(us)
	fs = append(fs, addresses(us)...)
	fs = slices.DeleteFunc(fs, func(f Finding) bool {
		return (f.Kind == Landline || f.Kind == Mobile) && g.Public(f.Value) || f.Kind == Address && g.publicAddress(f.Value)
	})
	slices.SortStableFunc(fs, func(a, b Finding) int { return a.Start - b.Start })
	out := fs[:0]
	end := 0
	for _, f := range fs {
		if f.Start >= end {
			out = append(out, f)
			end = f.End
		}
	}
	return out
}

// Mask returns s with the personal information it holds masked, and what
// was masked.
func (g *Guard) Mask(s string) (string, []Finding) {
	fs := g.Find(s)
	if len(fs) == 0 {
		return s, nil
	}
	var b strings.Builder
	last := 0
	for _, f := range fs {
		b.WriteString(s[last:f.Start])
		b.WriteString(f.Masked)
		last = f.End
	}
	b.WriteString(s[last:])
	return b.String(), fs
}

// mayHold is a quick look for anything a pattern needs: seven digits
// (of any script, Chinese numerals counted) for a number, or a digit
// before 号, 栋, 幢, 单元, 室 or 楼 for a house. Most text has neither.
func mayHold(s string) bool {
	digits, house := 0, false
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= '0' && c <= '9' {
				digits++
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		switch {
		case unicode.IsDigit(r), strings.ContainsRune(chineseNumerals, r), r == '十', r == '百', r == '千':
			digits++
		case digits > 0 && strings.ContainsRune("号栋幢元室楼", r):
			house = true
		}
	}
	return digits >= 7 || house
}

// group is a run of digits of the folded text: units [from, to).
type group struct {
	digits   string
	from, to int
	x        bool // followed at once by X: an ID-card number's check character
}

// numbers finds the numbers that are personal: every run of consecutive
// groups of digits (with at most three separators between two groups) is
// read as one number, and so is each part of it made of whole groups.
func numbers(us []unit) []Finding {
	var gs []group
	for i := 0; i < len(us); {
		if !isDigit(us[i].r) {
			i++
			continue
		}
		j := i
		var b strings.Builder
		for j < len(us) && isDigit(us[j].r) {
			b.WriteRune(us[j].r)
			j++
		}
		g := group{digits: b.String(), from: i, to: j}
		if j < len(us) && (us[j].r == 'X' || us[j].r == 'x') && (j+1 == len(us) || !isLetter(us[j+1].r)) {
			g.x = true
		}
		gs = append(gs, g)
		i = j
	}
	// linked[k]: group k+1 continues the number of group k.
	linked := make([]bool, len(gs))
	for k := 0; k+1 < len(gs); k++ {
		sep := gs[k+1].from - gs[k].to
		ok := sep <= 3 && !gs[k].x
		for u := gs[k].to; ok && u < gs[k+1].from; u++ {
			ok = isSeparator(us[u].r)
		}
		linked[k] = ok
	}
	type cand struct {
		i, j int
		f    Finding
	}
	var cs []cand
	for i := range gs {
		var b strings.Builder
		for j := i; j < len(gs); j++ {
			if j > i && !linked[j-1] {
				break
			}
			b.WriteString(gs[j].digits)
			if b.Len() > 19 {
				break
			}
			if f, ok := classify(b.String(), len(gs[i].digits), gs[j].x); ok {
				f.Start, f.End = us[gs[i].from].start, us[gs[j].to-1].end
				if gs[j].x && f.Kind == IDNumber {
					f.End = us[gs[j].to].end
				}
				if f.Kind == Mobile && len(b.String()) > 11 || f.Kind == Landline && !strings.HasPrefix(b.String(), "0") {
					// a country code in front: "+86"
					if from := gs[i].from; from > 0 && us[from-1].r == '+' {
						f.Start = us[from-1].start
					}
				}
				cs = append(cs, cand{i, j, f})
			}
		}
	}
	// The longest numbers first: a bank card's digits hold shorter
	// numbers that are not there.
	slices.SortStableFunc(cs, func(a, b cand) int {
		if d := len(b.f.Value) - len(a.f.Value); d != 0 {
			return d
		}
		return a.i - b.i
	})
	taken := make([]bool, len(gs))
	var out []Finding
	for _, c := range cs {
		free := true
		for k := c.i; k <= c.j; k++ {
			free = free && !taken[k]
		}
		if !free {
			continue
		}
		for k := c.i; k <= c.j; k++ {
			taken[k] = true
		}
		out = append(out, c.f)
	}
	return out
}

func isLetter(r rune) bool { return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' }

// classify says what number the digits d are: first is the length of
// their first group of digits, x says X follows them.
func classify(d string, first int, x bool) (Finding, bool) {
	n := len(d)
	switch {
	case n == 17 && x && idNumber(d+"X"):
		return Finding{Kind: IDNumber, Value: d + "X", Masked: MaskID(d + "X")}, true
	case n == 18 && idNumber(d):
		return Finding{Kind: IDNumber, Value: d, Masked: MaskID(d)}, true
	}
	national := d
	switch {
	case strings.HasPrefix(d, "0086"):
		national = d[4:]
	case strings.HasPrefix(d, "86") && n > 11:
		national = d[2:]
	}
	if len(national) == 11 && national[0] == '1' && national[1] >= '3' {
		return Finding{Kind: Mobile, Value: national, Masked: national[:3] + "****" + national[7:]}, true
	}
	switch {
	case n == 15 && oldIDNumber(d):
		return Finding{Kind: IDNumber, Value: d, Masked: MaskID(d)}, true
	case n >= 16 && n <= 19 && d[0] >= '3' && d[0] <= '6' && luhn(d):
		return Finding{Kind: BankCard, Value: d, Masked: d[:4] + strings.Repeat("*", n-8) + d[n-4:]}, true
	}
	// A landline: its area code is a group of its own (0745-7654321, not
	// the digits of two dates run together), or the whole number one.
	grouped := first == 3 || first == 4 || first == len(d)
	if national != d {
		// the country code a group of its own, or the number one
		grouped = first == len(d)-len(national) || first == len(d)
		if !strings.HasPrefix(national, "0") {
			national = "0" + national // +86 745 …: the area code without its 0
		}
	}
	if (len(national) == 11 || len(national) == 12) && national[0] == '0' && national[1] != '0' &&
		grouped {
		return Finding{Kind: Landline, Value: national, Masked: national[:4] + strings.Repeat("*", len(national)-7) + national[len(national)-3:]}, true
	}
	return Finding{}, false
}

// regions are the first two digits of the ID-card numbers of each
// province (GB/T 2260), Hong Kong, Macao and Taiwan.
var regions = func() [100]bool {
	var m [100]bool
	for _, r := range [][2]int{{11, 15}, {21, 23}, {31, 37}, {41, 46}, {50, 54}, {61, 65}, {71, 71}, {81, 83}, {91, 91}} {
		for i := r[0]; i <= r[1]; i++ {
			m[i] = true
		}
	}
	return m
}()

// idNumber reports whether 18 characters read as an ID-card number: a
// region, a day of birth, a serial number and a check character. A wrong
// check character is still someone's number mistyped.
func idNumber(s string) bool {
	return len(s) == 18 && regions[atoi(s[:2])] && (s[6:8] == "19" || s[6:8] == "20") && birthday(s[10:12], s[12:14])
}

// oldIDNumber reports whether 15 digits read as a first-generation
// ID-card number (the year in two digits, no check character).
func oldIDNumber(s string) bool {
	return len(s) == 15 && regions[atoi(s[:2])] && birthday(s[8:10], s[10:12])
}

func birthday(month, day string) bool {
	m, d := atoi(month), atoi(day)
	return m >= 1 && m <= 12 && d >= 1 && d <= 31
}

func atoi(s string) int {
	n := 0
	for _, c := range []byte(s) {
		n = n*10 + int(c-'0')
	}
	return n
}

// luhn reports whether the digits carry a right Luhn check digit, as bank
// cards do (ISO/IEC 7812).
func luhn(d string) bool {
	sum := 0
	for i := range len(d) {
		x := int(d[len(d)-1-i] - '0')
		if i%2 == 1 {
			if x *= 2; x > 9 {
				x -= 9
			}
		}
		sum += x
	}
	return sum%10 == 0
}

// MaskID masks an ID-card number the way notices print it:
// 43*************094 (the region's first two digits and the last three).
func MaskID(s string) string {
	if len(s) < 6 {
		return strings.Repeat("*", len(s))
	}
	return s[:2] + strings.Repeat("*", len(s)-5) + s[len(s)-3:]
}

var (
	// A street, lane or village group, then a house: 河街23号, 建设路7-2号,
	// 三组12号, 幸福小区3栋2单元501, 正街十八号.
	houseArabic  = regexp.MustCompile(`\p{Han}{0,12}?(?:村|组|社区|小区|路|街|巷|弄|院|胡同|大道|苑)[\p{Han}0-9]{0,8}?([0-9]+(?:[-之][0-9]+)*(?:号|栋|幢|单元|室|楼)(?:[0-9]+(?:[-之][0-9]+)*(?:号|栋|幢|单元|室|楼)?)*)`)
	houseChinese = regexp.MustCompile(`\p{Han}{0,12}?(?:村|组|社区|小区|路|街|巷|弄|胡同|大道)([` + chineseNumerals + `十百千]+(?:号|栋|幢)(?:[0-9` + chineseNumerals + `十百千]+(?:号|栋|幢|单元|室|楼)?)*)`)
)

// addresses finds home addresses down to the house, read without the
// spaces between their characters.
func addresses(us []unit) []Finding {
	text, starts, ends := compact(us)
	// Both patterns end a house with one of these: most texts that pass
	// mayHold (a date has eight digits) have none, and the patterns'
	// leading \p{Han}{0,12}? makes a search cost far more than this.
	if !strings.ContainsAny(text, "号栋幢室楼") && !strings.Contains(text, "单元") {
		return nil
	}
	var out []Finding
	for _, re := range []*regexp.Regexp{houseArabic, houseChinese} {
		for _, m := range re.FindAllStringSubmatchIndex(text, -1) {
			v := text[m[0]:m[1]]
			var b strings.Builder
			b.WriteString(text[m[0]:m[2]])
			for _, r := range text[m[2]:m[1]] {
				if _, ok := chineseDigit(r); ok || isDigit(r) || strings.ContainsRune("十百千", r) {
					r = '*'
				}
				b.WriteRune(r)
			}
			out = append(out, Finding{Kind: Address, Start: starts[m[0]], End: ends[m[1]-1], Value: v, Masked: b.String()})
		}
	}
	return out
}
