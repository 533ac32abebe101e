package guard

import (
	"strings"
	"testing"
)

// The township's own office phone, which the records declare public.
const officePhone = "0745-7621234"

// TestGuardSeesThroughDisguise: each value hides personal information the
// way a careless or hostile hand writes it; each is found, and masked.
func TestGuardSeesThroughDisguise(t *testing.T) {
	t.Parallel()
	g := New(officePhone)
	for _, c := range []struct {
		name, text string
		kind       Kind
		masked     string // the text masked
	}{
		{"mobile", "联系电话13907451122", Mobile, "联系电话139****1122"},
		{"mobile with spaces", "139 0745 1122", Mobile, "139****1122"},
		{"mobile with hyphens", "139-0745-1122", Mobile, "139****1122"},
		{"mobile with double spaces", "139  0745  1122", Mobile, "139****1122"},
		{"mobile with dots", "139.0745.1122", Mobile, "139****1122"},
		{"mobile with slashes", "139/0745/1122", Mobile, "139****1122"},
		{"mobile with commas", "139,0745,1122", Mobile, "139****1122"},
		{"mobile with en dashes", "139–0745–1122", Mobile, "139****1122"},
		{"mobile with em dashes", "139—0745—1122", Mobile, "139****1122"},
		{"mobile with ideographic spaces", "139\u30000745\u30001122", Mobile, "139****1122"},
		{"mobile with no-break spaces", "139\u00a00745\u00a01122", Mobile, "139****1122"},
		{"mobile with zero-width spaces", "139\u200b0745\u200b1122", Mobile, "139****1122"},
		{"mobile with a zero-width joiner in a digit group", "1390\u200d7451122", Mobile, "139****1122"},
		{"mobile with a soft hyphen", "13907\u00ad451122", Mobile, "139****1122"},
		{"mobile with a bidi mark", "1390745\u200e1122", Mobile, "139****1122"},
		{"mobile in full-width digits", "电话１３９０７４５１１２２", Mobile, "电话139****1122"},
		{"mobile in mixed widths", "1３9０7４5１1２2", Mobile, "139****1122"},
		{"mobile with +86", "+8613907451122", Mobile, "139****1122"},
		{"mobile with +86 and a space", "+86 139 0745 1122", Mobile, "139****1122"},
		{"mobile with 0086", "0086 13907451122", Mobile, "139****1122"},
		{"mobile with full-width +86", "＋８６－１３９０７４５１１２２", Mobile, "139****1122"},
		{"mobile in Chinese numerals", "一三九〇七四五一一二二", Mobile, "139****1122"},
		{"mobile in Chinese numerals with 零 and 幺", "幺三九零七四五幺幺二二", Mobile, "139****1122"},
		{"mobile in Arabic-Indic digits", "١٣٩٠٧٤٥١١٢٢", Mobile, "139****1122"},
		{"mobile in mathematical digits", "𝟏𝟑𝟗𝟎𝟕𝟒𝟓𝟏𝟏𝟐𝟐", Mobile, "139****1122"},
		{"mobile in brackets", "(139)07451122", Mobile, "(139****1122"},
		{"mobile after a date", "2026.04.08 13907451122", Mobile, "2026.04.08 139****1122"},
		{"mobile between letters", "Tel13907451122ok", Mobile, "Tel139****1122ok"},
		{"ID-card number", "身份证430122199001011094", IDNumber, "身份证43*************094"},
		{"ID-card number with X", "43012219900101123X", IDNumber, "43*************23X"},
		{"ID-card number with a small x", "43012219900101123x", IDNumber, "43*************23X"},
		{"ID-card number with a full-width X", "43012219900101123Ｘ", IDNumber, "43*************23X"},
		{"ID-card number in full-width digits", "４３０１２２１９９００１０１１０９４", IDNumber, "43*************094"},
		{"ID-card number in groups", "430122 19900101 1094", IDNumber, "43*************094"},
		{"ID-card number with a wrong check digit", "430122199001011095", IDNumber, "43*************095"},
		{"ID-card number of the first generation", "430122900101109", IDNumber, "43**********109"},
		{"bank card", "工资卡6222021234567890128", BankCard, "工资卡6222***********0128"},
		{"bank card in groups of four", "6222 0212 3456 7890 128", BankCard, "6222***********0128"},
		{"bank card of sixteen digits", "4111-1111-1111-1111", BankCard, "4111********1111"},
		{"landline", "家里电话0745-7654321", Landline, "家里电话0745****321"},
		{"landline in brackets", "（0745）7654321", Landline, "（0745****321"},
		{"landline with +86", "+86 745 7654321", Landline, "0745****321"},
		{"landline of a two-digit area", "010-88886666", Landline, "0108****666"},
		{"house number", "朝天镇河街23号", Address, "朝天镇河街**号"},
		{"house number in full-width digits", "正街１８号", Address, "正街**号"},
		{"house number in Chinese numerals", "正街十八号", Address, "正街**号"},
		{"house number with a hyphen", "建设路7-2号", Address, "建设路*-*号"},
		{"house number with spaces", "正 街 1 8 号", Address, "正街**号"},
		{"village group and house", "河西村三组12号", Address, "河西村三组**号"},
		{"flat", "幸福小区3栋2单元501", Address, "幸福小区*栋*单元***"},
		{"house number with a zero-width space", "河街2\u200b3号", Address, "河街**号"},
	} {
		t.Run(c.name, func(t *testing.T) {
			fs := g.Find(c.text)
			if len(fs) == 0 {
				t.Fatalf("Find(%q) found nothing; want a %s", c.text, c.kind)
			}
			if fs[0].Kind != c.kind {
				t.Errorf("Find(%q) = %s; want a %s", c.text, fs[0].Kind, c.kind)
			}
			if got, _ := g.Mask(c.text); got != c.masked {
				t.Errorf("Mask(%q) = %q; want %q", c.text, got, c.masked)
			}
			masked, _ := g.Mask(c.text)
			if again := g.Find(masked); len(again) > 0 {
				t.Errorf("Find(%q), of the masked text, = %v; want nothing", masked, again)
			}
		})
	}
}

