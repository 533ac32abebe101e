package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"

	"gongshi/generator/internal/gittest"
	"gongshi/generator/internal/repo"
)

// elsewhere moves the test away from this project: the working directory
// and HOME are empty folders, so nothing can be read from the project's
// layouts, records or the user's git config.
func elsewhere(t *testing.T) string {
	t.Helper()
	t.Setenv("HOME", t.TempDir())
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	t.Setenv("GIT_CONFIG_NOSYSTEM", "1")
	dir := t.TempDir()
	t.Chdir(dir)
	return dir
}

// head is the hash of HEAD and whether the working tree is clean.
func head(t *testing.T, dir string) (string, bool) {
	t.Helper()
	g, err := git.PlainOpen(dir)
	if err != nil {
		t.Fatal(err)
	}
	h, err := g.Head()
	if err != nil {
		t.Fatal(err)
	}
	w, _ := g.Worktree()
	st, err := w.Status()
	if err != nil {
		t.Fatal(err)
	}
	return h.Hash().String(), st.IsClean()
}

// cells fills a workbook the way a clerk types: text as text, numbers and
// dates (Excel's day numbers) as numbers.
type cells map[string]map[string]any

// num is a cell typed as a number, given as its decimal text.
type num string

func fillWorkbook(t *testing.T, file string, c cells) {
	t.Helper()
	f, err := excelize.OpenFile(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for sheet, refs := range c {
		for ref, v := range refs {
			switch v := v.(type) {
			case string:
				err = f.SetCellStr(sheet, ref, v)
			case num:
				err = f.SetCellDefault(sheet, ref, string(v))
			}
			if err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
}

// staff are three cadres of a new township, entered by hand as its clerk
// would after gongshi init.
const staffPosts = `# yaml-language-server: $schema=../../schema/posts.json
posts:
  - id: dzb-keyuan
    title: 党政综合办公室工作人员
    unit: dzb
    rank: 一般干部
    seats: 3
`

const staffPeople = `# yaml-language-server: $schema=../../schema/people.json
# 镇机关干部
people:
  - id: zhang-wei
    name: 张伟
    unit: dzb
    staff: 公务员
    posts:
      - post: dzb-keyuan
        from: 2026-01-01
    phone: "13907451122"
  - id: li-na
    name: 李娜
    unit: dzb
    staff: 公务员
    posts:
      - post: dzb-keyuan
        from: 2026-01-01
  - id: wang-fang
    name: 王芳
    unit: dzb
    staff: 参公管理
    posts:
      - post: dzb-keyuan
        from: 2026-01-01
`

// TestNewTownshipFromInitToNotice is the acceptance: gongshi init,
// the clerk's own people, a score template filled in programmatically,
// imported, and the quarter's notice built, with nothing but what the
// binary carries (the working directory and HOME are elsewhere).
func TestNewTownshipFromInitToNotice(t *testing.T) {
	work := elsewhere(t)
	dir := filepath.Join(work, "qingshan")
	setenv(t, "GIT_AUTHOR_DATE", "2026-10-08T09:00:00+08:00")
	setenv(t, "GIT_COMMITTER_DATE", "2026-10-08T09:00:00+08:00")
	if code, stdout, stderr := gongshi(t, "init", "--author", "青山镇党政办 <dzb@qingshan.example>", dir); code != exitOK {
		t.Fatalf("init exit %d\n%s%s", code, stdout, stderr)
	}
	if code, _, stderr := gongshi(t, "check", "--repo", dir, "--rev", "HEAD"); code != exitOK {
		t.Fatalf("check of a new repository: exit %d\n%s", code, stderr)
	}

	// The clerk enters the staff and commits, as the README says.
	g, err := git.PlainOpen(dir)
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "records/posts/offices.yaml"), []byte(staffPosts), 0o644)
	os.WriteFile(filepath.Join(dir, "records/people/cadres.yaml"), []byte(staffPeople), 0o644)
	gittestCommit(t, g, "录入党政办干部")

	book := filepath.Join(work, "2026-Q3-绩效考核评分.xlsx")
	code, stdout, stderr := gongshi(t, "template", "--repo", dir, "assess", "2026-Q3")
	if code != exitOK || !strings.Contains(stdout, "3 people in scope of 2026-Q3") {
		t.Fatalf("template exit %d\n%s%s", code, stdout, stderr)
	}
	fillWorkbook(t, book, cells{
		"公示": {"B5": num("46304"), "B6": "青政公〔2026〕9号", "B7": "镇绩效考核领导小组（2026年10月8日会议）"}, // 2026-10-09
		"计分记录": {
			"A4": "张伟", "B4": "K01 无故缺勤", "C4": num("46217"), "E4": "2026年7月考勤表", // 2026-07-14
			"A5": "王芳", "B5": "J01 汛期、节假日应急值守", "C5": "2026-08-02", "D5": num("2"), "E5": "2026年汛期值班表",
		},
		"评分": {"F5": num("38"), "J5": "镇绩效考核领导小组", "K5": "第3次会议纪要"}, // 李娜's 岗位职责, decided
	})
	code, stdout, stderr = gongshi(t, "import", "--repo", dir, book, "--message", "录入2026年第三季度考核评分", "--author", "青山镇党政办 <dzb@qingshan.example>")
	if code != exitOK {
		t.Fatalf("import exit %d\n%s%s", code, stdout, stderr)
	}
	for _, want := range []string{"records/assess/2026-Q3.yaml: ", "新增季度考核评分：2026年第三季度", "gongshi: wrote records/assess/2026-Q3.yaml and committed it"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("import output lacks %q:\n%s", want, stdout)
		}
	}
	written, _ := os.ReadFile(filepath.Join(dir, "records/assess/2026-Q3.yaml"))
	if !strings.HasPrefix(string(written), "# yaml-language-server: $schema=../../schema/assess-quarters.json\n") {
		t.Errorf("the imported file does not start with its schema line:\n%s", written)
	}

	out := filepath.Join(work, "public")
	if code, _, stderr := gongshi(t, "build", "--repo", dir, "--out", out); code != exitOK {
		t.Fatalf("build exit %d\n%s", code, stderr)
	}
	page := text(read(t, filepath.Join(out, "notices", "assess-2026-q3.html")))
	for _, want := range []string{
		"○○镇2026年第三季度绩效考核结果公示", "青政公〔2026〕9号",
		// items, 基础分, 加分, 总分, 结果, 绩效工资
		"张伟 党政综合办公室工作人员 30 40 8 20 98 0 98 合格 1,470.00",  // one day's absence: −2
		"李娜 党政综合办公室工作人员 30 38 10 20 98 0 98 合格 1,470.00", // 岗位职责 decided 38
		"王芳 党政综合办公室工作人员 30 40 10 20 100 2 102 合格 1,530.00",
		"○○镇人民政府 2026年10月9日",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the Q3 notice does not read %q:\n%s", want, page)
		}
	}
	about := read(t, filepath.Join(out, "about.html"))
	if !strings.Contains(about, "○○镇人民政府") || strings.Contains(about, "朝天镇") {
		t.Errorf("the about page shipped in gongshi does not name the township's own organ")
	}
	if sitemap := read(t, filepath.Join(out, "sitemap.xml")); !strings.Contains(sitemap, "https://gongshi.example/notices/assess-2026-q3.html") {
		t.Errorf("the sitemap does not use the township's website:\n%.400s", sitemap)
	}
	if b, err := os.ReadFile(filepath.Join(out, "people", "zhang-wei.html")); err == nil && bytes.Contains(b, []byte("13907451122")) {
		t.Error("a private phone number reached the site")
	}
}

