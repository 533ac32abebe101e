package emit

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/tools/txtar"

	"gongshi/generator/internal/assess"
	"gongshi/generator/internal/calendar"
	"gongshi/generator/internal/record"
	"gongshi/generator/internal/safety"
	"gongshi/generator/internal/targets"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

func decode(t *testing.T, archive string) *record.Set {
	t.Helper()
	a, err := txtar.ParseFile(archive)
	if err != nil {
		t.Fatal(err)
	}
	var files []record.File
	for _, f := range a.Files {
		files = append(files, record.File{Path: f.Name, Data: f.Data})
	}
	set, errs := record.Decode(files)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	return set
}

var build = Build{
	Commit:  "0123456789abcdef0123456789abcdef01234567",
	When:    time.Date(2026, 7, 1, 9, 30, 0, 0, time.FixedZone("CST", 8*3600)),
	AsOf:    record.MustDate("2026-07-01"),
	Author:  "王文书",
	Message: "调整副镇长分工\n\n依据朝委〔2026〕30号。",
}

// golden compares emitted files with testdata/NAME.golden, an archive of
// every file.
//
// Pages are emitted with compact JSON front matter; the golden files show
// it indented, for the person who reads their diff.
func golden(t *testing.T, name string, files []File) {
	t.Helper()
	var a txtar.Archive
	for _, f := range files {
		a.Files = append(a.Files, txtar.File{Name: f.Path, Data: readable(t, f.Data)})
	}
	got := txtar.Format(&a)
	path := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("emitted files differ from %s (run with -update and read the diff):\n%s", path, got)
	}
}

func TestDirectoryPages(t *testing.T) {
	files, err := emitFiles(Input{Set: decode(t, "testdata/directory.txtar"), Build: build})
	if err != nil {
		t.Fatal(err)
	}
	var dir []File
	for _, f := range files {
		if !strings.HasPrefix(f.Path, "content/reference/") {
			dir = append(dir, f)
		}
	}
	golden(t, "directory", dir)
}

func TestPrivateFieldsAreNotEmitted(t *testing.T) {
	files, err := emitFiles(Input{Set: decode(t, "testdata/directory.txtar"), Build: build})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if bytes.Contains(f.Data, []byte("13900000001")) {
			t.Errorf("%s contains a private phone number", f.Path)
		}
	}
}

func TestPreviewHasNoCommit(t *testing.T) {
	b := Build{AsOf: record.MustDate("2026-11-24"), Preview: true}
	files, err := emitFiles(Input{Set: decode(t, "testdata/directory.txtar"), Build: b})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if f.Path == "data/site.json" {
			if !bytes.Contains(f.Data, []byte(`"preview":true`)) || bytes.Contains(f.Data, []byte(`"commit"`)) {
				t.Errorf("preview site.json:\n%s", f.Data)
			}
			return
		}
	}
	t.Error("no data/site.json")
}

// examples decodes the record examples of every kind together: a small
// township with a scheme, a quarter and a calendar.
func examples(t *testing.T) *record.Set {
	t.Helper()
	var files []record.File
	for _, k := range record.Kinds() {
		files = append(files, record.File{Path: k.ExamplePath(), Data: []byte(record.Example(k.Name))})
	}
	set, errs := record.Decode(files)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	return set
}

func TestAssessmentPages(t *testing.T) {
	set := examples(t)
	cal, errs := calendar.New(set.Calendars)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	results, errs := assess.Compute(set, cal)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	files, err := emitFiles(Input{Set: set, Calendar: cal, Assess: results, Build: build})
	if err != nil {
		t.Fatal(err)
	}
	var pages []File
	for _, f := range files {
		if strings.HasPrefix(f.Path, "content/assess/") || strings.HasPrefix(f.Path, "content/notices/assess-") {
			pages = append(pages, f)
		}
	}
	if len(pages) < 3 {
		t.Fatalf("only %d assessment pages emitted", len(pages))
	}
	golden(t, "assess", pages)
}

func TestTargetPages(t *testing.T) {
	set := decode(t, "testdata/targets.txtar")
	cal, errs := calendar.New(set.Calendars)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	as, errs := assess.Compute(set, cal)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	tr, errs := targets.Compute(set, cal, as, safety.Compute(set, build.AsOf))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	files, err := emitFiles(Input{Set: set, Calendar: cal, Assess: as, Targets: tr, Build: build})
	if err != nil {
		t.Fatal(err)
	}
	var pages []File
	for _, f := range files {
		for _, p := range []string{"content/targets/", "content/letters/", "content/notices/targets-", "content/notices/grades-"} {
			if strings.HasPrefix(f.Path, p) {
				pages = append(pages, f)
			}
		}
	}
	if len(pages) != 10 {
		t.Errorf("%d target pages emitted; want 10: the index, 3 unit pages, 2 notices, the letters' index and 3 letters", len(pages))
	}
	golden(t, "targets", pages)
}

// readable indents the JSON a file starts with (a page's front matter, or
// a data file), leaving what follows it as it is.
func readable(t *testing.T, data []byte) []byte {
	t.Helper()
	d := json.NewDecoder(bytes.NewReader(data))
	var front json.RawMessage
	if err := d.Decode(&front); err != nil {
		return data // not JSON: a hand-written file
	}
	var out bytes.Buffer
	if err := json.Indent(&out, front, "", "  "); err != nil {
		t.Fatal(err)
	}
	return append(out.Bytes(), data[d.InputOffset():]...)
}

