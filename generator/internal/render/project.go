package render

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
	"syscall"

	"github.com/klauspost/compress/s2"
	"github.com/spf13/afero"

	"gongshi/generator/internal/par"
)

// Project is a Hugo project held in memory, but for the files Hugo reads
// once and late, which are compressed and kept in a file of the
// project's own.
//
// Hugo reads a page's data file once, while it renders the page, but the
// project holds every file for the whole render: on a county the pages'
// data are 295 MB of JSON, the largest part of what a render would hold.
// Compressed with S2 (github.com/klauspost/compress/s2, its better
// level) they take 59 MB; a file is decompressed each time it is read
// (see Open), and Hugo drops what it read when it has decoded it. S2 packed
// the county's pages' data in 0.37 s and unpacked them in 0.10 s on one
// CPU, where DEFLATE at its fastest level took 2.1 and 1.1 s for 50 MB.
//
// Held in memory, the compressed files were a tenth of the live heap
// through the render, which the memory budget's collector works against:
// the less there is, the fewer collections it runs. So they are written
// one after another into a temporary file (spill), read back with
// ReadAt as each is opened. The file is unlinked as soon as it is made:
// nobody else's, and gone however the process ends; its space is freed
// when the project is no longer used and its *os.File is collected
// (os.File closes itself then): gongshi serve, which builds again on
// every change, drops each project once its site is rendered. Where a file cannot be made, or not unlinked while open
// (Windows), or written, the compressed files stay in memory. Bench hugo
// on the county, two alternating pairs: the render within the 1 GiB
// budget 19.08 / 18.02 -> 17.56 / 17.30 s, what the budget adds 24 / 23
// -> 15 / 12 %.
//
// Everything else — writes (Hugo's caches live in the project), folders,
// the other files — is an afero.MemMapFs.
type Project struct {
	afero.Fs // the folders, the files not compressed, and a placeholder for each compressed one
	mu       sync.RWMutex
	packed   map[string]packedFile
	// spill holds the compressed files that are not in memory, the
	// first spilled bytes of it (nil: none). spillDir is where it is
	// made ("": the system's temporary folder); noSpill says that it
	// could not be made or written: the files added since stay in memory.
	spill    *os.File
	spilled  int64
	spillDir string
	noSpill  bool
}

// packedFile is a compressed file: its S2 bytes in memory (data), or n
// bytes at off in the spill file.
type packedFile struct {
	data   []byte
	off, n int64
	size   int64 // decompressed
}

// NewProject returns an empty project.
func NewProject() *Project {
	return &Project{Fs: afero.NewMemMapFs(), packed: map[string]packedFile{}}
}

// File is a file to put in a project.
type File struct {
	Name string // absolute, slash-separated
	Data []byte
	// Pack compresses the file: for what Hugo reads once and late.
	Pack bool
	// Filter, if set, rewrites a packed file before it is compressed:
	// it appends to dst what the file is to hold and returns it (dst is
	// the compressing worker's, written again for its next file).
	Filter func(dst, data []byte) []byte
}

// Add puts files in the project, compressing those marked Pack on every
// CPU.
func (p *Project) Add(files []File) error {
	var pack []int // the files to compress
	for i, f := range files {
		if f.Pack {
			pack = append(pack, i)
		}
	}
	packed := make([]packedFile, len(files))
	// Each worker encodes into a buffer of its own of the largest size S2
	// may need, and keeps a copy at the size written: what S2 returns
	// keeps the buffer's capacity, larger than the file itself.
	bufs := make([][]byte, par.Workers(len(pack)))
	filtered := make([][]byte, len(bufs))
	par.Each(len(pack), func(w, j int) {
		data := files[pack[j]].Data
		if f := files[pack[j]].Filter; f != nil {
			filtered[w] = f(filtered[w][:0], data)
			data = filtered[w]
		}
		if n := s2.MaxEncodedLen(len(data)); n > len(bufs[w]) {
			bufs[w] = make([]byte, n)
		}
		packed[pack[j]] = packedFile{data: bytes.Clone(s2.EncodeBetter(bufs[w], data)), size: int64(len(data))}
	})
	p.spillAll(packed, pack)
	for i, f := range files {
		data := f.Data
		if f.Pack {
			data = nil // a placeholder: folders list it, Open and Stat answer for it
		}
		if err := afero.WriteFile(p.Fs, f.Name, data, 0o644); err != nil {
			return err
		}
		if f.Pack {
			p.mu.Lock()
			p.packed[filepath.Clean(f.Name)] = packed[i]
			p.mu.Unlock()
		}
	}
	return nil
}

