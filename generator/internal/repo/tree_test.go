package repo

import (
	"bytes"
	"crypto/sha1"
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
)

// trees holds tree objects by hash, as their bytes, for DiffTrees to
// read.
type trees map[plumbing.Hash][]byte

func (ts trees) read(h plumbing.Hash) ([]byte, error) {
	if b, ok := ts[h]; ok {
		return b, nil
	}
	return nil, fmt.Errorf("no tree %s", h)
}

// put writes the tree of files (path → content; a path ending in "*"
// is executable) and returns its hash.
func (ts trees) put(files map[string]string) plumbing.Hash {
	type entry struct {
		name string
		mode filemode.FileMode
		hash plumbing.Hash
	}
	var es []entry
	sub := map[string]map[string]string{}
	for p, content := range files {
		if dir, rest, ok := strings.Cut(p, "/"); ok {
			if sub[dir] == nil {
				sub[dir] = map[string]string{}
			}
			sub[dir][rest] = content
			continue
		}
		mode := filemode.Regular
		if name, ok := strings.CutSuffix(p, "*"); ok {
			p, mode = name, filemode.Executable
		}
		es = append(es, entry{p, mode, plumbing.ComputeHash(plumbing.BlobObject, []byte(content))})
	}
	for dir, fs := range sub {
		es = append(es, entry{dir, filemode.Dir, ts.put(fs)})
	}
	// git's order: a folder's name compared as if it ended in "/".
	key := func(e entry) string {
		if e.mode == filemode.Dir {
			return e.name + "/"
		}
		return e.name
	}
	slices.SortFunc(es, func(a, b entry) int { return strings.Compare(key(a), key(b)) })
	var b bytes.Buffer
	for _, e := range es {
		fmt.Fprintf(&b, "%o %s\x00", uint32(e.mode), e.name)
		b.Write(e.hash[:])
	}
	h := plumbing.ComputeHash(plumbing.TreeObject, b.Bytes())
	ts[h] = b.Bytes()
	return h
}

// flatChanges is what DiffTrees must find, from the files themselves:
// every path whose blob or mode differs, sorted by path.
func flatChanges(dir string, old, new map[string]string) []TreeChange {
	entry := func(files map[string]string, p string) TreeEntry {
		if c, ok := files[p]; ok {
			return TreeEntry{plumbing.ComputeHash(plumbing.BlobObject, []byte(c)), filemode.Regular}
		}
		if c, ok := files[p+"*"]; ok {
			return TreeEntry{plumbing.ComputeHash(plumbing.BlobObject, []byte(c)), filemode.Executable}
		}
		return TreeEntry{}
	}
	paths := map[string]bool{}
	for p := range old {
		paths[strings.TrimSuffix(p, "*")] = true
	}
	for p := range new {
		paths[strings.TrimSuffix(p, "*")] = true
	}
	var out []TreeChange
	for _, p := range slices.Sorted(maps.Keys(paths)) {
		if a, b := entry(old, p), entry(new, p); a != b {
			out = append(out, TreeChange{Path: dir + "/" + p, Old: a, New: b})
		}
	}
	return out
}

// TestDiffTreesFindsEveryChangedFile compares random trees of a few
// hundred files, most alike, as a commit changes them (files changed,
// added, removed, made executable; a file made a folder and a folder a
// file; folders whose names sort apart in git), with the changes found by
// comparing their files one by one. Most entries of the two trees are
// byte for byte the same and skipped whole (SkipSame).
func TestDiffTreesFindsEveryChangedFile(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(19, 2026))
	names := []string{"a", "a-b", "a.yaml", "a0", "b", "b.yaml", "c", "z"}
	name := func() string {
		return names[rng.IntN(len(names))] + fmt.Sprint(rng.IntN(40))
	}
	for round := range 200 {
		old := map[string]string{}
		for range 50 + rng.IntN(400) {
			p := name()
			if rng.IntN(4) == 0 {
				p += "/" + name()
			}
			old[p] = fmt.Sprint(rng.IntN(1000))
		}
		// A path that is a file and a folder's prefix cannot be both.
		for p := range old {
			if dir, _, ok := strings.Cut(p, "/"); ok {
				delete(old, dir)
			}
		}
		new := maps.Clone(old)
		for range rng.IntN(6) {
			keys := slices.Sorted(maps.Keys(new))
			p := keys[rng.IntN(len(keys))]
			switch rng.IntN(5) {
			case 0:
				new[p] += "更正"
			case 1:
				delete(new, p)
			case 2:
				new[name()] = "new"
			case 3:
				if !strings.Contains(p, "/") {
					c := new[p]
					delete(new, p)
					new[p+"*"] = c
				}
			case 4: // a file becomes a folder, or a folder's file its name
				delete(new, p)
				if dir, _, ok := strings.Cut(p, "/"); ok {
					for q := range new {
						if strings.HasPrefix(q, dir+"/") {
							delete(new, q)
						}
					}
					new[dir] = "was a folder"
				} else {
					new[p+"/x"] = "was a file"
				}
			}
		}
		ts := trees{}
		a, b := ts.put(old), ts.put(new)
		got, err := DiffTrees(ts.read, a, b, "records")
		if err != nil {
			t.Fatalf("round %d: %v", round, err)
		}
		slices.SortFunc(got, func(x, y TreeChange) int { return strings.Compare(x.Path, y.Path) })
		if want := flatChanges("records", old, new); !slices.Equal(got, want) {
			t.Fatalf("round %d: DiffTrees found\n%v\nwant\n%v", round, got, want)
		}
	}
}

