package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gongshi/generator/internal/gittest"
)

// summaryRepo is a records repository with one accident and a summary of
// its year citing it.
func summaryRepo(t *testing.T, text string) string {
	t.Helper()
	r := gittest.New(t)
	r.Write("records/township.yaml", []byte("name: 朝天镇\norgan: 朝天镇人民政府\naddress: 青江县朝天镇正街88号\nobjection: {office: 党政综合办公室, address: 镇政府二楼, phone: 0745-7621234}\n"))
	r.Write("records/units/units.yaml", []byte("units:\n  - {id: hexi, name: 河西村村民委员会, type: 村委会}\n"))
	r.Write("records/safety/accidents/2025.yaml", []byte("accidents:\n  - {id: acc1, date: 2025-09-16, unit: hexi, level: 一般, serious_injuries: 1, summary: 农用车侧翻}\n"))
	r.Write("records/summaries/2025-safety.yaml", []byte("id: 2025-safety\ntitle: 朝天镇2025年安全生产工作总结\nyear: 2025\ntext: |\n  "+text+"\n"))
	r.Commit("录入2025年安全生产工作总结")
	return r.Dir
}

func exportSummary(args ...string) (int, string, string) {
	var out, errb bytes.Buffer
	code := run(context.Background(), append([]string{"export", "summary"}, args...), &out, &errb)
	return code, out.String(), errb.String()
}

func TestExportSummaryWritesTheYearsSummaryAsAWordDocument(t *testing.T) {
	repo := summaryRepo(t, "全年发生生产安全事故{{.安全.事故.起数}}起，重伤{{.安全.事故.重伤}}人。")
	out := t.TempDir()
	code, stdout, stderr := exportSummary("2025", "--repo", repo, "--out", out)
	if code != exitOK {
		t.Fatalf("exit %d; stderr:\n%s", code, stderr)
	}
	name := filepath.Join(out, "朝天镇2025年安全生产工作总结.docx")
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatalf("%v (stdout: %s)", err, stdout)
	}
	if !bytes.HasPrefix(b, []byte("PK")) || !strings.Contains(stdout, "wrote "+name) {
		t.Errorf("wrote %d bytes, stdout %q; want a zip named in the output", len(b), stdout)
	}
}

func TestExportSummaryRefusesWhatItCannotDo(t *testing.T) {
	repo := summaryRepo(t, "全年发生生产安全事故{{.安全.事故.起数}}起。")
	bad := summaryRepo(t, "重伤{{.安全.事故.重伤人数}}人。")
	tests := []struct {
		name   string
		args   []string
		code   int
		stderr string
	}{
		{"no year", []string{"--repo", repo}, exitUsage, "expected YEAR [ID], found 0 argument(s)"},
		{"not a year", []string{"二〇二五", "--repo", repo}, exitUsage, `expected a year such as 2026, found "二〇二五"`},
		{"an id the year has not", []string{"2025", "2025-health", "--repo", repo}, exitUsage, `no summary "2025-health" of 2025; there are 2025-safety`},
		{"a year without summaries", []string{"2026", "--repo", repo}, exitFailure, "has no summary of 2026"},
		{"a name that does not exist", []string{"2025", "--repo", bad}, exitRecords, `records/summaries/2025-safety.yaml:5:14: expected a figure name under 安全.事故`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := exportSummary(append(tt.args, "--out", t.TempDir())...)
			if code != tt.code || !strings.Contains(stderr, tt.stderr) {
				t.Errorf("exit %d, stderr:\n%s\nwant exit %d and %q", code, stderr, tt.code, tt.stderr)
			}
		})
	}
}
