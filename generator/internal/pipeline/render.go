package pipeline

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/afero"

	"gongshi/generator/internal/inspect"
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
	s.checkpoint("rendered")
	if dest == nil {
		dest = afero.NewOsFs()
	}
	if s.Ledger != nil {
		if err := s.writeLedger(dest, filepath.Join(dir, ledger.File)); err != nil {
			return st, fmt.Errorf("publish: %w", err)
		}
		s.checkpoint("ledger")
	}
	// The last line of the gate: nothing the records keep private, and
	// nothing it masked, is in any file written.
	s.rec.Start("scan")
	if err := s.secrets.scan(dest, dir); err != nil {
		return st, err
	}
	return st, s.checkLinks(dest, dir, st.Root)
}

// checkLinks follows every link of the rendered site (inspect.Links): a
// broken one is a finding, or with Options.Strict a mistake that fails
// the build before the site is published.
func (s *Site) checkLinks(dest afero.Fs, dir, root string) error {
	if s.outline == nil {
		return nil // a preview: not checked
	}
	links, err := inspect.Links(dest, dir, root, s.outline)
	if err != nil {
		return fmt.Errorf("inspect: %w", err)
	}
	if s.strict && len(links) > 0 {
		links.Sort()
		return &inspect.Failed{List: links}
	}
	s.Findings.Append(links)
	s.Findings.Sort()
	return nil
}

// writeLedger writes the ledger in two halves, so that a fault test can
// stop a build while it writes it.
func (s *Site) writeLedger(dest afero.Fs, path string) error {
	b := s.Ledger.Marshal()
	f, err := dest.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return err
	}
	_, err = f.Write(b[:len(b)/2])
	s.checkpoint("ledger-half")
	if err == nil {
		_, err = f.Write(b[len(b)/2:])
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

func (s *Site) checkpoint(point string) {
	if s.at != nil {
		s.at(point)
	}
}

// Project returns the Hugo project the site is rendered from, for
// measuring Hugo alone on it (gongshi bench hugo).
func (s *Site) Project() render.Options {
	o := s.project
	o.MemoryLimit = s.memory
	return o
}
