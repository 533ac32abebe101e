package figures

import (
	"math/big"
	"slices"

	"gongshi/generator/internal/assess"
	"gongshi/generator/internal/record"
)

// quarterNames are the quarters as reports name them.
var quarterNames = [5]string{"", "一季度", "二季度", "三季度", "四季度"}

const kindAssessQuarters = "assess-quarters"

func refQuarter(r *assess.Result) Ref {
	return Ref{Kind: kindAssessQuarters, File: r.Record.Pos.File, Label: r.Quarter.Chinese() + "绩效考核评分", Detail: "公示于" + r.Record.Issued.String(), Subject: r.Quarter.String()}
}

// assessFigures are the assessment figures of year y: each quarter's, and
// the year's over the quarters assessed. A quarter without score sheets
// has no figures, only a note: not yet assessed, or not yet over.
func assessFigures(results []*assess.Result, y int, asOf record.Date, note string) *Domain {
	b := newBuilder("考核", "绩效考核", "assess", note)
	var done []*assess.Result
	var refs []Ref
	var lacking []string
	for q := 1; q <= 4; q++ {
		quarter := record.Quarter{Year: y, Q: q}
		name := quarterNames[q]
		b.group(quarter.Chinese(), "q"+string(rune('0'+q)))
		i := slices.IndexFunc(results, func(r *assess.Result) bool { return r.Quarter == quarter })
		if i < 0 {
			why := quarter.Chinese() + "尚未考核"
			if quarter.Last().After(asOf) || quarter.Last() == asOf {
				why = quarter.Chinese() + "尚未结束"
			}
			lacking = append(lacking, name)
			for _, d := range quarterDefs {
				b.missing("〈季度〉."+d, why, nil, name)
			}
			continue
		}
		r := results[i]
		done = append(done, r)
		ref := []Ref{refQuarter(r)}
		refs = append(refs, ref...)
		s := r.Stats
		b.add("〈季度〉.资金池", Yuan(int64(r.Pool)), ref, name)
		b.add("〈季度〉.发放", Yuan(int64(r.Paid)), ref, name)
		b.add("〈季度〉.结余", Yuan(int64(r.Balance)), ref, name)
		b.add("〈季度〉.考核人数", Count(s.Assessed), ref, name)
		b.add("〈季度〉.合格", Count(s.Qualified), ref, name)
		b.add("〈季度〉.不合格", Count(s.Unqualified), ref, name)
		b.add("〈季度〉.人均", Yuan(int64(s.MeanPay)), ref, name)
		b.add("〈季度〉.最高", Yuan(int64(s.HighestPay)), ref, name)
		b.add("〈季度〉.最低", Yuan(int64(s.LowestPay)), ref, name)
		mean, high, low := scores(r)
		b.add("〈季度〉.平均分", mean, ref, name)
		b.add("〈季度〉.最高分", high, ref, name)
		b.add("〈季度〉.最低分", low, ref, name)
	}

	b.group(itoa(y)+"年全年", "year")
	if len(done) == 0 {
		for _, d := range yearDefs {
			b.missing("全年."+d, itoa(y)+"年尚无考核结果", nil)
		}
		return b.done()
	}
	if len(lacking) > 0 {
		b.note = joinNote(b.note, "截至"+done[len(done)-1].Quarter.Chinese()+"，"+joinKinds(lacking)+"未计入")
	}
	var pool, paid, balance assess.Fen
	assessed, qualified, unqualified := 0, 0, 0
	perPerson := map[string]assess.Fen{}
	var order []string
	for _, r := range done {
		pool += r.Pool
		paid += r.Paid
		balance += r.Balance
		assessed += r.Stats.Assessed
		qualified += r.Stats.Qualified
		unqualified += r.Stats.Unqualified
		for _, a := range r.People {
			if _, seen := perPerson[a.Person.ID]; !seen {
				order = append(order, a.Person.ID)
			}
			perPerson[a.Person.ID] += a.Pay
		}
	}
	b.add("全年.资金池", Yuan(int64(pool)), refs)
	b.add("全年.发放", Yuan(int64(paid)), refs)
	b.add("全年.结余", Yuan(int64(balance)), refs)
	b.add("全年.考核人数", Count(len(perPerson)), refs)
	b.add("全年.考核人次", Count(assessed), refs)
	b.add("全年.合格人次", Count(qualified), refs)
	b.add("全年.不合格人次", Count(unqualified), refs)
	var paidPeople int64
	var high, low assess.Fen
	for _, id := range order {
		p := perPerson[id]
		if p <= 0 {
			continue
		}
		if paidPeople == 0 || p > high {
			high = p
		}
		if paidPeople == 0 || p < low {
			low = p
		}
		paidPeople++
	}
	if paidPeople == 0 {
		b.missing("全年.人均", "无人领到绩效工资", refs)
		b.missing("全年.最高", "无人领到绩效工资", refs)
		b.missing("全年.最低", "无人领到绩效工资", refs)
		return b.done()
	}
	mean := record.RoundHalfUp(big.NewRat(int64(paid), paidPeople), 0).IntPart()
	b.add("全年.人均", Yuan(mean), refs)
	b.add("全年.最高", Yuan(int64(high)), refs)
	b.add("全年.最低", Yuan(int64(low)), refs)
	return b.done()
}

var (
	quarterDefs = []string{"资金池", "发放", "结余", "考核人数", "合格", "不合格", "人均", "最高", "最低", "平均分", "最高分", "最低分"}
	yearDefs    = []string{"资金池", "发放", "结余", "考核人数", "考核人次", "合格人次", "不合格人次", "人均", "最高", "最低"}
)

// scores are the mean total score of the people assessed, rounded half-up
// to 0.01, and the highest and lowest.
func scores(r *assess.Result) (mean, high, low Value) {
	if len(r.People) == 0 {
		return Count(0), Count(0), Count(0)
	}
	sum := new(big.Rat)
	hi, lo := r.People[0].Total, r.People[0].Total
	for _, a := range r.People {
		sum.Add(sum, a.Total.Rat())
		if a.Total.GreaterThan(hi) {
			hi = a.Total
		}
		if a.Total.LessThan(lo) {
			lo = a.Total
		}
	}
	m := record.RoundHalfUp(sum.Quo(sum, big.NewRat(int64(len(r.People)), 1)), 2)
	return Value{Exact: m.Rat(), Text: m.StringFixed(2)}, Decimal(hi), Decimal(lo)
}
