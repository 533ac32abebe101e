package publish

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"unicode/utf8"
)

// Compare compares a published site with a rebuild of it, file by file,
// and returns a line per difference, sorted by path, and the number of
// files compared. Files are compared by size first and then read in
// step, a block at a time, never past the shorter: a site holding a file
// of any size is compared in little memory. What is not a regular file in
// either (a link, a device) is a difference, never followed.
func Compare(site, rebuilt string) ([]string, int, error) {
	a, err := listFiles(site)
	if err != nil {
		return nil, 0, err
	}
	b, err := listFiles(rebuilt)
	if err != nil {
		return nil, 0, err
	}
	paths := slices.Sorted(func(yield func(string) bool) {
		for p := range a {
			if !yield(p) {
				return
			}
		}
		for p := range b {
			if _, ok := a[p]; !ok && !yield(p) {
				return
			}
		}
	})
	var diffs []string
	for _, p := range paths {
		x, inA := a[p]
		y, inB := b[p]
		switch {
		case !inB:
			diffs = append(diffs, "only in the site: "+p)
		case !inA:
			diffs = append(diffs, "missing from the site: "+p)
		case !x.Mode().IsRegular():
			diffs = append(diffs, fmt.Sprintf("differs: %s: the site has a %s, not a file", p, kind(x.Mode())))
		case !y.Mode().IsRegular():
			diffs = append(diffs, fmt.Sprintf("differs: %s: the rebuild has a %s, not a file", p, kind(y.Mode())))
		default:
			d, err := compareFiles(filepath.Join(site, p), filepath.Join(rebuilt, p), x.Size(), y.Size())
			if err != nil {
				return nil, 0, err
			}
			if d != "" {
				diffs = append(diffs, "differs: "+p+": "+d)
			}
		}
	}
	return diffs, len(paths), nil
}

func kind(m fs.FileMode) string {
	switch {
	case m&fs.ModeSymlink != 0:
		return "link"
	case m.IsDir():
		return "folder"
	}
	return "special file"
}

// listFiles lists every entry under dir that is not a folder, without
// following links.
func listFiles(dir string) (map[string]fs.FileInfo, error) {
	files := map[string]fs.FileInfo{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		fi, err := d.Info()
		if err != nil {
			return err
		}
		files[filepath.ToSlash(rel)] = fi
		return nil
	})
	if errors.Is(err, fs.ErrNotExist) {
		return files, nil
	}
	return files, err
}

// block is how much of each file compareFiles holds at a time.
const block = 64 << 10

// compareFiles says where two files first differ, with what each has
// there; "" when they are equal. It reads at most the shorter file's size
// of each, a block at a time.
func compareFiles(site, rebuilt string, siteSize, rebuiltSize int64) (string, error) {
	f, err := os.Open(site)
	if err != nil {
		return "", err
	}
	defer f.Close()
	g, err := os.Open(rebuilt)
	if err != nil {
		return "", err
	}
	defer g.Close()
	x, y := make([]byte, block), make([]byte, block)
	n := min(siteSize, rebuiltSize)
	lines, pos := 0, int64(-1)
	for off := int64(0); off < n; off += block {
		want := min(block, n-off)
		if _, err := readFull(f, x[:want], off); err != nil {
			return "", err
		}
		if _, err := readFull(g, y[:want], off); err != nil {
			return "", err
		}
		if i := firstUnequal(x[:want], y[:want]); i >= 0 {
			lines += bytes.Count(x[:i], []byte("\n"))
			pos = off + int64(i)
			break
		}
		lines += bytes.Count(x[:want], []byte("\n"))
	}
	if pos < 0 {
		if siteSize == rebuiltSize {
			return "", nil
		}
		pos = n // equal up to the shorter, which ends where the other goes on
	}
	return fmt.Sprintf("byte %d (line %d): site has %s, rebuild has %s",
		pos, lines+1, excerptAt(f, pos, siteSize), excerptAt(g, pos, rebuiltSize)), nil
}

// excerptAt quotes a few characters of the file from off (backing up to a
// character boundary), or says it ends there.
func excerptAt(f *os.File, off, size int64) string {
	if off >= size {
		return "end of file"
	}
	start := max(0, off-utf8.UTFMax)
	buf := make([]byte, min(size-start, 32*utf8.UTFMax))
	n, err := readFull(f, buf, start)
	if err != nil {
		return "unreadable: " + err.Error()
	}
	return excerpt(buf[:n], int(off-start))
}

func readFull(f *os.File, b []byte, off int64) (int, error) {
	n, err := f.ReadAt(b, off)
	if err == io.EOF {
		err = nil
	}
	return n, err
}

func firstUnequal(a, b []byte) int {
	if bytes.Equal(a, b) {
		return -1
	}
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	return i
}

// excerpt quotes a few characters of b from i (backing up to a character
// boundary).
func excerpt(b []byte, i int) string {
	if i >= len(b) {
		return "end of file"
	}
	for i > 0 && !utf8.RuneStart(b[i]) {
		i--
	}
	end := i
	for n := 0; end < len(b) && n < 24; n++ {
		_, size := utf8.DecodeRune(b[end:])
		end += size
	}
	return strconv.Quote(string(b[i:end]))
}
