package synth

import (
	"math/rand/v2"
	"slices"
)

// The records a township keeps, as the simulation holds them between
// commits. Every file is rendered from these (files.go) whenever a commit
// changes it.

const (
	rankMain    = "主要领导"
	rankLeader  = "班子成员"
	rankHead    = "中层正职"
	rankStaff   = "一般干部"
	rankVillage = "村（居）干部"
)

type author struct{ name, email string }

type unit struct {
	id, key, name, typ string // key: the township-local name (dzb, cgz…)
	parent             *unit
	address, phone     string
	note               string
	tw                 *township
}

type post struct {
	id, key, title string
	unit           *unit
	rank           string
	seats          int
	duties         string
}

type tenure struct {
	post     *post
	from, to day
	basis    string
}

type person struct {
	id, name, gender string
	unit             *unit
	staff            string
	tenures          []*tenure
	joined, left     day
	phone, idNumber  string
	home             string
	tw               *township
}

func (p *person) file() string { return "records/people/" + p.id + ".yaml" }

// inService reports whether the person works for the township on d.
func (p *person) inService(d day) bool {
	return (p.joined.IsZero() || !d.before(p.joined)) && (p.left.IsZero() || !d.after(p.left))
}

// holds returns the post the person holds on d with the key, if any.
func (p *person) holding(d day) []*tenure {
	var out []*tenure
	for _, t := range p.tenures {
		if d.within(t.from, t.to) {
			out = append(out, t)
		}
	}
	return out
}

// assessed reports whether the assessment scheme covers the person on d:
// the rule of assess.scope, mirrored (a test checks the two agree by
// building and checking a repository).
func (p *person) assessed(d day) bool {
	if !p.inService(d) || (p.staff != "公务员" && p.staff != "参公管理") {
		return false
	}
	ranked := false
	for _, t := range p.holding(d) {
		switch t.post.rank {
		case rankMain:
			return false
		case rankLeader, rankHead, rankStaff:
			ranked = true
		}
	}
	return ranked
}

// role is one responsible person of an object: a post, a person of the
// register or a name.
type role struct {
	name   string
	post   *post
	person *person
	holder string
}

type object struct {
	id, name, category string
	unit, village      *unit
	location           string
	supervisor         *unit
	owner, ownerPhone  string
	number             string
	capacity           int
	dock               *object
	from, to           day
	roles              []role
	note               string
	tw                 *township
}

func (o *object) file() string      { return "records/safety/objects/" + o.id + ".yaml" }
func (o *object) active(d day) bool { return d.within(o.from, o.to) }
func (o *object) activeYear(y int) bool {
	return (o.from.IsZero() || o.from.year() <= y) && (o.to.IsZero() || o.to.year() >= y)
}
func (o *object) role(name string) *role {
	for i := range o.roles {
		if o.roles[i].name == name {
			return &o.roles[i]
		}
	}
	return nil
}

type hazard struct {
	id          string
	obj         *object
	found       day
	finder      *person
	level       string
	description string
	measures    string
	deadline    day
	rectified   day
	reinspected day
	inspector   *person
	// what will happen, drawn when found and recorded when it has
	planRectified, planReinspected day
	notice                         *notice
	duplicate, deleted             bool // entered twice by mistake; deleted since
}

func (h *hazard) file() string { return "records/safety/hazards/" + h.id + ".yaml" }

type notice struct {
	id, kind, number string
	toUnit           *unit
	toObject         *object
	issued, deadline day
	subject          string
	obj              *object
	hazard           *hazard
	closed           day
}

func (n *notice) file() string { return "records/safety/notices/" + n.id + ".yaml" }

type report struct {
	unit     *unit
	m        month
	received day
	cadre    *person
	note     string
}

type pendingReport struct {
	unit     *unit
	m        month
	received day // when it will arrive
}

type agreement struct {
	year           int
	id, name, kind string
	level          int
	a, b           party
	signed         day
	contact        *post
	targets        []string
	objects        []*object
}

type party struct {
	unit   *unit
	post   *post
	object *object
}

type licence struct {
	holder         *object
	kind, number   string
	issuer         string
	issued, expiry day
}

type accident struct {
	id                string
	date              day
	unit              *unit
	obj               *object
	minor             int
	loss              string
	summary, evidence string
}

// township is one township's records and its clerk's habits.
type township struct {
	w      *world
	i      int
	id     string // pinyin, the prefix of every id
	name   string // 白河镇
	short  string // 白河
	abbr   string // 白: how document numbers abbreviate the township
	rng    *rand.Rand
	clerk  author
	zf     *unit
	units  []*unit
	byKey  map[string]*unit
	posts  []*post
	postBy map[string]*post

	offices, stations, villages, firms, schools []*unit

	people  []*person
	objects []*object
	hazards []*hazard
	notices []*notice
	lic     []*licence
	agreed  map[int][]*agreement
	targets map[int][]*unitTargets
	reports map[month][]*report
	pending []pendingReport

	importDay day
	nextEvent day // the next personnel, object or correction change
	docNo     map[string]int
	seq       map[string]int
}

// next numbers things per township: hazards per year, notices, documents.
func (t *township) next(key string) int {
	t.seq[key]++
	return t.seq[key]
}

// doc returns the next document number of a series, e.g. 白政发〔2025〕7号.
func (t *township) doc(series string, y int) string {
	key := series + itoa(y)
	t.docNo[key] += 1 + t.rng.IntN(4)
	return t.abbr + series + "〔" + itoa(y) + "〕" + itoa(t.docNo[key]) + "号"
}

// inService lists the staff of the units, in register order, serving on
// every day from d to e.
func (t *township) staffOf(units []*unit, d, e day) []*person {
	var out []*person
	for _, p := range t.people {
		if !slices.Contains(units, p.unit) || !p.inService(d) || !p.inService(e) {
			continue
		}
		for _, tn := range p.holding(d) {
			if tn.post.rank == rankStaff || tn.post.rank == rankHead {
				out = append(out, p)
				break
			}
		}
	}
	return out
}

// leaders are the posts a responsibility for an object can be given to.
func (t *township) leaders() []*post {
	var out []*post
	for _, p := range t.posts {
		if p.rank == rankLeader {
			out = append(out, p)
		}
	}
	return out
}

func (t *township) activeObjects(d day, cats ...string) []*object {
	var out []*object
	for _, o := range t.objects {
		if o.active(d) && (len(cats) == 0 || slices.Contains(cats, o.category)) {
			out = append(out, o)
		}
	}
	return out
}

// reporting are the units that send a monthly report.
func (t *township) reporting() []*unit {
	var out []*unit
	out = append(out, t.villages...)
	out = append(out, t.firms...)
	return append(out, t.schools...)
}

func pick[T any](rng *rand.Rand, xs []T) T { return xs[rng.IntN(len(xs))] }
