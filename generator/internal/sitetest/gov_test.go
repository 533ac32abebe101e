package sitetest

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"gongshi/generator/internal/sample"
)

// TestFooterShowsWhoRunsTheSiteAndItsFilingNumbers: every page's footer
// names the 主办单位 and 承办单位, the 政府网站标识码, the ICP number linked
// to MIIT's filing system and the public security number linked to its
// query, as township.yaml gives them.
func TestFooterShowsWhoRunsTheSiteAndItsFilingNumbers(t *testing.T) {
	t.Parallel()
	out := sample.Site(t).Site
	for _, page := range []string{"index.html", "notices/assess-2026-q1.html", "safety/objects/chaodu-001.html", "404.html"} {
		html := read(t, filepath.Join(out, page))
		footer := html[strings.Index(html, `<footer class="site-footer">`):]
		for _, want := range []string{
			"主办单位：朝天镇人民政府",
			"承办单位：朝天镇人民政府党政综合办公室",
			"网站标识码：4312230011",
			`<a href="https://beian.miit.gov.cn/" rel="noopener">湘ICP备2026000123号-1</a>`,
			`<a href="https://beian.mps.gov.cn/#/query/webSearch?code=43122302000123" rel="noopener">湘公网安备43122302000123号</a>`,
			`<a class="tel" href="tel:0745-7621234">0745-7621234</a>`,
		} {
			if !strings.Contains(footer, want) {
				t.Errorf("%s: the footer does not show %s", page, want)
			}
		}
	}
}

// TestObjectionPhoneIsTappable: on a phone, the number to call to object
// to a notice is a link that dials it.
func TestObjectionPhoneIsTappable(t *testing.T) {
	t.Parallel()
	_, base := site(t)
	ctx := browser(t)
	do(t, ctx,
		chromedp.EmulateViewport(360, 740, chromedp.EmulateMobile),
		chromedp.Navigate(base+"/objection.html"),
		chromedp.WaitVisible(chromedp.CSS(`main dl.facts`)),
	)
	got := get(t, ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll("main dl.facts dd a")].map(a => {
		const r = a.getBoundingClientRect();
		return a.getAttribute("href") + " " + a.textContent + (r.width > 0 && r.height > 0 ? " visible" : " hidden");
	})`))
	for _, want := range []string{"tel:0745-7621234 0745-7621234 visible", "mailto:dzb@chaotian.example dzb@chaotian.example visible"} {
		if !strings.Contains(strings.Join(got, "\n"), want) {
			t.Errorf("objection.html: the links of its contact are %q; want %q", got, want)
		}
	}
}

// TestEveryPlacardPhoneIsPrinted: each role of a placard whose holder has
// a public office phone shows it: the village's first responsible person
// (the village committee's), the boat's daily manager (the phone the
// owner made public).
func TestEveryPlacardPhoneIsPrinted(t *testing.T) {
	t.Parallel()
	out := sample.Site(t).Site
	row := regexp.MustCompile(`(?s)<th scope="row">([^<]+)</th>\s*<td>.*?</td>\s*<td class="placard-phone">(.*?)</td>`)
	for page, roles := range map[string][]string{
		"safety/placards/a4/chaodu-001.html": {"第一责任人", "第二责任人", "包船责任人", "村委会责任人", "日常安全管理人", "现场检查员"},
		"safety/placards/a4/hexi-cun.html":   {"村级第一责任人", "包村领导", "驻村干部"},
		"safety/placards/a4/zhongxue.html":   {"校长", "包校领导"},
	} {
		phones := map[string]string{}
		for _, m := range row.FindAllStringSubmatch(read(t, filepath.Join(out, page)), -1) {
			phones[m[1]] = m[2]
		}
		for _, r := range roles {
			if !strings.Contains(phones[r], `href="tel:0745-`) {
				t.Errorf("%s: the row %s has no office phone (%q)", page, r, phones[r])
			}
		}
	}
}

// TestTitlesDoNotRepeatTheirKind: the titles the issue found joined with
// their kind read as people write them, in tab titles, the search, the
// feeds and the versions list.
func TestTitlesDoNotRepeatTheirKind(t *testing.T) {
	t.Parallel()
	out := sample.Site(t).Site
	bad := []string{"老码头码头", "正街社区村（社区）", "龙潭村后山滑坡隐患点地质灾害隐患点", "朝天镇中学学校"}
	good := []string{"老码头安全生产责任公示牌（A4）", "正街社区安全生产责任公示牌（A4）", "龙潭村后山滑坡隐患点安全生产责任公示牌（A4）", "朝天镇中学安全生产责任公示牌（A4）"}
	for _, f := range []string{"search-index.js", "notices/feed.xml", "versions/index.html", "safety/placards/a4/lao-matou.html", "safety/placards/index.html"} {
		s := read(t, filepath.Join(out, f))
		for _, b := range bad {
			if strings.Contains(s, b) {
				t.Errorf("%s reads %s", f, b)
			}
		}
	}
	index := read(t, filepath.Join(out, "search-index.js"))
	for _, g := range good {
		if !strings.Contains(index, `"t":"`+g+`"`) {
			t.Errorf("the search does not list %s", g)
		}
	}
}

// TestPagesForCitizensSpeakChinese: the pages written for citizens (what
// the site is, how to object, how to read the histories, the search, the
// not-found page, the home page) carry no English word and no git
// command; an e-mail address is the only Latin text.
func TestPagesForCitizensSpeakChinese(t *testing.T) {
	t.Parallel()
	out := sample.Site(t).Site
	main := regexp.MustCompile(`(?s)<main id="main">(.*)</main>`)
	email := regexp.MustCompile(`[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+`)
	word := regexp.MustCompile(`[A-Za-z]{2,}`)
	for _, page := range []string{"index.html", "about.html", "objection.html", "changes-help.html", "search.html", "404.html"} {
		m := main.FindStringSubmatch(read(t, filepath.Join(out, page)))
		if m == nil {
			t.Fatalf("%s has no main", page)
		}
		s := email.ReplaceAllString(text(m[1]), "")
		if w := word.FindAllString(s, -1); len(w) > 0 {
			t.Errorf("%s speaks English to citizens: %q", page, w)
		}
	}
}

// TestRobotsNameTheSitemapAndDatesAreInChina: robots.txt names the sitemap;
// every date of the sitemap and the feeds is in +08:00.
func TestRobotsNameTheSitemapAndDatesAreInChina(t *testing.T) {
	t.Parallel()
	out := sample.Site(t).Site
	if robots := read(t, filepath.Join(out, "robots.txt")); !strings.Contains(robots, "Sitemap: https://gongshi.chaotian.example/sitemap.xml") {
		t.Errorf("robots.txt names no sitemap:\n%s", robots)
	}
	date := regexp.MustCompile(`<(lastmod|updated|published)>([^<]+)<`)
	for _, f := range []string{"sitemap.xml", "notices/feed.xml", "changes/feed.xml"} {
		n := 0
		for _, m := range date.FindAllStringSubmatch(read(t, filepath.Join(out, f)), -1) {
			n++
			if !strings.HasSuffix(m[2], "+08:00") {
				t.Errorf("%s: <%s>%s is not in +08:00", f, m[1], m[2])
			}
		}
		if n == 0 {
			t.Errorf("%s has no dates", f)
		}
	}
}
