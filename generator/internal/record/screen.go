package record

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"github.com/goccy/go-yaml/token"
	"golang.org/x/text/encoding/simplifiedchinese"

	"gongshi/generator/internal/diag"
	"gongshi/generator/internal/guard"
)

// A record file is screened before it is parsed: what the parser cannot
// read well (another encoding, tabs for indentation), what it would spend
// unbounded time or memory on (goccy/go-yaml holds about a kilobyte per
// value and recurses once per level of brackets), and characters that may
// not be published. A file that fails is reported once, where it fails,
// and not parsed: nothing else is said of it, and nothing that depends on
// its records (see Set.Unreadable).

// Limits of one record file. A county's largest files (a township's
// quarter of score sheets) hold a few thousand values.
const (
	// MaxFileSize is the largest record file read.
	MaxFileSize = 1 << 20
	// maxTokens bounds the values, keys and punctuation of a file.
	maxTokens = 200_000
	// maxFlowDepth bounds brackets nested in brackets: [[…]].
	maxFlowDepth = 32
	// maxColumn bounds where a line's first field or list item may
	// start: block nesting is bounded by it.
	maxColumn = 240
)

// screen checks the bytes of a file and returns them as the parser is to
// read them (without a byte order mark, with LF line ends), or false
// after reporting why the file cannot be read.
func (d *decoder) screen(data []byte) ([]byte, bool) {
	at := diag.Pos{File: d.file, Line: 1, Col: 1}
	if len(data) > MaxFileSize {
		d.errs.Add(at, "expected a record file of at most %d KiB, found %d KiB; 文件太大，请分成几个文件", MaxFileSize>>10, len(data)>>10)
		return nil, false
	}
	if bytes.HasPrefix(data, []byte{0xff, 0xfe}) || bytes.HasPrefix(data, []byte{0xfe, 0xff}) {
		d.errs.Add(at, "expected UTF-8 text, found UTF-16 (saved as \"Unicode\"); %s", saveAsUTF8)
		return nil, false
	}
	data = trimBOM(data)
	if !utf8.Valid(data) {
		d.encoding(data)
		return nil, false
	}
	// Windows line ends: the parser counts CR LF as two lines inside a
	// block of text; read as LF, every line and column is as the editor
	// shows it.
	if bytes.Contains(data, []byte("\r\n")) {
		data = bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
	}
	ok := true
	n := 0
	for _, p := range guard.Hygiene(string(data)) {
		if n++; n > 10 {
			break
		}
		d.errs.Add(d.offsetPos(data, p.Offset), "expected visible text, found %s; 请删去这个看不见的字符（常随复制粘贴带入）", p.What)
		ok = false
	}
	if !ok {
		return nil, false
	}
	if !d.indentedWithSpaces(data) {
		return nil, false
	}
	return data, true
}

// saveAsUTF8 tells the clerk how to save a file as UTF-8 in the editors
// of Chinese Windows.
const saveAsUTF8 = "文件不是 UTF-8 编码：用记事本打开，点“文件”→“另存为”，“编码”选 UTF-8 后保存；WPS 中点“另存为”，“编码”选 UTF-8"

// encoding reports a file that is not UTF-8: most often GBK (GB18030),
// what Notepad and WPS save on Chinese Windows.
func (d *decoder) encoding(data []byte) {
	bad := 0
	for bad < len(data) {
		r, n := utf8.DecodeRune(data[bad:])
		if r == utf8.RuneError && n == 1 {
			break
		}
		bad += n
	}
	pos := d.offsetPos(data[:bad], bad)
	if text, err := simplifiedchinese.GB18030.NewDecoder().Bytes(data); err == nil && !bytes.ContainsRune(text, utf8.RuneError) && len(guard.Hygiene(string(text))) == 0 {
		line := strings.Split(string(text), "\n")[pos.Line-1]
		d.errs.Add(pos, "expected UTF-8 text, found GBK (GB18030) text %q; %s", clip(strings.TrimSpace(line), 20), saveAsUTF8)
		return
	}
	d.errs.Add(pos, "expected UTF-8 text, found the byte 0x%02x, which is not UTF-8; %s", data[bad], saveAsUTF8)
}

func clip(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}

// offsetPos is the position of a byte offset of the text: lines from 1,
// columns in characters from 1.
func (d *decoder) offsetPos(data []byte, off int) diag.Pos {
	before := data[:min(off, len(data))]
	line := bytes.Count(before, []byte("\n")) + 1
	start := bytes.LastIndexByte(before, '\n') + 1
	return diag.Pos{File: d.file, Line: line, Col: utf8.RuneCount(before[start:]) + 1}
}

// indentedWithSpaces reports each line indented with a tab: YAML does not
// allow one, and the parser, which stops at it, says so in words that
// help no one. Inside a block of text, what follows the block's own
// indentation is text, tabs included.
func (d *decoder) indentedWithSpaces(data []byte) bool {
	if !bytes.ContainsRune(data, '\t') {
		return true
	}
	ok := true
	block := -1 // the indentation of the key that opened a block of text
	for i, line := range strings.Split(string(data), "\n") {
		spaces := len(line) - len(strings.TrimLeft(line, " "))
		lead := len(line) - len(strings.TrimLeft(line, " \t"))
		if block >= 0 {
			if lead == len(line) || spaces > block {
				continue
			}
			block = -1
		}
		if blockStart.MatchString(line) {
			block = spaces
		}
		if tab := strings.IndexByte(line[:lead], '\t'); tab >= 0 && lead < len(line) {
			d.errs.Add(diag.Pos{File: d.file, Line: i + 1, Col: tab + 1}, "expected spaces for indentation, found a tab; 请用空格缩进，不要用 Tab 键")
			ok = false
		}
	}
	return ok
}

// bounded reports a file whose tokens would take the parser unbounded
// memory or recursion: too many of them, brackets nested too deep, a
// line's first field too far to the right.
func (d *decoder) bounded(tokens token.Tokens) bool {
	depth, line := 0, 0
	for _, tk := range tokens {
		if tk.Position == nil {
			continue
		}
		switch tk.Type {
		case token.SequenceStartType, token.MappingStartType:
			if depth++; depth > maxFlowDepth {
				d.errs.Add(d.pos(tk), "expected at most %d levels of brackets, found more; 请减少括号嵌套", maxFlowDepth)
				return false
			}
		case token.SequenceEndType, token.MappingEndType:
			depth--
		}
		first := tk.Position.Line != line
		line = tk.Position.Line
		if (first || tk.Type == token.SequenceEntryType) && tk.Type != token.CommentType && tk.Position.Column > maxColumn {
			d.errs.Add(d.pos(tk), "expected a field or list item within %d columns of the line's start, found one at column %d; 缩进太深", maxColumn, tk.Position.Column)
			return false
		}
	}
	if len(tokens) > maxTokens {
		d.errs.Add(diag.Pos{File: d.file, Line: 1, Col: 1}, "expected at most %d values in one file, found more; 请把记录分成几个文件", maxTokens/2)
		return false
	}
	return true
}