// TestDiffTreesReportsAMalformedEntryBothTreesShare: an entry skipped
// because both trees hold it alike is still read, and a malformed one
// (a mode that is not octal, a name without its end, a hash cut short)
// fails the comparison as it does where the trees differ, whether the
// trees differ before it or not at all up to it.
func TestDiffTreesReportsAMalformedEntryBothTreesShare(t *testing.T) {
	t.Parallel()
	entry := func(name string, h byte) []byte {
		return append([]byte("100644 "+name+"\x00"), bytes.Repeat([]byte{h}, hashSize)...)
	}
	for _, tc := range []struct {
		name string
		bad  []byte
		want string
	}{
		{"mode not octal", append([]byte("100684 c.yaml\x00"), bytes.Repeat([]byte{7}, hashSize)...), "malformed mode"},
		{"no mode", append([]byte(" c.yaml\x00"), bytes.Repeat([]byte{7}, hashSize)...), "malformed entry"},
		{"name without its end", []byte("100644 c.yaml"), "malformed entry"},
		{"hash cut short", []byte("100644 c.yaml\x00\x07\x07"), "malformed entry"},
	} {
		for _, at := range []string{"after a change", "before any change"} {
			t.Run(tc.name+" "+at, func(t *testing.T) {
				old := slices.Concat(entry("a.yaml", 1), entry("b.yaml", 2), tc.bad)
				new := slices.Concat(entry("a.yaml", 9), entry("b.yaml", 2), tc.bad)
				if at == "before any change" {
					old = slices.Concat(entry("a.yaml", 1), tc.bad)
					new = slices.Concat(entry("a.yaml", 1), tc.bad, entry("d.yaml", 4))
				}
				ts := trees{}
				ha, hb := plumbing.Hash(sha1.Sum(old)), plumbing.Hash(sha1.Sum(new))
				ts[ha], ts[hb] = old, new
				_, err := DiffTrees(ts.read, ha, hb, "records")
				if err == nil || !strings.Contains(err.Error(), tc.want) {
					t.Fatalf("DiffTrees: %v, want an error saying %q", err, tc.want)
				}
			})
		}
	}
}

// TestSkipSameGivesEveryEntrySkipped: what SkipSame steps over it hands
// to each, in order, and it stops at the first entry that differs in any
// byte.
func TestSkipSameGivesEveryEntrySkipped(t *testing.T) {
	t.Parallel()
	ts := trees{}
	files := map[string]string{"a.yaml": "1", "b.yaml": "2", "c.yaml": "3", "d.yaml": "4"}
	changed := maps.Clone(files)
	changed["c.yaml"] = "3 更正"
	a, b := ts.put(files), ts.put(changed)
	x, y := NewTreeCursor(ts[a], a), NewTreeCursor(ts[b], b)
	var skipped []string
	SkipSame(&x, &y, func(e RawEntry) { skipped = append(skipped, string(e.Name)) })
	if want := []string{"a.yaml", "b.yaml"}; !slices.Equal(skipped, want) {
		t.Fatalf("skipped %q, want %q", skipped, want)
	}
	if !x.Next() || !y.Next() || string(x.Entry().Name) != "c.yaml" || x.Entry().Hash == y.Entry().Hash {
		t.Fatalf("after skipping: %q and %q, want the two versions of c.yaml", x.Entry().Name, y.Entry().Name)
	}
}

// BenchmarkDiffTreesOfAFolderOfThousands compares two versions of a
// folder of 10,000 files (a county's hazards) that differ in ten.
func BenchmarkDiffTreesOfAFolderOfThousands(b *testing.B) {
	ts := trees{}
	old := map[string]string{}
	for i := range 10000 {
		old[fmt.Sprintf("hazards/town%02d-2026-%03d.yaml", i%20, i/20)] = fmt.Sprint(i)
	}
	new := maps.Clone(old)
	for i := range 10 {
		new[fmt.Sprintf("hazards/town07-2026-%03d.yaml", 100+i*7)] += " 整改完成"
	}
	x, y := ts.put(old), ts.put(new)
	b.ReportAllocs()
	for b.Loop() {
		cs, err := DiffTrees(ts.read, x, y, "records")
		if err != nil || len(cs) != 10 {
			b.Fatal(len(cs), err)
		}
	}
}
