package pipeline

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"

	"github.com/spf13/afero"

	"gongshi/generator/internal/diag"
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
	done := s.budget.Render()
	st, err := render.Build(o)
	done()
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
	s.rec.Start("scan")
	return st, s.check(dest, dir, st.Root)
}

// check reads every file of the site rendered into dir of dest once, for
// the last line of the gate: nothing the records keep private, and
// nothing it masked, is in any file written; and, unless the site is a
// preview, to follow every link of its pages (inspect.Links): a broken
// one is a finding, or with Options.Strict a mistake that fails the
// build before the site is published.
func (s *Site) check(dest afero.Fs, dir, root string) error {
	site, err := inspect.ListSite(dest, dir)
	if err != nil {
		return fmt.Errorf("publish: scanning the site: %w", err)
	}
	var links *inspect.LinkCheck
	if s.outline != nil {
		links = site.LinkCheck(root, s.outline)
	}
	found := make([]string, len(site.Files))
	broken := make([]diag.List, len(site.Files))
	err = site.Read(func(i int, b []byte) {
		found[i] = s.secrets.find(b)
		if links != nil {
			broken[i] = links.Page(i, b)
		}
	})
	if err != nil {
		return fmt.Errorf("publish: scanning the site: %w", err)
	}
	if err := leaks(site, found); err != nil {
		return err
	}
	l := slices.Concat(broken...)
	if s.strict && len(l) > 0 {
		l.Sort()
		return &inspect.Failed{List: l}
	}
	s.Findings.Append(l)
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
