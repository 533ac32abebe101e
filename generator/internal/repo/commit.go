package repo

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/config"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"

	"gongshi/generator/internal/record"
)

// This file writes: the record files of the import of a filled-in
// spreadsheet, committed on their own. Nothing else the clerk has under
// way is touched or swept into the commit.

// ErrNotClean is returned when committing the imported files would take
// in, or overwrite, work the clerk has not committed.
var ErrNotClean = errors.New("uncommitted work in the way")

// Signature parses "Name <email>" as git writes an author.
func Signature(who string) (object.Signature, error) {
	m := regexp.MustCompile(`^\s*([^<>]*?)\s*<([^<>\s]+@[^<>\s]+)>\s*$`).FindStringSubmatch(who)
	if m == nil || m[1] == "" {
		return object.Signature{}, fmt.Errorf("expected \"Name <email>\", found %q", who)
	}
	return object.Signature{Name: m[1], Email: m[2]}, nil
}

// User is the author git would use: user.name and user.email of the
// repository's config, or of the user's global config.
func (r *Repo) User() (object.Signature, bool) {
	for _, scope := range []config.Scope{config.LocalScope, config.GlobalScope} {
		cfg, err := r.Git.ConfigScoped(scope)
		if err == nil && cfg.User.Name != "" && cfg.User.Email != "" {
			return object.Signature{Name: cfg.User.Name, Email: cfg.User.Email}, true
		}
	}
	return object.Signature{}, false
}

// File returns a file of the commit rev names, and whether it is there.
func (r *Repo) File(rev, path string) ([]byte, bool, error) {
	c, err := r.Commit(rev)
	if err != nil {
		return nil, false, err
	}
	f, err := c.File(path)
	if errors.Is(err, object.ErrFileNotFound) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, fmt.Errorf("repo: %s in %s: %w", path, c.Hash, err)
	}
	rd, err := f.Reader()
	if err != nil {
		return nil, false, fmt.Errorf("repo: %s in %s: %w", path, c.Hash, err)
	}
	defer rd.Close()
	b, err := io.ReadAll(rd)
	return b, true, err
}

// Clean reports, as an ErrNotClean error, what stands in the way of
// committing paths alone on top of HEAD: changes to one of them not
// committed (writing it would lose them) and changes to other files
// already staged (committing would take them in). Line ends do not count:
// a file checked out with CRLF on Windows is unchanged.
func (r *Repo) Clean(paths ...string) error {
	head, err := r.Commit("HEAD")
	if err != nil {
		return err
	}
	for _, path := range paths {
		if err := r.cleanFile(path); err != nil {
			return err
		}
	}

	tree, err := head.Tree()
	if err != nil {
		return fmt.Errorf("repo: %w", err)
	}
	inTree := map[string]plumbing.Hash{}
	err = tree.Files().ForEach(func(f *object.File) error {
		inTree[f.Name] = f.Hash
		return nil
	})
	if err != nil {
		return fmt.Errorf("repo: %w", err)
	}
	idx, err := r.Git.Storer.Index()
	if err != nil {
		return fmt.Errorf("repo: index: %w", err)
	}
	var staged []string
	inIndex := map[string]bool{}
	for _, e := range idx.Entries {
		inIndex[e.Name] = true
		if h, ok := inTree[e.Name]; (!ok || h != e.Hash) && !slices.Contains(paths, e.Name) {
			staged = append(staged, e.Name)
		}
	}
	for name := range inTree {
		if !inIndex[name] && !slices.Contains(paths, name) {
			staged = append(staged, name+" (deleted)")
		}
	}
	if len(staged) > 0 {
		slices.Sort(staged)
		if len(staged) > 5 {
			staged = append(staged[:5], fmt.Sprintf("and %d more", len(staged)-5))
		}
		what := strings.Join(paths, ", ")
		if len(paths) > 3 {
			what = fmt.Sprintf("the %d files imported", len(paths))
		}
		return fmt.Errorf("changes are staged for the next commit (%s); commit them or unstage them (git restore --staged .) first, so that this commit holds only %s: %w",
			strings.Join(staged, ", "), what, ErrNotClean)
	}
	return nil
}

// cleanFile reports uncommitted changes to path that writing it would lose.
func (r *Repo) cleanFile(path string) error {
	committed, inHead, err := r.File("HEAD", path)
	if err != nil {
		return err
	}
	onDisk, err := os.ReadFile(filepath.Join(r.Dir, filepath.FromSlash(path)))
	switch {
	case errors.Is(err, os.ErrNotExist):
		if inHead {
			return fmt.Errorf("%s is deleted in the working tree but not in the last commit; restore it (git restore %s) or commit the deletion first: %w", path, path, ErrNotClean)
		}
	case err != nil:
		return fmt.Errorf("repo: %w", err)
	case !inHead:
		return fmt.Errorf("%s is in the working tree but was never committed; commit it first, or move it away: %w", path, ErrNotClean)
	case !bytes.Equal(lf(onDisk), lf(committed)):
		return fmt.Errorf("%s has changes not committed; commit them (git commit %s) or undo them (git restore %s) first: %w", path, path, path, ErrNotClean)
	}
	return nil
}

func lf(b []byte) []byte { return bytes.ReplaceAll(b, []byte("\r\n"), []byte("\n")) }

// CommitFiles writes files into the working tree and commits them alone,
// in one commit on top of HEAD, with the message, author and committer
// given. Call Clean first. Should writing one of them fail, those already
// written are put back as they were.
func (r *Repo) CommitFiles(files []record.File, message string, author, committer object.Signature) (string, error) {
	type saved struct {
		full string
		data []byte
		had  bool
	}
	var done []saved
	undo := func() {
		for _, s := range slices.Backward(done) {
			if s.had {
				os.WriteFile(s.full, s.data, 0o644)
			} else {
				os.Remove(s.full)
			}
		}
	}
	for _, f := range files {
		full := filepath.Join(r.Dir, filepath.FromSlash(f.Path))
		old, err := os.ReadFile(full)
		s := saved{full: full, data: old, had: err == nil}
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			undo()
			return "", fmt.Errorf("repo: %w", err)
		}
		if err := os.WriteFile(full, f.Data, 0o644); err != nil {
			undo()
			return "", fmt.Errorf("repo: %w", err)
		}
		done = append(done, s)
	}
	w, err := r.Git.Worktree()
	if err != nil {
		undo()
		return "", fmt.Errorf("repo: %w", err)
	}
	for _, f := range files {
		if _, err := w.Add(f.Path); err != nil {
			return "", fmt.Errorf("repo: staging %s: %w", f.Path, err)
		}
	}
	h, err := w.Commit(message, &git.CommitOptions{Author: &author, Committer: &committer})
	if err != nil {
		return "", fmt.Errorf("repo: committing %s: %w", strings.Join(pathsOf(files), ", "), err)
	}
	return h.String(), nil
}

func pathsOf(files []record.File) []string {
	var ps []string
	for _, f := range files {
		ps = append(ps, f.Path)
	}
	return ps
}
