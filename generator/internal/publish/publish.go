// Package publish puts a built site in place without ever leaving a broken
// or half-written one, and without ever removing anything but a site
// gongshi wrote.
//
// Open checks the folder a site is published into (OUT) before any work:
// it must be nothing but a site (see Open for what is refused). It then
// takes the lock beside OUT, so that one build at a time publishes into
// it, puts back a site a killed build left aside, removes the staging
// folders killed builds left, and reads OUT's ledger: the ledger of the
// build before. The site is built into a staging folder beside OUT and
// swapped in when the build succeeded; where the system can (Linux), the
// two folders are exchanged in one atomic step, so OUT is always the old
// site or the new one, whatever kills the build.
package publish

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"gongshi/generator/internal/ledger"
)

// Names of what a build keeps beside OUT, each starting with "." and
// OUT's own name: only folders named so are ever removed by the next
// build, and only while it holds the lock.
const (
	lockSuffix    = ".gongshi-lock"
	stagingSuffix = ".gongshi-staging-"
	asideSuffix   = ".gongshi-aside" // the old site, where the swap is two renames
	oldStaging    = ".staging-"      // what gongshi named its staging folders before
)

// ErrBusy is returned by Open with NoWait when another build holds the
// lock of OUT.
var ErrBusy = errors.New("another build is publishing into it")

// RefusedError is the refusal of a folder that is not only a site: OUT is
// left untouched.
type RefusedError struct {
	Out string // as given
	Why string
}

func (e *RefusedError) Error() string {
	return fmt.Sprintf("publish: refusing to publish into %s: %s; nothing was built or removed", e.Out, e.Why)
}

// HalfError is a swap that could not finish where the system has no
// atomic exchange: the old site was moved aside and could not be put
// back. The next build puts it back.
type HalfError struct {
	Out, Aside string
	Err        error
}

func (e *HalfError) Error() string {
	return fmt.Sprintf("publish: %v; %s is missing: the site it held is at %s, and the next build puts it back", e.Err, e.Out, e.Aside)
}

func (e *HalfError) Unwrap() error { return e.Err }

// Repository says where the records repository being built lies.
type Repository struct {
	// WorkTrees are the top folders of its working trees (the main one
	// and every linked worktree).
	WorkTrees []string
	// GitDir is its git folder (the common one, for linked worktrees).
	GitDir string
	// Ignored reports whether the repository ignores a path inside one
	// of its working trees (.gitignore, info/exclude); nil: it ignores
	// nothing.
	Ignored func(path string) (bool, error)
}

// Options say how Open treats OUT.
type Options struct {
	// Repository is refused as OUT, as its content, and as OUT's
	// surroundings unless it ignores OUT.
	Repository Repository
	// NoWait fails at once with ErrBusy when another build holds OUT,
	// instead of waiting for it.
	NoWait bool
	// Waiting, if not nil, is called once if another build holds OUT,
	// before this one waits for it.
	Waiting func()
	// Checkpoint, if not nil, is called with the name of each point of a
	// publication as it is reached. The fault tests stop the process
	// there; gongshi itself sets none.
	Checkpoint func(point string)
}

// Target is OUT, checked and locked for one build.
type Target struct {
	Dir string // OUT, absolute
	// Ledger is the ledger of the site in OUT, read once the lock was
	// taken: the build before this one (empty when OUT holds no site).
	Ledger *ledger.Ledger
	// Leftovers are what a killed build left beside OUT that could not
	// be removed, one line each, for a warning.
	Leftovers []string

	lock   *lock
	at     func(string)
	remove func(string) error
}

