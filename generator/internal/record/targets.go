package record

import "github.com/shopspring/decimal"

// The unit target-assessment (目标责任考核) records and the civil servants'
// annual grades (年度考核). Files live under records/targets/:
//
//	targets/schemes/2025.yaml   the year's scheme: groups ranked together,
//	                            unit grades, one-vote veto, the notice
//	targets/2025/wsy.yaml       one unit's targets for the year and the
//	                            figures it reported
//	targets/grades/2025.yaml    the annual grades of the staff assessed
//	                            quarterly: rules, quota, decision, notice
//
// The annual grades live in a record of their own, not in the quarterly
// assessment scheme: they are decided once a year by a different body (the
// assessment committee, 公务员法 art. 37) under a quota set from outside
// (the county), while a quarterly scheme may change mid-year and is about
// pay. A year has one set of grade rules whatever schemes its quarters ran
// under.

// Targets holds the unit target-assessment (目标责任考核) records.
type Targets struct {
	Schemes []TargetScheme
	Units   []UnitTargets
	Grades  []AnnualGrades
}

func targetKinds() []Kind {
	return []Kind{
		single("target-schemes", "targets/schemes/*.yaml", "目标责任考核办法",
			func(s *Set, v *TargetScheme) { s.Targets.Schemes = append(s.Targets.Schemes, *v) }).named("2026.yaml"),
		single("target-units", "targets/20??/*.yaml", "单位年度目标",
			func(s *Set, v *UnitTargets) { s.Targets.Units = append(s.Targets.Units, *v) }).named("2026/hexi.yaml"),
		single("annual-grades", "targets/grades/*.yaml", "年度考核",
			func(s *Set, v *AnnualGrades) { s.Targets.Grades = append(s.Targets.Grades, *v) }).named("2026.yaml"),
	}
}

// Indicator kinds.
const (
	IndicatorRate   = "比率" // numerator / denominator, as a percentage
	IndicatorCount  = "数量" // a number of things: households, times, people
	IndicatorAmount = "金额" // an amount in the indicator's unit (万元, 元)
	IndicatorYesNo  = "是否" // done or not
)

// Target operators: what achieving the target means.
const (
	AtLeast = "不低于"
	AtMost  = "不高于"
	Exactly = "等于"
)

// Scoring rules of an indicator.
const (
	ScoreAllOrNothing = "达标" // full weight when achieved, else 0
	ScoreLinear       = "比例" // linear between the floor (0) and the target (full weight)
)

// TargetScheme is records/targets/schemes/YYYY.yaml: how the year's unit
// targets are assessed, and the results notice once it is posted.
type TargetScheme struct {
	Node      `kind:"target-scheme" title:"目标责任考核办法" doc:"一年一个文件：哪些单位放在一起排名、等次怎么划、哪些事故实行一票否决；考核结束后写上公示日期和正文。各单位的指标另见 targets/年度/单位.yaml。"`
	Year      int           `yaml:"year" rec:"required,label" min:"2000" max:"2100" title:"年度" doc:"与文件名一致，如 2025"`
	Title     string        `yaml:"title" rec:"required" title:"办法名称" doc:"如：朝天镇2025年度目标管理责任考核办法"`
	Basis     string        `yaml:"basis" title:"印发文号" doc:"如：朝政发〔2025〕3号"`
	Group     string        `yaml:"group" rec:"required" title:"考核机构" doc:"如：镇目标管理考核领导小组"`
	Groups    []TargetGroup `yaml:"groups" rec:"required" title:"考核类别" doc:"同一类别的单位在一起排名，如 村（社区）、学校、卫生院"`
	Grades    []UnitGrade   `yaml:"grades" title:"等次" doc:"按得分从高到低写，如 优秀 90、良好 80、合格 60、不合格 0；最后一档的分数线写 0。不写则不评等次"`
	Veto      TargetVeto    `yaml:"veto" title:"一票否决" doc:"不写则不实行一票否决"`
	Issued    Date          `yaml:"issued" title:"结果公示日期" doc:"考核结果张贴公示之日；年度考核结束前不填，网站只显示各单位已报送的完成情况"`
	Number    string        `yaml:"number" title:"公示文号"`
	Publicity Publicity     `yaml:"publicity" title:"公示设置" doc:"不填的沿用乡镇的公示设置（township.yaml）"`
	Notice    string        `yaml:"notice" rec:"text" title:"公示正文" doc:"公示的正文，空一行分段；结果表、公示期和异议方式由网站按记录生成。填了公示日期的必须写"`
	Result    NoticeResult  `yaml:"result" title:"公示结果" doc:"公示期满后填写：哪天报送或存档、办理了什么，如 报县目标管理办公室备案"`
}

