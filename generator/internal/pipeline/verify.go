package pipeline

import (
	"fmt"
	"os"
	"path/filepath"

	"gongshi/generator/internal/ledger"
	"gongshi/generator/internal/publish"
)

// Verdict is what Verify found.
type Verdict struct {
	Commit string   // the commit rebuilt
	Files  int      // files compared
	Diffs  []string // a line per file that differs, is missing or extra
	Cache  CacheUse // what the rebuild did with its cache
}

// Verify rebuilds the commit a published site in dir was built from (the
// last build its ledger names, or o.Rev when given) and compares the two
// byte for byte. The ledger holds the publication history (earlier builds,
// rewrites) that git cannot give: the rebuild starts from it, as the build
// did from its predecessor's. Without o.Rev it also checks that the site
// is of the newest build its ledger names: every build since the last
// recorded rewrite is in the history of the last (ledger.Unrecorded).
func Verify(dir string, o Options) (*Verdict, error) {
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		return nil, fmt.Errorf("verify: %s is not a folder", dir)
	}
	if o.Cache != "" {
		// The default cache is in the git dir, which no site holds.
		if err := checkCache(o.Cache, dir); err != nil {
			return nil, err
		}
	}
	led, err := ledger.Read(filepath.Join(dir, ledger.File))
	if err != nil {
		return nil, err
	}
	newest := o.Rev == ""
	if newest {
		if o.Rev = led.Head(); o.Rev == "" {
			return nil, fmt.Errorf("verify: %s has no %s naming the commit it was built from; give --rev", dir, ledger.File)
		}
	}
	o.Ledger, o.AllowRewrite = led, true
	site, err := Build(o)
	if err != nil {
		return nil, err
	}
	tmp, err := os.MkdirTemp("", "gongshi-verify-")
	if err != nil {
		return nil, fmt.Errorf("verify: %w", err)
	}
	defer os.RemoveAll(tmp)
	out := filepath.Join(tmp, "site")
	if _, err := site.Render(nil, out); err != nil {
		return nil, err
	}
	diffs, n, err := publish.Compare(dir, out)
	if err != nil {
		return nil, fmt.Errorf("verify: %w", err)
	}
	if newest {
		for _, b := range site.Unrecorded {
			diffs = append(diffs, fmt.Sprintf("%s: names build %s (%s, %s) before the site's commit %s, which does not go on from it, and no rewrite: the site is not of the newest build its ledger names",
				ledger.File, b.Commit, b.Date, b.Subject, site.Commit))
		}
	}
	return &Verdict{Commit: site.Commit, Files: n, Diffs: diffs, Cache: site.Cache}, nil
}
