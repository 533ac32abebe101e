package publicity

import (
	"strings"
	"testing"

	"gongshi/generator/internal/calendar"
	"gongshi/generator/internal/diag"
	"gongshi/generator/internal/record"
)

const township = `name: 朝天镇
organ: 朝天镇人民政府
address: 青江县朝天镇正街1号
objection:
  office: 党政综合办公室
  address: 朝天镇人民政府二楼
  phone: 0736-6621234
publicity:
  working_days: 5
%s`

const cal2026 = `year: 2026
source: 国务院办公厅关于2026年部分节假日安排的通知
holidays:
  - {name: 元旦, from: 2026-01-01, to: 2026-01-03}
  - {name: 春节, from: 2026-02-15, to: 2026-02-23}
  - {name: 清明节, from: 2026-04-04, to: 2026-04-06}
  - {name: 劳动节, from: 2026-05-01, to: 2026-05-05}
workdays:
  - {date: 2026-01-04, for: 元旦}
  - {date: 2026-02-14, for: 春节}
  - {date: 2026-02-28, for: 春节}
  - {date: 2026-05-09, for: 劳动节}
`

// fixture decodes a township (with extra publicity settings), the 2026
// calendar and objections, and gives the first quarter's notice: posted
// on Thursday 2 April 2026, five working days not counting that day, so
// (Qingming 4–6 April) its period ends on Friday 10 April.
type fixture struct {
	settings   string // more lines under publicity:
	objections string // the objections file, "" for none
	result     string // the notice's result: "2026-04-20" or "2026-04-20 存入本人档案"
}

func (f fixture) run(t *testing.T, asOf string) (*State, diag.List) {
	t.Helper()
	files := []record.File{
		{Path: "records/township.yaml", Data: []byte(strings.Replace(township, "%s", f.settings, 1))},
		{Path: "records/calendar/2026.yaml", Data: []byte(cal2026)},
	}
	if f.objections != "" {
		files = append(files, record.File{Path: "records/objections/2026.yaml", Data: []byte("objections:\n" + f.objections)})
	}
	set, errs := record.Decode(files)
	if len(errs) > 0 {
		t.Fatalf("fixture records: %v", errs)
	}
	cal, errs := calendar.New(set.Calendars)
	if len(errs) > 0 {
		t.Fatalf("fixture calendar: %v", errs)
	}
	n := Notice{ID: "assess-2026-q1", Title: "朝天镇2026年第一季度绩效考核结果公示", ReportTo: "青江县财政局",
		Period: cal.WorkingDays(record.Date{Year: 2026, Month: 4, Day: 2}, 5, false)}
	if f.result != "" {
		day, action, _ := strings.Cut(f.result, " ")
		d, err := record.ParseDate(day)
		if err != nil {
			t.Fatal(err)
		}
		n.Result = &record.NoticeResult{Date: d, Action: action}
	}
	d, err := record.ParseDate(asOf)
	if err != nil {
		t.Fatal(err)
	}
	r, errs := Compute(set, cal, []Notice{n}, d)
	return r.State(n.ID), errs
}

const (
	openOn8  = "  - {id: 2026-001, notice: assess-2026-q1, received: 2026-04-08, channel: 书面, summary: 对出勤扣分有异议, objector: 赵国华, office: 党政综合办公室}\n"
	upheldOn = "  - {id: 2026-002, notice: assess-2026-q1, received: 2026-04-09, channel: 来电, summary: 对加分有异议, objector: 钱晓红, office: 党政综合办公室, finding: 核对无误, outcome: 维持, closed: 2026-04-14}\n"
	fixedOn  = "  - {id: 2026-003, notice: assess-2026-q1, received: 2026-04-08, channel: 书面, summary: 对出勤扣分有异议, objector: 孙立, office: 党政综合办公室, finding: 已补办请假手续, outcome: 更正, version: 2, closed: 2026-04-13}\n"
)

