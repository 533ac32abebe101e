package assess

import (
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"gongshi/generator/internal/calendar"
	"gongshi/generator/internal/record"
)

var update = flag.Bool("update", false, "rewrite want/errors.txt in testdata/check")

// TestCheckReportsEveryMistake runs each archive in testdata/check over
// the fixture's records (its comment may say "staff N"; its files replace
// the fixture's by path) and compares every message with want/errors.txt.
func TestCheckReportsEveryMistake(t *testing.T) {
	paths, _ := filepath.Glob("testdata/check/*.txtar")
	if len(paths) == 0 {
		t.Fatal("no archives in testdata/check")
	}
	for _, p := range paths {
		t.Run(strings.TrimSuffix(filepath.Base(p), ".txtar"), func(t *testing.T) {
			a, err := txtar.ParseFile(p)
			if err != nil {
				t.Fatal(err)
			}
			w := world{staff: 3}
			for _, line := range strings.Split(string(a.Comment), "\n") {
				if n, ok := strings.CutPrefix(line, "staff "); ok {
					w.staff, _ = strconv.Atoi(n)
				}
			}
			files := map[string][]byte{}
			var order []string
			for _, f := range w.files() {
				if strings.HasPrefix(f.Path, "records/assess/20") {
					continue // the archive brings its own quarter
				}
				files[f.Path] = f.Data
				order = append(order, f.Path)
			}
			want := -1
			for i, f := range a.Files {
				if f.Name == "want/errors.txt" {
					want = i
					continue
				}
				if _, ok := files[f.Name]; !ok {
					order = append(order, f.Name)
				}
				files[f.Name] = f.Data
			}
			var rf []record.File
			for _, name := range order {
				rf = append(rf, record.File{Path: name, Data: files[name]})
			}
			_, errs := compute(t, rf)
			got := errs.Error()
			if got != "" {
				got += "\n"
			}
			if *update {
				if want < 0 {
					a.Files = append(a.Files, txtar.File{Name: "want/errors.txt"})
					want = len(a.Files) - 1
				}
				a.Files[want].Data = []byte(got)
				if err := os.WriteFile(p, txtar.Format(a), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if want < 0 {
				t.Fatal("archive has no want/errors.txt")
			}
			if w := string(a.Files[want].Data); got != w {
				t.Errorf("errors:\n%s\nwant:\n%s", got, w)
			}
		})
	}
}

func TestComputeReportsAPointOutOfRange(t *testing.T) {
	files := world{staff: 2, sheets: map[string]string{"p01": scores("31", "40", "10", "20")}}.files()
	set, _ := record.Decode(files)
	cal, _ := calendar.New(set.Calendars)
	_, errs := Compute(set, cal)
	if len(errs) != 1 || errs[0].Error() != "records/assess/2026-Q1.yaml:8:31: expected 公共职责 points 0–30, found 31" {
		t.Errorf("Compute = %v; want the public-duties score out of range", errs)
	}
}

func BenchmarkCompute26People(b *testing.B) {
	sheets := map[string]string{}
	for i := 1; i <= 26; i++ {
		sheets[fmtID(i)] = "    events:\n      - {indicator: K01, date: 2026-01-12, count: 2, evidence: 考勤表}\n      - {indicator: K02, date: 2026-02-03}\n"
	}
	set, errs := record.Decode(world{staff: 26, sheets: sheets}.files())
	if len(errs) > 0 {
		b.Fatal(errs)
	}
	cal, _ := calendar.New(set.Calendars)
	b.ResetTimer()
	for b.Loop() {
		if _, errs := Compute(set, cal); len(errs) > 0 {
			b.Fatal(errs)
		}
	}
}
