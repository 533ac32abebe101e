package sheet

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"gongshi/generator/internal/assess"
	"gongshi/generator/internal/diag"
	"gongshi/generator/internal/record"
)

// The quarterly score workbook (绩效考核评分), one sheet per part:
//
//	评分      one row per person in scope: the items' scores decided by the
//	          assessment group (blank: computed from the events), who
//	          decided and on what basis, a note, and per indicator the
//	          number of events recorded (a formula, for the clerk's eye)
//	考核办法  the scheme's rules, read only
//	计分记录  one row per event: person, indicator, date, count, evidence
//	公示      the posting date, the notice's number, who decided
//	选项      (hidden) the lists the drop-downs offer
//
// What the workbook does not show is kept from the quarter's file when it
// is imported again: the leave periods (their reasons are private and do
// not travel in spreadsheets), the notes of decided scores and the
// notice's result.

// AssessTemplate is what a quarter's score workbook is made from.
type AssessTemplate struct {
	Township string // 朝天镇
	Set      *record.Set
	Roster   *assess.Roster
	Existing *record.AssessQuarter // prefilled when the quarter has a score file; nil for a new quarter
}

const (
	scoresSheet  = "评分"
	rulesSheet   = "考核办法"
	eventsSheet  = "计分记录"
	noticeSheet  = "公示"
	optionsSheet = "选项"
)

// Columns of the 评分 sheet before the items, and of the 计分记录 sheet.
const (
	colNo, colID, colName, colPosts = 1, 2, 3, 4
	firstItemCol                    = 5

	evPerson, evIndicator, evDate, evCount, evEvidence, evNote = 1, 2, 3, 4, 5, 6
)

// spareRows are the empty rows of a list sheet that carry drop-downs and
// checks, for entries still to come.
const spareRows = 300

// scoreColumns are the input columns of the 评分 sheet after the items.
type scoreColumns struct {
	items      []assess.Item // with the bonus last, when the scheme has one
	by, basis  int
	note       int
	firstTally int
}

func (t *AssessTemplate) columns() scoreColumns {
	c := scoreColumns{items: append([]assess.Item(nil), t.Roster.Items...)}
	if t.Roster.Bonus.Max.IsPositive() {
		c.items = append(c.items, t.Roster.Bonus)
	}
	c.by = firstItemCol + len(c.items)
	c.basis = c.by + 1
	c.note = c.basis + 1
	c.firstTally = c.note + 1
	return c
}

// assessRow is one person's row of the 评分 sheet.
type assessRow struct {
	id     string
	posts  string
	sheet  *record.AssessSheet // nil for a person without a sheet yet
	member bool                // in the roster
}

// rows lists the people in the order of the quarter's file, then those in
// scope who have no sheet yet in the roster's order: a workbook of an
// existing quarter imported unchanged writes the same file.
func (t *AssessTemplate) rows() []assessRow {
	posts := map[string]string{}
	for _, m := range t.Roster.People {
		posts[m.Person.ID] = strings.Join(m.Posts, "、")
	}
	var rows []assessRow
	seen := map[string]bool{}
	if t.Existing != nil {
		for i := range t.Existing.Sheets {
			s := &t.Existing.Sheets[i]
			if s.Person == "" || seen[s.Person] {
				continue
			}
			seen[s.Person] = true
			_, member := posts[s.Person]
			rows = append(rows, assessRow{id: s.Person, posts: posts[s.Person], sheet: s, member: member})
		}
	}
	for _, m := range t.Roster.People {
		if !seen[m.Person.ID] {
			rows = append(rows, assessRow{id: m.Person.ID, posts: posts[m.Person.ID], member: true})
		}
	}
	return rows
}

func indicatorLabel(ind *record.AssessIndicator) string { return ind.Code + " " + ind.Name }

func (t *AssessTemplate) title(part string) string {
	return t.Township + t.Roster.Quarter.Chinese() + "绩效考核" + " · " + part
}

