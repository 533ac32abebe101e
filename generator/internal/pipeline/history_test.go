package pipeline_test

import (
	"encoding/json"
	"strings"
	"testing"

	"gongshi/generator/internal/gittest"
	"gongshi/generator/internal/ledger"
	"gongshi/generator/internal/pipeline"
	"gongshi/generator/internal/sample"
)

// fixtureRepo is the sample site with two commits to its people file on
// top: one that changes only the formatting, and one correction.
func fixtureRepo(t *testing.T) (*gittest.Repo, []string) {
	t.Helper()
	g := sample.Repo(t)
	people := sample.Read(t, "records/people/cadres.yaml")
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
	t.Parallel()
	g, _ := fixtureRepo(t)
	files := render(t, pipeline.Options{Source: pipeline.Source{Dir: g.Dir}, NoCache: true})
	page := text(files["people/wang-jianjun.html"])
	want := "2026-11-22 09:00 更正 更正王建军任职依据 依据朝天镇人大选举结果公告原文。 王建军 · 任职 · 副镇长（分管安全生产） · 任免文号由朝天镇第十八届人民代表大会第一次会议选举改为朝天镇第十八届人民代表大会第一次会议选举产生"
	if !strings.Contains(page, want) {
		t.Errorf("王建军's page does not read %q:\n%s", want, page)
	}
	// The formatting-only commit changed no published value.
	if strings.Contains(page, "整理干部名单格式") {
		t.Errorf("王建军's page lists the formatting-only commit:\n%s", page)
	}
	log := text(files["changes/index.html"])
	if !strings.Contains(log, "整理干部名单格式 朝天镇党政办 · 提交") || !strings.Contains(log, "未改变公开内容") {
		t.Errorf("the change log does not list the formatting-only commit as changing nothing:\n%s", log)
	}
}

func TestCommitLinksFollowTheConfiguredTemplate(t *testing.T) {
	t.Parallel()
	g, commits := fixtureRepo(t)
	conf := sample.Read(t, "hugo.toml")
	if !strings.Contains(conf, `commit_url = ""`) {
		t.Fatal("hugo.toml has no commit_url to set: update the test")
	}
	g.Write("hugo.toml", []byte(strings.Replace(conf, `commit_url = ""`, `commit_url = "https://git.chaotian.example/dzb/records/commit/{hash}"`, 1)))
	head := g.Commit("site: 链接到版本库")
	files := render(t, pipeline.Options{Source: pipeline.Source{Dir: g.Dir}, NoCache: true})
	page := files["people/wang-jianjun.html"]
	for _, c := range []string{head, commits[1]} {
		if !strings.Contains(page, `href="https://git.chaotian.example/dzb/records/commit/`+c+`"`) {
			t.Errorf("王建军's page does not link commit %s to the git web UI", c[:10])
		}
	}
	var l ledger.Ledger
	if err := json.Unmarshal([]byte(files["ledger.json"]), &l); err != nil || l.Head() != head {
		t.Errorf("ledger.json names %q as the build; want %s (%v)", l.Head(), head, err)
	}
}
