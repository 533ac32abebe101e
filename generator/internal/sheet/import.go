package sheet

import (
	"fmt"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"gongshi/generator/internal/diag"
	"gongshi/generator/internal/record"
)

// Records is what an import reads besides the workbook: the records of the
// commit the import builds on, checked.
type Records struct {
	Set *record.Set
	// File returns a record file of that commit, to keep its header
	// comments when it is written again.
	File func(path string) ([]byte, bool)
	// SchemaDir is where the repository keeps the JSON Schemas ("schema" in
	// a township's repository), for the first line of a new file.
	SchemaDir string
}

// Plan is the record files an import would write — one for a quarter's
// scores or a month's register, one per unit for a year's unit targets —
// with what is needed to report the checker's findings at the cells and to
// say what changes.
type Plan struct {
	Edits []*Edit           // by path
	book  string            // the workbook's name, for findings no cell explains
	bad   map[diag.Pos]bool // cells already reported
}

// Edit is one record file an import would write.
type Edit struct {
	Path string // records/assess/2026-Q2.yaml
	Data []byte
	Old  []byte // the file as it is, nil when it is new

	w *yamlWriter
	// moves send a finding about a field the record lacks, which the
	// checker reports where the record starts, to that field's column of
	// the same row (or to a cell of its own): message prefix → sheet and
	// column.
	moves []move
	// byKeys pairs the records of the old and the new file by oldKeys and
	// newKeys (in file order), for kinds without ids (a register of
	// reports); otherwise they are paired by record.Key.
	byKeys           bool
	oldKeys, newKeys []string
	labels           map[string]string // key → how a change names the record
}

// Import reads a filled-in template and returns the record files it
// makes, or every mistake found in its cells. The template is known by the tag in
// the second row of each of its sheets.
func Import(b *Book, rs Records) (*Plan, diag.List) {
	var errs diag.List
	parts := map[string]*Sheet{}
	var t tag
	for _, s := range b.Sheets {
		if s.tag.kind == "" {
			continue
		}
		if t.kind == "" {
			t = s.tag
		}
		if s.tag.kind != t.kind || s.tag.period != t.period {
			errs.Add(s.Pos(tagRow, 1), "expected the sheets of one template (%s %s), found %s %s; 每个文件只填一个模板", t.kind, t.period, s.tag.kind, s.tag.period)
			continue
		}
		if first := parts[s.tag.part]; first != nil {
			errs.Add(s.Pos(tagRow, 1), "expected one sheet of each part, found a second %s (first %s)", partTitles[s.tag.part], first.Name)
			continue
		}
		parts[s.tag.part] = s
	}
	if t.kind == "" {
		errs.Add(diag.Pos{File: b.Name}, "expected a template made by gongshi template (row 2 of its sheets carries a tag such as %s), found none; 请用 gongshi template 生成的表格填写",
			tag{"assess", "2026-Q2", "scores"})
		return nil, errs
	}
	if len(errs) > 0 {
		return nil, errs
	}
	if errs := checkLayout(b, parts, rs, t); len(errs) > 0 {
		errs.Sort()
		return nil, errs
	}
	switch t.kind {
	case "assess":
		return importAssess(b, parts, rs, t.period)
	case "reports":
		return importReports(b, parts, rs, t.period)
	case "targets":
		return importTargets(b, parts, rs, t.period)
	}
	errs.Add(diag.Pos{File: b.Name}, "expected a template of assess, reports or targets, found %q", t.kind)
	return nil, errs
}

// move sends findings whose message starts with prefix, placed on a row of
// sheet (in column from, when it is not 0), to column col of that row, or
// to row too when it is not 0.
type move struct {
	prefix, sheet  string
	from, col, row int
}

// Paths are the files the plan writes.
func (p *Plan) Paths() []string {
	var ps []string
	for _, e := range p.Edits {
		ps = append(ps, e.Path)
	}
	return ps
}

