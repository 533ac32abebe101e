package assess

import (
	"flag"
	"sync"
	"testing"

	"gongshi/generator/internal/calendar"
	"gongshi/generator/internal/record"
	"gongshi/generator/internal/synth"
)

var benchTownships = flag.Int("assess.townships", 8, "townships of the synthetic county whose pay BenchmarkCompute computes (20: the county)")

var benchSet = sync.OnceValues(func() (*record.Set, *calendar.Calendar) {
	var files []record.File
	for _, f := range synth.Files(synth.Townships(*benchTownships)) {
		files = append(files, record.File{Path: f.Path, Data: f.Data})
	}
	set, _ := record.Decode(files)
	cal, _ := calendar.New(set.Calendars)
	return set, cal
})

// BenchmarkCompute computes every quarter's scores and pay of a synthetic
// county: eleven quarters of everyone the scheme covers.
func BenchmarkCompute(b *testing.B) {
	set, cal := benchSet()
	b.ReportAllocs()
	var sheets int
	for b.Loop() {
		rs, errs := Compute(set, cal)
		if len(errs) > 0 {
			b.Fatal(errs[0])
		}
		sheets = 0
		for _, r := range rs {
			sheets += len(r.People)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(sheets), "ns/sheet")
}

// BenchmarkMemoCompute computes the same as BenchmarkCompute through a
// Memo that has seen every sheet before: what the versions of notices
// do at each commit that changed the people or the score sheets, where
// what each sheet gave is known and the rest (who is in scope, for how
// many months, the notice) is worked out again.
func BenchmarkMemoCompute(b *testing.B) {
	set, cal := benchSet()
	m := NewMemo()
	if _, errs := m.Compute(set, cal); len(errs) > 0 {
		b.Fatal(errs[0])
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, errs := m.Compute(set, cal); len(errs) > 0 {
			b.Fatal(errs[0])
		}
	}
}
