package inspect

import (
	"bytes"
	"net/url"
	"path"
	"slices"
	"strings"

	"github.com/spf13/afero"

	"gongshi/generator/internal/diag"
	"gongshi/generator/internal/emit"
)

// linkAttrs calls f with each link and resource of a page as the
// templates write them: the value of href, src and a form's action,
// quoted — what `\b(?:href|src|action)="([^"]*)"` finds, leftmost first
// and never within a value found, without a regular expression's cost
// (three quarters of a county's check ran in regexp).
func linkAttrs(b []byte, f func(value []byte)) {
	for i := 0; ; {
		j := bytes.Index(b[i:], []byte(`="`))
		if j < 0 {
			return
		}
		eq := i + j
		if !isLinkAttr(b[:eq]) {
			i = eq + 1
			continue
		}
		start := eq + 2
		end := bytes.IndexByte(b[start:], '"')
		if end < 0 {
			return
		}
		f(b[start : start+end])
		i = start + end + 1
	}
}

// isLinkAttr reports whether b ends in href, src or action with no
// letter, digit or underscore before it (a word boundary, as \b has it).
func isLinkAttr(b []byte) bool {
	for _, name := range []string{"href", "src", "action"} {
		if !bytes.HasSuffix(b, []byte(name)) {
			continue
		}
		k := len(b) - len(name)
		if k == 0 {
			return true
		}
		c := b[k-1]
		return !(c == '_' || '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z')
	}
	return false
}

// Links follows every link and resource of every page rendered into dir
// of fsys, as a browser would: each must name a file of the site (a
// folder would be a listing from disk, or nothing from a server). root is
// the path the site is published at ("/"), which the not-found page's
// links begin with. Links to other sites, mail and phone are not
// followed. A broken link is reported at the record that gives its page,
// else at the page.
func Links(fsys afero.Fs, dir, root string, pages []emit.OutlinePage) (diag.List, error) {
	site, err := ListSite(fsys, dir)
	if err != nil {
		return nil, err
	}
	c := site.LinkCheck(root, pages)
	found := make([]diag.List, len(site.Files))
	err = site.Read(func(i int, b []byte) { found[i] = c.Page(i, b) })
	return slices.Concat(found...), err
}

// A LinkCheck follows the links of the pages of a Site, one page at a
// time (see Links).
type LinkCheck struct {
	site   *Site
	root   string
	origin map[string]diag.Pos // the record that gives each page
}

// LinkCheck follows the links of the site's pages, published at root,
// pages being what the site was rendered from.
func (s *Site) LinkCheck(root string, pages []emit.OutlinePage) *LinkCheck {
	c := &LinkCheck{site: s, root: "/" + strings.Trim(root, "/"), origin: map[string]diag.Pos{}}
	if c.root != "/" {
		c.root += "/"
	}
	for _, p := range pages {
		c.origin[htmlPath(p)] = where(p)
	}
	return c
}

// Page follows the links of the site's i-th file, b its bytes; nothing
// for a file that is not a page. A link's target is a file of the site
// when the site has it (a folder is not one; resolve never climbs out of
// the site's folder).
func (c *LinkCheck) Page(i int, b []byte) diag.List {
	if !strings.HasSuffix(c.site.Files[i], ".html") {
		return nil
	}
	page := c.site.Rel(i)
	dir := path.Dir("/" + page)
	var l diag.List
	// A link repeated on the page is followed once, and a target that
	// leads nowhere reported once: a county's lists have 10,000 links.
	followed := map[string]bool{}
	var broken []string
	linkAttrs(b, func(link []byte) {
		if followed[string(link)] {
			return
		}
		raw := string(link)
		followed[raw] = true
		target, ok := resolve(dir, strings.ReplaceAll(raw, "&amp;", "&"), c.root)
		if !ok || c.site.has[target] || slices.Contains(broken, target) {
			return
		}
		broken = append(broken, target)
		pos, ok := c.origin[page]
		if !ok {
			pos = diag.Pos{File: page}
		}
		l.Add(pos, "expected a link on %s to a page of the site, found %q, which leads nowhere; 链接不可用", page, raw)
	})
	return l
}

// resolve returns the file of the site a link on a page in the folder
// dir ("/" + the page's folder) names, relative to the site's folder;
// false for a link it does not follow (another site, mail, phone, this
// page's own fragment). A plain path (most of a site's links) is taken as
// it is: url.Parse would give it back unchanged.
func resolve(dir, link, root string) (string, bool) {
	p := link
	if !plainPath(link) {
		u, err := url.Parse(link)
		if err != nil {
			return link, true // unreadable: reported as leading nowhere
		}
		if u.Scheme != "" || u.Host != "" || u.Path == "" {
			return "", false
		}
		p = u.Path
	}
	if strings.HasPrefix(p, "/") {
		p = strings.TrimPrefix(p, strings.TrimSuffix(root, "/"))
		return strings.TrimPrefix(path.Clean(p), "/"), true
	}
	return strings.TrimPrefix(path.Join(dir, p), "/"), true
}

// plainPath reports whether url.Parse would read link as a path alone,
// the same bytes: not empty, not "//host", and only printable ASCII
// without the bytes that begin a scheme, a query, a fragment or an
// escape (':', '?', '#', '%'), nor '\\'.
func plainPath(link string) bool {
	if link == "" || strings.HasPrefix(link, "//") {
		return false
	}
	for i := 0; i < len(link); i++ {
		switch c := link[i]; {
		case c <= ' ' || c >= 0x7f, c == ':', c == '?', c == '#', c == '%', c == '\\':
			return false
		}
	}
	return true
}
