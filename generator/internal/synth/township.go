package synth

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"time"
)

// Offices and stations every township has: key, name, type, staff
// category of the people working there.
var townshipUnits = []struct{ key, name, typ, staff, head string }{
	{"dzb", "党政综合办公室", "办公室", "公务员", "主任"},
	{"djb", "党建工作办公室", "办公室", "公务员", "主任"},
	{"jfb", "经济发展办公室", "办公室", "公务员", "主任"},
	{"shb", "社会事务办公室", "办公室", "公务员", "主任"},
	{"ajb", "安全生产监督管理办公室", "办公室", "公务员", "主任"},
	{"nyz", "农业综合服务站", "站所", "事业编制", "站长"},
	{"lyz", "林业站", "站所", "事业编制", "站长"},
	{"swz", "水务农机站", "站所", "参公管理", "站长"},
	{"czs", "财政所", "站所", "参公管理", "所长"},
	{"cgz", "船舶管理站", "站所", "参公管理", "站长"},
	{"gts", "国土资源所", "站所", "事业编制", "所长"},
}

// The township's leadership: key, title, rank.
var leadership = []struct{ key, title, rank, duties string }{
	{"shuji", "党委书记", rankMain, "主持党委全面工作，是安全生产第一责任人。"},
	{"zhenzhang", "镇长", rankMain, "主持政府全面工作，是安全生产第一责任人。"},
	{"renda-zhuxi", "人大主席", rankMain, ""},
	{"fushuji", "党委副书记", rankLeader, "协助书记抓党建、信访维稳工作。"},
	{"fuzhenzhang-anquan", "副镇长（分管安全生产）", rankLeader, "分管安全生产、应急管理，是安全生产第二责任人。"},
	{"fuzhenzhang-nongye", "副镇长（分管农业农村）", rankLeader, "分管农业农村、水利、林业、国土。"},
	{"fuzhenzhang-jiaotong", "副镇长（分管交通和水上交通安全）", rankLeader, "分管交通、船舶和水上交通安全、道路交通安全。"},
	{"jiwei-shuji", "纪委书记", rankLeader, ""},
	{"zuzhi-weiyuan", "组织委员", rankLeader, ""},
	{"xuanchuan-weiyuan", "宣传委员", rankLeader, ""},
	{"wuzhuang-buzhang", "武装部长", rankLeader, ""},
	{"renda-fuzhuxi", "人大副主席", rankLeader, ""},
}

var streets = []string{"正街", "新街", "河街", "建设路", "人民路", "解放路", "团结路"}

func newTownship(w *world, i int, place syllable) *township {
	t := &township{
		w: w, i: i, id: place.pinyin, short: place.han, abbr: string([]rune(place.han)[:1]),
		rng:    rand.New(rand.NewPCG(w.sc.Seed, uint64(100+i))),
		byKey:  map[string]*unit{},
		postBy: map[string]*post{},
		agreed: map[int][]*agreement{}, reports: map[month][]*report{}, targets: map[int][]*unitTargets{},
		docNo: map[string]int{}, seq: map[string]int{},
	}
	kind := "镇"
	if w.sc.Townships > 1 && t.rng.IntN(4) == 0 {
		kind = "乡"
	}
	t.name = t.short + kind
	t.clerk = author{t.name + "党政办", "dzb@" + t.id + ".example"}
	// Townships record their registers on the weekdays of January.
	t.importDay = nthWeekday(start.add(1), i%25)
	t.nextEvent = t.importDay.add(30 + t.rng.IntN(60)).weekday()
	t.setup()
	return t
}

// nthWeekday is the n-th weekday on or after d (the 0th is d itself, or
// the Monday after).
func nthWeekday(d day, n int) day {
	d = d.weekday()
	for ; n > 0; n-- {
		d = d.add(1).weekday()
	}
	return d
}

func (t *township) phone() string {
	return fmt.Sprintf("0745-%07d", 6000000+t.i*1000+t.next("phone"))
}

func (t *township) address() string {
	return fmt.Sprintf("青江县%s%s%d号", t.name, pick(t.rng, streets), 1+t.rng.IntN(150))
}

