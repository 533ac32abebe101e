package record

import (
	"embed"
	"reflect"
)

// KindDoc documents one kind of record file, from the same struct tags the
// decoder and the JSON Schema use, so the three cannot drift apart.
type KindDoc struct {
	Name    string     `json:"name"`
	Title   string     `json:"title"`
	Path    string     `json:"path"` // where the files live, e.g. records/people/*.yaml
	List    string     `json:"list,omitempty"`
	Doc     string     `json:"doc,omitempty"`
	Fields  []FieldDoc `json:"fields"`
	Example string     `json:"example"`
}

// FieldDoc documents one field.
type FieldDoc struct {
	Name     string     `json:"name"`
	Title    string     `json:"title"`
	Type     string     `json:"type"`
	Doc      string     `json:"doc,omitempty"`
	Required bool       `json:"required,omitempty"`
	Private  bool       `json:"private,omitempty"`
	Enum     []string   `json:"enum,omitempty"`
	Fields   []FieldDoc `json:"fields,omitempty"` // of a nested record or list of records
}

//go:embed examples/*.yaml
var examples embed.FS

// Example is the sample file shown for a kind on the reference page; a
// test decodes every example.
func Example(kind string) string {
	b, err := examples.ReadFile("examples/" + kind + ".yaml")
	if err != nil {
		return ""
	}
	return string(b)
}

// Reference documents every kind of record file.
func Reference() []KindDoc {
	var docs []KindDoc
	for _, k := range Kinds() {
		info := newStructInfo(k.Type)
		docs = append(docs, KindDoc{
			Name: k.Name, Title: k.Title, Path: Dir + "/" + k.Pattern, List: k.List,
			Doc: info.doc, Fields: fieldDocs(info), Example: Example(k.Name),
		})
	}
	return docs
}

func fieldDocs(info *structInfo) []FieldDoc {
	var fs []FieldDoc
	for _, f := range info.fields {
		d := FieldDoc{Name: f.name, Title: f.title, Doc: f.doc, Required: f.required, Private: f.private, Enum: f.enum, Type: typeName(f)}
		if t := structOf(f.typ); t != nil {
			d.Fields = fieldDocs(newStructInfo(t))
		}
		fs = append(fs, d)
	}
	return fs
}

// structOf returns the record struct a field holds, directly or in a list
// or map, or nil for scalars.
func structOf(t reflect.Type) reflect.Type {
	for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice || t.Kind() == reflect.Map {
		t = t.Elem()
	}
	if t.Kind() == reflect.Struct && t != decimalType && !isScalarType(t) {
		return t
	}
	return nil
}

func isScalarType(t reflect.Type) bool {
	return reflect.PointerTo(t).Implements(reflect.TypeFor[scalarDecoder]())
}

// typeName says in the clerk's words what a field holds.
func typeName(f *fieldInfo) string {
	return describeType(f.typ, f)
}

func describeType(t reflect.Type, f *fieldInfo) string {
	switch t {
	case reflect.TypeFor[Date]():
		return "日期（2026-03-05）"
	case reflect.TypeFor[Month]():
		return "月份（2026-03）"
	case reflect.TypeFor[Quarter]():
		return "季度（2026-Q1）"
	case reflect.TypeFor[IDNumber]():
		return "身份证号（18位，加引号）"
	case reflect.TypeFor[Template]():
		return "文字（可多行，可插入数字）"
	case decimalType:
		return "数字" + bounds(f)
	}
	switch t.Kind() {
	case reflect.Pointer:
		return describeType(t.Elem(), f)
	case reflect.String:
		switch {
		case f.ref != "":
			return "编号（" + refTitle(f.ref) + "）"
		case len(f.enum) > 0:
			return "选项"
		case f.text:
			return "文字（可多行）"
		}
		return "文字"
	case reflect.Int:
		return "整数" + bounds(f)
	case reflect.Bool:
		return "true 或 false"
	case reflect.Slice:
		if structOf(t) != nil {
			return "列表（每项见下）"
		}
		return "列表：" + describeType(t.Elem(), f)
	case reflect.Map:
		return "对照表：名称 → " + describeType(t.Elem(), f)
	case reflect.Struct:
		return "见下"
	}
	return t.String()
}

func bounds(f *fieldInfo) string {
	switch {
	case f.min != nil && f.max != nil:
		return "，" + f.min.String() + "—" + f.max.String()
	case f.min != nil:
		return "，不小于 " + f.min.String()
	case f.max != nil:
		return "，不大于 " + f.max.String()
	}
	return ""
}

// refTitle names the kind an id refers to, in Chinese.
func refTitle(kind string) string {
	for _, k := range Kinds() {
		if t := recordTypeOfKind(k.Type, kind); t != "" {
			return t
		}
	}
	return kind
}

func recordTypeOfKind(t reflect.Type, kind string) string {
	info := newStructInfo(t)
	if info.kind == kind {
		return info.title
	}
	for _, f := range info.fields {
		if st := structOf(f.typ); st != nil {
			if s := recordTypeOfKind(st, kind); s != "" {
				return s
			}
		}
	}
	return ""
}
