package record

import (
	"math/rand/v2"
	"testing"
	"time"
)

func TestValidIDNumber(t *testing.T) {
	for _, tc := range []struct {
		id   string
		want bool
	}{
		{"11010519491231002X", true}, // the example printed in GB 11643-1999
		{"110105194912310021", false},
		{"11010519491231002x", false},
		{"1101051949123100", false},
		{"", false},
	} {
		if got := ValidIDNumber(tc.id); got != tc.want {
			t.Errorf("ValidIDNumber(%q) = %v; want %v", tc.id, got, tc.want)
		}
	}
}

func TestMask(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"13812341234", "138****1234"},
		{"35010219800101123X", "35*************23X"},
		{"朝天镇朝天村三组12号", "朝*********号"},
		{"abc", "***"},
	} {
		if got := Mask(tc.in); got != tc.want {
			t.Errorf("Mask(%q) = %q; want %q", tc.in, got, tc.want)
		}
	}
}

func TestDateArithmetic(t *testing.T) {
	d := MustDate("2026-02-27")
	if got := d.AddDays(2).String(); got != "2026-03-01" {
		t.Errorf("AddDays(2) = %s; want 2026-03-01", got)
	}
	if got := d.DaysUntil(MustDate("2026-03-03")); got != 4 {
		t.Errorf("DaysUntil = %d; want 4", got)
	}
	if got := d.Chinese(); got != "2026年2月27日" {
		t.Errorf("Chinese() = %q", got)
	}
	if !d.Within(MustDate("2026-01-01"), Date{}) || d.Within(MustDate("2026-01-01"), MustDate("2026-02-26")) {
		t.Error("Within is wrong about open and closed ranges")
	}
}

// TestDateCompare compares dates by their fields only where that orders
// them as their days: every other Date compares as Time makes it.
func TestDateCompare(t *testing.T) {
	byTime := func(d, e Date) int { return d.Time().Compare(e.Time()) }
	dates := []Date{
		{}, {Year: 0, Month: 1, Day: 1}, {Year: -1, Month: 12, Day: 31}, {Year: -1, Month: 11, Day: 30},
		{Year: 2024, Month: 2, Day: 29}, {Year: 2024, Month: 3, Day: 1}, {Year: 2026, Month: 2, Day: 29},
		{Year: 2100, Month: 2, Day: 29}, {Year: 2000, Month: 2, Day: 29}, {Year: 2026, Month: 4, Day: 31},
		{Year: 2026, Month: 5, Day: 1}, {Year: 2026, Month: 13, Day: 1}, {Year: 2027, Month: 1, Day: 1},
		{Year: 2026, Month: 0, Day: 15}, {Year: 2026, Month: 1, Day: 0}, {Year: 2025, Month: 12, Day: 31},
		{Year: 2026, Month: 12, Day: 32}, {Year: 2026, Month: 1, Day: -3},
	}
	r := rand.New(rand.NewPCG(1, 2))
	for range 3000 {
		dates = append(dates, Date{Year: 1998 + r.IntN(5), Month: time.Month(r.IntN(15) - 1), Day: r.IntN(34) - 1})
	}
	for _, d := range dates {
		for _, e := range dates {
			if got, want := d.Compare(e), byTime(d, e); got != want {
				t.Fatalf("%+v.Compare(%+v) = %d; want %d, as their times compare", d, e, got, want)
			}
		}
	}
	if !MustDate("2024-02-29").canonical() || (Date{Year: 2026, Month: 2, Day: 29}).canonical() {
		t.Error("canonical is wrong about 29 February")
	}
}

func TestQuarter(t *testing.T) {
	q, err := ParseQuarter("2026-Q4")
	if err != nil {
		t.Fatal(err)
	}
	if q.First().String() != "2026-10-01" || q.Last().String() != "2026-12-31" || q.Chinese() != "2026年第四季度" {
		t.Errorf("2026-Q4: first %s last %s %s", q.First(), q.Last(), q.Chinese())
	}
	if got := QuarterOf(MustDate("2026-03-31")); got.String() != "2026-Q1" {
		t.Errorf("QuarterOf(2026-03-31) = %s", got)
	}
	if m := q.Months(); m[2].String() != "2026-12" {
		t.Errorf("Months = %v", m)
	}
}

func TestHints(t *testing.T) {
	for _, tc := range []struct{ raw, want string }{
		{"2026年3月5日", "请写作 2026-03-05"},
		{"２０２６年３月５日", "请写作 2026-03-05"},
		{"2026.3.5", "请写作 2026-03-05"},
		{"20260305", "请写作 2026-03-05"},
	} {
		if got := dateHint(tc.raw); got != tc.want {
			t.Errorf("dateHint(%q) = %q; want %q", tc.raw, got, tc.want)
		}
	}
	for _, tc := range []struct{ raw, want string }{
		{"８０", "请用半角数字，写作 80"},
		{"９.５", "请用半角数字，写作 9.5"},
		{"15元", "只写数字，写作 15"},
		{"80", "数字不要加引号，写作 80"},
	} {
		if got := digitHint(tc.raw); got != tc.want {
			t.Errorf("digitHint(%q) = %q; want %q", tc.raw, got, tc.want)
		}
	}
}
