package render

import (
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
