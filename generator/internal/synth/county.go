package synth

import "fmt"

// assessQuarter is one quarter's score file.
type assessQuarter struct {
	q         quarter
	issued    day
	number    string
	decidedBy string
	sheets    []*sheet
}

type sheet struct {
	p      *person
	scores []score
	events []event
}

type score struct {
	item, value, basis string
}

type event struct {
	indicator string
	date      day
	count     string
	evidence  string
	note      string
}

// indicators are the scheme's quantified indicators: code, item, name,
// unit (天 allows half days).
var indicators = []struct{ code, item, name, points, unit string }{
	{"G01", "public", "无故缺席会议或集中学习", "-1", "次"},
	{"G02", "public", "中心工作任务未按要求完成", "-3", "件"},
	{"P01", "post", "岗位工作未按时限完成", "-2", "件"},
	{"P02", "post", "岗位工作出现差错被退回返工", "-1", "次"},
	{"K01", "attendance", "无故缺勤", "-2", "天"},
	{"K02", "attendance", "迟到早退", "-0.5", "次"},
	{"K03", "attendance", "事假超过规定天数", "-0.5", "天"},
	{"R01", "tasks", "交办工作逾期完成", "-2", "件"},
	{"J01", "bonus", "汛期、节假日应急值守", "1", "天"},
	{"J02", "bonus", "受到县级表彰", "5", "次"},
	{"J04", "bonus", "信息、调研文章被县级以上采用", "0.5", "件"},
	{"J05", "bonus", "争取上级项目资金到位", "3", "件"},
}

// assessQuarter records the quarter's score sheets on the day the results
// are posted: one sheet for everyone the scheme covered in some month.
func (w *world) assessQuarter(d day, q quarter) error {
	aq := &assessQuarter{q: q, issued: d, number: fmt.Sprintf("%s政公〔%d〕%d号", w.abbr, d.year(), w.nextNumber()),
		decidedBy: fmt.Sprintf("%s（%s会议）", w.group, d.add(-1).chinese())}
	for _, t := range w.tws {
		for _, p := range t.people {
			in := false
			for _, m := range q.months() {
				in = in || p.assessed(m.on(15))
			}
			if in {
				aq.sheets = append(aq.sheets, w.newSheet(p, q))
			}
		}
	}
	w.quarters = append(w.quarters, aq)
	w.touch("records/assess/"+q.String()+".yaml", aq.yaml)
	return w.commit(d, w.clerk, "录入"+q.chinese()+"绩效考核评分")
}

func (w *world) nextNumber() int {
	w.number += 1 + w.rng.IntN(3)
	return w.number
}

func (w *world) newSheet(p *person, q quarter) *sheet {
	r := w.rng
	s := &sheet{p: p}
	n := 0
	switch x := r.IntN(100); {
	case x < 45:
	case x < 75:
		n = 1
	case x < 90:
		n = 2
	default:
		n = 3
	}
	decided := r.IntN(25) == 0
	if decided {
		v := 30 + r.IntN(10)
		if r.IntN(10) == 0 {
			v = 12 + r.IntN(10) // a poor quarter: below the pass mark
		}
		s.scores = append(s.scores, score{item: "post", value: fmt.Sprintf("%d.5", v), basis: fmt.Sprintf("考核评议表第%d号", 1+r.IntN(300))})
	}
	for range n {
		ind := indicators[r.IntN(len(indicators))]
		if decided && ind.item == "post" {
			continue
		}
		s.events = append(s.events, w.newEvent(p, q, ind.code, ind.unit))
	}
	return s
}