// gittestCommit commits the working tree as the clerk would.
func gittestCommit(t *testing.T, g *git.Repository, msg string) {
	t.Helper()
	w, _ := g.Worktree()
	if err := w.AddWithOptions(&git.AddOptions{All: true}); err != nil {
		t.Fatal(err)
	}
	sig := mustSig(t, "青山镇党政办 <dzb@qingshan.example>", "2026-10-08T08:00:00+08:00")
	if _, err := w.Commit(msg, &git.CommitOptions{Author: &sig, Committer: &sig}); err != nil {
		t.Fatal(err)
	}
}

// importCase prepares a template of the sample township's 2026-Q3 (no
// scores recorded yet) with its posting date filled in.
func importCase(t *testing.T) (*gittest.Repo, string) {
	t.Helper()
	g := sampleRepo(t)
	book := filepath.Join(t.TempDir(), "2026-Q3.xlsx")
	if code, _, stderr := gongshi(t, "template", "--repo", g.Dir, "--out", book, "assess", "2026-Q3"); code != exitOK {
		t.Fatalf("template exit %d\n%s", code, stderr)
	}
	fillWorkbook(t, book, cells{"公示": {"B5": num("46304"), "B6": "青政公〔2026〕9号"}})
	setenv(t, "GIT_AUTHOR_DATE", "2026-11-21T09:00:00+08:00")
	setenv(t, "GIT_COMMITTER_DATE", "2026-11-21T09:00:00+08:00")
	return g, book
}

