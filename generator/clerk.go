package main

// The clerk's commands: init a township's repository, write a spreadsheet
// template, import a filled-in one.

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/go-git/go-git/v5/config"
	"github.com/go-git/go-git/v5/plumbing/object"

	"gongshi/generator/internal/assess"
	"gongshi/generator/internal/diag"
	"gongshi/generator/internal/pipeline"
	"gongshi/generator/internal/record"
	"gongshi/generator/internal/repo"
	"gongshi/generator/internal/scaffold"
	"gongshi/generator/internal/sheet"
)

// errReported is returned by a command that has printed the mistakes that
// stopped it: report need only turn it into the exit status.
var errReported = errors.New("mistakes reported")

// parseArgs parses flags written before, between and after the command's
// arguments (gongshi import FILE --dry-run), and wants exactly the named
// arguments.
func parseArgs(fs *flag.FlagSet, args []string, names ...string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, &usageError{msg: err.Error()}
		}
		if fs.NArg() == 0 {
			break
		}
		pos = append(pos, fs.Arg(0))
		args = fs.Args()[1:]
	}
	if len(pos) != len(names) {
		return nil, &usageError{msg: fmt.Sprintf("%s: expected %s, found %d argument(s)", fs.Name(), strings.Join(names, " "), len(pos))}
	}
	return pos, nil
}

// when is the time of a commit being made now: git's GIT_AUTHOR_DATE or
// GIT_COMMITTER_DATE when set (as git itself honours them), else the clock.
func when(ctx context.Context, env string) (time.Time, error) {
	s := getenv(ctx, env)
	if s == "" {
		return time.Now().In(record.Shanghai()), nil
	}
	for _, layout := range []string{time.RFC3339, "2006-01-02 15:04:05 -0700", "2006-01-02T15:04:05 -0700"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	if m := regexp.MustCompile(`^@?(\d+) ([+-]\d{4})$`).FindStringSubmatch(s); m != nil {
		sec, _ := strconv.ParseInt(m[1], 10, 64)
		zone, _ := time.Parse("-0700", m[2])
		return time.Unix(sec, 0).In(zone.Location()), nil
	}
	return time.Time{}, &usageError{msg: fmt.Sprintf("%s: expected a date like 2026-07-03T10:00:00+08:00, found %q", env, s)}
}

func cmdInit(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flags("init", stderr)
	who := fs.String("author", "", `who creates the repository, "Name <email>" (default: git's user.name and user.email, else gongshi)`)
	pos, err := parseArgs(fs, args, "DIR")
	if err != nil {
		return err
	}
	author := object.Signature{Name: "gongshi", Email: "gongshi@localhost"}
	if *who != "" {
		if author, err = repo.Signature(*who); err != nil {
			return &usageError{msg: "init: --author: " + err.Error()}
		}
	} else if cfg, err := config.LoadConfig(config.GlobalScope); err == nil && cfg.User.Name != "" && cfg.User.Email != "" {
		author = object.Signature{Name: cfg.User.Name, Email: cfg.User.Email}
	}
	if author.When, err = when(ctx, "GIT_AUTHOR_DATE"); err != nil {
		return err
	}
	dir := pos[0]
	h, err := scaffold.Init(dir, scaffold.Options{Author: author})
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, `gongshi: created the records repository %s (commit %s)

接下来：
  1. 把 records/ 里的“○○”“○”和 0000 换成本镇的实际内容（README.md 写了要改哪些文件）；
  2. 录入单位、职务和人员，运行 gongshi check 检查，再 git commit 提交；
  3. gongshi build --repo %s --out public 生成网站。
提交前检查已设好（.githooks/pre-commit，运行 gongshi check --staged）。
`, dir, h[:10], dir)
	return nil
}