// Open checks that out is a place only a site can be, takes its lock
// (waiting for another build unless NoWait), cleans up after killed
// builds, checks that what out holds is a site gongshi wrote and reads
// its ledger. It refuses, with a *RefusedError, an out that is the root
// folder, a home folder or a folder holding one, a link, a file, the
// repository being built or a folder holding it, a folder inside its git
// folder, or inside one of its working trees unless the repository
// ignores it; and, under the lock, a folder that is not empty and holds
// no ledger.json gongshi wrote, or that holds a git repository. Close
// releases the lock.
func Open(out string, o Options) (*Target, error) {
	abs, err := filepath.Abs(out)
	if err != nil {
		return nil, fmt.Errorf("publish: %w", err)
	}
	refuse := func(format string, v ...any) error {
		return &RefusedError{Out: out, Why: fmt.Sprintf(format, v...)}
	}
	if why, err := placeProblem(abs, o.Repository); err != nil {
		return nil, fmt.Errorf("publish: %s: %w", out, err)
	} else if why != "" {
		return nil, refuse("%s", why)
	}
	switch fi, err := os.Lstat(abs); {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		return nil, fmt.Errorf("publish: %w", err)
	case fi.Mode()&fs.ModeSymlink != 0:
		return nil, refuse("it is a link; give the folder it points to")
	case !fi.IsDir():
		return nil, refuse("it is a file, not a folder")
	}
	if err := os.MkdirAll(filepath.Dir(abs), 0o755); err != nil {
		return nil, fmt.Errorf("publish: %w", err)
	}
	l, err := acquire(beside(abs, lockSuffix), o.NoWait, o.Waiting)
	if errors.Is(err, ErrBusy) {
		return nil, fmt.Errorf("publish: %s: %w", out, err)
	}
	if err != nil {
		return nil, fmt.Errorf("publish: lock %s: %w", out, err)
	}
	t := &Target{Dir: abs, lock: l, at: o.Checkpoint, remove: os.RemoveAll}
	if t.at == nil {
		t.at = func(string) {}
	}
	t.at("locked")
	ok := false
	defer func() {
		if !ok {
			t.Close()
		}
	}()
	if err := t.putBack(); err != nil {
		return nil, err
	}
	t.sweep()
	if why, err := contentProblem(abs); err != nil {
		return nil, fmt.Errorf("publish: %s: %w", out, err)
	} else if why != "" {
		return nil, refuse("%s", why)
	}
	if t.Ledger, err = ledger.Read(filepath.Join(abs, ledger.File)); err != nil {
		return nil, err
	}
	ok = true
	return t, nil
}

// Close releases the lock; the Target is not used after.
func (t *Target) Close() error {
	if t.lock == nil {
		return nil
	}
	t.at("unlocking")
	err := t.lock.release()
	t.lock = nil
	return err
}

// beside names a file or folder beside out: ".OUTNAME" + suffix.
func beside(out, suffix string) string {
	return filepath.Join(filepath.Dir(out), "."+filepath.Base(out)+suffix)
}

// putBack puts back the site a swap moved aside, when a build was killed
// between its two renames (only where the system has no atomic exchange).
func (t *Target) putBack() error {
	aside := beside(t.Dir, asideSuffix)
	if _, err := os.Lstat(aside); err != nil {
		return nil
	}
	if _, err := os.Lstat(t.Dir); !errors.Is(err, fs.ErrNotExist) {
		return nil // out is whole: what is aside is the old site, swept below
	}
	if err := os.Rename(aside, t.Dir); err != nil {
		return fmt.Errorf("publish: put back the site a killed build left at %s: %w", aside, err)
	}
	return nil
}

// sweep removes what killed builds left beside OUT: their staging
// folders, and the old site a swap had set aside. Only folders named as
// gongshi names them are touched, and only under the lock, when no build
// can be using them.
func (t *Target) sweep() {
	parent := filepath.Dir(t.Dir)
	entries, err := os.ReadDir(parent)
	if err != nil {
		t.Leftovers = append(t.Leftovers, fmt.Sprintf("%s: %v", parent, err))
		return
	}
	prefix := "." + filepath.Base(t.Dir)
	for _, e := range entries {
		rest, ok := strings.CutPrefix(e.Name(), prefix)
		if !ok || !e.IsDir() || !(strings.HasPrefix(rest, stagingSuffix) || rest == asideSuffix || isOldStaging(rest)) {
			continue
		}
		p := filepath.Join(parent, e.Name())
		if err := t.remove(p); err != nil {
			t.Leftovers = append(t.Leftovers, fmt.Sprintf("%s: %v", p, err))
		}
	}
}

