package history

import (
	"fmt"
	"path"
	"testing"

	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"

	"gongshi/generator/internal/gittest"
	"gongshi/generator/internal/record"
)

// TestLabelsOfATreeFromTheTreeBeforeAreItsLabels: the labels of a folder
// are made from those of the tree read before and the files that changed,
// kept as a base and the ids changed since (flattened into a new base
// when they grow); at every commit of a history whose files come, go,
// change, trade ids and cite a code defined elsewhere, every id ever
// defined, and one never defined, must have the label read from the
// whole tree, or none.
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
	// Enough ids changed for the overlay to be flattened into a new base,
	// some of them gone (b's p00…p05, li, zhang) and some back (li, p01,
	// zhang); then ids gone from that base.
	var fewer string
	for i := 6; i < 12; i++ {
		fewer += person(fmt.Sprintf("p%02d", i), fmt.Sprintf("人%02d改", i))
	}
	step(map[string]string{"records/people/b.yaml": "people:\n" + fewer, "records/people/sub/e.yaml": "people:\n" + person("sub", "子目录"), "records/people/notes.txt": "非记录"})
	step(map[string]string{"records/people/b.yaml": "people:\n" + many + person("li", "李四（回）")})
	step(map[string]string{"records/people/notes.txt": "仍非记录"}) // the folder changed, its labels did not
	step(map[string]string{"records/people/b.yaml": "people:\n" + fewer, "records/people/a.yaml": ""})
	step(map[string]string{"records/people/e.yaml": "people:\n" + person("zhang", "张叁") + person("p01", "人01（回）") + person("q1", "新一") + person("q2", "新二")})
	step(map[string]string{"records/people/e.yaml": "", "records/people/f03.yaml": ""}) // gone from the new base

	ix, err := Walk(g.Git, commits[len(commits)-1])
	if err != nil {
		t.Fatal(err)
	}
	wants := map[string][]map[string]string{}           // kind → at each commit
	ids := map[string]bool{"nobody": true, "sub": true} // sub: in a subfolder, not a person
	for _, kind := range []string{"person", "assess-indicator"} {
		for _, c := range commits {
			want := wholeLabels(t, ix, c, kind)
			wants[kind] = append(wants[kind], want)
			for id := range want {
				ids[id] = true
			}
		}
	}
	var masked, flattened bool // what the sets read were made of
	bases := map[string]bool{}
	for _, kind := range []string{"person", "assess-indicator"} {
		for i, c := range commits {
			got, err := ix.cache.labelsAt(ix.store, c, kind)
			if err != nil {
				t.Fatal(err)
			}
			sameLabels(t, fmt.Sprintf("commit %d, labels of %s", i, kind), got, wants[kind][i], ids)
			for _, s := range got {
				for id, l := range s.over {
					if _, ok := s.base[id]; ok && len(l.files) == 0 {
						masked = true
					}
				}
				// A base other than the one the first commit's were read into.
				b := fmt.Sprintf("%p", s.base)
				if len(s.base) > 0 && !bases[b] && len(bases) > 0 && kind == "person" {
					flattened = true
				}
				bases[b] = true
			}
		}
	}
	if !masked || !flattened {
		t.Errorf("the history read no set with an id gone from its base (%v) or no base flattened (%v)", masked, flattened)
	}
	// The labels of a tree the cache has not read are made from the
	// tree read last, whatever it was.
	for i := len(commits) - 1; i >= 0; i-- {
		fresh := newDecodeCache()
		fresh.labelsAt(ix.store, commits[(i+3)%len(commits)], "person")
		got, _ := fresh.labelsAt(ix.store, commits[i], "person")
		sameLabels(t, fmt.Sprintf("commit %d after commit %d", i, (i+3)%len(commits)), got, wants["person"][i], ids)
	}
}

// sameLabels checks that got gives every id of ids the label want has
// for it, or none when want has none.
func sameLabels(t *testing.T, what string, got kindLabels, want map[string]string, ids map[string]bool) {
	t.Helper()
	for id := range ids {
		l, ok := got.label(id)
		if w, wok := want[id]; l != w || ok != wok {
			t.Errorf("%s: %s is %q (%v); want %q (%v)", what, id, l, ok, w, wok)
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

// TestLabelsFirstSetThatHasAnIdGivesIt: the sets of several kinds of file
// are looked up in order, as merging them first-come did: an id gone from
// a set's base is looked for in the next set.
func TestLabelsFirstSetThatHasAnIdGivesIt(t *testing.T) {
	t.Parallel()
	at := func(label string) idLabels {
		return idLabels{files: []fileLabel{{file: "f.yaml", label: label}}, label: label}
	}
	first := &labelSet{
		base: map[string]idLabels{"a": at("甲一"), "b": at("乙一"), "c": at("丙一")},
		over: map[string]idLabels{"b": {}, "c": at("丙一改"), "d": at("丁一")},
	}
	second := &labelSet{base: map[string]idLabels{"a": at("甲二"), "b": at("乙二"), "e": at("戊二")}}
	ls := kindLabels{first, second}
	for _, c := range []struct {
		id, want string
		ok       bool
	}{
		{"a", "甲一", true},
		{"b", "乙二", true}, // gone from the first
		{"c", "丙一改", true},
		{"d", "丁一", true},
		{"e", "戊二", true},
		{"f", "", false},
	} {
		if got, ok := ls.label(c.id); got != c.want || ok != c.ok {
			t.Errorf("label(%s) = %q, %v; want %q, %v", c.id, got, ok, c.want, c.ok)
		}
	}
	if got, ok := (kindLabels{first}).label("b"); ok {
		t.Errorf("label(b) of the first alone = %q; want none: it is gone", got)
	}
}
