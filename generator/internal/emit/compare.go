package emit

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"gongshi/generator/internal/changelog"
	"gongshi/generator/internal/record"
)

// What tells two versions of a notice apart, as the notice publishes it:
// its results as rows of named cells (a person's scores and pay, a unit's
// figures, rank and grade), its summary figures and its wording. The
// effect of a change on a notice (罗斌：基础分91→93，绩效工资1,365.00→
// 1,395.00元) and the pages comparing two versions are both made from the
// difference of two such tables, read from the versions' own pages: what
// each version published, not the records.

// cell is one published value of a row, with its column's name.
type cell struct {
	Label string `json:"label"`
	Value string `json:"value"`
	Unit  string `json:"unit,omitempty"` // 元, shown after the value in words
}

// tableRow is one row of a notice's results: a person or a unit.
type tableRow struct {
	Key   string // person or unit id
	Name  string
	Cells []cell
	// File, when set, is the record file whose changes are this row's
	// (a unit's targets); otherwise a change is the row's when its list
	// item is the row's person (a score sheet).
	File string
}

// noticeTable is what a notice publishes, for comparing versions.
type noticeTable struct {
	Rows    []tableRow
	Summary []cell
	Text    []string
}

// tableOf reads the published table of a notice page from its params'
// JSON (b: as emitted or as kept between builds, see content); ok is
// false for a page that is not a notice of results.
func tableOf(b []byte) (*noticeTable, bool) {
	var probe struct {
		Notice struct {
			Layout string   `json:"layout"`
			Text   []string `json:"text"`
		} `json:"notice"`
	}
	if json.Unmarshal(b, &probe) != nil {
		return nil, false
	}
	t := &noticeTable{Text: probe.Notice.Text}
	switch probe.Notice.Layout {
	case "assess":
		var a assessNotice
		if json.Unmarshal(b, &a) != nil {
			return nil, false
		}
		for _, r := range a.Rows {
			row := tableRow{Key: r.Person.ID, Name: r.Person.Name}
			row.add("岗位", r.Posts, "")
			for i, c := range a.Columns {
				if i < len(r.Scores) {
					row.add(c.Name, r.Scores[i], "")
				}
			}
			row.add("基础分", r.Base, "")
			row.add("加分", r.Bonus, "")
			row.add("总分", r.Total, "")
			row.add("结果", map[bool]string{true: "合格", false: "不合格"}[r.Qualified], "")
			row.add("计入月数", strconv.Itoa(r.Months), "")
			row.add("绩效工资", r.Pay, "元")
			row.add("应发", r.Due, "元")
			t.Rows = append(t.Rows, row)
		}
		s := a.Summary
		t.Summary = []cell{{"参加考核", strconv.Itoa(s.Assessed), "人"}, {"合格", strconv.Itoa(s.Qualified), "人"},
			{"不合格", strconv.Itoa(s.Unqualified), "人"}, {"绩效资金总额", s.Pool, "元"}, {"发放总额", s.Paid, "元"},
			{"结余", s.Balance, "元"}, {"人均", s.Mean, "元"}, {"最高", s.Highest, "元"}, {"最低", s.Lowest, "元"}}
	case "targets":
		var n targetsNotice
		if json.Unmarshal(b, &n) != nil {
			return nil, false
		}
		for _, g := range n.Groups {
			for _, r := range g.Rows {
				row := tableRow{Key: r.Unit.ID, Name: r.Unit.Name, File: fmt.Sprintf("%s/targets/%d/%s.yaml", record.Dir, n.Year, r.Unit.ID)}
				for i, c := range g.Columns {
					if i >= len(r.Cells) {
						break
					}
					switch x := r.Cells[i]; {
					case x.None:
					case x.Shown == "":
						row.add(c.Name, "未报", "")
					default:
						row.add(c.Name, x.Shown, "")
						row.add(c.Name+"得分", x.Points, "")
					}
				}
				row.add("总分", r.Score, "")
				if r.Rank > 0 {
					row.add("名次", strconv.Itoa(r.Rank), "")
				}
				grade := r.Grade
				if len(r.Vetoes) > 0 {
					grade = "一票否决"
				}
				row.add("等次", grade, "")
				t.Rows = append(t.Rows, row)
			}
		}
	case "grades":
		var n gradesNotice
		if json.Unmarshal(b, &n) != nil {
			return nil, false
		}
		for _, r := range n.Rows {
			row := tableRow{Key: r.Person.ID, Name: r.Person.Name}
			row.add("岗位", r.Posts, "")
			row.add("等次", r.Grade, "")
			row.add("年度得分", r.Score, "")
			row.add("名次", strconv.Itoa(r.Position), "")
			for i, q := range n.Quarters {
				if i < len(r.Quarters) {
					row.add(q.Name, r.Quarters[i], "")
				}
			}
			row.add("说明", strings.Join(r.Notes, "；"), "")
			t.Rows = append(t.Rows, row)
		}
		for _, c := range n.Counts {
			t.Summary = append(t.Summary, cell{c.Grade, strconv.Itoa(c.Count), "人"})
		}
	default:
		return nil, false
	}
	return t, true
}