// Write writes the workbook.
func (t *AssessTemplate) Write(out io.Writer) error {
	w := newWorkbook()
	q := t.Roster.Quarter.String()
	people := newRoll(t.Set)
	rows := t.rows()
	cols := t.columns()

	// 评分
	w.addSheet(scoresSheet)
	heads := []string{"序号", "编号", "姓名", "岗位"}
	for _, it := range cols.items {
		heads = append(heads, fmt.Sprintf("%s\n评定分 0–%s", it.Name, it.Max))
	}
	heads = append(heads, "评定人\n空着为本季度评定人", "评定依据\n会议纪要、评议表编号", "备注")
	for _, ind := range t.Roster.Indicators {
		heads = append(heads, indicatorLabel(ind)+"\n次数（自动合计）")
	}
	w.title(scoresSheet, len(heads), t.title("评分"), tag{"assess", q, "scores"},
		"灰色单元格不要改动。评定分只在考核领导小组评定某一项时填写；空着的项目按“计分记录”从满分扣减，没有记录的为满分，同一项不能既有评定分又有计分记录。")
	w.header(scoresSheet, heads)
	for i, r := range rows {
		row := firstRow + i
		w.number(scoresSheet, row, colNo, strconv.Itoa(i+1), stFixedN)
		w.text(scoresSheet, row, colID, r.id, stFixed)
		w.text(scoresSheet, row, colName, people.name(r.id), stFixed)
		w.text(scoresSheet, row, colPosts, r.posts, stFixed)
		decided := map[string]*record.AssessScore{}
		var by, basis, note string
		if r.sheet != nil {
			for j := range r.sheet.Scores {
				sc := &r.sheet.Scores[j]
				decided[sc.Item] = sc
				by, basis = firstOf(by, sc.By), firstOf(basis, sc.Basis)
			}
			note = r.sheet.Note
		}
		for j, it := range cols.items {
			if sc := decided[it.Code]; sc != nil {
				w.number(scoresSheet, row, firstItemCol+j, sc.Score.String(), stNumber)
			} else {
				w.styleCell(scoresSheet, row, firstItemCol+j, stNumber)
			}
		}
		w.text(scoresSheet, row, cols.by, by, stInput)
		w.text(scoresSheet, row, cols.basis, basis, stInput)
		w.text(scoresSheet, row, cols.note, note, stInput)
		for j, ind := range t.Roster.Indicators {
			w.formula(scoresSheet, row, cols.firstTally+j, tally(row, ind.Code), stFixedN)
		}
	}
	// The tallies are for a glance: narrow columns, their headers wrapped.
	for j := range t.Roster.Indicators {
		w.widths[scoresSheet][cols.firstTally+j] = min(w.widths[scoresSheet][cols.firstTally+j], 12)
	}
	w.do(func() error { return w.f.SetRowHeight(scoresSheet, headRow, 62) })
	last := firstRow + len(rows) - 1
	for j, it := range cols.items {
		w.validate(scoresSheet, firstItemCol+j, firstRow, last, between("0", it.Max.String(), excelize.DataValidationTypeDecimal),
			it.Name, fmt.Sprintf("评定分 0–%s 分。空着的按计分记录从满分扣减。", it.Max))
	}

	// 考核办法
	t.writeRules(w)

	// 计分记录
	w.addSheet(eventsSheet)
	w.title(eventsSheet, 6, t.title("计分记录"), tag{"assess", q, "events"},
		"每一件扣分、加分的事写一行：姓名、量化指标从下拉列表选择，日期须在本季度内，须附佐证的写明佐证材料。整行空着的不计。")
	w.header(eventsSheet, []string{"姓名\n从下拉列表选择", "量化指标\n从下拉列表选择", "日期\n本季度内", "次数\n空着为 1，半天写 0.5", "佐证材料\n文号、考勤表、照片文件名", "说明"})
	row := firstRow
	for _, r := range rows {
		if r.sheet == nil {
			continue
		}
		for _, ev := range r.sheet.Events {
			w.text(eventsSheet, row, evPerson, people.name(r.id), stInput)
			label := ev.Indicator
			for _, ind := range t.Roster.Indicators {
				if ind.Code == ev.Indicator {
					label = indicatorLabel(ind)
				}
			}
			w.text(eventsSheet, row, evIndicator, label, stInput)
			w.date(eventsSheet, row, evDate, ev.Date, stDate)
			if !ev.Count.IsZero() {
				w.number(eventsSheet, row, evCount, ev.Count.String(), stNumber)
			} else {
				w.styleCell(eventsSheet, row, evCount, stNumber)
			}
			w.text(eventsSheet, row, evEvidence, ev.Evidence, stInput)
			w.text(eventsSheet, row, evNote, ev.Note, stInput)
			row++
		}
	}
	end := row + spareRows
	for r := row; r < end; r++ {
		for c, st := range []string{stInput, stInput, stDate, stNumber, stInput, stInput} {
			w.styleCell(eventsSheet, r, c+1, st)
		}
	}
	first, lastDay := t.Roster.Quarter.First(), t.Roster.Quarter.Last()
	w.validate(eventsSheet, evPerson, firstRow, end, listFrom(optionsSheet, 1, len(rows)), "姓名", "从下拉列表选择参加本季度考核的人员。")
	w.validate(eventsSheet, evIndicator, firstRow, end, listFrom(optionsSheet, 2, len(t.Roster.Indicators)), "量化指标", "从下拉列表选择考核办法中的量化指标。")
	w.validate(eventsSheet, evDate, firstRow, end, between(strconv.Itoa(serialOf(first)), strconv.Itoa(serialOf(lastDay)), excelize.DataValidationTypeDate),
		"日期", fmt.Sprintf("本季度内的日期：%s 至 %s。", first, lastDay))
	w.validate(eventsSheet, evCount, firstRow, end, atLeast("0", excelize.DataValidationTypeDecimal), "次数", "几天、几次或几件；空着为 1，半天写 0.5。")
	w.fit(eventsSheet, evPerson, "姓名（zhang-wei）")
	w.fit(eventsSheet, evIndicator, "K01 事假超过规定天数")
	w.fit(eventsSheet, evEvidence, "2026年1月考勤机记录")

	// 公示
	w.addSheet(noticeSheet)
	w.title(noticeSheet, 3, t.title("公示"), tag{"assess", q, "notice"}, "公示日期须在季度结束之后，公示期从这天起按工作日计算。")
	w.header(noticeSheet, []string{"项目", "内容", "说明"})
	var ex record.AssessQuarter
	if t.Existing != nil {
		ex = *t.Existing
	}
	w.text(noticeSheet, noticeQuarter, 1, "季度", stFixed)
	w.text(noticeSheet, noticeQuarter, 2, q, stFixed)
	w.text(noticeSheet, noticeQuarter, 3, t.Roster.Quarter.Chinese(), stFixed)
	w.text(noticeSheet, noticeIssued, 1, "公示日期", stFixed)
	w.date(noticeSheet, noticeIssued, 2, ex.Issued, stDate)
	w.text(noticeSheet, noticeIssued, 3, "公示张贴之日，须在 "+lastDay.String()+" 之后", stFixed)
	w.text(noticeSheet, noticeNumber, 1, "公示文号", stFixed)
	w.text(noticeSheet, noticeNumber, 2, ex.Number, stInput)
	w.text(noticeSheet, noticeNumber, 3, "如：朝政公〔2026〕6号", stFixed)
	w.text(noticeSheet, noticeDecidedBy, 1, "评定人", stFixed)
	w.text(noticeSheet, noticeDecidedBy, 2, ex.DecidedBy, stInput)
	w.text(noticeSheet, noticeDecidedBy, 3, "评定分没有单独写评定人的，都由此处的评定人评定，如：镇绩效考核领导小组（2026年4月1日会议）", stFixed)
	w.validate(noticeSheet, 2, noticeIssued, noticeIssued, atLeast(strconv.Itoa(serialOf(lastDay.AddDays(1))), excelize.DataValidationTypeDate),
		"公示日期", "季度结束之后的日期。")
	w.fit(noticeSheet, 2, "镇绩效考核领导小组（2026年4月1日会议）")

	// 选项
	w.addSheet(optionsSheet)
	for i, r := range rows {
		w.text(optionsSheet, i+1, 1, people.name(r.id), stFixed)
	}
	for i, ind := range t.Roster.Indicators {
		w.text(optionsSheet, i+1, 2, indicatorLabel(ind), stFixed)
	}
	w.do(func() error { return w.f.SetSheetVisible(optionsSheet, false) })
	full := true
	w.do(func() error { return w.f.SetCalcProps(&excelize.CalcPropsOptions{FullCalcOnLoad: &full}) })

	return w.finish(out,
		map[string][2]int{scoresSheet: {headRow, colName}, eventsSheet: {headRow, 0}},
		map[string]excelize.SheetProtectionOptions{
			scoresSheet: entryProtection, eventsSheet: listProtection, noticeSheet: entryProtection,
			rulesSheet: readOnly, optionsSheet: readOnly,
		})
}