func (t *township) addUnit(key, name, typ string, parent *unit) *unit {
	u := &unit{id: t.id + "-" + key, key: key, name: name, typ: typ, parent: parent, tw: t}
	if typ != "村委会" && typ != "居委会" {
		u.address, u.phone = t.address(), t.phone()
	}
	t.units = append(t.units, u)
	t.byKey[key] = u
	return u
}

func (t *township) addPost(u *unit, key, title, rank string, seats int, duties string) *post {
	p := &post{id: t.id + "-" + key, key: key, title: title, unit: u, rank: rank, seats: seats, duties: duties}
	if t.w.county {
		p.title = t.short + p.title
	}
	t.posts = append(t.posts, p)
	t.postBy[key] = p
	return p
}

// setup draws the township as it stands when its clerk first records it.
func (t *township) setup() {
	r := t.rng
	t.zf = t.addUnit("zf", t.name+"人民政府", "机关", nil)
	for _, x := range townshipUnits {
		parent := t.zf
		if x.key == "gts" {
			parent = nil // the county bureau's branch
		}
		u := t.addUnit(x.key, x.name, x.typ, parent)
		if x.typ == "办公室" {
			t.offices = append(t.offices, u)
		} else {
			t.stations = append(t.stations, u)
		}
	}
	t.addUnit("wsy", t.name+"卫生院", "卫生院", nil)
	vs := places(r, 13+r.IntN(8), map[string]bool{t.id: true})
	for _, v := range vs {
		t.villages = append(t.villages, t.addUnit(v.pinyin, v.han+"村", "村委会", t.zf))
	}
	t.villages = append(t.villages, t.addUnit("shequ", t.short+"社区", "居委会", t.zf))
	t.setupFirms()

	for _, l := range leadership {
		title := l.title
		if t.name[len(t.name)-3:] == "乡" {
			title = replaceTown(title)
		}
		t.addPost(t.zf, l.key, title, l.rank, 1, l.duties)
	}
	for _, x := range townshipUnits {
		u := t.byKey[x.key]
		t.addPost(u, x.key+"-head", x.name+x.head, rankHead, 1, "")
		t.addPost(u, x.key+"-staff", x.name+"工作人员", rankStaff, 8, "")
	}
	for _, v := range t.villages {
		sec, dir := "党支部书记", "村委会主任"
		if v.typ == "居委会" {
			sec, dir = "社区党支部书记", "居委会主任"
		}
		t.addPost(v, v.key+"-shuji", v.name+sec, rankVillage, 1, "")
		t.addPost(v, v.key+"-zhuren", v.name+dir, rankVillage, 1, "")
		t.addPost(v, v.key+"-wenshu", v.name+"文书", rankVillage, 1, "")
	}

	// People: the leadership, each office's and station's head and staff,
	// three cadres per village.
	for _, l := range leadership {
		p := t.newPerson(t.zf, "公务员", day{})
		t.appoint(p, t.postBy[l.key], date(2021, time.Month(9+r.IntN(2)), 1+r.IntN(28)), t.doc("委", 2021))
	}
	for _, x := range townshipUnits {
		u := t.byKey[x.key]
		h := t.newPerson(u, x.staff, day{})
		y := 2016 + r.IntN(7)
		t.appoint(h, t.postBy[x.key+"-head"], date(y, time.Month(1+r.IntN(12)), 1+r.IntN(28)), t.doc("政发", y))
		for range 3 + r.IntN(3) {
			s := t.newPerson(u, x.staff, day{})
			y := 2012 + r.IntN(11)
			t.appoint(s, t.postBy[x.key+"-staff"], date(y, time.Month(1+r.IntN(12)), 1+r.IntN(28)), t.doc("政发", y))
		}
	}
	for _, v := range t.villages {
		for _, k := range []string{"-shuji", "-zhuren", "-wenshu"} {
			p := t.newPerson(v, "村（居）干部", day{})
			t.appoint(p, t.postBy[v.key+k], date(2021, 3, 20+r.IntN(8)), "2021年村（社区）“两委”换届选举")
		}
	}
	t.setupObjects()
	t.setupLicences()
}

