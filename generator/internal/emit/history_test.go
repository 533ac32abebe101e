package emit

import (
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/tools/txtar"

	"gongshi/generator/internal/assess"
	"gongshi/generator/internal/calendar"
	"gongshi/generator/internal/changelog"
	"gongshi/generator/internal/gittest"
	"gongshi/generator/internal/history"
	"gongshi/generator/internal/record"
	"gongshi/generator/internal/repo"
)

// historySite emits the site of the fixture repository's head with its
// history, reading earlier commits' pages as the build does.
// historySite is historySiteFiles by path, each page's data folded into
// its front matter (asOneFile).
func historySite(t *testing.T, archive string) (files map[string][]byte, commits []string) {
	t.Helper()
	out, commits := historySiteFiles(t, archive)
	return asOneFile(t, out), commits
}

func historySiteFiles(t *testing.T, archive string) (files []File, commits []string) {
	t.Helper()
	site, commits := historySiteOf(t, archive)
	out, err := site.Files()
	if err != nil {
		t.Fatal(err)
	}
	return out, commits
}

// historySiteOf emits the site of the fixture's last commit, with its
// history and the versions of its notices.
func historySiteOf(t *testing.T, archive string) (site *Site, commits []string) {
	t.Helper()
	return historySiteBy(t, archive, New)
}

// historySiteBy is historySiteOf with the site started by newSite.
func historySiteBy(t *testing.T, archive string, newSite func(Input) (*Site, error)) (site *Site, commits []string) {
	t.Helper()
	a, err := txtar.ParseFile(archive)
	if err != nil {
		t.Fatal(err)
	}
	g := gittest.New(t)
	commits = g.Script(a)
	r, err := repo.Open(g.Dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close() })
	ix, err := history.Walk(r.Git, "HEAD")
	if err != nil {
		t.Fatal(err)
	}
	diffs, err := ix.DescribeAll()
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex // go-git's store is not safe for concurrent reads
	input := func(rev string) (Input, bool) {
		mu.Lock()
		snap, err := r.Snapshot(rev)
		mu.Unlock()
		if err != nil {
			t.Error(err)
			return Input{}, false
		}
		set, errs := record.Decode(snap.Records)
		cal, cerrs := calendar.New(set.Calendars)
		errs.Append(cerrs)
		results, aerrs := assess.Compute(set, cal)
		errs.Append(aerrs)
		if len(errs) > 0 && rev == "HEAD" {
			t.Log(errs)
		}
		return Input{Set: set, Calendar: cal, Assess: results, Build: Build{
			Commit: snap.Commit, When: snap.When, AsOf: snap.AsOf, Author: snap.Author, Message: snap.Message,
		}}, len(errs) == 0
	}
	in, ok := input("HEAD")
	if !ok {
		t.Fatal("the fixture's head does not build")
	}
	in.History = &History{Diffs: diffs}
	site, err = newSite(in)
	if err != nil {
		t.Fatal(err)
	}
	past := map[string]map[string]Page{}
	for commit, paths := range site.Wanted() {
		in, ok := input(commit)
		if !ok {
			continue // the records of that commit do not build
		}
		ps, err := Versioned(in, paths)
		if err != nil {
			t.Fatal(err)
		}
		past[commit] = map[string]Page{}
		for _, p := range ps {
			past[commit][p.Path] = p
		}
	}
	if err := site.AddVersions(past); err != nil {
		t.Fatal(err)
	}
	return site, commits
}

// entries returns "subject | type | changes…" for each entry of a page's
// change history: all of them, from the page that lists them when the
// page's own is folded.
func entries(t *testing.T, files map[string][]byte, path string) []string {
	t.Helper()
	f := historyOfPage(t, files, path)
	if f.History.All != "" {
		f = historyOfPage(t, files, "content"+f.History.All+".md")
	}
	var out []string
	for _, e := range f.History.Entries {
		out = append(out, strings.Join(append([]string{e.Subject, e.Type}, e.Changes...), " | "))
	}
	return out
}

type historyFront struct {
	History *pageHistory `json:"record_history"`
}

