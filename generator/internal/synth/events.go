package synth

import (
	"fmt"
	"slices"
)

// day makes the township clerk's commits of the day, if any.
func (t *township) day(d day) error {
	people, objects := nthWeekday(t.importDay, 1), nthWeekday(t.importDay, 2)
	switch {
	case d.before(t.importDay) || d.weekend():
		return nil
	case d == t.importDay:
		t.w.touch(t.unitsFile(), t.unitsYAML)
		t.w.touch(t.postsFile(), t.postsYAML)
		return t.w.commit(d, t.clerk, "录入"+t.name+"单位和职务")
	case d == people:
		for _, p := range t.people {
			t.w.touch(p.file(), p.yaml)
		}
		return t.w.commit(d, t.clerk, "录入"+t.name+"干部和村（社区）干部名册")
	case d == objects:
		for _, o := range t.objects {
			t.w.touch(o.file(), o.yaml)
		}
		if len(t.lic) > 0 {
			t.w.touch(t.licencesFile(), t.licencesYAML)
		}
		return t.w.commit(d, t.clerk, "录入"+t.name+"监管对象及其责任人、许可证")
	case d.before(objects):
		return nil
	}
	m := monthOf(d)
	if err := t.lateReports(d); err != nil {
		return err
	}
	if d == m.on(8+t.i%5).weekday() {
		if err := t.recordReports(d, m.prev()); err != nil {
			return err
		}
	}
	// The hazard ledger is brought up to date once a week.
	if int(d.t.Weekday()) == 1+t.i%5 {
		if err := t.ledger(d); err != nil {
			return err
		}
	}
	if d == date(d.year(), 2, 16+t.i%8).weekday() {
		if err := t.agreements(d, d.year()); err != nil {
			return err
		}
	}
	if y := d.year() - 1; d == date(y+1, 1, 6+t.i%5).weekday() && len(t.targets[y]) > 0 {
		if err := t.reportTargets(d, y); err != nil {
			return err
		}
	}
	if d == t.nextEvent {
		t.nextEvent = d.add(30 + t.rng.IntN(60)).weekday()
		return t.event(d)
	}
	return nil
}

// lateReports records the reports that came in late, on the day they do.
func (t *township) lateReports(d day) error {
	late := 0
	var months []month
	keep := t.pending[:0]
	for _, p := range t.pending {
		if p.received.after(d) {
			keep = append(keep, p)
			continue
		}
		t.reports[p.m] = append(t.reports[p.m], &report{unit: p.unit, m: p.m, received: p.received, cadre: t.cadreFor(p.unit, p.received), note: "逾期补报"})
		t.touchReports(p.m)
		if !slices.Contains(months, p.m) {
			months = append(months, p.m)
		}
		late++
	}
	t.pending = keep
	if late == 0 {
		return nil
	}
	return t.w.commit(d, t.clerk, fmt.Sprintf("补录%s安全生产月报%d份（逾期报送）", months[0].chinese(), late))
}

// recordReports records the monthly reports received for m.
func (t *township) recordReports(d day, m month) error {
	r := t.rng
	for _, u := range t.reporting() {
		x := r.IntN(100)
		var got day
		switch {
		case x < 82:
			got = m.next().on(1 + r.IntN(5))
		case x < 93:
			got = m.next().on(6 + r.IntN(max(1, d.dom()-6)))
		default:
			if r.IntN(5) < 3 {
				t.pending = append(t.pending, pendingReport{unit: u, m: m, received: d.add(1 + r.IntN(25))})
			}
			continue
		}
		rep := &report{unit: u, m: m, received: got, cadre: t.cadreFor(u, got)}
		if got.dom() > 5 && r.IntN(4) == 0 {
			rep.note = pick(r, []string{"驻村干部外出培训，延迟签字", "春耕生产期间延迟报送", "寒暑假期间延迟报送", "负责人出差，延迟报送"})
		}
		t.reports[m] = append(t.reports[m], rep)
	}
	t.touchReports(m)
	return t.w.commit(d, t.clerk, "录入"+m.chinese()+"安全生产月报收文登记")
}

