package pipeline

import (
	"errors"

	"gongshi/generator/internal/publish"
	"gongshi/generator/internal/render"
	"gongshi/generator/internal/repo"
)

// Published is what Publish did.
type Published struct {
	Site  *Site
	Stats render.Stats
	// Leftovers are what could not be removed beside the published
	// folder (the old site, what killed builds left), one line each: the
	// new site is live, and the next build tries again.
	Leftovers []string
}

// Publish builds the commit o names and publishes it into out, checked
// and locked first (publish.Open: out must be only a site, one build at a
// time), the ledger of the build before read under the lock, the site
// rendered beside out and swapped in. On an error out is as it was (but
// for a *publish.HalfError); once the new site is live, Publish succeeds.
//
// The points a build passes, in order, for Options.Checkpoint: locked,
// loaded, history, emitted, versions, staged, rendered, ledger-half,
// ledger, swapping, swapped, removing (when the old site had files),
// removed, unlocking.
func Publish(out string, o Options) (*Published, error) {
	r, err := repo.Open(o.dir())
	if err != nil {
		return nil, err
	}
	place := publish.Repository{WorkTrees: r.WorkTrees(), GitDir: r.GitDir, Ignored: r.Ignored}
	t, err := publish.Open(out, publish.Options{Repository: place, NoWait: o.NoWait, Waiting: o.Waiting, Checkpoint: o.Checkpoint})
	r.Close()
	if err != nil {
		return nil, err
	}
	defer t.Close()
	// Once out is known to be a site's place (an out that holds the
	// repository is refused as that, not for the cache in its git dir),
	// and before the build: the cache may not lie in it.
	if err := checkCache(o.cacheDir(place.GitDir), out); err != nil {
		return nil, err
	}
	o.Ledger = t.Ledger
	site, err := Build(o)
	if err != nil {
		return nil, err
	}
	st, left, err := site.Publish(t)
	if err != nil {
		return nil, err
	}
	return &Published{Site: site, Stats: st, Leftovers: append(t.Leftovers, left...)}, nil
}

// Publish renders the site into a staging folder beside the target and
// swaps it in. It returns what of the old site could not be removed (the
// new site is live); on an error the target is as it was.
func (s *Site) Publish(t *publish.Target) (render.Stats, []string, error) {
	if s.Preview && t.Ledger.Head() != "" {
		return render.Stats{}, nil, errors.New("publish: a preview of uncommitted records is never published over a published site")
	}
	stage, err := t.Stage()
	if err != nil {
		return render.Stats{}, nil, err
	}
	st, err := s.Render(nil, stage.Dir)
	if err != nil {
		stage.Discard()
		return st, nil, err
	}
	s.rec.Start("publish")
	left, err := stage.Swap()
	if err != nil {
		stage.Discard()
		return st, nil, err
	}
	s.rec.Stop()
	return st, left, nil
}
