package record

import (
	"fmt"
	"reflect"
	"regexp"
	"strings"

	"gongshi/generator/internal/diag"
)

// Personal information must not be typed into a field that is published:
// git history is permanent, so it is refused before the commit, not only
// before publishing (Civil Code art. 1034, PIPL art. 25). The masked forms
// suggested are those local governments print.

var (
	// An ID-card number: 17 digits and a check character, or the old 15
	// digits, not part of a longer number.
	idInText = regexp.MustCompile(`(?:^|\D)(\d{17}[\dXx]|\d{15})(?:\D|$)`)
	// A mainland mobile number, not part of a longer number, with or
	// without the country code.
	mobileInText = regexp.MustCompile(`(?:^|\D)(?:\+?86)?(1[3-9]\d{9})(?:\D|$)`)
	// A street or village address down to the house: "河街23号", "三组12号",
	// "幸福小区3栋2单元501".
	houseInText = regexp.MustCompile(`[\p{Han}]{1,12}(?:村|组|社区|小区|路|街|巷|弄|院)[\p{Han}\d]{0,8}?\d+\s*(?:号|栋|幢|单元|室|楼)`)
)

// digitsView is s as the number patterns read it: full-width digits made
// ASCII, and a single space or hyphen between two digits dropped, so that
// "139 0745 1122", "139-0745-1122" and "１３９０７４５１１２２" are seen
// for the mobile number they are.
func digitsView(s string) string {
	r := []rune(fullWidth.Replace(s))
	out := make([]rune, 0, len(r))
	for i, c := range r {
		if (c == ' ' || c == '-') && i > 0 && i+1 < len(r) && isDigit(r[i-1]) && isDigit(r[i+1]) {
			continue
		}
		out = append(out, c)
	}
	return string(out)
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

// CheckPrivacy reports personal information written into published fields:
// ID-card numbers, mobile numbers, and home addresses down to the house
// number. Fields marked private are for that; organisations' addresses
// (fields tagged rec:"address") are public by nature.
func CheckPrivacy(s *Set) diag.List {
	return checkPrivacy(reflect.ValueOf(s).Elem(), map[reflect.Type]*structInfo{})
}

// checkPrivacy checks the records held in v: a Set, a record, or a list of
// records.
func checkPrivacy(v reflect.Value, infos map[reflect.Type]*structInfo) diag.List {
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
				checkText(&errs, n.At(f.name), f, v.String())
			}
		case reflect.Struct:
			t := v.Type()
			if t == templateType && f != nil && !f.private {
				checkText(&errs, n.At(f.name), f, v.Interface().(Template).Text)
				return
			}
			if t == nodeType || t == decimalType || isScalarType(t) {
				return
			}
			info, ok := infos[t]
			if !ok {
				info = newStructInfo(t)
				infos[t] = info
			}
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

func checkText(errs *diag.List, pos diag.Pos, f *fieldInfo, s string) {
	if msg := PersonalInText(f.name, s, f.address); msg != "" {
		errs.Add(pos, "%s", msg)
	}
}

// PersonalInText checks a value bound for a published field (or a
// spreadsheet column that fills one), named where in the message, for an
// ID-card number, a mobile number or — unless the field holds an
// organisation's address — a home address down to the house. It returns
// the mistake with the masked form to write instead, or "" when there is
// none.
func PersonalInText(where, s string, organisationAddress bool) string {
	return personalIn(where+", which is published", "公开字段", "", s, organisationAddress)
}

// personalIn says what personal information s holds: in is where it was
// found (and why that matters); zh and zhAddr say it to the clerk before
// the rule for numbers and for addresses.
func personalIn(in, zh, zhAddr, s string, organisationAddress bool) string {
	// Every pattern needs a digit, ASCII or full-width: most text has
	// none, and the patterns are costly to try.
	if !strings.ContainsAny(s, digitChars) {
		return ""
	}
	digits := digitsView(s)
	if m := idInText.FindStringSubmatch(digits); m != nil {
		return fmt.Sprintf("expected no ID-card number in %s, found one; %s不得写身份证号，如确需写明，写作 %s", in, zh, Mask(m[1]))
	}
	if m := mobileInText.FindStringSubmatch(digits); m != nil {
		return fmt.Sprintf("expected no mobile number in %s, found one; %s不得写手机号，如确需写明，写作 %s", in, zh, Mask(m[1]))
	}
	if organisationAddress {
		return ""
	}
	if m := houseInText.FindString(s); m != "" {
		return fmt.Sprintf("expected no home address in %s, found %q; %s地址只写到乡镇、村或街道，门牌号等写入不公开的字段", in, m, zhAddr)
	}
	return ""
}

// checkComments reports personal information in the comments of the file
// parsed. They never reach the site, but they are committed with the file,
// and git history is permanent.
func (d *decoder) checkComments() diag.List {
	var errs diag.List
	for _, tk := range d.comments {
		if tk.Position == nil {
			continue
		}
		if msg := personalIn("a comment, which stays in the history for good", "注释会永久留在版本库里，", "注释会永久留在版本库里，", tk.Value, false); msg != "" {
			errs.Add(d.pos(tk), "%s", msg)
		}
	}
	return errs
}

// digitChars are the digits the patterns read: ASCII and full-width.
const digitChars = "0123456789０１２３４５６７８９"
