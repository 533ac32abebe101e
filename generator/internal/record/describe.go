package record

import (
	"encoding"
	"fmt"
	"path"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"

	"gongshi/generator/internal/diag"
)

// This file describes what changed between two versions of a record in
// the words of the site, for change histories: records are matched by kind
// and id, named by their label field, fields by their titles; references
// are shown by the referenced record's label; private fields never appear.

// Key identifies a record across versions: its kind (the kind tag of its
// type, e.g. "person") and its id. A kind whose records have no id (the
// township, a year's calendar) holds one record per file: its ID is the
// file's path.
type Key struct {
	Kind string
	ID   string
}

// Entry is one record of a file, ready to be compared with another version
// of itself.
type Entry struct {
	Key   Key
	Title string // the kind's title: 人员
	Label string // the record's label: 张三
	value reflect.Value
	info  *structInfo
}

// Labels returns the label of the record a reference names, if known.
type Labels func(Key) (string, bool)

// ReadFile decodes one record file on its own, without the checks that
// need the other files (references, unique ids), and returns its records
// in file order with the mistakes found. A file of no known kind has none.
func ReadFile(f File) ([]Entry, diag.List) {
	k, ok := KindOf(f.Path)
	if !ok || !IsRecordFile(f.Path) {
		return nil, nil
	}
	return readFile(f, k)
}

func readFile(f File, k Kind) ([]Entry, diag.List) {
	var errs diag.List
	var refs []ref
	d := &decoder{file: f.Path, errs: &errs, refs: &refs, ids: func(string, string, diag.Pos) {}}
	body := d.parseFile(f.Data)
	if body == nil {
		return nil, errs
	}
	var got reflect.Value
	capture := k
	capture.add = func(_ *Set, v reflect.Value) { got = v }
	capture.decodeInto(d, body, &Set{})
	if !got.IsValid() {
		return nil, errs
	}
	return fileEntries(f.Path, k, got, d), errs
}

// fileEntries lists the records of a decoded file.
func fileEntries(path string, k Kind, got reflect.Value, d *decoder) []Entry {
	var out []Entry
	add := func(v reflect.Value) {
		info := infoOf(v.Type())
		e := Entry{Title: info.title, value: v, info: info}
		e.Key.Kind = info.kind
		if e.Key.Kind == "" {
			e.Key.Kind = k.Name
		}
		if info.id != nil {
			e.Key.ID = v.Field(info.id.index).String()
		} else {
			e.Key.ID = path
		}
		e.Label = recordLabel(v, info, e.Key)
		out = append(out, e)
	}
	if got.Kind() == reflect.Slice {
		for i := range got.Len() {
			add(got.Index(i))
		}
	} else {
		add(got)
	}
	return out
}

// RecordKind is the kind tag of the kind's record type ("person" for the
// people files): the namespace its ids live in and ref tags name.
func (k Kind) RecordKind() string {
	if kind := newStructInfo(k.Type).kind; kind != "" {
		return kind
	}
	return k.Name
}

func recordLabel(v reflect.Value, info *structInfo, key Key) string {
	if info.label != nil {
		if s := labelText(v.Field(info.label.index)); s != "" {
			return s
		}
	}
	if info.id != nil {
		return key.ID
	}
	return strings.TrimSuffix(path.Base(key.ID), path.Ext(key.ID))
}

// labelText is a label field's value as the site prints it: a quarter as
// 2026年第一季度, a date as 2026年3月1日.
func labelText(v reflect.Value) string {
	if c, ok := v.Interface().(interface{ Chinese() string }); ok && !v.IsZero() {
		return c.Chinese()
	}
	return fmt.Sprint(v.Interface())
}

// Code is a nested record that other records cite by its code (an
// indicator of a scheme, K01), with its label (无故缺勤).
type Code struct {
	Kind  string // the nested record's kind: assess-indicator
	Code  string
	Label string
}

