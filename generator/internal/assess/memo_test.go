package assess

import (
	"crypto/sha1"
	"encoding/hex"
	"reflect"
	"strings"
	"testing"

	"gongshi/generator/internal/calendar"
	"gongshi/generator/internal/record"
)

// TestMemoGivesWhatComputeGives: computing one commit's records after
// another's, as the versions pass does (record.Series shares the records
// that did not change), a Memo gives exactly what Compute gives on its
// own, mistakes included, whatever changed: a person's months in scope,
// a sheet, the scheme, a sheet with a mistake while only the people
// change, and back.
func TestMemoGivesWhatComputeGives(t *testing.T) {
	w := world{staff: 6, sheets: map[string]string{
		"p01": scores("28", "27", "18", "19"),
		"p02": scores("30", "30", "20", "20"),
		"p03": scores("20", "25", "15", "10"),
	}}
	base := w.files()
	with := func(files []record.File, path, old, new string) []record.File {
		out := make([]record.File, len(files))
		copy(out, files)
		for i, f := range out {
			if strings.HasSuffix(f.Path, path) {
				if !strings.Contains(string(f.Data), old) {
					t.Fatalf("%s has no %q", path, old)
				}
				out[i].Data = []byte(strings.Replace(string(f.Data), old, new, 1))
			}
		}
		return out
	}
	leaves := with(base, "people.yaml", "  - id: p02\n    name: 人员02\n    unit: dzb\n    staff: 公务员\n    posts:\n      - post: ganbu\n        from: 2020-01-01\n",
		"  - id: p02\n    name: 人员02\n    unit: dzb\n    staff: 公务员\n    posts:\n      - post: ganbu\n        from: 2020-01-01\n        to: 2026-02-20\n")
	rescored := with(leaves, "2026-Q1.yaml", "{item: public, score: 20}", "{item: public, score: 21}")
	wrong := with(rescored, "2026-Q1.yaml", "{item: post, score: 27}", "{item: post, score: 47}")
	wrongLeaves := with(wrong, "people.yaml", "to: 2026-02-20", "to: 2026-03-20")
	repriced := with(wrongLeaves, "schemes/2026.yaml", "point_value:", "point_value: 12 #")
	steps := []struct {
		name  string
		files []record.File
	}{
		{"first", base},
		{"a person leaves", leaves},
		{"a sheet changes", rescored},
		{"a sheet has a mistake", wrong},
		{"only the people change", wrongLeaves},
		{"the scheme changes", repriced},
		{"back to the first", base},
	}
	series := record.NewSeries(nil)
	memo := NewMemo()
	last := map[string]string{}
	for _, st := range steps {
		var changed []record.File
		for _, f := range st.files {
			sum := sha1.Sum(f.Data)
			f.Blob = hex.EncodeToString(sum[:])
			if last[f.Path] != f.Blob {
				changed = append(changed, f)
				last[f.Path] = f.Blob
			}
		}
		set, ok := series.Next(changed, nil)
		if !ok {
			t.Fatalf("%s: the records do not decode", st.name)
		}
		cal, errs := calendar.New(set.Calendars)
		if len(errs) > 0 {
			t.Fatalf("%s: %v", st.name, errs)
		}
		got, gotErrs := memo.Compute(set, cal)
		want, wantErrs := Compute(set, cal)
		if !reflect.DeepEqual(gotErrs, wantErrs) {
			t.Errorf("%s: mistakes\n%v\nwant\n%v", st.name, gotErrs, wantErrs)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: the results differ from Compute's", st.name)
			for i := range min(len(got), len(want)) {
				for j := range min(len(got[i].People), len(want[i].People)) {
					if g, w := got[i].People[j], want[i].People[j]; !reflect.DeepEqual(g, w) {
						t.Errorf("%s: %s: got %+v\nwant %+v", st.name, g.Person.ID, *g, *w)
					}
				}
			}
		}
	}
}