func replaceTown(s string) string {
	out := []rune{}
	for _, c := range s {
		if c == '镇' {
			c = '乡'
		}
		out = append(out, c)
	}
	return string(out)
}

// newPerson adds a person to the register; joined is zero for those who
// were there before the records begin.
func (t *township) newPerson(u *unit, staff string, joined day) *person {
	r := t.rng
	han, id := name(r)
	base := id
	for n := 2; t.w.ids[id]; n++ {
		id = fmt.Sprintf("%s-%d", base, n)
	}
	t.w.ids[id] = true
	male := r.IntN(5) < 3
	gender := "女"
	if male {
		gender = "男"
	}
	p := &person{
		id: id, name: han, gender: gender, unit: u, staff: staff, joined: joined, tw: t,
		phone:    mobile(r),
		idNumber: idNumber(r, "431123", date(1965+r.IntN(35), time.Month(1+r.IntN(12)), 1+r.IntN(28)), male),
	}
	if r.IntN(3) > 0 {
		p.home = fmt.Sprintf("%s%s%d号", t.name, pick(r, streets), 1+r.IntN(200))
	}
	t.people = append(t.people, p)
	return p
}

func (t *township) appoint(p *person, to *post, from day, basis string) {
	p.tenures = append(p.tenures, &tenure{post: to, from: from, basis: basis})
}

// holder is who holds the post on d (the first appointed, for a post of
// several seats).
func (t *township) holder(p *post, d day) *person {
	for _, x := range t.people {
		for _, tn := range x.tenures {
			if tn.post == p && d.within(tn.from, tn.to) {
				return x
			}
		}
	}
	return nil
}

// Firms: category, name pattern, how many.
func (t *township) setupFirms() {
	r := t.rng
	add := func(key, name, cat string) {
		u := t.addUnit(key, name, "企业", nil)
		u.note = cat
		t.firms = append(t.firms, u)
	}
	vil := func() *unit { return t.villages[r.IntN(len(t.villages)-1)] }
	kinds := []string{"砖厂", "农产品加工厂", "木材加工厂", "建材有限公司", "米业有限公司", "竹木制品厂"}
	for i := range 3 + r.IntN(4) {
		v := vil()
		add(fmt.Sprintf("qy%d", i+1), trimCun(v.name)+kinds[(i+t.i)%len(kinds)], "enterprise")
	}
	if r.IntN(3) == 0 {
		add("shuidian", t.short+"水电站", "enterprise")
	}
	for i := range r.IntN(3) {
		add(fmt.Sprintf("kuang%d", i+1), trimCun(vil().name)+"采石场", "mine")
	}
	add("jiayou1", t.short+"加油站", "chemical-shop")
	if r.IntN(2) == 0 {
		add("jiayou2", trimCun(vil().name)+"加油站", "chemical-shop")
	}
	add("yanhua", t.short+pick(r, surnames).han+"记烟花爆竹店", "fireworks-shop")

	t.schools = append(t.schools, t.addUnit("zhongxue", t.short+"中学", "学校", nil))
	t.schools = append(t.schools, t.addUnit("xiaoxue", t.short+"中心小学", "学校", nil))
	for i := range r.IntN(3) {
		v := t.villages[i]
		t.schools = append(t.schools, t.addUnit(v.key+"-xiaoxue", trimCun(v.name)+"小学", "学校", nil))
	}
}

// label names an object so that it is unique in the county: village and
// school names repeat from one township to the next.
func (t *township) label(s string) string {
	if t.w.county && !strings.HasPrefix(s, t.short) {
		return t.name + s
	}
	return s
}

func trimCun(s string) string {
	r := []rune(s)
	if len(r) > 1 && (r[len(r)-1] == '村') {
		return string(r[:len(r)-1])
	}
	return s
}

var ownerNames = func() []string {
	rng := rand.New(rand.NewPCG(7, 7))
	var out []string
	for range 400 {
		n, _ := name(rng)
		out = append(out, n)
	}
	return out
}()

