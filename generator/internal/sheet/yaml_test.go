package sheet

import (
	"testing"

	"github.com/goccy/go-yaml"
)

func TestQuoteReadsBackAsTheText(t *testing.T) {
	for _, s := range []string{
		"青委〔2026〕15号", "2025年度全县党建工作先进个人", "K01", "", "2026", "12.5", "true", "no", "null", "~",
		"- 列表", "a: b", "a #b", "#注释", "&锚", "*别名", "!标签", "@at", "`x", "'单引号", "\"双引号\"", "|",
		" 前导空格", "尾随空格 ", "2026-04-03", "第1、2期", "a, b", "[x]", "{x}", "x\ty", "\u00a0不换行空格", "%x",
		"朝天镇河街1号：二楼", "50%", "0745-7621234",
	} {
		for _, flow := range []bool{false, true} {
			src := "k: " + quote(s, flow)
			if flow {
				src = "{k: " + quote(s, flow) + "}"
			}
			var m map[string]any
			if err := yaml.Unmarshal([]byte(src), &m); err != nil {
				t.Errorf("quote(%q, %v) = %s: %v", s, flow, src, err)
				continue
			}
			if got, ok := m["k"].(string); !ok || got != s {
				t.Errorf("quote(%q, %v) = %s reads back as %#v", s, flow, src, m["k"])
			}
		}
	}
	if got := quote("青委〔2026〕15号", false); got != "青委〔2026〕15号" {
		t.Errorf("quote of plain Chinese text = %s; want it plain, as the clerk writes it", got)
	}
}
