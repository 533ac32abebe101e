package repo

import (
	"maps"
	"reflect"
	"slices"
	"strings"
	"testing"

	"gongshi/generator/internal/gittest"
	"gongshi/generator/internal/record"
)

// TestSeriesGivesEachCommitsFiles reads a history commit after commit
// with a Series and checks, at each, that the files it holds (the last
// commit's, with the changes) are the snapshot's, read whole.
func TestSeriesGivesEachCommitsFiles(t *testing.T) {
	t.Parallel()
	g := gittest.New(t)
	g.At("2026-04-01T09:00:00+08:00", "王文书 <clerk@chaotian.example>")
	var commits []string
	var siteChanged []bool
	step := func(msg string, write map[string]string) {
		site := false
		for p := range write {
			site = site || !strings.HasPrefix(p, "records/") && p != "notes.txt"
		}
		siteChanged = append(siteChanged, site)
		// Removals first: a folder goes before a file takes its name.
		for _, p := range slices.Sorted(maps.Keys(write)) {
			if write[p] == "" {
				g.Remove(p)
			}
		}
		for _, p := range slices.Sorted(maps.Keys(write)) {
			if write[p] != "" {
				g.Write(p, []byte(write[p]))
			}
		}
		commits = append(commits, g.Commit(msg))
	}
	step("first", map[string]string{
		"records/township.yaml": "name: 朝天镇\n", "records/people/a.yaml": "people: []\n", "records/people/b.yaml": "people: []\n",
		"records/scan.pdf": "%PDF", "layouts/home.html": "home", "notes.txt": "not read",
	})
	step("a person changes", map[string]string{"records/people/a.yaml": "people: [] # a\n"})
	step("only the site changes", map[string]string{"layouts/home.html": "home 2", "content/about.md": "about"})
	step("nothing under records changes", map[string]string{"notes.txt": "still not read"})
	step("a folder and a file whose names sort apart in git", map[string]string{
		"records/units/a-b.yaml": "units: []\n", "records/units/a/x.yaml": "units: []\n", "records/units/a.yaml": "units: []\n",
	})
	step("a file removed, another added", map[string]string{"records/people/b.yaml": "", "records/people/c.yaml": "people: []\n"})
	step("a folder goes", map[string]string{"records/units/a/x.yaml": ""})
	step("a file takes its name", map[string]string{"records/units/a": "not a record"})
	step("a whole folder goes", map[string]string{"records/units/a-b.yaml": "", "records/units/a.yaml": "", "records/units/a": ""})
	step("a picture kept as evidence changes", map[string]string{"records/scan.pdf": "%PDF-2"})

	r, err := Open(g.Dir)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	s := r.NewSeries()
	defer s.Close()
	have := map[string]string{} // path → blob
	read := 0
	for i, c := range commits {
		known := func(p, blob string) bool { return have[p] == blob }
		st, err := s.Next(c, known)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range st.Removed {
			if _, ok := have[p]; !ok {
				t.Errorf("commit %d: removed %s, which it did not have", i, p)
			}
			delete(have, p)
		}
		for _, f := range st.Changed {
			if have[f.Path] == f.Blob {
				t.Errorf("commit %d: %s given as changed, but unchanged", i, f.Path)
			}
			if f.Data != nil {
				read++
			}
			have[f.Path] = f.Blob
		}
		if !slices.IsSortedFunc(st.Changed, func(a, b record.File) int { return cmpString(a.Path, b.Path) }) {
			t.Errorf("commit %d: changes not sorted by path", i)
		}
		full, err := r.Snapshot(c)
		if err != nil {
			t.Fatal(err)
		}
		want := map[string]string{}
		for _, f := range full.Records {
			want[f.Path] = f.Blob
		}
		if !maps.Equal(have, want) {
			t.Errorf("commit %d: the series holds %v; want %v", i, have, want)
		}
		if st.SiteChanged != siteChanged[i] {
			t.Errorf("commit %d: SiteChanged = %v; want %v", i, st.SiteChanged, siteChanged[i])
		}
		if st.Snapshot.Records != nil {
			t.Errorf("commit %d: the step's snapshot lists records", i)
		}
		full.Records = nil
		if !reflect.DeepEqual(st.Snapshot, full) {
			t.Errorf("commit %d: the step's snapshot is %+v; want %+v", i, st.Snapshot, full)
		}
	}
	if read != 8 {
		t.Errorf("read %d files' data; want 8: each version once, none known already", read)
	}
}

func cmpString(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