// Rows of the 公示 sheet.
const (
	noticeQuarter = firstRow + iota
	noticeIssued
	noticeNumber
	noticeDecidedBy
)

// tally counts a person's events of one indicator on the 计分记录 sheet,
// a blank count counting 1: the indicator written as its code alone or
// as the drop-down's "code name".
func tally(row int, code string) string {
	sheet := "'" + eventsSheet + "'!"
	col := func(c int) string { n := diag.ColumnName(c); return sheet + "$" + n + ":$" + n }
	person := fmt.Sprintf("$%s%d", diag.ColumnName(colName), row)
	var terms []string
	for _, crit := range []string{`"` + code + `"`, `"` + code + ` *"`} {
		terms = append(terms,
			fmt.Sprintf("SUMIFS(%s,%s,%s,%s,%s)", col(evCount), col(evPerson), person, col(evIndicator), crit),
			fmt.Sprintf(`COUNTIFS(%s,%s,%s,%s,%s,"")`, col(evPerson), person, col(evIndicator), crit, col(evCount)))
	}
	return strings.Join(terms, "+")
}

// writeRules writes the scheme on a sheet of its own, for reference.
func (t *AssessTemplate) writeRules(w *workbook) {
	s := t.Roster.Scheme
	w.addSheet(rulesSheet)
	w.title(rulesSheet, 7, t.title("考核办法"), tag{"assess", t.Roster.Quarter.String(), "rules"},
		"本表只供查阅。考核办法以记录 records/assess/schemes/ 为准，修改办法请改记录，不要改本表。")
	row := headRow
	kv := func(k, v string) {
		w.text(rulesSheet, row, 1, k, stHead)
		w.text(rulesSheet, row, 2, v, stWrap)
		row++
	}
	kv("考核办法", s.Title)
	if s.Basis != "" {
		kv("印发文号", s.Basis)
	}
	kv("施行日期", s.From.String())
	kv("考核机构", s.Group)
	kv("每人每月绩效资金", s.Monthly.String()+" 元")
	kv("每分金额", s.PointValue.String()+" 元")
	passOn := "基础分（不含加分）"
	if s.PassOn == "total" {
		passOn = "总分（含加分）"
	}
	kv("合格分数线", s.PassMark.String()+" 分，按"+passOn+"比较；低于此分不合格，不发绩效工资")
	if s.BonusCap.IsPositive() {
		kv("加分上限", s.BonusCap.String()+" 分，加分另计")
	}
	row++
	w.header2(rulesSheet, row, []string{"项目代码", "考核项目", "满分", "考核内容"})
	row++
	for _, it := range t.Roster.Items {
		w.text(rulesSheet, row, 1, it.Code, stWrap)
		w.text(rulesSheet, row, 2, it.Name, stWrap)
		w.number(rulesSheet, row, 3, it.Max.String(), stFixedN)
		w.text(rulesSheet, row, 4, it.Doc, stWrap)
		row++
	}
	row++
	w.header2(rulesSheet, row, []string{"指标代码", "量化指标", "所属项目", "每次分值", "计量单位", "须附佐证", "说明"})
	row++
	names := map[string]string{assess.Bonus: assess.BonusName}
	for _, it := range t.Roster.Items {
		names[it.Code] = it.Name
	}
	for _, ind := range t.Roster.Indicators {
		w.text(rulesSheet, row, 1, ind.Code, stWrap)
		w.text(rulesSheet, row, 2, ind.Name, stWrap)
		w.text(rulesSheet, row, 3, firstOf(names[ind.Item], ind.Item), stWrap)
		w.number(rulesSheet, row, 4, ind.Points.String(), stFixedN)
		w.text(rulesSheet, row, 5, ind.Unit, stWrap)
		w.text(rulesSheet, row, 6, map[bool]string{true: "是", false: "否"}[ind.Evidence], stWrap)
		w.text(rulesSheet, row, 7, ind.Doc, stWrap)
		row++
	}
	w.widths[rulesSheet][2] = min(w.widths[rulesSheet][2], 40)
	w.widths[rulesSheet][4] = min(w.widths[rulesSheet][4], 50)
	w.widths[rulesSheet][7] = min(w.widths[rulesSheet][7], 50)
}