// TargetGroup is a set of units ranked against each other.
type TargetGroup struct {
	Node  `title:"考核类别"`
	Name  string   `yaml:"name" rec:"required,label" title:"类别名称" doc:"如：村（社区）"`
	Units []string `yaml:"units" rec:"required" ref:"unit" title:"参加考核的单位" doc:"单位编号；每个单位每年要有一个指标文件 targets/年度/编号.yaml"`
}

// UnitGrade is a grade band for units: a score of at least Min earns it.
type UnitGrade struct {
	Node `title:"等次"`
	Name string          `yaml:"name" rec:"required,label" title:"等次名称" doc:"如：优秀"`
	Min  decimal.Decimal `yaml:"min" rec:"required" min:"0" max:"100" title:"最低分" doc:"得分不低于此分的评为此等次"`
}

// TargetVeto says which accidents veto a unit's assessment.
type TargetVeto struct {
	Node       `title:"一票否决"`
	Level      string `yaml:"level" rec:"required" enum:"一般,较大,重大,特别重大" title:"事故等级" doc:"本单位辖区内当年发生此等级及以上生产安全事故的，实行一票否决"`
	Casualties bool   `yaml:"casualties" title:"限有人员伤亡" doc:"true：只有造成人员死亡或受伤的事故才否决；false 或不填：该等级及以上的事故都否决"`
	Basis      string `yaml:"basis" rec:"required" title:"依据" doc:"一票否决规定的文件和条款"`
}

// UnitTargets is records/targets/YYYY/UNIT.yaml: one unit's targets for a
// year, as set in its responsibility agreement, and the figures it
// reported.
type UnitTargets struct {
	Node       `title:"单位年度目标" doc:"一个单位一年的考核指标（年初按目标责任书录入）和完成情况（单位报送后填写）。文件放在年度文件夹下，以单位编号命名，如 targets/2025/wsy.yaml。"`
	Unit       string            `yaml:"unit" rec:"required,label" ref:"unit" title:"单位" doc:"与文件名一致"`
	Year       int               `yaml:"year" rec:"required" min:"2000" max:"2100" title:"年度" doc:"与文件夹名一致"`
	Basis      string            `yaml:"basis" title:"目标责任书" doc:"下达指标的责任书名称或文号"`
	Reported   Date              `yaml:"reported" title:"完成情况报送日期" doc:"单位报送完成情况的日期；填了就要给每个指标写完成数。年度中间报送的，写截至哪天的数"`
	Through    Date              `yaml:"through" title:"数据截至" doc:"年度中间报送进度时写数据截至的日期；全年数据不填"`
	Indicators []TargetIndicator `yaml:"indicators" rec:"required" title:"考核指标" doc:"各指标分值合计必须正好 100 分"`
}

