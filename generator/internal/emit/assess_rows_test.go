package emit

import (
	"html/template"
	"testing"
)

// templateQuarterRows is what assess/page.html printed of a quarter's
// items, its bonus and the events counted, while the template wrote each
// cell: scoreRows and eventRows must write the same.
const templateQuarterRows = `{{ define "scores" }}
      {{- range .items }}
      <tr>
        <th scope="row">{{ .name }}</th>
        <td class="num">{{ .max }}</td>
        <td class="num">{{ .score }}</td>
        <td class="num">{{ .lost }}</td>
        <td>{{ if .decided }}评定分：{{ .by }}{{ with .basis }}，{{ . }}{{ end }}{{ with .note }}。{{ . }}{{ end }}{{ else if .events }}按计分记录（见下）{{ else }}无扣分记录，得满分{{ end }}{{ if .clamped }}；扣分超过满分的，按 0 分计{{ end }}</td>
      </tr>
      {{- end }}
      <tr>
        <th scope="row">加分</th>
        <td class="num">{{ .bonus.max }}</td>
        <td class="num">{{ .bonus.score }}</td>
        <td></td>
        <td>{{ if .bonus.decided }}评定分：{{ .bonus.by }}{{ else if .bonus.events }}按计分记录（见下）{{ else }}无{{ end }}{{ if .bonus.clamped }}；超过上限的按上限计{{ end }}</td>
      </tr>
{{- end }}
{{- define "events" }}
    {{- $events := slice }}
    {{- range .items }}{{ $name := .name }}{{ range .events }}{{ $events = $events | append (dict "item" $name "e" .) }}{{ end }}{{ end }}
    {{- range .bonus.events }}{{ $events = $events | append (dict "item" "加分" "e" .) }}{{ end }}
      {{- range $events }}
      <tr>
        <td class="date">{{ .e.date }}</td>
        <td>{{ .item }}</td>
        <td>{{ .e.indicator }} <small class="muted">{{ .e.code }}</small></td>
        <td class="num">{{ .e.count }} {{ .e.unit }}</td>
        <td class="num">{{ .e.points }}</td>
        <td>{{ .e.evidence }}</td>
        <td>{{ .e.note }}</td>
      </tr>
      {{- end }}
{{- end }}`

// TestQuarterRowsAreWhatTheTemplateWrote: the rows of a person's
// quarter gongshi writes are byte for byte what the template printed, for
// hostile names, deciders, reasons, indicators and evidence; items
// decided, counted or full, clamped or not, losing points or not; a
// bonus decided, counted or none; with events and without.
func TestQuarterRowsAreWhatTheTemplateWrote(t *testing.T) {
	tmpl := template.Must(template.New("rows").Funcs(hugoFuncs).Parse(templateQuarterRows))
	h := []string{`<script>alert("x")</script>`, "A & B's +1 <b>", "NUL\x00here", "bad \xff\xfe UTF-8", "\ufdd0 \ufffe \u2028 末尾", "&amp; already", `"quoted" 'single'`}
	event := func(k int) assessEvent {
		return assessEvent{Date: "2026-0" + string(rune('1'+k%9)) + "-02", Indicator: h[k%7], Code: h[(k+1)%7], Count: "2", Unit: h[(k+2)%7],
			Points: "-1.5", Evidence: h[(k+3)%7], Note: []string{"", h[(k+4)%7]}[k%2]}
	}
	quarters := []assessQuarter{
		{Items: []assessScore{
			{Name: "出勤", Max: "10", Score: "10"},
			{Name: h[0], Max: "40", Score: "37", Lost: "3", Events: []assessEvent{event(0), event(1)}},
			{Name: h[1], Max: "20", Score: "18", Lost: "2", Decided: true, By: h[2], Basis: h[3], Note: h[4]},
			{Name: "领导交办", Max: "20", Score: "0", Lost: "20", Decided: true, By: "党委会", Clamped: true},
			{Name: h[5], Max: "10", Score: "0", Lost: "10", Events: []assessEvent{event(2)}, Clamped: true},
		}, Bonus: assessScore{Name: "加分", Max: "5", Score: "5", Events: []assessEvent{event(3)}, Clamped: true}},
		{Items: []assessScore{{Name: "出勤", Max: "10", Score: "10"}}, Bonus: assessScore{Max: "5", Score: "2", Decided: true, By: h[6], Basis: h[0], Note: h[1]}},
		{Bonus: assessScore{Max: "5", Score: "0"}},
	}
	for i, q := range quarters {
		// What the template read: the quarter as page data decoded it.
		data := asPageData(t, map[string]any{"items": q.Items, "bonus": q.Bonus})
		for name, got := range map[string]string{"scores": scoreRows(&q), "events": eventRows(&q)} {
			if want := templateWrote(t, tmpl, name, data); got != want {
				t.Errorf("quarter %d, %s:\n%q\nthe template wrote:\n%q", i, name, got, want)
			}
		}
	}
}
