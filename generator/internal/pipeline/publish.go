package pipeline

import (
	"gongshi/generator/internal/publish"
	"gongshi/generator/internal/render"
)

// Publish renders the site into a staging folder beside out and swaps it
// in; on any failure out is left as it was.
func (s *Site) Publish(out string) (render.Stats, error) {
	stage, err := publish.Stage(out)
	if err != nil {
		return render.Stats{}, err
	}
	st, err := s.Render(nil, stage.Dir)
	if err != nil {
		stage.Discard()
		return st, err
	}
	s.rec.Start("publish")
	if err := stage.Swap(); err != nil {
		stage.Discard()
		return st, err
	}
	s.rec.Stop()
	return st, nil
}
