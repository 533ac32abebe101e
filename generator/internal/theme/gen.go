//go:build ignore

// gen copies the project's top-level site files (hugo.toml, layouts/,
// assets/, content/, …) into site/, which theme.go embeds. Run it with
// `make theme` or `go generate ./generator/internal/theme`.
package main

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"gongshi/generator/internal/repo"
)

func main() {
	const root = "../../.." // the project's top level, from this package's folder
	if err := os.RemoveAll("site"); err != nil {
		fail(err)
	}
	n := 0
	for _, p := range repo.SitePaths {
		src := filepath.Join(root, p)
		if _, err := os.Stat(src); os.IsNotExist(err) {
			continue
		}
		err := filepath.WalkDir(src, func(full string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if strings.HasPrefix(d.Name(), ".") && full != src {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil // editors' and systems' hidden files are no part of the site
			}
			if d.IsDir() {
				return nil
			}
			rel, err := filepath.Rel(root, full)
			if err != nil {
				return err
			}
			b, err := os.ReadFile(full)
			if err != nil {
				return err
			}
			dst := filepath.Join("site", rel)
			if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
				return err
			}
			n++
			return os.WriteFile(dst, b, 0o644)
		})
		if err != nil {
			fail(err)
		}
	}
	fmt.Printf("theme: copied %d site files into generator/internal/theme/site\n", n)
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "theme:", err)
	os.Exit(1)
}
