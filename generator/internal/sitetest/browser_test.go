package sitetest

import (
	"bytes"
	"context"
	"fmt"
	"image/png"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestReachTheQ1NoticeAndReadAPay: from the home page, two clicks reach the
// first quarter's notice, where a person's pay is read from the table.
func TestReachTheQ1NoticeAndReadAPay(t *testing.T) {
	t.Parallel()
	_, base := site(t)
	ctx := browser(t)
	do(t, ctx,
		chromedp.EmulateViewport(1200, 900),
		chromedp.Navigate(base+"/index.html"),
		chromedp.Click(chromedp.CSS(`nav[aria-label="主导航"] a[href$="notices/index.html"]`)),
		chromedp.WaitVisible(chromedp.CSS(`table.list`)),
	)
	if title := get(t, ctx, chromedp.Title()); !strings.HasPrefix(title, "公示公告") {
		t.Fatalf("first click led to %q; want 公示公告", title)
	}
	do(t, ctx,
		chromedp.Click(chromedp.Search(`//a[contains(., "2026年第一季度绩效考核结果公示")]`)),
		chromedp.WaitVisible(chromedp.CSS(`table.notice-table`)),
	)
	loc := get(t, ctx, chromedp.Location())
	if !strings.HasSuffix(loc, "/notices/assess-2026-q1.html") {
		t.Fatalf("second click led to %s", loc)
	}
	pay := get(t, ctx, chromedp.Evaluate[string](`(() => {
		for (const row of document.querySelectorAll("table.notice-table tbody tr")) {
			if (row.querySelector("th").textContent.trim() === "李红梅") {
				return row.lastElementChild.textContent.trim();
			}
		}
		return "not found";
	})()`))
	if pay != "1,702.50" {
		t.Errorf("李红梅's pay in the Q1 notice reads %q; want 1,702.50", pay)
	}
}

// TestPrintHidesTheNavigation: printed, a notice shows the notice, not the
// site's navigation, and states its period.
func TestPrintHidesTheNavigation(t *testing.T) {
	t.Parallel()
	_, base := site(t)
	ctx := browser(t)
	do(t, ctx,
		chromedp.Navigate(base+"/notices/assess-2026-q1.html"),
		chromedp.WaitVisible(chromedp.CSS(`table.notice-table`)),
		media("print"),
	)
	visible := func(sel string) bool {
		return get(t, ctx, chromedp.Evaluate[bool](`(() => {
			const el = document.querySelector(`+"`"+sel+"`"+`);
			return !!el && getComputedStyle(el).display !== "none" && el.getClientRects().length > 0;
		})()`))
	}
	for _, sel := range []string{`nav[aria-label="主导航"]`, `.breadcrumbs`, `.status`} {
		if visible(sel) {
			t.Errorf("%s is visible in print", sel)
		}
	}
	for _, sel := range []string{`.notice-table`, `.notice-rules`, `.signature`} {
		if !visible(sel) {
			t.Errorf("%s is hidden in print", sel)
		}
	}
	// The period, stated by the notice's wording, prints with it.
	if txt := get(t, ctx, chromedp.Evaluate[string](`document.querySelector(".notice").innerText`)); !strings.Contains(txt, "2026年4月2日至2026年4月10日") {
		t.Errorf("the printed notice does not state its period")
	}
	pdf := get(t, ctx, chromedp.PrintToPDF(chromedp.PDFPaper(chromedp.PaperA4), chromedp.PDFPreferCSSPageSize()))
	if len(pdf) < 1000 || !strings.HasPrefix(string(pdf), "%PDF") {
		t.Errorf("printing to PDF gave %d bytes", len(pdf))
	}
	do(t, ctx, media(""))
}

// TestNoHorizontalScrollOnAPhone: at 360 px wide no page scrolls sideways;
// wide tables scroll inside themselves.
func TestNoHorizontalScrollOnAPhone(t *testing.T) {
	t.Parallel()
	_, base := site(t)
	ctx := browser(t)
	do(t, ctx, chromedp.EmulateViewport(360, 740, chromedp.EmulateMobile))
	for _, page := range []string{"index.html", "notices/assess-2026-q1.html", "assess/luo-bin.html", "people/index.html", "units/index.html", "reference/index.html", "search.html?q=朝天",
		// notices and what follows them: objections, a comparison of two versions
		"notices/index.html", "notices/assess-2026-q2.html", "objections/index.html", "versions/assess-2026-q1/compare-1-2.html",
		// safety: lists, an object, diagrams (they scroll inside themselves), a placard
		"safety/index.html", "safety/villages/index.html", "safety/objects/chaodu-003.html", "safety/hazards.html",
		"safety/network.html", "safety/reports.html", "safety/agreements/index.html", "safety/placards/a4/chaodu-003.html"} {
		do(t, ctx, chromedp.Navigate(base+"/"+page), chromedp.WaitReady(chromedp.CSS(`main`)))
		w := get(t, ctx, chromedp.Evaluate[int](`document.documentElement.scrollWidth`))
		if w > 360 {
			t.Errorf("%s is %d px wide at a 360 px viewport", page, w)
		}
	}
}

// TestWorksOpenedFromDisk: a copy of the site opened from disk (a USB
// stick, a shared folder) has its styles and working links.
func TestWorksOpenedFromDisk(t *testing.T) {
	t.Parallel()
	dir, _ := site(t)
	ctx := browser(t)
	do(t, ctx,
		chromedp.Navigate("file://"+filepath.Join(dir, "index.html")),
		chromedp.Click(chromedp.CSS(`nav[aria-label="主导航"] a[href$="assess/index.html"]`)),
		chromedp.WaitVisible(chromedp.CSS(`main h1`)),
	)
	if h := get(t, ctx, chromedp.Text(chromedp.CSS(`main h1`))); h != "考核结果" {
		t.Errorf("from disk, the 考核结果 link led to %q", h)
	}
	bg := get(t, ctx, chromedp.Evaluate[string](`getComputedStyle(document.querySelector(".site-header")).backgroundColor`))
	if bg == "rgba(0, 0, 0, 0)" || bg == "" {
		t.Errorf("from disk, the stylesheet is not applied (header background %q)", bg)
	}
}

// TestMainPagesOpenOnTheirTitle: at phone and desktop widths, the home
// page, a notice and a person's result open with their title in the first
// screen and nothing wider than the screen; the full-page screenshots (kept
// for review when GONGSHI_SCREENSHOTS names a folder) are that wide.
func TestMainPagesOpenOnTheirTitle(t *testing.T) {
	t.Parallel()
	_, base := site(t)
	ctx := browser(t)
	pages := map[string]string{
		"home":   "index.html",
		"notice": "notices/assess-2026-q1.html",
		"person": "assess/luo-bin.html",
	}
	for _, width := range []int64{390, 1280} {
		for _, name := range []string{"home", "notice", "person"} {
			do(t, ctx,
				chromedp.EmulateViewport(width, 900),
				chromedp.Navigate(base+"/"+pages[name]),
				chromedp.WaitReady(chromedp.CSS(`footer`)),
			)
			top := get(t, ctx, chromedp.Evaluate[float64](`(() => { const r = document.querySelector("main h1").getBoundingClientRect(); return r.width > 0 ? r.bottom : -1; })()`))
			if top <= 0 || top > 900 {
				t.Errorf("%s at %d px: the title is not in the first screen (its bottom at %v px)", name, width, top)
			}
			shot := screenshot(t, ctx, name+"-"+map[int64]string{390: "phone", 1280: "desktop"}[width])
			img, err := png.DecodeConfig(bytes.NewReader(shot))
			if err != nil {
				t.Fatalf("%s at %d px: the screenshot is not a PNG: %v", name, width, err)
			}
			if int64(img.Width) != width {
				t.Errorf("%s at %d px: the page is %d px wide", name, width, img.Width)
			}
		}
	}
}

// TestSearchInChinese: a name typed into the search box on the home page
// finds the person, over HTTP and in a copy opened from disk.
func TestSearchInChinese(t *testing.T) {
	t.Parallel()
	dir, base := site(t)
	ctx := browser(t)
	for _, home := range []string{base + "/index.html", "file://" + filepath.Join(dir, "index.html")} {
		do(t, ctx,
			chromedp.Navigate(home),
			chromedp.SendKeys(chromedp.ID("header-q"), "罗斌\n"),
			chromedp.WaitVisible(chromedp.CSS(`#search-results li a`)),
		)
		status := get(t, ctx, chromedp.Text(chromedp.ID("search-status")))
		if !strings.HasPrefix(status, "找到") {
			t.Errorf("%s: search status %q", home, status)
		}
		do(t, ctx,
			chromedp.Click(chromedp.Search(`//ol[@id="search-results"]//a[.="罗斌的绩效考核结果"]`)),
			chromedp.WaitVisible(chromedp.CSS(`main h1`)),
		)
		if h := get(t, ctx, chromedp.Text(chromedp.CSS(`main h1`))); h != "罗斌的绩效考核结果" {
			t.Errorf("%s: the search result led to %q", home, h)
		}
	}
}

// TestSortAndFilterTables: a reader sorts the notice table by pay and
// narrows the notice list by typing.
func TestSortAndFilterTables(t *testing.T) {
	t.Parallel()
	_, base := site(t)
	ctx := browser(t)
	do(t, ctx,
		chromedp.Navigate(base+"/notices/assess-2026-q1.html"),
		chromedp.WaitVisible(chromedp.CSS(`table.notice-table th button.sort`)),
		// The last column is the pay: twice for descending.
		chromedp.Click(chromedp.CSS(`table.notice-table thead th:last-child button`)),
		chromedp.Click(chromedp.CSS(`table.notice-table thead th:last-child button`)),
	)
	first := get(t, ctx, chromedp.Text(chromedp.CSS(`table.notice-table tbody tr:first-child th`)))
	last := get(t, ctx, chromedp.Text(chromedp.CSS(`table.notice-table tbody tr:last-child td:last-child`)))
	if first != "李红梅" || last != "1,200.00" {
		t.Errorf("sorted by pay, descending: first %q, lowest pay %q; want 李红梅 and 1,200.00", first, last)
	}
	do(t, ctx,
		chromedp.Navigate(base+"/notices/index.html"),
		chromedp.WaitVisible(chromedp.CSS(`.table-filter input`)),
		chromedp.SendKeys(chromedp.CSS(`.table-filter input`), "2026年第二季度"),
	)
	shown := get(t, ctx, chromedp.Evaluate[int](`[...document.querySelectorAll("table.filterable tbody tr")].filter(r => !r.hidden).length`))
	if shown != 1 {
		t.Errorf("filtered by 2026年第二季度, %d notices shown; want 1", shown)
	}
}

// contrastJS lists text whose contrast with its background is below WCAG
// 2.1 AA: 4.5:1, or 3:1 for large text (24 px, or 18.66 px bold). The
// background is the first opaque one among the element and its ancestors.
const contrastJS = `(() => {
	function rgb(s) { const m = s.match(/[\d.]+/g); return m ? m.map(Number) : [0,0,0,0]; }
	function lum(c) {
		const [r, g, b] = c.slice(0, 3).map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
		return 0.2126 * r + 0.7152 * g + 0.0722 * b;
	}
	function background(el) {
		for (; el; el = el.parentElement) {
			const c = rgb(getComputedStyle(el).backgroundColor);
			if (c.length < 4 || c[3] > 0) return c;
		}
		return [255, 255, 255];
	}
	const bad = [];
	for (const el of document.querySelectorAll("body *")) {
		if (el.closest("svg")) continue;
		const own = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim() !== "");
		if (!own || el.getClientRects().length === 0) continue;
		const cs = getComputedStyle(el);
		if (cs.visibility === "hidden" || cs.display === "none") continue;
		const fg = rgb(cs.color), bg = background(el);
		const l1 = lum(fg), l2 = lum(bg);
		const ratio = (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
		const size = parseFloat(cs.fontSize), bold = parseInt(cs.fontWeight) >= 700;
		const need = (size >= 24 || (bold && size >= 18.66)) ? 3 : 4.5;
		if (ratio < need) bad.push(el.tagName.toLowerCase() + "." + el.className + " " + ratio.toFixed(2) + " " + el.textContent.trim().slice(0, 20));
	}
	return bad.slice(0, 20);
})()`

// TestTextContrastMeetsWCAGAA checks the contrast of every piece of text on
// the main pages, in the browser, with the styles as applied.
func TestTextContrastMeetsWCAGAA(t *testing.T) {
	t.Parallel()
	_, base := site(t)
	ctx := browser(t)
	for _, page := range []string{"index.html", "notices/index.html", "notices/assess-2026-q1.html", "assess/index.html", "assess/luo-bin.html", "people/index.html", "search.html?q=朝天", "reference/index.html"} {
		do(t, ctx, chromedp.Navigate(base+"/"+page), chromedp.WaitReady(chromedp.CSS(`footer`)))
		for _, b := range get(t, ctx, chromedp.Evaluate[[]string](contrastJS)) {
			t.Errorf("%s: low contrast: %s", page, b)
		}
	}
}

// TestKeyboardReachesTheSkipLinkFirst: the first Tab shows the link that
// skips the navigation, for people who do not use a mouse.
func TestKeyboardReachesTheSkipLinkFirst(t *testing.T) {
	t.Parallel()
	_, base := site(t)
	ctx := browser(t)
	do(t, ctx,
		chromedp.Navigate(base+"/notices/assess-2026-q1.html"),
		chromedp.WaitReady(chromedp.CSS(`footer`)),
		chromedp.KeyEvent("\t"),
	)
	got := get(t, ctx, chromedp.Evaluate[string](`(() => {
		const a = document.activeElement, r = a.getBoundingClientRect();
		return a.textContent.trim() + " " + (r.left >= 0 && r.top >= 0 && r.width > 0 ? "visible" : "hidden");
	})()`))
	if got != "跳到正文 visible" {
		t.Errorf("after one Tab the focus is on %q; want the visible 跳到正文 link", got)
	}
}

// TestSearchReachesAVesselPlacard: 朝渡 typed in Chinese finds the ferries,
// and a click opens a placard naming its six responsible persons.
func TestSearchReachesAVesselPlacard(t *testing.T) {
	t.Parallel()
	_, base := site(t)
	ctx := browser(t)
	do(t, ctx,
		chromedp.EmulateViewport(1200, 900),
		chromedp.Navigate(base+"/index.html"),
		chromedp.SendKeys(chromedp.ID("header-q"), "朝渡\n"),
		chromedp.WaitVisible(chromedp.CSS(`#search-results li a`)),
		chromedp.Click(chromedp.Search(`//ol[@id="search-results"]//a[.="朝渡003船舶安全生产责任公示牌（A4）"]`)),
		chromedp.WaitVisible(chromedp.CSS(`table.placard-roles`)),
	)
	roles := get(t, ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll("table.placard-roles tbody th")].map(th => th.textContent.trim())`))
	want := []string{"第一责任人", "第二责任人", "包船责任人", "村委会责任人", "日常安全管理人", "现场检查员"}
	if strings.Join(roles, " ") != strings.Join(want, " ") {
		t.Errorf("the placard names roles %q; want %q", roles, want)
	}
	names := get(t, ctx, chromedp.Evaluate[int](`[...document.querySelectorAll("table.placard-roles .placard-name")].filter(n => n.textContent.trim() !== "").length`))
	if names != 6 {
		t.Errorf("the placard names %d people; want 6", names)
	}
	screenshot(t, ctx, "placard-desktop")
	do(t, ctx, chromedp.EmulateViewport(390, 900))
	screenshot(t, ctx, "placard-phone")
	do(t, ctx, media("print"))
	pdf := get(t, ctx, chromedp.PrintToPDF(chromedp.PDFPreferCSSPageSize(), chromedp.PDFPrintBackground()))
	if n := pdfPages(t, pdf); n != 1 {
		t.Errorf("the A4 placard prints on %d pages; want one", n)
	}
	do(t, ctx, media(""))
}

// pdfPages reads the page count of a PDF that Chromium printed: the /Count
// of its page tree.
func pdfPages(t *testing.T, pdf []byte) int {
	t.Helper()
	m := regexp.MustCompile(`/Count (\d+)`).FindSubmatch(pdf)
	if m == nil {
		t.Fatal("no page count in the printed PDF")
	}
	n, _ := strconv.Atoi(string(m[1]))
	return n
}

// TestChangeHistoryOfANotice: the Q1 notice's change history says in words
// what the correction changed, and its first version, a click away, says it
// is not the current one and shows the figures as first posted.
func TestChangeHistoryOfANotice(t *testing.T) {
	t.Parallel()
	_, base := site(t)
	ctx := browser(t)
	do(t, ctx,
		chromedp.EmulateViewport(1200, 900),
		chromedp.Navigate(base+"/notices/assess-2026-q1.html#changes"),
		chromedp.WaitVisible(chromedp.ID("changes")),
	)
	changes := get(t, ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll("#changes .fieldchanges li")].map(li => li.textContent.trim())`))
	want := "2026年第一季度 · 评分表 · 罗斌 · 计分记录 · 无故缺勤 · 次数由2改为1"
	found := false
	for _, c := range changes {
		found = found || c == want
	}
	if !found {
		t.Errorf("the change history does not read %q; it reads %q", want, changes)
	}
	// … and what the change did to what the notice publishes.
	effects := get(t, ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll("#changes .effects li")].map(li => li.textContent.trim())`))
	if len(effects) == 0 || !strings.HasPrefix(effects[0], "罗斌：") || !strings.HasSuffix(effects[0], "；出勤5→7，基础分91→93，总分91→93，绩效工资1,365.00→1,395.00元") {
		t.Errorf("the change history does not say the correction's effect on 罗斌's results; it reads %q", effects)
	}
	screenshot(t, ctx, "history-desktop")
	do(t, ctx, chromedp.EmulateViewport(390, 900))
	screenshot(t, ctx, "history-phone")
	do(t, ctx,
		chromedp.EmulateViewport(1200, 900),
		chromedp.Navigate(base+"/notices/assess-2026-q1.html"),
		chromedp.WaitVisible(chromedp.ID("changes")),
		// The notice's banner lists its versions (its 变更记录, its latest
		// changes only, the versions they made).
		chromedp.Click(chromedp.Search(`//main//a[starts-with(., "第1版")]`)),
		chromedp.WaitVisible(chromedp.CSS(`table.notice-table`)),
	)
	page := get(t, ctx, chromedp.Text(chromedp.CSS(`main`)))
	if !strings.Contains(page, "这不是现行版本") {
		t.Errorf("the first version carries no banner saying it is not current")
	}
	pay := get(t, ctx, chromedp.Evaluate[string](`[...document.querySelectorAll("table.notice-table tbody tr")].find(r => r.querySelector("th").textContent.trim() === "罗斌").lastElementChild.textContent.trim()`))
	if pay != "1,365.00" {
		t.Errorf("罗斌's pay in the first version reads %q; want 1,365.00 as first posted", pay)
	}
}

