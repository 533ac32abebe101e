package emit

import (
	"bytes"
	"encoding/json"
	"html/template"
	"strings"
	"testing"

	"gongshi/generator/internal/figures"
)

// TestRecordRowsAreWhatTheTemplateWrote: the rows gongshi writes, made
// links as figures/records.html makes them (figures/anchor.html), are
// byte for byte what the template wrote of each record, hostile labels
// and details too, in runs of records that link the same page, another,
// none, or a page that does not exist.
func TestRecordRowsAreWhatTheTemplateWrote(t *testing.T) {
	// urls are the pages that exist, as Hugo links them.
	urls := map[string]string{"/safety/hazards": "/safety/hazards.html", "/safety/objects/a&b": "/safety/objects/a&amp;b+1.html?x=\"y\""}
	anchor := template.Must(template.New("anchor").Parse(`<a href="{{ . }}">`))
	hostile := []string{`<script>alert("x")</script>`, "A & B's +1 <b>", "NUL\x00here", "bad \xff\xfe UTF-8", "\ufdd0 \ufffe \u2028 末尾", "&amp; already", `"quoted" 'single'`, "</a><a>", ""}
	e := &figuresEmitter{}
	var refs []figures.Ref
	for i, h := range hostile {
		// Hazards link 隐患排查治理台账, objects their own pages (one that
		// does not exist), a record of no kind links nothing.
		for _, kind := range []string{kindHazard, kindHazard, kindObject, "", kindHazard, kindObject, kindObject} {
			id := []string{"a&b", "gone"}[i%2]
			refs = append(refs, figures.Ref{Kind: kind, ID: id, Label: h + kind, Detail: hostile[len(hostile)-1-i]})
		}
	}
	// What the template read: the rows as page data decoded them.
	var rows []map[string]any
	for _, ref := range refs {
		rows = append(rows, asPageData(t, map[string]string{"label": ref.Label, "detail": ref.Detail, "path": e.refPath(ref)}))
	}
	tmpl := template.Must(template.New("rows").Funcs(template.FuncMap{"url": func(p string) string { return urls[p] }}).
		Parse(`{{- range . }}{{ $t := .label }}
    <tr><th scope="row">{{ with and .path (url .path) }}<a href="{{ . }}">{{ $t }}</a>{{ else }}{{ $t }}{{ end }}</th><td data-label="说明">{{ .detail }}</td></tr>
    {{- end }}`))
	want := templateWrote(t, tmpl, "", rows)
	var got strings.Builder
	runs := e.recordRuns(refs)
	for i, r := range runs {
		if i > 0 && r.Path == runs[i-1].Path {
			t.Errorf("runs %d and %d both link %q: want one run", i-1, i, r.Path)
		}
		// A run's html went through page data too.
		b, _ := json.Marshal(r)
		var back recordRun
		if err := json.Unmarshal(b, &back); err != nil {
			t.Fatal(err)
		}
		switch u := urls[back.Path]; {
		case back.Path == "":
			got.WriteString(string(back.HTML))
		case u == "":
			got.WriteString(strings.ReplaceAll(strings.ReplaceAll(string(back.HTML), "<a>", ""), "</a>", ""))
		default:
			var a bytes.Buffer
			if err := anchor.Execute(&a, u); err != nil {
				t.Fatal(err)
			}
			got.WriteString(strings.ReplaceAll(string(back.HTML), "<a>", a.String()))
		}
	}
	if got.String() != want {
		t.Errorf("rows written:\n%q\nthe template wrote:\n%q", got.String(), want)
	}
	if n := len(runs); n < 3*len(hostile) || n >= len(refs) {
		t.Errorf("%d runs of %d records; want runs of several", n, len(refs))
	}
}
