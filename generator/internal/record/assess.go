package record

import "github.com/shopspring/decimal"

// Assess holds the performance-assessment (绩效考核) records: the schemes
// that say who is assessed and how points become pay, and each quarter's
// score sheets.
type Assess struct {
	Schemes  []AssessScheme
	Quarters []AssessQuarter
}

// The assessment types carry the Assess prefix: the safety and target
// domains have items, indicators and scores of their own in this package.

func assessKinds() []Kind {
	return []Kind{
		single("assess-schemes", "assess/schemes/*.yaml", "绩效考核办法",
			func(s *Set, v *AssessScheme) { s.Assess.Schemes = append(s.Assess.Schemes, *v) }).named("2026.yaml"),
		single("assess-quarters", "assess/*.yaml", "季度考核评分",
			func(s *Set, v *AssessQuarter) { s.Assess.Quarters = append(s.Assess.Quarters, *v) }).named("2026-Q1.yaml"),
	}
}

// AssessScheme is records/assess/schemes/*.yaml: the assessment rules in
// force from a quarter's first day until the next scheme's.
type AssessScheme struct {
	Node       `kind:"assess-scheme" title:"绩效考核办法" doc:"谁参加考核、考核哪些项目、每项满分、量化指标、每分金额、合格线和公示正文。每个文件一个版本，从施行日期起适用，直到下一个版本施行；年中修改办法时另建文件（如 2026-07.yaml），不要改旧文件。"`
	ID         string            `yaml:"id" rec:"id" title:"编号" doc:"与文件名一致，如 2026；年中修订的写 2026-07"`
	Title      string            `yaml:"title" rec:"required,label" title:"办法名称" doc:"如：朝天镇机关工作人员绩效考核办法"`
	Basis      string            `yaml:"basis" title:"印发文号" doc:"如：朝委发〔2026〕3号"`
	From       Date              `yaml:"from" rec:"required" title:"施行日期" doc:"按季度考核，只能从某季度第一天起施行：1月1日、4月1日、7月1日或10月1日"`
	Group      string            `yaml:"group" rec:"required" title:"考核机构" doc:"评定分数的机构，如：镇绩效考核领导小组"`
	Scope      AssessScope       `yaml:"scope" rec:"required" title:"考核范围"`
	Monthly    decimal.Decimal   `yaml:"monthly" rec:"required" min:"0" title:"每人每月绩效资金（元）" doc:"每人每月拿出的工作津贴，计入资金池，如 500"`
	PointValue decimal.Decimal   `yaml:"point_value" rec:"required" min:"0" title:"每分金额（元）" doc:"绩效工资 = 总分 × 每分金额，如 15"`
	PassMark   decimal.Decimal   `yaml:"pass_mark" rec:"required" min:"0" max:"200" title:"合格分数线" doc:"低于此分为不合格，不发绩效工资，如 80"`
	PassOn     string            `yaml:"pass_on" enum:"base,total" title:"合格线比较" doc:"base：用基础分（不含加分）比较，默认；total：用总分（含加分）比较"`
	BonusCap   decimal.Decimal   `yaml:"bonus_cap" min:"0" max:"100" title:"加分上限" doc:"加分另计，超过上限的按上限计，如 20；不填为不设加分"`
	OverPool   string            `yaml:"over_pool" enum:"allow,scale" title:"超出资金池时" doc:"allow：照发，结余为负数，默认；scale：按各人应发金额等比例压缩，使发放总额正好等于资金池（分摊到分，按最大余数法取整）"`
	CountDay   int               `yaml:"count_day" min:"1" max:"28" title:"每月计入日" doc:"当月这一天在考核范围内（在岗、未休长假）的，该月计入资金和绩效工资；不填为 15 日"`
	Rounding   string            `yaml:"rounding" enum:"half-up,down" title:"取整方法" doc:"绩效工资和人均金额算到分：half-up 四舍五入，默认；down 分以下舍去"`
	Items      []AssessItem      `yaml:"items" rec:"required" title:"考核项目" doc:"各项满分合计必须正好 100 分"`
	Indicators []AssessIndicator `yaml:"indicators" title:"量化指标" doc:"按事实计分的指标：每发生一次（一天、一件）加或扣多少分"`
	Publicity  Publicity         `yaml:"publicity" title:"公示设置" doc:"不填的沿用乡镇的公示设置（township.yaml）"`
	ReportTo   string            `yaml:"report_to" title:"报送单位" doc:"公示期满后报送结果的单位，如：青江县财政局"`
	Notice     string            `yaml:"notice" rec:"required,text" title:"公示正文" doc:"公示的正文，用 | 开头另起行书写，每行缩进两格。可用 {{.季度}} 这样的写法插入数字，名称见参考页；也可用 sprig 函数"`
}

// AssessScope says who is assessed: people of these staff categories
// holding a post of these ranks. The main leaders (主要领导) never are:
// the county assesses them.
type AssessScope struct {
	Node  `title:"考核范围"`
	Staff []string `yaml:"staff" rec:"required" enum:"公务员,参公管理,事业编制,村（居）干部,企业人员,其他" title:"人员类别" doc:"如：[公务员, 参公管理]"`
	Ranks []string `yaml:"ranks" rec:"required" enum:"班子成员,中层正职,一般干部" title:"职务层级" doc:"担任这些层级职务的人员参加考核；主要领导（党委书记、镇长、人大主席）不在范围内"`
}

