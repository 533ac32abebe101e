package assess

import (
	"fmt"
	"strings"
	"testing"
)

// noticeErrors computes the fixture with the scheme's notice template
// replaced by one line, text, and returns the mistakes.
func noticeErrors(t *testing.T, text string) string {
	t.Helper()
	i := strings.Index(schemeYAML, "notice: |")
	scheme := fmt.Sprintf(schemeYAML[:i], "allow") + "notice: |\n  " + text + "\n"
	_, errs := compute(t, world{staff: 2, scheme: scheme}.files())
	return errs.Error()
}

// TestNoticeTemplateRunsBounded: a template that would run without end
// or write without end is refused at its line of the scheme's file, in
// bounded time and memory, whatever it uses to do it.
func TestNoticeTemplateRunsBounded(t *testing.T) {
	t.Parallel()
	at := "records/assess/schemes/2026.yaml:2"
	for _, c := range []struct{ name, text, want string }{
		{"until a billion", `{{range until 1000000000}}x{{end}}`, "error calling until: expected at most 1000 numbers, found 1000000000"},
		{"range over a billion", `{{range 1000000000}}{{end}}`, "more than 50000 steps"},
		{"nested until", `{{range until 1000}}{{range until 1000}}{{end}}{{end}}`, "more than 50000 steps"},
		{"nested ranges over one list", `{{$l := until 1000}}{{range $l}}{{range $l}}{{range $l}}{{end}}{{end}}{{end}}`, "more than 50000 steps"},
		{"untilStep", `{{range untilStep 0 1000000000 1}}{{end}}`, "error calling untilStep: expected at most 1000 numbers"},
		{"seq", `{{seq 1000000000}}`, "error calling seq: expected at most 1000 numbers"},
		{"repeat", `{{repeat 1000000000 "x"}}`, "error calling repeat: expected a text of at most 64 KiB"},
		{"indent", `{{indent 100000000 "a"}}`, "error calling indent: expected a text of at most 64 KiB"},
		{"replace an empty string", `{{replace "" "xxxxxxxxxxxxxxxxxxxx" (repeat 60000 "a")}}`, "error calling replace: expected a text of at most 64 KiB"},
		{"a text doubled", `{{$s := "x"}}{{range until 100}}{{$s = cat $s $s}}{{end}}{{$s}}`, "error calling cat: expected a text of at most 64 KiB"},
		{"printf width", `{{printf "%0999999999d" 1}}`, "error calling printf: expected a printf width of at most 1000, found 999999999"},
		{"printf width from an argument", `{{printf "%*d" 1000000000 1}}`, "error calling printf: expected a printf width written as a number, found *"},
		{"much text handled in few steps", `{{$s := repeat 60000 "a"}}{{range until 1000}}{{$_ := upper $s}}{{end}}`, "more than 16 MiB of text handled"},
		{"a long notice", `{{range until 1000}}{{repeat 100 "公"}}{{end}}`, "a notice longer than 64 KiB"},
		{"dicts nested", `{{$d := dict}}{{range until 1000}}{{$d = dict "a" $d}}{{end}}{{toPrettyJson $d}}`, "error calling toPrettyJson: expected a text of at most 64 KiB"},
		{"a dict changed in place", `{{$d := dict}}{{$_ := set $d "k" $d}}{{$d}}`, `function "set" not defined`},
		{"define", `{{define "a"}}{{template "a"}}{{end}}{{template "a"}}`, "{{define}} or {{block}}"},
		{"template", `{{template "公示正文"}}`, "{{template}}: 公示正文中不能调用模板"},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			got := noticeErrors(t, c.text)
			if !strings.HasPrefix(got, at) || !strings.Contains(got, c.want) || strings.Count(got, "\n") > 0 {
				t.Errorf("errors:\n%s\nwant one, at the notice, saying %q", got, c.want)
			}
		})
	}
}

// TestNoticeTemplateOutputIsCheckedLikeRecords: what the template writes
// is published, so a number put together from pieces, or a control
// character, is refused as if written in a record.
func TestNoticeTemplateOutputIsCheckedLikeRecords(t *testing.T) {
	t.Parallel()
	for _, c := range []struct{ text, want string }{
		{`{{print "139" "0745"}}{{"11"}}{{"22"}}`, "records/assess/schemes/2026.yaml:26:9: expected no mobile number in the notice the template writes, which is published, found one; 公示正文不得写手机号，如确需写明，写作 139****1122"},
		{`{{printf "43012219900101%s" "1094"}}`, "records/assess/schemes/2026.yaml:26:9: expected no ID-card number in the notice the template writes, which is published, found one; 公示正文不得写身份证号，如确需写明，写作 43*************094"},
		{`{{printf "%c" 27}}[31m`, "records/assess/schemes/2026.yaml:26:9: expected a notice the template writes in visible text, found a control character U+001B; 请删去模板中写出这个字符的部分"},
		{`{{printf "%c" 0x202e}}`, "records/assess/schemes/2026.yaml:26:9: expected a notice the template writes in visible text, found a bidi control U+202E, which reorders the text around it; 请删去模板中写出这个字符的部分"},
	} {
		if got := noticeErrors(t, c.text); got != c.want {
			t.Errorf("template %s:\n%s\nwant:\n%s", c.text, got, c.want)
		}
	}
	// The office's phone, which the template takes from the records, is
	// no personal information.
	if got := noticeErrors(t, `电话{{.受理电话}}`); got != "" {
		t.Errorf("template with the office phone: %s; want no mistake", got)
	}
}