// header2 writes a header row anywhere on a sheet.
func (w *workbook) header2(sheet string, row int, heads []string) {
	for i, h := range heads {
		w.text(sheet, row, i+1, h, stHead)
	}
}

func firstOf(s ...string) string {
	for _, x := range s {
		if x != "" {
			return x
		}
	}
	return ""
}

// assessImport turns the parts of a score workbook into the quarter's
// record file.
type assessImport struct {
	book    *Book
	rs      Records
	quarter record.Quarter
	roster  *assess.Roster
	people  *roll
	errs    diag.List
	cells   map[string]diag.Pos // value key → the cell it came from
	bad     map[diag.Pos]bool   // cells already reported
}

func (im *assessImport) problem(s *Sheet, row, col int, p *problem, raw string) {
	pos := s.Pos(row, col)
	im.errs.Add(pos, "%s", p.message(foundCell(raw)))
	im.bad[pos] = true
}

// foundCell says what a cell held, for the "found …" half of a message.
func foundCell(raw string) string {
	if readText(raw) == "" {
		return "none"
	}
	return strconv.Quote(raw)
}

// privacy refuses personal information in a cell bound for a published
// field.
func (im *assessImport) privacy(s *Sheet, row, col int, column, text string) bool {
	if msg := record.PersonalInText(column, text, false); msg != "" {
		pos := s.Pos(row, col)
		im.errs.Add(pos, "%s", msg)
		im.bad[pos] = true
		return false
	}
	return true
}

