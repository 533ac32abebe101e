package sitetest

import (
	"bytes"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"gongshi/generator/internal/record"
	"gongshi/generator/internal/repo"
	"gongshi/generator/internal/sample"
)

// TestEveryLinkResolvesToAFile opens every built page and follows every
// link and resource as a browser would from a copy on disk (the
// not-found page: as a server sends it, from the root): each must name a
// file that exists (not a folder, which file:// shows as a listing).
func TestEveryLinkResolvesToAFile(t *testing.T) {
	t.Parallel()
	s := sample.Site(t)
	out := s.Site
	pages := 0
	for p := range tree(t, out) {
		if !strings.HasSuffix(p, ".html") {
			continue
		}
		pages++
		doc := parseHTML(t, filepath.Join(out, p))
		for _, link := range links(doc) {
			u, err := url.Parse(link)
			if err != nil {
				t.Errorf("%s: bad link %q", p, link)
				continue
			}
			if u.Scheme != "" || u.Host != "" || u.Path == "" {
				continue // external, or a fragment of this page
			}
			// The not-found page is served for a missing path at any
			// depth, never opened from disk: its links are from the root.
			// Every other page's are relative, for a copy on disk.
			notFound := p == "404.html"
			if strings.HasPrefix(u.Path, "/") != notFound {
				t.Errorf("%s: link %q is not relative to the page, as a copy opened from disk needs (or, on the not-found page, to the site's root)", p, link)
				continue
			}
			target := filepath.Join(out, filepath.Dir(p), filepath.FromSlash(u.Path))
			if notFound {
				target = filepath.Join(out, filepath.FromSlash(u.Path))
			}
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

// TestEveryCommitHashLinksToItsCommit: a commit's hash, wherever a page
// shows it, links to that commit's page or to nothing. The hash of the
// commit a site was built from (every page's footer) linked to the home
// page. (pipeline's TestBuildCommitWithoutAPageIsNotLinked: a build of a
// commit that changed no record.)
func TestEveryCommitHashLinksToItsCommit(t *testing.T) {
	t.Parallel()
	out := sample.Site(t).Site
	hashes, linked := 0, 0
	for p := range tree(t, out) {
		if !strings.HasSuffix(p, ".html") {
			continue
		}
		doc := parseHTML(t, filepath.Join(out, p))
		var visit func(n *html.Node)
		visit = func(n *html.Node) {
			if n.Type == html.ElementNode && (n.Data == "a" || n.Data == "code") && hasClass(n, "hash") {
				hashes++
				short := textOf(n)
				if n.Data == "a" {
					linked++
					href := attr(n, "href")
					if want := "changes/" + short + ".html"; !strings.HasSuffix(href, want) {
						t.Errorf("%s: commit %s links to %q; want its page, …%s", p, short, href, want)
					}
				}
				return
			}
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				visit(c)
			}
		}
		visit(doc)
	}
	if hashes < 100 || linked < 50 {
		t.Errorf("%d commit hashes, %d linked; want many", hashes, linked)
	}
}

func TestNoPrivateValueReachesTheSite(t *testing.T) {
	t.Parallel()
	s := sample.Site(t)
	out := s.Site
	r, err := repo.Open(s.Repo)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	snap, err := r.Snapshot("HEAD")
	if err != nil {
		t.Fatal(err)
	}
	set, errs := record.Decode(snap.Records)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	private := record.PrivateValues(set)
	if len(private) < 30 {
		t.Fatalf("only %d private values in the sample records; the test would prove little", len(private))
	}
	files := tree(t, out)
	if len(files) < 50 {
		t.Fatalf("only %d files built", len(files))
	}
	for p := range files {
		b, err := os.ReadFile(filepath.Join(out, p))
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range private {
			if bytes.Contains(b, []byte(v)) {
				t.Errorf("%s contains the private value %s", p, record.Mask(v))
			}
		}
	}
}
