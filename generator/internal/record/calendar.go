package record

// Calendar is one year's statutory holidays and make-up working days (调休),
// as announced by the State Council's General Office. A year without a
// calendar record has no known holidays: periods that run into it are
// provisional.
type Calendar struct {
	Node     `kind:"calendar" title:"节假日安排" doc:"国务院办公厅每年发布的部分节假日安排：放假日期和调休上班日期。每年一个文件，通知修订时改这个文件并在提交说明中写明依据。"`
	Year     int       `yaml:"year" rec:"required" min:"2000" max:"2100" title:"年度"`
	Source   string    `yaml:"source" rec:"required" title:"依据" doc:"通知的标题和文号，如：国务院办公厅关于2026年部分节假日安排的通知（国办发明电〔2025〕7号）"`
	URL      string    `yaml:"url" pattern:"^https?://" title:"原文链接"`
	Holidays []Holiday `yaml:"holidays" rec:"required" title:"放假安排"`
	Workdays []Workday `yaml:"workdays" title:"调休上班日" doc:"周末调为上班的日期"`
}

// Holiday is a run of days off, from and to inclusive.
type Holiday struct {
	Node `title:"放假"`
	Name string `yaml:"name" rec:"required" title:"节日" doc:"如：春节"`
	From Date   `yaml:"from" rec:"required" title:"放假开始"`
	To   Date   `yaml:"to" rec:"required" after:"from" title:"放假结束"`
}

// Workday is a weekend day worked to make up for a holiday.
type Workday struct {
	Node `title:"调休上班"`
	Date Date   `yaml:"date" rec:"required" title:"日期"`
	For  string `yaml:"for" title:"所属节日"`
}
