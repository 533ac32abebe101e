package pipeline

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCacheFolderIsCheckedWhereLinksLead: checkCache takes a folder, made
// or to make, outside the site, and refuses a file, a link to nothing
// outside the site, and whatever lies in the site once links are followed
// (one that does not exist yet included), but not a folder whose name
// only begins with the site's.
func TestCacheFolderIsCheckedWhereLinksLead(t *testing.T) {
	tmp := t.TempDir()
	site := filepath.Join(tmp, "public")
	for _, d := range []string{site, filepath.Join(tmp, "kept")} {
		if err := os.Mkdir(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(tmp, "a-file"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	links := map[string]string{
		"to-kept":     "kept",
		"to-site":     "public",
		"to-nothing":  "missing",
		"to-new-site": "public2/new", // public2 does not exist
		"chain":       "to-site",
		"to-file":     "a-file",
	}
	for name, target := range links {
		if err := os.Symlink(target, filepath.Join(tmp, name)); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range []struct {
		name, dir, site, want string // want: "" for taken, else what the refusal says
	}{
		{"a folder", "kept", "public", ""},
		{"a folder to make", "new/cache", "public", ""},
		{"a folder beside the site, named like it", "public-cache", "public", ""},
		{"a link to a folder", "to-kept", "public", ""},
		{"no site to keep out of", "public/cache", "", ""},
		{"a file", "a-file", "public", "is a file, not a folder"},
		{"a link to a file", "to-file", "public", "is a file, not a folder"},
		{"a link to nothing", "to-nothing", "public", "leads nowhere"},
		{"the site", "public", "public", "lies in the site"},
		{"in the site", "public/cache", "public", "lies in the site"},
		{"through a link into the site", "to-site/cache", "public", "lies in the site"},
		{"through two links into the site", "chain/cache", "public", "lies in the site"},
		{"a link to where the site will be", "to-new-site", "public2", "lies in the site"},
	} {
		t.Run(c.name, func(t *testing.T) {
			site := ""
			if c.site != "" {
				site = filepath.Join(tmp, c.site)
			}
			err := checkCache(filepath.Join(tmp, c.dir), site)
			switch {
			case c.want == "" && err != nil:
				t.Errorf("checkCache(%s, %s) = %v; want it taken", c.dir, c.site, err)
			case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want) || !strings.HasPrefix(err.Error(), "cache: ")):
				t.Errorf("checkCache(%s, %s) = %v; want a refusal saying %q", c.dir, c.site, err, c.want)
			}
		})
	}
}
