package assess

import (
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"gongshi/generator/internal/calendar"
	"gongshi/generator/internal/record"
)

func sampleSet(t *testing.T) *record.Set {
	t.Helper()
	root := filepath.Join("..", "..", "..")
	var files []record.File
	err := filepath.WalkDir(filepath.Join(root, record.Dir), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(root, p)
		files = append(files, record.File{Path: filepath.ToSlash(rel), Data: b})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	set, errs := record.Decode(files)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	return set
}

// TestRosterListsThoseComputeAssesses: a template made from the roster has
// a row for exactly the people the quarter's computation wants a sheet for,
// in the notice's order, counting leave.
func TestRosterListsThoseComputeAssesses(t *testing.T) {
	set := sampleSet(t)
	cal, _ := calendar.New(set.Calendars)
	results, errs := Compute(set, cal)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	for _, r := range results {
		ro := RosterOf(set, r.Quarter)
		if ro == nil {
			t.Fatalf("%s: no roster", r.Quarter)
		}
		var got, want []string
		for _, m := range ro.People {
			got = append(got, m.Person.ID+" "+string(rune('0'+m.Months))+" "+strings.Join(m.Posts, "、"))
		}
		for _, a := range r.People {
			want = append(want, a.Person.ID+" "+string(rune('0'+a.Months))+" "+strings.Join(a.Posts, "、"))
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s roster:\n%q\nwant the assessed:\n%q", r.Quarter, got, want)
		}
		if len(ro.Items) != 4 || ro.Bonus.Code != Bonus || !ro.Bonus.Max.Equal(r.Scheme.BonusCap) || len(ro.Indicators) != len(r.Scheme.Indicators) {
			t.Errorf("%s roster: %d items, bonus %+v, %d indicators", r.Quarter, len(ro.Items), ro.Bonus, len(ro.Indicators))
		}
	}
	// A quarter with no score file yet: the roster is what its template lists.
	if ro := RosterOf(set, record.Quarter{Year: 2026, Q: 4}); ro == nil || len(ro.People) == 0 {
		t.Errorf("no roster for 2026-Q4, which has a scheme and no scores yet")
	}
	if ro := RosterOf(set, record.Quarter{Year: 2024, Q: 4}); ro != nil {
		t.Errorf("a roster for 2024-Q4, before any scheme: %+v", ro)
	}
}
