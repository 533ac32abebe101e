package bench

import (
	"os"

	"github.com/spf13/afero"
)

// Discard returns a file system that keeps the folders and the names of
// the files written into it, and drops what is written: a render's
// destination that holds none of the site, neither in memory (where a
// county's 700 MB would be the largest thing in the heap, and would be
// what a memory budget is measured against) nor on disk (where the
// machine's file system would be measured too).
func Discard() afero.Fs { return discardFs{afero.NewMemMapFs()} }

type discardFs struct{ afero.Fs }

func (d discardFs) Create(name string) (afero.File, error) {
	f, err := d.Fs.Create(name)
	if err != nil {
		return nil, err
	}
	return discardFile{f}, nil
}

func (d discardFs) OpenFile(name string, flag int, perm os.FileMode) (afero.File, error) {
	f, err := d.Fs.OpenFile(name, flag, perm)
	if err != nil {
		return nil, err
	}
	return discardFile{f}, nil
}

// discardFile is a file of a discardFs: what is written to it is counted
// as written, and dropped.
type discardFile struct{ afero.File }

func (discardFile) Write(p []byte) (int, error)              { return len(p), nil }
func (discardFile) WriteAt(p []byte, off int64) (int, error) { return len(p), nil }
func (discardFile) WriteString(s string) (int, error)        { return len(s), nil }
