package figures

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"gongshi/generator/internal/record"
	"gongshi/generator/internal/safety"
)

// Record kinds as record.Key names them.
const (
	kindAgreement = "agreement"
	kindObject    = "supervised object"
	kindHazard    = "hazard"
	kindNotice    = "notice"
	kindAccident  = "accident"
	kindReports   = "safety-reports"
	kindLicences  = "safety-licences"
	kindUnit      = "unit"
)

// hazardLevels are the levels of record.Hazard.
var hazardLevels = []string{"一般", "重大"}

func refAgreement(a *record.Agreement) Ref {
	return Ref{Kind: kindAgreement, ID: a.ID, File: a.Pos.File, Label: a.Name, Detail: "签订于" + a.Signed.String()}
}

func refObject(o *record.SafetyObject, detail string) Ref {
	return Ref{Kind: kindObject, ID: o.ID, File: o.Pos.File, Label: o.Name, Detail: detail, Subject: o.ID}
}

func refHazard(h *record.Hazard, detail string) Ref {
	return Ref{Kind: kindHazard, ID: h.ID, File: h.Pos.File, Label: h.Description, Detail: detail, Subject: h.Object}
}

func refNotice(n *record.SafetyNotice, detail string) Ref {
	label := n.Subject
	if n.Number != "" {
		label = n.Number + " " + label
	}
	return Ref{Kind: kindNotice, ID: n.ID, File: n.Pos.File, Label: label, Detail: detail, Subject: n.Object}
}

func refAccident(a *record.Accident) Ref {
	return Ref{Kind: kindAccident, ID: a.ID, File: a.Pos.File, Label: a.Summary, Detail: a.Date.String() + " " + a.Level, Subject: a.Object}
}

