package safety

import (
	"testing"

	"golang.org/x/tools/txtar"

	"gongshi/generator/internal/record"
)

// load decodes the record files of an archive; want/ files are left out.
// It fails the test if the records do not decode cleanly and clean is set.
func load(t *testing.T, path string, clean bool) (*record.Set, *txtar.Archive) {
	t.Helper()
	a, err := txtar.ParseFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var files []record.File
	for _, f := range a.Files {
		if len(f.Name) > 5 && f.Name[:5] == "want/" {
			continue
		}
		files = append(files, record.File{Path: f.Name, Data: f.Data})
	}
	s, errs := record.Decode(files)
	if clean && errs.Len() > 0 {
		t.Fatalf("%s: records do not decode:\n%v", path, errs)
	}
	return s, a
}

func township(t *testing.T) *record.Set {
	t.Helper()
	s, _ := load(t, "testdata/township.txtar", true)
	return s
}

var day = record.MustDate
