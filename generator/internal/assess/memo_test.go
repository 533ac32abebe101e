package assess

import (
	"reflect"
	"testing"

	"gongshi/generator/internal/calendar"
	"gongshi/generator/internal/record"
	"gongshi/generator/internal/record/recordtest"
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
	const people, quarter, scheme = "records/people/people.yaml", "records/assess/2026-Q1.yaml", "records/assess/schemes/2026.yaml"
	with := func(files []record.File, path, old, new string) []record.File {
		return recordtest.With(t, files, path, old, new)
	}
	leaves := with(base, people, "  - id: p02\n    name: 人员02\n    unit: dzb\n    staff: 公务员\n    posts:\n      - post: ganbu\n        from: 2020-01-01\n",
		"  - id: p02\n    name: 人员02\n    unit: dzb\n    staff: 公务员\n    posts:\n      - post: ganbu\n        from: 2020-01-01\n        to: 2026-02-20\n")
	rescored := with(leaves, quarter, "{item: public, score: 20}", "{item: public, score: 21}")
	wrong := with(rescored, quarter, "{item: post, score: 27}", "{item: post, score: 47}")
	wrongLeaves := with(wrong, people, "to: 2026-02-20", "to: 2026-03-20")
	repriced := with(wrongLeaves, scheme, "point_value:", "point_value: 12 #")
	steps := []recordtest.Commit{
		{Name: "first", Files: base},
		{Name: "a person leaves", Files: leaves},
		{Name: "a sheet changes", Files: rescored},
		{Name: "a sheet has a mistake", Files: wrong},
		{Name: "only the people change", Files: wrongLeaves},
		{Name: "the scheme changes", Files: repriced},
		{Name: "back to the first", Files: base},
	}
	memo := NewMemo()
	recordtest.Replay(t, steps, func(st recordtest.Commit, set *record.Set) {
		cal, errs := calendar.New(set.Calendars)
		if len(errs) > 0 {
			t.Fatalf("%s: %v", st.Name, errs)
		}
		got, gotErrs := memo.Compute(set, cal)
		want, wantErrs := Compute(set, cal)
		if !reflect.DeepEqual(gotErrs, wantErrs) {
			t.Errorf("%s: mistakes\n%v\nwant\n%v", st.Name, gotErrs, wantErrs)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: the results differ from Compute's", st.Name)
			for i := range min(len(got), len(want)) {
				for j := range min(len(got[i].People), len(want[i].People)) {
					if g, w := got[i].People[j], want[i].People[j]; !reflect.DeepEqual(g, w) {
						t.Errorf("%s: %s: got %+v\nwant %+v", st.Name, g.Person.ID, *g, *w)
					}
				}
			}
		}
	})
}
