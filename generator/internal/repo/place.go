package repo

import (
	"bufio"
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/go-git/go-git/v5/plumbing/format/gitignore"
)

// WorkTrees returns the top folders of every working tree of the
// repository: the one it was opened from, the main one and each linked
// worktree (git worktree add). A bare repository has none of its own.
func (r *Repo) WorkTrees() []string {
	var out []string
	add := func(d string) {
		if d != "" && d != r.GitDir && !slices.Contains(out, d) {
			out = append(out, d)
		}
	}
	add(r.Dir)
	if filepath.Base(r.GitDir) == ".git" {
		add(filepath.Dir(r.GitDir))
	}
	links, _ := filepath.Glob(filepath.Join(r.GitDir, "worktrees", "*", "gitdir"))
	slices.Sort(links)
	for _, l := range links {
		b, err := os.ReadFile(l)
		if err != nil {
			continue
		}
		p := strings.TrimSpace(string(b)) // the linked worktree's .git file
		if !filepath.IsAbs(p) {
			p = filepath.Join(filepath.Dir(l), p)
		}
		add(filepath.Dir(filepath.Clean(p)))
	}
	return out
}

// Ignored reports whether the repository ignores path, a file or folder
// inside one of its working trees: whether it or a folder holding it
// matches the patterns of the .gitignore files on its way from the top of
// the working tree, or of the repository's info/exclude. (The user's own
// core.excludesFile is not read: what the repository says is what counts.)
func (r *Repo) Ignored(path string) (bool, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return false, err
	}
	var top string
	var rel []string
	if real, err := filepath.EvalSymlinks(abs); err == nil {
		abs = real
	}
	for _, wt := range r.WorkTrees() {
		if real, err := filepath.EvalSymlinks(wt); err == nil {
			wt = real
		}
		if p, err := filepath.Rel(wt, abs); err == nil && p != "." && p != ".." && !strings.HasPrefix(p, ".."+string(filepath.Separator)) {
			top, rel = wt, strings.Split(filepath.ToSlash(p), "/")
			break
		}
	}
	if top == "" {
		return false, nil
	}
	ps, err := readPatterns(filepath.Join(r.GitDir, "info", "exclude"), nil)
	if err != nil {
		return false, err
	}
	for i := range rel {
		more, err := readPatterns(filepath.Join(append([]string{top}, rel[:i]...)...), rel[:i])
		if err != nil {
			return false, err
		}
		ps = append(ps, more...)
	}
	m := gitignore.NewMatcher(ps)
	for i := 1; i <= len(rel); i++ {
		fi, err := os.Stat(filepath.Join(append([]string{top}, rel[:i]...)...))
		isDir := i < len(rel) || err == nil && fi.IsDir() || errors.Is(err, fs.ErrNotExist)
		if m.Match(rel[:i], isDir) {
			return true, nil
		}
	}
	return false, nil
}

// readPatterns reads the ignore patterns of a file (info/exclude), or of
// the .gitignore in a folder, whose patterns apply below domain.
func readPatterns(p string, domain []string) ([]gitignore.Pattern, error) {
	if fi, err := os.Stat(p); err == nil && fi.IsDir() {
		p = filepath.Join(p, ".gitignore")
	}
	b, err := os.ReadFile(p)
	if errors.Is(err, fs.ErrNotExist) || errors.Is(err, fs.ErrInvalid) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var ps []gitignore.Pattern
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		line := strings.TrimSuffix(sc.Text(), "\r")
		if strings.HasPrefix(line, "#") || strings.TrimSpace(line) == "" {
			continue
		}
		ps = append(ps, gitignore.ParsePattern(line, slices.Clone(domain)))
	}
	return ps, sc.Err()
}
