package assess

import (
	"math/big"
	"slices"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
)

// TestAcceptanceTable runs the acceptance cases for one person:
// 15 yuan a point, pass mark 80 on the base, bonus cap 20.
func TestAcceptanceTable(t *testing.T) {
	tests := []struct {
		name       string
		sheet      string
		base       string
		bonus      string
		total      string
		qualified  bool
		pay        string
		attendance string
	}{
		{
			name:  "items 30+40+10+20 with no bonus is 100, qualified, 1500.00",
			sheet: scores("30", "40", "10", "20"),
			base:  "100", bonus: "0", total: "100", qualified: true, pay: "1500.00", attendance: "10",
		},
		{
			name:  "base exactly 80 is qualified, 1200.00",
			sheet: scores("24", "32", "8", "16"),
			base:  "80", bonus: "0", total: "80", qualified: true, pay: "1200.00", attendance: "8",
		},
		{
			name:  "base 79.5 with bonus 5 is unqualified, 0.00",
			sheet: scores("24", "31.5", "8", "16") + "      - {item: bonus, score: 5}\n",
			base:  "79.5", bonus: "5", total: "84.5", qualified: false, pay: "0.00", attendance: "8",
		},
		{
			name:  "base 100 with bonus 13.5 is 113.5, 1702.50",
			sheet: scores("30", "40", "10", "20") + "      - {item: bonus, score: 13.5}\n",
			base:  "100", bonus: "13.5", total: "113.5", qualified: true, pay: "1702.50", attendance: "10",
		},
		{
			name: "base 95 with bonus 25 caps the bonus at 20, total 115, 1725.00",
			sheet: scores("30", "35", "10", "20") +
				"    events:\n" +
				"      - {indicator: J02, date: 2026-03-10, count: 5, evidence: 青政〔2026〕8号}\n",
			base: "95", bonus: "20", total: "115", qualified: true, pay: "1725.00", attendance: "10",
		},
		{
			name: "2 days unexcused absence at 2 a day and 1 lateness at 0.5 leave attendance 5.5",
			sheet: "    events:\n" +
				"      - {indicator: K01, date: 2026-01-12, count: 2, evidence: 2026年1月考勤表}\n" +
				"      - {indicator: K02, date: 2026-02-03, evidence: 2026年2月考勤表}\n",
			base: "95.5", bonus: "0", total: "95.5", qualified: true, pay: "1432.50", attendance: "5.5",
		},
		{
			name: "6 days absence at 2 a day leave attendance 0, not -2",
			sheet: "    events:\n" +
				"      - {indicator: K01, date: 2026-03-02, count: 6, evidence: 2026年3月考勤表}\n",
			base: "90", bonus: "0", total: "90", qualified: true, pay: "1350.00", attendance: "0",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rs := world{staff: 1, sheets: map[string]string{"p01": tt.sheet}}.run(t)
			a := person(t, rs[0], "p01")
			got := []string{a.Base.String(), a.Bonus.Score.String(), a.Total.String(), a.Pay.Plain(), a.Items[2].Score.String()}
			want := []string{tt.base, tt.bonus, tt.total, tt.pay, tt.attendance}
			if strings.Join(got, " ") != strings.Join(want, " ") || a.Qualified != tt.qualified {
				t.Errorf("base, bonus, total, pay, attendance = %v, qualified %v; want %v, qualified %v", got, a.Qualified, want, tt.qualified)
			}
		})
	}
}

func TestPoolOf26PeopleForTheWholeQuarterIs39000(t *testing.T) {
	r := world{staff: 26}.run(t)[0]
	if r.Pool.Plain() != "39000.00" || r.Stats.Assessed != 26 {
		t.Errorf("pool = %s for %d people; want 39000.00 for 26", r.Pool.Plain(), r.Stats.Assessed)
	}
	if r.Paid.Plain() != "39000.00" || r.Balance != 0 {
		t.Errorf("paid %s, balance %s; want 39000.00 paid (26 × 100 points × 15), balance 0.00", r.Paid.Plain(), r.Balance.Plain())
	}
}

