package main

import (
	"fmt"
	"io"
	"runtime"
	"runtime/debug"

	"gongshi/generator/internal/pipeline"
)

// cmdVersion prints which gongshi this is: the revision it was built from
// when its build information says, and the SHA-256 of the executable,
// which is what its build cache is keyed by (a CI keys its own cache step
// by it with --cache-key).
func cmdVersion(args []string, stdout, stderr io.Writer) error {
	fs := flags("version", stderr)
	key := fs.Bool("cache-key", false, "print only the key to keep the build cache under in CI: gongshi- and the SHA-256 of this executable")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *key {
		fmt.Fprintln(stdout, pipeline.CacheKey())
		return nil
	}
	fmt.Fprintf(stdout, "gongshi %s %s %s/%s sha256:%s\n", buildRevision(), runtime.Version(), runtime.GOOS, runtime.GOARCH, pipeline.Program())
	return nil
}

// buildRevision is the commit gongshi was built from, as its build
// information records it ("+modified" for a tree with changes), or
// "devel" when it records none (go run, -buildvcs=false, a source
// archive): then only the SHA-256 tells two builds apart.
func buildRevision() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "devel"
	}
	rev, modified := "", false
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			modified = s.Value == "true"
		}
	}
	if rev == "" {
		return "devel"
	}
	rev = rev[:min(len(rev), 12)]
	if modified {
		rev += "+modified"
	}
	return rev
}