func (t *township) touchReports(m month) {
	t.w.touch(t.reportsFile(m), func() []byte { return t.reportsYAML(m) })
}

// cadreFor is who signs a unit's report on the day: the cadre stationed in
// the village, or the office that supervises the firm or school.
func (t *township) cadreFor(u *unit, d day) *person {
	for _, o := range t.objects {
		if o.unit == u && o.category == "village" {
			if p := o.role("驻村干部").person; p != nil && p.inService(d) {
				return p
			}
		}
	}
	office := t.byKey["ajb"]
	if u.typ == "学校" {
		office = t.byKey["shb"]
	}
	if s := t.staffOf([]*unit{office}, d, d); len(s) > 0 {
		return s[int(d.t.Unix()/86400)%len(s)]
	}
	return t.staffOf(t.offices, d, d)[0]
}

var hazardTexts = map[string][]string{
	"vessel":         {"救生衣数量少于核定载客人数", "船体锈蚀，舱底渗水", "未按规定配备灭火器", "驾驶员证书过期仍在驾驶", "超载搭客"},
	"vehicle":        {"轮胎磨损超过安全标准", "未按期进行安全技术检验", "车内灭火器过期", "驾驶员疲劳驾驶记录"},
	"enterprise":     {"配电箱无漏电保护装置", "消防通道堆放杂物", "特种作业人员无证上岗", "机械传动部位无防护罩"},
	"mine":           {"开采边坡台阶高度超过设计", "爆破器材库房管理台账不全", "排土场截排水沟堵塞"},
	"chemical-shop":  {"储罐区防雷检测过期", "静电接地装置损坏", "应急预案未演练"},
	"fireworks-shop": {"店内超量储存烟花爆竹", "未设置禁止烟火标志", "与居民住宅安全距离不足"},
	"school":         {"教学楼楼梯扶手松动", "食堂燃气管道老化", "围墙局部开裂", "校车接送登记不全"},
	"village":        {"村道临水临崖路段缺少护栏", "山塘堤坝渗漏", "危旧房屋仍有人居住", "村级消防池无水"},
	"dock":           {"趸船护栏锈蚀松动", "码头照明设施损坏", "候船区无安全警示标志"},
	"hazard-point":   {"滑坡体后缘裂缝扩大", "排水沟堵塞，坡面积水", "监测桩被破坏"},
}

var measureTexts = []string{
	"立即停止相关作业，设置警示标志，按方案整改后经验收方可恢复。",
	"限期更换、补齐设施设备，整改期间专人看守。",
	"委托有资质单位出具整改方案，按方案整改并复查。",
}

