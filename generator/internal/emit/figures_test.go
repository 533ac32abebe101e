package emit

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"gongshi/generator/internal/figures"
	"gongshi/generator/internal/record"
)

const figuresTownship = `name: 朝天镇
organ: 朝天镇人民政府
address: 青江县朝天镇正街88号
objection: {office: 党政综合办公室, address: 镇政府二楼, phone: 0745-7621234}
`

// figuresInput is a township with one accident in 2026 and a summary
// citing it.
func figuresInput(t *testing.T) Input {
	t.Helper()
	files := []record.File{
		{Path: "records/township.yaml", Data: []byte(figuresTownship)},
		{Path: "records/units/units.yaml", Data: []byte("units:\n  - {id: hexi, name: 河西村村民委员会, type: 村委会}\n")},
		{Path: "records/safety/accidents/2026.yaml", Data: []byte("accidents:\n  - {id: acc1, date: 2026-03-14, unit: hexi, level: 一般, minor_injuries: 1, summary: 村道刮擦}\n")},
		{Path: "records/summaries/s.yaml", Data: []byte("id: 2026-safety\ntitle: 朝天镇2026年安全生产工作总结\nyear: 2026\ntext: |\n  全年发生事故{{.安全.事故.起数}}起，截至{{.截至}}。\n")},
	}
	set, errs := record.Decode(files)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	fr, errs := figures.Compute(figures.Input{Set: set, AsOf: build.AsOf})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	return Input{Set: set, Build: build, Figures: fr}
}

func TestFiguresPagesLinkEachFigureToItsRecords(t *testing.T) {
	s, err := New(figuresInput(t))
	if err != nil {
		t.Fatal(err)
	}
	pages := map[string]*Page{}
	for i := range s.w.pages {
		pages[s.w.pages[i].Path] = &s.w.pages[i]
	}
	for _, p := range []string{"content/figures/_index.md", "content/figures/2026/_index.md", "content/figures/2026/safety/_index.md", "content/summaries/_index.md"} {
		if pages[p] == nil {
			t.Errorf("no page %s", p)
		}
	}
	// The accidents' group page lists the accident under 事故.起数 and
	// derives from it: its change history is the accident's.
	g := pages["content/figures/2026/safety/accidents.md"]
	if g == nil {
		t.Fatal("no page for the accident figures")
	}
	want := Source{File: "records/safety/accidents/2026.yaml", Kind: "accident", ID: "acc1"}
	if !slices.Contains(g.Front.Sources, want) {
		t.Errorf("accident figures' sources = %v; want %v among them", g.Front.Sources, want)
	}
	gp := g.Front.Params.(groupPage)
	if f := gp.Figures[0]; f.Name != "安全.事故.起数" || f.Value != "1" || len(f.Runs) != 1 || f.Runs[0].Path != "/safety" || strings.Count(string(f.Runs[0].HTML), "<tr>") != 1 {
		t.Errorf("first accident figure = %+v; want 安全.事故.起数 = 1 counting the accident", f)
	}
	// The summary's figure links to that section, and the summary derives
	// from its own record and the records of its figures.
	sp := pages["content/summaries/2026-safety.md"]
	if sp == nil {
		t.Fatal("no summary page")
	}
	b, _ := json.Marshal(sp.Front.Params)
	// The year runs: the page says so once, not after each figure.
	if !strings.Contains(string(b), `"through":"截至2026年7月1日"`) ||
		!strings.Contains(string(b), `{"name":"安全.事故.起数","title":"发生生产安全事故","value":"1","unit":"起","path":"/figures/2026/safety/accidents","anchor":"f1"}`) {
		t.Errorf("summary params = %s; want the figure linked to /figures/2026/safety/accidents#f1, the year's note once", b)
	}
	// 截至 counts no record: it shows its value, linked to nothing.
	if !strings.Contains(string(b), `{"name":"截至","title":"统计截至日期","value":"2026年7月1日"}`) {
		t.Errorf("summary params = %s; want 截至 with its value", b)
	}
	if !slices.Contains(sp.Front.Sources, want) || !slices.Contains(sp.Front.Sources, Source{File: "records/summaries/s.yaml", Kind: "summary", ID: "2026-safety"}) {
		t.Errorf("summary sources = %v; want the summary and the accident", sp.Front.Sources)
	}
}
