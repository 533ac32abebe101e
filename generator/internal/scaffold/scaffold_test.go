package scaffold

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"

	"gongshi/generator/internal/record"
)

func byPath() map[string][]byte {
	m := map[string][]byte{}
	for _, f := range Files() {
		m[f.Path] = f.Data
	}
	return m
}

func TestCalendarIsTheSamplesLatest(t *testing.T) {
	names, _ := filepath.Glob(filepath.Join("..", "..", "..", "records", "calendar", "*.yaml"))
	if len(names) == 0 {
		t.Fatal("no sample calendar")
	}
	slices.Sort(names)
	latest := names[len(names)-1]
	b, err := os.ReadFile(latest)
	if err != nil {
		t.Fatal(err)
	}
	want := strings.Replace(string(b), "$schema=../../generator/schema/", "$schema=../../schema/", 1)
	got, ok := byPath()["records/calendar/"+filepath.Base(latest)]
	var stale []string
	for p := range byPath() {
		if strings.HasPrefix(p, "records/calendar/") && p != "records/calendar/"+filepath.Base(latest) {
			stale = append(stale, p)
		}
	}
	if !ok || string(got) != want || len(stale) > 0 {
		t.Errorf("a new township's calendar is not the sample's latest (%s; others: %v)", latest, stale)
	}
}

var modeline = regexp.MustCompile(`^# yaml-language-server: \$schema=(\S+)\n`)

// TestEveryRecordFileIsWiredToItsSchema: each YAML file starts with the
// line that points editors at its kind's schema, and that schema is there.
func TestEveryRecordFileIsWiredToItsSchema(t *testing.T) {
	files := byPath()
	n := 0
	for p, b := range files {
		if !record.IsRecordFile(p) {
			continue
		}
		n++
		k, ok := record.KindOf(p)
		if !ok {
			t.Errorf("%s is no record file gongshi reads", p)
			continue
		}
		m := modeline.FindSubmatch(b)
		if m == nil {
			t.Errorf("%s does not start with a yaml-language-server line", p)
			continue
		}
		target := filepath.ToSlash(filepath.Join(filepath.Dir(p), string(m[1])))
		if target != SchemaDir+"/"+k.Name+".json" || files[target] == nil {
			t.Errorf("%s points at %s; want %s/%s.json, which a new repository holds", p, target, SchemaDir, k.Name)
		}
	}
	if n < 6 {
		t.Errorf("only %d record files in a new repository", n)
	}
}

func TestStartingRecordsDecodeWithoutMistakes(t *testing.T) {
	var rs []record.File
	for _, f := range Files() {
		if record.IsRecordFile(f.Path) {
			rs = append(rs, f)
		}
	}
	set, errs := record.Decode(rs)
	if len(errs) > 0 {
		t.Fatalf("a new repository's records have mistakes:\n%v", errs)
	}
	if !strings.Contains(set.Township.Organ, "○○") || len(set.Assess.Schemes) != 1 || len(set.Calendars) != 1 || set.Safety.Settings == nil {
		t.Errorf("starting records: organ %q, %d schemes, %d calendars, settings %v", set.Township.Organ, len(set.Assess.Schemes), len(set.Calendars), set.Safety.Settings != nil)
	}
}

func TestVSCodeSettingsMapEveryKind(t *testing.T) {
	var s struct {
		Schemas map[string][]string `json:"yaml.schemas"`
	}
	if err := json.Unmarshal(byPath()[".vscode/settings.json"], &s); err != nil {
		t.Fatal(err)
	}
	for _, k := range record.Kinds() {
		globs := s.Schemas[SchemaDir+"/"+k.Name+".json"]
		if len(globs) != 1 || globs[0] != record.Dir+"/"+k.Pattern {
			t.Errorf("yaml.schemas for %s = %v", k.Name, globs)
		}
	}
}

func TestInitCreatesARepositoryWithItsHook(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "qingshan")
	when := time.Date(2026, 11, 20, 9, 0, 0, 0, time.FixedZone("CST", 8*3600))
	h, err := Init(dir, Options{Author: object.Signature{Name: "青山镇党政办", Email: "dzb@qingshan.example", When: when}})
	if err != nil {
		t.Fatal(err)
	}
	g, err := git.PlainOpen(dir)
	if err != nil {
		t.Fatal(err)
	}
	head, _ := g.Head()
	if head.Name().Short() != "main" || head.Hash().String() != h {
		t.Errorf("HEAD is %s at %s; want main at %s", head.Name(), head.Hash(), h)
	}
	c, _ := g.CommitObject(head.Hash())
	if c.Author.Name != "青山镇党政办" || !c.Author.When.Equal(when) {
		t.Errorf("first commit by %s at %s", c.Author.Name, c.Author.When)
	}
	tree, _ := c.Tree()
	for _, hook := range []string{".githooks/pre-commit", ".githooks/commit-msg"} {
		e, err := tree.FindEntry(hook)
		if err != nil || e.Mode != filemode.Executable {
			t.Errorf("%s in the commit: %v, mode %v; want an executable", hook, err, e)
		}
	}
	cfg, _ := g.Config()
	if got := cfg.Raw.Section("core").Option("hooksPath"); got != HooksPath {
		t.Errorf("core.hooksPath = %q; want %q", got, HooksPath)
	}
	for _, p := range []string{".gitignore", ".gitattributes", ".gitlab-ci.yml", ".gitea/workflows/gongshi.yaml", "README.md", "records/township.yaml", "schema/people.json"} {
		if _, err := tree.FindEntry(p); err != nil {
			t.Errorf("%s not committed: %v", p, err)
		}
	}
	w, _ := g.Worktree()
	if st, _ := w.Status(); !st.IsClean() {
		t.Errorf("working tree not clean after init:\n%s", st)
	}
	// A second init in the same folder is refused and changes nothing.
	before, _ := os.ReadFile(filepath.Join(dir, "README.md"))
	if _, err := Init(dir, Options{Author: c.Author}); !errors.Is(err, ErrNotEmpty) {
		t.Errorf("init of a folder holding a repository: %v; want ErrNotEmpty", err)
	}
	if after, _ := os.ReadFile(filepath.Join(dir, "README.md")); !bytes.Equal(before, after) {
		t.Error("a refused init changed the README")
	}
}

// TestCIPublishesOnlyASiteThatPassesItsSelfCheck: the CI examples build
// with --strict, so that a site a government-website inspection would
// fail (a blank section, stale notices, a broken link) is not published.
func TestCIPublishesOnlyASiteThatPassesItsSelfCheck(t *testing.T) {
	for _, p := range []string{"files/dot-gitea/workflows/gongshi.yaml", "files/dot-gitlab-ci.yml"} {
		b, err := files.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(b), "gongshi build --rev HEAD --out public --strict") {
			t.Errorf("%s does not build with --strict", p)
		}
	}
}