// targetPages are the target-assessment pages a person reads on a phone.
var targetPages = []string{
	"targets/index.html", "notices/targets-2025.html", "notices/grades-2025.html",
	"targets/wsy.html", "targets/hexi.html", "letters/2025-wu-fang.html",
}

// TestTargetPagesFitAPhone: at 360 px wide none of the target pages
// scrolls sideways; the results tables scroll inside themselves and a
// unit's indicators become cards.
func TestTargetPagesFitAPhone(t *testing.T) {
	t.Parallel()
	_, base := site(t)
	ctx := browser(t)
	do(t, ctx, chromedp.EmulateViewport(360, 740, chromedp.EmulateMobile))
	for _, page := range targetPages {
		do(t, ctx, chromedp.Navigate(base+"/"+page), chromedp.WaitReady(chromedp.CSS(`main`)))
		if w := get(t, ctx, chromedp.Evaluate[int](`document.documentElement.scrollWidth`)); w > 360 {
			t.Errorf("%s is %d px wide at a 360 px viewport", page, w)
		}
		screenshot(t, ctx, strings.ReplaceAll(strings.TrimSuffix(page, ".html"), "/", "-")+"-phone")
	}
}

// TestResultLetterPrintsOnOnePage: a result letter prints on one A4 page
// with neither the site's header, navigation nor footer.
func TestResultLetterPrintsOnOnePage(t *testing.T) {
	t.Parallel()
	_, base := site(t)
	ctx := browser(t)
	for _, who := range []string{"wu-fang", "cao-yang", "zhou-li"} {
		do(t, ctx,
			chromedp.EmulateViewport(1280, 900),
			chromedp.Navigate(base+"/letters/2025-"+who+".html"),
			chromedp.WaitVisible(chromedp.CSS(`.letter`)),
			media("print"),
		)
		hidden := get(t, ctx, chromedp.Evaluate[bool](`[".site-header", ".site-footer", ".breadcrumbs", ".letter-tools"].every(s => {
			const el = document.querySelector(s);
			return !el || getComputedStyle(el).display === "none";
		})`))
		if !hidden {
			t.Errorf("%s's letter prints with the site's header, footer or navigation", who)
		}
		// Nothing but the letter prints: a box before it would stay on
		// the default page and print a page of its own before the
		// letter's named page.
		printed := get(t, ctx, chromedp.Evaluate[[]string](`(() => {
			const letter = document.querySelector(".letter");
			return [...document.body.querySelectorAll("*")].filter(el =>
				!el.contains(letter) && !letter.contains(el) &&
				!["SCRIPT", "STYLE", "TEMPLATE"].includes(el.tagName) &&
				!el.closest("[hidden]") && getComputedStyle(el).display !== "none" &&
				![...document.body.querySelectorAll("*")].some(a => a !== el && a.contains(el) && !a.contains(letter) && getComputedStyle(a).display === "none")
			).map(el => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") + (el.className ? "." + el.className : ""));
		})()`))
		if len(printed) > 0 {
			t.Errorf("%s's letter prints with more than the letter: %q", who, printed)
		}
		pdf := get(t, ctx, chromedp.PrintToPDF(chromedp.PDFPaper(chromedp.PaperA4), chromedp.PDFPreferCSSPageSize()))
		// The page tree's root counts the pages: << /Type /Pages /Count n …
		m := regexp.MustCompile(`/Type /Pages\s*/Count (\d+)`).FindSubmatch(pdf)
		n := "an unknown number of"
		if m != nil {
			n = string(m[1])
		}
		if n != "1" {
			t.Errorf("%s's letter prints on %s pages; want 1", who, n)
		}
		do(t, ctx, media(""))
	}
}