// setupObjects draws the supervised objects and their responsible persons.
func (t *township) setupObjects() {
	r := t.rng
	leaders := t.leaders()
	lead := func(i int) *post { return leaders[(i+t.i)%len(leaders)] }
	staff := t.staffOf(append(slices.Clone(t.offices), t.stations...), t.importDay, t.importDay)
	cadre := func(i int) *person { return staff[i%len(staff)] }
	cgz := t.staffOf([]*unit{t.byKey["cgz"]}, t.importDay, t.importDay)

	for i, v := range t.villages {
		o := &object{id: v.id + "-cun", name: t.label(v.name), category: "village", unit: v, location: v.name, tw: t}
		if v.typ == "居委会" {
			o.id = v.id + "-obj"
		}
		o.roles = []role{
			{name: "村级第一责任人", post: t.postBy[v.key+"-shuji"]},
			{name: "包村领导", post: lead(i)},
			{name: "驻村干部", person: cadre(i)},
		}
		t.objects = append(t.objects, o)
	}
	water := len(t.w.tws) == 0 || r.IntN(10) < 7
	var docks []*object
	if water {
		for i := range 1 + r.IntN(2) {
			v := t.villages[r.IntN(len(t.villages))]
			nm := t.short + []string{"新码头", "老码头"}[i]
			d := &object{id: fmt.Sprintf("%s-matou%d", t.id, i+1), name: nm, category: "dock", unit: v, village: v,
				location: trimCun(v.name) + "河边", supervisor: t.byKey["cgz"], tw: t}
			d.roles = []role{
				{name: "码头负责人", post: t.postBy["cgz-head"]},
				{name: "包码头领导", post: t.postBy["fuzhenzhang-jiaotong"]},
				{name: "现场检查员", person: cgz[i%len(cgz)]},
			}
			docks = append(docks, d)
			t.objects = append(t.objects, d)
		}
		for range 3 + r.IntN(7) {
			t.objects = append(t.objects, t.newVessel(docks, day{}))
		}
	}
	for range 2 + r.IntN(5) {
		t.objects = append(t.objects, t.newVehicle(day{}))
	}
	for i, u := range t.firms {
		o := &object{id: u.id, name: t.label(u.name), category: u.note, unit: u, village: t.villages[(i*7)%(len(t.villages)-1)],
			location: trimCun(t.villages[(i*7)%(len(t.villages)-1)].name) + "村", supervisor: t.byKey["ajb"], tw: t}
		head := "企业主要负责人"
		if u.note == "chemical-shop" || u.note == "fireworks-shop" {
			head = "经营负责人"
		}
		o.roles = []role{
			{name: head, holder: pick(r, ownerNames)},
			{name: "包企领导", post: lead(i + 3)},
			{name: "安全监管员", post: t.postBy["ajb-head"]},
		}
		t.objects = append(t.objects, o)
	}
	for i, u := range t.schools {
		o := &object{id: u.id, name: t.label(u.name), category: "school", unit: u, location: u.name, supervisor: t.byKey["shb"], tw: t}
		o.roles = []role{
			{name: "校长", holder: pick(r, ownerNames)},
			{name: "包校领导", post: lead(i + 5)},
		}
		t.objects = append(t.objects, o)
	}
	for i := range 1 + r.IntN(3) {
		v := t.villages[r.IntN(len(t.villages)-1)]
		o := &object{id: fmt.Sprintf("%s-zhd%d", t.id, i+1), name: t.label(trimCun(v.name) + []string{"后山", "北坡", "水库旁", "老屋场"}[i%4] + "滑坡隐患点"),
			category: "hazard-point", unit: v, village: v, location: v.name, supervisor: t.byKey["gts"], tw: t}
		o.roles = []role{
			{name: "包点领导", post: lead(i + 1)},
			{name: "村级责任人", post: t.postBy[v.key+"-shuji"]},
			{name: "监测员", holder: pick(r, ownerNames)},
		}
		t.objects = append(t.objects, o)
	}
}

