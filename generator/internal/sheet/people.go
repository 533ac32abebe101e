package sheet

import (
	"fmt"
	"regexp"
	"strings"

	"gongshi/generator/internal/record"
)

// roll names people in a sheet and finds them again: by name, which is
// what the clerk types, and "姓名（编号）" where two people share a name.
type roll struct {
	set    *record.Set
	byName map[string][]string // name → ids, in the register's order
}

func newRoll(set *record.Set) *roll {
	r := &roll{set: set, byName: map[string][]string{}}
	for _, p := range set.People {
		if p.ID != "" {
			r.byName[p.Name] = append(r.byName[p.Name], p.ID)
		}
	}
	return r
}

// name is how a sheet shows a person: the name, or "姓名（编号）" when
// another person has the same name.
func (r *roll) name(id string) string {
	p := r.set.Person(id)
	if p == nil {
		return id
	}
	if len(r.byName[p.Name]) > 1 {
		return p.Name + "（" + p.ID + "）"
	}
	return p.Name
}

var withID = regexp.MustCompile(`^(.*?)\s*[（(]\s*([a-z0-9][a-z0-9-]*)\s*[)）]$`)

// find returns the id of the person a cell names.
func (r *roll) find(text string) (string, *problem) {
	s := strings.Join(strings.Fields(text), "") // a stray space in a name is no different name
	if m := withID.FindStringSubmatch(s); m != nil {
		if p := r.set.Person(m[2]); p != nil && (m[1] == "" || m[1] == p.Name) {
			return p.ID, nil
		}
		return "", &problem{want: "a person of the records as 姓名（编号）"}
	}
	if p := r.set.Person(s); p != nil {
		return p.ID, nil
	}
	switch ids := r.byName[s]; len(ids) {
	case 1:
		return ids[0], nil
	case 0:
		return "", &problem{want: "the name of a person in the records", hint: "请从下拉列表中选择"}
	default:
		var forms []string
		for _, id := range ids {
			forms = append(forms, s+"（"+id+"）")
		}
		return "", &problem{want: "a name only one person has",
			hint: fmt.Sprintf("有%d人同名，请写明编号：%s", len(ids), strings.Join(forms, "、"))}
	}
}
