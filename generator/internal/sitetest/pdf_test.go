package sitetest

import (
	"bytes"
	"compress/zlib"
	"encoding/hex"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf16"

	"golang.org/x/text/unicode/norm"
)

// The text of a page of a PDF that Chromium printed, to read what is on
// paper: the page's content streams decompressed, the text they show
// (Tj, TJ) mapped to Unicode through each font's ToUnicode CMap. Enough
// for Chromium's (Skia's) PDFs, which write no object streams; not a
// general PDF reader.

var (
	pdfObject   = regexp.MustCompile(`(?s)(\d+) 0 obj(.*?)endobj`)
	pdfRef      = regexp.MustCompile(`(\d+) 0 R`)
	pdfFontRef  = regexp.MustCompile(`/([A-Za-z0-9_.-]+) (\d+) 0 R`)
	pdfTextOp   = regexp.MustCompile(`(?s)/([A-Za-z0-9_.-]+) [\d.]+ Tf|<([0-9A-Fa-f]*)>\s*Tj|\[(.*?)\]\s*TJ|\bET\b`)
	pdfHex      = regexp.MustCompile(`<([0-9A-Fa-f]*)>`)
	pdfCodes    = regexp.MustCompile(`(?s)begincodespacerange\s*<([0-9A-Fa-f]+)>`)
	pdfBfchar   = regexp.MustCompile(`(?s)beginbfchar(.*?)endbfchar`)
	pdfBfrange  = regexp.MustCompile(`(?s)beginbfrange(.*?)endbfrange`)
	pdfPair     = regexp.MustCompile(`<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>`)
	pdfRangeRow = regexp.MustCompile(`<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>`)
)

type pdfDoc struct {
	objs map[int][]byte
}

func parsePDF(b []byte) *pdfDoc {
	d := &pdfDoc{objs: map[int][]byte{}}
	for _, m := range pdfObject.FindAllSubmatch(b, -1) {
		n, _ := strconv.Atoi(string(m[1]))
		d.objs[n] = m[2]
	}
	return d
}

// stream returns an object's stream, decompressed.
func (d *pdfDoc) stream(n int) ([]byte, error) {
	o := d.objs[n]
	i := bytes.Index(o, []byte("stream"))
	j := bytes.LastIndex(o, []byte("endstream"))
	if i < 0 || j < i {
		return nil, fmt.Errorf("object %d has no stream", n)
	}
	data := bytes.TrimLeft(o[i+len("stream"):j], "\r\n")
	if !bytes.Contains(o[:i], []byte("/FlateDecode")) {
		return data, nil
	}
	r, err := zlib.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	return io.ReadAll(r)
}

// dict returns the part of an object after key up to the end of the
// dictionary that follows it, << … >>, or the object it refers to.
func (d *pdfDoc) dict(o []byte, key string) []byte {
	i := bytes.Index(o, []byte(key))
	if i < 0 {
		return nil
	}
	rest := bytes.TrimLeft(o[i+len(key):], " \r\n")
	if m := pdfRef.FindSubmatchIndex(rest); m != nil && m[0] == 0 {
		n, _ := strconv.Atoi(string(rest[m[2]:m[3]]))
		return d.objs[n]
	}
	if !bytes.HasPrefix(rest, []byte("<<")) {
		return nil
	}
	depth := 0
	for k := 0; k+1 < len(rest); k++ {
		switch {
		case rest[k] == '<' && rest[k+1] == '<':
			depth++
			k++
		case rest[k] == '>' && rest[k+1] == '>':
			depth--
			k++
			if depth == 0 {
				return rest[:k+1]
			}
		}
	}
	return rest
}

// pages returns the page objects in order.
func (d *pdfDoc) pages() []int {
	var root int
	for _, o := range d.objs {
		if bytes.Contains(o, []byte("/Type /Catalog")) {
			if m := regexp.MustCompile(`/Pages (\d+) 0 R`).FindSubmatch(o); m != nil {
				root, _ = strconv.Atoi(string(m[1]))
			}
		}
	}
	var out []int
	var walk func(n int)
	walk = func(n int) {
		o := d.objs[n]
		if !bytes.Contains(o, []byte("/Kids")) {
			out = append(out, n)
			return
		}
		kids := o[bytes.Index(o, []byte("/Kids")):]
		kids = kids[:bytes.IndexByte(kids, ']')]
		for _, m := range pdfRef.FindAllSubmatch(kids, -1) {
			k, _ := strconv.Atoi(string(m[1]))
			walk(k)
		}
	}
	walk(root)
	return out
}

// toUnicode maps a font's codes to text.
type toUnicode struct {
	width int // bytes per code
	m     map[string]string
}