func (t *township) newVessel(docks []*object, from day) *object {
	r := t.rng
	n := t.next("vessel")
	v := t.villages[r.IntN(len(t.villages)-1)]
	o := &object{id: fmt.Sprintf("%s-du%03d", t.id, n), name: fmt.Sprintf("%s渡%03d", t.short, n), category: "vessel",
		unit: v, location: trimCun(v.name) + "渡口", number: fmt.Sprintf("青江渡%d%03d", 2005+r.IntN(19), 100+t.i*10+n),
		capacity: 8 + r.IntN(40), from: from, supervisor: t.byKey["cgz"], tw: t}
	if len(docks) > 0 && r.IntN(2) == 0 {
		d := docks[r.IntN(len(docks))]
		o.dock, o.location = d, d.name
	}
	o.owner, o.ownerPhone = pick(r, ownerNames), mobile(r)
	cgz := t.staffOf([]*unit{t.byKey["cgz"]}, maxDay(from, t.importDay), end)
	o.roles = []role{
		{name: "第一责任人", post: t.postBy["zhenzhang"]},
		{name: "第二责任人", post: t.postBy["fuzhenzhang-anquan"]},
		{name: "包船责任人", post: pick(r, []*post{t.postBy["fuzhenzhang-jiaotong"], t.postBy["renda-fuzhuxi"], t.postBy["fuzhenzhang-nongye"]})},
		{name: "村委会责任人", post: t.postBy[v.key+"-shuji"]},
		{name: "日常安全管理人", holder: o.owner},
		{name: "现场检查员", person: pick(r, cgz)},
	}
	return o
}

func (t *township) newVehicle(from day) *object {
	r := t.rng
	n := t.next("vehicle")
	v := t.villages[r.IntN(len(t.villages)-1)]
	plate := fmt.Sprintf("湘M·%c%04d", 'A'+rune(t.i%26), (t.i/26)*1000+n*37%1000)
	o := &object{id: fmt.Sprintf("%s-che%02d", t.id, n), name: plate, category: "vehicle", unit: v,
		location: trimCun(v.name) + "招呼站", number: plate, capacity: 7 + r.IntN(30), from: from, supervisor: t.byKey["swz"], tw: t}
	o.owner, o.ownerPhone = pick(r, ownerNames), mobile(r)
	o.roles = []role{
		{name: "第一责任人", post: t.postBy["zhenzhang"]},
		{name: "第二责任人", post: t.postBy["fuzhenzhang-anquan"]},
		{name: "包车责任人", post: pick(r, []*post{t.postBy["fuzhenzhang-jiaotong"], t.postBy["wuzhuang-buzhang"]})},
		{name: "村委会责任人", post: t.postBy[v.key+"-shuji"]},
		{name: "日常安全管理人", holder: o.owner},
		{name: "监管站所负责人", post: t.postBy["swz-head"]},
	}
	return o
}

func maxDay(a, b day) day {
	if a.after(b) {
		return a
	}
	return b
}

// Licences each category must hold, and who issues them.
var licenceKinds = map[string][]struct{ kind, issuer, prefix string }{
	"mine": {
		{"安全生产许可证", "湖南省应急管理厅", "（湘）FM安许证字〔%d〕M%04d"},
		{"采矿许可证", "青江县自然资源局", "C43112320%02d%010d"},
	},
	"chemical-shop":  {{"危险化学品经营许可证", "青江县应急管理局", "青危化经字〔%d〕%03d号"}},
	"fireworks-shop": {{"烟花爆竹经营（零售）许可证", "青江县应急管理局", "（湘）YH经零字〔%d〕第%04d号"}},
}

func (t *township) setupLicences() {
	for _, o := range t.objects {
		for _, k := range licenceKinds[o.category] {
			issued := date(2021+t.rng.IntN(3), time.Month(1+t.rng.IntN(12)), 1+t.rng.IntN(28))
			t.lic = append(t.lic, t.newLicence(o, k.kind, k.issuer, k.prefix, issued))
		}
	}
}

func (t *township) newLicence(o *object, kind, issuer, format string, issued day) *licence {
	n := t.i*100 + t.next("licence")
	var number string
	switch kind {
	case "采矿许可证":
		number = fmt.Sprintf(format, issued.year()%100, n*7919)
	default:
		number = fmt.Sprintf(format, issued.year(), n)
	}
	return &licence{holder: o, kind: kind, number: number, issuer: issuer, issued: issued, expiry: day{issued.t.AddDate(3, 0, -1)}}
}
