package pipeline_test

import (
	"archive/zip"
	"bytes"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
	"unicode/utf16"

	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/spf13/afero"
	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/tools/txtar"

	"gongshi/generator/internal/assess"
	"gongshi/generator/internal/gittest"
	"gongshi/generator/internal/phase"
	"gongshi/generator/internal/pipeline"
	"gongshi/generator/internal/record"
	"gongshi/generator/internal/sheet"
)

// The hostile corpus: testdata/hostile holds inputs as a hostile user, or
// a clerk on Chinese Windows, gives them to gongshi (records, commit
// messages and authors, notice templates, workbooks, file names), each
// with the mistakes it must be refused with, or what it must be published
// as. TestHostileInputIsRefusedOrMaskedWithinBounds runs each in a process
// of its own, on the small township of sample.Township, and asserts that
// nothing from it reaches the site unmasked or unescaped, that no run
// exceeds 1 GiB of memory, and that none crashes.
//
// An archive's comment says what to do, a command a line:
//
//	mode build      commit its files onto the township (as a hook would not
//	                let through) and build: refused with each want, or,
//	                with none, published (checked by forbid and want-file)
//	mode history    the same, then a commit putting the township's files
//	                back, or writing fixed/PATH as PATH: the build
//	                publishes, warning with each want
//	mode message    check the file "message" as the commit-msg hook does
//	mode import     import a score workbook of 2026-Q2 made from the
//	                township's records, changed by the edit commands
//	mode csv        import the file "book.csv"
//	commit MESSAGE  the message of the commit made (\n for a line break)
//	author WHO      its author, "Name <email>"
//	want TEXT       the mistakes (or the warnings) include TEXT
//	want-file PATH TEXT  the built file PATH holds TEXT
//	forbid TEXT     no built file holds TEXT (nor its digits, when it is a
//	                number written with separators)
//	gbk PATH, utf16 PATH, crlf PATH  write the file so encoded
//	escapes         \xHH and \uHHHH in the files stand for those characters
//	repeat PATH N TEXT   append TEXT N times to the file
//	edit SHEET!CELL TEXT | merge SHEET!A1:B2 | hide-row SHEET N |
//	hide-col SHEET C | insert-row SHEET N | bomb MiB   change the workbook

const (
	hostileCase    = "GONGSHI_HOSTILE_CASE"
	hostileFixture = "GONGSHI_HOSTILE_FIXTURE"
	// hostileRSS is the most memory a run may take; hostileAS the address
	// space a child may map at all, so that a run gone wrong fails the
	// test rather than the machine.
	hostileRSS = 1 << 30
	hostileAS  = 3 << 30
)

// hostileBatch is how many cases a child process runs, one after another:
// starting a process of this test binary costs more than most cases. The
// child's peak RSS bounds each of its runs.
const hostileBatch = 8

func TestHostileInputIsRefusedOrMaskedWithinBounds(t *testing.T) {
	if os.Getenv(hostileCase) != "" {
		t.Skip("a child runs its cases")
	}
	paths, err := filepath.Glob("testdata/hostile/*.txtar")
	if err != nil || len(paths) < 60 {
		t.Fatalf("%d archives in testdata/hostile; want at least 60", len(paths))
	}
	g, _ := township(t)
	for i := 0; i < len(paths); i += hostileBatch {
		batch := paths[i:min(i+hostileBatch, len(paths))]
		var names, abs []string
		for _, p := range batch {
			a, _ := filepath.Abs(p)
			abs = append(abs, a)
			names = append(names, strings.TrimSuffix(filepath.Base(p), ".txtar"))
		}
		t.Run(names[0]+"…", func(t *testing.T) {
			t.Parallel()
			cmd := exec.Command(os.Args[0], "-test.run=^TestHostileCase$", "-test.v")
			cmd.Env = append(os.Environ(), hostileCase+"="+strings.Join(abs, string(os.PathListSeparator)), hostileFixture+"="+g.Dir)
			out, err := cmd.CombinedOutput()
			var exit *exec.ExitError
			switch {
			case errors.As(err, &exit) && exit.Exited():
				// A case failed: its subtest says which, and why.
			case errors.As(err, &exit):
				t.Errorf("the cases crashed (%s):\n%s", exit.ProcessState, out)
			case err != nil:
				t.Fatal(err)
			}
			for _, name := range names {
				switch {
				case bytes.Contains(out, []byte("--- PASS: TestHostileCase/"+name+" ")):
				case bytes.Contains(out, []byte("--- FAIL: TestHostileCase/"+name+" ")):
					t.Errorf("%s failed:\n%s", name, caseOutput(out, name))
				default:
					t.Errorf("%s did not run (an earlier case crashed?):\n%s", name, out)
				}
			}
			rss := phase.ChildRSS(cmd.ProcessState)
			if rss > hostileRSS {
				t.Errorf("a run of %s took up to %d MiB; want at most %d MiB", strings.Join(names, ", "), rss>>20, hostileRSS>>20)
			}
			t.Logf("peak RSS %d MiB", rss>>20)
		})
	}
}

