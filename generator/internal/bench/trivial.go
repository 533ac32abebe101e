package bench

import (
	"errors"
	"io/fs"
	"maps"
	"path"
	"slices"

	"github.com/spf13/afero"
)

// trivialLayouts are the fewest layouts that render every page of an
// emitted project, each printing its title and content: Hugo's floor on
// the same pages, without what gongshi's templates do per page. Every
// kind and output format the project has gets one (Hugo warns of one
// missing, and a warning fails the render), and the shortcodes the
// hand-written pages call print nothing.
var trivialLayouts = map[string]string{
	"baseof.html":                "<!doctype html><html><head><title>{{ .Title }}</title></head><body>{{ block \"main\" . }}{{ end }}</body></html>\n",
	"home.html":                  "{{ define \"main\" }}<h1>{{ .Title }}</h1>{{ .Content }}{{ end }}\n",
	"section.html":               "{{ define \"main\" }}<h1>{{ .Title }}</h1>{{ .Content }}{{ end }}\n",
	"page.html":                  "{{ define \"main\" }}<h1>{{ .Title }}</h1>{{ .Content }}{{ end }}\n",
	"404.html":                   "{{ define \"main\" }}<h1>{{ .Title }}</h1>{{ end }}\n",
	"robots.txt":                 "User-agent: *\n",
	"_shortcodes/objection.html": "",
	"_shortcodes/organ.html":     "",
}

// UseTrivialLayouts replaces the layouts of the project at root in fsys
// by trivial ones (see trivialLayouts) and returns the function that puts
// the project's own back.
func UseTrivialLayouts(fsys afero.Fs, root string) (restore func() error, err error) {
	dir := path.Join(root, "layouts")
	own := map[string][]byte{}
	err = afero.Walk(fsys, dir, func(p string, fi fs.FileInfo, err error) error {
		if err != nil || fi.IsDir() {
			return err
		}
		b, err := afero.ReadFile(fsys, p)
		own[p] = b
		return err
	})
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	if err := fsys.RemoveAll(dir); err != nil {
		return nil, err
	}
	restore = func() error {
		if err := fsys.RemoveAll(dir); err != nil {
			return err
		}
		for _, p := range slices.Sorted(maps.Keys(own)) {
			if err := writeFile(fsys, p, own[p]); err != nil {
				return err
			}
		}
		return nil
	}
	for _, name := range slices.Sorted(maps.Keys(trivialLayouts)) {
		if err := writeFile(fsys, path.Join(dir, name), []byte(trivialLayouts[name])); err != nil {
			return nil, errors.Join(err, restore())
		}
	}
	return restore, nil
}

func writeFile(fsys afero.Fs, name string, data []byte) error {
	if err := fsys.MkdirAll(path.Dir(name), 0o755); err != nil {
		return err
	}
	return afero.WriteFile(fsys, name, data, 0o644)
}
