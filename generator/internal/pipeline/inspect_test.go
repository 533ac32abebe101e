package pipeline_test

import (
	"errors"
	"strings"
	"testing"

	"gongshi/generator/internal/inspect"
	"gongshi/generator/internal/pipeline"
	"gongshi/generator/internal/sample"
)

// TestSelfCheckFindsWhatFailsAGovernmentSite: the small township, seven
// months after its last notice, gains a dock named with its kind twice
// and no safety agreement: the build's self-check finds one blank
// section, the stale notices and the repeated kind, one warning each, and
// with Strict refuses to build.
func TestSelfCheckFindsWhatFailsAGovernmentSite(t *testing.T) {
	t.Parallel()
	g, _ := sample.Township(t)
	g.At("2026-11-20T10:00:00+08:00", "朝天镇党政办 <dzb@chaotian.example>")
	g.Write("records/safety/categories.yaml", []byte(`categories:
  - id: dock
    name: 码头
    roles:
      - name: 码头负责人
`))
	g.Write("records/safety/objects/docks.yaml", []byte(`objects:
  - id: lao-matou
    name: 老码头码头
    category: dock
    unit: zhengfu
    location: 河街
    roles:
      码头负责人: {person: wang-jianjun}
`))
	g.Commit("录入码头")

	s, err := pipeline.Build(pipeline.Options{Source: pipeline.Source{Dir: g.Dir}, NoCache: true})
	if err != nil {
		t.Fatal(err)
	}
	renderSite(t, s) // the links: none broken
	var got []string
	for _, w := range s.Findings {
		got = append(got, w.Error())
	}
	want := []string{
		`records/assess/2026-Q1.yaml:4:9: expected a notice in the section "公示公告" published on or after 2026-05-20, 6 months before 2026-11-20, found the newest published on 2026-04-08`,
		`records/safety/agreements/: expected something in the section "安全生产责任书" (safety/agreements/index.html), found nothing`,
		`records/safety/objects/docks.yaml:3:11: expected a name that says its kind 码头 once, found "老码头码头"`,
	}
	if len(got) != len(want) {
		t.Fatalf("the self-check found %d:\n%s\nwant one warning each for the stale notices, the repeated kind and the blank section", len(got), strings.Join(got, "\n"))
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("warning %d reads\n%s\nwant\n%s…", i, got[i], want[i])
		}
	}

	// Strict: the same three, before anything is rendered.
	_, err = pipeline.Build(pipeline.Options{Source: pipeline.Source{Dir: g.Dir}, NoCache: true, Strict: true})
	var failed *inspect.Failed
	if !errors.As(err, &failed) || len(failed.List) != len(want) {
		t.Fatalf("a strict build: %v; want it refused for the %d findings", err, len(want))
	}
}

// TestSelfCheckOfTheSampleFindsNothing: the sample township's site, built
// as the tests share it, passes its own inspection.
func TestSelfCheckOfTheSampleFindsNothing(t *testing.T) {
	t.Parallel()
	g, _ := sample.HistoryRepo(t)
	s, err := pipeline.Build(pipeline.Options{Source: pipeline.Source{Dir: g.Dir}, NoCache: true, Strict: true})
	if err != nil {
		t.Fatal(err)
	}
	renderSite(t, s)
	if len(s.Findings) > 0 {
		t.Errorf("the sample's self-check found:\n%s", s.Findings.Error())
	}
}