func TestImportWithBadCellsListsEachAndChangesNothing(t *testing.T) {
	t.Parallel()
	g, book := importCase(t)
	fillWorkbook(t, book, cells{
		"评分": {"G7": "十", "E4": num("31")}, // 出勤 0–10; 公共职责 0–30
		"计分记录": {
			"A4": "罗斌", "B4": "K01 无故缺勤", "C4": num("46210"), "E4": "2026年7月考勤表",
			"A5": "罗斌", "B5": "K02 迟到早退", "C5": "7月8日", "E5": "2026年7月考勤表",
		},
	})
	before, _ := head(t, g.Dir)
	code, stdout, stderr := gongshi(t, "import", "--repo", g.Dir, book, "-m", "录入2026年第三季度考核评分", "--author", "王文书 <clerk@chaotian.example>")
	want := strings.Join([]string{
		`2026-Q3.xlsx!计分记录!C5: expected a date like 2026-04-03, found "7月8日"; 请写明年份，如 2026-04-03`,
		`2026-Q3.xlsx!评分!E4: expected a score 0–30 for 公共职责, found "31"`,
		`2026-Q3.xlsx!评分!G7: expected a score 0–10 for 出勤, found "十"`,
		`gongshi: 3 mistake(s) in 2026-Q3.xlsx: nothing written, no commit`,
	}, "\n")
	if code != exitRecords || strings.TrimSpace(stderr) != want {
		t.Errorf("import exit %d, stderr:\n%s\nwant exit 1 and:\n%s", code, stderr, want)
	}
	if stdout != "" {
		t.Errorf("a refused import printed:\n%s", stdout)
	}
	after, clean := head(t, g.Dir)
	if after != before || !clean {
		t.Errorf("a refused import moved HEAD (%v) or left the working tree dirty (clean %v)", after != before, clean)
	}
}

func TestImportRefusesAnIDNumberWithTheMaskedForm(t *testing.T) {
	t.Parallel()
	g, book := importCase(t)
	fillWorkbook(t, book, cells{"计分记录": {
		"A4": "罗斌", "B4": "K03 事假超过规定天数", "C4": num("46210"), "E4": "请假条（身份证 431123196910075094）",
	}})
	before, _ := head(t, g.Dir)
	code, _, stderr := gongshi(t, "import", "--repo", g.Dir, book, "-m", "录入", "--author", "王文书 <clerk@chaotian.example>")
	want := "2026-Q3.xlsx!计分记录!E4: expected no ID-card number in 佐证材料, which is published, found one; 公开字段不得写身份证号，如确需写明，写作 43*************094"
	if code != exitRecords || !strings.HasPrefix(stderr, want+"\ngongshi: 1 mistake(s)") {
		t.Errorf("import exit %d, stderr:\n%s\nwant:\n%s", code, stderr, want)
	}
	if after, clean := head(t, g.Dir); after != before || !clean {
		t.Error("a refused import committed or wrote")
	}
}

// TestImportRefusesAMessageOrAuthorThatMayNotBePublished: the commit's
// message and names are published and stay in the history: a mobile or
// ID-card number in them is refused before anything is written.
func TestImportRefusesAMessageOrAuthorThatMayNotBePublished(t *testing.T) {
	t.Parallel()
	g, book := importCase(t)
	fillWorkbook(t, book, cells{"计分记录": {
		"A4": "罗斌", "B4": "K03 事假超过规定天数", "C4": num("46210"), "E4": "请假条",
	}})
	before, _ := head(t, g.Dir)
	code, _, stderr := gongshi(t, "import", "--repo", g.Dir, book, "-m", "录入（经办人电话 139 0745 1122）\n身份证430122199001011094",
		"--author", "王文书13907451122 <clerk@chaotian.example>")
	want := `--author:1:4: expected no mobile number in the author, which is published, found one; 作者姓名会在网站上公开，不得写手机号，如确需写明，写作 139****1122
--message:1:10: expected no mobile number in the commit message, which is published, found one; 提交说明会在网站上公开，不得写手机号，如确需写明，写作 139****1122
--message:2:4: expected no ID-card number in the commit message, which is published, found one; 提交说明会在网站上公开，不得写身份证号，如确需写明，写作 43*************094
gongshi: 3 mistake(s) in the commit's message or names, which are published: nothing written, no commit
`
	if code != exitRecords || stderr != want {
		t.Errorf("import exit %d, stderr:\n%s\nwant:\n%s", code, stderr, want)
	}
	if after, clean := head(t, g.Dir); after != before || !clean {
		t.Error("a refused import committed or wrote")
	}
}

