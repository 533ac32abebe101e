package sitetest

import (
	"context"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// rootFontSize is the size of the page's type: 16 px, or 20 px in 长辈版.
const rootFontSize = `getComputedStyle(document.documentElement).fontSize`

// TestElderModeIsRemembered: 长辈版, switched on on one page, stays on on
// the next and the next visit, and off once switched off.
func TestElderModeIsRemembered(t *testing.T) {
	t.Parallel()
	_, base := site(t)
	ctx := browser(t)
	size := func(page string) string {
		do(t, ctx, chromedp.Navigate(base+"/"+page), chromedp.WaitReady(chromedp.CSS(`footer`)))
		return get(t, ctx, chromedp.Evaluate[string](rootFontSize))
	}
	do(t, ctx, chromedp.EmulateViewport(360, 740, chromedp.EmulateMobile))
	if got := size("index.html"); got != "16px" {
		t.Fatalf("the site opens with type of %s; want 16px", got)
	}
	do(t, ctx, chromedp.Click(chromedp.CSS(`label.elder-switch`)))
	if got := get(t, ctx, chromedp.Evaluate[string](rootFontSize)); got != "20px" {
		t.Errorf("switched to 长辈版, the type is %s; want 20px", got)
	}
	if label := get(t, ctx, chromedp.Text(chromedp.CSS(`label.elder-switch`))); label != "标准版" {
		t.Errorf("in 长辈版 the switch reads %q; want 标准版, to switch back", label)
	}
	for _, page := range []string{"notices/assess-2026-q1.html", "safety/placards/a4/chaodu-001.html", "index.html"} {
		if got := size(page); got != "20px" {
			t.Errorf("%s after switching to 长辈版 elsewhere: type of %s; want 20px", page, got)
		}
	}
	do(t, ctx, chromedp.Click(chromedp.CSS(`label.elder-switch`)))
	if got := size("assess/luo-bin.html"); got != "16px" {
		t.Errorf("switched back, the next page has type of %s; want 16px", got)
	}
}

// TestElderModeWorksWithoutScripts: with JavaScript off the switch still
// makes the page large, to 18 px and more for its text.
func TestElderModeWorksWithoutScripts(t *testing.T) {
	t.Parallel()
	_, base := site(t)
	ctx := browser(t)
	do(t, ctx,
		chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
			_, err := cdp.Call(ctx, t, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
			return err
		}),
		chromedp.EmulateViewport(360, 740, chromedp.EmulateMobile),
		chromedp.Navigate(base+"/notices/assess-2026-q1.html"),
		chromedp.WaitReady(chromedp.CSS(`footer`)),
		chromedp.Click(chromedp.CSS(`label.elder-switch`)),
	)
	if got := get(t, ctx, chromedp.Evaluate[string](rootFontSize)); got != "20px" {
		t.Errorf("with scripts off, 长辈版 gives type of %s; want 20px", got)
	}
	p := get(t, ctx, chromedp.Evaluate[string](`getComputedStyle(document.querySelector(".notice-text p")).fontSize`))
	if p != "20px" {
		t.Errorf("with scripts off, in 长辈版 the notice's text is %s; want 20px", p)
	}
	screenshot(t, ctx, "elder-notice-phone")
}
