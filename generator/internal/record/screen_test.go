package record

import (
	"slices"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// townshipYAML is a township record without mistakes.
const townshipYAML = `name: 朝天镇
organ: 朝天镇人民政府
address: 青江县朝天镇正街88号
objection:
  office: 党政综合办公室
  address: 镇政府办公楼二楼
  phone: 0745-7621234
`

// unitsYAML holds two units, the second one's note on line 9.
const unitsYAML = `units:
  - id: zhengfu
    name: 朝天镇人民政府
    type: 机关
  - id: hexi
    name: 河西村村民委员会
    type: 村委会
    note: |
      第一行
      第二行
`

// peopleYAML refers to the unit hexi.
const peopleYAML = `people:
  - id: wang
    name: 王建军
    unit: hexi
`

// decodeErrors decodes the township, the units and the people with the
// files given in place of theirs, and returns the messages.
func decodeErrors(t *testing.T, files ...File) []string {
	t.Helper()
	all := map[string][]byte{
		"records/township.yaml":      []byte(townshipYAML),
		"records/units/units.yaml":   []byte(unitsYAML),
		"records/people/people.yaml": []byte(peopleYAML),
	}
	for _, f := range files {
		all[f.Path] = f.Data
	}
	var fs []File
	for p, d := range all {
		fs = append(fs, File{Path: p, Data: d})
	}
	_, errs := Decode(fs)
	var out []string
	for _, e := range errs {
		out = append(out, e.Error())
	}
	return out
}

func wantErrors(t *testing.T, got []string, want ...string) {
	t.Helper()
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestGBKFileIsRefusedSayingHowToSaveItAsUTF8(t *testing.T) {
	t.Parallel()
	gbk, err := simplifiedchinese.GBK.NewEncoder().String(unitsYAML)
	if err != nil {
		t.Fatal(err)
	}
	got := decodeErrors(t, File{Path: "records/units/units.yaml", Data: []byte(gbk)})
	// The people's reference to hexi is not reported: the units could
	// not be read.
	wantErrors(t, got, `records/units/units.yaml:3:11: expected UTF-8 text, found GBK (GB18030) text "name: 朝天镇人民政府"; 文件不是 UTF-8 编码：用记事本打开，点“文件”→“另存为”，“编码”选 UTF-8 后保存；WPS 中点“另存为”，“编码”选 UTF-8`)
}

func TestUTF8ByteOrderMarkIsAccepted(t *testing.T) {
	t.Parallel()
	wantErrors(t, decodeErrors(t, File{Path: "records/units/units.yaml", Data: []byte("\uFEFF" + unitsYAML)}))
}

// TestCRLFLineEndsGiveTheLinesAnEditorShows: a file saved on Windows has
// its mistakes at the line and column the editor shows, after a block of
// text too.
func TestCRLFLineEndsGiveTheLinesAnEditorShows(t *testing.T) {
	t.Parallel()
	units := strings.ReplaceAll(unitsYAML+"\n      第三段\n    # 备注\n    bogus: 1\n", "\n", "\r\n")
	got := decodeErrors(t, File{Path: "records/units/units.yaml", Data: []byte(units)})
	wantErrors(t, got, `records/units/units.yaml:14:5: expected a field of 单位 (id, name, aliases, type, parent, address, phone, established, closed, note), found "bogus"`)
}

// TestTabIndentationIsOneMistakeAtTheTab: the tab is reported where it
// is, in the clerk's words, and nothing that follows from the file not
// being read (the people's unit unknown) is.
func TestTabIndentationIsOneMistakeAtTheTab(t *testing.T) {
	t.Parallel()
	units := strings.Replace(unitsYAML, "    type: 村委会", "  \ttype: 村委会", 1)
	got := decodeErrors(t, File{Path: "records/units/units.yaml", Data: []byte(units)})
	wantErrors(t, got, "records/units/units.yaml:7:3: expected spaces for indentation, found a tab; 请用空格缩进，不要用 Tab 键")
}

func TestTabsInsideABlockOfTextAreText(t *testing.T) {
	t.Parallel()
	units := strings.Replace(unitsYAML, "      第二行", "      \t第二行", 1)
	wantErrors(t, decodeErrors(t, File{Path: "records/units/units.yaml", Data: []byte(units)}))
}

// TestInvisibleAndControlCharactersAreRefused: what would reach the site
// as a control character, a bidi override or an invisible character is
// refused where it is, written as it is or as an escape in quotes.
func TestInvisibleAndControlCharactersAreRefused(t *testing.T) {
	t.Parallel()
	for _, c := range []struct{ name, value, want string }{
		{"NUL", "河西\x00村", "records/units/units.yaml:6:13: expected visible text, found a control character U+0000; 请删去这个看不见的字符（常随复制粘贴带入）"},
		{"escape", "河西\x1b[31m村", "records/units/units.yaml:6:13: expected visible text, found a control character U+001B; 请删去这个看不见的字符（常随复制粘贴带入）"},
		{"bidi override", "河西\u202e村", "records/units/units.yaml:6:13: expected visible text, found a bidi control U+202E, which reorders the text around it; 请删去这个看不见的字符（常随复制粘贴带入）"},
		{"zero-width space", "河西\u200b村", "records/units/units.yaml:6:13: expected visible text, found an invisible character U+200B; 请删去这个看不见的字符（常随复制粘贴带入）"},
		{"not UTF-8", "河西\xff村", "records/units/units.yaml:6:13: expected UTF-8 text, found the byte 0xff, which is not UTF-8; 文件不是 UTF-8 编码：用记事本打开，点“文件”→“另存为”，“编码”选 UTF-8 后保存；WPS 中点“另存为”，“编码”选 UTF-8"},
		{"escaped bidi override", `"河西\u202E村"`, "records/units/units.yaml:6:11: expected visible text for name, found a bidi control U+202E, which reorders the text around it; 请删去这个看不见的字符"},
		{"escaped escape", `"河西\e村"`, "records/units/units.yaml:6:11: expected visible text for name, found a control character U+001B; 请删去这个看不见的字符"},
	} {
		t.Run(c.name, func(t *testing.T) {
			units := strings.Replace(unitsYAML, "name: 河西村村民委员会", "name: "+c.value, 1)
			wantErrors(t, decodeErrors(t, File{Path: "records/units/units.yaml", Data: []byte(units)}), c.want)
		})
	}
}

// TestInvisibleValueIsNoValue: a required field holding only a
// zero-width space, or only spaces, is not written.
func TestInvisibleValueIsNoValue(t *testing.T) {
	t.Parallel()
	for _, c := range []struct{ value, want string }{
		{`"\u200B"`, "records/units/units.yaml:6:11: expected visible text for name, found an invisible character U+200B; 请删去这个看不见的字符"},
		{`"　"`, `records/units/units.yaml:6:11: expected a value with visible text for name, found "\u3000"; 不能只有空格或看不见的字符`},
		{`" "`, `records/units/units.yaml:6:11: expected a value with visible text for name, found " "; 不能只有空格或看不见的字符`},
	} {
		units := strings.Replace(unitsYAML, "name: 河西村村民委员会", "name: "+c.value, 1)
		wantErrors(t, decodeErrors(t, File{Path: "records/units/units.yaml", Data: []byte(units)}), c.want)
	}
}

// TestNumbersAreQuotedAsWritten: a number YAML reads in another base,
// with an exponent or underscores, or beyond the field's range, is
// refused quoting what was written and saying what to write.
func TestNumbersAreQuotedAsWritten(t *testing.T) {
	t.Parallel()
	for _, c := range []struct{ value, want string }{
		{"0x10", `records/township.yaml:9:17: expected a whole number 1–60 for working_days, found "0x10"; 请写十进制数，写作 16`},
		{"1e3", `records/township.yaml:9:17: expected a whole number 1–60 for working_days, found "1e3"; 请直接写出数字，写作 1000`},
		// Not written out: 900 million zeros took minutes and gigabytes.
		{"1e900000000", `records/township.yaml:9:17: expected a whole number 1–60 for working_days, found "1e900000000"; 请直接写出数字，不要用科学记数法`},
		{"1e-900000000", `records/township.yaml:9:17: expected a whole number 1–60 for working_days, found "1e-900000000"; 请直接写出数字，不要用科学记数法`},
		{"1.5e20", `records/township.yaml:9:17: expected a whole number 1–60 for working_days, found "1.5e20"; 请直接写出数字，不要用科学记数法`},
		{"1.5e2", `records/township.yaml:9:17: expected a whole number 1–60 for working_days, found "1.5e2"; 请直接写出数字，写作 150`},
		{"1_000", `records/township.yaml:9:17: expected a whole number 1–60 for working_days, found "1_000"; 数字中不要加下划线，写作 1000`},
		{"18446744073709551617", `records/township.yaml:9:17: expected a whole number 1–60 for working_days, found "18446744073709551617"`},
		{"9223372036854775808", `records/township.yaml:9:17: expected a whole number 1–60 for working_days, found "9223372036854775808"`},
		{"0o17", `records/township.yaml:9:17: expected a whole number 1–60 for working_days, found "0o17"; 请写十进制数，写作 15`},
	} {
		town := townshipYAML + "publicity:\n  working_days: " + c.value + "\n"
		wantErrors(t, decodeErrors(t, File{Path: "records/township.yaml", Data: []byte(town)}), c.want)
	}
}

// TestCountBeyondAnyRangeIsRefused: a decimal field without a maximum
// still has one, so that 2⁶³ is never published as a count.
func TestCountBeyondAnyRangeIsRefused(t *testing.T) {
	t.Parallel()
	f := &fieldInfo{name: "count"}
	zero := decimal.RequireFromString("0")
	f.min = &zero
	for _, c := range []struct{ raw, want string }{
		{"9223372036854775808", "a number of at least 0 below 1000000000000"},
		{"18446744073709551617", "a number of at least 0 below 1000000000000"},
		{"0.0000001", "a number with at most 6 decimal places"},
	} {
		m := f.checkRange(decimal.RequireFromString(c.raw))
		if m == nil || m.want != c.want {
			t.Errorf("checkRange(%s) = %v; want %q", c.raw, m, c.want)
		}
	}
	if m := f.checkRange(decimal.RequireFromString("999999999999.5")); m != nil {
		t.Errorf("checkRange(999999999999.5) = %q; want none", m.want)
	}
}

func TestDeeplyNestedBracketsAreRefusedBeforeParsing(t *testing.T) {
	t.Parallel()
	deep := "units: " + strings.Repeat("[", 100_000) + strings.Repeat("]", 100_000) + "\n"
	got := decodeErrors(t, File{Path: "records/units/units.yaml", Data: []byte(deep)})
	wantErrors(t, got, "records/units/units.yaml:1:40: expected at most 32 levels of brackets, found more; 请减少括号嵌套")
}

func TestLargeFileIsRefusedBeforeParsing(t *testing.T) {
	t.Parallel()
	big := unitsYAML + "# " + strings.Repeat("很长", 1<<20/6) + "\n"
	got := decodeErrors(t, File{Path: "records/units/units.yaml", Data: []byte(big)})
	wantErrors(t, got, "records/units/units.yaml:1:1: expected a record file of at most 1024 KiB, found 1024 KiB; 文件太大，请分成几个文件")
}

func TestRecordFileNamesAreLettersDigitsAndDashes(t *testing.T) {
	t.Parallel()
	got := decodeErrors(t,
		File{Path: "records/units/$(touch${IFS}PWNED).yaml", Data: []byte("units: []\n")},
		File{Path: "records/units/河西-2026_v1.yaml", Data: []byte("units:\n  - id: x\n    name: 某\n    type: 机关\n")})
	wantErrors(t, got, `"records/units/$(touch${IFS}PWNED).yaml": expected a file name of letters, digits, "-", "_" and ".", found "$"; 文件名只用汉字、字母、数字和 - _ .`)
}

// TestWebsiteWithMarkupIsRefused: the address becomes Hugo's baseURL and
// every page's links.
func TestWebsiteWithMarkupIsRefused(t *testing.T) {
	t.Parallel()
	town := townshipYAML + "website: \"https://evil.example/\\\"><script>alert(1)</script>/\"\n"
	wantErrors(t, decodeErrors(t, File{Path: "records/township.yaml", Data: []byte(town)}),
		`records/township.yaml:8:10: expected a web address such as https://gongshi.chaotian.gov.cn/: http or https, a host name, a path of letters, digits and - . _ ~ / ending in / for website, found "https://evil.example/\"><script>alert(1)</script>/"; 网站地址只写协议、域名和路径，以 / 结尾`)
}

func TestWebAddressIsSchemeHostAndSafePath(t *testing.T) {
	t.Parallel()
	for _, ok := range []string{"https://gongshi.chaotian.gov.cn/", "http://192.168.1.10:8080/gongshi/", "https://x.example/a-b_c.d~e/"} {
		if !WebAddress(ok) {
			t.Errorf("WebAddress(%q) = false; want true", ok)
		}
	}
	for _, bad := range []string{
		`https://evil.example/"><script>alert(1)</script>/`,
		"https://evil.example/a b/",
		"javascript:alert(1)//",
		"https://user:pw@evil.example/",
		"https://evil.example/?q=1/",
		"https://evil.example/#x/",
		"https://evil.example",
		"ftp://evil.example/",
		"https://evil.example/%3Cscript%3E/",
	} {
		if WebAddress(bad) {
			t.Errorf("WebAddress(%q) = true; want false", bad)
		}
	}
}

// TestOfficePhonesPassAndOtherLandlinesAreRefused: a landline the
// records declare public (the township's or a unit's office phone) may be
// written anywhere; another is someone's.
func TestOfficePhonesPassAndOtherLandlinesAreRefused(t *testing.T) {
	t.Parallel()
	units := unitsYAML + "  - id: cgz\n    name: 船舶管理站\n    type: 站所\n    phone: 0745-7625555\n    note: 值班电话 0745-7621234、0745 762 5555；站长家 0745-7654321\n"
	got := decodeErrors(t, File{Path: "records/units/units.yaml", Data: []byte(units)})
	wantErrors(t, got, "records/units/units.yaml:15:11: expected no landline number in note, which is published, found one; 公开字段不得写固定电话，如确需写明，写作 0745****321")
}

// TestPublishedFieldsRefuseDisguisedPersonalInformation: what the guard
// sees through, the check of the records sees through, at the field.
func TestPublishedFieldsRefuseDisguisedPersonalInformation(t *testing.T) {
	t.Parallel()
	for _, c := range []struct{ note, want string }{
		{"户主43012219900101123Ｘ", "expected no ID-card number in note"},
		{"家住正街１８号", `expected no home address in note, which is published, found "家住正街18号"`},
		{"家住正街十八号", `expected no home address in note, which is published, found "家住正街十八号"`},
		{"家住建设路7-2号", `expected no home address in note, which is published, found "家住建设路7-2号"`},
		{"电话139　0745　1122", "expected no mobile number in note"},
		{"电话139\u00a00745\u00a01122", "expected no mobile number in note"},
		{"电话139  0745  1122", "expected no mobile number in note"},
		{"电话139.0745.1122", "expected no mobile number in note"},
		{"电话139/0745/1122", "expected no mobile number in note"},
		{"电话139,0745,1122", "expected no mobile number in note"},
		{"电话139–0745–1122", "expected no mobile number in note"},
		{"电话一三九〇七四五一一二二", "expected no mobile number in note"},
		{"工资卡6222021234567890128", "expected no bank-card number in note"},
		{"家里电话0745-7654321", "expected no landline number in note"},
	} {
		units := strings.Replace(unitsYAML, "    note: |\n      第一行\n      第二行\n", "    note: "+c.note+"\n", 1)
		got := decodeErrors(t, File{Path: "records/units/units.yaml", Data: []byte(units)})
		if len(got) != 1 || !strings.Contains(got[0], "records/units/units.yaml:8:11: "+c.want) {
			t.Errorf("note %q: %q; want one mistake at 8:11 saying %q", c.note, got, c.want)
		}
	}
}

// TestCountBeyondAnyRangeIsNotPublished: a count past 2⁶³ was published
// as it was written.
func TestCountBeyondAnyRangeIsNotPublished(t *testing.T) {
	t.Parallel()
	quarter := "quarter: 2026-Q1\nissued: 2026-04-08\nsheets:\n  - person: wang\n    events:\n      - indicator: K01\n        date: 2026-03-12\n        count: 9223372036854775808\n"
	got := decodeErrors(t, File{Path: "records/assess/2026-Q1.yaml", Data: []byte(quarter)})
	want := `records/assess/2026-Q1.yaml:8:16: expected a number of at least 0 below 1000000000000 for count, found "9223372036854775808"`
	if !slices.Contains(got, want) {
		t.Errorf("errors:\n%s\nwant among them:\n%s", strings.Join(got, "\n"), want)
	}
}
