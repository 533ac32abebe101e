package guard

import (
	"strings"
	"testing"

	"gongshi/generator/internal/synth"
)

// BenchmarkFind looks for personal information in every line of a
// synthetic township's records: dates, names, numbers of notices,
// addresses of objects, as the publication gate reads them.
func BenchmarkFind(b *testing.B) {
	var lines []string
	for _, f := range synth.Files(synth.Township) {
		lines = append(lines, strings.Split(string(f.Data), "\n")...)
	}
	var g *Guard
	b.ReportAllocs()
	found := 0
	for b.Loop() {
		found = 0
		for _, l := range lines {
			found += len(g.Find(l))
		}
	}
	b.ReportMetric(float64(found), "findings")
}
