package repo

import (
	"bytes"
	"io"
	"os/exec"
	"strings"
	"testing"

	"github.com/go-git/go-git/v5/plumbing"

	"gongshi/generator/internal/synth"
)

func gitCmd(t *testing.T, dir string, args ...string) string {
	t.Helper()
	out, err := exec.Command("git", append([]string{"-C", dir}, args...)...).CombinedOutput()
	if err != nil {
		t.Fatalf("git %s: %v: %s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

// TestObjectsReadWhatTheStoreReads reads every object of a repository
// through Objects and through go-git's store, packed the ways git packs:
// as fast-import writes, repacked with offset deltas, with reference
// deltas, and with loose objects beside the pack.
func TestObjectsReadWhatTheStoreReads(t *testing.T) {
	for _, tc := range []struct {
		name   string
		packed func(t *testing.T, dir string)
	}{
		{"fast-import", func(*testing.T, string) {}},
		{"repacked", func(t *testing.T, dir string) { gitCmd(t, dir, "repack", "-adfq", "--depth=50", "--window=10") }},
		{"reference deltas", func(t *testing.T, dir string) {
			gitCmd(t, dir, "-c", "repack.useDeltaBaseOffset=false", "repack", "-adfq")
		}},
		{"loose beside packs", func(t *testing.T, dir string) {
			gitCmd(t, dir, "reset", "-q", "--hard")
			gitCmd(t, dir, "rm", "-q", "records/township.yaml")
			gitCmd(t, dir, "-c", "user.name=王文书", "-c", "user.email=clerk@example", "commit", "-qm", "删除")
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			if _, err := synth.Write(dir, synth.Township); err != nil {
				t.Fatal(err)
			}
			tc.packed(t, dir)
			r, err := Open(dir)
			if err != nil {
				t.Fatal(err)
			}
			defer r.Close()
			objs := NewObjects(r.Git.Storer, 1<<20) // small: evictions happen
			defer objs.Close()
			if objs.Packed() == 0 {
				t.Fatal("no pack is read directly")
			}
			lines := strings.Split(strings.TrimSpace(gitCmd(t, dir, "cat-file", "--batch-all-objects", "--batch-check")), "\n")
			for _, line := range lines {
				f := strings.Fields(line) // hash type size
				h := plumbing.NewHash(f[0])
				typ, err := plumbing.ParseObjectType(f[1])
				if err != nil {
					t.Fatal(err)
				}
				got, err := objs.Read(h, typ)
				if err != nil {
					t.Fatalf("Read(%s %s): %v", f[1], f[0], err)
				}
				o, err := r.Git.Storer.EncodedObject(typ, h)
				if err != nil {
					t.Fatal(err)
				}
				rd, _ := o.Reader()
				want, _ := io.ReadAll(rd)
				rd.Close()
				if !bytes.Equal(got, want) {
					t.Fatalf("Read(%s %s) = %d bytes differing from the store's %d", f[1], f[0], len(got), len(want))
				}
			}
			for _, line := range lines {
				if f := strings.Fields(line); f[1] == "blob" {
					if _, err := objs.Read(plumbing.NewHash(f[0]), plumbing.TreeObject); err == nil {
						t.Errorf("Read of blob %s as a tree succeeded", f[0])
					}
					break
				}
			}
		})
	}
}
