package synth

import (
	"fmt"
	"math/rand/v2"
	"time"
)

// Scale says how large a records repository to write.
type Scale struct {
	Name string
	// Townships is how many townships the records cover. One is a
	// township's own repository, published by the township government;
	// more is a county's, published by the county government for all its
	// townships (each township a unit of the county's register, with its
	// offices, stations and villages below it).
	Townships int
	// Seed fixes every draw: the same scale and seed write the same
	// commits, byte for byte.
	Seed uint64
}

// Township is one township's repository: about 100 commits a year for
// three years, 1,000 record files, 700 pages.
var Township = Scale{Name: "township", Townships: 1, Seed: 2026}

// County is a county publishing for its 20 townships from one repository:
// about 5,000 commits over three years, 20,000 record files and, with the
// pages gongshi emitted when this was written, 13,500 pages.
var County = Scale{Name: "county", Townships: 20, Seed: 2026}

// Townships is a county-shaped scale of n townships, for measuring how the
// cost grows with the records.
func Townships(n int) Scale {
	return Scale{Name: fmt.Sprintf("%dtownships", n), Townships: n, Seed: 2026}
}

// The history every scale spans: three years of records.
var (
	start = date(2024, 1, 2)
	end   = date(2026, 11, 20)
)

// shanghai is UTC+8, the zone every commit is dated in.
var shanghai = time.FixedZone("CST", 8*3600)

// File is a file of the repository.
type File struct {
	Path string
	Data []byte
}

// world is the simulated county (or township) and the commits made so far.
type world struct {
	sc     Scale
	out    sink
	rng    *rand.Rand
	county bool
	tws    []*township
	ids    map[string]bool

	org    string // 青江县, or the township's name
	organ  string // the government publishing: 青江县人民政府
	abbr   string
	clerk  author // who records the county-wide files
	group  string
	number int // notice numbers of the year

	quarters  []*assessQuarter
	schemes   []*targetScheme
	accidents map[int][]*accident

	cur     change
	today   day
	ofToday int
	commits int
	sideAt  int
}

type change struct {
	order   []string
	render  map[string]func() []byte
	deletes []string
}

func newWorld(sc Scale, out sink) *world {
	w := &world{
		sc: sc, out: out,
		rng:       rand.New(rand.NewPCG(sc.Seed, 0)),
		county:    sc.Townships > 1,
		ids:       map[string]bool{},
		accidents: map[int][]*accident{},
	}
	names := places(rand.New(rand.NewPCG(sc.Seed, 1)), sc.Townships, nil)
	for i, p := range names {
		w.tws = append(w.tws, newTownship(w, i, p))
	}
	if w.county {
		w.org, w.organ, w.abbr = "青江县", "青江县人民政府", "青"
		w.clerk = author{"青江县绩效考核办公室", "jxb@qingjiang.example"}
		w.group = "县绩效考核领导小组"
	} else {
		t := w.tws[0]
		w.org, w.organ, w.abbr = t.name, t.name+"人民政府", t.abbr
		w.clerk = t.clerk
		w.group = "镇绩效考核领导小组"
	}
	return w
}

// touch marks a file to be written by the next commit, from the records as
// they stand then.
func (w *world) touch(path string, render func() []byte) {
	if w.cur.render == nil {
		w.cur.render = map[string]func() []byte{}
	}
	if _, ok := w.cur.render[path]; !ok {
		w.cur.order = append(w.cur.order, path)
	}
	w.cur.render[path] = render
}

func (w *world) remove(path string) { w.cur.deletes = append(w.cur.deletes, path) }

// commit writes the files touched since the last commit as one commit of
// the day, by who.
func (w *world) commit(d day, who author, msg string) error {
	if len(w.cur.order) == 0 && len(w.cur.deletes) == 0 {
		return nil
	}
	if d != w.today {
		w.today, w.ofToday = d, 0
	}
	when := time.Date(d.year(), d.month(), d.dom(), 8, 30, 0, 0, shanghai).Add(time.Duration(w.ofToday) * 7 * time.Minute)
	w.ofToday++
	c := &commit{author: who, when: when, msg: msg, deletes: w.cur.deletes}
	for _, p := range w.cur.order {
		c.files = append(c.files, File{Path: p, Data: w.cur.render[p]()})
	}
	w.cur = change{}
	w.commits++
	// Now and then a clerk's commit is made on a branch and merged.
	if w.commits%97 == 0 {
		c.side = true
	}
	return w.out.put(c)
}

// run simulates every day from start to end, committing as the clerks do.
func (w *world) run() error {
	if err := w.base(start); err != nil {
		return err
	}
	for d := start; !d.after(end); d = d.add(1) {
		if err := w.countyDay(d); err != nil {
			return err
		}
		for _, t := range w.tws {
			if err := t.day(d); err != nil {
				return err
			}
		}
	}
	return w.out.close()
}

// base is the first commit: the records every township shares.
func (w *world) base(d day) error {
	w.touch("records/township.yaml", w.townshipFile)
	w.touch("records/calendar/2024.yaml", func() []byte { return calendarFile(2024) })
	w.touch("records/assess/schemes/2024.yaml", func() []byte { return w.schemeFile(2024) })
	w.touch("records/safety/settings.yaml", w.settingsFile)
	w.touch("records/safety/categories.yaml", categoriesFile)
	return w.commit(d, w.clerk, "录入"+w.org+"基本信息、2024年节假日安排、绩效考核办法和安全生产监管对象类别")
}

func (w *world) countyDay(d day) error {
	switch {
	case d == date(2024, 11, 20) || d == date(2025, 11, 20):
		y := d.year() + 1
		w.touch(fmt.Sprintf("records/calendar/%d.yaml", y), func() []byte { return calendarFile(y) })
		if err := w.commit(d, w.clerk, fmt.Sprintf("录入%d年节假日安排（国务院办公厅通知）", y)); err != nil {
			return err
		}
	case d == date(2024, 12, 20) || d == date(2025, 12, 19):
		y := d.year() + 1
		w.touch(fmt.Sprintf("records/assess/schemes/%d.yaml", y), func() []byte { return w.schemeFile(y) })
		if err := w.commit(d, w.clerk, fmt.Sprintf("录入%d年绩效考核办法", y)); err != nil {
			return err
		}
	}
	for q := quarterOf(start); q.last().before(end); q = q.next() {
		issue := q.next().first().add(3).weekday()
		switch d {
		case issue:
			if err := w.assessQuarter(d, q); err != nil {
				return err
			}
		case issue.add(2).weekday(), issue.add(6).weekday():
			if err := w.correctQuarter(d, q); err != nil {
				return err
			}
		}
	}
	for y := start.year(); y <= end.year(); y++ {
		var err error
		switch d {
		case date(y, 2, 12).weekday():
			err = w.targetScheme(d, y)
		case date(y+1, 1, 20).weekday():
			if date(y+1, 1, 20).weekday().before(end) {
				err = w.targetResults(d, y)
			}
		case date(y+1, 1, 22).weekday():
			if date(y+1, 1, 22).weekday().before(end) {
				err = w.annualGrades(d, y)
			}
		}
		if err != nil {
			return err
		}
	}
	if d.dom() == 15 && !d.weekend() {
		return w.maybeAccidents(d)
	}
	return nil
}
