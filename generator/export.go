package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"gongshi/generator/internal/assess"
	"gongshi/generator/internal/export"
	"gongshi/generator/internal/pipeline"
	"gongshi/generator/internal/record"
)

// cmdExport writes a quarter's payroll for the county finance bureau, from
// the records of a commit: the same figures as the published notice.
func cmdExport(args []string, stdout, stderr io.Writer) error {
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
