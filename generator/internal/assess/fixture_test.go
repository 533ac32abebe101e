package assess

import (
	"fmt"
	"strings"
	"testing"

	"gongshi/generator/internal/calendar"
	"gongshi/generator/internal/diag"
	"gongshi/generator/internal/record"
)

// The fixture: a township with n staff p01…pNN (公务员, post ganbu), a
// party secretary (主要领导), the 2026 calendar and the scheme of the
// issue's acceptance table: 15 yuan a point, pass mark 80 on the base,
// bonus cap 20, items 30 + 40 + 10 + 20.

const townshipYAML = `name: 朝天镇
organ: 朝天镇人民政府
address: 青江县朝天镇正街1号
objection:
  office: 党政综合办公室
  address: 朝天镇人民政府二楼
  phone: 0736-6621234
  hours: 工作日 8:30–12:00，14:30–17:30
publicity:
  working_days: 5
`

const unitsYAML = `units:
  - id: dzb
    name: 党政综合办公室
    type: 办公室
`

const postsYAML = `posts:
  - id: shuji
    title: 党委书记
    unit: dzb
    rank: 主要领导
  - id: zhuren
    title: 党政办主任
    unit: dzb
    rank: 中层正职
  - id: ganbu
    title: 党政办干事
    unit: dzb
    rank: 一般干部
    seats: 100
`

const calendarYAML = `year: 2026
source: 国务院办公厅关于2026年部分节假日安排的通知
holidays:
  - {name: 元旦, from: 2026-01-01, to: 2026-01-03}
  - {name: 春节, from: 2026-02-15, to: 2026-02-23}
  - {name: 清明节, from: 2026-04-04, to: 2026-04-06}
  - {name: 劳动节, from: 2026-05-01, to: 2026-05-05}
  - {name: 端午节, from: 2026-06-19, to: 2026-06-21}
  - {name: 中秋节, from: 2026-09-25, to: 2026-09-27}
  - {name: 国庆节, from: 2026-10-01, to: 2026-10-07}
workdays:
  - {date: 2026-01-04, for: 元旦}
  - {date: 2026-02-14, for: 春节}
  - {date: 2026-02-28, for: 春节}
  - {date: 2026-05-09, for: 劳动节}
  - {date: 2026-09-20, for: 国庆节}
  - {date: 2026-10-10, for: 国庆节}
`

// schemeYAML takes the over-pool rule.
const schemeYAML = `id: "2026"
title: 朝天镇机关工作人员绩效考核办法
basis: 朝委发〔2026〕3号
from: 2026-01-01
group: 镇绩效考核领导小组
scope:
  staff: [公务员, 参公管理]
  ranks: [班子成员, 中层正职, 一般干部]
monthly: 500
point_value: 15
pass_mark: 80
bonus_cap: 20
over_pool: %s
items:
  - {code: public, name: 公共职责, max: 30}
  - {code: post, name: 岗位职责, max: 40}
  - {code: attendance, name: 出勤, max: 10}
  - {code: tasks, name: 领导交办工作, max: 20}
indicators:
  - {code: K01, item: attendance, name: 无故缺勤, points: -2, unit: 天, evidence: true}
  - {code: K02, item: attendance, name: 迟到早退, points: -0.5, unit: 次}
  - {code: R01, item: tasks, name: 交办任务逾期, points: -2, unit: 件, evidence: true}
  - {code: J01, item: bonus, name: 防汛值班, points: 1, unit: 天, evidence: true}
  - {code: J02, item: bonus, name: 县级以上表彰, points: 5, unit: 次, evidence: true}
report_to: 青江县财政局
notice: |
  {{.季度}}考核{{.考核人数}}人，合格{{.合格人数}}人，不合格{{.不合格人数}}人。
  资金总额{{.资金总额}}元，发放{{.发放总额}}元，结余{{.结余}}元；人均{{.人均}}元，最高{{.最高}}元，最低{{.最低}}元。
  公示期：{{.公示开始}}至{{.公示截止}}（{{.工作日数}}个工作日）。对公示结果有异议的，请以书面形式实名向{{.受理科室}}反映，电话{{.受理电话}}。
`