// TestGuardLetsOrdinaryTextPass: dates, amounts, document, licence and
// plate numbers, and the office phones the records declare public are
// no personal information.
func TestGuardLetsOrdinaryTextPass(t *testing.T) {
	t.Parallel()
	g := New(officePhone, "0745-7621235", "青江县人民路1号")
	for _, text := range []string{
		"2026-04-08",
		"2026年4月8日",
		"2026.04.08—2026.04.15",
		"2026/04/08 至 2026/06/30",
		"公示期：2026年4月8日至2026年4月15日（5个工作日）",
		"资金总额 39,000.00 元",
		"发放总额 1,234,567.89 元",
		"每人每月 500 元，每分 15.00 元",
		"朝政公〔2026〕15号",
		"朝委〔2026〕12号",
		"青安委办发〔2025〕103号",
		"国办发明电〔2025〕7号",
		"（湘）FM安许证字〔2024〕000123",
		"危化经字〔2025〕0045号",
		"统一社会信用代码 91430723MA4L0A1X2P",
		"湘A·12345",
		"湘G 8D123",
		"朝渡012",
		"受理电话 0745-7621234",
		"受理电话（0745）7621235",
		"工作日 上午8:30—12:00，下午2:30—5:30",
		"第1、2、3季度",
		"K01 无故缺勤 2 次，扣 4 分",
		"得分 87.5，合格线 80",
		"朝天镇人民政府办公楼二楼党政综合办公室",
		"受理地址：青江县人民路1号",
		"地址：人民路1号",
		"青江县朝天镇",
		"河西村七组",
		"新码头",
		"威胁四组12户46人，汛期（4月至9月）每日巡查",
		"第三组第二名",
		"一二三四五六",
		"提交 3f2a9c41e7 更正了出勤分",
		"邮政编码 415600",
		"65岁以上老年人健康管理率 94.4%（688/729）",
		"载客 120 人，核定 2026 年",
		"139****1122",
		"43*************094",
		"正街**号",
	} {
		if fs := g.Find(text); len(fs) > 0 {
			t.Errorf("Find(%q) = %s %q; want nothing", text, fs[0].Kind, fs[0].Value)
		}
	}
}

func TestMaskedFindingsKeepTheirValues(t *testing.T) {
	t.Parallel()
	masked, fs := New().Mask("张三 139 0745 1122，身份证 43012219900101123x")
	if want := "张三 139****1122，身份证 43*************23X"; masked != want {
		t.Errorf("Mask = %q; want %q", masked, want)
	}
	var values []string
	for _, f := range fs {
		values = append(values, f.Value)
	}
	if got, want := strings.Join(values, " "), "13907451122 43012219900101123X"; got != want {
		t.Errorf("values = %q; want %q", got, want)
	}
}
