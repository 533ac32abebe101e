package synth

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"slices"
	"strings"
	"time"
)

// commit is one commit of the simulated history.
type commit struct {
	author  author
	when    time.Time
	msg     string
	files   []File
	deletes []string
	// side: made on a branch from the current head and merged after the
	// next commit, as when two clerks work at once.
	side bool
}

// sink receives the commits in order.
type sink interface {
	put(c *commit) error
	close() error
}

// Stats describe a repository written.
type Stats struct {
	Commits     int // commits, merges included
	Merges      int
	RecordFiles int // record files at the head
	Files       int // files at the head
	Bytes       int64
}

// Write writes the repository of the scale into dir, a folder that must not
// exist or be empty, with git fast-import: records only, as a township's
// repository holds (gongshi carries the site's layouts). The same scale
// and seed write the same commits, hashes included.
func Write(dir string, sc Scale) (Stats, error) {
	if out, err := exec.Command("git", "init", "-q", "-b", "main", dir).CombinedOutput(); err != nil {
		return Stats{}, fmt.Errorf("synth: git init: %v: %s", err, out)
	}
	cmd := exec.Command("git", "-C", dir, "fast-import", "--quiet", "--done")
	// fast-import grows its heap in small steps; glibc's defaults make
	// that 25 times slower than it need be.
	cmd.Env = append(os.Environ(), "MALLOC_TOP_PAD_=268435456", "MALLOC_TRIM_THRESHOLD_=268435456")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	in, err := cmd.StdinPipe()
	if err != nil {
		return Stats{}, err
	}
	if err := cmd.Start(); err != nil {
		return Stats{}, fmt.Errorf("synth: git fast-import: %w", err)
	}
	fi := &fastImport{w: bufio.NewWriterSize(in, 1<<20), head: map[string]int{}}
	werr := newWorld(sc, fi).run()
	if werr == nil {
		werr = fi.w.Flush()
	}
	in.Close()
	if err := cmd.Wait(); err != nil {
		return Stats{}, fmt.Errorf("synth: git fast-import: %v: %s", err, stderr.String())
	}
	if werr != nil {
		return Stats{}, fmt.Errorf("synth: %w", werr)
	}
	st := fi.stats
	for p, n := range fi.head {
		st.Files++
		st.Bytes += int64(n)
		if strings.HasPrefix(p, "records/") {
			st.RecordFiles++
		}
	}
	return st, nil
}

// Files returns the files at the head of the scale's repository without
// writing one, sorted by path: what benchmarks of decoding and computing
// read.
func Files(sc Scale) []File {
	m := &memory{files: map[string][]byte{}}
	if err := newWorld(sc, m).run(); err != nil {
		panic(err) // the memory sink never fails
	}
	var out []File
	for p, b := range m.files {
		out = append(out, File{Path: p, Data: b})
	}
	slices.SortFunc(out, func(a, b File) int { return strings.Compare(a.Path, b.Path) })
	return out
}

type memory struct{ files map[string][]byte }

func (m *memory) put(c *commit) error {
	for _, p := range c.deletes {
		delete(m.files, p)
	}
	for _, f := range c.files {
		m.files[f.Path] = f.Data
	}
	return nil
}

func (m *memory) close() error { return nil }

// fastImport writes commits as a git fast-import stream on the main
// branch.
type fastImport struct {
	w     *bufio.Writer
	mark  int
	tip   int // mark of main's head
	side  *commit
	sideM int
	head  map[string]int // path → size at the head
	stats Stats
	err   error
}

func (f *fastImport) put(c *commit) error {
	if f.side != nil {
		s, sm := f.side, f.sideM
		f.side = nil
		merge := &commit{author: s.author, files: s.files, deletes: s.deletes, msg: "合并" + s.author.name + "的修改：" + s.msg}
		if overlaps(s, c) {
			// The next commit changes what the branch changed: merge the
			// branch first (no fast-forward), then commit on top.
			merge.when = s.when.Add(time.Minute)
			f.write("refs/heads/main", merge, f.tip, sm)
			f.write("refs/heads/main", c, f.tip, 0)
		} else {
			f.write("refs/heads/main", c, f.tip, 0)
			merge.when = c.when.Add(time.Minute)
			f.write("refs/heads/main", merge, f.tip, sm)
		}
		f.stats.Merges++
		return f.err
	}
	if c.side && f.tip != 0 {
		f.side = c
		f.sideM = f.write("refs/heads/side", c, f.tip, 0)
		return f.err
	}
	f.write("refs/heads/main", c, f.tip, 0)
	return f.err
}

// overlaps reports whether two commits touch a common path.
func overlaps(a, b *commit) bool {
	paths := map[string]bool{}
	for _, x := range a.files {
		paths[x.Path] = true
	}
	for _, p := range a.deletes {
		paths[p] = true
	}
	for _, x := range b.files {
		if paths[x.Path] {
			return true
		}
	}
	for _, p := range b.deletes {
		if paths[p] {
			return true
		}
	}
	return false
}

// write writes one commit on ref with the parent marks given (0: none)
// and returns its mark.
func (f *fastImport) write(ref string, c *commit, from, merge int) int {
	if f.err != nil {
		return 0
	}
	f.mark++
	who := fmt.Sprintf("%s <%s> %d +0800", c.author.name, c.author.email, c.when.Unix())
	fmt.Fprintf(f.w, "commit %s\nmark :%d\nauthor %s\ncommitter %s\ndata %d\n%s\n", ref, f.mark, who, who, len(c.msg)+1, c.msg)
	if from != 0 {
		fmt.Fprintf(f.w, "from :%d\n", from)
	}
	if merge != 0 {
		fmt.Fprintf(f.w, "merge :%d\n", merge)
	}
	for _, p := range c.deletes {
		fmt.Fprintf(f.w, "D %s\n", p)
		if ref == "refs/heads/main" {
			delete(f.head, p)
		}
	}
	for _, x := range c.files {
		fmt.Fprintf(f.w, "M 100644 inline %s\ndata %d\n", x.Path, len(x.Data))
		f.w.Write(x.Data)
		f.w.WriteByte('\n')
		if ref == "refs/heads/main" {
			f.head[x.Path] = len(x.Data)
		}
	}
	f.w.WriteByte('\n')
	f.stats.Commits++
	if ref == "refs/heads/main" {
		f.tip = f.mark
	}
	return f.mark
}

func (f *fastImport) close() error {
	if f.side != nil { // the last commit was a side one: merge it alone
		s := f.side
		f.side = nil
		merge := &commit{author: s.author, when: s.when.Add(time.Minute), files: s.files, deletes: s.deletes, msg: "合并" + s.author.name + "的修改：" + s.msg}
		f.write("refs/heads/main", merge, f.tip, f.sideM)
		f.stats.Merges++
	}
	if f.err == nil {
		// The branch served its purpose; the history is main's.
		_, f.err = io.WriteString(f.w, "reset refs/heads/side\nfrom 0000000000000000000000000000000000000000\n\ndone\n")
	}
	return f.err
}
