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
	real, err := Resolve(out)
	if err != nil {
		return "", err
	}
	if filepath.Dir(real) == real {
		return "it is the root folder", nil
	}
	if home, err := os.UserHomeDir(); err == nil && home != "" {
		if h, err := Resolve(home); err == nil && Within(h, real) {
			if h == real {
				return "it is a home folder", nil
			}
			return fmt.Sprintf("it holds the home folder %s", home), nil
		}
	}
	if r.GitDir != "" {
		g, err := Resolve(r.GitDir)
		if err != nil {
			return "", err
		}
		switch {
		case Within(g, real):
			return fmt.Sprintf("it is or holds the repository being built (%s)", r.GitDir), nil
		case Within(real, g):
			return fmt.Sprintf("it is inside the git folder of the repository being built (%s)", r.GitDir), nil
		}
	}
	for _, wt := range r.WorkTrees {
		w, err := Resolve(wt)
		if err != nil {
			return "", err
		}
		switch {
		case Within(w, real):
			return fmt.Sprintf("it is or holds the repository being built (%s)", wt), nil
		case Within(real, w):
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

// Resolve returns the absolute path p names with every link in it
// followed, those that lead to what does not exist yet included.
func Resolve(p string) (string, error) {
	p, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	var rest []string
	for hops := 0; ; {
		r, err := filepath.EvalSymlinks(p)
		if err == nil {
			return filepath.Join(append([]string{r}, rest...)...), nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return "", err
		}
		if fi, err := os.Lstat(p); err == nil && fi.Mode()&fs.ModeSymlink != 0 {
			// A link to what does not exist: where it leads is where a
			// folder would be made.
			if hops++; hops > 255 {
				return "", fmt.Errorf("%s: too many links", p)
			}
			target, err := os.Readlink(p)
			if err != nil {
				return "", err
			}
			if !filepath.IsAbs(target) {
				target = filepath.Join(filepath.Dir(p), target)
			}
			p = target
			continue
		}
		parent := filepath.Dir(p)
		if parent == p {
			return "", err
		}
		rest = append([]string{filepath.Base(p)}, rest...)
		p = parent
	}
}

// Within reports whether p is dir or inside it (both clean and absolute).
func Within(p, dir string) bool {
	rel, err := filepath.Rel(dir, p)
	return err == nil && rel != ".." && !filepath.IsAbs(rel) && (rel == "." || !startsWithDotDot(rel))
}

func startsWithDotDot(rel string) bool {
	return len(rel) >= 3 && rel[:2] == ".." && os.IsPathSeparator(rel[2])
}
