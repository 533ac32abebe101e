package publish

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

func write(t *testing.T, p, s string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

func read(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// aLedger is a ledger as gongshi writes it, with one build.
const aLedger = `{
  "format": 1,
  "builds": [{"commit": "0123456789abcdef0123456789abcdef01234567", "date": "2026-04-01T09:00:00+08:00", "subject": "录入"}],
  "commits": []
}
`

// site writes a site gongshi could have published into out.
func site(t *testing.T, out, index string) {
	t.Helper()
	write(t, filepath.Join(out, "index.html"), index)
	write(t, filepath.Join(out, "ledger.json"), aLedger)
}

func names(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var ns []string
	for _, e := range entries {
		ns = append(ns, e.Name())
	}
	return ns
}

func open(t *testing.T, out string) *Target {
	t.Helper()
	tg, err := Open(out, Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { tg.Close() })
	return tg
}

func TestSwapReplacesTheSiteAndLeavesNoStaging(t *testing.T) {
	root := t.TempDir()
	out := filepath.Join(root, "public")
	site(t, out, "old")
	write(t, filepath.Join(out, "gone.html"), "old page")
	tg := open(t, out)
	s, err := tg.Stage()
	if err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(s.Dir, "index.html"), "new")
	if left, err := s.Swap(); err != nil || left != nil {
		t.Fatalf("Swap() = %v, %v", left, err)
	}
	if got := read(t, filepath.Join(out, "index.html")); got != "new" {
		t.Errorf("index.html = %q; want new", got)
	}
	if _, err := os.Stat(filepath.Join(out, "gone.html")); !os.IsNotExist(err) {
		t.Errorf("a page of the old site survived the swap: %v", err)
	}
	tg.Close()
	if got := names(t, root); !slices.Equal(got, []string{"public"}) {
		t.Errorf("beside public after the swap: %v; want only public (no staging, no lock)", got)
	}
}

func TestSwapIntoNothing(t *testing.T) {
	out := filepath.Join(t.TempDir(), "site", "public")
	tg := open(t, out)
	s, err := tg.Stage()
	if err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(s.Dir, "index.html"), "first")
	if _, err := s.Swap(); err != nil {
		t.Fatal(err)
	}
	if got := read(t, filepath.Join(out, "index.html")); got != "first" {
		t.Errorf("index.html = %q", got)
	}
}

func TestDiscardLeavesThePublishedSiteUntouched(t *testing.T) {
	root := t.TempDir()
	out := filepath.Join(root, "public")
	site(t, out, "published")
	tg := open(t, out)
	s, err := tg.Stage()
	if err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(s.Dir, "index.html"), "half-built")
	if err := s.Discard(); err != nil {
		t.Fatal(err)
	}
	tg.Close()
	if got := read(t, filepath.Join(out, "index.html")); got != "published" {
		t.Errorf("index.html = %q; want published", got)
	}
	if got := names(t, root); !slices.Equal(got, []string{"public"}) {
		t.Errorf("beside public after discard: %v", got)
	}
}

// TestOpenRefusesWhatIsNotOnlyASite: every place that holds or is more
// than a site is refused with one line saying why, and left as it was.
func TestOpenRefusesWhatIsNotOnlyASite(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	root := t.TempDir()
	repo := filepath.Join(root, "records")
	write(t, filepath.Join(repo, ".git", "HEAD"), "ref: refs/heads/main\n")
	write(t, filepath.Join(repo, "records", "township.yaml"), "name: 朝天镇\n")
	r := Repository{
		WorkTrees: []string{repo},
		GitDir:    filepath.Join(repo, ".git"),
		Ignored:   func(p string) (bool, error) { return filepath.Base(p) == "ignored", nil },
	}
	write(t, filepath.Join(root, "notes", "todo.txt"), "mine")
	write(t, filepath.Join(root, "forged", "ledger.json"), `{"format": 1, "builds": [], "commits": [], "by": "me"}`)
	write(t, filepath.Join(root, "forged", "index.html"), "x")
	site(t, filepath.Join(root, "deployed"), "site")
	write(t, filepath.Join(root, "deployed", ".git", "HEAD"), "ref: refs/heads/gh-pages\n")
	write(t, filepath.Join(root, "a-file"), "x")
	if err := os.Symlink(filepath.Join(root, "deployed"), filepath.Join(root, "link")); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, out, why string
	}{
		{"root", "/", "it is the root folder"},
		{"home", home, "it is a home folder"},
		{"holds home", filepath.Dir(home), "it holds the home folder"},
		{"the repository", repo, "it is or holds the repository being built"},
		{"holds the repository", root, "it is or holds the repository being built"},
		{"in the git folder", filepath.Join(repo, ".git", "site"), "it is inside the git folder of the repository being built"},
		{"in the working tree", filepath.Join(repo, "public"), "it is inside the working tree of the repository being built (" + repo + "), which does not ignore it (add /public/ to its .gitignore"},
		{"records", filepath.Join(repo, "records"), "it is inside the working tree"},
		{"not a site", filepath.Join(root, "notes"), "it is not empty and holds no ledger.json"},
		{"a ledger gongshi did not write", filepath.Join(root, "forged"), "its ledger.json was not written by gongshi"},
		{"holds a git repository", filepath.Join(root, "deployed"), "it holds a git repository (" + filepath.Join(root, "deployed", ".git") + ")"},
		{"a link", filepath.Join(root, "link"), "it is a link"},
		{"a file", filepath.Join(root, "a-file"), "it is a file"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := names(t, root)
			tg, err := Open(tc.out, Options{Repository: r})
			var re *RefusedError
			if !errors.As(err, &re) || !strings.Contains(err.Error(), tc.why) || strings.Contains(err.Error(), "\n") {
				if tg != nil {
					tg.Close()
				}
				t.Fatalf("Open(%s) = %v; want a refusal on one line saying %q", tc.out, err, tc.why)
			}
			if got := names(t, root); !slices.Equal(got, before) {
				t.Errorf("a refusal changed %s: %v; was %v", root, got, before)
			}
		})
	}
	t.Run("ignored by the repository", func(t *testing.T) {
		tg, err := Open(filepath.Join(repo, "ignored"), Options{Repository: r})
		if err != nil {
			t.Fatalf("Open(an ignored folder of the working tree) = %v; want it accepted", err)
		}
		tg.Close()
	})
	if got := read(t, filepath.Join(root, "notes", "todo.txt")); got != "mine" {
		t.Errorf("notes/todo.txt = %q after the refusals", got)
	}
}