// TestStateOfANotice: where a notice stands, before, during and after its
// period, with objections open, closed and leading to a correction.
func TestStateOfANotice(t *testing.T) {
	tests := []struct {
		name    string
		f       fixture
		asOf    string
		text    string
		outcome string
	}{
		{"before the publishing day", fixture{}, "2026-04-01", "未开始", ""},
		{"on the publishing day", fixture{}, "2026-04-02", "公示中（还剩5个工作日）", ""},
		{"over the holiday", fixture{}, "2026-04-05", "公示中（还剩4个工作日）", ""},
		{"on the last day", fixture{}, "2026-04-10", "公示中（还剩1个工作日）", ""},
		{"during, an objection open", fixture{objections: openOn8}, "2026-04-09", "公示中（还剩2个工作日），收到异议1件（已办结0件）", ""},
		{"during, an objection not yet received", fixture{objections: upheldOn}, "2026-04-08", "公示中（还剩3个工作日）", ""},
		{"after, none", fixture{}, "2026-04-13", "公示期满，无异议", "公示期满无异议。"},
		{"after, none, result reported", fixture{result: "2026-04-20"}, "2026-04-21", "公示期满，无异议", "公示期满无异议，已于2026年4月20日报青江县财政局。"},
		{"after, result with its own action", fixture{result: "2026-04-20 存入本人档案"}, "2026-04-21", "公示期满，无异议", "公示期满无异议，已于2026年4月20日存入本人档案。"},
		{"after, one open, one upheld", fixture{objections: openOn8 + upheldOn}, "2026-04-15", "公示期满，收到异议2件（已办结1件）", "公示期满，收到异议2件，已办结1件，尚有1件正在办理。"},
		{"after, upheld, before it was closed", fixture{objections: upheldOn}, "2026-04-13", "公示期满，收到异议1件（已办结0件）", "公示期满，收到异议1件，已办结0件，尚有1件正在办理。"},
		{"after, corrected", fixture{objections: fixedOn}, "2026-04-13", "公示期满，收到异议1件（已办结1件），已更正（见第2版）", "公示期满，收到的1件异议均已办结（更正1件）。"},
		{"after, corrected and upheld, reported", fixture{objections: fixedOn + upheldOn, result: "2026-04-20"}, "2026-04-21",
			"公示期满，收到异议2件（已办结2件），已更正（见第2版）", "公示期满，收到的2件异议均已办结（更正1件，维持原结果1件），已于2026年4月20日报青江县财政局。"},
		{"during, corrected before the end", fixture{objections: strings.Replace(fixedOn, "closed: 2026-04-13", "closed: 2026-04-09", 1)}, "2026-04-09",
			"公示中（还剩2个工作日），收到异议1件（已办结1件），已更正（见第2版）", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st, errs := tt.f.run(t, tt.asOf)
			if len(errs) > 0 {
				t.Fatalf("mistakes: %v", errs)
			}
			if got := st.Text(); got != tt.text {
				t.Errorf("Text() on %s = %q; want %q", tt.asOf, got, tt.text)
			}
			if got := st.Outcome(); got != tt.outcome {
				t.Errorf("Outcome() on %s = %q; want %q", tt.asOf, got, tt.outcome)
			}
		})
	}
}

