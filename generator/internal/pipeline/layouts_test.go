package pipeline_test

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/spf13/afero"

	"gongshi/generator/internal/pipeline"
)

// TestFigureRecordsLinkEachRowsOwnPage: a figure's records are listed
// row by row, each linking the page of its record. gongshi writes the
// rows, in runs of rows that link the same page (emit.recordRun); the
// template looks each page up once (figures/records.html) and links the
// rows of every run of it: a row links its own page, or none when it
// names no page or one that does not exist — never the page of the rows
// before it.
func TestFigureRecordsLinkEachRowsOwnPage(t *testing.T) {
	t.Parallel()
	g, _ := township(t)
	g.At("2026-04-13T09:00:00+08:00", "朝天镇党政办 <dzb@chaotian.example>")
	type run struct {
		Path string `json:"path,omitempty"`
		HTML string `json:"html"`
	}
	var runs []run
	for _, r := range []struct{ path, labels string }{
		{"/units/zhengfu", "甲乙"}, {"/units/nowhere", "丙"}, {"", "丁"}, {"/units/zhengfu", "戊"},
		{"/safety/hazards", "己"}, {"", "庚"}, {"/safety/hazards", "辛"},
	} {
		var b strings.Builder
		for _, l := range r.labels {
			label := string(l)
			if r.path != "" {
				label = "<a>" + label + "</a>"
			}
			b.WriteString("\n    <tr><th scope=\"row\">" + label + "</th><td data-label=\"说明\"></td></tr>")
		}
		runs = append(runs, run{r.path, b.String()})
	}
	front, err := json.Marshal(map[string]any{"title": "核对", "view": "records", "figures": []any{
		map[string]any{"anchor": "f1", "title": "记录", "name": "probe", "value": "8", "count": 8, "runs": runs},
	}})
	if err != nil {
		t.Fatal(err)
	}
	g.Write("content/figures/probe.md", append(front, '\n'))
	g.Commit("页面")
	files := render(t, pipeline.Options{Source: pipeline.Source{Dir: g.Dir}, NoCache: true})
	page, ok := files["figures/probe.html"]
	if !ok {
		t.Fatal("no page figures/probe.html")
	}
	row := regexp.MustCompile(`<tr><th scope="row">(?:<a href="([^"]*)">)?(\p{Han})(?:</a>)?</th>`)
	var got []string
	for _, m := range row.FindAllStringSubmatch(page, -1) {
		got = append(got, m[2]+" "+m[1])
	}
	want := []string{
		"甲 ../units/zhengfu.html", "乙 ../units/zhengfu.html", "丙 ", "丁 ", "戊 ../units/zhengfu.html",
		"己 ../safety/hazards.html", "庚 ", "辛 ../safety/hazards.html",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("rows and their links:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if !strings.Contains(page, "<span class=\"fold-note\">8 条记录</span>") || !strings.Contains(page, "统计的记录（8 条）") {
		t.Errorf("figures/probe.html does not count the 8 records")
	}
	for _, p := range []string{"units/zhengfu.html", "safety/hazards.html"} {
		if _, ok := files[p]; !ok {
			t.Errorf("no page %s to link", p)
		}
	}
}

// TestAPagesDataIsReadWhereItIs: a page's data is read from the file
// gongshi emitted (every page of every site test); a page of the commit's
// own that names a data file of the commit's assets/_pagedata/ finds it
// there, and one that names a file nobody wrote fails the build, naming
// the page and the file.
func TestAPagesDataIsReadWhereItIs(t *testing.T) {
	t.Parallel()
	page := []byte("---\ntitle: 核对\npagedata: _pagedata/own.json\n---\n")
	t.Run("the commit's own", func(t *testing.T) {
		t.Parallel()
		g, _ := township(t)
		g.At("2026-04-13T09:00:00+08:00", "朝天镇党政办 <dzb@chaotian.example>")
		g.Write("content/figures/probe.md", page)
		g.Write("assets/_pagedata/own.json", []byte(`{"view": "records", "figures": [{"anchor": "f1", "title": "本镇自备", "name": "own", "value": "1", "count": 1, "runs": [{"html": "<tr><th scope=\"row\">甲</th><td></td></tr>"}]}]}`))
		g.Commit("页面")
		files := render(t, pipeline.Options{Source: pipeline.Source{Dir: g.Dir}, NoCache: true})
		if !strings.Contains(files["figures/probe.html"], "<h2>本镇自备：<strong>1</strong>") {
			t.Errorf("figures/probe.html lacks the figure of its own data file:\n%.2000s", files["figures/probe.html"])
		}
	})
	t.Run("nobody's", func(t *testing.T) {
		t.Parallel()
		g, _ := township(t)
		g.At("2026-04-13T09:00:00+08:00", "朝天镇党政办 <dzb@chaotian.example>")
		g.Write("content/figures/probe.md", page)
		g.Commit("页面")
		s, err := pipeline.Build(pipeline.Options{Source: pipeline.Source{Dir: g.Dir}, NoCache: true})
		if err == nil {
			_, err = s.Render(afero.NewMemMapFs(), "/out")
		}
		if err == nil || !strings.Contains(err.Error(), "/figures/probe: its data _pagedata/own.json was not emitted") {
			t.Errorf("Build and Render = %v; want the page and its data file named", err)
		}
	})
}

// TestANoticesRowsArePrintedWithTheirCells: a quarter's notice prints
// each row's cells as gongshi wrote them into its data, each name linking
// its own page; a page of the commit's own whose rows lack their cells
// fails the build, naming the page and the row, rather than print a
// table of names alone.
func TestANoticesRowsArePrintedWithTheirCells(t *testing.T) {
	t.Parallel()
	probe := func(t *testing.T, cells []string) (map[string]string, error) {
		t.Helper()
		var rows []any
		for i, p := range [][2]string{{"甲", "/assess/wang-jianjun"}, {"乙", "/assess/nobody"}, {"丙", "/Assess/Wang-JianJun"}} {
			r := map[string]any{"person": map[string]any{"name": p[0], "path": p[1]}, "qualified": i == 0}
			if i < len(cells) {
				r["cells"] = cells[i]
			}
			rows = append(rows, r)
		}
		return pageOfItsOwn(t, "notices/probe", "", func([]string) any {
			return map[string]any{"notice": map[string]any{"layout": "assess", "organ": "朝天镇人民政府"},
				"quarter": "2026年第一季度", "summary": map[string]any{"assessed": 2}, "rows": rows}
		})
	}
	t.Run("with its cells", func(t *testing.T) {
		t.Parallel()
		files, err := probe(t, []string{`<td class="posts">一号</td>`, `<td class="posts">二号</td>`, `<td class="posts">三号</td>`})
		if err != nil {
			t.Fatal(err)
		}
		// Each name links its own page, as link.html would: the site's
		// map of links (links.html) where it has the path, Hugo's
		// lookup where it does not (a path written in other case).
		for _, row := range []string{`<tr>` + "\n      " + `<td class="num" data-label="序号">1</td>` + "\n      " +
			`<th scope="row"><a href="../assess/wang-jianjun.html">甲</a></th>` + "\n      " + `<td class="posts">一号</td>` + "\n    </tr>",
			`<tr class="unqualified">` + "\n      " + `<td class="num" data-label="序号">2</td>` + "\n      " +
				`<th scope="row">乙</th>` + "\n      " + `<td class="posts">二号</td>` + "\n    </tr>",
			`<th scope="row"><a href="../assess/wang-jianjun.html">丙</a></th>` + "\n      " + `<td class="posts">三号</td>` + "\n    </tr>"} {
			if !strings.Contains(files["notices/probe.html"], row) {
				t.Errorf("notices/probe.html lacks the row\n%s\n%.3000s", row, files["notices/probe.html"])
			}
		}
	})
	t.Run("without", func(t *testing.T) {
		t.Parallel()
		_, err := probe(t, []string{`<td class="posts">一号</td>`})
		if err == nil || !strings.Contains(err.Error(), "/notices/probe: row 2 of the notice (乙) has no cells, which gongshi writes") {
			t.Errorf("Render = %v; want the page and the row named", err)
		}
	})
}

// TestACommitsPagesAreEachLinked: a commit's page lists the pages it
// changed, each linking its own page — through the site's map of links
// (links.html) for a page Hugo lists, through Hugo's lookup for one it
// does not (another commit's page) or a path written in other case — or
// its title alone for a page that does not exist or a row with no path.
func TestACommitsPagesAreEachLinked(t *testing.T) {
	t.Parallel()
	var other string // another commit's page
	files, err := pageOfItsOwn(t, "changes/probe", "layout: commit\nbuild:\n  list: never\n", func(commits []string) any {
		other = "/changes/" + commits[0][:10]
		return map[string]any{"subject": "核对", "type": "更正", "author": "党政办",
			"commit": map[string]any{"hash": strings.Repeat("a", 40), "short": "aaaaaaaaaa", "date": "2026-04-13 09:00", "iso": "2026-04-13T09:00:00+08:00"},
			"files":  []any{}, "pages": []any{
				map[string]any{"title": "甲", "path": "/units/zhengfu"},
				map[string]any{"title": "乙", "path": other},
				map[string]any{"title": "丙", "path": "/Units/ZhengFu"},
				map[string]any{"title": "丁", "path": "/units/nowhere"},
				map[string]any{"title": "戊"},
			}}
	})
	if err != nil {
		t.Fatal(err)
	}
	page := files["changes/probe.html"]
	want := `<ul class="page-list"><li><a href="../units/zhengfu.html">甲</a></li><li><a href="..` + other + `.html">乙</a></li>` +
		`<li><a href="../units/zhengfu.html">丙</a></li><li>丁</li><li>戊</li></ul>`
	if !strings.Contains(page, want) {
		t.Errorf("changes/probe.html lacks\n%s\n%.4000s", want, page)
	}
	if _, ok := files[strings.TrimPrefix(other, "/")+".html"]; !ok {
		t.Errorf("no page %s to link", other)
	}
}

// TestAHazardRowLinksItsObject: a hazard's row is printed as gongshi
// wrote it (emit.hazardCells), its object's cell linking the object's
// page as link.html would — through the site's map of links, through
// Hugo's lookup for a path written in other case, or the name alone when
// there is no such page or no path; a page of the commit's own whose
// hazards lack their rows fails the build, naming the hazard.
func TestAHazardRowLinksItsObject(t *testing.T) {
	t.Parallel()
	probe := func(t *testing.T, written bool) (map[string]string, error) {
		t.Helper()
		var rows []any
		for i, o := range [][2]string{{"甲", "/units/zhengfu"}, {"乙", "/Units/ZhengFu"}, {"丙", "/units/nowhere"}, {"丁", ""}} {
			r := map[string]any{"object": map[string]any{"name": o[0], "path": o[1]}}
			if written {
				r["head"] = fmt.Sprintf(`<tr class="row-open"><th scope="row">隐患%d</th>`, i)
				r["tail"] = "<td>尾</td></tr>"
			}
			rows = append(rows, r)
		}
		return pageOfItsOwn(t, "safety/probe", "", func([]string) any {
			return map[string]any{"view": "hazards", "groups": []any{map[string]any{"status": "open", "title": "限期整改中", "rows": rows}}}
		})
	}
	t.Run("written", func(t *testing.T) {
		t.Parallel()
		files, err := probe(t, true)
		if err != nil {
			t.Fatal(err)
		}
		for i, cell := range []string{`<a href="../units/zhengfu.html">甲</a>`, `<a href="../units/zhengfu.html">乙</a>`, `丙`, `丁`} {
			row := fmt.Sprintf(`<tr class="row-open"><th scope="row">隐患%d</th><td data-label="所在对象">%s</td><td>尾</td></tr>`, i, cell)
			if !strings.Contains(files["safety/probe.html"], row) {
				t.Errorf("safety/probe.html lacks the row\n%s\n%.3000s", row, files["safety/probe.html"])
			}
		}
	})
	t.Run("not written", func(t *testing.T) {
		t.Parallel()
		_, err := probe(t, false)
		if err == nil || !strings.Contains(err.Error(), "safety/hazard-table.html: a hazard (甲) without its row (head, tail), which gongshi writes") {
			t.Errorf("Render = %v; want the hazard named", err)
		}
	})
}

// TestAPersonsQuarterPrintsItsRows: a person's page prints the rows of
// each quarter's items and events as gongshi wrote them (emit.scoreRows,
// emit.eventRows), the table of events only where there are some; a
// page of the commit's own whose quarter lacks its rows fails the build,
// naming the page and the quarter.
func TestAPersonsQuarterPrintsItsRows(t *testing.T) {
	t.Parallel()
	probe := func(t *testing.T, quarters ...map[string]any) (map[string]string, error) {
		t.Helper()
		return pageOfItsOwn(t, "assess/probe", "", func([]string) any {
			return map[string]any{"person": map[string]any{"id": "wang-jianjun", "name": "王建军"}, "quarters": quarters}
		})
	}
	t.Run("written", func(t *testing.T) {
		t.Parallel()
		files, err := probe(t,
			map[string]any{"quarter": "2026年第二季度", "score_rows": "\n      <tr><th>甲项</th></tr>", "event_rows": "\n      <tr><td>甲事</td></tr>", "bonus_score": "1.5"},
			map[string]any{"quarter": "2026年第一季度", "score_rows": "\n      <tr><th>乙项</th></tr>"})
		if err != nil {
			t.Fatal(err)
		}
		page := files["assess/probe.html"]
		for _, want := range []string{"<tbody>\n      <tr><th>甲项</th></tr>\n      </tbody>", "<tbody>\n      <tr><td>甲事</td></tr>\n      </tbody>",
			"<tbody>\n      <tr><th>乙项</th></tr>\n      </tbody>", "<dt>加分</dt><dd>1.5 分</dd>"} {
			if !strings.Contains(page, want) {
				t.Errorf("assess/probe.html lacks\n%s\n%.3000s", want, page)
			}
		}
		if n := strings.Count(page, "<h3>计分记录</h3>"); n != 1 {
			t.Errorf("assess/probe.html has %d tables of events; want the one quarter's with events", n)
		}
	})
	t.Run("not written", func(t *testing.T) {
		t.Parallel()
		_, err := probe(t, map[string]any{"quarter": "2026年第一季度"})
		if err == nil || !strings.Contains(err.Error(), "/assess/probe: 2026年第一季度 has no rows of its items (score_rows, which gongshi writes)") {
			t.Errorf("Render = %v; want the page and the quarter named", err)
		}
	})
}

// pageOfItsOwn builds the sample township with a page of the commit's own
// at content/PATH.md (front: more lines of its front matter) whose data
// file, in the commit's assets/_pagedata/, is data(the township's
// commits), and renders it.
func pageOfItsOwn(t *testing.T, path, front string, data func(commits []string) any) (map[string]string, error) {
	t.Helper()
	g, commits := township(t)
	g.At("2026-04-13T09:00:00+08:00", "朝天镇党政办 <dzb@chaotian.example>")
	b, err := json.Marshal(data(commits))
	if err != nil {
		t.Fatal(err)
	}
	g.Write("content/"+path+".md", []byte("---\ntitle: 核对\n"+front+"pagedata: _pagedata/probe.json\n---\n"))
	g.Write("assets/_pagedata/probe.json", b)
	g.Commit("页面")
	s, err := pipeline.Build(pipeline.Options{Source: pipeline.Source{Dir: g.Dir}, NoCache: true})
	if err != nil {
		t.Fatal(err)
	}
	return renderQuietly(s)
}
