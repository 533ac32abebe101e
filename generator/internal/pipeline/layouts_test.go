package pipeline_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/spf13/afero"

	"gongshi/generator/internal/pipeline"
)

// TestFigureRecordsLinkEachRowsOwnPage: a figure's records are listed
// row by row, each linking the page of its record; the page is looked up
// once for a run of rows that name the same one (figures/records.html).
// A row after a run links its own page, or none when it names no page or
// one that does not exist — never the page of the rows before it.
func TestFigureRecordsLinkEachRowsOwnPage(t *testing.T) {
	t.Parallel()
	g, _ := township(t)
	g.At("2026-04-13T09:00:00+08:00", "朝天镇党政办 <dzb@chaotian.example>")
	g.Write("content/figures/probe.md", []byte(`---
title: 核对
view: records
figures:
- anchor: f1
  title: 记录
  name: probe
  value: "7"
  rows:
  - {label: 甲, path: /units/zhengfu}
  - {label: 乙, path: /units/zhengfu}
  - {label: 丙, path: /units/nowhere}
  - {label: 丁}
  - {label: 戊, path: /units/zhengfu}
  - {label: 己, path: /safety/hazards}
  - {label: 庚}
  - {label: 辛, path: /safety/hazards}
---
`))
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
		g.Write("assets/_pagedata/own.json", []byte(`{"view": "records", "figures": [{"anchor": "f1", "title": "本镇自备", "name": "own", "value": "1", "rows": [{"label": "甲"}]}]}`))
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
