package safety

import (
	"testing"

	"gongshi/generator/internal/record"
)

func TestObjectStateOnADay(t *testing.T) {
	tests := []struct {
		name     string
		from, to string // "" for none
		day      string
		want     State
	}{
		{"always supervised", "", "", "2026-07-15", Supervised},
		{"day before its first", "2026-04-10", "", "2026-04-09", Upcoming},
		{"its first day", "2026-04-10", "", "2026-04-10", Supervised},
		{"between", "2026-04-10", "2026-09-30", "2026-07-15", Supervised},
		{"its last day", "", "2026-06-20", "2026-06-20", Supervised},
		{"day after its last", "", "2026-06-20", "2026-06-21", Ended},
		{"long after its last", "2020-01-01", "2026-06-20", "2027-01-01", Ended},
		{"one-day life, on the day", "2026-08-01", "2026-08-01", "2026-08-01", Supervised},
		{"one-day life, before it", "2026-08-01", "2026-08-01", "2026-07-15", Upcoming},
		{"one-day life, after it", "2026-08-01", "2026-08-01", "2026-08-02", Ended},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := &record.SafetyObject{From: optDay(tt.from), To: optDay(tt.to)}
			o := &Object{Rec: rec}
			d := day(tt.day)
			if got := o.StateOn(d); got != tt.want {
				t.Errorf("StateOn(%s) of an object %s–%s = %v; want %v", tt.day, tt.from, tt.to, got, tt.want)
			}
			if got := o.StateOn(d) == Supervised; got != rec.Active(d) {
				t.Errorf("StateOn(%s) == Supervised is %v, but Active(%s) is %v", tt.day, got, tt.day, rec.Active(d))
			}
		})
	}
}

// optDay is the date, or zero for "".
func optDay(s string) record.Date {
	if s == "" {
		return record.Date{}
	}
	return day(s)
}

// 朝渡015's 包船责任人 is the post of the deputy in charge of safety: 张三
// to 2026-06-30, 李四 from 2026-07-01.
func TestRolesShownOutOfSupervisionAreOfItsLastOrFirstDay(t *testing.T) {
	tests := []struct {
		name     string
		from, to string
		asOf     string
		wantDay  string
		want     string
	}{
		{"supervised: the as-of date", "", "", "2026-07-15", "2026-07-15", "李四"},
		{"ended before the rotation: its last day", "", "2026-06-20", "2026-07-15", "2026-06-20", "张三"},
		{"not yet, begins after the rotation: its first day", "2026-07-05", "", "2026-06-15", "2026-07-05", "李四"},
		{"one day not yet come: that day", "2026-07-05", "2026-07-05", "2026-06-15", "2026-07-05", "李四"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := township(t)
			for i := range s.Safety.Objects {
				if o := &s.Safety.Objects[i]; o.ID == "chaodu-015" {
					o.From, o.To = optDay(tt.from), optDay(tt.to)
				}
			}
			r := Compute(s, day(tt.asOf))
			roles, d := r.RolesShown(r.Object("chaodu-015"))
			if d != day(tt.wantDay) {
				t.Errorf("RolesShown day = %s; want %s", d, tt.wantDay)
			}
			var got string
			for _, role := range roles {
				if role.Name == "包船责任人" {
					got = role.Names()
				}
			}
			if got != tt.want {
				t.Errorf("RolesShown: 包船责任人 = %q; want %q", got, tt.want)
			}
		})
	}
}

