// Command gongshi publishes a township's case files as a public-notice
// website: it reads the YAML records at a git commit, validates them,
// computes what must be published, and builds the site with Hugo.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"strings"
	"syscall"

	"gongshi/generator/internal/diag"
	"gongshi/generator/internal/inspect"
	"gongshi/generator/internal/publish"
)

const usage = `gongshi publishes a township's case files (YAML records in a git repository)
as a public-notice website (公示栏).

Usage:
  gongshi build [--repo DIR] [--rev REV] [--out DIR]
               [--trust KEYS [--require-signed [--signed-since COMMIT]]]
               [--allow-rewrite] [--no-wait] [--strict] [--cache DIR]
        Read records/ and the site files (hugo.toml, layouts/, content/) from
        the git objects of commit REV (default HEAD) of the repository that
        contains DIR (default .), validate, and build the site into OUT
        (default public/). The site files ship inside gongshi; those the
        commit holds replace them path by path. The site is built beside
        OUT and swapped in only on success: a failed or killed build leaves
        OUT as it was.
        OUT is only ever a site: gongshi refuses, before any work, an OUT
        that is /, a home folder, a link or a file, that is or holds a git
        repository, that lies in the git folder or the working tree of the
        repository built (unless the repository ignores it, as .gitignore
        /public/ does), or that is not empty and holds no ledger.json
        gongshi wrote. Nothing but a site gongshi wrote is ever removed.
        One build at a time publishes into OUT: it holds a lock beside OUT
        (.OUT.gongshi-lock) while it runs; another build waits for it, then
        checks its commit against the ledger that build published. A build
        also removes what killed builds left beside OUT.
        Every page derived from records shows its change history (变更记录),
        from one walk over the history of records/; every notice keeps a
        page per published version; 更新日志 lists every records commit.
        --trust KEYS   check each commit's signature against the trust root
                       in folder KEYS (allowed_signers, *.asc, and signers
                       naming who holds each key; outside the repository,
                       from any worktree; see README), shown on every change
                       with who signed, marked 代为签名 when not the author
        --require-signed  refuse to publish if a commit is not signed by a
                       key of KEYS valid at its date and when it can first
                       have been made (after its parents, after the site's
                       last build), or if its date is doubtful (日期可疑:
                       before one of those); only commits after
                       --signed-since COMMIT, when given
        --allow-rewrite   publish although commits OUT/ledger.json says were
                       shown are no longer shown by the history, or the
                       site's commit is not in it (force-push, rebase, an
                       older commit); the rewrite is shown on 更新日志 for
                       good
        --no-wait      fail at once (exit status 5) when another build is
                       publishing into OUT, instead of waiting for it
        The site checks itself at every build, as the county's inspector of
        government websites would: a section with nothing in it, the
        notices section with no new notice for six months (as of the
        commit's day), a notice without a publication date, a link to a
        page that does not exist, a title that says its kind twice
        (老码头码头). Each is printed as a warning at the record that causes
        it (gongshi: warning: records/PATH.yaml:LINE:COL: …).
        --strict       make those mistakes: exit status 1, nothing published
        --cache DIR    keep what the next build can reuse (the history index,
                       the versions of notices) in folder DIR, made if
                       missing (default: gongshi/ in the repository's git
                       folder): a CI keeps DIR with its own cache step, keyed
                       by gongshi version --cache-key. What DIR holds is
                       checked before use and computed afresh (said on
                       standard error) when it is damaged, for another
                       repository or history, or written by another gongshi
                       executable; the site is the same with any cache or
                       none. A DIR that is a file, or that lies in OUT (links
                       followed), is refused before any work; one that
                       cannot be written is warned about, and the build goes
                       on without keeping it.
  gongshi verify --site DIR [--rev REV] [--repo DIR] [--trust KEYS]
                 [--cache DIR]
        Rebuild the commit the site in DIR was built from (named in its
        ledger.json; or REV) and compare the two byte for byte, printing
        every file that differs; without --rev, also check that the site
        is of the newest build its ledger names. Give the --trust the site
        was built with. --cache DIR as for build (not in the site).
  gongshi check [--repo DIR] [--rev REV | --staged]
        Validate the records and list every mistake, one per line:
        records/PATH.yaml:LINE:COL: expected …, found …
        By default the working tree is checked (what you are editing);
        --staged checks what is staged for the next commit (for a pre-commit
        hook); --rev checks a commit.
  gongshi check --message FILE [--author "NAME <EMAIL>"] [--repo DIR]
        Check a commit message (and its author) for what may not be
        published: the site shows both for good. What the commit-msg hook
        gongshi init installs runs.
  gongshi serve [--repo DIR] [--addr 127.0.0.1:1313] [--public]
        Preview the working tree (uncommitted changes included) on a local
        address. Every page carries the banner 未提交预览 (not published).
        The site is rebuilt when a file changes. A link in the working tree
        is read only if it names a file inside it. Only requests naming the
        address served on are answered; an --addr that is not a loopback
        address needs --public. The preview folder is removed on Ctrl+C
        and on SIGTERM.
  gongshi export [--repo DIR] [--rev REV] [--quarter 2026-Q1] [--out DIR]
        Write a quarter's performance pay (姓名, 金额, total) for the county
        finance bureau as QUARTER-绩效工资.xlsx and .csv, from the records of
        commit REV: the figures of the published notice, to the fen.
  gongshi export summary YEAR [ID] [--repo DIR] [--rev REV] [--out DIR]
        Write the year's work summaries (records/summaries/*.yaml; ID: that
        one alone) as Word documents, TITLE.docx, with every figure filled
        in from the records of commit REV as on the summary's page; a
        figure whose records are incomplete is noted (截至…) in the text and
        listed on standard error.
  gongshi init [--author "NAME <EMAIL>"] DIR
        Create a township's records repository in DIR (new or empty): git
        initialised, with a township record, an assessment scheme and the
        current holiday calendar to start from (blanks to fill marked ○○),
        the JSON Schemas wired for editors, a README for the clerk, a
        pre-commit hook that runs gongshi check --staged and a commit-msg
        hook that runs gongshi check --message, and CI examples for Gitea
        Actions and GitLab CI; then a first commit.
  gongshi template assess QUARTER | reports MONTH | targets YEAR [--unit ID]
                   [--repo DIR] [--rev REV] [--out FILE]
        Write a workbook to fill in Excel or WPS, from the records of commit
        REV: a quarter's score sheet (2026-Q2-绩效考核评分.xlsx: a row per
        person in scope, a column per item, the events on a sheet of their
        own, the scheme's rules), a month's safety-report register
        (2026-11-安全生产月报.xlsx), or a year's unit-target figures
        (2026-目标完成情况.xlsx: a sheet per unit, a row per indicator of its
        agreement, where the unit enters numerator and denominator, a value
        or 是/否, the evidence and the day it reported; the scheme and the
        rules of entry on the last sheet; --unit ID: that unit's sheet
        alone, 2026-ID-目标完成情况.xlsx, to send to the unit). A period
        already recorded is filled in with its values. An existing file is
        never overwritten.
  gongshi import FILE [--repo DIR] --message MSG [--author "NAME <EMAIL>"]
                 [--committer "NAME <EMAIL>"] [--dry-run]
        Read a filled-in template (.xlsx, or one of its sheets saved as
        .csv), check every cell and the records it makes on top of HEAD,
        list every mistake as FILE!SHEET!CELL: expected …, found …, and show
        what changes in the words of the change histories; then write the
        record files that change (the quarter's, the year's register, or
        each unit's targets file) and commit them alone, in one commit. The
        author defaults to git's user.name and user.email, the committer to
        the author; git's GIT_AUTHOR_DATE and GIT_COMMITTER_DATE are
        honoured. Any mistake: nothing is written or committed. No change:
        no commit. --dry-run shows the changes and writes nothing.
  gongshi bench [--scales township,county] [--growth 2,7] [--runs 3]
        Measure gongshi on synthetic repositories (make bench): each phase of
        a build against git log and Hugo alone on the same repository;
        results in bench/last.json, compared with the run before.
  gongshi version [--cache-key]
        Print the revision gongshi was built from (when known), Go's version,
        the platform and the SHA-256 of this executable, which keys
        everything a build keeps in its cache; --cache-key prints only
        gongshi-SHA256, the key for a CI's cache step.
  gongshi help
        Print this text.

Exit status:
  (for build, each says which state OUT is in)
  0  success; build: OUT is the new site (a warning names anything beside
     it that could not be removed; the next build removes it)
  1  the records have mistakes (each listed on standard error; for import,
     the mistakes in the workbook's cells too), or build --strict: the
     site's self-check found problems (each listed); build: OUT is as it
     was
  2  usage error (unknown command or flag); build: OUT is as it was
  3  the build or publishing failed for another reason (git, templates, disk,
     a rewrite of published history, an unverified signature or a doubtful
     date, an OUT that is not only a site, a private value found in the
     built site, a bug in gongshi); build: OUT is as it was
  4  verify: the site differs from a rebuild of its commit, or is not of
     the newest build its ledger names
  5  build --no-wait: another build is publishing into OUT; this one did
     nothing, and OUT is as that build leaves it
  6  build: the swap failed half-way, only where the system cannot swap two
     folders in one step: OUT is missing, the site it held is in the folder
     named (.OUT.gongshi-aside beside it), and the next build puts it back
`

