package pipeline

import (
	"errors"
	"fmt"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/go-git/go-git/v5/plumbing/object"

	"gongshi/generator/internal/diag"
	"gongshi/generator/internal/record"
	"gongshi/generator/internal/repo"
	"gongshi/generator/internal/scaffold"
	"gongshi/generator/internal/sheet"
)

// An import turns a workbook the clerk filled in (gongshi template) into
// record files, checked as the commit would hold them, and commits those
// whose published values change, alone, in one commit.

// Import is an import checked and ready to commit.
type Import struct {
	// Base is the commit the import builds on (HEAD), its records computed.
	Base *Records
	// Read are the record files the workbook covers.
	Read []string
	// Files are those whose published values change, with the changes in
	// the words of the change histories; none: the workbook changes
	// nothing.
	Files []ImportedFile

	dir string
}

// ImportedFile is one record file an import writes.
type ImportedFile struct {
	Path    string
	Data    []byte
	Changes []string
}

// BaseError is the refusal of an import on top of records that have
// mistakes of their own: they are to be corrected and committed first.
type BaseError struct {
	Commit string // abbreviated hash
	Errs   diag.List
}

func (e *BaseError) Error() string {
	return fmt.Sprintf("%s\nthe records at %s have %d mistake(s); correct and commit them, then import again", e.Errs.Error(), e.Commit, len(e.Errs))
}

// Commit is the commit an import is to make, as far as it is published:
// its message and who makes it. An empty message is not checked (a dry
// run makes no commit).
type Commit struct {
	Message           string
	Author, Committer object.Signature
}

// PlanImport reads the workbook file (its name, for messages, and its
// bytes) against the records of HEAD of the repository containing dir,
// checks every cell and then the records as a commit made at
// c.Committer.When would hold them, and the commit's message and names,
// which the site publishes. Every mistake of the run is returned as one
// diag.List: the workbook's at their cells, the message's at --message.
func PlanImport(dir, file string, data []byte, c Commit) (*Import, error) {
	r, snap, err := open(Source{Dir: dir}, nil)
	if err != nil {
		return nil, err
	}
	r.Close()
	base, errs := Compute(snap, nil, nil)
	if len(errs) > 0 {
		return nil, &BaseError{Commit: snap.Short(), Errs: errs}
	}
	errs = checkImportCommit(base.Set, c)
	name := filepath.Base(file)
	book, err := sheet.Read(file, data)
	if err != nil {
		var l diag.List
		if !errors.As(err, &l) { // else at its cells
			l.Add(diag.Pos{File: name}, "%v", strings.TrimPrefix(err.Error(), name+": "))
		}
		errs.Append(l)
		errs.Sort()
		return nil, errs
	}
	files := map[string][]byte{}
	for _, f := range snap.Records {
		files[f.Path] = f.Data
	}
	plan, perrs := sheet.Import(book, sheet.Records{Set: base.Set, SchemaDir: schemaDir(snap), File: func(p string) ([]byte, bool) {
		b, ok := files[p]
		return b, ok
	}})
	errs.Append(perrs)
	if plan == nil {
		errs.Sort()
		return nil, errs
	}

	// The records as the commit would hold them, checked; what the
	// checker finds in the new files is reported at the cells they came
	// from.
	written := map[string][]byte{}
	for _, e := range plan.Edits {
		written[e.Path] = e.Data
	}
	next := *snap
	next.Records = nil
	for _, f := range snap.Records {
		if _, ok := written[f.Path]; !ok {
			next.Records = append(next.Records, f)
		}
	}
	for _, e := range plan.Edits {
		next.Records = append(next.Records, record.File{Path: e.Path, Data: e.Data})
	}
	next.AsOf = record.DateOf(c.Committer.When.In(record.Shanghai()))
	after, more := Compute(&next, nil, nil)
	errs.Append(plan.Locate(more))
	if len(errs) > 0 {
		errs.Sort()
		return nil, errs
	}

	// Only the files whose published records change are written: one the
	// workbook leaves as it was is not rewritten, whatever its layout.
	im := &Import{Base: base, Read: plan.Paths(), dir: dir}
	for _, e := range plan.Edits {
		changes := e.Changes(Labels(base.Set), Labels(after.Set))
		if len(changes) == 0 {
			continue
		}
		f := ImportedFile{Path: e.Path, Data: e.Data}
		for _, c := range changes {
			f.Changes = append(f.Changes, c.String())
		}
		im.Files = append(im.Files, f)
	}
	return im, nil
}

// Commit writes the files that change and commits them alone, on top of
// HEAD, and returns the new commit's hash. It refuses, writing nothing,
// when a file to write has uncommitted changes or other files are staged,
// and when the message or a name holds what may not be published (a
// diag.List).
func (im *Import) Commit(message string, author, committer object.Signature) (string, error) {
	if len(im.Files) == 0 {
		return "", fmt.Errorf("import: nothing to commit")
	}
	// The message and the names are published and stay in the history:
	// checked before anything is written (PlanImport checked them too,
	// with the workbook, when given them).
	if strings.TrimSpace(message) == "" {
		return "", fmt.Errorf("import: a commit needs a message")
	}
	if err := checkImportCommit(im.Base.Set, Commit{Message: message, Author: author, Committer: committer}).Err(); err != nil {
		return "", err
	}
	r, err := repo.Open(im.dir)
	if err != nil {
		return "", err
	}
	defer r.Close()
	var files []record.File
	var paths []string
	for _, f := range im.Files {
		files = append(files, record.File{Path: f.Path, Data: f.Data})
		paths = append(paths, f.Path)
	}
	if err := r.Clean(paths...); err != nil {
		return "", fmt.Errorf("import: nothing written, no commit: %w", err)
	}
	return r.CommitFiles(files, message, author, committer)
}

// Labels names the records a change refers to as the site does, and the
// codes it cites by the names of the schemes' items and indicators (the
// newest scheme's, as the history names them).
func Labels(set *record.Set) record.Labels {
	codes := map[record.Key]string{}
	schemes := slices.Clone(set.Assess.Schemes)
	slices.SortStableFunc(schemes, func(a, b record.AssessScheme) int { return a.From.Compare(b.From) })
	for _, s := range schemes {
		for _, it := range s.Items {
			codes[record.Key{Kind: "assess-item", ID: it.Code}] = it.Name
		}
		for _, in := range s.Indicators {
			codes[record.Key{Kind: "assess-indicator", ID: in.Code}] = in.Name
		}
	}
	return func(k record.Key) (string, bool) {
		if l, ok := codes[k]; ok {
			return l, true
		}
		switch k.Kind {
		case "person":
			if p := set.Person(k.ID); p != nil {
				return p.Name, true
			}
		case "unit":
			if u := set.Unit(k.ID); u != nil {
				return u.Name, true
			}
		case "post":
			if p := set.Post(k.ID); p != nil {
				return p.Title, true
			}
		}
		return "", false
	}
}

var schemaLine = regexp.MustCompile(`^# yaml-language-server: \$schema=(\S+)/[^/\s]+\.json`)

// schemaDir is where the repository keeps the JSON Schemas, as its
// record files' first line says ("schema" in a township's repository,
// "generator/schema" in gongshi's own).
func schemaDir(snap *repo.Snapshot) string {
	for _, f := range snap.Records {
		if m := schemaLine.FindSubmatch(f.Data); m != nil {
			return path.Clean(path.Join(path.Dir(f.Path), string(m[1])))
		}
	}
	return scaffold.SchemaDir
}
