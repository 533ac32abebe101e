package emit

import (
	"flag"
	"sync"
	"testing"
	"time"

	"gongshi/generator/internal/assess"
	"gongshi/generator/internal/calendar"
	"gongshi/generator/internal/record"
	"gongshi/generator/internal/synth"
)

var benchTownships = flag.Int("emit.townships", 8, "townships of the synthetic records BenchmarkSite emits (48: the county)")

// benchInput is a synthetic county's records, decoded and computed.
var benchInput = sync.OnceValues(func() (Input, error) {
	var files []record.File
	for _, f := range synth.Files(synth.Townships(*benchTownships)) {
		files = append(files, record.File{Path: f.Path, Data: f.Data})
	}
	set, errs := record.Decode(files)
	if err := errs.Err(); err != nil {
		return Input{}, err
	}
	cal, errs := calendar.New(set.Calendars)
	if err := errs.Err(); err != nil {
		return Input{}, err
	}
	as, errs := assess.Compute(set, cal)
	if err := errs.Err(); err != nil {
		return Input{}, err
	}
	when := time.Date(2026, 11, 20, 8, 30, 0, 0, time.FixedZone("CST", 8*3600))
	return Input{Set: set, Calendar: cal, Assess: as, Build: Build{
		Commit: "8ac96d12a6c0ffee8ac96d12a6c0ffee8ac96d12", When: when, AsOf: record.DateOf(when), Author: "青江县绩效考核办公室", Message: "录入",
	}}, nil
})

// BenchmarkSite emits every page of a synthetic county.
func BenchmarkSite(b *testing.B) {
	in, err := benchInput()
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	var pages int
	for b.Loop() {
		files, err := emitFiles(in)
		if err != nil {
			b.Fatal(err)
		}
		pages = len(files)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(pages), "ns/page")
}
