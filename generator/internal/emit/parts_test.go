package emit

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"
)

// partsPage is page data with parts beside strings of the same text.
type partsPage struct {
	P     part   `json:"p"`
	S     string `json:"s"`
	Many  []part `json:"many"`
	Again part   `json:"again"`
	Empty part   `json:"empty"`
}

// readParts reads a data file as layouts/_partials/data.html does: the
// JSON before the first NUL, the parts after it, by number from 1.
func readParts(t *testing.T, file []byte) (map[string]any, []string) {
	t.Helper()
	all := strings.Split(string(file), string(rune(PartSep)))
	var v map[string]any
	if err := json.Unmarshal([]byte(all[0]), &v); err != nil {
		t.Fatalf("the JSON of %q: %v", file, err)
	}
	return v, all
}

// resolved is the part a value of the JSON names.
func resolved(t *testing.T, parts []string, v any) string {
	t.Helper()
	n, ok := v.(float64)
	if !ok || n < 1 || int(n) >= len(parts) || float64(int(n)) != n {
		t.Fatalf("%#v names no part of %d", v, len(parts)-1)
	}
	return parts[int(n)]
}

// asJSON is s as JSON gives it back (bytes that are not UTF-8 as
// U+FFFD), and as a part has it (NUL as U+FFFD too).
func asJSON(s string, part bool) string {
	b, _ := json.Marshal(s)
	var back string
	json.Unmarshal(b, &back)
	if part {
		back = strings.ReplaceAll(back, "\x00", "\uFFFD")
	}
	return back
}

func TestPartsAreReadApartFromTheJSON(t *testing.T) {
	texts := []string{
		"<tr><th scope=\"row\">甲</th><td data-label=\"说明\">a&amp;b</td></tr>",
		"\n    <tr><td>\\ \" / \b \f \r \t</td></tr>",
		"git show 0ec6112a1b:'records/people/张三.yaml'\n",
		"<p>\u2028\u2029 \x01\x1f NUL:\x00 emoji:😀 not UTF-8:\xff\xfe</p>",
		"<", "\n", "g", "中文在前也可以", "<svg>" + strings.Repeat("<rect x=\"1\"/>", 500) + "</svg>",
	}
	for _, text := range texts {
		for _, enc := range []struct {
			name string
			do   func(any) ([]byte, error)
		}{{"encode", encode}, {"json.Marshal", json.Marshal}} {
			page := partsPage{P: part(text), S: text, Many: []part{part(text), "<b>二</b>", part(text)}, Again: "<b>二</b>"}
			b, err := enc.do(page)
			if err != nil {
				t.Fatalf("%s %q: %v", enc.name, text, err)
			}
			// Every reader of the JSON as it is reads the parts as strings.
			var plain partsPage
			if err := json.Unmarshal(b, &plain); err != nil {
				t.Fatal(err)
			}
			if want := asJSON(text, false); string(plain.P) != want || plain.S != want || string(plain.Many[2]) != want {
				t.Errorf("%s %q: read as JSON, the part is %q and the string %q; want both %q", enc.name, text, plain.P, plain.S, want)
			}

			v, parts := readParts(t, AppendParts(nil, b))
			want := asJSON(text, true)
			if got := resolved(t, parts, v["p"]); got != want {
				t.Errorf("%s %q: part %q; want %q", enc.name, text, got, want)
			}
			if v["s"] != asJSON(text, false) {
				t.Errorf("%s %q: the string beside it became %#v", enc.name, text, v["s"])
			}
			many := v["many"].([]any)
			if many[0] != v["p"] || many[2] != v["p"] || many[1] != v["again"] {
				t.Errorf("%s %q: the same part written twice: %v, %v, again %v", enc.name, text, v["p"], many, v["again"])
			}
			if got := resolved(t, parts, many[1]); got != "<b>二</b>" {
				t.Errorf("%s %q: second part %q", enc.name, text, got)
			}
			if len(parts) != 3 {
				t.Errorf("%s %q: %d parts; want 2, each once", enc.name, text, len(parts)-1)
			}
			if v["empty"] != "" {
				t.Errorf("%s: an empty part is %#v; want an empty string", enc.name, v["empty"])
			}
			if bytes.IndexByte(b, PartSep) >= 0 {
				t.Fatalf("%s: the JSON holds the separator", enc.name)
			}
		}
	}
}