func (w *world) newEvent(p *person, q quarter, code, unit string) event {
	r := w.rng
	d := q.first().add(r.IntN(q.last().t.YearDay() - q.first().t.YearDay() + 1))
	e := event{indicator: code, date: d}
	switch {
	case unit == "天" && r.IntN(4) == 0:
		e.count = "0.5"
	case r.IntN(3) == 0:
		e.count = itoa(2 + r.IntN(3))
	}
	a := p.tw.abbr
	switch code[0] {
	case 'K':
		e.evidence = fmt.Sprintf("%d年%d月考勤表", d.year(), d.month())
	case 'G':
		e.evidence = fmt.Sprintf("%s委办〔%d〕%d号会议签到表", a, d.year(), 1+r.IntN(60))
	case 'P', 'R':
		e.evidence = fmt.Sprintf("%s政督〔%d〕%d号", a, d.year(), 1+r.IntN(40))
	default:
		switch code {
		case "J01":
			e.evidence = fmt.Sprintf("%d年%d月值班表", d.year(), d.month())
		case "J04":
			e.evidence = fmt.Sprintf("青江县政务信息%d年第%d期", d.year(), 1+r.IntN(30))
		default:
			e.evidence = fmt.Sprintf("青委〔%d〕%d号", d.year(), 1+r.IntN(80))
		}
	}
	if r.IntN(4) == 0 {
		e.note = pick(r, []string{"经本人确认", "防汛值守", "春运期间值守", "已书面说明情况", "经分管领导核实"})
	}
	return e
}

// correctQuarter corrects one sheet of the quarter last posted, as the
// clerk does when someone objects during the posting period.
func (w *world) correctQuarter(d day, q quarter) error {
	var aq *assessQuarter
	for _, x := range w.quarters {
		if x.q == q {
			aq = x
		}
	}
	if aq == nil || len(aq.sheets) == 0 {
		return nil
	}
	s := aq.sheets[w.rng.IntN(len(aq.sheets))]
	msg := ""
	if len(s.events) > 0 && w.rng.IntN(2) == 0 {
		s.events = s.events[:len(s.events)-1]
		msg = "删除" + s.p.name + "一条计分记录（经核实有误）"
	} else {
		ind := indicators[8+w.rng.IntN(4)] // a bonus forgotten
		s.events = append(s.events, w.newEvent(s.p, q, ind.code, ind.unit))
		msg = "补录" + s.p.name + ind.name + "加分"
	}
	w.touch("records/assess/"+q.String()+".yaml", aq.yaml)
	return w.commit(d, w.clerk, "更正"+q.chinese()+"绩效考核评分："+msg)
}

// maybeAccidents records the accidents of the past weeks, township by
// township: rare, and minor.
func (w *world) maybeAccidents(d day) error {
	for _, t := range w.tws {
		if d.before(nthWeekday(t.importDay, 3)) || t.rng.IntN(40) != 0 {
			continue
		}
		when := d.add(-1 - t.rng.IntN(12))
		objs := t.activeObjects(when, "vessel", "vehicle", "enterprise", "mine")
		if len(objs) == 0 {
			continue
		}
		o := pick(t.rng, objs)
		y := when.year()
		a := &accident{
			id: fmt.Sprintf("%d-%02d", y, len(w.accidents[y])+1), date: when, unit: o.unit, obj: o,
			minor: 1 + t.rng.IntN(3), loss: fmt.Sprintf("%d.%d", t.rng.IntN(6), t.rng.IntN(10)),
		}
		switch o.category {
		case "vessel":
			a.summary = o.name + "靠岸时乘客跌倒受伤"
		case "vehicle":
			a.summary = o.name + "在" + o.location + "倒车时刮擦行人"
		default:
			a.summary = o.name + "作业人员操作不当受伤"
		}
		a.evidence = fmt.Sprintf("青江县应急管理局事故调查报告（青应急调〔%d〕%d号）", y, len(w.accidents[y])+1)
		w.accidents[y] = append(w.accidents[y], a)
		w.touch(fmt.Sprintf("records/safety/accidents/%d.yaml", y), func() []byte { return w.accidentsYAML(y) })
		if err := w.commit(d, t.clerk, fmt.Sprintf("录入%s生产安全事故（%s）", when.chinese(), o.name)); err != nil {
			return err
		}
	}
	return nil
}
