package emit

import (
	"bytes"
	"encoding/json"
	"math"
	"math/rand/v2"
	"testing"
)

// contentBytes is how versions were told apart before shows.equal: the
// title, summary, body and params encoded, decoded, rid of their statuses
// and encoded again, compared as bytes.
func contentBytes(t *testing.T, p *Page) []byte {
	b, err := json.Marshal(struct {
		Title, Summary, Body string
		Params               any
	}{p.Front.Title, p.Front.Summary, p.Body, p.Front.Params})
	if err != nil {
		t.Fatal(err)
	}
	var v any
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatal(err)
	}
	b, err = json.Marshal(withoutStatus(v))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestVersionsAreToldApartAsTheirJSON compares shows.equal with comparing
// the versions' JSON, on random pages drawn from few values so that many
// pairs are alike: Go values and the maps JSON decodes them into,
// statuses with and without a phase, -0 and 0, 1 and 1.0, strings that
// are not UTF-8, nulls, empty lists and maps.
func TestVersionsAreToldApartAsTheirJSON(t *testing.T) {
	type status struct {
		Phase any    `json:"phase"`
		Label string `json:"label,omitempty"`
	}
	type row struct {
		Name  string  `json:"name"`
		Score float64 `json:"score"`
		Fen   int64   `json:"fen"`
	}
	r := rand.New(rand.NewPCG(6, 2026))
	strs := []string{"", "甲", "a<b", "\xff", "\xfe", "\uFFFD"}
	var value func(depth int) any
	value = func(depth int) any {
		switch n := r.IntN(12); {
		case n == 0:
			return nil
		case n == 1:
			return r.IntN(2) == 0
		case n == 2:
			return []float64{0, math.Copysign(0, -1), 1, 1.5}[r.IntN(4)]
		case n == 3:
			return []int{0, 1}[r.IntN(2)]
		case n == 4:
			return strs[r.IntN(len(strs))]
		case n == 5:
			return status{Phase: []any{nil, "公示中", "公示期满"}[r.IntN(3)], Label: strs[r.IntN(2)]}
		case n == 6:
			return row{Name: strs[r.IntN(3)], Score: float64(r.IntN(2)), Fen: int64(r.IntN(2))}
		case n == 7 && depth < 3:
			return map[string]any{"name": strs[r.IntN(3)], "score": r.IntN(2), "fen": r.IntN(2)}
		case depth >= 3:
			return "leaf"
		case n < 10:
			var l []any
			for range r.IntN(3) {
				l = append(l, value(depth+1))
			}
			return l
		default:
			m := map[string]any{}
			for range r.IntN(3) {
				m[[]string{"status", "rows", "a"}[r.IntN(3)]] = value(depth + 1)
			}
			return m
		}
	}
	page := func() Page {
		var p Page
		p.Front.Title = strs[r.IntN(len(strs))]
		p.Front.Summary = strs[r.IntN(2)]
		p.Body = strs[r.IntN(2)]
		p.Front.Params = value(0)
		if r.IntN(2) == 0 { // as kept between builds: decoded JSON
			b, _ := json.Marshal(p.Front.Params)
			var v any
			json.Unmarshal(b, &v)
			p.Front.Params = v
		}
		return p
	}
	// Pages drawn afresh are seldom alike: a page is compared with its
	// variants too, each changed in one place that may or may not show
	// (a status's phase, 0 for -0, a Go value for its decoded JSON).
	alike := 0
	for range 4000 {
		a := page()
		variants := []Page{page(), a, a, a}
		variants[1].Front.Params = map[string]any{"status": status{Phase: "公示中"}, "rows": a.Front.Params}
		variants[2].Front.Title = strs[r.IntN(len(strs))]
		variants[3].Front.Params = value(2)
		for _, b := range variants {
			if r.IntN(2) == 0 {
				a.Front.Params = map[string]any{"status": status{Phase: nil}, "rows": a.Front.Params}
				if r.IntN(2) == 0 {
					a.Front.Params.(map[string]any)["status"] = status{Phase: "公示期满"}
				}
				if r.IntN(2) == 0 {
					b.Front.Params = map[string]any{"status": status{Phase: "公示期满"}, "rows": b.Front.Params}
				}
			}
			want := bytes.Equal(contentBytes(t, &a), contentBytes(t, &b))
			ca, pa, err := content(&a)
			if err != nil {
				t.Fatal(err)
			}
			cb, _, err := content(&b)
			if err != nil {
				t.Fatal(err)
			}
			if got := ca.equal(&cb); got != want {
				t.Fatalf("%#v and %#v: equal = %v; their JSON alike: %v", a.Front, b.Front, got, want)
			}
			if want {
				alike++
			}
			if pb, _ := json.Marshal(a.Front.Params); !bytes.Equal(pa, pb) {
				t.Fatalf("content gave the params as %s; want %s", pa, pb)
			}
		}
	}
	if alike < 500 {
		t.Fatalf("only %d of the pairs were alike: the test compares too few", alike)
	}
}
