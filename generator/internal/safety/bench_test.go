package safety

import (
	"flag"
	"fmt"
	"strings"
	"sync"
	"testing"

	"golang.org/x/tools/txtar"

	"gongshi/generator/internal/record"
	"gongshi/generator/internal/synth"
)

// bigTownship is the test township grown to villages × perVillage vessels,
// each with its roles and a professional agreement, and a year of monthly
// reports per village.
func bigTownship(b *testing.B, villages, perVillage int) *record.Set {
	b.Helper()
	a, err := txtar.ParseFile("testdata/township.txtar")
	if err != nil {
		b.Fatal(err)
	}
	var files []record.File
	for _, f := range a.Files {
		files = append(files, record.File{Path: f.Name, Data: f.Data})
	}
	var units, posts, people, objects, agreements, reports strings.Builder
	units.WriteString("units:\n")
	posts.WriteString("posts:\n")
	people.WriteString("people:\n")
	objects.WriteString("objects:\n")
	agreements.WriteString("agreements:\n")
	reports.WriteString("reports:\n")
	for v := range villages {
		fmt.Fprintf(&units, "  - {id: v%d, name: 村%d, type: 村委会}\n", v, v)
		fmt.Fprintf(&posts, "  - {id: v%d-zhuren, title: 村%d主任, unit: v%d, rank: 村（居）干部}\n", v, v, v)
		fmt.Fprintf(&people, "  - {id: p%d-a, name: 甲%d, unit: v%d, posts: [{post: v%d-zhuren, from: 2020-01-01, to: 2026-06-30}]}\n", v, v, v, v)
		fmt.Fprintf(&people, "  - {id: p%d-b, name: 乙%d, unit: v%d, posts: [{post: v%d-zhuren, from: 2026-07-01}]}\n", v, v, v, v)
		for m := 1; m <= 10; m++ {
			fmt.Fprintf(&reports, "  - {unit: v%d, month: 2026-%02d, received: 2026-%02d-0%d, cadre: zhao-liu}\n", v, m, m+1, 1+(v+m)%7)
		}
		for i := range perVillage {
			id := fmt.Sprintf("v%d-boat%d", v, i)
			fmt.Fprintf(&objects, "  - {id: %s, name: 船%d-%d, category: vessel, unit: v%d, location: 渡口, roles: {包船责任人: {post: fuzhenzhang-jiaotong}, 村委会责任人: {post: v%d-zhuren}, 日常安全管理人: {name: 船主}}}\n", id, v, i, v, v)
			fmt.Fprintf(&agreements, "  - {id: a-%s, name: 责任书%s, year: 2026, kind: 专业, level: 3, a: {unit: cgz}, b: {object: %s}, signed: 2026-02-20, targets: [安全]}\n", id, id, id)
		}
	}
	files = append(files,
		record.File{Path: "records/units/big.yaml", Data: []byte(units.String())},
		record.File{Path: "records/posts/big.yaml", Data: []byte(posts.String())},
		record.File{Path: "records/people/big.yaml", Data: []byte(people.String())},
		record.File{Path: "records/safety/objects/big.yaml", Data: []byte(objects.String())},
		record.File{Path: "records/safety/agreements/big.yaml", Data: []byte(agreements.String())},
		record.File{Path: "records/safety/reports/big.yaml", Data: []byte(reports.String())},
	)
	s, errs := record.Decode(files)
	if errs.Len() > 0 {
		b.Fatal(errs[:min(5, errs.Len())])
	}
	return s
}

// BenchmarkCompute measures a township ten times the size of a real one:
// 100 villages, 2,000 vessels, 1,000 reports.
func BenchmarkCompute(b *testing.B) {
	s := bigTownship(b, 100, 20)
	b.ResetTimer()
	for b.Loop() {
		Compute(s, record.MustDate("2026-11-24"))
	}
}

func BenchmarkCheck(b *testing.B) {
	s := bigTownship(b, 100, 20)
	b.ResetTimer()
	for b.Loop() {
		Check(s, record.MustDate("2026-11-24"))
	}
}

var benchTownships = flag.Int("safety.townships", 8, "townships of the synthetic county BenchmarkCounty* compute (20: the versions-pass profile)")

// countySet is a synthetic county's records at its head commit: the
// input the versions pass gives Check, Compute and NewRoles for every
// past commit.
var countySet = sync.OnceValues(func() (*record.Set, error) {
	var files []record.File
	for _, f := range synth.Files(synth.Townships(*benchTownships)) {
		files = append(files, record.File{Path: f.Path, Data: f.Data})
	}
	s, errs := record.Decode(files)
	return s, errs.Err()
})

func benchCounty(b *testing.B, f func(*record.Set, record.Date)) {
	s, err := countySet()
	if err != nil {
		b.Fatal(err)
	}
	asOf := record.MustDate("2026-11-20")
	b.ReportAllocs()
	for b.Loop() {
		f(s, asOf)
	}
}

func BenchmarkCountyCheck(b *testing.B) {
	benchCounty(b, func(s *record.Set, d record.Date) { Check(s, d) })
}

func BenchmarkCountyCompute(b *testing.B) {
	benchCounty(b, func(s *record.Set, d record.Date) { Compute(s, d) })
}

func BenchmarkCountyNewRoles(b *testing.B) {
	benchCounty(b, func(s *record.Set, _ record.Date) { NewRoles(s) })
}
