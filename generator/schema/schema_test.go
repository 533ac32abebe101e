package schema

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/goccy/go-yaml"
	"github.com/santhosh-tekuri/jsonschema/v6"

	"gongshi/generator/internal/record"
)

var update = flag.Bool("update", false, "rewrite the schema files from the record types")

func TestSchemaFilesAreUpToDate(t *testing.T) {
	for _, k := range record.Kinds() {
		want := record.Schema(k)
		name := k.Name + ".json"
		if *update {
			if err := os.WriteFile(name, want, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		got, err := Files.ReadFile(name)
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("%s is out of date with the record types: run go test ./generator/schema -update", name)
		}
	}
	entries, _ := Files.ReadDir(".")
	if !*update && len(entries) != len(record.Kinds()) {
		t.Errorf("%d schema files for %d kinds: remove the stale ones", len(entries), len(record.Kinds()))
	}
}

func compile(t *testing.T, kind string) *jsonschema.Schema {
	t.Helper()
	b, err := Files.ReadFile(kind + ".json")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource(kind+".json", doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile(kind + ".json")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// schemaAccepts validates YAML text the way an editor does: YAML → JSON →
// schema.
func schemaAccepts(s *jsonschema.Schema, text string) (bool, error) {
	j, err := yaml.YAMLToJSON([]byte(text))
	if err != nil {
		return false, nil // not YAML: no editor accepts it either
	}
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(j))
	if err != nil {
		return false, err
	}
	return s.Validate(v) == nil, nil
}

// loaderAccepts decodes the text as a file of the kind, together with the
// other kinds' examples so references resolve, and reports whether the
// loader found a mistake in the text's own file.
func loaderAccepts(kind, text string) (bool, string) {
	var files []record.File
	var path string
	for _, k := range record.Kinds() {
		p := k.ExamplePath()
		data := record.Example(k.Name)
		if k.Name == kind {
			path, data = p, text
		}
		files = append(files, record.File{Path: p, Data: []byte(data)})
	}
	_, errs := record.Decode(files)
	var mine []string
	for _, e := range errs {
		if e.Pos.File == path {
			mine = append(mine, e.Error())
		}
	}
	return len(mine) == 0, strings.Join(mine, "\n")
}

// TestSchemaAndLoaderAgree: what an editor accepts as you type, gongshi
// check accepts, and the other way round — for every mistake a schema can
// express. References between files, unique ids, date order and the ID-card
// check character are beyond a schema and are checked by the loader only.
func TestSchemaAndLoaderAgree(t *testing.T) {
	cases := []struct {
		kind, name, text string
		valid            bool
	}{
		{"units", "valid", "units:\n  - id: a-1\n    name: 甲\n    type: 企业\n", true},
		{"units", "optional field left empty", "units:\n  - id: a\n    name: 甲\n    type: 企业\n    parent:\n", true},
		{"units", "multi-line note", "units:\n  - id: a\n    name: 甲\n    type: 企业\n    note: |\n      第一行\n      第二行\n", true},
		{"units", "type not in the list", "units:\n  - id: a\n    name: 甲\n    type: 村\n", false},
		{"units", "upper-case id", "units:\n  - id: A\n    name: 甲\n    type: 企业\n", false},
		{"units", "date with slashes", "units:\n  - id: a\n    name: 甲\n    type: 企业\n    established: 2026/3/5\n", false},
		{"units", "day that does not exist", "units:\n  - id: a\n    name: 甲\n    type: 企业\n    established: 2026-02-30\n", false},
		{"units", "date as a number", "units:\n  - id: a\n    name: 甲\n    type: 企业\n    established: 20260305\n", false},
		{"units", "empty name", "units:\n  - id: a\n    name: \"\"\n    type: 企业\n", false},
		{"units", "name with a trailing space", "units:\n  - id: a\n    name: \"甲 \"\n    type: 企业\n", false},
		{"units", "two-line name", "units:\n  - id: a\n    name: \"甲\\n乙\"\n    type: 企业\n", false},
		{"units", "missing required field", "units:\n  - id: a\n    type: 企业\n", false},
		{"units", "unknown field", "units:\n  - id: a\n    name: 甲\n    type: 企业\n    fax: 1\n", false},
		{"units", "wrong top-level field", "unit:\n  - id: a\n    name: 甲\n    type: 企业\n", false},
		{"units", "not a list", "units:\n  id: a\n", false},
		{"units", "empty file", "# nothing yet\n", false},
		{"units", "full-width colon", "units:\n  - id: a\n    name：甲\n    type: 企业\n", false},
		{"units", "office phone", "units:\n  - id: a\n    name: 甲\n    type: 企业\n    phone: 0745-7621234\n", true},
		{"units", "office phone without area code", "units:\n  - id: a\n    name: 甲\n    type: 企业\n    phone: 7621234\n", false},
		{"people", "valid", "people:\n  - id: p\n    name: 张三\n    unit: zhengfu\n    id_number: \"11010519491231002X\"\n    phone: \"13800000000\"\n", true},
		{"people", "id number unquoted", "people:\n  - id: p\n    name: 张三\n    unit: zhengfu\n    id_number: 110105194912310021\n", false},
		{"people", "id number lower-case x", "people:\n  - id: p\n    name: 张三\n    unit: zhengfu\n    id_number: \"11010519491231002x\"\n", false},
		{"people", "space in a name", "people:\n  - id: p\n    name: 张 三\n    unit: zhengfu\n", false},
		{"people", "phone as a number", "people:\n  - id: p\n    name: 张三\n    unit: zhengfu\n    phone: 13800000000\n", false},
		{"people", "tenure without a start", "people:\n  - id: p\n    name: 张三\n    unit: zhengfu\n    posts:\n      - post: fuzhenzhang-anquan\n", false},
		{"people", "gender not in the list", "people:\n  - id: p\n    name: 张三\n    unit: zhengfu\n    gender: 男性\n", false},
		{"township", "valid", record.Example("township"), true},
		{"township", "full-width digits", strings.Replace(record.Example("township"), "working_days: 5", "working_days: ５", 1), false},
		{"township", "number in quotes", strings.Replace(record.Example("township"), "working_days: 5", "working_days: \"5\"", 1), false},
		{"township", "number out of range", strings.Replace(record.Example("township"), "working_days: 5", "working_days: 0", 1), false},
		{"township", "yes instead of true", strings.Replace(record.Example("township"), "count_first_day: false", "count_first_day: 否", 1), false},
		{"township", "missing nested field", strings.Replace(record.Example("township"), "  office: 党政综合办公室\n", "", 1), false},
		{"calendar", "valid", record.Example("calendar"), true},
		{"calendar", "year before 2000", strings.Replace(record.Example("calendar"), "year: 2026", "year: 1999", 1), false},
	}
	for _, tc := range cases {
		t.Run(tc.kind+"/"+tc.name, func(t *testing.T) {
			s := compile(t, tc.kind)
			byLoader, why := loaderAccepts(tc.kind, tc.text)
			bySchema, err := schemaAccepts(s, tc.text)
			if err != nil {
				t.Fatal(err)
			}
			if byLoader != tc.valid || bySchema != tc.valid {
				t.Errorf("loader accepts: %v, schema accepts: %v; want both %v\nloader said: %s", byLoader, bySchema, tc.valid, why)
			}
		})
	}
}

// TestSampleRecordsNameTheirSchema: every sample record file starts with
// the modeline that points an editor at the schema of its kind.
func TestSampleRecordsNameTheirSchema(t *testing.T) {
	root := filepath.Join("..", "..")
	modeline := regexp.MustCompile(`^# yaml-language-server: \$schema=(\S+)\n`)
	n := 0
	err := filepath.WalkDir(filepath.Join(root, record.Dir), func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		if !record.IsRecordFile(rel) {
			return nil
		}
		n++
		k, ok := record.KindOf(rel)
		if !ok {
			return fmt.Errorf("%s is not a known kind of record file", rel)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		m := modeline.FindSubmatch(b)
		if m == nil {
			t.Errorf("%s does not start with a yaml-language-server $schema modeline", rel)
			return nil
		}
		target := filepath.Join(filepath.Dir(p), string(m[1]))
		if filepath.Base(target) != k.Name+".json" {
			t.Errorf("%s names schema %s; want %s.json", rel, m[1], k.Name)
		}
		if _, err := os.Stat(target); err != nil {
			t.Errorf("%s names schema %s, which does not exist", rel, m[1])
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n == 0 {
		t.Fatal("no sample record files found")
	}
}
