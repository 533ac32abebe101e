{{- /* The search index of the whole site, one entry a page: title, path
       relative to the site's root, section, summary and keywords (the
       names a page is also found by, space-separated). A script, so that
       the search works on a copy opened from disk. Pages that copy
       another (an A3 placard) are left out. */ -}}
{{- /* The entries are collected in a scratch map by their place, not with
       append: append copies the list it appends to, and a county's
       13,000 entries were copied 13,000 times (1.5 GB). */ -}}
{{- $root := (urls.Parse site.BaseURL).Path -}}
{{- $entries := newScratch -}}
{{- range $i, $p := where site.Pages "Kind" "in" (slice "page" "section") -}}
{{- if not .Params.nosearch -}}
  {{- $section := "" -}}
  {{- with .Parent }}{{ if not .IsHome }}{{ $section = .Title }}{{ end }}{{ end -}}
  {{- $entries.SetInMap "e" (printf "%09d" $i) (dict
      "t" .Title
      "u" (strings.TrimPrefix $root .RelPermalink)
      "s" $section
      "d" (.Description | plainify | htmlUnescape)
      "k" (delimit (.Keywords | default slice) " ")
  ) -}}
{{- end -}}
{{- end -}}
window.GONGSHI_SEARCH = {{ $entries.GetSortedMapValues "e" | default slice | jsonify | safeJS }};