// TestProrationByWholeMonths: a month counts when the person is in scope
// on its 15th. In scope 2 of 3 months: pool share 1000.00 and pay
// 100 × 15 × 2/3 = 1000.00.
func TestProrationByWholeMonths(t *testing.T) {
	tests := []struct {
		name   string
		record string // a person p99's record fields after unit
		leave  string
		months int
		share  string
		pay    string
	}{
		{"joined on 10 February: in scope 2 of 3 months", "    joined: 2026-02-10\n    posts:\n      - {post: ganbu, from: 2026-02-10}\n", "", 2, "1000.00", "1000.00"},
		{"joined on the 15th: that month counts", "    posts:\n      - {post: ganbu, from: 2026-01-15}\n", "", 3, "1500.00", "1500.00"},
		{"joined on the 16th: that month does not count", "    posts:\n      - {post: ganbu, from: 2026-01-16}\n", "", 2, "1000.00", "1000.00"},
		{"left on 15 March: March counts", "    left: 2026-03-15\n    posts:\n      - {post: ganbu, from: 2020-01-01}\n", "", 3, "1500.00", "1500.00"},
		{"transferred on 20 February: two months", "    posts:\n      - {post: ganbu, from: 2020-01-01, to: 2026-02-20}\n", "", 2, "1000.00", "1000.00"},
		{"long leave over 15 January and 15 February: one month", "    posts:\n      - {post: ganbu, from: 2020-01-01}\n",
			"  - {person: p99, from: 2026-01-05, to: 2026-02-27, reason: 病假}\n", 1, "500.00", "500.00"},
		{"became a main leader on 1 March: two months", "    posts:\n      - {post: ganbu, from: 2020-01-01, to: 2026-02-28}\n      - {post: shuji, from: 2026-03-01}\n", "", 2, "1000.00", "1000.00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			quarter := "quarter: 2026-Q1\nissued: 2026-04-02\nnumber: 朝政公〔2026〕6号\n"
			if tt.leave != "" {
				quarter += "leave:\n" + tt.leave
			}
			w := world{
				staff:   1,
				people:  "  - id: p99\n    name: 新同志\n    unit: dzb\n    staff: 公务员\n" + tt.record,
				quarter: quarter,
				extra:   "  - person: p99\n",
			}
			a := person(t, w.run(t)[0], "p99")
			if a.Months != tt.months || a.Share.Plain() != tt.share || a.Pay.Plain() != tt.pay {
				t.Errorf("months %d, share %s, pay %s; want %d, %s, %s", a.Months, a.Share.Plain(), a.Pay.Plain(), tt.months, tt.share, tt.pay)
			}
		})
	}
}

func TestProratedPayIsRoundedHalfUpOnce(t *testing.T) {
	tests := []struct {
		total, value string
		months       int
		want         Fen
	}{
		{"95.5", "15", 2, 95500},    // 955.00 exactly
		{"80.01", "15", 1, 40005},   // 400.05 exactly
		{"80.001", "15", 1, 40001},  // 400.005: half-up to 400.01
		{"80.0001", "15", 2, 80000}, // 800.001: down to 800.00
		{"100", "10", 2, 66667},     // 666.666…: 666.67
		{"100", "10", 1, 33333},     // 333.333…: 333.33
		{"113.5", "15", 3, 170250},  // the full quarter is not prorated
	}
	for _, tt := range tests {
		t.Run(tt.total+"×"+tt.value, func(t *testing.T) {
			got := proratedDue(decimal.RequireFromString(tt.total), decimal.RequireFromString(tt.value), tt.months, HalfUp)
			if got != tt.want {
				t.Errorf("proratedDue(%s, %s, %d) = %s; want %s", tt.total, tt.value, tt.months, got.Plain(), tt.want.Plain())
			}
		})
	}
}

func TestEventsThatMovedAnItemAreKept(t *testing.T) {
	sheet := "    events:\n" +
		"      - {indicator: K01, date: 2026-01-12, count: 2, evidence: 2026年1月考勤表第3页, note: 未请假}\n" +
		"      - {indicator: K02, date: 2026-02-03}\n" +
		"      - {indicator: R01, date: 2026-03-20, evidence: 朝政办督〔2026〕4号}\n" +
		"      - {indicator: J01, date: 2026-03-28, count: 3, evidence: 防汛值班表}\n"
	a := person(t, world{staff: 1, sheets: map[string]string{"p01": sheet}}.run(t)[0], "p01")
	att := a.Items[2]
	if len(att.Events) != 2 || att.Events[0].Evidence != "2026年1月考勤表第3页" || att.Events[0].Points.String() != "-4" || att.Events[1].Points.String() != "-0.5" {
		t.Fatalf("attendance events = %+v; want the absence (-4, 2026年1月考勤表第3页) and the lateness (-0.5)", att.Events)
	}
	if att.Lost().String() != "4.5" || att.Decided != nil {
		t.Errorf("attendance lost %s, decided %v; want 4.5 lost from events", att.Lost(), att.Decided)
	}
	if tasks := a.Items[3]; len(tasks.Events) != 1 || tasks.Score.String() != "18" || tasks.Events[0].Indicator.Name != "交办任务逾期" {
		t.Errorf("tasks = %s with %d events; want 18 with the overdue task", tasks.Score, len(tasks.Events))
	}
	if a.Bonus.Score.String() != "3" || len(a.Bonus.Events) != 1 {
		t.Errorf("bonus = %s with %d events; want 3 from flood duty", a.Bonus.Score, len(a.Bonus.Events))
	}
	if a.Total.String() != "96.5" || a.Pay.Plain() != "1447.50" {
		t.Errorf("total %s pay %s; want 93.5 + 3 = 96.5 and 1447.50", a.Total, a.Pay.Plain())
	}
}