// text reads a text cell bound for a published field.
func (im *assessImport) text(s *Sheet, row, col int, column string) string {
	v := readText(s.Cell(row, col))
	if v != "" && !im.privacy(s, row, col, column, v) {
		return ""
	}
	return v
}

func key(parts ...any) string { return fmt.Sprint(parts...) }

// importAssess reads the parts of a score workbook present in the book and
// keeps the rest from the quarter's file.
func importAssess(b *Book, parts map[string]*Sheet, rs Records, period string) (*Plan, diag.List) {
	q, err := record.ParseQuarter(period)
	if err != nil {
		var errs diag.List
		errs.Add(diag.Pos{File: b.Name}, "expected a template's tag naming a quarter, found %q", period)
		return nil, errs
	}
	im := &assessImport{book: b, rs: rs, quarter: q, people: newRoll(rs.Set), cells: map[string]diag.Pos{}, bad: map[diag.Pos]bool{}}
	im.roster = assess.RosterOf(rs.Set, q)
	if im.roster == nil {
		im.errs.Add(diag.Pos{File: b.Name}, "expected a scheme in force on %s (records/assess/schemes/), found none", q.First())
		return nil, im.errs
	}
	path := fmt.Sprintf("%s/assess/%s.yaml", record.Dir, q)
	var rec record.AssessQuarter
	for i := range rs.Set.Assess.Quarters {
		if ex := &rs.Set.Assess.Quarters[i]; ex.Quarter == q {
			rec = *ex
			path = ex.Pos.File
		}
	}
	existing := rec
	rec.Quarter = q
	if s := parts["notice"]; s != nil {
		im.notice(s, &rec)
	}
	if s := parts["scores"]; s != nil {
		im.scores(s, &rec, &existing)
	}
	if s := parts["events"]; s != nil {
		im.events(s, &rec)
	}
	if parts["scores"] == nil {
		im.ensureSheets(&rec)
	}
	old, _ := rs.File(path)
	w := newYAMLWriter()
	w.header(headerOf(old, path, rs.SchemaDir, "assess-quarters", q.Chinese()+"绩效考核评分。每一条扣分、加分都写明依据的材料（考勤表、督办单、文号等）。"))
	im.write(w, &rec, parts)
	ed := &Edit{Path: path, Data: w.b.Bytes(), Old: old, w: w}
	if s := parts["events"]; s != nil {
		// An event without the evidence its indicator requires.
		ed.moves = append(ed.moves, move{prefix: "expected evidence for", sheet: s.Name, col: evEvidence})
	}
	return &Plan{Edits: []*Edit{ed}, book: b.Name, bad: im.bad}, im.errs
}

