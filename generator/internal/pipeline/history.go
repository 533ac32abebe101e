package pipeline

import (
	"fmt"
	"strings"

	"gongshi/generator/internal/emit"
	"gongshi/generator/internal/history"
	"gongshi/generator/internal/ledger"
	"gongshi/generator/internal/record"
	"gongshi/generator/internal/repo"
)

// Trust says how a build checks the signatures of the commits it shows.
type Trust struct {
	// Dir is the trust root: a folder outside the repository with the
	// publishers' keys (allowed_signers, *.asc). "": no signature is
	// checked, and a signed commit shows as signed but not checked.
	Dir string
	// Require refuses to publish a history with a commit whose signature
	// is not verified (only the commits after Since, when given: the
	// history from before signing was adopted).
	Require bool
	Since   string
}

// UnsignedError is the refusal of a history with commits whose signature
// is not verified, when signatures are required.
type UnsignedError struct {
	Commits []string // a line per commit: hash, date, author, subject, why
}

func (e *UnsignedError) Error() string {
	return fmt.Sprintf("%d commit(s) are not signed by a key of the trust root valid at their date, or their date is doubtful; nothing was published:\n\t%s",
		len(e.Commits), strings.Join(e.Commits, "\n\t"))
}

// histories is what the history stage gives the rest of the build.
type histories struct {
	site   *emit.History  // what the site shows of the history
	ledger *ledger.Ledger // to publish with the site
	ix     *history.Index
	// keep keeps for the next build what this one computed (the index,
	// the commits' descriptions): called once the site is emitted.
	keep func() error
	// unrecorded are the builds the given ledger names that its last
	// build does not go on from (ledger.Unrecorded).
	unrecorded []ledger.Commit
	// rebuilt and notKept say what became of the index kept in the cache
	// (history.CacheStats).
	rebuilt string
	notKept error
}

// A walk is the index of the history of a build's commit (history.Walk,
// or history.CachedUnkept from the index kept in the cache), made while
// the build validates the commit's records (startWalk): it reads only
// the repository, which nothing else reads then. What it would keep is
// kept once the records are known to build (readHistory).
type walk struct {
	ix    *history.Index
	st    history.CacheStats
	keep  func() error // nil: nothing to keep
	err   error
	panic any // a panic of the walk, raised again where the build waits for it
}

// startWalk walks the history of commit in a goroutine of its own (from
// the index kept in cache, when not ""); the walk is received once.
func startWalk(r *repo.Repo, cache, commit string) <-chan walk {
	done := make(chan walk, 1)
	go func() {
		var w walk
		defer func() {
			w.panic = recover()
			done <- w
		}()
		if cache != "" {
			w.ix, w.st, w.keep, w.err = history.CachedUnkept(r.Git, cache, commit)
		} else {
			w.ix, w.err = history.Walk(r.Git, commit)
		}
	}()
	return done
}

// waitWalk returns the walk started by startWalk, raising again a panic
// it met.
func waitWalk(c <-chan walk) walk {
	w := <-c
	if w.panic != nil {
		panic(w.panic)
	}
	return w
}

// readHistory takes the walk of the history of the snapshot's commit
// (startWalk) and keeps the index it made, checks the signatures and the
// published ledger, and describes every records commit, reading the
// files the build decoded already from decoded.
func readHistory(r *repo.Repo, snap *repo.Snapshot, o Options, cache string, w walk, decoded *record.FileCache, g *gate) (*histories, error) {
	rec := o.Timings
	ix, st := w.ix, w.st
	if cache != "" {
		if w.keep != nil { // nil when the walk failed
			st.SaveErr = w.keep()
		}
		rec.Note("history_walked", st.Walked)
		rec.Note("history_reused", st.Reused)
		if st.SaveErr != nil {
			// No reason to fail the build: the next one walks again.
			rec.Note("history_not_kept", 1)
		}
	}
	if w.err != nil {
		return nil, w.err
	}
	prev := o.Ledger
	if prev == nil {
		prev = &ledger.Ledger{}
	}
	// Dates: no commit is older than its ancestors, nor than the last
	// build before this one that did not show it. The same ledger gives
	// the same last build when verify rebuilds the site from its own.
	ix.CheckDates(lastBuildBefore(prev, snap.Commit))
	h := &emit.History{}
	if o.Trust.Dir != "" {
		t, err := history.LoadTrust(o.Trust.Dir, append(r.WorkTrees(), r.GitDir)...)
		if err != nil {
			return nil, err
		}
		ix.Verify(t)
		h.Checked = true
		h.Names = t.Names()
	}
	if o.Trust.Require {
		if err := requireSigned(r, ix, o.Trust.Since); err != nil {
			return nil, err
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
	next, _, err := prev.Next(ledger.Entry(head.Hash, head.Committer.When, head.Subject), records,
		func(c string) bool { return ix.Commit(c) != nil }, o.AllowRewrite)
	if err != nil {
		return nil, err
	}
	// The subjects the ledger publishes pass the gate, those an earlier
	// build published included.
	g.ledger(next)
	h.Rewrites = next.Rewrites

	ix.UseDecoded(decoded)
	diffs, err := ix.DescribeAll()
	if err != nil {
		return nil, err
	}
	r.DropCache()
	h.Diffs = g.history(diffs)
	keep := func() error { return nil }
	if cache != "" {
		keep = func() error { return ix.Keep(cache) }
	}
	unrecorded := prev.Unrecorded(func(c string) bool { return ix.Commit(c) != nil })
	return &histories{site: h, ledger: next, ix: ix, keep: keep, unrecorded: unrecorded, rebuilt: st.Rebuilt, notKept: st.SaveErr}, nil
}

// lastBuildBefore is the commit the site was built from before a build of
// head: the ledger's last build, or when that is head (a rebuild, or
// verify rebuilding the site from its own ledger) the one before.
func lastBuildBefore(l *ledger.Ledger, head string) string {
	n := len(l.Builds)
	if n > 0 && l.Builds[n-1].Commit == head {
		n--
	}
	if n == 0 {
		return ""
	}
	return l.Builds[n-1].Commit
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
	e := &UnsignedError{}
	for _, c := range bad {
		s := c.Signature
		why := s.Status.String()
		if s.Reason != "" {
			why += ", " + s.Reason
		}
		if d := c.Doubt; d != nil {
			why += fmt.Sprintf("; 日期可疑: dated before %s (%s)", d.Commit[:min(len(d.Commit), 10)], d.When.Format("2006-01-02 15:04"))
		}
		e.Commits = append(e.Commits, fmt.Sprintf("%s %s %s %q: %s", c.Short(), c.Committer.When.Format("2006-01-02 15:04"), c.Author.Name, c.Subject, why))
	}
	return e
}
