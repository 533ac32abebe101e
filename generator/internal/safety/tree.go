package safety

import (
	"cmp"
	"slices"
	"strings"

	"gongshi/generator/internal/record"
)

// Tree is a node of the agreement pyramid or the supervision network.
type Tree struct {
	Kind  string // "unit", "post", "person", "object", or "group" for a heading
	ID    string // the record's id, for links; "" for a group
	Label string // the unit's or object's name, the post's title, the person's name
	Note  string // who: the person who signed for a post or an object, a lead's post
	// Agreement links the node to its parent in the pyramid; nil for a
	// root and for a post hung under its own unit.
	Agreement *record.Agreement
	// Repeat marks a party already shown, with its own agreements, higher
	// up or earlier in the tree: it is not expanded again.
	Repeat   bool
	Children []*Tree
}

// Party kinds, in the order children are listed.
var partyKinds = []string{"unit", "post", "person", "object"}

func partyKey(p record.Party) (kind, id string) {
	switch {
	case p.Unit != "":
		return "unit", p.Unit
	case p.Post != "":
		return "post", p.Post
	case p.Person != "":
		return "person", p.Person
	case p.Object != "":
		return "object", p.Object
	}
	return "", ""
}

// party is a party of an agreement: its kind ("unit", "post", "person"
// or "object") and id. The kind is "" for a party with none written.
type party struct{ kind, id string }

func partyOf(p record.Party) party {
	k, id := partyKey(p)
	return party{k, id}
}

// label names a party: the unit's or object's name, the post's title, the
// person's name; the id when the record is not found.
func (b *book) label(kind, id string) string {
	switch kind {
	case "unit":
		if u := b.set.Unit(id); u != nil {
			return u.Name
		}
	case "post":
		if p := b.set.Post(id); p != nil {
			return p.Title
		}
	case "person":
		if p := b.set.Person(id); p != nil {
			return p.Name
		}
	case "object":
		if o := b.objects[id]; o != nil {
			return o.Name
		}
	}
	return id
}

// node makes a tree node for a party, naming who signed for it on day.
func (b *book) node(kind, id string, day record.Date) *Tree {
	t := &Tree{Kind: kind, ID: id, Label: b.label(kind, id)}
	switch kind {
	case "post":
		t.Note = names(b.holdersOn(record.Holder{Post: id}, day))
	case "object":
		if o := b.objects[id]; o != nil && !o.Owner.IsZero() {
			t.Note = names(b.holdersOn(o.Owner, day))
		}
	}
	return t
}

func names(in []Incumbent) string {
	var s []string
	for _, p := range in {
		s = append(s, p.Name)
	}
	return strings.Join(s, "、")
}

// comparePartyKeys orders parties by kind (units, posts, people,
// objects), then units and posts as their registers list them, objects by
// category and id, people by id.
func (b *book) comparePartyKeys(kx, ix, ky, iy string) int {
	if c := cmp.Compare(slices.Index(partyKinds, kx), slices.Index(partyKinds, ky)); c != 0 {
		return c
	}
	switch kx {
	case "unit":
		ux, uy := b.set.Unit(ix), b.set.Unit(iy)
		if ux != nil && uy != nil {
			return b.compareUnits(ux, uy)
		}
	case "post":
		return cmp.Or(cmp.Compare(b.postRank(ix), b.postRank(iy)), cmp.Compare(ix, iy))
	case "object":
		ox, oy := b.objects[ix], b.objects[iy]
		if ox != nil && oy != nil {
			return b.compareObjects(ox, oy)
		}
	}
	return cmp.Compare(ix, iy)
}

