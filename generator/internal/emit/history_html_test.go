package emit

import (
	"fmt"
	"html"
	"html/template"
	"strings"
	"testing"
)

// templateBody is what history.html printed of an entry's body while its
// template wrote it (before entryBody): entryBody must write the same.
const templateBody = `{{- $e := . }}
      {{- with .effects }}
      <p class="effects-head">对公示结果的影响：</p>
      <ul class="effects">
        {{- range . }}<li>{{ . }}</li>{{ end }}
      </ul>
      {{- end }}
      {{- with .changes }}
      {{- /* A change said as its effect on the notice shows the effect;
             the changes of the records are the detail, folded. */}}
      {{- $shown := 6 }}{{ if $e.effects }}{{ $shown = 0 }}{{ end }}
      {{- if gt $shown 0 }}
      <ul class="fieldchanges">
        {{- range first $shown . }}<li>{{ . }}</li>{{ end }}
      </ul>
      {{- end }}
      {{- if gt (len .) $shown }}
      <details class="more-changes">
        <summary>{{ if $shown }}其余 {{ sub (len .) $shown }} 项改动{{ else }}记录中的改动（{{ len . }} 项）{{ end }}</summary>
        <ul class="fieldchanges">
          {{- range after $shown . }}<li>{{ . }}</li>{{ end }}
        </ul>
      </details>
      {{- end }}
      {{- end }}
      {{- with .incomplete }}<p class="warn">提交中有记录文件格式有误（{{ delimit . "、" }}），以上改动可能不完整。</p>{{ end }}`

// manyChanges returns n changes, each different.
func manyChanges(n int) []string {
	var out []string
	for i := range n {
		out = append(out, fmt.Sprintf("项目%d · 得分填写为%d", i+1, 90+i))
	}
	return out
}

func TestEntryBodyIsWhatTheTemplateWrote(t *testing.T) {
	tmpl := template.Must(template.New("body").Funcs(hugoFuncs).Parse(templateBody))
	hostile := []string{
		`<script>alert("x")</script>`, "A & B's +1 <b>", "NUL\x00here", "bad \xff\xfe UTF-8", "\ufdd0 \ufffe \u2028 末尾",
		"&amp; already", `"quoted" 'single'`,
	}
	for _, c := range []struct {
		name string
		pc   pageChange
	}{
		{"nothing", pageChange{}},
		{"one change", pageChange{Changes: manyChanges(1)}},
		{"as many as shown", pageChange{Changes: manyChanges(changesShown)}},
		{"one more than shown", pageChange{Changes: manyChanges(changesShown + 1)}},
		{"many", pageChange{Changes: manyChanges(40)}},
		{"effects and changes", pageChange{Effects: []string{"张三 · 总分 由 90.00 改为 91.50"}, Changes: manyChanges(3)}},
		{"effects alone", pageChange{Effects: []string{"a", "b"}}},
		{"unreadable files", pageChange{Changes: manyChanges(2), Incomplete: []string{"records/people/a.yaml", "records/people/b c.yaml"}}},
		{"unreadable files alone", pageChange{Incomplete: []string{"records/x.yaml"}}},
		{"hostile changes", pageChange{Changes: hostile}},
		{"hostile effects", pageChange{Effects: hostile, Changes: hostile[:2], Incomplete: hostile[:3]}},
		// More is what a commit's page leaves out; a page's history lists
		// every change it has.
		{"more", pageChange{Changes: manyChanges(2), More: 5}},
	} {
		t.Run(c.name, func(t *testing.T) {
			// What the template read: the entry as page data decoded it.
			want := templateWrote(t, tmpl, "", asPageData(t, c.pc))
			if got := entryBody(&c.pc); got != want {
				t.Errorf("entryBody:\n%q\nthe template wrote:\n%q", got, want)
			}
		})
	}
}

// bodyFields reads an entry's body back into the lists it was written
// from, for the tests that compare a page's history with what they
// expect: its effects, its changes (those shown and those folded) and
// the files that could not be read.
func bodyFields(t *testing.T, body string) (effects, changes, incomplete []string) {
	t.Helper()
	items := func(list string) []string {
		var out []string
		for _, li := range strings.Split(list, "<li>")[1:] {
			s, ok := strings.CutSuffix(strings.TrimRight(li, " \n"), "</li>")
			if !ok {
				t.Fatalf("list item %q of body %q", li, body)
			}
			out = append(out, html.UnescapeString(s))
		}
		return out
	}
	rest := body
	if before, after, ok := strings.Cut(rest, `<p class="warn">提交中有记录文件格式有误（`); ok {
		files, _, _ := strings.Cut(after, "），以上改动可能不完整。</p>")
		incomplete = strings.Split(html.UnescapeString(files), "、")
		rest = before
	}
	for {
		_, after, ok := strings.Cut(rest, "<ul class=\"")
		if !ok {
			break
		}
		class, list, _ := strings.Cut(after, "\">")
		list, rest, _ = strings.Cut(list, "</ul>")
		switch class {
		case "effects":
			effects = append(effects, items(list)...)
		case "fieldchanges":
			changes = append(changes, items(list)...)
		default:
			t.Fatalf("a list of class %q in body %q", class, body)
		}
	}
	return effects, changes, incomplete
}

func TestBodyFieldsReadsWhatEntryBodyWrote(t *testing.T) {
	pc := pageChange{Effects: []string{"a+b", "<c>"}, Changes: []string{"1", "2 & 3"}, Incomplete: []string{"x.yaml", "y's.yaml"}}
	effects, changes, incomplete := bodyFields(t, entryBody(&pc))
	if fmt.Sprint(effects, changes, incomplete) != fmt.Sprint(pc.Effects, pc.Changes, pc.Incomplete) {
		t.Errorf("read %q %q %q; want %q %q %q", effects, changes, incomplete, pc.Effects, pc.Changes, pc.Incomplete)
	}
	pc = pageChange{Changes: manyChanges(9)}
	if _, changes, _ := bodyFields(t, entryBody(&pc)); fmt.Sprint(changes) != fmt.Sprint(pc.Changes) {
		t.Errorf("read %q; want %q", changes, pc.Changes)
	}
}
