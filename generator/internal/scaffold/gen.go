//go:build ignore

// gen copies the sample township's latest holiday calendar into files/, so
// that a new township starts from the current calendar: the same file, its
// schema line pointing to the new repository's schema/ folder. Run it with
// `make theme` or `go generate ./generator/internal/scaffold`.
package main

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

func main() {
	const src = "../../../records/calendar"
	names, err := filepath.Glob(filepath.Join(src, "*.yaml"))
	if err != nil || len(names) == 0 {
		fail(fmt.Errorf("no calendar in %s", src))
	}
	slices.Sort(names)
	latest := names[len(names)-1]
	b, err := os.ReadFile(latest)
	if err != nil {
		fail(err)
	}
	dst := filepath.Join("files", "records", "calendar")
	old, _ := filepath.Glob(filepath.Join(dst, "*.yaml"))
	for _, o := range old {
		os.Remove(o)
	}
	if err := os.MkdirAll(dst, 0o755); err != nil {
		fail(err)
	}
	out := filepath.Join(dst, filepath.Base(latest))
	if err := os.WriteFile(out, []byte(Rebase(string(b))), 0o644); err != nil {
		fail(err)
	}
	fmt.Println("scaffold: copied", latest, "to", out)
}

// Rebase points the schema line at the township repository's schema/.
func Rebase(s string) string {
	return strings.Replace(s, "$schema=../../generator/schema/", "$schema=../../schema/", 1)
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "scaffold:", err)
	os.Exit(1)
}
