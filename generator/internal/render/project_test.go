package render

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/spf13/afero"
)

// TestProjectDecompressesWhatItKeepsCompressed, with the compressed
// files in the project's spill file, and in memory where there is none.
func TestProjectDecompressesWhatItKeepsCompressed(t *testing.T) {
	t.Run("spilled", func(t *testing.T) {
		dir := t.TempDir()
		p := NewProject()
		p.spillDir = dir
		testProject(t, p)
		if p.spill == nil {
			t.Fatal("the compressed files are not in a spill file")
		}
		if kept := p.packed["/site/_gen/pagedata/safety/a.json"]; kept.data != nil {
			t.Errorf("a file kept in memory (%d bytes), not in the spill file", len(kept.data))
		}
		// The spill file is unlinked: nothing is left in its folder,
		// even by a build that is killed.
		if left, err := os.ReadDir(dir); err != nil || len(left) > 0 {
			t.Errorf("the spill file's folder holds %v, %v; want nothing", left, err)
		}
	})
	t.Run("in memory", func(t *testing.T) {
		p := NewProject()
		p.spillDir = filepath.Join(t.TempDir(), "missing") // no spill file can be made there
		testProject(t, p)
		if p.spill != nil {
			t.Fatal("a spill file was made in a folder that does not exist")
		}
	})
}

// TestProjectRefusesASpillFileCutShort: a compressed file read back
// short fails to open; it is never given cut short.
func TestProjectRefusesASpillFileCutShort(t *testing.T) {
	p := NewProject()
	p.spillDir = t.TempDir()
	big := []byte(strings.Repeat("青山中学 2024-01-02 overdue ", 3000))
	if err := p.Add([]File{{Name: "/a.json", Data: []byte("{}"), Pack: true}, {Name: "/b.json", Data: big, Pack: true}}); err != nil {
		t.Fatal(err)
	}
	if p.spill == nil {
		t.Fatal("no spill file")
	}
	if err := p.spill.Truncate(p.spilled - 1); err != nil {
		t.Fatal(err)
	}
	if _, err := afero.ReadFile(p, "/b.json"); err == nil {
		t.Error("a file whose compressed bytes were cut short was read")
	}
	if got, err := afero.ReadFile(p, "/a.json"); err != nil || string(got) != "{}" {
		t.Errorf("the file before it: %q, %v", got, err)
	}
}

// upper is a Filter: the file in capitals, and "!" after it, appended to
// the worker's dst, which it leaves longer than the file.
func upper(dst, data []byte) []byte {
	dst = append(dst, bytes.ToUpper(data)...)
	return append(dst, '!')
}

