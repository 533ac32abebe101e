package publish

import (
	"os"
	"path/filepath"
	"testing"
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

func TestSwapReplacesTheSiteAndLeavesNoStaging(t *testing.T) {
	root := t.TempDir()
	out := filepath.Join(root, "public")
	write(t, filepath.Join(out, "index.html"), "old")
	write(t, filepath.Join(out, "gone.html"), "old page")
	s, err := Stage(out)
	if err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(s.Dir, "index.html"), "new")
	if err := s.Swap(); err != nil {
		t.Fatal(err)
	}
	if got := read(t, filepath.Join(out, "index.html")); got != "new" {
		t.Errorf("index.html = %q; want new", got)
	}
	if _, err := os.Stat(filepath.Join(out, "gone.html")); !os.IsNotExist(err) {
		t.Errorf("a page of the old site survived the swap: %v", err)
	}
	entries, _ := os.ReadDir(root)
	if len(entries) != 1 {
		t.Errorf("folders beside public after swap: %v; want only public", entries)
	}
}

func TestSwapIntoNothing(t *testing.T) {
	out := filepath.Join(t.TempDir(), "site", "public")
	s, err := Stage(out)
	if err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(s.Dir, "index.html"), "first")
	if err := s.Swap(); err != nil {
		t.Fatal(err)
	}
	if got := read(t, filepath.Join(out, "index.html")); got != "first" {
		t.Errorf("index.html = %q", got)
	}
}

func TestDiscardLeavesThePublishedSiteUntouched(t *testing.T) {
	root := t.TempDir()
	out := filepath.Join(root, "public")
	write(t, filepath.Join(out, "index.html"), "published")
	s, err := Stage(out)
	if err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(s.Dir, "index.html"), "half-built")
	if err := s.Discard(); err != nil {
		t.Fatal(err)
	}
	if got := read(t, filepath.Join(out, "index.html")); got != "published" {
		t.Errorf("index.html = %q; want published", got)
	}
	entries, _ := os.ReadDir(root)
	if len(entries) != 1 {
		t.Errorf("folders beside public after discard: %v", entries)
	}
}
