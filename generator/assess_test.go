package main

import (
	"encoding/csv"
	"gongshi/generator/internal/pipeline"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

func read(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// text strips tags and collapses spaces, to read a page as a person does.
func text(html string) string {
	s := regexp.MustCompile(`(?s)<[^>]*>`).ReplaceAllString(html, " ")
	return strings.Join(strings.Fields(s), " ")
}

// TestExportTotalsEqualTheNotice: the payroll for the finance bureau
// totals what the notice paid (sitetest's TestNoticeStatesThePaidTotal
// reads the same total on the notice's page).
func TestExportTotalsEqualTheNotice(t *testing.T) {
	t.Parallel()
	dir := sampleRepo(t).Dir
	recs, err := pipeline.Load(pipeline.Source{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	var noticeTotal string
	for _, a := range recs.Assess {
		if a.Quarter.String() == "2026-Q1" {
			noticeTotal = a.Paid.Plain()
		}
	}
	if noticeTotal == "" {
		t.Fatal("the sample has no 2026-Q1 results")
	}

	exp := t.TempDir()
	if code, _, stderr := gongshi(t, "export", "--repo", dir, "--quarter", "2026-Q1", "--out", exp); code != exitOK {
		t.Fatalf("export exit %d\n%s", code, stderr)
	}
	f, err := os.Open(filepath.Join(exp, "2026-Q1-绩效工资.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	last := rows[len(rows)-1]
	if len(rows) != 28 || last[1] != "合计" || last[2] != noticeTotal {
		t.Errorf("CSV: %d rows, last %q; want 26 people, a header and 合计 %s", len(rows), last, noticeTotal)
	}

	x, err := excelize.OpenFile(filepath.Join(exp, "2026-Q1-绩效工资.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	xrows, err := x.GetRows(x.GetSheetName(0), excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, r := range xrows {
		if len(r) >= 3 && r[1] == "合计" {
			found = true
			if r[2] != noticeTotal && r[2] != strings.TrimRight(strings.TrimRight(noticeTotal, "0"), ".") {
				t.Errorf("XLSX total %q; want %s", r[2], noticeTotal)
			}
		}
	}
	if !found {
		t.Errorf("XLSX has no 合计 row: %q", xrows)
	}
}
