// Package reuse keeps what a computation gave for each of its inputs
// from one run to the next: the versions of notices compute one commit's
// records after another's, and most of a commit's records are those of
// the commit before, unchanged.
package reuse

import (
	"slices"

	"gongshi/generator/internal/diag"
)

// A Memo keeps, by key, a value and the mistakes found while making it.
// A key must name everything the value is made from. A record's Version
// (record.Node.Version) names it as decoded: record.Series hands a record
// that did not change on with its Version, though as a copy at a new
// address whenever another file of its kind changed. A run takes only
// what the run before used, and a value made in a run is taken from the
// next one on. The nil Memo keeps nothing: it makes every value.
type Memo[K comparable, V any] struct {
	// kept holds the values of the last run, and of the runs before it
	// until they are swept (Run): each entry says which runs used it, and
	// only what the run before used is taken. A run used to copy every
	// value it used into a map of its own: on the county's versions pass,
	// an insertion per person and quarter per commit, half the time of the
	// assessment's reruns.
	kept map[K]*entry[V]
	run  int // the run going on, counted from 1
	used int // the entries it used
	made int // values made by the run, for tests and timings
}

type entry[V any] struct {
	value V
	errs  diag.List
	// run is the last run that used the entry, prior the one before.
	run, prior int
}

// usedBefore reports whether the run before the one going on used e:
// what a run may take.
func (m *Memo[K, V]) usedBefore(e *entry[V]) bool {
	return e.run == m.run-1 || e.run == m.run && e.prior == m.run-1
}

// use counts e as used by the run going on.
func (m *Memo[K, V]) use(e *entry[V]) {
	if e.run != m.run {
		e.prior, e.run = e.run, m.run
		m.used++
	}
}

// Run starts a run; the function it returns ends it, letting go of what
// the run did not use (once that is as much as it used: sweeping after
// every run walked every value each time).
func (m *Memo[K, V]) Run() (end func()) {
	if m == nil {
		return func() {}
	}
	if m.kept == nil {
		m.kept = map[K]*entry[V]{}
	}
	m.run++
	m.used, m.made = 0, 0
	return func() {
		if len(m.kept) <= 2*m.used {
			return
		}
		for k, e := range m.kept {
			if e.run != m.run {
				delete(m.kept, k)
			}
		}
	}
}

// Made is the number of values the run (the last one, once it ended)
// made rather than took from the run before.
func (m *Memo[K, V]) Made() int {
	if m == nil {
		return 0
	}
	return m.made
}

// Keep keeps what the run before made for k, as if the run had asked for
// it, and reports whether there was any: a value another Memo's hands on
// whole, which would otherwise be let go at the end of the run, though
// its next miss needs it.
func (m *Memo[K, V]) Keep(k K) bool {
	if m == nil {
		return false
	}
	if e := m.kept[k]; e != nil && m.usedBefore(e) {
		m.use(e)
		return true
	}
	return false
}

// Get returns the value kept for k, appending to errs the mistakes found
// when it was made; else it makes it with make, which appends its
// mistakes to errs, and keeps both. The value returned is the one kept:
// what the caller changes in it is kept too.
func (m *Memo[K, V]) Get(k K, errs *diag.List, make func() V) *V {
	if m == nil {
		v := make()
		return &v
	}
	e := m.kept[k]
	if e == nil || !m.usedBefore(e) {
		n := len(*errs)
		m.made++
		e = &entry[V]{value: make(), run: -1, prior: -1}
		// A copy: the caller's list is sorted in place after, which
		// would reorder what a slice of it holds.
		e.errs = slices.Clone((*errs)[n:])
		if m.kept == nil {
			m.kept = map[K]*entry[V]{}
		}
		m.kept[k] = e
	} else {
		*errs = append(*errs, e.errs...)
	}
	m.use(e)
	return &e.value
}
