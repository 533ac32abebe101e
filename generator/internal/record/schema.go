package record

import (
	"bytes"
	"encoding/json"
	"reflect"
)

// Schema returns the JSON Schema (draft-07, which editors' YAML extensions
// understand) of a kind's files, built from the same struct tags as the
// decoder. What a schema cannot say — references between files, unique
// ids, date order, the ID-card check character — only the decoder checks.
func Schema(k Kind) []byte {
	info := newStructInfo(k.Type)
	root := object{
		"$schema":     "http://json-schema.org/draft-07/schema#",
		"$id":         "https://gongshi.example/schema/" + k.Name + ".json",
		"title":       k.Title + "（" + Dir + "/" + k.Pattern + "）",
		"description": info.doc,
	}
	if k.List == "" {
		for key, v := range structSchema(info) {
			root[key] = v
		}
	} else {
		root["type"] = "object"
		root["additionalProperties"] = false
		root["required"] = []string{k.List}
		root["properties"] = object{k.List: object{
			"type":  "array",
			"title": k.Title,
			"items": structSchema(info),
		}}
	}
	var buf bytes.Buffer
	e := json.NewEncoder(&buf)
	e.SetEscapeHTML(false)
	e.SetIndent("", "  ")
	if err := e.Encode(root); err != nil {
		panic(err) // only maps, strings and numbers: cannot fail
	}
	return buf.Bytes()
}

type object = map[string]any

func structSchema(info *structInfo) object {
	props := object{}
	var required []string
	for _, f := range info.fields {
		s := fieldSchema(f.typ, f)
		desc := f.title
		if f.doc != "" {
			desc += "：" + f.doc
		}
		if f.private {
			desc += "（仅作档案，不公开）"
		}
		s["description"] = desc
		if f.required {
			required = append(required, f.name)
		} else {
			s = nullable(s)
		}
		props[f.name] = s
	}
	o := object{"type": "object", "additionalProperties": false, "properties": props}
	if info.title != "" {
		o["title"] = info.title
	}
	if len(required) > 0 {
		o["required"] = required
	}
	return o
}

// nullable lets an optional field be left empty ("to:"), which the decoder
// reads as absent.
func nullable(s object) object {
	if t, ok := s["type"].(string); ok {
		s["type"] = []string{t, "null"}
		if e, ok := s["enum"].([]string); ok {
			s["enum"] = append(append([]any{}, anySlice(e)...), nil)
		}
		return s
	}
	return object{"description": s["description"], "anyOf": []any{object{"type": "null"}, s}}
}

func anySlice(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}

func fieldSchema(t reflect.Type, f *fieldInfo) object {
	switch t {
	case reflect.TypeFor[Date]():
		return object{"type": "string", "format": "date", "pattern": `^\d{4}-\d{2}-\d{2}$`}
	case reflect.TypeFor[Month]():
		return object{"type": "string", "pattern": `^\d{4}-(0[1-9]|1[0-2])$`}
	case reflect.TypeFor[Quarter]():
		return object{"type": "string", "pattern": `^\d{4}-Q[1-4]$`}
	case reflect.TypeFor[IDNumber]():
		return object{"type": "string", "pattern": `^\d{17}[\dX]$`}
	case reflect.TypeFor[ICPNumber]():
		return object{"type": "string", "pattern": icpPattern.String()}
	case reflect.TypeFor[PoliceNumber]():
		return object{"type": "string", "pattern": policePattern.String()}
	case reflect.TypeFor[SiteCode]():
		return object{"type": "string", "pattern": siteCodePattern.String()}
	case reflect.TypeFor[Template]():
		return object{"type": "string", "minLength": 1}
	case decimalType:
		return withBounds(object{"type": "number"}, f)
	}
	switch t.Kind() {
	case reflect.Pointer:
		return fieldSchema(t.Elem(), f)
	case reflect.String:
		s := object{"type": "string", "minLength": 1}
		if len(f.enum) > 0 {
			s["enum"] = f.enum
		}
		// The decoder's rules for text, as patterns: one line without
		// leading or trailing spaces; a name without any space.
		var pats []string
		if f.pattern != nil {
			pats = append(pats, f.pattern.String())
		}
		switch {
		case f.person:
			pats = append(pats, `^\S+$`)
		case !f.text && len(f.enum) == 0:
			pats = append(pats, `^\S(?:[^\n\r]*\S)?$`)
		}
		switch len(pats) {
		case 1:
			s["pattern"] = pats[0]
		case 2:
			s["allOf"] = []any{object{"pattern": pats[0]}, object{"pattern": pats[1]}}
		}
		return s
	case reflect.Int:
		return withBounds(object{"type": "integer"}, f)
	case reflect.Bool:
		return object{"type": "boolean"}
	case reflect.Slice:
		return object{"type": "array", "items": fieldSchema(t.Elem(), f.elem())}
	case reflect.Map:
		return object{"type": "object", "additionalProperties": fieldSchema(t.Elem(), f.elem())}
	case reflect.Struct:
		return structSchema(newStructInfo(t))
	}
	panic("record: no schema for " + t.String())
}

func withBounds(s object, f *fieldInfo) object {
	if f == nil {
		return s
	}
	if f.min != nil {
		s["minimum"] = json.Number(f.min.String())
	}
	if f.max != nil {
		s["maximum"] = json.Number(f.max.String())
	}
	return s
}