// Locate reports the checker's findings in the files the import would
// write at the cells their values came from. A cell already reported is
// not reported again; findings in other files are left as they are.
func (p *Plan) Locate(errs diag.List) diag.List {
	edits := map[string]*Edit{}
	for _, e := range p.Edits {
		edits[e.Path] = e
	}
	var out diag.List
	for _, e := range errs {
		ed := edits[e.Pos.File]
		if ed == nil {
			out = append(out, e)
			continue
		}
		at, ok := ed.w.at(e.Pos.Line, e.Pos.Col)
		if !ok {
			at = diag.Pos{File: p.book}
		}
		for _, m := range ed.moves {
			if at.Sheet == m.sheet && at.Line > 0 && (m.from == 0 || at.Col == m.from) && strings.HasPrefix(e.Msg, m.prefix) {
				at.Col = m.col
				if m.row > 0 {
					at.Line = m.row
				}
			}
		}
		if p.bad[at] {
			continue
		}
		out = append(out, &diag.Error{Pos: at, Msg: ed.cellRefs(e.Msg)})
	}
	out.Sort()
	return out
}

var atLine = regexp.MustCompile(`\bat line (\d+)\b`)

// cellRefs rewrites "at line N" of the written file, which the clerk has
// not seen, as the cell the line came from: "at 计分记录!B5".
func (p *Edit) cellRefs(msg string) string {
	return atLine.ReplaceAllStringFunc(msg, func(m string) string {
		n, _ := strconv.Atoi(atLine.FindStringSubmatch(m)[1])
		if at, ok := p.w.at(n, 1); ok && at.Sheet != "" && at.Line > 0 {
			return "at " + at.Sheet + "!" + diag.ColumnName(at.Col) + strconv.Itoa(at.Line)
		}
		return m
	})
}

// Changes says what the import changes in the file's published records,
// in the words of the change histories.
func (p *Edit) Changes(oldLabels, newLabels record.Labels) []record.Change {
	var olds, news []record.Entry
	if p.Old != nil {
		olds, _ = record.ReadFile(record.File{Path: p.Path, Data: p.Old})
	}
	news, _ = record.ReadFile(record.File{Path: p.Path, Data: p.Data})
	var out []record.Change
	if !p.byKeys {
		before := map[record.Key]*record.Entry{}
		for i := range olds {
			before[olds[i].Key] = &olds[i]
		}
		seen := map[record.Key]bool{}
		for i := range news {
			seen[news[i].Key] = true
			out = append(out, record.Compare(before[news[i].Key], &news[i], oldLabels, newLabels)...)
		}
		for i := range olds {
			if !seen[olds[i].Key] {
				out = append(out, record.Compare(&olds[i], nil, oldLabels, newLabels)...)
			}
		}
		return out
	}
	if len(olds) != len(p.oldKeys) || len(news) != len(p.newKeys) {
		panic(fmt.Sprintf("sheet: %d old and %d new entries for %d and %d keys", len(olds), len(news), len(p.oldKeys), len(p.newKeys)))
	}
	before := map[string]*record.Entry{}
	for i, k := range p.oldKeys {
		before[k] = &olds[i]
	}
	label := func(cs []record.Change, k string) []record.Change {
		for i := range cs {
			cs[i].Label = p.labels[k]
		}
		return cs
	}
	for i, k := range p.newKeys {
		out = append(out, label(record.Compare(before[k], &news[i], oldLabels, newLabels), k)...)
	}
	for i, k := range p.oldKeys {
		if !slices.Contains(p.newKeys, k) {
			out = append(out, label(record.Compare(&olds[i], nil, oldLabels, newLabels), k)...)
		}
	}
	return out
}

// headerOf is the comment lines a file starts with: the old file's, kept
// as they are, or for a new file the line that wires the JSON Schema for
// editors and a line saying what the file holds.
func headerOf(old []byte, file, schemaDir, kind, about string) []string {
	if old != nil {
		var lines []string
		for _, l := range strings.SplitAfter(string(old), "\n") {
			t := strings.TrimSpace(l)
			if t != "" && !strings.HasPrefix(t, "#") {
				break
			}
			lines = append(lines, strings.TrimRight(l, "\r\n"))
		}
		return lines
	}
	return []string{
		"# yaml-language-server: $schema=" + SchemaRef(file, schemaDir, kind),
		"# " + about,
	}
}

// SchemaRef is the path from a record file to its kind's JSON Schema, as
// the first line of the file names it.
func SchemaRef(file, schemaDir, kind string) string {
	up := strings.Repeat("../", strings.Count(path.Dir(file), "/")+1)
	return up + path.Join(schemaDir, kind+".json")
}
