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

// This file writes: one record file committed on its own, for the import
// of a filled-in spreadsheet. Nothing else the clerk has under way is
// touched or swept into the commit.

// ErrNotClean is returned when committing one file would take in, or
// overwrite, work the clerk has not committed.
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
// committing path alone on top of HEAD: changes to path not committed
// (writing it would lose them) and changes to other files already staged
// (committing would take them in). Line ends do not count: a file checked
// out with CRLF on Windows is unchanged.
func (r *Repo) Clean(path string) error {
	head, err := r.Commit("HEAD")
	if err != nil {
		return err
	}
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
		if h, ok := inTree[e.Name]; (!ok || h != e.Hash) && e.Name != path {
			staged = append(staged, e.Name)
		}
	}
	for name := range inTree {
		if !inIndex[name] && name != path {
			staged = append(staged, name+" (deleted)")
		}
	}
	if len(staged) > 0 {
		slices.Sort(staged)
		if len(staged) > 5 {
			staged = append(staged[:5], fmt.Sprintf("and %d more", len(staged)-5))
		}
		return fmt.Errorf("changes are staged for the next commit (%s); commit them or unstage them (git restore --staged .) first, so that this commit holds only %s: %w",
			strings.Join(staged, ", "), path, ErrNotClean)
	}
	return nil
}

func lf(b []byte) []byte { return bytes.ReplaceAll(b, []byte("\r\n"), []byte("\n")) }

// CommitFile writes f into the working tree and commits it alone on top of
// HEAD, with the message, author and committer given. Call Clean first.
func (r *Repo) CommitFile(f record.File, message string, author, committer object.Signature) (string, error) {
	full := filepath.Join(r.Dir, filepath.FromSlash(f.Path))
	if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
		return "", fmt.Errorf("repo: %w", err)
	}
	if err := os.WriteFile(full, f.Data, 0o644); err != nil {
		return "", fmt.Errorf("repo: %w", err)
	}
	w, err := r.Git.Worktree()
	if err != nil {
		return "", fmt.Errorf("repo: %w", err)
	}
	if _, err := w.Add(f.Path); err != nil {
		return "", fmt.Errorf("repo: staging %s: %w", f.Path, err)
	}
	h, err := w.Commit(message, &git.CommitOptions{Author: &author, Committer: &committer})
	if err != nil {
		return "", fmt.Errorf("repo: committing %s: %w", f.Path, err)
	}
	return h.String(), nil
}
