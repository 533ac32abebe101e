package emit

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html/template"
	"strings"
	"testing"
)

// The differential tests compare what gongshi writes of a table's rows
// (writeText, assessCells, hazardCells, scoreRows, eventRows, entryBody)
// with what the template that printed them wrote, executed by Go's
// html/template — the escaping Hugo's templates run — on the page's data
// as Hugo decoded it.

// hugoFuncs are the functions of Hugo's that those templates call, as
// Hugo has them.
var hugoFuncs = template.FuncMap{
	"dict": func(kv ...any) map[string]any {
		m := map[string]any{}
		for i := 0; i+1 < len(kv); i += 2 {
			m[kv[i].(string)] = kv[i+1]
		}
		return m
	},
	"slice":  func() []any { return nil },
	"append": func(e any, l []any) []any { return append(l, e) },
	"first":  func(n int, l []any) []any { return l[:min(n, len(l))] },
	"after":  func(n int, l []any) []any { return l[min(n, len(l)):] },
	"sub":    func(a, b int) int { return a - b },
	// Hugo's delimit gives a string, which the template escapes.
	"delimit": func(l []any, sep string) string {
		s := make([]string, len(l))
		for i, v := range l {
			s[i] = fmt.Sprint(v)
		}
		return strings.Join(s, sep)
	},
	// Hugo's lt compares a number decoded from JSON (float64) with an
	// int.
	"lt": func(a float64, b int) bool { return a < float64(b) },
}

// asPageData is v as a page's template reads it: encoded to JSON and
// decoded, as Hugo decodes a page's data.
func asPageData(t *testing.T, v any) map[string]any {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var data map[string]any
	if err := json.Unmarshal(b, &data); err != nil {
		t.Fatal(err)
	}
	return data
}

// templateWrote is what the template name of tmpl ("" for tmpl itself)
// writes of data.
func templateWrote(t *testing.T, tmpl *template.Template, name string, data any) string {
	t.Helper()
	if name == "" {
		name = tmpl.Name()
	}
	var out bytes.Buffer
	if err := tmpl.ExecuteTemplate(&out, name, data); err != nil {
		t.Fatal(err)
	}
	return out.String()
}
