package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/go-git/go-git/v5"
)

// baishaFigures are 白沙村's 2026 figures, one per indicator (rows 6–13 of
// its sheet), each with its evidence, reported on 2026-12-01.
func baishaFigures() map[string]any {
	return map[string]any{
		"D3": num("46357"), // 2026-12-01
		"I6": num("1980"), "J6": num("2050"), "N6": "青江县医疗保障局2026年度城乡居民医保参保统计表",
		"K7": num("0"), "N7": "朝天镇生产安全事故台账",
		"K8": num("11"), "N8": "镇安全生产监督管理办公室月报收文登记簿（2026年）",
		"K9": num("0"), "N9": "镇林业站2026年森林火情登记",
		"K10": num("6.8"), "N10": "白沙村2026年度村级财务报表",
		"K11": num("38"), "N11": "青江县农业农村局2026年农村户厕改造验收名单",
		"I12": num("27"), "J12": num("28"), "N12": "白沙村人民调解委员会2026年度调解台账",
		"L13": "是", "N13": "白沙村2026年防汛应急演练记录和照片（6月）",
	}
}

// targetsCase writes the 2026 unit-target workbook of the sample township
// (all units, or one) with 白沙村's figures filled in and changed as
// given.
func targetsCase(t *testing.T, unit string, change map[string]any) (dir, book string) {
	t.Helper()
	g := sampleRepo(t)
	book = filepath.Join(t.TempDir(), "2026-目标完成情况.xlsx")
	args := []string{"template", "--repo", g.Dir, "--out", book, "targets", "2026"}
	if unit != "" {
		args = append(args, "--unit", unit)
	}
	if code, _, stderr := gongshi(t, args...); code != exitOK {
		t.Fatalf("template exit %d\n%s", code, stderr)
	}
	figures := baishaFigures()
	for ref, v := range change {
		figures[ref] = v
	}
	fillWorkbook(t, book, cells{"白沙村村民委员会": figures})
	setenv(t, "GIT_AUTHOR_DATE", "2026-12-02T09:00:00+08:00")
	setenv(t, "GIT_COMMITTER_DATE", "2026-12-02T09:00:00+08:00")
	return g.Dir, book
}

// TestTargetFiguresFromTheWorkbookReachTheUnitPage is the clerk's path
// for unit targets: a unit's sheet, filled in, imported as one commit by
// the clerk, and the unit's target page built from it.
func TestTargetFiguresFromTheWorkbookReachTheUnitPage(t *testing.T) {
	t.Parallel()
	dir, book := targetsCase(t, "baisha", nil)
	before, _ := head(t, dir)
	code, stdout, stderr := gongshi(t, "import", "--repo", dir, book, "--dry-run")
	if code != exitOK || !strings.Contains(stdout, "--dry-run: nothing written") {
		t.Fatalf("dry run exit %d\n%s%s", code, stdout, stderr)
	}
	if after, clean := head(t, dir); after != before || !clean {
		t.Fatal("a dry run wrote or committed")
	}
	code, stdout, stderr = gongshi(t, "import", "--repo", dir, book, "-m", "录入白沙村2026年度目标完成情况", "--author", "王文书 <clerk@chaotian.example>")
	if code != exitOK {
		t.Fatalf("import exit %d\n%s%s", code, stdout, stderr)
	}
	for _, want := range []string{
		"records/targets/2026/baisha.yaml: 19 change(s)",
		"白沙村村民委员会 · 完成情况报送日期填写为2026年12月1日",
		"白沙村村民委员会 · 考核指标 · 城乡居民基本医疗保险参保率 · 分母填写为2050",
		"gongshi: wrote records/targets/2026/baisha.yaml and committed it",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("import output lacks %q:\n%s", want, stdout)
		}
	}
	r, _ := git.PlainOpen(dir)
	h, _ := r.Head()
	c, _ := r.CommitObject(h.Hash())
	parent, _ := c.Parent(0)
	patch, _ := parent.Patch(c)
	if c.Message != "录入白沙村2026年度目标完成情况" || c.Author.Name != "王文书" || parent.Hash.String() != before || len(patch.FilePatches()) != 1 {
		t.Errorf("commit %q by %s changing %d files on top of %s; want the clerk's one commit of 白沙村's file on HEAD", c.Message, c.Author.Name, len(patch.FilePatches()), parent.Hash)
	}

	out := filepath.Join(t.TempDir(), "public")
	if code, _, stderr := gongshi(t, "build", "--repo", dir, "--out", out); code != exitOK {
		t.Fatalf("build exit %d\n%s", code, stderr)
	}
	page := text(read(t, filepath.Join(out, "targets", "baisha.html")))
	for _, want := range []string{
		"参保人数 1980 ÷ 应参保人数 2050 96.6%",
		"调处成功件数 27 ÷ 受理件数 28 96.4%",
		"6.8万元",
		"青江县医疗保障局2026年度城乡居民医保参保统计表",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("白沙村's target page does not read %q:\n%s", want, page)
		}
	}
}