// TestOpenWaitsForTheBuildHoldingTheLock: a second Open waits until the
// first closes, saying once that it waits; with NoWait it fails at once.
func TestOpenWaitsForTheBuildHoldingTheLock(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	first := open(t, out)
	if _, err := Open(out, Options{NoWait: true}); !errors.Is(err, ErrBusy) {
		t.Fatalf("Open(NoWait) while locked = %v; want ErrBusy", err)
	}
	waited := make(chan struct{}, 1)
	done := make(chan *Target)
	go func() {
		tg, err := Open(out, Options{Waiting: func() { waited <- struct{}{} }})
		if err != nil {
			t.Error(err)
		}
		done <- tg
	}()
	select {
	case <-waited:
	case <-time.After(10 * time.Second):
		t.Fatal("the second Open did not say it waits")
	}
	select {
	case <-done:
		t.Fatal("the second Open took the lock the first holds")
	case <-time.After(50 * time.Millisecond):
	}
	first.Close()
	select {
	case second := <-done:
		if second != nil {
			second.Close()
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the second Open did not get the lock once the first let go")
	}
}

// TestOpenRemovesWhatKilledBuildsLeft: staging folders of killed builds
// (and of gongshi before it named them so) go; nothing else beside OUT.
func TestOpenRemovesWhatKilledBuildsLeft(t *testing.T) {
	root := t.TempDir()
	out := filepath.Join(root, "public")
	site(t, out, "site")
	for _, d := range []string{".public.gongshi-staging-123", ".public.staging-4567", ".public.gongshi-aside"} {
		write(t, filepath.Join(root, d, "index.html"), "half")
	}
	for _, d := range []string{".public.staging-mine", ".public2.gongshi-staging-1", ".public.notes"} {
		write(t, filepath.Join(root, d, "x"), "keep")
	}
	write(t, filepath.Join(root, ".public.gongshi-staging-file"), "a file, not a folder")
	tg := open(t, out)
	tg.Close()
	want := []string{".public.gongshi-staging-file", ".public.notes", ".public.staging-mine", ".public2.gongshi-staging-1", "public"}
	if got := names(t, root); !slices.Equal(got, want) {
		t.Errorf("beside public: %v; want %v", got, want)
	}
}

// TestOpenPutsBackASiteSetAside: a build killed between the two renames
// of a swap (where there is no atomic exchange) left OUT missing; the
// next build puts the old site back before reading its ledger.
func TestOpenPutsBackASiteSetAside(t *testing.T) {
	root := t.TempDir()
	out := filepath.Join(root, "public")
	site(t, filepath.Join(root, ".public.gongshi-aside"), "old")
	tg := open(t, out)
	if tg.Ledger.Head() == "" || read(t, filepath.Join(out, "index.html")) != "old" {
		t.Errorf("the site set aside was not put back and read: ledger head %q", tg.Ledger.Head())
	}
}

// TestSwapSucceedsWhenTheOldSiteCannotBeRemoved: once the new site is in
// place the swap succeeds, and names what it could not remove.
func TestSwapSucceedsWhenTheOldSiteCannotBeRemoved(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	site(t, out, "old")
	tg := open(t, out)
	s, err := tg.Stage()
	if err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(s.Dir, "index.html"), "new")
	tg.remove = func(p string) error {
		if filepath.Base(p) == "index.html" {
			return errors.New("operation not permitted")
		}
		return os.RemoveAll(p)
	}
	left, err := s.Swap()
	if err != nil {
		t.Fatalf("Swap() = %v; want success, the new site being live", err)
	}
	if got := read(t, filepath.Join(out, "index.html")); got != "new" {
		t.Errorf("index.html = %q; want new", got)
	}
	if len(left) != 1 || !strings.Contains(left[0], filepath.Join(s.Dir, "index.html")+": operation not permitted") {
		t.Errorf("leftovers = %q; want the old index.html named", left)
	}
}