// TargetIndicator is one indicator of a unit's targets: what is measured,
// the target, how it scores, and the figures reported.
type TargetIndicator struct {
	Node            `title:"考核指标"`
	Code            string          `yaml:"code" rec:"required" pattern:"^[A-Za-z][A-Za-z0-9-]*$" title:"指标代码" doc:"如 W01；同一指标每年用同一代码，才能逐年比较"`
	Name            string          `yaml:"name" rec:"required,label" title:"指标名称" doc:"如：65岁以上老年人健康管理率"`
	Kind            string          `yaml:"kind" rec:"required" enum:"比率,数量,金额,是否" title:"指标类型" doc:"比率：分子÷分母，以百分数显示；数量：人数、户数、次数等；金额：写明单位（万元、元）；是否：完成或未完成"`
	NumeratorName   string          `yaml:"numerator_name" title:"分子名称" doc:"比率指标必填，如：体检人数"`
	DenominatorName string          `yaml:"denominator_name" title:"分母名称" doc:"比率指标必填，如：65岁以上老年人数"`
	Unit            string          `yaml:"unit" title:"计量单位" doc:"数量、金额指标必填，如：户、起、万元"`
	Op              string          `yaml:"op" enum:"不低于,不高于,等于" title:"目标要求" doc:"不低于：越高越好；不高于：越低越好（如事故起数）；等于：必须正好等于。是否类指标不填"`
	Target          decimal.Decimal `yaml:"target" title:"目标值" doc:"比率写百分数，如 80 表示 80%；数量、金额写数；是否类指标不填（要求为“是”）"`
	Weight          decimal.Decimal `yaml:"weight" rec:"required" min:"0" max:"100" title:"分值"`
	Scoring         string          `yaml:"scoring" enum:"达标,比例" title:"计分方法" doc:"达标：达到目标得满分，否则 0 分（默认）；比例：在保底值和目标值之间按比例得分"`
	Floor           decimal.Decimal `yaml:"floor" title:"保底值" doc:"按比例计分时必填：完成数在此值及以下（越低越好的指标：及以上）得 0 分，比率写百分数"`
	Evidence        string          `yaml:"evidence" title:"佐证材料" doc:"完成数的出处：报表名称、系统截图文件名、文号等；填了完成数就必须写"`
	Numerator       decimal.Decimal `yaml:"numerator" min:"0" title:"分子（完成数）" doc:"比率指标的分子，如 688"`
	Denominator     decimal.Decimal `yaml:"denominator" min:"0" title:"分母" doc:"比率指标的分母，如 729；不能为 0"`
	Value           decimal.Decimal `yaml:"value" min:"0" title:"完成数" doc:"数量、金额指标的完成数"`
	Done            string          `yaml:"done" enum:"是,否" title:"是否完成" doc:"是否类指标写 是 或 否"`
	Note            string          `yaml:"note" rec:"text" title:"说明"`
}

// Figures reports whether any figure of the indicator was written.
func (t *TargetIndicator) Figures() bool {
	return t.Has("numerator") || t.Has("denominator") || t.Has("value") || t.Has("done")
}

// Annual grades, best first (公务员法 art. 38).
const (
	GradeExcellent   = "优秀"
	GradeCompetent   = "称职"
	GradeBasic       = "基本称职"
	GradeIncompetent = "不称职"
)

// AnnualGradeNames lists the grades best first.
var AnnualGradeNames = []string{GradeExcellent, GradeCompetent, GradeBasic, GradeIncompetent}

// Tie-break criteria for the last 优秀 place.
const (
	TieBase   = "基础分"  // the higher mean base score (without bonus) first
	TieLowest = "最低季度" // the higher lowest quarterly score first: steadiness
	TieLast   = "末季度"  // the higher score of the year's last quarter first
)

