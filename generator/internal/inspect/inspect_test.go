package inspect

import (
	"strings"
	"testing"

	"github.com/spf13/afero"

	"gongshi/generator/internal/diag"
	"gongshi/generator/internal/emit"
	"gongshi/generator/internal/record"
)

func messages(l diag.List) []string {
	var out []string
	for _, e := range l {
		out = append(out, e.Error())
	}
	return out
}

func section(path, title string, items int) emit.OutlinePage {
	return emit.OutlinePage{Path: path, Title: title, Section: true, Listed: true, Items: items}
}

func notice(path, date string, line int) emit.OutlinePage {
	return emit.OutlinePage{Path: path, Title: "公示" + path, Listed: true, Date: date,
		Origin: diag.Pos{File: "records/assess/x.yaml", Line: line, Col: 9}}
}

func TestPagesFindWhatFailsAGovernmentSite(t *testing.T) {
	asOf := record.MustDate("2026-11-20")
	for _, tc := range []struct {
		name  string
		pages []emit.OutlinePage
		want  []string // a part of each finding, in order
	}{
		{"a site with everything", []emit.OutlinePage{
			section("/", "首页", 9), section("/notices", "公示公告", 1), notice("/notices/a", "2026-07-03", 3),
			section("/safety", "安全生产责任公示", 3), section("/safety/objects", "监管对象", 3),
		}, nil},
		{"a blank section and the blank ones in it once", []emit.OutlinePage{
			section("/notices", "公示公告", 1), notice("/notices/a", "2026-07-03", 3),
			{Path: "/safety", Title: "安全生产责任公示", Section: true, Listed: true, Origin: diag.Pos{File: "records/safety/objects/"}},
			section("/safety/objects", "监管对象", 0), section("/safety/placards", "标牌", 0),
			section("/safetynet", "不在其中", 0),
		}, []string{
			`records/safety/objects/: expected something in the section "安全生产责任公示" (safety/index.html), found nothing`,
			`safetynet/index.html: expected something in the section "不在其中"`,
		}},
		{"an unlisted section is no section", []emit.OutlinePage{
			section("/notices", "公示公告", 1), notice("/notices/a", "2026-07-03", 3),
			{Path: "/changes/pages", Title: "x", Section: true},
		}, nil},
		{"notices not updated for six months", []emit.OutlinePage{
			section("/notices", "公示公告", 2), notice("/notices/a", "2026-04-02", 3), notice("/notices/b", "2026-05-19", 7),
		}, []string{`records/assess/x.yaml:7:9: expected a notice in the section "公示公告" published on or after 2026-05-20, 6 months before 2026-11-20, found the newest published on 2026-05-19`}},
		{"six months to the day is in time", []emit.OutlinePage{
			section("/notices", "公示公告", 1), notice("/notices/a", "2026-05-20T00:00:00+08:00", 3),
		}, nil},
		{"a notice without its date", []emit.OutlinePage{
			section("/notices", "公示公告", 2), notice("/notices/a", "2026-11-02", 3), notice("/notices/b", "", 5),
		}, []string{`records/assess/x.yaml:5:9: expected a publication date for "公示/notices/b" (notices/b.html), found none`}},
		{"a version of a notice is not a notice", []emit.OutlinePage{
			section("/notices", "公示公告", 1), notice("/notices/a", "2026-11-02", 3),
			{Path: "/notices/old", Title: "旧", Date: ""},
		}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := messages(Pages(tc.pages, asOf))
			if len(got) != len(tc.want) {
				t.Fatalf("Pages found %d: %q; want %d: %q", len(got), got, len(tc.want), tc.want)
			}
			for i := range got {
				if !strings.Contains(got[i], tc.want[i]) {
					t.Errorf("finding %d is %q; want it to read %q", i, got[i], tc.want[i])
				}
			}
		})
	}
}

func TestNamesFindAnObjectThatSaysItsKindTwice(t *testing.T) {
	set, errs := record.Decode([]record.File{
		{Path: "records/township.yaml", Data: []byte("name: 朝天镇\norgan: 朝天镇人民政府\naddress: 青江县朝天镇正街1号\nobjection: {office: 党政综合办公室, address: 二楼, phone: 0736-6621234}\n")},
		{Path: "records/safety/categories.yaml", Data: []byte("categories:\n  - id: dock\n    name: 码头\n    roles:\n      - name: 码头负责人\n")},
		{Path: "records/units/u.yaml", Data: []byte("units:\n  - id: zf\n    name: 朝天镇人民政府\n    type: 机关\n")},
		{Path: "records/safety/objects/docks.yaml", Data: []byte("objects:\n" +
			"  - id: lao\n    name: 老码头码头\n    category: dock\n    unit: zf\n    location: 河街\n" +
			"  - id: xin\n    name: 新码头\n    category: dock\n    unit: zf\n    location: 河街\n")},
	})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	got := messages(Names(set))
	want := `records/safety/objects/docks.yaml:3:11: expected a name that says its kind 码头 once, found "老码头码头"`
	if len(got) != 1 || !strings.HasPrefix(got[0], want) {
		t.Errorf("Names = %q; want one finding, %s", got, want)
	}
}

func TestLinksFindWhatLeadsNowhere(t *testing.T) {
	fs := afero.NewMemMapFs()
	for p, s := range map[string]string{
		"/out/index.html":         `<a href="./notices/index.html">公示</a><a href="./gone.html">旧</a><a href="https://beian.miit.gov.cn/">ICP</a><a href="tel:0745-7621234">电话</a><a href="#main">正文</a>`,
		"/out/notices/index.html": `<link href="../site.css"><a href="../index.html">首页</a><a href="./a.html?x=1#y">a</a><a href="../notices/">文件夹</a>`,
		"/out/notices/a.html":     `<a href="../notices/index.html">公示</a>`,
		"/out/404.html":           `<a href="/index.html">首页</a><form action="/search.html"></form>`,
		"/out/site.css":           `body{}`,
		"/out/search.html":        `<a href="./index.html">首页</a>`,
	} {
		if err := afero.WriteFile(fs, p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	outline := []emit.OutlinePage{{Path: "/notices", Section: true, Listed: true, Origin: diag.Pos{File: "records/"}}}
	l, err := Links(fs, "/out", "/", outline)
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Join(messages(l), "\n")
	for _, want := range []string{
		`index.html: expected a link on index.html to a page of the site, found "./gone.html", which leads nowhere`,
		`records/: expected a link on notices/index.html to a page of the site, found "../notices/", which leads nowhere`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("Links found:\n%s\nwant among them: %s", got, want)
		}
	}
	if n := len(l); n != 2 {
		t.Errorf("Links found %d; want 2:\n%s", n, got)
	}
}
