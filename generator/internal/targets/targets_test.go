package targets

import (
	"fmt"
	"math/big"
	"strings"
	"testing"

	"gongshi/generator/internal/assess"
	"gongshi/generator/internal/calendar"
	"gongshi/generator/internal/record"
	"gongshi/generator/internal/safety"
)

const hexiAccident = `accidents:
  - id: 2025-01
    date: 2025-08-14
    unit: hexi
    object: hexi-cun
    level: 一般
    serious_injuries: 1
    summary: 河西村村道农用三轮车侧翻
`

// rate is a rate indicator (target ≥ 80%, weight 20, linear from 60%)
// with the figures given, as a one-indicator-plus-filler targets file.
func rateFile(op, target, floor, scoring, num, den string) string {
	return fmt.Sprintf(`unit: wsy
year: 2025
reported: 2026-01-06
indicators:
  - code: W01
    name: 65岁以上老年人健康管理率
    kind: 比率
    numerator_name: 体检人数
    denominator_name: 65岁以上老年人数
    op: %s
    target: %s
    weight: 20
    scoring: %s
%s    evidence: 基本公卫年报
    numerator: %s
    denominator: %s
  - code: W02
    name: 医疗安全事故
    kind: 数量
    unit: 起
    op: 不高于
    target: 0
    weight: 80
    evidence: 台账
    value: 0
`, op, target, scoring, floor, num, den)
}

func TestRateIndicators(t *testing.T) {
	tests := []struct {
		name                     string
		op, target, floor, score string
		num, den                 string
		shown                    string
		achieved                 bool
		points                   string
	}{
		{"688 of 729 is 94.4%, achieved against at least 80%, full points",
			"不低于", "80", "    floor: 60\n", "比例", "688", "729", "94.4%", true, "20"},
		{"exactly the target is achieved",
			"不低于", "80", "    floor: 60\n", "比例", "80", "100", "80.0%", true, "20"},
		{"79.96% shows two decimals rather than a misleading 80.0%",
			"不低于", "80", "    floor: 60\n", "比例", "1999", "2500", "79.96%", false, "19.96"},
		{"linear between floor 60% and target 80%: 70% earns half",
			"不低于", "80", "    floor: 60\n", "比例", "70", "100", "70.0%", false, "10"},
		{"at or below the floor earns nothing",
			"不低于", "80", "    floor: 60\n", "比例", "55", "100", "55.0%", false, "0"},
		{"all-or-nothing below the target earns nothing",
			"不低于", "80", "", "达标", "79", "100", "79.0%", false, "0"},
		{"points are rounded half-up to 0.01 once: 2/3 of the way earns 13.33",
			"不低于", "90", "    floor: 60\n", "比例", "80", "100", "80.0%", false, "13.33"},
		{"at most 5%, linear from 10%: 7.5% earns half",
			"不高于", "5", "    floor: 10\n", "比例", "3", "40", "7.5%", false, "10"},
		{"equal to 100%",
			"等于", "100", "", "达标", "12", "12", "100.0%", true, "20"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := world{staff: 26, files: map[string]string{
				"records/targets/2025/wsy.yaml": rateFile(tt.op, tt.target, tt.floor, tt.score, tt.num, tt.den),
			}}
			u := unitOf(t, w.run(t).Year(2025), "wsy")
			x := u.Indicators[0]
			if x.Shown != tt.shown || x.Achieved != tt.achieved || x.Points.String() != tt.points {
				t.Errorf("%s / %s = %s, achieved %v, %s points; want %s, %v, %s",
					tt.num, tt.den, x.Shown, x.Achieved, x.Points, tt.shown, tt.achieved, tt.points)
			}
		})
	}
}

