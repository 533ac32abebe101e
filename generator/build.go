package main

import (
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"

	"gongshi/generator/internal/assess"
	"gongshi/generator/internal/calendar"
	"gongshi/generator/internal/diag"
	"gongshi/generator/internal/emit"
	"gongshi/generator/internal/ledger"
	"gongshi/generator/internal/phase"
	"gongshi/generator/internal/publish"
	"gongshi/generator/internal/record"
	"gongshi/generator/internal/render"
	"gongshi/generator/internal/repo"
	"gongshi/generator/internal/safety"
	"gongshi/generator/internal/targets"
	"gongshi/generator/internal/theme"
)

func cmdBuild(args []string, stdout, stderr io.Writer) error {
	fs := flags("build", stderr)
	dir := fs.String("repo", ".", "a folder inside the records repository")
	rev := fs.String("rev", "HEAD", "the commit to build (branch, tag or hash)")
	out := fs.String("out", "public", "the folder to publish the site into")
	var ho historyOptions
	fs.StringVar(&ho.Trust, "trust", "", "the trust root: a folder outside the repository with the publishers' keys (allowed_signers, *.asc); every commit's signature is checked against it")
	fs.BoolVar(&ho.RequireSigned, "require-signed", false, "refuse to publish when a commit is not signed by a key of --trust valid at its date")
	fs.StringVar(&ho.SignedSince, "signed-since", "", "with --require-signed, require signatures only on the commits after this one")
	fs.BoolVar(&ho.AllowRewrite, "allow-rewrite", false, "publish although commits already published are no longer in the history (force-push, rebase); the change log shows the rewrite")
	timings := fs.String("timings", "", "write each phase's time and allocations as JSON to this file")
	profile := fs.String("profile", "", "write a CPU profile of the build to `PREFIX`.cpu and the heap at its largest to PREFIX.heap")
	memory := fs.Int("memory", defaultMemoryMiB, "the build's memory budget in `MiB`, kept when the build can (0: none); a smaller budget costs time")
	if err := parse(fs, args); err != nil {
		return err
	}
	prof, err := startProfile(*profile)
	if err != nil {
		return err
	}
	defer prof.Stop()
	switch {
	case ho.RequireSigned && ho.Trust == "":
		return &usageError{msg: "build: --require-signed needs --trust DIR, the keys signatures are checked against"}
	case ho.SignedSince != "" && !ho.RequireSigned:
		return &usageError{msg: "build: --signed-since is given with --require-signed"}
	}
	var rec *phase.Recorder
	if *timings != "" {
		rec = phase.New()
	}
	mem := startBudget(*memory)
	defer mem.Stop()
	o, led, from, err := buildProject(*dir, *rev, *out, ho, rec)
	if err != nil {
		return err
	}
	st, err := publishProject(o, led, *out, stderr, rec)
	if err != nil {
		return err
	}
	if rec != nil {
		rec.Note("pages", st.Pages)
		rec.Note("record_files", from.records)
		if mem.Lifted() {
			rec.Note("memory_budget_lifted", 1)
		}
		if err := rec.WriteFile(*timings); err != nil {
			return fmt.Errorf("timings: %w", err)
		}
	}
	fmt.Fprintf(stdout, "gongshi: built %d pages from commit %s (%s, as of %s) into %s\n",
		st.Pages, from.short, from.when.Format("2006-01-02 15:04"), from.asOf, *out)
	if n := len(led.Rewrites); n > 0 {
		rw := led.Rewrites[n-1]
		if rw.To.Commit == from.commit {
			fmt.Fprintf(stdout, "gongshi: published a rewrite of history: %d commit(s) published before are gone; the change log shows them\n", len(rw.Dropped))
		}
	}
	return nil
}

// builtFrom is what a build says of the commit it built, once the
// commit's records are no longer held.
type builtFrom struct {
	records int
	short   string
	when    time.Time
	asOf    record.Date
	commit  string
}