func cmdTemplate(args []string, stdout, stderr io.Writer) error {
	fs := flags("template", stderr)
	dir := fs.String("repo", ".", "a folder inside the records repository")
	rev := fs.String("rev", "HEAD", "the commit whose records the template is made from")
	out := fs.String("out", "", "the file to write (default: PERIOD-绩效考核评分.xlsx, PERIOD-安全生产月报.xlsx or YEAR-目标完成情况.xlsx)")
	unit := fs.String("unit", "", "targets: only this unit's sheet (its id), to send to the unit")
	pos, err := parseArgs(fs, args, "KIND", "PERIOD")
	if err != nil {
		return err
	}
	kind, period := pos[0], pos[1]
	if *unit != "" && kind != "targets" {
		return &usageError{msg: "template: --unit is for targets, a unit's sheet of the year's figures"}
	}
	var name string
	switch kind {
	case "assess":
		if _, err := record.ParseQuarter(period); err != nil {
			return &usageError{msg: "template assess: " + err.Error()}
		}
		name = period + "-绩效考核评分.xlsx"
	case "reports":
		if _, err := record.ParseMonth(period); err != nil {
			return &usageError{msg: "template reports: " + err.Error() + ", e.g. 2026-11"}
		}
		name = period + "-安全生产月报.xlsx"
	case "targets":
		if y, err := strconv.Atoi(period); err != nil || y < 2000 || y > 2100 {
			return &usageError{msg: fmt.Sprintf("template targets: expected a year such as 2026, found %q", period)}
		}
		name = period + "-目标完成情况.xlsx"
	default:
		return &usageError{msg: fmt.Sprintf("template: expected assess (a quarter's scores), reports (a month's safety reports) or targets (a year's unit-target figures), found %q", kind)}
	}
	if *unit != "" {
		name = period + "-" + *unit + "-目标完成情况.xlsx"
	}
	if *out != "" {
		name = *out
	}
	if _, err := os.Stat(name); err == nil {
		return fmt.Errorf("template: %s exists; it may hold work not yet imported: move it away, or write elsewhere with --out", name)
	}
	recs, err := pipeline.Load(pipeline.Source{Dir: *dir, Rev: *rev})
	if err != nil {
		return err
	}
	snap, set := recs.Snapshot, recs.Set
	var b bytes.Buffer
	var what string
	switch kind {
	case "assess":
		q, _ := record.ParseQuarter(period)
		roster := assess.RosterOf(set, q)
		if roster == nil {
			return fmt.Errorf("template: no assessment scheme in force on %s (records/assess/schemes/)", q.First())
		}
		t := &sheet.AssessTemplate{Township: set.Township.Name, Set: set, Roster: roster}
		what = fmt.Sprintf("%d people in scope of %s", len(roster.People), q)
		for i := range set.Assess.Quarters {
			if ex := &set.Assess.Quarters[i]; ex.Quarter == q {
				t.Existing = ex
				what += ", filled in from " + ex.Pos.File
			}
		}
		err = t.Write(&b)
	case "reports":
		m, _ := record.ParseMonth(period)
		err = (&sheet.ReportsTemplate{Township: set.Township.Name, Set: set, Month: m}).Write(&b)
		what = "the monthly reports of " + m.String()
	case "targets":
		year, _ := strconv.Atoi(period)
		if *unit != "" && set.Unit(*unit) == nil {
			return &usageError{msg: fmt.Sprintf("template targets: --unit: expected the id of a unit of the records, found %q", *unit)}
		}
		t := &sheet.TargetsTemplate{Township: set.Township.Name, Set: set, Year: year, Unit: *unit}
		units := sheet.UnitsOf(set, year)
		reported := 0
		for _, u := range units {
			if *unit == "" || u.Unit == *unit {
				if !u.Reported.IsZero() {
					reported++
				}
			}
		}
		what = fmt.Sprintf("the %d targets of %d units", year, len(units))
		if *unit != "" {
			what = fmt.Sprintf("the %d targets of %s", year, set.Unit(*unit).Name)
		}
		if reported > 0 {
			what += fmt.Sprintf(", filled in with the figures of %d unit(s) already reported", reported)
		}
		err = t.Write(&b)
	}
	if err != nil {
		return fmt.Errorf("template: %w", err)
	}
	if err := os.WriteFile(name, b.Bytes(), 0o644); err != nil {
		return fmt.Errorf("template: %w", err)
	}
	fmt.Fprintf(stdout, "gongshi: wrote %s: %s (commit %s)\n", name, what, snap.Short())
	return nil
}

