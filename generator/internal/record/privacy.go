package record

import (
	"fmt"
	"maps"
	"reflect"
	"slices"

	"gongshi/generator/internal/diag"
	"gongshi/generator/internal/guard"
)

// Personal information must not be typed into a field that is published:
// git history is permanent, so it is refused before the commit, not only
// before publishing (Civil Code art. 1034, PIPL art. 25). The masked forms
// suggested are those local governments print.

// publicPhones reports the landlines found that the records do not
// declare public.
func publicPhones(s *Set, phones []phoneFinding) diag.List {
	var errs diag.List
	if len(phones) == 0 {
		return nil
	}
	g := Guard(s)
	for _, p := range phones {
		if !g.Public(p.value) {
			errs.Add(p.pos, "%s", p.msg)
		}
	}
	return errs
}

// checkPrivacy checks the records held in v: a Set, a record, or a list of
// records.
func checkPrivacy(v reflect.Value, phones *[]phoneFinding) diag.List {
	var errs diag.List
	var walk func(v reflect.Value, n Node, f *fieldInfo)
	walk = func(v reflect.Value, n Node, f *fieldInfo) {
		switch v.Kind() {
		case reflect.Pointer:
			if !v.IsNil() {
				walk(v.Elem(), n, f)
			}
		case reflect.Slice:
			for i := range v.Len() {
				walk(v.Index(i), n, f)
			}
		case reflect.Map:
			for it := v.MapRange(); it.Next(); {
				walk(it.Value(), n, f)
			}
		case reflect.String:
			if f != nil && !f.private && f.ref == "" && len(f.enum) == 0 {
				checkText(&errs, phones, n.At(f.name), f, v.String())
			}
		case reflect.Struct:
			t := v.Type()
			if t == templateType && f != nil && !f.private {
				checkText(&errs, phones, n.At(f.name), f, v.Interface().(Template).Text)
				return
			}
			if t == nodeType || t == decimalType || isScalarType(t) {
				return
			}
			info := infoOf(t)
			if info.node < 0 && len(info.fields) == 0 {
				for i := range t.NumField() {
					if t.Field(i).IsExported() {
						walk(v.Field(i), n, nil)
					}
				}
				return
			}
			node := n
			if info.node >= 0 {
				node = v.Field(info.node).Interface().(Node)
			}
			for _, ff := range info.fields {
				if ff.private {
					continue
				}
				walk(v.Field(ff.index), node, ff)
			}
		}
	}
	walk(v, Node{}, nil)
	return errs
}

func checkText(errs *diag.List, phones *[]phoneFinding, pos diag.Pos, f *fieldInfo, s string) {
	personal(errs, phones, pos, f.name+", which is published", "公开字段", "", s, f.address)
}

// phoneFinding is a landline number found in a published text: a mistake
// unless the records declare it public (an office's phone), which is known
// only once every file is read.
type phoneFinding struct {
	pos   diag.Pos
	value string // as guard.Finding.Value
	msg   string
}

// PersonalInText checks a value bound for a published field (or a
// spreadsheet column that fills one), named where in the message, for an
// ID-card, mobile, landline or bank-card number or — unless the field
// holds an organisation's address — a home address down to the house. It
// returns the mistake with the masked form to write instead, or "" when
// there is none.
func PersonalInText(where, s string, organisationAddress bool) string {
	for _, f := range noPublic.Find(s) {
		if f.Kind != guard.Address || !organisationAddress {
			return personalMessage(f, where+", which is published", "公开字段", "")
		}
	}
	return ""
}

// personal reports the personal information s holds, at pos: in is where
// it was found (and why that matters); zh and zhAddr say it to the clerk
// before the rule for numbers and for addresses. Landlines are kept in
// phones, to be reported unless the records declare them public.
func personal(errs *diag.List, phones *[]phoneFinding, pos diag.Pos, in, zh, zhAddr, s string, organisationAddress bool) {
	for _, f := range noPublic.Find(s) {
		switch {
		case f.Kind == guard.Address && organisationAddress:
		case f.Kind == guard.Landline:
			*phones = append(*phones, phoneFinding{pos: pos, value: f.Value, msg: personalMessage(f, in, zh, zhAddr)})
		default:
			errs.Add(pos, "%s", personalMessage(f, in, zh, zhAddr))
		}
	}
}

func personalMessage(f guard.Finding, in, zh, zhAddr string) string {
	if f.Kind == guard.Address {
		return fmt.Sprintf("expected no home address in %s, found %q; %s地址只写到乡镇、村或街道，门牌号等写入不公开的字段", in, f.Value, zhAddr)
	}
	return fmt.Sprintf("expected no %s in %s, found one; %s不得写%s，如确需写明，写作 %s", f.Kind, in, zh, f.Kind.Chinese(), f.Masked)
}

// checkComments reports personal information in the comments of the file
// parsed. They never reach the site, but they are committed with the file,
// and git history is permanent.
func (d *decoder) checkComments(phones *[]phoneFinding) diag.List {
	var errs diag.List
	for _, tk := range d.comments {
		if tk.Position == nil {
			continue
		}
		personal(&errs, phones, d.pos(tk), "a comment, which stays in the history for good", "注释会永久留在版本库里，", "注释会永久留在版本库里，", tk.Value, false)
	}
	return errs
}

// noPublic is the guard of a text read on its own: nothing is known to
// be public.
var noPublic *guard.Guard

// PublicPhones are the phone numbers the records publish: the office
// phones of the township and of its units, and those written beside a
// role's holder for the placard (a boat owner's public line). Written
// elsewhere, they are no personal information.
func PublicPhones(s *Set) []string {
	ps := []string{s.Township.Objection.Phone}
	for _, u := range s.Units {
		ps = append(ps, u.Phone)
	}
	for _, o := range s.Safety.Objects {
		ps = append(ps, o.Owner.OfficePhone)
		for _, k := range slices.Sorted(maps.Keys(o.Roles)) {
			ps = append(ps, o.Roles[k].OfficePhone)
		}
	}
	return slices.DeleteFunc(ps, func(p string) bool { return p == "" })
}

// PublicAddresses are the addresses the records publish: those of the
// township, where objections go, and of its units.
func PublicAddresses(s *Set) []string {
	as := []string{s.Township.Address, s.Township.Objection.Address}
	for _, u := range s.Units {
		as = append(as, u.Address)
	}
	return slices.DeleteFunc(as, func(a string) bool { return a == "" })
}

// Guard is the privacy guard of what is published from the records: it
// lets pass the phones and addresses they publish. It is made once per
// Set (every quarter's notice, the site files and the gate ask for it),
// so a Set is not to be changed once decoded: no stage does.
func Guard(s *Set) *guard.Guard {
	if g := s.guard.Load(); g != nil {
		return g
	}
	g := guard.New(append(PublicPhones(s), PublicAddresses(s)...)...)
	s.guard.CompareAndSwap(nil, g)
	return s.guard.Load()
}
