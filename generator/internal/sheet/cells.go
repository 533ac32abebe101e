package sheet

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"gongshi/generator/internal/record"
)

// The cells' values are read from the raw text the file stores. A number
// typed in Excel is stored as its decimal text ("9.5"); a date as a day
// number counted from 1899-12-30 (or 1904-01-01 in old Mac workbooks); in
// a CSV file, as displayed. Each reader returns the value, or what was
// expected and a hint for the clerk.

// problem is what a cell should have held.
type problem struct {
	want string
	hint string
}

func (p *problem) message(found string) string {
	msg := "expected " + p.want + ", found " + found
	if p.hint != "" {
		msg += "; " + p.hint
	}
	return msg
}

// excelEpoch is day 0 of Excel's dates (1900 system): serial 61 is
// 1900-03-01, which skips the 29 February 1900 Lotus made up.
var (
	excelEpoch     = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)
	excelEpoch1904 = time.Date(1904, 1, 1, 0, 0, 0, 0, time.UTC)
)

// serialOf is the day number Excel stores for d.
func serialOf(d record.Date) int {
	return int(d.Time().Sub(excelEpoch).Hours() / 24)
}

var (
	serialPattern = regexp.MustCompile(`^\d{5}(\.\d+)?$`)
	datePatterns  = regexp.MustCompile(`^(\d{4})\s*(?:-|/|\.|年)\s*(\d{1,2})\s*(?:-|/|\.|月)\s*(\d{1,2})\s*(?:日|号)?$`)
	numberPattern = regexp.MustCompile(`^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$`)
	withUnit      = regexp.MustCompile(`^([-+]?\d+(?:\.\d+)?)\s*(分|元|天|次|件|人|个)$`)
)

var fullWidth = strings.NewReplacer(
	"０", "0", "１", "1", "２", "2", "３", "3", "４", "4",
	"５", "5", "６", "6", "７", "7", "８", "8", "９", "9",
	"．", ".", "－", "-", "＋", "+",
)

// readDate reads a date cell: a day number, or text such as 2026-04-03,
// 2026/4/3, 2026.4.3 or 2026年4月3日 (a CSV file holds what was shown).
func readDate(raw string, date1904 bool) (record.Date, *problem) {
	s := strings.TrimSpace(raw)
	if serialPattern.MatchString(s) {
		n, _ := strconv.Atoi(strings.SplitN(s, ".", 2)[0]) // a time of day is no part of a date
		epoch := excelEpoch
		if date1904 {
			epoch = excelEpoch1904
		}
		return record.DateOf(epoch.AddDate(0, 0, n)), nil
	}
	ascii := fullWidth.Replace(s)
	if m := datePatterns.FindStringSubmatch(ascii); m != nil {
		y, _ := strconv.Atoi(m[1])
		mo, _ := strconv.Atoi(m[2])
		d, _ := strconv.Atoi(m[3])
		t := time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC)
		if t.Year() != y || int(t.Month()) != mo || t.Day() != d {
			return record.Date{}, &problem{want: "a date that exists"}
		}
		return record.DateOf(t), nil
	}
	p := &problem{want: "a date like 2026-04-03"}
	if strings.Contains(s, "月") && !strings.Contains(s, "年") {
		p.hint = "请写明年份，如 2026-04-03"
	}
	return record.Date{}, p
}

// maxExponent bounds the power of ten of a number a cell may hold: past
// those of a double, with room for its digits.
const maxExponent = 400

// readDecimal reads a number cell exactly, from its text.
func readDecimal(raw string) (decimal.Decimal, *problem) {
	s := strings.TrimSpace(raw)
	if !numberPattern.MatchString(s) {
		p := &problem{want: "a number"}
		switch ascii := fullWidth.Replace(s); {
		case ascii != s && numberPattern.MatchString(ascii):
			p.hint = "请用半角数字，写作 " + ascii
		case withUnit.MatchString(s):
			p.hint = "只写数字，写作 " + withUnit.FindStringSubmatch(s)[1]
		case strings.HasPrefix(s, "#"):
			p.hint = "单元格里的公式出错了，请直接填写数值"
		}
		return decimal.Decimal{}, p
	}
	x, err := decimal.NewFromString(s)
	if err != nil {
		return decimal.Decimal{}, &problem{want: "a number"}
	}
	if e := x.Exponent(); e > maxExponent || e < -maxExponent {
		// No spreadsheet holds it (a double ends at 1.8E+308), and
		// writing out 1E900000000 would take minutes and gigabytes.
		return decimal.Decimal{}, &problem{want: "a number"}
	}
	if str := x.String(); strings.Contains(str, ".") && len(str)-strings.Index(str, ".")-1 > 4 {
		// Excel stores what a formula computed in binary: 10 − 0.3 is kept
		// as 9.6999999999999993. No score is given to five decimals.
		return decimal.Decimal{}, &problem{want: "a number with at most 4 decimal places",
			hint: fmt.Sprintf("单元格里可能是公式算出的近似值，请直接填写数值，如 %s", x.Round(4))}
	}
	return x, nil
}

// readText reads a text cell, without the spaces around it.
func readText(raw string) string { return strings.TrimSpace(raw) }
