package emit

import (
	"encoding/json"
)

// A version of a page is the same in every later build: it is computed
// from its commit's records for that commit's day. A build can keep the
// versions it computed for the next one (EncodePage, DecodePage), so that a
// rebuild computes only the versions of the commits made since.

// keptPage is a Page as kept between builds: its front matter as the JSON
// a site encodes it to, the params left as those bytes.
type keptPage struct {
	Path  string          `json:"path"`
	Front json.RawMessage `json:"front"`
	Body  string          `json:"body,omitempty"`
}

// EncodePage encodes a page for keeping.
func EncodePage(p Page) ([]byte, error) {
	front, err := encode(p.Front)
	if err != nil {
		return nil, err
	}
	return encode(keptPage{Path: p.Path, Front: front, Body: p.Body})
}

// DecodePage decodes a page EncodePage encoded. Its params are the JSON
// they were encoded to: encoded again, they give the same bytes.
func DecodePage(b []byte) (Page, error) {
	var k keptPage
	if err := json.Unmarshal(b, &k); err != nil {
		return Page{}, err
	}
	var f struct {
		Front
		Params json.RawMessage `json:"params,omitempty"`
	}
	if err := json.Unmarshal(k.Front, &f); err != nil {
		return Page{}, err
	}
	p := Page{Path: k.Path, Front: f.Front, Body: k.Body}
	if len(f.Params) > 0 {
		p.Front.Params = f.Params
	}
	return p, nil
}
