package record

import (
	"fmt"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"

	"github.com/shopspring/decimal"

	"gongshi/generator/internal/guard"
)

// Record types describe themselves with struct tags, read once per type:
//
//	Node    `kind:"person" title:"人员"`  the record's kind (for ids and refs) and its name
//	yaml:"name"      the field's name in the file
//	title:"姓名"      what the field is called on the site and in change notes
//	doc:"…"          what it means, for the reference page and the schema
//	rec:"required"   must be written; "id" unique within the kind; "label"
//	                 names the record in change notes; "private" never published;
//	                 "text" may span lines; "name" a person's name (no spaces);
//	                 "address" an organisation's address, public by nature;
//	                 "url" a web address, checked strictly (it ends up in
//	                 links and the site's configuration); "office" an
//	                 office's phone, public by nature (its earlier values
//	                 too)
//	ref:"unit"       holds the id of a record of that kind
//	rec:"code"       the code other records cite a nested record by (an
//	                 indicator's K01): unique where the domain says, not a
//	                 record id
//	cites:"k"        holds a code of a nested record of kind k (Node's kind
//	                 tag), shown in change notes by that record's label;
//	                 the domain checks it, not the decoder
//	codes:"a=名"      labels of codes no record defines (bonus=加分)
//	enum:"a,b"       one of these values
//	pattern:"re"     text matching the regular expression
//	min:"0" max:"10" numeric bounds
//	after:"from"     a date on or after the named field's date
//	default:"1"      what a field left out means, for change notes
type structInfo struct {
	typ    reflect.Type
	kind   string
	title  string
	doc    string
	node   int
	fields []*fieldInfo
	byName map[string]*fieldInfo
	id     *fieldInfo
	label  *fieldInfo
	code   *fieldInfo
}

type fieldInfo struct {
	name     string
	index    int
	typ      reflect.Type
	title    string
	doc      string
	required bool
	id       bool
	isLabel  bool
	private  bool
	text     bool
	person   bool
	address  bool
	office   bool
	url      bool
	ref      string
	cites    string
	codes    map[string]string
	enum     []string
	pattern  *regexp.Regexp
	min, max *decimal.Decimal
	after    string
	def      string // the value a field left out stands for
}

// infoOf returns the struct info of t, made once per type for the
// process: making it compiles the fields' patterns, and decoding, the
// privacy checks and the descriptions ask for it for every record.
func infoOf(t reflect.Type) *structInfo {
	if i, ok := infoCache.Load(t); ok {
		return i.(*structInfo)
	}
	i, _ := infoCache.LoadOrStore(t, newStructInfo(t))
	return i.(*structInfo)
}

var infoCache sync.Map // reflect.Type → *structInfo

func newStructInfo(t reflect.Type) *structInfo {
	info := &structInfo{typ: t, node: -1, byName: map[string]*fieldInfo{}, title: t.Name()}
	for i := range t.NumField() {
		sf := t.Field(i)
		if sf.Type == nodeType {
			info.node = i
			info.kind = sf.Tag.Get("kind")
			if s := sf.Tag.Get("title"); s != "" {
				info.title = s
			}
			info.doc = sf.Tag.Get("doc")
			continue
		}
		name, _, _ := strings.Cut(sf.Tag.Get("yaml"), ",")
		if name == "" || name == "-" || !sf.IsExported() {
			continue
		}
		f := &fieldInfo{
			name:  name,
			index: i,
			typ:   sf.Type,
			title: sf.Tag.Get("title"),
			doc:   sf.Tag.Get("doc"),
			ref:   sf.Tag.Get("ref"),
			cites: sf.Tag.Get("cites"),
			after: sf.Tag.Get("after"),
			def:   sf.Tag.Get("default"),
		}
		if f.title == "" {
			f.title = name
		}
		for _, opt := range strings.Split(sf.Tag.Get("rec"), ",") {
			switch opt {
			case "":
			case "required":
				f.required = true
			case "id":
				f.id, f.required = true, true
			case "label":
				f.isLabel = true
			case "private":
				f.private = true
			case "text":
				f.text = true
			case "name":
				f.person = true
			case "address":
				f.address = true
			case "code":
				info.code = f
			case "url":
				f.url = true
			case "office":
				f.office = true
			default:
				panic(fmt.Sprintf("record: %s.%s: unknown rec option %q", t.Name(), sf.Name, opt))
			}
		}
		if cs := sf.Tag.Get("codes"); cs != "" {
			f.codes = map[string]string{}
			for _, c := range strings.Split(cs, ",") {
				k, v, _ := strings.Cut(c, "=")
				f.codes[k] = v
			}
		}
		if e := sf.Tag.Get("enum"); e != "" {
			f.enum = strings.Split(e, ",")
		}
		if p := sf.Tag.Get("pattern"); p != "" {
			f.pattern = regexp.MustCompile(p)
		}
		if m := sf.Tag.Get("min"); m != "" {
			x := decimal.RequireFromString(m)
			f.min = &x
		}
		if m := sf.Tag.Get("max"); m != "" {
			x := decimal.RequireFromString(m)
			f.max = &x
		}
		if f.id {
			info.id = f
			if f.pattern == nil {
				f.pattern = idPattern
			}
		}
		if f.isLabel {
			info.label = f
		}
		info.fields = append(info.fields, f)
		info.byName[name] = f
	}
	return info
}