func TestDecidedScoreRecordsWhoDecided(t *testing.T) {
	sheet := "    scores:\n      - {item: public, score: 27, by: 分管领导李明, basis: 2026年3月评议表}\n      - {item: post, score: 36}\n"
	a := person(t, world{staff: 1, sheets: map[string]string{"p01": sheet}}.run(t)[0], "p01")
	if a.Items[0].By != "分管领导李明" || a.Items[1].By != "镇绩效考核领导小组（2026年4月1日会议）" {
		t.Errorf("decided by %q and %q; want the score's own and the quarter's", a.Items[0].By, a.Items[1].By)
	}
	if a.Items[2].Decided != nil || a.Items[2].Score.String() != "10" {
		t.Errorf("attendance with neither score nor events = %s (decided %v); want full marks 10", a.Items[2].Score, a.Items[2].Decided)
	}
}

func TestPassMarkOnTotal(t *testing.T) {
	scheme := strings.Replace(strings.Replace(schemeYAML, "over_pool: %s", "over_pool: allow", 1), "bonus_cap: 20", "bonus_cap: 20\npass_on: total", 1)
	sheet := scores("24", "31.5", "8", "16") + "      - {item: bonus, score: 5}\n"
	a := person(t, world{staff: 1, scheme: scheme, sheets: map[string]string{"p01": sheet}}.run(t)[0], "p01")
	if !a.Qualified || a.Pay.Plain() != "1267.50" {
		t.Errorf("base 79.5 + bonus 5 with the pass mark on the total: qualified %v pay %s; want qualified, 1267.50", a.Qualified, a.Pay.Plain())
	}
}

func TestStatistics(t *testing.T) {
	sheets := map[string]string{
		"p01": scores("30", "40", "10", "20") + "      - {item: bonus, score: 13.5}\n", // 1702.50
		"p02": scores("24", "32", "8", "16"),                                           // 1200.00
		"p03": scores("24", "31", "8", "16"),                                           // 79: unqualified
	}
	r := world{staff: 4, sheets: sheets}.run(t)[0]
	s := r.Stats
	// paid: 1702.50 + 1200.00 + 1500.00 (p04, full marks) = 4402.50 over 3 = 1467.50
	want := Stats{Assessed: 4, Qualified: 3, Unqualified: 1, Paid: 3, Total: 440250, MeanPay: 146750, HighestPay: 170250, LowestPay: 120000}
	if s != want {
		t.Errorf("Stats = %+v; want %+v", s, want)
	}
	if r.Pool != 600000 || r.Balance != 600000-440250 {
		t.Errorf("pool %s balance %s; want 6000.00 and 1597.50", r.Pool, r.Balance)
	}
}

func TestMainLeadersAreNeverInScope(t *testing.T) {
	w := world{
		staff:  1,
		people: "  - id: secretary\n    name: 刘书记\n    unit: dzb\n    staff: 公务员\n    posts:\n      - {post: shuji, from: 2020-01-01}\n      - {post: zhuren, from: 2020-01-01}\n",
	}
	r := w.run(t)[0]
	if len(r.People) != 1 || r.People[0].Person.ID != "p01" {
		t.Errorf("assessed %d people; want only p01, not the party secretary", len(r.People))
	}
}

func TestOverPoolAllowLeavesANegativeBalance(t *testing.T) {
	sheets := map[string]string{}
	for _, id := range []string{"p01", "p02"} {
		sheets[id] = scores("30", "40", "10", "20") + "      - {item: bonus, score: 20}\n"
	}
	r := world{staff: 2, sheets: sheets}.run(t)[0]
	if r.Scaled || r.Paid.Plain() != "3600.00" || r.Balance.Plain() != "-600.00" {
		t.Errorf("scaled %v paid %s balance %s; want unscaled 3600.00 and -600.00", r.Scaled, r.Paid.Plain(), r.Balance.Plain())
	}
}

