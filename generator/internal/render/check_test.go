package render

import (
	"maps"
	"strings"
	"testing"
)

func TestRandomFunctionsInLayoutsAreRefusedAtTheirPosition(t *testing.T) {
	for _, tc := range []struct {
		name, layout string
		want         string // "" for none
	}{
		{"shuffle", "<ul>\n{{ range shuffle .Pages }}<li>{{ .Title }}</li>{{ end }}</ul>", `layouts/x.html:2:10: expected no random function in a template (a site is the same on every build of its commit), found "shuffle"`},
		{"collections.Shuffle", `{{ collections.Shuffle (slice 1 2 3) }}`, `layouts/x.html:1:4: expected no random function in a template (a site is the same on every build of its commit), found "collections.Shuffle"`},
		{"math.Rand", `{{ if gt math.Rand 0.5 }}a{{ end }}`, `layouts/x.html:1:10: expected no random function in a template (a site is the same on every build of its commit), found "math.Rand"`},
		{"namespace in a variable", `{{ $m := math }}{{ $m.Rand }}`, `layouts/x.html:1:20: expected no random function in a template (a site is the same on every build of its commit), found "$m.Rand"`},
		{"in a define", `{{ define "main" }}{{ with .Pages }}{{ range . | shuffle }}{{ end }}{{ end }}{{ end }}`, `found "shuffle"`},
		{"field of a page named Rand is refused too", `{{ .Params.Rand }}`, `layouts/x.html:1:4: expected no random function in a template (a site is the same on every build of its commit), found ".Params.Rand"`},
		{"ordinary template", `{{ range .Pages }}{{ .Title | upper }} {{ math.Add 1 2 }}{{ end }}`, ""},
		{"the word in text", `<p>shuffle Rand</p>`, ""},
		{"unparseable: left to Hugo", `{{ range }`, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := Check("layouts/x.html", []byte(tc.layout)).Error()
			switch {
			case tc.want == "" && got != "":
				t.Errorf("Check(%q) = %q; want nothing", tc.layout, got)
			case tc.want != "" && !strings.Contains(got, tc.want):
				t.Errorf("Check(%q) = %q; want %q", tc.layout, got, tc.want)
			}
		})
	}
}

func TestCheckOfTheConfigIsCheckSettings(t *testing.T) {
	got := Check("hugo.toml", []byte("title = \"x\"\n[security]\nenableInlineShortcodes = true\n")).Error()
	if !strings.Contains(got, "hugo.toml:2:2: expected no [security] section") {
		t.Errorf("Check(hugo.toml) = %q", got)
	}
	if got := Check("content/about.md", []byte("{{ shuffle }}")); len(got) > 0 {
		t.Errorf("Check of a content file = %v; want nothing (content is not a template)", got)
	}
}

func TestCheckInPlace(t *testing.T) {
	theirs := map[string][]byte{ // what gongshi ships
		"layouts/baseof.html":            []byte("<main>\n{{ template \"_partials/banner.html\" . }}\n{{ $d := partial \"data.html\" . }}</main>"),
		"layouts/_partials/banner.html":  []byte(`<p class="banner">{{ .Title }}</p>`),
		"layouts/_partials/data.html":    []byte(`{{ return .Params }}`),
		"layouts/_partials/footer.html":  []byte(`<footer></footer>`),
		"layouts/_partials/unused.html":  []byte(`{{ return 1 }}`),
		"content/about.md":               []byte(`{{ template "_partials/data.html" . }}`), // not a template
		"layouts/_partials/broken.html":  []byte(`{{ range }`),
		"layouts/_partials/partial.html": []byte(`{{ partial "data.html" . }}`),
	}
	for _, tc := range []struct {
		name string
		own  map[string]string
		want string
	}{
		{"gongshi's own layouts", nil, ""},
		{"a partial executed in place replaced by one that returns",
			map[string]string{"layouts/_partials/banner.html": "{{- $t := .Title -}}\n  {{ return $t }}"},
			`layouts/_partials/banner.html:2:6: expected a partial that prints its output, found return: layouts/baseof.html executes "_partials/banner.html" in place (template, layouts/baseof.html:2:13)`},
		{"a layout of its own executing a partial that returns in place",
			map[string]string{"layouts/home.html": "<p>\n{{ template \"_partials/data.html\" . }}</p>"},
			`layouts/home.html:2:13: expected a partial that prints its output, found "_partials/data.html", which returns a value (layouts/_partials/data.html:1:4): call it with partial`},
		{"a partial that returns, called with partial", map[string]string{"layouts/_partials/footer.html": "{{ return 1 }}"}, ""},
		{"the caller replaced as well", map[string]string{
			"layouts/_partials/banner.html": "{{ return .Title }}",
			"layouts/baseof.html":           `<main>{{ partial "banner.html" . }}</main>`,
		}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			layouts := maps.Clone(theirs)
			own := map[string]bool{}
			for p, text := range tc.own {
				layouts[p] = []byte(text)
				own[p] = true
			}
			got := CheckInPlace(layouts, own).Error()
			switch {
			case tc.want == "" && got != "":
				t.Errorf("CheckInPlace = %q; want nothing", got)
			case tc.want != "" && !strings.HasPrefix(got, tc.want):
				t.Errorf("CheckInPlace = %q; want %q", got, tc.want)
			}
		})
	}
}
