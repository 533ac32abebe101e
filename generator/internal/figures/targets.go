package figures

import (
	"strings"

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
	type unitOf struct {
		u    *targets.Unit
		refs []Ref
	}
	var all []unitOf
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
			all = append(all, unitOf{u, refs})
		}
	}
	b.group(itoa(y.Year)+"年度目标考核", "year")
	b.add("参评单位", Count(len(units)), units)
	b.add("已报送", Count(len(reported)), reported)
	b.add("否决", Count(len(vetoed)), vetoed)

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

func (b *builder) indicator(x *targets.Indicator, refs []Ref, unit string, reported bool) {
	in := x.Rec
	what := map[string]string{
		"目标": "目标", "分值": "分值", "得分": "得分", "比率": "完成率", "完成数": "完成数",
		"分子": "分子（" + in.NumeratorName + "）", "分母": "分母（" + in.DenominatorName + "）",
	}
	title := func(f *Figure, p string) { f.Title = unit + " " + in.Code + in.Name + "：" + what[p] }
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