func (im *assessImport) notice(s *Sheet, rec *record.AssessQuarter) {
	if raw := s.Cell(noticeIssued, 2); readText(raw) != "" {
		if d, p := readDate(raw, im.book.date1904); p != nil {
			im.problem(s, noticeIssued, 2, p, raw)
		} else {
			rec.Issued = d
		}
	} else {
		rec.Issued = record.Date{}
	}
	im.cells["issued"] = s.Pos(noticeIssued, 2)
	if rec.Issued.IsZero() && !im.bad[s.Pos(noticeIssued, 2)] {
		im.problem(s, noticeIssued, 2, &problem{want: "the day the notice is posted (公示日期)", hint: "填写公示张贴之日"}, "")
	}
	if im.bad[s.Pos(noticeIssued, 2)] {
		im.bad[s.Pos(noticeQuarter, 2)] = true // the record's own "expected field issued" would land here
	}
	rec.Number = im.text(s, noticeNumber, 2, "公示文号")
	im.cells["number"] = s.Pos(noticeNumber, 2)
	rec.DecidedBy = im.text(s, noticeDecidedBy, 2, "评定人")
	im.cells["decided_by"] = s.Pos(noticeDecidedBy, 2)
	im.cells["quarter"] = s.Pos(noticeQuarter, 2)
}

// scoreLayout finds the 评分 sheet's columns from its header row, so that
// a clerk who hid or moved no column and one who did are read alike.
func (im *assessImport) scoreLayout(s *Sheet) (items map[int]assess.Item, by, basis, note int) {
	items = map[int]assess.Item{}
	all := append(append([]assess.Item(nil), im.roster.Items...), im.roster.Bonus)
	for c := 1; c <= len(rowAt(s, headRow)); c++ {
		h, _, _ := strings.Cut(s.Cell(headRow, c), "\n")
		switch h = strings.TrimSpace(h); h {
		case "评定人":
			by = c
		case "评定依据":
			basis = c
		case "备注":
			note = c
		default:
			for _, it := range all {
				if it.Name == h && !(it.Code == assess.Bonus && !it.Max.IsPositive()) {
					items[c] = it
				}
			}
		}
	}
	return items, by, basis, note
}

func rowAt(s *Sheet, row int) []string {
	if row < 1 || row > len(s.Rows) {
		return nil
	}
	return s.Rows[row-1]
}

func (im *assessImport) scores(s *Sheet, rec, existing *record.AssessQuarter) {
	items, byCol, basisCol, noteCol := im.scoreLayout(s)
	im.cells["sheets"] = s.Pos(0, 0)
	oldSheets := map[string]*record.AssessSheet{}
	for i := range existing.Sheets {
		oldSheets[existing.Sheets[i].Person] = &existing.Sheets[i]
	}
	var sheets []record.AssessSheet
	seen := map[string]int{}
	for row := firstRow; row <= len(s.Rows); row++ {
		idText, nameText := readText(s.Cell(row, colID)), readText(s.Cell(row, colName))
		blank := idText == "" && nameText == ""
		for c := range items {
			blank = blank && readText(s.Cell(row, c)) == ""
		}
		if blank {
			continue
		}
		var id string
		var p *problem
		col := colID
		if idText != "" {
			if im.rs.Set.Person(idText) == nil {
				p = &problem{want: "the id of a person in the records", hint: "编号列不要改动"}
			}
			id = idText
		} else {
			col = colName
			id, p = im.people.find(nameText)
		}
		if p != nil {
			im.problem(s, row, col, p, s.Cell(row, col))
			continue
		}
		if first, dup := seen[id]; dup {
			im.errs.Add(s.Pos(row, colName), "expected one row per person, found a second for %s (first in row %d)", im.people.name(id), first)
			continue
		}
		seen[id] = row
		i := len(sheets)
		sh := record.AssessSheet{Person: id}
		im.cells[key("sheet", i, "person")] = s.Pos(row, colName)
		by, basis := im.text(s, row, byCol, "评定人"), im.text(s, row, basisCol, "评定依据")
		old := oldSheets[id]
		for c := 1; c <= len(rowAt(s, headRow)); c++ {
			it, ok := items[c]
			raw := s.Cell(row, c)
			if !ok || readText(raw) == "" {
				continue
			}
			x, p := readDecimal(raw)
			if p == nil && (x.IsNegative() || x.GreaterThan(it.Max)) {
				p = &problem{want: fmt.Sprintf("a score 0–%s for %s", it.Max, it.Name)}
			}
			if p != nil {
				if p.want == "a number" {
					p.want = fmt.Sprintf("a score 0–%s for %s", it.Max, it.Name)
				}
				im.problem(s, row, c, p, raw)
				continue
			}
			sc := record.AssessScore{Item: it.Code, Score: x, By: by, Basis: basis}
			if old != nil {
				for _, o := range old.Scores {
					if o.Item == it.Code {
						sc.Note = o.Note // not shown in the workbook: kept
					}
				}
			}
			j := len(sh.Scores)
			im.cells[key("sheet", i, "score", j)] = s.Pos(row, c)
			im.cells[key("sheet", i, "score", j, "score")] = s.Pos(row, c)
			im.cells[key("sheet", i, "score", j, "by")] = s.Pos(row, byCol)
			im.cells[key("sheet", i, "score", j, "basis")] = s.Pos(row, basisCol)
			sh.Scores = append(sh.Scores, sc)
		}
		if noteCol > 0 {
			sh.Note = im.text(s, row, noteCol, "备注")
			im.cells[key("sheet", i, "note")] = s.Pos(row, noteCol)
		}
		if old != nil {
			sh.Events = old.Events // replaced below when the workbook has its 计分记录
		}
		sheets = append(sheets, sh)
	}
	rec.Sheets = sheets
}