// webAddress is a site's address as gongshi publishes one: a scheme, a
// host (a name, an IPv4 address, a port), and a path of safe characters
// ending in "/"; no user, query or fragment. It is put in every link and
// in Hugo's baseURL: nothing in it may need escaping.
var webAddress = regexp.MustCompile(`^https?://[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?)*(?::[0-9]{1,5})?(?:/[A-Za-z0-9._~-]+)*/$`)

// WebAddress reports whether s is a web address gongshi publishes.
func WebAddress(s string) bool { return len(s) <= 200 && webAddress.MatchString(s) }

// idPattern is what an id looks like: stable, lower-case, URL-safe.
var idPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)

func (i *structInfo) names() string {
	var b strings.Builder
	for n, f := range i.fields {
		if n > 0 {
			b.WriteString(", ")
		}
		b.WriteString(f.name)
	}
	return b.String()
}

// suggest proposes the closest field name for a misspelt one.
func (i *structInfo) suggest(key string) string {
	best, dist := "", 3
	for _, f := range i.fields {
		if d := EditDistanceWithin(strings.ToLower(key), f.name, dist); d < dist {
			best, dist = f.name, d
		}
		if key == f.title {
			return fmt.Sprintf("; did you mean %q (%s)?", f.name, f.title)
		}
	}
	if best == "" {
		return ""
	}
	return fmt.Sprintf("; did you mean %q?", best)
}

// elem is the field info that applies to each element of a list or map
// field: its constraints, not its presence.
func (f *fieldInfo) elem() *fieldInfo {
	if f == nil {
		return nil
	}
	e := *f
	e.required = false
	return &e
}

func (f *fieldInfo) label() string {
	if f == nil || f.name == "" {
		return "value"
	}
	return f.name
}

func (f *fieldInfo) checkString(s string) *mismatch {
	if f == nil {
		return nil
	}
	if s == "" {
		return &mismatch{want: "a non-empty text"}
	}
	if !guard.Visible(s) {
		return &mismatch{want: "a value with visible text", hint: "不能只有空格或看不见的字符"}
	}
	if strings.TrimSpace(s) != s && !f.text {
		return &mismatch{want: "text without leading or trailing spaces", hint: "请删去首尾空格"}
	}
	if !f.text && strings.ContainsAny(s, "\n\r") {
		return &mismatch{want: "a single line"}
	}
	if f.url && !WebAddress(s) {
		return &mismatch{want: "a web address such as https://gongshi.chaotian.gov.cn/: http or https, a host name, a path of letters, digits and - . _ ~ / ending in /", hint: "网站地址只写协议、域名和路径，以 / 结尾"}
	}
	if f.person && strings.IndexFunc(s, unicode.IsSpace) >= 0 {
		return &mismatch{want: "a name without spaces", hint: "姓名中不要有空格，写作 " + strconv.Quote(strings.Join(strings.Fields(s), ""))}
	}
	if len(f.enum) > 0 && !slices.Contains(f.enum, s) {
		return &mismatch{want: "one of " + strings.Join(f.enum, ", ")}
	}
	if f.pattern != nil && !f.pattern.MatchString(s) {
		if f.id || f.ref != "" {
			return &mismatch{want: "an id of lower-case letters, digits and hyphens", hint: "编号只用小写字母、数字和连字符，如 zhang-wei"}
		}
		return &mismatch{want: "text matching " + f.pattern.String()}
	}
	return nil
}

// Every number is bounded, whether its field says so or not: to the
// hundred billion, and to the millionth.
var (
	maxMagnitude = decimal.New(1, 12)
	maxPlaces    = int32(6)
)

// rangeText is the field's range for a message: " 1–60".
func (f *fieldInfo) rangeText() string {
	switch {
	case f == nil:
		return ""
	case f.min != nil && f.max != nil:
		return fmt.Sprintf(" %s–%s", f.min, f.max)
	case f.min != nil:
		return fmt.Sprintf(" of at least %s", f.min)
	case f.max != nil:
		return fmt.Sprintf(" of at most %s", f.max)
	}
	return ""
}

func (f *fieldInfo) checkRange(x decimal.Decimal) *mismatch {
	if f == nil {
		return nil
	}
	if x.Exponent() < -maxPlaces && !x.Equal(x.Round(maxPlaces)) {
		return &mismatch{want: fmt.Sprintf("a number with at most %d decimal places", maxPlaces)}
	}
	if f.max == nil && x.Cmp(maxMagnitude) >= 0 || f.min == nil && x.Neg().Cmp(maxMagnitude) >= 0 {
		return &mismatch{want: fmt.Sprintf("a number%s below %s", f.rangeText(), maxMagnitude)}
	}
	switch {
	case f.min != nil && f.max != nil && (x.LessThan(*f.min) || x.GreaterThan(*f.max)):
		return &mismatch{want: fmt.Sprintf("%s–%s", f.min, f.max)}
	case f.min != nil && x.LessThan(*f.min):
		return &mismatch{want: fmt.Sprintf("at least %s", f.min)}
	case f.max != nil && x.GreaterThan(*f.max):
		return &mismatch{want: fmt.Sprintf("at most %s", f.max)}
	}
	return nil
}
