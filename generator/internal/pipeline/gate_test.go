package pipeline_test

import (
	"errors"
	"regexp"
	"strings"
	"testing"

	"github.com/spf13/afero"

	"gongshi/generator/internal/pipeline"
)

// unitsWithNote is the small township's unit with a note.
func unitsWithNote(note string) []byte {
	return []byte("units:\n  - id: zhengfu\n    name: 朝天镇人民政府\n    type: 机关\n    note: " + note + "\n")
}

// digitsOf are the digits of s, in order: what a number reads as
// whatever stands between its digits.
func digitsOf(s string) string {
	return regexp.MustCompile(`\D`).ReplaceAllString(s, "")
}

// leaks returns the files of the site that hold any of values, read as
// written or as their digits alone.
func leaks(files map[string]string, values ...string) []string {
	var out []string
	for p, body := range files {
		digits := digitsOf(body)
		for _, v := range values {
			if strings.Contains(body, v) || digitsOf(v) == v && strings.Contains(digits, v) && !strings.Contains(strings.ReplaceAll(body, "*", ""), v[:3]+v[7:]) {
				out = append(out, p+" holds "+v)
			}
		}
	}
	return out
}

// TestHistoryOfAFixedMobileNumberIsPublishedMasked: a mobile number
// committed into a published field (without the hook) and removed in the
// next commit is in the change description of the fix: published masked,
// with a warning naming the commit, never in full, and the build passes.
func TestHistoryOfAFixedMobileNumberIsPublishedMasked(t *testing.T) {
	t.Parallel()
	g, _ := township(t)
	g.At("2026-04-13T09:00:00+08:00", "朝天镇党政办 <dzb@chaotian.example>")
	g.Write("records/units/example.yaml", unitsWithNote("站长电话 139 0745 1122"))
	bad := g.Commit("补充单位备注")
	g.At("2026-04-14T09:00:00+08:00", "朝天镇党政办 <dzb@chaotian.example>")
	g.Write("records/units/example.yaml", unitsWithNote("站长电话见公示栏"))
	g.Commit("删去备注中的电话")

	s, err := pipeline.Build(pipeline.Options{Source: pipeline.Source{Dir: g.Dir}, NoCache: true})
	if err != nil {
		t.Fatal(err)
	}
	files := renderSite(t, s)
	if l := leaks(files, "13907451122"); len(l) > 0 {
		t.Errorf("the number is published in full: %s", strings.Join(l, "; "))
	}
	if page := files["units/zhengfu.html"]; !strings.Contains(text(page), "备注由站长电话 139****1122改为站长电话见公示栏") {
		t.Errorf("the unit's change history does not show the change masked:\n%s", text(page))
	}
	want := "commit " + bad[:10] + ": a change of records/units/example.yaml holds a mobile number, published as 139****1122"
	if !contains(s.Warnings, want) {
		t.Errorf("warnings %q; want %q", s.Warnings, want)
	}
}

// TestCommitMessagesAndAuthorsArePublishedMasked: what a commit message
// and an author's name hold is published masked, on every page, in the
// feeds and in ledger.json.
func TestCommitMessagesAndAuthorsArePublishedMasked(t *testing.T) {
	t.Parallel()
	g, _ := township(t)
	g.At("2026-04-13T09:00:00+08:00", "王文书 13907451122 <dzb@chaotian.example>")
	g.Write("records/units/example.yaml", unitsWithNote("镇政府"))
	c := g.Commit("补充备注（经办人身份证 430122 19900101 1094，电话１３９０７４５１１２２）\n\n家住正街十八号。\u202e")
	s, err := pipeline.Build(pipeline.Options{Source: pipeline.Source{Dir: g.Dir}, NoCache: true})
	if err != nil {
		t.Fatal(err)
	}
	files := renderSite(t, s)
	if l := leaks(files, "13907451122", "430122199001011094", "正街十八号", "\u202e"); len(l) > 0 {
		t.Errorf("published in full: %s", strings.Join(l, "; "))
	}
	log := text(files["changes/"+c[:10]+".html"])
	for _, want := range []string{"经办人身份证 43*************094", "电话139****1122", "家住正街**号", "王文书 139****1122"} {
		if !strings.Contains(log, want) {
			t.Errorf("the commit's page does not say %q:\n%s", want, log)
		}
	}
	if !strings.Contains(files["ledger.json"], "经办人身份证 43*************094") {
		t.Errorf("ledger.json does not hold the subject masked:\n%s", files["ledger.json"])
	}
	for _, want := range []string{
		"commit " + c[:10] + ": the author's name holds a mobile number, published as 139****1122",
		"commit " + c[:10] + ": the message holds an ID-card number, published as 43*************094",
		"commit " + c[:10] + ": the message holds characters that may not be published (controls, bidi overrides, invisible characters, bytes that are not UTF-8), published without them",
	} {
		if !contains(s.Warnings, want) {
			t.Errorf("warnings %q; want %q", s.Warnings, want)
		}
	}
}

