package record

import (
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/shopspring/decimal"
)

// Types that exist only here: the describer must work for record types it
// has never heard of, through their tags alone.
type testSheet struct {
	Node    `kind:"sheet" title:"评分表"`
	ID      string                     `yaml:"id" rec:"id" title:"编号"`
	Name    string                     `yaml:"name" rec:"required,label" title:"名称"`
	Scores  []testScore                `yaml:"scores" title:"评分"`
	Weights map[string]decimal.Decimal `yaml:"weights" title:"权重"`
}

type testScore struct {
	Node
	Person     string          `yaml:"person" rec:"required" ref:"person" title:"人员"`
	Attendance decimal.Decimal `yaml:"attendance" title:"出勤"`
	Tasks      decimal.Decimal `yaml:"tasks" title:"交办任务"`
	Phone      string          `yaml:"phone" rec:"private" title:"电话"`
}

// testReport is labelled by a reference: a report of one person.
type testReport struct {
	Node   `kind:"report" title:"月报"`
	ID     string `yaml:"id" rec:"id" title:"编号"`
	Person string `yaml:"person" rec:"required,label" ref:"person" title:"填报人"`
	Count  int    `yaml:"count" title:"检查次数"`
}

type testVessel struct {
	Node   `kind:"vessel" title:"船舶"`
	ID     string            `yaml:"id" rec:"id" title:"编号"`
	Name   string            `yaml:"name" rec:"required,label" title:"船名"`
	Keeper string            `yaml:"keeper" ref:"person" title:"包船责任人"`
	Owner  testOwner         `yaml:"owner" title:"船主"`
	Posts  []string          `yaml:"posts" ref:"person" title:"现场检查员"`
	Roles  map[string]string `yaml:"roles" ref:"person" title:"其他责任人"`
	Active bool              `yaml:"active" title:"在用"`
}

type testOwner struct {
	Node
	Name     string   `yaml:"name" title:"姓名"`
	Phone    string   `yaml:"phone" rec:"private" title:"电话"`
	IDNumber IDNumber `yaml:"id_number" title:"身份证号"` // private by type, even untagged
}

func testKind[T any](list string) Kind {
	return Kind{Name: "test", Pattern: "test/*.yaml", List: list, Type: reflect.TypeFor[T](), add: func(*Set, reflect.Value) {}}
}

func entries(t *testing.T, k Kind, data string) map[Key]*Entry {
	t.Helper()
	es, errs := readFile(File{Path: "records/test/x.yaml", Data: []byte(data)}, k)
	if len(errs) > 0 {
		t.Fatalf("readFile: %v", errs.Error())
	}
	m := map[Key]*Entry{}
	for i := range es {
		m[es[i].Key] = &es[i]
	}
	return m
}

var testLabels Labels = func(k Key) (string, bool) {
	l, ok := map[Key]string{
		{"person", "zhang-san"}: "张三",
		{"person", "li-si"}:     "李四",
		{"person", "wang-wu"}:   "王五",
	}[k]
	return l, ok
}

func changes(old, new map[Key]*Entry, key Key) []string {
	var out []string
	for _, c := range Compare(old[key], new[key], testLabels, testLabels) {
		out = append(out, c.String())
	}
	return out
}

