package main

import (
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// targetPages are the target-assessment pages a person reads on a phone.
var targetPages = []string{
	"targets/index.html", "notices/targets-2025.html", "notices/grades-2025.html",
	"targets/wsy.html", "targets/hexi.html", "letters/2025-wu-fang.html",
}

// TestTargetPagesFitAPhone: at 360 px wide none of the target pages
// scrolls sideways; the results tables scroll inside themselves and a
// unit's indicators become cards.
func TestTargetPagesFitAPhone(t *testing.T) {
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
