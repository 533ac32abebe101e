package sheet

import (
	"testing"

	"gongshi/generator/internal/record"
)

func TestReadDate(t *testing.T) {
	for _, tc := range []struct {
		raw  string
		want string
		err  string
	}{
		{"46115", "2026-04-03", ""}, // the day number Excel stores for 2026-04-03
		{"46115.375", "2026-04-03", ""},
		{"2026-04-03", "2026-04-03", ""},
		{"2026/4/3", "2026-04-03", ""},
		{"2026.4.3", "2026-04-03", ""},
		{"2026年4月3日", "2026-04-03", ""},
		{"２０２６年４月３日", "2026-04-03", ""},
		{"2026-02-30", "", "expected a date that exists, found x"},
		{"4月3日", "", "expected a date like 2026-04-03, found x; 请写明年份，如 2026-04-03"},
		{"下周一", "", "expected a date like 2026-04-03, found x"},
	} {
		d, p := readDate(tc.raw, false)
		switch {
		case tc.err != "" && (p == nil || p.message("x") != tc.err):
			t.Errorf("readDate(%q) = %v, %v; want %q", tc.raw, d, p, tc.err)
		case tc.err == "" && (p != nil || d.String() != tc.want):
			t.Errorf("readDate(%q) = %v, %v; want %s", tc.raw, d, p, tc.want)
		}
	}
	if d, _ := readDate("44653", true); d != record.MustDate("2026-04-03") {
		t.Errorf("readDate in a 1904 workbook = %v; want 2026-04-03", d)
	}
	if got := serialOf(record.MustDate("2026-04-03")); got != 46115 {
		t.Errorf("serialOf(2026-04-03) = %d; want 46115", got)
	}
}

func TestReadDecimalIsExact(t *testing.T) {
	for _, tc := range []struct {
		raw, want, err string
	}{
		{"9.5", "9.5", ""},
		{"0.1", "0.1", ""},
		{" 38 ", "38", ""},
		{"1E-3", "0.001", ""},
		{"1.5E+2", "150", ""},
		{"1E900000000", "", "expected a number, found x"},
		{"1E-900000000", "", "expected a number, found x"},
		{"十", "", "expected a number, found x"},
		{"８.５", "", "expected a number, found x; 请用半角数字，写作 8.5"},
		{"8分", "", "expected a number, found x; 只写数字，写作 8"},
		{"#VALUE!", "", "expected a number, found x; 单元格里的公式出错了，请直接填写数值"},
		{"9.6999999999999993", "", "expected a number with at most 4 decimal places, found x; 单元格里可能是公式算出的近似值，请直接填写数值，如 9.7"},
	} {
		x, p := readDecimal(tc.raw)
		switch {
		case tc.err != "" && (p == nil || p.message("x") != tc.err):
			t.Errorf("readDecimal(%q) = %v, %v; want %q", tc.raw, x, p, tc.err)
		case tc.err == "" && (p != nil || x.String() != tc.want):
			t.Errorf("readDecimal(%q) = %v, %v; want %s", tc.raw, x, p, tc.want)
		}
	}
}
