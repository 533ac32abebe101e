{{- /* The search index of the whole site, one entry a page: title, path
       relative to the site's root, section, summary and keywords (the
       names a page is also found by, space-separated). A script, so that
       the search works on a copy opened from disk. Pages that copy
       another (an A3 placard) are left out. */ -}}
{{- $root := (urls.Parse site.BaseURL).Path -}}
{{- $entries := slice -}}
{{- range where site.Pages "Kind" "in" (slice "page" "section") -}}
{{- if not .Params.nosearch -}}
  {{- $section := "" -}}
  {{- with .Parent }}{{ if not .IsHome }}{{ $section = .Title }}{{ end }}{{ end -}}
  {{- $entries = $entries | append (dict
      "t" .Title
      "u" (strings.TrimPrefix $root .RelPermalink)
      "s" $section
      "d" (.Description | plainify | htmlUnescape)
      "k" (delimit (.Keywords | default slice) " ")
  ) -}}
{{- end -}}
{{- end -}}
window.GONGSHI_SEARCH = {{ $entries | jsonify | safeJS }};
