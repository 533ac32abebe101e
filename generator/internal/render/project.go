package render

import (
	"bytes"
	"compress/flate"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"syscall"

	"github.com/spf13/afero"
)

// Project is a Hugo project held in memory, some of its files compressed.
//
// Hugo reads a page's data file once, while it renders the page, but the
// project holds every file for the whole render: on a county the pages'
// data were 160 MB of JSON, the largest part of what a render held.
// Compressed (DEFLATE, fastest level) they take a sixth of that; a file is
// inflated into a new buffer each time it is opened, which Hugo drops
// when it has decoded it.
//
// Everything else — writes (Hugo's caches live in the project), folders,
// the other files — is an afero.MemMapFs.
type Project struct {
	afero.Fs // the folders, the files not compressed, and a placeholder for each compressed one
	mu       sync.RWMutex
	packed   map[string]packedFile
}

type packedFile struct {
	data []byte // DEFLATE
	size int64  // inflated
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
}

// Add puts files in the project, compressing those marked Pack on every
// CPU.
func (p *Project) Add(files []File) error {
	packed := make([]packedFile, len(files))
	var wg sync.WaitGroup
	next := make(chan int)
	errs := make([]error, len(files))
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			var buf bytes.Buffer
			zw, _ := flate.NewWriter(nil, flate.BestSpeed)
			for i := range next {
				buf.Reset()
				zw.Reset(&buf)
				if _, err := zw.Write(files[i].Data); err != nil {
					errs[i] = err
					continue
				}
				if err := zw.Close(); err != nil {
					errs[i] = err
					continue
				}
				packed[i] = packedFile{data: bytes.Clone(buf.Bytes()), size: int64(len(files[i].Data))}
			}
		})
	}
	for i, f := range files {
		if f.Pack {
			next <- i
		}
	}
	close(next)
	wg.Wait()
	for i, f := range files {
		if errs[i] != nil {
			return fmt.Errorf("render: %s: %w", f.Name, errs[i])
		}
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

func (p *Project) lookup(name string) (packedFile, bool) {
	p.mu.RLock()
	defer p.mu.RUnlock()
	f, ok := p.packed[filepath.Clean(name)]
	return f, ok
}

// Open opens a file, inflating a compressed one into a buffer of its
// size, read in place (inflated): no second copy, as an afero memory file
// would make, and nothing that outlives the reader.
func (p *Project) Open(name string) (afero.File, error) {
	f, ok := p.lookup(name)
	if !ok {
		return p.Fs.Open(name)
	}
	fi, err := p.Fs.Stat(name)
	if err != nil {
		return nil, err
	}
	data := make([]byte, f.size)
	if err := inflate(data, f.data); err != nil {
		return nil, fmt.Errorf("render: %s: %w", name, err)
	}
	return &inflated{Reader: bytes.NewReader(data), name: filepath.Clean(name), info: sizedInfo{fi, f.size}}, nil
}

// inflaters are DEFLATE readers to reuse: a new one allocates 40 KB (its
// window and tables), as much as the county's pages' data take inflated,
// 35,000 times in a render.
var inflaters = sync.Pool{New: func() any { return flate.NewReader(nil) }}

// inflate inflates packed into data, which must be exactly its size.
func inflate(data, packed []byte) error {
	zr := inflaters.Get().(io.ReadCloser)
	defer inflaters.Put(zr)
	if err := zr.(flate.Resetter).Reset(bytes.NewReader(packed), nil); err != nil {
		return err
	}
	if _, err := io.ReadFull(zr, data); err != nil {
		return err
	}
	var more [1]byte
	if n, _ := zr.Read(more[:]); n != 0 {
		return fmt.Errorf("longer than the %d bytes it was", len(data))
	}
	return nil
}

// inflated is a compressed file of the project opened: read-only.
type inflated struct {
	*bytes.Reader
	name string
	info os.FileInfo
}

func (f *inflated) Close() error               { return nil }
func (f *inflated) Name() string               { return f.name }
func (f *inflated) Stat() (os.FileInfo, error) { return f.info, nil }
func (f *inflated) Sync() error                { return nil }

func (f *inflated) Readdir(int) ([]os.FileInfo, error) { return nil, f.notDir("readdir") }
func (f *inflated) Readdirnames(int) ([]string, error) { return nil, f.notDir("readdirnames") }
func (f *inflated) Write([]byte) (int, error)          { return 0, f.readOnly("write") }
func (f *inflated) WriteAt([]byte, int64) (int, error) { return 0, f.readOnly("write") }
func (f *inflated) WriteString(string) (int, error)    { return 0, f.readOnly("write") }
func (f *inflated) Truncate(int64) error               { return f.readOnly("truncate") }

func (f *inflated) notDir(op string) error {
	return &os.PathError{Op: op, Path: f.name, Err: syscall.ENOTDIR}
}

func (f *inflated) readOnly(op string) error {
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

// Stat describes a file, a compressed one with its inflated size.
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
