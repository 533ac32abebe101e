package pipeline

import (
	"bytes"
	"encoding/binary"
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
// The county's records keep a few thousand private addresses.
func BenchmarkSecretsFind(b *testing.B) {
	for _, n := range []int{2, 3000} {
		texts := []string{"朝天镇人民路88号3栋", "双林村五组12号"}
		for i := len(texts); i < n; i++ {
			texts = append(texts, fmt.Sprintf("%s村%s组%d号", []string{"双林", "高峰", "南坪", "金桥"}[i%4], []string{"一", "二", "三", "四", "五"}[i/4%5], i))
		}
		b.Run(fmt.Sprintf("%d-texts", n), func(b *testing.B) { benchmarkSecretsFind(b, texts) })
	}
}

func benchmarkSecretsFind(b *testing.B, texts []string) {
	s := &secrets{numbers: map[string]bool{"13912345678": true, "430521198001011234": true}, lengths: []int{11, 18},
		texts: newTextSet(texts)}
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

// TestHasDigitIsExact: every byte value at every place in a word, among
// bytes that are next to digits or share their low bits.
func TestHasDigitIsExact(t *testing.T) {
	fill := []byte{0, '/', ':', 'x', 0x80, 0xAF, 0xB0, 0xB9, 0xFF}
	for _, f := range fill {
		for at := range 8 {
			for v := range 256 {
				var w [8]byte
				for i := range w {
					w[i] = f
				}
				w[at] = byte(v)
				want := bytes.ContainsFunc(w[:], func(r rune) bool { return r >= '0' && r <= '9' })
				if got := hasDigit(binary.LittleEndian.Uint64(w[:])); got != want {
					t.Fatalf("hasDigit(% x) = %v; want %v", w, got, want)
				}
			}
		}
	}
}

// numbersNaively is how find read numbers before it skipped eight bytes
// at a time: a byte at a time.
func numbersNaively(s *secrets, b []byte) string {
	var digits []byte
	flush := func() string {
		found := s.numberIn(digits)
		digits = digits[:0]
		return found
	}
	seps := 0
	for _, c := range b {
		switch {
		case c >= '0' && c <= '9':
			digits, seps = append(digits, c), 0
		case len(digits) == 0:
		case seps < 3 && (c == ' ' || c == '-' || c == '.' || c == '/' || c == ',' || c == 'X' || c == 'x'):
			if c == 'X' || c == 'x' {
				digits = append(digits, 'X')
			}
			seps++
		default:
			if found := flush(); found != "" {
				return found
			}
			seps = 0
		}
	}
	return flush()
}

// TestSecretsFindReadsNumbersAsEachByteInTurn compares find with reading
// a byte at a time, on random bytes over digits, separators, X and other
// text, around random secrets of three to six digits.
func TestSecretsFindReadsNumbersAsEachByteInTurn(t *testing.T) {
	r := rand.New(rand.NewPCG(8, 2026))
	alphabet := []string{"1", "2", "3", " ", "-", ".", "/", ",", "X", "x", ":", "a", "号", "\x80", "<p>"}
	for range 5000 {
		s := &secrets{numbers: map[string]bool{}}
		for range 1 + r.IntN(3) {
			var n []byte
			for range 3 + r.IntN(4) {
				n = append(n, byte('1'+r.IntN(3)))
			}
			if r.IntN(4) == 0 {
				n[len(n)-1] = 'X'
			}
			s.numbers[string(n)] = true
			if !slices.Contains(s.lengths, len(n)) {
				s.lengths = append(s.lengths, len(n))
			}
		}
		slices.Sort(s.lengths)
		var body []byte
		for range r.IntN(60) {
			body = append(body, alphabet[r.IntN(len(alphabet))]...)
		}
		if got, want := s.find(body), numbersNaively(s, body); got != want {
			t.Fatalf("numbers %v in %q: find = %q; want %q", s.numbers, body, got, want)
		}
	}
}

// TestTextSetOfLongTextsStaysSmall: a text registers at most
// maxTextStep grams however long the texts are (records with many long
// private addresses), and each is still found, wherever it begins.
func TestTextSetOfLongTextsStaysSmall(t *testing.T) {
	var texts []string
	for i := range 2000 {
		texts = append(texts, fmt.Sprintf("%s%04d号", strings.Repeat("幸福小区东区", 10), i))
	}
	ts := newTextSet(texts)
	n := 0
	for _, at := range ts.grams {
		n += len(at)
	}
	if n > maxTextStep*len(texts) {
		t.Errorf("%d texts registered %d grams; want at most %d", len(texts), n, maxTextStep*len(texts))
	}
	for _, pad := range []int{0, 1, 7, 15, 16, 17, 40} {
		body := []byte(strings.Repeat("x", pad) + texts[1234] + "</p>")
		if got, ok := ts.first(body); !ok || got != texts[1234] {
			t.Errorf("after %d bytes: first = %q, %v; want %q", pad, got, ok, texts[1234])
		}
	}
}
