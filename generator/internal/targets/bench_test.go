package targets

import (
	"flag"
	"sync"
	"testing"

	"gongshi/generator/internal/assess"
	"gongshi/generator/internal/calendar"
	"gongshi/generator/internal/record"
	"gongshi/generator/internal/safety"
	"gongshi/generator/internal/synth"
)

var benchTownships = flag.Int("targets.townships", 8, "townships of the synthetic county whose targets and grades BenchmarkCompute works out (20: the county)")

type benchInput struct {
	set      *record.Set
	cal      *calendar.Calendar
	assessed []*assess.Result
	roles    Answerers
}

var benchIn = sync.OnceValue(func() benchInput {
	var files []record.File
	for _, f := range synth.Files(synth.Townships(*benchTownships)) {
		files = append(files, record.File{Path: f.Path, Data: f.Data})
	}
	set, _ := record.Decode(files)
	cal, _ := calendar.New(set.Calendars)
	assessed, _ := assess.Compute(set, cal)
	return benchInput{set, cal, assessed, safety.NewRoles(set)}
})

// BenchmarkCompute works out every year's unit targets and annual grades
// of a synthetic county, as the pipeline does for each commit.
func BenchmarkCompute(b *testing.B) {
	in := benchIn()
	b.ReportAllocs()
	var units, graded int
	for b.Loop() {
		r, errs := Compute(in.set, in.cal, in.assessed, in.roles)
		if len(errs) > 0 {
			b.Fatal(errs[0])
		}
		units, graded = 0, 0
		for _, y := range r.Years {
			for _, g := range y.Groups {
				units += len(g.Units)
			}
		}
		for _, g := range r.Grades {
			graded += len(g.People)
		}
	}
	if units == 0 || graded == 0 {
		b.Fatalf("%d units, %d graded: the synthetic county has no targets or grades", units, graded)
	}
}

// BenchmarkMemoCompute works out the same as BenchmarkCompute through a
// Memo that has seen every unit's targets before: what the versions of
// notices do at each commit, where what each unit's file gave is known
// and the years' groups and the annual grades are worked out again.
func BenchmarkMemoCompute(b *testing.B) {
	in := benchIn()
	m := NewMemo()
	if _, errs := m.Compute(in.set, in.cal, in.assessed, in.roles); len(errs) > 0 {
		b.Fatal(errs[0])
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, errs := m.Compute(in.set, in.cal, in.assessed, in.roles); len(errs) > 0 {
			b.Fatal(errs[0])
		}
	}
}
