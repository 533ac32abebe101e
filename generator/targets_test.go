package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestTargetMistakesAreListedWithPositions: a rate with a denominator of 0
// fails the build with the file, line and column, among every other
// mistake.
func TestTargetMistakesAreListedWithPositions(t *testing.T) {
	t.Parallel()
	g := sampleRepo(t)
	b, err := os.ReadFile(filepath.Join(g.Dir, "records", "targets", "2025", "wsy.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	bad := strings.Replace(string(b), "    denominator: 729\n", "    denominator: 0\n", 1)
	g.Write("records/targets/2025/wsy.yaml", []byte(bad))
	g.At("2026-11-21T09:00:00+08:00", "王文书 <clerk@chaotian.example>")
	g.Commit("录入卫生院完成情况")
	code, _, stderr := gongshi(t, "build", "--repo", g.Dir, "--out", filepath.Join(t.TempDir(), "public"))
	want := "records/targets/2025/wsy.yaml:21:18: expected 辖区65岁以上常住老年人数 (the denominator of W01) above 0, found 0"
	if code != exitRecords || !strings.Contains(stderr, want) {
		t.Errorf("build exit %d, stderr:\n%s\nwant exit %d and %q", code, stderr, exitRecords, want)
	}
}