// caseOutput is what the child printed of one case.
func caseOutput(out []byte, name string) []byte {
	start := bytes.Index(out, []byte("=== RUN   TestHostileCase/"+name+"\n"))
	if start < 0 {
		return out
	}
	rest := out[start+1:]
	if end := bytes.Index(rest, []byte("\n=== RUN")); end >= 0 {
		return rest[:end]
	}
	return rest
}

// TestHostileCase runs the cases its parent names, in a process of its
// own.
func TestHostileCase(t *testing.T) {
	paths := os.Getenv(hostileCase)
	if paths == "" {
		t.Skip("run by TestHostileInputIsRefusedOrMaskedWithinBounds")
	}
	lim := syscall.Rlimit{Cur: hostileAS, Max: hostileAS}
	if err := syscall.Setrlimit(syscall.RLIMIT_AS, &lim); err != nil {
		t.Logf("no limit on the address space: %v", err)
	}
	debug.SetMemoryLimit(hostileRSS / 2)
	for _, path := range filepath.SplitList(paths) {
		t.Run(strings.TrimSuffix(filepath.Base(path), ".txtar"), func(t *testing.T) {
			runHostileCase(t, path)
		})
	}
}

// runHostileCase runs one case of the corpus.
func runHostileCase(t *testing.T, path string) {
	a, err := txtar.ParseFile(path)
	if err != nil {
		t.Fatal(err)
	}
	c := parseCase(t, a)
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(os.Getenv(hostileFixture))); err != nil {
		t.Fatal(err)
	}
	g := gittest.Open(t, dir)
	switch c.mode {
	case "build", "history":
		c.build(t, g)
	case "message":
		errs := pipeline.CheckMessageFile(dir, "COMMIT_EDITMSG", c.files["message"], c.author)
		c.check(t, "the message", errs.Error())
	case "import", "csv":
		c.importBook(t, g)
	default:
		t.Fatalf("unknown mode %q", c.mode)
	}
}

// hostile is one case of the corpus.
type hostile struct {
	mode, message, author string
	wants, forbid         []string
	wantFiles             [][2]string
	files                 map[string][]byte
	order                 []string
	edits                 [][]string
}

var command = regexp.MustCompile(`^(\S+)\s*(.*)$`)

func parseCase(t *testing.T, a *txtar.Archive) *hostile {
	c := &hostile{files: map[string][]byte{}, message: "修改记录", author: "朝天镇党政办 <dzb@chaotian.example>"}
	for _, f := range a.Files {
		c.files[f.Name] = f.Data
		c.order = append(c.order, f.Name)
	}
	escapes := false
	var encodings [][2]string
	for _, line := range strings.Split(string(a.Comment), "\n") {
		m := command.FindStringSubmatch(strings.TrimSpace(line))
		if m == nil || strings.HasPrefix(m[1], "#") {
			continue
		}
		arg := m[2]
		switch m[1] {
		case "mode":
			c.mode = arg
		case "commit":
			c.message = strings.ReplaceAll(arg, `\n`, "\n")
		case "author":
			c.author = arg
		case "want":
			c.wants = append(c.wants, arg)
		case "want-file":
			p, text, _ := strings.Cut(arg, " ")
			c.wantFiles = append(c.wantFiles, [2]string{p, text})
		case "forbid":
			c.forbid = append(c.forbid, arg)
		case "escapes":
			escapes = true
		case "gbk", "utf16", "crlf":
			encodings = append(encodings, [2]string{m[1], arg})
		case "repeat":
			f := strings.SplitN(arg, " ", 3)
			n, _ := strconv.Atoi(f[1])
			c.files[f[0]] = append(c.files[f[0]], bytes.Repeat([]byte(f[2]), n)...)
		case "edit", "merge", "hide-row", "hide-col", "insert-row", "bomb":
			c.edits = append(c.edits, append([]string{m[1]}, strings.Fields(arg)...))
		default:
			t.Fatalf("unknown command %q", line)
		}
	}
	if escapes {
		for p, b := range c.files {
			c.files[p] = unescape(b)
		}
		c.message = string(unescape([]byte(c.message)))
		c.author = string(unescape([]byte(c.author)))
		for i := range c.wants {
			c.wants[i] = string(unescape([]byte(c.wants[i])))
		}
		for i := range c.forbid {
			c.forbid[i] = string(unescape([]byte(c.forbid[i])))
		}
	}
	for _, e := range encodings {
		b := c.files[e[1]]
		switch e[0] {
		case "gbk":
			gbk, err := simplifiedchinese.GBK.NewEncoder().Bytes(b)
			if err != nil {
				t.Fatal(err)
			}
			c.files[e[1]] = gbk
		case "utf16":
			var out []byte
			out = append(out, 0xff, 0xfe)
			for _, u := range utf16.Encode([]rune(string(b))) {
				out = append(out, byte(u), byte(u>>8))
			}
			c.files[e[1]] = out
		case "crlf":
			c.files[e[1]] = bytes.ReplaceAll(b, []byte("\n"), []byte("\r\n"))
		}
	}
	return c
}

