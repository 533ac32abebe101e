package record

import "strings"

// A page about a thing is titled by its name and its kind: 朝渡001 is a
// 船舶, so its placard is 朝渡001船舶安全生产责任公示牌. Many names say their
// kind already — 老码头 is a 码头, 正街社区 a 村（社区）, 朝天镇中学 a 学校 —
// and joined with it they read 老码头码头, 正街社区村（社区）, which no one
// writes.

// kindEndings are, for the kinds the township's records use, the words a
// name ends with when it already says that it is of the kind. Any other
// kind is said by itself and, for a kind written "A（B）", by A and by B.
var kindEndings = map[string][]string{
	"船舶":        {"船"},
	"客运车辆":      {"客车", "车"},
	"企业":        {"公司", "厂", "合作社", "电站"},
	"非煤矿山":      {"矿山", "矿", "采石场", "石场", "砂场"},
	"危险化学品经营单位": {"加油站", "经营部", "经营店", "门市部", "商店"},
	"烟花爆竹经营单位":  {"经营部", "经营店", "门市部", "商店", "商行"},
	"学校":        {"中学", "小学", "幼儿园", "学", "校"},
	"码头":        {"渡口", "港"},
	"地质灾害隐患点":   {"隐患点"},
}

// kindForms are the words that say a name is of the kind: the kind, the
// alternatives of a kind written "A（B）", and kindEndings.
func kindForms(kind string) []string {
	forms := []string{kind}
	if a, b, ok := strings.Cut(kind, "（"); ok {
		forms = append(forms, a)
		for alt := range strings.SplitSeq(strings.TrimSuffix(b, "）"), "、") {
			forms = append(forms, alt)
		}
	}
	return append(forms, kindEndings[kind]...)
}

// saysKind returns the word name ends with that says it is of the kind,
// "" if none does. A name that is nothing but the word says nothing.
func saysKind(name, kind string) string {
	for _, f := range kindForms(kind) {
		if f != "" && len(name) > len(f) && strings.HasSuffix(name, f) {
			return f
		}
	}
	return ""
}

// Titled is a name joined with its kind the way people read it: the kind
// follows the name (朝渡001船舶), unless the name says its kind already
// (老码头, 正街社区, 龙潭村后山滑坡隐患点, 朝天镇中学).
func Titled(name, kind string) string {
	if kind == "" || saysKind(name, kind) != "" {
		return name
	}
	return name + kind
}

// RepeatsKind reports whether a name says its kind twice, as a name
// recorded with its kind already joined to it does (老码头码头,
// 朝天镇中学学校): Titled cannot mend it, the record must.
func RepeatsKind(name, kind string) bool {
	f := saysKind(name, kind)
	return f != "" && saysKind(strings.TrimSuffix(name, f), kind) != ""
}
