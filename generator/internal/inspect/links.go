package inspect

import (
	"bytes"
	"io"
	"io/fs"
	"net/url"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/afero"

	"gongshi/generator/internal/diag"
	"gongshi/generator/internal/emit"
	"gongshi/generator/internal/par"
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
	origin := map[string]diag.Pos{}
	for _, p := range pages {
		origin[htmlPath(p)] = where(p)
	}
	root = "/" + strings.Trim(root, "/")
	if root != "/" {
		root += "/"
	}
	// The files of the site, by path relative to dir, and its pages in
	// the order they are walked: the pages are read on every CPU.
	files := map[string]bool{}
	var htmls []string
	err := afero.Walk(fsys, dir, func(file string, fi fs.FileInfo, err error) error {
		if err != nil || fi.IsDir() {
			return err
		}
		files[sitePath(file, dir)] = true
		if strings.HasSuffix(file, ".html") {
			htmls = append(htmls, file)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	found := make([]diag.List, len(htmls))
	errs := make([]error, len(htmls))
	bufs := make([][]byte, par.Workers(len(htmls)))
	par.Each(len(htmls), func(w, i int) {
		if bufs[w], errs[i] = ReadFile(fsys, htmls[i], bufs[w]); errs[i] == nil {
			found[i] = pageLinks(bufs[w], sitePath(htmls[i], dir), root, origin, files)
		}
	})
	var l diag.List
	for i := range htmls {
		if errs[i] != nil {
			return l, errs[i]
		}
		l = append(l, found[i]...)
	}
	return l, nil
}

// ReadFile reads the file name of fsys into buf, grown when the file is
// larger, and returns the bytes read: buf's, until the next call with
// it. The self-check and the publication gate each read every file of a
// site (the county's: 700 MB), each goroutine into a buffer of its own,
// instead of allocating all of it again.
func ReadFile(fsys afero.Fs, name string, buf []byte) ([]byte, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return buf, err
	}
	defer f.Close()
	buf = buf[:0]
	if fi, err := f.Stat(); err == nil && fi.Size() >= int64(cap(buf)) {
		buf = make([]byte, 0, fi.Size()+512) // + 512: the read that finds the end
	}
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		n, err := f.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return buf, err
		}
	}
}

// pageLinks follows the links of the page (see Links), b its bytes. A
// link's target is a file of the site when files has it (a folder is not
// one; resolve never climbs out of dir).
func pageLinks(b []byte, page, root string, origin map[string]diag.Pos, files map[string]bool) diag.List {
	var l diag.List
	var seen []string
	linkAttrs(b, func(link []byte) {
		target, ok := resolve(page, string(bytes.ReplaceAll(link, []byte("&amp;"), []byte("&"))), root)
		if !ok || slices.Contains(seen, target) {
			return
		}
		seen = append(seen, target)
		if files[target] {
			return
		}
		pos, ok := origin[page]
		if !ok {
			pos = diag.Pos{File: page}
		}
		l.Add(pos, "expected a link on %s to a page of the site, found %q, which leads nowhere; 链接不可用", page, string(link))
	})
	return l
}

// sitePath is the path of a file of the site in dir, relative to dir,
// slash-separated as links are.
func sitePath(file, dir string) string {
	return strings.TrimPrefix(filepath.ToSlash(strings.TrimPrefix(file, dir)), "/")
}

// resolve returns the file of the site a link on page names, relative to
// the site's folder; false for a link it does not follow (another site,
// mail, phone, this page's own fragment).
func resolve(page, link, root string) (string, bool) {
	u, err := url.Parse(link)
	if err != nil {
		return link, true // unreadable: reported as leading nowhere
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
