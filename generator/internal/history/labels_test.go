package history

import (
	"fmt"
	"maps"
	"path"
	"testing"

	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"

	"gongshi/generator/internal/gittest"
	"gongshi/generator/internal/record"
)

// TestLabelsOfATreeFromTheTreeBeforeAreItsLabels: the labels of a folder
// are made from those of the tree read before and the files that changed;
// at every commit of a history whose files come, go, change, trade ids
// and cite a code defined elsewhere, they must be the labels read from
// the whole tree.
func TestLabelsOfATreeFromTheTreeBeforeAreItsLabels(t *testing.T) {
	t.Parallel()
	g := gittest.New(t)
	person := func(id, name string) string {
		return fmt.Sprintf("  - {id: %s, name: %s, unit: dzb, posts: [{post: aqy, from: 2026-01-01}]}\n", id, name)
	}
	scheme := func(code, name string) string {
		return "id: \"s\"\ntitle: 考核办法\nfrom: 2026-01-01\ngroup: 小组\nscope: {staff: [公务员], ranks: [班子成员]}\n" +
			"monthly: 500\npoint_value: 15\npass_mark: 80\nitems:\n  - {code: public, name: 公共职责, max: 30}\n" +
			"indicators:\n  - {code: " + code + ", item: public, name: " + name + ", points: -1, unit: 次}\n"
	}
	var commits []string
	day := 1
	step := func(files map[string]string) {
		g.At(fmt.Sprintf("2026-04-%02dT09:00:00+08:00", day), "王文书 <clerk@chaotian.example>")
		day++
		for p, d := range files {
			if d == "" {
				g.Remove(p)
			} else {
				g.Write(p, []byte(d))
			}
		}
		commits = append(commits, g.Commit("变更"))
	}
	var many string
	for i := range 12 {
		many += person(fmt.Sprintf("p%02d", i), fmt.Sprintf("人%02d", i))
	}
	first := map[string]string{
		"records/people/a.yaml":            "people:\n" + person("zhang", "张三") + person("li", "李四"),
		"records/people/b.yaml":            "people:\n" + many,
		"records/people/c.yaml":            "people:\n" + person("wang", "王五"),
		"records/assess/schemes/2025.yaml": scheme("G01", "旧名"),
	}
	for i := range 10 { // files no commit changes: the others are a few of many
		first[fmt.Sprintf("records/people/f%02d.yaml", i)] = "people:\n" + person(fmt.Sprintf("f%02d", i), fmt.Sprintf("甲%02d", i))
		first[fmt.Sprintf("records/assess/schemes/19%02d.yaml", i)] = scheme(fmt.Sprintf("X%02d", i), "其他")
	}
	step(first)
	step(map[string]string{"records/people/a.yaml": "people:\n" + person("zhang", "张叁") + person("li", "李四")})
	step(map[string]string{"records/people/c.yaml": "people:\n" + person("wang", "王五") + person("li", "李四（重）")})
	step(map[string]string{"records/people/a.yaml": "people:\n" + person("zhang", "张叁")})
	step(map[string]string{"records/people/0.yaml": "people:\n" + person("li", "李四（先）")})
	step(map[string]string{"records/people/0.yaml": "", "records/people/d.yaml": "people:\n" + person("zhao", "赵六")})
	step(map[string]string{"records/assess/schemes/2026.yaml": scheme("G01", "新名")})
	step(map[string]string{"records/assess/schemes/2025.yaml": scheme("G01", "旧名改"), "records/people/c.yaml": ""})
	step(map[string]string{"records/assess/schemes/2026.yaml": ""})

	ix, err := Walk(g.Git, commits[len(commits)-1])
	if err != nil {
		t.Fatal(err)
	}
	for _, kind := range []string{"person", "assess-indicator"} {
		for i, c := range commits {
			got, err := ix.cache.labelsAt(ix.store, c, kind)
			if err != nil {
				t.Fatal(err)
			}
			want := wholeLabels(t, ix, c, kind)
			if !maps.Equal(got, want) {
				t.Errorf("commit %d, labels of %s: %v; want %v", i, kind, got, want)
			}
		}
	}
	// The labels of a tree the cache has not read are made from the
	// tree read last, whatever it was.
	for i := len(commits) - 1; i >= 0; i-- {
		fresh := newDecodeCache()
		fresh.labelsAt(ix.store, commits[(i+3)%len(commits)], "person")
		got, _ := fresh.labelsAt(ix.store, commits[i], "person")
		want := wholeLabels(t, ix, commits[i], "person")
		if !maps.Equal(got, want) {
			t.Errorf("commit %d after commit %d: %v; want %v", i, (i+3)%len(commits), got, want)
		}
	}
}

// wholeLabels reads the labels of a kind of record at a commit from every
// file of the folders that hold it, file by file in tree order: what
// readLabels did before it started from the tree read before.
func wholeLabels(t *testing.T, ix *Index, commit, kind string) map[string]string {
	t.Helper()
	dc := newDecodeCache()
	root, err := dc.recordsRoot(ix.store, commit)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, k := range kindsByRecordKind()[kind] {
		tree, err := subtree(ix.store, root, path.Dir(k.Pattern))
		if err != nil {
			t.Fatal(err)
		}
		if tree.IsZero() {
			continue
		}
		tr, err := object.GetTree(ix.store, tree)
		if err != nil {
			t.Fatal(err)
		}
		m := map[string]string{}
		for _, e := range tr.Entries {
			rel := path.Join(path.Dir(k.Pattern), e.Name)
			if ok, _ := path.Match(k.Pattern, rel); !ok || e.Mode == filemode.Dir {
				continue
			}
			ls, err := dc.fileLabels(ix.store, record.Dir+"/"+rel, e.Hash)
			if err != nil {
				t.Fatal(err)
			}
			for _, l := range ls {
				if l.kind != kind {
					continue
				}
				if _, dup := m[l.id]; !dup || l.cited {
					m[l.id] = l.label
				}
			}
		}
		for id, l := range m {
			if _, dup := out[id]; !dup {
				out[id] = l
			}
		}
	}
	return out
}