// isOldStaging recognises the staging folders of earlier gongshis:
// ".staging-" and the digits os.MkdirTemp adds.
func isOldStaging(rest string) bool {
	digits, ok := strings.CutPrefix(rest, oldStaging)
	if !ok || digits == "" {
		return false
	}
	for _, c := range digits {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// Staging is a build folder beside OUT, on the same file system so that
// the swap is a rename.
type Staging struct {
	Dir string // where to build
	t   *Target
}

// Stage creates an empty staging folder beside OUT.
func (t *Target) Stage() (*Staging, error) {
	if t.lock == nil {
		return nil, errors.New("publish: stage: the target is closed")
	}
	dir, err := os.MkdirTemp(filepath.Dir(t.Dir), "."+filepath.Base(t.Dir)+stagingSuffix)
	if err != nil {
		return nil, fmt.Errorf("publish: %w", err)
	}
	if err := os.Chmod(dir, 0o755); err != nil {
		os.Remove(dir)
		return nil, fmt.Errorf("publish: %w", err)
	}
	t.at("staged")
	return &Staging{Dir: dir, t: t}, nil
}

// Discard removes the staging folder after a failed build.
func (s *Staging) Discard() error { return s.t.remove(s.Dir) }

// Swap publishes the staging folder in place of OUT and removes the old
// site. Once the new site is in place, Swap succeeds: what of the old site
// could not be removed is returned, one line each, for a warning (the
// next build removes it). On an error the new site is not in place: OUT
// is as it was, but for a *HalfError.
func (s *Staging) Swap() (leftovers []string, err error) {
	t := s.t
	t.at("swapping")
	if _, err := os.Lstat(t.Dir); errors.Is(err, fs.ErrNotExist) {
		if err := os.Rename(s.Dir, t.Dir); err != nil {
			return nil, fmt.Errorf("publish: %w", err)
		}
		t.at("swapped")
		return nil, nil
	}
	old := s.Dir
	if err := exchange(s.Dir, t.Dir); err != nil {
		// Two renames: OUT is missing between them.
		old = beside(t.Dir, asideSuffix)
		if err := t.remove(old); err != nil {
			return nil, fmt.Errorf("publish: %w", err)
		}
		if err := os.Rename(t.Dir, old); err != nil {
			return nil, fmt.Errorf("publish: move the old site aside: %w", err)
		}
		t.at("aside")
		if err := os.Rename(s.Dir, t.Dir); err != nil {
			if rerr := os.Rename(old, t.Dir); rerr != nil {
				return nil, &HalfError{Out: t.Dir, Aside: old, Err: fmt.Errorf("put the new site in place: %v; put the old one back: %v", err, rerr)}
			}
			return nil, fmt.Errorf("publish: %w", err)
		}
	}
	t.at("swapped")
	return t.removeOld(old), nil
}

// removeOld removes the old site, entry by entry, and says what could not
// be removed.
func (t *Target) removeOld(dir string) []string {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return []string{fmt.Sprintf("%s: %v", dir, err)}
	}
	var left []string
	for i, e := range entries {
		if err := t.remove(filepath.Join(dir, e.Name())); err != nil {
			left = append(left, fmt.Sprintf("%s: %v", filepath.Join(dir, e.Name()), err))
		}
		if i == 0 {
			t.at("removing")
		}
	}
	if len(left) == 0 {
		if err := t.remove(dir); err != nil {
			left = append(left, fmt.Sprintf("%s: %v", dir, err))
		}
	}
	t.at("removed")
	return left
}
