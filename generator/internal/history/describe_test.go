package history

import (
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"gongshi/generator/internal/changelog"
	"gongshi/generator/internal/gittest"
)

// A township's records changed commit by commit, as a clerk would.
const describeScript = `
at 2026-04-01T09:00:00+08:00 王文书 <clerk@chaotian.example>
cp township.yaml records/township.yaml
cp units.yaml records/units/机关.yaml
cp posts.yaml records/posts/机关.yaml
cp people-1.yaml records/people/机关.yaml
commit 录入基础信息
at 2026-04-02T09:00:00+08:00 王文书 <clerk@chaotian.example>
cp people-2.yaml records/people/机关.yaml
commit 整理格式\n\nChange-Type: 更正
at 2026-04-03T09:00:00+08:00 王文书 <clerk@chaotian.example>
cp people-3.yaml records/people/机关.yaml
commit 更正张三姓名，更新电话\n\nChange-Type: 更正
at 2026-04-04T09:00:00+08:00 王文书 <clerk@chaotian.example>
cp posts-2.yaml records/posts/机关.yaml
cp people-4.yaml records/people/机关.yaml
commit 李四改任安全员，免去张三党政办主任\n\nChange-Type: 实质变更
at 2026-04-05T09:00:00+08:00 王文书 <clerk@chaotian.example>
cp people-5a.yaml records/people/机关.yaml
cp people-5b.yaml records/people/站所.yaml
commit 李四名册移至站所
at 2026-04-06T09:00:00+08:00 王文书 <clerk@chaotian.example>
rm records/people/站所.yaml
commit 李四调离
-- township.yaml --
name: 朝天镇
organ: 朝天镇人民政府
address: 朝天路1号
objection: {office: 党政办, address: 朝天路1号, phone: 0736-6621234}
-- units.yaml --
units:
  - {id: dzb, name: 党政办, type: 办公室}
-- posts.yaml --
posts:
  - {id: dzb-zr, title: 党政办主任, unit: dzb, rank: 中层正职}
  - {id: aqy, title: 安全员, unit: dzb, rank: 一般干部}
-- posts-2.yaml --
posts:
  - {id: dzb-zr, title: 党政办主任, unit: dzb, rank: 中层正职}
  - {id: aqy, title: 安全生产监管员, unit: dzb, rank: 一般干部}
-- people-1.yaml --
people:
  - id: zhang-san
    name: 张叁
    unit: dzb
    phone: "13800001111"
    posts:
      - {post: dzb-zr, from: 2025-01-01}
  - id: li-si
    name: 李四
    unit: dzb
    posts:
      - {post: dzb-zr, from: 2024-01-01, to: 2024-12-31}
-- people-2.yaml --
# 机关人员名册
people:
  - name: "张叁"
    id: zhang-san
    phone: "13800001111"   # 本人手机
    unit: dzb
    posts: [{from: 2025-01-01, post: dzb-zr}]
  - {id: li-si, name: 李四, unit: dzb, posts: [{post: dzb-zr, from: 2024-01-01, to: 2024-12-31}]}
-- people-3.yaml --
people:
  - id: zhang-san
    name: 张三
    unit: dzb
    phone: "13800002222"
    posts:
      - {post: dzb-zr, from: 2025-01-01}
  - id: li-si
    name: 李四
    unit: dzb
    posts:
      - {post: dzb-zr, from: 2024-01-01, to: 2024-12-31}
-- people-4.yaml --
people:
  - id: zhang-san
    name: 张三
    unit: dzb
    phone: "13800002222"
    posts:
      - {post: dzb-zr, from: 2025-01-01, to: 2026-03-31}
  - id: li-si
    name: 李四
    unit: dzb
    posts:
      - {post: aqy, from: 2024-01-01, to: 2024-12-31}
-- people-5a.yaml --
people:
  - id: zhang-san
    name: 张三
    unit: dzb
    phone: "13800002222"
    posts:
      - {post: dzb-zr, from: 2025-01-01, to: 2026-03-31}
-- people-5b.yaml --
people:
  - id: li-si
    name: 李四
    unit: dzb
    posts:
      - {post: aqy, from: 2024-01-01, to: 2024-12-31}
`