// TestOverdueObjections: an objection open longer than the stated limit
// is flagged; one closed in time, or still within it, is not.
func TestOverdueObjections(t *testing.T) {
	tests := []struct {
		name     string
		settings string
		objs     string
		asOf     string
		days     int
		overdue  bool
	}{
		{"within the default 15 days", "", openOn8, "2026-04-28", 14, false},
		{"on the 15th working day", "", openOn8, "2026-04-29", 15, false},
		{"one day past the default", "", openOn8, "2026-04-30", 16, true},
		{"over the May holiday", "", openOn8, "2026-05-06", 17, true},
		{"past a stated limit", "  answer_days: 3\n  answer_basis: 本镇规定\n", openOn8, "2026-04-14", 4, true},
		{"closed late is not open", "  answer_days: 3\n  answer_basis: 本镇规定\n", upheldOn, "2026-05-20", 3, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st, errs := fixture{settings: tt.settings, objections: tt.objs}.run(t, tt.asOf)
			if len(errs) > 0 {
				t.Fatalf("mistakes: %v", errs)
			}
			o := st.Objections[0]
			if o.Days != tt.days || o.Overdue != tt.overdue {
				t.Errorf("on %s: open %d working days, overdue %v; want %d, %v", tt.asOf, o.Days, o.Overdue, tt.days, tt.overdue)
			}
			if want := map[bool]int{true: 1}[tt.overdue]; st.Overdue != want {
				t.Errorf("the notice counts %d overdue; want %d", st.Overdue, want)
			}
		})
	}
}

// TestObjectionMistakes: every mistake in the objection records is listed
// at its field.
func TestObjectionMistakes(t *testing.T) {
	tests := []struct {
		name   string
		objs   string
		result string
		want   string
	}{
		{"unknown notice", strings.Replace(openOn8, "assess-2026-q1", "assess-2026-q2", 1), "",
			`records/objections/2026.yaml:2:28: expected the name of a notice (assess-2026-q1), found "assess-2026-q2"; did you mean "assess-2026-q1"?`},
		{"received before posting", strings.Replace(openOn8, "2026-04-08", "2026-04-01", 1), "",
			"records/objections/2026.yaml:2:54: expected received on or after the notice was posted on 2026-04-02, found 2026-04-01"},
		{"closed without an outcome", strings.Replace(upheldOn, "outcome: 维持, ", "", 1), "",
			"records/objections/2026.yaml:2:6: expected the outcome (outcome: 维持 or 更正) of the objection closed on 2026-04-14, found none"},
		{"closed without a finding", strings.Replace(upheldOn, "finding: 核对无误, ", "", 1), "",
			"records/objections/2026.yaml:2:6: expected what was found (finding) for the objection closed on 2026-04-14, found none; 办结的异议要写明核查情况"},
		{"an outcome, not closed", strings.Replace(upheldOn, ", closed: 2026-04-14", "", 1), "",
			"records/objections/2026.yaml:2:152: expected the day the objection was closed (closed) with its outcome 维持, found none"},
		{"corrected without a version", strings.Replace(fixedOn, "version: 2, ", "", 1), "",
			"records/objections/2026.yaml:2:156: expected the version that corrected the notice (version) for the outcome 更正, found none; 写更正后公示是第几版，见公示页的“历次版本”"},
		{"upheld with a version", strings.Replace(upheldOn, "outcome: 维持, ", "outcome: 维持, version: 2, ", 1), "",
			"records/objections/2026.yaml:2:165: expected no version for an objection whose outcome is not 更正, found 2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, errs := fixture{objections: tt.objs, result: tt.result}.run(t, "2026-05-01")
			if got := errs.Error(); got != tt.want {
				t.Errorf("mistakes:\n%s\nwant:\n%s", got, tt.want)
			}
		})
	}
}

// TestResultBeforeTheEndIsAMistake: a notice's result cannot be reported
// before its period has ended.
func TestResultBeforeTheEndIsAMistake(t *testing.T) {
	for _, tt := range []struct {
		result string
		want   string
	}{
		{"2026-04-10", "expected the result after the notice's period ends on 2026-04-10, found 2026-04-10"},
		{"2026-04-13", ""},
	} {
		_, errs := fixture{result: tt.result}.run(t, "2026-05-01")
		if got := errs.Error(); !strings.Contains(got, tt.want) || (tt.want == "") != (got == "") {
			t.Errorf("result on %s: mistakes %q; want %q", tt.result, got, tt.want)
		}
	}
}
