package inspect

import (
	"io"
	"io/fs"
	"path/filepath"
	"strings"

	"github.com/spf13/afero"

	"gongshi/generator/internal/par"
)

// A Site is the files of a site rendered into a folder, listed once for
// the checks that read every one of them: the publication gate and the
// links (see Links), which read each file once between them.
type Site struct {
	fsys  afero.Fs
	dir   string
	Files []string        // every file, in the order walked
	has   map[string]bool // every file, by its path in the site (Rel)
}

// ListSite lists the files of the site rendered into dir of fsys.
func ListSite(fsys afero.Fs, dir string) (*Site, error) {
	dir = filepath.Clean(dir) // as the paths walked begin
	s := &Site{fsys: fsys, dir: dir, has: map[string]bool{}}
	err := afero.Walk(fsys, dir, func(file string, fi fs.FileInfo, err error) error {
		if err != nil || fi.IsDir() {
			return err
		}
		s.Files = append(s.Files, file)
		s.has[sitePath(file, dir)] = true
		return nil
	})
	return s, err
}

// Rel is the path of the i-th file in the site: relative to its folder,
// slash-separated as links are.
func (s *Site) Rel(i int) string { return sitePath(s.Files[i], s.dir) }

func sitePath(file, dir string) string {
	return strings.TrimPrefix(filepath.ToSlash(strings.TrimPrefix(file, dir)), "/")
}

// Read reads every file of the site once, on every CPU, and calls
// do(i, b) with the i-th file's bytes, which are valid during the call
// only: each goroutine reads into a buffer of its own (the county's site
// is 700 MB). It returns the error of the first file, in the order
// listed, that could not be read.
func (s *Site) Read(do func(i int, b []byte)) error {
	errs := make([]error, len(s.Files))
	bufs := make([][]byte, par.Workers(len(s.Files)))
	par.Each(len(s.Files), func(w, i int) {
		if bufs[w], errs[i] = readFile(s.fsys, s.Files[i], bufs[w]); errs[i] == nil {
			do(i, bufs[w])
		}
	})
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// readFile reads the file name of fsys into buf, grown when the file is
// larger, and returns the bytes read: buf's, until the next call with it.
func readFile(fsys afero.Fs, name string, buf []byte) ([]byte, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return buf, err
	}
	defer f.Close()
	buf = buf[:0]
	if fi, err := f.Stat(); err == nil && fi.Size() >= int64(cap(buf)) {
		buf = make([]byte, 0, fi.Size()+512) // + 512: the read that finds the end
	}
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		n, err := f.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return buf, err
		}
	}
}
