package main

import (
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// TestEveryLinkResolvesToAFile opens every built page and follows every
// link and resource as a browser would from a copy on disk: each must name
// a file that exists (not a folder, which file:// shows as a listing).
func TestEveryLinkResolvesToAFile(t *testing.T) {
	g := sampleRepo(t)
	out := filepath.Join(t.TempDir(), "public")
	if code, _, stderr := gongshi(t, "build", "--repo", g.Dir, "--out", out); code != exitOK {
		t.Fatalf("build exit %d\n%s", code, stderr)
	}
	pages := 0
	for p := range tree(t, out) {
		if !strings.HasSuffix(p, ".html") {
			continue
		}
		pages++
		f, err := os.Open(filepath.Join(out, p))
		if err != nil {
			t.Fatal(err)
		}
		doc, err := html.Parse(f)
		f.Close()
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		for _, link := range links(doc) {
			u, err := url.Parse(link)
			if err != nil {
				t.Errorf("%s: bad link %q", p, link)
				continue
			}
			if u.Scheme != "" || u.Host != "" || u.Path == "" {
				continue // external, or a fragment of this page
			}
			if strings.HasPrefix(u.Path, "/") {
				t.Errorf("%s: link %q is absolute: it breaks in a copy opened from disk", p, link)
				continue
			}
			target := filepath.Join(out, filepath.Dir(p), filepath.FromSlash(u.Path))
			fi, err := os.Stat(target)
			switch {
			case err != nil:
				t.Errorf("%s: link %q leads nowhere", p, link)
			case fi.IsDir():
				t.Errorf("%s: link %q names a folder, not a file", p, link)
			}
		}
	}
	if pages < 50 {
		t.Errorf("only %d pages checked", pages)
	}
}

func links(n *html.Node) []string {
	var out []string
	if n.Type == html.ElementNode {
		for _, a := range n.Attr {
			if a.Key == "href" || a.Key == "src" {
				out = append(out, a.Val)
			}
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		out = append(out, links(c)...)
	}
	return out
}