// historyOfPage reads the change history of the page at path.
func historyOfPage(t *testing.T, files map[string][]byte, path string) historyFront {
	t.Helper()
	var f historyFront
	if err := json.Unmarshal(files[path], &f); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if f.History == nil {
		t.Fatalf("%s has no change history", path)
	}
	return f
}

const noticePage = "content/notices/assess-2026-q1.md"

// TestLongHistoryIsFoldedOntoAPageOfItsOwn: a page changed more often
// than its 变更记录 lists shows its latest changes and links to a page
// listing all of them, which links back.
func TestLongHistoryIsFoldedOntoAPageOfItsOwn(t *testing.T) {
	files, _ := historySite(t, "testdata/history.txtar")
	h := historyOfPage(t, files, noticePage).History
	if len(h.Entries) != historyShown || h.Total != 5 || h.All != "/changes/pages/notices/assess-2026-q1" {
		t.Fatalf("the notice's history lists %d entries of %d, all at %q; want its latest %d of 5, all at /changes/pages/notices/assess-2026-q1", len(h.Entries), h.Total, h.All, historyShown)
	}
	if h.Entries[0].Subject != "补充考核项目说明" {
		t.Errorf("the notice's history begins with %q; want the latest change", h.Entries[0].Subject)
	}
	all := historyOfPage(t, files, "content"+h.All+".md").History
	if len(all.Entries) != 5 || all.Of == nil || all.Of.Path != "/notices/assess-2026-q1" || all.All != "" {
		t.Errorf("the page of the whole history lists %d entries, of %+v; want 5, of the notice", len(all.Entries), all.Of)
	}
	// A short history is listed whole on its page.
	if p := historyOfPage(t, files, "content/people/wang-jianjun.md").History; p.All != "" || p.Total != 0 {
		t.Errorf("a short history is folded: %+v", p)
	}
}

// TestHistoryOneLongerThanShownIsNotFolded: folding a history of one
// entry more than a page lists would hide that one entry behind a link
// and a page of its own, the link taking as much room as the entry. Such
// a history is listed whole; longer ones are folded.
func TestHistoryOneLongerThanShownIsNotFolded(t *testing.T) {
	whole, folded := 0, 0
	for _, archive := range []string{"testdata/history-three.txtar", "testdata/history.txtar"} {
		files, _ := historySite(t, archive)
		for path, data := range files {
			if !strings.HasPrefix(path, "content/") || !strings.HasSuffix(path, ".md") || strings.HasPrefix(path, "content/changes/") {
				continue
			}
			var f historyFront
			if json.Unmarshal(data, &f) != nil || f.History == nil {
				continue
			}
			switch h := f.History; {
			case h.All == "" && len(h.Entries) > historyShown+1:
				t.Errorf("%s: %s lists all %d entries of its history; want it folded to %d", archive, path, len(h.Entries), historyShown)
			case h.All != "" && h.Total <= historyShown+1:
				t.Errorf("%s: %s folds a history of %d entries; want them all listed", archive, path, h.Total)
			case h.All != "":
				folded++
			case len(h.Entries) == historyShown+1:
				whole++
			}
		}
	}
	if whole == 0 || folded == 0 {
		t.Fatalf("%d pages list a history of %d entries whole, %d fold a longer one: the test needs both", whole, historyShown+1, folded)
	}
}

