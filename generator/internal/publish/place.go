package publish

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"gongshi/generator/internal/ledger"
)

// placeProblem says why out (absolute) is no place for a site, or "": the
// root folder, a home folder or one holding it, the repository being
// built or a folder holding it, a folder inside its git folder, or inside
// one of its working trees unless the repository ignores it.
func placeProblem(out string, r Repository) (string, error) {
	real := resolve(out)
	if filepath.Dir(real) == real {
		return "it is the root folder", nil
	}
	if home, err := os.UserHomeDir(); err == nil && home != "" {
		if h := resolve(home); within(h, real) {
			if h == real {
				return "it is a home folder", nil
			}
			return fmt.Sprintf("it holds the home folder %s", home), nil
		}
	}
	if r.GitDir != "" {
		g := resolve(r.GitDir)
		switch {
		case within(g, real):
			return fmt.Sprintf("it is or holds the repository being built (%s)", r.GitDir), nil
		case within(real, g):
			return fmt.Sprintf("it is inside the git folder of the repository being built (%s)", r.GitDir), nil
		}
	}
	for _, wt := range r.WorkTrees {
		w := resolve(wt)
		switch {
		case within(w, real):
			return fmt.Sprintf("it is or holds the repository being built (%s)", wt), nil
		case within(real, w):
			ignored := false
			if r.Ignored != nil {
				var err error
				if ignored, err = r.Ignored(real); err != nil {
					return "", err
				}
			}
			if !ignored {
				rel, _ := filepath.Rel(w, real)
				return fmt.Sprintf("it is inside the working tree of the repository being built (%s), which does not ignore it (add /%s/ to its .gitignore, or publish elsewhere)", wt, filepath.ToSlash(rel)), nil
			}
		}
	}
	return "", nil
}

// contentProblem says why what out holds is not a site gongshi wrote, or
// "": a folder that is not empty must hold a ledger.json gongshi wrote,
// and no git repository.
func contentProblem(out string) (string, error) {
	entries, err := os.ReadDir(out)
	if errors.Is(err, fs.ErrNotExist) || err == nil && len(entries) == 0 {
		return "", nil
	}
	if err != nil {
		return "", err
	}
	b, err := os.ReadFile(filepath.Join(out, ledger.File))
	if errors.Is(err, fs.ErrNotExist) {
		return fmt.Sprintf("it is not empty and holds no %s: it is not a site gongshi published, and publishing would delete what it holds", ledger.File), nil
	}
	if err != nil {
		return "", err
	}
	if _, err := ledger.Parse(b); err != nil {
		return fmt.Sprintf("its %s was not written by gongshi (%v): it is not a site gongshi published, and publishing would delete what it holds", ledger.File, err), nil
	}
	repo := ""
	err = filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Name() == ".git" || d.IsDir() && isBareRepository(p) {
			repo = p
			return filepath.SkipAll
		}
		return nil
	})
	if err != nil {
		return "", err
	}
	if repo != "" {
		return fmt.Sprintf("it holds a git repository (%s), which is no part of a site", repo), nil
	}
	return "", nil
}

// isBareRepository reports whether dir looks like a git folder: HEAD,
// objects/ and refs/.
func isBareRepository(dir string) bool {
	for _, f := range []string{"HEAD", "objects", "refs"} {
		if _, err := os.Lstat(filepath.Join(dir, f)); err != nil {
			return false
		}
	}
	return true
}

// resolve returns p with every link in it resolved, for the part of it
// that exists.
func resolve(p string) string {
	p = filepath.Clean(p)
	var rest []string
	for {
		if r, err := filepath.EvalSymlinks(p); err == nil {
			return filepath.Join(append([]string{r}, rest...)...)
		}
		parent := filepath.Dir(p)
		if parent == p {
			return filepath.Join(append([]string{p}, rest...)...)
		}
		rest = append([]string{filepath.Base(p)}, rest...)
		p = parent
	}
}

// within reports whether p is dir or inside it (both clean and absolute).
func within(p, dir string) bool {
	rel, err := filepath.Rel(dir, p)
	return err == nil && rel != ".." && !filepath.IsAbs(rel) && (rel == "." || !startsWithDotDot(rel))
}

func startsWithDotDot(rel string) bool {
	return len(rel) >= 3 && rel[:2] == ".." && os.IsPathSeparator(rel[2])
}
