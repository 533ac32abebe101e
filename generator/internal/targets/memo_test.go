package targets

import (
	"reflect"
	"strings"
	"testing"

	"gongshi/generator/internal/assess"
	"gongshi/generator/internal/calendar"
	"gongshi/generator/internal/diag"
	"gongshi/generator/internal/record"
	"gongshi/generator/internal/record/recordtest"
	"gongshi/generator/internal/safety"
)

// TestMemoGivesWhatComputeGives: computing one commit's records after
// another's, as the versions pass does (record.Series shares the records
// that did not change), a Memo gives exactly what Compute gives on its
// own, mistakes included, whatever changed: the register, one unit's
// figures, an accident vetoing a unit whose file did not change, a file
// with a mistake while only the register changes, and back.
func TestMemoGivesWhatComputeGives(t *testing.T) {
	base := world{staff: 26}.recordFiles()
	with := func(files []record.File, path, old, new string) []record.File {
		return recordtest.With(t, files, path, old, new)
	}
	const people, hexi, baisha = "records/people/people.yaml", "records/targets/2025/hexi.yaml", "records/targets/2025/baisha.yaml"
	renamed := with(base, people, "name: 人员03", "name: 人员三")
	refigured := with(renamed, hexi, "numerator: 2311", "numerator: 2200")
	vetoed := append(refigured, record.File{Path: "records/safety/accidents/2025.yaml", Data: []byte(hexiAccident)})
	wrong := with(vetoed, baisha, "weight: 40", "weight: 45")
	wrongRenamed := with(wrong, people, "name: 人员三", "name: 人员叁")
	steps := []recordtest.Commit{
		{Name: "first", Files: base},
		{Name: "the register changes", Files: renamed},
		{Name: "a unit's figures change", Files: refigured},
		{Name: "an accident vetoes a unit", Files: vetoed},
		{Name: "a file has a mistake", Files: wrong},
		{Name: "only the register changes", Files: wrongRenamed},
		{Name: "back to the first", Files: base},
	}
	memo := NewMemo()
	recordtest.Replay(t, steps, func(st recordtest.Commit, set *record.Set) {
		got, want, gotErrs, wantErrs := computeBoth(memo, set)
		if !reflect.DeepEqual(gotErrs, wantErrs) {
			t.Errorf("%s: mistakes\n%v\nwant\n%v", st.Name, gotErrs, wantErrs)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: the results differ from Compute's", st.Name)
			for _, y := range got.Years {
				for _, g := range y.Groups {
					for _, u := range g.Units {
						w := want.Year(y.Year)
						for _, wg := range w.Groups {
							for _, wu := range wg.Units {
								if wu.Unit.ID == u.Unit.ID && !reflect.DeepEqual(u, wu) {
									t.Errorf("%s: %s: got %+v\nwant %+v", st.Name, u.Unit.ID, *u, *wu)
								}
							}
						}
					}
				}
			}
		}
		if st.Name == "a file has a mistake" && len(wantErrs) == 0 {
			t.Errorf("%s: no mistake found", st.Name)
		}
	})
}

// computeBoth computes the set's targets with memo and without one, as a
// commit of the versions pass would: the assessment and the safety roles
// computed first.
func computeBoth(memo *Memo, set *record.Set) (got, want *Result, gotErrs, wantErrs diag.List) {
	cal, _ := calendar.New(set.Calendars)
	as, _ := assess.Compute(set, cal)
	sr := safety.Compute(set, record.MustDate("2026-11-20"))
	got, gotErrs = memo.Compute(set, cal, as, sr)
	want, wantErrs = Compute(set, cal, as, sr)
	return got, want, gotErrs, wantErrs
}