// TestSiteHoldingAPrivateValueIsRefused: a layout of the commit that
// prints a private phone number of the records (a bug, or a hostile
// template) fails the build, naming the file.
func TestSiteHoldingAPrivateValueIsRefused(t *testing.T) {
	t.Parallel()
	g, _ := township(t)
	g.At("2026-04-13T09:00:00+08:00", "朝天镇党政办 <dzb@chaotian.example>")
	g.Write("records/people/extra.yaml", []byte("people:\n  - id: zhao\n    name: 赵六\n    unit: zhengfu\n    phone: \"13907459901\"\n"))
	g.Write("layouts/404.html", []byte(`{{ define "main" }}<p>请致电 {{ print "139" "07" }}{{ "45" }}{{ "9901" }}</p>{{ end }}`))
	g.Commit("页面")
	s, err := pipeline.Build(pipeline.Options{Source: pipeline.Source{Dir: g.Dir}, NoCache: true})
	if err != nil {
		t.Fatal(err)
	}
	_, err = s.Render(afero.NewMemMapFs(), "/out")
	var leak *pipeline.LeakError
	if !errors.As(err, &leak) || len(leak.Files) != 1 || leak.Files[0] != "404.html holds the private value 139****9901" {
		t.Errorf("Render = %v; want a LeakError naming 404.html", err)
	}
}

// TestIntroductionIsTextNotMarkup: shortcodes, raw HTML and images in the
// township's introduction are shown as the text they are; the build does
// not fail on them.
func TestIntroductionIsTextNotMarkup(t *testing.T) {
	t.Parallel()
	g, _ := township(t)
	town := sampleTownship + "intro: |\n  {{< youtube w7Ft2ymGmfc >}}\n\n  <script>alert(1)</script><b>粗</b>\n\n  ![二维码](https://evil.example/qr.png) {{< qr text=\"https://evil.example\" />}}\n"
	g.At("2026-04-13T09:00:00+08:00", "朝天镇党政办 <dzb@chaotian.example>")
	g.Write("records/township.yaml", []byte(town))
	g.Commit("补充网站简介")
	files := render(t, pipeline.Options{Source: pipeline.Source{Dir: g.Dir}, NoCache: true})
	home := files["index.html"]
	for _, bad := range []string{"<iframe", "<script>alert", "<b>粗", "<img", "evil.example/qr.png\"", "youtube.com"} {
		if strings.Contains(home, bad) {
			t.Errorf("the home page holds %q", bad)
		}
	}
	for _, want := range []string{"{{&lt; youtube w7Ft2ymGmfc &gt;}}", "&lt;script&gt;alert(1)&lt;/script&gt;&lt;b&gt;粗&lt;/b&gt;", "<p>![二维码](https://evil.example/qr.png)"} {
		if !strings.Contains(home, want) {
			t.Errorf("the home page does not show %q as text", want)
		}
	}
}