// printPDF prints the page in ctx to A4 as the print dialog would, the
// page's own @page size preferred.
func printPDF(t *testing.T, ctx context.Context) []byte {
	t.Helper()
	do(t, ctx, media("print"))
	pdf := get(t, ctx, chromedp.PrintToPDF(chromedp.PDFPaper(chromedp.PaperA4), chromedp.PDFPreferCSSPageSize()))
	do(t, ctx, media(""))
	return pdf
}

// TestQuarterlyNoticePrintsOnTwoPagesWithItsHeadings: the 2026-Q2 notice
// for 26 people prints on two A4 pages; its table runs onto page 2, whose
// heading row — read from the PDF's text, not the page's markup — names
// every column (it printed blank when the sort buttons were printed); and
// the notice ends at its 落款. The annual notices print within three.
func TestQuarterlyNoticePrintsOnTwoPagesWithItsHeadings(t *testing.T) {
	t.Parallel()
	_, base := site(t)
	ctx := browser(t)
	do(t, ctx,
		chromedp.EmulateViewport(1280, 900),
		chromedp.Navigate(base+"/notices/assess-2026-q2.html"),
		// tables.js has put its sort buttons into the headings
		chromedp.WaitVisible(chromedp.CSS(`table.notice-table thead th button.sort`)),
	)
	pages, err := pdfPageTexts(printPDF(t, ctx))
	if err != nil {
		t.Fatal(err)
	}
	if len(pages) != 2 {
		t.Fatalf("the 2026-Q2 notice prints on %d pages; want 2, its table running onto the second", len(pages))
	}
	heading := "序号姓名岗位公共职责（30分）岗位职责（40分）出勤（10分）领导交办工作（20分）基础分（100分）加分总分结果（基础分≥80）绩效工资（元）"
	p2 := compact(pages[1])
	at := strings.Index(p2, heading)
	if at < 0 {
		t.Fatalf("page 2 has no heading row %q; it reads:\n%s", heading, p2)
	}
	if row := strings.Index(p2, "曾强财政所工作人员"); row < at {
		t.Errorf("page 2's heading row is not above its rows (heading at %d, the last row at %d)", at, row)
	}
	last := strings.TrimPrefix(p2, "第2页/共2页")
	if !strings.HasSuffix(last, "朝天镇人民政府2026年7月3日") {
		t.Errorf("the printed notice does not end at its 落款; page 2 ends:\n%s", last[max(0, len(last)-300):])
	}
	for _, absent := range []string{"变更记录", "异议及处理", "基础分分布", "按此列排序", "公示栏"} {
		if strings.Contains(compact(strings.Join(pages, "")), absent) {
			t.Errorf("the printed notice has %q: it should end at its 落款", absent)
		}
	}
	for _, n := range []string{"targets-2025", "grades-2025"} {
		do(t, ctx, chromedp.Navigate(base+"/notices/"+n+".html"), chromedp.WaitVisible(chromedp.CSS(`table.notice-table`)))
		if p := pdfPages(t, printPDF(t, ctx)); p > 3 {
			t.Errorf("the %s notice prints on %d pages; want at most 3", n, p)
		}
	}
}

