package record

import (
	"regexp"
	"strings"

	"golang.org/x/text/width"
)

// A government website names who runs it and shows its filing numbers in
// its footer: 《政府网站发展指引》(国办发〔2017〕47号) has a government
// site, before it opens, obtain its ICP filing (ICP备案), its public
// security filing (公安机关备案) and its 政府网站标识码, and show them with
// the 主办单位 at the foot of its pages; the Regulation on Internet
// Information Services (互联网信息服务管理办法, art. 12) and MIIT's
// filing rules have the ICP number linked to MIIT's filing site.

// SiteIdentity is who runs the public-notice site and its filing numbers,
// shown in every page's footer. Every field may be left out: a site not
// yet filed shows none.
type SiteIdentity struct {
	Node     `title:"网站标识信息"`
	Sponsor  string       `yaml:"sponsor" title:"主办单位" doc:"不填为机关全称（organ）"`
	Operator string       `yaml:"operator" title:"承办单位" doc:"负责网站日常运行的单位，如：朝天镇党政综合办公室"`
	ICP      ICPNumber    `yaml:"icp" title:"ICP备案号" doc:"工业和信息化部备案管理系统给的编号，如：湘ICP备2026000123号-1；页脚链接到 https://beian.miit.gov.cn/"`
	Police   PoliceNumber `yaml:"police" title:"公安机关备案号" doc:"全国互联网安全管理服务平台给的编号，如：湘公网安备43122302000123号；页脚链接到公安机关的备案查询"`
	Code     SiteCode     `yaml:"code" title:"政府网站标识码" doc:"政府网站开办后由上级政府办公厅（室）统一赋予的10位代码：地方政府网站为6位行政区划代码加4位顺序号，如 4312230011；国务院部门网站为 bm 加8位数字"`
}

// SponsorOr is the 主办单位: the one written, else organ.
func (s SiteIdentity) SponsorOr(organ string) string {
	if s.Sponsor != "" {
		return s.Sponsor
	}
	return organ
}

// provinces are the one-character names of the provinces, autonomous
// regions and municipalities as the filing numbers begin with them.
const provinces = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼"

// ICPNumber is an ICP filing number as MIIT's filing system gives it: the
// province's one-character name, ICP备, the number, 号, and, for the
// second and later sites of one filer, a dash and the site's number
// (湘ICP备2026000123号-1).
type ICPNumber string

var icpPattern = regexp.MustCompile(`^[` + provinces + `]ICP备\d{6,10}号(?:-\d{1,3})?$`)

func (n *ICPNumber) decodeScalar(s scalar) *mismatch {
	raw := s.Raw
	if s.Kind != kindString || !icpPattern.MatchString(raw) {
		m := &mismatch{want: "an ICP filing number such as 湘ICP备2026000123号-1", hint: "照工业和信息化部备案管理系统上的编号抄写，如 湘ICP备2026000123号-1"}
		if fixed := strings.ToUpper(narrow(raw)); fixed != raw && icpPattern.MatchString(fixed) {
			m.hint = "请写作 " + fixed
		}
		return m
	}
	*n = ICPNumber(raw)
	return nil
}

// PoliceNumber is a public security filing number as the Ministry of
// Public Security's filing platform gives it: the province's name,
// 公网安备, 14 digits (the first six the administrative division's code),
// 号 (湘公网安备43122302000123号).
type PoliceNumber string

var policePattern = regexp.MustCompile(`^[` + provinces + `]公网安备\d{14}号$`)

// Digits returns the number's 14 digits, by which the filing platform
// looks it up.
func (n PoliceNumber) Digits() string {
	s := strings.TrimSuffix(string(n), "号")
	if i := strings.Index(s, "公网安备"); i >= 0 {
		return s[i+len("公网安备"):]
	}
	return ""
}

func (n *PoliceNumber) decodeScalar(s scalar) *mismatch {
	raw := s.Raw
	if s.Kind != kindString || !policePattern.MatchString(raw) {
		m := &mismatch{want: "a public security filing number such as 湘公网安备43122302000123号", hint: "照全国互联网安全管理服务平台上的编号抄写：省份简称、公网安备、14位数字、号"}
		if fixed := narrow(raw); fixed != raw && policePattern.MatchString(fixed) {
			m.hint = "请写作 " + fixed
		}
		return m
	}
	*n = PoliceNumber(raw)
	return nil
}

// SiteCode is a 政府网站标识码: 10 characters, issued through the
// national government-website information system when a site is opened
// (《政府网站发展指引》, 国办发〔2017〕47号). A local government's site has
// the 6-digit administrative division code (GB/T 2260) of its region and a
// 4-digit serial number (湖南省人民政府 4300000077, 河北省某市 1303000020);
// a State Council department's site has bm and 8 digits (bm55000001).
// The scheme is read from the codes government sites show: the
// allocation rules themselves are not public.
type SiteCode string

var siteCodePattern = regexp.MustCompile(`^(?:\d{10}|bm\d{8})$`)

func (c *SiteCode) decodeScalar(s scalar) *mismatch {
	raw := s.Raw
	if !siteCodePattern.MatchString(raw) {
		m := &mismatch{want: "a 政府网站标识码 of 10 characters: 10 digits, or bm and 8 digits", hint: "政府网站标识码为10位，如 4312230011；请加引号"}
		if fixed := strings.ToLower(narrow(raw)); fixed != raw && siteCodePattern.MatchString(fixed) {
			m.hint = "请写作 \"" + fixed + "\""
		}
		return m
	}
	if s.Kind != kindString {
		// 10 digits unquoted would be a number, and one starting with 0
		// would lose it: the code is text.
		return &mismatch{want: "a 政府网站标识码 in quotes", hint: "政府网站标识码请加引号，如 \"" + raw + "\""}
	}
	*c = SiteCode(raw)
	return nil
}

// narrow is s as it was meant when typed with a Chinese input method:
// full-width letters and digits as ASCII, spaces left out.
func narrow(s string) string {
	return strings.Join(strings.Fields(width.Narrow.String(s)), "")
}