func TestPageHistoryListsTheCommitsThatChangedItsRecordsInWords(t *testing.T) {
	files, _ := historySite(t, "testdata/history.txtar")
	got := entries(t, files, noticePage)
	want := []string{
		// The scheme's note on an item is not on the notice: no version, but
		// a change of its records all the same.
		"补充考核项目说明 | 实质变更 | 朝天镇机关工作人员绩效考核办法 · 考核项目 · 公共职责 · 考核内容填写为政治理论学习、会议、值班值守",
		"调整王建军公共职责评定分 | 实质变更 | 2026年第一季度 · 评分表 · 王建军 · 评定分 · 公共职责 · 得分由28改为27 | 2026年第一季度 · 评分表 · 王建军 · 评定分 · 公共职责 · 依据由2026年第一季度评议表改为2026年第一季度评议表（复核）",
		"更正王建军防汛值班天数 | 更正 | 2026年第一季度 · 评分表 · 王建军 · 计分记录 · 防汛值班 · 次数由2改为3",
		// 整理评分表格式 changed no published value: not a change of the page.
		"录入2026年第一季度绩效考核评分 | 实质变更 | 新增季度考核评分：2026年第一季度",
		"录入基础信息和2026年绩效考核办法 | 实质变更 | 新增绩效考核办法：朝天镇机关工作人员绩效考核办法",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("notice history:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// The phone changed last: private, so not a change of the person's page.
	person := entries(t, files, "content/people/wang-jianjun.md")
	if len(person) != 1 || !strings.HasPrefix(person[0], "录入基础信息") {
		t.Errorf("person page history:\n%s\nwant only the commit that added the person", strings.Join(person, "\n"))
	}
}

func TestEveryPageWithSourcesHasAHistory(t *testing.T) {
	site, _ := historySiteOf(t, "testdata/history.txtar")
	out, err := site.Files()
	if err != nil {
		t.Fatal(err)
	}
	files := asOneFile(t, out)
	n := 0
	for _, p := range site.w.pages {
		if len(p.Front.Sources) == 0 {
			continue
		}
		n++
		if h, ok := front(t, files, p.Path)["record_history"].(map[string]any); !ok || len(h["entries"].([]any)) == 0 {
			t.Errorf("%s names its sources but has no change history", p.Path)
		}
	}
	if n < 4 {
		t.Errorf("only %d pages with sources", n)
	}
}

func TestNoticeKeepsAPageForEachPublishedVersion(t *testing.T) {
	files, commits := historySite(t, "testdata/history.txtar")
	short := func(i int) string { return commits[i][:10] }
	var cur struct {
		History  *pageHistory `json:"record_history"`
		Versions *versionList `json:"published_versions"`
	}
	if err := json.Unmarshal(files[noticePage], &cur); err != nil {
		t.Fatal(err)
	}
	if cur.Versions == nil || !cur.Versions.Corrected || len(cur.Versions.Items) != 3 {
		t.Fatalf("versions of the notice: %+v; want 3, corrected", cur.Versions)
	}
	// The last commit changed the scheme but nothing the notice shows.
	if e := cur.History.Entries[0]; e.Subject != "补充考核项目说明" || e.Version != "" {
		t.Errorf("newest entry %q makes version %q; want 补充考核项目说明 making none", e.Subject, e.Version)
	}
	// The scheme's commit is in the notice's history, but the notice did
	// not exist then: the first version is the quarter's.
	wantTypes := map[int]string{1: "首次发布", 3: "更正", 4: "实质变更"}
	for n, ci := range []int{1, 3, 4} {
		path := "content/versions/assess-2026-q1/" + short(ci) + ".md"
		var v struct {
			Title   string       `json:"title"`
			Type    string       `json:"type"`
			Version *versionInfo `json:"published_version"`
			Params  struct {
				Rows []renderedRow `json:"rows"`
			} `json:"params"`
		}
		if err := json.Unmarshal(files[path], &v); err != nil {
			t.Fatalf("version %d: %v (files: %v)", n+1, err, versionFiles(files))
		}
		if v.Version == nil || v.Version.N != n+1 || v.Version.Of != 3 || v.Version.Current != (n == 2) || v.Version.Type != wantTypes[ci] {
			t.Errorf("version %d: %+v", n+1, v.Version)
		}
		if v.Type != "notices" || v.Version.Page != "/notices/assess-2026-q1" {
			t.Errorf("version %d: type %q, page %q; want notices, /notices/assess-2026-q1", n+1, v.Type, v.Version.Page)
		}
		// Each version shows the records as they were then.
		wantPublic := []string{"28", "28", "27"}[n]
		if len(v.Params.Rows) == 0 || !strings.Contains(string(v.Params.Rows[0].Cells), `data-label="公共职责">`+wantPublic+"</td>") {
			t.Errorf("version %d shows %+v; want 公共职责 %s", n+1, v.Params.Rows, wantPublic)
		}
	}
	// 3 versions, the index, and a page comparing each pair of versions.
	if got := len(versionFiles(files)); got != 7 {
		t.Errorf("%d files under content/versions: %v", got, versionFiles(files))
	}
	for _, pair := range []string{"1-2", "1-3", "2-3"} {
		if _, ok := files["content/versions/assess-2026-q1/compare-"+pair+".md"]; !ok {
			t.Errorf("no page comparing versions %s (files: %v)", pair, versionFiles(files))
		}
	}
}

// TestVersionsOfANoticeSayTheirEffect: a version's title names its date
// (the notice's own for the first), and each later version says what its
// change did to what the notice publishes.
func TestVersionsOfANoticeSayTheirEffect(t *testing.T) {
	files, commits := historySite(t, "testdata/history.txtar")
	short := func(i int) string { return commits[i][:10] }
	want := []struct {
		commit  int
		title   string
		effects []string
	}{
		{1, "朝天镇2026年第一季度绩效考核结果公示（第1版，2026年4月8日）", nil},
		{3, "朝天镇2026年第一季度绩效考核结果公示（第2版，2026年4月9日记录）",
			[]string{"王建军：防汛值班次数由2改为3；加分2→3，总分100→101，绩效工资1,500.00→1,515.00元", "汇总：发放总额2,985.00→3,000.00元，结余15.00→0.00元，人均1,492.50→1,500.00元，最高1,500.00→1,515.00元"}},
		{4, "朝天镇2026年第一季度绩效考核结果公示（第3版，2026年4月10日记录）", nil},
	}
	for _, w := range want {
		var v struct {
			Title   string       `json:"title"`
			Version *versionInfo `json:"published_version"`
		}
		if err := json.Unmarshal(files["content/versions/assess-2026-q1/"+short(w.commit)+".md"], &v); err != nil {
			t.Fatal(err)
		}
		if v.Title != w.title {
			t.Errorf("version title %q; want %q", v.Title, w.title)
		}
		if w.effects != nil && strings.Join(v.Version.Effects, "\n") != strings.Join(w.effects, "\n") {
			t.Errorf("%s: effects\n%s\nwant\n%s", w.title, strings.Join(v.Version.Effects, "\n"), strings.Join(w.effects, "\n"))
		}
	}
}

func versionFiles(files map[string][]byte) []string {
	var out []string
	for p := range files {
		if strings.HasPrefix(p, "content/versions/") {
			out = append(out, p)
		}
	}
	return out
}

func TestChangeLogListsEveryRecordCommitWithThePagesItChanged(t *testing.T) {
	files, commits := historySite(t, "testdata/history.txtar")
	var log struct {
		Params changeLog `json:"params"`
	}
	if err := json.Unmarshal(files["content/changes/_index.md"], &log); err != nil {
		t.Fatal(err)
	}
	if log.Params.Total != 7 || len(log.Params.Entries) != 7 {
		t.Fatalf("change log: %d commits, %d entries; want 7", log.Params.Total, len(log.Params.Entries))
	}
	for i, e := range log.Params.Entries {
		if want := commits[len(commits)-1-i]; e.Commit.Hash != want {
			t.Errorf("entry %d is %s; want %s (newest first)", i, e.Commit.Short, want[:10])
		}
	}
	byPages := map[string]int{}
	for _, e := range log.Params.Entries {
		byPages[e.Subject] = len(e.Pages) + e.MorePages
	}
	for subject, want := range map[string]int{"更新王建军联系电话": 0, "整理评分表格式": 0, "更正王建军防汛值班天数": 2} {
		if byPages[subject] != want {
			t.Errorf("%s changed %d pages; want %d", subject, byPages[subject], want)
		}
	}
	// Its Atom feed is a page of its own, written beside the log's
	// index.html: not an output format every page is made ready for.
	var feed struct {
		Layout string     `json:"layout"`
		URL    string     `json:"url"`
		Build  *pageBuild `json:"build"`
		Params feedData   `json:"params"`
	}
	if err := json.Unmarshal(files["content/feeds/changes.md"], &feed); err != nil {
		t.Fatalf("the change log's feed: %v", err)
	}
	if feed.Layout != "changes" || feed.URL != "/changes/feed.xml" || feed.Params.Of != "/changes" || feed.Build == nil || feed.Build.List != "never" {
		t.Errorf("the change log's feed %+v; want layout changes, url /changes/feed.xml, of /changes, unlisted", feed)
	}
	if _, ok := files["content/changes/"+commits[3][:10]+".md"]; !ok {
		t.Errorf("no page for commit %s", commits[3][:10])
	}
}

func TestHistoryGolden(t *testing.T) {
	files, _ := historySiteFiles(t, "testdata/history.txtar")
	var out []File
	for _, f := range files {
		for _, p := range []string{noticePage, dataFile(noticePage), CommitsFile, "content/versions/", "content/changes/", DataDir + "/versions/", DataDir + "/changes/"} {
			if strings.HasPrefix(f.Path, p) {
				out = append(out, f)
				break
			}
		}
	}
	sortFiles(out)
	golden(t, "history", out)
}

func sortFiles(fs []File) {
	slices.SortFunc(fs, func(a, b File) int { return strings.Compare(a.Path, b.Path) })
}

func TestPersonPageOmitsTheChangesOfOthersSheets(t *testing.T) {
	files, _ := historySite(t, "testdata/history.txtar")
	want := map[string][]string{
		"content/assess/wang-jianjun.md": {"调整王建军公共职责评定分", "更正王建军防汛值班天数", "录入2026年第一季度绩效考核评分", "录入基础信息和2026年绩效考核办法"},
		// The quarter's file changed four times, never her sheet.
		"content/assess/li-hongmei.md": {"录入2026年第一季度绩效考核评分", "录入基础信息和2026年绩效考核办法"},
	}
	for page, subjects := range want {
		var got []string
		for _, e := range entries(t, files, page) {
			s, _, _ := strings.Cut(e, " | ")
			got = append(got, s)
		}
		if strings.Join(got, "\n") != strings.Join(subjects, "\n") {
			t.Errorf("%s history:\n%s\nwant:\n%s", page, strings.Join(got, "\n"), strings.Join(subjects, "\n"))
		}
	}
}

func TestChangeLogIsPaginatedNewestFirst(t *testing.T) {
	var diffs []*changelog.Diff
	for i := range 65 {
		n := 65 - i
		when := time.Date(2026, 1, 1, 9, 0, 0, 0, record.Shanghai()).Add(time.Duration(n) * time.Hour)
		c := &changelog.Commit{
			Hash:      fmt.Sprintf("%02x%038x", n, 0),
			Subject:   fmt.Sprintf("第%d次录入", n),
			Author:    changelog.Person{Name: "朝天镇党政办", When: when},
			Committer: changelog.Person{Name: "朝天镇党政办", When: when},
		}
		diffs = append(diffs, &changelog.Diff{Commit: c})
	}
	out, err := emitFiles(Input{Set: decode(t, "testdata/directory.txtar"), Build: build, History: &History{Diffs: diffs}})
	if err != nil {
		t.Fatal(err)
	}
	files := asOneFile(t, out)
	commitPages := 0
	for _, f := range out {
		if strings.HasPrefix(f.Path, "content/changes/") && len(f.Path) == len("content/changes/0123456789.md") {
			commitPages++
		}
	}
	for _, tc := range []struct {
		file        string
		first, last string
		n           int
		prev, next  string
	}{
		{"content/changes/_index.md", "第65次录入", "第36次录入", 30, "", "/changes/p2"},
		{"content/changes/p2.md", "第35次录入", "第6次录入", 30, "/changes", "/changes/p3"},
		{"content/changes/p3.md", "第5次录入", "第1次录入", 5, "/changes/p2", ""},
	} {
		var f struct {
			Params changeLog `json:"params"`
		}
		if err := json.Unmarshal(files[tc.file], &f); err != nil {
			t.Fatalf("%s: %v", tc.file, err)
		}
		es, pg := f.Params.Entries, f.Params.Pager
		if len(es) != tc.n || es[0].Subject != tc.first || es[len(es)-1].Subject != tc.last || pg.Prev != tc.prev || pg.Next != tc.next || pg.Of != 3 || f.Params.Total != 65 {
			t.Errorf("%s: %d entries %q … %q, prev %q next %q of %d; want %d %q … %q, %q %q of 3",
				tc.file, len(es), es[0].Subject, es[len(es)-1].Subject, pg.Prev, pg.Next, pg.Of, tc.n, tc.first, tc.last, tc.prev, tc.next)
		}
	}
	if commitPages != 65 {
		t.Errorf("%d commit pages; want 65", commitPages)
	}
}

// TestCommitterIsNamedOnlyWhenTheRecordsKnowThem: a commit made for its
// author by someone else names them by the name the records give
// (代为提交); a technical identity the records do not know is not shown.
func TestCommitterIsNamedOnlyWhenTheRecordsKnowThem(t *testing.T) {
	office := changelog.Person{Name: "朝天镇党政办", Email: "dzb@chaotian.example"}
	names := map[string]string{"clerk@chaotian.example": "王文书", "dzb@chaotian.example": "朝天镇党政办"}
	for _, tc := range []struct {
		name      string
		committer changelog.Person
		want      string
	}{
		{"the author themselves", office, ""},
		{"the author under another name", changelog.Person{Name: "党政办", Email: "DZB@chaotian.example"}, ""},
		{"the clerk the records know", changelog.Person{Name: "wang", Email: "Clerk@Chaotian.example"}, "王文书"},
		{"a machine the records do not know", changelog.Person{Name: "Seed 9ae811e1 maintainers", Email: "maintainers@users.noreply.example"}, ""},
		{"a known name under an unknown e-mail", changelog.Person{Name: "王文书", Email: "wang@home.example"}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := &changelog.Commit{Author: office, Committer: tc.committer}
			if got := committerName(c, names); got != tc.want {
				t.Errorf("committerName(%s <%s>) = %q; want %q", tc.committer.Name, tc.committer.Email, got, tc.want)
			}
		})
	}
}

// UnmarshalJSON reads an entry back from a page's JSON, for the tests:
// encoding/json cannot allocate the unexported commitInfo it embeds.
func (e *changeEntry) UnmarshalJSON(b []byte) error {
	e.commitInfo = &commitInfo{}
	if err := json.Unmarshal(b, e.commitInfo); err != nil {
		return err
	}
	return json.Unmarshal(b, &e.pageChange)
}

// UnmarshalJSON reads a change log entry back, with its own fields beside
// the entry's (whose UnmarshalJSON it would otherwise take).
func (e *logEntry) UnmarshalJSON(b []byte) error {
	if err := e.changeEntry.UnmarshalJSON(b); err != nil {
		return err
	}
	var own struct {
		Count     int        `json:"count"`
		Pages     []pageLink `json:"pages"`
		MorePages int        `json:"more_pages"`
	}
	err := json.Unmarshal(b, &own)
	e.Count, e.Pages, e.MorePages = own.Count, own.Pages, own.MorePages
	return err
}

// TestWantedAreTheCommitsOfTheVersionedPagesHistories: Wanted, asked
// before the histories are attached (AddVersions attaches them), names
// for each commit exactly the Versioned pages whose change history has
// it: a commit missing would lose a published version, one too many
// would be computed for nothing.
func TestWantedAreTheCommitsOfTheVersionedPagesHistories(t *testing.T) {
	site, _ := historySiteOf(t, "testdata/history.txtar")
	want := map[string][]string{}
	for _, p := range site.w.pages {
		if !p.Front.Versioned || p.Front.History == nil {
			continue
		}
		h := p.Front.History
		if h.All != "" { // folded: the page of its own lists every entry
			for _, q := range site.w.pages {
				if q.Front.History != nil && q.Front.History.Of != nil && q.Front.History.Of.Path == contentPath(p.Path) {
					h = q.Front.History
				}
			}
		}
		for _, e := range h.Entries {
			if !slices.Contains(want[e.Commit.Hash], p.Path) {
				want[e.Commit.Hash] = append(want[e.Commit.Hash], p.Path)
			}
		}
	}
	for _, ps := range want {
		slices.Sort(ps)
	}
	if len(want) < 3 {
		t.Fatalf("the fixture's Versioned pages have %d commits in their histories; want at least 3", len(want))
	}
	if got := wantedVersions(site.w, site.in.History); !reflect.DeepEqual(got, want) {
		t.Errorf("Wanted:\n%v\nthe Versioned pages' histories:\n%v", got, want)
	}
}
