package synth

import (
	"fmt"
	"strings"
)

// The unit target assessment (目标责任考核) and the annual grades: each
// year's scheme in February, each unit's targets with its agreement, the
// figures reported in January, the results and the grades posted after.

// indicatorSpec is an indicator as the township writes it each year.
type indicatorSpec struct {
	code, name, kind  string
	numName, denName  string
	unit, op          string
	target, weight    string
	linear            bool
	floor             string
	evidence          string
	lowRate, highRate int // a rate's figures fall between, in percent
	denMin, denMax    int
	value             func(t *township, u *unit, y int) string
	done              bool // a yes/no indicator
}

var villageIndicators = []indicatorSpec{
	{code: "V01", name: "城乡居民基本医疗保险参保率", kind: "比率", numName: "参保人数", denName: "应参保人数", op: "不低于", target: "95", weight: "15", linear: true, floor: "85", evidence: "青江县医疗保障局城乡居民医保参保统计表", lowRate: 88, highRate: 99, denMin: 900, denMax: 3200},
	{code: "V02", name: "生产安全事故", kind: "数量", unit: "起", op: "不高于", target: "0", weight: "20", evidence: "生产安全事故台账",
		value: func(t *township, u *unit, y int) string { return itoa(t.w.accidentsIn(u, y)) }},
	{code: "V03", name: "安全生产月报按时报送", kind: "数量", unit: "次", op: "不低于", target: "12", weight: "10", linear: true, floor: "8", evidence: "镇安全生产监督管理办公室月报收文登记簿",
		value: func(t *township, u *unit, y int) string { return itoa(t.onTime(u, y)) }},
	{code: "V04", name: "森林火灾", kind: "数量", unit: "起", op: "不高于", target: "0", weight: "10", evidence: "镇林业站森林火情登记",
		value: func(t *township, u *unit, y int) string { return itoa(t.rng.IntN(12) / 11) }},
	{code: "V05", name: "村集体经济经营性收入", kind: "金额", unit: "万元", op: "不低于", target: "5", weight: "15", linear: true, floor: "2", evidence: "村级财务决算报表（镇经管站审核）",
		value: func(t *township, u *unit, y int) string { return fmt.Sprintf("%d.%d", 1+t.rng.IntN(9), t.rng.IntN(10)) }},
	{code: "V06", name: "农村人居环境整治年度验收", kind: "是否", weight: "15", evidence: "镇农村人居环境整治验收意见", done: true},
	{code: "V07", name: "防汛备汛物资储备到位", kind: "是否", weight: "15", evidence: "镇防汛抗旱指挥部检查记录", done: true},
}

var schoolIndicators = []indicatorSpec{
	{code: "S01", name: "学生安全事故", kind: "数量", unit: "起", op: "不高于", target: "0", weight: "25", evidence: "学校安全事故登记簿、镇教育管理办公室核实意见",
		value: func(t *township, u *unit, y int) string { return itoa(t.rng.IntN(15) / 14) }},
	{code: "S02", name: "义务教育巩固率", kind: "比率", numName: "本届毕业学生数", denName: "本届入学学生数", op: "不低于", target: "99", weight: "20", linear: true, floor: "95", evidence: "全国中小学生学籍信息管理系统学籍变动统计", lowRate: 96, highRate: 100, denMin: 60, denMax: 320},
	{code: "S03", name: "学生体质健康测试合格率", kind: "比率", numName: "合格人数", denName: "测试人数", op: "不低于", target: "90", weight: "15", linear: true, floor: "80", evidence: "国家学生体质健康标准数据管理系统上报数据", lowRate: 84, highRate: 97, denMin: 150, denMax: 900},
	{code: "S04", name: "校园安全隐患整改率", kind: "比率", numName: "已整改隐患数", denName: "排查发现隐患数", op: "不低于", target: "100", weight: "15", evidence: "学校安全隐患排查整改台账", lowRate: 90, highRate: 100, denMin: 5, denMax: 20},
	{code: "S05", name: "防溺水安全教育覆盖率", kind: "比率", numName: "受教育学生数", denName: "在校学生数", op: "不低于", target: "100", weight: "10", evidence: "学校防溺水教育签到表", lowRate: 99, highRate: 100, denMin: 150, denMax: 900},
	{code: "S06", name: "校车安全管理责任落实", kind: "是否", weight: "15", evidence: "镇交通安全管理办公室检查记录", done: true},
}

