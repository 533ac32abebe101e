package record

// The life of a notice (公示) after it is posted: objections received in
// its period, how each was handled, and what was done with the result once
// the period ended. Files live under records/objections/, one a year.

// Outcomes of an objection.
const (
	OutcomeUpheld    = "维持" // the notice stands as posted
	OutcomeCorrected = "更正" // the notice was corrected: a new version
)

func objectionKinds() []Kind {
	return []Kind{
		list("objections", "objections/*.yaml", "objections", "公示异议", func(s *Set) *[]Objection { return &s.Objections }).named("2026.yaml"),
	}
}

// Objection is an objection to a notice (公示异议), from its receipt to its
// answer. Who objected and how to reach them are personal information
// (Civil Code art. 1034): recorded, never published. What was objected to
// and how it was settled are published in summary.
type Objection struct {
	Node     `kind:"objection" title:"公示异议" doc:"公示期间收到的异议和办理结果：收到日期、反映方式、内容摘要、办理科室、核查情况、处理结果、办结日期。反映人姓名和联系方式只作记录，永不公开；内容摘要和核查情况要公开，不要写反映人是谁。"`
	ID       string `yaml:"id" rec:"id" title:"编号" doc:"如 2026-001，按收到先后编号"`
	Notice   string `yaml:"notice" rec:"required" title:"公示" doc:"被提出异议的公示，写公示网址中的名称：assess-2026-q1（2026年第一季度绩效考核结果公示）、targets-2025（2025年度目标考核结果公示）、grades-2025（2025年度考核结果公示）"`
	Received Date   `yaml:"received" rec:"required" title:"收到日期"`
	Channel  string `yaml:"channel" rec:"required" enum:"书面,来电,来访" title:"反映方式"`
	Summary  string `yaml:"summary" rec:"required,label,text" title:"异议内容" doc:"公开：一两句话写明对哪一项有什么异议，不写反映人是谁"`
	Objector string `yaml:"objector" rec:"required,private,name" title:"反映人（不公开）" doc:"实名反映人的姓名，只作记录"`
	Contact  string `yaml:"contact" rec:"private" title:"联系方式（不公开）" doc:"电话或地址，只作记录，用于答复"`
	Office   string `yaml:"office" rec:"required" title:"办理科室" doc:"如：党政综合办公室"`
	Finding  string `yaml:"finding" rec:"text" title:"核查情况" doc:"公开：核查了哪些材料、结论是什么；办结时必填"`
	Outcome  string `yaml:"outcome" enum:"维持,更正" title:"处理结果" doc:"办结时必填。维持：原公示结果不变；更正：公示按核查结果更正，另写更正后的版本"`
	Version  int    `yaml:"version" min:"2" max:"1000" title:"更正后的版本" doc:"处理结果为更正的必填：更正后的公示是第几版（见公示页的“历次版本”），如 2"`
	Closed   Date   `yaml:"closed" after:"received" title:"办结日期" doc:"核查完毕、答复反映人之日；尚在办理的不填"`
}

// IsClosed reports whether the objection was closed on or before day d.
func (o *Objection) IsClosed(d Date) bool { return !o.Closed.IsZero() && !o.Closed.After(d) }

// NoticeResult is what was done with a notice's results once its period
// ended: the assessment's pay reported to the county finance bureau, the
// grades filed.
type NoticeResult struct {
	Node   `title:"公示结果"`
	Date   Date   `yaml:"date" rec:"required" title:"办理日期" doc:"公示期满后报送或存档之日"`
	Action string `yaml:"action" title:"办理事项" doc:"如：报青江县财政局审核发放、存入本人档案；绩效考核不写的为报办法中的报送单位"`
}
