package emit

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// What an entry of a page's 变更记录 says the commit changed of the page
// is written here, as HTML, rather than by the page's template: its
// effects on what the notice publishes, the changes of the records, and
// a warning when some of the commit's files could not be read. None of
// it links anywhere, so none of it depends on where Hugo puts pages.
//
// A county's pages list 420,000 changes in their histories (43 MB of the
// site's HTML): ranging over them in history.html cost about 2.5 s of CPU
// of each render, more than anything else the template does per entry.
// history.html prints the body as it is (safeHTML).

// changesShown is how many of an entry's changes are listed before the
// rest are folded (none when the entry shows the change's effects: the
// changes are then the detail).
const changesShown = 6

// entryBody returns the body of an entry: what history.html printed
// between the entry's head and its line naming the commit, byte for byte.
func entryBody(c *pageChange) string {
	var b strings.Builder
	if len(c.Effects) > 0 {
		b.WriteString("\n      <p class=\"effects-head\">对公示结果的影响：</p>\n      <ul class=\"effects\">")
		writeItems(&b, c.Effects)
		b.WriteString("\n      </ul>")
	}
	if n := len(c.Changes); n > 0 {
		shown := changesShown
		if len(c.Effects) > 0 {
			shown = 0
		}
		if shown > 0 {
			b.WriteString("\n      <ul class=\"fieldchanges\">")
			writeItems(&b, c.Changes[:min(shown, n)])
			b.WriteString("\n      </ul>")
		}
		if n > shown {
			b.WriteString("\n      <details class=\"more-changes\">\n        <summary>")
			if shown > 0 {
				b.WriteString("其余 " + strconv.Itoa(n-shown) + " 项改动")
			} else {
				b.WriteString("记录中的改动（" + strconv.Itoa(n) + " 项）")
			}
			b.WriteString("</summary>\n        <ul class=\"fieldchanges\">")
			writeItems(&b, c.Changes[shown:])
			b.WriteString("\n        </ul>\n      </details>")
		}
	}
	if len(c.Incomplete) > 0 {
		b.WriteString("<p class=\"warn\">提交中有记录文件格式有误（")
		writeText(&b, strings.Join(c.Incomplete, "、"))
		b.WriteString("），以上改动可能不完整。</p>")
	}
	return b.String()
}

// writeItems writes each of items as a list item.
func writeItems(b *strings.Builder, items []string) {
	for _, s := range items {
		b.WriteString("<li>")
		writeText(b, s)
		b.WriteString("</li>")
	}
}

// writeText writes s as the text of an element, escaped as Go's (and
// Hugo's) html/template escapes text: the same characters, the same
// entities, so that the page reads as it did when its template printed
// the text. A byte that is not UTF-8 is written as U+FFFD, as the text
// read back from page data (JSON) had it.
func writeText(b *strings.Builder, s string) {
	last := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c >= utf8.RuneSelf {
			r, n := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && n == 1 {
				b.WriteString(s[last:i])
				b.WriteString("\uFFFD")
				last = i + 1
			}
			i += n
			continue
		}
		var esc string
		switch c {
		case 0:
			esc = "\uFFFD"
		case '"':
			esc = "&#34;"
		case '&':
			esc = "&amp;"
		case '\'':
			esc = "&#39;"
		case '+':
			esc = "&#43;"
		case '<':
			esc = "&lt;"
		case '>':
			esc = "&gt;"
		}
		i++
		if esc == "" {
			continue
		}
		b.WriteString(s[last : i-1])
		b.WriteString(esc)
		last = i
	}
	b.WriteString(s[last:])
}