func TestCompareDescribesPublishedChangesInWords(t *testing.T) {
	sheet := testKind[testSheet]("sheets")
	vessel := testKind[testVessel]("vessels")
	const sheetV1 = `sheets:
  - id: q1
    name: 2026年第一季度
    scores:
      - person: zhang-san
        attendance: 9
        tasks: 8
        phone: "13800001111"
      - person: li-si
        attendance: 10
    weights: {public: 0.4, post: 0.6}
`
	const vesselV1 = `vessels:
  - id: cd012
    name: 朝渡012
    keeper: li-si
    owner: {name: 赵六, phone: "13900002222", id_number: "11010519491231002X"}
    posts: [zhang-san]
    roles: {village: zhang-san}
    active: true
`
	tests := []struct {
		name     string
		kind     Kind
		old, new string
		key      Key
		want     []string
	}{
		{"score corrected in a list item named by its person", sheet, sheetV1,
			strings.Replace(sheetV1, "attendance: 9", "attendance: 10", 1), Key{"sheet", "q1"},
			[]string{"2026年第一季度 · 评分 · 张三 · 出勤由9改为10"}},
		{"formatting, comments, key order and 10 written 10.0 are no change", sheet, sheetV1,
			`# 第一季度
sheets:
  - name: "2026年第一季度"
    id: q1
    weights: {post: 0.60, public: 0.4}
    scores:
      - attendance: 9.0
        person: zhang-san   # 张三
        tasks: 8
        phone: "13800001111"
      - {person: li-si, attendance: 10}
`, Key{"sheet", "q1"}, nil},
		{"a private field changes nothing, not even a mention", sheet, sheetV1,
			strings.Replace(sheetV1, "13800001111", "13800009999", 1), Key{"sheet", "q1"}, nil},
		{"list item added and removed", sheet, sheetV1,
			strings.Replace(sheetV1, "- person: li-si", "- person: wang-wu", 1), Key{"sheet", "q1"},
			[]string{"2026年第一季度 · 评分：新增王五（出勤 10）", "2026年第一季度 · 评分：删去李四（出勤 10）"}},
		{"list item reordered is no change", sheet, sheetV1,
			`sheets:
  - id: q1
    name: 2026年第一季度
    scores:
      - person: li-si
        attendance: 10
      - person: zhang-san
        attendance: 9
        tasks: 8
        phone: "13800001111"
    weights: {public: 0.4, post: 0.6}
`, Key{"sheet", "q1"}, nil},
		{"field cleared and map value changed", sheet, sheetV1,
			strings.Replace(strings.Replace(sheetV1, "        tasks: 8\n", "", 1), "post: 0.6", "post: 0.65", 1), Key{"sheet", "q1"},
			[]string{"2026年第一季度 · 评分 · 张三 · 交办任务删去（原为8）", "2026年第一季度 · 权重 · post由0.6改为0.65"}},
		{"reference shown by the referenced record's label", vessel, vesselV1,
			strings.Replace(vesselV1, "keeper: li-si", "keeper: wang-wu", 1), Key{"vessel", "cd012"},
			[]string{"朝渡012 · 包船责任人由李四改为王五"}},
		{"unknown reference shown by its id", vessel, vesselV1,
			strings.Replace(vesselV1, "keeper: li-si", "keeper: zhao-liu", 1), Key{"vessel", "cd012"},
			[]string{"朝渡012 · 包船责任人由李四改为zhao-liu"}},
		{"nested private fields and ID numbers never appear", vessel, vesselV1,
			strings.Replace(strings.Replace(vesselV1, "13900002222", "13900003333", 1), "11010519491231002X", "110105198001010016", 1),
			Key{"vessel", "cd012"}, nil},
		{"nested struct, list of references, map of references and a bool", vessel, vesselV1,
			strings.NewReplacer("name: 赵六", "name: 钱七", "[zhang-san]", "[zhang-san, li-si]", "village: zhang-san", "village: wang-wu", "active: true", "active: false").Replace(vesselV1),
			Key{"vessel", "cd012"},
			[]string{"朝渡012 · 船主 · 姓名由赵六改为钱七", "朝渡012 · 现场检查员由张三改为张三、李四", "朝渡012 · 其他责任人 · village由张三改为王五", "朝渡012 · 在用由是改为否"}},
		{"a record labelled by a reference shows the referenced label", testKind[testReport]("reports"),
			"reports:\n  - {id: r1, person: li-si, count: 3}\n", "reports:\n  - {id: r1, person: li-si, count: 4}\n",
			Key{"report", "r1"}, []string{"李四 · 检查次数由3改为4"}},
		{"record added", vessel, "vessels: []\n", vesselV1, Key{"vessel", "cd012"}, []string{"新增船舶：朝渡012"}},
		{"record removed", vessel, vesselV1, "vessels: []\n", Key{"vessel", "cd012"}, []string{"删去船舶：朝渡012"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := changes(entries(t, tt.kind, tt.old), entries(t, tt.kind, tt.new), tt.key)
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("Compare =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

func TestReadFileKeysCoreRecordsByKindAndID(t *testing.T) {
	const people = `people:
  - id: zhang-san
    name: 张三
    unit: dzb
    phone: "13800001111"
    id_number: "11010519491231002X"
    posts:
      - {post: dzb-zr, from: 2025-01-01}
`
	es, errs := ReadFile(File{Path: "records/people/机关.yaml", Data: []byte(people)})
	if len(errs) > 0 || len(es) != 1 {
		t.Fatalf("ReadFile = %d entries, %v", len(es), errs)
	}
	if es[0].Key != (Key{"person", "zhang-san"}) || es[0].Label != "张三" || es[0].Title != "人员" {
		t.Errorf("entry = %+v %q %q; want person/zhang-san 张三 人员", es[0].Key, es[0].Label, es[0].Title)
	}
	next := strings.NewReplacer("13800001111", "13900000000", "11010519491231002X", "110105198001010016",
		"{post: dzb-zr, from: 2025-01-01}", "{post: dzb-zr, from: 2025-01-01, to: 2026-03-01}").Replace(people)
	es2, _ := ReadFile(File{Path: "records/people/机关.yaml", Data: []byte(next)})
	labels := func(k Key) (string, bool) {
		return map[Key]string{{"post", "dzb-zr"}: "党政办主任"}[k], k.Kind == "post"
	}
	var got []string
	for _, c := range Compare(&es[0], &es2[0], labels, labels) {
		got = append(got, c.String())
	}
	want := []string{"张三 · 任职 · 党政办主任 · 免职日期填写为2026年3月1日"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("Compare = %q; want %q", got, want)
	}
	cal, _ := ReadFile(File{Path: "records/calendar/2026.yaml", Data: []byte("year: 2026\nsource: 国办发明电〔2025〕7号\nholidays:\n  - {name: 春节, from: 2026-02-15, to: 2026-02-23}\n")})
	if len(cal) != 1 || cal[0].Key != (Key{"calendar", "records/calendar/2026.yaml"}) || cal[0].Label != "2026" {
		t.Errorf("calendar entry = %+v; want keyed by its path, labelled 2026", cal)
	}
}

// testEvent has a count that means 1 when left out.
type testEvent struct {
	Node  `kind:"event" title:"计分记录"`
	ID    string          `yaml:"id" rec:"id" title:"编号"`
	Count decimal.Decimal `yaml:"count" default:"1" title:"次数"`
}

func TestCompareShowsAFieldLeftOutAsItsDefault(t *testing.T) {
	k := testKind[testEvent]("events")
	for _, tc := range []struct {
		name, old, new string
		want           []string
	}{
		{"left out after a value", "events:\n  - {id: k01, count: 2}\n", "events:\n  - {id: k01}\n", []string{"k01 · 次数由2改为1"}},
		{"a value after left out", "events:\n  - {id: k01}\n", "events:\n  - {id: k01, count: 3}\n", []string{"k01 · 次数由1改为3"}},
		{"the default written out is no change", "events:\n  - {id: k01}\n", "events:\n  - {id: k01, count: 1}\n", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := changes(entries(t, k, tc.old), entries(t, k, tc.new), Key{"event", "k01"})
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("Compare = %q; want %q", got, tc.want)
			}
		})
	}
}

// TestCompareLooksUpLabelsOfChangedValuesOnly: a label is looked up (for
// the history, the labels of a commit are read) only to show a value that
// changed, not for every reference a record compared holds.
func TestCompareLooksUpLabelsOfChangedValuesOnly(t *testing.T) {
	k := testKind[testVessel]("vessels")
	const vessel = "vessels:\n  - {id: v1, name: 朝天1号, keeper: zhang-san, posts: [li-si], active: %s}\n"
	for _, tc := range []struct {
		name, old, new string
		lookups        []Key
	}{
		{"no reference changed", fmt.Sprintf(vessel, "true"), fmt.Sprintf(vessel, "false"), nil},
		{"a reference changed", fmt.Sprintf(vessel, "true"), strings.Replace(fmt.Sprintf(vessel, "true"), "keeper: zhang-san", "keeper: wang-wu", 1),
			[]Key{{"person", "zhang-san"}, {"person", "wang-wu"}}},
		{"a list of references changed", fmt.Sprintf(vessel, "true"), strings.Replace(fmt.Sprintf(vessel, "true"), "[li-si]", "[li-si, wang-wu]", 1),
			[]Key{{"person", "li-si"}, {"person", "li-si"}, {"person", "wang-wu"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got []Key
			counting := func(k Key) (string, bool) { got = append(got, k); return testLabels(k) }
			key := Key{"vessel", "v1"}
			cs := Compare(entries(t, k, tc.old)[key], entries(t, k, tc.new)[key], counting, counting)
			if len(cs) != 1 {
				t.Fatalf("Compare = %v; want one change", cs)
			}
			if fmt.Sprint(got) != fmt.Sprint(tc.lookups) {
				t.Errorf("looked up %v; want %v", got, tc.lookups)
			}
		})
	}
}

func TestChangesNameTheListItemsTheyAreIn(t *testing.T) {
	k := testKind[testSheet]("sheets")
	old := "sheets:\n  - id: q1\n    name: 第一季度\n    scores:\n      - {person: zhang-san, attendance: 9}\n      - {person: li-si, attendance: 10}\n"
	new := "sheets:\n  - id: q1\n    name: 一季度\n    scores:\n      - {person: zhang-san, attendance: 10}\n      - {person: wang-wu, attendance: 10}\n"
	var got []string
	for _, c := range Compare(entries(t, k, old)[Key{"sheet", "q1"}], entries(t, k, new)[Key{"sheet", "q1"}], testLabels, testLabels) {
		got = append(got, strings.Join(c.Items, "/")+" "+c.String())
	}
	want := []string{
		" 一季度 · 名称由第一季度改为一季度",
		"zhang-san 一季度 · 评分 · 张三 · 出勤由9改为10",
		"wang-wu 一季度 · 评分：新增王五（出勤 10）",
		"li-si 一季度 · 评分：删去李四（出勤 10）",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("changes:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestCachedEntriesAreReadFiles decodes every archive of testdata/decode
// through a FileCache and checks that each file's cached records are
// those ReadFile reads, and that a file with a mistake is not offered.
func TestCachedEntriesAreReadFiles(t *testing.T) {
	paths, _ := filepath.Glob("testdata/decode/*.txtar")
	checked, refused := 0, 0
	for _, p := range paths {
		a, err := txtar.ParseFile(p)
		if err != nil {
			t.Fatal(err)
		}
		var files []File
		for i, f := range a.Files {
			if strings.HasPrefix(f.Name, "records/") {
				files = append(files, File{Path: f.Name, Data: f.Data, Blob: fmt.Sprintf("blob%d", i)})
			}
		}
		cache := NewFileCache()
		DecodeCached(files, cache)
		for _, f := range files {
			want, errs := ReadFile(f)
			got, ok := cache.Entries(f.Path, f.Blob)
			if !ok {
				refused++
				if len(errs) == 0 && len(want) > 0 && !cacheHasMistakes(cache, f) {
					t.Errorf("%s: %s, read without a mistake, is not offered by the cache", p, f.Path)
				}
				continue
			}
			if len(errs) > 0 {
				t.Errorf("%s: %s has mistakes (%v) but the cache offers it", p, f.Path, errs)
			}
			checked++
			if len(got) != len(want) {
				t.Fatalf("%s: %s: %d records cached, %d read", p, f.Path, len(got), len(want))
			}
			for i := range got {
				if got[i].Key != want[i].Key || got[i].Title != want[i].Title || got[i].Label != want[i].Label ||
					!reflect.DeepEqual(got[i].value.Interface(), want[i].value.Interface()) {
					t.Errorf("%s: %s record %d: cached %+v, read %+v", p, f.Path, i, got[i], want[i])
				}
			}
		}
	}
	if checked == 0 || refused == 0 {
		t.Fatalf("%d files offered by the cache, %d refused: the archives test neither way", checked, refused)
	}
}

func cacheHasMistakes(c *FileCache, f File) bool {
	d, ok := c.get(f)
	return ok && len(d.errs) > 0
}

// TestChangesCiteCodesByTheirNames: a score sheet cites the scheme's
// indicators and items by code; change notes name them as the site does,
// and a quarter by its Chinese name.
func TestChangesCiteCodesByTheirNames(t *testing.T) {
	scheme, errs := ReadFile(File{Path: "records/assess/schemes/2026.yaml", Data: []byte(Example("assess-schemes"))})
	if len(errs) > 0 || len(scheme) != 1 {
		t.Fatalf("ReadFile(scheme) = %d entries, %v", len(scheme), errs)
	}
	codes := map[Key]string{}
	for _, c := range scheme[0].Codes() {
		codes[Key{c.Kind, c.Code}] = c.Label
	}
	if codes[Key{"assess-indicator", "K01"}] != "无故缺勤" || codes[Key{"assess-item", "public"}] != "公共职责" {
		t.Fatalf("the scheme's codes are %v; want K01 无故缺勤 and public 公共职责 among them", codes)
	}
	labels := func(k Key) (string, bool) { l, ok := codes[k]; return l, ok }
	quarter := "quarter: 2026-Q1\nissued: 2026-04-02\nsheets:\n  - person: li\n    scores:\n      - {item: public, score: 28}\n      - {item: bonus, score: 2}\n    events:\n      - {indicator: K01, date: 2026-01-12, count: 2}\n"
	next := strings.NewReplacer("score: 28", "score: 27", "score: 2}", "score: 3}", "count: 2", "count: 1").Replace(quarter)
	old, _ := ReadFile(File{Path: "records/assess/2026-Q1.yaml", Data: []byte(quarter)})
	new, _ := ReadFile(File{Path: "records/assess/2026-Q1.yaml", Data: []byte(next)})
	var got []string
	for _, c := range Compare(&old[0], &new[0], labels, labels) {
		got = append(got, c.String())
	}
	want := []string{
		"2026年第一季度 · 评分表 · li · 评定分 · 公共职责 · 得分由28改为27",
		"2026年第一季度 · 评分表 · li · 评定分 · 加分 · 得分由2改为3",
		"2026年第一季度 · 评分表 · li · 计分记录 · 无故缺勤 · 次数由2改为1",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("Compare =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if got := (Kind{Type: reflect.TypeFor[AssessScheme]()}).CitedKinds(); strings.Join(got, " ") != "assess-item assess-indicator" {
		t.Errorf("CitedKinds of a scheme = %q; want assess-item assess-indicator", got)
	}
}
