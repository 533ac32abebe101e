package targets

import (
	"fmt"
	"sort"
	"strings"
	"testing"

	"gongshi/generator/internal/assess"
	"gongshi/generator/internal/calendar"
	"gongshi/generator/internal/diag"
	"gongshi/generator/internal/record"
	"gongshi/generator/internal/safety"
)

// The fixture: a township with n staff p01…pNN (公务员, post ganbu) assessed
// in the four quarters of 2025 with decided scores, three villages with
// their safety objects (p01 is 包村领导 and p02 驻村干部 of 河西村), the
// 2025 target scheme ranking the villages together, and the 2025 grades
// record: mean of quarterly totals, 15% quota, a quarter 不合格 bars 优秀,
// ties by mean base then the lowest quarter.

const townshipYAML = `name: 朝天镇
organ: 朝天镇人民政府
address: 青江县朝天镇正街1号
objection:
  office: 党政综合办公室
  address: 朝天镇人民政府二楼
  phone: 0736-6621234
publicity:
  working_days: 5
`

const unitsYAML = `units:
  - {id: zhengfu, name: 朝天镇人民政府, type: 机关}
  - {id: hexi, name: 河西村村民委员会, type: 村委会}
  - {id: qingshan, name: 青山村村民委员会, type: 村委会}
  - {id: baisha, name: 白沙村村民委员会, type: 村委会}
  - {id: wsy, name: 朝天镇卫生院, type: 卫生院}
`

const postsYAML = `posts:
  - {id: shuji, title: 党委书记, unit: zhengfu, rank: 主要领导}
  - {id: ganbu, title: 干事, unit: zhengfu, rank: 一般干部, seats: 100}
`

const calendarYAML = `year: %d
source: 国务院办公厅关于%d年部分节假日安排的通知
holidays:
  - {name: 元旦, from: %d-01-01, to: %d-01-01}
`

const assessSchemeYAML = `id: "2025"
title: 朝天镇机关工作人员季度绩效考核办法
from: 2025-01-01
group: 镇绩效考核领导小组
scope:
  staff: [公务员]
  ranks: [一般干部]
monthly: 500
point_value: 15
pass_mark: 80
bonus_cap: 20
items:
  - {code: public, name: 公共职责, max: 30}
  - {code: post, name: 岗位职责, max: 40}
  - {code: attendance, name: 出勤, max: 10}
  - {code: tasks, name: 领导交办工作, max: 20}
notice: "{{.季度}}考核{{.考核人数}}人。"
`

const safetyYAML = `categories:
  - id: village
    name: 村（社区）
    roles:
      - name: 包村领导
      - name: 驻村干部
`

const objectsYAML = `objects:
  - id: hexi-cun
    name: 河西村
    category: village
    unit: hexi
    location: 河西村
    roles:
      包村领导: {person: p01}
      驻村干部: {person: p02}
  - id: qingshan-cun
    name: 青山村
    category: village
    unit: qingshan
    location: 青山村
    roles:
      包村领导: {person: p03}
      驻村干部: {person: p04}
`

const targetSchemeYAML = `year: 2025
title: 朝天镇2025年度目标管理责任考核办法
group: 镇目标管理考核领导小组
groups:
  - name: 村（社区）
    units: [hexi, qingshan, baisha]
  - name: 卫生院
    units: [wsy]
grades:
  - {name: 优秀, min: 90}
  - {name: 合格, min: 60}
  - {name: 不合格, min: 0}
veto:
  level: 一般
  casualties: true
  basis: 第十二条
issued: 2026-01-20
number: 朝政公〔2026〕2号
notice: 现将2025年度目标考核结果予以公示。
`

const gradesYAML = `year: 2025
title: 朝天镇机关工作人员2025年度考核
basis: 公务员考核规定
committee: 朝天镇公务员年度考核委员会
excellent:
  quota: 15
  quota_basis: 县委组织部通知
  all_qualified: true
  ties: [基础分, 最低季度]
competent: 80
basic: 70
review: 不服的可以申请复核。
`

// village is a targets file for a village with two indicators: a rate
// (weight 60, linear from 85% to 95%) and accidents (weight 40, at most 0).
func village(id, num, den, accidents string) string {
	return fmt.Sprintf(`unit: %s
year: 2025
reported: 2026-01-08
indicators:
  - code: V01
    name: 医保参保率
    kind: 比率
    numerator_name: 参保人数
    denominator_name: 应参保人数
    op: 不低于
    target: 95
    weight: 60
    scoring: 比例
    floor: 85
    evidence: 医保局统计表
    numerator: %s
    denominator: %s
  - code: V02
    name: 生产安全事故
    kind: 数量
    unit: 起
    op: 不高于
    target: 0
    weight: 40
    evidence: 事故台账
    value: %s
`, id, num, den, accidents)
}

const healthYAML = `unit: wsy
year: 2025
reported: 2026-01-06
indicators:
  - code: W01
    name: 65岁以上老年人健康管理率
    kind: 比率
    numerator_name: 体检人数
    denominator_name: 65岁以上老年人数
    op: 不低于
    target: 80
    weight: 100
    scoring: 比例
    floor: 60
    evidence: 基本公卫年报
    numerator: 688
    denominator: 729
`

// world describes a fixture; empty fields take the defaults above.
type world struct {
	staff     int
	scores    map[string][4]string // person → per quarter "base" or "base+bonus"; default 90 (p24–p26: 95, 94, 93)
	files     map[string]string    // more files or replacements, by path
	accidents string               // the accidents file; none by default
	previous  string               // the 2024 grades record, if any
}

