package pipeline

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"gongshi/generator/internal/emit"
	"gongshi/generator/internal/record"
	"gongshi/generator/internal/repo"
)

// past computes the records of earlier commits one after another, for
// the versions of notices, each from the commit before it: repo.Series
// reads only the record files that differ, record.Series decodes only
// those and gathers again only their kinds of record, and a stage of
// Compute runs again only when something it reads changed (its kinds of
// record, the day, the site files, an earlier stage's results); otherwise
// its results and whether it found mistakes are the commit before's.
// When the assessment or the unit targets run again, what each score
// sheet and each unit's targets file gave is taken from the commit
// before when that file did not change (memo: assess.Memo, targets.Memo).
//
// A commit's records are computed when they hold no mistake at all, as a
// build of that commit would find; a stage whose results the pages asked
// for are not made from, and which cannot find mistakes, is left out.
//
// A past holds one commit's records at a time.
type past struct {
	files *repo.Series
	recs  *record.Series
	// gens counts, by kind of record, the commits that changed its
	// files; site those that changed the site files. A stage's key is
	// made of the counts of what it reads.
	gens map[string]int
	site int
	last map[string]*pastStage // by stage: its last computation
	// memo keeps what the records that did not change gave, for the
	// next time a stage runs.
	memo *memo
	tally
}

// tally is what a past did, for the timings: the stages it ran and those
// it reused, and by part of the work (a stage, or reading, decoding and
// gathering the records: "read", "records") how often it did it and the
// time that took.
type tally struct {
	ran, reused int
	parts       map[string]partUse
}

// partUse is how often a part of the versions pass ran and the time it
// took in all.
type partUse struct {
	Runs int
	Time time.Duration
}

// timed counts a run of part that began at start.
func (t *tally) timed(part string, start time.Time) {
	u := t.parts[part]
	u.Runs++
	u.Time += time.Since(start)
	t.parts[part] = u
}

// add adds what another tally counted.
func (t *tally) add(o tally) {
	t.ran += o.ran
	t.reused += o.reused
	for k, u := range o.parts {
		v := t.parts[k]
		v.Runs += u.Runs
		v.Time += u.Time
		t.parts[k] = v
	}
}

type pastStage struct {
	key      string
	results  Records // the stage's results (copyResults), nothing else
	mistakes bool
}

func newPast(r *repo.Repo, decoded *record.FileCache) *past {
	return &past{files: r.NewSeries(), recs: record.NewSeries(decoded), gens: map[string]int{}, last: map[string]*pastStage{}, memo: newMemo(), tally: tally{parts: map[string]partUse{}}}
}

func (p *past) close() error { return p.files.Close() }

// read moves to the commit: its record files that changed are read and
// decoded. lock, held while the repository is read, is go-git's: its
// object store is read by one goroutine at a time.
func (p *past) read(commit string, lock func() func()) (*repo.Step, error) {
	unlock := lock()
	start := time.Now()
	st, err := p.files.Next(commit, p.recs.Known)
	p.timed("read", start)
	unlock()
	if err != nil {
		return nil, err
	}
	for _, f := range st.Changed {
		p.gens[kindName(f.Path)]++
	}
	for _, path := range st.Removed {
		p.gens[kindName(path)]++
	}
	if st.SiteChanged {
		p.site++
	}
	return st, nil
}

func kindName(path string) string {
	k, _ := record.KindOf(path)
	return k.Name // "" for a file of no kind: a mistake
}

// compute returns the records of the commit read last, computed as far
// as the pages at paths need, or nil when its records hold a mistake.
func (p *past) compute(st *repo.Step, paths []string) *Records {
	start := time.Now()
	set, ok := p.recs.Next(st.Changed, st.Removed)
	p.timed("records", start)
	if !ok {
		return nil
	}
	n := emit.NeedsOf(paths)
	need := neededStages(n, set)
	r := &Records{Snapshot: st.Snapshot, Set: set, memo: p.memo, placards: placardsOnly(n, need)}
	if r.placards {
		r.placardsOf = emit.PlacardObjects(paths)
	}
	keys := map[string]string{}
	for _, sg := range stages {
		if !need[sg.name] {
			continue
		}
		key := p.key(sg, r, keys)
		keys[sg.name] = key
		if l := p.last[sg.name]; l != nil && l.key == key {
			p.reused++
			copyResults(sg.name, r, &l.results)
			if l.mistakes {
				return nil
			}
			continue
		}
		p.ran++
		start := time.Now()
		l := &pastStage{key: key, mistakes: len(sg.run(r)) > 0}
		p.timed(sg.name, start)
		copyResults(sg.name, &l.results, r)
		p.last[sg.name] = l
		if l.mistakes {
			return nil
		}
	}
	return r
}

// key names what a stage reads as the commit has it: the changes to each
// kind of record it reads, the day, the site files, the earlier stages,
// and its variant (safety: for placards only or not).
func (p *past) key(sg stage, r *Records, keys map[string]string) string {
	var b strings.Builder
	for _, k := range record.Kinds() {
		if sg.reads(k.Name) {
			b.WriteString(k.Name + "=" + strconv.Itoa(p.gens[k.Name]) + ";")
		}
	}
	if sg.day {
		b.WriteString("day=" + r.Snapshot.AsOf.String() + ";")
	}
	if sg.site {
		b.WriteString("site=" + strconv.Itoa(p.site) + ";")
	}
	if sg.variant != nil {
		b.WriteString(sg.variant(r) + ";")
	}
	for _, a := range sg.after {
		b.WriteString(a + "{" + keys[a] + "};")
	}
	return b.String()
}

// reads reports whether the stage reads records of a kind.
func (sg stage) reads(kind string) bool {
	for _, k := range sg.kinds {
		if k == "*" || k == kind || strings.HasSuffix(k, "-") && strings.HasPrefix(kind, k) {
			return true
		}
	}
	return false
}

// neededStages are the stages the versions pass runs for pages needing
// n: those that can find mistakes in set, those whose results the pages
// are made from, and the stages those read.
func neededStages(n emit.Needs, set *record.Set) map[string]bool {
	need := map[string]bool{
		"calendar": n.Calendar, "assess": n.Assess, "safety": n.Safety || n.Placards,
		"targets": n.Targets, "figures": n.Figures, "publicity": n.Publicity,
	}
	for _, sg := range stages {
		if sg.mistakes == nil || sg.mistakes(set) {
			need[sg.name] = true
		}
	}
	for i := len(stages) - 1; i >= 0; i-- {
		if need[stages[i].name] {
			for _, a := range stages[i].after {
				need[a] = true
			}
		}
	}
	return need
}

// placardsOnly reports whether, of safety, the pages asked for (n) and
// the stages that run (need) read only what placards are made from.
func placardsOnly(n emit.Needs, need map[string]bool) bool {
	if !n.Placards || n.Safety {
		return false
	}
	for _, sg := range stages {
		if need[sg.name] && slices.Contains(sg.after, "safety") {
			return false // the figures: every safety result
		}
	}
	return true
}

// copyResults gives dst the results of a stage that src holds: the
// fields of Records the stage fills.
func copyResults(stage string, dst, src *Records) {
	switch stage {
	case "calendar":
		dst.Calendar = src.Calendar
	case "assess":
		dst.Assess = src.Assess
	case "safety":
		dst.Safety = src.Safety
	case "roles":
		dst.roles = src.roles
	case "targets":
		dst.Targets = src.Targets
	case "figures":
		dst.Figures = src.Figures
	case "publicity":
		dst.Publicity = src.Publicity
	}
}
