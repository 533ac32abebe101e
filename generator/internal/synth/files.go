package synth

import (
	"fmt"
	"strings"
)

// The record files, rendered from the simulation's state in the layout
// and style of the sample township's records.

func schema(depth int, name string) string {
	return "yaml-language-server: $schema=" + strings.Repeat("../", depth) + "generator/schema/" + name + ".json"
}

func (w *world) townshipFile() []byte {
	var d doc
	d.comment(schema(1, "township"))
	d.comment(w.org + "（合成的测试数据，用于测量 gongshi 的速度）：公示落款、受理异议的方式。")
	d.kv(0, "name", w.org).kv(0, "organ", w.organ)
	if !w.county {
		d.kv(0, "county", "青江县")
	}
	office := "党政综合办公室"
	if w.county {
		office = "县人民政府办公室"
	}
	d.kv(0, "address", w.org+"人民路1号").kv(0, "postcode", q("415600"))
	d.key(0, "objection").kv(2, "office", office).kv(2, "address", w.org+"人民路1号"+office).
		kv(2, "phone", "0745-7600001").kv(2, "email", "gongshi@"+strings.ToLower(strings.SplitN(w.clerk.email, "@", 2)[1])).
		kv(2, "hours", "工作日 上午8:30—12:00，下午2:30—5:30")
	d.key(0, "publicity").kv(2, "working_days", "5").kv(2, "count_first_day", "false").
		kv(2, "basis", "参照《党政领导干部选拔任用工作条例》第四十一条，公示期不少于五个工作日；发布当日不计入（《民法典》第二百零一条）。")
	d.block(0, "intro", w.organ+"依法公开绩效考核结果和安全生产责任。\n本站每一项内容都来自档案记录，每一次修改都有记录可查。")
	return d.bytes()
}

var calendars = map[int]struct {
	source   string
	holidays [][3]string
	workdays [][2]string
}{
	2024: {"国务院办公厅关于2024年部分节假日安排的通知（国办发明电〔2023〕7号）", [][3]string{
		{"元旦", "2024-01-01", "2024-01-01"}, {"春节", "2024-02-10", "2024-02-17"}, {"清明节", "2024-04-04", "2024-04-06"},
		{"劳动节", "2024-05-01", "2024-05-05"}, {"端午节", "2024-06-08", "2024-06-10"}, {"中秋节", "2024-09-15", "2024-09-17"},
		{"国庆节", "2024-10-01", "2024-10-07"}},
		[][2]string{{"2024-02-04", "春节"}, {"2024-02-18", "春节"}, {"2024-04-07", "清明节"}, {"2024-04-28", "劳动节"},
			{"2024-05-11", "劳动节"}, {"2024-09-14", "中秋节"}, {"2024-09-29", "国庆节"}, {"2024-10-12", "国庆节"}}},
	2025: {"国务院办公厅关于2025年部分节假日安排的通知（国办发明电〔2024〕12号）", [][3]string{
		{"元旦", "2025-01-01", "2025-01-01"}, {"春节", "2025-01-28", "2025-02-04"}, {"清明节", "2025-04-04", "2025-04-06"},
		{"劳动节", "2025-05-01", "2025-05-05"}, {"端午节", "2025-05-31", "2025-06-02"}, {"国庆节、中秋节", "2025-10-01", "2025-10-08"}},
		[][2]string{{"2025-01-26", "春节"}, {"2025-02-08", "春节"}, {"2025-04-27", "劳动节"}, {"2025-09-28", "国庆节、中秋节"}, {"2025-10-11", "国庆节、中秋节"}}},
	2026: {"国务院办公厅关于2026年部分节假日安排的通知（国办发明电〔2025〕7号）", [][3]string{
		{"元旦", "2026-01-01", "2026-01-03"}, {"春节", "2026-02-15", "2026-02-23"}, {"清明节", "2026-04-04", "2026-04-06"},
		{"劳动节", "2026-05-01", "2026-05-05"}, {"端午节", "2026-06-19", "2026-06-21"}, {"中秋节", "2026-09-25", "2026-09-27"},
		{"国庆节", "2026-10-01", "2026-10-07"}},
		[][2]string{{"2026-01-04", "元旦"}, {"2026-02-14", "春节"}, {"2026-02-28", "春节"}, {"2026-05-09", "劳动节"}, {"2026-09-20", "国庆节"}, {"2026-10-10", "国庆节"}}},
}