// TestPhoneShowsEachNameWithItsResult: at 360 px every results table shows
// a person's (or a unit's) name with the result and the amount or grade,
// on the screen together, nothing scrolled sideways.
func TestPhoneShowsEachNameWithItsResult(t *testing.T) {
	t.Parallel()
	_, base := site(t)
	ctx := browser(t)
	do(t, ctx, chromedp.EmulateViewport(360, 740, chromedp.EmulateMobile))
	for _, tt := range []struct {
		page, cell string
		row        int
		name, want string
	}{
		{"notices/assess-2026-q2.html", "td.pay", 24, "曹阳", "0.00"},
		{"notices/assess-2026-q2.html", "td.result", 24, "曹阳", "不合格"},
		{"notices/targets-2025.html", "td.grade", 1, "正街社区", "优秀"},
		{"notices/grades-2025.html", "td.grade", 4, "吴芳", "称职"},
	} {
		do(t, ctx, chromedp.Navigate(base+"/"+tt.page), chromedp.WaitReady(chromedp.CSS(`footer`)))
		got := get(t, ctx, chromedp.Evaluate[[]string](fmt.Sprintf(`(() => {
			const row = document.querySelectorAll("table.notice-table tbody tr")[%d];
			const th = row.querySelector("th"), name = th.querySelector("a") || th, cell = row.querySelector(%q);
			cell.scrollIntoView({block: "center"});
			const inView = el => { const r = el.getBoundingClientRect(); return r.width > 0 && r.left >= 0 && r.right <= innerWidth && r.top >= 0 && r.bottom <= innerHeight; };
			return [name.textContent.trim(), cell.textContent.trim(), String(inView(name) && inView(cell)), String(document.documentElement.scrollWidth)];
		})()`, tt.row-1, tt.cell)))
		if got[0] != tt.name || !strings.Contains(got[1], tt.want) || got[2] != "true" || got[3] != "360" {
			t.Errorf("%s row %d at 360 px: name %q, %s %q, both on screen: %s, page %s px wide; want %s with %q on screen, 360 px",
				tt.page, tt.row, got[0], tt.cell, got[1], got[2], got[3], tt.name, tt.want)
		}
	}
	screenshot(t, ctx, "notice-cards-phone")
	// A chart shrunk to 360 px is unreadable: its figures are a table there.
	for _, page := range []string{"notices/assess-2026-q2.html", "assess/index.html", "targets/wsy.html"} {
		do(t, ctx, chromedp.Navigate(base+"/"+page), chromedp.WaitReady(chromedp.CSS(`footer`)))
		small := get(t, ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll(".chart-svg svg text, .trend svg text")].filter(e => { const r = e.getBoundingClientRect(); return r.width > 0 && r.height < 11; }).slice(0, 3).map(e => e.textContent)`))
		tables := get(t, ctx, chromedp.Evaluate[int](`[...document.querySelectorAll(".chart-table")].filter(e => e.getClientRects().length > 0).length`))
		if len(small) > 0 || tables == 0 {
			t.Errorf("%s at 360 px: chart text under 11 px %q, %d chart tables shown", page, small, tables)
		}
	}
}

// TestCompareTwoVersionsShowsOnlyWhatDiffers: from the Q1 notice a link
// compares its two versions: 罗斌's changed cells, and no one else's. The
// comparison is in the page as served, for a browser without scripts.
func TestCompareTwoVersionsShowsOnlyWhatDiffers(t *testing.T) {
	t.Parallel()
	dir, base := site(t)
	ctx := browser(t)
	do(t, ctx,
		chromedp.EmulateViewport(1280, 900),
		chromedp.Navigate(base+"/notices/assess-2026-q1.html"),
		chromedp.Click(chromedp.Search(`//a[.="第1版与第2版"]`)),
		chromedp.WaitVisible(chromedp.CSS(`table.compare-table`)),
	)
	rows := get(t, ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll("table.compare-table tbody tr")].map(r => [...r.cells].map(c => c.textContent.trim()).join(" | "))`))
	want := []string{
		"罗斌 | 出勤 | 5 | 7",
		"罗斌 | 基础分 | 91 | 93",
		"罗斌 | 总分 | 91 | 93",
		"罗斌 | 绩效工资 | 1,365.00 元 | 1,395.00 元",
	}
	if strings.Join(rows, "\n") != strings.Join(want, "\n") {
		t.Errorf("the compare view's results read\n%s\nwant\n%s", strings.Join(rows, "\n"), strings.Join(want, "\n"))
	}
	marked := get(t, ctx, chromedp.Evaluate[int](`document.querySelectorAll("table.compare-table ins, table.compare-table del").length`))
	if marked != 2*len(want) {
		t.Errorf("%d values marked changed in the results; want %d, the old and the new of each", marked, 2*len(want))
	}
	screenshot(t, ctx, "compare-desktop")
	served := text(read(t, filepath.Join(dir, "versions", "assess-2026-q1", "compare-1-2.html")))
	if !strings.Contains(served, "罗斌 出勤 5 7 罗斌 基础分 91 93 罗斌 总分 91 93 罗斌 绩效工资 1,365.00 元 1,395.00 元") {
		t.Errorf("the compare page as served does not hold the comparison:\n%s", served)
	}
}