func TestTargetImportWithThreeBadCellsChangesNothing(t *testing.T) {
	t.Parallel()
	dir, book := targetsCase(t, "", map[string]any{
		"J6":  num("0"),  // a denominator of 0
		"I12": num("31"), // more settled than received: 31 > 30
		"J12": num("30"),
		"K8":  "九十", // a number in words
	})
	before, _ := head(t, dir)
	code, stdout, stderr := gongshi(t, "import", "--repo", dir, book, "-m", "录入白沙村2026年度目标完成情况", "--author", "王文书 <clerk@chaotian.example>")
	want := strings.Join([]string{
		`2026-目标完成情况.xlsx!白沙村村民委员会!J6: expected 应参保人数 (the denominator of V01) above 0, found 0`,
		`2026-目标完成情况.xlsx!白沙村村民委员会!K8: expected a number for 完成数, found "九十"`,
		`2026-目标完成情况.xlsx!白沙村村民委员会!I12: expected 调处成功件数 at most 受理件数 (30), found 31`,
		`gongshi: 3 mistake(s) in 2026-目标完成情况.xlsx: nothing written, no commit`,
	}, "\n")
	if code != exitRecords || strings.TrimSpace(stderr) != want || stdout != "" {
		t.Errorf("import exit %d, stdout:\n%s\nstderr:\n%s\nwant exit 1 and:\n%s", code, stdout, stderr, want)
	}
	if after, clean := head(t, dir); after != before || !clean {
		t.Errorf("a refused import moved HEAD (%v) or left the working tree dirty (clean %v)", after != before, clean)
	}
}

// TestTargetImportReportsTheCheckersFindingsAtTheCells: what only the
// records as a whole show — an indicator left without figures once the
// unit reports, figures without evidence, a day after the year — is
// reported at the cell to correct.
func TestTargetImportReportsTheCheckersFindingsAtTheCells(t *testing.T) {
	t.Parallel()
	dir, book := targetsCase(t, "baisha", map[string]any{
		"K9":  "", // 森林火灾 left out
		"N9":  "",
		"N11": "",           // no evidence
		"D4":  "2027-01-31", // through: not a day of 2026
	})
	code, _, stderr := gongshi(t, "import", "--repo", dir, book, "--dry-run")
	for _, want := range []string{
		`!白沙村村民委员会!D4: expected a day of 2026, found 2027-01-31`,
		`!白沙村村民委员会!K9: expected figures (value) for indicator V04 森林火灾, as the file says they were reported on 2026-12-01, found none`,
		`!白沙村村民委员会!N11: expected the evidence (evidence) for the figures of V06, found none`,
	} {
		if code != exitRecords || !strings.Contains(stderr, want) {
			t.Errorf("import exit %d, stderr:\n%s\nwant %q", code, stderr, want)
		}
	}
	if n := strings.Count(stderr, "\n"); n != 4 {
		t.Errorf("import reported %d lines; want 3 mistakes and the summary:\n%s", n, stderr)
	}
}

// TestTargetsOfSeveralUnitsAreOneCommit: a year's workbook with two
// units' sheets changed is imported as one commit of the two files; the
// other units' files are not rewritten.
func TestTargetsOfSeveralUnitsAreOneCommit(t *testing.T) {
	t.Parallel()
	dir, book := targetsCase(t, "", nil)
	fillWorkbook(t, book, cells{"朝天镇卫生院": {"D3": num("46336"), "I6": num("611"), "J6": num("741")}}) // 2026-11-10: W01 moved on
	before, _ := head(t, dir)
	code, stdout, stderr := gongshi(t, "import", "--repo", dir, book, "-m", "录入2026年度目标完成情况", "--author", "王文书 <clerk@chaotian.example>")
	if code != exitOK || !strings.Contains(stdout, "gongshi: wrote 2 files (records/targets/2026/baisha.yaml, records/targets/2026/wsy.yaml) and committed them") ||
		!strings.Contains(stdout, "朝天镇卫生院 · 考核指标 · 65岁以上老年人健康管理率 · 分子（完成数）由603改为611") {
		t.Fatalf("import exit %d\n%s%s", code, stdout, stderr)
	}
	r, _ := git.PlainOpen(dir)
	h, _ := r.Head()
	c, _ := r.CommitObject(h.Hash())
	parent, _ := c.Parent(0)
	patch, _ := parent.Patch(c)
	if parent.Hash.String() != before || len(patch.FilePatches()) != 2 {
		t.Errorf("the import made a commit of %d files on %s; want one commit of 2 on HEAD", len(patch.FilePatches()), parent.Hash)
	}
	if _, clean := head(t, dir); !clean {
		t.Error("the import left the working tree dirty: files written but not committed")
	}
}

// TestTargetsWorkbookOfOneUnitIsNamedForIt: --unit names the file after
// the unit, and refuses a unit the records do not have.
func TestTargetsWorkbookOfOneUnitIsNamedForIt(t *testing.T) {
	g := sampleRepo(t)
	t.Chdir(t.TempDir())
	code, stdout, stderr := gongshi(t, "template", "--repo", g.Dir, "targets", "2026", "--unit", "wsy")
	if code != exitOK || !strings.Contains(stdout, "wrote 2026-wsy-目标完成情况.xlsx: the 2026 targets of 朝天镇卫生院, filled in with the figures of 1 unit(s) already reported") {
		t.Errorf("template exit %d\n%s%s", code, stdout, stderr)
	}
	if _, err := os.Stat("2026-wsy-目标完成情况.xlsx"); err != nil {
		t.Error(err)
	}
	if code, _, stderr := gongshi(t, "template", "--repo", g.Dir, "targets", "2026", "--unit", "nosuch"); code != exitUsage || !strings.Contains(stderr, `expected the id of a unit of the records, found "nosuch"`) {
		t.Errorf("template of an unknown unit: exit %d\n%s", code, stderr)
	}
	if code, _, stderr := gongshi(t, "template", "--repo", g.Dir, "assess", "2026-Q3", "--unit", "wsy"); code != exitUsage {
		t.Errorf("--unit with assess: exit %d\n%s", code, stderr)
	}
}