// Exit codes, documented in usage.
const (
	exitOK      = 0
	exitRecords = 1
	exitUsage   = 2
	exitFailure = 3
	exitDiffers = 4
	exitBusy    = 5 // build --no-wait: OUT is locked by another build
	exitHalf    = 6 // build: OUT is missing, its site set aside beside it
)

func main() {
	ctx, stop := signals()
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// signals is a context ended by Ctrl+C or SIGTERM (what a service manager
// sends), so that serve removes its preview folder either way.
func signals() (context.Context, context.CancelFunc) {
	return signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
}

// envKey holds in a command's context the variables it reads instead of
// the process's environment, those given (tests give each test its own,
// so that tests setting them can run side by side).
type envKey struct{}

// getenv is os.Getenv, but for the variables ctx gives.
func getenv(ctx context.Context, name string) string {
	if env, ok := ctx.Value(envKey{}).(map[string]string); ok {
		if v, ok := env[name]; ok {
			return v
		}
	}
	return os.Getenv(name)
}

// run is the whole command, testable without a process. A panic is a bug
// in gongshi, never the input's fault: it is reported as a failure (3),
// not left to the runtime, whose exit status 2 says "usage error".
func run(ctx context.Context, args []string, stdout, stderr io.Writer) (code int) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintf(stderr, "gongshi: internal error: %v\n%s\nThis is a bug in gongshi; please report it with the command you ran.\n", r, debug.Stack())
			code = exitFailure
		}
	}()
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitUsage
	}
	cmd, args := args[0], args[1:]
	var err error
	switch cmd {
	case "build":
		err = cmdBuild(args, stdout, stderr)
	case "check":
		err = cmdCheck(args, stdout, stderr)
	case "serve":
		err = cmdServe(ctx, args, stdout, stderr)
	case "export":
		err = cmdExport(args, stdout, stderr)
	case "init":
		err = cmdInit(ctx, args, stdout, stderr)
	case "template":
		err = cmdTemplate(args, stdout, stderr)
	case "import":
		err = cmdImport(ctx, args, stdout, stderr)
	case "verify":
		err = cmdVerify(args, stdout, stderr)
	case "bench":
		err = cmdBench(args, stdout, stderr)
	case "version":
		err = cmdVersion(args, stdout, stderr)
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
		return exitOK
	default:
		fmt.Fprintf(stderr, "gongshi: unknown command %q\n\n%s", cmd, usage)
		return exitUsage
	}
	return report(err, stderr)
}