func TestRatePercentRounding(t *testing.T) {
	tests := []struct {
		num, den int64
		target   *big.Rat
		want     string
	}{
		{688, 729, big.NewRat(80, 100), "94.4%"},
		{2, 3, nil, "66.7%"},
		{1, 8, nil, "12.5%"},   // 12.5 exactly
		{1, 1600, nil, "0.1%"}, // 0.0625 rounds half-up
		{7999, 10000, big.NewRat(8, 10), "79.99%"},
		{799999, 1000000, big.NewRat(8, 10), "79.9999%"},
		{7999999, 10000000, big.NewRat(8, 10), "80.0000%"}, // four places at most
		{8, 10, big.NewRat(8, 10), "80.0%"},
		{80001, 100000, big.NewRat(8, 10), "80.001%"},
		{80049, 100000, big.NewRat(8, 10), "80.05%"},
		{1, 3, big.NewRat(1, 3), "33.3333%"}, // on target, never shown so
		{0, 5, big.NewRat(0, 1), "0.0%"},
	}
	for _, tt := range tests {
		got := percent(big.NewRat(tt.num, tt.den), tt.target)
		if got != tt.want {
			t.Errorf("percent(%d/%d) = %s; want %s", tt.num, tt.den, got, tt.want)
		}
	}
}

func TestCountAmountAndYesNoIndicators(t *testing.T) {
	file := `unit: wsy
year: 2025
reported: 2026-01-06
indicators:
  - {code: A, name: 集体经济收入, kind: 金额, unit: 万元, op: 不低于, target: 5, floor: 2, scoring: 比例, weight: 30, evidence: 决算表, value: 3.5}
  - {code: B, name: 改厕, kind: 数量, unit: 户, op: 不低于, target: 40, weight: 30, evidence: 验收单, value: 41}
  - {code: C, name: 演练, kind: 是否, weight: 20, evidence: 照片, done: 否}
  - {code: D, name: 火灾, kind: 数量, unit: 起, op: 不高于, target: 0, weight: 20, evidence: 台账, value: 1}
`
	u := unitOf(t, world{staff: 26, files: map[string]string{"records/targets/2025/wsy.yaml": file}}.run(t).Year(2025), "wsy")
	var got []string
	for _, x := range u.Indicators {
		got = append(got, fmt.Sprintf("%s %s %s %v %s", x.Rec.Code, x.Shown, x.TargetShown, x.Achieved, x.Points))
	}
	want := []string{"A 3.5万元 ≥5万元 false 15", "B 41户 ≥40户 true 30", "C 否 是 false 0", "D 1起 ≤0起 false 0"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") || u.Score.String() != "45" {
		t.Errorf("indicators:\n%s\nscore %s; want\n%s\nscore 45", strings.Join(got, "\n"), u.Score, strings.Join(want, "\n"))
	}
}

func TestVetoedUnitHasNoRankAndOthersCloseUp(t *testing.T) {
	// Without the accident 河西 (96.4% → 60 + 40) ranks first; with it,
	// 河西 keeps its score, has no rank and no grade, and 青山 (95%) and
	// 白沙 (87.5%) close up to 1st and 2nd.
	for _, tt := range []struct {
		name      string
		accidents string
		want      string
	}{
		{"without an accident", "", "hexi 100 1/3 优秀 · qingshan 100 1/3 优秀 · baisha 55 3/3 不合格"},
		{"with an accident causing an injury", hexiAccident, "qingshan 100 1/2 优秀 · baisha 55 2/2 不合格 · hexi 100 0/0  vetoed"},
		{"with an accident causing no casualty, which the scheme does not veto",
			strings.Replace(hexiAccident, "serious_injuries: 1", "loss: 0.5", 1),
			"hexi 100 1/3 优秀 · qingshan 100 1/3 优秀 · baisha 55 3/3 不合格"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			y := world{staff: 26, accidents: tt.accidents}.run(t).Year(2025)
			var got []string
			for _, u := range y.Groups[0].Units {
				s := fmt.Sprintf("%s %s %d/%d %s", u.Unit.ID, u.Score, u.Rank, u.Of, u.Grade)
				if u.Vetoed() {
					s += " vetoed"
				}
				got = append(got, s)
			}
			if g := strings.Join(got, " · "); g != tt.want {
				t.Errorf("ranking = %s; want %s", g, tt.want)
			}
		})
	}
}

