package assess

import (
	"errors"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"gongshi/generator/internal/calendar"
	"gongshi/generator/internal/diag"
	"gongshi/generator/internal/guard"
	"gongshi/generator/internal/record"
)

// DefaultWorkingDays is the publicity period when neither the scheme nor the
// township sets one.
const DefaultWorkingDays = 5

func templateError(err error) string {
	return strings.TrimPrefix(err.Error(), "template: ")
}

// templateLine matches where a template's error is: 公示正文:3 or 公示正文:3:5.
var templateLine = regexp.MustCompile(templateName + `:(\d+)`)

// noticeError reports a template's mistake at the line of the scheme's
// file it is on.
func noticeError(errs *diag.List, s *record.AssessScheme, err error) {
	pos := s.At("notice")
	if m := templateLine.FindStringSubmatch(err.Error()); m != nil {
		n, _ := strconv.Atoi(m[1])
		pos = s.TextLine("notice", n)
	}
	msg := templateError(err)
	for _, bound := range []error{errSteps, errWork, errOutput} {
		if errors.Is(err, bound) {
			// the budget's own words, not the step function's
			msg = bound.Error()
			if at := templateLine.FindString(err.Error()); at != "" {
				msg += " (at " + at + ")"
			}
		}
	}
	errs.Add(pos, "expected a notice template that works, found %s", msg)
}

// notice computes the publicity period and renders the clerk's wording.
func (p *plan) notice(set *record.Set, cal *calendar.Calendar, r *Result, errs *diag.List) Notice {
	t := set.Township
	q := r.Record
	n := Notice{
		ID:        NoticeID(r.Quarter),
		Title:     t.Name + r.Quarter.Chinese() + "绩效考核结果公示",
		Number:    q.Number,
		Organ:     t.Organ,
		Issued:    q.Issued,
		Objection: t.Objection,
		ReportTo:  p.rec.ReportTo,
	}
	if q.Has("result") {
		n.Result = &q.Result
	}
	days := firstPositive(p.rec.Publicity.WorkingDays, t.Publicity.WorkingDays, DefaultWorkingDays)
	countFirst := t.Publicity.CountFirstDay
	if p.rec.Publicity.Has("count_first_day") {
		countFirst = p.rec.Publicity.CountFirstDay
	}
	if !q.Issued.IsZero() {
		n.Period = cal.WorkingDays(q.Issued, days, countFirst)
	}
	if p.tmpl == nil {
		return n
	}
	text, err := p.tmpl.execute(templateData(set, p, r, n))
	if err != nil {
		noticeError(errs, p.rec, err)
		return n
	}
	// What the template writes is published: it is checked as the
	// records are (a template can put a number together from pieces).
	at := p.rec.At("notice")
	if ps := guard.Hygiene(text); len(ps) > 0 {
		errs.Add(at, "expected a notice the template writes in visible text, found %s; 请删去模板中写出这个字符的部分", ps[0].What)
		return n
	}
	for _, f := range record.Guard(set).Find(text) {
		if f.Kind == guard.Address {
			errs.Add(at, "expected no home address in the notice the template writes, which is published, found %q; 地址只写到乡镇、村或街道", f.Value)
		} else {
			errs.Add(at, "expected no %s in the notice the template writes, which is published, found one; 公示正文不得写%s，如确需写明，写作 %s", f.Kind, f.Kind.Chinese(), f.Masked)
		}
		return n
	}
	n.Text = text
	return n
}

func firstPositive(xs ...int) int {
	for _, x := range xs {
		if x > 0 {
			return x
		}
	}
	return 0
}

// templateData is what the clerk's template can use, under Chinese names
// so that the template reads as the notice does: {{.资金总额}}. Money is
// formatted 39,000.00, dates 2026年4月8日; counts are numbers.
func templateData(set *record.Set, p *plan, r *Result, n Notice) map[string]any {
	s := r.Stats
	pr := n.Period
	return map[string]any{
		"乡镇":    set.Township.Name,
		"机关":    set.Township.Organ,
		"年度":    r.Quarter.Year,
		"季度":    r.Quarter.Chinese(),
		"考核办法":  p.rec.Title,
		"办法文号":  p.rec.Basis,
		"考核机构":  p.rec.Group,
		"每人每月":  p.monthly.String(),
		"每分金额":  p.rec.PointValue.StringFixed(2),
		"合格线":   p.rec.PassMark.String(),
		"加分上限":  p.rec.BonusCap.String(),
		"考核人数":  s.Assessed,
		"合格人数":  s.Qualified,
		"不合格人数": s.Unqualified,
		"发放人数":  s.Paid,
		"资金总额":  r.Pool.String(),
		"应发总额":  r.Due.String(),
		"发放总额":  r.Paid.String(),
		"结余":    r.Balance.String(),
		"按比例压缩": r.Scaled,
		"人均":    s.MeanPay.String(),
		"最高":    s.HighestPay.String(),
		"最低":    s.LowestPay.String(),
		"公示文号":  n.Number,
		"发布日期":  n.Issued.Chinese(),
		"公示开始":  pr.Published.Chinese(),
		"公示截止":  pr.End.Chinese(),
		"工作日数":  pr.WorkingDays,
		"截止日暂定": pr.Provisional,
		"受理科室":  n.Objection.Office,
		"受理地址":  n.Objection.Address,
		"受理电话":  n.Objection.Phone,
		"受理时间":  n.Objection.Hours,
		"报送单位":  n.ReportTo,
	}
}

// TemplateNames lists the names a notice template can use, for the
// reference page.
func TemplateNames() []string {
	var r Result
	m := templateData(&record.Set{}, &plan{rec: &record.AssessScheme{}}, &r, Notice{})
	names := make([]string, 0, len(m))
	for k := range m {
		names = append(names, k)
	}
	slices.Sort(names)
	return names
}
