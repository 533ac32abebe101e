package pipeline

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"gongshi/generator/internal/history"
	"gongshi/generator/internal/publish"
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
	where, err := publish.Resolve(dir)
	if err != nil {
		return fmt.Errorf("cache: %w", err)
	}
	link := ""
	if where != mustAbs(dir) {
		link = " (" + where + " once links are followed)"
	}
	if site != "" {
		s, err := publish.Resolve(site)
		if err != nil {
			return fmt.Errorf("cache: %w", err)
		}
		if publish.Within(where, s) {
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

func mustAbs(p string) string {
	a, err := filepath.Abs(p)
	if err != nil {
		return p
	}
	return a
}
