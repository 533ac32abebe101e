package synth

import (
	"strconv"
	"strings"
)

// doc builds a YAML file by hand: the records are small, regular and
// written in a fixed field order, so a marshaller would only add cost and
// map-order worries.
type doc struct{ b strings.Builder }

func (d *doc) comment(s string) *doc {
	for _, l := range strings.Split(s, "\n") {
		d.b.WriteString("# ")
		d.b.WriteString(l)
		d.b.WriteByte('\n')
	}
	return d
}

// kv writes "key: value" at the indentation, value as given (already
// quoted where it must be). An empty value writes nothing.
func (d *doc) kv(indent int, key, value string) *doc {
	if value == "" {
		return d
	}
	d.b.WriteString(strings.Repeat(" ", indent))
	d.b.WriteString(key)
	d.b.WriteString(": ")
	d.b.WriteString(value)
	d.b.WriteByte('\n')
	return d
}

// key writes "key:" opening a nested block.
func (d *doc) key(indent int, key string) *doc {
	d.b.WriteString(strings.Repeat(" ", indent))
	d.b.WriteString(key)
	d.b.WriteString(":\n")
	return d
}

// item starts a list item: "- key: value".
func (d *doc) item(indent int, key, value string) *doc {
	d.b.WriteString(strings.Repeat(" ", indent))
	d.b.WriteString("- ")
	d.b.WriteString(key)
	d.b.WriteString(": ")
	d.b.WriteString(value)
	d.b.WriteByte('\n')
	return d
}

// str writes a plain list item "- value".
func (d *doc) str(indent int, value string) *doc {
	d.b.WriteString(strings.Repeat(" ", indent))
	d.b.WriteString("- ")
	d.b.WriteString(value)
	d.b.WriteByte('\n')
	return d
}

// block writes a literal block "key: |" with the text indented below it.
func (d *doc) block(indent int, key, text string) *doc {
	if text == "" {
		return d
	}
	d.b.WriteString(strings.Repeat(" ", indent))
	d.b.WriteString(key)
	d.b.WriteString(": |\n")
	for _, l := range strings.Split(strings.TrimRight(text, "\n"), "\n") {
		if l != "" {
			d.b.WriteString(strings.Repeat(" ", indent+2))
			d.b.WriteString(l)
		}
		d.b.WriteByte('\n')
	}
	return d
}

func (d *doc) bytes() []byte { return []byte(d.b.String()) }

// q quotes a string when YAML would read it as anything but that string.
func q(s string) string {
	if s == "" {
		return `""`
	}
	if plain(s) {
		return s
	}
	return strconv.Quote(s)
}

func plain(s string) bool {
	switch s[0] {
	case '-', '?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`', ' ':
		return false
	}
	if s[0] >= '0' && s[0] <= '9' || s[0] == '+' || s[0] == '.' {
		return false
	}
	switch strings.ToLower(s) {
	case "true", "false", "yes", "no", "on", "off", "null", "y", "n", "~":
		return false
	}
	return !strings.ContainsAny(s, "\n\t\"") && !strings.Contains(s, ": ") && !strings.Contains(s, " #") &&
		!strings.HasSuffix(s, " ") && !strings.HasSuffix(s, ":")
}

func itoa(i int) string { return strconv.Itoa(i) }