func TestVetoNamesTheAccidentAndWhoAnsweredForIt(t *testing.T) {
	y := world{staff: 26, accidents: hexiAccident}.run(t).Year(2025)
	u := unitOf(t, y, "hexi")
	if len(u.Vetoes) != 1 {
		t.Fatalf("河西 vetoes = %d; want 1", len(u.Vetoes))
	}
	v := u.Vetoes[0]
	var who []string
	for _, a := range v.Answerable {
		who = append(who, a.Person.ID+" "+a.Role)
	}
	if got, want := v.Reason(), "2025年8月14日河西村村民委员会辖区发生一般生产安全事故（重伤1人）：河西村村道农用三轮车侧翻"; got != want {
		t.Errorf("reason = %q; want %q", got, want)
	}
	if got := strings.Join(who, ", "); got != "p01 包村领导, p02 驻村干部" {
		t.Errorf("answerable = %s; want p01 包村领导, p02 驻村干部", got)
	}
}

func TestExcellentPlaces(t *testing.T) {
	// 26 assessed at 15%: 3.9 places, rounded down to 3.
	tests := []struct {
		name   string
		scores map[string][4]string
		files  map[string]string
		want   string // the 优秀, in order
		tie    string // p?? whose tie note is checked, and a part of it
	}{
		{
			name: "the three highest annual scores",
			scores: map[string][4]string{
				"p05": {"100+10", "100+10", "100+10", "100+10"},
				"p06": {"100+5", "100+5", "100+5", "100+5"},
				"p07": {"100", "100", "100", "100"},
				"p08": {"99", "99", "99", "99"},
			},
			want: "p05 p06 p07",
		},
		{
			name: "a tie at the cut-off goes to the higher mean base score",
			scores: map[string][4]string{
				"p05": {"100+10", "100+10", "100+10", "100+10"},
				"p06": {"100+5", "100+5", "100+5", "100+5"},
				"p07": {"96+4", "96+4", "96+4", "96+4"}, // 100, base 96
				"p08": {"98+2", "98+2", "98+2", "98+2"}, // 100, base 98
			},
			want: "p05 p06 p08",
			tie:  "p08 比较平均基础分（98分对96分）列前",
		},
		{
			name: "equal totals and bases: the higher lowest quarter, the next stated criterion",
			scores: map[string][4]string{
				"p05": {"100+10", "100+10", "100+10", "100+10"},
				"p06": {"100+5", "100+5", "100+5", "100+5"},
				"p07": {"96", "100", "98", "98"}, // 98, lowest 96
				"p08": {"97", "99", "98", "98"},  // 98, lowest 97
			},
			want: "p05 p06 p08",
			tie:  "p07 最低季度得分（96分对97分）列后",
		},
		{
			name: "a tie the criteria cannot resolve goes by the committee's recorded order",
			scores: map[string][4]string{
				"p05": {"100+10", "100+10", "100+10", "100+10"},
				"p06": {"100+5", "100+5", "100+5", "100+5"},
				"p07": {"98", "98", "98", "98"},
				"p08": {"98", "98", "98", "98"},
			},
			files: map[string]string{"records/targets/grades/2025.yaml": strings.Replace(gradesYAML,
				"  ties: [基础分, 最低季度]\n", "  ties: [基础分, 最低季度]\n  order: [p08, p07]\n  order_basis: 2026年第1次考核委员会会议纪要\n", 1)},
			want: "p05 p06 p08",
			tie:  "p08 考核委员会研究确定的顺序列前",
		},
		{
			name: "a quarter 不合格 bars 优秀 whatever the mean",
			scores: map[string][4]string{
				"p05": {"79+20", "100+20", "100+20", "100+20"},
				"p06": {"100+5", "100+5", "100+5", "100+5"},
				"p07": {"100", "100", "100", "100"},
				"p08": {"99", "99", "99", "99"},
			},
			want: "p06 p07 p08",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := world{staff: 26, scores: tt.scores, files: tt.files}.run(t).Grades[0]
			var got []string
			for _, p := range g.People {
				if p.Grade == record.GradeExcellent {
					got = append(got, p.Person.ID)
				}
			}
			if g.Places != 3 || strings.Join(got, " ") != tt.want {
				t.Errorf("%d places, 优秀 %v; want 3 places, %s", g.Places, got, tt.want)
			}
			if tt.tie != "" {
				id, part, _ := strings.Cut(tt.tie, " ")
				if note := gradedOf(t, g, id).Tie; !strings.Contains(note, part) {
					t.Errorf("%s's tie note = %q; want it to contain %q", id, note, part)
				}
			}
		})
	}
}

