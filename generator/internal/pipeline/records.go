package pipeline

import (
	"gongshi/generator/internal/assess"
	"gongshi/generator/internal/calendar"
	"gongshi/generator/internal/diag"
	"gongshi/generator/internal/figures"
	"gongshi/generator/internal/phase"
	"gongshi/generator/internal/publicity"
	"gongshi/generator/internal/record"
	"gongshi/generator/internal/render"
	"gongshi/generator/internal/repo"
	"gongshi/generator/internal/safety"
	"gongshi/generator/internal/targets"
)

// Records are the records of a snapshot, validated, and what was computed
// from them: what the site shows, the payroll exports and the workbooks
// are made from.
type Records struct {
	Snapshot *repo.Snapshot
	Set      *record.Set
	Calendar *calendar.Calendar
	Assess   []*assess.Result // a result per quarter with score sheets
	Safety   *safety.Result
	Targets  *targets.Result // the unit target assessment and annual grades
	Figures  *figures.Result // every year's figures, and the summaries filled in
	// Publicity is where each notice stands on the snapshot's day: its
	// period, the objections to it, its result.
	Publicity *publicity.Result
}

// Load reads the records src names, validates them and computes the
// results. Mistakes in the records are returned as a diag.List, every
// mistake of the run, sorted.
func Load(src Source) (*Records, error) {
	r, snap, err := open(src, nil)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	recs, errs := Compute(snap, nil, nil)
	if err := errs.Err(); err != nil {
		return nil, err
	}
	return recs, nil
}

// Compute decodes the records of a snapshot, runs every check (of the
// records, and of the site files the commit holds) and computes the results: each mistake of the run, sorted. The results are usable
// only when there is no mistake. Files already decoded are taken from
// decoded (nil: none), as the versions pass does for earlier commits; rec,
// if not nil, times the checks and the computations.
func Compute(snap *repo.Snapshot, decoded *record.FileCache, rec *phase.Recorder) (*Records, diag.List) {
	rec.Start("validate")
	set, errs := record.DecodeCached(snap.Records, decoded)
	decodeErrs := len(errs)
	if len(set.Unreadable) > 0 {
		// Records are missing: what the domains would say of the rest
		// (a person out of scope, a unit without targets) would be
		// follow-on mistakes of the files that could not be read.
		errs.Sort()
		return &Records{Snapshot: snap, Set: set}, errs
	}
	cal, cerrs := calendar.New(set.Calendars)
	errs.Append(cerrs)
	errs.Append(safety.Check(set, snap.AsOf))
	rec.Start("compute")
	as, aerrs := assess.Compute(set, cal)
	errs.Append(aerrs)
	sr := safety.Compute(set, snap.AsOf)
	// The veto reads who answered for an object from the safety result,
	// the annual grades the quarters' results.
	tr, terrs := targets.Compute(set, cal, as, sr)
	errs.Append(terrs)
	fr, ferrs := figures.Compute(figures.Input{Set: set, AsOf: snap.AsOf, Assess: as, Targets: tr, Safety: sr})
	errs.Append(ferrs)
	pr, perrs := publicity.Compute(set, cal, notices(as, tr), snap.AsOf)
	errs.Append(perrs)
	// The commit's own site files: nothing in them may make the site
	// depend on anything but the commit.
	for _, f := range snap.Site {
		errs.Append(render.Check(f.Path, f.Data))
	}
	errs.Append(checkSiteText(set, snap.Site))
	errs = dropFollowOns(errs, decodeErrs)
	errs.Sort()
	return &Records{Snapshot: snap, Set: set, Calendar: cal, Assess: as, Safety: sr, Targets: tr, Figures: fr, Publicity: pr}, errs
}

// notices lists the notices the domains computed, for their life cycle:
// each quarter's results, each year's unit results and annual grades once
// posted.
func notices(as []*assess.Result, tr *targets.Result) []publicity.Notice {
	var ns []publicity.Notice
	for _, r := range as {
		n := r.Notice
		ns = append(ns, publicity.Notice{ID: n.ID, Title: n.Title, Period: n.Period, Result: n.Result, ReportTo: n.ReportTo})
	}
	if tr == nil {
		return ns
	}
	for _, y := range tr.Years {
		if n := y.Notice; y.Final {
			ns = append(ns, publicity.Notice{ID: n.ID, Title: n.Title, Period: n.Period, Result: n.Result})
		}
	}
	for _, g := range tr.Grades {
		if n := g.Notice; !g.Rec.Issued.IsZero() {
			ns = append(ns, publicity.Notice{ID: n.ID, Title: n.Title, Period: n.Period, Result: n.Result})
		}
	}
	return ns
}

// dropFollowOns drops the mistakes the domains report at the position of
// one the decoder reported (the first n): a value the decoder could not
// read is left at its zero value, and what the domains then say of it
// ("expected a count above 0, found 0") follows from the first mistake.
func dropFollowOns(errs diag.List, n int) diag.List {
	decoded := map[diag.Pos]bool{}
	for _, e := range errs[:n] {
		decoded[e.Pos] = true
	}
	out := errs[:n]
	for _, e := range errs[n:] {
		if e.Pos.Line == 0 || !decoded[e.Pos] {
			out = append(out, e)
		}
	}
	return out
}