// Codes returns the codes the entry defines in its nested records, in
// file order: what change notes show a cited code by.
func (e *Entry) Codes() []Code {
	var out []Code
	var walk func(v reflect.Value)
	walk = func(v reflect.Value) {
		switch v.Kind() {
		case reflect.Pointer:
			if !v.IsNil() {
				walk(v.Elem())
			}
		case reflect.Slice:
			for i := range v.Len() {
				walk(v.Index(i))
			}
		case reflect.Struct:
			t := v.Type()
			if t == nodeType || t == decimalType || isScalarType(t) {
				return
			}
			info := infoOf(t)
			if info.code != nil && info.kind != "" {
				if c := v.Field(info.code.index).String(); c != "" {
					label := c
					if info.label != nil {
						if l := labelText(v.Field(info.label.index)); l != "" {
							label = l
						}
					}
					out = append(out, Code{Kind: info.kind, Code: c, Label: label})
				}
			}
			for _, f := range info.fields {
				if published(f) && structOf(f.typ) != nil {
					walk(v.Field(f.index))
				}
			}
		}
	}
	walk(e.value)
	return out
}

// CitedKinds are the kinds of the nested records a kind's files define
// codes of (assess-indicator for the assessment schemes).
func (k Kind) CitedKinds() []string {
	var out []string
	seen := map[reflect.Type]bool{}
	var walk func(t reflect.Type)
	walk = func(t reflect.Type) {
		if seen[t] {
			return
		}
		seen[t] = true
		info := infoOf(t)
		if info.code != nil && info.kind != "" && !slices.Contains(out, info.kind) {
			out = append(out, info.kind)
		}
		for _, f := range info.fields {
			if st := structOf(f.typ); st != nil {
				walk(st)
			}
		}
	}
	walk(k.Type)
	return out
}

// Op is what a change did.
type Op int

const (
	Changed Op = iota
	Added
	Removed
)

// Change is one published difference between two versions of a record.
type Change struct {
	Op    Op
	Key   Key
	Title string // the kind's title: 人员
	Label string // the record's label (the new version's, unless removed)
	// Path leads from the record to what changed: titles of fields and
	// labels of list items, e.g. ["任职", "副镇长", "免职日期"]. It is empty
	// when the whole record was added or removed; for an added or removed
	// list item it ends at the list.
	Path []string
	// Old and New are the values as the site shows them; "" when absent.
	// For an added or removed list item, the item in a few words.
	Old, New string
	// Items are the keys of the list items Path passes through, outermost
	// first, as the records write them (the person id of a score sheet,
	// not the name shown): a page about one item of a record can tell its
	// changes from the others'. An added or removed item ends with its own.
	Items []string
	// Public says the values are public by nature, whatever they look
	// like: an office's phone or an organisation's address (fields marked
	// "office" and "address"), old values included.
	Public bool
}

// None is how an absent value is shown.
const None = "（无）"

// String says the change in one line, in the words of the site:
// "张三 · 出勤由9改为10".
func (c Change) String() string {
	switch {
	case len(c.Path) == 0 && c.Op == Added:
		return "新增" + c.Title + "：" + c.Label
	case len(c.Path) == 0 && c.Op == Removed:
		return "删去" + c.Title + "：" + c.Label
	}
	return strings.Join(append([]string{c.Label}, c.Path...), " · ") + c.Words()
}

// Words says what happened to the value Path leads to, without saying
// where: "由9改为10", "填写为0", "：新增王五（出勤 10）".
func (c Change) Words() string {
	switch {
	case len(c.Path) == 0 && c.Op == Added:
		return "：新增" + c.Title
	case len(c.Path) == 0 && c.Op == Removed:
		return "：删去" + c.Title
	case c.Op == Added:
		return "：新增" + c.New
	case c.Op == Removed:
		return "：删去" + c.Old
	case c.Old == "":
		return "填写为" + c.New
	case c.New == "":
		return "删去（原为" + c.Old + "）"
	}
	return "由" + c.Old + "改为" + c.New
}

