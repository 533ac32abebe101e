package emit

import (
	"bytes"
	"encoding/json"
	"errors"
	"regexp"
	"slices"
	"strings"
	"testing"

	"gongshi/generator/internal/record"
	"gongshi/generator/internal/safety"
)

// safetySite emits the site of the safety package's test township as of
// day: a rotation of the deputy in charge of safety on 2026-07-01 (张三 to
// 2026-06-30, 李四 from 2026-07-01).
func safetySite(t *testing.T, day string) map[string][]byte {
	t.Helper()
	return asOneFile(t, safetyFiles(t, day))
}

func safetyFiles(t *testing.T, day string) []File {
	t.Helper()
	files, err := emitFiles(safetyInput(t, day))
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func safetyInput(t *testing.T, day string) Input {
	t.Helper()
	set := decode(t, "../safety/testdata/township.txtar")
	asOf := record.MustDate(day)
	b := build
	b.AsOf = asOf
	return Input{Set: set, Build: b, Safety: safety.Compute(set, asOf)}
}

// sourcesOf returns the records the page at path derives from.
func sourcesOf(t *testing.T, s *Site, path string) []Source {
	t.Helper()
	for _, p := range s.w.pages {
		if p.Path == path {
			return p.Front.Sources
		}
	}
	t.Fatalf("no page %s", path)
	return nil
}

// front decodes a page's front matter.
func front(t *testing.T, files map[string][]byte, path string) map[string]any {
	t.Helper()
	b, ok := files[path]
	if !ok {
		t.Fatalf("no page %s", path)
	}
	var f map[string]any
	if err := json.NewDecoder(bytes.NewReader(b)).Decode(&f); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return f
}

func TestSafetyPages(t *testing.T) {
	var pages []File
	for _, f := range safetyFiles(t, "2026-07-15") {
		if strings.HasPrefix(f.Path, "content/safety/") || strings.HasPrefix(f.Path, DataDir+"/safety/") {
			pages = append(pages, f)
		}
	}
	slices.SortFunc(pages, func(a, b File) int { return strings.Compare(a.Path, b.Path) })
	if len(pages) < 20 {
		t.Fatalf("only %d safety pages emitted", len(pages))
	}
	golden(t, "safety", pages)
}

// placardRoles reads the role → names of a placard page.
func placardRoles(t *testing.T, files map[string][]byte, path string) (map[string]string, map[string]any) {
	t.Helper()
	f := front(t, files, path)
	p := f["params"].(map[string]any)
	roles := map[string]string{}
	for _, r := range p["roles"].([]any) {
		r := r.(map[string]any)
		var names []string
		for _, h := range r["holders"].([]any) {
			names = append(names, h.(map[string]any)["name"].(string))
		}
		roles[r["role"].(string)] = strings.Join(names, "、")
	}
	return roles, f
}

func TestPlacardNamesWhoHoldsEachRoleOnTheRecordsDate(t *testing.T) {
	tests := []struct {
		day, second, valid string
	}{
		{"2026-06-30", "张三", "2025-03-01"}, // 包船: 赵六 since 2025-03-01
		{"2026-07-01", "李四", "2026-07-01"},
		{"2026-07-02", "李四", "2026-07-01"},
	}
	for _, tt := range tests {
		t.Run(tt.day, func(t *testing.T) {
			files := safetySite(t, tt.day)
			site, err := New(safetyInput(t, tt.day))
			if err != nil {
				t.Fatal(err)
			}
			for _, size := range []string{"a4", "a3"} {
				path := "content/safety/placards/" + size + "/chaodu-012.md"
				roles, f := placardRoles(t, files, path)
				if got := roles["第二责任人"]; got != tt.second {
					t.Errorf("%s: 第二责任人 = %q; want %q", path, got, tt.second)
				}
				if len(roles) != 6 {
					t.Errorf("%s names %d roles %v; want the vessel's six", path, len(roles), roles)
				}
				p := f["params"].(map[string]any)
				if got := p["valid_from"]; got != tt.valid {
					t.Errorf("%s: valid from %v; want %s", path, got, tt.valid)
				}
				if f["versioned"] != true {
					t.Errorf("%s is not versioned: a placard is a public notice", path)
				}
				// The rotation is recorded in the people register: the
				// placard's history must include it.
				if !slices.ContainsFunc(sourcesOf(t, site, path), func(s Source) bool { return s.File == "records/people/people.yaml" }) {
					t.Errorf("%s does not name the people register among its sources", path)
				}
			}
		})
	}
}

func TestObjectPageShowsTheRotationOfTheYear(t *testing.T) {
	files := safetySite(t, "2026-07-15")
	p := front(t, files, "content/safety/objects/chaodu-012.md")["params"].(map[string]any)
	var got []string
	for _, c := range p["changes"].([]any) {
		c := c.(map[string]any)
		to, _ := c["to"].(string)
		got = append(got, c["role"].(string)+" "+c["name"].(string)+" "+c["from"].(string)+"~"+to)
	}
	want := []string{"第二责任人 张三 2024-01-01~2026-06-30", "第二责任人 李四 2026-07-01~"}
	if !slices.Equal(got, want) {
		t.Errorf("changes = %q; want %q", got, want)
	}
}

func TestPrivatePhonesOfOwnersAreNotEmitted(t *testing.T) {
	for p, b := range safetySite(t, "2026-07-15") {
		if bytes.Contains(b, []byte("13812345678")) {
			t.Errorf("%s contains the owner's private phone", p)
		}
	}
}

var diagramLinkRE = regexp.MustCompile(`href=\\"gongshi:([^"\\]+)\\"`)

func TestDiagramLinksAreListedAndLeadToPages(t *testing.T) {
	files := safetySite(t, "2026-07-15")
	for _, path := range []string{"content/safety/agreements/_index.md", "content/safety/network.md", "content/safety/reports.md"} {
		b := files[path]
		f := front(t, files, path)
		var listed []string
		for _, v := range f["params"].(map[string]any) {
			if d, ok := v.(map[string]any); ok && d["svg"] != nil {
				for _, l := range d["links"].([]any) {
					listed = append(listed, l.(string))
				}
			}
		}
		ms := diagramLinkRE.FindAllSubmatch(b, -1)
		if len(ms) == 0 {
			t.Errorf("%s: the diagram links nowhere", path)
		}
		for _, m := range ms {
			link := string(m[1])
			if !slices.Contains(listed, link) {
				t.Errorf("%s: diagram links to %s, which its links list lacks", path, link)
			}
		}
		for _, l := range listed {
			if files["content"+l+".md"] == nil {
				t.Errorf("%s: diagram links to %s, which is not emitted", path, l)
			}
		}
	}
}

// An object out of supervision shows who answered for it on its last day,
// not who holds the posts today, and gets no placard.
func TestObjectOutOfSupervisionShowsItsLastDaysHolders(t *testing.T) {
	set := decode(t, "../safety/testdata/township.txtar")
	for i := range set.Safety.Objects {
		if o := &set.Safety.Objects[i]; o.ID == "chaodu-015" {
			o.To = record.MustDate("2026-06-20") // scrapped before the rotation
		}
	}
	asOf := record.MustDate("2026-07-15")
	b := build
	b.AsOf = asOf
	out, err := emitFiles(Input{Set: set, Build: b, Safety: safety.Compute(set, asOf)})
	if err != nil {
		t.Fatal(err)
	}
	files := asOneFile(t, out)
	p := front(t, files, "content/safety/objects/chaodu-015.md")["params"].(map[string]any)
	if got, want := p["roles_on"], "退出监管前最后一天（2026-06-20）"; got != want {
		t.Errorf("roles_on = %v; want %s", got, want)
	}
	for _, r := range p["roles"].([]any) {
		r := r.(map[string]any)
		if r["name"] != "第二责任人" {
			continue
		}
		if h := r["holders"].([]any)[0].(map[string]any); h["name"] != "张三" {
			t.Errorf("第二责任人 = %v; want 张三, who held the post on 2026-06-20", h["name"])
		}
	}
	for path := range files {
		if strings.Contains(path, "placards/") && strings.HasSuffix(path, "/chaodu-015.md") {
			t.Errorf("%s: an object out of supervision has a placard", path)
		}
	}
}

// An object taken under supervision for a single day that has not come
// yet shows who will answer for it on that day, as its first day, not as
// its last.
func TestObjectOfOneDayNotYetSupervisedShowsItsFirstDay(t *testing.T) {
	set := decode(t, "../safety/testdata/township.txtar")
	for i := range set.Safety.Objects {
		if o := &set.Safety.Objects[i]; o.ID == "chaodu-015" {
			o.From, o.To = record.MustDate("2026-08-01"), record.MustDate("2026-08-01")
		}
	}
	asOf := record.MustDate("2026-07-15")
	b := build
	b.AsOf = asOf
	out, err := emitFiles(Input{Set: set, Build: b, Safety: safety.Compute(set, asOf)})
	if err != nil {
		t.Fatal(err)
	}
	p := front(t, asOneFile(t, out), "content/safety/objects/chaodu-015.md")["params"].(map[string]any)
	if got, want := p["roles_on"], "纳入监管之日（2026-08-01）"; got != want {
		t.Errorf("roles_on = %v; want %s", got, want)
	}
	if got, want := p["state"], "2026年8月1日起纳入监管"; got != want {
		t.Errorf("state = %v; want %s", got, want)
	}
}

// TestOnlyPlacardsAreMadeFromPlacardsResults: the safety results worked
// out for placards alone (safety.Index.PlacardsOf) make placards, and any
// other safety page asked of them is refused, not made from what they
// leave out.
func TestOnlyPlacardsAreMadeFromPlacardsResults(t *testing.T) {
	in := safetyInput(t, "2026-07-01")
	in.Safety = safety.NewIndex(in.Set).PlacardsOf(in.Safety.AsOf, []string{"chaodu-012"})
	ps, err := Versioned(in, []string{"content/safety/placards/a4/chaodu-012.md"})
	if err != nil || len(ps) != 1 {
		t.Fatalf("a placard from placards' results: %d pages, %v", len(ps), err)
	}
	for _, p := range []string{"content/safety/objects/chaodu-012.md", "content/safety/hazards.md", "content/safety/_index.md", "content/safety/people/zhang-san.md"} {
		if _, err := Versioned(in, []string{p}); !errors.Is(err, errPlacardsOnly) {
			t.Errorf("%s from placards' results: %v; want it refused", p, err)
		}
	}
}
