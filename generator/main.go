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
	"strings"

	"gongshi/generator/internal/diag"
)

const usage = `gongshi publishes a township's case files (YAML records in a git repository)
as a public-notice website (公示栏).

Usage:
  gongshi build [--repo DIR] [--rev REV] [--out DIR]
        Read records/ and the site files (hugo.toml, layouts/, content/) from
        the git objects of commit REV (default HEAD) of the repository that
        contains DIR (default .), validate, and build the site into OUT
        (default public/). The site is built beside OUT and swapped in only
        on success: a failed build leaves OUT as it was.
  gongshi check [--repo DIR] [--rev REV | --staged]
        Validate the records and list every mistake, one per line:
        records/PATH.yaml:LINE:COL: expected …, found …
        By default the working tree is checked (what you are editing);
        --staged checks what is staged for the next commit (for a pre-commit
        hook); --rev checks a commit.
  gongshi serve [--repo DIR] [--addr 127.0.0.1:1313]
        Preview the working tree (uncommitted changes included) on a local
        address. Every page carries the banner 未提交预览 (not published).
        The site is rebuilt when a file changes.
  gongshi export [--repo DIR] [--rev REV] [--quarter 2026-Q1] [--out DIR]
        Write a quarter's performance pay (姓名, 金额, total) for the county
        finance bureau as QUARTER-绩效工资.xlsx and .csv, from the records of
        commit REV: the figures of the published notice, to the fen.
  gongshi help
        Print this text.

Exit status:
  0  success
  1  the records have mistakes (each listed on standard error)
  2  usage error (unknown command or flag)
  3  the build or publishing failed for another reason (git, templates, disk)
`

// Exit codes, documented in usage.
const (
	exitOK      = 0
	exitRecords = 1
	exitUsage   = 2
	exitFailure = 3
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run is the whole command, testable without a process.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
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
	var uerr *usageError
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, flag.ErrHelp):
		return exitOK
	case errors.As(err, &uerr):
		fmt.Fprintf(stderr, "gongshi: %s\nRun 'gongshi help' for usage.\n", uerr.msg)
		return exitUsage
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
