package main

import (
	"fmt"
	"io"

	"gongshi/generator/internal/pipeline"
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
	cache := fs.String("cache", "", "the build cache `folder` to use and keep, as build --cache (default: gongshi/ in the repository's git folder)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *site == "" {
		return &usageError{msg: "verify: --site DIR is required"}
	}
	v, err := pipeline.Verify(*site, pipeline.Options{Source: pipeline.Source{Dir: *dir, Rev: *rev}, Trust: pipeline.Trust{Dir: *trust}, Cache: *cache, Log: stderr})
	if err != nil {
		return err
	}
	reportCache(stderr, v.Cache)
	if len(v.Diffs) > 0 {
		for _, d := range v.Diffs {
			fmt.Fprintln(stdout, d)
		}
		return &differError{site: *site, commit: v.Commit, n: len(v.Diffs)}
	}
	fmt.Fprintf(stdout, "gongshi: %s is the site of commit %s: all %d files are identical to a rebuild\n", *site, v.Commit, v.Files)
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