// safetyFigures are the safety-production figures of year y: events of
// the year and what became of them by asOf, states on end.
// r is the safety result on the year's end (its last day, or asOf).
func safetyFigures(s *record.Set, r *safety.Result, y int, asOf record.Date, note string) *Domain {
	b := newBuilder("安全", "安全生产", "safety", note)
	end := r.AsOf

	b.group("安全生产责任书", "agreements")
	var all []Ref
	byKind := map[string][]Ref{}
	byLevel := map[int][]Ref{}
	maxLevel := 1
	for i := range s.Safety.Agreements {
		a := &s.Safety.Agreements[i]
		if a.Year != y || a.Signed.After(asOf) {
			continue
		}
		ref := refAgreement(a)
		all = append(all, ref)
		byKind[a.Kind] = append(byKind[a.Kind], ref)
		byLevel[a.Level] = append(byLevel[a.Level], ref)
		maxLevel = max(maxLevel, a.Level)
	}
	b.add("责任书.份数", Count(len(all)), all)
	for _, k := range record.AgreementKinds {
		b.add("责任书."+k, Count(len(byKind[k])), byKind[k])
	}
	for l := 1; l <= maxLevel; l++ {
		b.add("责任书.第〈N〉级", Count(len(byLevel[l])), byLevel[l], strconv.Itoa(l))
	}

	b.group("监管对象和责任书覆盖", "coverage")
	var active, uncovered, covered, missing []Ref
	required := 0
	for _, o := range r.Objects {
		if !o.Active {
			continue
		}
		active = append(active, refObject(o.Rec, cmpOr(o.Category)))
		required += len(o.Required)
		for _, k := range o.Required {
			if slices.Contains(o.Missing, k) {
				missing = append(missing, refObject(o.Rec, "缺"+k+"责任书"))
			} else {
				covered = append(covered, refObject(o.Rec, k+"责任书"))
			}
		}
		if len(o.Missing) > 0 {
			uncovered = append(uncovered, refObject(o.Rec, "缺"+joinKinds(o.Missing)+"责任书"))
		}
	}
	b.add("对象.个数", Count(len(active)), active)
	b.add("对象.应签", Count(required), append(slices.Clone(covered), missing...))
	b.add("对象.已签", Count(len(covered)), covered)
	b.add("对象.未签", Count(len(missing)), missing)
	b.rate("对象.签订率", len(covered), required, append(slices.Clone(covered), missing...))
	b.add("对象.未覆盖", Count(len(uncovered)), uncovered)

	b.group("事故隐患排查整改", "hazards")
	b.hazards(s, y, asOf, "", nil)
	for _, l := range hazardLevels {
		b.hazards(s, y, asOf, l, []string{l})
	}

	b.group("督办通知和安全告诫", "notices")
	b.notices(s, y, asOf)

	if c := safety.ComplianceOf(s, y, asOf); c != nil {
		b.group("安全生产月报", "reports")
		b.reports(c)
	}

	b.group("许可证", "licences")
	var lic, valid, expiring, expired []Ref
	warn := s.Safety.Settings.WarnDays()
	for i := range s.Safety.Licences {
		l := &s.Safety.Licences[i]
		if !l.Issued.IsZero() && l.Issued.After(end) {
			continue
		}
		st, left := safety.LicenceStatusOf(l.Expiry, end, warn)
		holder := l.Holder
		if o := r.Object(l.Holder); o != nil {
			holder = o.Rec.Name
		}
		ref := Ref{Kind: kindLicences, File: l.Pos.File, Label: holder + " " + l.Kind + " " + l.Number, Detail: "有效期至" + l.Expiry.String(), Subject: l.Holder}
		lic = append(lic, ref)
		switch st {
		case safety.Valid:
			valid = append(valid, ref)
		case safety.Expiring:
			ref.Detail += fmt.Sprintf("，还有%d天", left)
			expiring = append(expiring, ref)
		default:
			expired = append(expired, ref)
		}
	}
	b.add("许可证.总数", Count(len(lic)), lic)
	b.add("许可证.有效", Count(len(valid)), valid)
	b.add("许可证.即将到期", Count(len(expiring)), expiring)
	b.add("许可证.已过期", Count(len(expired)), expired)

	b.group("生产安全事故", "accidents")
	var acc []Ref
	byLevelA := map[string][]Ref{}
	deaths, serious, minor := 0, 0, 0
	loss := decimal.Zero
	first := record.Date{Year: y, Month: time.January, Day: 1}
	quietFrom := first
	for _, a := range r.Accidents {
		if a.Date.Year != y || a.Date.After(end) {
			continue
		}
		ref := refAccident(a)
		acc = append(acc, ref)
		byLevelA[a.Level] = append(byLevelA[a.Level], ref)
		deaths += a.Deaths
		serious += a.SeriousInjuries
		minor += a.MinorInjuries
		loss = loss.Add(a.Loss)
		quietFrom = later(quietFrom, a.Date.AddDays(1))
	}
	b.add("事故.起数", Count(len(acc)), acc)
	for _, l := range record.AccidentLevels {
		b.add("事故.〈等级〉", Count(len(byLevelA[l])), byLevelA[l], l)
	}
	b.add("事故.死亡", Count(deaths), acc)
	b.add("事故.重伤", Count(serious), acc)
	b.add("事故.轻伤", Count(minor), acc)
	b.add("事故.损失", Decimal(loss), acc)
	b.add("事故.无事故天数", Count(daysThrough(quietFrom, end)), lastRef(acc))

	b.group("企业安全运转天数", "running")
	for _, o := range r.Objects {
		u := s.Unit(o.Rec.Unit)
		if !o.Active || u == nil || u.Type != record.UnitEnterprise {
			continue
		}
		from := later(first, o.Rec.From)
		var last []Ref
		for _, a := range r.Accidents {
			if (a.Object == o.Rec.ID || a.Unit == u.ID) && !a.Date.After(end) && !a.Date.Before(first) {
				from = later(from, a.Date.AddDays(1))
				last = []Ref{refAccident(a)}
			}
		}
		refs := append([]Ref{refObject(o.Rec, "自"+from.String()+"起")}, last...)
		b.add("安全运转.〈企业〉", Count(daysThrough(from, end)), refs, o.Rec.Name)
	}
	return b.done()
}

