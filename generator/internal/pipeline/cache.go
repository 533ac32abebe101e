package pipeline

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"gongshi/generator/internal/history"
)

// A build keeps in its cache folder what the next build can reuse: the
// history index (history.CacheFile) and the versions of notices
// (versionsFile). The folder is input like any other: what it holds is
// checked before use (format, a SHA-256 of the content, the SHA-256 of the
// gongshi that wrote it, the commits against the repository) and started
// afresh when it cannot be trusted, so that the site is the same with any
// cache or none. Where it is matters too: a cache is never written into
// the site being built or checked.

// CacheUse says what a build did with its cache.
type CacheUse struct {
	// Dir is the folder the build kept its cache in; "" with NoCache.
	Dir string
	// Rebuilt says why what the folder held was not used: "none" when it
	// held nothing, "" when it was used.
	Rebuilt string
	// NotKept is why what the build computed could not be kept there (a
	// read-only folder, a full disk): the next build computes it again.
	NotKept error
}

// CacheKey is what a CI keys the cache it keeps between builds by:
// "gongshi-" and the SHA-256 of the running gongshi's executable, as
// sha256sum prints it. gongshi never uses what another executable kept
// (history.Program); a CI cache keyed by it is not even restored for
// another one.
func CacheKey() string { return "gongshi-" + Program() }

// Program is the SHA-256 of the running gongshi's executable in hex.
func Program() string { return history.Program() }

// cacheDir is the folder the build keeps its cache in: o.Cache, by
// default DefaultCacheDir under the git dir; "" with NoCache.
func (o *Options) cacheDir(gitDir string) string {
	switch {
	case o.NoCache:
		return ""
	case o.Cache != "":
		return o.Cache
	}
	return filepath.Join(gitDir, DefaultCacheDir)
}

// checkCache refuses a cache folder that is not one (a file, a link to
// nothing) or that lies in site, the site built or checked ("": none),
// links followed: a cache is never published, nor compared as the site's.
// A folder that does not exist yet is made when the cache is kept.
func checkCache(dir, site string) error {
	if dir == "" {
		return nil
	}
	where, err := resolve(dir)
	if err != nil {
		return fmt.Errorf("cache: %w", err)
	}
	link := ""
	if where != mustAbs(dir) {
		link = " (" + where + " once links are followed)"
	}
	if site != "" {
		s, err := resolve(site)
		if err != nil {
			return fmt.Errorf("cache: %w", err)
		}
		if within(where, s) {
			return fmt.Errorf("cache: %s%s lies in the site %s: a cache is never published; give a folder outside it", dir, link, site)
		}
	}
	if _, err := os.Lstat(dir); err == nil {
		st, err := os.Stat(dir)
		switch {
		case err != nil:
			return fmt.Errorf("cache: %s is a link that leads nowhere (%v): give a folder (it is made if missing)", dir, err)
		case !st.IsDir():
			return fmt.Errorf("cache: %s%s is a file, not a folder: give a folder (it is made if missing)", dir, link)
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("cache: %w", err)
	}
	return nil
}

// resolve returns the absolute path p names with every link in it
// followed, those that lead to what does not exist yet included.
func resolve(p string) (string, error) {
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

func mustAbs(p string) string {
	a, err := filepath.Abs(p)
	if err != nil {
		return p
	}
	return a
}

// within says whether path p is dir or lies under it.
func within(p, dir string) bool {
	rel, err := filepath.Rel(dir, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}
