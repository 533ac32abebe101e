package record

import "github.com/shopspring/decimal"

// The safety-production responsibility (安全生产责任制) records: what is
// supervised, who answers for it, the agreements signed level by level,
// monthly reports, hazards, supervision notices and warnings, licences and
// accidents. Files live under records/safety/:
//
//	safety/settings.yaml        the monthly-report rule and other settings
//	safety/categories.yaml      object categories and the roles each must have
//	safety/objects/*.yaml       supervised objects (vessels, vehicles, …)
//	safety/agreements/*.yaml    responsibility agreements, one file a year
//	safety/reports/*.yaml       monthly reports received, one file a year
//	safety/hazards/*.yaml       hazards found and their rectification
//	safety/notices/*.yaml       supervision notices and warnings
//	safety/licences/*.yaml      licences held
//	safety/accidents/*.yaml     production-safety accidents

// Agreement kinds, in the order they are listed.
const (
	AgreementGeneral      = "综合" // the general target-management agreement
	AgreementProfessional = "专业" // a station with the operators it regulates
	AgreementSpecial      = "专项" // passenger vessels and vehicles, key enterprises
)

// AgreementKinds lists the agreement kinds in display order.
var AgreementKinds = []string{AgreementGeneral, AgreementProfessional, AgreementSpecial}

// Notice kinds.
const (
	NoticeSupervision = "督办通知"
	NoticeWarning     = "安全告诫"
)

// Safety holds the safety-production responsibility (安全生产责任制) records.
type Safety struct {
	Settings   *SafetySettings // nil when records/safety/settings.yaml is absent
	Categories []Category
	Objects    []SafetyObject
	Agreements []Agreement
	Reports    []*MonthlyReport // see listOfRefs
	Hazards    []*Hazard        // see listOfRefs
	Notices    []SafetyNotice
	Licences   []Licence
	Accidents  []Accident
}

func safetyKinds() []Kind {
	return []Kind{
		single("safety-settings", "safety/settings.yaml", "安全生产设置", func(s *Set, x *SafetySettings) { s.Safety.Settings = x }),
		list("safety-categories", "safety/categories.yaml", "categories", "监管对象类别", func(s *Set) *[]Category { return &s.Safety.Categories }),
		list("safety-objects", "safety/objects/*.yaml", "objects", "监管对象", func(s *Set) *[]SafetyObject { return &s.Safety.Objects }),
		list("safety-agreements", "safety/agreements/*.yaml", "agreements", "安全生产责任书", func(s *Set) *[]Agreement { return &s.Safety.Agreements }),
		listOfRefs("safety-reports", "safety/reports/*.yaml", "reports", "安全生产月报", func(s *Set) *[]*MonthlyReport { return &s.Safety.Reports }),
		listOfRefs("safety-hazards", "safety/hazards/*.yaml", "hazards", "事故隐患", func(s *Set) *[]*Hazard { return &s.Safety.Hazards }),
		list("safety-notices", "safety/notices/*.yaml", "notices", "督办通知和安全告诫", func(s *Set) *[]SafetyNotice { return &s.Safety.Notices }),
		list("safety-licences", "safety/licences/*.yaml", "licences", "许可证", func(s *Set) *[]Licence { return &s.Safety.Licences }),
		list("safety-accidents", "safety/accidents/*.yaml", "accidents", "生产安全事故", func(s *Set) *[]Accident { return &s.Safety.Accidents }),
	}
}

// SafetySettings is records/safety/settings.yaml: the rules the township
// sets for itself, each with its basis.
type SafetySettings struct {
	Node            `title:"安全生产设置" doc:"本镇自定的安全生产管理规则，每项写明依据。"`
	Reports         ReportRule `yaml:"reports" rec:"required" title:"月报制度"`
	LicenceWarnDays int        `yaml:"licence_warning_days" min:"1" max:"365" title:"许可证到期提醒（天）" doc:"有效期在这么多天内届满的许可证列为“即将到期”；不填为 30 天"`
}