func cmdImport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flags("import", stderr)
	dir := fs.String("repo", ".", "a folder inside the records repository")
	message := fs.String("message", "", "the commit message: why the records change, as the clerk says it (e.g. 录入2026年第二季度考核评分)")
	fs.StringVar(message, "m", "", "short for --message")
	who := fs.String("author", "", `the commit's author, "Name <email>" (default: git's user.name and user.email)`)
	by := fs.String("committer", "", `the commit's committer, "Name <email>" (default: the author)`)
	dry := fs.Bool("dry-run", false, "show what would change; write and commit nothing")
	pos, err := parseArgs(fs, args, "FILE")
	if err != nil {
		return err
	}
	file := pos[0]
	data, err := os.ReadFile(file)
	if err != nil {
		return fmt.Errorf("import: %w", err)
	}
	var author, committer object.Signature
	if !*dry {
		if strings.TrimSpace(*message) == "" {
			return &usageError{msg: `import: --message is required: say why the records change, e.g. --message "录入2026年第二季度考核评分"`}
		}
		switch u, ok := gitUser(*dir); {
		case *who != "":
			if author, err = repo.Signature(*who); err != nil {
				return &usageError{msg: "import: --author: " + err.Error()}
			}
		case ok:
			author = u
		default:
			return &usageError{msg: `import: --author is required (git has no user.name and user.email): e.g. --author "朝天镇党政办 <dzb@chaotian.example>"`}
		}
		committer = author
		if *by != "" {
			if committer, err = repo.Signature(*by); err != nil {
				return &usageError{msg: "import: --committer: " + err.Error()}
			}
		}
	}
	if author.When, err = when(ctx, "GIT_AUTHOR_DATE"); err != nil {
		return err
	}
	if committer.When, err = when(ctx, "GIT_COMMITTER_DATE"); err != nil {
		return err
	}

	im, err := pipeline.PlanImport(*dir, file, data, pipeline.Commit{Message: *message, Author: author, Committer: committer})
	var base *pipeline.BaseError
	var l diag.List
	switch {
	case errors.As(err, &base):
		fmt.Fprintln(stderr, base.Errs.Error())
		fmt.Fprintf(stderr, "gongshi: the records at %s have %d mistake(s); correct and commit them, then import again\n", base.Commit, len(base.Errs))
		return errReported
	case errors.As(err, &l):
		return refuse(stderr, l, file)
	case err != nil:
		return err
	}
	for _, f := range im.Files {
		fmt.Fprintf(stdout, "%s: %d change(s)\n", f.Path, len(f.Changes))
		for _, c := range f.Changes {
			fmt.Fprintf(stdout, "  %s\n", c)
		}
	}
	if len(im.Files) == 0 {
		fmt.Fprintf(stdout, "gongshi: %s changes nothing in %s: nothing written, no commit\n", filepath.Base(file), filesNamed(im.Read))
		return nil
	}
	if *dry {
		fmt.Fprintln(stdout, "gongshi: --dry-run: nothing written, no commit")
		return nil
	}
	h, err := im.Commit(strings.TrimSpace(*message), author, committer)
	if err != nil {
		return err
	}
	var paths []string
	for _, f := range im.Files {
		paths = append(paths, f.Path)
	}
	what := paths[0] + " and committed it"
	switch {
	case len(paths) > 3:
		what = filesNamed(paths) + " and committed them"
	case len(paths) > 1:
		what = fmt.Sprintf("%d files (%s) and committed them", len(paths), filesNamed(paths))
	}
	fmt.Fprintf(stdout, "gongshi: wrote %s: %s %s (%s)\n", what, h[:10], strings.TrimSpace(*message), author.Name)
	return nil
}

// filesNamed names the files an import reads or writes: each when few,
// else their folder.
func filesNamed(paths []string) string {
	if len(paths) <= 3 {
		return strings.Join(paths, ", ")
	}
	dir := path.Dir(paths[0])
	for _, p := range paths {
		for dir != "." && !strings.HasPrefix(p, dir+"/") {
			dir = path.Dir(dir)
		}
	}
	return fmt.Sprintf("the %d files under %s/", len(paths), dir)
}

// refuse prints the mistakes that stop an import.
func refuse(stderr io.Writer, errs diag.List, file string) error {
	errs.Sort()
	fmt.Fprintln(stderr, errs.Error())
	commit := 0 // in the commit's message or names: --message, --author, --committer
	for _, e := range errs {
		if strings.HasPrefix(e.Pos.File, "--") {
			commit++
		}
	}
	where := filepath.Base(file)
	switch {
	case commit == len(errs):
		where = "the commit's message or names, which are published"
	case commit > 0:
		where += " and in the commit's message or names, which are published"
	}
	fmt.Fprintf(stderr, "gongshi: %d mistake(s) in %s: nothing written, no commit\n", len(errs), where)
	return errReported
}

// gitUser is git's user.name and user.email for the repository containing
// dir, if set.
func gitUser(dir string) (object.Signature, bool) {
	r, err := repo.Open(dir)
	if err != nil {
		return object.Signature{}, false
	}
	defer r.Close()
	return r.User()
}
