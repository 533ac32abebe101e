// Package theme holds the site files gongshi ships with — hugo.toml, the
// layouts, the stylesheet and the hand-written pages of this project's top
// level — embedded in the binary, so that a township's records repository
// needs none of them: it holds its records and, optionally, files of its
// own that replace the embedded ones path by path.
//
// The files are embedded where they live, by the package at the project's
// top level (gongshi, site.go): go:embed reaches only the embedding
// package's folder and below, so this package cannot embed them itself.
package theme

import (
	"io/fs"
	"slices"
	"strings"

	"gongshi"
	"gongshi/generator/internal/record"
)

// Files returns the embedded site files, sorted by path ("hugo.toml",
// "layouts/home.html", …). Hidden files (an editor's .swp) are no part of
// the site, as they are not when gongshi reads a working tree.
func Files() []record.File {
	files, err := read(gongshi.Site())
	if err != nil {
		panic("theme: reading the embedded files: " + err.Error()) // the binary itself is broken
	}
	return files
}

func read(site fs.FS) ([]record.File, error) {
	var files []record.File
	err := fs.WalkDir(site, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p != "." && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		b, err := fs.ReadFile(site, p)
		if err != nil {
			return err
		}
		files = append(files, record.File{Path: p, Data: b})
		return nil
	})
	if err != nil {
		return nil, err
	}
	slices.SortFunc(files, func(a, b record.File) int { return strings.Compare(a.Path, b.Path) })
	return files, nil
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
