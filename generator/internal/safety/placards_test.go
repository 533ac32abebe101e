package safety

import (
	"fmt"
	"reflect"
	"testing"

	"gongshi/generator/internal/record"
	"gongshi/generator/internal/record/recordtest"
	"gongshi/generator/internal/synth"
)

// TestPlacardsIsWhatComputeGivesPlacards: PlacardsOf every object works
// out what a placard is made from as Compute does — every object in the
// same order, with the same roles, and the same roles for each person —
// and leaves the rest empty, saying so.
func TestPlacardsIsWhatComputeGivesPlacards(t *testing.T) {
	onPlacardDays(t, []string{"2026-06-30", "2026-07-01", "2026-07-15", "2027-01-02"}, func(t *testing.T, _ string, ix *Index, asOf record.Date) {
		want := ix.Compute(asOf)
		var ids []string
		for _, o := range want.Objects {
			ids = append(ids, o.Rec.ID)
		}
		got := ix.PlacardsOf(asOf, ids)
		if !got.Placards || want.Placards {
			t.Errorf("Placards says %v, Compute %v; want true and false", got.Placards, want.Placards)
		}
		if len(want.Objects) < 5 {
			t.Fatalf("Compute gave %d objects; want several", len(want.Objects))
		}
		samePlacardObjects(t, got, want.Objects)
		roles := 0
		for _, w := range want.Objects {
			roles += len(w.Roles)
		}
		if roles == 0 {
			t.Error("no object has a role: the test would prove little")
		}
		if g, w := roleDuties(got.Duties), roleDuties(want.Duties); g != w || w == "" {
			t.Errorf("duties:\n%s\nCompute (want some):\n%s", g, w)
		}
		if got.Hazards != nil || got.Notices != nil || got.Licences != nil || got.Reports != nil || got.Network != nil || got.Pyramid != nil || got.Accidents != nil {
			t.Error("Placards worked out more than placards need")
		}
	})
}

// onPlacardDays runs check on the test township, as of each of days, and
// on the synthetic one, as of days of its history.
func onPlacardDays(t *testing.T, days []string, check func(t *testing.T, name string, ix *Index, asOf record.Date)) {
	_, synthetic := recordtest.Synthetic(t, synth.Township)
	for _, c := range []struct {
		name string
		set  *record.Set
		days []string
	}{
		{"test township", township(t), days},
		{"synthetic township", synthetic, []string{"2024-03-01", "2025-12-31", "2026-11-20"}},
	} {
		for _, day := range c.days {
			t.Run(c.name+" "+day, func(t *testing.T) { check(t, c.name, NewIndex(c.set), record.MustDate(day)) })
		}
	}
}

// samePlacardObjects checks that got's objects are want, in order, as a
// placard has them (Compute's), each found by its id, and with nothing
// worked out that placards do not show.
func samePlacardObjects(t *testing.T, got *Result, want []*Object) {
	t.Helper()
	if len(got.Objects) != len(want) {
		t.Fatalf("%d objects; want %d", len(got.Objects), len(want))
	}
	for i, w := range want {
		g := got.Objects[i]
		if g.Rec != w.Rec || g.Category != w.Category || g.Village != w.Village || g.Supervisor != w.Supervisor || g.Active != w.Active {
			t.Errorf("object %d: %s (active %v); Compute: %s (active %v)", i, g.Rec.ID, g.Active, w.Rec.ID, w.Active)
		}
		if !reflect.DeepEqual(g.Roles, w.Roles) || (g.Lead == nil) != (w.Lead == nil) || g.Lead != nil && g.Lead.Name != w.Lead.Name {
			t.Errorf("%s: roles %+v; Compute: %+v", w.Rec.ID, g.Roles, w.Roles)
		}
		if g.ValidFrom() != w.ValidFrom() {
			t.Errorf("%s: valid from %s; Compute: %s", w.Rec.ID, g.ValidFrom(), w.ValidFrom())
		}
		if got.Object(w.Rec.ID) != g {
			t.Errorf("%s: Object finds another", w.Rec.ID)
		}
		if g.Agreements != nil || g.Required != nil || g.Missing != nil || g.Hazards != nil || g.Notices != nil || g.Licences != nil {
			t.Errorf("%s: Placards worked out more than placards need", w.Rec.ID)
		}
	}
}

// roleDuties writes who answers for what, by object id and role name,
// for each person who answers for some object.
func roleDuties(ds []*Duties) string {
	var s string
	for _, d := range ds {
		if len(d.Roles) == 0 {
			continue
		}
		s += d.Person.ID + ":"
		for _, r := range d.Roles {
			s += fmt.Sprintf(" %s/%s", r.Object.Rec.ID, r.Role.Name)
		}
		s += "\n"
	}
	return s
}

// TestPlacardsOfIsPlacardsOfThoseObjects: PlacardsOf works out the
// objects named, and the docks they name, as Compute does, in the same
// order, and nothing of the others; its duties are, for each person who
// holds a role of those objects, their roles of those objects, and no
// agreement.
func TestPlacardsOfIsPlacardsOfThoseObjects(t *testing.T) {
	onPlacardDays(t, []string{"2026-07-01", "2027-01-02"}, func(t *testing.T, name string, ix *Index, asOf record.Date) {
		all := ix.Compute(asOf)
		// An object that names a dock, one that does not, one no longer
		// supervised if any, and an id of no object.
		ids := []string{"no-such-object"}
		var docked, plain, gone bool
		for _, o := range all.Objects {
			switch {
			case !docked && o.Active && o.Rec.Dock != "" && all.Object(o.Rec.Dock) != nil:
				docked = true
			case !plain && o.Active && o.Rec.Dock == "":
				plain = true
			case !gone && !o.Active:
				gone = true
			default:
				continue
			}
			ids = append(ids, o.Rec.ID)
		}
		if !plain || name == "synthetic township" && !docked {
			t.Fatalf("objects %q: want one with a dock and one without", ids)
		}
		want := map[string]bool{}
		for _, id := range ids {
			if o := all.Object(id); o != nil {
				want[id] = true
				if o.Rec.Dock != "" {
					want[o.Rec.Dock] = true
				}
			}
		}
		got := ix.PlacardsOf(asOf, ids)
		if !got.Placards {
			t.Error("PlacardsOf does not say it holds placards only")
		}
		var wantObjects []*Object
		held := map[string]string{} // person → their roles of these objects
		for _, o := range all.Objects {
			if !want[o.Rec.ID] {
				continue
			}
			wantObjects = append(wantObjects, o)
			for _, r := range o.Roles {
				for _, in := range r.Now {
					if in.Person != nil && o.Active {
						held[in.Person.ID] += fmt.Sprintf(" %s/%s", o.Rec.ID, r.Name)
					}
				}
			}
		}
		samePlacardObjects(t, got, wantObjects)
		gotHeld := map[string]string{}
		for _, d := range got.Duties {
			if len(d.Signed) > 0 || len(d.Contact) > 0 {
				t.Errorf("%s: duties of agreements, which placards do not show", d.Person.ID)
			}
			for _, r := range d.Roles {
				gotHeld[d.Person.ID] += fmt.Sprintf(" %s/%s", r.Object.Rec.ID, r.Role.Name)
			}
		}
		if !reflect.DeepEqual(gotHeld, held) || len(held) == 0 {
			t.Errorf("duties %q; want (some) %q", gotHeld, held)
		}
	})
}
