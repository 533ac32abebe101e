package figures

import (
	"strings"

	"github.com/shopspring/decimal"

	"gongshi/generator/internal/record"
	"gongshi/generator/internal/targets"
)

const (
	kindTargetUnits  = "target-units"
	kindTargetScheme = "target-scheme"
)

// targetFigures are the unit-target figures of a year: every indicator of
// every unit, its score, rank and veto. A unit that has not reported has
// no figures, only a note; one that reported part of the year says to
// which day.
func targetFigures(s *record.Set, y *targets.Year, note string) *Domain {
	b := newBuilder("目标", "目标考核", "targets", note)
	scheme := Ref{Kind: kindTargetScheme, ID: itoa(y.Year), File: y.Scheme.Pos.File, Label: y.Scheme.Title}
	var units, reported, vetoed []Ref
	var all []unitRefs
	for _, g := range y.Groups {
		for _, u := range g.Units {
			ref := Ref{Kind: kindUnit, ID: u.Unit.ID, File: u.Unit.Pos.File, Label: u.Unit.Name, Detail: g.Name, Subject: u.Unit.ID}
			refs := []Ref{scheme}
			if u.Rec != nil {
				ref = Ref{Kind: kindTargetUnits, File: u.Rec.Pos.File, Label: u.Unit.Name + itoa(y.Year) + "年度目标", Detail: g.Name, Subject: u.Unit.ID}
				refs = append([]Ref{ref}, refs...)
			}
			units = append(units, ref)
			if u.Reported {
				reported = append(reported, ref)
			}
			if u.Vetoed() {
				vr := ref
				vr.Detail = "一票否决"
				vetoed = append(vetoed, vr)
				for _, v := range u.Vetoes {
					refs = append(refs, refAccident(v.Accident))
				}
			}
			all = append(all, unitRefs{u, refs})
		}
	}
	b.group(itoa(y.Year)+"年度目标考核", "year")
	b.add("参评单位", Count(len(units)), units)
	b.add("已报送", Count(len(reported)), reported)
	b.add("否决", Count(len(vetoed)), vetoed)

	b.totals(all)

	for _, x := range all {
		u := x.u
		name := shortName(u.Unit)
		b.group(u.Unit.Name, "unit-"+u.Unit.ID)
		restore := b.note
		if u.Rec != nil && !u.Rec.Through.IsZero() {
			b.note = joinNote(b.note, "截至"+u.Rec.Through.Chinese())
		}
		if !u.Reported {
			why := "尚未报送完成情况"
			b.missing("〈单位〉.得分", why, x.refs, name)
			b.missing("〈单位〉.名次", why, x.refs, name)
			b.missing("〈单位〉.等次", why, x.refs, name)
		} else {
			b.add("〈单位〉.得分", Decimal(u.Score), x.refs, name)
			switch {
			case u.Vetoed():
				b.missing("〈单位〉.名次", "一票否决，不排名次", x.refs, name)
				b.missing("〈单位〉.等次", "一票否决，不评等次", x.refs, name)
			case !y.Final || u.Rank == 0:
				b.missing("〈单位〉.名次", "考核结果尚未公示", x.refs, name)
				b.missing("〈单位〉.等次", "考核结果尚未公示", x.refs, name)
			default:
				b.add("〈单位〉.名次", Count(u.Rank), x.refs, name)
				b.add("〈单位〉.等次", Text(u.Grade), x.refs, name)
			}
		}
		yes := "否"
		if u.Vetoed() {
			yes = "是"
		}
		b.add("〈单位〉.否决", Text(yes), x.refs, name)
		for _, in := range u.Indicators {
			b.indicator(in, x.refs, name, u.Reported)
		}
		b.note = restore
	}
	return b.done()
}

// unitRefs is a unit's targets with the records its figures count.
type unitRefs struct {
	u    *targets.Unit
	refs []Ref
}

