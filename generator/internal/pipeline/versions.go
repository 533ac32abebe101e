package pipeline

import (
	"cmp"
	"fmt"
	"runtime"
	"slices"
	"sync"
	"time"

	"gongshi/generator/internal/changelog"
	"gongshi/generator/internal/emit"
	"gongshi/generator/internal/history"
	"gongshi/generator/internal/par"
	"gongshi/generator/internal/record"
	"gongshi/generator/internal/repo"
)

// The versions pass: a published version of a notice is the page as the
// records of an earlier commit gave it on that commit's day. emit says
// which commits must give which pages (emit.Site.Wanted); this pass
// validates and computes each such commit's records as a build of that
// commit would, emits only the pages asked for (emit.Versioned), and hands
// them back (emit.Site.AddVersions). The commits are computed in the
// order they were made, each from the one before (past.go): what did not
// change since is not read, decoded or computed again.
//
// What a commit gives depends only on that commit and gongshi: the pages
// computed are kept between builds (versionsFile, under the history
// cache), so a rebuild computes only the commits made since.

// versionsFile keeps the versions of pages, under the history cache.
const versionsFile = "versions.cache"

// versions computes what want asks for: for each commit, its pages at the
// paths given. A commit whose records do not build gives nil (nothing was
// published from it).
type versions struct {
	r       *repo.Repo
	ix      *history.Index
	decoded *record.FileCache // the build's own commit's files
	saved   *history.Store    // nil: nothing kept between builds
	gate    *gate

	// runs is how many runs of consecutive commits are computed at once
	// (0: a run per processor).
	runs  int
	store sync.Mutex // go-git's object store is read by one goroutine at a time
	// done is what the runs did, summed over them (see tally).
	done tally
}

