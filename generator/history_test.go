package main

import (
	"encoding/json"
	"encoding/xml"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"gongshi/generator/internal/gittest"
	"gongshi/generator/internal/ledger"
)

// sampleHistoryRepo is the sample township with the history of its Q1
// notice replayed as the clerk committed it: the quarter entered with two
// mistakes, 罗斌's attendance changed after his objection (no trailer: shown
// as a change of substance), then a wrong issue number corrected
// (Change-Type: 更正). The earlier states are made from this project's
// records by undoing the two edits, so the test fails loudly if the sample
// records change under it.
func sampleHistoryRepo(t *testing.T) (*gittest.Repo, []string) {
	t.Helper()
	g := gittest.New(t)
	sampleFiles(t, g)
	const q1 = "records/assess/2026-Q1.yaml"
	g.Remove(q1)
	g.At("2026-11-20T10:00:00+08:00", "王文书 <clerk@chaotian.example>")
	g.Commit("录入示例记录")
	current := read(t, filepath.Join(projectRoot, q1))
	undo := func(s, now, was string) string {
		t.Helper()
		if !strings.Contains(s, now) {
			t.Fatalf("%s no longer contains %q: update sampleHistoryRepo", q1, now)
		}
		return strings.Replace(s, now, was, 1)
	}
	fixed := undo(current, "青江县政务信息2026年第6期、第8期", "青江县政务信息2026年第6期、第9期")
	entered := undo(fixed, "        note: 1月12日未到岗，未请假（1月13日已补办请假手续，见请假审批单2026年1月13日）",
		"        count: 2\n        note: 1月12日、13日未到岗，未请假")
	var commits []string
	step := func(when, data, msg string) {
		g.At(when, "朝天镇党政办 <dzb@chaotian.example>")
		g.Write(q1, []byte(data))
		commits = append(commits, g.Commit(msg))
	}
	step("2026-11-20T11:00:00+08:00", entered, "录入2026年第一季度绩效考核评分")
	step("2026-11-21T09:30:00+08:00", fixed, "更正罗斌2026年第一季度出勤扣分\n\n罗斌1月13日已补办请假手续，无故缺勤由2天更正为1天。")
	step("2026-11-22T10:00:00+08:00", current, "更正王建军2026年第一季度信息采用佐证期号\n\n原录入时将第8期误录为第9期。\n\nChange-Type: 更正")
	return g, commits
}

func build(t *testing.T, dir, out string, args ...string) string {
	t.Helper()
	code, stdout, stderr := gongshi(t, append([]string{"build", "--repo", dir, "--out", out}, args...)...)
	if code != exitOK {
		t.Fatalf("build exit %d\n%s", code, stderr)
	}
	return stdout
}

