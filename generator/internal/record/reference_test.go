package record

import "testing"

// TestExamplesDecodeTogether keeps the reference page honest: every kind
// has an example, and the examples are valid records that agree with each
// other.
func TestExamplesDecodeTogether(t *testing.T) {
	var files []File
	for _, k := range Kinds() {
		ex := Example(k.Name)
		if ex == "" {
			t.Errorf("kind %s has no example in examples/%s.yaml", k.Name, k.Name)
			continue
		}
		p := k.ExamplePath()
		if got, ok := KindOf(p); !ok || got.Name != k.Name {
			t.Fatalf("example path %s for kind %s is read as %q", p, k.Name, got.Name)
		}
		files = append(files, File{Path: p, Data: []byte(ex)})
	}
	if _, errs := Decode(files); len(errs) > 0 {
		t.Errorf("examples do not decode:\n%v", errs)
	}
}

func TestReferenceDocumentsEveryField(t *testing.T) {
	for _, d := range Reference() {
		if len(d.Fields) == 0 {
			t.Errorf("kind %s documents no fields", d.Name)
		}
		for _, f := range d.Fields {
			if f.Title == f.Name {
				t.Errorf("%s.%s has no Chinese title tag", d.Name, f.Name)
			}
		}
	}
}
