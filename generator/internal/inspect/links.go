package inspect

import (
	"bytes"
	"io/fs"
	"net/url"
	"path"
	"regexp"
	"slices"
	"strings"

	"github.com/spf13/afero"

	"gongshi/generator/internal/diag"
	"gongshi/generator/internal/emit"
)

// linkAttr finds the links and resources of a page as the templates write
// them: href, src and a form's action, quoted.
var linkAttr = regexp.MustCompile(`\b(?:href|src|action)="([^"]*)"`)

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
	var l diag.List
	err := afero.Walk(fsys, dir, func(file string, fi fs.FileInfo, err error) error {
		if err != nil || fi.IsDir() || !strings.HasSuffix(file, ".html") {
			return err
		}
		b, err := afero.ReadFile(fsys, file)
		if err != nil {
			return err
		}
		page := strings.TrimPrefix(strings.TrimPrefix(file, dir), "/")
		var seen []string
		for _, m := range linkAttr.FindAllSubmatch(b, -1) {
			target, ok := resolve(page, string(bytes.ReplaceAll(m[1], []byte("&amp;"), []byte("&"))), root)
			if !ok || slices.Contains(seen, target) {
				continue
			}
			seen = append(seen, target)
			if fi, err := fsys.Stat(path.Join(dir, target)); err == nil && !fi.IsDir() {
				continue
			}
			pos, ok := origin[page]
			if !ok {
				pos = diag.Pos{File: page}
			}
			l.Add(pos, "expected a link on %s to a page of the site, found %q, which leads nowhere; 链接不可用", page, string(m[1]))
		}
		return nil
	})
	return l, err
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