func (d *pdfDoc) cmap(font []byte) (*toUnicode, error) {
	m := regexp.MustCompile(`/ToUnicode (\d+) 0 R`).FindSubmatch(font)
	if m == nil {
		return nil, fmt.Errorf("a font has no ToUnicode map")
	}
	n, _ := strconv.Atoi(string(m[1]))
	b, err := d.stream(n)
	if err != nil {
		return nil, err
	}
	cm := &toUnicode{width: 1, m: map[string]string{}}
	if c := pdfCodes.FindSubmatch(b); c != nil {
		cm.width = len(c[1]) / 2
	}
	for _, block := range pdfBfchar.FindAllSubmatch(b, -1) {
		for _, p := range pdfPair.FindAllSubmatch(block[1], -1) {
			cm.m[strings.ToUpper(string(p[1]))] = utf16Hex(string(p[2]))
		}
	}
	for _, block := range pdfBfrange.FindAllSubmatch(b, -1) {
		for _, p := range pdfRangeRow.FindAllSubmatch(block[1], -1) {
			lo, _ := strconv.ParseUint(string(p[1]), 16, 32)
			hi, _ := strconv.ParseUint(string(p[2]), 16, 32)
			dst, _ := strconv.ParseUint(string(p[3]), 16, 32)
			for c := lo; c <= hi && c-lo < 1<<16; c++ {
				cm.m[fmt.Sprintf("%0*X", len(p[1]), c)] = string(rune(dst + (c - lo)))
			}
		}
	}
	return cm, nil
}

func utf16Hex(h string) string {
	b, _ := hex.DecodeString(h)
	var u []uint16
	for i := 0; i+1 < len(b); i += 2 {
		u = append(u, uint16(b[i])<<8|uint16(b[i+1]))
	}
	return string(utf16.Decode(u))
}

func (cm *toUnicode) text(h string) string {
	h = strings.ToUpper(h)
	var sb strings.Builder
	for i := 0; i+2*cm.width <= len(h); i += 2 * cm.width {
		sb.WriteString(cm.m[h[i:i+2*cm.width]])
	}
	return sb.String()
}

// pdfPageTexts returns the text of each page of a PDF Chromium printed:
// each text object's glyphs, in the order drawn, a line a text object.
// The fonts map some characters to their radical forms (⼯ for 工, ⻚
// for 页): those are read as the characters typed (radicals).
func pdfPageTexts(pdf []byte) ([]string, error) {
	d := parsePDF(pdf)
	var out []string
	for _, pg := range d.pages() {
		o := d.objs[pg]
		fonts := map[string]*toUnicode{}
		for _, m := range pdfFontRef.FindAllSubmatch(d.dict(d.dict(o, "/Resources"), "/Font"), -1) {
			n, _ := strconv.Atoi(string(m[2]))
			cm, err := d.cmap(d.objs[n])
			if err != nil {
				return nil, err
			}
			fonts[string(m[1])] = cm
		}
		var contents []int
		if c := d.dict(o, "/Contents"); c != nil && !bytes.Contains(c, []byte("stream")) {
			for _, m := range pdfRef.FindAllSubmatch(c, -1) {
				n, _ := strconv.Atoi(string(m[1]))
				contents = append(contents, n)
			}
		} else if m := regexp.MustCompile(`/Contents (\d+) 0 R`).FindSubmatch(o); m != nil {
			n, _ := strconv.Atoi(string(m[1]))
			contents = append(contents, n)
		}
		var sb strings.Builder
		for _, n := range contents {
			b, err := d.stream(n)
			if err != nil {
				return nil, err
			}
			var font *toUnicode
			for _, m := range pdfTextOp.FindAllSubmatch(b, -1) {
				switch {
				case m[1] != nil:
					font = fonts[string(m[1])]
				case font == nil:
				case m[2] != nil:
					sb.WriteString(font.text(string(m[2])))
				case m[3] != nil:
					for _, h := range pdfHex.FindAllSubmatch(m[3], -1) {
						sb.WriteString(font.text(string(h[1])))
					}
				default: // ET
					sb.WriteByte('\n')
				}
			}
		}
		out = append(out, strings.Map(radical, sb.String()))
	}
	return out, nil
}

// compact drops every space and line break, to read printed text whose
// runs are split where the printer placed them.
func compact(s string) string { return strings.Join(strings.Fields(s), "") }

// supplementRadicals are the simplified radical forms of the CJK Radicals
// Supplement that fonts map characters to, with the character each
// stands for (Unicode gives them no decomposition).
var supplementRadicals = map[rune]rune{
	'⺟': '母', '⺠': '民', '⻄': '西', '⻅': '见', '⻆': '角', '⻈': '讠', '⻉': '贝', '⻋': '车',
	'⻓': '长', '⻔': '门', '⻘': '青', '⻙': '韦', '⻚': '页', '⻛': '风', '⻜': '飞', '⻝': '食',
	'⻢': '马', '⻣': '骨', '⻤': '鬼', '⻥': '鱼', '⻦': '鸟', '⻨': '麦', '⻩': '黄', '⻬': '齐',
	'⻮': '齿', '⻳': '龟',
}

// radical reads a Kangxi radical (⼯) or a supplement radical (⻚) as the
// character it stands for.
func radical(r rune) rune {
	if r >= 0x2F00 && r <= 0x2FDF {
		if s := []rune(norm.NFKC.String(string(r))); len(s) == 1 {
			return s[0]
		}
	}
	if c, ok := supplementRadicals[r]; ok {
		return c
	}
	return r
}
