package record

import "testing"

func TestTitledDoesNotRepeatTheKind(t *testing.T) {
	for _, tc := range []struct{ name, kind, want string }{
		{"老码头", "码头", "老码头"},
		{"正街社区", "村（社区）", "正街社区"},
		{"河西村", "村（社区）", "河西村"},
		{"龙潭村后山滑坡隐患点", "地质灾害隐患点", "龙潭村后山滑坡隐患点"},
		{"朝天镇中学", "学校", "朝天镇中学"},
		{"朝天镇中心小学", "学校", "朝天镇中心小学"},
		{"青江县朝天水电站有限公司", "企业", "青江县朝天水电站有限公司"},
		{"朝天镇佳胜烟花爆竹经营部", "烟花爆竹经营单位", "朝天镇佳胜烟花爆竹经营部"},
		{"朝渡001", "船舶", "朝渡001船舶"},
		{"湘M·A3F21", "客运车辆", "湘M·A3F21客运车辆"},
		{"白沙渡口", "码头", "白沙渡口"},
		{"码头", "码头", "码头码头"}, // a name that is only the kind says nothing
		{"朝渡001", "", "朝渡001"},
	} {
		if got := Titled(tc.name, tc.kind); got != tc.want {
			t.Errorf("Titled(%q, %q) = %q; want %q", tc.name, tc.kind, got, tc.want)
		}
	}
}

// TestPlacardTitlesReadAsWritten: the titles the issue found joined with
// their kind read as people write them.
func TestPlacardTitlesReadAsWritten(t *testing.T) {
	for _, tc := range []struct{ name, kind, want string }{
		{"老码头", "码头", "老码头安全生产责任公示牌"},
		{"正街社区", "村（社区）", "正街社区安全生产责任公示牌"},
		{"龙潭村后山滑坡隐患点", "地质灾害隐患点", "龙潭村后山滑坡隐患点安全生产责任公示牌"},
		{"朝天镇中学", "学校", "朝天镇中学安全生产责任公示牌"},
	} {
		if got := Titled(tc.name, tc.kind) + "安全生产责任公示牌"; got != tc.want {
			t.Errorf("placard of %q (%s) is titled %q; want %q", tc.name, tc.kind, got, tc.want)
		}
	}
}

func TestRepeatsKind(t *testing.T) {
	for _, tc := range []struct {
		name, kind string
		want       bool
	}{
		{"老码头码头", "码头", true},
		{"朝天镇中学学校", "学校", true},
		{"正街社区社区", "村（社区）", true},
		{"老码头", "码头", false},
		{"正街社区", "村（社区）", false},
		{"朝天镇中学", "学校", false},
		{"朝渡001", "船舶", false},
		{"龙潭村后山滑坡隐患点", "地质灾害隐患点", false},
	} {
		if got := RepeatsKind(tc.name, tc.kind); got != tc.want {
			t.Errorf("RepeatsKind(%q, %q) = %v; want %v", tc.name, tc.kind, got, tc.want)
		}
	}
}
