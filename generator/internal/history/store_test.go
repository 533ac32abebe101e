package history

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestStoreKeepsWhatWasPutForTheCommitsOfTheHistory(t *testing.T) {
	g, _ := cacheFixture(t)
	ix, err := Walk(g.Git, "HEAD")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	s := OpenStore(dir, "versions")
	if s.Rebuilt != "none" {
		t.Errorf("Rebuilt = %q; want none", s.Rebuilt)
	}
	head, gone := ix.Head, strings.Repeat("ab", 20)
	s.Put(head, "content/notices/a.md", []byte("第一版"))
	s.Put(head, "absent", []byte{})
	s.Put(gone, "content/notices/a.md", []byte("改写前"))
	if err := s.Save(ix); err != nil {
		t.Fatal(err)
	}
	again := OpenStore(dir, "versions")
	if again.Rebuilt != "" {
		t.Fatalf("Rebuilt = %q; want the kept store used", again.Rebuilt)
	}
	if b, ok := again.Get(head, "content/notices/a.md"); !ok || string(b) != "第一版" {
		t.Errorf("Get = %q, %v; want 第一版", b, ok)
	}
	if b, ok := again.Get(head, "absent"); !ok || len(b) != 0 {
		t.Errorf("Get(absent) = %q, %v; want kept as empty", b, ok)
	}
	if _, ok := again.Get(gone, "content/notices/a.md"); ok {
		t.Errorf("a commit no longer in the history was kept")
	}
}

func TestDamagedStoreStartsAfresh(t *testing.T) {
	g, _ := cacheFixture(t)
	ix, err := Walk(g.Git, "HEAD")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	s := OpenStore(dir, "versions")
	s.Put(ix.Head, "k", []byte("v"))
	if err := s.Save(ix); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, "versions")
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	for name, damaged := range map[string][]byte{
		"truncated":    b[:len(b)/2],
		"flipped byte": append(append([]byte{}, b[:len(b)/2]...), append([]byte{b[len(b)/2] ^ 1}, b[len(b)/2+1:]...)...),
	} {
		if err := os.WriteFile(p, damaged, 0o644); err != nil {
			t.Fatal(err)
		}
		s := OpenStore(dir, "versions")
		if !strings.HasPrefix(s.Rebuilt, "corrupt") {
			t.Errorf("%s: Rebuilt = %q; want corrupt", name, s.Rebuilt)
		}
		if _, ok := s.Get(ix.Head, "k"); ok {
			t.Errorf("%s: a damaged store was used", name)
		}
	}
}