// WarnDays is how many days before expiry a licence is listed as expiring.
func (s *SafetySettings) WarnDays() int {
	if s == nil || s.LicenceWarnDays == 0 {
		return 30
	}
	return s.LicenceWarnDays
}

// ReportRule says which units send a monthly safety report and by when.
type ReportRule struct {
	Node      `title:"月报制度"`
	From      Month    `yaml:"from" rec:"required" title:"起始月份" doc:"从哪个月的月报开始考核，如 2026-01"`
	DueIn     string   `yaml:"due_in" enum:"当月,次月" title:"报送月份" doc:"月报在当月还是次月报送；不填为次月"`
	DueDay    int      `yaml:"due_day" rec:"required" min:"1" max:"31" title:"报送截止日" doc:"该日（含）前收到为按时；大于当月天数的按当月最后一天算"`
	UnitTypes []string `yaml:"unit_types" enum:"机关,办公室,站所,村委会,居委会,企业,学校,卫生院" title:"报送单位类别" doc:"这些类别的单位都要报送，如 村委会、居委会、企业、学校"`
	Units     []string `yaml:"units" ref:"unit" title:"其他报送单位" doc:"不属于上述类别但也要报送的单位"`
	Basis     string   `yaml:"basis" rec:"required" title:"依据" doc:"月报制度的文件名称和文号"`
}

// Due is the last day on which the report for month m is on time.
func (r ReportRule) Due(m Month) Date {
	if r.DueIn != "当月" {
		m = m.Next()
	}
	last := m.Last()
	if r.DueDay >= last.Day {
		return last
	}
	return Date{m.Year, m.Month, max(r.DueDay, 1)}
}

// Category is a category of supervised object (船舶, 客运车辆, 企业 …):
// the responsible persons each of its objects must have, the agreements
// each must be covered by and the licences each must hold.
type Category struct {
	Node       `kind:"category" title:"监管对象类别" doc:"每类监管对象必须明确的责任人、必须签订的责任书和必须持有的许可证。"`
	ID         string   `yaml:"id" rec:"id" title:"编号" doc:"如 vessel、vehicle；监管对象的 category 写这个编号"`
	Name       string   `yaml:"name" rec:"required,label" title:"类别名称" doc:"如：船舶"`
	Roles      []Role   `yaml:"roles" rec:"required" title:"必须明确的责任人" doc:"按标牌上的顺序列出"`
	Lead       string   `yaml:"lead" title:"包保领导" doc:"监管责任网络图中作为包保领导的责任人名称，如：包船责任人"`
	Supervisor string   `yaml:"supervisor" ref:"unit" title:"监管单位" doc:"本类对象默认的行业监管站所，如船舶管理站"`
	Agreements []string `yaml:"agreements" enum:"综合,专业,专项" title:"必签责任书" doc:"本类每个对象每年都要有的责任书类别"`
	Licences   []string `yaml:"licences" title:"必须持有的许可证" doc:"证照名称，如：危险化学品经营许可证"`
	Basis      string   `yaml:"basis" rec:"text" title:"依据"`
}

// Role returns the category's role with the name, or nil.
func (c *Category) Role(name string) *Role {
	for i := range c.Roles {
		if c.Roles[i].Name == name {
			return &c.Roles[i]
		}
	}
	return nil
}

// Role is a responsible person every object of a category must have.
type Role struct {
	Node  `title:"责任人要求"`
	Name  string   `yaml:"name" rec:"required" title:"名称" doc:"如：包船责任人；监管对象的 roles 以此名称填写"`
	Post  string   `yaml:"post" ref:"post" title:"默认职务" doc:"本类对象都由同一职务担任时填写，如第一责任人为镇长；单个对象可另行指定"`
	Ranks []string `yaml:"ranks" enum:"主要领导,班子成员,中层正职,一般干部,村（居）干部" title:"职级要求" doc:"担任者职务须属于这些层级，如包船责任人须为班子成员或主要领导"`
	Duty  string   `yaml:"duty" rec:"text" title:"职责"`
}