// TestImportReportsTheCheckersFindingsAtTheCells: mistakes found only once
// the records are put together (a code not in the scheme, evidence the
// scheme requires) are reported at the cells too.
func TestImportReportsTheCheckersFindingsAtTheCells(t *testing.T) {
	t.Parallel()
	g, book := importCase(t)
	fillWorkbook(t, book, cells{"计分记录": {
		"A4": "罗斌", "B4": "K1", "C4": num("46210"), "E4": "2026年7月考勤表",
		"A5": "罗斌", "B5": "K02 迟到早退", "C5": num("46211"),
	}})
	code, _, stderr := gongshi(t, "import", "--repo", g.Dir, book, "--dry-run")
	for _, want := range []string{
		`2026-Q3.xlsx!计分记录!B4: expected an indicator code of the scheme, found "K1"; did you mean "K01"?`,
		`2026-Q3.xlsx!计分记录!E5: expected evidence for 迟到早退 (K02), found none`,
	} {
		if code != exitRecords || !strings.Contains(stderr, want) {
			t.Errorf("import exit %d, stderr:\n%s\nwant %q", code, stderr, want)
		}
	}
}

// TestImportNamesCellsNotLinesOfTheFileItWouldWrite: a finding that
// refers to another place names that place's cell.
func TestImportNamesCellsNotLinesOfTheFileItWouldWrite(t *testing.T) {
	t.Parallel()
	g, book := importCase(t)
	fillWorkbook(t, book, cells{
		"评分":   {"G4": num("9"), "J4": "镇绩效考核领导小组"},                                    // 周丽's 出勤 decided …
		"计分记录": {"A4": "周丽", "B4": "K02 迟到早退", "C4": num("46210"), "E4": "2026年7月考勤表"}, // … and an attendance event
	})
	code, _, stderr := gongshi(t, "import", "--repo", g.Dir, book, "--dry-run")
	want := "2026-Q3.xlsx!评分!G4: expected either a decided score or events for 出勤, found both (first event at 计分记录!B4)"
	if code != exitRecords || !strings.Contains(stderr, want) {
		t.Errorf("import exit %d, stderr:\n%s\nwant %q", code, stderr, want)
	}
}

func TestRoundTripMakesNoCommit(t *testing.T) {
	t.Parallel()
	g := sampleRepo(t)
	setenv(t, "GIT_COMMITTER_DATE", "2026-11-21T09:00:00+08:00")
	before, _ := head(t, g.Dir)
	for _, tc := range [][]string{{"assess", "2026-Q1"}, {"assess", "2026-Q2"}, {"reports", "2026-10"}, {"targets", "2025"}, {"targets", "2026"}} {
		book := filepath.Join(t.TempDir(), tc[1]+".xlsx")
		if code, _, stderr := gongshi(t, "template", "--repo", g.Dir, "--out", book, tc[0], tc[1]); code != exitOK {
			t.Fatalf("template exit %d\n%s", code, stderr)
		}
		code, stdout, stderr := gongshi(t, "import", "--repo", g.Dir, book, "-m", "原样导入", "--author", "王文书 <clerk@chaotian.example>")
		if code != exitOK || !strings.Contains(stdout, "changes nothing") {
			t.Errorf("import of the unchanged %s %s: exit %d\n%s%s", tc[0], tc[1], code, stdout, stderr)
		}
	}
	if after, clean := head(t, g.Dir); after != before || !clean {
		t.Errorf("round trips committed (HEAD moved: %v) or wrote (clean: %v)", after != before, clean)
	}
}

