package safety

import (
	"fmt"
	"reflect"
	"testing"

	"gongshi/generator/internal/record"
	"gongshi/generator/internal/record/recordtest"
	"gongshi/generator/internal/synth"
)

// TestPlacardsIsWhatComputeGivesPlacards: Placards works out what a
// placard is made from as Compute does — every object in the same order,
// with the same roles, and the same duties — and leaves the rest empty,
// saying so.
func TestPlacardsIsWhatComputeGivesPlacards(t *testing.T) {
	_, synthetic := recordtest.Synthetic(t, synth.Township)
	for _, c := range []struct {
		name string
		set  *record.Set
		days []string
	}{
		{"test township", township(t), []string{"2026-06-30", "2026-07-01", "2026-07-15", "2027-01-02"}},
		{"synthetic township", synthetic, []string{"2024-03-01", "2025-12-31", "2026-11-20"}},
	} {
		for _, day := range c.days {
			t.Run(c.name+" "+day, func(t *testing.T) {
				ix := NewIndex(c.set)
				asOf := record.MustDate(day)
				want, got := ix.Compute(asOf), ix.Placards(asOf)
				if !got.Placards || want.Placards {
					t.Errorf("Placards says %v, Compute %v; want true and false", got.Placards, want.Placards)
				}
				if len(got.Objects) != len(want.Objects) || len(want.Objects) < 5 {
					t.Fatalf("%d objects; Compute gave %d (want several)", len(got.Objects), len(want.Objects))
				}
				roles := 0
				for i, w := range want.Objects {
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
					roles += len(w.Roles)
				}
				if roles == 0 {
					t.Error("no object has a role: the test would prove little")
				}
				if g, w := duties(got.Duties), duties(want.Duties); g != w || len(want.Duties) == 0 {
					t.Errorf("duties:\n%s\nCompute (want some):\n%s", g, w)
				}
				if got.Hazards != nil || got.Notices != nil || got.Licences != nil || got.Reports != nil || got.Network != nil || got.Pyramid != nil || got.Accidents != nil {
					t.Error("Placards worked out more than placards need")
				}
			})
		}
	}
}

// duties writes who answers for what, by object id and role name, and
// the agreements each signed or is the contact of.
func duties(ds []*Duties) string {
	var s string
	for _, d := range ds {
		s += d.Person.ID + ":"
		for _, r := range d.Roles {
			s += fmt.Sprintf(" %s/%s", r.Object.Rec.ID, r.Role.Name)
		}
		for _, a := range d.Signed {
			s += " signed " + a.ID
		}
		for _, a := range d.Contact {
			s += " contact " + a.ID
		}
		s += "\n"
	}
	return s
}