// TestMemoWorksOutOnlyTheFileThatChanged: when one unit's targets file
// changes, record.Series gathers every unit's file again, as copies;
// what the others gave is taken from the Compute before all the same.
func TestMemoWorksOutOnlyTheFileThatChanged(t *testing.T) {
	base := world{staff: 26}.recordFiles()
	const people, hexi = "records/people/people.yaml", "records/targets/2025/hexi.yaml"
	refigured := recordtest.With(t, base, hexi, "numerator: 2311", "numerator: 2200")
	steps := []recordtest.Commit{
		{Name: "first", Files: base},
		{Name: "a unit's figures change", Files: refigured},
		{Name: "only the register changes", Files: recordtest.With(t, refigured, people, "name: 人员03", "name: 人员三")},
	}
	memo := NewMemo()
	recordtest.Replay(t, steps, func(st recordtest.Commit, set *record.Set) {
		got, want, gotErrs, wantErrs := computeBoth(memo, set)
		if !reflect.DeepEqual(got, want) || !reflect.DeepEqual(gotErrs, wantErrs) {
			t.Errorf("%s: the results differ from Compute's", st.Name)
		}
		n := memo.units.Made()
		switch st.Name {
		case "first":
			if n < 2 {
				t.Fatalf("%s: %d files worked out; the test needs more than one", st.Name, n)
			}
		case "a unit's figures change":
			if n != 1 {
				t.Errorf("%s: %d files worked out, want the one that changed", st.Name, n)
			}
		default:
			if n != 0 {
				t.Errorf("%s: %d files worked out, want none", st.Name, n)
			}
		}
		for _, y := range got.Years {
			for _, g := range y.Groups {
				for _, u := range g.Units {
					if !inSet(set, u.Rec) {
						t.Errorf("%s: %s's file is not one of this commit's records", st.Name, u.Unit.ID)
					}
				}
			}
		}
	})
}

// inSet reports whether f is one of the set's unit targets records (the
// same record, not an equal one).
func inSet(set *record.Set, f *record.UnitTargets) bool {
	for i := range set.Targets.Units {
		if &set.Targets.Units[i] == f {
			return true
		}
	}
	return false
}

// TestMemoTakesTheAnnualScoresOfWhoDidNotChange: the assessment's Memo
// hands on the same Assessee for a person whose quarter did not change,
// and their annual scores are taken from the Compute before: none worked
// out again when only a unit's figures change, everyone's when every
// person's record does (the register is one file here). The grades are
// Compute's each time.
func TestMemoTakesTheAnnualScoresOfWhoDidNotChange(t *testing.T) {
	base := world{staff: 26, scores: map[string][4]string{"p05": {"90", "70", "90", "90"}}}.recordFiles()
	const people, hexi = "records/people/people.yaml", "records/targets/2025/hexi.yaml"
	refigured := recordtest.With(t, base, hexi, "numerator: 2311", "numerator: 2200")
	renamed := recordtest.With(t, refigured, people, "name: 人员03", "name: 人员三")
	made := map[string]int{"first": 26, "a unit's figures change": 0, "the register changes": 26}
	steps := []recordtest.Commit{
		{Name: "first", Files: base},
		{Name: "a unit's figures change", Files: refigured},
		{Name: "the register changes", Files: renamed},
	}
	memo, assessed := NewMemo(), assess.NewMemo()
	recordtest.Replay(t, steps, func(st recordtest.Commit, set *record.Set) {
		cal, _ := calendar.New(set.Calendars)
		as, _ := assessed.Compute(set, cal)
		sr := safety.Compute(set, record.MustDate("2026-11-20"))
		got, gotErrs := memo.Compute(set, cal, as, sr)
		want, wantErrs := Compute(set, cal, as, sr)
		if len(want.Grades) != 1 || len(want.Grades[0].People) != 26 {
			t.Fatalf("%s: grades %v; want one year's of 26 people", st.Name, want.Grades)
		}
		if !reflect.DeepEqual(got.Grades, want.Grades) || !reflect.DeepEqual(gotErrs, wantErrs) {
			t.Errorf("%s: the grades differ from Compute's", st.Name)
		}
		if n := memo.scores.Made(); n != made[st.Name] {
			t.Errorf("%s: %d people's annual scores worked out, want %d", st.Name, n, made[st.Name])
		}
		var barred bool
		for _, p := range got.Grades[0].People {
			barred = barred || p.Person.ID == "p05" && strings.Contains(strings.Join(p.Barred, ""), "第二季度考核不合格")
		}
		if !barred {
			t.Errorf("%s: p05, unqualified in a quarter, is not barred from 优秀", st.Name)
		}
	})
}