func TestTenureIsClippedToTheObjectsLife(t *testing.T) {
	tests := []struct {
		name             string
		objFrom, objTo   string
		heldFrom, heldTo string
		wantFrom, wantTo string
	}{
		{"within the object's life", "2020-01-01", "", "2024-01-01", "2026-06-30", "2024-01-01", "2026-06-30"},
		{"began before the object", "2025-06-01", "", "2024-01-01", "2026-06-30", "2025-06-01", "2026-06-30"},
		{"still open, object ended", "", "2026-06-20", "2026-01-01", "", "2026-01-01", "2026-06-20"},
		{"ends after the object", "", "2026-06-20", "2026-01-01", "2026-12-31", "2026-01-01", "2026-06-20"},
		{"ends before the object", "", "2026-12-31", "2026-01-01", "2026-06-20", "2026-01-01", "2026-06-20"},
		{"both open", "", "", "2026-07-01", "", "2026-07-01", ""},
		{"no tenure: the object's life", "2026-04-10", "2026-09-30", "", "", "2026-04-10", "2026-09-30"},
		{"no tenure, no life: open", "", "", "", "", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := &Object{Rec: &record.SafetyObject{From: optDay(tt.objFrom), To: optDay(tt.objTo)}}
			from, to := o.Tenure(Incumbent{Name: "张三", From: optDay(tt.heldFrom), To: optDay(tt.heldTo)})
			if from.String() != tt.wantFrom || to.String() != tt.wantTo {
				t.Errorf("Tenure(%s–%s) of an object %s–%s = %s–%s; want %s–%s",
					tt.heldFrom, tt.heldTo, tt.objFrom, tt.objTo, from, to, tt.wantFrom, tt.wantTo)
			}
		})
	}
}

func TestValidFromIsTheLatestStartOfTodaysHolders(t *testing.T) {
	held := func(from string) Incumbent { return Incumbent{Name: "某", From: optDay(from)} }
	tests := []struct {
		name    string
		objFrom string
		now     [][]Incumbent // per role
		want    string
	}{
		{"no roles: the object's start", "2026-04-10", nil, "2026-04-10"},
		{"no roles, no start", "", nil, ""},
		{"latest tenure wins", "", [][]Incumbent{{held("2023-01-01")}, {held("2026-07-01")}, {held("2025-03-01")}}, "2026-07-01"},
		{"the object began later", "2026-08-01", [][]Incumbent{{held("2023-01-01")}, {held("2026-07-01")}}, "2026-08-01"},
		{"held by name: the object's start", "2026-04-10", [][]Incumbent{{{Name: "郑村长"}}}, "2026-04-10"},
		{"several seats: the latest", "", [][]Incumbent{{held("2021-05-01"), held("2026-02-01")}}, "2026-02-01"},
		{"vacant role counts nothing", "2024-01-01", [][]Incumbent{{}, {held("2020-01-01")}}, "2024-01-01"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := &Object{Rec: &record.SafetyObject{From: optDay(tt.objFrom)}}
			for _, now := range tt.now {
				o.Roles = append(o.Roles, &Role{Now: now})
			}
			if got := o.ValidFrom().String(); got != tt.want {
				t.Errorf("ValidFrom() = %q; want %q", got, tt.want)
			}
		})
	}
}

func TestPlacardTakesEffectWhenTheLastHolderTookOffice(t *testing.T) {
	s := township(t)
	tests := []struct{ asOf, want string }{
		{"2026-06-30", "2025-03-01"}, // 包船责任人 赵六 since 2025-03-01 is the latest
		{"2026-07-01", "2026-07-01"}, // 第二责任人 李四 from the rotation
		{"2026-07-02", "2026-07-01"},
	}
	for _, tt := range tests {
		t.Run(tt.asOf, func(t *testing.T) {
			if got := Compute(s, day(tt.asOf)).Object("chaodu-012").ValidFrom().String(); got != tt.want {
				t.Errorf("朝渡012 ValidFrom() as of %s = %s; want %s", tt.asOf, got, tt.want)
			}
		})
	}
}

func TestRoleHeldByOwner(t *testing.T) {
	tests := []struct {
		name   string
		owner  record.Holder
		holder record.Holder
		want   bool
	}{
		{"same name", record.Holder{Name: "周船主"}, record.Holder{Name: "周船主"}, true},
		{"other name", record.Holder{Name: "周船主"}, record.Holder{Name: "吴船主"}, false},
		{"same person", record.Holder{Person: "sun-jiu"}, record.Holder{Person: "sun-jiu"}, true},
		{"other person", record.Holder{Person: "sun-jiu"}, record.Holder{Person: "li-si"}, false},
		{"a post is never the owner", record.Holder{Name: "周船主"}, record.Holder{Post: "hexi-zhuren"}, false},
		{"no owner, held by a post", record.Holder{}, record.Holder{Post: "hexi-zhuren"}, false},
		{"no owner, held by name", record.Holder{}, record.Holder{Name: "冯厂长"}, false},
		{"owner by person, holder by name", record.Holder{Person: "sun-jiu"}, record.Holder{Name: "孙九"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := &Object{Rec: &record.SafetyObject{Owner: tt.owner}}
			if got := o.HeldByOwner(&Role{Holder: tt.holder}); got != tt.want {
				t.Errorf("HeldByOwner(%+v) with owner %+v = %v; want %v", tt.holder, tt.owner, got, tt.want)
			}
		})
	}
}