func testProject(t *testing.T, p *Project) {
	t.Helper()
	big := []byte(strings.Repeat(`{"name":"朝渡012","roles":["第一责任人","包船责任人"]}`, 2000))
	err := p.Add([]File{
		{Name: "/site/hugo.toml", Data: []byte("title = 'x'\n")},
		{Name: "/site/_gen/pagedata/safety/a.json", Data: big, Pack: true},
		{Name: "/site/_gen/pagedata/safety/b.json", Data: []byte("{}"), Pack: true},
		{Name: "/site/_gen/pagedata/safety/c.json", Data: []byte(`{"a":1}`), Pack: true, Filter: upper},
		{Name: "/site/_gen/pagedata/safety/d.json", Data: []byte(`{"b":2}`), Pack: true, Filter: upper},
		{Name: "/site/_gen/pagedata/safety/e.json", Data: []byte(`{}`), Filter: upper}, // not packed: as it is
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		want []byte
	}{
		{"/site/hugo.toml", []byte("title = 'x'\n")},
		{"/site/_gen/pagedata/safety/a.json", big},
		{"/site/_gen/pagedata/safety/../safety/b.json", []byte("{}")},
		{"/site/_gen/pagedata/safety/c.json", []byte(`{"A":1}!`)},
		{"/site/_gen/pagedata/safety/d.json", []byte(`{"B":2}!`)},
		{"/site/_gen/pagedata/safety/e.json", []byte(`{}`)},
	} {
		for i := range 2 { // each open reads the whole file
			got, err := afero.ReadFile(p, tc.name)
			if err != nil || !bytes.Equal(got, tc.want) {
				t.Fatalf("read %d of %s: %d bytes, %v; want %d bytes", i, tc.name, len(got), err, len(tc.want))
			}
		}
		fi, err := p.Stat(tc.name)
		if err != nil || fi.Size() != int64(len(tc.want)) || fi.IsDir() {
			t.Errorf("stat %s: %v, %v; want a file of %d bytes", tc.name, fi, err, len(tc.want))
		}
	}
	if kept := p.packed["/site/_gen/pagedata/safety/a.json"]; cap(kept.data) > len(big)/10 || kept.n > int64(len(big)/10) {
		t.Errorf("kept %d bytes (%d allocated, %d in the spill file) of %d: not compressed", len(kept.data), cap(kept.data), kept.n, len(big))
	}
	names, err := afero.ReadDir(p, "/site/_gen/pagedata/safety")
	if err != nil || len(names) != 5 || names[0].Name() != "a.json" || names[1].Name() != "b.json" {
		t.Errorf("folder lists %v, %v; want a.json to e.json", names, err)
	}
	if _, err := p.OpenFile("/site/_gen/pagedata/safety/a.json", os.O_WRONLY, 0o644); err == nil {
		t.Error("a compressed file opened for writing")
	}
	f, err := p.Open("/site/_gen/pagedata/safety/a.json")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.Write([]byte("x")); err == nil {
		t.Error("wrote to a compressed file")
	}
	if fi, err := f.Stat(); err != nil || fi.Size() != int64(len(big)) || fi.Name() != "a.json" || f.Name() != "/site/_gen/pagedata/safety/a.json" {
		t.Errorf("the open file says %v, %v, %q; want a.json of %d bytes", fi, err, f.Name(), len(big))
	}
	if _, err := f.Readdir(-1); err == nil {
		t.Error("a compressed file listed as a folder")
	}
	if _, err := f.Seek(10, io.SeekStart); err != nil {
		t.Fatal(err)
	}
	rest, _ := io.ReadAll(f)
	if !bytes.Equal(rest, big[10:]) {
		t.Error("seek and read do not give the file's bytes")
	}
	// A file that decompresses to another size than it had is refused, not
	// cut short or read past.
	for _, size := range []int64{int64(len(big)) - 1, int64(len(big)) + 1} {
		q := NewProject()
		q.spillDir = p.spillDir
		if err := q.Add([]File{{Name: "/a.json", Data: big, Pack: true}}); err != nil {
			t.Fatal(err)
		}
		pf := q.packed["/a.json"]
		pf.size = size
		q.packed["/a.json"] = pf
		if _, err := q.Open("/a.json"); err == nil {
			t.Errorf("a file of %d bytes recorded as %d opened", len(big), size)
		}
	}
	// Hugo writes its caches into the project.
	if err := afero.WriteFile(p, "/site/.cache/x", []byte("y"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := p.Open("/site/missing.json"); !os.IsNotExist(err) {
		t.Errorf("open of a missing file: %v", err)
	}
}

// BenchmarkProjectOpen opens a page's data kept compressed, as Hugo does
// once for each page it renders (the county: 35,000 files, 245 MB).
func BenchmarkProjectOpen(b *testing.B) {
	p := NewProject()
	data := []byte(strings.Repeat(`{"id":"qingshan-2024-004","object":{"name":"青山中学","path":"/safety/objects/qingshan-zhongxue"},"status":"overdue"},`, 60))
	if err := p.Add([]File{{Name: "/site/_gen/pagedata/a.json", Data: data, Pack: true}}); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		f, err := p.Open("/site/_gen/pagedata/a.json")
		if err != nil {
			b.Fatal(err)
		}
		f.Close()
	}
}

// BenchmarkProjectAdd packs pages' data, as a build does for every page
// of the site before the render (the county: 35,000 files, 243 MB).
func BenchmarkProjectAdd(b *testing.B) {
	var files []File
	size := 0
	for i := range 200 {
		data := []byte(strings.Repeat(fmt.Sprintf(`{"id":"qingshan-2024-%03d","object":{"name":"青山中学","path":"/safety/objects/qingshan-zhongxue-%d"},"found":"2024-01-%02d","status":"overdue"},`, i, i%17, i%28+1), 40+i%50))
		files = append(files, File{Name: fmt.Sprintf("/site/_gen/pagedata/p%d.json", i), Data: data, Pack: true})
		size += len(data)
	}
	b.SetBytes(int64(size))
	for b.Loop() {
		if err := NewProject().Add(files); err != nil {
			b.Fatal(err)
		}
	}
}

// TestProjectCompressedFileReadsAsAFile: an opened compressed file reads,
// reads at and seeks as a file of its bytes (testing/iotest), read whole
// in one Read, as afero.ReadFile does, or in pieces, spilled or in memory.
func TestProjectCompressedFileReadsAsAFile(t *testing.T) {
	content := []byte(strings.Repeat(`{"name":"青山中学","status":"overdue"},`, 500))
	for _, spill := range []bool{true, false} {
		p := NewProject()
		p.spillDir = t.TempDir()
		if !spill {
			p.spillDir = filepath.Join(p.spillDir, "missing")
		}
		if err := p.Add([]File{{Name: "/a.json", Data: content, Pack: true}, {Name: "/empty.json", Data: nil, Pack: true}}); err != nil {
			t.Fatal(err)
		}
		if (p.spill != nil) != spill {
			t.Fatalf("spilled: %v; want %v", p.spill != nil, spill)
		}
		for _, tc := range []struct {
			name string
			want []byte
		}{{"/a.json", content}, {"/empty.json", nil}} {
			f, err := p.Open(tc.name)
			if err != nil {
				t.Fatal(err)
			}
			if err := iotest.TestReader(f, tc.want); err != nil {
				t.Errorf("spilled %v, %s: %v", spill, tc.name, err)
			}
			f.Close()
			// One read of the whole file, as afero.ReadFile makes.
			f, _ = p.Open(tc.name)
			buf := make([]byte, len(tc.want)+512)
			n, err := f.Read(buf)
			if len(tc.want) > 0 && (err != nil || !bytes.Equal(buf[:n], tc.want)) {
				t.Errorf("spilled %v, %s: one read gave %d bytes, %v", spill, tc.name, n, err)
			}
			if n, err := f.Read(buf); n != 0 || err != io.EOF {
				t.Errorf("spilled %v, %s: a read after the whole file gave %d, %v; want 0, EOF", spill, tc.name, n, err)
			}
			f.Close()
		}
	}
}
