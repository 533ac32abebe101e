package safety

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"gongshi/generator/internal/diag"
	"gongshi/generator/internal/record"
)

// The deputy in charge of safety rotates on 2026-07-01: 张三 holds the
// post to 2026-06-30 inclusive, 李四 from 2026-07-01.
func TestRoleFollowsRotationOfItsPost(t *testing.T) {
	s := township(t)
	tests := []struct {
		name string
		day  string
		want string
	}{
		{"day before the rotation", "2026-06-30", "张三"},
		{"day of the rotation", "2026-07-01", "李四"},
		{"day after the rotation", "2026-07-02", "李四"},
		{"long before", "2025-03-01", "张三"},
		{"before the post was first held", "2023-12-31", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := names(HoldersOn(s, record.Holder{Post: "fuzhenzhang-anquan"}, day(tt.day)))
			if got != tt.want {
				t.Errorf("HoldersOn(副镇长（分管安全生产）, %s) = %q; want %q", tt.day, got, tt.want)
			}
			// The same through an object: every vessel's 第二责任人 is
			// the category's default post, and 朝渡015's 包船责任人 is
			// the object's own.
			o := Compute(s, day(tt.day)).Object("chaodu-015")
			for _, role := range []string{"第二责任人", "包船责任人"} {
				if got := o.Role(role).Names(); got != tt.want {
					t.Errorf("Compute(%s): 朝渡015 %s = %q; want %q", tt.day, role, got, tt.want)
				}
			}
		})
	}
}

func TestRoleHeldByNameOrPersonDoesNotRotate(t *testing.T) {
	s := township(t)
	for _, d := range []string{"2026-06-30", "2026-07-01"} {
		o := Compute(s, day(d)).Object("chaodu-015")
		if got := o.Role("日常安全管理人").Names(); got != "吴船主" {
			t.Errorf("%s: 日常安全管理人 = %q; want %q", d, got, "吴船主")
		}
		if got := o.Role("村委会责任人").Names(); got != "孙九" {
			t.Errorf("%s: 村委会责任人 = %q; want %q", d, got, "孙九")
		}
	}
}

func TestRoleListsEveryoneWhoHeldItDuringTheYear(t *testing.T) {
	r := Compute(township(t), day("2026-07-15"))
	role := r.Object("chaodu-012").Role("第二责任人")
	var got []string
	for _, p := range role.Year {
		got = append(got, fmt.Sprintf("%s %s–%s", p.Name, p.From, p.To))
	}
	want := []string{"张三 2024-01-01–2026-06-30", "李四 2026-07-01–"}
	if !slices.Equal(got, want) {
		t.Errorf("第二责任人 during 2026 = %q; want %q", got, want)
	}
	if len(role.Vacancies) != 0 {
		t.Errorf("vacancies = %v; want none", role.Vacancies)
	}
}

func TestRoleVacanciesAreTheDaysNobodyHeldThePost(t *testing.T) {
	s := township(t)
	// Make the rotation leave a gap: 李四 starts on 2026-07-04.
	for i := range s.People {
		if s.People[i].ID == "li-si" {
			s.People[i].Posts[0].From = day("2026-07-04")
		}
	}
	tests := []struct {
		asOf string
		want []Span
		now  string
	}{
		{"2026-07-02", []Span{{day("2026-07-01"), day("2026-07-02")}}, ""},
		{"2026-07-15", []Span{{day("2026-07-01"), day("2026-07-03")}}, "李四"},
	}
	for _, tt := range tests {
		role := Compute(s, day(tt.asOf)).Object("chaodu-012").Role("第二责任人")
		if !slices.Equal(role.Vacancies, tt.want) || role.Names() != tt.now {
			t.Errorf("as of %s: vacancies %v, held by %q; want %v, %q", tt.asOf, role.Vacancies, role.Names(), tt.want, tt.now)
		}
	}
}

