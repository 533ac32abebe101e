package inspect

import (
	"fmt"
	"math/rand/v2"
	"net/url"
	"path"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/spf13/afero"
)

// linkAttr is what linkAttrs finds, said as a regular expression.
var linkAttr = regexp.MustCompile(`\b(?:href|src|action)="([^"]*)"`)

func regexpLinks(b []byte) []string {
	var out []string
	for _, m := range linkAttr.FindAllSubmatch(b, -1) {
		out = append(out, string(m[1]))
	}
	return out
}

func scannedLinks(b []byte) []string {
	var out []string
	linkAttrs(b, func(v []byte) { out = append(out, string(v)) })
	return out
}

// TestLinkAttrsFindWhatTheExpressionFinds: the scanner that finds a
// page's links finds what the regular expression it replaced finds, on
// pages as the templates write them and on hostile ones.
func TestLinkAttrsFindWhatTheExpressionFinds(t *testing.T) {
	for _, page := range []string{
		`<a href="a.html">a</a><img src="b.png"><form action="search.html">`,
		`<a class="x" href="../c/d.html#e">`,
		`<a data-href="x.html" xhref="y.html" -href="z.html" _src="u" src9="v">`,
		`<a title="see href="inside.html"" href="after.html">`,
		`<a href="">empty</a><a href="unclosed`,
		`href="at-start.html" and at end href=`,
		`<p>a="b" c="d" =" "= href="last.html"</p>`,
		"<a href=\"multi\nline\">",
		`<a HREF="upper.html"> <a href='single.html'> <a href = "spaced.html">`,
		`hrefhref="double.html" srcsrc="s" actionaction="a"`,
		`<a href="one"href="two"src="three">`,
	} {
		if got, want := scannedLinks([]byte(page)), regexpLinks([]byte(page)); !slices.Equal(got, want) {
			t.Errorf("links of %q: got %q; want %q", page, got, want)
		}
	}
	// Random pages of the characters that matter.
	parts := []string{"href", "src", "action", "=", `"`, `="`, " ", "x", "-", "_", "9", "a.html", "\n", "的"}
	r := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		var b []byte
		for range r.IntN(30) {
			b = append(b, parts[r.IntN(len(parts))]...)
		}
		if got, want := scannedLinks(b), regexpLinks(b); !slices.Equal(got, want) {
			t.Fatalf("links of %q: got %q; want %q", b, got, want)
		}
	}
}

// BenchmarkLinkAttrs: the links of a page of links.
func BenchmarkLinkAttrs(b *testing.B) {
	var page []byte
	for range 2000 {
		page = append(page, `<li><a class="item" title="一个标题" href="../notices/assess-2026-q1.html">2026年第一季度</a> <img src="x.png" alt="图"></li>`...)
	}
	b.SetBytes(int64(len(page)))
	for b.Loop() {
		linkAttrs(page, func([]byte) {})
	}
}

// BenchmarkLinkAttrsRegexp: the same with the regular expression.
func BenchmarkLinkAttrsRegexp(b *testing.B) {
	var page []byte
	for range 2000 {
		page = append(page, `<li><a class="item" title="一个标题" href="../notices/assess-2026-q1.html">2026年第一季度</a> <img src="x.png" alt="图"></li>`...)
	}
	b.SetBytes(int64(len(page)))
	for b.Loop() {
		linkAttr.FindAllSubmatch(page, -1)
	}
}

