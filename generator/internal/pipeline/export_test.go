package pipeline

import (
	"gongshi/generator/internal/emit"
	"gongshi/generator/internal/record"
)

// InlineParts makes the builds that follow, until restore, give the
// render each page's data file as emitted, its parts in its JSON: a
// test's builds only, never in parallel with other tests' builds.
func InlineParts() (restore func()) {
	partsFilter = nil
	return func() { partsFilter = emit.AppendParts }
}

// VersionTest gives tests the published versions a build of the head of
// a repository shows, computed as a build computes them and each commit
// on its own.
type VersionTest struct {
	dir       string
	want      map[string][]string
	decoded   *record.FileCache
	build     func(runs int) (*versions, error)
	recompute func() (map[string]map[string]emit.Page, error)
}

// Versions is what the versions pass gives, encoded: from commit to page
// path to the page, a commit whose records do not build mapped to nil.
type Versions map[string]map[string]string

// NewVersionTest reads the head of the repository at dir up to the
// versions pass.
func NewVersionTest(dir string) (*VersionTest, error) {
	o := Options{Source: Source{Dir: dir}, NoCache: true}
	r, snap, err := open(o.Source, nil)
	if err != nil {
		return nil, err
	}
	decoded := record.NewFileCache()
	recs, errs := Compute(snap, decoded, nil)
	if err := errs.Err(); err != nil {
		return nil, err
	}
	g := newGate(recs.Set)
	hist, err := readHistory(r, snap, o, "", waitWalk(startWalk(r, "", snap.Commit)), decoded, g)
	if err != nil {
		return nil, err
	}
	s, err := emit.New(emitInput(recs, hist.site, g))
	if err != nil {
		return nil, err
	}
	vt := &VersionTest{dir: dir, want: s.Wanted(), decoded: decoded}
	vt.build = func(runs int) (*versions, error) {
		return &versions{r: r, ix: hist.ix, decoded: decoded, gate: g, runs: runs}, nil
	}
	vt.recompute = func() (map[string]map[string]emit.Page, error) {
		out := map[string]map[string]emit.Page{}
		for c, paths := range vt.want {
			snap, err := r.Snapshot(c)
			if err != nil {
				return nil, err
			}
			recs, errs := Compute(snap, decoded, nil)
			if len(errs) > 0 {
				out[c] = nil
				continue
			}
			ps, err := emit.Versioned(emitInput(recs, nil, g), paths)
			if err != nil {
				return nil, err
			}
			out[c] = map[string]emit.Page{}
			for _, pg := range ps {
				out[c][pg.Path] = pg
			}
		}
		return out, nil
	}
	return vt, nil
}

// Pass runs the versions pass in runs runs of consecutive commits (as a
// build does with a run per processor), returning the versions and how
// many stages it computed and took from the commit before.
func (vt *VersionTest) Pass(runs int) (v Versions, ran, reused int, err error) {
	p, err := vt.build(runs)
	if err != nil {
		return nil, 0, 0, err
	}
	got, err := p.run(vt.want)
	if err != nil {
		return nil, 0, 0, err
	}
	v, err = encodeVersions(vt.want, got)
	return v, p.done.ran, p.done.reused, err
}

// EachOnItsOwn computes the versions each commit on its own, with Compute.
func (vt *VersionTest) EachOnItsOwn() (Versions, error) {
	got, err := vt.recompute()
	if err != nil {
		return nil, err
	}
	return encodeVersions(vt.want, got)
}

func encodeVersions(want map[string][]string, got map[string]map[string]emit.Page) (Versions, error) {
	out := Versions{}
	for c := range want {
		if got[c] == nil {
			out[c] = nil
			continue
		}
		out[c] = map[string]string{}
		for p, pg := range got[c] {
			b, err := emit.EncodePage(pg)
			if err != nil {
				return nil, err
			}
			out[c][p] = string(b)
		}
	}
	return out, nil
}
