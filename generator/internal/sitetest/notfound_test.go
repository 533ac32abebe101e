package sitetest

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"gongshi/generator/internal/sample"
)

// serveLikeNginx serves the site in dir as the README's nginx example
// does: a file that exists is sent, a folder's index.html for a folder,
// and for any other path 404.html with status 404 (error_page 404
// /404.html), whatever the path's depth.
func serveLikeNginx(t *testing.T, dir string) string {
	t.Helper()
	files := http.FileServer(http.Dir(dir))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := filepath.Join(dir, filepath.FromSlash(path.Clean("/"+r.URL.Path)))
		if fi, err := os.Stat(p); err == nil && fi.IsDir() {
			p = filepath.Join(p, "index.html")
		}
		if _, err := os.Stat(p); err == nil {
			files.ServeHTTP(w, r)
			return
		}
		b, err := os.ReadFile(filepath.Join(dir, "404.html"))
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(http.StatusNotFound)
		w.Write(b)
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

// TestNotFoundPageWorksAtAnyDepth: a missing page deep in the site gets
// the not-found page in Chinese, styled, with a search box that searches
// and a way home that leads home.
func TestNotFoundPageWorksAtAnyDepth(t *testing.T) {
	t.Parallel()
	base := serveLikeNginx(t, sample.Site(t).Site)
	ctx := browser(t)
	missing := base + "/safety/objects/chaodu-999/placards/a4.html"
	res, err := http.Get(missing)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusNotFound {
		t.Fatalf("GET %s: status %d; want 404", missing, res.StatusCode)
	}
	do(t, ctx,
		chromedp.EmulateViewport(360, 740, chromedp.EmulateMobile),
		chromedp.Navigate(missing),
		chromedp.WaitVisible(chromedp.CSS(`main h1`)),
	)
	if title := get(t, ctx, chromedp.Title()); !strings.HasPrefix(title, "找不到这个页面") {
		t.Errorf("the not-found page is titled %q; want it in Chinese", title)
	}
	if text := get(t, ctx, chromedp.Text(chromedp.CSS(`body`))); strings.Contains(text, "Page not found") || strings.Contains(text, "404 Page") {
		t.Errorf("the not-found page speaks English: %q", text)
	}
	bg := get(t, ctx, chromedp.Evaluate[string](`getComputedStyle(document.querySelector(".site-header")).backgroundColor`))
	if bg == "rgba(0, 0, 0, 0)" || bg == "" {
		t.Errorf("served at depth, the not-found page has no stylesheet (header background %q)", bg)
	}
	if w := get(t, ctx, chromedp.Evaluate[int](`document.documentElement.scrollWidth`)); w > 360 {
		t.Errorf("the not-found page is %d px wide at a 360 px viewport", w)
	}
	screenshot(t, ctx, "404-phone")
	do(t, ctx,
		chromedp.SendKeys(chromedp.CSS(`main form.search input[name="q"]`), "朝渡1\n"),
		chromedp.WaitVisible(chromedp.CSS(`#search-results li a`)),
	)
	if first := get(t, ctx, chromedp.Text(chromedp.CSS(`#search-results li:first-child a`))); first != "朝渡001" {
		t.Errorf("searching 朝渡1 from the not-found page found %q first; want 朝渡001", first)
	}
	do(t, ctx,
		chromedp.Navigate(missing),
		chromedp.WaitVisible(chromedp.CSS(`main h1`)),
		chromedp.Click(chromedp.Search(`//main//a[.="返回首页"]`)),
		chromedp.WaitVisible(chromedp.CSS(`#latest`)),
	)
	// (http.FileServer answers /index.html with a redirect to /.)
	if loc := get(t, ctx, chromedp.Location()); loc != base+"/index.html" && loc != base+"/" {
		t.Errorf("返回首页 on the not-found page led to %s; want %s/index.html", loc, base)
	}
}
