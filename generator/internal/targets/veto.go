package targets

import (
	"cmp"
	"fmt"
	"slices"

	"gongshi/generator/internal/record"
	"gongshi/generator/internal/safety"
)

// Veto is an accident that vetoes (一票否决) the assessment of the units in
// whose area it happened.
type Veto struct {
	Accident *record.Accident
	Object   *record.SafetyObject // the object it names, if any
	// Units are the units whose area it happened in: the accident's unit,
	// and the unit and village of its object; in that order, without
	// repeats.
	Units []*record.Unit
	// Answerable are the people holding a role of the accident's object
	// (or of its unit's objects when it names none) on the accident's day.
	Answerable []Answerable
	Basis      string // the scheme's veto rule
}

// Answerable is one person holding a role of an object where a vetoing
// accident happened, on its day.
type Answerable struct {
	Person *record.Person
	Role   string
	Object *record.SafetyObject
}

// Reason says in words what the veto is, for notices and letters:
// "2025年9月16日河西村村民委员会辖区发生一般生产安全事故（重伤1人）：
// 河西村四组村道一辆农用三轮车侧翻，驾驶人重伤".
func (v *Veto) Reason() string {
	a := v.Accident
	s := a.Date.Chinese()
	if len(v.Units) > 0 {
		s += v.Units[0].Name + "辖区"
	}
	s += "发生" + a.Level + "生产安全事故"
	if c := Casualties(a); c != "" {
		s += "（" + c + "）"
	}
	return s + "：" + a.Summary
}

// Short names the accident in a line: "2025年9月16日河西村村民委员会辖区
// 一般生产安全事故（重伤1人）".
func (v *Veto) Short() string {
	a := v.Accident
	s := a.Date.Chinese()
	if len(v.Units) > 0 {
		s += v.Units[0].Name + "辖区"
	}
	s += a.Level + "生产安全事故"
	if c := Casualties(a); c != "" {
		s += "（" + c + "）"
	}
	return s
}

// Casualties lists an accident's deaths and injuries: "死亡1人、重伤2人".
func Casualties(a *record.Accident) string {
	var parts []string
	for _, c := range []struct {
		n    int
		what string
	}{{a.Deaths, "死亡"}, {a.SeriousInjuries, "重伤"}, {a.MinorInjuries, "轻伤"}} {
		if c.n > 0 {
			parts = append(parts, fmt.Sprintf("%s%d人", c.what, c.n))
		}
	}
	s := ""
	for i, p := range parts {
		if i > 0 {
			s += "、"
		}
		s += p
	}
	return s
}

// vetoes returns the year's accidents that veto under the scheme's rule,
// by date then id, with the units they veto and the people answerable.
func vetoes(set *record.Set, sr Answerers, scheme *record.TargetScheme, year int) []*Veto {
	rule := scheme.Veto
	if rule.Level == "" {
		return nil
	}
	min := slices.Index(record.AccidentLevels, rule.Level)
	var out []*Veto
	for i := range set.Safety.Accidents {
		a := &set.Safety.Accidents[i]
		if a.Date.Year != year || slices.Index(record.AccidentLevels, a.Level) < min {
			continue
		}
		if rule.Casualties && a.Deaths+a.SeriousInjuries+a.MinorInjuries == 0 {
			continue
		}
		v := &Veto{Accident: a, Basis: rule.Basis}
		add := func(id string) {
			if u := set.Unit(id); u != nil && !slices.Contains(v.Units, u) {
				v.Units = append(v.Units, u)
			}
		}
		add(a.Unit)
		var objects []*record.SafetyObject
		if o := objectByID(set, a.Object); o != nil {
			v.Object = o
			add(o.Unit)
			add(o.Village)
			objects = append(objects, o)
		} else if a.Object == "" {
			for j := range set.Safety.Objects {
				if o := &set.Safety.Objects[j]; o.Unit == a.Unit {
					objects = append(objects, o)
				}
			}
		}
		v.Answerable = answerable(sr, objects, a.Date)
		out = append(out, v)
	}
	slices.SortFunc(out, func(x, y *Veto) int {
		return cmp.Or(x.Accident.Date.Compare(y.Accident.Date), cmp.Compare(x.Accident.ID, y.Accident.ID))
	})
	return out
}

func objectByID(set *record.Set, id string) *record.SafetyObject {
	if id == "" {
		return nil
	}
	for i := range set.Safety.Objects {
		if set.Safety.Objects[i].ID == id {
			return &set.Safety.Objects[i]
		}
	}
	return nil
}

// Answerers resolves who answered for the roles of the supervised objects
// on a day: a safety.Result does, and safety.Roles, which does not depend
// on the as-of day (nor, then, do the vetoes).
type Answerers interface {
	Object(id string) *safety.Object
	RolesOn(o *safety.Object, day record.Date) []*safety.Role
}

// answerable resolves who held each role of the objects on day, in object
// then role order.
func answerable(sr Answerers, objects []*record.SafetyObject, day record.Date) []Answerable {
	if sr == nil {
		return nil
	}
	var out []Answerable
	for _, rec := range objects {
		o := sr.Object(rec.ID)
		if o == nil {
			continue
		}
		for _, r := range sr.RolesOn(o, day) {
			for _, in := range r.Now {
				if in.Person != nil {
					out = append(out, Answerable{Person: in.Person, Role: r.Name, Object: rec})
				}
			}
		}
	}
	return out
}

// vetoing says whether an accident vetoes a unit.
func (v *Veto) vetoes(u *record.Unit) bool { return slices.Contains(v.Units, u) }