// world describes a fixture's records.
type world struct {
	staff    int               // p01…pNN in scope all year
	people   string            // more people records, appended to the list
	overPool string            // allow (default) or scale
	scheme   string            // replaces the scheme when set
	quarter  string            // the quarter's fields before sheets; default Q1 issued 2026-04-02
	sheets   map[string]string // person → the sheet's lines after "- person: pNN"
	extra    string            // more sheets, verbatim
}

func (w world) files() []record.File {
	var people strings.Builder
	people.WriteString("people:\n")
	for i := 1; i <= w.staff; i++ {
		fmt.Fprintf(&people, "  - id: p%02d\n    name: 人员%02d\n    unit: dzb\n    staff: 公务员\n    posts:\n      - post: ganbu\n        from: 2020-01-01\n", i, i)
	}
	people.WriteString(w.people)

	scheme := w.scheme
	if scheme == "" {
		scheme = fmt.Sprintf(schemeYAML, firstOf(w.overPool, "allow"))
	}
	quarter := w.quarter
	if quarter == "" {
		quarter = "quarter: 2026-Q1\nissued: 2026-04-02\nnumber: 朝政公〔2026〕6号\ndecided_by: 镇绩效考核领导小组（2026年4月1日会议）\n"
	}
	var sheets strings.Builder
	sheets.WriteString(quarter + "sheets:\n")
	for i := 1; i <= w.staff; i++ {
		id := fmt.Sprintf("p%02d", i)
		fmt.Fprintf(&sheets, "  - person: %s\n%s", id, w.sheets[id])
	}
	sheets.WriteString(w.extra)
	q := "2026-Q1"
	if i := strings.Index(quarter, "quarter: "); i >= 0 {
		q = strings.Fields(quarter[i+len("quarter: "):])[0]
	}
	return []record.File{
		{Path: "records/township.yaml", Data: []byte(townshipYAML)},
		{Path: "records/units/units.yaml", Data: []byte(unitsYAML)},
		{Path: "records/posts/posts.yaml", Data: []byte(postsYAML)},
		{Path: "records/people/people.yaml", Data: []byte(people.String())},
		{Path: "records/calendar/2026.yaml", Data: []byte(calendarYAML)},
		{Path: "records/assess/schemes/2026.yaml", Data: []byte(scheme)},
		{Path: "records/assess/" + q + ".yaml", Data: []byte(sheets.String())},
	}
}

// run decodes the fixture and computes it; any mistake fails the test.
func (w world) run(t *testing.T) []*Result {
	t.Helper()
	rs, errs := compute(t, w.files())
	if len(errs) > 0 {
		t.Fatalf("records have mistakes:\n%v", errs)
	}
	return rs
}

func compute(t *testing.T, files []record.File) ([]*Result, diag.List) {
	t.Helper()
	set, errs := record.Decode(files)
	cal, more := calendar.New(set.Calendars)
	errs.Append(more)
	rs, more := Compute(set, cal)
	errs.Append(more)
	errs.Sort()
	return rs, errs
}

// person finds an assessee by id.
func person(t *testing.T, r *Result, id string) *Assessee {
	t.Helper()
	for _, a := range r.People {
		if a.Person.ID == id {
			return a
		}
	}
	t.Fatalf("no assessee %s in %s", id, r.Quarter)
	return nil
}

func scores(public, post, attendance, tasks string) string {
	return fmt.Sprintf("    scores:\n      - {item: public, score: %s}\n      - {item: post, score: %s}\n      - {item: attendance, score: %s}\n      - {item: tasks, score: %s}\n",
		public, post, attendance, tasks)
}