// ledger updates the hazard ledger at the end of the week: what was
// rectified and re-inspected since, the hazards found this week, and the
// supervision notices for those overdue.
func (t *township) ledger(d day) error {
	r, w := t.rng, t.w
	withNotices := false
	for _, h := range t.hazards {
		if h.duplicate {
			if !h.deleted {
				w.remove(h.file())
				h.deleted = true
			}
			continue
		}
		changed := false
		if h.rectified.IsZero() && !h.planRectified.IsZero() && !h.planRectified.after(d) {
			h.rectified, changed = h.planRectified, true
		}
		if !h.rectified.IsZero() && h.reinspected.IsZero() && !h.planReinspected.IsZero() && !h.planReinspected.after(d) {
			h.reinspected, h.inspector, changed = h.planReinspected, t.inspector(h.obj, h.planReinspected), true
		}
		if changed {
			w.touch(h.file(), h.yaml)
		}
		if n := h.notice; n != nil && n.closed.IsZero() && !h.rectified.IsZero() {
			n.closed = maxDay(h.rectified, n.issued)
			w.touch(n.file(), n.yaml)
		}
	}
	for range 1 + r.IntN(6) {
		found := d.add(-r.IntN(7))
		objs := t.activeObjects(found)
		o := pick(r, objs)
		h := &hazard{
			id: fmt.Sprintf("%s-%d-%03d", t.id, found.year(), t.next(fmt.Sprint("hazard", found.year()))), obj: o, found: found,
			finder: t.inspector(o, found), level: "一般", description: pick(r, hazardTexts[o.category]),
		}
		days := 7 + r.IntN(24)
		if r.IntN(12) == 0 {
			h.level, days = "重大", 30+r.IntN(31)
			h.measures = pick(r, measureTexts)
		} else if r.IntN(2) == 0 {
			h.measures = pick(r, measureTexts)
		}
		h.deadline = found.add(days)
		switch x := r.IntN(100); {
		case x < 82:
			h.planRectified = found.add(1 + r.IntN(days))
		case x < 95:
			h.planRectified = h.deadline.add(3 + r.IntN(40))
		}
		if !h.planRectified.IsZero() && r.IntN(10) > 0 {
			h.planReinspected = h.planRectified.add(2 + r.IntN(9))
		}
		t.hazards = append(t.hazards, h)
		w.touch(h.file(), h.yaml)
		if r.IntN(60) == 0 { // entered twice by mistake, deleted next week
			dup := *h
			dup.id = fmt.Sprintf("%s-%d-%03d", t.id, found.year(), t.next(fmt.Sprint("hazard", found.year())))
			dup.duplicate, dup.planRectified, dup.planReinspected = true, day{}, day{}
			t.hazards = append(t.hazards, &dup)
			w.touch(dup.file(), dup.yaml)
		}
	}
	for _, h := range t.hazards {
		if h.duplicate || !h.rectified.IsZero() || h.notice != nil || !h.deadline.before(d) {
			continue
		}
		n := &notice{
			id: fmt.Sprintf("%s-%d-db%02d", t.id, d.year(), t.next(fmt.Sprint("db", d.year()))), kind: "督办通知",
			number: t.doc("安办督", d.year()), issued: d, deadline: d.add(10 + r.IntN(6)),
			subject: h.description + "逾期未整改，限期整改到位", obj: h.obj, hazard: h,
		}
		if h.obj.category == "village" || h.obj.category == "hazard-point" || h.obj.category == "dock" {
			n.toUnit = h.obj.unit
		} else {
			n.toObject = h.obj
		}
		h.notice = n
		t.notices = append(t.notices, n)
		w.touch(n.file(), n.yaml)
		withNotices = true
	}
	if r.IntN(24) == 0 {
		if objs := t.activeObjects(d, "vessel", "vehicle"); len(objs) > 0 {
			o := pick(r, objs)
			n := &notice{
				id:   fmt.Sprintf("%s-%d-gj%02d", t.id, d.year(), t.next(fmt.Sprint("gj", d.year()))),
				kind: "安全告诫", number: t.doc("安办告", d.year()), toObject: o, issued: d, obj: o,
				subject: pick(r, []string{"汛期违规搭载乘客", "未按规定参加安全培训", "节假日期间超员运输", "未按时参加年度安全检验"}),
			}
			t.notices = append(t.notices, n)
			w.touch(n.file(), n.yaml)
			withNotices = true
		}
	}
	msg := "更新事故隐患排查整改台账（" + d.chinese() + "）"
	if withNotices {
		msg += "，下发督办通知和安全告诫"
	}
	if err := w.commit(d, t.clerk, msg); err != nil {
		return err
	}
	return t.renewLicences(d)
}

// inspector is who inspects an object on the day: its supervising unit's
// staff, or the safety office's.
func (t *township) inspector(o *object, d day) *person {
	for _, u := range []*unit{o.supervisor, t.byKey["ajb"]} {
		if u == nil {
			continue
		}
		if s := t.staffOf([]*unit{u}, d, d); len(s) > 0 {
			return s[(len(o.id)+d.dom())%len(s)]
		}
	}
	return t.staffOf(t.offices, d, d)[0]
}

