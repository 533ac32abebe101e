package sheet

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"

	"gongshi/generator/internal/diag"
	"gongshi/generator/internal/record"
)

// The unit-target workbook (目标完成情况) of a year: one sheet per unit,
// named after it, laid out like the form a unit fills in against its
// responsibility agreement (目标责任书), so that a sheet can be sent to the
// unit and come back on its own (also as CSV):
//
//	row 1   the title: 白沙村村民委员会2026年度目标完成情况
//	row 2   the tag and what to do
//	row 3   报送日期: the day the unit reported its figures
//	row 4   数据截至: the day figures of part of the year run to
//	row 5   the header
//	row 6…  one row per indicator: code, name, kind, weight, target and
//	        scoring, grey, from the records; what to enter; the entries —
//	        分子 and 分母 for a rate, 完成数 for a count or an amount, 是否完成
//	        for yes/no, the cells that do not apply grey —; the rate worked
//	        out, for the eye; 佐证材料; 说明
//
// and the year's scheme with the rules of entry on a last sheet, 考核办法.
// Only the figures, their evidence and notes and the two dates come back:
// the indicators and their targets are the agreement's, kept in the
// records, and a changed grey cell is refused.

// TargetsTemplate is what a year's unit-target workbook is made from.
type TargetsTemplate struct {
	Township string
	Set      *record.Set
	Year     int
	Unit     string // only this unit's sheet; every unit's when ""
}

const targetsRulesSheet = rulesSheet

// Rows and columns of a unit's sheet.
const (
	tgReportedRow = 3
	tgThroughRow  = 4
	tgHeadRow     = 5
	tgFirstRow    = 6
	tgDateCol     = 4 // the dates' cells, D3 and D4

	tgNo, tgCode, tgName, tgKind, tgWeight, tgTarget, tgScoring, tgEnter = 1, 2, 3, 4, 5, 6, 7, 8
	tgNum, tgDen, tgValue, tgDone, tgRate, tgEvidence, tgNote            = 9, 10, 11, 12, 13, 14, 15
)

// unitPart is the tag's part of a unit's sheet: "unit:baisha".
func unitPart(id string) string { return "unit:" + id }

// UnitsOf returns the year's unit targets in the order of the year's
// scheme (its groups, then their units), the others after by id.
func UnitsOf(set *record.Set, year int) []*record.UnitTargets {
	order := map[string]int{}
	for _, s := range set.Targets.Schemes {
		if s.Year == year {
			for _, g := range s.Groups {
				for _, id := range g.Units {
					if _, ok := order[id]; !ok {
						order[id] = len(order)
					}
				}
			}
		}
	}
	var out []*record.UnitTargets
	for i := range set.Targets.Units {
		if u := &set.Targets.Units[i]; u.Year == year {
			out = append(out, u)
		}
	}
	slices.SortStableFunc(out, func(a, b *record.UnitTargets) int {
		oa, ina := order[a.Unit]
		ob, inb := order[b.Unit]
		switch {
		case ina && inb:
			return cmp.Compare(oa, ob)
		case ina != inb:
			if ina {
				return -1
			}
			return 1
		}
		return strings.Compare(a.Unit, b.Unit)
	})
	return out
}

func schemeOf(set *record.Set, year int) *record.TargetScheme {
	for i := range set.Targets.Schemes {
		if s := &set.Targets.Schemes[i]; s.Year == year {
			return s
		}
	}
	return nil
}

// Write writes the workbook.
func (t *TargetsTemplate) Write(out io.Writer) error {
	units := UnitsOf(t.Set, t.Year)
	if t.Unit != "" {
		units = slices.DeleteFunc(units, func(u *record.UnitTargets) bool { return u.Unit != t.Unit })
	}
	scheme := schemeOf(t.Set, t.Year)
	if len(units) == 0 || scheme == nil {
		what := fmt.Sprintf("no unit targets for %d (%s/targets/%d/)", t.Year, record.Dir, t.Year)
		if t.Unit != "" {
			what = fmt.Sprintf("no targets of unit %q for %d (%s/targets/%d/%s.yaml)", t.Unit, t.Year, record.Dir, t.Year, t.Unit)
		}
		return fmt.Errorf("sheet: %s to make a workbook from", what)
	}
	w := newWorkbook()
	names := sheetNames(t.Set, units)
	freeze := map[string][2]int{}
	protect := map[string]excelize.SheetProtectionOptions{}
	for _, u := range units {
		name := names[u.Unit]
		t.writeUnit(w, name, u)
		freeze[name] = [2]int{tgHeadRow, tgName}
		protect[name] = entryProtection
	}
	t.writeRules(w, scheme)
	protect[targetsRulesSheet] = readOnly
	return w.finish(out, freeze, protect)
}