// usageError is a mistake in the command line.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

// report prints err and returns the exit code it means. Mistakes in the
// records are printed verbatim, one per line; anything else is prefixed.
func report(err error, stderr io.Writer) int {
	var list diag.List
	var failed *inspect.Failed
	var uerr *usageError
	var derr *differError
	var half *publish.HalfError
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, flag.ErrHelp):
		return exitOK
	case errors.Is(err, errReported): // the command listed its mistakes itself
		return exitRecords
	case errors.As(err, &uerr):
		fmt.Fprintf(stderr, "gongshi: %s\nRun 'gongshi help' for usage.\n", uerr.msg)
		return exitUsage
	case errors.As(err, &derr):
		fmt.Fprintf(stderr, "gongshi: %s\n", derr)
		return exitDiffers
	case errors.Is(err, publish.ErrBusy):
		fmt.Fprintf(stderr, "gongshi: %v; nothing was done (without --no-wait, the build waits for it)\n", err)
		return exitBusy
	case errors.As(err, &half):
		fmt.Fprintf(stderr, "gongshi: %v\n", err)
		return exitHalf
	case errors.As(err, &failed):
		fmt.Fprintln(stderr, failed.List.Error())
		fmt.Fprintf(stderr, "gongshi: the site's self-check found %d problem(s) and --strict is given; nothing was published\n", len(failed.List))
		return exitRecords
	case errors.As(err, &list):
		list.Sort()
		fmt.Fprintln(stderr, list.Error())
		fmt.Fprintf(stderr, "gongshi: %d mistake(s) in the records; nothing was published\n", len(list))
		return exitRecords
	default:
		fmt.Fprintf(stderr, "gongshi: %v\n", err)
		return exitFailure
	}
}

// flags makes a flag set that reports its own mistakes as usage errors.
func flags(name string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage of gongshi %s:\n", name)
		fs.PrintDefaults()
	}
	return fs
}

func parse(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return &usageError{msg: err.Error()}
	}
	if fs.NArg() > 0 {
		return &usageError{msg: fmt.Sprintf("%s: unexpected argument %q", fs.Name(), strings.Join(fs.Args(), " "))}
	}
	return nil
}