var escape = regexp.MustCompile(`\\x[0-9a-fA-F]{2}|\\u[0-9a-fA-F]{4}`)

func unescape(b []byte) []byte {
	return escape.ReplaceAllFunc(b, func(m []byte) []byte {
		n, _ := strconv.ParseUint(string(m[2:]), 16, 32)
		if m[1] == 'x' {
			return []byte{byte(n)}
		}
		return []byte(string(rune(n)))
	})
}

// check compares the mistakes (or warnings) with the case's wants.
func (c *hostile) check(t *testing.T, what, got string) {
	t.Helper()
	for _, w := range c.wants {
		if !strings.Contains(got, w) {
			t.Errorf("%s:\n%s\nwant one saying:\n%s", what, got, w)
		}
	}
	if len(c.wants) == 0 && got != "" {
		t.Errorf("%s:\n%s\nwant none", what, got)
	}
}

// build commits the case's files onto the township and builds it.
func (c *hostile) build(t *testing.T, g *gittest.Repo) {
	before := map[string][]byte{}
	for _, p := range c.order {
		if strings.HasPrefix(p, "fixed/") {
			continue
		}
		if b, err := os.ReadFile(filepath.Join(g.Dir, filepath.FromSlash(p))); err == nil {
			before[p] = b
		}
		g.Write(p, c.files[p])
	}
	g.At("2026-04-20T09:00:00+08:00", c.author)
	g.Commit(c.message)
	if c.mode == "history" {
		for _, p := range c.order {
			if fixed, ok := c.files["fixed/"+p]; ok {
				g.Write(p, fixed)
			} else if b, ok := before[p]; ok {
				g.Write(p, b)
			} else if !strings.HasPrefix(p, "fixed/") {
				g.Remove(p)
			}
		}
		g.At("2026-04-21T09:00:00+08:00", "朝天镇党政办 <dzb@chaotian.example>")
		g.Commit("更正记录")
	}
	s, err := pipeline.Build(pipeline.Options{Source: pipeline.Source{Dir: g.Dir}, NoCache: true})
	if err == nil {
		var files map[string]string
		files, err = renderQuietly(s)
		if err == nil {
			c.published(t, files)
			if c.mode == "history" {
				c.check(t, "warnings", strings.Join(s.Warnings, "\n"))
			} else if len(c.wants) > 0 {
				t.Errorf("built and published; want it refused saying %q", c.wants)
			}
			return
		}
	}
	if c.mode == "history" || len(c.wants) == 0 {
		t.Fatalf("build: %v; want it published", err)
	}
	c.check(t, "build", err.Error())
}

// renderQuietly renders the site into memory.
func renderQuietly(s *pipeline.Site) (map[string]string, error) {
	mem := memFs()
	if _, err := s.Render(mem, "/out"); err != nil {
		return nil, err
	}
	return readFs(mem, "/out")
}

// published checks the built files against forbid and want-file.
func (c *hostile) published(t *testing.T, files map[string]string) {
	t.Helper()
	for _, f := range c.forbid {
		digits := regexp.MustCompile(`^[\d .\-/,]+$`).MatchString(f)
		for p, body := range files {
			if strings.Contains(body, f) || digits && len(digitsOf(f)) >= 7 && strings.Contains(digitsOf(body), digitsOf(f)) {
				t.Errorf("%s holds %q", p, f)
			}
		}
	}
	for _, w := range c.wantFiles {
		if body, ok := files[w[0]]; !ok || !strings.Contains(body, w[1]) {
			t.Errorf("%s does not hold %q", w[0], w[1])
		}
	}
}

