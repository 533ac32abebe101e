package history

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sync"

	"github.com/klauspost/compress/zlib"
)

// Store keeps what was computed from single commits between builds, by
// commit and key: what depends only on a commit and gongshi (the versions
// of a site's pages) need not be computed again. It is a cache, checked
// like the index (format, gongshi's revision, a SHA-256 of its content);
// one that cannot be trusted is started afresh. Saving drops the commits
// no longer in the history. It is safe for concurrent use.
type Store struct {
	path    string
	mu      sync.Mutex
	m       map[string]map[string][]byte // commit → key → data
	dirty   bool
	Rebuilt string // why what was kept could not be used; "" when it was
}

const storeMagic = "gongshi store\n"

// OpenStore reads the store kept in dir under name, if any.
func OpenStore(dir, name string) *Store {
	s := &Store{path: filepath.Join(dir, name), m: map[string]map[string][]byte{}}
	data, err := os.ReadFile(s.path)
	switch {
	case errors.Is(err, os.ErrNotExist):
		s.Rebuilt = "none"
	case err != nil:
		s.Rebuilt = "unreadable: " + err.Error()
	default:
		if err := s.decode(data); err != nil {
			s.m, s.Rebuilt = map[string]map[string][]byte{}, err.Error()
		}
	}
	return s
}

// Get returns what was kept for the commit under key.
func (s *Store) Get(commit, key string) ([]byte, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	b, ok := s.m[commit][key]
	return b, ok
}

// Put keeps data for the commit under key.
func (s *Store) Put(commit, key string, data []byte) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.m[commit] == nil {
		s.m[commit] = map[string][]byte{}
	}
	s.m[commit][key] = data
	s.dirty = true
}

// Save writes the store, keeping only the commits of ix, when it changed.
func (s *Store) Save(ix *Index) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	for c := range s.m {
		if ix.Commit(c) == nil {
			delete(s.m, c)
			s.dirty = true
		}
	}
	if !s.dirty {
		return nil
	}
	data, err := s.encode()
	if err != nil {
		return err
	}
	if err := writeAtomic(filepath.Dir(s.path), s.path, data); err != nil {
		return err
	}
	s.dirty = false
	return nil
}

func (s *Store) encode() ([]byte, error) {
	var e encoder
	commits := make([]string, 0, len(s.m))
	for c := range s.m {
		commits = append(commits, c)
	}
	slices.Sort(commits)
	e.uint(uint64(len(commits)))
	for _, c := range commits {
		e.hash(c)
		keys := make([]string, 0, len(s.m[c]))
		for k := range s.m[c] {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		e.uint(uint64(len(keys)))
		for _, k := range keys {
			e.str(k)
			e.bytes(s.m[c][k])
		}
	}
	var out bytes.Buffer
	out.WriteString(storeMagic)
	var head encoder
	head.str(cacheKey())
	out.Write(head.buf.Bytes())
	zw := zlib.NewWriter(&out)
	if _, err := zw.Write(e.buf.Bytes()); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	sum := sha256.Sum256(out.Bytes())
	out.Write(sum[:])
	return out.Bytes(), nil
}

func (s *Store) decode(data []byte) error {
	if len(data) < len(storeMagic)+sha256.Size || string(data[:len(storeMagic)]) != storeMagic {
		return errors.New("corrupt: not a store")
	}
	body, sum := data[:len(data)-sha256.Size], data[len(data)-sha256.Size:]
	if got := sha256.Sum256(body); !bytes.Equal(got[:], sum) {
		return errors.New("corrupt: checksum mismatch (truncated or damaged)")
	}
	head := decoder{data: body[len(storeMagic):]}
	if k := head.str(); head.err != nil || k != cacheKey() {
		return fmt.Errorf("written by another version (%s, not %s)", k, cacheKey())
	}
	zr, err := zlib.NewReader(bytes.NewReader(head.data))
	if err != nil {
		return fmt.Errorf("corrupt: %w", err)
	}
	raw, err := io.ReadAll(zr)
	if err != nil {
		return fmt.Errorf("corrupt: %w", err)
	}
	d := decoder{data: raw}
	for range d.count(21) {
		c := d.hash()
		n := d.count(2)
		m := make(map[string][]byte, n)
		for range n {
			k := d.str()
			m[k] = d.bytes()
			if m[k] == nil {
				m[k] = []byte{}
			}
		}
		if d.err != nil {
			break
		}
		s.m[c] = m
	}
	if d.err == nil && len(d.data) > 0 {
		d.err = errors.New("trailing bytes")
	}
	if d.err != nil {
		return fmt.Errorf("corrupt: %w", d.err)
	}
	return nil
}

// writeAtomic writes data to path through a file beside it.
func writeAtomic(dir, path string, data []byte) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	_, err = tmp.Write(data)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		os.Remove(tmp.Name())
	}
	return err
}