// TestCorrectionIsCommittedAloneByTheClerk: an existing quarter's workbook,
// one cell changed: --dry-run shows the change in the history's words and
// writes nothing; the import commits that file alone, with the author and
// committer given, leaving the clerk's other edit in progress alone.
func TestCorrectionIsCommittedAloneByTheClerk(t *testing.T) {
	t.Parallel()
	g := sampleRepo(t)
	setenv(t, "GIT_AUTHOR_DATE", "2026-11-21T09:00:00+08:00")
	setenv(t, "GIT_COMMITTER_DATE", "2026-11-21T09:30:00+08:00")
	book := filepath.Join(t.TempDir(), "2026-Q1.xlsx")
	if code, _, stderr := gongshi(t, "template", "--repo", g.Dir, "--out", book, "assess", "2026-Q1"); code != exitOK {
		t.Fatalf("template exit %d\n%s", code, stderr)
	}
	f, _ := excelize.OpenFile(book)
	rows, _ := f.GetRows("计分记录")
	f.Close()
	row := 0
	for i, r := range rows {
		if len(r) > 1 && r[0] == "王建军" && strings.HasPrefix(r[1], "K02") {
			row = i + 1
		}
	}
	if row == 0 {
		t.Fatal("no K02 row for 王建军 in the template")
	}
	fillWorkbook(t, book, cells{"计分记录": {"D" + itoa(row): num("2")}})
	g.Write("records/units/organ.yaml", append(read2(t, g.Dir, "records/units/organ.yaml"), "# 正在修改\n"...))
	before, _ := head(t, g.Dir)

	code, stdout, stderr := gongshi(t, "import", "--repo", g.Dir, book, "--dry-run")
	wantChange := "王建军 · 计分记录 · 迟到早退 · 次数由1改为2" // a count left out is 1
	if code != exitOK || !strings.Contains(stdout, wantChange) || !strings.Contains(stdout, "--dry-run: nothing written") {
		t.Errorf("dry run exit %d:\n%s%s\nwant %q", code, stdout, stderr, wantChange)
	}
	if after, _ := head(t, g.Dir); after != before {
		t.Error("a dry run committed")
	}

	code, stdout, stderr = gongshi(t, "import", "--repo", g.Dir, book, "--message", "更正王建军迟到次数",
		"--author", "王文书 <clerk@chaotian.example>", "--committer", "李主任 <li@chaotian.example>")
	if code != exitOK || !strings.Contains(stdout, wantChange) {
		t.Fatalf("import exit %d\n%s%s", code, stdout, stderr)
	}
	r, _ := git.PlainOpen(g.Dir)
	h, _ := r.Head()
	c, _ := r.CommitObject(h.Hash())
	if c.Message != "更正王建军迟到次数" || c.Author.Name != "王文书" || c.Committer.Name != "李主任" ||
		c.Author.When.Format("15:04") != "09:00" || c.Committer.When.Format("15:04") != "09:30" {
		t.Errorf("commit %q by %s at %s, committed by %s at %s", c.Message, c.Author.Name, c.Author.When, c.Committer.Name, c.Committer.When)
	}
	parent, _ := c.Parent(0)
	patch, _ := parent.Patch(c)
	if fps := patch.FilePatches(); len(fps) != 1 {
		t.Errorf("the commit changed %d files; want the quarter's alone", len(fps))
	}
	if !strings.HasSuffix(string(read2(t, g.Dir, "records/units/organ.yaml")), "# 正在修改\n") {
		t.Error("the clerk's edit in progress was lost")
	}
	if code, _, stderr := gongshi(t, "check", "--repo", g.Dir, "--rev", "HEAD"); code != exitOK {
		t.Errorf("the imported commit does not check: %s", stderr)
	}
}

