package record

// The township, its units, posts and people: the records every notice
// refers to.

// Township is records/township.yaml: the organ that issues the notices.
type Township struct {
	Node      `kind:"township" title:"乡镇" doc:"发布公示的机关：名称、地址和受理异议的方式。每个记录库只有一个。"`
	Name      string       `yaml:"name" rec:"required,label" title:"乡镇名称" doc:"如：朝天镇"`
	Organ     string       `yaml:"organ" rec:"required" title:"机关全称" doc:"公示落款的发布机关，如：朝天镇人民政府"`
	County    string       `yaml:"county" title:"所属县（市、区）"`
	Address   string       `yaml:"address" rec:"required,address" title:"机关地址"`
	Postcode  string       `yaml:"postcode" pattern:"^\\d{6}$" title:"邮政编码"`
	Objection Contact      `yaml:"objection" rec:"required" title:"异议受理" doc:"对公示有异议时，实名书面反映的科室、地址和电话"`
	Publicity Publicity    `yaml:"publicity" title:"公示设置"`
	Intro     string       `yaml:"intro" rec:"text" title:"网站简介" doc:"首页显示的一段说明"`
	Website   string       `yaml:"website" rec:"url" pattern:"^https?://[^\\s/]+(/[^\\s]*)?/$" title:"网站地址" doc:"公示栏网站发布后的地址，以 / 结尾，如 https://gongshi.chaotian.gov.cn/。网站地图和标牌二维码的链接由它生成；不填的沿用 hugo.toml 的 baseURL"`
	Site      SiteIdentity `yaml:"site" title:"网站标识信息" doc:"主办单位、承办单位、ICP备案号、公安机关备案号和政府网站标识码，显示在每一页的页脚；都可以不填"`
}

// Contact is where objections to a notice go. Office phones are public;
// people's own phones are not (see Person).
type Contact struct {
	Node    `title:"受理方式"`
	Office  string `yaml:"office" rec:"required" title:"受理科室" doc:"如：党政综合办公室"`
	Address string `yaml:"address" rec:"required,address" title:"地址"`
	Phone   string `yaml:"phone" rec:"required,office" pattern:"^0\\d{2,3}-\\d{7,8}$" title:"办公电话" doc:"机关办公电话，写作 区号-号码，如 0736-6621234"`
	Email   string `yaml:"email" pattern:"^[^@\\s]+@[^@\\s]+$" title:"电子邮箱"`
	Hours   string `yaml:"hours" title:"受理时间" doc:"如：工作日 8:30–12:00，14:30–17:30"`
}

// Publicity holds the settings every notice's publicity period uses.
type Publicity struct {
	Node          `title:"公示设置"`
	WorkingDays   int    `yaml:"working_days" min:"1" max:"60" title:"公示期（工作日）" doc:"默认 5 个工作日。干部任用公示不少于 5 个工作日（《党政领导干部选拔任用工作条例》第四十一条）"`
	CountFirstDay bool   `yaml:"count_first_day" title:"发布当日计入公示期" doc:"国家没有统一规定，由本镇决定；默认不计入（参照《民法典》第二百零一条：开始的当日不计入）"`
	Basis         string `yaml:"basis" title:"依据" doc:"公示期设置的依据"`
	AnswerDays    int    `yaml:"answer_days" min:"1" max:"120" title:"异议办理时限（工作日）" doc:"收到异议后多少个工作日内应办结答复；超过仍未办结的在公示上标出。国家没有统一规定，由本镇决定；不填为 15 个工作日"`
	AnswerBasis   string `yaml:"answer_basis" title:"办理时限依据" doc:"异议办理时限出自哪个文件"`
}

// DefaultAnswerDays is how many working days an objection may stay open
// when no record sets it (Publicity.AnswerDays).
const DefaultAnswerDays = 15

// Unit types, as the township's own documents name them.
const (
	UnitOrgan      = "机关"
	UnitVillage    = "村委会"
	UnitCommunity  = "居委会"
	UnitStation    = "站所"
	UnitOffice     = "办公室"
	UnitEnterprise = "企业"
	UnitSchool     = "学校"
	UnitHealth     = "卫生院"
)

