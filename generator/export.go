package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"gongshi/generator/internal/assess"
	"gongshi/generator/internal/export"
	"gongshi/generator/internal/pipeline"
	"gongshi/generator/internal/record"
)

// cmdExport writes a quarter's payroll for the county finance bureau, from
// the records of a commit: the same figures as the published notice.
func cmdExport(args []string, stdout, stderr io.Writer) error {
	if len(args) > 0 && args[0] == "summary" {
		return cmdExportSummary(args[1:], stdout, stderr)
	}
	fs := flags("export", stderr)
	dir := fs.String("repo", ".", "a folder inside the records repository")
	rev := fs.String("rev", "HEAD", "the commit whose records are exported")
	quarter := fs.String("quarter", "", "the quarter to export, e.g. 2026-Q1 (default: the latest)")
	out := fs.String("out", ".", "the folder to write QUARTER-绩效工资.xlsx and .csv into")
	if err := parse(fs, args); err != nil {
		return err
	}
	var want record.Quarter
	if *quarter != "" {
		q, err := record.ParseQuarter(*quarter)
		if err != nil {
			return &usageError{msg: "export: --quarter: " + err.Error()}
		}
		want = q
	}
	recs, err := pipeline.Load(pipeline.Source{Dir: *dir, Rev: *rev})
	if err != nil {
		return err
	}
	snap := recs.Snapshot
	var result *assess.Result
	for _, a := range recs.Assess {
		if want.IsZero() || a.Quarter == want {
			result = a
		}
	}
	if result == nil {
		if want.IsZero() {
			return fmt.Errorf("export: commit %s has no assessment results", snap.Short())
		}
		return fmt.Errorf("export: commit %s has no assessment results for %s", snap.Short(), want)
	}
	p := export.FromAssess(result)
	base := filepath.Join(*out, result.Quarter.String()+"-绩效工资")
	for _, f := range []struct {
		ext   string
		write func(io.Writer, export.Payroll) error
	}{{".xlsx", export.WriteXLSX}, {".csv", export.WriteCSV}} {
		var b bytes.Buffer
		if err := f.write(&b, p); err != nil {
			return fmt.Errorf("export: %w", err)
		}
		if err := os.WriteFile(base+f.ext, b.Bytes(), 0o644); err != nil {
			return fmt.Errorf("export: %w", err)
		}
		fmt.Fprintf(stdout, "gongshi: wrote %s\n", base+f.ext)
	}
	fmt.Fprintf(stdout, "gongshi: %s, %d people, total %s yuan (commit %s)\n", p.Title, len(p.Rows), p.Total, snap.Short())
	return nil
}

// cmdExportSummary writes a year's work summaries filled in with their
// figures as Word documents, from the records of a commit: the text of
// the summary's page, to the unit.
func cmdExportSummary(args []string, stdout, stderr io.Writer) error {
	fs := flags("export summary", stderr)
	dir := fs.String("repo", ".", "a folder inside the records repository")
	rev := fs.String("rev", "HEAD", "the commit whose records are exported")
	out := fs.String("out", ".", "the folder to write TITLE.docx into")
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return err
			}
			return &usageError{msg: err.Error()}
		}
		if fs.NArg() == 0 {
			break
		}
		pos = append(pos, fs.Arg(0))
		args = fs.Args()[1:]
	}
	if len(pos) < 1 || len(pos) > 2 {
		return &usageError{msg: fmt.Sprintf("export summary: expected YEAR [ID], found %d argument(s)", len(pos))}
	}
	year, err := strconv.Atoi(pos[0])
	if err != nil || year < 2000 || year > 2100 {
		return &usageError{msg: fmt.Sprintf("export summary: expected a year such as 2026, found %q", pos[0])}
	}
	recs, err := pipeline.Load(pipeline.Source{Dir: *dir, Rev: *rev})
	if err != nil {
		return err
	}
	var ids []string
	n := 0
	for _, s := range recs.Figures.Summaries {
		if s.Rec.Year != year {
			continue
		}
		ids = append(ids, s.Rec.ID)
		if len(pos) == 2 && s.Rec.ID != pos[1] {
			continue
		}
		var b bytes.Buffer
		if err := export.WriteSummary(&b, s); err != nil {
			return fmt.Errorf("export: %w", err)
		}
		name := filepath.Join(*out, strings.NewReplacer("/", "-", "\\", "-").Replace(s.Rec.Title)+".docx")
		if err := os.WriteFile(name, b.Bytes(), 0o644); err != nil {
			return fmt.Errorf("export: %w", err)
		}
		fmt.Fprintf(stdout, "gongshi: wrote %s\n", name)
		if t := s.Through(); t != "" {
			fmt.Fprintf(stderr, "gongshi: %s: %d is not over: its figures are %s\n", s.Rec.ID, year, t)
		}
		for _, f := range s.Partial() {
			fmt.Fprintf(stderr, "gongshi: %s: %s %s（%s）\n", s.Rec.ID, f.Title, f.Text()+f.Unit, s.Own(f))
		}
		n++
	}
	switch {
	case n > 0:
		fmt.Fprintf(stdout, "gongshi: %d summary(ies) of %d, figures as of %s (commit %s)\n", n, year, recs.Snapshot.AsOf, recs.Snapshot.Short())
		return nil
	case len(ids) > 0:
		return &usageError{msg: fmt.Sprintf("export summary: no summary %q of %d; there are %s", pos[1], year, strings.Join(ids, ", "))}
	}
	return fmt.Errorf("export: commit %s has no summary of %d (records/summaries/*.yaml)", recs.Snapshot.Short(), year)
}
