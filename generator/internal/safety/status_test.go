package safety

import (
	"strings"
	"testing"

	"gongshi/generator/internal/record"
)

// TestHazardANoticeNamesWhenIDsRepeat pins which of hazards sharing an id
// (a mistake Decode reports) a notice is matched with: Check compares the
// notice's object with the first in the file; Compute links the notice
// to the last in the hazard list's order (by found date, then id).
// Hazards no notice names are left out of both indexes.
func TestHazardANoticeNamesWhenIDsRepeat(t *testing.T) {
	s := &record.Set{}
	s.Safety.Objects = []record.SafetyObject{{ID: "boat-a", Name: "甲船"}, {ID: "boat-b", Name: "乙船"}, {ID: "boat-c", Name: "丙船"}}
	s.Safety.Hazards = []*record.Hazard{
		{ID: "h1", Object: "boat-a", Found: day("2026-03-01")}, // first in the file
		{ID: "h1", Object: "boat-b", Found: day("2026-05-01")}, // last by found date
		{ID: "h1", Object: "boat-c", Found: day("2026-04-01")},
		{ID: "h2", Object: "boat-c", Found: day("2026-04-01")},
	}
	s.Safety.Notices = []record.SafetyNotice{
		{ID: "n1", Hazard: "h1", Object: "boat-c", Issued: day("2026-06-01")},
		{ID: "n2", Hazard: "h9", Issued: day("2026-06-02")},
		{ID: "n3", Issued: day("2026-06-03")},
	}
	errs := Check(s, day("2026-07-01"))
	if errs.Len() != 1 || !strings.Contains(errs[0].Msg, `expected "boat-a", the object of hazard "h1", found "boat-c"`) {
		t.Errorf("Check = %v; want one message comparing with boat-a", errs)
	}
	r := Compute(s, day("2026-07-01"))
	var got []string
	for _, n := range r.Notices {
		h := "-"
		if n.Hazard != nil {
			h = n.Hazard.Rec.ID + "@" + n.Hazard.Rec.Object
		}
		got = append(got, n.Rec.ID+" "+h)
	}
	if want := "n1 h1@boat-b|n2 -|n3 -"; strings.Join(got, "|") != want {
		t.Errorf("notices' hazards = %q; want %q", strings.Join(got, "|"), want)
	}
	for _, h := range r.Hazards {
		if (len(h.Notices) > 0) != (h.Rec.Object == "boat-b") {
			t.Errorf("hazard %s of %s has notices %v", h.Rec.ID, h.Rec.Object, h.Notices)
		}
	}
}
