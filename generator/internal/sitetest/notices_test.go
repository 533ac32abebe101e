package sitetest

import (
	"encoding/xml"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"gongshi/generator/internal/pipeline"
	"gongshi/generator/internal/sample"
)

func TestSampleSiteHasTheQ1AssessmentNotice(t *testing.T) {
	t.Parallel()
	out := sample.Site(t).Site
	page := text(read(t, filepath.Join(out, "notices", "assess-2026-q1.html")))
	for _, want := range []string{
		"朝天镇2026年第一季度绩效考核结果公示",
		"朝政公〔2026〕6号",
		// The header of the table, item by item with maximum points; the
		// base score the pass mark reads, said in the result's heading.
		"序号 姓名 岗位 公共职责 （30分） 岗位职责 （40分） 出勤 （10分） 领导交办工作 （20分） 基础分 （100分） 加分 总分 结果 （基础分≥80） 绩效工资 （元）",
		// 李红梅: 100 + 13.5 bonus = 113.5 points × 15 yuan.
		"李红梅 副镇长（分管农业农村） 30 40 10 20 100 13.5 113.5 合格 1,702.50",
		"绩效资金总额 39,000.00 元 发放总额 38,932.50 元",
		"结余 67.50 元 人均 1,497.40 元",
		"最高 1,702.50 元 最低 1,200.00 元",
		// Posted on Thursday 2 April; Qingming (4–6 April) is not counted:
		// 3, 7, 8, 9, 10 April are the five working days. The wording states
		// the period and where objections go: the page does not repeat it.
		"三、公示时间。2026年4月2日至2026年4月10日，共5个工作日。",
		"公示期满",
		// Every rule a reader needs, from the scheme.
		"计发规则 得分 ：考核项目满分合计100分（公共职责30分、岗位职责40分、出勤10分、领导交办工作20分），各项得分之和为基础分；加分另计，最多20分；总分＝基础分＋加分。",
		"合格 ：基础分（不含加分）不低于80分为合格；不合格的不发绩效工资。",
		"计入月份 ：季度内每月15日在考核范围内",
		"绩效工资 ：绩效工资＝总分×每分15元×计入月数÷3，只在最后一步取整，四舍五入到分。",
		"人均 ：人均＝发放总额÷发放人数（绩效工资大于0的人数，不含不合格的），四舍五入到分",
		"依据 《朝天镇机关工作人员季度绩效考核办法》（朝委发〔2026〕3号）；镇绩效考核领导小组（2026年4月1日会议）评定",
		"朝天镇人民政府 2026年4月2日",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the Q1 notice does not read %q", want)
		}
	}
	q2 := text(read(t, filepath.Join(out, "notices", "assess-2026-q2.html")))
	if !strings.Contains(q2, "曹阳 安全生产监督管理办公室工作人员") || !strings.Contains(q2, "不合格 0.00") {
		t.Errorf("the Q2 notice does not show 曹阳 unqualified with no pay")
	}
	person := text(read(t, filepath.Join(out, "assess", "luo-bin.html")))
	for _, want := range []string{"无故缺勤 K01 1 天 -2 2026年1月考勤表", "出勤 10 7 3 按计分记录"} {
		if !strings.Contains(person, want) {
			t.Errorf("罗斌's page does not read %q:\n%s", want, person)
		}
	}
	home := text(read(t, filepath.Join(out, "index.html")))
	if !strings.Contains(home, "朝天镇2026年第二季度绩效考核结果公示") {
		t.Errorf("the home page does not list the latest notice")
	}
}

