// Package recordtest helps tests of what is computed from records: from
// the synthetic records, and commit after commit, as the versions pass
// computes it.
package recordtest

import (
	"crypto/sha1"
	"encoding/hex"
	"slices"
	"strings"
	"testing"

	"gongshi/generator/internal/record"
	"gongshi/generator/internal/synth"
)

// Synthetic returns the record files of the synthetic records of scale
// sc (package synth), and their records decoded; the test fails when
// Decode finds a mistake in them.
func Synthetic(t testing.TB, sc synth.Scale) ([]record.File, *record.Set) {
	t.Helper()
	var files []record.File
	for _, f := range synth.Files(sc) {
		if record.IsRecordFile(f.Path) {
			files = append(files, record.File{Path: f.Path, Data: f.Data})
		}
	}
	set, errs := record.Decode(files)
	if err := errs.Err(); err != nil {
		t.Fatal(err)
	}
	return files, set
}

// A Commit is one commit of a replay: what it does, and all of its
// record files.
type Commit struct {
	Name  string
	Files []record.File
}

// Replay hands a record.Series the commits one after another and calls
// check with each one's records. A file whose content differs from the
// commit before's is changed, one no longer there removed: the records
// that did not change are the Series' own, shared with the commit
// before, as a build's versions pass has them. The test fails when a
// commit's records do not decode.
func Replay(t testing.TB, commits []Commit, check func(c Commit, set *record.Set)) {
	t.Helper()
	series := record.NewSeries(nil)
	last := map[string]string{} // path → the blob of the commit before
	for _, c := range commits {
		var changed []record.File
		now := make(map[string]bool, len(c.Files))
		for _, f := range c.Files {
			now[f.Path] = true
			sum := sha1.Sum(f.Data)
			f.Blob = hex.EncodeToString(sum[:])
			if last[f.Path] != f.Blob {
				changed = append(changed, f)
				last[f.Path] = f.Blob
			}
		}
		var removed []string
		for p := range last {
			if !now[p] {
				removed = append(removed, p)
				delete(last, p)
			}
		}
		set, ok := series.Next(changed, removed)
		if !ok {
			t.Fatalf("recordtest: %s: the records do not decode", c.Name)
		}
		check(c, set)
	}
}

// With returns a copy of files in which the file at path has its first
// old replaced with new; the test fails when that file has no old.
func With(t testing.TB, files []record.File, path, old, new string) []record.File {
	t.Helper()
	out := slices.Clone(files)
	for i, f := range out {
		if f.Path == path && strings.Contains(string(f.Data), old) {
			out[i].Data = []byte(strings.Replace(string(f.Data), old, new, 1))
			return out
		}
	}
	t.Fatalf("recordtest: %s has no %q", path, old)
	return nil
}
