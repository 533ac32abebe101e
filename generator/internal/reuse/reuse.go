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
// address whenever another file of its kind changed. A Memo keeps only
// what the last run used. The nil Memo keeps nothing: it makes every
// value.
type Memo[K comparable, V any] struct {
	last, next map[K]*entry[V]
	made       int // values made by the run, for tests and timings
}

type entry[V any] struct {
	value V
	errs  diag.List
}

// Run starts a run; the function it returns ends it, letting go of what
// the run did not use.
func (m *Memo[K, V]) Run() (end func()) {
	if m == nil {
		return func() {}
	}
	m.next = make(map[K]*entry[V], len(m.last))
	m.made = 0
	return func() { m.last, m.next = m.next, nil }
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
	if e := m.last[k]; e != nil {
		m.next[k] = e
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
	e := m.last[k]
	if e == nil {
		n := len(*errs)
		m.made++
		e = &entry[V]{value: make()}
		// A copy: the caller's list is sorted in place after, which
		// would reorder what a slice of it holds.
		e.errs = slices.Clone((*errs)[n:])
	} else {
		*errs = append(*errs, e.errs...)
	}
	m.next[k] = e
	return &e.value
}