// buildProject reads the records at rev, validates them, computes the
// results, brings the history up to rev, emits the site's Hugo project
// and keeps what the next build can reuse. The records, the history and
// the repository's object caches are let go when it returns: the render,
// the phase that needs the most memory, needs only the project.
func buildProject(dir, rev, out string, ho historyOptions, rec *phase.Recorder) (render.Options, *ledger.Ledger, builtFrom, error) {
	rec.Start("open")
	r, err := repo.Open(dir)
	if err != nil {
		return render.Options{}, nil, builtFrom{}, err
	}
	defer r.Close()
	rec.Start("load")
	snap, err := r.Snapshot(rev)
	if err != nil {
		return render.Options{}, nil, builtFrom{}, err
	}
	// Files decoded once, for this commit and the earlier ones its
	// pages' versions are built from.
	decoded := record.NewFileCache()
	res, errs := validateCached(snap, rec, decoded)
	if err := errs.Err(); err != nil {
		return render.Options{}, nil, builtFrom{}, err
	}
	// What the site published last, so that history rewritten since is
	// not published silently.
	rec.Start("history")
	ho.Cache, ho.rec, ho.decoded = filepath.Join(r.GitDir, historyCacheDir), rec, decoded
	if ho.Ledger, err = ledger.Read(filepath.Join(out, ledger.File)); err != nil {
		return render.Options{}, nil, builtFrom{}, err
	}
	hist, led, keep, err := readHistory(r, snap, ho)
	if err != nil {
		return render.Options{}, nil, builtFrom{}, err
	}
	rec.Start("emit")
	o, err := siteProject(snap, res, hist)
	if err != nil {
		return render.Options{}, nil, builtFrom{}, err
	}
	rec.Start("keep")
	if err := keep(); err != nil {
		rec.Note("history_not_kept", 1) // the next build computes it again
	}
	return o, led, builtFrom{records: len(snap.Records), short: snap.Short(), when: snap.When, asOf: snap.AsOf, commit: snap.Commit}, nil
}

func cmdCheck(args []string, stdout, stderr io.Writer) error {
	fs := flags("check", stderr)
	dir := fs.String("repo", ".", "a folder inside the records repository")
	rev := fs.String("rev", "", "check this commit instead of the working tree")
	staged := fs.Bool("staged", false, "check what is staged for the next commit")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *rev != "" && *staged {
		return &usageError{msg: "check: --rev and --staged cannot be used together"}
	}
	var snap *repo.Snapshot
	var err error
	switch {
	case *rev != "" || *staged:
		r, err := repo.Open(*dir)
		if err != nil {
			return err
		}
		defer r.Close()
		if *staged {
			snap, err = r.Staged(today())
		} else {
			snap, err = r.Snapshot(*rev)
		}
		if err != nil {
			return err
		}
	default:
		root, err := worktreeRoot(*dir)
		if err != nil {
			return err
		}
		if snap, err = repo.WorkTree(root, today()); err != nil {
			return err
		}
	}
	_, errs := validate(snap, nil)
	if err = errs.Err(); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "gongshi: %d record files, no mistakes\n", len(snap.Records))
	return nil
}

// today is the preview's and the checker's as-of day. Published builds
// never use it: their as-of day is the commit's.
func today() record.Date { return record.DateOf(time.Now().In(record.Shanghai())) }

// worktreeRoot is the top of the working tree containing dir.
func worktreeRoot(dir string) (string, error) {
	r, err := repo.Open(dir)
	if err != nil {
		return "", err
	}
	defer r.Close()
	return r.Dir, nil
}

// results are the records of a snapshot and what was computed from them.
type results struct {
	set    *record.Set
	cal    *calendar.Calendar
	assess []*assess.Result
	safety *safety.Result
	// targets: the unit target assessment and annual grades.
	targets *targets.Result
}

// validate decodes the records, runs every check and computes the results:
// each mistake of the run, sorted. The results are usable only when there
// is no mistake. rec, if not nil, times the checks and the computations.
func validate(snap *repo.Snapshot, rec *phase.Recorder) (*results, diag.List) {
	return validateCached(snap, rec, nil)
}

// validateCached is validate, taking the files decoded before from the
// cache (nil: none), as a build does for the commits of its pages'
// versions.
func validateCached(snap *repo.Snapshot, rec *phase.Recorder, decoded *record.FileCache) (*results, diag.List) {
	rec.Start("validate")
	set, errs := record.DecodeCached(snap.Records, decoded)
	cal, cerrs := calendar.New(set.Calendars)
	errs.Append(cerrs)
	errs.Append(safety.Check(set, snap.AsOf))
	rec.Start("compute")
	as, aerrs := assess.Compute(set, cal)
	errs.Append(aerrs)
	sr := safety.Compute(set, snap.AsOf)
	// targets: the veto reads who answered for an object from the safety
	// result, the annual grades the quarters' results.
	tr, terrs := targets.Compute(set, cal, as, sr)
	errs.Append(terrs)
	errs.Sort()
	return &results{set: set, cal: cal, assess: as, safety: sr, targets: tr}, errs
}

