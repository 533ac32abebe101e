package sitetest

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// pages lists every HTML page of the site, by path.
func pages(t *testing.T, dir string) []string {
	t.Helper()
	var ps []string
	for p := range tree(t, dir) {
		if strings.HasSuffix(p, ".html") {
			ps = append(ps, p)
		}
	}
	slices.Sort(ps)
	return ps
}

// measureJS measures pages as a person on a phone sees them, each loaded
// in a frame 360 px wide, four frames at a time: how tall and wide each
// is as it opens, then with 长辈版 switched on (the checkbox, as its label
// does with JavaScript off) how wide it is and its
// smallest text outside pictures (SVG charts) and the printable sheet of
// a placard, which is a picture of paper. It is a function of the paths.
const measureJS = `(async (paths) => {
	function smallest(doc, win) {
		let small = 1000, where = "";
		const seen = new Set();
		const walk = doc.createTreeWalker(doc.body, win.NodeFilter.SHOW_TEXT);
		for (let n = walk.nextNode(); n; n = walk.nextNode()) {
			const el = n.parentElement;
			if (!el || seen.has(el) || n.data.trim() === "") continue;
			seen.add(el);
			const cs = win.getComputedStyle(el);
			const size = parseFloat(cs.fontSize);
			if (size >= small || cs.visibility === "hidden" || el.getClientRects().length === 0) continue;
			if (el.closest("svg, .placard, script, style, noscript, .visually-hidden")) continue;
			small = size;
			where = el.tagName.toLowerCase() + (el.className ? "." + el.className : "") + " " + el.textContent.trim().slice(0, 20);
		}
		return [small, where];
	}
	function measure(doc, win) {
		const d = doc.documentElement, m = {height: d.scrollHeight, width: d.scrollWidth};
		const box = doc.getElementById("elder");
		m.switch = !!box && !!doc.querySelector("label.elder-switch[for=elder]");
		if (box) {
			// As the switch's label does with JavaScript off: the mode is
			// the checkbox, read by the stylesheet.
			box.checked = true;
		}
		m.elder = win.getComputedStyle(d).fontSize === "20px";
		m.elderWidth = d.scrollWidth;
		[m.small, m.where] = smallest(doc, win);
		return m;
	}
	const out = {};
	let next = 0;
	async function worker() {
		const f = document.createElement("iframe");
		f.style.cssText = "width:360px;height:740px;border:0;position:absolute;left:0;top:0";
		document.body.appendChild(f);
		while (next < paths.length) {
			const p = paths[next++];
			await new Promise(r => { f.onload = r; f.src = p; });
			out[p] = measure(f.contentDocument, f.contentWindow);
		}
		f.remove();
	}
	await Promise.all([worker(), worker(), worker(), worker()]);
	return out;
})`

type measure struct {
	Height, Width int
	Switch        bool // the page has the 长辈版 switch
	Elder         bool // once switched on, the type is 125 %: 20 px
	ElderWidth    int
	Small         float64
	Where         string
}

// TestEveryPageOnAPhone opens every page of the sample at 360 px. No page
// is taller than 8,000 px but the reference page (long change histories
// and lists are folded), none scrolls sideways, and each has the 长辈版
// switch; switched on, no text is smaller than 18 px and still no page
// scrolls sideways.
func TestEveryPageOnAPhone(t *testing.T) {
	t.Parallel()
	dir, base := site(t)
	ctx := browser(t)
	paths := pages(t, dir)
	do(t, ctx, chromedp.EmulateViewport(1280, 900), chromedp.Navigate(base+"/index.html"), chromedp.WaitReady(chromedp.CSS(`footer`)))
	args, err := json.Marshal(paths)
	if err != nil {
		t.Fatal(err)
	}
	ms := get(t, ctx, chromedp.Evaluate[map[string]measure](measureJS+"("+string(args)+")", chromedp.EvalAwaitPromise))
	if len(ms) != len(paths) || len(paths) < 300 {
		t.Fatalf("%d pages measured of %d", len(ms), len(paths))
	}
	for _, p := range paths {
		m := ms[p]
		if m.Height > 8000 && p != "reference/index.html" {
			t.Errorf("%s is %d px tall at 360 px; want at most 8,000", p, m.Height)
		}
		if m.Width > 360 {
			t.Errorf("%s is %d px wide at 360 px", p, m.Width)
		}
		if !m.Switch || !m.Elder {
			t.Errorf("%s: the 长辈版 switch is there %v, switches it on %v; want both", p, m.Switch, m.Elder)
			continue
		}
		if m.Small < 18 {
			t.Errorf("%s in 长辈版: text of %.1f px (%s); want at least 18", p, m.Small, m.Where)
		}
		if m.ElderWidth > 360 {
			t.Errorf("%s in 长辈版 is %d px wide at 360 px", p, m.ElderWidth)
		}
	}
}