func calendarFile(y int) []byte {
	c := calendars[y]
	var d doc
	d.comment(schema(2, "calendar"))
	d.comment(fmt.Sprintf("%d年放假和调休上班日期。", y))
	d.kv(0, "year", itoa(y)).kv(0, "source", c.source)
	d.key(0, "holidays")
	for _, h := range c.holidays {
		d.item(2, "name", h[0]).kv(4, "from", h[1]).kv(4, "to", h[2])
	}
	d.key(0, "workdays")
	for _, x := range c.workdays {
		d.item(2, "date", x[0]).kv(4, "for", x[1])
	}
	return d.bytes()
}

const noticeTemplate = `根据《{{.考核办法}}》（{{.办法文号}}），经{{.考核机构}}考核，现将{{.季度}}机关工作人员绩效考核结果予以公示。

一、考核情况。本季度参加考核{{.考核人数}}人，合格{{.合格人数}}人{{if gt .不合格人数 0}}，不合格{{.不合格人数}}人（不合格的不发放绩效工资）{{end}}。各人得分和绩效工资见下表，每一项扣分、加分的事由和依据列在个人考核页。

二、绩效资金。本季度绩效资金总额{{.资金总额}}元，发放{{.发放总额}}元，结余{{.结余}}元；人均{{.人均}}元，最高{{.最高}}元，最低{{.最低}}元。

三、公示时间。{{.公示开始}}至{{.公示截止}}，共{{.工作日数}}个工作日{{if .截止日暂定}}（次年节假日安排公布后可能调整）{{end}}。

四、意见反映。公示期间，对公示结果有异议的，请以书面形式实名向{{.受理科室}}反映，地址：{{.受理地址}}，电话：{{.受理电话}}，受理时间：{{.受理时间}}。公示期满无异议的，报{{.报送单位}}审核发放。
`

func (w *world) schemeFile(y int) []byte {
	var d doc
	d.comment(schema(3, "assess-schemes"))
	d.comment(fmt.Sprintf("%s机关工作人员绩效考核办法（%d年）。", w.org, y))
	d.kv(0, "id", q(itoa(y))).kv(0, "title", w.org+"机关工作人员季度绩效考核办法").
		kv(0, "basis", fmt.Sprintf("%s委发〔%d〕3号", w.abbr, y)).kv(0, "from", fmt.Sprintf("%d-01-01", y)).kv(0, "group", w.group)
	d.key(0, "scope").kv(2, "staff", "[公务员, 参公管理]").kv(2, "ranks", "[班子成员, 中层正职, 一般干部]")
	value := "15"
	if y >= 2026 {
		value = "16"
	}
	d.kv(0, "monthly", "500").kv(0, "point_value", value).kv(0, "pass_mark", "80").kv(0, "pass_on", "base").
		kv(0, "bonus_cap", "20").kv(0, "over_pool", "allow")
	d.key(0, "items")
	for _, it := range [][3]string{{"public", "公共职责", "30"}, {"post", "岗位职责", "40"}, {"attendance", "出勤", "10"}, {"tasks", "领导交办工作", "20"}} {
		d.item(2, "code", it[0]).kv(4, "name", it[1]).kv(4, "max", it[2])
	}
	d.key(0, "indicators")
	for _, ind := range indicators {
		d.item(2, "code", ind.code).kv(4, "item", ind.item).kv(4, "name", ind.name).kv(4, "points", ind.points).
			kv(4, "unit", ind.unit).kv(4, "evidence", "true")
	}
	d.key(0, "publicity").kv(2, "working_days", "5").kv(2, "basis", "公示期五个工作日，发布当日不计入。")
	d.kv(0, "report_to", "青江县财政局")
	d.block(0, "notice", noticeTemplate)
	return d.bytes()
}

func (w *world) settingsFile() []byte {
	var d doc
	d.comment(schema(2, "safety-settings"))
	d.key(0, "reports").kv(2, "from", "2024-01").kv(2, "due_in", "次月").kv(2, "due_day", "5").
		kv(2, "unit_types", "[村委会, 居委会, 企业, 学校]").
		kv(2, "basis", w.org+"安全生产月报制度（"+w.abbr+"安委〔2024〕1号）：各村（居）、企业、学校于次月5日前报送上月安全生产月报")
	d.kv(0, "licence_warning_days", "30")
	return d.bytes()
}