// Compare returns the published differences from old to new, two versions
// of the same record, in field order. A nil old means the record was
// added, a nil new that it was removed. Old references are shown with the
// labels of the old version's commit, new ones with the new's.
func Compare(old, new *Entry, oldLabels, newLabels Labels) []Change {
	switch {
	case old == nil && new == nil:
		return nil
	case old == nil:
		return []Change{{Op: Added, Key: new.Key, Title: new.Title, Label: new.label(newLabels)}}
	case new == nil:
		return []Change{{Op: Removed, Key: old.Key, Title: old.Title, Label: old.label(oldLabels)}}
	}
	c := &comparer{oldLabels: oldLabels, newLabels: newLabels, base: Change{Key: new.Key, Title: new.Title, Label: new.label(newLabels)}}
	c.structs(old.value, new.value, nil)
	return c.out
}

// label is the entry's label; a label field that is a reference (a sheet
// of one person) shows the referenced record's label.
func (e *Entry) label(labels Labels) string {
	if f := e.info.label; f != nil && f.ref != "" && labels != nil {
		if l, ok := labels(Key{f.ref, e.Label}); ok && l != "" {
			return l
		}
	}
	return e.Label
}

type comparer struct {
	oldLabels, newLabels Labels
	base                 Change
	out                  []Change
	keys                 []string // keys of the list items being compared
}

func (c *comparer) add(op Op, where []string, old, new string) {
	ch := c.base
	ch.Op, ch.Path, ch.Old, ch.New = op, slices.Clone(where), old, new
	ch.Items = slices.Clone(c.keys)
	c.out = append(c.out, ch)
}

// within runs f with the list item key pushed.
func (c *comparer) within(key string, f func()) {
	c.keys = append(c.keys, key)
	f()
	c.keys = c.keys[:len(c.keys)-1]
}

var idNumberType = reflect.TypeFor[IDNumber]()

// published reports whether a field may appear on the site at all.
func published(f *fieldInfo) bool {
	return !f.private && f.typ != idNumberType && !(f.typ.Kind() == reflect.Pointer && f.typ.Elem() == idNumberType)
}

// structs compares two record structs (of the same type) field by field.
func (c *comparer) structs(a, b reflect.Value, where []string) {
	info := infoOf(b.Type())
	for _, f := range info.fields {
		if !published(f) {
			continue
		}
		c.field(f, present(a, info, f), present(b, info, f), append(where, f.title))
	}
}

// present returns the field's value, or an invalid Value when the record
// does not have the field written.
func present(v reflect.Value, info *structInfo, f *fieldInfo) reflect.Value {
	if !v.IsValid() {
		return reflect.Value{}
	}
	fv := v.Field(f.index)
	if info.node >= 0 {
		if n := v.Field(info.node).Interface().(Node); n.fields != nil {
			if !n.Has(f.name) {
				return reflect.Value{}
			}
			return fv
		}
	}
	if fv.IsZero() {
		return reflect.Value{}
	}
	return fv
}

func (c *comparer) field(f *fieldInfo, a, b reflect.Value, where []string) {
	t := f.typ
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
		a, b = deref(a), deref(b)
	}
	switch {
	case isScalar(t):
		// Shown (their labels looked up, which reads a commit's labels)
		// only when they differ: most fields of a record compared did
		// not change.
		if scalarKey(f, a) != scalarKey(f, b) {
			c.add(Changed, where, c.scalarText(f, a, c.oldLabels), c.scalarText(f, b, c.newLabels))
			c.out[len(c.out)-1].Public = f.address || f.office
		}
	case t.Kind() == reflect.Struct:
		if !a.IsValid() || !b.IsValid() {
			if sa, sb := c.summary(a, c.oldLabels), c.summary(b, c.newLabels); sa != sb {
				c.add(Changed, where, sa, sb)
			}
			return
		}
		c.structs(a, b, where)
	case t.Kind() == reflect.Slice && isScalar(deepElem(t.Elem())):
		if canonicalList(a) != canonicalList(b) {
			c.add(Changed, where, c.list(f, a, c.oldLabels), c.list(f, b, c.newLabels))
		}
	case t.Kind() == reflect.Slice:
		c.items(f, a, b, where)
	case t.Kind() == reflect.Map:
		c.maps(f, a, b, where)
	}
}

