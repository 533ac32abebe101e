package render

import (
	"strings"
	"testing"

	"github.com/spf13/afero"
)

// TestNotFoundPageLinksFromTheSiteRoot: the not-found page, served for a
// missing path at any depth, links from the path the site is published
// at; every other page keeps links relative to itself.
func TestNotFoundPageLinksFromTheSiteRoot(t *testing.T) {
	for _, tc := range []struct{ baseURL, root string }{
		{"https://gongshi.example/", "/"},
		{"https://www.chaotian.example/gongshi/", "/gongshi/"},
	} {
		t.Run(tc.baseURL, func(t *testing.T) {
			dest := afero.NewMemMapFs()
			_, err := Build(Options{
				Source: project(t, map[string]string{
					"hugo.toml":                 "baseURL = \"" + tc.baseURL + "\"\nrelativeURLs = true\nuglyURLs = true\ndisableKinds = [\"taxonomy\", \"term\", \"RSS\", \"sitemap\", \"robotsTXT\"]\n",
					"layouts/home.html":         `<a href="{{ "notices/index.html" | relURL }}">公示</a>`,
					"layouts/section.html":      `<a href="{{ "index.html" | relURL }}">首页</a>`,
					"layouts/404.html":          `<a href="{{ "notices/index.html" | relURL }}">公示</a><form action="{{ "search.html" | relURL }}"></form>`,
					"content/notices/_index.md": "---\ntitle: 公示\n---\n",
				}),
				Root: "/site", Dest: dest, Out: "/out",
			})
			if err != nil {
				t.Fatal(err)
			}
			read := func(p string) string {
				b, err := afero.ReadFile(dest, "/out/"+p)
				if err != nil {
					t.Fatal(err)
				}
				return string(b)
			}
			want := `<a href="` + tc.root + `notices/index.html">公示</a><form action="` + tc.root + `search.html">`
			if got := read("404.html"); !strings.Contains(got, want) {
				t.Errorf("404.html = %s; want %s", got, want)
			}
			if got := read("index.html"); !strings.Contains(got, `href="./`) {
				t.Errorf("index.html = %s; want its link relative to itself", got)
			}
			if got := read("notices/index.html"); !strings.Contains(got, `href="../`) {
				t.Errorf("notices/index.html = %s; want its link relative to itself", got)
			}
		})
	}
}