func (w world) recordFiles() []record.File {
	files := map[string]string{
		"records/township.yaml":                townshipYAML,
		"records/units/units.yaml":             unitsYAML,
		"records/posts/posts.yaml":             postsYAML,
		"records/calendar/2025.yaml":           fmt.Sprintf(calendarYAML, 2025, 2025, 2025, 2025),
		"records/calendar/2026.yaml":           fmt.Sprintf(calendarYAML, 2026, 2026, 2026, 2026),
		"records/assess/schemes/2025.yaml":     assessSchemeYAML,
		"records/safety/categories.yaml":       safetyYAML,
		"records/safety/objects/villages.yaml": objectsYAML,
		"records/targets/schemes/2025.yaml":    targetSchemeYAML,
		"records/targets/2025/hexi.yaml":       village("hexi", "2311", "2398", "0"),
		"records/targets/2025/qingshan.yaml":   village("qingshan", "1900", "2000", "0"),
		"records/targets/2025/baisha.yaml":     village("baisha", "1750", "2000", "0"),
		"records/targets/2025/wsy.yaml":        healthYAML,
		"records/targets/grades/2025.yaml":     gradesYAML,
	}
	var people strings.Builder
	people.WriteString("people:\n  - {id: boss, name: 书记, unit: zhengfu, staff: 公务员, posts: [{post: shuji, from: 2020-01-01}]}\n")
	for i := 1; i <= w.staff; i++ {
		fmt.Fprintf(&people, "  - {id: p%02d, name: 人员%02d, unit: zhengfu, staff: 公务员, posts: [{post: ganbu, from: 2020-01-01}]}\n", i, i)
	}
	files["records/people/people.yaml"] = people.String()
	for q := 1; q <= 4; q++ {
		var b strings.Builder
		fmt.Fprintf(&b, "quarter: 2025-Q%d\nissued: %s\nnumber: 朝政公〔2025〕%d号\ndecided_by: 镇绩效考核领导小组\nsheets:\n", q, []string{"", "2025-04-08", "2025-07-08", "2025-10-15", "2026-01-08"}[q], q)
		for i := 1; i <= w.staff; i++ {
			id := fmt.Sprintf("p%02d", i)
			s := map[int]string{24: "95", 25: "94", 26: "93"}[i]
			if s == "" {
				s = "90"
			}
			if sc, ok := w.scores[id]; ok && sc[q-1] != "" {
				s = sc[q-1]
			}
			base, bonus, _ := strings.Cut(s, "+")
			fmt.Fprintf(&b, "  - person: %s\n    scores:\n      - {item: post, score: %s}\n", id, postScore(base))
			if bonus != "" {
				fmt.Fprintf(&b, "      - {item: bonus, score: %s}\n", bonus)
			}
		}
		files[fmt.Sprintf("records/assess/2025-Q%d.yaml", q)] = b.String()
	}
	if w.accidents != "" {
		files["records/safety/accidents/2025.yaml"] = w.accidents
	}
	if w.previous != "" {
		files["records/targets/grades/2024.yaml"] = w.previous
	}
	for p, s := range w.files {
		if s == "" {
			delete(files, p)
			continue
		}
		files[p] = s
	}
	paths := make([]string, 0, len(files))
	for p := range files {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	var out []record.File
	for _, p := range paths {
		out = append(out, record.File{Path: p, Data: []byte(files[p])})
	}
	return out
}

// postScore is the post item's score (max 40) that makes the base score b
// when the other items are full (60).
func postScore(b string) string {
	var whole, frac int
	n, _ := fmt.Sscanf(b, "%d.%d", &whole, &frac)
	if n == 2 {
		return fmt.Sprintf("%d.%d", whole-60, frac)
	}
	return fmt.Sprintf("%d", whole-60)
}

// compute decodes and works out the fixture, returning every mistake.
func (w world) compute(t *testing.T) (*Result, diag.List) {
	t.Helper()
	return computeFiles(t, w.recordFiles())
}

func computeFiles(t *testing.T, files []record.File) (*Result, diag.List) {
	t.Helper()
	set, errs := record.Decode(files)
	cal, more := calendar.New(set.Calendars)
	errs.Append(more)
	as, more := assess.Compute(set, cal)
	errs.Append(more)
	sr := safety.Compute(set, record.MustDate("2026-11-20"))
	r, more := Compute(set, cal, as, sr)
	errs.Append(more)
	errs.Sort()
	return r, errs
}

// run computes the fixture; any mistake fails the test.
func (w world) run(t *testing.T) *Result {
	t.Helper()
	r, errs := w.compute(t)
	if len(errs) > 0 {
		t.Fatalf("records have mistakes:\n%v", errs)
	}
	return r
}

func unitOf(t *testing.T, y *Year, id string) *Unit {
	t.Helper()
	for _, g := range y.Groups {
		for _, u := range g.Units {
			if u.Unit.ID == id {
				return u
			}
		}
	}
	t.Fatalf("no unit %s in %d", id, y.Year)
	return nil
}

func gradedOf(t *testing.T, g *Grades, id string) *Graded {
	t.Helper()
	for _, p := range g.People {
		if p.Person.ID == id {
			return p
		}
	}
	t.Fatalf("no one graded %s in %d", id, g.Year)
	return nil
}