var healthIndicators = []indicatorSpec{
	{code: "W01", name: "65岁以上老年人健康管理率", kind: "比率", numName: "体检人数", denName: "辖区65岁以上常住老年人数", op: "不低于", target: "80", weight: "20", linear: true, floor: "60", evidence: "湖南省基本公共卫生服务管理系统年度报表（老年人健康管理）", lowRate: 70, highRate: 95, denMin: 500, denMax: 1500},
	{code: "W02", name: "适龄儿童国家免疫规划疫苗接种率", kind: "比率", numName: "实种剂次", denName: "应种剂次", op: "不低于", target: "90", weight: "20", linear: true, floor: "80", evidence: "免疫规划信息管理系统年度接种率报表", lowRate: 88, highRate: 99, denMin: 800, denMax: 2000},
	{code: "W03", name: "居民电子健康档案建档率", kind: "比率", numName: "建档人数", denName: "辖区常住人口数", op: "不低于", target: "75", weight: "20", linear: true, floor: "60", evidence: "湖南省基本公共卫生服务管理系统年度报表（健康档案）", lowRate: 65, highRate: 85, denMin: 9000, denMax: 30000},
	{code: "W04", name: "高血压患者规范管理率", kind: "比率", numName: "规范管理人数", denName: "已管理高血压患者数", op: "不低于", target: "60", weight: "15", linear: true, floor: "40", evidence: "湖南省基本公共卫生服务管理系统年度报表（慢病管理）", lowRate: 50, highRate: 75, denMin: 600, denMax: 2500},
	{code: "W05", name: "孕产妇系统管理率", kind: "比率", numName: "系统管理产妇数", denName: "活产数", op: "不低于", target: "90", weight: "15", linear: true, floor: "80", evidence: "妇幼卫生年报", lowRate: 86, highRate: 99, denMin: 80, denMax: 300},
	{code: "W06", name: "医疗安全事故", kind: "数量", unit: "起", op: "不高于", target: "0", weight: "10", evidence: "卫生院医疗质量安全管理台账",
		value: func(t *township, u *unit, y int) string { return "0" }},
}

// assessedUnits are the units the target scheme ranks, with their
// indicators: villages and communities, schools, the health centre.
func (t *township) assessedUnits() []struct {
	u     *unit
	specs []indicatorSpec
} {
	var out []struct {
		u     *unit
		specs []indicatorSpec
	}
	add := func(us []*unit, specs []indicatorSpec) {
		for _, u := range us {
			out = append(out, struct {
				u     *unit
				specs []indicatorSpec
			}{u, specs})
		}
	}
	add(t.villages, villageIndicators)
	add(t.schools, schoolIndicators)
	add([]*unit{t.byKey["wsy"]}, healthIndicators)
	return out
}

// unitTargets is one unit's targets for a year and, once reported, its
// figures.
type unitTargets struct {
	t        *township
	u        *unit
	y        int
	specs    []indicatorSpec
	reported day
	figures  [][2]string // per indicator: the figures' fields, rendered
}

func (ut *unitTargets) file() string { return fmt.Sprintf("records/targets/%d/%s.yaml", ut.y, ut.u.id) }

// enterTargets adds the year's targets of the township's units to the
// commit being made: the scheme names every unit, so both are recorded at
// once.
func (t *township) enterTargets(y int) {
	for _, a := range t.assessedUnits() {
		ut := &unitTargets{t: t, u: a.u, y: y, specs: a.specs}
		t.targets[y] = append(t.targets[y], ut)
		t.w.touch(ut.file(), ut.yaml)
	}
}

// reportTargets records the figures the units reported for the year.
func (t *township) reportTargets(d day, y int) error {
	r := t.rng
	for _, ut := range t.targets[y] {
		ut.reported = d
		ut.figures = nil
		for _, s := range ut.specs {
			var f [2]string
			switch {
			case s.done:
				f = [2]string{"done", "是"}
				if r.IntN(12) == 0 {
					f[1] = "否"
				}
			case s.kind == "比率":
				den := s.denMin + r.IntN(s.denMax-s.denMin+1)
				pct := s.lowRate + r.IntN(s.highRate-s.lowRate+1)
				num := min(den, den*pct/100+r.IntN(3))
				f = [2]string{"ratio", fmt.Sprintf("%d/%d", num, den)}
			default:
				f = [2]string{"value", s.value(t, ut.u, y)}
			}
			ut.figures = append(ut.figures, f)
		}
		t.w.touch(ut.file(), ut.yaml)
	}
	return t.w.commit(d, t.clerk, fmt.Sprintf("录入%d年度目标完成情况（各村（社区）、学校、卫生院报送，镇目标办核实）", y))
}