func TestCoverageListsExactlyTheObjectsWithoutAgreements(t *testing.T) {
	tests := []struct {
		asOf string
		want []string
	}{
		// 朝渡015 is covered by the station's professional agreement
		// (listed under objects) but has no special one; 龙潭村 has no
		// general agreement; the chemical shop's category requires none.
		{"2026-07-15", []string{"chaodu-015 专项", "longtan-cun 综合"}},
		// Before 龙潭村 came under supervision it needs nothing.
		{"2026-04-09", []string{"chaodu-015 专项"}},
		// Before any 2026 agreement was signed, everything is missing.
		{"2026-02-01", []string{"chaodu-012 专业", "chaodu-012 专项", "chaodu-015 专业", "chaodu-015 专项", "hexi-cun 综合", "zhuanchang 综合"}},
	}
	for _, tt := range tests {
		t.Run(tt.asOf, func(t *testing.T) {
			cov := Compute(township(t), day(tt.asOf)).Coverage
			var got []string
			for _, g := range cov.Missing {
				got = append(got, g.Object.Rec.ID+" "+g.Kind)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("Coverage.Missing = %q; want %q", got, tt.want)
			}
			if cov.Required-cov.Covered != len(tt.want) {
				t.Errorf("Required %d − Covered %d = %d; want %d", cov.Required, cov.Covered, cov.Required-cov.Covered, len(tt.want))
			}
		})
	}
}

func TestObjectListsTheAgreementsCoveringIt(t *testing.T) {
	r := Compute(township(t), day("2026-07-15"))
	tests := map[string][]string{
		"chaodu-012":  {"2026-zhengfu-chaodu-012", "2026-cgz-chaodu"}, // by level
		"chaodu-015":  {"2026-cgz-chaodu"},
		"longtan-cun": nil,
	}
	for id, want := range tests {
		var got []string
		for _, a := range r.Object(id).Agreements {
			got = append(got, a.ID)
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s agreements = %q; want %q", id, got, want)
		}
	}
}

// TestReportComplianceClassifiesEachMonth reads the matrix as of
// 2026-07-15, with reports due on the 5th of the following month.
func TestReportComplianceClassifiesEachMonth(t *testing.T) {
	c := Compute(township(t), day("2026-07-15")).Reports
	cell := func(unit string, month int) Cell {
		for _, row := range c.Rows {
			if row.Unit.ID == unit {
				return row.Cells[month-1]
			}
		}
		t.Fatalf("no row for %s", unit)
		return Cell{}
	}
	tests := []struct {
		name     string
		unit     string
		month    int
		want     ReportStatus
		daysLate int
	}{
		{"received well before the due day", "hexi", 1, OnTime, 0},
		{"received on the due day", "hexi", 2, OnTime, 0},
		{"received three days after the due day", "hexi", 3, Late, 3},
		{"never received, due day passed", "hexi", 4, Missing, 0},
		{"received one day late across a month end", "hexi", 6, Late, 1},
		{"current month, not yet due", "hexi", 7, Pending, 0},
		{"current month, already received", "zhuanchang", 7, OnTime, 0},
		{"month not begun", "hexi", 8, NotYet, 0},
		{"before the unit was established", "longtan", 3, NotRequired, 0},
		{"month the unit was established", "longtan", 4, OnTime, 0},
		{"missing after the unit was established", "longtan", 5, Missing, 0},
		{"received before the month ended", "zhuanchang", 1, OnTime, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := cell(tt.unit, tt.month)
			if got.Status != tt.want || got.DaysLate != tt.daysLate {
				t.Errorf("%s 2026-%02d = %v, %d days late; want %v, %d", tt.unit, tt.month, got.Status, got.DaysLate, tt.want, tt.daysLate)
			}
		})
	}
	var units []string
	for _, row := range c.Rows {
		units = append(units, fmt.Sprintf("%s %d/%d/%d", row.Unit.ID, row.OnTime, row.Late, row.Missing))
	}
	want := []string{"hexi 3/2/1", "longtan 1/0/2", "zhuanchang 2/0/5", "yaodian 0/0/6"}
	if !slices.Equal(units, want) {
		t.Errorf("rows (on time/late/missing) = %q; want %q", units, want)
	}
}