func TestObjectStandsForItsVillage(t *testing.T) {
	village := &record.Unit{ID: "hexi", Type: record.UnitVillage}
	community := &record.Unit{ID: "zhengjie", Type: record.UnitCommunity}
	works := &record.Unit{ID: "zhuanchang", Type: "企业"}
	station := &record.Unit{ID: "cgz"}
	tests := []struct {
		name string
		o    Object
		want bool
	}{
		{"the village itself", Object{Rec: &record.SafetyObject{Unit: "hexi"}, Village: village}, true},
		{"a community itself", Object{Rec: &record.SafetyObject{Unit: "zhengjie"}, Village: community}, true},
		{"no village", Object{Rec: &record.SafetyObject{Unit: "hexi"}}, false},
		{"a vessel of the village, with an owner", Object{Rec: &record.SafetyObject{Unit: "hexi", Owner: record.Holder{Name: "周船主"}}, Village: village}, false},
		{"a works listed under the village", Object{Rec: &record.SafetyObject{Unit: "zhuanchang", Village: "hexi"}, Village: village}, false},
		{"listed under its own village explicitly", Object{Rec: &record.SafetyObject{Unit: "hexi", Village: "hexi"}, Village: village}, false},
		{"an enterprise unit", Object{Rec: &record.SafetyObject{Unit: "zhuanchang"}, Village: works}, false},
		{"supervised by a station", Object{Rec: &record.SafetyObject{Unit: "hexi"}, Village: village, Supervisor: station}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.o.IsVillage(); got != tt.want {
				t.Errorf("IsVillage() = %v; want %v", got, tt.want)
			}
		})
	}
}

func TestOpenHazardsCountsOpenAndOverdue(t *testing.T) {
	tests := []struct {
		name     string
		statuses []Status
		want     int
	}{
		{"none", nil, 0},
		{"open", []Status{Open}, 1},
		{"overdue", []Status{Overdue}, 1},
		{"rectified is not open", []Status{Rectified}, 0},
		{"verified is not open", []Status{Verified}, 0},
		{"mixed", []Status{Open, Rectified, Overdue, Verified, Open}, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := &Object{}
			for _, s := range tt.statuses {
				o.Hazards = append(o.Hazards, &Hazard{Status: s})
			}
			if got := o.OpenHazards(); got != tt.want {
				t.Errorf("OpenHazards() of %v = %d; want %d", tt.statuses, got, tt.want)
			}
		})
	}
}

func TestSignersOfAPartyOnADay(t *testing.T) {
	r := Compute(township(t), day("2026-07-15"))
	tests := []struct {
		name  string
		party record.Party
		day   string
		want  string
	}{
		{"post before the rotation", record.Party{Post: "fuzhenzhang-anquan"}, "2026-02-08", "张三"},
		{"post after the rotation", record.Party{Post: "fuzhenzhang-anquan"}, "2026-07-02", "李四"},
		{"object: its owner", record.Party{Object: "chaodu-012"}, "2026-02-25", "周船主"},
		{"object without an owner", record.Party{Object: "hexi-cun"}, "2026-02-10", ""},
		{"unknown object", record.Party{Object: "chaodu-999"}, "2026-02-10", ""},
		{"unit stands for itself", record.Party{Unit: "zhengfu"}, "2026-02-10", ""},
		{"person stands for themself", record.Party{Person: "li-si"}, "2026-07-02", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := names(r.Signers(tt.party, day(tt.day))); got != tt.want {
				t.Errorf("Signers(%+v, %s) = %q; want %q", tt.party, tt.day, got, tt.want)
			}
		})
	}
}

