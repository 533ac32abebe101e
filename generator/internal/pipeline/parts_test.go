package pipeline_test

import (
	"bytes"
	"io/fs"
	"strings"
	"testing"

	"github.com/spf13/afero"

	"gongshi/generator/internal/emit"
	"gongshi/generator/internal/pipeline"
	"gongshi/generator/internal/sample"
)

// The render reads a page's long strings (emit's parts) apart from its
// data's JSON; the sample township's site is the same, byte for byte, as
// when every page's data file is read as emitted, the parts in its JSON,
// as a commit's own data file or a hand-written page's params are.
func TestPartsRenderAsTheirJSONWould(t *testing.T) {
	g, _ := sample.HistoryRepo(t)
	build := func() (*pipeline.Site, map[string]string) {
		s, err := pipeline.Build(pipeline.Options{Source: pipeline.Source{Dir: g.Dir}, NoCache: true})
		if err != nil {
			t.Fatal(err)
		}
		return s, renderSite(t, s)
	}
	s, apart := build()
	// Not vacuous: the pages of every kind of part have them apart.
	o := s.Project()
	withParts := map[string]bool{}
	err := afero.Walk(o.Source, o.Root+"/_gen/"+emit.DataDir, func(p string, fi fs.FileInfo, err error) error {
		if err != nil || fi.IsDir() {
			return err
		}
		b, err := afero.ReadFile(o.Source, p)
		if i := bytes.IndexByte(b, emit.PartSep); i >= 0 {
			withParts[strings.SplitN(strings.TrimPrefix(p, o.Root+"/_gen/"+emit.DataDir+"/"), "/", 2)[0]] = true
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, folder := range []string{"assess", "notices", "safety", "figures", "targets", "changes", "people"} {
		if !withParts[folder] {
			t.Errorf("no data file of %s/ has parts: %v", folder, withParts)
		}
	}

	restore := pipeline.InlineParts()
	_, inline := build()
	restore()
	if len(inline) != len(apart) {
		t.Fatalf("%d files with the parts in the JSON, %d with them apart", len(inline), len(apart))
	}
	for name, want := range inline {
		if got := apart[name]; got != want {
			at := 0
			for at < min(len(got), len(want)) && got[at] == want[at] {
				at++
			}
			t.Errorf("%s differs at byte %d: with the parts apart %.120q, in the JSON %.120q", name, at, got[at:], want[at:])
		}
	}
}
