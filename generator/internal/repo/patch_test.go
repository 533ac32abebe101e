package repo

import (
	"bytes"
	"testing"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/format/packfile"
	"github.com/go-git/go-git/v5/storage/memory"
)

// TestPatchAsGoGit applies deltas, good and corrupt, as go-git's
// PatchDelta does, into a result allocated once at the size the delta
// states.
func TestPatchAsGoGit(t *testing.T) {
	base := []byte("records/safety/hazards: 10,384 files")
	size := func(n int) []byte { // a base-128 number
		var b []byte
		for {
			c := byte(n & 0x7f)
			if n >>= 7; n == 0 {
				return append(b, c)
			}
			b = append(b, c|0x80)
		}
	}
	header := func(src, dst int) []byte { return append(size(src), size(dst)...) }
	copyOf := func(off, n byte) []byte { return []byte{0x80 | 0x01 | 0x10, off, n} } // offset and size one byte each
	insert := func(s string) []byte { return append([]byte{byte(len(s))}, s...) }
	cat := func(bs ...[]byte) []byte { return bytes.Join(bs, nil) }
	long := bytes.Repeat([]byte("一"), 30000) // a result past 64 KiB, which PatchDelta grows to

	for _, tc := range []struct {
		name  string
		base  []byte
		delta []byte
	}{
		{"copy and insert", base, cat(header(len(base), 14), copyOf(0, 7), insert("/people"))},
		{"insert only", base, cat(header(len(base), 3), insert("abc"))},
		{"a long result", base, cat(header(len(base), len(long)), func() []byte {
			var b []byte
			for i := 0; i < len(long); i += 120 {
				b = append(b, insert(string(long[i:i+120]))...)
			}
			return b
		}())},
		{"the base's size wrong", base, cat(header(len(base)+1, 3), insert("abc"))},
		{"a result shorter than stated", base, cat(header(len(base), 9), insert("abc"))},
		{"a result longer than stated", base, cat(header(len(base), 2), insert("abc"))},
		{"a copy past the base", base, cat(header(len(base), 7), copyOf(40, 7))},
		{"truncated", base, cat(header(len(base), 7), []byte{0x80 | 0x01 | 0x10, 0})},
		{"a header that does not end", base, []byte{0xff, 0xff, 0xff, 0xff, 0xff}},
		{"a result of a terabyte stated", base, cat(header(len(base), 1<<40), insert("abc"))},
		{"shorter than git reads", base, []byte{byte(len(base)), 0}},
		{"an empty base", nil, cat(header(0, 3), insert("abc"))},
	} {
		t.Run(tc.name, func(t *testing.T) {
			want, wantErr := packfile.PatchDelta(tc.base, tc.delta)
			got, err := patch(tc.base, tc.delta)
			if (err != nil) != (wantErr != nil) {
				t.Fatalf("patch: error %v; want %v", err, wantErr)
			}
			if !bytes.Equal(got, want) {
				t.Fatalf("patch = %q; want %q", got, want)
			}
			if err == nil && cap(got) != len(got) {
				t.Errorf("patch allocated %d bytes for a result of %d", cap(got), len(got))
			}
		})
	}
}

// TestReadObjectDoesNotTrustAStatedSize: a corrupt object may state any
// size; reading it allocates what its content holds, not what it states.
func TestReadObjectDoesNotTrustAStatedSize(t *testing.T) {
	st := memory.NewStorage()
	for _, stated := range []int64{3, 1 << 40, -1} {
		o := &plumbing.MemoryObject{}
		o.SetType(plumbing.BlobObject)
		o.Write([]byte("abc"))
		o.SetSize(stated)
		h, err := st.SetEncodedObject(o)
		if err != nil {
			t.Fatal(err)
		}
		got, err := ReadObject(st, plumbing.BlobObject, h)
		if err != nil || string(got) != "abc" {
			t.Errorf("ReadObject of an object stating %d bytes = %q, %v; want \"abc\"", stated, got, err)
		}
	}
}