// TestSampleSiteHasTheTargetAndGradePages builds the sample site once and
// reads the unit target results notice, the annual grades notice, a result
// letter for every person graded, and the unit pages, as a person would.
func TestSampleSiteHasTheTargetAndGradePages(t *testing.T) {
	t.Parallel()
	out := sample.Site(t).Site
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
			// Its wording states neither period nor where objections go:
			// the page does.
			"公示期 2026年1月15日至2026年1月22日，共5个工作日（张贴当日不计入）",
			"意见反映 公示期间（至2026年1月22日）对公示内容有异议的，请以书面形式实名向党政综合办公室反映，地址：朝天镇人民政府办公楼二楼党政综合办公室，电话：0745-7621234",
			"计分规则 比率 ：比率按分子÷分母精确计算并与目标比较",
			"一票否决 ：辖区内当年发生一般及以上生产安全事故（造成人员死亡或受伤）的，实行一票否决",
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
			"参加考核 26 人，优秀名额 3 名（见等次确定规则）。",
			"优秀名额 ：优秀名额为参加考核人数的15%，小数部分舍去：26 × 15% = 3.9，取 3 名。依据：青组通〔2025〕52号第三条",
			"公示期 2026年1月19日至2026年1月26日，共5个工作日",
			"意见反映 公示期间（至2026年1月26日）对公示内容有异议的",
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

func TestSampleQ1NoticeShowsItsCorrectionsAndVersions(t *testing.T) {
	t.Parallel()
	s := sample.Site(t)
	out, commits := s.Site, s.Commits
	notice := text(read(t, filepath.Join(out, "notices", "assess-2026-q1.html")))
	for _, want := range []string{
		// the correction banner of the current version: the notice's own
		// date is its 发布日期, a commit's time is when it was recorded
		"本公示发布后有过变更。 发布日期2026年4月2日，第1版记录于2026-11-20 11:00；此后实质变更 1 次，最近一次记录于2026-11-21 09:30（实质变更：更正罗斌2026年第一季度出勤扣分）",
		"历次版本： 第2版（2026年11月21日记录） 、 第1版（2026年4月2日）",
		"对照两个版本： 第1版与第2版",
		// its 变更记录, newest first, in words: the correction of an
		// evidence number is a change of its records, though not of what
		// the notice shows (no new version)
		"变更记录",
		"记录于 2026-11-22 10:00 更正 更正王建军2026年第一季度信息采用佐证期号 原录入时将第8期误录为第9期。 2026年第一季度 · 评分表 · 王建军 · 计分记录 · 信息、调研文章被县级以上采用 · 佐证材料由青江县政务信息2026年第6期、第9期改为青江县政务信息2026年第6期、第8期 朝天镇党政办 · 提交 " + commits[2][:10],
		"记录于 2026-11-21 09:30 实质变更 更正罗斌2026年第一季度出勤扣分 罗斌1月13日已补办请假手续，无故缺勤由2天更正为1天。",
		// what the correction did to what the notice publishes
		"对公示结果的影响： 罗斌：无故缺勤次数由2改为1，无故缺勤说明由1月12日、13日未到岗，未请假改为1月12日未到岗，未请假（1月13日已补办请假手续，见请假审批单2026年1月13日）；出勤5→7，基础分91→93，总分91→93，绩效工资1,365.00→1,395.00元",
		"汇总：发放总额38,902.50→38,932.50元，结余97.50→67.50元，人均1,496.25→1,497.40元",
		"2026年第一季度 · 评分表 · 罗斌 · 计分记录 · 无故缺勤 · 次数由2改为1",
		// its latest changes, the rest on a page of its own
		"查看全部 4 次变更记录",
		// the build stamp and the page's last records commit
		"本页记录最后变更于 2026-11-22 10:00 （提交 " + commits[2][:10] + " ）",
		"git show " + commits[2][:10] + ":records/assess/2026-Q1.yaml",
	} {
		if !strings.Contains(notice, want) {
			t.Errorf("the Q1 notice does not read %q", want)
		}
	}
	if t.Failed() {
		t.Logf("the Q1 notice reads:\n%s", notice)
	}

	// The whole history, on a page of its own, from the first entry.
	all := text(read(t, filepath.Join(out, "changes", "pages", "notices", "assess-2026-q1.html")))
	if want := "记录于 2026-11-20 11:00 实质变更 录入2026年第一季度绩效考核评分"; !strings.Contains(all, want) {
		t.Errorf("the Q1 notice's whole history does not read %q", want)
	}

	// The first version, as it stood: 罗斌 still lost two days.
	v1 := filepath.Join(out, "versions", "assess-2026-q1", commits[0][:10]+".html")
	past := text(read(t, v1))
	for _, want := range []string{
		"这不是现行版本。 这是“朝天镇2026年第一季度绩效考核结果公示”第1版（共2版），发布日期2026年4月2日，记录于2026-11-20 11:00（提交 " + commits[0][:10] + " ），此后已有更正或变更。",
		"朝天镇2026年第一季度绩效考核结果公示（第1版，2026年4月2日）",
		"罗斌 党政综合办公室工作人员 30 36 5 20 91 0 91 合格 1,365.00", // two days' absence
	} {
		if !strings.Contains(past, want) {
			t.Errorf("the first version does not read %q:\n%s", want, past)
		}
	}
	if strings.Contains(read(t, v1), `class="status`) {
		t.Errorf("a past version shows the notice's status today")
	}
	cur := text(read(t, filepath.Join(out, "versions", "assess-2026-q1", commits[1][:10]+".html")))
	if !strings.Contains(cur, "这是现行版本的固定链接。") {
		t.Errorf("the current version's permalink does not say it is current:\n%s", cur)
	}
	// 罗斌's own page lists his change, not 王建军's.
	luo := text(read(t, filepath.Join(out, "assess", "luo-bin.html")))
	if !strings.Contains(luo, "更正罗斌2026年第一季度出勤扣分") || strings.Contains(luo, "信息采用佐证期号") {
		t.Errorf("罗斌's assessment page history is wrong:\n%s", luo)
	}
}

// atomFeed is what the tests read of an Atom 1.0 feed.
type atomFeed struct {
	XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
	ID      string   `xml:"id"`
	Title   string   `xml:"title"`
	Updated string   `xml:"updated"`
	Links   []struct {
		Rel  string `xml:"rel,attr"`
		Href string `xml:"href,attr"`
	} `xml:"link"`
	Entries []struct {
		ID        string `xml:"id"`
		Title     string `xml:"title"`
		Updated   string `xml:"updated"`
		Published string `xml:"published"`
		Author    string `xml:"author>name"`
		Link      struct {
			Href string `xml:"href,attr"`
		} `xml:"link"`
	} `xml:"entry"`
}

func readFeed(t *testing.T, path string) atomFeed {
	t.Helper()
	var f atomFeed
	if err := xml.Unmarshal([]byte(read(t, path)), &f); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return f
}

func TestFeedsAreAtomWithIdsAndDatesFromGit(t *testing.T) {
	t.Parallel()
	s := sample.Site(t)
	out, commits := s.Site, s.Commits
	absolute := func(what, href string) {
		t.Helper()
		u, err := url.Parse(href)
		if err != nil || u.Scheme != "https" || u.Host == "" {
			t.Errorf("%s link %q is not absolute", what, href)
		}
	}
	changes := readFeed(t, filepath.Join(out, "changes", "feed.xml"))
	notices := readFeed(t, filepath.Join(out, "notices", "feed.xml"))
	for name, f := range map[string]atomFeed{"changes": changes, "notices": notices} {
		if f.ID == "" || f.Title == "" || len(f.Entries) == 0 {
			t.Errorf("%s feed: id %q, title %q, %d entries", name, f.ID, f.Title, len(f.Entries))
		}
		if _, err := time.Parse(time.RFC3339, f.Updated); err != nil {
			t.Errorf("%s feed updated %q: %v", name, f.Updated, err)
		}
		for _, l := range f.Links {
			absolute(name+" feed", l.Href)
		}
		ids := map[string]bool{}
		for _, e := range f.Entries {
			if !strings.HasPrefix(e.ID, "tag:gongshi.chaotian.example,") || ids[e.ID] {
				t.Errorf("%s feed: entry id %q is not a unique tag URI", name, e.ID)
			}
			ids[e.ID] = true
			if _, err := time.Parse(time.RFC3339, e.Updated); err != nil || e.Title == "" {
				t.Errorf("%s feed entry %q: updated %q", name, e.Title, e.Updated)
			}
			absolute(name+" entry", e.Link.Href)
		}
	}
	if got := changes.Entries[0]; got.ID != "tag:gongshi.chaotian.example,2026-11-22:commit/"+commits[2] || got.Updated != "2026-11-22T10:00:00+08:00" ||
		got.Title != "更正：更正王建军2026年第一季度信息采用佐证期号" || got.Author != "朝天镇党政办" {
		t.Errorf("newest change entry: %+v", got)
	}
	if changes.Updated != "2026-11-22T10:00:00+08:00" {
		t.Errorf("changes feed updated %s; want the newest commit's date", changes.Updated)
	}
	// The Q1 notice: published with its first version, updated by its last.
	var q1 bool
	for _, e := range notices.Entries {
		if strings.HasSuffix(e.ID, ":notice/notices/assess-2026-q1") {
			q1 = e.Published == "2026-11-20T11:00:00+08:00" && e.Updated == "2026-11-21T09:30:00+08:00" &&
				e.Link.Href == "https://gongshi.chaotian.example/notices/assess-2026-q1.html"
		}
	}
	if !q1 {
		t.Errorf("the notices feed has no right entry for the Q1 notice: %+v", notices.Entries)
	}
}

// TestObjectionsAreHandledInPublic: each notice says where it stands —
// the objections to it and how each was settled, a correction pointing to
// the version it made, an objection past its time flagged — and the
// correction's change history links to the objection that caused it.
// Who objected is never shown.
func TestObjectionsAreHandledInPublic(t *testing.T) {
	t.Parallel()
	s := sample.Site(t)
	out, commits := s.Site, s.Commits
	q1 := text(read(t, filepath.Join(out, "notices", "assess-2026-q1.html")))
	for _, want := range []string{
		"公示期满，收到异议2件（已办结2件），已更正（见第2版）",
		"公示结果：公示期满，收到的2件异议均已办结（更正1件，维持原结果1件），已于2026年4月15日报青江县财政局。",
		"异议 2026-001 2026年4月7日收到，书面 2026年4月9日办结：更正",
		"异议内容 反映罗斌1月13日已补办请假手续，不应按无故缺勤扣分。",
		"处理结果 更正，更正后的公示见 第2版",
		"异议 2026-002 2026年4月9日收到，来电 2026年4月14日办结：维持",
		"处理结果 维持原公示结果",
		// the correction's entry says why
		"更正罗斌2026年第一季度出勤扣分 罗斌1月13日已补办请假手续，无故缺勤由2天更正为1天。 因 异议 2026-001 更正。",
	} {
		if !strings.Contains(q1, want) {
			t.Errorf("the Q1 notice does not read %q", want)
		}
	}
	raw := read(t, filepath.Join(out, "notices", "assess-2026-q1.html"))
	if !strings.Contains(raw, `href="../versions/assess-2026-q1/`+commits[1][:10]+`.html">第2版</a>`) || !strings.Contains(raw, `#objection-2026-001">异议 2026-001</a>`) {
		t.Errorf("the Q1 notice does not link the correction to its version, or its history to the objection")
	}
	q2 := text(read(t, filepath.Join(out, "notices", "assess-2026-q2.html")))
	for _, want := range []string{
		"公示期满，收到异议1件（已办结0件）",
		"有1件异议超过办理时限仍未办结。",
		// received 9 July, open on the sample's last day, 22 November
		"异议 2026-003 2026年7月9日收到，来访 办理中（已92个工作日） 超过办理时限",
		"异议自收到之日起15个工作日内办结答复（朝天镇人民政府办公室《关于规范公示异议受理办理工作的通知》（朝政办〔2026〕2号）",
	} {
		if !strings.Contains(q2, want) {
			t.Errorf("the Q2 notice does not read %q", want)
		}
	}
	list := text(read(t, filepath.Join(out, "notices", "index.html")))
	for _, want := range []string{"公示期满，收到异议2件（已办结2件），已更正（见第2版）", "公示期满，无异议 公示期满无异议，已于2026年1月28日将年度考核结果通知书送达本人，等次存入本人档案。"} {
		if !strings.Contains(list, want) {
			t.Errorf("公示公告 does not read %q", want)
		}
	}
	page := text(read(t, filepath.Join(out, "objections", "index.html")))
	for _, want := range []string{"有 1 件异议超过办理时限仍未办结。", "异议 2026-003", "异议 2026-002", "经核对督办通知单"} {
		if !strings.Contains(page, want) {
			t.Errorf("the objections page does not read %q", want)
		}
	}
	for _, who := range []string{"周建国", "邓桂芝", "0745-7628016"} {
		if strings.Contains(q1+q2+page, who) {
			t.Errorf("an objector's name or contact %q is published", who)
		}
	}
}

// TestEachKindOfNoticeHasItsOwnFeed: the notices' feed holds notices and
// their corrections only; placards have a feed of one entry per object,
// letters one per person.
func TestEachKindOfNoticeHasItsOwnFeed(t *testing.T) {
	t.Parallel()
	out := sample.Site(t).Site
	for _, tt := range []struct {
		feed, prefix string
		n            int
	}{
		{"notices/feed.xml", "https://gongshi.chaotian.example/notices/", 8},
		{"safety/placards/feed.xml", "https://gongshi.chaotian.example/safety/placards/a4/", 0},
		{"letters/feed.xml", "https://gongshi.chaotian.example/letters/2025-", 26},
	} {
		f := readFeed(t, filepath.Join(out, filepath.FromSlash(tt.feed)))
		if tt.n > 0 && len(f.Entries) != tt.n {
			t.Errorf("%s has %d entries; want %d", tt.feed, len(f.Entries), tt.n)
		}
		seen := map[string]bool{}
		for _, e := range f.Entries {
			if !strings.HasPrefix(e.Link.Href, tt.prefix) || seen[e.Link.Href] || strings.Contains(e.Title, "（A3）") {
				t.Errorf("%s: entry %q links %s; want one entry per item, under %s", tt.feed, e.Title, e.Link.Href, tt.prefix)
			}
			seen[e.Link.Href] = true
		}
	}
	objects, _ := filepath.Glob(filepath.Join(out, "safety", "placards", "a4", "*.html"))
	if f := readFeed(t, filepath.Join(out, "safety", "placards", "feed.xml")); len(f.Entries) != len(objects) {
		t.Errorf("the placards' feed has %d entries for %d objects", len(f.Entries), len(objects))
	}
}

// TestNoticeStatesThePaidTotal: the Q1 notice prints the total the
// assessment paid, the total the payroll export carries (the root
// package's TestExportTotalsEqualTheNotice).
func TestNoticeStatesThePaidTotal(t *testing.T) {
	t.Parallel()
	s := sample.Site(t)
	recs, err := pipeline.Load(pipeline.Source{Dir: s.Repo})
	if err != nil {
		t.Fatal(err)
	}
	var paid string
	for _, a := range recs.Assess {
		if a.Quarter.String() == "2026-Q1" {
			paid = a.Paid.String()
		}
	}
	page := text(read(t, filepath.Join(s.Site, "notices", "assess-2026-q1.html")))
	if want := "发放总额 " + paid + " 元"; paid == "" || !strings.Contains(page, want) {
		t.Errorf("the Q1 notice does not read %q", want)
	}
}
