package pipeline

import (
	"reflect"
	"testing"

	"gongshi/generator/internal/record"
	"gongshi/generator/internal/repo"
	"gongshi/generator/internal/synth"
)

// TestEveryResultOfAStageIsTakenFromTheCommitBefore: a stage reused by
// the versions pass gives the next commit every field of Records it
// fills (copyResults), or that commit's pages would be made without it.
func TestEveryResultOfAStageIsTakenFromTheCommitBefore(t *testing.T) {
	t.Parallel()
	snap := &repo.Snapshot{AsOf: record.Date{Year: 2026, Month: 11, Day: 20}}
	for _, f := range synth.Files(synth.Township) {
		if record.IsRecordFile(f.Path) {
			snap.Records = append(snap.Records, record.File{Path: f.Path, Data: f.Data})
		}
	}
	set, errs := record.Decode(snap.Records)
	if err := errs.Err(); err != nil {
		t.Fatal(err)
	}
	r := &Records{Snapshot: snap, Set: set}
	for _, sg := range stages {
		before := *r
		sg.run(r)
		after := *r
		bv, av := reflect.ValueOf(&before).Elem(), reflect.ValueOf(&after).Elem()
		var got Records
		copyResults(sg.name, &got, r)
		gv := reflect.ValueOf(&got).Elem()
		for i := range av.NumField() {
			name := av.Type().Field(i).Name
			if name == "Snapshot" || name == "Set" {
				continue
			}
			filled := !bv.Field(i).IsZero() || !av.Field(i).IsZero()
			changed := bv.Field(i).IsZero() != av.Field(i).IsZero()
			if changed && gv.Field(i).IsZero() {
				t.Errorf("stage %s fills Records.%s, which copyResults leaves out", sg.name, name)
			}
			if !changed && filled && !gv.Field(i).IsZero() {
				t.Errorf("copyResults gives Records.%s with stage %s, which does not fill it", name, sg.name)
			}
		}
	}
}