func (t *township) renewLicences(d day) error {
	var renewed []string
	for i, l := range t.lic {
		if l.expiry.after(d.add(30)) || !l.holder.active(d) {
			continue
		}
		for _, k := range licenceKinds[l.holder.category] {
			if k.kind == l.kind {
				t.lic[i] = t.newLicence(l.holder, k.kind, k.issuer, k.prefix, d)
				renewed = append(renewed, l.holder.name+l.kind)
			}
		}
	}
	if len(renewed) == 0 {
		return nil
	}
	t.w.touch(t.licencesFile(), t.licencesYAML)
	return t.w.commit(d, t.clerk, "更新许可证：换发"+renewed[0]+map[bool]string{true: "等", false: ""}[len(renewed) > 1])
}

var agreementTargets = map[string][]string{
	"综合": {"杜绝较大及以上生产安全事故，一般事故起数比上年下降", "每月开展一次安全隐患排查，按时报送安全生产月报", "汛期落实地质灾害、水上交通巡查和值班制度"},
	"专业": {"船舶（车辆）持证经营，按核定人数载客", "每航次（趟次）出发前开展安全检查", "恶劣天气停航（停运）"},
	"专项": {"落实联系领导每月检查制度", "节假日和汛期专项整治", "发现隐患立即整改，不能立即整改的停止营运"},
}

// agreements records the year's responsibility agreements, signed level by
// level since the new year.
func (t *township) agreements(d day, y int) error {
	r := t.rng
	signed := func() day {
		from := date(y, 1, 10)
		if from.before(t.importDay) {
			from = t.importDay
		}
		return from.add(r.IntN(max(1, int(d.t.Sub(from.t).Hours()/24)))).weekday()
	}
	var as []*agreement
	add := func(kind string, level int, a, b party, contact *post) {
		if b.object != nil && r.IntN(40) == 0 {
			return // not signed this year: the coverage list shows it
		}
		bn := ""
		switch {
		case b.object != nil:
			bn = b.object.name
		case b.unit != nil:
			bn = b.unit.name
		default:
			bn = b.post.title
		}
		s := signed()
		if s.after(d) {
			s = d
		}
		x := &agreement{
			year: y, id: fmt.Sprintf("%s-%d-%03d", t.id, y, len(as)+1), kind: kind, level: level, a: a, b: b, signed: s,
			contact: contact, targets: agreementTargets[kind],
		}
		switch kind {
		case "综合":
			x.name = fmt.Sprintf("%d年度安全生产目标管理责任书（%s）", y, bn)
		default:
			x.name = fmt.Sprintf("%d年度%s安全生产责任书（%s）", y, kind, bn)
		}
		as = append(as, x)
	}
	zf := party{unit: t.zf}
	active := func(cats ...string) []*object {
		var out []*object
		for _, o := range t.objects {
			if slices.Contains(cats, o.category) && o.activeYear(y) && (o.from.IsZero() || !o.from.after(d)) {
				out = append(out, o)
			}
		}
		return out
	}
	for _, o := range active("village", "enterprise", "mine", "chemical-shop", "fireworks-shop", "school") {
		add("综合", 1, zf, party{object: o}, nil)
	}
	for _, o := range active("vessel", "vehicle") {
		add("专项", 1, zf, party{object: o}, t.postBy["fuzhenzhang-jiaotong"])
	}
	for _, o := range active("mine") {
		add("专项", 1, zf, party{object: o}, t.postBy["fuzhenzhang-anquan"])
	}
	mayor := party{post: t.postBy["zhenzhang"]}
	for _, k := range []string{"fuzhenzhang-anquan", "fuzhenzhang-nongye", "fuzhenzhang-jiaotong"} {
		add("综合", 1, mayor, party{post: t.postBy[k]}, nil)
	}
	add("综合", 2, party{post: t.postBy["fuzhenzhang-jiaotong"]}, party{unit: t.byKey["cgz"]}, nil)
	add("综合", 2, party{post: t.postBy["fuzhenzhang-nongye"]}, party{unit: t.byKey["swz"]}, nil)
	cgzSigned, swzSigned := false, false
	for _, a := range as {
		cgzSigned = cgzSigned || a.b.unit == t.byKey["cgz"]
		swzSigned = swzSigned || a.b.unit == t.byKey["swz"]
	}
	for _, o := range active("vessel") {
		if cgzSigned {
			add("专业", 3, party{unit: t.byKey["cgz"]}, party{object: o}, nil)
		}
	}
	for _, o := range active("vehicle") {
		if swzSigned {
			add("专业", 3, party{unit: t.byKey["swz"]}, party{object: o}, nil)
		}
	}
	t.agreed[y] = as
	for _, a := range as {
		t.w.touch(a.file(), a.yaml)
	}
	return t.w.commit(d, t.clerk, fmt.Sprintf("录入%d年度安全生产责任书（镇与村、企业、学校，镇长与分管领导，分管领导与站所，站所与船主、车主，专项责任书）", y))
}

