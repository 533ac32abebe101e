package sitetest

import (
	"net/url"
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestSearchFindsWhatPeopleType runs the site's own search, in the
// browser, on what people type: a plate without its dot, a boat's number
// without its zeros, a kind of boat, a unit's short name, an owner named
// on a placard. The page people look for comes first.
func TestSearchFindsWhatPeopleType(t *testing.T) {
	t.Parallel()
	_, base := site(t)
	ctx := browser(t)
	for _, tc := range []struct {
		name, q   string
		wantTitle string
		wantPath  string
	}{
		{"a plate typed without its dot", "湘MA3F21", "湘M·A3F21", "safety/objects/xiang-m-a3f21.html"},
		{"a plate typed with a space", "湘M A3F21", "湘M·A3F21", "safety/objects/xiang-m-a3f21.html"},
		{"a plate in full-width small letters", "湘ｍａ３ｆ２１", "湘M·A3F21", "safety/objects/xiang-m-a3f21.html"},
		{"a boat's number without its zeros", "朝渡1", "朝渡001", "safety/objects/chaodu-001.html"},
		{"a kind of boat", "渡船", "朝渡001", "safety/objects/chaodu-001.html"},
		{"a unit's short name", "安监办", "安全生产监督管理办公室", "units/ajb.html"},
		{"another unit's short name", "党政办", "党政综合办公室", "units/dzb.html"},
		{"the owner on a placard", "周国强", "朝渡001", "safety/objects/chaodu-001.html"},
		{"a person's exact name before pages naming them", "罗斌", "罗斌", "people/luo-bin.html"},
		{"a title typed whole", "老码头", "老码头", "safety/objects/lao-matou.html"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			do(t, ctx,
				chromedp.Navigate(base+"/search.html?q="+url.QueryEscape(tc.q)),
				chromedp.WaitVisible(chromedp.CSS(`#search-results li a`)),
			)
			title := get(t, ctx, chromedp.Text(chromedp.CSS(`#search-results li:first-child a`)))
			href := get(t, ctx, chromedp.Evaluate[string](`document.querySelector("#search-results li:first-child a").getAttribute("href")`))
			if title != tc.wantTitle || href != tc.wantPath {
				t.Errorf("search for %q: first result %q (%s); want %q (%s)", tc.q, title, href, tc.wantTitle, tc.wantPath)
			}
		})
	}
}

// TestSearchIndexIsSmall: the search index, loaded by every search, stays
// under 150 KB for the sample township.
func TestSearchIndexIsSmall(t *testing.T) {
	t.Parallel()
	dir, _ := site(t)
	fi, err := os.Stat(filepath.Join(dir, "search-index.js"))
	if err != nil {
		t.Fatal(err)
	}
	if fi.Size() >= 150<<10 {
		t.Errorf("search-index.js is %d bytes; want under 150 KB", fi.Size())
	}
}
