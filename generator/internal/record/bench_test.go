package record

import (
	"flag"
	"sync"
	"testing"

	"gongshi/generator/internal/synth"
)

var benchTownships = flag.Int("record.townships", 8, "townships of the synthetic records BenchmarkDecode reads (48: the county)")

// benchFiles are the record files at the head of a synthetic county.
var benchFiles = sync.OnceValue(func() []File {
	var fs []File
	for _, f := range synth.Files(synth.Townships(*benchTownships)) {
		if IsRecordFile(f.Path) {
			fs = append(fs, File{Path: f.Path, Data: f.Data})
		}
	}
	return fs
})

// BenchmarkDecode decodes and cross-checks every record file of a
// synthetic county's head commit.
func BenchmarkDecode(b *testing.B) {
	files := benchFiles()
	var size int64
	for _, f := range files {
		size += int64(len(f.Data))
	}
	b.SetBytes(size)
	b.ReportAllocs()
	for b.Loop() {
		if _, errs := Decode(files); len(errs) > 0 {
			b.Fatal(errs[0])
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(files)), "ns/file")
}

// BenchmarkReadFile reads each record file on its own, as the history
// pass does to describe what a commit changed of it.
func BenchmarkReadFile(b *testing.B) {
	files := benchFiles()
	b.ReportAllocs()
	for b.Loop() {
		for _, f := range files {
			if _, errs := ReadFile(f); len(errs) > 0 {
				b.Fatal(errs[0])
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(files)), "ns/file")
}
