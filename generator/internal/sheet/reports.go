package sheet

import (
	"fmt"
	"io"
	"sort"
	"strconv"

	"github.com/xuri/excelize/v2"

	"gongshi/generator/internal/diag"
	"gongshi/generator/internal/record"
	"gongshi/generator/internal/safety"
)

// The monthly safety-report register (安全生产月报收文登记) of one month:
// one row per unit that owes a report, where the clerk writes the day it
// came in and the stationed cadre who signed it. Rows left without a date
// are reports not received.

// ReportsTemplate is what a month's register workbook is made from.
type ReportsTemplate struct {
	Township string
	Set      *record.Set
	Month    record.Month
}

const reportsSheet = "月报"

// Columns of the 月报 sheet.
const (
	rpNo, rpUnitID, rpUnit, rpDue, rpReceived, rpCadre, rpNote = 1, 2, 3, 4, 5, 6, 7
)

// reportRow is one unit's row.
type reportRow struct {
	unit   *record.Unit
	report *record.MonthlyReport
}

func (t *ReportsTemplate) rows() []reportRow {
	got := map[string]*record.MonthlyReport{}
	var order []string
	for _, r := range t.Set.Safety.Reports {
		if r.Month == t.Month {
			if _, dup := got[r.Unit]; !dup {
				order = append(order, r.Unit)
			}
			got[r.Unit] = r
		}
	}
	var rows []reportRow
	listed := map[string]bool{}
	for _, u := range safety.ReportingUnits(t.Set, t.Month) {
		rows = append(rows, reportRow{unit: u, report: got[u.ID]})
		listed[u.ID] = true
	}
	for _, id := range order { // reports of units the rule does not name: kept, so the checker can say so
		if u := t.Set.Unit(id); u != nil && !listed[id] {
			rows = append(rows, reportRow{unit: u, report: got[id]})
		}
	}
	return rows
}

// Write writes the workbook.
func (t *ReportsTemplate) Write(out io.Writer) error {
	st := t.Set.Safety.Settings
	if st == nil {
		return fmt.Errorf("sheet: no monthly-report rule (%s/safety/settings.yaml) to make a register from", record.Dir)
	}
	w := newWorkbook()
	people := newRoll(t.Set)
	rows := t.rows()
	m := t.Month.String()
	w.addSheet(reportsSheet)
	w.title(reportsSheet, rpNote, t.Township+t.Month.Chinese()+"安全生产月报收文登记", tag{"reports", m, "reports"},
		fmt.Sprintf("灰色单元格不要改动。收到月报的，填收到日期和签字的驻村（驻点）干部；没收到的整行留空。%s", st.Reports.Basis))
	w.header(reportsSheet, []string{"序号", "编号", "报送单位", "截止日期", "收到日期\n收到月报的日期", "签字干部\n从下拉列表选择", "备注"})
	due := st.Reports.Due(t.Month)
	for i, r := range rows {
		row := firstRow + i
		w.number(reportsSheet, row, rpNo, strconv.Itoa(i+1), stFixedN)
		w.text(reportsSheet, row, rpUnitID, r.unit.ID, stFixed)
		w.text(reportsSheet, row, rpUnit, r.unit.Name, stFixed)
		w.date(reportsSheet, row, rpDue, due, stFixedD)
		var rep record.MonthlyReport
		if r.report != nil {
			rep = *r.report
		}
		w.date(reportsSheet, row, rpReceived, rep.Received, stDate)
		if rep.Cadre != "" {
			w.text(reportsSheet, row, rpCadre, people.name(rep.Cadre), stInput)
		} else {
			w.styleCell(reportsSheet, row, rpCadre, stInput)
		}
		w.text(reportsSheet, row, rpNote, rep.Note, stInput)
	}
	last := firstRow + len(rows) - 1
	w.validate(reportsSheet, rpReceived, firstRow, last, atLeast(strconv.Itoa(serialOf(t.Month.First())), excelize.DataValidationTypeDate),
		"收到日期", fmt.Sprintf("收到月报的日期，不早于 %s；截止日期（含）前收到的为按时。", t.Month.First()))
	w.validate(reportsSheet, rpCadre, firstRow, last, listFrom(optionsSheet, 1, len(t.Set.People)), "签字干部", "从下拉列表选择签字的驻村（驻点）干部。")
	w.fit(reportsSheet, rpCadre, "签字干部（zhang-wei）")
	w.fit(reportsSheet, rpNote, "寒假期间延迟报送")

	w.addSheet(optionsSheet)
	for i, p := range t.Set.People {
		w.text(optionsSheet, i+1, 1, people.name(p.ID), stFixed)
	}
	w.do(func() error { return w.f.SetSheetVisible(optionsSheet, false) })
	return w.finish(out, map[string][2]int{reportsSheet: {headRow, rpUnit}},
		map[string]excelize.SheetProtectionOptions{reportsSheet: entryProtection, optionsSheet: readOnly})
}

