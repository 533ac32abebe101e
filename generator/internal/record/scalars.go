package record

import (
	"cmp"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Date is a calendar day, without time or zone: the dates of the records
// (appointed, signed, found, rectified) are days, not instants.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// ParseDate reads a date written YYYY-MM-DD.
func ParseDate(s string) (Date, error) {
	if !datePattern.MatchString(s) {
		return Date{}, fmt.Errorf("date %q: want YYYY-MM-DD", s)
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return Date{}, fmt.Errorf("date %q: no such day", s)
	}
	return DateOf(t), nil
}

// MustDate is ParseDate for constants in tests and tables.
func MustDate(s string) Date {
	d, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// China has kept UTC+8 without daylight saving since 1991; a fixed zone
// needs no tz database on the machine.
var shanghai = time.FixedZone("CST", 8*60*60)

// Shanghai is the zone of every date and time the site shows
// (Asia/Shanghai): a commit's day is its day there.
func Shanghai() *time.Location { return shanghai }

// DateOf returns the day of t in t's location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{y, m, d}
}

var datePattern = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)

// IsZero reports whether the date was not written.
func (d Date) IsZero() bool { return d == Date{} }

// String formats the date as YYYY-MM-DD.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
}

// Chinese formats the date the way notices print it: 2026年3月5日.
func (d Date) Chinese() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%d年%d月%d日", d.Year, d.Month, d.Day)
}

// Time is midnight UTC at the start of the day, for arithmetic.
func (d Date) Time() time.Time { return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC) }

// AddDays returns the date n days later (earlier when n < 0).
func (d Date) AddDays(n int) Date { return DateOf(d.Time().AddDate(0, 0, n)) }

// DaysUntil is the number of days from d to e (negative when e is earlier).
func (d Date) DaysUntil(e Date) int { return int(e.Time().Sub(d.Time()).Hours() / 24) }

// Weekday is the day of the week.
func (d Date) Weekday() time.Weekday { return d.Time().Weekday() }

// Compare returns -1, 0 or +1 as d is before, equal to or after e. A
// date that is not a calendar day (13 March, 30 February, as arithmetic
// can make) compares as the day Time normalizes it to.
func (d Date) Compare(e Date) int {
	// The dates of records are real days: compared by their fields,
	// without making a time.Time of each, which cost the versions pass
	// over a second of CPU on the county.
	if d.canonical() && e.canonical() {
		return cmp.Or(cmp.Compare(d.Year, e.Year), cmp.Compare(d.Month, e.Month), cmp.Compare(d.Day, e.Day))
	}
	return d.Time().Compare(e.Time())
}

// canonical reports whether d is the zero Date or a day of the calendar
// from the year 0 on: dates whose fields are in the order of their days.
// (The zero Date is 30 November of the year -1 to Time.)
func (d Date) canonical() bool {
	if d.IsZero() {
		return true
	}
	if d.Year < 0 || d.Month < time.January || d.Month > time.December || d.Day < 1 {
		return false
	}
	return d.Day <= 28 || d.Day <= daysIn(d.Month, d.Year)
}

// daysIn is the number of days of the month in the (proleptic Gregorian)
// year.
func daysIn(m time.Month, year int) int {
	switch m {
	case time.February:
		if year%4 == 0 && (year%100 != 0 || year%400 == 0) {
			return 29
		}
		return 28
	case time.April, time.June, time.September, time.November:
		return 30
	}
	return 31
}

// Before reports whether d is before e.
func (d Date) Before(e Date) bool { return d.Compare(e) < 0 }

// After reports whether d is after e.
func (d Date) After(e Date) bool { return d.Compare(e) > 0 }

// Within reports whether d lies in [from, to]; a zero to is open-ended.
func (d Date) Within(from, to Date) bool {
	return !d.Before(from) && (to.IsZero() || !d.After(to))
}

func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