// Unit is an organisation the township deals with: its own offices and
// stations, villages and residents' committees, enterprises, schools.
type Unit struct {
	Node        `kind:"unit" title:"单位" doc:"机关内设机构、站所、村（居）委会、企业、学校等。"`
	ID          string   `yaml:"id" rec:"id" title:"编号" doc:"小写字母、数字和连字符，定了就不要改：网址和其他记录都用它"`
	Name        string   `yaml:"name" rec:"required,label" title:"名称"`
	Aliases     []string `yaml:"aliases" title:"简称" doc:"群众常说的简称、俗称，如 安监办、党政办；网站搜索时按它们也能找到本单位"`
	Type        string   `yaml:"type" rec:"required" enum:"机关,办公室,站所,村委会,居委会,企业,学校,卫生院" title:"类别"`
	Parent      string   `yaml:"parent" ref:"unit" title:"上级单位" doc:"内设机构、站所写所属机关"`
	Address     string   `yaml:"address" rec:"address" title:"地址"`
	Phone       string   `yaml:"phone" rec:"office" pattern:"^0\\d{2,3}-\\d{7,8}$" title:"办公电话"`
	Established Date     `yaml:"established" title:"成立日期"`
	Closed      Date     `yaml:"closed" after:"established" title:"撤销日期"`
	Note        string   `yaml:"note" rec:"text" title:"备注"`
}

// Post ranks: who leads, who is a member of the leadership, who works.
const (
	RankMain    = "主要领导"
	RankLeader  = "班子成员"
	RankHead    = "中层正职"
	RankStaff   = "一般干部"
	RankVillage = "村（居）干部"
)

// Post is a seat that people hold in turn, such as 分管安全副镇长. Roles in
// other records name posts rather than people, so that a rotation is
// followed without editing them.
type Post struct {
	Node   `kind:"post" title:"职务" doc:"一个岗位（席位），由人员按任职起止日期轮流担任。"`
	ID     string `yaml:"id" rec:"id" title:"编号"`
	Title  string `yaml:"title" rec:"required,label" title:"职务名称" doc:"如：党委委员、副镇长（分管安全生产）"`
	Unit   string `yaml:"unit" rec:"required" ref:"unit" title:"所在单位"`
	Rank   string `yaml:"rank" rec:"required" enum:"主要领导,班子成员,中层正职,一般干部,村（居）干部" title:"层级"`
	Seats  int    `yaml:"seats" min:"1" max:"500" title:"职数" doc:"同一时间可由几人担任，默认 1"`
	Duties string `yaml:"duties" rec:"text" title:"职责"`
}

// Holders is how many people may hold the post at once.
func (p Post) Holders() int { return max(p.Seats, 1) }

// Person is anyone the records name: cadres, village cadres, owners.
// Phone, ID number and home address are private: recorded, never published.
type Person struct {
	Node        `kind:"person" title:"人员" doc:"干部、村（居）干部及其他需要在公示中出现的人员。电话、身份证号、家庭住址只作记录，永不公开。"`
	ID          string   `yaml:"id" rec:"id" title:"编号" doc:"建议用姓名拼音，如 zhang-wei；重名加数字"`
	Name        string   `yaml:"name" rec:"required,label,name" title:"姓名"`
	Gender      string   `yaml:"gender" enum:"男,女" title:"性别"`
	Unit        string   `yaml:"unit" rec:"required" ref:"unit" title:"工作单位"`
	Staff       string   `yaml:"staff" enum:"公务员,参公管理,事业编制,村（居）干部,企业人员,其他" title:"人员类别"`
	Posts       []Tenure `yaml:"posts" title:"任职"`
	Joined      Date     `yaml:"joined" title:"到本单位日期"`
	Left        Date     `yaml:"left" after:"joined" title:"调离日期"`
	Phone       string   `yaml:"phone" rec:"private" pattern:"^(1[3-9]\\d{9}|0\\d{2,3}-\\d{7,8})$" title:"联系电话（不公开）"`
	IDNumber    IDNumber `yaml:"id_number" rec:"private" title:"身份证号（不公开）"`
	HomeAddress string   `yaml:"home_address" rec:"private" title:"家庭住址（不公开）"`
	Emails      []string `yaml:"emails" rec:"private" pattern:"^[^@\\s]+@[^@\\s]+$" title:"提交记录用的电子邮箱（不公开）" doc:"本人向记录库提交时 git 记下的邮箱。替别人提交的记录，网站按此写明“代为提交”的是谁；不在这里、也不在信任名单里的提交人不显示"`
}

// Tenure is a person holding a post from one date to another.
type Tenure struct {
	Node  `title:"任职"`
	Post  string `yaml:"post" rec:"required" ref:"post" title:"职务"`
	From  Date   `yaml:"from" rec:"required" title:"任职日期"`
	To    Date   `yaml:"to" after:"from" title:"免职日期" doc:"仍在任的不填"`
	Basis string `yaml:"basis" title:"任免文号" doc:"如：朝委〔2026〕12号"`
}

// Holds reports whether the tenure covers day d.
func (t Tenure) Holds(d Date) bool { return d.Within(t.From, t.To) }
