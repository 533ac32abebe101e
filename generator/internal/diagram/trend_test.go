package diagram

import (
	"math/big"
	"regexp"
	"strings"
	"testing"
)

func sampleTrend() *Trend {
	return &Trend{
		ID: "t", Title: "65岁以上老年人健康管理率", Desc: "2024年 90.0%，2025年 94.4%，2026年 未报送", Percent: true,
		Bars: []YearBar{
			{Label: "2024年", Value: big.NewRat(90, 1), Text: "90.0%", Target: big.NewRat(80, 1), Achieved: true, Mark: "达标"},
			{Label: "2025年", Value: big.NewRat(68800, 729), Text: "94.4%", Target: big.NewRat(85, 1), Achieved: true, Mark: "达标"},
			{Label: "2026年", Target: big.NewRat(85, 1)},
		},
	}
}

// TestTrendBarsAreToScale: on a percentage axis of 150 px, 90% is 135 px
// and 688/729 is 141.6 px; a year without a figure has no bar.
func TestTrendBarsAreToScale(t *testing.T) {
	svg := string(sampleTrend().SVG())
	var heights []string
	for _, m := range regexp.MustCompile(`<rect class="gs-(?:green|vermilion)"[^>]* height="([\d.]+)"`).FindAllStringSubmatch(svg, -1) {
		heights = append(heights, m[1])
	}
	if got := strings.Join(heights, " "); got != "135 141.6" {
		t.Errorf("bar heights = %s; want 135 141.6", got)
	}
	for _, want := range []string{">94.4%<", ">达标<", ">未报送<", "gs-dash"} {
		if !strings.Contains(svg, want) {
			t.Errorf("trend lacks %q", want)
		}
	}
}