func TestReportDueDayFollowsTheRule(t *testing.T) {
	tests := []struct {
		rule  record.ReportRule
		month string
		want  string
	}{
		{record.ReportRule{DueDay: 5}, "2026-01", "2026-02-05"},
		{record.ReportRule{DueDay: 5, DueIn: "次月"}, "2026-12", "2027-01-05"},
		{record.ReportRule{DueDay: 25, DueIn: "当月"}, "2026-03", "2026-03-25"},
		{record.ReportRule{DueDay: 31, DueIn: "次月"}, "2026-01", "2026-02-28"},
		{record.ReportRule{DueDay: 30, DueIn: "次月"}, "2028-01", "2028-02-29"},
	}
	for _, tt := range tests {
		m, _ := record.ParseMonth(tt.month)
		if got := tt.rule.Due(m); got.String() != tt.want {
			t.Errorf("Due(%s) with %s %d日 = %s; want %s", tt.month, tt.rule.DueIn, tt.rule.DueDay, got, tt.want)
		}
	}
}

func TestOverdueDaysCountAcrossMonthEnds(t *testing.T) {
	tests := []struct {
		name, deadline, day string
		want                int
	}{
		{"on the deadline", "2026-01-31", "2026-01-31", 0},
		{"before the deadline", "2026-01-31", "2026-01-20", 0},
		{"the day after a 31-day month", "2026-01-31", "2026-02-01", 1},
		{"end of the next month", "2026-01-31", "2026-02-28", 28},
		{"across February in a common year", "2026-02-27", "2026-03-02", 3},
		{"across February in a leap year", "2028-02-27", "2028-03-02", 4},
		{"across a year end", "2026-12-30", "2027-01-02", 3},
		{"across a 30-day month", "2026-04-29", "2026-05-01", 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := OverdueDays(day(tt.deadline), day(tt.day)); got != tt.want {
				t.Errorf("OverdueDays(%s, %s) = %d; want %d", tt.deadline, tt.day, got, tt.want)
			}
		})
	}
}

func TestHazardStatesOnTheAsOfDate(t *testing.T) {
	tests := []struct {
		asOf, id string
		want     Status
		overdue  int
		left     int
	}{
		{"2026-07-15", "2026-001", Verified, 0, 0},
		{"2026-07-15", "2026-002", Overdue, 15, 0},  // deadline 06-30
		{"2026-07-01", "2026-002", Overdue, 1, 0},   // the day after
		{"2026-06-30", "2026-002", Open, 0, 0},      // the deadline itself
		{"2026-07-15", "2026-003", Rectified, 2, 0}, // rectified two days late
		{"2026-07-11", "2026-003", Overdue, 1, 0},   // rectification not yet known
		{"2026-07-15", "2026-004", Open, 0, 16},     // deadline 07-31
		{"2026-03-11", "2026-001", Rectified, 0, 0}, // re-inspection on 03-12 not yet known
	}
	for _, tt := range tests {
		t.Run(tt.asOf+" "+tt.id, func(t *testing.T) {
			var got *Hazard
			for _, h := range Compute(township(t), day(tt.asOf)).Hazards {
				if h.Rec.ID == tt.id {
					got = h
				}
			}
			if got.Status != tt.want || got.DaysOverdue != tt.overdue || got.DaysLeft != tt.left {
				t.Errorf("hazard %s = %v, %d overdue, %d left; want %v, %d, %d", tt.id, got.Status, got.DaysOverdue, got.DaysLeft, tt.want, tt.overdue, tt.left)
			}
		})
	}
}

func TestNoticeOverdueOnlyWithADeadline(t *testing.T) {
	r := Compute(township(t), day("2026-07-15"))
	var got []string
	for _, n := range r.Notices {
		got = append(got, fmt.Sprintf("%s %v %d %s", n.Rec.ID, n.Status, n.DaysOverdue, n.To.Label))
	}
	want := []string{"2026-db-01 逾期 5 红星砖厂", "2026-gj-01 整改中 0 朝渡015"}
	if !slices.Equal(got, want) {
		t.Errorf("notices = %q; want %q", got, want)
	}
	if h := r.Notices[0].Hazard; h == nil || h.Rec.ID != "2026-002" || len(h.Notices) != 1 {
		t.Errorf("notice 2026-db-01 is not linked both ways to hazard 2026-002")
	}
}