// Holder is who answers for a role: a post, so that a rotation is followed
// without editing the object, or a named person. Exactly one of Post,
// Person and Name is written.
type Holder struct {
	Node        `title:"责任人"`
	Post        string `yaml:"post" ref:"post" title:"职务" doc:"按职务明确，人员轮换后自动由现任者担任"`
	Person      string `yaml:"person" ref:"person" title:"人员" doc:"人员名册中的编号"`
	Name        string `yaml:"name" rec:"name" title:"姓名" doc:"不在人员名册中的人（如船主本人）直接写姓名"`
	Phone       string `yaml:"phone" rec:"private" pattern:"^(1[3-9]\\d{9}|0\\d{2,3}-\\d{7,8})$" title:"联系电话（不公开）"`
	OfficePhone string `yaml:"office_phone" rec:"office" pattern:"^0\\d{2,3}-\\d{7,8}$" title:"办公电话（公开）" doc:"不在人员名册中的责任人（如船主）对外公开的座机，印在标牌上，写作 区号-号码；按职务、人员明确的责任人用其单位的办公电话，不用填"`
}

// IsZero reports whether no holder was written.
func (h Holder) IsZero() bool { return h.Post == "" && h.Person == "" && h.Name == "" }

// SafetyObject is a supervised object: a vessel, a passenger vehicle, an
// enterprise, a school, a village, a dock, a geological-hazard point.
type SafetyObject struct {
	Node       `kind:"supervised object" title:"监管对象" doc:"船舶、客运车辆、企业、非煤矿山、危化品经营店、学校、村、码头、地质灾害隐患点等。"`
	ID         string            `yaml:"id" rec:"id" title:"编号" doc:"如 chaodu-012；网址和标牌二维码都用它，定了就不要改"`
	Name       string            `yaml:"name" rec:"required,label" title:"名称" doc:"船名、车牌号、企业或学校名称等，如：朝渡012"`
	Aliases    []string          `yaml:"aliases" title:"别称" doc:"群众常说的叫法，如 客渡船、镇中学；网站搜索时按它们也能找到本对象"`
	Category   string            `yaml:"category" rec:"required" ref:"category" title:"类别"`
	Unit       string            `yaml:"unit" rec:"required" ref:"unit" title:"所属单位" doc:"船舶、车辆写船主、车主所在村；企业、学校、村写其本身"`
	Village    string            `yaml:"village" ref:"unit" title:"所在村（居）" doc:"按村浏览时用；不填则用所属单位（所属单位是村、居委会时）"`
	Location   string            `yaml:"location" rec:"required" title:"位置" doc:"如：新码头、河西村七组"`
	Supervisor string            `yaml:"supervisor" ref:"unit" title:"监管单位" doc:"不填则用类别的监管单位"`
	Owner      Holder            `yaml:"owner" title:"业主（船主、车主）" doc:"写人员编号，或直接写姓名；电话只作记录，不公开"`
	Number     string            `yaml:"number" title:"登记号码" doc:"船舶登记号、车牌号、统一社会信用代码等"`
	Capacity   int               `yaml:"capacity" min:"0" max:"100000" title:"核定载客（人）"`
	Dock       string            `yaml:"dock" ref:"supervised object" title:"停靠码头"`
	From       Date              `yaml:"from" title:"纳入监管日期" doc:"不填表示一直在监管之中"`
	To         Date              `yaml:"to" after:"from" title:"退出监管日期" doc:"报废、停业、关闭的日期"`
	Roles      map[string]Holder `yaml:"roles" title:"责任人" doc:"键为类别中的责任人名称，如 包船责任人；类别已定默认职务的可不写"`
	Agreements []string          `yaml:"agreements" enum:"综合,专业,专项" title:"另需签订的责任书" doc:"类别要求之外另需的责任书，如重点企业的专项责任书"`
	Note       string            `yaml:"note" rec:"text" title:"备注"`
}

// Active reports whether the object is under supervision on day d.
func (o *SafetyObject) Active(d Date) bool { return d.Within(o.From, o.To) }