// AssessItem is one part of the 100-point scale, such as 出勤.
type AssessItem struct {
	Node `kind:"assess-item" title:"考核项目"`
	Code string          `yaml:"code" rec:"required,code" pattern:"^[a-z][a-z0-9-]*$" title:"代码" doc:"小写字母，如 attendance；bonus 留给加分，不能用"`
	Name string          `yaml:"name" rec:"required,label" title:"项目名称" doc:"如：出勤"`
	Max  decimal.Decimal `yaml:"max" rec:"required" min:"0" max:"100" title:"满分"`
	Doc  string          `yaml:"doc" rec:"text" title:"考核内容"`
}

// AssessIndicator is a quantified indicator: each occurrence moves an item
// (or the bonus) by a fixed number of points.
type AssessIndicator struct {
	Node     `kind:"assess-indicator" title:"量化指标"`
	Code     string          `yaml:"code" rec:"required,code" pattern:"^[A-Za-z][A-Za-z0-9-]*$" title:"指标代码" doc:"如 K01，评分表按代码引用"`
	Item     string          `yaml:"item" rec:"required" title:"所属项目" doc:"考核项目的代码；加分指标写 bonus"`
	Name     string          `yaml:"name" rec:"required,label" title:"指标名称" doc:"如：无故缺勤"`
	Points   decimal.Decimal `yaml:"points" rec:"required" min:"-100" max:"100" title:"每次分值" doc:"扣分写负数，如 -2；加分写正数，如 2"`
	Unit     string          `yaml:"unit" rec:"required" enum:"天,次,件" title:"计量单位"`
	Evidence bool            `yaml:"evidence" title:"须附佐证" doc:"true：每条记录都要写明佐证材料（文号、考勤表、照片文件名），即痕迹管理"`
	Doc      string          `yaml:"doc" rec:"text" title:"说明"`
}

// AssessQuarter is records/assess/YYYY-QN.yaml: one quarter's score sheets
// and the date its results were posted.
type AssessQuarter struct {
	Node      `title:"季度考核评分" doc:"一个季度的评分：每人一张评分表，写评定分或计分记录；公示日期决定公示期。文件名写季度，如 2026-Q1.yaml。"`
	Quarter   Quarter       `yaml:"quarter" rec:"required,label" title:"季度" doc:"如 2026-Q1，与文件名一致"`
	Issued    Date          `yaml:"issued" rec:"required" title:"公示日期" doc:"公示张贴之日，公示期从这天起按工作日计算"`
	Number    string        `yaml:"number" title:"公示文号"`
	DecidedBy string        `yaml:"decided_by" title:"评定人" doc:"评定分没有单独写评定人的，都是此处写的评定人，如：镇绩效考核领导小组（2026年4月3日会议）"`
	Result    NoticeResult  `yaml:"result" title:"公示结果" doc:"公示期满后填写：哪天报送、报送到哪里"`
	Leave     []AssessLeave `yaml:"leave" title:"不计考核时段" doc:"长期病假、产假、借调等不在考核范围的时段；这些时段不计资金、不计绩效"`
	Sheets    []AssessSheet `yaml:"sheets" rec:"required" title:"评分表"`
}

// AssessLeave is a time a person in scope is out of it: long leave,
// secondment, study away. The reason is recorded, never published.
type AssessLeave struct {
	Node   `title:"不计考核时段"`
	Person string `yaml:"person" rec:"required,label" ref:"person" title:"人员"`
	From   Date   `yaml:"from" rec:"required" title:"开始日期"`
	To     Date   `yaml:"to" after:"from" title:"结束日期" doc:"到季度末仍未回来的可不填"`
	Reason string `yaml:"reason" rec:"required,private" title:"事由（不公开）" doc:"如：产假、病假、借调；只作记录，不公开"`
}

// AssessSheet is one person's score sheet for the quarter. An item is full
// marks unless the sheet gives it a score or records events against it.
type AssessSheet struct {
	Node   `title:"个人评分表"`
	Person string        `yaml:"person" rec:"required,label" ref:"person" title:"人员"`
	Scores []AssessScore `yaml:"scores" title:"评定分" doc:"由考核机构评定的项目分"`
	Events []AssessEvent `yaml:"events" title:"计分记录" doc:"按量化指标记的每一件事：扣分从满分中扣，加分计入加分"`
	Note   string        `yaml:"note" rec:"text" title:"备注"`
}

// AssessScore is an item's score decided by the assessment group.
type AssessScore struct {
	Node  `title:"评定分"`
	Item  string          `yaml:"item" rec:"required,label" cites:"assess-item" codes:"bonus=加分" title:"项目" doc:"考核项目的代码，如 public；加分写 bonus"`
	Score decimal.Decimal `yaml:"score" rec:"required" title:"得分"`
	By    string          `yaml:"by" title:"评定人" doc:"不写的用本季度的评定人"`
	Basis string          `yaml:"basis" title:"依据" doc:"会议纪要、评议表编号等"`
	Note  string          `yaml:"note" rec:"text" title:"说明"`
}

// AssessEvent is one recorded fact that moves a score: an absence, a late
// task, a commendation.
type AssessEvent struct {
	Node      `title:"计分记录"`
	Indicator string          `yaml:"indicator" rec:"required,label" cites:"assess-indicator" title:"指标代码" doc:"办法中量化指标的代码，如 K01"`
	Date      Date            `yaml:"date" rec:"required" title:"日期" doc:"发生日期，须在本季度内"`
	Count     decimal.Decimal `yaml:"count" min:"0" default:"1" title:"次数" doc:"几天、几次或几件，默认 1；半天写 0.5"`
	Evidence  string          `yaml:"evidence" title:"佐证材料" doc:"文号、考勤表编号或照片文件名"`
	Note      string          `yaml:"note" rec:"text" title:"说明"`
}
