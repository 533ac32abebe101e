package emit

import (
	"bytes"
	"path"
	"strings"
	"testing"
	"time"

	"gongshi/generator/internal/assess"
	"gongshi/generator/internal/calendar"
	"gongshi/generator/internal/record"
	"gongshi/generator/internal/record/recordtest"
	"gongshi/generator/internal/safety"
	"gongshi/generator/internal/synth"
	"gongshi/generator/internal/targets"
)

// TestVersionedFindsEveryVersionedPage: Versioned runs only the emitters
// whose paths are asked for; every Versioned page the site has must be
// found that way, or its versions would be silently missing.
func TestVersionedFindsEveryVersionedPage(t *testing.T) {
	in := synthInput(t)
	w := pages(in, nil, nil)
	if w.err != nil {
		t.Fatal(w.err)
	}
	kinds := map[string]int{}
	for _, p := range w.pages {
		// Each page alone, a few of each folder: another page of the
		// same emitter asked for at once would hide a path its family
		// misses.
		// A folder's pages by the first word of their names: the
		// notices folder holds those of several emitters.
		kind := path.Dir(p.Path) + "/" + strings.SplitN(path.Base(p.Path), "-", 2)[0]
		if !p.Front.Versioned || kinds[kind] == 3 {
			continue
		}
		kinds[kind]++
		got, err := Versioned(in, []string{p.Path})
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 1 || got[0].Path != p.Path {
			t.Errorf("Versioned(%s) gave %d pages; want the page: its emitter's family does not name its path", p.Path, len(got))
			continue
		}
		// The same page as the full run's: leaving the other parts out
		// must not change it.
		full, err := EncodePage(p)
		if err != nil {
			t.Fatal(err)
		}
		alone, err := EncodePage(got[0])
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(full, alone) {
			t.Errorf("Versioned(%s) differs from the full run's page", p.Path)
		}
		// And from only the results NeedsOf names: the versions pass
		// leaves the others out.
		needed, err := Versioned(onlyNeeds(in, []string{p.Path}), []string{p.Path})
		if err != nil {
			t.Fatal(err)
		}
		if len(needed) != 1 {
			t.Errorf("Versioned(%s) from only the results NeedsOf names gave %d pages; want 1", p.Path, len(needed))
			continue
		}
		if b, err := EncodePage(needed[0]); err != nil || !bytes.Equal(full, b) {
			t.Errorf("Versioned(%s) from only the results NeedsOf names differs from the full run's page (%v)", p.Path, err)
		}
	}
	for _, want := range []string{"content/notices/assess", "content/notices/targets", "content/notices/grades", "content/letters/2025", "content/safety/placards/a4/shuanglin"} {
		if kinds[want] == 0 {
			t.Errorf("Versioned pages of the synthetic township: none of %s in %v", want, kinds)
		}
	}
}

// onlyNeeds is in without the results the pages at paths are not made
// from, as NeedsOf says.
func onlyNeeds(in Input, paths []string) Input {
	n := NeedsOf(paths)
	if !n.Calendar {
		in.Calendar = nil
	}
	if !n.Assess {
		in.Assess = nil
	}
	switch {
	case n.Safety:
	case n.Placards && in.Safety != nil:
		// What the versions pass computes when placards are all it needs.
		in.Safety = safety.NewIndex(in.Set).PlacardsOf(in.Safety.AsOf, PlacardObjects(paths))
	default:
		in.Safety = nil
	}
	if !n.Targets {
		in.Targets = nil
	}
	if !n.Figures {
		in.Figures = nil
	}
	if !n.Publicity {
		in.Publicity = nil
	}
	return in
}

// synthInput is the synthetic township's records, computed as of its last
// commit's day.
func synthInput(t *testing.T) Input {
	t.Helper()
	_, set := recordtest.Synthetic(t, synth.Township)
	cal, _ := calendar.New(set.Calendars)
	asOf := record.Date{Year: 2026, Month: 11, Day: 20}
	as, _ := assess.Compute(set, cal)
	sr := safety.Compute(set, asOf)
	tr, _ := targets.Compute(set, cal, as, sr)
	return Input{Set: set, Calendar: cal, Assess: as, Safety: sr, Targets: tr,
		Build: Build{Commit: "8ac96d12a6c0ffee8ac96d12a6c0ffee8ac96d12", When: time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC), AsOf: asOf}}
}

// TestKeptPagesEncodeAsTheyWere: a page kept between builds and read back
// gives the same front matter, byte for byte, and the same content to
// compare versions by.
func TestKeptPagesEncodeAsTheyWere(t *testing.T) {
	in := synthInput(t)
	w := pages(in, nil, nil)
	if w.err != nil {
		t.Fatal(w.err)
	}
	for _, p := range w.pages {
		b, err := EncodePage(p)
		if err != nil {
			t.Fatal(err)
		}
		q, err := DecodePage(b)
		if err != nil {
			t.Fatal(err)
		}
		want, err := encode(p.Front)
		if err != nil {
			t.Fatal(err)
		}
		got, err := encode(q.Front)
		if err != nil {
			t.Fatal(err)
		}
		if q.Path != p.Path || q.Body != p.Body || !bytes.Equal(got, want) {
			t.Fatalf("%s kept and read back:\n%s\nwant\n%s", p.Path, got, want)
		}
		cq, _, _ := content(&q)
		cp, _, _ := content(&p)
		if !cq.equal(&cp) {
			t.Fatalf("%s: content differs once kept", p.Path)
		}
	}
}