// event is one of the changes that happen a few times a year: people
// rotate, leave and arrive, objects come and go, the clerk corrects a
// mistake.
func (t *township) event(d day) error {
	r, w := t.rng, t.w
	x := r.IntN(20)
	switch {
	case x < 4:
		return t.rotate(d)
	case x < 9:
		return t.transfer(d, t.offices, t.stations)
	case x < 11:
		return t.transfer(d, t.villages)
	case x < 12:
		return t.changeLeader(d)
	case x < 14:
		docks := t.activeObjects(d, "dock")
		if len(docks) > 0 && r.IntN(2) == 0 {
			o := t.newVessel(docks, d)
			t.objects = append(t.objects, o)
			w.touch(o.file(), o.yaml)
			return w.commit(d, t.clerk, "新增船舶"+o.name+"纳入监管")
		}
		o := t.newVehicle(d)
		t.objects = append(t.objects, o)
		w.touch(o.file(), o.yaml)
		return w.commit(d, t.clerk, "新增客运车辆"+o.name+"纳入监管")
	case x < 16:
		objs := t.activeObjects(d, "vessel", "vehicle")
		if len(objs) < 3 {
			return nil
		}
		o := pick(r, objs)
		if o.to.IsZero() && r.IntN(2) == 0 {
			o.to = d.add(r.IntN(10))
			w.touch(o.file(), o.yaml)
			return w.commit(d, t.clerk, o.name+"报废，退出监管")
		}
		o.owner, o.ownerPhone = pick(r, ownerNames), mobile(r)
		o.role("日常安全管理人").holder = o.owner
		w.touch(o.file(), o.yaml)
		return w.commit(d, t.clerk, o.name+"业主变更为"+o.owner)
	case x < 18:
		p := pick(r, t.people)
		if !p.inService(d) {
			return nil
		}
		p.phone = mobile(r)
		w.touch(p.file(), p.yaml)
		return w.commit(d, t.clerk, "更正"+p.name+"联系电话")
	default:
		objs := t.activeObjects(d, "vessel", "vehicle", "enterprise", "school")
		o := pick(r, objs)
		o.note = pick(r, []string{"已完成年度安全检验。", "汛期停靠上游避风。", "2025年更换新船体。", "节假日加密班次。"})
		w.touch(o.file(), o.yaml)
		return w.commit(d, t.clerk, "补充"+o.name+"备注")
	}
}

