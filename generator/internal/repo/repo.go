// Package repo reads what a site is built from: the records and the site's
// own files (config, layouts, hand-written pages) as they stand in the git
// objects of one commit, never as they stand in the working tree; or, for
// an unpublished preview, from the working tree.
package repo

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/go-git/go-billy/v5"
	"github.com/go-git/go-billy/v5/osfs"
	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/cache"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/go-git/go-git/v5/plumbing/storer"
	"github.com/go-git/go-git/v5/storage/filesystem"
	"github.com/go-git/go-git/v5/storage/filesystem/dotgit"

	"gongshi/generator/internal/diag"
	"gongshi/generator/internal/record"
)

// SitePaths are the top-level files and folders of the Hugo site that are
// read with the records: the site config, templates and hand-written pages.
var SitePaths = []string{"hugo.toml", "content", "layouts", "static", "assets", "i18n"}

// ErrShallow is returned for a shallow clone: its history is cut off, so
// change histories and dates would be silently wrong.
var ErrShallow = errors.New("the repository is a shallow clone; its history is incomplete, so change histories would be wrong: run `git fetch --unshallow` first")

// Snapshot is what one build reads.
type Snapshot struct {
	Commit   string      // full hash; "" for a working-tree preview
	Author   string      // author name
	Email    string      // author email
	When     time.Time   // committer date, in Asia/Shanghai
	AsOf     record.Date // the day every status is computed for
	Message  string
	Records  []record.File
	Site     []record.File
	WorkTree bool // read from the working tree: a preview, not publishable
}

// Short is the abbreviated commit hash shown on pages.
func (s *Snapshot) Short() string {
	if len(s.Commit) < 10 {
		return s.Commit
	}
	return s.Commit[:10]
}

// Repo is an open git repository.
type Repo struct {
	Git *git.Repository
	Dir string // the working tree, or the git dir of a bare repository
	// GitDir is the folder holding the objects: .git, or the common dir
	// of a linked worktree. Caches of what is read from them live there.
	GitDir  string
	storage *filesystem.Storage
	objects cache.Object // go-git's cache of the objects it read
}

// Open finds the repository containing dir and opens it. Pack files stay
// open between reads (KeepDescriptors): reopening them for every object is
// what makes go-git slow on long histories. Close releases them.
func Open(dir string) (*Repo, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("repo: %w", err)
	}
	top, dot, err := findGitDir(abs)
	if err != nil {
		return nil, err
	}
	dotFs := osfs.New(dot)
	var repoFs billy.Filesystem = dotFs
	gitDir := dot
	if common, err := os.ReadFile(filepath.Join(dot, "commondir")); err == nil {
		c := strings.TrimSpace(string(common))
		if !filepath.IsAbs(c) {
			c = filepath.Join(dot, c)
		}
		repoFs = dotgit.NewRepositoryFilesystem(dotFs, osfs.New(c))
		gitDir = filepath.Clean(c)
	}
	objects := cache.NewObjectLRUDefault()
	st := filesystem.NewStorageWithOptions(repoFs, objects, filesystem.Options{KeepDescriptors: true})
	var wt billy.Filesystem
	if top != dot {
		wt = osfs.New(top)
	}
	g, err := git.Open(st, wt)
	if err != nil {
		st.Close()
		return nil, fmt.Errorf("repo: open %s: %w", top, err)
	}
	shallow, err := st.Shallow()
	if err != nil {
		st.Close()
		return nil, fmt.Errorf("repo: %s: %w", top, err)
	}
	if len(shallow) > 0 {
		st.Close()
		return nil, fmt.Errorf("repo: %s: %w", top, ErrShallow)
	}
	return &Repo{Git: g, Dir: top, GitDir: gitDir, storage: st, objects: objects}, nil
}

// DropCache empties go-git's cache of the objects read so far (up to
// 96 MiB of them), when what comes next reads other objects: reading the
// history of every record file fills it, and a build's later passes read
// commits and trees through caches of their own.
func (r *Repo) DropCache() { r.objects.Clear() }

// Close releases the open pack files.
func (r *Repo) Close() error { return r.storage.Close() }

// findGitDir walks up from dir to the working tree holding a .git folder
// or file (a linked worktree), or recognises a bare repository.
func findGitDir(dir string) (top, dot string, err error) {
	for d := dir; ; {
		p := filepath.Join(d, ".git")
		fi, err := os.Stat(p)
		switch {
		case err == nil && fi.IsDir():
			return d, p, nil
		case err == nil:
			g, err := readGitFile(p)
			return d, g, err
		}
		if isBare(d) {
			return d, d, nil
		}
		parent := filepath.Dir(d)
		if parent == d {
			return "", "", fmt.Errorf("repo: %s is not inside a git repository", dir)
		}
		d = parent
	}
}

