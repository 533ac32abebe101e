package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"gongshi/generator/internal/phase"
	"gongshi/generator/internal/pipeline"
	"gongshi/generator/internal/record"
)

func cmdBuild(args []string, stdout, stderr io.Writer) error {
	fs := flags("build", stderr)
	dir := fs.String("repo", ".", "a folder inside the records repository")
	rev := fs.String("rev", "HEAD", "the commit to build (branch, tag or hash)")
	out := fs.String("out", "public", "the folder to publish the site into")
	var o pipeline.Options
	fs.StringVar(&o.Trust.Dir, "trust", "", "the trust root: a folder outside the repository with the publishers' keys (allowed_signers, *.asc); every commit's signature is checked against it")
	fs.BoolVar(&o.Trust.Require, "require-signed", false, "refuse to publish when a commit is not signed by a key of --trust valid at its date")
	fs.StringVar(&o.Trust.Since, "signed-since", "", "with --require-signed, require signatures only on the commits after this one")
	fs.BoolVar(&o.AllowRewrite, "allow-rewrite", false, "publish although commits already published are no longer in the history (force-push, rebase, an older commit); the change log shows the rewrite")
	fs.BoolVar(&o.NoWait, "no-wait", false, "fail at once (exit status 5) when another build is publishing into the same folder, instead of waiting for it")
	fs.BoolVar(&o.Strict, "strict", false, "fail (exit status 1, nothing published) on what the site's self-check finds: a blank section, notices not updated for six months, an undated notice, a broken link, a title repeating its kind")
	fs.StringVar(&o.Cache, "cache", "", "keep what the next build can reuse (the history index, the versions of notices) in this `folder` (default: gongshi/ in the repository's git folder); what it holds is checked and rebuilt when it cannot be trusted")
	timings := fs.String("timings", "", "write each phase's time, allocations and garbage collections as JSON to this file")
	profile := fs.String("profile", "", "write a CPU profile of the build to `PREFIX`.cpu, the heap at its largest to PREFIX.heap and the allocations of the whole build to PREFIX.allocs")
	memory := fs.Int("memory", pipeline.DefaultMemoryMiB, "the build's memory budget in `MiB`, kept when the build can (0: none); a smaller budget costs time")
	if err := parse(fs, args); err != nil {
		return err
	}
	switch {
	case o.Trust.Require && o.Trust.Dir == "":
		return &usageError{msg: "build: --require-signed needs --trust DIR, the keys signatures are checked against"}
	case o.Trust.Since != "" && !o.Trust.Require:
		return &usageError{msg: "build: --signed-since is given with --require-signed"}
	}
	prof, err := startProfile(*profile)
	if err != nil {
		return err
	}
	defer prof.Stop()
	if *timings != "" {
		o.Timings = phase.New()
	}
	mem := pipeline.StartBudget(*memory)
	defer mem.Stop()

	o.Source = pipeline.Source{Dir: *dir, Rev: *rev}
	o.Log, o.MemoryMiB, o.Budget = stderr, *memory, mem
	o.Waiting = func() {
		fmt.Fprintf(stderr, "gongshi: another build is publishing into %s; waiting for it to finish\n", *out)
	}
	// OUT is checked and locked first; the ledger of the build before is
	// read under the lock, so that history rewritten since (or a commit
	// older than the site's) is not published silently.
	pub, err := pipeline.Publish(*out, o)
	if err != nil {
		return err
	}
	// The new site is live: from here on, nothing fails the build.
	site, st := pub.Site, pub.Stats
	reportCache(stderr, site.Cache)
	for _, w := range site.Warnings {
		fmt.Fprintf(stderr, "gongshi: warning: %s\n", w)
	}
	fmt.Fprintf(stdout, "gongshi: built %d pages from commit %s (%s, as of %s) into %s\n",
		st.Pages, site.Short(), site.When.Format("2006-01-02 15:04"), site.AsOf, *out)
	if rw := site.Rewrite; rw != nil {
		fmt.Fprintf(stdout, "gongshi: published a rewrite of history: %d commit(s) published before are gone; the change log shows them\n", len(rw.Dropped))
	}
	for _, f := range site.Findings {
		fmt.Fprintf(stderr, "gongshi: warning: %s\n", f)
	}
	for _, l := range pub.Leftovers {
		fmt.Fprintf(stderr, "gongshi: warning: the site is published, but this could not be removed (the next build tries again): %s\n", l)
	}
	if rec := o.Timings; rec != nil {
		rec.Note("pages", st.Pages)
		rec.Note("record_files", site.RecordFiles)
		if mem.Lifted() {
			rec.Note("memory_budget_lifted", 1)
		}
		if err := rec.WriteFile(*timings); err != nil {
			fmt.Fprintf(stderr, "gongshi: warning: the site is published, but the timings were not written: %v\n", err)
		}
	}
	return nil
}

