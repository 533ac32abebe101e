// Package publish puts a built site in place without ever leaving a broken
// or half-written one: the site is built into a staging folder beside the
// published one and swapped in only when the build succeeded. A failed
// build leaves the published folder exactly as it was.
package publish

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// Staging is a build folder beside the published folder out, on the same
// file system so that the swap is a rename.
type Staging struct {
	Dir string // where to build
	out string
}

// Stage creates an empty staging folder for out.
func Stage(out string) (*Staging, error) {
	abs, err := filepath.Abs(out)
	if err != nil {
		return nil, fmt.Errorf("publish: %w", err)
	}
	parent := filepath.Dir(abs)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("publish: %w", err)
	}
	dir, err := os.MkdirTemp(parent, "."+filepath.Base(abs)+".staging-")
	if err != nil {
		return nil, fmt.Errorf("publish: %w", err)
	}
	if err := os.Chmod(dir, 0o755); err != nil {
		return nil, fmt.Errorf("publish: %w", err)
	}
	return &Staging{Dir: dir, out: abs}, nil
}

// Discard removes the staging folder after a failed build.
func (s *Staging) Discard() error { return os.RemoveAll(s.Dir) }

// Swap publishes the staging folder in place of out and removes the old
// site. Where the system can (Linux), the two folders are exchanged in one
// atomic step, so a reader never sees out missing.
func (s *Staging) Swap() error {
	if _, err := os.Lstat(s.out); errors.Is(err, os.ErrNotExist) {
		if err := os.Rename(s.Dir, s.out); err != nil {
			return fmt.Errorf("publish: %w", err)
		}
		return nil
	}
	if err := exchange(s.Dir, s.out); err == nil {
		return os.RemoveAll(s.Dir) // now holds the old site
	}
	old := s.Dir + ".old"
	if err := os.Rename(s.out, old); err != nil {
		return fmt.Errorf("publish: move the old site aside: %w", err)
	}
	if err := os.Rename(s.Dir, s.out); err != nil {
		if rerr := os.Rename(old, s.out); rerr != nil {
			return fmt.Errorf("publish: %w (and restoring the old site failed: %v; it is at %s)", err, rerr, old)
		}
		return fmt.Errorf("publish: %w", err)
	}
	return os.RemoveAll(old)
}