func (d *Date) decodeScalar(s scalar) *mismatch {
	want := "a date YYYY-MM-DD"
	if s.Kind != kindString {
		return &mismatch{want: want, hint: dateHint(s.Raw)}
	}
	v, err := ParseDate(s.Raw)
	if err != nil {
		if datePattern.MatchString(s.Raw) {
			return &mismatch{want: "a date that exists"}
		}
		return &mismatch{want: want, hint: dateHint(s.Raw)}
	}
	*d = v
	return nil
}

// spokenDate matches dates as they are said or typed in Chinese documents:
// 2026年3月5日, 2026.3.5, 2026/03/05, 2026-3-5.
var spokenDate = regexp.MustCompile(`^(\d{4})\s*(?:年|\.|/|-)\s*(\d{1,2})\s*(?:月|\.|/|-)\s*(\d{1,2})\s*(?:日|号)?$`)

func dateHint(raw string) string {
	s := fullWidth.Replace(strings.TrimSpace(raw))
	if m := spokenDate.FindStringSubmatch(s); m != nil {
		y, _ := strconv.Atoi(m[1])
		mo, _ := strconv.Atoi(m[2])
		d, _ := strconv.Atoi(m[3])
		return fmt.Sprintf("请写作 %04d-%02d-%02d", y, mo, d)
	}
	if len(s) == 8 && numeric.MatchString(s) {
		return fmt.Sprintf("请写作 %s-%s-%s", s[:4], s[4:6], s[6:])
	}
	return "日期请写作 年-月-日，如 2026-03-05"
}

// Month is a calendar month, written YYYY-MM.
type Month struct {
	Year  int
	Month time.Month
}

var monthPattern = regexp.MustCompile(`^(\d{4})-(\d{2})$`)

// ParseMonth reads a month written YYYY-MM.
func ParseMonth(s string) (Month, error) {
	m := monthPattern.FindStringSubmatch(s)
	if m == nil {
		return Month{}, fmt.Errorf("month %q: want YYYY-MM", s)
	}
	y, _ := strconv.Atoi(m[1])
	mo, _ := strconv.Atoi(m[2])
	if mo < 1 || mo > 12 {
		return Month{}, fmt.Errorf("month %q: no such month", s)
	}
	return Month{y, time.Month(mo)}, nil
}

func (m Month) IsZero() bool { return m == Month{} }

func (m Month) String() string {
	if m.IsZero() {
		return ""
	}
	return fmt.Sprintf("%04d-%02d", m.Year, m.Month)
}

// Chinese formats the month as 2026年3月.
func (m Month) Chinese() string { return fmt.Sprintf("%d年%d月", m.Year, m.Month) }

// First is the month's first day.
func (m Month) First() Date { return Date{m.Year, m.Month, 1} }

// Last is the month's last day.
func (m Month) Last() Date { return m.Next().First().AddDays(-1) }

// Next is the following month.
func (m Month) Next() Month {
	if m.Month == time.December {
		return Month{m.Year + 1, time.January}
	}
	return Month{m.Year, m.Month + 1}
}

// Compare orders months.
func (m Month) Compare(n Month) int { return m.First().Compare(n.First()) }

func (m Month) MarshalText() ([]byte, error) { return []byte(m.String()), nil }

func (m *Month) decodeScalar(s scalar) *mismatch {
	v, err := ParseMonth(s.Raw)
	if s.Kind != kindString || err != nil {
		hint := "月份请写作 年-月，如 2026-03"
		if mm := regexp.MustCompile(`^(\d{4})\s*(?:年|\.|/|-)\s*(\d{1,2})\s*月?$`).FindStringSubmatch(fullWidth.Replace(s.Raw)); mm != nil {
			mo, _ := strconv.Atoi(mm[2])
			hint = fmt.Sprintf("请写作 %s-%02d", mm[1], mo)
		}
		return &mismatch{want: "a month YYYY-MM", hint: hint}
	}
	*m = v
	return nil
}

// Quarter is a calendar quarter, written 2026-Q1.
type Quarter struct {
	Year int
	Q    int
}

var quarterPattern = regexp.MustCompile(`^(\d{4})-Q([1-4])$`)