func TestRegisterImportAddsAMonth(t *testing.T) {
	t.Parallel()
	g := sampleRepo(t)
	setenv(t, "GIT_COMMITTER_DATE", "2026-12-08T09:00:00+08:00")
	setenv(t, "GIT_AUTHOR_DATE", "2026-12-08T09:00:00+08:00")
	book := filepath.Join(t.TempDir(), "2026-11.xlsx")
	if code, _, stderr := gongshi(t, "template", "--repo", g.Dir, "--out", book, "reports", "2026-11"); code != exitOK {
		t.Fatalf("template exit %d\n%s", code, stderr)
	}
	f, _ := excelize.OpenFile(book)
	rows, _ := f.GetRows("月报")
	f.Close()
	at := map[string]int{}
	for i, r := range rows {
		if len(r) > 2 {
			at[r[2]] = i + 1
		}
	}
	hexi, school := at["河西村村民委员会"], at["朝天镇中心小学"]
	if hexi == 0 || school == 0 {
		t.Fatalf("the register lacks 河西村 or 中心小学: %v", at)
	}
	fillWorkbook(t, book, cells{"月报": {
		"E" + itoa(hexi): num("46358"), "F" + itoa(hexi): "梁晨", // 2026-12-02
		"E" + itoa(school): "2026/12/7", "F" + itoa(school): "朱玉兰", "G" + itoa(school): "期中考试后报送",
	}})
	code, stdout, stderr := gongshi(t, "import", "--repo", g.Dir, book, "-m", "登记2026年11月安全生产月报", "--author", "王文书 <clerk@chaotian.example>")
	if code != exitOK {
		t.Fatalf("import exit %d\n%s%s", code, stdout, stderr)
	}
	for _, want := range []string{"新增安全生产月报：河西村村民委员会 2026年11月", "新增安全生产月报：朝天镇中心小学 2026年11月"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("import output lacks %q:\n%s", want, stdout)
		}
	}
	file := string(read2(t, g.Dir, "records/safety/reports/2026.yaml"))
	if !strings.HasSuffix(file, "  # 11月月报\n  - {unit: xiaoxue, month: 2026-11, received: 2026-12-07, cadre: zhu-yulan, note: 期中考试后报送}\n  - {unit: hexi, month: 2026-11, received: 2026-12-02, cadre: liang-chen}\n") {
		t.Errorf("the register's file ends:\n%s", file[max(0, len(file)-400):])
	}
}

