// Package scaffold creates a new township's records repository: the
// folders and starting records (a township record, a scheme and the
// current holiday calendar, with the blanks the clerk must fill marked
// ○○), the JSON Schemas wired for editors, a README for the clerk in
// Chinese, versioned git hooks that run `gongshi check --staged` before a
// commit and `gongshi check --message` on its message, and CI examples for
// Gitea Actions and GitLab CI. The repository holds no layouts: the site
// files ship inside gongshi (package theme).
//
// files/ holds the repository's files; a path segment "dot-x" is written
// as ".x", so that the .gitignore and .gitattributes of a township do not
// act on this project. The calendar is not among them: a new township
// starts from the sample's latest one, embedded where it lives by the
// package at the project's top level (gongshi).
package scaffold

import (
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"

	"gongshi"
	"gongshi/generator/internal/record"
	"gongshi/generator/schema"
)

//go:embed files
var files embed.FS

// SchemaDir is where a township's repository keeps the JSON Schemas.
const SchemaDir = "schema"

// HooksPath is the folder of the versioned git hooks, set as
// core.hooksPath.
const HooksPath = ".githooks"

// Files returns the files of a new repository, sorted by path.
func Files() []record.File {
	var out []record.File
	err := fs.WalkDir(files, "files", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := files.ReadFile(p)
		if err != nil {
			return err
		}
		out = append(out, record.File{Path: undot(strings.TrimPrefix(p, "files/")), Data: b})
		return nil
	})
	if err != nil {
		panic("scaffold: reading the embedded files: " + err.Error())
	}
	entries, err := schema.Files.ReadDir(".")
	if err != nil {
		panic("scaffold: reading the schemas: " + err.Error())
	}
	for _, e := range entries {
		b, _ := schema.Files.ReadFile(e.Name())
		out = append(out, record.File{Path: SchemaDir + "/" + e.Name(), Data: b})
	}
	out = append(out, latestCalendar(gongshi.Calendars()))
	out = append(out, record.File{Path: ".vscode/settings.json", Data: vscodeSettings()})
	slices.SortFunc(out, func(a, b record.File) int { return strings.Compare(a.Path, b.Path) })
	return out
}

// latestCalendar returns the sample's latest holiday calendar (the last
// by name: a calendar is named for its year) as a new township's: the same
// file at the same path, its schema line pointing to the township
// repository's schema/ folder instead of this project's.
func latestCalendar(cals fs.FS) record.File {
	names, err := fs.Glob(cals, record.Dir+"/calendar/*.yaml")
	if err != nil || len(names) == 0 {
		panic(fmt.Sprintf("scaffold: no embedded calendar (%v)", err)) // the binary itself is broken
	}
	slices.Sort(names)
	latest := names[len(names)-1]
	b, err := fs.ReadFile(cals, latest)
	if err != nil {
		panic("scaffold: reading the embedded calendar: " + err.Error())
	}
	rebased := strings.Replace(string(b), "$schema=../../generator/schema/", "$schema=../../"+SchemaDir+"/", 1)
	return record.File{Path: latest, Data: []byte(rebased)}
}

func undot(p string) string {
	parts := strings.Split(p, "/")
	for i, s := range parts {
		if rest, ok := strings.CutPrefix(s, "dot-"); ok {
			parts[i] = "." + rest
		}
	}
	return strings.Join(parts, "/")
}

// vscodeSettings maps each kind's files to its schema, for editors that
// read the workspace's settings rather than each file's first line, and
// keeps YAML in UTF-8 with LF line ends and spaces.
func vscodeSettings() []byte {
	type kv struct {
		schema string
		globs  []string
	}
	var kinds []kv
	for _, k := range record.Kinds() {
		kinds = append(kinds, kv{SchemaDir + "/" + k.Name + ".json", []string{record.Dir + "/" + k.Pattern}})
	}
	var b strings.Builder
	b.WriteString("{\n  \"yaml.schemas\": {\n")
	for i, k := range kinds {
		globs, _ := json.Marshal(k.globs)
		fmt.Fprintf(&b, "    %q: %s", k.schema, globs)
		if i < len(kinds)-1 {
			b.WriteByte(',')
		}
		b.WriteByte('\n')
	}
	b.WriteString("  },\n")
	b.WriteString("  \"files.encoding\": \"utf8\",\n  \"files.eol\": \"\\n\",\n")
	b.WriteString("  \"[yaml]\": {\n    \"editor.insertSpaces\": true,\n    \"editor.tabSize\": 2\n  }\n}\n")
	return []byte(b.String())
}

// Options say who creates the repository.
type Options struct {
	Author object.Signature // Name and Email; When is the commit's time
}

// ErrNotEmpty is returned for a folder that already holds files.
var ErrNotEmpty = errors.New("the folder is not empty")

// Init creates the repository in dir, which must be empty or absent: the
// files, core.hooksPath, and a first commit on main. It returns the
// commit's hash.
func Init(dir string, o Options) (string, error) {
	entries, err := os.ReadDir(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		return "", fmt.Errorf("init: %w", err)
	case len(entries) > 0:
		return "", fmt.Errorf("init: %s: %w; 请指定一个新的或空的文件夹", dir, ErrNotEmpty)
	}
	g, err := git.PlainInitWithOptions(dir, &git.PlainInitOptions{
		InitOptions: git.InitOptions{DefaultBranch: plumbing.NewBranchReferenceName("main")},
	})
	if err != nil {
		return "", fmt.Errorf("init: %w", err)
	}
	for _, f := range Files() {
		full := filepath.Join(dir, filepath.FromSlash(f.Path))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			return "", fmt.Errorf("init: %w", err)
		}
		mode := os.FileMode(0o644)
		if path.Dir(f.Path) == HooksPath {
			mode = 0o755
		}
		if err := os.WriteFile(full, f.Data, mode); err != nil {
			return "", fmt.Errorf("init: %w", err)
		}
	}
	cfg, err := g.Config()
	if err != nil {
		return "", fmt.Errorf("init: %w", err)
	}
	cfg.Raw.Section("core").SetOption("hooksPath", HooksPath)
	if err := g.SetConfig(cfg); err != nil {
		return "", fmt.Errorf("init: %w", err)
	}
	w, err := g.Worktree()
	if err != nil {
		return "", fmt.Errorf("init: %w", err)
	}
	if err := w.AddWithOptions(&git.AddOptions{All: true}); err != nil {
		return "", fmt.Errorf("init: %w", err)
	}
	sig := o.Author
	if sig.When.IsZero() {
		sig.When = time.Now()
	}
	h, err := w.Commit("建立公示记录库（gongshi init）", &git.CommitOptions{Author: &sig, Committer: &sig})
	if err != nil {
		return "", fmt.Errorf("init: %w", err)
	}
	return h.String(), nil
}