func readGitFile(p string) (string, error) {
	b, err := os.ReadFile(p)
	if err != nil {
		return "", fmt.Errorf("repo: %w", err)
	}
	line, _, _ := strings.Cut(string(b), "\n")
	g, ok := strings.CutPrefix(strings.TrimSpace(line), "gitdir: ")
	if !ok {
		return "", fmt.Errorf("repo: %s: expected \"gitdir: PATH\"", p)
	}
	if !filepath.IsAbs(g) {
		g = filepath.Join(filepath.Dir(p), g)
	}
	return g, nil
}

func isBare(d string) bool {
	for _, f := range []string{"HEAD", "objects", "refs"} {
		if _, err := os.Stat(filepath.Join(d, f)); err != nil {
			return false
		}
	}
	return true
}

// Commit resolves a revision (HEAD, a branch, a tag, a hash) to a commit.
func (r *Repo) Commit(rev string) (*object.Commit, error) {
	h, err := r.Git.ResolveRevision(plumbing.Revision(rev))
	if err != nil {
		return nil, fmt.Errorf("repo: no commit %q in %s: %w", rev, r.Dir, err)
	}
	c, err := r.Git.CommitObject(*h)
	if err != nil {
		return nil, fmt.Errorf("repo: commit %s: %w", h, err)
	}
	return c, nil
}

// commitSnapshot is a snapshot of commit c without its files: who made
// it, when, and the day its records are as of.
func commitSnapshot(c *object.Commit) *Snapshot {
	s := &Snapshot{
		Commit:  c.Hash.String(),
		Author:  c.Author.Name,
		Email:   c.Author.Email,
		When:    c.Committer.When.In(record.Shanghai()),
		Message: c.Message,
	}
	s.AsOf = record.DateOf(s.When)
	return s
}

// Snapshot reads the records and site files of the commit rev names.
func (r *Repo) Snapshot(rev string) (*Snapshot, error) { return r.SnapshotKnowing(rev, nil) }

// SnapshotKnowing is Snapshot, leaving out the data of the record files
// that known says are known already by path and blob (a decode cache has
// them): each File still has its Path and Blob.
func (r *Repo) SnapshotKnowing(rev string, known func(path, blob string) bool) (*Snapshot, error) {
	c, err := r.Commit(rev)
	if err != nil {
		return nil, err
	}
	s := commitSnapshot(c)
	objs := NewObjects(r.storage, DefaultObjectCache)
	defer objs.Close()
	var recs, site []wanted
	if recs, err = listTree(objs, c.TreeHash, record.Dir, record.IsRecordFile); err != nil {
		return nil, fmt.Errorf("repo: commit %s: %w", c.Hash, err)
	}
	for _, p := range SitePaths {
		ws, err := listTree(objs, c.TreeHash, p, func(string) bool { return true })
		if err != nil {
			return nil, fmt.Errorf("repo: commit %s: %w", c.Hash, err)
		}
		site = append(site, ws...)
	}
	if s.Records, err = readBlobs(objs, recs, known); err != nil {
		return nil, fmt.Errorf("repo: commit %s: %w", c.Hash, err)
	}
	if s.Site, err = readBlobs(objs, site, nil); err != nil {
		return nil, fmt.Errorf("repo: commit %s: %w", c.Hash, err)
	}
	return s, nil
}

// wanted is a file of a tree to read.
type wanted struct {
	path string
	hash plumbing.Hash
}

// listTree lists the files at or under p in the tree root that keep says
// to read, sorted by path. A missing p is no error: the commit has none.
// Trees are read through objs: a county's record folders are large, and
// go-git's store hashes every one it reads.
func listTree(objs *Objects, root plumbing.Hash, p string, keep func(string) bool) ([]wanted, error) {
	h, mode := root, filemode.Dir
	for _, name := range strings.Split(p, "/") {
		if mode != filemode.Dir {
			return nil, nil
		}
		t, err := objs.Tree(h)
		if err != nil {
			return nil, err
		}
		found := false
		for _, e := range t.Entries {
			if e.Name == name {
				h, mode, found = e.Hash, e.Mode, true
				break
			}
		}
		if !found {
			return nil, nil
		}
	}
	var out []wanted
	var walk func(h plumbing.Hash, dir string) error
	walk = func(h plumbing.Hash, dir string) error {
		t, err := objs.Tree(h)
		if err != nil {
			return err
		}
		for _, e := range t.Entries {
			full := dir + "/" + e.Name
			switch {
			case e.Mode == filemode.Dir:
				if err := walk(e.Hash, full); err != nil {
					return err
				}
			case e.Mode == filemode.Submodule || !keep(full):
			default:
				out = append(out, wanted{full, e.Hash})
			}
		}
		return nil
	}
	switch {
	case mode == filemode.Dir:
		if err := walk(h, p); err != nil {
			return nil, err
		}
	case mode != filemode.Submodule && keep(p):
		out = append(out, wanted{p, h})
	}
	slices.SortFunc(out, func(a, b wanted) int { return strings.Compare(a.path, b.path) })
	return out, nil
}

