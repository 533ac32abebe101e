package record

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/goccy/go-yaml"
	"github.com/shopspring/decimal"

	"gongshi/generator/internal/diag"
)

// This file catches the mistakes a clerk typing Chinese really makes: the
// input method's full-width colon, digits and spaces, and dates written the
// way they are spoken. Each is reported with what to write instead.

type syntaxError = yaml.SyntaxError

func trimBOM(b []byte) []byte { return bytes.TrimPrefix(b, []byte("\uFEFF")) }

// fullWidthKey matches a line whose field name is followed by a full-width
// colon before any ASCII one: "  - unit：chaotian".
var fullWidthKey = regexp.MustCompile(`^(\s*(?:-\s+)*)([^\s:：#"'\-][^:：#"']*?)\s*：`)

// blockStart matches a line that opens a literal or folded block scalar.
var blockStart = regexp.MustCompile(`[:：]\s*[|>][-+0-9]*\s*(#.*)?\r?\n?$`)

// repair reports and fixes full-width colons after field names and
// full-width spaces used as indentation, so that the rest of the file can
// still be checked. It returns the repaired text and, per repaired line, the
// column after which it inserted one character.
func repair(file string, data []byte, errs *diag.List) ([]byte, map[int]int) {
	if !bytes.ContainsAny(data, "：\u3000") {
		return data, nil
	}
	lines := strings.SplitAfter(string(data), "\n")
	shift := map[int]int{}
	block := -1 // indentation of the key that opened a literal block, or -1
	for i, line := range lines {
		n := i + 1
		indent := len(line) - len(strings.TrimLeft(line, " "))
		if block >= 0 {
			if strings.TrimSpace(line) == "" || indent > block {
				continue // inside a literal block: text, not fields
			}
			block = -1
		}
		if blockStart.MatchString(line) {
			block = indent
		}
		if trimmed := strings.TrimLeft(line, " "); strings.HasPrefix(trimmed, "\u3000") {
			col := utf8.RuneCountInString(line[:len(line)-len(trimmed)]) + 1
			errs.Add(diag.Pos{File: file, Line: n, Col: col}, "expected spaces for indentation, found a full-width space; 请用半角空格缩进")
			lead := len(line) - len(trimmed)
			rest := strings.TrimLeft(trimmed, "\u3000")
			width := utf8.RuneCountInString(trimmed[:len(trimmed)-len(rest)])
			line = line[:lead] + strings.Repeat(" ", width) + rest
		}
		m := fullWidthKey.FindStringSubmatchIndex(line)
		if m == nil || strings.HasPrefix(strings.TrimSpace(line), "#") {
			lines[i] = line
			continue
		}
		colon := m[1] - len("：")
		col := utf8.RuneCountInString(line[:colon]) + 1
		key := line[m[4]:m[5]]
		errs.Add(diag.Pos{File: file, Line: n, Col: col}, "expected \":\" after %q, found full-width \"：\"; 请用半角冒号 \":\"", key)
		after := line[m[1]:]
		if after == "" || after[0] == ' ' || after[0] == '\n' || after[0] == '\r' {
			line = line[:colon] + ":" + after
		} else {
			line = line[:colon] + ": " + after
			shift[n] = col
		}
		lines[i] = line
	}
	return []byte(strings.Join(lines, "")), shift
}

// fullWidth maps full-width digits and signs to their ASCII forms.
var fullWidth = strings.NewReplacer(
	"０", "0", "１", "1", "２", "2", "３", "3", "４", "4",
	"５", "5", "６", "6", "７", "7", "８", "8", "９", "9",
	"．", ".", "－", "-", "＋", "+", "。", ".",
)

// digitHint explains how to write a number the clerk wrote as text.
func digitHint(raw string) string {
	s := strings.TrimSpace(raw)
	if ascii := fullWidth.Replace(s); ascii != s && numeric.MatchString(ascii) {
		return fmt.Sprintf("请用半角数字，写作 %s", ascii)
	}
	if m := withUnit.FindStringSubmatch(s); m != nil {
		return fmt.Sprintf("只写数字，写作 %s", m[1])
	}
	if numeric.MatchString(s) {
		return fmt.Sprintf("数字不要加引号，写作 %s", s)
	}
	return ""
}

// numberHint says how to write a number the clerk wrote otherwise: in
// another base, with an exponent or underscores (which YAML reads as
// numbers, and a clerk does not mean), or as text.
func numberHint(s scalar) string {
	raw := strings.TrimSpace(s.Raw)
	unsigned := strings.TrimLeft(raw, "+-")
	lower := strings.ToLower(unsigned)
	switch {
	case strings.HasPrefix(lower, "0x") || strings.HasPrefix(lower, "0o") || strings.HasPrefix(lower, "0b"):
		if v, err := strconv.ParseInt(strings.ReplaceAll(raw, "_", ""), 0, 64); err == nil {
			return fmt.Sprintf("请写十进制数，写作 %d", v)
		}
		return "请写十进制数"
	case strings.Contains(raw, "_"):
		return fmt.Sprintf("数字中不要加下划线，写作 %s", strings.ReplaceAll(raw, "_", ""))
	case strings.ContainsAny(lower, "e") && !strings.Contains(lower, "inf"):
		// Written out only when that is short: 1e900000000 is a 1 with
		// 900 million zeros, which String would spend minutes and
		// gigabytes writing.
		if x, err := decimal.NewFromString(raw); err == nil && x.Exponent() >= -20 && x.Exponent() <= 20 && len(x.Coefficient().String()) <= 20 && len(x.String()) <= 20 {
			return fmt.Sprintf("请直接写出数字，写作 %s", x.String())
		}
		return "请直接写出数字，不要用科学记数法"
	case s.Style != styleQuoted && numeric.MatchString(raw):
		return ""
	}
	return digitHint(raw)
}

var (
	// numeric is a number as a clerk writes one: decimal digits, perhaps
	// a sign and a fraction.
	numeric = regexp.MustCompile(`^[-+]?\d+(\.\d+)?$`)
	// yamlNumber is what YAML may read as a number, whatever the parser
	// made of it (in brackets, 1e3 is text): another base, an exponent,
	// underscores, more digits than 64 bits hold.
	yamlNumber = regexp.MustCompile(`^[-+]?(0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|[0-9_]*\.?[0-9_]+([eE][-+]?[0-9]+)?)$`)
	withUnit   = regexp.MustCompile(`^([-+]?\d+(?:\.\d+)?)\s*(分|元|天|次|人|个|%|％)$`)
)

func boolHint(raw string) string {
	switch raw {
	case "是", "对", "有", "yes", "Yes", "YES", "y", "Y", "on":
		return "写作 true"
	case "否", "不", "无", "no", "No", "NO", "n", "N", "off":
		return "写作 false"
	}
	return ""
}