// publishSite builds the site into a staging folder beside out and swaps
// it in; on any failure out is left as it was. The ledger, when given, is
// published with it.
func publishSite(snap *repo.Snapshot, res *results, hist *emit.History, led *ledger.Ledger, out string, log io.Writer, rec *phase.Recorder) (render.Stats, error) {
	rec.Start("emit")
	o, err := siteProject(snap, res, hist)
	if err != nil {
		return render.Stats{}, err
	}
	return publishProject(o, led, out, log, rec)
}

// publishProject renders a project into a staging folder beside out and
// swaps it in; on any failure out is left as it was.
func publishProject(o render.Options, led *ledger.Ledger, out string, log io.Writer, rec *phase.Recorder) (render.Stats, error) {
	stage, err := publish.Stage(out)
	if err != nil {
		return render.Stats{}, err
	}
	st, err := renderProject(o, led, stage.Dir, log, rec)
	if err != nil {
		stage.Discard()
		return st, err
	}
	rec.Start("publish")
	if err := stage.Swap(); err != nil {
		stage.Discard()
		return st, err
	}
	return st, nil
}

// siteInput is what emit is given for a snapshot's results.
func siteInput(snap *repo.Snapshot, res *results, hist *emit.History) emit.Input {
	return emit.Input{Set: res.set, Calendar: res.cal, Assess: res.assess, Safety: res.safety, Targets: res.targets, History: hist, Build: emit.Build{
		Commit: snap.Commit, When: snap.When, AsOf: snap.AsOf,
		Author: snap.Author, Message: snap.Message, Preview: snap.WorkTree,
	}}
}

// renderSite emits the content and renders the site into dir. The ledger,
// when given, is written beside the site.
func renderSite(snap *repo.Snapshot, res *results, hist *emit.History, led *ledger.Ledger, dir string, log io.Writer, rec *phase.Recorder) (render.Stats, error) {
	o, err := siteProject(snap, res, hist)
	if err != nil {
		return render.Stats{}, err
	}
	return renderProject(o, led, dir, log, rec)
}

// renderProject renders a project into dir. The ledger, when given, is
// written beside the site.
func renderProject(o render.Options, led *ledger.Ledger, dir string, log io.Writer, rec *phase.Recorder) (render.Stats, error) {
	rec.Start("render")
	o.Out, o.Log = dir, log
	st, err := render.Build(o)
	if err != nil || led == nil {
		return st, err
	}
	if err := os.WriteFile(filepath.Join(dir, ledger.File), led.Marshal(), 0o644); err != nil {
		return st, fmt.Errorf("publish: %w", err)
	}
	return st, nil
}

// siteProject emits the content and returns what Hugo is to render: an
// in-memory project of the site files (the snapshot's over the embedded
// ones), and the emitted content under _gen/, which hugo.toml mounts
// beside the hand-written content/.
func siteProject(snap *repo.Snapshot, res *results, hist *emit.History) (render.Options, error) {
	set := res.set
	files, err := emit.Site(siteInput(snap, res, hist))
	if err != nil {
		return render.Options{}, err
	}
	const root = "/site"
	src := render.NewProject()
	// The site files shipped inside gongshi, each replaced by the
	// repository's own file of the same path (package theme).
	var pf []render.File
	for _, f := range theme.Overlay(snap.Site) {
		pf = append(pf, render.File{Name: path.Join(root, f.Path), Data: f.Data})
	}
	// The pages' data files are read once each, while their page renders:
	// held compressed until then.
	for _, f := range files {
		pf = append(pf, render.File{Name: path.Join(root, "_gen", f.Path), Data: f.Data, Pack: strings.HasPrefix(f.Path, emit.DataDir+"/")})
	}
	if err := src.Add(pf); err != nil {
		return render.Options{}, err
	}
	config := map[string]any{"title": set.Township.Organ + "公示栏"}
	if set.Township.Website != "" {
		config["baseURL"] = set.Township.Website // each township's own address, whatever hugo.toml ships
	}
	return render.Options{Source: src, Root: root, Config: config}, nil
}
