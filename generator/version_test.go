package main

import (
	"crypto/sha256"
	"fmt"
	"os"
	"strings"
	"testing"
)

// TestVersionPrintsTheExecutablesSHA256: gongshi version names the
// SHA-256 of the running executable, what sha256sum prints of it, and
// --cache-key prints the CI's cache key made of it alone.
func TestVersionPrintsTheExecutablesSHA256(t *testing.T) {
	t.Parallel()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(exe)
	if err != nil {
		t.Fatal(err)
	}
	sum := fmt.Sprintf("%x", sha256.Sum256(b))
	code, stdout, stderr := gongshi(t, "version")
	if code != exitOK || !strings.HasPrefix(stdout, "gongshi ") || !strings.HasSuffix(stdout, " sha256:"+sum+"\n") || strings.Count(stdout, "\n") != 1 {
		t.Errorf("gongshi version exited %d:\n%s%s\nwant one line ending sha256:%s", code, stdout, stderr, sum)
	}
	code, stdout, _ = gongshi(t, "version", "--cache-key")
	if want := "gongshi-" + sum + "\n"; code != exitOK || stdout != want {
		t.Errorf("gongshi version --cache-key = %d %q; want %q", code, stdout, want)
	}
}