// rotate swaps two deputies' portfolios from the first of next month.
func (t *township) rotate(d day) error {
	keys := []string{"fuzhenzhang-anquan", "fuzhenzhang-nongye", "fuzhenzhang-jiaotong", "zuzhi-weiyuan", "xuanchuan-weiyuan"}
	i := t.rng.IntN(len(keys))
	j := (i + 1 + t.rng.IntN(len(keys)-1)) % len(keys)
	pa, pb := t.postBy[keys[i]], t.postBy[keys[j]]
	from := monthOf(d).next().first()
	a, b := t.holder(pa, d), t.holder(pb, d)
	if a == nil || b == nil || t.holder(pa, from) != a || t.holder(pb, from) != b || !a.left.IsZero() || !b.left.IsZero() {
		return nil
	}
	basis := t.doc("政发", d.year())
	for _, x := range []struct {
		p        *person
		old, new *post
	}{{a, pa, pb}, {b, pb, pa}} {
		for _, tn := range x.p.tenures {
			if tn.post == x.old && tn.to.IsZero() {
				tn.to = from.add(-1)
			}
		}
		t.appoint(x.p, x.new, from, basis)
		t.w.touch(x.p.file(), x.p.yaml)
	}
	return t.w.commit(d, t.clerk, fmt.Sprintf("调整领导班子成员分工：自%s起%s任%s，%s任%s", from.chinese(), a.name, pb.title, b.name, pa.title))
}

// transfer moves someone out of one of the units and appoints a successor
// from a day in the coming weeks; the people-held roles of the one leaving
// pass to colleagues at once.
func (t *township) transfer(d day, groups ...[]*unit) error {
	var units []*unit
	for _, g := range groups {
		units = append(units, g...)
	}
	from := d.add(7 + t.rng.IntN(24)).weekday()
	var cands []*person
	for _, p := range t.people {
		if slices.Contains(units, p.unit) && p.inService(d) && p.left.IsZero() && len(p.holding(d)) == 1 && len(p.holding(from)) == 1 {
			cands = append(cands, p)
		}
	}
	if len(cands) == 0 {
		return nil
	}
	leaver := pick(t.rng, cands)
	tn := leaver.holding(d)[0]
	return t.succeed(d, from, leaver, tn)
}

func (t *township) succeed(d, from day, leaver *person, tn *tenure) error {
	tn.to = from.add(-1)
	leaver.left = from.add(-1)
	next := t.newPerson(leaver.unit, leaver.staff, from)
	basis := t.doc("政发", d.year())
	if tn.post.rank == rankVillage {
		basis = fmt.Sprintf("%s补选", tn.post.unit.name)
	}
	t.appoint(next, tn.post, from, basis)
	t.w.touch(leaver.file(), leaver.yaml)
	t.w.touch(next.file(), next.yaml)
	for _, o := range t.objects {
		for i := range o.roles {
			if o.roles[i].person != leaver {
				continue
			}
			group := append(slices.Clone(t.offices), t.stations...)
			if o.roles[i].name == "现场检查员" {
				group = []*unit{t.byKey["cgz"]}
			}
			staff := t.staffOf(group, d, end)
			if len(staff) == 0 {
				staff = t.staffOf(append(slices.Clone(t.offices), t.stations...), d, end)
			}
			o.roles[i].person = staff[(len(o.id)+i)%len(staff)]
			t.w.touch(o.file(), o.yaml)
		}
	}
	return t.w.commit(d, t.clerk, fmt.Sprintf("%s调离，%s自%s起任%s", leaver.name, next.name, from.chinese(), tn.post.title))
}

// changeLeader replaces the mayor or the party secretary.
func (t *township) changeLeader(d day) error {
	p := t.postBy[pick(t.rng, []string{"zhenzhang", "shuji", "renda-zhuxi"})]
	from := d.add(5 + t.rng.IntN(20)).weekday()
	h := t.holder(p, d)
	if h == nil || t.holder(p, from) != h || !h.left.IsZero() {
		return nil
	}
	for _, tn := range h.tenures {
		if tn.post == p && tn.to.IsZero() {
			return t.succeed(d, from, h, tn)
		}
	}
	return nil
}