// importBook imports the case's workbook into the township.
func (c *hostile) importBook(t *testing.T, g *gittest.Repo) {
	name, data := "book.csv", c.files["book.csv"]
	if c.mode == "import" {
		name, data = "2026-Q2-绩效考核评分.xlsx", c.workbook(t, g)
	}
	file := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(file, data, 0o644); err != nil {
		t.Fatal(err)
	}
	when := time.Date(2026, 7, 3, 9, 0, 0, 0, record.Shanghai())
	commit := pipeline.Commit{Message: c.message}
	if c.message != "" {
		commit.Author = mustSignature(t, c.author)
		commit.Committer = commit.Author
	}
	commit.Author.When, commit.Committer.When = when, when
	_, err := pipeline.PlanImport(g.Dir, file, data, commit)
	if err == nil {
		err = errors.New("")
	}
	c.check(t, "import", err.Error())
}

func mustSignature(t *testing.T, who string) object.Signature {
	t.Helper()
	m := regexp.MustCompile(`^(.*?)\s*<(.*)>$`).FindStringSubmatch(who)
	if m == nil {
		t.Fatalf("author %q", who)
	}
	return object.Signature{Name: m[1], Email: m[2]}
}

// workbook is the township's 2026-Q2 score workbook, changed by the
// case's edits as a clerk (or someone else) would in Excel.
func (c *hostile) workbook(t *testing.T, g *gittest.Repo) []byte {
	recs, err := pipeline.Load(pipeline.Source{Dir: g.Dir})
	if err != nil {
		t.Fatal(err)
	}
	q, _ := record.ParseQuarter("2026-Q2")
	var b bytes.Buffer
	tm := &sheet.AssessTemplate{Township: recs.Set.Township.Name, Set: recs.Set, Roster: assess.RosterOf(recs.Set, q)}
	if err := tm.Write(&b); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&b)
	if err != nil {
		t.Fatal(err)
	}
	bomb := 0
	for _, e := range c.edits {
		sh, cell, _ := strings.Cut(e[1], "!")
		switch e[0] {
		case "edit":
			v := strings.Join(e[2:], " ")
			if _, perr := strconv.ParseFloat(v, 64); perr == nil {
				err = f.SetCellDefault(sh, cell, v) // typed as a number
			} else {
				err = f.SetCellStr(sh, cell, v)
			}
		case "merge":
			from, to, _ := strings.Cut(cell, ":")
			err = f.MergeCell(sh, from, to)
		case "hide-row":
			n, _ := strconv.Atoi(e[2])
			err = f.SetRowVisible(e[1], n, false)
		case "hide-col":
			err = f.SetColVisible(e[1], e[2], false)
		case "insert-row":
			n, _ := strconv.Atoi(e[2])
			err = f.InsertRows(e[1], n, 1)
		case "bomb":
			bomb, _ = strconv.Atoi(e[1])
		}
		if err != nil {
			t.Fatalf("%v: %v", e, err)
		}
	}
	b.Reset()
	if err := f.Write(&b); err != nil {
		t.Fatal(err)
	}
	if bomb > 0 {
		return zipBomb(t, b.Bytes(), bomb)
	}
	return b.Bytes()
}

// zipBomb puts one string of mib MiB into the workbook's shared strings.
func zipBomb(t *testing.T, book []byte, mib int) []byte {
	zr, err := zip.NewReader(bytes.NewReader(book), int64(len(book)))
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, f := range zr.File {
		w, _ := zw.Create(f.Name)
		r, _ := f.Open()
		var part bytes.Buffer
		part.ReadFrom(r)
		s := part.String()
		if i := strings.Index(s, "<t>"); f.Name == "xl/sharedStrings.xml" && i >= 0 {
			w.Write([]byte(s[:i+3]))
			chunk := bytes.Repeat([]byte("x"), 1<<20)
			for range mib {
				w.Write(chunk)
			}
			w.Write([]byte(s[i+3:]))
			continue
		}
		w.Write(part.Bytes())
	}
	zw.Close()
	return b.Bytes()
}

// memFs is a file system in memory to render into.
func memFs() afero.Fs { return afero.NewMemMapFs() }

// readFs returns the files under dir by path.
func readFs(mem afero.Fs, dir string) (map[string]string, error) {
	files := map[string]string{}
	err := afero.Walk(mem, dir, func(p string, fi fs.FileInfo, err error) error {
		if err != nil || fi.IsDir() {
			return err
		}
		b, err := afero.ReadFile(mem, p)
		files[strings.TrimPrefix(p, dir+"/")] = string(b)
		return err
	})
	return files, err
}
