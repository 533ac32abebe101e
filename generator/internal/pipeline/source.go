package pipeline

import (
	"errors"

	"gongshi/generator/internal/phase"
	"gongshi/generator/internal/record"
	"gongshi/generator/internal/repo"
)

// Source says which records a run reads: a commit (the default, HEAD),
// what is staged for the next commit, or the working tree.
type Source struct {
	// Dir is a folder inside the records repository ("": the current one).
	Dir string
	// Rev names the commit (a branch, tag or hash; "": HEAD).
	Rev string
	// Staged reads the index instead: what a pre-commit hook checks.
	Staged bool
	// WorkTree reads the working tree instead, uncommitted edits
	// included: a preview, never published.
	WorkTree bool
	// Today is the as-of day of the index or the working tree, which
	// have no commit to take it from. A commit's own day is always its
	// committer date in Asia/Shanghai.
	Today record.Date
}

func (s Source) dir() string {
	if s.Dir == "" {
		return "."
	}
	return s.Dir
}

func (s Source) rev() string {
	if s.Rev == "" {
		return "HEAD"
	}
	return s.Rev
}

// open opens the repository and reads the snapshot src names; rec, if
// not nil, times the two. The caller closes the repository.
func open(src Source, rec *phase.Recorder) (*repo.Repo, *repo.Snapshot, error) {
	if src.Staged && src.WorkTree || (src.Staged || src.WorkTree) && src.Rev != "" {
		return nil, nil, errors.New("pipeline: a source is a commit, the index or the working tree, not several")
	}
	if (src.Staged || src.WorkTree) && src.Today.IsZero() {
		return nil, nil, errors.New("pipeline: the index and the working tree need an as-of day")
	}
	rec.Start("open")
	r, err := repo.Open(src.dir())
	if err != nil {
		return nil, nil, err
	}
	rec.Start("load")
	var snap *repo.Snapshot
	switch {
	case src.Staged:
		snap, err = r.Staged(src.Today)
	case src.WorkTree:
		snap, err = repo.WorkTree(r.Dir, src.Today)
	default:
		snap, err = r.Snapshot(src.rev())
	}
	if err != nil {
		r.Close()
		return nil, nil, err
	}
	return r, snap, nil
}

// WorkTreeRoot returns the top of the working tree of the repository
// containing dir: what a preview watches.
func WorkTreeRoot(dir string) (string, error) {
	r, err := repo.Open(dir)
	if err != nil {
		return "", err
	}
	defer r.Close()
	return r.Dir, nil
}
