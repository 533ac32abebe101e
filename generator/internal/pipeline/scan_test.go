package pipeline

import (
	"bytes"
	"math/rand/v2"
	"slices"
	"testing"
)

// firstNaively is what the scan looked for before it read a file once:
// each text in sorted order, the first the bytes hold.
func firstNaively(texts []string, b []byte) (string, bool) {
	texts = slices.Clone(texts)
	slices.Sort(texts)
	for _, t := range texts {
		if t != "" && bytes.Contains(b, []byte(t)) {
			return t, true
		}
	}
	return "", false
}

func TestTextSetFindsTheFirstTextAFileHolds(t *testing.T) {
	texts := []string{"人民路12号", "三组5号", "幸福小区3栋2单元501", "河街23号", "三组5号"}
	for _, tc := range []struct {
		name, body, want string
	}{
		{"none", "<p>朝天镇人民政府，人民路</p>", ""},
		{"at the start", "人民路12号<p>", "人民路12号"},
		{"at the end", "<p>住址：河街23号", "河街23号"},
		{"the whole file", "三组5号", "三组5号"},
		{"two: the first in sorted order", "<p>河街23号、三组5号</p>", "三组5号"},
		{"a prefix only", "<p>幸福小区3栋2单元50</p>", ""},
		{"shorter than any text", "三", ""},
		{"empty", "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := newTextSet(slices.Clone(texts)).first([]byte(tc.body))
			if got != tc.want || ok != (tc.want != "") {
				t.Errorf("first(%q) = %q, %v; want %q", tc.body, got, ok, tc.want)
			}
		})
	}
	if got, ok := newTextSet(nil).first([]byte("人民路12号")); ok {
		t.Errorf("an empty set found %q", got)
	}
}

// TestTextSetFindsWhatEachTextInTurnFinds compares the one pass with
// looking for each text in turn, on random texts over a small alphabet
// (so that windows collide and texts overlap).
func TestTextSetFindsWhatEachTextInTurnFinds(t *testing.T) {
	r := rand.New(rand.NewPCG(19, 2026))
	alphabet := []string{"a", "b", "号", "3"}
	word := func(n int) string {
		var b []byte
		for range n {
			b = append(b, alphabet[r.IntN(len(alphabet))]...)
		}
		return string(b)
	}
	for range 2000 {
		var texts []string
		for range 1 + r.IntN(6) {
			texts = append(texts, word(1+r.IntN(5)))
		}
		body := []byte(word(r.IntN(40)))
		want, wok := firstNaively(texts, body)
		got, ok := newTextSet(slices.Clone(texts)).first(body)
		if got != want || ok != wok {
			t.Fatalf("texts %q in %q: first = %q, %v; want %q, %v", texts, body, got, ok, want, wok)
		}
	}
}