// onTime counts the unit's monthly reports of the year received by the due
// day.
func (t *township) onTime(u *unit, y int) int {
	n := 0
	for m := (month{y, 1}); m.y == y; m = m.next() {
		for _, r := range t.reports[m] {
			if r.unit == u && !r.received.after(m.next().on(5)) {
				n++
			}
		}
	}
	return n
}

func (w *world) accidentsIn(u *unit, y int) int {
	n := 0
	for _, a := range w.accidents[y] {
		if a.unit == u {
			n++
		}
	}
	return n
}

func (ut *unitTargets) yaml() []byte {
	var d doc
	d.comment(schema(3, "target-units"))
	d.comment(fmt.Sprintf("%s%d年度目标管理责任书指标及完成情况。", ut.u.name, ut.y))
	d.kv(0, "unit", ut.u.id).kv(0, "year", itoa(ut.y)).
		kv(0, "basis", fmt.Sprintf("%s人民政府与%s%d年度目标管理责任书", ut.t.name, ut.u.name, ut.y))
	if !ut.reported.IsZero() {
		d.kv(0, "reported", ut.reported.String())
	}
	d.key(0, "indicators")
	for i, s := range ut.specs {
		d.item(2, "code", s.code).kv(4, "name", s.name).kv(4, "kind", s.kind).
			kv(4, "numerator_name", s.numName).kv(4, "denominator_name", s.denName).kv(4, "unit", s.unit).
			kv(4, "op", s.op).kv(4, "target", s.target).kv(4, "weight", s.weight)
		if s.linear {
			d.kv(4, "scoring", "比例").kv(4, "floor", s.floor)
		}
		if ut.figures == nil {
			continue
		}
		d.kv(4, "evidence", fmt.Sprintf("%s（%d年）", s.evidence, ut.y))
		switch f := ut.figures[i]; f[0] {
		case "ratio":
			num, den, _ := strings.Cut(f[1], "/")
			d.kv(4, "numerator", num).kv(4, "denominator", den)
		default:
			d.kv(4, f[0], f[1])
		}
	}
	return d.bytes()
}

// targetScheme is one year's target scheme and, once posted, its results.
type targetScheme struct {
	w      *world
	y      int
	issued day
	number string
}

func (s *targetScheme) file() string { return fmt.Sprintf("records/targets/schemes/%d.yaml", s.y) }

func (w *world) targetScheme(d day, y int) error {
	s := &targetScheme{w: w, y: y}
	w.schemes = append(w.schemes, s)
	w.touch(s.file(), s.yaml)
	for _, t := range w.tws {
		t.enterTargets(y)
	}
	return w.commit(d, w.clerk, fmt.Sprintf("录入%d年度目标管理责任考核办法（%s政发〔%d〕3号）和各村（社区）、学校、卫生院年度目标", y, w.abbr, y))
}

func (w *world) targetResults(d day, y int) error {
	for _, s := range w.schemes {
		if s.y == y {
			s.issued, s.number = d, fmt.Sprintf("%s政公〔%d〕%d号", w.abbr, d.year(), w.nextNumber())
			w.touch(s.file(), s.yaml)
		}
	}
	return w.commit(d, w.clerk, fmt.Sprintf("录入%d年度目标管理责任考核结果公示", y))
}