// scalarKey is a scalar field's value as compared, and scalarText as a
// citizen reads it. A field left out stands for its default: "2 → 1", not
// "2 → （无）".
func scalarKey(f *fieldInfo, v reflect.Value) string {
	if f.def != "" && !v.IsValid() {
		return f.def
	}
	return canonical(v)
}

func (c *comparer) scalarText(f *fieldInfo, v reflect.Value, labels Labels) string {
	if f.def != "" && !v.IsValid() {
		return f.def
	}
	return c.show(f, v, labels)
}

func deref(v reflect.Value) reflect.Value {
	if !v.IsValid() || v.IsNil() {
		return reflect.Value{}
	}
	return v.Elem()
}

func deepElem(t reflect.Type) reflect.Type {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return t
}

var textMarshaler = reflect.TypeFor[encoding.TextMarshaler]()

// isScalar reports whether values of t are shown as one piece of text.
func isScalar(t reflect.Type) bool {
	switch {
	case t == decimalType, t.Implements(textMarshaler):
		return true
	}
	switch t.Kind() {
	case reflect.String, reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return true
	}
	return false
}

// canonical is the value as compared: two versions written differently
// (10 and 10.0, quoted or not) compare equal.
func canonical(v reflect.Value) string {
	if !v.IsValid() {
		return ""
	}
	switch x := v.Interface().(type) {
	case decimal.Decimal:
		return x.String()
	case encoding.TextMarshaler:
		b, _ := x.MarshalText()
		return string(b)
	case bool:
		return strconv.FormatBool(x)
	}
	return fmt.Sprint(v.Interface())
}

// show is the value as a citizen reads it.
func (c *comparer) show(f *fieldInfo, v reflect.Value, labels Labels) string {
	if !v.IsValid() {
		return ""
	}
	switch x := v.Interface().(type) {
	case bool:
		if x {
			return "是"
		}
		return "否"
	case Date:
		return x.Chinese()
	case Month:
		return x.Chinese()
	case Quarter:
		return x.Chinese()
	case string:
		if f != nil && f.ref != "" && labels != nil {
			if l, ok := labels(Key{f.ref, x}); ok && l != "" {
				return l
			}
		}
		if f != nil && f.cites != "" {
			if l, ok := f.codes[x]; ok {
				return l
			}
			if labels != nil {
				if l, ok := labels(Key{f.cites, x}); ok && l != "" {
					return l
				}
			}
		}
		return x
	}
	return canonical(v)
}

func (c *comparer) list(f *fieldInfo, v reflect.Value, labels Labels) string {
	if !v.IsValid() {
		return ""
	}
	var parts []string
	for i := range v.Len() {
		parts = append(parts, c.show(f, deref2(v.Index(i)), labels))
	}
	return strings.Join(parts, "、")
}

func deref2(v reflect.Value) reflect.Value {
	for v.IsValid() && v.Kind() == reflect.Pointer {
		v = deref(v)
	}
	return v
}

func canonicalList(v reflect.Value) string {
	if !v.IsValid() {
		return ""
	}
	var parts []string
	for i := range v.Len() {
		parts = append(parts, canonical(deref2(v.Index(i))))
	}
	return strings.Join(parts, "\x00")
}

// item is one element of a list of records, with what identifies it.
type item struct {
	key   string
	label string
	value reflect.Value
}

