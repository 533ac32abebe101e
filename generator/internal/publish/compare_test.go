package publish

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestCompareSaysWhereFilesFirstDiffer(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	write(t, filepath.Join(a, "same.html"), "同一\n")
	write(t, filepath.Join(b, "same.html"), "同一\n")
	write(t, filepath.Join(a, "p.html"), "第一行\n王文书 · 提交\n")
	write(t, filepath.Join(b, "p.html"), "第一行\n王文书 · 签名\n")
	write(t, filepath.Join(a, "short.html"), "abc")
	write(t, filepath.Join(b, "short.html"), "abcdef")
	long := strings.Repeat("x", block+10)
	write(t, filepath.Join(a, "long.html"), long+"a")
	write(t, filepath.Join(b, "long.html"), long+"b")
	write(t, filepath.Join(a, "extra.html"), "x")
	write(t, filepath.Join(b, "missing.html"), "x")
	diffs, n, err := Compare(a, b)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"only in the site: extra.html",
		"differs: long.html: byte 65546 (line 1): site has \"a\", rebuild has \"b\"",
		"missing from the site: missing.html",
		`differs: p.html: byte 23 (line 2): site has "提交\n", rebuild has "签名\n"`,
		`differs: short.html: byte 3 (line 1): site has end of file, rebuild has "def"`,
	}
	if !slices.Equal(diffs, want) || n != 6 {
		t.Errorf("Compare = %d files\n%s\nwant 6\n%s", n, strings.Join(diffs, "\n"), strings.Join(want, "\n"))
	}
}

// TestCompareReadsNoMoreThanTheShorterFile: a site holding a 6 GB file
// is a difference, found without reading it (the file is sparse: the
// test costs no disk).
func TestCompareReadsNoMoreThanTheShorterFile(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	f, err := os.Create(filepath.Join(a, "big.bin"))
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(6 << 30); err != nil {
		t.Fatal(err)
	}
	f.Close()
	write(t, filepath.Join(b, "big.bin"), "twelve bytes")
	diffs, _, err := Compare(a, b)
	if err != nil {
		t.Fatal(err)
	}
	if want := `differs: big.bin: byte 0 (line 1): site has "\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00", rebuild has "twelve bytes"`; len(diffs) != 1 || diffs[0] != want {
		t.Errorf("Compare = %q; want %q", diffs, want)
	}
}

// TestCompareFollowsNoLink: a link in the site is a difference, and what
// it points to is never read.
func TestCompareFollowsNoLink(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	if err := os.Symlink("/etc/passwd", filepath.Join(a, "index.html")); err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(b, "index.html"), "root:x:0:0")
	diffs, _, err := Compare(a, b)
	if err != nil {
		t.Fatal(err)
	}
	if want := "differs: index.html: the site has a link, not a file"; len(diffs) != 1 || diffs[0] != want {
		t.Errorf("Compare = %q; want %q", diffs, want)
	}
}