func TestUnresolvedTieAtTheCutOffIsAMistake(t *testing.T) {
	w := world{staff: 26, scores: map[string][4]string{
		"p05": {"100+10", "100+10", "100+10", "100+10"},
		"p06": {"100+5", "100+5", "100+5", "100+5"},
		"p07": {"98", "98", "98", "98"},
		"p08": {"98", "98", "98", "98"},
	}}
	r, errs := w.compute(t)
	want := "records/targets/grades/2025.yaml:9:9: expected the committee's order (excellent.order) for 人员07、人员08, tied at 98 for the last 优秀 place after comparing 基础分, 最低季度, found none; 请写明考核委员会研究确定的先后顺序"
	if errs.Error() != want {
		t.Errorf("errors:\n%v\nwant:\n%s", errs, want)
	}
	// Neither gets the place: never input order.
	for _, id := range []string{"p07", "p08"} {
		if p := gradedOf(t, r.Grades[0], id); p.Grade == record.GradeExcellent {
			t.Errorf("%s is 优秀 by input order", id)
		}
	}
}

func TestAnswerableCadreIsNotExcellentEvenWithTheTopScore(t *testing.T) {
	// p01 is 河西村's 包村领导 and has the top score; the accident there
	// bars them, and the places go to the next three.
	scores := map[string][4]string{
		"p01": {"100+20", "100+20", "100+20", "100+20"},
		"p05": {"100+10", "100+10", "100+10", "100+10"},
		"p06": {"100+5", "100+5", "100+5", "100+5"},
		"p07": {"100", "100", "100", "100"},
	}
	g := world{staff: 26, scores: scores, accidents: hexiAccident}.run(t).Grades[0]
	p := gradedOf(t, g, "p01")
	if p.Grade != record.GradeCompetent || p.Position != 1 || len(p.Barred) != 1 ||
		!strings.Contains(p.Barred[0], "本人时任河西村包村领导，按一票否决规定不得评为优秀") {
		t.Errorf("p01: %s, position %d, barred %q; want 称职 at position 1, barred as 河西村包村领导", p.Grade, p.Position, p.Barred)
	}
	var excellent []string
	for _, q := range g.People {
		if q.Grade == record.GradeExcellent {
			excellent = append(excellent, q.Person.ID)
		}
	}
	if got := strings.Join(excellent, " "); got != "p05 p06 p07" {
		t.Errorf("优秀 = %s; want p05 p06 p07", got)
	}

	// The grades record may limit who answers to some roles.
	files := map[string]string{"records/targets/grades/2025.yaml": gradesYAML + "veto:\n  roles: [驻村干部]\n  basis: 第十二条\n"}
	g = world{staff: 26, scores: scores, accidents: hexiAccident, files: files}.run(t).Grades[0]
	if p := gradedOf(t, g, "p01"); p.Grade != record.GradeExcellent {
		t.Errorf("p01 with only 驻村干部 answerable: %s; want 优秀", p.Grade)
	}
}