// keyed identifies the elements of a list of structs: by their id field,
// else their label field, else their first reference, else their first
// required field, else their position; a key seen twice gets "#2".
func (c *comparer) keyed(v reflect.Value, labels Labels) []item {
	if !v.IsValid() {
		return nil
	}
	var items []item
	seen := map[string]int{}
	for i := range v.Len() {
		e := deref2(v.Index(i))
		if !e.IsValid() {
			continue
		}
		info := infoOf(e.Type())
		var kf *fieldInfo
		switch {
		case info.id != nil:
			kf = info.id
		case info.label != nil:
			kf = info.label
		default:
			for _, f := range info.fields {
				if f.ref != "" && published(f) && isScalar(deepElem(f.typ)) {
					kf = f
					break
				}
			}
			if kf == nil {
				for _, f := range info.fields {
					if f.required && published(f) && isScalar(deepElem(f.typ)) {
						kf = f
						break
					}
				}
			}
		}
		it := item{value: e}
		if kf != nil {
			fv := deref2(e.Field(kf.index))
			it.key = canonical(fv)
			it.label = c.show(kf, fv, labels)
		}
		if it.key == "" {
			it.key = "#" + strconv.Itoa(i+1)
			it.label = fmt.Sprintf("第%d项", i+1)
		}
		seen[it.key]++
		if n := seen[it.key]; n > 1 {
			it.key += "#" + strconv.Itoa(n)
			it.label += fmt.Sprintf("（第%d个）", n)
		}
		items = append(items, it)
	}
	return items
}

// items compares two lists of structs element by element: the new list's
// order, then the removed elements in the old list's order.
func (c *comparer) items(f *fieldInfo, a, b reflect.Value, where []string) {
	olds, news := c.keyed(a, c.oldLabels), c.keyed(b, c.newLabels)
	byKey := map[string]item{}
	for _, it := range olds {
		byKey[it.key] = it
	}
	matched := map[string]bool{}
	for _, it := range news {
		old, ok := byKey[it.key]
		if !ok {
			c.within(it.key, func() { c.add(Added, where, "", c.summary(it.value, c.newLabels)) })
			continue
		}
		matched[it.key] = true
		c.within(it.key, func() { c.structs(old.value, it.value, append(where, it.label)) })
	}
	for _, it := range olds {
		if !matched[it.key] {
			c.within(it.key, func() { c.add(Removed, where, c.summary(it.value, c.oldLabels), "") })
		}
	}
}

// maps compares two maps key by key, in key order.
func (c *comparer) maps(f *fieldInfo, a, b reflect.Value, where []string) {
	keys := map[string]bool{}
	for _, m := range []reflect.Value{a, b} {
		if m.IsValid() {
			for _, k := range m.MapKeys() {
				keys[k.String()] = true
			}
		}
	}
	sorted := make([]string, 0, len(keys))
	for k := range keys {
		sorted = append(sorted, k)
	}
	slices.Sort(sorted)
	elem := f.elem()
	elem.typ = f.typ.Elem()
	for _, k := range sorted {
		var va, vb reflect.Value
		if a.IsValid() {
			va = a.MapIndex(reflect.ValueOf(k))
		}
		if b.IsValid() {
			vb = b.MapIndex(reflect.ValueOf(k))
		}
		if va.IsValid() && va.IsZero() && !isScalar(deepElem(elem.typ)) {
			va = reflect.Value{}
		}
		c.field(elem, va, vb, append(where, k))
	}
}

// summary says an element of a list in a few words: its label and its
// other published values, "副镇长（任职日期 2026年1月1日）".
func (c *comparer) summary(v reflect.Value, labels Labels) string {
	v = deref2(v)
	if !v.IsValid() || v.Kind() != reflect.Struct {
		return ""
	}
	info := infoOf(v.Type())
	wrapped := reflect.MakeSlice(reflect.SliceOf(v.Type()), 1, 1)
	wrapped.Index(0).Set(v)
	label := c.keyed(wrapped, labels)[0]
	var parts []string
	for _, f := range info.fields {
		if !published(f) || !isScalar(deepElem(f.typ)) {
			continue
		}
		fv := deref2(present(v, info, f))
		if !fv.IsValid() {
			continue
		}
		s := c.show(f, fv, labels)
		if s == label.label {
			continue
		}
		parts = append(parts, f.title+" "+s)
	}
	if strings.HasPrefix(label.key, "#") {
		return strings.Join(parts, "，")
	}
	if len(parts) == 0 {
		return label.label
	}
	return label.label + "（" + strings.Join(parts, "，") + "）"
}