func (im *assessImport) events(s *Sheet, rec *record.AssessQuarter) {
	bySheet := map[string]int{}
	for i := range rec.Sheets {
		bySheet[rec.Sheets[i].Person] = i
		rec.Sheets[i].Events = nil
	}
	codes := map[string]bool{}
	for _, ind := range im.roster.Indicators {
		codes[ind.Code] = true
	}
	for row := firstRow; row <= len(s.Rows); row++ {
		blank := true
		for c := evPerson; c <= evNote; c++ {
			blank = blank && readText(s.Cell(row, c)) == ""
		}
		if blank {
			continue
		}
		ok := true
		var ev record.AssessEvent
		id, p := im.people.find(s.Cell(row, evPerson))
		if readText(s.Cell(row, evPerson)) == "" {
			p = &problem{want: "the person the event is about", hint: "请从下拉列表选择姓名"}
		}
		if p != nil {
			im.problem(s, row, evPerson, p, s.Cell(row, evPerson))
			ok = false
		}
		code, _, _ := strings.Cut(readText(s.Cell(row, evIndicator)), " ")
		if code == "" {
			im.problem(s, row, evIndicator, &problem{want: "an indicator", hint: "请从下拉列表选择量化指标"}, "")
			ok = false
		}
		ev.Indicator = code
		if raw := s.Cell(row, evDate); readText(raw) == "" {
			im.problem(s, row, evDate, &problem{want: "the date of the event"}, "")
			ok = false
		} else if d, p := readDate(raw, im.book.date1904); p != nil {
			im.problem(s, row, evDate, p, raw)
			ok = false
		} else {
			ev.Date = d
		}
		if raw := s.Cell(row, evCount); readText(raw) != "" {
			if x, p := readDecimal(raw); p != nil {
				im.problem(s, row, evCount, p, raw)
				ok = false
			} else {
				ev.Count = x
			}
		}
		ev.Evidence = im.text(s, row, evEvidence, "佐证材料")
		ev.Note = im.text(s, row, evNote, "说明")
		if !ok || id == "" {
			continue
		}
		i, has := bySheet[id]
		if !has {
			i = len(rec.Sheets)
			bySheet[id] = i
			rec.Sheets = append(rec.Sheets, record.AssessSheet{Person: id})
			im.cells[key("sheet", i, "person")] = s.Pos(row, evPerson)
		}
		j := len(rec.Sheets[i].Events)
		for c, f := range map[int]string{evIndicator: "indicator", evDate: "date", evCount: "count", evEvidence: "evidence", evNote: "note"} {
			im.cells[key("sheet", i, "event", j, f)] = s.Pos(row, c)
		}
		im.cells[key("sheet", i, "event", j)] = s.Pos(row, evIndicator)
		rec.Sheets[i].Events = append(rec.Sheets[i].Events, ev)
	}
}

