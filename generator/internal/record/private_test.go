package record

import (
	"slices"
	"testing"
)

func TestPrivateValuesFindsEveryPrivateField(t *testing.T) {
	set, errs := Decode([]File{
		{Path: "records/township.yaml", Data: []byte(Example("township"))},
		{Path: "records/units/u.yaml", Data: []byte(Example("units"))},
		{Path: "records/posts/p.yaml", Data: []byte(Example("posts"))},
		{Path: "records/people/p.yaml", Data: []byte(`people:
  - id: a
    name: 甲
    unit: zhengfu
    phone: "13912345678"
    id_number: "11010519491231002X"
    home_address: 朝天镇河街23号
  - id: b
    name: 乙
    unit: zhengfu
    phone: "13912345678"
`)},
	})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	got := PrivateValues(set)
	want := []string{"11010519491231002X", "13912345678", "朝天镇河街23号"}
	if !slices.Equal(got, want) {
		t.Errorf("PrivateValues = %q; want %q", got, want)
	}
}
