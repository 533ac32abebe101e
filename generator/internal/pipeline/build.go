package pipeline

import (
	"errors"
	"io"
	"maps"
	"strings"
	"time"

	"gongshi/generator/internal/diag"
	"gongshi/generator/internal/emit"
	"gongshi/generator/internal/history"
	"gongshi/generator/internal/inspect"
	"gongshi/generator/internal/ledger"
	"gongshi/generator/internal/phase"
	"gongshi/generator/internal/record"
	"gongshi/generator/internal/render"
)

// Options say what to build and how.
type Options struct {
	Source
	// Trust says how signatures are checked.
	Trust Trust
	// Ledger is the ledger of the site the build will replace (nil: none
	// yet): commits it says were published must still be in the history.
	Ledger *ledger.Ledger
	// AllowRewrite publishes although published commits are gone from the
	// history (force-push, rebase): the rewrite is recorded for good.
	AllowRewrite bool
	// Cache is the folder where the history index and the versions of
	// notices are kept between builds ("": gongshi/ under the git dir),
	// made if missing; one that is a file, or lies in the site published
	// or verified, is refused before any work (see CacheUse for what is
	// checked). NoCache walks and computes everything again, keeping
	// nothing.
	Cache   string
	NoCache bool
	// MemoryMiB is the build's memory budget (see StartBudget): Hugo's
	// caches are given a sixteenth of it (hugoCacheShare). 0: Hugo's own
	// limit.
	MemoryMiB int
	// Budget is the budget the build runs in (StartBudget, nil: none):
	// it paces the collector while Hugo renders (Budget.Render).
	Budget *Budget
	// Timings, if not nil, records each stage's time and allocations.
	Timings *phase.Recorder
	// Log receives Hugo's warnings and errors as they come.
	Log io.Writer
	// NoWait, for Publish, fails at once with publish.ErrBusy when
	// another build is publishing into the same folder; Waiting, if not
	// nil, is called once before Publish waits for it instead.
	NoWait  bool
	Waiting func()
	// Strict makes what the site's self-check finds (inspect: a blank
	// section, notices not updated for six months, an undated notice, a
	// broken link, a title repeating its kind) mistakes that fail the
	// build; without it they are the site's Findings.
	Strict bool
	// Checkpoint, if not nil, is called with the name of each point of a
	// build and publication as it is reached (see Publish). The fault
	// tests stop the process there; gongshi itself sets none.
	Checkpoint func(point string)
}

// at calls the checkpoint, if any.
func (o *Options) at(point string) {
	if o.Checkpoint != nil {
		o.Checkpoint(point)
	}
}

// DefaultCacheDir is the folder, under the git dir, where a build keeps
// what the next one can reuse.
const DefaultCacheDir = "gongshi"

// Site is the site of one commit, emitted and ready to render. It holds
// only what the render needs: the records, the history and the
// repository are let go when Build returns.
type Site struct {
	Commit      string    // full hash; "" for a preview
	When        time.Time // the commit's committer date, in Asia/Shanghai
	AsOf        record.Date
	RecordFiles int
	Preview     bool // the working tree's: bannered 未提交预览, never published
	// Ledger is the ledger to publish with the site (nil for a preview).
	Ledger *ledger.Ledger
	// Rewrite is the rewrite of published history this build publishes
	// (with Options.AllowRewrite), or nil.
	Rewrite *ledger.Rewrite
	// Unrecorded are the builds Options.Ledger names since its last
	// recorded rewrite that are not in the history of this commit: none
	// for a ledger gongshi wrote (see ledger.Unrecorded).
	Unrecorded []ledger.Commit
	// Warnings say what of the history the gate published masked or
	// cleaned: a line per commit, place and value (the value masked).
	Warnings []string

	// Cache says what the build did with its cache.
	Cache CacheUse

	// Findings are what the site's self-check found (see Options.Strict),
	// sorted: the pages' and records' when Build returns, the links' once
	// the site is rendered.
	Findings diag.List

	project render.Options
	secrets *secrets           // what the rendered site may not hold
	outline []emit.OutlinePage // for checking the rendered site's links
	strict  bool
	memory  uint64  // Hugo's cache limit in bytes
	budget  *Budget // paces the render (Options.Budget)
	rec     *phase.Recorder
	log     io.Writer
	at      func(string)
}

// committers adds to the names the trust root gives e-mails (trusted, may
// be nil) those the records give: each person's e-mails they commit as.
// The records are the commit's own, the same for every build of it; a
// name the trust root gives an e-mail the records also know wins, as the
// trust root is kept outside the commits it judges.
func committers(set *record.Set, trusted map[string]string) map[string]string {
	names := map[string]string{}
	for i := range set.People {
		p := &set.People[i]
		for _, e := range p.Emails {
			names[strings.ToLower(e)] = p.Name
		}
	}
	maps.Copy(names, trusted)
	return names
}

// Short is the abbreviated commit hash.
func (s *Site) Short() string { return s.Commit[:min(len(s.Commit), 10)] }