// Party is one side of an agreement or the addressee of a notice: a unit,
// a post (whoever holds it on the day), a person, or a supervised object
// (signed by its owner or, for a village or enterprise, by the unit).
// Exactly one field is written.
type Party struct {
	Node   `title:"签订方"`
	Unit   string `yaml:"unit" ref:"unit" title:"单位"`
	Post   string `yaml:"post" ref:"post" title:"职务"`
	Person string `yaml:"person" ref:"person" title:"人员"`
	Object string `yaml:"object" ref:"supervised object" title:"监管对象" doc:"船主、车主、企业等以监管对象名义签订的，写对象编号"`
}

// IsZero reports whether no party was written.
func (p Party) IsZero() bool { return p.Unit == "" && p.Post == "" && p.Person == "" && p.Object == "" }

// Agreement is a safety-production responsibility agreement (安全生产责任书)
// between two parties for a year.
type Agreement struct {
	Node    `kind:"agreement" title:"安全生产责任书" doc:"逐级签订的安全生产责任书：镇政府与村、企业；镇长与分管领导；分管领导与站所；站所与船主、车主；专项责任书。"`
	ID      string   `yaml:"id" rec:"id" title:"编号" doc:"如 2026-zhengfu-hexi"`
	Name    string   `yaml:"name" rec:"required,label" title:"名称" doc:"如：2026年度河西村安全生产目标管理责任书"`
	Year    int      `yaml:"year" rec:"required" min:"2000" max:"2100" title:"年度"`
	Kind    string   `yaml:"kind" rec:"required" enum:"综合,专业,专项" title:"类别" doc:"综合：安全生产目标管理责任书；专业：站所与所管船主、车主等签订的；专项：客运船舶、客运车辆、重点企业等，须有镇领导联系"`
	Level   int      `yaml:"level" rec:"required" min:"1" max:"9" title:"层级" doc:"甲方不是本年度任何责任书的乙方的为第1级；甲方是第n级责任书乙方的为第n+1级"`
	A       Party    `yaml:"a" rec:"required" title:"甲方"`
	B       Party    `yaml:"b" rec:"required" title:"乙方"`
	Signed  Date     `yaml:"signed" rec:"required" title:"签订日期"`
	Contact Holder   `yaml:"contact" title:"联系领导" doc:"专项责任书必填：联系的镇领导（职务或人员）"`
	Targets []string `yaml:"targets" rec:"required" title:"目标任务"`
	Objects []string `yaml:"objects" ref:"supervised object" title:"涵盖对象" doc:"本责任书涵盖的监管对象；乙方为监管对象的，该对象自动涵盖"`
	Note    string   `yaml:"note" rec:"text" title:"备注"`
}

// MonthlyReport is a base unit's monthly safety report as received.
type MonthlyReport struct {
	Node     `title:"安全生产月报"`
	Unit     string `yaml:"unit" rec:"required" ref:"unit" title:"报送单位"`
	Month    Month  `yaml:"month" rec:"required" title:"月份" doc:"报告的是哪个月，如 2026-03"`
	Received Date   `yaml:"received" rec:"required" title:"收到日期"`
	Cadre    string `yaml:"cadre" rec:"required" ref:"person" title:"签字的驻村（驻点）干部"`
	Note     string `yaml:"note" rec:"text" title:"备注"`
}

// Hazard is an accident hazard (事故隐患) found on an object, followed
// through rectification and re-inspection.
type Hazard struct {
	Node        `kind:"hazard" title:"事故隐患" doc:"排查发现的事故隐患：发现、限期整改、复查销号三级管理。"`
	ID          string `yaml:"id" rec:"id" title:"编号" doc:"如 2026-003"`
	Object      string `yaml:"object" rec:"required" ref:"supervised object" title:"所在对象"`
	Found       Date   `yaml:"found" rec:"required" title:"发现日期"`
	Finder      string `yaml:"finder" ref:"person" title:"排查人"`
	Level       string `yaml:"level" rec:"required" enum:"一般,重大" title:"隐患等级"`
	Description string `yaml:"description" rec:"required,label" title:"隐患描述" doc:"一句话写明隐患，如：趸船护栏锈蚀松动"`
	Measures    string `yaml:"measures" rec:"text" title:"整改措施" doc:"重大隐患必填（治理方案）"`
	Deadline    Date   `yaml:"deadline" rec:"required" after:"found" title:"整改期限"`
	Rectified   Date   `yaml:"rectified" after:"found" title:"整改完成日期"`
	Reinspected Date   `yaml:"reinspected" after:"rectified" title:"复查日期"`
	Inspector   string `yaml:"inspector" ref:"person" title:"复查人"`
}