// reportsImport turns a register into the year's reports file.
type reportsImport struct {
	assessImport // the cell readers
}

func importReports(b *Book, parts map[string]*Sheet, rs Records, period string) (*Plan, diag.List) {
	im := &reportsImport{assessImport{book: b, rs: rs, people: newRoll(rs.Set), cells: map[string]diag.Pos{}, bad: map[diag.Pos]bool{}}}
	month, err := record.ParseMonth(period)
	s := parts["reports"]
	if err != nil || s == nil {
		im.errs.Add(diag.Pos{File: b.Name}, "expected a register of one month's reports, found a template tagged %q", period)
		return nil, im.errs
	}
	file := fmt.Sprintf("%s/safety/reports/%d.yaml", record.Dir, month.Year)
	var kept []record.MonthlyReport // the file's reports, in order
	for _, r := range rs.Set.Safety.Reports {
		switch {
		case r.Pos.File == file:
			kept = append(kept, *r)
		case r.Month == month:
			im.errs.Add(r.Pos, "expected the reports of %s in %s, where the register writes them, found one here; 把本月的月报移到 %s", month, file, file)
		}
	}

	// The month's reports, in the register's order.
	var fresh []record.MonthlyReport
	var freshAt []map[string]diag.Pos
	seen := map[string]int{}
	for row := firstRow; row <= len(s.Rows); row++ {
		idText, name := readText(s.Cell(row, rpUnitID)), readText(s.Cell(row, rpUnit))
		received, cadre, note := s.Cell(row, rpReceived), s.Cell(row, rpCadre), s.Cell(row, rpNote)
		if readText(received) == "" && readText(cadre) == "" && readText(note) == "" {
			continue // not received
		}
		r := record.MonthlyReport{Month: month}
		ok := true
		switch u := rs.Set.Unit(idText); {
		case u != nil:
			r.Unit = u.ID
		case idText == "" && name != "":
			for _, cand := range rs.Set.Units {
				if cand.Name == name {
					r.Unit = cand.ID
				}
			}
		}
		if r.Unit == "" {
			im.problem(s, row, rpUnit, &problem{want: "a unit of the records", hint: "编号、单位两列不要改动"}, firstOf(idText, name))
			ok = false
		} else if first, dup := seen[r.Unit]; dup {
			im.errs.Add(s.Pos(row, rpUnit), "expected one row per unit, found a second for %s (first in row %d)", name, first)
			ok = false
		} else {
			seen[r.Unit] = row
		}
		if readText(received) == "" {
			im.problem(s, row, rpReceived, &problem{want: "the day the report was received", hint: "没收到的月报整行留空"}, received)
			ok = false
		} else if d, p := readDate(received, b.date1904); p != nil {
			im.problem(s, row, rpReceived, p, received)
			ok = false
		} else {
			r.Received = d
		}
		if readText(cadre) == "" {
			im.problem(s, row, rpCadre, &problem{want: "the cadre who signed the report", hint: "请从下拉列表选择签字干部"}, cadre)
			ok = false
		} else if id, p := im.people.find(cadre); p != nil {
			im.problem(s, row, rpCadre, p, cadre)
			ok = false
		} else {
			r.Cadre = id
		}
		r.Note = im.text(s, row, rpNote, "备注")
		if !ok {
			continue
		}
		fresh = append(fresh, r)
		freshAt = append(freshAt, map[string]diag.Pos{
			"unit": s.Pos(row, rpUnit), "month": s.Pos(row, rpUnit), "received": s.Pos(row, rpReceived),
			"cadre": s.Pos(row, rpCadre), "note": s.Pos(row, rpNote),
		})
	}

	// Reports already in the file keep their order; those new to it follow
	// in the register's, so that a register imported unchanged changes
	// nothing.
	was := map[string]int{}
	for _, r := range kept {
		if r.Month == month {
			was[r.Unit] = len(was)
		}
	}
	order := make([]int, len(fresh))
	for i := range fresh {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool {
		ra, oka := was[fresh[order[a]].Unit]
		rb, okb := was[fresh[order[b]].Unit]
		switch {
		case oka && okb:
			return ra < rb
		default:
			return oka && !okb
		}
	})
	sorted, sortedAt := make([]record.MonthlyReport, len(fresh)), make([]map[string]diag.Pos, len(fresh))
	for i, j := range order {
		sorted[i], sortedAt[i] = fresh[j], freshAt[j]
	}
	fresh, freshAt = sorted, sortedAt

	// The month's old reports give way to the register's, where they stood;
	// a month not yet in the file goes where its order puts it.
	var all []record.MonthlyReport
	var allAt []map[string]diag.Pos
	placed := false
	place := func() {
		if !placed {
			all = append(all, fresh...)
			allAt = append(allAt, freshAt...)
			placed = true
		}
	}
	for _, r := range kept {
		switch {
		case r.Month == month:
			place()
			continue
		case r.Month.Compare(month) > 0:
			place()
		}
		all = append(all, r)
		allAt = append(allAt, nil)
	}
	place()

	old, _ := rs.File(file)
	w := newYAMLWriter()
	w.header(headerOf(old, file, rs.SchemaDir, "safety-reports", fmt.Sprintf("%d年安全生产月报收文登记：报送单位、月份、收到日期、签字的驻村（驻点）干部。", month.Year)))
	w.open(0, false, "reports", s.Pos(0, 0))
	var prev record.Month
	for i, r := range all {
		if r.Month != prev {
			name := fmt.Sprintf("%d月月报", r.Month.Month)
			if r.Month.Year != month.Year {
				name = r.Month.Chinese() + "月报"
			}
			w.raw("  # " + name)
			prev = r.Month
		}
		at := allAt[i]
		kvs := []flowKV{
			{key: "unit", value: r.Unit, at: at["unit"]},
			{key: "month", value: r.Month.String(), plain: true, at: at["month"]},
			{key: "received", value: r.Received.String(), plain: true, at: at["received"]},
			{key: "cadre", value: r.Cadre, at: at["cadre"]},
		}
		if r.Note != "" {
			kvs = append(kvs, flowKV{key: "note", value: r.Note, at: at["note"]})
		}
		w.flow(2, kvs)
	}
	p := &Edit{Path: file, Data: w.b.Bytes(), Old: old, w: w, byKeys: true, labels: map[string]string{}}
	keyOf := func(r record.MonthlyReport) string {
		k := r.Unit + " " + r.Month.String()
		name := r.Unit
		if u := rs.Set.Unit(r.Unit); u != nil {
			name = u.Name
		}
		p.labels[k] = name + " " + r.Month.Chinese()
		return k
	}
	for _, r := range kept {
		p.oldKeys = append(p.oldKeys, keyOf(r))
	}
	for _, r := range all {
		p.newKeys = append(p.newKeys, keyOf(r))
	}
	return &Plan{Edits: []*Edit{p}, book: b.Name, bad: im.bad}, im.errs
}