// TestCSVSheetImportsLikeTheWorkbook: the 计分记录 sheet saved as CSV by a
// Chinese Windows (GBK), dates as shown, imports like the workbook: the
// sample quarter unchanged is no change.
func TestCSVSheetImportsLikeTheWorkbook(t *testing.T) {
	t.Parallel()
	g := sampleRepo(t)
	book := filepath.Join(t.TempDir(), "2026-Q1.xlsx")
	if code, _, stderr := gongshi(t, "template", "--repo", g.Dir, "--out", book, "assess", "2026-Q1"); code != exitOK {
		t.Fatalf("template exit %d\n%s", code, stderr)
	}
	f, _ := excelize.OpenFile(book)
	rows, _ := f.GetRows("计分记录") // as displayed: what "save as CSV" writes
	f.Close()
	var b bytes.Buffer
	for _, r := range rows {
		for i, c := range r {
			if i > 0 {
				b.WriteByte(',')
			}
			if strings.ContainsAny(c, ",\"\n") {
				c = `"` + strings.ReplaceAll(c, `"`, `""`) + `"`
			}
			b.WriteString(c)
		}
		b.WriteString("\r\n")
	}
	gbk, err := simplifiedchinese.GBK.NewEncoder().Bytes(b.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	csvFile := filepath.Join(t.TempDir(), "计分记录.csv")
	os.WriteFile(csvFile, gbk, 0o644)
	code, stdout, stderr := gongshi(t, "import", "--repo", g.Dir, csvFile, "--dry-run")
	if code != exitOK || !strings.Contains(stdout, "changes nothing") {
		t.Errorf("import of the events saved as CSV: exit %d\n%s%s", code, stdout, stderr)
	}
}

// TestHookAndBinaryOnAFreshMachine uses gongshi as a program, as a clerk
// would on a machine with nothing but it and git: init, build, and a
// commit the pre-commit hook refuses for a phone number. The program is
// this test binary under the name gongshi (TestMain runs the command
// then): the same code and embedded files, without linking it again.
func TestHookAndBinaryOnAFreshMachine(t *testing.T) {
	gitBin, err := exec.LookPath("git")
	if err != nil {
		t.Fatal("git is needed: the pre-commit hook is git's")
	}
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(t.TempDir(), "bin")
	if err := os.Mkdir(bin, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(self, filepath.Join(bin, "gongshi")); err != nil {
		t.Fatal(err)
	}
	work := elsewhere(t)
	t.Setenv("PATH", bin+string(os.PathListSeparator)+filepath.Dir(gitBin))
	run := func(name string, args ...string) (string, error) {
		cmd := exec.Command(name, args...)
		cmd.Dir = work
		cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=王文书", "GIT_AUTHOR_EMAIL=clerk@qingshan.example",
			"GIT_COMMITTER_NAME=王文书", "GIT_COMMITTER_EMAIL=clerk@qingshan.example")
		out, err := cmd.CombinedOutput()
		return string(out), err
	}
	if out, err := run("gongshi", "init", "x"); err != nil {
		t.Fatalf("gongshi init: %v\n%s", err, out)
	}
	if out, err := run("gongshi", "build", "--repo", "x", "--out", "site"); err != nil || !strings.Contains(out, "built") {
		t.Fatalf("gongshi build: %v\n%s", err, out)
	}
	if _, err := os.Stat(filepath.Join(work, "site", "index.html")); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(work, "x/records/units/cgz.yaml"), []byte("units:\n  - id: cgz\n    name: 船舶管理站\n    type: 站所\n    note: 站长电话 139 0745 1122\n"), 0o644)
	if out, err := run("git", "-C", "x", "add", "records"); err != nil {
		t.Fatal(out)
	}
	out, err := run("git", "-C", "x", "commit", "-m", "录入船舶管理站")
	if err == nil || !strings.Contains(out, "records/units/cgz.yaml:5:11: expected no mobile number in note") || !strings.Contains(out, "139****1122") {
		t.Errorf("git commit with a phone number in a note: %v\n%s\nwant the hook to refuse it with the masked form", err, out)
	}
	if log, _ := run("git", "-C", "x", "log", "--oneline"); strings.Count(log, "\n") != 1 {
		t.Errorf("the refused commit was made:\n%s", log)
	}
	// The message is published too: the commit-msg hook refuses a number
	// in it, at its line and column.
	os.WriteFile(filepath.Join(work, "x/records/units/cgz.yaml"), []byte("units:\n  - id: cgz\n    name: 船舶管理站\n    type: 站所\n"), 0o644)
	run("git", "-C", "x", "add", "records")
	out, err = run("git", "-C", "x", "commit", "-m", "录入船舶管理站", "-m", "站长电话１３９０７４５１１２２")
	if err == nil || !strings.Contains(out, "COMMIT_EDITMSG:3:5: expected no mobile number in the commit message, which is published, found one") || !strings.Contains(out, "139****1122") {
		t.Errorf("git commit with a phone number in the message: %v\n%s\nwant the commit-msg hook to refuse it", err, out)
	}
	if out, err := run("git", "-C", "x", "commit", "-m", "录入船舶管理站"); err != nil {
		t.Errorf("git commit with a clean message: %v\n%s", err, out)
	}
	// The CI examples run the same commands: each gongshi line works here,
	// the build refusing, as --strict asks, the site of a township whose
	// sections are blank yet.
	for _, ci := range []string{".gitea/workflows/gongshi.yaml", ".gitlab-ci.yml"} {
		b, _ := os.ReadFile(filepath.Join(work, "x", ci))
		lines := regexp.MustCompile(`(?m)^\s*(?:- |run: )?(gongshi .*)$`).FindAllStringSubmatch(string(b), -1)
		if len(lines) < 2 {
			t.Errorf("%s runs %d gongshi commands; want check and build", ci, len(lines))
		}
		for _, l := range lines {
			args := append(strings.Fields(l[1])[1:], "--repo", "x")
			if args[0] == "build" {
				args = append(args, "--out", "ci-site")
			}
			out, err := run("gongshi", args...)
			if slices.Contains(args, "--strict") {
				if code := exitCodeOf(err); code != exitRecords || !strings.Contains(out, "expected something in the section \"公示公告\"") || !strings.Contains(out, "self-check found") {
					t.Errorf("%s: %s on a township with nothing recorded yet: exit %d\n%s\nwant it refused (exit %d) for its blank sections", ci, l[1], code, out, exitRecords)
				}
				continue
			}
			if err != nil {
				t.Errorf("%s: %s: %v\n%s", ci, l[1], err, out)
			}
		}
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

// exitCodeOf is the exit status of a command that ran, -1 if it did not.
func exitCodeOf(err error) int {
	var ee *exec.ExitError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &ee):
		return ee.ExitCode()
	}
	return -1
}

func read2(t *testing.T, dir, file string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(file)))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func mustSig(t *testing.T, who, when string) object.Signature {
	t.Helper()
	s, err := repo.Signature(who)
	if err != nil {
		t.Fatal(err)
	}
	if s.When, err = time.Parse(time.RFC3339, when); err != nil {
		t.Fatal(err)
	}
	return s
}