// Build runs the pipeline up to the render: it opens the commit, loads,
// validates and computes its records, reads their history, emits the
// site and, in a second pass, the published versions of its notices.
// Mistakes in the records are returned as a diag.List.
func Build(o Options) (*Site, error) {
	rec := o.Timings
	repository, snapshot, err := open(o.Source, rec)
	if err != nil {
		return nil, err
	}
	defer repository.Close()
	cache := ""
	if !snapshot.WorkTree && !o.Staged {
		cache = o.cacheDir(repository.GitDir)
		if err := checkCache(cache, ""); err != nil {
			return nil, err
		}
	}
	// Files decoded once, for this commit and the earlier ones its
	// notices' versions are built from.
	decoded := record.NewFileCache()
	// The history is walked while the records are validated and
	// computed, which read nothing more of the repository (its time is
	// theirs in --timings; the history phase is what follows). Records
	// that do not build keep nothing of the walk.
	var walked <-chan walk
	if !snapshot.WorkTree && !o.Staged {
		walked = startWalk(repository, cache, snapshot.Commit)
	}
	recs, errs := Compute(snapshot, decoded, rec)
	var w walk
	if walked != nil {
		w = waitWalk(walked)
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	o.at("loaded")
	g := newGate(recs.Set)
	site := &Site{
		Commit: snapshot.Commit, When: snapshot.When, AsOf: snapshot.AsOf,
		RecordFiles: len(snapshot.Records), Preview: snapshot.WorkTree || o.Staged,
		rec: rec, log: o.Log, at: o.Checkpoint, memory: uint64(max(o.MemoryMiB, 0)) << 20 / hugoCacheShare, budget: o.Budget, strict: o.Strict,
	}
	if site.Preview {
		// The working tree has no history: no change histories, no
		// versions, no ledger.
		rec.Start("emit")
		s, err := emit.New(emitInput(recs, nil, g))
		if err != nil {
			return nil, err
		}
		files, err := s.Files()
		if err != nil {
			return nil, err
		}
		site.project, err = project(settingsOf(recs), files)
		site.secrets = g.secrets(privateOf(recs.Set))
		return site, err
	}

	rec.Start("history")
	hist, err := readHistory(repository, snapshot, o, cache, w, decoded, g)
	if err != nil {
		return nil, err
	}
	site.Cache = CacheUse{Dir: cache, Rebuilt: hist.rebuilt, NotKept: hist.notKept}
	site.Ledger, site.Unrecorded = hist.ledger, hist.unrecorded
	if n := len(hist.ledger.Rewrites); n > 0 && hist.ledger.Rewrites[n-1].To.Commit == snapshot.Commit {
		site.Rewrite = &hist.ledger.Rewrites[n-1]
	}
	o.at("history")

	hist.site.Names = committers(recs.Set, hist.site.Names)
	rec.Start("emit")
	s, err := emit.New(emitInput(recs, hist.site, g))
	if err != nil {
		return nil, err
	}
	o.at("emitted")
	// The rest of the build needs only this of the records: they are let
	// go (the versions pass takes from decoded the files it shares with
	// them).
	st, secret := settingsOf(recs), privateOf(recs.Set)
	asOf, names := snapshot.AsOf, inspect.Names(recs.Set)
	recs, snapshot = nil, nil
	rec.Start("versions")
	v := &versions{r: repository, ix: hist.ix, decoded: decoded, gate: g}
	if cache != "" {
		v.saved = history.OpenStore(cache, versionsFile)
	}
	past, err := v.run(s.Wanted())
	if err != nil {
		return nil, err
	}
	rec.Note("versions_stages_computed", v.done.ran)
	rec.Note("versions_stages_reused", v.done.reused)
	for part, u := range v.done.parts {
		rec.Note("versions_runs_"+part, u.Runs)
		rec.Note("versions_ms_"+part, int(u.Time.Milliseconds()))
	}
	if err := s.AddVersions(past); err != nil {
		return nil, err
	}
	o.at("versions")
	rec.Start("emit")
	files, err := s.Files()
	if err != nil {
		return nil, err
	}
	// The site checks itself, as the county's inspector would.
	site.outline = s.Outline()
	site.Findings = inspect.Pages(site.outline, asOf)
	site.Findings.Append(names)
	site.Findings.Sort()
	if o.Strict && len(site.Findings) > 0 {
		return nil, &inspect.Failed{List: site.Findings}
	}
	if site.project, err = project(st, files); err != nil {
		return nil, err
	}
	site.secrets = g.secrets(secret)
	site.Warnings = g.Warnings()
	rec.Start("keep")
	kerr := hist.keep()
	if v.saved != nil {
		kerr = errors.Join(kerr, v.saved.Save(hist.ix))
		if site.Cache.Rebuilt == "" && v.saved.Rebuilt != "none" && v.saved.Rebuilt != "" {
			site.Cache.Rebuilt = versionsFile + ": " + v.saved.Rebuilt
		}
	}
	if kerr != nil {
		rec.Note("history_not_kept", 1) // the next build computes it again
		if site.Cache.NotKept == nil {
			site.Cache.NotKept = kerr
		}
	}
	return site, nil
}

// hugoCacheShare is the part of the budget Hugo's caches may hold, 1/16.
// What they would keep of gongshi's site is not used again: each page's
// data is decoded once, while that page renders, and the few things
// pages share (the stylesheet, the script) are small. With half the
// budget, Hugo kept every page's decoded data, 190 MB on the county,
// and the render's live heap passed the budget; with a sixteenth it
// keeps 58 MB at the render's peak and renders as fast.
const hugoCacheShare = 16