// sheetNames names each unit's sheet after the unit, as Excel allows: at
// most 31 characters, none of []:*?/\, no two alike.
func sheetNames(set *record.Set, units []*record.UnitTargets) map[string]string {
	clean := strings.NewReplacer("[", "（", "]", "）", ":", "：", "*", "＊", "?", "？", "/", "／", `\`, "＼")
	names := map[string]string{}
	taken := map[string]bool{targetsRulesSheet: true}
	for _, u := range units {
		name := u.Unit
		if unit := set.Unit(u.Unit); unit != nil {
			name = clean.Replace(unit.Name)
		}
		if r := []rune(name); len(r) > 31 {
			name = string(r[:31])
		}
		if taken[name] {
			r := []rune(name)
			name = string(r[:min(len(r), 31-len(u.Unit)-2)]) + "（" + u.Unit + "）"
		}
		taken[name] = true
		names[u.Unit] = name
	}
	return names
}

func (t *TargetsTemplate) unitName(id string) string {
	if u := t.Set.Unit(id); u != nil {
		return u.Name
	}
	return id
}

func (t *TargetsTemplate) writeUnit(w *workbook, sheet string, u *record.UnitTargets) {
	year := strconv.Itoa(t.Year)
	w.addSheet(sheet)
	heads := []string{"序号", "代码", "考核指标", "类型", "分值", "目标", "计分方法", "填报内容",
		"分子\n比率类", "分母\n比率类，大于 0", "完成数\n数量、金额类", "是否完成\n是否类", "完成率\n自动计算，供核对",
		"佐证材料\n报表名称、文号、照片文件名", "说明"}
	note := "灰色格子是目标责任书定下的指标、目标和分值，不要改。比率类只填分子和分母，比率由系统计算；数量、金额类填完成数；是否类选是或否。填了完成数的，每个指标都要填，并写明佐证材料和报送日期。规则见“考核办法”表。"
	if u.Basis != "" {
		note = "目标责任书：" + u.Basis + "。" + note
	}
	w.title(sheet, len(heads), t.unitName(u.Unit)+year+"年度目标完成情况", tag{"targets", year, unitPart(u.Unit)}, note)

	// 报送日期 and 数据截至.
	first, last := record.Date{Year: t.Year, Month: 1, Day: 1}, record.Date{Year: t.Year, Month: 12, Day: 31}
	for _, d := range []struct {
		row         int
		label, hint string
		value       record.Date
	}{
		{tgReportedRow, "报送日期", "单位报送完成情况的日期。填了完成数就必须填。", u.Reported},
		{tgThroughRow, "数据截至", "年度中间报送进度时，填数据截至的日期；全年的数不填。", u.Through},
	} {
		w.put(sheet, d.row, 1, d.label, stHead)
		w.merge(sheet, d.row, 1, d.row, tgName, stHead)
		w.date(sheet, d.row, tgDateCol, d.value, stDate)
		w.merge(sheet, d.row, tgDateCol, d.row, tgTarget, stDate)
		w.put(sheet, d.row, tgScoring, d.hint, stTag)
		w.merge(sheet, d.row, tgScoring, d.row, len(heads), stTag)
	}
	w.validate(sheet, tgDateCol, tgReportedRow, tgReportedRow, atLeast(strconv.Itoa(serialOf(first)), excelize.DataValidationTypeDate),
		"报送日期", fmt.Sprintf("单位报送完成情况的日期，不早于 %s。", first))
	w.validate(sheet, tgDateCol, tgThroughRow, tgThroughRow, between(strconv.Itoa(serialOf(first)), strconv.Itoa(serialOf(last)), excelize.DataValidationTypeDate),
		"数据截至", fmt.Sprintf("%d年内的日期；全年的数不填。", t.Year))

	w.header2(sheet, tgHeadRow, heads)
	w.do(func() error { return w.f.SetRowHeight(sheet, tgHeadRow, 34) })
	for i := range u.Indicators {
		in := &u.Indicators[i]
		row := tgFirstRow + i
		w.number(sheet, row, tgNo, strconv.Itoa(i+1), stFixedN)
		w.text(sheet, row, tgCode, in.Code, stFixed)
		w.text(sheet, row, tgName, in.Name, stFixed)
		w.text(sheet, row, tgKind, in.Kind, stFixed)
		w.number(sheet, row, tgWeight, in.Weight.String(), stFixedN)
		w.text(sheet, row, tgTarget, targetText(in), stFixed)
		w.text(sheet, row, tgScoring, scoringText(in), stFixed)
		enter := enterText(in)
		w.text(sheet, row, tgEnter, enter, stFixedW)
		if strings.Contains(enter, "\n") {
			w.do(func() error { return w.f.SetRowHeight(sheet, row, 30) })
		}
		for _, c := range []struct {
			col   int
			field string
			value decimal.Decimal
		}{{tgNum, "numerator", in.Numerator}, {tgDen, "denominator", in.Denominator}, {tgValue, "value", in.Value}} {
			style := stFixed
			if slices.Contains(entryFields(in.Kind), c.field) {
				style = stNumber
			}
			if in.Has(c.field) {
				w.number(sheet, row, c.col, c.value.String(), style)
			} else {
				w.styleCell(sheet, row, c.col, style)
			}
		}
		doneStyle := stFixed
		if in.Kind == record.IndicatorYesNo {
			doneStyle = stInput
		}
		if in.Done != "" {
			w.text(sheet, row, tgDone, in.Done, doneStyle)
		} else {
			w.styleCell(sheet, row, tgDone, doneStyle)
		}
		if in.Kind == record.IndicatorRate {
			n, d := ref(row, tgNum), ref(row, tgDen)
			w.formula(sheet, row, tgRate, fmt.Sprintf(`IF(AND(ISNUMBER(%s),ISNUMBER(%s),%s>0),%s/%s,"")`, n, d, d, n, d), stFixedP)
		} else {
			w.styleCell(sheet, row, tgRate, stFixed)
		}
		w.text(sheet, row, tgEvidence, in.Evidence, stInput)
		w.text(sheet, row, tgNote, in.Note, stInput)
		t.validateRow(w, sheet, row, in)
	}
	w.fit(sheet, tgDateCol, "2026-10-31")
	w.fit(sheet, tgEvidence, "县医疗保障局2026年度参保统计表")
	w.fit(sheet, tgNote, "9月16日村道事故，见事故台账")
	for col, most := range map[int]int{tgName: 30, tgEnter: 32, tgEvidence: 44, tgNote: 30} {
		w.widths[sheet][col] = min(w.widths[sheet][col], most)
	}
	for _, col := range []int{tgNum, tgDen, tgValue, tgDone, tgRate} {
		w.widths[sheet][col] = max(w.widths[sheet][col], 10)
	}
	full := true
	w.do(func() error { return w.f.SetCalcProps(&excelize.CalcPropsOptions{FullCalcOnLoad: &full}) })
}

// validateRow gives a row's entry cells the checks Excel and WPS can make
// as the figures are typed.
func (t *TargetsTemplate) validateRow(w *workbook, sheet string, row int, in *record.TargetIndicator) {
	switch in.Kind {
	case record.IndicatorRate:
		n, d := ref(row, tgNum), ref(row, tgDen)
		num, den := firstOf(in.NumeratorName, "分子"), firstOf(in.DenominatorName, "分母")
		w.validate(sheet, tgNum, row, row, custom(fmt.Sprintf(`AND(ISNUMBER(%s),%s>=0,OR(ISBLANK(%s),%s<=%s))`, n, n, d, n, d)),
			"分子", fmt.Sprintf("%s：不小于 0 的数，不能大于分母（%s）。", num, den))
		w.validate(sheet, tgDen, row, row, custom(fmt.Sprintf(`AND(ISNUMBER(%s),%s>0,OR(ISBLANK(%s),%s>=%s))`, d, d, n, d, n)),
			"分母", fmt.Sprintf("%s：大于 0 的数，不能小于分子（%s）。", den, num))
	case record.IndicatorCount:
		w.validate(sheet, tgValue, row, row, atLeast("0", excelize.DataValidationTypeWhole),
			"完成数", fmt.Sprintf("不小于 0 的整数（%s）。", in.Unit))
	case record.IndicatorAmount:
		w.validate(sheet, tgValue, row, row, atLeast("0", excelize.DataValidationTypeDecimal),
			"完成数", fmt.Sprintf("不小于 0 的数，单位：%s。", in.Unit))
	case record.IndicatorYesNo:
		w.validate(sheet, tgDone, row, row, choices("是", "否"), "是否完成", "从下拉列表选择 是 或 否。")
	}
}

// entryFields are the figures an indicator of the kind is given.
func entryFields(kind string) []string {
	switch kind {
	case record.IndicatorRate:
		return []string{"numerator", "denominator"}
	case record.IndicatorCount, record.IndicatorAmount:
		return []string{"value"}
	case record.IndicatorYesNo:
		return []string{"done"}
	}
	return nil
}

var opSymbols = map[string]string{record.AtLeast: "≥", record.AtMost: "≤", record.Exactly: "="}

// targetText is the target as the sheet shows it: ≥80%, ≤0起, 是.
func targetText(in *record.TargetIndicator) string {
	switch in.Kind {
	case record.IndicatorYesNo:
		return "是"
	case record.IndicatorRate:
		return opSymbols[in.Op] + in.Target.String() + "%"
	}
	return opSymbols[in.Op] + in.Target.String() + in.Unit
}

// scoringText says how the indicator scores: 达标得满分, 按比例（保底值85%）.
func scoringText(in *record.TargetIndicator) string {
	if in.Scoring != record.ScoreLinear {
		return "达标得满分"
	}
	unit := in.Unit
	if in.Kind == record.IndicatorRate {
		unit = "%"
	}
	return "按比例（保底值" + in.Floor.String() + unit + "）"
}

// enterText says what to enter for the indicator.
func enterText(in *record.TargetIndicator) string {
	switch in.Kind {
	case record.IndicatorRate:
		return "分子：" + in.NumeratorName + "\n分母：" + in.DenominatorName
	case record.IndicatorYesNo:
		return "是否完成：是 或 否"
	}
	return "完成数（" + in.Unit + "）"
}

// put writes a cell without widening its column (a label spanning
// columns).
func (w *workbook) put(sheet string, row, col int, s, style string) {
	r := ref(row, col)
	w.do(func() error { return w.f.SetCellStr(sheet, r, s) })
	w.styleCell(sheet, row, col, style)
}

// merge merges a range, its cells all styled alike so that the borders
// run round it.
func (w *workbook) merge(sheet string, row1, col1, row2, col2 int, style string) {
	a, b := ref(row1, col1), ref(row2, col2)
	w.do(func() error { return w.f.SetCellStyle(sheet, a, b, w.style(style)) })
	w.do(func() error { return w.f.MergeCell(sheet, a, b) })
}

// writeRules writes the year's scheme and the rules of entry.
func (t *TargetsTemplate) writeRules(w *workbook, s *record.TargetScheme) {
	sheet := targetsRulesSheet
	w.addSheet(sheet)
	w.title(sheet, 2, t.Township+strconv.Itoa(t.Year)+"年度目标管理责任考核 · 考核办法", tag{"targets", strconv.Itoa(t.Year), "rules"},
		"本表只供查阅。考核办法以记录 records/targets/schemes/ 为准，各单位的指标以 records/targets/"+strconv.Itoa(t.Year)+"/ 为准。")
	row := headRow
	kv := func(k, v string) {
		w.text(sheet, row, 1, k, stHead)
		w.text(sheet, row, 2, v, stWrap)
		row++
	}
	kv("考核办法", s.Title)
	if s.Basis != "" {
		kv("印发文号", s.Basis)
	}
	kv("考核机构", s.Group)
	for _, g := range s.Groups {
		var names []string
		for _, id := range g.Units {
			names = append(names, t.unitName(id))
		}
		kv("考核类别："+g.Name, strings.Join(names, "、"))
	}
	if len(s.Grades) > 0 {
		var gs []string
		for i, g := range s.Grades {
			if g.Min.IsZero() && i > 0 {
				gs = append(gs, fmt.Sprintf("%s：不到%s分", g.Name, s.Grades[i-1].Min))
			} else {
				gs = append(gs, fmt.Sprintf("%s：%s分及以上", g.Name, g.Min))
			}
		}
		kv("等次", strings.Join(gs, "；"))
	}
	if s.Veto.Level != "" {
		v := "辖区内发生" + s.Veto.Level + "及以上生产安全事故"
		if s.Veto.Casualties {
			v += "（造成人员伤亡）"
		}
		kv("一票否决", v+"的，不排名、不评等次。依据："+s.Veto.Basis)
	}
	row++
	w.text(sheet, row, 1, "填报规则", stHead)
	row++
	for i, rule := range []string{
		"每个单位一张表。灰色格子是目标责任书定下的指标、目标、分值和计分方法，在表里改不了，也不要改；指标要调整的，改记录 records/targets/" + strconv.Itoa(t.Year) + "/单位编号.yaml。",
		"比率类指标只填分子和分母，比率由系统精确计算，显示时四舍五入保留一位小数（紧挨目标时多显示几位）。分母必须大于 0，分子不能大于分母。不要自己算百分数，“完成率”一栏只供核对。",
		"数量类指标填不小于 0 的整数（户、起、次等）；金额类指标按计量单位填不小于 0 的数，如 6.2（万元）。只填阿拉伯数字，不写单位。",
		"是否类指标从下拉列表选择“是”或“否”。",
		"报送完成情况时，每个指标都要填，并写明佐证材料（报表名称、文号、系统截图或照片的文件名）和报送日期。年度中间报送进度的，填“数据截至”日期；全年的数不填。",
		"计分：达到目标得满分。“达标得满分”的，未达到不得分；“按比例”的，在保底值和目标值之间按比例得分，在保底值及以下（越低越好的指标：及以上）不得分。每个指标得分四舍五入到 0.01 分，各指标得分相加为单位得分。",
		"佐证材料和说明会在网站上公开，不得写电话号码、身份证号、家庭住址。",
		"填好后运行 gongshi import 导入：每个格子都会检查，有一处不对就什么也不写、不提交，并指出是哪张表哪一格。",
	} {
		w.text(sheet, row, 1, strconv.Itoa(i+1), stWrap)
		w.text(sheet, row, 2, rule, stWrap)
		row++
	}
	w.widths[sheet][1] = min(w.widths[sheet][1], 24)
	w.widths[sheet][2] = min(w.widths[sheet][2], 80)
}

// targetsImport turns the unit sheets of a workbook into the units' files.
type targetsImport struct {
	assessImport // the cell readers
	year         int
}

func importTargets(b *Book, parts map[string]*Sheet, rs Records, period string) (*Plan, diag.List) {
	im := &targetsImport{assessImport: assessImport{book: b, rs: rs, people: newRoll(rs.Set), cells: map[string]diag.Pos{}, bad: map[diag.Pos]bool{}}}
	year, err := strconv.Atoi(period)
	if err != nil || year < 2000 || year > 2100 {
		im.errs.Add(diag.Pos{File: b.Name}, "expected a unit-target workbook of one year, found a template tagged %q", period)
		return nil, im.errs
	}
	im.year = year
	plan := &Plan{book: b.Name, bad: im.bad}
	for _, s := range b.Sheets {
		id, ok := strings.CutPrefix(s.tag.part, "unit:")
		if !ok || parts[s.tag.part] != s {
			continue
		}
		if ed := im.unit(s, id); ed != nil {
			plan.Edits = append(plan.Edits, ed)
		}
	}
	if len(plan.Edits) == 0 && len(im.errs) == 0 {
		im.errs.Add(diag.Pos{File: b.Name}, "expected the sheet of a unit (one per unit, named after it), found none; 请用 gongshi template targets %d 生成的表格填写", year)
	}
	if len(plan.Edits) == 0 {
		return nil, im.errs
	}
	slices.SortFunc(plan.Edits, func(a, b *Edit) int { return strings.Compare(a.Path, b.Path) })
	return plan, im.errs
}

// figureCells are where an indicator's values came from.
type figureCells struct {
	row                                       int
	code, name, kind, weight, target, scoring diag.Pos
	enter, num, den, value, done              diag.Pos
	evidence, note                            diag.Pos
}

// unit reads one unit's sheet into its file.
func (im *targetsImport) unit(s *Sheet, id string) *Edit {
	var old *record.UnitTargets
	for i := range im.rs.Set.Targets.Units {
		if u := &im.rs.Set.Targets.Units[i]; u.Unit == id && u.Year == im.year {
			old = u
		}
	}
	if old == nil {
		im.errs.Add(s.Pos(tagRow, 1), "expected a unit with targets for %d (%s/targets/%d/%s.yaml), found %q; 请用 gongshi template targets %d 重新生成表格",
			im.year, record.Dir, im.year, id, id, im.year)
		return nil
	}
	file := old.Pos.File

	date := func(row int) record.Date {
		raw := s.Cell(row, tgDateCol)
		if readText(raw) == "" {
			return record.Date{}
		}
		d, p := readDate(raw, im.book.date1904)
		if p != nil {
			im.problem(s, row, tgDateCol, p, raw)
		}
		return d
	}
	reported, through := date(tgReportedRow), date(tgThroughRow)

	byCode := map[string]int{}
	for i, in := range old.Indicators {
		byCode[in.Code] = i
	}
	cells := make([]figureCells, len(old.Indicators))
	figs := make([]indicatorFigures, len(old.Indicators))
	seen := map[string]int{}
	figures := false
	for row := tgFirstRow; row <= len(s.Rows); row++ {
		code := readText(s.Cell(row, tgCode))
		blank := code == ""
		for _, c := range []int{tgNum, tgDen, tgValue, tgDone, tgEvidence, tgNote} {
			blank = blank && readText(s.Cell(row, c)) == ""
		}
		if blank {
			continue
		}
		i, ok := byCode[code]
		switch {
		case code == "":
			im.problem(s, row, tgCode, &problem{want: "the code of an indicator of " + im.unitName(id), hint: "代码列不要改动，也不要在表里增加指标"}, "")
			continue
		case !ok:
			im.problem(s, row, tgCode, &problem{want: "the code of an indicator of " + im.unitName(id),
				hint: fmt.Sprintf("指标以目标责任书为准，要增加或修改指标请改 %s", file)}, s.Cell(row, tgCode))
			continue
		}
		if first, dup := seen[code]; dup {
			im.errs.Add(s.Pos(row, tgCode), "expected one row per indicator, found a second for %s (first in row %d)", code, first)
			continue
		}
		seen[code] = row
		in := &old.Indicators[i]
		im.agreed(s, row, in, file)
		at := func(col int) diag.Pos { return s.Pos(row, col) }
		cells[i] = figureCells{row: row, code: at(tgCode), name: at(tgName), kind: at(tgKind), weight: at(tgWeight), target: at(tgTarget),
			scoring: at(tgScoring), enter: at(tgEnter), num: at(tgNum), den: at(tgDen), value: at(tgValue), done: at(tgDone),
			evidence: at(tgEvidence), note: at(tgNote)}

		// The figures: what the row holds, in place of what the record had.
		fig := &figs[i]
		for _, c := range []struct {
			col  int
			name string
			to   *decimal.Decimal
			has  *bool
		}{
			{tgNum, firstOf(in.NumeratorName, "分子"), &fig.numerator, &fig.hasNumerator},
			{tgDen, firstOf(in.DenominatorName, "分母"), &fig.denominator, &fig.hasDenominator},
			{tgValue, "完成数", &fig.value, &fig.hasValue},
		} {
			raw := s.Cell(row, c.col)
			if readText(raw) == "" {
				continue
			}
			x, p := readDecimal(raw)
			if p != nil {
				if p.want == "a number" {
					p.want = "a number for " + c.name
				}
				im.problem(s, row, c.col, p, raw)
				continue
			}
			*c.to, *c.has = x, true
		}
		// A figure the record already has keeps the form it is written in
		// (2.0 stays 2.0): an unchanged sheet writes the file as it is.
		for _, k := range []struct {
			field string
			to    *decimal.Decimal
			has   bool
			was   decimal.Decimal
		}{{"numerator", &fig.numerator, fig.hasNumerator, in.Numerator}, {"denominator", &fig.denominator, fig.hasDenominator, in.Denominator}, {"value", &fig.value, fig.hasValue, in.Value}} {
			if k.has && in.Has(k.field) && k.to.Equal(k.was) {
				*k.to = k.was
			}
		}
		if raw := readText(s.Cell(row, tgDone)); raw != "" {
			switch raw {
			case "是", "否":
				fig.done = raw
			default:
				im.problem(s, row, tgDone, &problem{want: "是 or 否", hint: "请从下拉列表选择"}, s.Cell(row, tgDone))
			}
		}
		fig.evidence = im.keep(s, row, tgEvidence, "佐证材料", in.Evidence)
		fig.note = im.keep(s, row, tgNote, "说明", in.Note)
		figures = figures || fig.any()
	}
	for i, in := range old.Indicators {
		if cells[i].row == 0 {
			im.errs.Add(s.Pos(0, 0), "expected a row for indicator %s %s, found none; 不要删除指标行", in.Code, in.Name)
		}
	}
	reportedAt := s.Pos(tgReportedRow, tgDateCol)
	if figures && reported.IsZero() && !im.bad[reportedAt] {
		im.problem(s, tgReportedRow, tgDateCol, &problem{want: "the day the unit reported its figures (报送日期)", hint: "填了完成数的，请填写报送日期"}, "")
	}

	orig, _ := im.rs.File(file)
	w := newYAMLWriter()
	w.header(headerOf(orig, file, im.rs.SchemaDir, "target-units", im.unitName(id)+strconv.Itoa(im.year)+"年度目标管理责任书指标及完成情况。"))
	writeUnitTargets(w, old, reported, through, figs, cells, s.Pos(0, 0), s.Pos(tagRow, 1), reportedAt, s.Pos(tgThroughRow, tgDateCol))
	ed := &Edit{Path: file, Data: w.b.Bytes(), Old: orig, w: w}
	for _, m := range []struct {
		prefix string
		col    int
	}{
		// Findings about a figure the record lacks are placed where the
		// indicator starts, its code: they belong to the cell to fill.
		{"expected figures (numerator and denominator)", tgNum},
		{"expected figures (value)", tgValue},
		{"expected figures (done)", tgDone},
		{"expected numerator for", tgNum},
		{"expected denominator for", tgDen},
		{"expected value for", tgValue},
		{"expected done for", tgDone},
		{"expected the evidence (evidence)", tgEvidence},
	} {
		ed.moves = append(ed.moves, move{prefix: m.prefix, sheet: s.Name, from: tgCode, col: m.col})
	}
	// Figures without the day they were reported: said once, at that day's
	// cell, not at every figure.
	ed.moves = append(ed.moves, move{prefix: "expected the date the figures were reported", sheet: s.Name, col: tgDateCol, row: tgReportedRow})
	return ed
}

func (im *targetsImport) unitName(id string) string {
	if u := im.rs.Set.Unit(id); u != nil {
		return u.Name
	}
	return id
}

// agreed refuses a grey cell changed: the indicators, targets and weights
// are the agreement's, and a change typed into the sheet would otherwise
// be lost without a word.
func (im *targetsImport) agreed(s *Sheet, row int, in *record.TargetIndicator, file string) {
	hint := "灰色格子不要改：指标、目标和分值以目标责任书为准，要改请改 " + file
	if raw := s.Cell(row, tgTarget); readText(raw) != targetText(in) {
		im.problem(s, row, tgTarget, &problem{want: "the agreed target " + targetText(in), hint: hint}, raw)
	}
	raw := s.Cell(row, tgWeight)
	if x, p := readDecimal(raw); p != nil || !x.Equal(in.Weight) {
		im.problem(s, row, tgWeight, &problem{want: "the agreed weight " + in.Weight.String(), hint: hint}, raw)
	}
}

// keep reads a text cell bound for a published field; text that differs
// from the record's only by spaces at its ends is the record's, as it was.
func (im *targetsImport) keep(s *Sheet, row, col int, column, was string) string {
	v := im.text(s, row, col, column)
	if v != "" && v == strings.TrimSpace(was) {
		return was
	}
	return v
}

// indicatorFigures are the values a unit's sheet gives an indicator: a
// field is written when its cell is filled.
type indicatorFigures struct {
	numerator, denominator, value          decimal.Decimal
	hasNumerator, hasDenominator, hasValue bool
	done, evidence, note                   string
}

func (f *indicatorFigures) any() bool {
	return f.hasNumerator || f.hasDenominator || f.hasValue || f.done != ""
}

// Fields of the unit-target records, in the order the files have them (the
// record types' order); a test holds them to the types.
var (
	unitTargetFields = []string{"unit", "year", "basis", "reported", "through", "indicators"}
	indicatorFields  = []string{"code", "name", "kind", "numerator_name", "denominator_name", "unit", "op", "target", "weight",
		"scoring", "floor", "evidence", "numerator", "denominator", "value", "done", "note"}
)

// writeUnitTargets writes a unit's file: the agreement as the record has
// it, the figures as the sheet gives them.
func writeUnitTargets(w *yamlWriter, u *record.UnitTargets, reported, through record.Date, figs []indicatorFigures, cells []figureCells, sheet, tagCell, reportedAt, throughAt diag.Pos) {
	w.mark(sheet)
	for _, f := range unitTargetFields {
		switch f {
		case "unit":
			w.field(0, false, "unit", u.Unit, false, tagCell)
		case "year":
			w.field(0, false, "year", strconv.Itoa(u.Year), true, tagCell)
		case "basis":
			if u.Basis != "" {
				w.field(0, false, "basis", u.Basis, false, tagCell)
			}
		case "reported":
			if !reported.IsZero() {
				w.field(0, false, "reported", reported.String(), true, reportedAt)
			}
		case "through":
			if !through.IsZero() {
				w.field(0, false, "through", through.String(), true, throughAt)
			}
		case "indicators":
			w.open(0, false, "indicators", sheet)
			for i := range u.Indicators {
				writeIndicator(w, &u.Indicators[i], &figs[i], &cells[i], sheet)
			}
		}
	}
}

func writeIndicator(w *yamlWriter, in *record.TargetIndicator, fig *indicatorFigures, c *figureCells, sheet diag.Pos) {
	item := true
	text := func(key, v string, at diag.Pos) {
		if v != "" {
			w.field(4-2*b2i(item), item, key, v, false, firstValid(at, sheet))
			item = false
		}
	}
	number := func(key string, has bool, v decimal.Decimal, at diag.Pos) {
		if has {
			w.field(4-2*b2i(item), item, key, decimalText(v), true, firstValid(at, sheet))
			item = false
		}
	}
	for _, f := range indicatorFields {
		switch f {
		case "code":
			text(f, in.Code, c.code)
		case "name":
			text(f, in.Name, c.name)
		case "kind":
			text(f, in.Kind, c.kind)
		case "numerator_name":
			text(f, in.NumeratorName, c.enter)
		case "denominator_name":
			text(f, in.DenominatorName, c.enter)
		case "unit":
			text(f, in.Unit, c.enter)
		case "op":
			text(f, in.Op, c.target)
		case "target":
			number(f, in.Has(f), in.Target, c.target)
		case "weight":
			number(f, in.Has(f), in.Weight, c.weight)
		case "scoring":
			text(f, in.Scoring, c.scoring)
		case "floor":
			number(f, in.Has(f), in.Floor, c.scoring)
		case "evidence":
			text(f, fig.evidence, c.evidence)
		case "numerator":
			number(f, fig.hasNumerator, fig.numerator, c.num)
		case "denominator":
			number(f, fig.hasDenominator, fig.denominator, c.den)
		case "value":
			number(f, fig.hasValue, fig.value, c.value)
		case "done":
			text(f, fig.done, c.done)
		case "note":
			text(f, fig.note, c.note)
		}
	}
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// decimalText writes a decimal as it was read: 2.0 as 2.0, 95 as 95.
func decimalText(d decimal.Decimal) string {
	if e := d.Exponent(); e < 0 {
		return d.StringFixed(-e)
	}
	return d.String()
}
