package emit

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

// New packs the params of its pages before the versions pass: the site's
// files must be those of the same site with its params left as they were.
func TestPackedParamsGiveTheSameSite(t *testing.T) {
	archive := "testdata/history.txtar"
	packed, _ := historySiteOf(t, archive)
	plain, _ := historySiteBy(t, archive, func(in Input) (*Site, error) { return newSite(in, false) })
	n := 0
	for _, p := range packed.w.pages {
		if _, ok := p.Front.Params.(packedParams); ok {
			n++
		}
	}
	if n == 0 {
		t.Fatal("New packed the params of no page")
	}
	got, err := packed.Files()
	if err != nil {
		t.Fatal(err)
	}
	want, err := plain.Files()
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) {
		t.Fatalf("%d files packed, %d not", len(got), len(want))
	}
	for i := range want {
		if got[i].Path != want[i].Path || !bytes.Equal(got[i].Data, want[i].Data) {
			t.Errorf("%s: packed params give\n%s\nwant\n%s", want[i].Path, got[i].Data, want[i].Data)
		}
	}
}

// Packed params encode, and marshal (content and tableOf compare versions
// by json.Marshal), as the params themselves: HTML's characters, the line
// separators JSON escapes, text of every script.
func TestPackedParamsEncodeAsTheParams(t *testing.T) {
	type row struct {
		Name  string   `json:"name"`
		Cells []string `json:"cells,omitempty"`
		Fen   int64    `json:"fen"`
	}
	for _, params := range []any{
		row{Name: "王建军", Cells: []string{"<b>", "a & b", "x > y"}, Fen: 123456},
		map[string]any{"text": "第一行\u2028第二行\u2029", "empty": "", "nested": map[string]any{"z": 1, "a": []any{nil, true}}},
		map[string][]row{"rows": {{Name: "张三 <zhang@example>"}, {Name: "&amp;"}}},
		struct {
			Emoji string `json:"emoji"`
			Ctrl  string `json:"ctrl"`
		}{"🏮", "tab\there\x01"},
	} {
		w := &writer{pages: []Page{{Path: "content/x.md", Front: Front{Title: "x", Params: params}}}}
		w.packParams()
		pp, ok := w.pages[0].Front.Params.(packedParams)
		if !ok {
			t.Fatalf("%#v: not packed", params)
		}
		want, err := encode(params)
		if err != nil {
			t.Fatal(err)
		}
		_, gotData, err := encodePage(&w.pages[0], map[string]*commitInfo{}, "")
		if err != nil {
			t.Fatal(err)
		}
		plain := Page{Path: "content/x.md", Front: Front{Title: "x", Params: params}}
		_, wantData, err := encodePage(&plain, map[string]*commitInfo{}, "")
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(gotData, wantData) || !bytes.Contains(gotData, want) {
			t.Errorf("%#v: page data\n%s\nwant\n%s", params, gotData, wantData)
		}
		gotJSON, err := json.Marshal(pp)
		if err != nil {
			t.Fatal(err)
		}
		wantJSON, err := json.Marshal(params)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(gotJSON, wantJSON) {
			t.Errorf("%#v: json.Marshal gives\n%s\nwant\n%s", params, gotJSON, wantJSON)
		}
	}
}

// The params of a list page that carries a feed are given it after New:
// they are not packed.
func TestFeedParamsAreNotPacked(t *testing.T) {
	w := &writer{pages: []Page{
		{Path: "content/notices/_index.md", Front: Front{Title: "公示公告", Params: &listFeed{}}},
		{Path: "content/units/_index.md", Front: Front{Title: "单位"}},
	}}
	w.packParams()
	if _, ok := w.pages[0].Front.Params.(feedHolder); !ok {
		t.Errorf("a feed's params were packed: %T", w.pages[0].Front.Params)
	}
	if w.pages[1].Front.Params != nil {
		t.Errorf("a page without params was given %T", w.pages[1].Front.Params)
	}
}

// Params that are not a JSON object are refused packed as they are not.
func TestPackedParamsThatAreNotAnObjectAreRefused(t *testing.T) {
	for _, params := range []any{[]string{"x"}, "text", 3} {
		w := &writer{pages: []Page{{Path: "content/units/x.md", Front: Front{Title: "x", Params: params}}}}
		w.packParams()
		if _, ok := w.pages[0].Front.Params.(packedParams); !ok {
			t.Fatalf("%#v: not packed", params)
		}
		if _, _, err := encodePage(&w.pages[0], map[string]*commitInfo{}, ""); err == nil || !strings.Contains(err.Error(), "params are not an object") {
			t.Errorf("%#v packed: got %v, want params are not an object", params, err)
		}
	}
}