// hazards adds the hazard figures of the year, of one level or of all
// (level ""); args are the 〈等级〉 part of the names.
func (b *builder) hazards(s *record.Set, y int, asOf record.Date, level string, args []string) {
	var found, done, onTime, late, verified, overdue, open []Ref
	for _, h := range s.Safety.Hazards {
		if h.Found.Year != y || h.Found.After(asOf) || (level != "" && h.Level != level) {
			continue
		}
		st, days, left := safety.HazardStatusOf(h, asOf)
		found = append(found, refHazard(h, h.Level+"，发现于"+h.Found.String()))
		switch st {
		case safety.Verified, safety.Rectified:
			detail := "按期整改"
			if days > 0 {
				detail = fmt.Sprintf("逾期%d天整改", days)
			}
			ref := refHazard(h, detail+"，"+h.Rectified.String())
			done = append(done, ref)
			if days > 0 {
				late = append(late, ref)
			} else {
				onTime = append(onTime, ref)
			}
			if st == safety.Verified {
				verified = append(verified, refHazard(h, "复查于"+h.Reinspected.String()))
			}
		case safety.Overdue:
			overdue = append(overdue, refHazard(h, fmt.Sprintf("已逾期%d天", days)))
		default:
			open = append(open, refHazard(h, fmt.Sprintf("距整改期限%d天", left)))
		}
	}
	p := func(name string) string {
		if level == "" {
			return "隐患." + name
		}
		return "隐患.〈等级〉." + name
	}
	b.add(p("发现"), Count(len(found)), found, args...)
	b.add(p("已整改"), Count(len(done)), done, args...)
	if level == "" {
		b.add(p("按期整改"), Count(len(onTime)), onTime)
	}
	b.add(p("逾期整改"), Count(len(late)), late, args...)
	b.add(p("已复查"), Count(len(verified)), verified, args...)
	b.add(p("逾期未整改"), Count(len(overdue)), overdue, args...)
	if level == "" {
		b.add(p("整改中"), Count(len(open)), open)
		b.rate(p("整改率"), len(done), len(found), found)
	}
}

func (b *builder) notices(s *record.Set, y int, asOf record.Date) {
	var issued, closed, onTime, late, overdue, open, warnings, warningsClosed []Ref
	for i := range s.Safety.Notices {
		n := &s.Safety.Notices[i]
		if n.Issued.Year != y || n.Issued.After(asOf) {
			continue
		}
		st, days, left := safety.NoticeStatusOf(n, asOf)
		if n.Kind == record.NoticeWarning {
			warnings = append(warnings, refNotice(n, "下发于"+n.Issued.String()))
			if st == safety.Closed {
				warningsClosed = append(warningsClosed, refNotice(n, "办结于"+n.Closed.String()))
			}
			continue
		}
		issued = append(issued, refNotice(n, "下发于"+n.Issued.String()))
		switch st {
		case safety.Closed:
			detail := "按期办结"
			if days > 0 {
				detail = fmt.Sprintf("逾期%d天办结", days)
			}
			ref := refNotice(n, detail+"，"+n.Closed.String())
			closed = append(closed, ref)
			if days > 0 {
				late = append(late, ref)
			} else {
				onTime = append(onTime, ref)
			}
		case safety.Overdue:
			overdue = append(overdue, refNotice(n, fmt.Sprintf("已逾期%d天", days)))
		default:
			open = append(open, refNotice(n, fmt.Sprintf("距办结期限%d天", left)))
		}
	}
	b.add("督办.下发", Count(len(issued)), issued)
	b.add("督办.已办结", Count(len(closed)), closed)
	b.add("督办.按期办结", Count(len(onTime)), onTime)
	b.add("督办.逾期办结", Count(len(late)), late)
	b.add("督办.逾期未办结", Count(len(overdue)), overdue)
	b.add("督办.办理中", Count(len(open)), open)
	b.add("告诫.下发", Count(len(warnings)), warnings)
	b.add("告诫.已办结", Count(len(warningsClosed)), warningsClosed)
}