func (s *targetScheme) yaml() []byte {
	w := s.w
	var d doc
	d.comment(schema(3, "target-schemes"))
	d.kv(0, "year", itoa(s.y)).kv(0, "title", fmt.Sprintf("%s%d年度目标管理责任考核办法", w.org, s.y)).
		kv(0, "basis", fmt.Sprintf("%s政发〔%d〕3号", w.abbr, s.y)).kv(0, "group", strings.TrimSuffix(w.group, "绩效考核领导小组")+"目标管理考核领导小组")
	d.key(0, "groups")
	for _, g := range []struct {
		name string
		of   func(t *township) []*unit
	}{
		{"村（社区）", func(t *township) []*unit { return t.villages }},
		{"学校", func(t *township) []*unit { return t.schools }},
		{"卫生院", func(t *township) []*unit { return []*unit{t.byKey["wsy"]} }},
	} {
		d.item(2, "name", g.name).key(4, "units")
		for _, t := range w.tws {
			for _, u := range g.of(t) {
				d.str(6, u.id)
			}
		}
	}
	d.key(0, "grades")
	for _, g := range [][2]string{{"优秀", "90"}, {"良好", "80"}, {"合格", "60"}, {"不合格", "0"}} {
		d.item(2, "name", g[0]).kv(4, "min", g[1])
	}
	d.key(0, "veto").kv(2, "level", "一般").kv(2, "casualties", "true").
		kv(2, "basis", fmt.Sprintf("%s政发〔%d〕3号第十二条：辖区内发生造成人员伤亡的一般及以上生产安全事故的，年度目标考核实行一票否决", w.abbr, s.y))
	if !s.issued.IsZero() {
		d.kv(0, "issued", s.issued.String()).kv(0, "number", s.number)
		d.block(0, "notice", fmt.Sprintf("根据《%s%d年度目标管理责任考核办法》，对各村（社区）、学校和卫生院%d年度目标管理责任书完成情况进行了考核，现将考核结果予以公示。\n\n各项指标的完成数由各单位报送，经目标管理办公室核实。", w.org, s.y, s.y))
	}
	return d.bytes()
}

// annualGrades records the year's annual grades of everyone assessed in
// one of its quarters.
func (w *world) annualGrades(d day, y int) error {
	var order []string
	seen := map[string]bool{}
	for _, t := range w.tws {
		for _, p := range t.people {
			for _, aq := range w.quarters {
				if aq.q.y != y || seen[p.id] {
					continue
				}
				for _, s := range aq.sheets {
					if s.p == p {
						seen[p.id] = true
						order = append(order, p.id)
						break
					}
				}
			}
		}
	}
	var b doc
	b.comment(schema(3, "annual-grades"))
	b.comment(fmt.Sprintf("%s机关工作人员%d年度考核：依据四个季度绩效考核结果确定等次。", w.org, y))
	b.kv(0, "year", itoa(y)).kv(0, "title", fmt.Sprintf("%s机关工作人员%d年度考核", w.org, y)).
		kv(0, "basis", fmt.Sprintf("《中华人民共和国公务员法》第三十五条至第三十八条、《公务员考核规定》；青江县委组织部《关于做好%d年度公务员考核工作的通知》（青组通〔%d〕52号）", y, y)).
		kv(0, "committee", w.org+"公务员年度考核委员会").kv(0, "decided", d.add(-1).String()).kv(0, "score", "总分")
	b.key(0, "excellent").kv(2, "quota", "15").kv(2, "quota_basis", fmt.Sprintf("青组通〔%d〕52号第三条：优秀等次人数一般掌握在参加年度考核人数的15%%以内", y)).
		kv(2, "all_qualified", "true").kv(2, "ties", "[基础分, 最低季度, 末季度]")
	b.key(2, "order")
	for _, id := range order {
		b.str(4, id)
	}
	b.kv(2, "order_basis", fmt.Sprintf("%s公务员年度考核委员会%s会议纪要", w.org, d.add(-1).chinese()))
	b.kv(0, "competent", "80").kv(0, "basic", "70")
	b.key(0, "veto").kv(2, "roles", "[包村领导, 驻村干部]").kv(2, "basis", fmt.Sprintf("%s政发〔%d〕3号第十二条", w.abbr, y))
	b.kv(0, "issued", d.String()).kv(0, "number", fmt.Sprintf("%s政公〔%d〕%d号", w.abbr, d.year(), w.nextNumber()))
	b.block(0, "notice", fmt.Sprintf("经本人总结、民主测评，%s公务员年度考核委员会研究确定了机关工作人员%d年度考核等次，现予公示。\n\n年度得分为%d年四个季度绩效考核总分的平均数。", w.org, y, y))
	b.block(0, "letter", "本通知书一式两份，一份交本人，一份存入本人档案。")
	b.block(0, "review", "对考核结果有异议的，可在公示期内以书面形式实名反映。\n\n对定为不称职不服的，可以自知道之日起三十日内申请复核（《公务员法》第九十五条）。")
	data := b.bytes()
	w.touch(fmt.Sprintf("records/targets/grades/%d.yaml", y), func() []byte { return data })
	return w.commit(d, w.clerk, fmt.Sprintf("录入%d年度机关工作人员年度考核等次", y))
}
