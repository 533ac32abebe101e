// Package theme holds the site files gongshi ships with — hugo.toml, the
// layouts, the stylesheet and the hand-written pages of this project's top
// level — embedded in the binary, so that a township's records repository
// needs none of them: it holds its records and, optionally, files of its
// own that replace the embedded ones path by path.
//
// site/ is a generated copy of the top-level files, because go:embed cannot
// reach outside generator/. The top-level files stay the source: after
// changing them run `make theme` (go generate ./generator/internal/theme);
// a test fails, naming that command, when the copy drifts.
package theme

import (
	"embed"
	"io/fs"
	"slices"
	"strings"

	"gongshi/generator/internal/record"
)

//go:generate go run gen.go

// site holds the copy; all: keeps layouts/_partials and _shortcodes, which
// a plain pattern would leave out for their leading underscore.
//
//go:embed all:site
var site embed.FS

// Files returns the embedded site files, sorted by path ("hugo.toml",
// "layouts/home.html", …).
func Files() []record.File {
	var files []record.File
	err := fs.WalkDir(site, "site", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := site.ReadFile(p)
		if err != nil {
			return err
		}
		files = append(files, record.File{Path: strings.TrimPrefix(p, "site/"), Data: b})
		return nil
	})
	if err != nil {
		panic("theme: reading the embedded files: " + err.Error()) // the binary itself is broken
	}
	slices.SortFunc(files, func(a, b record.File) int { return strings.Compare(a.Path, b.Path) })
	return files
}

// Overlay returns the site files a build reads: the embedded ones, each
// replaced by the repository's own file of the same path, and the
// repository's other files; sorted by path.
func Overlay(own []record.File) []record.File {
	mine := make(map[string]bool, len(own))
	for _, f := range own {
		mine[f.Path] = true
	}
	out := slices.Clone(own)
	for _, f := range Files() {
		if !mine[f.Path] {
			out = append(out, f)
		}
	}
	slices.SortFunc(out, func(a, b record.File) int { return strings.Compare(a.Path, b.Path) })
	return out
}