// TestSiteFilesAreCheckedLikeRecords: the pages and templates a commit
// holds are published too: what may not be published in them is refused
// at its line and column, as in the records.
func TestSiteFilesAreCheckedLikeRecords(t *testing.T) {
	t.Parallel()
	g, _ := township(t)
	g.At("2026-04-13T09:00:00+08:00", "朝天镇党政办 <dzb@chaotian.example>")
	g.Write("content/about.md", []byte("+++\ntitle = \"关于本站\"\n+++\n\n值班电话 0745-7621234，站长手机 139 0745 1122。\n"))
	g.Write("layouts/404.html", []byte("{{ define \"main\" }}<p>找不到\u202e页面</p>{{ end }}"))
	g.Commit("页面")
	_, err := pipeline.Build(pipeline.Options{Source: pipeline.Source{Dir: g.Dir}, NoCache: true})
	want := "content/about.md:5:24: expected no mobile number in a page of the site, which is published, found one; 网站页面会公开，不得写手机号，如确需写明，写作 139****1122\n" +
		"layouts/404.html:1:26: expected visible text in a template of the site, found a bidi control U+202E, which reorders the text around it; 请删去这个看不见的字符"
	if err == nil || err.Error() != want {
		t.Errorf("Build = %v; want:\n%s", err, want)
	}
}

// TestAPartialExecutedInPlaceMustPrint: gongshi's layouts execute the
// partials that print their output in place (template "_partials/…"); a
// commit that replaces one with a partial that returns a value is told so
// at its return, before Hugo fails on it with a message that names
// neither file.
func TestAPartialExecutedInPlaceMustPrint(t *testing.T) {
	t.Parallel()
	g, _ := township(t)
	g.At("2026-04-13T09:00:00+08:00", "朝天镇党政办 <dzb@chaotian.example>")
	g.Write("layouts/_partials/link.html", []byte("{{- $t := .text -}}\n{{ return (printf \"<b>%s</b>\" $t) }}\n"))
	g.Commit("页面")
	_, err := pipeline.Build(pipeline.Options{Source: pipeline.Source{Dir: g.Dir}, NoCache: true})
	want := "layouts/_partials/link.html:2:4: expected a partial that prints its output, found return: "
	if err == nil || !strings.HasPrefix(err.Error(), want) || strings.Count(err.Error(), "\n") > 0 {
		t.Errorf("Build = %v; want one mistake, %s…", err, want)
	}
}

// sampleTownship is the small township's record, without an intro.
const sampleTownship = `name: 朝天镇
organ: 朝天镇人民政府
county: 青江县
address: 青江县朝天镇正街88号
objection:
  office: 党政综合办公室
  address: 镇政府办公楼二楼
  phone: 0745-7621234
publicity:
  working_days: 5
  count_first_day: false
`

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// TestACommitsOwnEntryHeadIsInEveryEntry: the head of an entry of 变更记录
// is made once per commit for the whole site (history/entries.html); a
// township's own history/commit.html, which replaces gongshi's, makes
// every entry's head, on every page.
func TestACommitsOwnEntryHeadIsInEveryEntry(t *testing.T) {
	t.Parallel()
	g, _ := township(t)
	g.At("2026-04-13T09:00:00+08:00", "朝天镇党政办 <dzb@chaotian.example>")
	g.Write("layouts/_partials/history/commit.html", []byte(`{{- $c := index hugo.Data.commits . }}
    <li class="change"><p class="change-head">本镇记录：{{ $c.subject }}</p>
`))
	g.Commit("页面")
	files := render(t, pipeline.Options{Source: pipeline.Source{Dir: g.Dir}, NoCache: true})
	entries, ours := 0, 0
	for p, f := range files {
		if !strings.HasSuffix(p, ".html") {
			continue
		}
		entries += strings.Count(f, `<li class="change`)
		ours += strings.Count(f, `<li class="change"><p class="change-head">本镇记录：`)
	}
	if entries < 20 || ours != entries {
		t.Errorf("%d entries of 变更记录, %d of them with the township's own head; want all of several", entries, ours)
	}
}