func (r *tableRow) add(label, value, unit string) {
	if value == "" && unit != "" {
		return // an amount not shown (no due before scaling)
	}
	r.Cells = append(r.Cells, cell{label, value, unit})
}

// cellChange is one published value that differs between two versions.
type cellChange struct {
	Label string `json:"label"`
	Old   string `json:"old"`
	New   string `json:"new"`
	Unit  string `json:"unit,omitempty"`
}

// rowChange is a row that differs: its cells that differ, or the whole
// row added or removed.
type rowChange struct {
	Key   string       `json:"key"`
	Name  string       `json:"name"`
	Op    string       `json:"op"` // 修改, 新增, 删去
	Cells []cellChange `json:"cells,omitempty"`
	file  string
}

// tableDiff is what differs between two versions of a notice.
type tableDiff struct {
	Rows    []rowChange  `json:"rows,omitempty"`
	Summary []cellChange `json:"summary,omitempty"`
	// Text holds the wording's paragraphs, old and new, when it differs.
	Text *textChange `json:"text,omitempty"`
}

type textChange struct {
	Old []string `json:"old"`
	New []string `json:"new"`
}

func (d *tableDiff) empty() bool { return len(d.Rows) == 0 && len(d.Summary) == 0 && d.Text == nil }

// diffTables returns what differs from old to new: rows in new's order,
// then the rows old had and new has not.
func diffTables(old, new *noticeTable) tableDiff {
	var d tableDiff
	before := map[string]*tableRow{}
	for i := range old.Rows {
		before[old.Rows[i].Key] = &old.Rows[i]
	}
	seen := map[string]bool{}
	for i := range new.Rows {
		r := &new.Rows[i]
		seen[r.Key] = true
		o := before[r.Key]
		if o == nil {
			d.Rows = append(d.Rows, rowChange{Key: r.Key, Name: r.Name, Op: "新增", file: r.File})
			continue
		}
		if cs := diffCells(o.Cells, r.Cells); len(cs) > 0 {
			d.Rows = append(d.Rows, rowChange{Key: r.Key, Name: r.Name, Op: "修改", Cells: cs, file: r.File})
		}
	}
	for _, o := range old.Rows {
		if !seen[o.Key] {
			d.Rows = append(d.Rows, rowChange{Key: o.Key, Name: o.Name, Op: "删去", file: o.File})
		}
	}
	d.Summary = diffCells(old.Summary, new.Summary)
	if strings.Join(old.Text, "\n") != strings.Join(new.Text, "\n") {
		d.Text = &textChange{Old: old.Text, New: new.Text}
	}
	return d
}

// diffCells compares cells by label, in new's order.
func diffCells(old, new []cell) []cellChange {
	was := map[string]cell{}
	for _, c := range old {
		was[c.Label] = c
	}
	var out []cellChange
	seen := map[string]bool{}
	for _, c := range new {
		seen[c.Label] = true
		if o, ok := was[c.Label]; !ok || o.Value != c.Value {
			out = append(out, cellChange{Label: c.Label, Old: was[c.Label].Value, New: c.Value, Unit: c.Unit})
		}
	}
	for _, o := range old {
		if !seen[o.Label] {
			out = append(out, cellChange{Label: o.Label, Old: o.Value, Unit: o.Unit})
		}
	}
	return out
}

// effects says what a change did to what a notice publishes, one line a
// row: the row's record changes (from changes, the commit's), then its
// published values before and after: 罗斌：无故缺勤次数由2改为1；基础分
// 91→93，绩效工资1,365.00→1,395.00元.
func effects(d tableDiff, changes []changelog.Change) []string {
	var out []string
	for _, r := range d.Rows {
		switch r.Op {
		case "新增":
			out = append(out, "新增"+r.Name)
			continue
		case "删去":
			out = append(out, "删去"+r.Name)
			continue
		}
		var causes []string
		for _, c := range changes {
			if cause, ok := causeOf(c, r); ok {
				causes = append(causes, cause)
			}
		}
		line := r.Name + "："
		if len(causes) > 0 {
			line += strings.Join(causes, "，") + "；"
		}
		out = append(out, line+cellWords(r.Cells))
	}
	if len(d.Summary) > 0 {
		out = append(out, "汇总："+cellWords(d.Summary))
	}
	if d.Text != nil {
		out = append(out, "公示正文有改动")
	}
	return out
}

func cellWords(cs []cellChange) string {
	var parts []string
	for _, c := range cs {
		parts = append(parts, c.Label+orDash(c.Old)+"→"+orDash(c.New)+c.Unit)
	}
	return strings.Join(parts, "，")
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

// causeOf says a record change in the row's own terms, when it is the
// row's: "无故缺勤次数由2改为1", "公共职责得分由28改为27".
func causeOf(c changelog.Change, r rowChange) (string, bool) {
	if r.file != "" {
		if c.File != r.file {
			return "", false
		}
	} else if len(c.Items) == 0 || c.Items[0] != r.Key {
		return "", false
	}
	path := c.Path
	for i, p := range path {
		if p == r.Name {
			path = path[i+1:]
			break
		}
	}
	if len(path) > 2 {
		path = path[1:] // the list's title: 计分记录, 考核指标
	}
	if len(path) == 0 {
		return "", false
	}
	return strings.Join(path, "") + c.Words(), true
}
