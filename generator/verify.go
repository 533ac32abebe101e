package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"unicode/utf8"

	"gongshi/generator/internal/ledger"
	"gongshi/generator/internal/repo"
)

// cmdVerify rebuilds the commit a published site names and compares the
// two byte for byte: what an outsider runs to check that the site shows
// what the records say.
func cmdVerify(args []string, stdout, stderr io.Writer) error {
	fs := flags("verify", stderr)
	site := fs.String("site", "", "the published site to check: the folder gongshi build wrote")
	dir := fs.String("repo", ".", "a folder inside the records repository")
	rev := fs.String("rev", "", "rebuild this commit instead of the one the site's ledger.json names")
	trust := fs.String("trust", "", "the trust root the site was built with, if it was (signature statuses are part of the pages)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *site == "" {
		return &usageError{msg: "verify: --site DIR is required"}
	}
	if fi, err := os.Stat(*site); err != nil || !fi.IsDir() {
		return fmt.Errorf("verify: %s is not a folder", *site)
	}
	// The ledger names the commit the site was built from, and holds the
	// publication history (earlier builds, rewrites) that git cannot give:
	// the rebuild starts from it, as the build did from its predecessor.
	led, err := ledger.Read(filepath.Join(*site, ledger.File))
	if err != nil {
		return err
	}
	target := *rev
	if target == "" {
		if target = led.Head(); target == "" {
			return fmt.Errorf("verify: %s has no %s naming the commit it was built from; give --rev", *site, ledger.File)
		}
	}
	r, err := repo.Open(*dir)
	if err != nil {
		return err
	}
	defer r.Close()
	snap, err := r.Snapshot(target)
	if err != nil {
		return err
	}
	res, errs := validate(snap, nil)
	if err := errs.Err(); err != nil {
		return err
	}
	hist, next, _, err := readHistory(r, snap, historyOptions{Trust: *trust, Ledger: led, AllowRewrite: true, Cache: filepath.Join(r.GitDir, historyCacheDir)})
	if err != nil {
		return err
	}
	tmp, err := os.MkdirTemp("", "gongshi-verify-")
	if err != nil {
		return fmt.Errorf("verify: %w", err)
	}
	defer os.RemoveAll(tmp)
	out := filepath.Join(tmp, "site")
	if _, err := renderSite(snap, res, hist, next, out, stderr, nil); err != nil {
		return err
	}
	diffs, files, err := compareDirs(*site, out)
	if err != nil {
		return fmt.Errorf("verify: %w", err)
	}
	if len(diffs) > 0 {
		for _, d := range diffs {
			fmt.Fprintln(stdout, d)
		}
		return &differError{site: *site, commit: snap.Commit, n: len(diffs)}
	}
	fmt.Fprintf(stdout, "gongshi: %s is the site of commit %s: all %d files are identical to a rebuild\n", *site, snap.Commit, files)
	return nil
}

// differError is a site that is not what its commit builds.
type differError struct {
	site, commit string
	n            int
}

func (e *differError) Error() string {
	return fmt.Sprintf("%s differs from a rebuild of commit %s in %d file(s)", e.site, e.commit, e.n)
}

// compareDirs compares two folders file by file and returns a line per
// difference, sorted by path, and the number of files compared.
func compareDirs(site, rebuilt string) ([]string, int, error) {
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
