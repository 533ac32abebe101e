package record

import (
	"reflect"
	"slices"
)

// PrivateValues returns every value recorded in a private field anywhere in
// the set (phone numbers, ID-card numbers, home addresses), sorted and
// without duplicates: what must never appear on the site.
func PrivateValues(s *Set) []string {
	var out []string
	var walk func(v reflect.Value, private bool)
	walk = func(v reflect.Value, private bool) {
		switch v.Kind() {
		case reflect.Pointer:
			if !v.IsNil() {
				walk(v.Elem(), private)
			}
		case reflect.Slice:
			for i := range v.Len() {
				walk(v.Index(i), private)
			}
		case reflect.Map:
			for it := v.MapRange(); it.Next(); {
				walk(it.Value(), private)
			}
		case reflect.String:
			if private && v.String() != "" {
				out = append(out, v.String())
			}
		case reflect.Struct:
			t := v.Type()
			if t == nodeType || t == decimalType {
				return
			}
			info := infoOf(t)
			if info.node < 0 && len(info.fields) == 0 {
				// not a record type (the Set itself, a domain's group):
				// walk its exported fields
				for i := range t.NumField() {
					if t.Field(i).IsExported() {
						walk(v.Field(i), private)
					}
				}
				return
			}
			for _, f := range info.fields {
				walk(v.Field(f.index), private || f.private)
			}
		}
	}
	walk(reflect.ValueOf(s).Elem(), false)
	slices.Sort(out)
	return slices.Compact(out)
}