func TestGradesByThresholds(t *testing.T) {
	g := world{staff: 26, scores: map[string][4]string{
		"p09": {"80", "80", "79", "81"},         // 80: 称职
		"p10": {"79.5", "79.5", "79.5", "79.5"}, // 基本称职
		"p11": {"70", "70", "70", "70"},         // 基本称职
		"p12": {"69.5", "70", "70", "70"},       // 69.875: 不称职
	}}.run(t).Grades[0]
	for id, want := range map[string]string{"p09": "称职 80", "p10": "基本称职 79.5", "p11": "基本称职 70", "p12": "不称职 69.88"} {
		p := gradedOf(t, g, id)
		if got := p.Grade + " " + p.ScoreShown(); got != want {
			t.Errorf("%s = %s; want %s", id, got, want)
		}
	}
}

func TestTwoConsecutiveYearsIncompetentAreFlagged(t *testing.T) {
	w := world{staff: 26, scores: map[string][4]string{
		"p12": {"60", "60", "60", "60"},
		"p13": {"60", "60", "60", "60"},
	}, files: map[string]string{"records/targets/grades/2025.yaml": gradesYAML + "previous:\n  - {person: p12, grade: 不称职}\n  - {person: p13, grade: 称职}\n"}}
	g := w.run(t).Grades[0]
	if p := gradedOf(t, g, "p12"); !p.Twice || p.Previous != "不称职" {
		t.Errorf("p12: twice %v, previous %q; want flagged after 不称职 in 2024", p.Twice, p.Previous)
	}
	if p := gradedOf(t, g, "p13"); p.Twice || p.Grade != "不称职" {
		t.Errorf("p13: %s, twice %v; want 不称职, not flagged", p.Grade, p.Twice)
	}
}

func TestQuotaLeavingNoExcellentPlaceIsAMistake(t *testing.T) {
	w := world{staff: 26, files: map[string]string{
		"records/targets/grades/2025.yaml": strings.Replace(gradesYAML, "quota: 15", "quota: 3", 1),
	}}
	_, errs := w.compute(t)
	want := "records/targets/grades/2025.yaml:6:10: expected a quota leaving at least one 优秀 place for the 26 assessed, found 3% (26 × 3% = 0.78, rounded down to 0)"
	if errs.Error() != want {
		t.Errorf("errors:\n%v\nwant:\n%s", errs, want)
	}
}

// TestVetoesDoNotDependOnTheAsOfDay: who answered for an accident is
// resolved on the accident's day, so the vetoes found through
// safety.Roles, which knows no as-of day, are those found through the
// safety result of any day: the versions pass computes the vetoes once
// for commits of many days.
func TestVetoesDoNotDependOnTheAsOfDay(t *testing.T) {
	files := world{staff: 26, accidents: hexiAccident}.recordFiles()
	set, errs := record.Decode(files)
	cal, more := calendar.New(set.Calendars)
	errs.Append(more)
	as, more := assess.Compute(set, cal)
	errs.Append(more)
	if len(errs) > 0 {
		t.Fatal(errs.Err())
	}
	answerable := func(r *Result) string {
		var who []string
		for _, y := range r.Years {
			for _, v := range y.Vetoes {
				for _, a := range v.Answerable {
					who = append(who, fmt.Sprintf("%d %s %s %s %s", y.Year, v.Accident.ID, a.Person.ID, a.Role, a.Object.ID))
				}
			}
		}
		for _, g := range r.Grades {
			for _, p := range g.People {
				who = append(who, fmt.Sprintf("%s %s %q", p.Person.ID, p.Grade, p.Barred))
			}
		}
		return strings.Join(who, "\n")
	}
	byRoles, _ := Compute(set, cal, as, safety.NewRoles(set))
	want := answerable(byRoles)
	if !strings.Contains(want, "p01 包村领导") {
		t.Fatalf("the fixture's accident names nobody answerable:\n%s", want)
	}
	for _, day := range []string{"2025-08-14", "2025-12-31", "2026-11-20", "2027-06-30"} {
		r, _ := Compute(set, cal, as, safety.Compute(set, record.MustDate(day)))
		if got := answerable(r); got != want {
			t.Errorf("as of %s, answerable:\n%s\nwant (through safety.Roles):\n%s", day, got, want)
		}
	}
}