// asOneFile returns the emitted files by path, each page's data file
// folded back into its front matter as a hand-written page would carry
// it (params, and the history pass's keys beside them): what the page's
// templates read, whichever way it is stored.
func asOneFile(t *testing.T, files []File) map[string][]byte {
	t.Helper()
	m := map[string][]byte{}
	for _, f := range files {
		m[f.Path] = f.Data
	}
	var commits map[string]map[string]json.RawMessage
	if b, ok := m[CommitsFile]; ok {
		if err := json.Unmarshal(b, &commits); err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range files {
		if !strings.HasSuffix(f.Path, ".md") {
			continue
		}
		d := json.NewDecoder(bytes.NewReader(f.Data))
		var front map[string]json.RawMessage
		if err := d.Decode(&front); err != nil {
			t.Fatalf("%s: %v", f.Path, err)
		}
		var asset string
		if raw, ok := front["pagedata"]; !ok {
			continue
		} else if err := json.Unmarshal(raw, &asset); err != nil {
			t.Fatal(err)
		}
		name := DataDir + "/" + strings.TrimPrefix(asset, DataAsset+"/")
		if name != dataFile(f.Path) {
			t.Fatalf("%s names its data %s, emitted at %s", f.Path, asset, dataFile(f.Path))
		}
		b, ok := m[name]
		if !ok {
			t.Fatalf("%s: its data %s was not emitted", f.Path, name)
		}
		var data map[string]json.RawMessage
		if err := json.Unmarshal(b, &data); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		delete(front, "pagedata")
		if h, ok := data["record_history"]; ok {
			data["record_history"] = withCommits(t, h, commits)
		}
		for _, k := range []string{"record_history", "published_versions", "published_version", "sources"} {
			if v, ok := data[k]; ok {
				front[k] = v
				delete(data, k)
			}
		}
		// Listed params are in both: the data file's are the page's.
		delete(front, "params")
		if len(data) > 0 {
			p, err := json.Marshal(data)
			if err != nil {
				t.Fatal(err)
			}
			front["params"] = p
		}
		out, err := json.Marshal(front)
		if err != nil {
			t.Fatal(err)
		}
		m[f.Path] = append(append(out, '\n'), f.Data[d.InputOffset():]...)
	}
	return m
}

// withCommits puts back into each entry of a data file's change history
// what CommitsFile says of its commit.
func withCommits(t *testing.T, history json.RawMessage, commits map[string]map[string]json.RawMessage) json.RawMessage {
	t.Helper()
	var h struct {
		Entries  []map[string]json.RawMessage `json:"entries"`
		Commands string                       `json:"commands,omitempty"`
		Total    int                          `json:"total,omitempty"`
		All      string                       `json:"all,omitempty"`
		Of       *pageLink                    `json:"of,omitempty"`
	}
	if err := json.Unmarshal(history, &h); err != nil {
		t.Fatal(err)
	}
	for _, e := range h.Entries {
		var c string
		if err := json.Unmarshal(e["c"], &c); err != nil {
			t.Fatal(err)
		}
		info, ok := commits[c]
		if !ok {
			t.Fatalf("commit %s of a change history is not in %s", c, CommitsFile)
		}
		delete(e, "c")
		for k, v := range info {
			e[k] = v
		}
		// What the commit changed, as the lists it was written from
		// (bodyFields).
		if b, ok := e["changed"]; ok {
			var body string
			if err := json.Unmarshal(b, &body); err != nil {
				t.Fatal(err)
			}
			delete(e, "changed")
			effects, changes, incomplete := bodyFields(t, body)
			for k, v := range map[string][]string{"effects": effects, "changes": changes, "incomplete": incomplete} {
				if len(v) > 0 {
					e[k], _ = json.Marshal(v)
				}
			}
		}
	}
	b, err := json.Marshal(h)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// emitFiles emits a whole site: every pass, with no earlier versions
// (a history's Versioned pages then have none).
func emitFiles(in Input) ([]File, error) {
	s, err := New(in)
	if err != nil {
		return nil, err
	}
	if in.History != nil {
		if err := s.AddVersions(nil); err != nil {
			return nil, err
		}
	}
	return s.Files()
}

// TestPlacardObjects: the objects whose placards are asked for, by the
// paths emit writes them at, each once; other pages name none.
func TestPlacardObjects(t *testing.T) {
	for _, c := range []struct {
		paths []string
		want  []string
	}{
		{nil, nil},
		{[]string{"content/safety/placards/a4/chuan-1.md", "content/safety/placards/a3/chuan-1.md"}, []string{"chuan-1"}},
		{[]string{"content/safety/placards/a3/qiye-2.md", "content/safety/placards/a4/chuan-1.md"}, []string{"chuan-1", "qiye-2"}},
		{[]string{"content/safety/placards/_index.md", "content/safety/objects/chuan-1.md", "content/letters/2025-x.md"}, nil},
		{[]string{"content/safety/placards/a5/chuan-1.md", "content/safety/placards/a4/x/y.md", "content/safety/placards/a4/.md", "content/safety/placards/a4/z.json"}, nil},
	} {
		if got := PlacardObjects(c.paths); !slices.Equal(got, c.want) {
			t.Errorf("PlacardObjects(%q) = %q; want %q", c.paths, got, c.want)
		}
	}
}
