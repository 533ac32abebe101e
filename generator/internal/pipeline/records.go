package pipeline

import (
	"slices"
	"strings"

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
	"gongshi/generator/internal/theme"
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

	roles *safety.Roles // who answered for an object on a day, for the vetoes
	// index is the safety records indexed once for the stages that read
	// them (safetyIndex).
	index *safety.Index

	// memo, in the versions pass, keeps what the records that did not
	// change gave, for the commit after (nil: nothing kept).
	memo *memo
	// placards, in the versions pass, says the pages asked for need of
	// safety only placards (emit.Needs.Placards): the safety stage
	// computes only what those of the objects placardsOf names are made
	// from (safety.Index.PlacardsOf).
	placards   bool
	placardsOf []string
}

// A memo keeps, for the versions pass, what each score sheet and each
// unit's targets file gave (see assess.Memo, targets.Memo).
type memo struct {
	assess  *assess.Memo
	targets *targets.Memo
}

func newMemo() *memo { return &memo{assess.NewMemo(), targets.NewMemo()} }

func (m *memo) forAssess() *assess.Memo {
	if m == nil {
		return nil
	}
	return m.assess
}

func (m *memo) forTargets() *targets.Memo {
	if m == nil {
		return nil
	}
	return m.targets
}

// safetyIndex is r's records indexed for the safety stages, made by the
// first that runs. The stages of one Records run one after another.
func (r *Records) safetyIndex() *safety.Index {
	if r.index == nil {
		r.index = safety.NewIndex(r.Set)
	}
	return r.index
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
// records, and of the site files the commit holds) and computes the
// results: each mistake of the run, sorted. The results are usable only
// when there is no mistake. Files already decoded are taken from decoded
// (nil: none); rec, if not nil, times the checks and the computations.
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
	r := &Records{Snapshot: snap, Set: set}
	for _, st := range stages {
		if st.name == "assess" {
			rec.Start("compute")
		}
		errs.Append(st.run(r))
	}
	errs = dropFollowOns(errs, decodeErrs)
	errs.Sort()
	return r, errs
}

// A stage is one computation of Compute, after the records are decoded.
// It names everything it reads, so that the versions of notices, built
// from commit after earlier commit, compute it again only when one of
// those changed since the commit before (see past.go).
type stage struct {
	name string
	// kinds are the kinds of record it reads (record.Kind.Name); a name
	// ending in "-" stands for every kind it begins, "*" for every kind.
	kinds []string
	day   bool     // it reads the as-of day
	site  bool     // it reads the commit's site files
	after []string // the stages whose results it reads
	// variant, when set, names what else of Records decides its results
	// (the key of past.go has it).
	variant func(*Records) string
	// mistakes, when set, says whether the stage can find a mistake in
	// the records: when it cannot, a pass that needs only its mistakes
	// (not its results) leaves it out.
	mistakes func(*record.Set) bool
	run      func(r *Records) diag.List
}

// never is the mistakes of a stage that finds none: it only computes.
func never(*record.Set) bool { return false }

// The kinds of record most stages read: the township, its units, posts
// and people.
var register = []string{"township", "units", "posts", "people"}

func kinds(ks ...[]string) []string { return slices.Concat(ks...) }

// stages are Compute's, in order: a stage comes after those it reads.
var stages = []stage{
	{name: "calendar", kinds: []string{"calendar"}, run: func(r *Records) diag.List {
		var errs diag.List
		r.Calendar, errs = calendar.New(r.Set.Calendars)
		return errs
	}},
	{name: "safety-check", kinds: kinds(register, []string{"safety-"}), day: true, run: func(r *Records) diag.List {
		return r.safetyIndex().Check(r.Snapshot.AsOf)
	}},
	{name: "assess", kinds: kinds(register, []string{"calendar", "assess-"}), after: []string{"calendar"}, run: func(r *Records) diag.List {
		var errs diag.List
		r.Assess, errs = r.memo.forAssess().Compute(r.Set, r.Calendar)
		return errs
	}},
	{name: "safety", kinds: kinds(register, []string{"safety-"}), day: true, mistakes: never,
		variant: func(r *Records) string {
			if r.placards { // ids hold no "/" (emit.PlacardObjects)
				return "placards of " + strings.Join(r.placardsOf, "/")
			}
			return "all"
		},
		run: func(r *Records) diag.List {
			if r.placards {
				r.Safety = r.safetyIndex().PlacardsOf(r.Snapshot.AsOf, r.placardsOf)
			} else {
				r.Safety = r.safetyIndex().Compute(r.Snapshot.AsOf)
			}
			return nil
		}},
	// Who answered for an object on a day (for the vetoes) depends on
	// the records alone: the target results do not change with the day.
	{name: "roles", kinds: kinds(register, []string{"safety-categories", "safety-objects"}), mistakes: never, run: func(r *Records) diag.List {
		r.roles = r.safetyIndex().Roles()
		return nil
	}},
	{name: "targets", kinds: kinds(register, []string{"calendar", "target-", "annual-grades", "safety-objects", "safety-accidents"}),
		after: []string{"calendar", "assess", "roles"}, run: func(r *Records) diag.List {
			var errs diag.List
			r.Targets, errs = r.memo.forTargets().Compute(r.Set, r.Calendar, r.Assess, r.roles)
			return errs
		}},
	// The figures find mistakes only in the summaries that cite them.
	{name: "figures", kinds: []string{"*"}, day: true, after: []string{"assess", "targets", "safety"},
		mistakes: func(s *record.Set) bool { return len(s.Summaries) > 0 },
		run: func(r *Records) diag.List {
			var errs diag.List
			r.Figures, errs = figures.Compute(figures.Input{Set: r.Set, AsOf: r.Snapshot.AsOf, Assess: r.Assess, Targets: r.Targets, Safety: r.Safety})
			return errs
		}},
	{name: "publicity", kinds: []string{"township", "calendar", "objections"}, day: true, after: []string{"calendar", "assess", "targets"}, run: func(r *Records) diag.List {
		var errs diag.List
		r.Publicity, errs = publicity.Compute(r.Set, r.Calendar, notices(r.Assess, r.Targets), r.Snapshot.AsOf)
		return errs
	}},
	// The commit's own site files: nothing in them may make the site
	// depend on anything but the commit, nor publish what may not be,
	// nor replace a partial gongshi's layouts execute in place with one
	// that returns a value.
	{name: "site", kinds: []string{"township", "units"}, site: true, run: func(r *Records) diag.List {
		var errs diag.List
		own := make(map[string]bool, len(r.Snapshot.Site))
		for _, f := range r.Snapshot.Site {
			errs.Append(render.Check(f.Path, f.Data))
			own[f.Path] = true
		}
		errs.Append(checkSiteText(r.Set, r.Snapshot.Site))
		if len(own) > 0 {
			layouts := map[string][]byte{}
			for _, f := range theme.Overlay(r.Snapshot.Site) {
				layouts[f.Path] = f.Data
			}
			errs.Append(render.CheckInPlace(layouts, own))
		}
		return errs
	}},
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
