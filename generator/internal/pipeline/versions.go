package pipeline

import (
	"fmt"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"

	"gongshi/generator/internal/emit"
	"gongshi/generator/internal/history"
	"gongshi/generator/internal/record"
	"gongshi/generator/internal/repo"
)

// The versions pass: a published version of a notice is the page as the
// records of an earlier commit gave it on that commit's day. emit says
// which commits must give which pages (emit.Site.Wanted); this pass
// validates and computes each such commit's records as a build of that
// commit would, emits only the pages asked for (emit.Versioned), and hands
// them back (emit.Site.AddVersions).
//
// What a commit gives depends only on that commit and gongshi: the pages
// computed are kept between builds (versionsFile, under the history
// cache), so a rebuild computes only the commits made since.

// versionsFile keeps the versions of pages, under the history cache.
const versionsFile = "versions.cache"

// pastCacheSize bounds the commits whose computed records are held at
// once for reuse: equal records trees are rare (a revert), and holding
// every commit's records would keep a county's history in memory.
const pastCacheSize = 8

// versions computes what want asks for: for each commit, its pages at the
// paths given. A commit whose records do not build gives nil (nothing was
// published from it).
type versions struct {
	r       *repo.Repo
	ix      *history.Index
	decoded *record.FileCache
	saved   *history.Store // nil: nothing kept between builds
	gate    *gate

	store sync.Mutex // go-git's object store is read by one goroutine at a time
	mu    sync.Mutex
	cache map[pastKey]*pastRecords
}

type pastKey struct{ tree, asOf string }

type pastRecords struct {
	once sync.Once
	recs *Records
	ok   bool
}

// run computes every commit of want on every processor.
func (v *versions) run(want map[string][]string) (map[string]map[string]emit.Page, error) {
	commits := make([]string, 0, len(want))
	for c := range want {
		commits = append(commits, c)
	}
	slices.Sort(commits)
	if v.cache == nil {
		v.cache = map[pastKey]*pastRecords{}
	}
	results := make([]map[string]emit.Page, len(commits))
	errs := make([]error, len(commits))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(commits)) {
		wg.Go(func() {
			for {
				i := int(next.Add(1)) - 1
				if i >= len(commits) {
					return
				}
				results[i], errs[i] = v.kept(commits[i], want[commits[i]])
			}
		})
	}
	wg.Wait()
	out := make(map[string]map[string]emit.Page, len(commits))
	for i, c := range commits {
		if errs[i] != nil {
			return nil, fmt.Errorf("versions: commit %s: %w", c, errs[i])
		}
		if results[i] != nil {
			out[c] = results[i]
		}
	}
	return out, nil
}

// noBuild marks in the kept versions a commit whose records did not build.
const noBuild = "\x00"

// kept answers from the versions an earlier build kept, and keeps those
// it has to compute.
func (v *versions) kept(commit string, paths []string) (map[string]emit.Page, error) {
	if v.saved == nil {
		return v.compute(commit, paths)
	}
	if _, ok := v.saved.Get(commit, noBuild); ok {
		return nil, nil
	}
	out := map[string]emit.Page{}
	var missing []string
	for _, p := range paths {
		b, ok := v.saved.Get(commit, p)
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
	got, err := v.compute(commit, missing)
	if err != nil {
		return nil, err
	}
	if got == nil {
		v.saved.Put(commit, noBuild, []byte{})
		return nil, nil
	}
	for _, p := range missing {
		pg, ok := got[p]
		if !ok {
			v.saved.Put(commit, p, []byte{})
			continue
		}
		b, err := emit.EncodePage(pg)
		if err != nil {
			return nil, err
		}
		v.saved.Put(commit, p, b)
		out[p] = pg
	}
	return out, nil
}

// compute validates and computes the records of commit as a build of it
// would, and emits the pages at paths. Commits with the same records (the
// same records/ tree and day) are computed once.
func (v *versions) compute(commit string, paths []string) (map[string]emit.Page, error) {
	v.store.Lock()
	// Most files of an earlier commit are those of a later one, decoded
	// already: their data is not even read.
	snap, err := v.r.SnapshotKnowing(commit, v.decoded.Has)
	var tree string
	if err == nil {
		tree, err = v.ix.RecordsTree(commit)
	}
	v.store.Unlock()
	if err != nil {
		return nil, err
	}
	k := pastKey{tree, snap.AsOf.String()}
	v.mu.Lock()
	c := v.cache[k]
	if c == nil {
		c = &pastRecords{}
		if len(v.cache) < pastCacheSize {
			v.cache[k] = c
		}
	}
	v.mu.Unlock()
	c.once.Do(func() {
		recs, errs := Compute(snap, v.decoded, nil)
		c.recs, c.ok = recs, len(errs) == 0
	})
	if !c.ok {
		return nil, nil // the records of that commit did not build: nothing was published
	}
	// The snapshot of this commit, not of the commit that computed the
	// records first: the page names its own commit.
	recs := *c.recs
	recs.Snapshot = snap
	ps, err := emit.Versioned(emitInput(&recs, nil, v.gate), paths)
	if err != nil {
		return nil, err
	}
	m := make(map[string]emit.Page, len(ps))
	for _, p := range ps {
		m[p.Path] = p
	}
	return m, nil
}
