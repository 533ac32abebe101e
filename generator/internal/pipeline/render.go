package pipeline

import (
	"fmt"
	"path/filepath"

	"github.com/spf13/afero"

	"gongshi/generator/internal/ledger"
	"gongshi/generator/internal/render"
)

// Render renders the site into the folder dir of dest (nil: the operating
// system's file system), with its ledger beside it.
func (s *Site) Render(dest afero.Fs, dir string) (render.Stats, error) {
	s.rec.Start("render")
	o := s.project
	o.Dest, o.Out, o.Log, o.MemoryLimit = dest, dir, s.log, s.memory
	st, err := render.Build(o)
	if err != nil {
		return st, err
	}
	if dest == nil {
		dest = afero.NewOsFs()
	}
	if s.Ledger != nil {
		if err := afero.WriteFile(dest, filepath.Join(dir, ledger.File), s.Ledger.Marshal(), 0o644); err != nil {
			return st, fmt.Errorf("publish: %w", err)
		}
	}
	// The last line of the gate: nothing the records keep private, and
	// nothing it masked, is in any file written.
	s.rec.Start("scan")
	return st, s.secrets.scan(dest, dir)
}

// Project returns the Hugo project the site is rendered from, for
// measuring Hugo alone on it (gongshi bench hugo).
func (s *Site) Project() render.Options {
	o := s.project
	o.MemoryLimit = s.memory
	return o
}