// reports adds the monthly-report figures of a compliance matrix. A month
// not yet due counts neither way: the figures then say so.
func (b *builder) reports(c *safety.Compliance) {
	var due, onTime, late, missing, pending []Ref
	type unitRefs struct {
		due, onTime, late, missing []Ref
	}
	var notYet []string
	seenNotYet := map[record.Month]bool{}
	perUnit := make([]unitRefs, len(c.Rows))
	for i, row := range c.Rows {
		u := &perUnit[i]
		for _, cell := range row.Cells {
			ref := Ref{Kind: kindReports, Label: shortName(row.Unit) + " " + cell.Month.Chinese(), Subject: row.Unit.ID}
			if cell.Report != nil {
				ref.File = cell.Report.Pos.File
			}
			switch cell.Status {
			case safety.OnTime:
				ref.Detail = "按时，" + cell.Report.Received.String() + "收到"
				onTime, u.onTime = append(onTime, ref), append(u.onTime, ref)
			case safety.Late:
				ref.Detail = fmt.Sprintf("迟报%d天，%s收到", cell.DaysLate, cell.Report.Received.String())
				late, u.late = append(late, ref), append(u.late, ref)
			case safety.Missing:
				ref.Detail = "缺报，报送期限" + cell.Due.String()
				missing, u.missing = append(missing, ref), append(u.missing, ref)
			case safety.Pending, safety.NotYet:
				ref.Detail = "报送期限" + cell.Due.String()
				pending = append(pending, ref)
				if !seenNotYet[cell.Month] {
					seenNotYet[cell.Month] = true
					notYet = append(notYet, strconv.Itoa(int(cell.Month.Month))+"月")
				}
				continue
			default:
				continue
			}
			due, u.due = append(due, ref), append(u.due, ref)
		}
	}
	restore := b.note
	if len(notYet) > 0 {
		b.note = joinNote(b.note, joinKinds(notYet)+"月报未到报送期限")
	}
	b.add("月报.应报", Count(len(due)), due)
	b.add("月报.按时", Count(len(onTime)), onTime)
	b.add("月报.迟报", Count(len(late)), late)
	b.add("月报.缺报", Count(len(missing)), missing)
	b.add("月报.未到期", Count(len(pending)), pending)
	b.rate("月报.报送率", len(onTime)+len(late), len(due), due)
	b.rate("月报.按时报送率", len(onTime), len(due), due)
	for i, row := range c.Rows {
		u := perUnit[i]
		if len(u.due)+len(u.onTime)+len(u.late)+len(u.missing) == 0 {
			continue
		}
		name := shortName(row.Unit)
		b.add("月报.〈单位〉.应报", Count(len(u.due)), u.due, name)
		b.add("月报.〈单位〉.按时", Count(len(u.onTime)), u.onTime, name)
		b.add("月报.〈单位〉.迟报", Count(len(u.late)), u.late, name)
		b.add("月报.〈单位〉.缺报", Count(len(u.missing)), u.missing, name)
	}
	b.note = restore
}

// rate adds a rate figure; with nothing to divide by it has no value.
func (b *builder) rate(pattern string, num, den int, refs []Ref, args ...string) {
	if v, ok := Rate(num, den); ok {
		b.add(pattern, v, refs, args...)
		return
	}
	b.missing(pattern, "无可统计的记录", refs, args...)
}

// shortName is a unit as the site's tables name it: a village committee
// by its village.
func shortName(u *record.Unit) string {
	for _, suffix := range []string{"村民委员会", "居民委员会"} {
		if n, ok := strings.CutSuffix(u.Name, suffix); ok && n != "" {
			return n
		}
	}
	return u.Name
}

func cmpOr(c *record.Category) string {
	if c == nil {
		return ""
	}
	return c.Name
}

func joinKinds(ks []string) string { return strings.Join(ks, "、") }

func joinNote(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "":
		return a
	}
	return a + "，" + b
}

// later is the later of two dates; a zero date is the earliest.
func later(a, b record.Date) record.Date {
	if a.IsZero() || b.After(a) {
		return b
	}
	return a
}

// daysThrough counts the days from from to to, both included; 0 when
// from is after to.
func daysThrough(from, to record.Date) int { return max(from.DaysUntil(to)+1, 0) }

func lastRef(refs []Ref) []Ref {
	if len(refs) == 0 {
		return nil
	}
	return refs[len(refs)-1:]
}
