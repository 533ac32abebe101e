package record

import (
	"flag"
	"fmt"
	"path"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	"gongshi/generator/internal/diag"
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

// BenchmarkSeriesNext moves a Series from commit to commit of a synthetic
// county, each changing one hazard's file in place, as most commits of a
// county's history do: the versions of notices gather a Set per commit.
func BenchmarkSeriesNext(b *testing.B) {
	s, hazard := benchSeries(b)
	versions := [2]File{hazard, hazard}
	versions[1].Data = append(slices.Clone(hazard.Data), "# 核对\n"...)
	versions[1].Blob = blobOf(versions[1].Data)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		i++
		if _, ok := s.Next([]File{versions[i%2]}, nil); !ok {
			b.Fatal("mistakes after a comment was added")
		}
	}
}

// benchSeries returns a Series at the synthetic county's records, and
// the file of its first hazard.
func benchSeries(b *testing.B) (*Series, File) {
	var all []File
	var hazard File
	for _, f := range benchFiles() {
		f.Blob = blobOf(f.Data)
		all = append(all, f)
		if hazard.Path == "" && strings.HasPrefix(f.Path, Dir+"/safety/hazards/") {
			hazard = f
		}
	}
	s := NewSeries(nil)
	if _, ok := s.Next(all, nil); !ok {
		b.Fatal("the synthetic county's records have mistakes")
	}
	return s, hazard
}

// BenchmarkCheckPosts checks the posts' holders of a synthetic county, as
// a Series does for each commit that changes the people or the posts.
func BenchmarkCheckPosts(b *testing.B) {
	set, errs := Decode(benchFiles())
	if len(errs) > 0 {
		b.Fatal(errs[0])
	}
	b.ReportAllocs()
	for b.Loop() {
		if errs := set.checkPosts(); len(errs) > 0 {
			b.Fatal(errs[0])
		}
	}
}

// BenchmarkSuggestID finds a hint for a mistaken reference among a
// synthetic county's people, as Decode does for each reference to no one.
func BenchmarkSuggestID(b *testing.B) {
	set, errs := Decode(benchFiles())
	if len(errs) > 0 {
		b.Fatal(errs[0])
	}
	known := map[string]diag.Pos{}
	for _, p := range set.People {
		known[p.ID] = p.Pos
	}
	for b.Loop() {
		suggestID("zz-no-such-person", known)
	}
}

// BenchmarkSeriesNextAddsFiles moves a Series from commit to commit of a
// synthetic county, each adding 30 hazards' files whose paths sort in
// the middle of the county's, as a county's history adds each
// township's new hazards after its own.
func BenchmarkSeriesNextAddsFiles(b *testing.B) {
	s, hazard := benchSeries(b)
	id := regexp.MustCompile(`(?m)^(\s+- id: )(.*)$`)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		i++
		var added []File
		for j := range 30 {
			// After the first township's hazards, before the others'.
			p := fmt.Sprintf("%s/safety/hazards/%s-zz%04d-%02d.yaml", Dir, strings.SplitN(path.Base(hazard.Path), "-", 2)[0], i, j)
			data := id.ReplaceAll(hazard.Data, []byte(fmt.Sprintf("${1}zz-%d-%d", i, j)))
			added = append(added, File{Path: p, Data: data, Blob: blobOf(data)})
		}
		if _, ok := s.Next(added, nil); !ok {
			b.Fatal("mistakes after hazards were added")
		}
	}
}
