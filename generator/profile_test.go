package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// sink keeps what the test allocates from being optimized away.
var sink [][]byte

// The profiles --profile writes are pprof's gzipped protocol buffers: the
// CPU profile and the whole run's allocations. (The heap at its largest is
// written on a tick after a collection, which a run this short may not
// see: it is not checked here.)
func TestProfileWritesCPUAndAllocations(t *testing.T) {
	prefix := filepath.Join(t.TempDir(), "p")
	p, err := startProfile(prefix)
	if err != nil {
		t.Skipf("a CPU profile cannot be started here (go test -cpuprofile?): %v", err)
	}
	for range 64 {
		sink = append(sink, make([]byte, 1<<20))
	}
	sink = nil
	if err := p.Stop(); err != nil {
		t.Fatal(err)
	}
	for _, ext := range []string{".cpu", ".allocs"} {
		b, err := os.ReadFile(prefix + ext)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.HasPrefix(b, []byte{0x1f, 0x8b}) {
			t.Errorf("%s: not a gzipped profile: % x", ext, b[:min(len(b), 8)])
		}
	}
	if p, err := startProfile(""); p != nil || err != nil {
		t.Errorf("no prefix: %v, %v; want no profiler", p, err)
	}
}
