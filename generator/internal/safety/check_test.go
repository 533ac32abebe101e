package safety

import (
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"gongshi/generator/internal/diag"
	"gongshi/generator/internal/record"
)

var update = flag.Bool("update", false, "rewrite want/errors.txt in testdata/check from Decode and Check")

var asOfLine = regexp.MustCompile(`(?m)^as-of: (\d{4}-\d{2}-\d{2})$`)

// TestCheckReportsEveryMistake decodes each archive in testdata/check,
// checks it as of the date on its "as-of:" line and compares every message
// of Decode and Check with want/errors.txt.
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
			m := asOfLine.FindSubmatch(a.Comment)
			if m == nil {
				t.Fatal(`archive comment has no "as-of: YYYY-MM-DD" line`)
			}
			var files []record.File
			want := -1
			for i, f := range a.Files {
				if f.Name == "want/errors.txt" {
					want = i
					continue
				}
				files = append(files, record.File{Path: f.Name, Data: f.Data})
			}
			s, errs := record.Decode(files)
			var all diag.List
			all.Append(errs)
			all.Append(Check(s, record.MustDate(string(m[1]))))
			all.Sort()
			got := all.Error()
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

// TestCheckAcceptsTheTownship makes sure the computation fixture is itself
// free of mistakes, so that the computation tests run on valid records.
func TestCheckAcceptsTheTownship(t *testing.T) {
	s := township(t)
	for _, d := range []string{"2026-07-15", "2026-12-31"} {
		if errs := Check(s, day(d)); errs.Len() > 0 {
			t.Errorf("Check(township, %s) =\n%v\nwant no errors", d, errs)
		}
	}
}

// TestSubjectNamesAFieldOrARoleOfAnObject pins how messages name what a
// check is about; the name is formatted only when a message is written.
func TestSubjectNamesAFieldOrARoleOfAnObject(t *testing.T) {
	tests := []struct {
		s    subject
		want string
	}{
		{subject{name: "甲方"}, "甲方"},
		{subject{"包船责任人", &record.SafetyObject{Name: "朝渡012"}}, `包船责任人 of "朝渡012"`},
		{subject{"包船责任人", &record.SafetyObject{}}, `包船责任人 of ""`},
	}
	for _, tt := range tests {
		if got := tt.s.String(); got != tt.want {
			t.Errorf("%#v.String() = %q; want %q", tt.s, got, tt.want)
		}
	}
}

// TestHeldOnIsWhetherAnyoneHolds checks heldOn, which Check asks instead
// of listing the holders, against holdersOn for every post and person
// of the township on every day of three years.
func TestHeldOnIsWhetherAnyoneHolds(t *testing.T) {
	s := township(t)
	b := newBook(s, day("2026-07-15"))
	holders := []record.Holder{{}, {Name: "船主"}, {Post: "no-such-post"}, {Person: "no-such-person"}}
	for i := range s.Posts {
		holders = append(holders, record.Holder{Post: s.Posts[i].ID})
	}
	for i := range s.People {
		holders = append(holders, record.Holder{Person: s.People[i].ID})
	}
	for d := day("2025-01-01"); d.Before(day("2028-01-01")); d = d.AddDays(1) {
		for _, h := range holders {
			if got, want := b.heldOn(h, d), len(b.holdersOn(h, d)) > 0; got != want {
				t.Errorf("heldOn(%+v, %s) = %v; want %v", h, d, got, want)
			}
		}
	}
}