// categories: id, name, lead, agreements, licences, roles (name, ranks).
var categories = []struct {
	id, name, lead, agreements string
	licences                   []string
	roles                      [][2]string
}{
	{"vessel", "船舶", "包船责任人", "[专业, 专项]", nil, [][2]string{{"第一责任人", ""}, {"第二责任人", ""}, {"包船责任人", "[主要领导, 班子成员]"}, {"村委会责任人", ""}, {"日常安全管理人", ""}, {"现场检查员", ""}}},
	{"vehicle", "客运车辆", "包车责任人", "[专业, 专项]", nil, [][2]string{{"第一责任人", ""}, {"第二责任人", ""}, {"包车责任人", "[主要领导, 班子成员]"}, {"村委会责任人", ""}, {"日常安全管理人", ""}, {"监管站所负责人", ""}}},
	{"enterprise", "企业", "包企领导", "[综合]", nil, [][2]string{{"企业主要负责人", ""}, {"包企领导", "[主要领导, 班子成员]"}, {"安全监管员", ""}}},
	{"mine", "非煤矿山", "包企领导", "[综合, 专项]", []string{"安全生产许可证", "采矿许可证"}, [][2]string{{"企业主要负责人", ""}, {"包企领导", "[主要领导, 班子成员]"}, {"安全监管员", ""}}},
	{"chemical-shop", "危险化学品经营单位", "包企领导", "[综合]", []string{"危险化学品经营许可证"}, [][2]string{{"经营负责人", ""}, {"包企领导", "[主要领导, 班子成员]"}, {"安全监管员", ""}}},
	{"fireworks-shop", "烟花爆竹经营单位", "包企领导", "[综合]", []string{"烟花爆竹经营（零售）许可证"}, [][2]string{{"经营负责人", ""}, {"包企领导", "[主要领导, 班子成员]"}, {"安全监管员", ""}}},
	{"school", "学校", "包校领导", "[综合]", nil, [][2]string{{"校长", ""}, {"包校领导", "[主要领导, 班子成员]"}}},
	{"village", "村（社区）", "包村领导", "[综合]", nil, [][2]string{{"村级第一责任人", ""}, {"包村领导", "[主要领导, 班子成员]"}, {"驻村干部", ""}}},
	{"dock", "码头", "包码头领导", "", nil, [][2]string{{"码头负责人", ""}, {"包码头领导", "[主要领导, 班子成员]"}, {"现场检查员", ""}}},
	{"hazard-point", "地质灾害隐患点", "包点领导", "", nil, [][2]string{{"包点领导", "[主要领导, 班子成员]"}, {"村级责任人", ""}, {"监测员", ""}}},
}

func categoriesFile() []byte {
	var d doc
	d.comment(schema(2, "safety-categories"))
	d.comment("监管对象类别：每类对象必须明确的责任人（按标牌顺序）、必须签订的责任书和必须持有的许可证。")
	d.key(0, "categories")
	for _, c := range categories {
		d.item(2, "id", c.id).kv(4, "name", c.name).kv(4, "lead", c.lead).kv(4, "agreements", c.agreements)
		if len(c.licences) > 0 {
			d.kv(4, "licences", "["+strings.Join(c.licences, ", ")+"]")
		}
		d.key(4, "roles")
		for _, r := range c.roles {
			d.item(6, "name", r[0]).kv(8, "ranks", r[1])
		}
	}
	return d.bytes()
}

func (t *township) unitsFile() string { return "records/units/" + t.id + ".yaml" }
func (t *township) postsFile() string { return "records/posts/" + t.id + ".yaml" }
func (t *township) licencesFile() string {
	return "records/safety/licences/" + t.id + ".yaml"
}
func (t *township) reportsFile(m month) string {
	return "records/safety/reports/" + t.id + "-" + m.String() + ".yaml"
}

// file is where an agreement is kept: one file each, as each is a signed
// document of its own.
func (a *agreement) file() string { return "records/safety/agreements/" + a.id + ".yaml" }

func (t *township) unitsYAML() []byte {
	var d doc
	d.comment(schema(2, "units"))
	d.comment(t.name + "机关内设机构、站所、村（社区）、企业和学校。")
	d.key(0, "units")
	for _, u := range t.units {
		d.item(2, "id", u.id).kv(4, "name", u.name).kv(4, "type", u.typ)
		if u.parent != nil {
			d.kv(4, "parent", u.parent.id)
		}
		d.kv(4, "address", u.address).kv(4, "phone", u.phone)
	}
	return d.bytes()
}

