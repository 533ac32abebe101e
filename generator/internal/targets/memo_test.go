package targets

import (
	"crypto/sha1"
	"encoding/hex"
	"reflect"
	"strings"
	"testing"

	"gongshi/generator/internal/assess"
	"gongshi/generator/internal/calendar"
	"gongshi/generator/internal/record"
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
		out := make([]record.File, len(files))
		copy(out, files)
		found := false
		for i, f := range out {
			if f.Path == path {
				found = strings.Contains(string(f.Data), old)
				out[i].Data = []byte(strings.Replace(string(f.Data), old, new, 1))
			}
		}
		if !found {
			t.Fatalf("%s has no %q", path, old)
		}
		return out
	}
	const people, hexi, baisha = "records/people/people.yaml", "records/targets/2025/hexi.yaml", "records/targets/2025/baisha.yaml"
	renamed := with(base, people, "name: 人员03", "name: 人员三")
	refigured := with(renamed, hexi, "numerator: 2311", "numerator: 2200")
	vetoed := append(refigured, record.File{Path: "records/safety/accidents/2025.yaml", Data: []byte(hexiAccident)})
	wrong := with(vetoed, baisha, "weight: 40", "weight: 45")
	wrongRenamed := with(wrong, people, "name: 人员三", "name: 人员叁")
	steps := []struct {
		name  string
		files []record.File
	}{
		{"first", base},
		{"the register changes", renamed},
		{"a unit's figures change", refigured},
		{"an accident vetoes a unit", vetoed},
		{"a file has a mistake", wrong},
		{"only the register changes", wrongRenamed},
		{"back to the first", base},
	}
	series := record.NewSeries(nil)
	memo := NewMemo()
	last := map[string]string{}
	for _, st := range steps {
		var changed []record.File
		now := map[string]bool{}
		for _, f := range st.files {
			now[f.Path] = true
			sum := sha1.Sum(f.Data)
			f.Blob = hex.EncodeToString(sum[:])
			if last[f.Path] != f.Blob {
				changed = append(changed, f)
				last[f.Path] = f.Blob
			}
		}
		var removed []string
		for p := range last {
			if !now[p] {
				removed = append(removed, p)
				delete(last, p)
			}
		}
		set, ok := series.Next(changed, removed)
		if !ok {
			t.Fatalf("%s: the records do not decode", st.name)
		}
		cal, _ := calendar.New(set.Calendars)
		as, _ := assess.Compute(set, cal)
		sr := safety.Compute(set, record.MustDate("2026-11-20"))
		got, gotErrs := memo.Compute(set, cal, as, sr)
		want, wantErrs := Compute(set, cal, as, sr)
		if !reflect.DeepEqual(gotErrs, wantErrs) {
			t.Errorf("%s: mistakes\n%v\nwant\n%v", st.name, gotErrs, wantErrs)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: the results differ from Compute's", st.name)
			for _, y := range got.Years {
				for _, g := range y.Groups {
					for _, u := range g.Units {
						w := want.Year(y.Year)
						for _, wg := range w.Groups {
							for _, wu := range wg.Units {
								if wu.Unit.ID == u.Unit.ID && !reflect.DeepEqual(u, wu) {
									t.Errorf("%s: %s: got %+v\nwant %+v", st.name, u.Unit.ID, *u, *wu)
								}
							}
						}
					}
				}
			}
		}
		if st.name == "a file has a mistake" && len(wantErrs) == 0 {
			t.Errorf("%s: no mistake found", st.name)
		}
	}
}