// readBlobs reads the files' contents, but for those known says to leave
// out.
func readBlobs(objs *Objects, ws []wanted, known func(path, blob string) bool) ([]record.File, error) {
	files := make([]record.File, len(ws))
	for i, w := range ws {
		files[i] = record.File{Path: w.path, Blob: w.hash.String()}
		if known != nil && known(w.path, files[i].Blob) {
			continue
		}
		data, err := objs.Read(w.hash, plumbing.BlobObject)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", w.path, err)
		}
		files[i].Data = data
	}
	return files, nil
}

func blob(st storer.EncodedObjectStorer, h plumbing.Hash) ([]byte, error) {
	b, err := object.GetBlob(st, h)
	if err != nil {
		return nil, err
	}
	rd, err := b.Reader()
	if err != nil {
		return nil, err
	}
	defer rd.Close()
	return io.ReadAll(bufio.NewReader(rd))
}

// WorkTree reads the records and site files from the working tree at dir,
// for a preview: it is not a commit, so nothing built from it is published.
// The as-of day is the given day (the preview's today). A link is read
// only when it names a file inside the working tree: any other is a
// mistake at its path (a diag.List, every one listed), so that nothing
// outside the repository is read into a preview or a check.
func WorkTree(dir string, asOf record.Date) (*Snapshot, error) {
	top, err := filepath.EvalSymlinks(dir)
	if err != nil {
		return nil, fmt.Errorf("repo: %w", err)
	}
	s := &Snapshot{WorkTree: true, AsOf: asOf}
	var links diag.List
	if s.Records, err = readDir(top, record.Dir, record.IsRecordFile, &links); err != nil {
		return nil, err
	}
	for _, p := range SitePaths {
		files, err := readDir(top, p, func(string) bool { return true }, &links)
		if err != nil {
			return nil, err
		}
		s.Site = append(s.Site, files...)
	}
	if err := links.Err(); err != nil {
		return nil, err
	}
	return s, nil
}

func readDir(root, p string, keep func(string) bool, links *diag.List) ([]record.File, error) {
	var files []record.File
	err := filepath.WalkDir(filepath.Join(root, p), func(full string, d fs.DirEntry, err error) error {
		if errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		if err != nil {
			return err
		}
		if d.IsDir() {
			if strings.HasPrefix(d.Name(), ".") && full != filepath.Join(root, p) {
				return filepath.SkipDir
			}
			return nil
		}
		rel, err := filepath.Rel(root, full)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		if !keep(rel) || strings.HasPrefix(d.Name(), ".") {
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			if why := linkProblem(root, full); why != "" {
				links.Add(diag.Pos{File: rel}, "%s", why)
				return nil
			}
		} else if !d.Type().IsRegular() {
			links.Add(diag.Pos{File: rel}, "expected a file, found a %s", "special file")
			return nil
		}
		b, err := os.ReadFile(full)
		if err != nil {
			return err
		}
		files = append(files, record.File{Path: rel, Data: b})
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("repo: %w", err)
	}
	slices.SortFunc(files, func(a, b record.File) int { return strings.Compare(a.Path, b.Path) })
	return files, nil
}

// linkProblem says why the link at full is not read, or "" when it names
// a file inside the working tree root.
func linkProblem(root, full string) string {
	target, err := os.Readlink(full)
	if err != nil {
		return fmt.Sprintf("expected a file, found a link that cannot be read (%v)", err)
	}
	real, err := filepath.EvalSymlinks(full)
	if err != nil {
		return fmt.Sprintf("expected a file inside the repository, found a link to %s, which does not exist", target)
	}
	rel, err := filepath.Rel(root, real)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) || filepath.IsAbs(rel) {
		return fmt.Sprintf("expected a file inside the repository, found a link to %s", target)
	}
	if fi, err := os.Stat(real); err != nil || !fi.Mode().IsRegular() {
		return fmt.Sprintf("expected a file, found a link to %s, which is not a file", target)
	}
	return ""
}

// Staged reads the records as staged in the index for the next commit:
// what a pre-commit hook must check. Site files are not read.
func (r *Repo) Staged(asOf record.Date) (*Snapshot, error) {
	idx, err := r.Git.Storer.Index()
	if err != nil {
		return nil, fmt.Errorf("repo: index of %s: %w", r.Dir, err)
	}
	s := &Snapshot{WorkTree: true, AsOf: asOf}
	for _, e := range idx.Entries {
		if !record.IsRecordFile(e.Name) {
			continue
		}
		b, err := blob(r.storage, e.Hash)
		if err != nil {
			return nil, fmt.Errorf("repo: staged %s: %w", e.Name, err)
		}
		s.Records = append(s.Records, record.File{Path: e.Name, Data: b})
	}
	slices.SortFunc(s.Records, func(a, b record.File) int { return strings.Compare(a.Path, b.Path) })
	return s, nil
}