func cmdCheck(args []string, stdout, stderr io.Writer) error {
	fs := flags("check", stderr)
	dir := fs.String("repo", ".", "a folder inside the records repository")
	rev := fs.String("rev", "", "check this commit instead of the working tree")
	staged := fs.Bool("staged", false, "check what is staged for the next commit")
	message := fs.String("message", "", "check the commit message in `FILE` instead (what the commit-msg hook runs): it is published")
	author := fs.String("author", "", `with --message, check the author too, "Name <email>" (git var GIT_AUTHOR_IDENT)`)
	if err := parse(fs, args); err != nil {
		return err
	}
	if *rev != "" && *staged {
		return &usageError{msg: "check: --rev and --staged cannot be used together"}
	}
	if *message != "" {
		if *rev != "" || *staged {
			return &usageError{msg: "check: --message checks a commit message, not records: give it without --rev or --staged"}
		}
		data, err := os.ReadFile(*message)
		if err != nil {
			return fmt.Errorf("check: %w", err)
		}
		if errs := pipeline.CheckMessageFile(*dir, filepath.Base(*message), data, *author); len(errs) > 0 {
			fmt.Fprintln(stderr, errs.Error())
			fmt.Fprintf(stderr, "gongshi: %d mistake(s) in the commit message, which is published on the site for good: no commit\n", len(errs))
			return errReported
		}
		fmt.Fprintln(stdout, "gongshi: the commit message holds nothing that may not be published")
		return nil
	} else if *author != "" {
		return &usageError{msg: "check: --author is checked with --message"}
	}
	src := pipeline.Source{Dir: *dir, Rev: *rev, Staged: *staged, WorkTree: *rev == "" && !*staged}
	if src.Staged || src.WorkTree {
		src.Today = today()
	}
	recs, err := pipeline.Load(src)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "gongshi: %d record files, no mistakes\n", len(recs.Snapshot.Records))
	return nil
}

// today is the preview's and the checker's as-of day. Published builds
// never use it: their as-of day is the commit's.
func today() record.Date { return record.DateOf(time.Now().In(record.Shanghai())) }

// reportCache says when the build cache could not be used, or not kept:
// nothing a build fails for (the site is the same either way), but what
// makes the next one slow.
func reportCache(stderr io.Writer, c pipeline.CacheUse) {
	if c.Rebuilt != "" && c.Rebuilt != "none" {
		fmt.Fprintf(stderr, "gongshi: the build cache in %s was not used (%s): computed afresh\n", c.Dir, c.Rebuilt)
	}
	if c.NotKept != nil {
		fmt.Fprintf(stderr, "gongshi: warning: the build cache could not be kept in %s (%v): the next build computes everything again\n", c.Dir, oneLine(c.NotKept))
	}
}

// oneLine joins the lines of err's message (errors.Join gives one a
// line).
func oneLine(err error) string { return strings.ReplaceAll(err.Error(), "\n", "; ") }
