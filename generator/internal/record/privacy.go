package record

import (
	"reflect"
	"regexp"

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
	// A mainland mobile number, not part of a longer number.
	mobileInText = regexp.MustCompile(`(?:^|\D)(1[3-9]\d{9})(?:\D|$)`)
	// A street or village address down to the house: "河街23号", "三组12号",
	// "幸福小区3栋2单元501".
	houseInText = regexp.MustCompile(`[\p{Han}]{1,12}(?:村|组|社区|小区|路|街|巷|弄|院)[\p{Han}\d]{0,8}?\d+\s*(?:号|栋|幢|单元|室|楼)`)
)

// CheckPrivacy reports personal information written into published fields:
// ID-card numbers, mobile numbers, and home addresses down to the house
// number. Fields marked private are for that; organisations' addresses
// (fields tagged rec:"address") are public by nature.
func CheckPrivacy(s *Set) diag.List {
	var errs diag.List
	infos := map[reflect.Type]*structInfo{}
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
	walk(reflect.ValueOf(s).Elem(), Node{}, nil)
	return errs
}

func checkText(errs *diag.List, pos diag.Pos, f *fieldInfo, s string) {
	if m := idInText.FindStringSubmatch(s); m != nil {
		errs.Add(pos, "expected no ID-card number in %s, which is published, found one; 公开字段不得写身份证号，如确需写明，写作 %s", f.name, Mask(m[1]))
		return
	}
	if m := mobileInText.FindStringSubmatch(s); m != nil {
		errs.Add(pos, "expected no mobile number in %s, which is published, found one; 公开字段不得写手机号，如确需写明，写作 %s", f.name, Mask(m[1]))
		return
	}
	if f.address {
		return
	}
	if m := houseInText.FindString(s); m != "" {
		errs.Add(pos, "expected no home address in %s, which is published, found %q; 地址只写到乡镇、村或街道，门牌号等写入不公开的字段", f.name, m)
	}
}
