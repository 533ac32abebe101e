package main

import (
	"errors"
	"fmt"
	"strings"
	"sync"

	"gongshi/generator/internal/emit"
	"gongshi/generator/internal/history"
	"gongshi/generator/internal/ledger"
	"gongshi/generator/internal/phase"
	"gongshi/generator/internal/record"
	"gongshi/generator/internal/repo"
)

// historyOptions say how a build treats the history of what it publishes.
type historyOptions struct {
	Trust         string // folder of the trust root; "" checks no signature
	RequireSigned bool   // refuse a commit whose signature is not verified
	SignedSince   string // only after this commit (a revision)
	Ledger        *ledger.Ledger
	AllowRewrite  bool
	// Cache is the folder (under the git dir) where the history index of
	// the last build is kept, so that only the commits added since are
	// walked (history.Cached); "" walks the whole history.
	Cache   string
	rec     *phase.Recorder   // notes how much history was walked
	decoded *record.FileCache // files already decoded, for the versions' commits
}

// historyCacheDir is where a build keeps its history index, under the git
// dir.
const historyCacheDir = "gongshi"

// readHistory walks the history of the snapshot's commit once, checks its
// signatures and the published ledger, and describes every record commit.
// It returns what the site shows of the history, the ledger to publish
// with it, and keep, which keeps for the next build what this one
// computed (the commits' descriptions, the pages' versions): call it once
// the site is built.
func readHistory(r *repo.Repo, snap *repo.Snapshot, o historyOptions) (_ *emit.History, _ *ledger.Ledger, keep func() error, _ error) {
	keep = func() error { return nil }
	var ix *history.Index
	var err error
	if o.Cache != "" {
		var st history.CacheStats
		ix, st, err = history.Cached(r.Git, o.Cache, snap.Commit)
		o.rec.Note("history_walked", st.Walked)
		o.rec.Note("history_reused", st.Reused)
		if st.SaveErr != nil {
			// No reason to fail the build: the next one walks again.
			o.rec.Note("history_not_kept", 1)
		}
	} else {
		ix, err = history.Walk(r.Git, snap.Commit)
	}
	if err != nil {
		return nil, nil, keep, err
	}
	h := &emit.History{}
	if o.Trust != "" {
		t, err := history.LoadTrust(o.Trust, r.Dir)
		if err != nil {
			return nil, nil, keep, err
		}
		ix.Verify(t)
		h.Checked = true
	}
	if o.RequireSigned {
		if err := requireSigned(r, ix, o.SignedSince); err != nil {
			return nil, nil, keep, err
		}
	}

	// The index holds every commit reachable from the head: what the
	// ledger asks about.
	var records []ledger.Commit
	rs := ix.Records()
	for i := len(rs) - 1; i >= 0; i-- {
		records = append(records, ledger.Entry(rs[i].Hash, rs[i].Committer.When, rs[i].Subject))
	}
	head := ix.Commit(snap.Commit)
	prev := o.Ledger
	if prev == nil {
		prev = &ledger.Ledger{}
	}
	next, _, err := prev.Next(ledger.Entry(head.Hash, head.Committer.When, head.Subject), records,
		func(c string) bool { return ix.Commit(c) != nil }, o.AllowRewrite)
	if err != nil {
		return nil, nil, keep, err
	}
	h.Rewrites = next.Rewrites

	ix.UseDecoded(o.decoded)
	if h.Diffs, err = ix.DescribeAll(); err != nil {
		return nil, nil, keep, err
	}
	h.Past = pastPages(r, ix, o.decoded)
	if o.Cache != "" {
		versions := history.OpenStore(o.Cache, versionsFile)
		h.Past = keptPages(versions, h.Past)
		keep = func() error { return errors.Join(ix.Keep(o.Cache), versions.Save(ix)) }
	}
	return h, next, keep, nil
}

// versionsFile keeps the versions of pages, under the history cache.
const versionsFile = "versions.cache"

