package emit

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html/template"
	"strings"
	"testing"

	"github.com/klauspost/compress/s2"
)

// templateCells is what notice/assess.html printed of a row of a
// quarter's notice after the person's name while the template wrote
// each cell: assessCells must write the same.
const templateCells = `{{- $p := .p }}{{ $r := .r }}
      <td class="posts" data-label="岗位">{{ $r.posts }}</td>
      {{- range $j, $c := $r.scores }}
      <td class="num" data-label="{{ (index $p.columns $j).name }}">{{ $c }}</td>
      {{- end }}
      <td class="num" data-label="基础分">{{ $r.base }}</td>
      <td class="num" data-label="加分">{{ $r.bonus }}</td>
      <td class="num" data-label="总分">{{ $r.total }}</td>
      <td class="result" data-label="结果（{{ $p.pass_on }}≥{{ $p.pass_mark }}合格）">{{ if $r.qualified }}合格{{ else }}<strong>不合格</strong>{{ end }}{{ if lt $r.months 3 }}<br><small>计{{ $r.months }}个月</small>{{ end }}</td>
      <td class="num pay" data-label="绩效工资（元）">{{ $r.pay }}{{ with $r.due }}<br><small>应发 {{ . }}</small>{{ end }}</td>`

// TestAssessCellsAreWhatTheTemplateWrote: the cells gongshi writes are
// byte for byte what the template printed, for hostile posts, column
// names, scores and pay, qualified or not, a full quarter or part of one,
// pay scaled or not.
func TestAssessCellsAreWhatTheTemplateWrote(t *testing.T) {
	tmpl := template.Must(template.New("cells").Funcs(hugoFuncs).Parse(templateCells))
	hostile := []string{`<script>alert("x")</script>`, "A & B's +1 <b>", "NUL\x00here", "bad \xff\xfe UTF-8", "\ufdd0 \ufffe \u2028 末尾", "&amp; already", `"quoted" 'single'`, ""}
	cols := []assessColumn{{Code: "a", Name: "出勤"}, {Code: "b", Name: hostile[0]}, {Code: "c", Name: hostile[1]}}
	for i, r := range []assessRow{
		{Posts: "党政办主任、安全员", Scores: []string{"18.5", "20", "-1"}, Base: "100", Bonus: "2", Total: "97.50", Qualified: true, Months: 3, Pay: "1,500.00"},
		{Posts: hostile[2], Scores: []string{hostile[3], hostile[4], hostile[5]}, Base: hostile[6], Bonus: hostile[7], Total: hostile[1], Months: 2, Pay: hostile[0], Due: hostile[6]},
		{Posts: "", Scores: nil, Qualified: false, Months: 0, Pay: "0.00", Due: "1,234.56"},
		{Posts: "会计", Scores: []string{"1", "2"}, Qualified: true, Months: 1, Pay: "+3"},
	} {
		for _, pass := range [][2]string{{"总分", "60"}, {hostile[6], hostile[2]}} {
			// What the template read: the notice as page data decoded it.
			want := templateWrote(t, tmpl, "", asPageData(t, map[string]any{"p": assessNotice{Columns: cols, PassOn: pass[0], PassMark: pass[1]}, "r": r}))
			if got := "\n      " + assessCells(&r, cols, pass[0], pass[1]); got != want {
				t.Errorf("row %d, pass %v: assessCells:\n%q\nthe template wrote:\n%q", i, pass, got, want)
			}
		}
	}
}