// pyramid draws the year's agreements as a tree: each agreement is an edge
// from its 甲方 down to its 乙方. The roots are the parties that are no
// one's 乙方; a root that is a post (the mayor) hangs under its own unit
// (the government), so the tree starts from the town government. A party
// that is 乙方 of several agreements is expanded once, where a
// breadth-first walk from the roots first reaches it, and marked Repeat
// elsewhere. Children are in agreement-kind order, then party order.
func (b *book) pyramid(as []*record.Agreement) []*Tree {
	type edge struct {
		party
		a *record.Agreement
	}
	down := map[party][]edge{} // 甲方 → edges
	isB := make(map[party]bool, len(as))
	var parties []edge // every 甲方 in first-seen order
	for _, a := range as {
		pa, pb := partyOf(a.A), partyOf(a.B)
		if pa.kind == "" || pb.kind == "" {
			continue
		}
		if _, seen := down[pa]; !seen {
			parties = append(parties, edge{pa, a})
		}
		down[pa] = append(down[pa], edge{pb, a})
		isB[pb] = true
	}
	for _, es := range down {
		slices.SortFunc(es, func(x, y edge) int {
			return cmp.Or(cmp.Compare(kindOrder(x.a.Kind), kindOrder(y.a.Kind)),
				b.comparePartyKeys(x.kind, x.id, y.kind, y.id), cmp.Compare(x.a.ID, y.a.ID))
		})
	}
	// Roots, with root posts moved under their unit.
	var roots []*Tree
	rootOf := map[party]*Tree{}
	under := map[party][]*Tree{}
	for _, p := range parties {
		if isB[p.party] {
			continue
		}
		n := b.node(p.kind, p.id, p.a.Signed)
		if post := b.set.Post(p.id); p.kind == "post" && post != nil {
			u := party{"unit", post.Unit}
			under[u] = append(under[u], n)
			continue
		}
		rootOf[p.party] = n
		roots = append(roots, n)
	}
	units := make([]party, 0, len(under))
	for u := range under {
		units = append(units, u)
	}
	slices.SortFunc(units, func(x, y party) int { return cmp.Compare(x.id, y.id) }) // every kind is "unit"
	for _, u := range units {
		if rootOf[u] == nil && !isB[u] {
			n := b.node("unit", u.id, b.asOf)
			rootOf[u] = n
			roots = append(roots, n)
		}
	}
	slices.SortFunc(roots, func(x, y *Tree) int {
		// The government (an organ with no parent) first.
		return cmp.Or(cmp.Compare(b.rootRank(x), b.rootRank(y)), b.comparePartyKeys(x.Kind, x.ID, y.Kind, y.ID))
	})
	expanded := make(map[party]bool, len(isB)+len(roots))
	var queue []*Tree
	for _, n := range roots {
		expanded[party{n.Kind, n.ID}] = true
		queue = append(queue, n)
	}
	for len(queue) > 0 {
		n := queue[0]
		queue = queue[1:]
		key := party{n.Kind, n.ID}
		kids := under[key]
		slices.SortFunc(kids, func(x, y *Tree) int { return b.comparePartyKeys(x.Kind, x.ID, y.Kind, y.ID) })
		for _, c := range kids {
			expanded[party{c.Kind, c.ID}] = true
		}
		n.Children = append(n.Children, kids...)
		queue = append(queue, kids...)
		for _, e := range down[key] {
			c := b.node(e.kind, e.id, e.a.Signed)
			c.Agreement = e.a
			if expanded[e.party] {
				c.Repeat = len(down[e.party]) > 0
			} else {
				expanded[e.party] = true
				queue = append(queue, c)
			}
			n.Children = append(n.Children, c)
		}
	}
	return roots
}

func isGroup(t *Tree) int {
	if t.Kind == "group" {
		return 1
	}
	return 0
}

// rootRank puts the town government first among the pyramid's roots.
func (b *book) rootRank(t *Tree) int {
	if u := b.set.Unit(t.ID); t.Kind == "unit" && u != nil && u.Type == record.UnitOrgan && u.Parent == "" {
		return 0
	}
	return 1
}

func sortedKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return ks
}

