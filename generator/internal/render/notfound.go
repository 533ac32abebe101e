package render

import (
	"bytes"
	"errors"
	"io/fs"
	"path"
	"strings"

	"github.com/spf13/afero"
)

// NotFoundPage is the page a web server sends for any path of the site
// that does not exist (nginx: error_page 404 /404.html), whatever the
// path's depth: /safety/objects/nope/deeper.html gets it as well as
// /nope.html.
const NotFoundPage = "404.html"

// linkAttrs are the attributes Hugo makes relative (relativeURLs): a link,
// a stylesheet, a script, a form's target.
var linkAttrs = [][]byte{[]byte(`href="./`), []byte(`src="./`), []byte(`action="./`)}

// rootRelative makes the links of the not-found page in dir root-relative:
// Hugo wrote them relative to the site's root, where the page lies
// ("./site.css"), which served for /safety/objects/nope.html would be
// looked for beside the path asked for, and neither the stylesheet nor
// 首页 would be found. root is the path the site is published at (the
// path of its baseURL: "/", or "/gongshi/" for a site below a folder).
// Every other page keeps its relative links, so that a copy of the site
// opened from disk works; the not-found page is only ever served.
func rootRelative(dest afero.Fs, dir, root string) error {
	p := path.Join(dir, NotFoundPage)
	b, err := afero.ReadFile(dest, p)
	if errors.Is(err, fs.ErrNotExist) {
		return nil // a site without one: the server's own
	}
	if err != nil {
		return err
	}
	root = "/" + strings.Trim(root, "/") + "/"
	if root == "//" {
		root = "/"
	}
	for _, a := range linkAttrs {
		var out []byte
		for {
			i := bytes.Index(b, a)
			if i < 0 {
				break
			}
			rest := b[i+len(a):]
			out = append(out, b[:i+len(a)-2]...)
			// Hugo writes a site below a folder with the folder in the
			// link ("./gongshi/x.html"); then only "." goes.
			if root != "/" && bytes.HasPrefix(rest, []byte(root[1:])) {
				out = append(out, '/')
			} else {
				out = append(out, root...)
			}
			b = rest
		}
		b = append(out, b...)
	}
	return afero.WriteFile(dest, p, b, 0o644)
}