// SafetyNotice is a supervision notice (督办通知) or a safety warning (安全
// 告诫) sent to a unit or person that lags.
type SafetyNotice struct {
	Node     `kind:"notice" title:"督办通知、安全告诫" doc:"对落实不力的单位、个人下发的督办通知（限期办结）和安全告诫。"`
	ID       string `yaml:"id" rec:"id" title:"编号" doc:"如 2026-db-01"`
	Kind     string `yaml:"kind" rec:"required" enum:"督办通知,安全告诫" title:"类别"`
	Number   string `yaml:"number" title:"文号" doc:"如：朝安办督〔2026〕3号"`
	To       Party  `yaml:"to" rec:"required" title:"送达对象"`
	Issued   Date   `yaml:"issued" rec:"required" title:"下发日期"`
	Deadline Date   `yaml:"deadline" after:"issued" title:"办结期限" doc:"督办通知必填"`
	Subject  string `yaml:"subject" rec:"required,label" title:"事由"`
	Object   string `yaml:"object" ref:"supervised object" title:"涉及对象"`
	Hazard   string `yaml:"hazard" ref:"hazard" title:"涉及隐患"`
	Closed   Date   `yaml:"closed" after:"issued" title:"办结日期"`
}

// Licence is a licence a supervised object holds, such as a non-coal
// mine's safety-production licence.
type Licence struct {
	Node   `title:"许可证"`
	Holder string `yaml:"holder" rec:"required" ref:"supervised object" title:"持证对象"`
	Kind   string `yaml:"kind" rec:"required" title:"证照名称" doc:"如：安全生产许可证、危险化学品经营许可证"`
	Number string `yaml:"number" rec:"required,label" title:"证号"`
	Issuer string `yaml:"issuer" title:"发证机关"`
	Issued Date   `yaml:"issued" title:"发证日期"`
	Expiry Date   `yaml:"expiry" rec:"required" after:"issued" title:"有效期至"`
}

// Accident levels, least severe first.
var AccidentLevels = []string{"一般", "较大", "重大", "特别重大"}

// Accident is a production-safety accident (生产安全事故).
type Accident struct {
	Node            `kind:"accident" title:"生产安全事故" doc:"发生的生产安全事故；目标责任考核据此实行一票否决。"`
	ID              string          `yaml:"id" rec:"id" title:"编号"`
	Date            Date            `yaml:"date" rec:"required" title:"发生日期"`
	Unit            string          `yaml:"unit" rec:"required" ref:"unit" title:"责任单位"`
	Object          string          `yaml:"object" ref:"supervised object" title:"涉及对象"`
	Level           string          `yaml:"level" rec:"required" enum:"一般,较大,重大,特别重大" title:"事故等级" doc:"按《生产安全事故报告和调查处理条例》第三条"`
	Deaths          int             `yaml:"deaths" min:"0" max:"100000" title:"死亡（人）"`
	SeriousInjuries int             `yaml:"serious_injuries" min:"0" max:"100000" title:"重伤（人）"`
	MinorInjuries   int             `yaml:"minor_injuries" min:"0" max:"100000" title:"轻伤（人）"`
	Loss            decimal.Decimal `yaml:"loss" min:"0" title:"直接经济损失（万元）"`
	Summary         string          `yaml:"summary" rec:"required,label" title:"事故概况" doc:"一句话，如：河西村砖厂运输车侧翻"`
	Report          string          `yaml:"report" title:"调查报告" doc:"调查报告名称和文号"`
}