func TestDescribeSaysWhatEachCommitChangedInPublishedValues(t *testing.T) {
	g := gittest.New(t)
	hashes := g.Script(txtar.Parse([]byte(describeScript)))
	ix, err := Walk(g.Git, "HEAD")
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"新增人员：张叁", "新增人员：李四", "新增职务：党政办主任", "新增职务：安全员", "新增乡镇：朝天镇", "新增单位：党政办"},
		nil, // formatting, comments, key order
		{"张三 · 姓名由张叁改为张三"}, // the phone changed too: private, never shown
		{
			"张三 · 任职 · 党政办主任 · 免职日期填写为2026年3月31日",
			"李四 · 任职：新增安全生产监管员（任职日期 2024年1月1日，免职日期 2024年12月31日）",
			"李四 · 任职：删去党政办主任（任职日期 2024年1月1日，免职日期 2024年12月31日）",
			"安全生产监管员 · 职务名称由安全员改为安全生产监管员",
		},
		nil, // a record moved to another file unchanged
		{"删去人员：李四"},
	}
	wantTypes := []changelog.ChangeType{changelog.TypeUnstated, changelog.TypeCorrection, changelog.TypeCorrection, changelog.TypeSubstantive, changelog.TypeUnstated, changelog.TypeUnstated}
	for i, h := range hashes {
		c := ix.Commit(h)
		d, err := ix.Describe(c)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, ch := range d.Changes {
			got = append(got, ch.String())
		}
		if strings.Join(got, "\n") != strings.Join(want[i], "\n") {
			t.Errorf("commit %d %q changes:\n%s\nwant:\n%s", i+1, c.Subject, strings.Join(got, "\n"), strings.Join(want[i], "\n"))
		}
		if c.Type != wantTypes[i] {
			t.Errorf("commit %d %q type = %v; want %v", i+1, c.Subject, c.Type, wantTypes[i])
		}
		if len(d.Unreadable) > 0 {
			t.Errorf("commit %d: unreadable %v", i+1, d.Unreadable)
		}
	}
}

func TestDescribeNamesFilesWithAVersionThatCannotBeRead(t *testing.T) {
	g := gittest.New(t)
	g.Write("records/units/机关.yaml", []byte("units:\n  - {id: dzb, name: 党政办, type: 办公室}\n"))
	g.Commit("录入")
	g.Write("records/units/机关.yaml", []byte("units:\n  - {id: dzb, name: 党政办, type: 办公室\n"))
	broken := g.Commit("误删括号")
	ix, err := Walk(g.Git, "HEAD")
	if err != nil {
		t.Fatal(err)
	}
	d, err := ix.Describe(ix.Commit(broken))
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Unreadable) != 1 || d.Unreadable[0] != "records/units/机关.yaml" {
		t.Errorf("Unreadable = %q; want the units file", d.Unreadable)
	}
}

func TestDescribeAllDescribesEachRecordCommitAsDescribeDoes(t *testing.T) {
	g := gittest.New(t)
	g.Script(txtar.Parse([]byte(describeScript)))
	ix, err := Walk(g.Git, "HEAD")
	if err != nil {
		t.Fatal(err)
	}
	all, err := ix.DescribeAll()
	if err != nil {
		t.Fatal(err)
	}
	// Once every commit is described, what was read for it is let go.
	if n := len(ix.cache.files) + len(ix.cache.older) + len(ix.cache.labels) + len(ix.cache.sets) + len(ix.cache.fileLabel) + len(ix.cache.lastLabels); n != 0 {
		t.Errorf("DescribeAll kept %d decoded files and label sets after describing every commit", n)
	}
	records := ix.Records()
	if len(all) != len(records) || len(all) != 6 {
		t.Fatalf("DescribeAll gave %d descriptions for %d record commits; want 6", len(all), len(records))
	}
	// A fresh index, so that nothing comes from DescribeAll's cache.
	fresh, err := Walk(g.Git, "HEAD")
	if err != nil {
		t.Fatal(err)
	}
	for i, d := range all {
		if d.Commit != records[i] {
			t.Errorf("description %d is of %s; want %s", i, d.Commit.Short(), records[i].Short())
		}
		one, err := fresh.Describe(fresh.Commit(records[i].Hash))
		if err != nil {
			t.Fatal(err)
		}
		if got, want := changeLines(d), changeLines(one); got != want {
			t.Errorf("commit %s: DescribeAll says\n%s\nDescribe says\n%s", d.Commit.Subject, got, want)
		}
		// DescribeAll let go of what it read: describing again reads it
		// again and says the same.
		again, err := ix.Describe(ix.Commit(records[i].Hash))
		if err != nil {
			t.Fatal(err)
		}
		if got, want := changeLines(again), changeLines(d); got != want {
			t.Errorf("commit %s described after DescribeAll:\n%s\nwant\n%s", d.Commit.Subject, got, want)
		}
	}
}