func (t *township) postsYAML() []byte {
	var d doc
	d.comment(schema(2, "posts"))
	d.comment(t.name + "领导职务、站所和村（社区）职务。")
	d.key(0, "posts")
	for _, p := range t.posts {
		d.item(2, "id", p.id).kv(4, "title", p.title).kv(4, "unit", p.unit.id).kv(4, "rank", p.rank)
		if p.seats > 1 {
			d.kv(4, "seats", itoa(p.seats))
		}
		d.kv(4, "duties", p.duties)
	}
	return d.bytes()
}

func (p *person) yaml() []byte {
	var d doc
	d.comment(schema(2, "people"))
	d.comment(p.tw.name + "人员档案。电话、身份证号、家庭住址仅作档案，网站不公开。")
	d.key(0, "people")
	d.item(2, "id", p.id).kv(4, "name", p.name).kv(4, "gender", p.gender).kv(4, "unit", p.unit.id).kv(4, "staff", p.staff)
	d.key(4, "posts")
	for _, t := range p.tenures {
		d.item(6, "post", t.post.id).kv(8, "from", t.from.String())
		if !t.to.IsZero() {
			d.kv(8, "to", t.to.String())
		}
		d.kv(8, "basis", t.basis)
	}
	if !p.joined.IsZero() {
		d.kv(4, "joined", p.joined.String())
	}
	if !p.left.IsZero() {
		d.kv(4, "left", p.left.String())
	}
	d.kv(4, "phone", q(p.phone)).kv(4, "id_number", q(p.idNumber)).kv(4, "home_address", p.home)
	return d.bytes()
}

func (o *object) yaml() []byte {
	var d doc
	d.comment(schema(3, "safety-objects"))
	d.key(0, "objects")
	d.item(2, "id", o.id).kv(4, "name", o.name).kv(4, "category", o.category).kv(4, "unit", o.unit.id)
	if o.village != nil {
		d.kv(4, "village", o.village.id)
	}
	d.kv(4, "location", o.location)
	if o.supervisor != nil {
		d.kv(4, "supervisor", o.supervisor.id)
	}
	if o.dock != nil {
		d.kv(4, "dock", o.dock.id)
	}
	if o.number != "" {
		d.kv(4, "number", q(o.number))
	}
	if o.capacity > 0 {
		d.kv(4, "capacity", itoa(o.capacity))
	}
	if !o.from.IsZero() {
		d.kv(4, "from", o.from.String())
	}
	if !o.to.IsZero() {
		d.kv(4, "to", o.to.String())
	}
	if o.owner != "" {
		d.kv(4, "owner", "{name: "+o.owner+", phone: "+q(o.ownerPhone)+"}")
	}
	d.kv(4, "note", o.note)
	d.key(4, "roles")
	for _, r := range o.roles {
		switch {
		case r.post != nil:
			d.kv(6, r.name, "{post: "+r.post.id+"}")
		case r.person != nil:
			d.kv(6, r.name, "{person: "+r.person.id+"}")
		default:
			d.kv(6, r.name, "{name: "+r.holder+"}")
		}
	}
	return d.bytes()
}

func (h *hazard) yaml() []byte {
	var d doc
	d.comment(schema(3, "safety-hazards"))
	d.key(0, "hazards")
	d.item(2, "id", q(h.id)).kv(4, "object", h.obj.id).kv(4, "found", h.found.String())
	if h.finder != nil {
		d.kv(4, "finder", h.finder.id)
	}
	d.kv(4, "level", h.level).kv(4, "description", h.description).kv(4, "measures", h.measures).kv(4, "deadline", h.deadline.String())
	if !h.rectified.IsZero() {
		d.kv(4, "rectified", h.rectified.String())
	}
	if !h.reinspected.IsZero() {
		d.kv(4, "reinspected", h.reinspected.String()).kv(4, "inspector", h.inspector.id)
	}
	return d.bytes()
}