// Strings that are not parts are never taken for parts, whatever they
// begin with and however the JSON was written.
func TestOnlyPartsAreSplit(t *testing.T) {
	var strs []string
	for r := rune(0); r < 0x3000; r++ {
		strs = append(strs, string(r)+"<tr>"+string(r))
	}
	strs = append(strs, "\uFFFD", "\xff<", `\u003C`, `"\u003C`, `\"\u000A`, "\\", "\"", "😀")
	for _, enc := range []func(any) ([]byte, error){encode, json.Marshal} {
		b, err := enc(map[string]any{"strs": strs, "nested": map[string]any{"a": strs[:80]}})
		if err != nil {
			t.Fatal(err)
		}
		if got := AppendParts(nil, b); !bytes.Equal(got, b) {
			t.Fatalf("data without parts was split: %.200q", got)
		}
	}
}

func TestPartsThatCannotBeMarked(t *testing.T) {
	for _, text := range []string{"😀<tr>", "\x01<tr>", "\uFFFD", "\xff<tr>", "\u2028"} {
		if _, err := encode(partsPage{P: part(text)}); err == nil {
			t.Errorf("a part beginning %q was encoded: it cannot be told from a string", text)
		}
	}
}

func FuzzAppendParts(f *testing.F) {
	f.Add("<tr>", "\"\\\x00", "<a>")
	f.Add("\n x", "\u2028", "g")
	f.Add("\\u003C", `"\u000A`, "\x00")
	f.Fuzz(func(t *testing.T, p, s, q string) {
		b, err := encode(partsPage{P: part(p), S: s, Many: []part{part(q)}})
		if err != nil {
			if r, _ := utf8.DecodeRuneInString(p); p != "" && markable(r) {
				if r, _ := utf8.DecodeRuneInString(q); q == "" || !markable(r) {
					return
				}
				t.Fatal(err)
			}
			return
		}
		v, parts := readParts(t, AppendParts(nil, b))
		if p != "" {
			if got := resolved(t, parts, v["p"]); got != asJSON(p, true) {
				t.Fatalf("part %q; want %q", got, asJSON(p, true))
			}
		}
		if v["s"] != asJSON(s, false) {
			t.Fatalf("string %#v; want %q", v["s"], asJSON(s, false))
		}
		if q != "" {
			if got := resolved(t, parts, v["many"].([]any)[0]); got != asJSON(q, true) {
				t.Fatalf("part %q; want %q", got, asJSON(q, true))
			}
		}
	})
}

func TestAppendParts(t *testing.T) {
	b, err := encode(partsPage{P: "<tr>一</tr>", S: "x"})
	if err != nil {
		t.Fatal(err)
	}
	want := AppendParts(nil, b)
	dst := append(make([]byte, 0, 4), "kept"...)
	if got := AppendParts(dst, b); string(got) != "kept"+string(want) {
		t.Errorf("appended %q after %q; want %q", got, "kept", "kept"+string(want))
	}
	// What is not JSON as encoding/json writes it is appended as it is.
	for _, bad := range []string{`{"p":"\u003C`, `{"p":"\u003C\`, `{"p":"\u003C` + "\x00" + `"}`, `{"p":"\u003C\q"}`, `{"p":"\u003C\u12"}`} {
		if got := AppendParts([]byte("kept"), []byte(bad)); string(got) != "kept"+bad {
			t.Errorf("%q became %q", bad, got)
		}
	}
}

// A part is escaped as encoding/json escapes a string (without HTML
// escaping), but for its mark.
func TestPartsAreEscapedAsEncodingJSONEscapes(t *testing.T) {
	var all []string
	for r := rune(0); r < 0x2100; r++ {
		all = append(all, string(r))
	}
	for _, text := range []string{"<" + strings.Join(all, ""), "<\xff\xfe\xc0 😀\U0010FFFF\u2028\u2029", "\n\"\\/\b\f\r\t\x00\x7f"} {
		got, err := part(text).MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		_, n := utf8.DecodeRuneInString(text)
		want, err := encode(text[n:])
		if err != nil {
			t.Fatal(err)
		}
		if string(got[7:]) != string(want[1:]) {
			t.Errorf("%.40q escaped %.80q after its mark; encoding/json %.80q", text, got[7:], want[1:])
		}
	}
}