// AnnualGrades is records/targets/grades/YYYY.yaml: how the year's grades
// of the staff assessed quarterly are decided, and the decision.
type AnnualGrades struct {
	Node      `kind:"annual-grades" title:"年度考核" doc:"机关工作人员年度考核（《公务员法》第三十六至三十八条）：依据四个季度的绩效考核结果确定优秀、称职、基本称职、不称职等次。规则、优秀名额比例及其依据写在这里，每年一个文件。"`
	Year      int             `yaml:"year" rec:"required,label" min:"2000" max:"2100" title:"年度" doc:"与文件名一致，如 2025"`
	Title     string          `yaml:"title" rec:"required" title:"名称" doc:"如：朝天镇机关工作人员2025年度考核"`
	Basis     string          `yaml:"basis" rec:"required" title:"依据" doc:"年度考核的依据文件，如：《公务员法》《公务员考核规定》和县委组织部年度考核通知（文号）"`
	Committee string          `yaml:"committee" rec:"required" title:"考核委员会" doc:"确定等次的机构（《公务员法》第三十七条），如：朝天镇公务员年度考核委员会"`
	Decided   Date            `yaml:"decided" title:"研究确定日期" doc:"考核委员会会议日期"`
	Score     string          `yaml:"score" enum:"总分,基础分" title:"年度得分" doc:"年度得分 = 各季度 总分（含加分，默认）或 基础分（不含加分）的平均数"`
	Excellent ExcellentRule   `yaml:"excellent" rec:"required" title:"优秀等次"`
	Competent decimal.Decimal `yaml:"competent" rec:"required" min:"0" max:"200" title:"称职分数线" doc:"年度得分不低于此分为称职（及以上），如 80"`
	Basic     decimal.Decimal `yaml:"basic" rec:"required" min:"0" max:"200" title:"基本称职分数线" doc:"年度得分低于称职分数线、不低于此分为基本称职，低于此分为不称职，如 70"`
	Veto      VetoRule        `yaml:"veto" title:"安全生产一票否决" doc:"当年发生一票否决事故（见目标责任考核办法）的对象，其责任人不得评为优秀"`
	Previous  []PriorGrade    `yaml:"previous" title:"上年度等次" doc:"本系统启用前评定的上一年度等次；连续两年不称职的会被标出"`
	Issued    Date            `yaml:"issued" title:"公示日期" doc:"年度考核结果张贴公示之日"`
	Number    string          `yaml:"number" title:"公示文号"`
	Publicity Publicity       `yaml:"publicity" title:"公示设置" doc:"不填的沿用乡镇的公示设置（township.yaml）"`
	Notice    string          `yaml:"notice" rec:"text" title:"公示正文" doc:"公示的正文，空一行分段；等次表、公示期和异议方式由网站生成。填了公示日期的必须写"`
	Letter    string          `yaml:"letter" rec:"text" title:"通知书说明" doc:"印在每个人的《年度考核结果通知书》上的说明，如签收、存档"`
	Review    string          `yaml:"review" rec:"required,text" title:"复核和申诉" doc:"印在通知书上：对结果不服的如何申请复核、提出申诉，写明期限、受理机关（《公务员法》第九十五条）"`
	Result    NoticeResult    `yaml:"result" title:"公示结果" doc:"公示期满后填写：哪天办理、办理了什么，如 等次存入本人档案"`
}

// ExcellentRule is how the 优秀 places are given.
type ExcellentRule struct {
	Node         `title:"优秀等次"`
	Quota        decimal.Decimal `yaml:"quota" rec:"required" min:"0" max:"100" title:"名额比例（%）" doc:"优秀名额 = 参加考核人数 × 比例，小数部分舍去，如 15"`
	QuotaBasis   string          `yaml:"quota_basis" rec:"required" title:"比例依据" doc:"名额比例出自哪个文件，如县委组织部年度考核通知（文号）"`
	Min          decimal.Decimal `yaml:"min" min:"0" max:"200" title:"最低分" doc:"年度得分低于此分的不评优秀；不填则不设"`
	AllQualified bool            `yaml:"all_qualified" title:"季度均须合格" doc:"true：有一个季度考核不合格的，不得评为优秀"`
	Ties         []string        `yaml:"ties" rec:"required" enum:"基础分,最低季度,末季度" title:"同分比较顺序" doc:"年度得分相同争最后一个名额时依次比较：基础分（平均基础分高者优先）、最低季度（最低一个季度得分高者优先）、末季度（最后一个季度得分高者优先）"`
	Order        []string        `yaml:"order" ref:"person" title:"委员会确定的顺序" doc:"按上述顺序比较后仍然相同的，由考核委员会研究确定先后，按确定的先后写人员编号"`
	OrderBasis   string          `yaml:"order_basis" title:"顺序依据" doc:"考核委员会会议纪要名称或编号"`
}

// VetoRule says whose grade a vetoing accident touches.
type VetoRule struct {
	Node  `title:"安全生产一票否决"`
	Roles []string `yaml:"roles" title:"追究的责任人" doc:"事故对象的哪些责任人不得评为优秀，如 包村领导、驻村干部；不填则事故对象的全部责任人"`
	Basis string   `yaml:"basis" title:"依据"`
}

// PriorGrade is a grade decided before these records began.
type PriorGrade struct {
	Node   `title:"上年度等次"`
	Person string `yaml:"person" rec:"required,label" ref:"person" title:"人员"`
	Grade  string `yaml:"grade" rec:"required" enum:"优秀,称职,基本称职,不称职" title:"等次"`
	Basis  string `yaml:"basis" title:"依据"`
}
