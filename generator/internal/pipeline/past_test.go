package pipeline

import (
	"reflect"
	"testing"

	"gongshi/generator/internal/emit"
	"gongshi/generator/internal/record"
	"gongshi/generator/internal/record/recordtest"
	"gongshi/generator/internal/repo"
	"gongshi/generator/internal/synth"
)

// TestEveryResultOfAStageIsTakenFromTheCommitBefore: a stage reused by
// the versions pass gives the next commit every field of Records it
// fills (copyResults), or that commit's pages would be made without it.
func TestEveryResultOfAStageIsTakenFromTheCommitBefore(t *testing.T) {
	t.Parallel()
	files, set := recordtest.Synthetic(t, synth.Township)
	snap := &repo.Snapshot{AsOf: record.Date{Year: 2026, Month: 11, Day: 20}, Records: files}
	r := &Records{Snapshot: snap, Set: set}
	for _, sg := range stages {
		before := *r
		sg.run(r)
		after := *r
		bv, av := reflect.ValueOf(&before).Elem(), reflect.ValueOf(&after).Elem()
		var got Records
		copyResults(sg.name, &got, r)
		gv := reflect.ValueOf(&got).Elem()
		for i := range av.NumField() {
			name := av.Type().Field(i).Name
			// index is the records indexed, made by whichever stage
			// reads them first: of the commit's Set, not a result.
			if name == "Snapshot" || name == "Set" || name == "index" {
				continue
			}
			filled := !bv.Field(i).IsZero() || !av.Field(i).IsZero()
			changed := bv.Field(i).IsZero() != av.Field(i).IsZero()
			if changed && gv.Field(i).IsZero() {
				t.Errorf("stage %s fills Records.%s, which copyResults leaves out", sg.name, name)
			}
			if !changed && filled && !gv.Field(i).IsZero() {
				t.Errorf("copyResults gives Records.%s with stage %s, which does not fill it", name, sg.name)
			}
		}
	}
}

// TestRunsCostAlike: the commits are split into runs of consecutive
// commits, in order, each commit in one run, the runs about equal in
// the record files their commits hold, never more runs than asked for.
func TestRunsCostAlike(t *testing.T) {
	for _, tc := range []struct {
		name    string
		weights []int
		n       int
		want    [][]int // the indices of each run
	}{
		{"none", nil, 2, nil},
		{"one run", []int{5, 5, 5}, 1, [][]int{{0, 1, 2}}},
		{"even", []int{9, 9, 9, 9}, 2, [][]int{{0, 1}, {2, 3}}},
		// Later commits hold more: the first run takes more of them.
		{"growing", []int{1, 2, 3, 4, 10, 20}, 2, [][]int{{0, 1, 2, 3, 4}, {5}}},
		{"more runs than commits", []int{3, 3}, 4, [][]int{{0}, {1}}},
		{"no records", []int{0, 0, 0, 0}, 2, [][]int{{0, 1}, {2, 3}}},
		{"three", []int{1, 1, 1, 1, 1, 1, 1, 1, 1}, 3, [][]int{{0, 1, 2}, {3, 4, 5}, {6, 7, 8}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			todo := make([]int, len(tc.weights))
			for i := range todo {
				todo[i] = i
			}
			got := splitRuns(todo, tc.weights, tc.n)
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("splitRuns(%v, %d) = %v, want %v", tc.weights, tc.n, got, tc.want)
			}
		})
	}
}

// TestPlacardsOnlyWhenNothingElseReadsSafety: the versions pass computes
// of safety only what placards are made from when the pages asked for
// need nothing else of it, and no stage that runs reads its results (the
// figures, which a commit with summaries checks).
func TestPlacardsOnlyWhenNothingElseReadsSafety(t *testing.T) {
	placards := emit.NeedsOf([]string{"content/safety/placards/a4/x.md", "content/safety/placards/a3/x.md"})
	letters := emit.NeedsOf([]string{"content/letters/2025-x.md"})
	both := emit.NeedsOf([]string{"content/safety/placards/a4/x.md", "content/letters/2025-x.md"})
	object := emit.NeedsOf([]string{"content/safety/placards/a4/x.md", "content/safety/objects/x.md"})
	figures := emit.NeedsOf([]string{"content/safety/placards/a4/x.md", "content/figures/2025/safety.md"})
	for _, c := range []struct {
		name string
		n    emit.Needs
		need map[string]bool
		want bool
	}{
		{"placards", placards, map[string]bool{"safety-check": true, "safety": true}, true},
		{"placards and letters", both, map[string]bool{"safety": true, "targets": true, "roles": true}, true},
		{"placards, summaries checked", placards, map[string]bool{"safety": true, "figures": true}, false},
		{"placards and an object's page", object, map[string]bool{"safety": true}, false},
		{"placards and figures", figures, map[string]bool{"safety": true}, false},
		{"letters", letters, map[string]bool{"targets": true}, false},
	} {
		if got := placardsOnly(c.n, c.need); got != c.want {
			t.Errorf("%s: placardsOnly = %v; want %v", c.name, got, c.want)
		}
	}
}

// TestSafetyKeyNamesThePlacardsAskedFor: the safety stage computed for
// the placards of some objects is taken by the next commit only when it
// asks for the placards of the same objects: those of others were not
// worked out (safety.Index.PlacardsOf).
func TestSafetyKeyNamesThePlacardsAskedFor(t *testing.T) {
	var safety stage
	for _, sg := range stages {
		if sg.name == "safety" {
			safety = sg
		}
	}
	key := func(placards bool, ids ...string) string {
		return safety.variant(&Records{placards: placards, placardsOf: ids})
	}
	keys := map[string]string{
		"everything":    key(false),
		"x":             key(true, "x"),
		"y":             key(true, "y"),
		"x and y":       key(true, "x", "y"),
		"xy":            key(true, "xy"),
		"an id all":     key(true, "all"),
		"an id of none": key(true, ""),
	}
	seen := map[string]string{}
	for name, k := range keys {
		if other, dup := seen[k]; dup {
			t.Errorf("%s and %s have the same key %q", name, other, k)
		}
		seen[k] = name
	}
	if key(true, "x", "y") != key(true, "x", "y") {
		t.Error("the same placards asked for twice have different keys")
	}
}