// TestNoticeCellsAreWrittenForThePagesRendered: the rows of a quarter's
// notice are in the data of every page that prints them — the notice and
// each of its versions — as the template prints them, each row's own
// cells, the rest of the params as they were; and not in the pages the
// versions pass emits, compares and keeps (Versioned), which would carry
// them for every earlier commit.
func TestNoticeCellsAreWrittenForThePagesRendered(t *testing.T) {
	in := synthInput(t)
	w := pages(in, nil, nil)
	if w.err != nil {
		t.Fatal(w.err)
	}
	var notices []string
	for i := range w.pages {
		p := &w.pages[i]
		if p.Front.Cells != assessTable {
			continue
		}
		notices = append(notices, p.Path)
		n := p.Front.Params.(assessNotice)
		_, data, err := encodePage(p, map[string]*commitInfo{}, "")
		if err != nil {
			t.Fatal(err)
		}
		var got struct {
			Rows []renderedRow `json:"rows"`
		}
		if err := json.Unmarshal(data, &got); err != nil {
			t.Fatal(err)
		}
		if len(got.Rows) == 0 || len(got.Rows) != len(n.Rows) {
			t.Fatalf("%s: %d rows written of %d", p.Path, len(got.Rows), len(n.Rows))
		}
		for j, r := range n.Rows {
			g := got.Rows[j]
			if g.Person.Name != r.Person.Name || g.Person.Path != r.Person.Path || g.Qualified != r.Qualified ||
				string(g.Cells) != assessCells(&n.Rows[j], n.Columns, n.PassOn, n.PassMark) {
				t.Errorf("%s: row %d is not %s's: %+v", p.Path, j, r.Person.Name, g)
			}
		}
		// The params as JSON — packed for the site's own page, kept
		// between builds — give the same data.
		raw, err := encode(n)
		if err != nil {
			t.Fatal(err)
		}
		for _, params := range []any{json.RawMessage(raw), packedParams(s2.EncodeBetter(nil, raw))} {
			q := *p
			q.Front.Params = params
			if _, d, err := encodePage(&q, map[string]*commitInfo{}, ""); err != nil || !bytes.Equal(d, data) {
				t.Errorf("%s: params as %T give other data (%v):\n%.300s\nwant\n%.300s", p.Path, params, err, d, data)
			}
		}
		// The rest of the params, as they were.
		var want, rest map[string]any
		if json.Unmarshal(raw, &want) != nil || json.Unmarshal(data, &rest) != nil {
			t.Fatal("params do not decode")
		}
		delete(want, "rows")
		delete(rest, "rows")
		if a, b := fmt.Sprint(want), fmt.Sprint(rest); a != b {
			t.Errorf("%s: the params besides the rows changed:\n%s\nwant\n%s", p.Path, b, a)
		}
	}
	if len(notices) == 0 {
		t.Fatal("no quarter's notice has its rows written")
	}
	got, err := Versioned(in, notices)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range got {
		b, err := EncodePage(p)
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(b, []byte(`<td class=\"posts\"`)) {
			t.Errorf("%s: the page the versions pass keeps carries its cells", p.Path)
		}
		kept, err := DecodePage(b)
		if err != nil {
			t.Fatal(err)
		}
		if kept.Front.Cells != assessTable {
			t.Errorf("%s: kept, the page no longer says its rows are to be written", p.Path)
		}
	}

	files, _ := historySite(t, "testdata/history.txtar")
	rendered := 0
	for path, b := range files {
		if !strings.HasPrefix(path, DataDir+"/notices/assess-") && !strings.HasPrefix(path, DataDir+"/versions/assess-") ||
			strings.Contains(path, "/compare-") {
			continue
		}
		var d struct {
			Rows []map[string]any `json:"rows"`
		}
		if err := json.Unmarshal(b, &d); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		rendered++
		if len(d.Rows) == 0 {
			t.Errorf("%s: no rows", path)
		}
		for i, r := range d.Rows {
			if c, _ := r["cells"].(string); !strings.HasPrefix(c, `<td class="posts"`) || r["scores"] != nil {
				t.Errorf("%s: row %d is not written as the template prints it: %v", path, i, r)
			}
		}
	}
	if rendered < 4 { // the notice and its three versions
		t.Errorf("%d pages of a quarter's notice have their data; want the notice and its versions", rendered)
	}
}
