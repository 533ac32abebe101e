package pipeline_test

import (
	"regexp"
	"strings"
	"testing"

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