// ParseQuarter reads a quarter written YYYY-QN.
func ParseQuarter(s string) (Quarter, error) {
	m := quarterPattern.FindStringSubmatch(s)
	if m == nil {
		return Quarter{}, fmt.Errorf("quarter %q: want YYYY-QN, e.g. 2026-Q1", s)
	}
	y, _ := strconv.Atoi(m[1])
	return Quarter{y, int(m[2][0] - '0')}, nil
}

func (q Quarter) IsZero() bool { return q == Quarter{} }

func (q Quarter) String() string {
	if q.IsZero() {
		return ""
	}
	return fmt.Sprintf("%04d-Q%d", q.Year, q.Q)
}

// Chinese formats the quarter as 2026年第一季度.
func (q Quarter) Chinese() string {
	return fmt.Sprintf("%d年第%s季度", q.Year, []string{"", "一", "二", "三", "四"}[q.Q])
}

// First is the quarter's first day.
func (q Quarter) First() Date { return Date{q.Year, time.Month(3*q.Q - 2), 1} }

// Last is the quarter's last day.
func (q Quarter) Last() Date { return Month{q.Year, time.Month(3 * q.Q)}.Last() }

// Months are the quarter's three months.
func (q Quarter) Months() [3]Month {
	m := Month{q.Year, time.Month(3*q.Q - 2)}
	return [3]Month{m, m.Next(), m.Next().Next()}
}

func (q Quarter) MarshalText() ([]byte, error) { return []byte(q.String()), nil }

func (q *Quarter) decodeScalar(s scalar) *mismatch {
	v, err := ParseQuarter(s.Raw)
	if s.Kind != kindString || err != nil {
		hint := "季度请写作 2026-Q1"
		if m := regexp.MustCompile(`^(\d{4})\s*年?\s*(?:第)?\s*([1-4一二三四])\s*季度?$`).FindStringSubmatch(fullWidth.Replace(s.Raw)); m != nil {
			n := strings.IndexRune("1234", rune(m[2][0]))
			if n < 0 {
				n = strings.Index("一二三四", m[2]) / len("一")
			}
			hint = fmt.Sprintf("请写作 %s-Q%d", m[1], n+1)
		}
		return &mismatch{want: "a quarter YYYY-QN", hint: hint}
	}
	*q = v
	return nil
}

// IDNumber is a resident identity card number (GB 11643-1999): 17 digits
// and a check character. Always private: see Person.
type IDNumber string

var idNumberPattern = regexp.MustCompile(`^\d{17}[\dX]$`)

// idCheck computes the ISO 7064 MOD 11-2 check character of 17 digits.
func idCheck(digits string) byte {
	weights := [17]int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}
	sum := 0
	for i := range 17 {
		sum += int(digits[i]-'0') * weights[i]
	}
	return "10X98765432"[sum%11]
}

func (n *IDNumber) decodeScalar(s scalar) *mismatch {
	raw := s.Raw
	switch {
	case s.Kind != kindString:
		return &mismatch{want: "an 18-character ID-card number in quotes", hint: "身份证号请加引号"}
	case len(raw) == 18 && strings.HasSuffix(raw, "x") && idNumberPattern.MatchString(strings.ToUpper(raw)):
		return &mismatch{want: "an ID-card number ending in capital X", hint: "末位请写大写 X"}
	case !idNumberPattern.MatchString(raw):
		return &mismatch{want: "an 18-character ID-card number"}
	case raw[17] != idCheck(raw[:17]):
		return &mismatch{want: "an ID-card number whose check character is right", hint: "身份证号有误，请核对"}
	}
	*n = IDNumber(raw)
	return nil
}

// Mask hides the middle of a private value the way local governments print
// it: 138****1234, 35*************123.
func Mask(s string) string {
	r := []rune(s)
	switch n := len(r); {
	case n == 18 && idNumberPattern.MatchString(strings.ToUpper(s)):
		return string(r[:2]) + strings.Repeat("*", 13) + string(r[15:])
	case n == 11 && numeric.MatchString(s):
		return string(r[:3]) + "****" + string(r[7:])
	case n <= 4:
		return strings.Repeat("*", n)
	default:
		return string(r[:1]) + strings.Repeat("*", n-2) + string(r[n-1:])
	}
}
