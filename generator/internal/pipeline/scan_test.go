package pipeline

import (
	"bytes"
	"fmt"
	"gongshi/generator/internal/record"
	"math/rand/v2"
	"slices"
	"strings"
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

// BenchmarkSecretsFind scans a page of the kind the county's site is made
// of (dates, times, commit hashes, amounts, Chinese text) for private
// numbers and texts, as the publication gate scans every published byte.
func BenchmarkSecretsFind(b *testing.B) {
	s := &secrets{numbers: map[string]bool{"13912345678": true, "430521198001011234": true}, lengths: []int{11, 18},
		texts: newTextSet([]string{"朝天镇人民路88号3栋", "双林村五组12号"})}
	var page strings.Builder
	for i := 0; page.Len() < 1<<20; i++ {
		fmt.Fprintf(&page, `<li class="change"><span class="recorded">记录于 <time datetime="2026-02-%02dT08:37:00&#43;08:00">2026-02-%02d 08:37</time></span>
<strong>录入2026年度安全生产责任书（镇与村、企业、学校）</strong><a class="hash" href="../../changes/%010x.html"><code>%010x</code></a> 绩效工资 1,234.56 元，得分 95.5</li>
`, i%28+1, i%28+1, i*7919, i*7919)
	}
	data := []byte(page.String())
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if got := s.find(data); got != "" {
			b.Fatalf("found %q in a page holding no secret", got)
		}
	}
}

// TestSecretsFindReadsNumbersThroughSeparators: a private number is found
// however a page groups its digits (spaces, dashes, dots, slashes,
// commas, up to three between two digits), inside a longer run of digits,
// and an identity number's X; other characters end a number.
func TestSecretsFindReadsNumbersThroughSeparators(t *testing.T) {
	s := &secrets{numbers: map[string]bool{"13912345678": true, "43052119800101123X": true}, lengths: []int{11, 18},
		texts: newTextSet([]string{"双林村五组12号"})}
	phone, id := record.Mask("13912345678"), record.Mask("43052119800101123X")
	for _, tc := range []struct{ in, want string }{
		{"电话13912345678。", phone},
		{"电话 139 1234 5678", phone},
		{"139-1234-5678", phone},
		{"139.1234.5678", phone},
		{"139/1234/5678", phone},
		{"139,1234,5678", phone},
		{"139 - 1234 - 5678", phone},
		{"139 -  1234 5678", ""}, // four between two digits
		{"139:1234:5678", ""},
		{"编号0013912345678", phone},
		{"1391234567", ""},
		{"2026-02-18 08:37 13912345678", phone},
		{"身份证 430521 19800101 123x", id},
		{"住址：双林村五组12号", record.Mask("双林村五组12号")},
		{"2026-02-18T08:37:00+08:00 得分 95.5", ""},
		{"", ""},
	} {
		if got := s.find([]byte(tc.in)); got != tc.want {
			t.Errorf("find(%q) = %q; want %q", tc.in, got, tc.want)
		}
	}
}
