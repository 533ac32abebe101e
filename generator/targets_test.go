package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSampleSiteHasTheTargetAndGradePages builds the sample site once and
// reads the unit target results notice, the annual grades notice, a result
// letter for every person graded, and the unit pages, as a person would.
func TestSampleSiteHasTheTargetAndGradePages(t *testing.T) {
	_, out := builtSample(t)
	page := func(t *testing.T, p string) string {
		t.Helper()
		return text(read(t, filepath.Join(out, filepath.FromSlash(p))))
	}
	contains := func(t *testing.T, name, page string, wants ...string) {
		t.Helper()
		for _, want := range wants {
			if !strings.Contains(page, want) {
				t.Errorf("%s does not read %q", name, want)
			}
		}
	}

	t.Run("unit results notice", func(t *testing.T) {
		p := page(t, "notices/targets-2025.html")
		contains(t, "the 2025 results notice", p,
			"朝天镇2025年度目标管理责任考核结果公示", "朝政公〔2026〕2号",
			"公示期 2026年1月15日至2026年1月22日，共5个工作日",
			// Ranks close up over the vetoed village: 10 ranked, 河西村 last.
			"1 正街社区 96.9% 15分",
			"10 白沙村 93.2% ✗ 12.26分",
			"— 河西村 96.4% 15分 1起 ✗ 0分",
			"80 一票否决 见事故2025-01",
			// 688 / 729 = 94.4%, achieved against ≥ 80%: full 20 points.
			"1 朝天镇卫生院 94.4% 20分",
			"事故2025-01 ：2025年9月16日，河西村四组村道一辆农用三轮车侧翻，驾驶人重伤。事故等级：一般；重伤1人",
			"事故发生时的责任人：村级第一责任人 潘金生、包村领导 吴芳、驻村干部 梁晨",
			"涉及对象： 河西村 。",
			"朝天镇人民政府 2026年1月15日")
	})

	t.Run("annual grades notice", func(t *testing.T) {
		p := page(t, "notices/grades-2025.html")
		contains(t, "the 2025 grades notice", p,
			"朝天镇2025年度机关工作人员年度考核结果公示", "朝政公〔2026〕3号",
			"参加考核 26 人。优秀名额为参加考核人数的15%，小数部分舍去：26 × 15% = 3.9，取 3 名。",
			"1 李红梅 副镇长（分管农业农村） 优秀 109.25 （2） 109.5 108 110 109.5",
			"3 周丽 党委副书记 优秀 105.5 （5） 105 106 105 106 年度得分与赵明相同（105.5分），比较平均基础分（100分对99分）列前",
			"4 吴芳 组织委员 称职 110.5 （1） 110 112 109 111 2025年9月16日河西村村民委员会辖区一般生产安全事故（重伤1人）；本人时任河西村包村领导，按一票否决规定不得评为优秀",
			"曹阳 安全生产监督管理办公室工作人员 基本称职 79 （26） 78 80 76 82",
			"优秀 3 人，称职 22 人，基本称职 1 人，不称职 0 人")
	})

	t.Run("a result letter for every person graded", func(t *testing.T) {
		letters, _ := filepath.Glob(filepath.Join(out, "letters", "2025-*.html"))
		if len(letters) != 26 {
			t.Errorf("%d result letters for 2025; want 26, one per person assessed", len(letters))
		}
		for _, l := range letters {
			id := strings.TrimSuffix(strings.TrimPrefix(filepath.Base(l), "2025-"), ".html")
			p := text(read(t, l))
			if !strings.Contains(p, "2025年度考核结果通知书") || !strings.Contains(p, "你2025年度考核的等次为") ||
				!strings.Contains(p, "复核和申诉") || !strings.Contains(p, "《公务员法》第九十五条") || !strings.Contains(p, "回执") {
				t.Errorf("%s lacks the letter's title, grade, review and appeal, or receipt", l)
			}
			if _, err := os.Stat(filepath.Join(out, "people", id+".html")); err != nil {
				t.Errorf("letter %s names no person with a page", l)
			}
		}
		contains(t, "吴芳's letter", page(t, "letters/2025-wu-fang.html"),
			"吴芳同志： 经朝天镇公务员年度考核委员会于2026年1月16日研究确定，你2025年度考核的等次为： 称职",
			"年度得分 110.5 分，在参加考核的 26 人中列第 1 位；优秀名额 3 名。",
			"未评为优秀的原因：2025年9月16日河西村村民委员会辖区一般生产安全事故（重伤1人）；本人时任河西村包村领导",
			"朝天镇人民政府 2026年1月19日")
		contains(t, "曹阳's letter", page(t, "letters/2025-cao-yang.html"),
			"基本称职", "第一季度 78 0 78 不合格",
			"年度得分低于称职分数线 80 分、不低于基本称职分数线 70 分，定为基本称职。")
		contains(t, "吴芳's page", page(t, "people/wu-fang.html"), "年度考核结果通知书： 2025年度（称职）")
	})

	t.Run("unit pages", func(t *testing.T) {
		p := page(t, "targets/wsy.html")
		contains(t, "the health centre's targets", p,
			"65岁以上老年人健康管理率 W01 ≥80% 体检人数 688 ÷ 辖区65岁以上常住老年人数 729 94.4% 20 20 达到目标，得满分20分",
			"2型糖尿病患者规范管理率 W06 ≥60% 规范管理人数 398 ÷ 已管理2型糖尿病患者数 712 55.9% 10 7.95",
			"卫生院第 1 名（共 1 个单位排名），优秀",
			"2026年度考核尚未结束，下表是单位报送的截至2026年10月31日的进度")
		if raw := read(t, filepath.Join(out, "targets", "wsy.html")); strings.Count(raw, "<svg") < 7 {
			t.Errorf("the health centre's page has %d trend charts; want one per rate (7)", strings.Count(raw, "<svg"))
		}
		contains(t, "河西村's targets", page(t, "targets/hexi.html"),
			"一票否决 ：不排名、不评等次", "一票否决 ：2025年9月16日，河西村四组村道一辆农用三轮车侧翻，驾驶人重伤（一般生产安全事故，重伤1人，涉及对象： 河西村 ）")
		contains(t, "the unit page", page(t, "units/wsy.html"), "目标考核：各年度指标、完成情况和得分见 朝天镇卫生院目标考核")
		contains(t, "the home page", page(t, "index.html"), "朝天镇2025年度目标管理责任考核结果公示", "目标考核")
	})
}

// TestTargetMistakesAreListedWithPositions: a rate with a denominator of 0
// fails the build with the file, line and column, among every other
// mistake.
func TestTargetMistakesAreListedWithPositions(t *testing.T) {
	g := sampleRepo(t)
	b, err := os.ReadFile(filepath.Join(g.Dir, "records", "targets", "2025", "wsy.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	bad := strings.Replace(string(b), "    denominator: 729\n", "    denominator: 0\n", 1)
	g.Write("records/targets/2025/wsy.yaml", []byte(bad))
	g.At("2026-11-21T09:00:00+08:00", "王文书 <clerk@chaotian.example>")
	g.Commit("录入卫生院完成情况")
	code, _, stderr := gongshi(t, "build", "--repo", g.Dir, "--out", filepath.Join(t.TempDir(), "public"))
	want := "records/targets/2025/wsy.yaml:21:18: expected 辖区65岁以上常住老年人数 (the denominator of W01) above 0, found 0"
	if code != exitRecords || !strings.Contains(stderr, want) {
		t.Errorf("build exit %d, stderr:\n%s\nwant exit %d and %q", code, stderr, exitRecords, want)
	}
}