// totals adds, for each indicator that two or more units report, of one
// kind, the sum over the units that reported it: the town's coverage of
// the villages' 医保参保率 is Σ numerators ÷ Σ denominators.
func (b *builder) totals(units []unitRefs) {
	type sum struct {
		name, kind, unit string
		num, den, val    decimal.Decimal
		n                int
		mixed            bool
		refs             []Ref
	}
	var order []string
	sums := map[string]*sum{}
	for _, x := range units {
		if !x.u.Reported {
			continue
		}
		for _, in := range x.u.Indicators {
			r := in.Rec
			if !in.Figures || r.Kind == record.IndicatorYesNo {
				continue
			}
			s := sums[r.Code]
			if s == nil {
				s = &sum{name: r.Name, kind: r.Kind, unit: r.Unit}
				sums[r.Code] = s
				order = append(order, r.Code)
			}
			if s.kind != r.Kind || s.unit != r.Unit {
				s.mixed = true
			}
			s.n++
			s.num, s.den, s.val = s.num.Add(r.Numerator), s.den.Add(r.Denominator), s.val.Add(r.Value)
			s.refs = append(s.refs, x.refs[0])
		}
	}
	first := true
	for _, code := range order {
		s := sums[code]
		if s.n < 2 || s.mixed {
			continue
		}
		if first {
			b.group("全镇合计", "total")
			first = false
		}
		title := func(f *Figure, what string) {
			f.Title = "全镇合计 " + code + " " + s.name + "：" + what + "（" + itoa(s.n) + "个单位）"
		}
		if s.kind == record.IndicatorRate {
			title(b.add("全镇.〈指标〉.分子", Decimal(s.num), s.refs, code), "分子")
			title(b.add("全镇.〈指标〉.分母", Decimal(s.den), s.refs, code), "分母")
			if !s.den.IsZero() {
				r := s.num.Rat()
				r.Quo(r, s.den.Rat())
				title(b.add("全镇.〈指标〉.比率", Value{Exact: r, Text: Percent(r)}, s.refs, code), "比率")
			}
			continue
		}
		f := b.add("全镇.〈指标〉.完成数", Decimal(s.val), s.refs, code)
		f.Unit = s.unit
		title(f, "完成数")
	}
}

func (b *builder) indicator(x *targets.Indicator, refs []Ref, unit string, reported bool) {
	in := x.Rec
	what := map[string]string{
		"目标": "目标", "分值": "分值", "得分": "得分", "比率": "完成率", "完成数": "完成数",
		"分子": "分子（" + in.NumeratorName + "）", "分母": "分母（" + in.DenominatorName + "）",
	}
	title := func(f *Figure, p string) { f.Title = unit + " " + in.Code + " " + in.Name + "：" + what[p] }
	add := func(p string, v Value, unitOf string) {
		f := b.add("〈单位〉.〈指标〉."+p, v, refs, unit, in.Code)
		title(f, p)
		if unitOf != "" {
			f.Unit = unitOf
		}
	}
	miss := func(p string) {
		title(b.missing("〈单位〉.〈指标〉."+p, "尚未报送完成情况", refs, unit, in.Code), p)
	}
	add("目标", Text(x.TargetShown), "")
	add("分值", Decimal(x.Weight), "")
	if !x.Figures || !reported {
		switch in.Kind {
		case record.IndicatorRate:
			miss("分子")
			miss("分母")
			miss("比率")
		default:
			miss("完成数")
		}
		miss("得分")
		return
	}
	switch in.Kind {
	case record.IndicatorRate:
		add("分子", Decimal(in.Numerator), "")
		add("分母", Decimal(in.Denominator), "")
		add("比率", Value{Exact: x.Value, Text: strings.TrimSuffix(x.Shown, "%")}, "")
	case record.IndicatorYesNo:
		add("完成数", Text(in.Done), "")
	default:
		add("完成数", Decimal(in.Value), in.Unit)
	}
	add("得分", Decimal(x.Points), "")
}