func TestSampleQ1NoticeShowsItsCorrectionsAndVersions(t *testing.T) {
	g, commits := sampleHistoryRepo(t)
	out := filepath.Join(t.TempDir(), "public")
	build(t, g.Dir, out)
	notice := text(read(t, filepath.Join(out, "notices", "assess-2026-q1.html")))
	for _, want := range []string{
		// the correction banner of the current version
		"本公示发布后有过变更。 首次发布于2026-11-20 11:00，此后实质变更 1 次，最近一次是2026-11-21 09:30（实质变更：更正罗斌2026年第一季度出勤扣分）",
		// its 变更记录, newest first, in words: the correction of an
		// evidence number is a change of its records, though not of what
		// the notice shows (no new version)
		"变更记录",
		"2026-11-22 10:00 更正 更正王建军2026年第一季度信息采用佐证期号 原录入时将第8期误录为第9期。 2026-Q1 · 评分表 · 王建军 · 计分记录 · J04 · 佐证材料: 青江县政务信息2026年第6期、第9期 → 青江县政务信息2026年第6期、第8期 朝天镇党政办 · 提交 " + commits[2][:10],
		"2026-11-21 09:30 实质变更 更正罗斌2026年第一季度出勤扣分 罗斌1月13日已补办请假手续，无故缺勤由2天更正为1天。 2026-Q1 · 评分表 · 罗斌 · 计分记录 · K01 · 次数: 2 → 1",
		"2026-11-20 11:00 实质变更 录入2026年第一季度绩效考核评分",
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

	// The first version, as it stood: 罗斌 still lost two days.
	v1 := filepath.Join(out, "versions", "assess-2026-q1", commits[0][:10]+".html")
	past := text(read(t, v1))
	for _, want := range []string{
		"这不是现行版本。 这是“朝天镇2026年第一季度绩效考核结果公示”第1版（共2版），2026-11-20 11:00由提交 " + commits[0][:10] + " 发布，此后已有更正或变更。",
		"罗斌 党政综合办公室工作人员 30 36 5 20 0 91 合格 1,365.00", // two days' absence
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

// fixtureRepo is the sample site with two commits to its people file on
// top: one that changes only the formatting, and one correction.
func fixtureRepo(t *testing.T) (*gittest.Repo, []string) {
	t.Helper()
	g := sampleRepo(t)
	people := read(t, filepath.Join(projectRoot, "records", "people", "cadres.yaml"))
	// Formatting only: a comment, and the quoting of a value.
	reformatted := strings.Replace("# 干部名单（整理格式）\n"+people, "name: 王建军", `name: "王建军"`, 1)
	const basis = "        basis: 朝天镇第十八届人民代表大会第一次会议选举\n"
	before, his, ok := strings.Cut(reformatted, "id: wang-jianjun\n")
	if !ok || !strings.Contains(his, basis) {
		t.Fatal("the sample records changed: update fixtureRepo")
	}
	corrected := before + "id: wang-jianjun\n" + strings.Replace(his, basis, "        basis: 朝天镇第十八届人民代表大会第一次会议选举产生\n", 1)
	var commits []string
	for _, c := range []struct{ when, data, msg string }{
		{"2026-11-21T09:00:00+08:00", reformatted, "整理干部名单格式\n\nChange-Type: 更正"},
		{"2026-11-22T09:00:00+08:00", corrected, "更正王建军任职依据\n\n依据朝天镇人大选举结果公告原文。\n\nChange-Type: 更正"},
	} {
		g.At(c.when, "朝天镇党政办 <dzb@chaotian.example>")
		g.Write("records/people/cadres.yaml", []byte(c.data))
		commits = append(commits, g.Commit(c.msg))
	}
	return g, commits
}

func TestFieldChangesAreWordsOnTheBuiltPage(t *testing.T) {
	g, _ := fixtureRepo(t)
	out := filepath.Join(t.TempDir(), "public")
	build(t, g.Dir, out)
	page := text(read(t, filepath.Join(out, "people", "wang-jianjun.html")))
	want := "2026-11-22 09:00 更正 更正王建军任职依据 依据朝天镇人大选举结果公告原文。 王建军 · 任职 · 副镇长（分管安全生产） · 任免文号: 朝天镇第十八届人民代表大会第一次会议选举 → 朝天镇第十八届人民代表大会第一次会议选举产生"
	if !strings.Contains(page, want) {
		t.Errorf("王建军's page does not read %q:\n%s", want, page)
	}
	// The formatting-only commit changed no published value.
	if strings.Contains(page, "整理干部名单格式") {
		t.Errorf("王建军's page lists the formatting-only commit:\n%s", page)
	}
	log := text(read(t, filepath.Join(out, "changes", "index.html")))
	if !strings.Contains(log, "整理干部名单格式 朝天镇党政办 · 提交") || !strings.Contains(log, "未改变公开内容") {
		t.Errorf("the change log does not list the formatting-only commit as changing nothing:\n%s", log)
	}
}

func TestRequireSignedRefusesAnUnsignedCommit(t *testing.T) {
	g := sampleRepo(t)
	clerk := gittest.SSHKey(t, "clerk")
	trust := t.TempDir()
	if err := os.WriteFile(filepath.Join(trust, "allowed_signers"), []byte(`dzb@chaotian.example namespaces="git" `+gittest.AuthorizedKey(clerk)+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	g.SignSSH(clerk)
	g.At("2026-11-21T09:00:00+08:00", "朝天镇党政办 <dzb@chaotian.example>")
	g.Write("records/units/new.yaml", []byte("units:\n  - {id: xin, name: 新单位, type: 企业}\n"))
	signed := g.Commit("录入新单位")
	g.Unsigned()
	g.At("2026-11-22T09:00:00+08:00", "朝天镇党政办 <dzb@chaotian.example>")
	g.Write("records/units/new.yaml", []byte("units:\n  - {id: xin, name: 新的单位, type: 企业}\n"))
	unsigned := g.Commit("更正新单位名称")

	out := filepath.Join(t.TempDir(), "public")
	code, _, stderr := gongshi(t, "build", "--repo", g.Dir, "--out", out, "--trust", trust, "--require-signed", "--signed-since", signed)
	if code != exitFailure || !strings.Contains(stderr, unsigned[:10]) || !strings.Contains(stderr, `"更正新单位名称": 未签名`) || strings.Contains(stderr, signed[:10]) {
		t.Errorf("build --require-signed exit %d; want %d naming only the unsigned commit:\n%s", code, exitFailure, stderr)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("a refused build published something: %v", err)
	}
	if code, _, _ := gongshi(t, "build", "--repo", g.Dir, "--out", out, "--require-signed"); code != exitUsage {
		t.Errorf("--require-signed without --trust: exit %d; want %d", code, exitUsage)
	}

	// Without the requirement the site is built, and says who signed.
	build(t, g.Dir, out, "--trust", trust)
	page := text(read(t, filepath.Join(out, "units", "xin.html")))
	for _, want := range []string{"2026-11-22 09:00 实质变更 更正新单位名称 新的单位 · 名称: 新单位 → 新的单位 朝天镇党政办 · 提交 " + unsigned[:10] + " · 未签名",
		"录入新单位 新增单位 新单位 朝天镇党政办 · 提交 " + signed[:10] + " · ✓ 签名已验证"} {
		if !strings.Contains(page, want) {
			t.Errorf("the unit's page does not read %q:\n%s", want, page)
		}
	}
}

func TestRewriteOfPublishedHistoryIsRefusedThenShown(t *testing.T) {
	g := sampleRepo(t)
	g.At("2026-11-21T09:00:00+08:00", "朝天镇党政办 <dzb@chaotian.example>")
	g.Write("records/units/new.yaml", []byte("units:\n  - {id: xin, name: 新单位, type: 企业}\n"))
	dropped := g.Commit("录入新单位")
	out := filepath.Join(t.TempDir(), "public")
	build(t, g.Dir, out)
	before := tree(t, out)

	// A force-push: the published commit replaced by another.
	g.Reset("HEAD~1")
	g.At("2026-11-22T09:00:00+08:00", "朝天镇党政办 <dzb@chaotian.example>")
	g.Write("records/units/new.yaml", []byte("units:\n  - {id: xin, name: 新的单位, type: 企业}\n"))
	head := g.Commit("录入新的单位")

	code, _, stderr := gongshi(t, "build", "--repo", g.Dir, "--out", out)
	if code != exitFailure || !strings.Contains(stderr, "--allow-rewrite") || !strings.Contains(stderr, dropped) || !strings.Contains(stderr, "录入新单位") {
		t.Errorf("build over a rewrite: exit %d; want %d listing %s:\n%s", code, exitFailure, dropped[:10], stderr)
	}
	if d := diffTrees(before, tree(t, out)); len(d) > 0 {
		t.Errorf("a refused build changed the site:\n%s", strings.Join(d, "\n"))
	}

	stdout := build(t, g.Dir, out, "--allow-rewrite")
	if !strings.Contains(stdout, "published a rewrite of history") {
		t.Errorf("build --allow-rewrite does not say it published a rewrite:\n%s", stdout)
	}
	log := text(read(t, filepath.Join(out, "changes", "index.html")))
	if want := "历史改写记录"; !strings.Contains(log, want) || !strings.Contains(log, dropped[:10]) || !strings.Contains(log, "录入新单位") {
		t.Errorf("the change log does not show the rewrite:\n%s", log)
	}
	l, err := ledger.Read(filepath.Join(out, ledger.File))
	if err != nil {
		t.Fatal(err)
	}
	if len(l.Rewrites) != 1 || l.Rewrites[0].Dropped[0].Commit != dropped || l.Head() != head || len(l.Builds) != 2 {
		t.Errorf("ledger after the rewrite: %+v", l)
	}
	// Published once, the rewrite is history: the next build goes ahead.
	build(t, g.Dir, out)
}

func TestVerifyComparesTheSiteWithARebuild(t *testing.T) {
	g, _ := fixtureRepo(t)
	out := filepath.Join(t.TempDir(), "public")
	build(t, g.Dir, out)
	build(t, g.Dir, out) // a second build of the same commit: the ledger stays as it was
	code, stdout, stderr := gongshi(t, "verify", "--repo", g.Dir, "--site", out)
	if code != exitOK || !strings.Contains(stdout, "identical to a rebuild") {
		t.Fatalf("verify of an untouched site: exit %d\n%s%s", code, stdout, stderr)
	}

	// One byte of one page changed.
	p := filepath.Join(out, "people", "wang-jianjun.html")
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	i := strings.Index(string(b), "2026-11-22 09:00")
	if i < 0 {
		t.Fatal("王建军's page does not show the date of his change")
	}
	b[i+12] = '8' // 09:00 → 08:00
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr = gongshi(t, "verify", "--repo", g.Dir, "--site", out)
	if code != exitDiffers || !strings.Contains(stdout, "differs: people/wang-jianjun.html: byte ") || strings.Count(stdout, "\n") != 1 {
		t.Errorf("verify after editing one byte: exit %d; want %d naming the page:\n%s%s", code, exitDiffers, stdout, stderr)
	}

	// A site of another commit is not this one's.
	code, _, _ = gongshi(t, "verify", "--repo", g.Dir, "--site", out, "--rev", "HEAD~1")
	if code != exitDiffers {
		t.Errorf("verify against another commit: exit %d; want %d", code, exitDiffers)
	}
	if code, _, _ := gongshi(t, "verify", "--repo", g.Dir); code != exitUsage {
		t.Errorf("verify without --site: exit %d; want %d", code, exitUsage)
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
	g, commits := sampleHistoryRepo(t)
	out := filepath.Join(t.TempDir(), "public")
	build(t, g.Dir, out)
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

func TestCommitLinksFollowTheConfiguredTemplate(t *testing.T) {
	g, commits := fixtureRepo(t)
	conf := read(t, filepath.Join(projectRoot, "hugo.toml"))
	if !strings.Contains(conf, `commit_url = ""`) {
		t.Fatal("hugo.toml has no commit_url to set: update the test")
	}
	g.Write("hugo.toml", []byte(strings.Replace(conf, `commit_url = ""`, `commit_url = "https://git.chaotian.example/dzb/records/commit/{hash}"`, 1)))
	head := g.Commit("site: 链接到版本库")
	out := filepath.Join(t.TempDir(), "public")
	build(t, g.Dir, out)
	page := read(t, filepath.Join(out, "people", "wang-jianjun.html"))
	for _, c := range []string{head, commits[1]} {
		if !strings.Contains(page, `href="https://git.chaotian.example/dzb/records/commit/`+c+`"`) {
			t.Errorf("王建军's page does not link commit %s to the git web UI", c[:10])
		}
	}
	var l ledger.Ledger
	if err := json.Unmarshal([]byte(read(t, filepath.Join(out, "ledger.json"))), &l); err != nil || l.Head() != head {
		t.Errorf("ledger.json names %q as the build; want %s (%v)", l.Head(), head, err)
	}
}