func TestChangesNameTheFileTheyWereReadFrom(t *testing.T) {
	g := gittest.New(t)
	hashes := g.Script(txtar.Parse([]byte(describeScript)))
	ix, err := Walk(g.Git, "HEAD")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		commit int
		want   string
	}{
		{2, "records/people/机关.yaml"}, // 张三's name
		{5, "records/people/站所.yaml"}, // 李四 removed with the file he had moved to
	} {
		d, err := ix.Describe(ix.Commit(hashes[tc.commit]))
		if err != nil {
			t.Fatal(err)
		}
		if len(d.Changes) != 1 || d.Changes[0].File != tc.want {
			t.Errorf("commit %d: changes %v; want one, from %s", tc.commit+1, d.Changes, tc.want)
		}
	}
}

func changeLines(d *changelog.Diff) string {
	var b strings.Builder
	for _, c := range d.Changes {
		b.WriteString(c.File + ": " + c.String() + "\n")
	}
	return b.String()
}

// TestOursMergeKeepsTheDroppedSideAndUndoesIt: publish X and Y on main,
// reset main before them, commit Z and merge Y with `-s ours`. X and Y
// stay in the history with what they changed, and the merge is described
// as the change that undid them, against Y.
func TestOursMergeKeepsTheDroppedSideAndUndoesIt(t *testing.T) {
	g := gittest.New(t)
	h := g.Script(txtar.Parse([]byte(`at 2026-04-01T09:00:00+08:00 王文书 <clerk@chaotian.example>
cp units-1.yaml records/units/机关.yaml
commit 录入单位
branch published
checkout published
at 2026-04-02T09:00:00+08:00 王文书 <clerk@chaotian.example>
cp units-2.yaml records/units/机关.yaml
commit X 改名
at 2026-04-03T09:00:00+08:00 王文书 <clerk@chaotian.example>
cp units-3.yaml records/units/机关.yaml
commit Y 再改名
checkout main
at 2026-04-04T09:00:00+08:00 王文书 <clerk@chaotian.example>
cp township.yaml records/township.yaml
commit Z 录入本镇
at 2026-04-05T09:00:00+08:00 王文书 <clerk@chaotian.example>
merge-ours published 合并
-- units-1.yaml --
units:
  - {id: dzb, name: 党政办, type: 办公室}
-- units-2.yaml --
units:
  - {id: dzb, name: 党政综合办, type: 办公室}
-- units-3.yaml --
units:
  - {id: dzb, name: 党政综合办公室, type: 办公室}
-- township.yaml --
name: 朝天镇
`)))
	first, x, y, z, merge := h[0], h[1], h[2], h[3], h[4]
	ix, err := Walk(g.Git, "HEAD")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, c := range ix.Records() {
		got = append(got, c.Hash)
	}
	if want := []string{merge, z, y, x, first}; strings.Join(got, " ") != strings.Join(want, " ") {
		t.Fatalf("Records() = %s; want the merge, Z, Y, X and the first", short(got))
	}
	want := map[string]string{
		x:     "党政综合办 · 名称由党政办改为党政综合办",
		y:     "党政综合办公室 · 名称由党政综合办改为党政综合办公室",
		merge: "党政办 · 名称由党政综合办公室改为党政办",
	}
	for _, c := range []string{x, y, merge} {
		d, err := ix.Describe(ix.Commit(c))
		if err != nil {
			t.Fatal(err)
		}
		var cs []string
		for _, ch := range d.Changes {
			cs = append(cs, ch.String())
		}
		if strings.Join(cs, "; ") != want[c] {
			t.Errorf("Describe(%s) = %q; want %q", ix.Commit(c).Subject, cs, want[c])
		}
	}
}
