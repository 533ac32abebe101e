package publish

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"unicode/utf8"
)

// Compare compares a published site with a rebuild of it, file by file,
// and returns a line per difference, sorted by path, and the number of
// files compared.
func Compare(site, rebuilt string) ([]string, int, error) {
	a, err := listFiles(site)
	if err != nil {
		return nil, 0, err
	}
	b, err := listFiles(rebuilt)
	if err != nil {
		return nil, 0, err
	}
	paths := slices.Sorted(func(yield func(string) bool) {
		for p := range a {
			if !yield(p) {
				return
			}
		}
		for p := range b {
			if _, ok := a[p]; !ok && !yield(p) {
				return
			}
		}
	})
	var diffs []string
	for _, p := range paths {
		_, inA := a[p]
		_, inB := b[p]
		switch {
		case !inB:
			diffs = append(diffs, "only in the site: "+p)
		case !inA:
			diffs = append(diffs, "missing from the site: "+p)
		default:
			x, err := os.ReadFile(filepath.Join(site, p))
			if err != nil {
				return nil, 0, err
			}
			y, err := os.ReadFile(filepath.Join(rebuilt, p))
			if err != nil {
				return nil, 0, err
			}
			if d := firstDifference(x, y); d != "" {
				diffs = append(diffs, "differs: "+p+": "+d)
			}
		}
	}
	return diffs, len(paths), nil
}

func listFiles(dir string) (map[string]bool, error) {
	files := map[string]bool{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		files[filepath.ToSlash(rel)] = true
		return nil
	})
	if errors.Is(err, fs.ErrNotExist) {
		return files, nil
	}
	return files, err
}

// firstDifference says where two files first differ, with what each has
// there; "" when they are equal.
func firstDifference(site, rebuilt []byte) string {
	if bytes.Equal(site, rebuilt) {
		return ""
	}
	i := 0
	for i < len(site) && i < len(rebuilt) && site[i] == rebuilt[i] {
		i++
	}
	line := bytes.Count(site[:i], []byte("\n")) + 1
	return fmt.Sprintf("byte %d (line %d): site has %s, rebuild has %s", i, line, excerpt(site, i), excerpt(rebuilt, i))
}

// excerpt quotes a few characters of b from i (backing up to a character
// boundary).
func excerpt(b []byte, i int) string {
	if i >= len(b) {
		return "end of file"
	}
	for i > 0 && !utf8.RuneStart(b[i]) {
		i--
	}
	end := i
	for n := 0; end < len(b) && n < 24; n++ {
		_, size := utf8.DecodeRune(b[end:])
		end += size
	}
	return strconv.Quote(string(b[i:end]))
}