// Hazard 2026-001 of the township was rectified on 2026-03-09 and
// re-inspected on 2026-03-12; a date after the as-of date is not yet
// known on it.
func TestDatesAfterTheAsOfDateAreNotYetKnown(t *testing.T) {
	s := township(t)
	for i := range s.Safety.Notices {
		if n := &s.Safety.Notices[i]; n.ID == "2026-db-01" {
			n.Closed = day("2026-07-12")
		}
	}
	tests := []struct {
		asOf                           string
		rectified, reinspected, closed string
	}{
		{"2026-03-08", "", "", ""},
		{"2026-03-09", "2026-03-09", "", ""},
		{"2026-03-11", "2026-03-09", "", ""},
		{"2026-03-12", "2026-03-09", "2026-03-12", ""},
		{"2026-07-11", "2026-03-09", "2026-03-12", ""},
		{"2026-07-12", "2026-03-09", "2026-03-12", "2026-07-12"},
	}
	for _, tt := range tests {
		t.Run(tt.asOf, func(t *testing.T) {
			r := Compute(s, day(tt.asOf))
			var h *Hazard
			for _, x := range r.Hazards {
				if x.Rec.ID == "2026-001" {
					h = x
				}
			}
			if h == nil {
				t.Fatal("no hazard 2026-001")
			}
			if got := h.RectifiedOn.String(); got != tt.rectified {
				t.Errorf("RectifiedOn = %q; want %q", got, tt.rectified)
			}
			if got := h.ReinspectedOn.String(); got != tt.reinspected {
				t.Errorf("ReinspectedOn = %q; want %q", got, tt.reinspected)
			}
			var closed string
			for _, n := range r.Notices {
				if n.Rec.ID == "2026-db-01" {
					closed = n.ClosedOn.String()
				}
			}
			if closed != tt.closed {
				t.Errorf("notice ClosedOn = %q; want %q", closed, tt.closed)
			}
		})
	}
}

// TestPlacardPhoneIsTheHoldersOffice: every holder with a public office
// phone gets one on the placard; an owner's own phone is never printed.
func TestPlacardPhoneIsTheHoldersOffice(t *testing.T) {
	units := map[string]*record.Unit{
		"zhengfu": {ID: "zhengfu", Type: record.UnitOrgan, Phone: "0745-7621234"},
		"dzb":     {ID: "dzb", Type: record.UnitOffice, Parent: "zhengfu"}, // no phone of its own
		"hexi":    {ID: "hexi", Type: record.UnitVillage, Phone: "0745-7622001"},
		"zhuan":   {ID: "zhuan", Type: record.UnitEnterprise, Phone: "0745-7625001"},
		"bare":    {ID: "bare", Type: record.UnitVillage},
	}
	unit := func(id string) *record.Unit { return units[id] }
	person := &record.Person{ID: "liang-chen", Name: "梁晨", Unit: "dzb"}
	tests := []struct {
		name   string
		object string // the object's unit
		role   Role
		in     Incumbent
		want   string
	}{
		{"a post in a village", "hexi", Role{Post: &record.Post{Unit: "hexi"}}, Incumbent{Name: "潘金生"}, "0745-7622001"},
		{"a person of an office without a phone: the organ's", "hexi", Role{}, Incumbent{Person: person, Name: "梁晨"}, "0745-7621234"},
		{"an owner by name: none", "hexi", Role{Holder: record.Holder{Name: "周国强", Phone: "13907451021"}}, Incumbent{Name: "周国强"}, ""},
		{"an owner with a public office phone", "hexi", Role{Holder: record.Holder{Name: "周国强", OfficePhone: "0745-7621521"}}, Incumbent{Name: "周国强"}, "0745-7621521"},
		{"an enterprise's principal by name: the enterprise's", "zhuan", Role{Holder: record.Holder{Name: "冯建业"}}, Incumbent{Name: "冯建业"}, "0745-7625001"},
		{"a post in a unit with no phone anywhere", "hexi", Role{Post: &record.Post{Unit: "bare"}}, Incumbent{Name: "某"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := &Object{Rec: &record.SafetyObject{Unit: tt.object}}
			if got := o.OfficePhone(&tt.role, tt.in, unit); got != tt.want {
				t.Errorf("OfficePhone = %q; want %q", got, tt.want)
			}
		})
	}
}
