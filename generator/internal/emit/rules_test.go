package emit

import (
	"encoding/json"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"gongshi/generator/internal/assess"
	"gongshi/generator/internal/calendar"
	"gongshi/generator/internal/record"
	"gongshi/generator/internal/safety"
	"gongshi/generator/internal/targets"
)

// noticeRules emits the records of an archive, changed by replacing each
// key of edits with its value, and returns the rules block each notice
// prints, by notice path.
func noticeRules(t *testing.T, archive string, edits map[string]string) map[string][]rule {
	t.Helper()
	a, err := txtar.ParseFile(archive)
	if err != nil {
		t.Fatal(err)
	}
	var files []record.File
	for _, f := range a.Files {
		data := string(f.Data)
		for old, new := range edits {
			data = strings.ReplaceAll(data, old, new)
		}
		files = append(files, record.File{Path: f.Name, Data: []byte(data)})
	}
	set, errs := record.Decode(files)
	cal, more := calendar.New(set.Calendars)
	errs.Append(more)
	as, more := assess.Compute(set, cal)
	errs.Append(more)
	tr, more := targets.Compute(set, cal, as, safety.Compute(set, build.AsOf))
	errs.Append(more)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	out, err := emitFiles(Input{Set: set, Calendar: cal, Assess: as, Targets: tr, Build: build})
	if err != nil {
		t.Fatal(err)
	}
	// What each notice prints is what the domain says of the scheme it
	// was computed under.
	want := map[string][]rule{}
	for _, r := range as {
		want["/notices/"+r.Notice.ID] = assessRules(r.Scheme)
	}
	for _, y := range tr.Years {
		if y.Final {
			want["/notices/"+y.Notice.ID] = targetRules(targets.Rules(y.Scheme))
		}
	}
	for _, g := range tr.Grades {
		want["/notices/"+g.Notice.ID] = targetRules(g.Rules())
	}
	got := map[string][]rule{}
	for _, f := range out {
		if !strings.HasPrefix(f.Path, DataDir+"/notices/") || strings.HasSuffix(f.Path, "_index.json") {
			continue
		}
		var d struct {
			Rules []rule `json:"rules"`
		}
		if err := json.Unmarshal(f.Data, &d); err != nil {
			t.Fatal(err)
		}
		path := "/notices/" + strings.TrimSuffix(strings.TrimPrefix(f.Path, DataDir+"/notices/"), ".json")
		got[path] = d.Rules
		if len(d.Rules) == 0 || !equalRules(d.Rules, want[path]) {
			t.Errorf("%s prints the rules %v; want its scheme's %v", path, d.Rules, want[path])
		}
	}
	if len(got) != len(want) {
		t.Errorf("%d notices print rules; want %d (%v)", len(got), len(want), want)
	}
	return got
}

func equalRules(a, b []rule) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// TestNoticeRulesAreMadeFromTheScheme: every notice prints the rules of
// the scheme it was computed under, and a change of the scheme — the
// rounding, the count day, a grade band, the 优秀 quota — changes what it
// prints.
func TestNoticeRulesAreMadeFromTheScheme(t *testing.T) {
	before := noticeRules(t, "testdata/targets.txtar", nil)
	after := noticeRules(t, "testdata/targets.txtar", map[string]string{
		"pass_mark: 80\n":           "pass_mark: 80\ncount_day: 10\nrounding: down\n",
		"  - {name: 优秀, min: 90}\n": "  - {name: 优秀, min: 92}\n",
		"  quota: 34\n":             "  quota: 40\n",
	})
	tests := []struct {
		notice, rule, was, now string
	}{
		{"/notices/assess-2025-q1", "计入月份", "每月15日", "每月10日"},
		{"/notices/assess-2025-q4", "绩效工资", "四舍五入到分", "分以下舍去"},
		{"/notices/assess-2025-q4", "人均", "四舍五入到分", "分以下舍去"},
		{"/notices/targets-2025", "等次", "优秀（90分及以上）", "优秀（92分及以上）"},
		{"/notices/grades-2025", "优秀名额", "34%", "40%"},
	}
	for _, tt := range tests {
		b, a := ruleNamed(before[tt.notice], tt.rule), ruleNamed(after[tt.notice], tt.rule)
		if !strings.Contains(b, tt.was) || !strings.Contains(a, tt.now) || strings.Contains(a, tt.was) {
			t.Errorf("%s %s: %q, then %q once the scheme changed; want %q, then %q", tt.notice, tt.rule, b, a, tt.was, tt.now)
		}
	}
}