// network draws who supervises which objects: from the town government to
// each object's lead (the holder of its category's lead role, such as
// 包船责任人, on the as-of date), then its supervising unit, then the
// object. Only objects under supervision on the as-of date are drawn.
// Leads are in the order of their post in the posts register, then by
// person id; units as the units register lists them; objects by category
// and id.
func (b *book) network(objects []*Object) *Tree {
	root := &Tree{Kind: "group", Label: b.set.Township.Organ}
	if root.Label == "" {
		root.Label = b.set.Township.Name
	}
	for i := range b.set.Units {
		if u := &b.set.Units[i]; u.Type == record.UnitOrgan && u.Parent == "" {
			root.Kind, root.ID, root.Label = "unit", u.ID, u.Name
			break
		}
	}
	type leadKey struct {
		order int
		id    string
	}
	leads := map[leadKey]*Tree{}
	// Under each lead, objects are grouped by supervising unit or, for a
	// category without one, by category, so that objects always sit in
	// the third column.
	type groupKey struct {
		unit bool // id is a unit's, else a category's
		id   string
	}
	sups := map[*Tree]map[groupKey]*Tree{}
	add := func(lead *Tree, o *Object) {
		if sups[lead] == nil {
			sups[lead] = map[groupKey]*Tree{}
		}
		key := groupKey{false, o.Category.ID}
		if o.Supervisor != nil {
			key = groupKey{true, o.Supervisor.ID}
		}
		group := sups[lead][key]
		if group == nil {
			group = &Tree{Kind: "group", Label: o.Category.Name}
			if o.Supervisor != nil {
				group = &Tree{Kind: "unit", ID: o.Supervisor.ID, Label: o.Supervisor.Name}
			}
			sups[lead][key] = group
			lead.Children = append(lead.Children, group)
		}
		obj := &Tree{Kind: "object", ID: o.Rec.ID, Label: o.Rec.Name}
		if o.Supervisor != nil {
			obj.Note = o.Category.Name
		}
		group.Children = append(group.Children, obj)
	}
	for _, o := range objects {
		if !o.Active || o.Category == nil {
			continue
		}
		var who []Incumbent
		if o.Lead != nil {
			who = o.Lead.Now
		}
		if len(who) == 0 {
			who = []Incumbent{{}}
		}
		for _, p := range who {
			k := leadKey{order: len(b.set.Posts) + 1}
			switch {
			case p.Person != nil:
				k.id = "person:" + p.Person.ID
			case p.Name != "":
				k.id = "name:" + p.Name
			}
			if o.Lead != nil && o.Lead.Post != nil && p.Person != nil {
				k.order = b.postRank(o.Lead.Post.ID)
			}
			if k.id == "" {
				k.order++ // no lead: last
			}
			lead := leads[k]
			if lead == nil {
				lead = &Tree{Kind: "group", Label: "（未明确包保领导）"}
				switch {
				case p.Person != nil:
					lead = &Tree{Kind: "person", ID: p.Person.ID, Label: p.Name}
					if o.Lead.Post != nil {
						lead.Note = o.Lead.Post.Title
					}
				case p.Name != "":
					lead = &Tree{Kind: "person", Label: p.Name}
				}
				leads[k] = lead
			}
			add(lead, o)
		}
	}
	keys := make([]leadKey, 0, len(leads))
	for k := range leads {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(x, y leadKey) int { return cmp.Or(cmp.Compare(x.order, y.order), cmp.Compare(x.id, y.id)) })
	for _, k := range keys {
		lead := leads[k]
		// Supervising units as the units register lists them, then
		// category groups in the order objects come (by category).
		slices.SortStableFunc(lead.Children, func(x, y *Tree) int {
			if x.Kind != y.Kind {
				return cmp.Compare(isGroup(x), isGroup(y))
			}
			if x.Kind == "group" {
				return 0
			}
			return b.comparePartyKeys(x.Kind, x.ID, y.Kind, y.ID)
		})
		root.Children = append(root.Children, lead)
	}
	return root
}