// BenchmarkLinks follows the links of 4,000 pages of 60 links each, a
// few of them broken, as a build checks the site it rendered.
func BenchmarkLinks(b *testing.B) {
	fsys := afero.NewMemMapFs()
	const pages = 4000
	for i := range pages {
		var page strings.Builder
		for j := range 60 {
			fmt.Fprintf(&page, `<tr><td><a href="../p%d/%d.html">对象 %d</a></td></tr>`, (i+j)%40, (i*7+j)%(pages/40), j)
		}
		fmt.Fprintf(&page, `<a href="../gone/%d.html">旧</a>`, i%3)
		if err := afero.WriteFile(fsys, fmt.Sprintf("/out/p%d/%d.html", i%40, i/40), []byte(page.String()), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		l, err := Links(fsys, "/out", "/", nil)
		if err != nil {
			b.Fatal(err)
		}
		if len(l) != pages {
			b.Fatalf("%d links lead nowhere; want %d", len(l), pages)
		}
	}
}

// TestReadFileReusesItsBuffer: each read gives the whole file and only
// it, whether the buffer it is given is empty, larger or smaller.
func TestReadFileReusesItsBuffer(t *testing.T) {
	fsys := afero.NewMemMapFs()
	files := map[string]string{
		"/a.html":     strings.Repeat("朝天镇公示栏", 3000),
		"/b.html":     "<p>短</p>",
		"/empty.html": "",
		"/c.html":     strings.Repeat("x", 70000),
	}
	for name, data := range files {
		if err := afero.WriteFile(fsys, name, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var buf []byte
	for _, name := range []string{"/a.html", "/b.html", "/empty.html", "/c.html", "/b.html", "/a.html"} {
		var err error
		buf, err = readFile(fsys, name, buf)
		if err != nil || string(buf) != files[name] {
			t.Fatalf("readFile(%s) = %d bytes, %v; want the file's %d bytes", name, len(buf), err, len(files[name]))
		}
	}
	if _, err := readFile(fsys, "/missing.html", buf); err == nil {
		t.Error("readFile of a missing file: no error")
	}
}

// TestResolveReadsLinksAsURLParseDoes: a plain path is taken as it is,
// and every link resolves to what reading it with url.Parse gives (the
// way resolve read every link before): on the links the templates write
// and on hostile ones.
func TestResolveReadsLinksAsURLParseDoes(t *testing.T) {
	parsed := func(page, link, root string) (string, bool) {
		u, err := url.Parse(link)
		if err != nil {
			return link, true
		}
		if u.Scheme != "" || u.Host != "" || u.Path == "" {
			return "", false
		}
		p := u.Path
		if strings.HasPrefix(p, "/") {
			p = strings.TrimPrefix(p, strings.TrimSuffix(root, "/"))
			return strings.TrimPrefix(path.Clean(p), "/"), true
		}
		return strings.TrimPrefix(path.Clean(path.Join(path.Dir("/"+page), p)), "/"), true
	}
	links := []string{
		"", ".", "./", "..", "../", "../../../etc/passwd", "a", "a/", "a//b", "./a/../b.html",
		"../notices/assess-2026-q1.html", "/gongshi/people/x.html", "/people/x.html", "people/x.html#h",
		"#changes", "?q=1", "x.html?q=1#a", "//cdn.example/x.js", "https://example.com/", "mailto:a@b.c",
		"tel:0731-1234567", "javascript:alert(1)", "a:b", "./a:b", "%E4%B8%AD.html", "%zz", "a%2Fb",
		"a b.html", "a\tb", "a\x00b", "a\x7fb", "中文.html", "a\\b", "\\\\host\\x", "a&amp;b", "a&b",
		"ftp://x/y", "HTTP://X", "/", "//", "///a", "/../../x",
	}
	r := rand.New(rand.NewPCG(1, 2))
	alphabet := []byte("ab./:?#%\\ \t&;-_中/")
	for range 3000 {
		n := r.IntN(12)
		var b []byte
		for range n {
			b = append(b, alphabet[r.IntN(len(alphabet))])
		}
		links = append(links, string(b))
	}
	for _, page := range []string{"index.html", "people/x.html", "safety/placards/a4/y.html"} {
		for _, root := range []string{"/", "/gongshi/"} {
			for _, link := range links {
				gotT, gotOK := resolve(path.Dir("/"+page), link, root)
				wantT, wantOK := parsed(page, link, root)
				if gotT != wantT || gotOK != wantOK {
					t.Errorf("resolve(%q on %s, root %s) = %q, %v; url.Parse reads it as %q, %v", link, page, root, gotT, gotOK, wantT, wantOK)
				}
			}
		}
	}
}
