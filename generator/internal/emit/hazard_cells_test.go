package emit

import (
	"html/template"
	"testing"
)

// templateHazardRow is what safety/hazard-table.html printed of a
// hazard's row, with safety/status.html, while the template wrote each
// cell: hazardCells must write the same, but for the object's cell.
const templateHazardRow = `{{ define "status" }}<span class="tag tag-{{ .slug }}">{{ .text }}</span>
{{- if eq .slug "overdue" }}<br><small>逾期 {{ .overdue }} 天</small>
{{- else if and (eq .slug "open") .left }}<br><small>剩 {{ .left }} 天</small>
{{- else if and .done .overdue }}<br><small>逾期 {{ .overdue }} 天完成</small>
{{- end -}}{{ end }}
{{- with .r }}
  <tr class="row-{{ .status }}">
    <th scope="row">{{ .description }} <small class="muted">{{ .id }}</small>
      {{- with .measures }}<br><small class="measures">措施：{{ . }}</small>{{ end }}
      {{- with .notices }}<br><small class="muted">督办：{{ delimit . "、" }}</small>{{ end }}</th>
    {{- if $.object }}<td data-label="所在对象">OBJECT</td>{{ end }}
    <td class="nowrap" data-label="等级">{{ if eq .level "重大" }}<strong>重大</strong>{{ else }}{{ .level }}{{ end }}</td>
    <td class="date" data-label="发现">{{ .found }}</td>
    <td class="date" data-label="整改期限">{{ .deadline }}</td>
    <td data-label="状态">{{ template "status" (dict "slug" .status "text" .status_text "overdue" .overdue "left" .left "done" (eq .status "rectified" "verified")) }}</td>
    <td class="date" data-label="整改完成">{{ .rectified }}</td>
    <td class="date" data-label="复查销号">{{ .reinspected }}{{ with .inspector }}<br><small class="muted">{{ . }}</small>{{ end }}</td>
  </tr>
{{- end }}`

// TestHazardCellsAreWhatTheTemplateWrote: the row gongshi writes is byte
// for byte what the template printed, with and without the object's
// column, for hostile descriptions, measures, notices and names, in
// every state, overdue or not, with days left or not.
func TestHazardCellsAreWhatTheTemplateWrote(t *testing.T) {
	tmpl := template.Must(template.New("row").Funcs(hugoFuncs).Parse(templateHazardRow))
	hostile := []string{`<script>alert("x")</script>`, "A & B's +1 <b>", "NUL\x00here", "bad \xff\xfe UTF-8", "\ufdd0 \ufffe \u2028 末尾", "&amp; already", `"quoted" 'single'`}
	var rows []hazardRow
	for i, st := range []struct{ slug, text string }{{"overdue", "逾期未整改"}, {"open", "限期整改中"}, {"rectified", "已整改"}, {"verified", "已复查销号"}, {hostile[0], hostile[1]}} {
		for j, days := range [][2]int{{0, 0}, {12, 0}, {0, 3}, {73000, 1}} {
			h := func(k int) string { return hostile[(i+j+k)%len(hostile)] }
			r := hazardRow{ID: "YH-" + h(0), Level: []string{"重大", "一般", h(1)}[(i+j)%3], Description: h(2), Found: "2026-03-01", Deadline: h(3),
				Status: st.slug, StatusText: st.text, Overdue: days[0], Left: days[1]}
			if j%2 == 0 {
				r.Measures, r.Notices, r.Rectified, r.Reinspected, r.Inspector = h(4), []string{"督〔2026〕1号", h(5)}, "2026-04-01", h(6), h(1)
			}
			rows = append(rows, r)
		}
	}
	for i, r := range rows {
		// What the template read: the row as page data decoded it, with
		// the fields that are no longer in it.
		data := asPageData(t, dataRow{ID: r.ID, Level: r.Level, Description: r.Description, Measures: r.Measures,
			Found: r.Found, Deadline: r.Deadline, Rectified: r.Rectified, Reinspected: r.Reinspected, Inspector: r.Inspector,
			Status: r.Status, StatusText: r.StatusText, Overdue: r.Overdue, Left: r.Left, Notices: r.Notices})
		head, tail := hazardCells(&r)
		for _, object := range []bool{true, false} {
			want := templateWrote(t, tmpl, "", map[string]any{"r": data, "object": object})
			got := "\n  " + head + tail
			if object {
				got = "\n  " + head + `<td data-label="所在对象">OBJECT</td>` + tail
			}
			if got != want {
				t.Errorf("row %d, object %v: hazardCells:\n%q\nthe template wrote:\n%q", i, object, got, want)
			}
		}
	}
}

// dataRow is a hazard's row as the page's data held it while the
// template wrote each cell.
type dataRow struct {
	ID          string   `json:"id"`
	Level       string   `json:"level"`
	Description string   `json:"description"`
	Measures    string   `json:"measures,omitempty"`
	Found       string   `json:"found"`
	Deadline    string   `json:"deadline"`
	Rectified   string   `json:"rectified,omitempty"`
	Reinspected string   `json:"reinspected,omitempty"`
	Inspector   string   `json:"inspector,omitempty"`
	Status      string   `json:"status"`
	StatusText  string   `json:"status_text"`
	Overdue     int      `json:"overdue,omitempty"`
	Left        int      `json:"left,omitempty"`
	Notices     []string `json:"notices,omitempty"`
}