func TestLicenceExpiringWithinThirtyDays(t *testing.T) {
	tests := []struct {
		asOf string
		want Status
		left int
		gap  bool
	}{
		{"2026-07-13", Valid, 31, false},
		{"2026-07-14", Expiring, 30, false},
		{"2026-08-13", Expiring, 0, false}, // valid through its expiry date
		{"2026-08-14", Expired, -1, true},
	}
	for _, tt := range tests {
		r := Compute(township(t), day(tt.asOf))
		l := r.Licences[0]
		if l.Status != tt.want || l.DaysLeft != tt.left {
			t.Errorf("as of %s: licence %v, %d days left; want %v, %d", tt.asOf, l.Status, l.DaysLeft, tt.want, tt.left)
		}
		if gap := len(r.Unlicensed) == 1 && r.Unlicensed[0].Object.Rec.ID == "yaodian"; gap != tt.gap {
			t.Errorf("as of %s: unlicensed %v; want 正街化工商店 listed: %v", tt.asOf, r.Unlicensed, tt.gap)
		}
	}
}

// draw prints a tree one node a line, indented by depth.
func draw(b *strings.Builder, t *Tree, depth int) {
	fmt.Fprintf(b, "%s%s", strings.Repeat("  ", depth), t.Label)
	if t.Note != "" {
		fmt.Fprintf(b, " (%s)", t.Note)
	}
	if t.Agreement != nil {
		fmt.Fprintf(b, " [%s L%d]", t.Agreement.Kind, t.Agreement.Level)
	}
	if t.Repeat {
		b.WriteString(" …")
	}
	b.WriteString("\n")
	for _, c := range t.Children {
		draw(b, c, depth+1)
	}
}

func TestPyramidStartsFromTheGovernment(t *testing.T) {
	tests := []struct {
		asOf string
		want string
	}{
		{"2026-07-15", `
朝天镇人民政府
  镇长 (王五)
    副镇长（分管安全生产） (张三) [综合 L1]
    副镇长（分管水上交通） (赵六) [综合 L1]
      船舶管理站 [综合 L2]
        朝渡012 (周船主) [专业 L3]
  河西村 [综合 L1]
  红星砖厂 [综合 L1]
  朝渡012 (周船主) [专项 L1]
`},
		// Signers are named as on the signed date, so the rotation does
		// not rename who signed in February.
	}
	for _, tt := range tests {
		var b strings.Builder
		for _, root := range Compute(township(t), day(tt.asOf)).Pyramid {
			draw(&b, root, 0)
		}
		if got := "\n" + b.String(); got != tt.want {
			t.Errorf("pyramid as of %s:%s\nwant:%s", tt.asOf, got, tt.want)
		}
	}
}

func TestNetworkFollowsTheLeadAfterRotation(t *testing.T) {
	tests := []struct {
		asOf string
		want string
	}{
		{"2026-06-30", `
朝天镇人民政府
  张三 (副镇长（分管安全生产）)
    船舶管理站
      朝渡015 (船舶)
  赵六 (副镇长（分管水上交通）)
    船舶管理站
      朝渡012 (船舶)
  （未明确包保领导）
    村
      河西村
      龙潭村
    企业
      红星砖厂
    危险化学品经营店
      正街化工商店
`},
		{"2026-07-01", `
朝天镇人民政府
  李四 (副镇长（分管安全生产）)
    船舶管理站
      朝渡015 (船舶)
  赵六 (副镇长（分管水上交通）)
    船舶管理站
      朝渡012 (船舶)
  （未明确包保领导）
    村
      河西村
      龙潭村
    企业
      红星砖厂
    危险化学品经营店
      正街化工商店
`},
	}
	for _, tt := range tests {
		var b strings.Builder
		draw(&b, Compute(township(t), day(tt.asOf)).Network, 0)
		if got := "\n" + b.String(); got != tt.want {
			t.Errorf("network as of %s:%s\nwant:%s", tt.asOf, got, tt.want)
		}
	}
}