// ensureSheets gives everyone in scope a sheet, when the workbook had no
// 评分 part to list them (a 计分记录 saved as CSV).
func (im *assessImport) ensureSheets(rec *record.AssessQuarter) {
	have := map[string]bool{}
	for _, s := range rec.Sheets {
		have[s.Person] = true
	}
	for _, m := range im.roster.People {
		if !have[m.Person.ID] {
			rec.Sheets = append(rec.Sheets, record.AssessSheet{Person: m.Person.ID})
		}
	}
}

// write writes the quarter's file, field by field in the record's order.
func (im *assessImport) write(w *yamlWriter, rec *record.AssessQuarter, parts map[string]*Sheet) {
	at := func(k string) diag.Pos { return im.cells[k] }
	sheetOf := func(part string) diag.Pos {
		if s := parts[part]; s != nil {
			return s.Pos(0, 0)
		}
		return diag.Pos{File: im.book.Name}
	}
	w.mark(sheetOf("notice"))
	w.field(0, false, "quarter", rec.Quarter.String(), true, at("quarter"))
	if !rec.Issued.IsZero() {
		w.field(0, false, "issued", rec.Issued.String(), true, at("issued"))
	}
	if rec.Number != "" {
		w.field(0, false, "number", rec.Number, false, at("number"))
	}
	if rec.DecidedBy != "" {
		w.field(0, false, "decided_by", rec.DecidedBy, false, at("decided_by"))
	}
	if r := rec.Result; rec.Has("result") && !r.Date.IsZero() {
		// what was done with the results: not in the workbook, kept
		w.open(0, false, "result", diag.Pos{File: im.book.Name})
		w.field(2, false, "date", r.Date.String(), true, diag.Pos{})
		if r.Action != "" {
			w.field(2, false, "action", r.Action, false, diag.Pos{})
		}
	}
	if len(rec.Leave) > 0 {
		w.open(0, false, "leave", diag.Pos{File: im.book.Name})
		for _, l := range rec.Leave {
			w.field(2, true, "person", l.Person, false, diag.Pos{})
			w.field(4, false, "from", l.From.String(), true, diag.Pos{})
			if !l.To.IsZero() {
				w.field(4, false, "to", l.To.String(), true, diag.Pos{})
			}
			w.field(4, false, "reason", l.Reason, false, diag.Pos{})
		}
	}
	w.open(0, false, "sheets", firstValid(at("sheets"), sheetOf("events")))
	for i, sh := range rec.Sheets {
		w.field(2, true, "person", sh.Person, false, at(key("sheet", i, "person")))
		if len(sh.Scores) > 0 {
			w.open(4, false, "scores", at(key("sheet", i, "person")))
			for j, sc := range sh.Scores {
				w.field(6, true, "item", sc.Item, false, at(key("sheet", i, "score", j)))
				w.field(8, false, "score", sc.Score.String(), true, at(key("sheet", i, "score", j, "score")))
				if sc.By != "" {
					w.field(8, false, "by", sc.By, false, at(key("sheet", i, "score", j, "by")))
				}
				if sc.Basis != "" {
					w.field(8, false, "basis", sc.Basis, false, at(key("sheet", i, "score", j, "basis")))
				}
				if sc.Note != "" {
					w.field(8, false, "note", sc.Note, false, at(key("sheet", i, "score", j)))
				}
			}
		}
		if len(sh.Events) > 0 {
			w.open(4, false, "events", firstValid(at(key("sheet", i, "event", 0)), sheetOf("events")))
			for j, ev := range sh.Events {
				k := func(f string) diag.Pos { return at(key("sheet", i, "event", j, f)) }
				w.field(6, true, "indicator", ev.Indicator, false, k("indicator"))
				w.field(8, false, "date", ev.Date.String(), true, k("date"))
				if !ev.Count.IsZero() {
					w.field(8, false, "count", ev.Count.String(), true, k("count"))
				}
				if ev.Evidence != "" {
					w.field(8, false, "evidence", ev.Evidence, false, k("evidence"))
				}
				if ev.Note != "" {
					w.field(8, false, "note", ev.Note, false, k("note"))
				}
			}
		}
		if sh.Note != "" {
			w.field(4, false, "note", sh.Note, false, at(key("sheet", i, "note")))
		}
	}
}

func firstValid(ps ...diag.Pos) diag.Pos {
	for _, p := range ps {
		if p.IsValid() {
			return p
		}
	}
	return diag.Pos{}
}
