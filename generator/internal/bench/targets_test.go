package bench

import (
	"strings"
	"testing"
)

func stat(x float64) Stat { return newStat([]float64{x}) }

// measured is a run of make bench that meets every target: a township
// and a county of 20 townships, and a growth series between them.
func measured() *Result {
	township := Scale{Name: "township", Townships: 1,
		Cold: Build{Total: stat(2)},
	}
	county := Scale{Name: "county", Townships: 20,
		GitLog: stat(1.2), Walk: stat(1.0),
		Cold:                Build{Total: stat(38), PeakRSS: 1 << 30, Notes: map[string]int{"pages": 13000, "history_walked": 5000}},
		Warm:                Build{Total: stat(30), Notes: map[string]int{"pages": 13000, "history_walked": 1}},
		CI:                  Build{Total: stat(33), Notes: map[string]int{"pages": 13000, "history_walked": 1}},
		Bare:                stat(10.5),
		BareDiscardNoBudget: stat(10),
		BareNoBudget:        stat(11),
		Trivial:             stat(2),
		TrivialDisk:         stat(4),
	}
	county.ratios()
	return &Result{
		Scales: []Scale{township, county},
		Growth: []Point{
			{Scale: "township", Townships: 1, FirstPerPage: 2.9},
			{Scale: "7townships", Townships: 7, FirstPerPage: 3.0},
			{Scale: "county", Townships: 20, FirstPerPage: 3.2},
		},
	}
}

func TestTargetsJudgeEachMeasureOfTheRun(t *testing.T) {
	tests := []struct {
		name   string
		change func(r *Result)
		missed string // the target missed; "" for none
		value  float64
	}{
		{"every target met", func(r *Result) {}, "", 0},
		{"first build over 40 s", func(r *Result) {
			r.Scales[0].Cold.Total = stat(3)
			r.Scales[1].Cold.Total = stat(41)
		}, "first build, wall", 41},
		{"first build over 1.2 × 20 × the township's", func(r *Result) {
			r.Scales[0].Cold.Total = stat(1)
			r.Scales[1].Cold.Total = stat(25)
		}, "first build, wall", 25},
		{"first build over 1.2 GiB", func(r *Result) { r.Scales[1].Cold.PeakRSS = 13 << 30 / 10 }, "first build, peak RSS", 13 << 30 / 10},
		{"first build lifted the memory budget", func(r *Result) { r.Scales[1].Cold.Notes["memory_budget_lifted"] = 1 }, "first build, peak RSS", 1 << 30},
		{"first build time per page spread over 25 %", func(r *Result) { r.Growth[2].FirstPerPage = 7.4 }, "first build time per page, 1 → 20 townships", (7.4 - 13.3/3) / (13.3 / 3)},
		{"gongshi's templates over 6× trivial ones", func(r *Result) {
			r.Scales[1].BareNoBudget = stat(19.5)
			r.Scales[1].ratios()
		}, "after one commit, gongshi's templates ÷ trivial ones (same project, into memory, no budget)", 9.75},
		{"memory budget adds over 10 %", func(r *Result) {
			r.Scales[1].Bare = stat(12)
			r.Scales[1].ratios()
		}, "render time added by the default memory budget (pages dropped as written)", 0.2},
		{"CI build slower than the build after one commit", func(r *Result) {
			r.Scales[1].CI.Total = stat(45)
			r.Scales[1].ratios()
		}, "CI build from a fresh clone, cache restored", 1.5},
		{"CI build did not reuse the cache restored", func(r *Result) { r.Scales[1].CI.Notes["history_walked"] = 5000 }, "CI build from a fresh clone, cache restored", 1.1},
		{"history walk slower than git log", func(r *Result) {
			r.Scales[1].Walk = stat(1.5)
			r.Scales[1].ratios()
		}, "history walk ÷ git log --name-only -- records/", 1.25},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := measured()
			tt.change(r)
			ts := Targets(r)
			if len(ts) != 7 {
				t.Fatalf("Targets gave %d targets; want 7: %+v", len(ts), ts)
			}
			for _, g := range ts {
				if g.Measure == tt.missed {
					if g.Met {
						t.Errorf("%s: %s met; want missed: %+v", tt.name, g.Measure, g)
					}
					if d := g.Value - tt.value; d > 1e-9*tt.value || d < -1e-9*tt.value {
						t.Errorf("%s: value %v; want %v", g.Measure, g.Value, tt.value)
					}
				} else if !g.Met {
					t.Errorf("%s: %s missed; want met: %+v", tt.name, g.Measure, g)
				}
				if g.Now == "" || g.Want == "" || g.Limit == 0 {
					t.Errorf("%s: %s has no now, target or limit: %+v", tt.name, g.Measure, g)
				}
			}
		})
	}
}

func TestTargetsOnTheCountyAloneLeaveOutWhatNeedsTheTownship(t *testing.T) {
	r := measured()
	r.Scales, r.Growth = r.Scales[1:], nil
	ts := Targets(r)
	if len(ts) != 6 {
		t.Fatalf("Targets gave %d targets; want 6 (no time per page across sizes): %+v", len(ts), ts)
	}
	if first := ts[0]; first.Limit != maxFirstBuild || strings.Contains(first.Want, "×") {
		t.Errorf("first build target without a township: %+v; want ≤ 40 s alone", first)
	}
	for _, g := range ts {
		if g.Scale != "county" {
			t.Errorf("%s judged on %q; want the county", g.Measure, g.Scale)
		}
	}
}

func TestTargetsWithNothingMeasuredAreNone(t *testing.T) {
	if ts := Targets(&Result{}); ts != nil {
		t.Errorf("Targets of an empty run = %+v; want none", ts)
	}
}

// TestAnOlderResultWithoutTheNewFieldsPrints: bench/baseline.json was
// written before the CI build, trivial templates and targets were
// measured; the comparison with it must still print.
func TestAnOlderResultWithoutTheNewFieldsPrints(t *testing.T) {
	old := Load("../../../bench/baseline.json")
	if old == nil {
		t.Fatal("bench/baseline.json does not load")
	}
	r := measured()
	r.Scales[1].Head = old.Scales[len(old.Scales)-1].Head
	r.Scales[1].Warm.Phases = []PhaseStat{{Name: "render", Wall: stat(20)}}
	r.Targets = Targets(r)
	var b strings.Builder
	Print(&b, r, old)
	for _, want := range []string{"targets (issue 19)", "| history walk ÷ git log --name-only -- records/ | county | 0.83× | ≤ 1.0× | met |"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("Print wrote:\n%s\nwant it to hold %q", b.String(), want)
		}
	}
}