func (n *notice) yaml() []byte {
	var d doc
	d.comment(schema(3, "safety-notices"))
	d.key(0, "notices")
	d.item(2, "id", q(n.id)).kv(4, "kind", n.kind).kv(4, "number", n.number)
	if n.toUnit != nil {
		d.kv(4, "to", "{unit: "+n.toUnit.id+"}")
	} else {
		d.kv(4, "to", "{object: "+n.toObject.id+"}")
	}
	d.kv(4, "issued", n.issued.String())
	if !n.deadline.IsZero() {
		d.kv(4, "deadline", n.deadline.String())
	}
	d.kv(4, "subject", n.subject).kv(4, "object", n.obj.id)
	if n.hazard != nil {
		d.kv(4, "hazard", q(n.hazard.id))
	}
	if !n.closed.IsZero() {
		d.kv(4, "closed", n.closed.String())
	}
	return d.bytes()
}

func (t *township) reportsYAML(m month) []byte {
	var d doc
	d.comment(schema(3, "safety-reports"))
	d.comment(t.name + m.chinese() + "安全生产月报收文登记。次月5日（含）前收到为按时。")
	d.key(0, "reports")
	for _, r := range t.reports[m] {
		s := "{unit: " + r.unit.id + ", month: " + r.m.String() + ", received: " + r.received.String() + ", cadre: " + r.cadre.id
		if r.note != "" {
			s += ", note: " + r.note
		}
		d.str(2, s+"}")
	}
	return d.bytes()
}

func (p party) yaml() string {
	switch {
	case p.object != nil:
		return "{object: " + p.object.id + "}"
	case p.post != nil:
		return "{post: " + p.post.id + "}"
	}
	return "{unit: " + p.unit.id + "}"
}

func (a *agreement) yaml() []byte {
	var d doc
	d.comment(schema(3, "safety-agreements"))
	d.key(0, "agreements")
	d.item(2, "id", q(a.id)).kv(4, "name", a.name).kv(4, "year", itoa(a.year)).kv(4, "kind", a.kind).kv(4, "level", itoa(a.level)).
		kv(4, "a", a.a.yaml()).kv(4, "b", a.b.yaml()).kv(4, "signed", a.signed.String())
	if a.contact != nil {
		d.kv(4, "contact", "{post: "+a.contact.id+"}")
	}
	d.key(4, "targets")
	for _, x := range a.targets {
		d.str(6, x)
	}
	return d.bytes()
}

func (t *township) licencesYAML() []byte {
	var d doc
	d.comment(schema(3, "safety-licences"))
	d.comment(t.name + "非煤矿山、危险化学品和烟花爆竹经营单位持有的许可证。")
	d.key(0, "licences")
	for _, l := range t.lic {
		d.item(2, "holder", l.holder.id).kv(4, "kind", l.kind).kv(4, "number", q(l.number)).kv(4, "issuer", l.issuer).
			kv(4, "issued", l.issued.String()).kv(4, "expiry", l.expiry.String())
	}
	return d.bytes()
}

func (aq *assessQuarter) yaml() []byte {
	var d doc
	d.comment(schema(2, "assess-quarters"))
	d.comment(aq.q.chinese() + "绩效考核评分。每一条扣分、加分都写明依据的材料。")
	d.kv(0, "quarter", aq.q.String()).kv(0, "issued", aq.issued.String()).kv(0, "number", aq.number).kv(0, "decided_by", aq.decidedBy)
	d.key(0, "sheets")
	for _, s := range aq.sheets {
		d.item(2, "person", s.p.id)
		if len(s.scores) > 0 {
			d.key(4, "scores")
			for _, sc := range s.scores {
				d.item(6, "item", sc.item).kv(8, "score", sc.value).kv(8, "basis", sc.basis)
			}
		}
		if len(s.events) > 0 {
			d.key(4, "events")
			for _, e := range s.events {
				d.item(6, "indicator", e.indicator).kv(8, "date", e.date.String()).kv(8, "count", e.count).
					kv(8, "evidence", e.evidence).kv(8, "note", e.note)
			}
		}
	}
	return d.bytes()
}

func (w *world) accidentsYAML(y int) []byte {
	var d doc
	d.comment(schema(3, "safety-accidents"))
	d.comment(fmt.Sprintf("%d年生产安全事故。等级按《生产安全事故报告和调查处理条例》第三条确定。", y))
	d.key(0, "accidents")
	for _, a := range w.accidents[y] {
		d.item(2, "id", q(a.id)).kv(4, "date", a.date.String()).kv(4, "unit", a.unit.id).kv(4, "object", a.obj.id).
			kv(4, "level", "一般").kv(4, "minor_injuries", itoa(a.minor)).kv(4, "loss", a.loss).kv(4, "summary", a.summary).
			kv(4, "report", a.evidence)
	}
	return d.bytes()
}
