package record

import "github.com/shopspring/decimal"

// Summary is records/summaries/*.yaml: a work summary or annual report
// (工作总结) whose figures gongshi fills in from the records. The clerk
// writes the narrative as a template naming the figures, such as
// 全年共签订安全生产责任书{{.安全.责任书.份数}}份; the site shows it with each
// figure linked to the records it counts, and `gongshi export summary`
// writes it as a Word document to file, edit and stamp.
type Summary struct {
	Node   `kind:"summary" title:"工作总结" doc:"年度工作总结、报告的正文模板：正文中的数字写成 {{.名称}}，由网站按档案记录计算填入，每个数字都链接到它统计的记录。可用的名称见下文“正文可用的名称”。一个文件一篇。"`
	ID     string         `yaml:"id" rec:"id" pattern:"^[a-z0-9][a-z0-9-]*$" title:"编号" doc:"小写字母、数字和连字符，如 2026-safety；网址用它，定了就不要改"`
	Title  string         `yaml:"title" rec:"required,label" title:"标题" doc:"如：朝天镇2026年安全生产工作总结"`
	Year   int            `yaml:"year" rec:"required" min:"2000" max:"2100" title:"年度" doc:"正文中的数字都是这一年的"`
	Organ  string         `yaml:"organ" title:"落款" doc:"发文单位；不填为乡镇的机关全称（township.yaml）"`
	Date   Date           `yaml:"date" title:"成文日期"`
	Number string         `yaml:"number" title:"文号"`
	Text   Template       `yaml:"text" rec:"required" title:"正文" doc:"用 | 开头另起行书写，每行缩进两格，空一行分段；以“一、”“（一）”开头的一行是标题。数字写成 {{.安全.责任书.份数}} 这样的名称，可用 {{if}}…{{else}}…{{end}} 按数字写不同的话，如 {{if 为零 .安全.事故.起数}}全年未发生生产安全事故{{end}}"`
	Data   []SummaryDatum `yaml:"data" title:"其他数据" doc:"档案记录中没有、只能从别处取得的数字（如免疫规划系统的在册儿童数），每个写明出处；正文用 {{.数据.名称}} 引用"`
}

// SummaryDatum is a figure a summary cites that no record holds, written
// in the summary with where it was taken from.
type SummaryDatum struct {
	Node     `title:"其他数据"`
	Name     string          `yaml:"name" rec:"required,label" pattern:"^[\\p{L}_][\\p{L}\\p{N}_]*$" title:"名称" doc:"正文中 {{.数据.名称}} 的名称：汉字、字母、数字，不以数字开头，如 在册儿童"`
	Title    string          `yaml:"title" rec:"required" title:"含义" doc:"如：全镇0—7岁儿童数"`
	Value    decimal.Decimal `yaml:"value" rec:"required" title:"数值"`
	Unit     string          `yaml:"unit" rec:"required" title:"单位" doc:"如：人、人次、万元"`
	Evidence string          `yaml:"evidence" rec:"required" title:"出处" doc:"数字从哪里取得：系统报表名称、统计日期、文号等"`
}

func summaryKinds() []Kind {
	return []Kind{
		single("summaries", "summaries/*.yaml", "工作总结",
			func(s *Set, v *Summary) { s.Summaries = append(s.Summaries, *v) }).named("2026-safety.yaml"),
	}
}
