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

// TestMemoRemakesOnlyTheSheetsOfAQuarterThatChanged: when one quarter's
// file changes, record.Series gathers every quarter again, as copies; the
// sheets of the quarters that did not change are taken from the Compute
// before all the same, and the results are still Compute's.
func TestMemoRemakesOnlyTheSheetsOfAQuarterThatChanged(t *testing.T) {
	sheets := map[string]string{
		"p01": scores("28", "27", "8", "19"),
		"p02": scores("30", "30", "10", "20"),
		"p03": scores("20", "25", "5", "10"),
	}
	q1 := world{staff: 3, sheets: sheets}.files()
	q2 := world{staff: 3, sheets: sheets, quarter: "quarter: 2026-Q2\nissued: 2026-07-02\nnumber: 朝政公〔2026〕9号\ndecided_by: 镇绩效考核领导小组（2026年7月1日会议）\n"}.files()
	both := append(q1, q2[len(q2)-1])
	const q2Path = "records/assess/2026-Q2.yaml"
	if both[len(both)-1].Path != q2Path {
		t.Fatalf("the second quarter's file is %s, want %s", both[len(both)-1].Path, q2Path)
	}
	rescored := recordtest.With(t, both, q2Path, "{item: public, score: 20}", "{item: public, score: 21}")
	steps := []recordtest.Commit{
		{Name: "two quarters", Files: both},
		{Name: "the second quarter's sheet changes", Files: rescored},
		{Name: "nothing of the quarters changes", Files: recordtest.With(t, rescored, "records/people/people.yaml", "name: 人员03", "name: 人员三")},
	}
	made := map[string]int{"two quarters": 6, "the second quarter's sheet changes": 3, "nothing of the quarters changes": 0}
	memo := NewMemo()
	recordtest.Replay(t, steps, func(st recordtest.Commit, set *record.Set) {
		cal, _ := calendar.New(set.Calendars)
		got, gotErrs := memo.Compute(set, cal)
		want, wantErrs := Compute(set, cal)
		if len(want) != 2 || len(wantErrs) > 0 {
			t.Fatalf("%s: %d quarters, mistakes %v; want two quarters and no mistake", st.Name, len(want), wantErrs)
		}
		if !reflect.DeepEqual(got, want) || !reflect.DeepEqual(gotErrs, wantErrs) {
			t.Errorf("%s: the results differ from Compute's", st.Name)
		}
		if n := memo.sheets.Made(); n != made[st.Name] {
			t.Errorf("%s: %d sheets worked out, want %d", st.Name, n, made[st.Name])
		}
	})
}

// TestMemoWorksOutAgainOnlyThePeopleWhoChanged: people are a file each in
// a county, and a commit changes one or two: a person whose record, sheet,
// quarter, scheme and the posts register did not change is taken from the
// Compute before, whoever else changed, and the results are Compute's.
func TestMemoWorksOutAgainOnlyThePeopleWhoChanged(t *testing.T) {
	w := world{staff: 3, sheets: map[string]string{
		"p01": scores("28", "27", "8", "19"),
		"p02": scores("30", "30", "10", "20"),
		"p03": scores("20", "25", "5", "10"),
	}, extra: "  - person: p09\n" + scores("29", "28", "9", "20")}
	const p09 = "records/people/p09.yaml"
	base := append(w.files(), record.File{Path: p09, Data: []byte("people:\n  - id: p09\n    name: 人员09\n    unit: dzb\n    staff: 公务员\n    posts:\n      - post: ganbu\n        from: 2020-01-01\n")})
	with := func(files []record.File, path, old, new string) []record.File {
		return recordtest.With(t, files, path, old, new)
	}
	leaves := with(base, p09, "from: 2020-01-01\n", "from: 2020-01-01\n        to: 2026-02-20\n")
	renamed := with(leaves, p09, "人员09", "人员九")
	reposted := with(renamed, "records/posts/posts.yaml", "党政办干事", "党政办工作人员")
	steps := []struct {
		recordtest.Commit
		made int // people worked out again, of the four in one quarter
	}{
		{recordtest.Commit{Name: "first", Files: base}, 4},
		{recordtest.Commit{Name: "one person leaves", Files: leaves}, 1},
		{recordtest.Commit{Name: "nothing changes", Files: leaves}, 0},
		{recordtest.Commit{Name: "one person's name changes", Files: renamed}, 1},
		{recordtest.Commit{Name: "a post changes", Files: reposted}, 4},
	}
	commits := make([]recordtest.Commit, len(steps))
	made := map[string]int{}
	for i, s := range steps {
		commits[i] = s.Commit
		made[s.Name] = s.made
	}
	memo := NewMemo()
	recordtest.Replay(t, commits, func(st recordtest.Commit, set *record.Set) {
		cal, _ := calendar.New(set.Calendars)
		got, gotErrs := memo.Compute(set, cal)
		want, wantErrs := Compute(set, cal)
		if len(want) != 1 || len(want[0].People) != 4 || len(wantErrs) > 0 {
			t.Fatalf("%s: %d quarters, mistakes %v; want one quarter of four people and no mistake", st.Name, len(want), wantErrs)
		}
		if !reflect.DeepEqual(got, want) || !reflect.DeepEqual(gotErrs, wantErrs) {
			t.Errorf("%s: the results differ from Compute's", st.Name)
		}
		for i, a := range got[0].People {
			if a.Person != &set.People[i] {
				t.Errorf("%s: %s is not the person of these records", st.Name, a.Person.ID)
			}
		}
		if n := memo.people.Made(); n != made[st.Name] {
			t.Errorf("%s: %d people worked out again, want %d", st.Name, n, made[st.Name])
		}
	})
}