func TestOverPoolScaleSharesThePoolExactly(t *testing.T) {
	sheets := map[string]string{}
	for i, bonus := range []string{"20", "13.5", "7", "0.1", "0", "19.99"} {
		sheets[fmtID(i+1)] = scores("30", "40", "10", "20") + "      - {item: bonus, score: " + bonus + "}\n"
	}
	r := world{staff: 6, overPool: "scale", sheets: sheets}.run(t)[0]
	if !r.Scaled || r.Paid != r.Pool || r.Pool.Plain() != "9000.00" || r.Balance != 0 {
		t.Errorf("scaled %v, paid %s of pool %s, balance %s; want scaled, paid = pool 9000.00", r.Scaled, r.Paid.Plain(), r.Pool.Plain(), r.Balance.Plain())
	}
	if r.Due.Plain() != "9908.85" {
		t.Errorf("due before scaling %s; want 9908.85 (660.59 points × 15)", r.Due.Plain())
	}
	for _, a := range r.People {
		if a.Pay > a.Due {
			t.Errorf("%s paid %s, more than due %s", a.Person.ID, a.Pay.Plain(), a.Due.Plain())
		}
	}
}

func fmtID(i int) string { return "p" + string(rune('0'+i/10)) + string(rune('0'+i%10)) }

// TestScoresAreClampedToZeroAndTheMaximum pins each item's clamping to
// [0, max] down to the decimal's exponent, against decimal.Min and
// decimal.Max: below 0 (the attendance of p01), exactly 0 written as
// 10 − 20 × 0.5 (p02), a half point (p03), over the bonus cap (p04), a
// decided 0 (p05).
func TestScoresAreClampedToZeroAndTheMaximum(t *testing.T) {
	r := world{staff: 5, sheets: map[string]string{
		"p01": "    events:\n      - {indicator: K01, date: 2026-01-12, count: 6, evidence: 考勤表}\n",
		"p02": "    events:\n      - {indicator: K02, date: 2026-01-12, count: 20}\n",
		"p03": "    events:\n      - {indicator: K02, date: 2026-01-12}\n",
		"p04": "    events:\n      - {indicator: J02, date: 2026-01-12, count: 5, evidence: 县政府表彰}\n",
		"p05": scores("30", "40", "0", "20"),
	}}.run(t)[0]
	want := map[string]string{"p01": "attendance 0", "p02": "attendance 0", "p03": "attendance 9.5", "p04": "bonus 20", "p05": "attendance 0"}
	for _, a := range r.People {
		for _, s := range append(slices.Clone(a.Items), a.Bonus) {
			w := decimal.Min(decimal.Max(s.Raw, decimal.Zero), s.Item.Max)
			if s.Score.String() != w.String() || s.Score.Exponent() != w.Exponent() || s.Clamped != !w.Equal(s.Raw) {
				t.Errorf("%s %s: score %s (exponent %d, clamped %v) from %s; want %s (exponent %d)",
					a.Person.ID, s.Item.Code, s.Score, s.Score.Exponent(), s.Clamped, s.Raw, w, w.Exponent())
			}
			if code, score, _ := strings.Cut(want[a.Person.ID], " "); code == s.Item.Code && s.Score.String() != score {
				t.Errorf("%s %s: score %s; want %s", a.Person.ID, code, s.Score, score)
			}
		}
	}
}

// TestProratedDueIsTheRationalProduct pins proratedDue against the
// rational arithmetic that defines it, for either rounding, point values
// with decimals and with a positive exponent (1.5E1), and the negative or
// missing ones of a mistaken scheme.
func TestProratedDueIsTheRationalProduct(t *testing.T) {
	values := []decimal.Decimal{
		decimal.RequireFromString("15"), decimal.RequireFromString("15.50"), decimal.RequireFromString("12.34"),
		decimal.RequireFromString("0.01"), decimal.RequireFromString("0.005"), decimal.New(15, 1), decimal.New(3, 2),
		decimal.RequireFromString("-15"), decimal.RequireFromString("-12.345"),
		{}, // no point value written
	}
	for _, total := range []string{"0", "80", "97.5", "99.25", "120", "100.125", "80.001", "113.3333"} {
		for _, value := range values {
			for months := 1; months <= 3; months++ {
				for _, r := range []Rounding{HalfUp, Down} {
					tot := decimal.RequireFromString(total)
					x := new(big.Rat).Mul(tot.Rat(), value.Rat())
					x.Mul(x, big.NewRat(100*int64(months), 3))
					if got, want := proratedDue(tot, value, months, r), r.Fen(x); got != want {
						t.Errorf("proratedDue(%s, %s, %d, %v) = %s; want %s", total, value, months, r, got.Plain(), want.Plain())
					}
				}
			}
		}
	}
}