func TestDutiesListWhatEachPersonAnswersFor(t *testing.T) {
	r := Compute(township(t), day("2026-07-15"))
	var got []string
	for _, d := range r.Duties {
		var parts []string
		for _, x := range d.Roles {
			parts = append(parts, x.Object.Rec.Name+"·"+x.Role.Name)
		}
		for _, a := range d.Signed {
			parts = append(parts, "签"+a.ID)
		}
		for _, a := range d.Contact {
			parts = append(parts, "联系"+a.ID)
		}
		got = append(got, d.Person.Name+": "+strings.Join(parts, " "))
	}
	want := []string{
		"陈八: 朝渡012·现场检查员 朝渡015·现场检查员",
		"李四: 朝渡012·第二责任人 朝渡015·第二责任人 朝渡015·包船责任人",
		"孙九: 朝渡012·村委会责任人 朝渡015·村委会责任人 河西村·村级责任人",
		"王五: 朝渡012·第一责任人 朝渡015·第一责任人 河西村·第一责任人 龙潭村·第一责任人 签2026-zhenzhang-anquan 签2026-zhenzhang-jiaotong",
		"张三: 签2026-zhenzhang-anquan",
		"赵六: 朝渡012·包船责任人 签2026-zhenzhang-jiaotong 签2026-jiaotong-cgz 联系2026-zhengfu-chaodu-012",
	}
	if !slices.Equal(got, want) {
		t.Errorf("duties =\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestComputeIsDeterministic(t *testing.T) {
	s := township(t)
	first := dump(Compute(s, day("2026-07-15")))
	for range 20 {
		if got := dump(Compute(s, day("2026-07-15"))); got != first {
			t.Fatalf("Compute gave different results on the same records")
		}
	}
}

func dump(r *Result) string {
	var b strings.Builder
	for _, root := range r.Pyramid {
		draw(&b, root, 0)
	}
	draw(&b, r.Network, 0)
	for _, o := range r.Objects {
		fmt.Fprintf(&b, "%s %v %v\n", o.Rec.ID, o.Missing, len(o.Roles))
	}
	for _, d := range r.Duties {
		fmt.Fprintf(&b, "%s %d %d\n", d.Person.ID, len(d.Roles), len(d.Signed))
	}
	return b.String()
}

func TestPlacardsPrintedBeforeAndAfterTheRotationNameDifferentPeople(t *testing.T) {
	r := Compute(township(t), day("2026-11-24"))
	o := r.Object("chaodu-012")
	placard := func(day string) string {
		var s []string
		for _, role := range r.RolesOn(o, record.MustDate(day)) {
			s = append(s, role.Name+"="+role.Names())
		}
		return strings.Join(s, " ")
	}
	before, after := placard("2026-06-30"), placard("2026-07-01")
	want := "第一责任人=王五 第二责任人=张三 包船责任人=赵六 村委会责任人=孙九 日常安全管理人=周船主 现场检查员=陈八"
	if before != want {
		t.Errorf("placard on 2026-06-30 = %s; want %s", before, want)
	}
	want = strings.Replace(want, "张三", "李四", 1)
	if after != want {
		t.Errorf("placard on 2026-07-01 = %s; want %s", after, want)
	}
	if got := o.Role("第二责任人").Names(); got != "李四" {
		t.Errorf("as of 2026-11-24, 第二责任人 = %q; want 李四", got)
	}
}

func TestNoticeStatusTextSaysWhetherItWasDealtWith(t *testing.T) {
	r := Compute(township(t), day("2026-07-20"))
	var got []string
	for _, n := range r.Notices {
		got = append(got, n.StatusText())
	}
	if want := []string{"逾期未办结", "办理中"}; !slices.Equal(got, want) {
		t.Errorf("notice states = %q; want %q", got, want)
	}
}

// TestIndexGivesWhatEachCallGives: one Index serves Check, Compute and
// NewRoles on different days, in any order, as the versions pass uses
// it; each gives what it gives indexing the records itself, and a result
// stays as of its own day whatever the index is asked after it.
func TestIndexGivesWhatEachCallGives(t *testing.T) {
	s := township(t)
	days := []record.Date{day("2026-03-10"), day("2025-12-31"), day("2026-07-01"), day("2026-03-10")}
	ix := NewIndex(s)
	var results []*Result
	var checks []diag.List
	for _, d := range days {
		results = append(results, ix.Compute(d))
		checks = append(checks, ix.Check(d))
	}
	roles := ix.Roles()
	for i, d := range days {
		if want := Compute(s, d); !reflect.DeepEqual(results[i], want) {
			t.Errorf("Compute on %s through the index differs from Compute (as of %s)", d, results[i].book.asOf)
		}
		if want := Check(s, d); !reflect.DeepEqual(checks[i], want) {
			t.Errorf("Check on %s through the index = %v; want %v", d, checks[i], want)
		}
	}
	if want := NewRoles(s); !reflect.DeepEqual(roles, want) {
		t.Error("Roles through the index differ from NewRoles")
	}
}
