package reuse

import (
	"maps"
	"testing"

	"gongshi/generator/internal/diag"
)

// TestMemoKeepsWhatTheLastRunUsed: a value is made once and its mistakes
// are given again each time it is reused; a value the last run did not
// use is made again; the nil Memo makes every value.
func TestMemoKeepsWhatTheLastRunUsed(t *testing.T) {
	made := map[string]int{}
	get := func(m *Memo[string, int], k string, errs *diag.List) int {
		return *m.Get(k, errs, func() int {
			made[k]++
			errs.Add(diag.Pos{File: k, Line: 1}, "expected %s made once", k)
			return len(k)
		})
	}
	run := func(m *Memo[string, int], keys ...string) int {
		defer m.Run()()
		var errs diag.List
		for _, k := range keys {
			if v := get(m, k, &errs); v != len(k) {
				t.Errorf("%s: got %d, want %d", k, v, len(k))
			}
		}
		return len(errs)
	}
	m := &Memo[string, int]{}
	for i, tc := range []struct {
		keys []string
		made map[string]int
	}{
		{[]string{"a", "bb"}, map[string]int{"a": 1, "bb": 1}},
		{[]string{"a", "bb"}, map[string]int{"a": 1, "bb": 1}},
		{[]string{"a"}, map[string]int{"a": 1, "bb": 1}},
		{[]string{"a", "bb"}, map[string]int{"a": 1, "bb": 2}}, // bb was not used by the run before
	} {
		if n := run(m, tc.keys...); n != len(tc.keys) {
			t.Errorf("run %d: %d mistakes, want one per key (%d)", i, n, len(tc.keys))
		}
		for k, want := range tc.made {
			if made[k] != want {
				t.Errorf("run %d: %s made %d times, want %d", i, k, made[k], want)
			}
		}
	}
	clear(made)
	var none *Memo[string, int]
	run(none, "a")
	run(none, "a")
	if made["a"] != 2 {
		t.Errorf("the nil Memo made a %d times, want 2", made["a"])
	}
}

// TestMemoKeepsItsMistakesWhenTheCallerSortsTheList: the mistakes a value
// was made with are kept as they were, though the caller's list they
// were appended to is sorted in place after (diag.List.Sort), as every
// Compute does with its list.
func TestMemoKeepsItsMistakesWhenTheCallerSortsTheList(t *testing.T) {
	m := &Memo[string, int]{}
	run := func() diag.List {
		defer m.Run()()
		errs := make(diag.List, 0, 8) // room: nothing appended moves the list
		m.Get("k", &errs, func() int {
			errs.Add(diag.Pos{File: "b.yaml", Line: 1}, "expected b")
			return 1
		})
		errs.Add(diag.Pos{File: "a.yaml", Line: 1}, "expected a")
		errs.Sort()
		return errs
	}
	first, second := run(), run()
	if len(second) != 2 || second.Error() != first.Error() {
		t.Errorf("the second run's mistakes:\n%v\nwant the first's:\n%v", second, first)
	}
}

// TestKeepCarriesAValueOverARun: a value the run kept without asking for
// it is there for the run after, which takes it and does not make it
// again; one neither asked for nor kept is let go. Keep finds nothing the
// run before did not make, and the nil Memo keeps nothing.
func TestKeepCarriesAValueOverARun(t *testing.T) {
	made := 0
	m := &Memo[string, int]{}
	get := func(k string) {
		var errs diag.List
		m.Get(k, &errs, func() int { made++; return 1 })
	}
	end := m.Run()
	get("a")
	get("b")
	end()
	end = m.Run()
	if !m.Keep("a") || m.Keep("c") {
		t.Error("Keep: want a, made by the run before, and not c")
	}
	end()
	end = m.Run()
	get("a")
	get("b")
	end()
	if made != 3 {
		t.Errorf("%d values made; want a and b, then b again (not kept), 3", made)
	}
	var none *Memo[string, int]
	if none.Keep("a") {
		t.Error("the nil Memo kept a value")
	}
}

// TestMemoTakesOnlyWhatTheRunBeforeUsed: a value made in a run is taken
// from the next run on, not by the run that made it (asked for twice, it
// is made twice); one the run before did not use is made again, however
// recently it was used before that, and whether or not the values left
// unused were let go yet.
func TestMemoTakesOnlyWhatTheRunBeforeUsed(t *testing.T) {
	made := map[string]int{}
	m := &Memo[string, int]{}
	run := func(keys ...string) {
		defer m.Run()()
		var errs diag.List
		for _, k := range keys {
			m.Get(k, &errs, func() int { made[k]++; return 0 })
		}
	}
	run("a", "a")
	if made["a"] != 2 {
		t.Errorf("asked for twice in the run that made it, a was made %d times; want 2", made["a"])
	}
	run("a", "b", "c", "d", "e") // a taken; b to e made
	run("a", "b", "c")           // taken; d and e unused, not let go yet
	if len(m.kept) != 5 {
		t.Errorf("%d values kept after a run using 3 of 5; want all 5 (fewer unused than used)", len(m.kept))
	}
	run("d") // kept, but unused by the run before: made again
	if want := map[string]int{"a": 2, "b": 1, "c": 1, "d": 2, "e": 1}; !maps.Equal(made, want) {
		t.Errorf("made %v; want %v", made, want)
	}
	if len(m.kept) != 1 {
		t.Errorf("%d values kept after a run using 1 of 5; want only it (more unused than used)", len(m.kept))
	}
}