// run answers what it can from the versions kept, and computes the rest:
// the commits in the order they were made, in as many runs of
// consecutive commits as there are processors, each commit's records
// from the one before's (past).
func (v *versions) run(want map[string][]string) (map[string]map[string]emit.Page, error) {
	commits := make([]string, 0, len(want))
	for c := range want {
		commits = append(commits, c)
	}
	slices.Sort(commits)
	results := make([]map[string]emit.Page, len(commits))
	missing := make([][]string, len(commits))
	var todo []int
	for i, c := range commits {
		var err error
		if results[i], missing[i], err = v.kept(c, want[c]); err != nil {
			return nil, fmt.Errorf("versions: commit %s: %w", c, err)
		}
		if len(missing[i]) > 0 {
			todo = append(todo, i)
		}
	}
	// Oldest first: Commits lists the newest first, never a parent
	// before its child.
	order := map[string]int{}
	for i, c := range v.ix.Commits {
		order[c.Hash] = -i
	}
	slices.SortFunc(todo, func(a, b int) int { return cmp.Compare(order[commits[a]], order[commits[b]]) })
	n := v.runs
	if n <= 0 {
		n = runtime.GOMAXPROCS(0)
	}
	files := recordFiles(v.ix)
	weights := make([]int, len(todo))
	for j, i := range todo {
		weights[j] = files[commits[i]]
	}
	errs := make([]error, len(commits))
	computed := make([]bool, len(commits))
	runs := splitRuns(todo, weights, n)
	done := make([]*tally, len(runs)) // each run's, summed below
	par.Each(len(runs), func(_, r int) {
		p := newPast(v.r, v.decoded)
		defer p.close()
		done[r] = &p.tally
		for _, i := range runs[r] {
			var got map[string]emit.Page
			got, errs[i] = v.compute(p, commits[i], missing[i])
			if errs[i] != nil {
				return
			}
			results[i], computed[i] = merge(missing[i], got, results[i]), true
		}
	})
	// What the pass computed is kept for the next build once the pass is
	// over, not commit by commit within it: encoded there, the pages kept
	// grew the live heap the pass's collections mark, and the encoder's
	// pooled buffers (encoding/json keeps them, each as large as the
	// largest value it encoded: the site's largest pages, encoded just
	// before) stayed in use through the pass instead of being let go.
	if v.saved != nil {
		par.Each(len(commits), func(_, i int) {
			if computed[i] {
				errs[i] = v.keep(commits[i], missing[i], results[i])
			}
		})
	}
	v.done = tally{parts: map[string]partUse{}}
	for _, t := range done {
		v.done.add(*t)
	}
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

// splitRuns splits the commits to compute (oldest first) into at most n
// runs of consecutive commits that cost about as much as each other. A
// commit costs about as much as the record files it holds (weights): the
// stages compute the whole of its records. Split by count, the run of the
// later, larger commits took two and a half times as long as the other on
// the county.
func splitRuns(todo, weights []int, n int) [][]int {
	total := 0
	for _, w := range weights {
		total += w + 1 // + 1: even a commit with no records is read
	}
	var runs [][]int
	start, sum := 0, 0
	for j, w := range weights {
		sum += w + 1
		// End the run when it has its share of the whole: the k-th run
		// ends once the sum reaches k/n of it.
		if k := len(runs) + 1; k < n && sum*n >= total*k {
			runs = append(runs, todo[start:j+1])
			start = j + 1
		}
	}
	if start < len(todo) {
		runs = append(runs, todo[start:])
	}
	return runs
}

// recordFiles estimates how many record files each commit holds: its
// first parent's and those it added, less those it deleted. For a merge
// it is an estimate (Files are those that differ from every parent);
// it only balances the runs.
func recordFiles(ix *history.Index) map[string]int {
	n := make(map[string]int, len(ix.Commits))
	for i := len(ix.Commits) - 1; i >= 0; i-- { // parents first
		c := ix.Commits[i]
		k := 0
		if len(c.Parents) > 0 {
			k = n[c.Parents[0]]
		}
		for _, f := range c.Files {
			switch f.Op {
			case changelog.Added:
				k++
			case changelog.Deleted:
				k--
			}
		}
		n[c.Hash] = max(k, 0)
	}
	return n
}

// noBuild marks in the kept versions a commit whose records did not build.
const noBuild = "\x00"

// kept returns the pages of commit an earlier build kept, and the paths
// it kept nothing for. A commit whose records did not build gives
// neither.
func (v *versions) kept(commit string, paths []string) (map[string]emit.Page, []string, error) {
	if v.saved == nil {
		return nil, paths, nil
	}
	if _, ok := v.saved.Get(commit, noBuild); ok {
		return nil, nil, nil
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
	return out, missing, nil
}

// merge adds the pages computed for the paths missing to those kept
// (out). got nil: the records did not build, and neither does the commit.
func merge(missing []string, got, out map[string]emit.Page) map[string]emit.Page {
	if got == nil {
		return nil
	}
	if out == nil {
		out = map[string]emit.Page{}
	}
	for _, p := range missing {
		if pg, ok := got[p]; ok {
			out[p] = pg
		}
	}
	return out
}

// keep keeps for the next build what was computed for the commit's paths
// missing: the pages, merged into out (merge); nil out: the records did
// not build.
func (v *versions) keep(commit string, missing []string, out map[string]emit.Page) error {
	if out == nil {
		v.saved.Put(commit, noBuild, []byte{})
		return nil
	}
	for _, p := range missing {
		pg, ok := out[p]
		if !ok {
			v.saved.Put(commit, p, []byte{}) // the page did not exist then
			continue
		}
		b, err := emit.EncodePage(pg)
		if err != nil {
			return err
		}
		v.saved.Put(commit, p, b)
	}
	return nil
}

// compute validates and computes the records of commit as a build of it
// would, from those of the commit p computed before, and emits the pages
// at paths; nil when the records do not build.
func (v *versions) compute(p *past, commit string, paths []string) (map[string]emit.Page, error) {
	st, err := p.read(commit, func() func() { v.store.Lock(); return v.store.Unlock })
	if err != nil {
		return nil, err
	}
	recs := p.compute(st, paths)
	if recs == nil {
		return nil, nil // the records of that commit did not build: nothing was published
	}
	start := time.Now()
	ps, err := emit.Versioned(emitInput(recs, nil, v.gate), paths)
	p.timed("emit", start)
	if err != nil {
		return nil, err
	}
	m := make(map[string]emit.Page, len(ps))
	for _, pg := range ps {
		m[pg.Path] = pg
	}
	return m, nil
}