// spillAll moves the compressed files at the indexes given into the spill
// file, all of them or, when that fails, none.
func (p *Project) spillAll(packed []packedFile, indexes []int) {
	if len(indexes) == 0 || p.noSpill {
		return
	}
	if p.spill == nil {
		if p.spill = newSpill(p.spillDir); p.spill == nil {
			p.noSpill = true
			return
		}
	}
	w := bufio.NewWriterSize(p.spill, 1<<20)
	for _, i := range indexes {
		w.Write(packed[i].data) // an error is kept, and Flush returns it
	}
	if w.Flush() != nil {
		// Not all was written: this call's files stay in memory, and
		// the next calls' too. (What was written stays in the file,
		// unread, past p.spilled.)
		p.noSpill = true
		return
	}
	for _, i := range indexes {
		n := int64(len(packed[i].data))
		packed[i] = packedFile{off: p.spilled, n: n, size: packed[i].size}
		p.spilled += n
	}
}

// newSpill makes a spill file in dir ("": the system's temporary folder),
// unlinked; nil when it cannot.
func newSpill(dir string) *os.File {
	f, err := os.CreateTemp(dir, "gongshi-project-*")
	if err != nil {
		return nil
	}
	if err := os.Remove(f.Name()); err != nil {
		// A file open cannot be removed here (Windows): it would be
		// left behind by a build that is killed.
		f.Close()
		os.Remove(f.Name())
		return nil
	}
	return f
}

func (p *Project) lookup(name string) (packedFile, bool) {
	p.mu.RLock()
	defer p.mu.RUnlock()
	f, ok := p.packed[filepath.Clean(name)]
	return f, ok
}

// Open opens a file. A compressed one is unpacked when it is first read:
// straight into the buffer of a read that takes the whole file, as
// afero.ReadFile's first read does (Hugo's readFile), or else into a
// buffer of its size, read in place. Either way there is no second copy,
// as an afero memory file would make, and nothing outlives the reader.
func (p *Project) Open(name string) (afero.File, error) {
	f, ok := p.lookup(name)
	if !ok {
		return p.Fs.Open(name)
	}
	fi, err := p.Fs.Stat(name)
	if err != nil {
		return nil, err
	}
	z := f.data
	if z == nil {
		z = make([]byte, f.n)
		if _, err := p.spill.ReadAt(z, f.off); err != nil {
			return nil, fmt.Errorf("render: %s: reading it back: %w", name, err)
		}
	}
	// A file that decompresses to another size than it had is refused,
	// not cut short or read past.
	if n, err := s2.DecodedLen(z); err != nil || int64(n) != f.size {
		return nil, fmt.Errorf("render: %s: expected it to unpack to %d bytes, found %d (%v)", name, f.size, n, err)
	}
	return &unpacked{z: z, size: f.size, name: filepath.Clean(name), info: sizedInfo{fi, f.size}}, nil
}

// unpacked is a compressed file of the project opened: read-only.
type unpacked struct {
	z    []byte // S2, of a block that unpacks to size bytes
	size int64
	data []byte // z unpacked, once a read needs it so
	off  int64  // where the next Read reads
	name string
	info os.FileInfo
}

// unpack unpacks the file into data.
func (f *unpacked) unpack() error {
	if f.data != nil {
		return nil
	}
	data, err := s2.Decode(make([]byte, f.size), f.z)
	if err != nil {
		return fmt.Errorf("render: %s: %w", f.name, err)
	}
	f.data = data
	return nil
}