// keptPages answers from the versions an earlier build kept, and keeps
// those it has to compute: a version depends only on its commit (and
// gongshi), so a rebuild computes only the new commits' versions.
func keptPages(kept *history.Store, compute func(string, []string) (map[string]emit.Page, error)) func(string, []string) (map[string]emit.Page, error) {
	const noBuild = "\x00" // the records of the commit did not build
	return func(commit string, paths []string) (map[string]emit.Page, error) {
		if _, ok := kept.Get(commit, noBuild); ok {
			return nil, nil
		}
		out := map[string]emit.Page{}
		var missing []string
		for _, p := range paths {
			b, ok := kept.Get(commit, p)
			switch {
			case !ok:
				missing = append(missing, p)
			case len(b) > 0: // empty: the page did not exist then
				pg, err := emit.DecodePage(b)
				if err != nil {
					missing = append(missing, p)
					continue
				}
				out[p] = pg
			}
		}
		if len(missing) == 0 {
			return out, nil
		}
		got, err := compute(commit, missing)
		if err != nil {
			return nil, err
		}
		if got == nil {
			kept.Put(commit, noBuild, []byte{})
			return nil, nil
		}
		for _, p := range missing {
			pg, ok := got[p]
			if !ok {
				kept.Put(commit, p, []byte{})
				continue
			}
			b, err := emit.EncodePage(pg)
			if err != nil {
				return nil, err
			}
			kept.Put(commit, p, b)
			out[p] = pg
		}
		return out, nil
	}
}

// requireSigned refuses a history with a commit after since whose
// signature is not verified.
func requireSigned(r *repo.Repo, ix *history.Index, since string) error {
	if since != "" {
		c, err := r.Commit(since)
		if err != nil {
			return err
		}
		since = c.Hash.String()
	}
	bad, err := ix.RequireSigned(since)
	if err != nil || len(bad) == 0 {
		return err
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%d commit(s) are not signed by a key of the trust root valid at their date; nothing was published:", len(bad))
	for _, c := range bad {
		s := c.Signature
		why := s.Status.String()
		if s.Reason != "" {
			why += ", " + s.Reason
		}
		fmt.Fprintf(&b, "\n\t%s %s %s %q: %s", c.Short(), c.Committer.When.Format("2006-01-02 15:04"), c.Author.Name, c.Subject, why)
	}
	return fmt.Errorf("%s", b.String())
}

const pastCacheSize = 8

// pastPages reads the Versioned pages of the commits that made versions,
// for emit: the records of the commit are validated and computed as a
// build of it would, and only the pages asked for are emitted. Commits with
// the same records (the same records/ tree and day) are computed once.
//
// What it returns for a commit depends only on that commit and gongshi:
// this is where a cache kept between builds (keyed by commit, records tree
// and gongshi's version) would spare a rebuild the versions it has made.
func pastPages(r *repo.Repo, ix *history.Index, decoded *record.FileCache) func(string, []string) (map[string]emit.Page, error) {
	if decoded == nil {
		decoded = record.NewFileCache()
	}
	var store sync.Mutex // go-git's object store is read by one goroutine at a time
	type key struct{ tree, asOf string }
	type computed struct {
		once sync.Once
		snap *repo.Snapshot
		res  *results
		ok   bool
	}
	var mu sync.Mutex
	cache := map[key]*computed{}
	return func(commit string, paths []string) (map[string]emit.Page, error) {
		store.Lock()
		// Most files of an earlier commit are those of a later one,
		// decoded already: their data is not even read.
		snap, err := r.SnapshotKnowing(commit, decoded.Has)
		var tree string
		if err == nil {
			tree, err = ix.RecordsTree(commit)
		}
		store.Unlock()
		if err != nil {
			return nil, err
		}
		k := key{tree, snap.AsOf.String()}
		mu.Lock()
		c := cache[k]
		if c == nil {
			c = &computed{}
			// Equal trees are rare (a revert): a few entries are enough,
			// and keep a county's history from holding every commit's
			// records at once.
			if len(cache) < pastCacheSize {
				cache[k] = c
			}
		}
		mu.Unlock()
		c.once.Do(func() {
			res, errs := validateCached(snap, nil, decoded)
			c.snap, c.res, c.ok = snap, res, len(errs) == 0
		})
		if !c.ok {
			return nil, nil // the records of that commit did not build: nothing was published
		}
		ps, err := emit.Versioned(siteInput(c.snap, c.res, nil), paths)
		if err != nil {
			return nil, err
		}
		m := make(map[string]emit.Page, len(ps))
		for _, p := range ps {
			m[p.Path] = p
		}
		return m, nil
	}
}
