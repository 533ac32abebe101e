package assess

import (
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"gongshi/generator/internal/record"
)

// TestSampleRecordsAssessCleanly: the sample township's schemes and score
// sheets (this repository's records/, as in the working tree) have no
// mistakes and assess the 26 staff in scope each quarter.
func TestSampleRecordsAssessCleanly(t *testing.T) {
	root := filepath.Join("..", "..", "..")
	var files []record.File
	err := filepath.WalkDir(filepath.Join(root, record.Dir), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		files = append(files, record.File{Path: filepath.ToSlash(rel), Data: b})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	rs, errs := compute(t, files)
	if len(errs) > 0 {
		t.Fatalf("sample records have mistakes:\n%v", errs)
	}
	if len(rs) == 0 {
		t.Fatal("no quarter in the sample records")
	}
	for _, r := range rs {
		if r.Stats.Assessed != 26 || r.Notice.Text == "" || r.Notice.Period.End.IsZero() {
			t.Errorf("%s: %d assessed, notice %d bytes, period ends %s; want 26, a notice and an end date",
				r.Quarter, r.Stats.Assessed, len(r.Notice.Text), r.Notice.Period.End)
		}
	}
}