func (f *unpacked) Read(p []byte) (int, error) {
	if f.off >= f.size {
		return 0, io.EOF
	}
	if f.data == nil && f.off == 0 && int64(len(p)) >= f.size {
		if _, err := s2.Decode(p[:f.size], f.z); err != nil {
			return 0, fmt.Errorf("render: %s: %w", f.name, err)
		}
		f.off = f.size
		return int(f.size), nil
	}
	if err := f.unpack(); err != nil {
		return 0, err
	}
	n := copy(p, f.data[f.off:])
	f.off += int64(n)
	return n, nil
}

func (f *unpacked) ReadAt(p []byte, off int64) (int, error) {
	if off < 0 {
		return 0, &os.PathError{Op: "readat", Path: f.name, Err: os.ErrInvalid}
	}
	if off >= f.size {
		return 0, io.EOF
	}
	if err := f.unpack(); err != nil {
		return 0, err
	}
	n := copy(p, f.data[off:])
	if n < len(p) {
		return n, io.EOF
	}
	return n, nil
}

func (f *unpacked) Seek(offset int64, whence int) (int64, error) {
	switch whence {
	case io.SeekCurrent:
		offset += f.off
	case io.SeekEnd:
		offset += f.size
	case io.SeekStart:
	default:
		return 0, &os.PathError{Op: "seek", Path: f.name, Err: os.ErrInvalid}
	}
	if offset < 0 {
		return 0, &os.PathError{Op: "seek", Path: f.name, Err: os.ErrInvalid}
	}
	f.off = offset
	return offset, nil
}

func (f *unpacked) Close() error               { return nil }
func (f *unpacked) Name() string               { return f.name }
func (f *unpacked) Stat() (os.FileInfo, error) { return f.info, nil }
func (f *unpacked) Sync() error                { return nil }

func (f *unpacked) Readdir(int) ([]os.FileInfo, error) { return nil, f.notDir("readdir") }
func (f *unpacked) Readdirnames(int) ([]string, error) { return nil, f.notDir("readdirnames") }
func (f *unpacked) Write([]byte) (int, error)          { return 0, f.readOnly("write") }
func (f *unpacked) WriteAt([]byte, int64) (int, error) { return 0, f.readOnly("write") }
func (f *unpacked) WriteString(string) (int, error)    { return 0, f.readOnly("write") }
func (f *unpacked) Truncate(int64) error               { return f.readOnly("truncate") }

func (f *unpacked) notDir(op string) error {
	return &os.PathError{Op: op, Path: f.name, Err: syscall.ENOTDIR}
}

func (f *unpacked) readOnly(op string) error {
	return &os.PathError{Op: op, Path: f.name, Err: os.ErrPermission}
}

// OpenFile opens a file; a compressed one only for reading.
func (p *Project) OpenFile(name string, flag int, perm os.FileMode) (afero.File, error) {
	if _, ok := p.lookup(name); ok {
		if flag&(os.O_WRONLY|os.O_RDWR|os.O_APPEND|os.O_CREATE|os.O_TRUNC) != 0 {
			return nil, &os.PathError{Op: "open", Path: name, Err: os.ErrPermission}
		}
		return p.Open(name)
	}
	return p.Fs.OpenFile(name, flag, perm)
}

// Stat describes a file, a compressed one with its size decompressed.
func (p *Project) Stat(name string) (os.FileInfo, error) {
	fi, err := p.Fs.Stat(name)
	if err != nil {
		return nil, err
	}
	if f, ok := p.lookup(name); ok {
		return sizedInfo{fi, f.size}, nil
	}
	return fi, nil
}

// LstatIfPossible is Stat: the project has no symbolic links.
func (p *Project) LstatIfPossible(name string) (os.FileInfo, bool, error) {
	fi, err := p.Stat(name)
	return fi, false, err
}

// Name names the file system, for afero.
func (p *Project) Name() string { return "gongshi project" }

type sizedInfo struct {
	os.FileInfo
	size int64
}

func (s sizedInfo) Size() int64 { return s.size }
