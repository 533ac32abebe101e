package pipeline

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math/bits"
	"slices"
	"strings"
	"sync"

	"gongshi/generator/internal/changelog"
	"gongshi/generator/internal/diag"
	"gongshi/generator/internal/guard"
	"gongshi/generator/internal/inspect"
	"gongshi/generator/internal/ledger"
	"gongshi/generator/internal/par"
	"gongshi/generator/internal/record"
)

// The publication gate. Every byte that leaves a build is made from text
// that passed one check, here: the privacy guard (personal information
// through its disguises) and text hygiene (UTF-8, no controls, no bidi
// overrides, nothing invisible).
//
// The records of the commit being built passed it when they were
// decoded: a mistake there is refused at file:line:col (record), and so
// is what the notice templates write (assess). What the records' fields do
// not hold passes it here, on its way to emit: commit messages and author
// names, the values of earlier commits in the change descriptions, the
// names of record files, the subjects in the ledger. That text is in git
// history, which cannot change without a rewrite: it is published masked
// (139****1122) and cleaned, never refused, with a warning naming the
// commit, so that a township can stop publishing a value without
// rewriting its history (PIPL art. 47).
//
// Last, the rendered site is scanned for every value the records keep
// private and every value the gate masked: one found there is a bug in
// gongshi or a hostile template, and the build fails naming the file.

// noPublic is the guard of a text read on its own: nothing is known to
// be public.
var noPublic *guard.Guard

// gate masks and cleans the text of one build's history. It is safe for
// concurrent use (the versions pass runs on every processor).
type gate struct {
	guard *guard.Guard

	mu       sync.Mutex
	warnings map[string]bool
	masked   map[string]bool // the values masked, as Finding.Value
}

func newGate(set *record.Set) *gate {
	return &gate{guard: record.Guard(set), warnings: map[string]bool{}, masked: map[string]bool{}}
}

// text returns s fit to publish: cleaned, and its personal information
// masked. commit and what say where it is, for the warning.
func (g *gate) text(commit, what, s string) string {
	if g == nil || s == "" {
		return s
	}
	out, fs := g.guard.Mask(g.clean(commit, what, s))
	for _, f := range fs {
		article := "a"
		if f.Kind == guard.IDNumber {
			article = "an"
		}
		g.warn(commit, what, fmt.Sprintf("%s %s, published as %s", article, f.Kind, f.Masked))
		g.mu.Lock()
		g.masked[f.Value] = true
		g.mu.Unlock()
	}
	return out
}

// clean returns s without the characters that may not be published.
func (g *gate) clean(commit, what, s string) string {
	if g == nil || s == "" {
		return s
	}
	clean := guard.Clean(s)
	if clean != s {
		g.warn(commit, what, "characters that may not be published (controls, bidi overrides, invisible characters, bytes that are not UTF-8), published without them")
	}
	return clean
}

func (g *gate) warn(commit, what, msg string) {
	short := commit[:min(len(commit), 10)]
	g.mu.Lock()
	g.warnings[fmt.Sprintf("commit %s: %s holds %s", short, what, msg)] = true
	g.mu.Unlock()
}

// Warnings are the gate's warnings, sorted: a line per commit, place and
// value masked.
func (g *gate) Warnings() []string {
	g.mu.Lock()
	defer g.mu.Unlock()
	var ws []string
	for w := range g.warnings {
		ws = append(ws, w)
	}
	slices.Sort(ws)
	return ws
}

// commit returns a copy of c with what the site shows of it passed
// through the gate.
func (g *gate) commit(c *changelog.Commit) *changelog.Commit {
	out := *c
	out.Author.Name = g.text(c.Hash, "the author's name", c.Author.Name)
	out.Author.Email = g.text(c.Hash, "the author's email", c.Author.Email)
	out.Committer.Name = g.text(c.Hash, "the committer's name", c.Committer.Name)
	out.Committer.Email = g.text(c.Hash, "the committer's email", c.Committer.Email)
	out.Message = g.text(c.Hash, "the message", c.Message)
	out.Subject = g.text(c.Hash, "the message", c.Subject)
	out.Body = g.text(c.Hash, "the message", c.Body)
	out.Problems = nil
	for _, p := range c.Problems {
		out.Problems = append(out.Problems, g.text(c.Hash, "the message", p))
	}
	out.Trailers = nil
	for _, t := range c.Trailers {
		out.Trailers = append(out.Trailers, changelog.Trailer{Key: g.text(c.Hash, "the message", t.Key), Value: g.text(c.Hash, "the message", t.Value)})
	}
	out.Signature.Signer = guard.Clean(c.Signature.Signer)
	out.Files = nil
	for _, f := range c.Files {
		fc := *f
		fc.Commit = &out
		fc.Path = g.text(c.Hash, "a file name", f.Path)
		out.Files = append(out.Files, &fc)
	}
	return &out
}

// history returns the commits' descriptions passed through the gate:
// copies, for the index keeps the originals between builds.
func (g *gate) history(diffs []*changelog.Diff) []*changelog.Diff {
	out := make([]*changelog.Diff, len(diffs))
	// On every CPU: the gate is safe for concurrent use, and its
	// warnings and masked values are sets, sorted when read.
	par.Each(len(diffs), func(_, i int) { out[i] = g.diff(diffs[i]) })
	return out
}

// diff returns a copy of d with what the site shows of it passed through
// the gate.
func (g *gate) diff(d *changelog.Diff) *changelog.Diff {
	c := g.commit(d.Commit)
	nd := &changelog.Diff{Commit: c}
	for _, u := range d.Unreadable {
		nd.Unreadable = append(nd.Unreadable, g.text(c.Hash, "a file name", u))
	}
	for _, ch := range d.Changes {
		where := "a change of " + strings.ToValidUTF8(ch.File, "\uFFFD")
		ch.File = g.text(c.Hash, "a file name", ch.File)
		ch.Title = g.text(c.Hash, where, ch.Title)
		ch.Label = g.text(c.Hash, where, ch.Label)
		if ch.Public {
			// An office's phone, an organisation's address: what the
			// field publishes, then as now.
			ch.Old, ch.New = g.clean(c.Hash, where, ch.Old), g.clean(c.Hash, where, ch.New)
		} else {
			ch.Old = g.text(c.Hash, where, ch.Old)
			ch.New = g.text(c.Hash, where, ch.New)
		}
		path := make([]string, len(ch.Path))
		for k, p := range ch.Path {
			path[k] = g.text(c.Hash, where, p)
		}
		ch.Path = path
		nd.Changes = append(nd.Changes, ch)
	}
	return nd
}

// ledger passes the subjects of a ledger through the gate, those the
// site published before this build included.
func (g *gate) ledger(l *ledger.Ledger) {
	fix := func(cs []ledger.Commit) {
		for i := range cs {
			cs[i].Subject = g.text(cs[i].Commit, "the message", cs[i].Subject)
		}
	}
	fix(l.Builds)
	fix(l.Commits)
	for i := range l.Rewrites {
		l.Rewrites[i].Dropped = slices.Clone(l.Rewrites[i].Dropped)
		fix(l.Rewrites[i].Dropped)
		l.Rewrites[i].To.Subject = g.text(l.Rewrites[i].To.Commit, "the message", l.Rewrites[i].To.Subject)
	}
}

// checkSiteText checks the site files the commit holds that are text
// the site shows or prints (hand-written pages, templates, translations,
// the configuration) as the records are: at file:line:col, for personal
// information and for characters that may not be published. Stylesheets,
// scripts and pictures are not read as text.
func checkSiteText(set *record.Set, files []record.File) diag.List {
	var errs diag.List
	g := record.Guard(set)
	for _, f := range files {
		what, zh := "", ""
		switch {
		case strings.HasPrefix(f.Path, "content/") && (strings.HasSuffix(f.Path, ".md") || strings.HasSuffix(f.Path, ".html")):
			what, zh = "a page of the site", "网站页面会公开，"
		case strings.HasPrefix(f.Path, "layouts/") || strings.HasPrefix(f.Path, "i18n/") || f.Path == "hugo.toml":
			what, zh = "a template of the site", "网站模板的内容会公开，"
		default:
			continue
		}
		errs.Append(checkText(g, f.Path, string(f.Data), what, zh))
	}
	return errs
}

// secrets are the values the rendered site may not hold: every number and
// home address the records keep private, and every value the gate
// masked. (Other private text, such as the reason for a leave, is often a
// common word: it is kept out of the site by emit, which never reads
// private fields.)
type secrets struct {
	numbers map[string]bool // digits
	lengths []int           // of the numbers
	texts   *textSet        // addresses and other private text, as written
}

// private is what the records of a build keep private, and the
// addresses they publish: read from them before they are let go, for the
// secrets of the site rendered at the end.
type private struct {
	values, public []string
}

func privateOf(set *record.Set) private {
	return private{values: record.PrivateValues(set), public: record.PublicAddresses(set)}
}

// secrets are the values the site may not hold: the records' private
// values, and every value the gate masked so far.
func (g *gate) secrets(p private) *secrets {
	s := &secrets{numbers: map[string]bool{}}
	var texts []string
	add := func(v string) {
		for _, f := range noPublic.Find(v) {
			switch {
			case f.Kind == guard.Address:
				texts = append(texts, f.Value)
			case !g.guard.Public(f.Value):
				// an office phone recorded as someone's too is public
				s.numbers[f.Value] = true
			}
		}
	}
	for _, v := range p.values {
		add(v)
	}
	g.mu.Lock()
	for v := range g.masked {
		add(v)
	}
	g.mu.Unlock()
	// An address the records publish as an organisation's is public,
	// whoever else lives there.
	texts = slices.DeleteFunc(texts, func(t string) bool {
		return slices.ContainsFunc(p.public, func(a string) bool { return strings.Contains(a, t) })
	})
	for v := range exampleNumbers() {
		delete(s.numbers, v)
	}
	for v := range s.numbers {
		if !slices.Contains(s.lengths, len(v)) {
			s.lengths = append(s.lengths, len(v))
		}
	}
	slices.Sort(s.lengths)
	s.texts = newTextSet(texts)
	return s
}

// exampleNumbers are the placeholder numbers of gongshi's example
// records (13800000000), which the reference page prints: a township that
// records one as someone's has recorded no one's.
var exampleNumbers = sync.OnceValue(func() map[string]bool {
	m := map[string]bool{}
	for _, k := range record.Kinds() {
		for _, f := range noPublic.Find(record.Example(k.Name)) {
			if f.Kind != guard.Address {
				m[f.Value] = true
			}
		}
	}
	return m
})

// find returns a secret the bytes hold, masked for the message, or "".
// Numbers are read through spaces, dots, slashes, commas and dashes
// between their digits.
func (s *secrets) find(b []byte) string {
	if s == nil {
		return ""
	}
	if t, ok := s.texts.first(b); ok {
		return record.Mask(t)
	}
	if len(s.numbers) == 0 {
		return ""
	}
	var digits []byte
	// flush looks for the numbers in the digits read since the last
	// flush, and starts over.
	flush := func() string {
		found := s.numberIn(digits)
		digits = digits[:0]
		return found
	}
	seps := 0
	for i := 0; i < len(b); {
		if len(digits) == 0 {
			// Between numbers nothing is read: skip to the next digit,
			// eight bytes at a time while they hold none.
			for i+8 <= len(b) && !hasDigit(binary.LittleEndian.Uint64(b[i:])) {
				i += 8
			}
			for i < len(b) && (b[i] < '0' || b[i] > '9') {
				i++
			}
			if i == len(b) {
				break
			}
		}
		c := b[i]
		i++
		switch {
		case c >= '0' && c <= '9':
			digits, seps = append(digits, c), 0
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

// numberIn returns a secret number a run of digits holds, masked, or "".
// A run shorter than the shortest secret is passed over: most of a page's
// digits are dates and times.
func (s *secrets) numberIn(digits []byte) string {
	if len(digits) < s.lengths[0] {
		return ""
	}
	for _, n := range s.lengths {
		for i := 0; i+n <= len(digits); i++ {
			if s.numbers[string(digits[i:i+n])] {
				return record.Mask(string(digits[i : i+n]))
			}
		}
	}
	return ""
}

// hasDigit reports whether any of the eight bytes of x is an ASCII
// digit: in every byte at once, its low seven bits below '9'+1 and above
// '0'-1 and its high bit clear, with no carry from one byte into the
// next ("Bit Twiddling Hacks": hasbetween).
func hasDigit(x uint64) bool {
	const ones, low7, high = 0x0101010101010101, 0x7F7F7F7F7F7F7F7F, 0x8080808080808080
	return (ones*(127+'9'+1)-x&low7)&^x&(x&low7+ones*(127-('0'-1)))&high != 0
}

// leaks is the refusal of a site whose files hold secrets: found[i] is
// what find found in site's i-th file ("" for nothing).
func leaks(site *inspect.Site, found []string) error {
	var bad []string
	for i, f := range found {
		if f != "" {
			bad = append(bad, fmt.Sprintf("%s holds the private value %s", site.Rel(i), f))
		}
	}
	if len(bad) > 0 {
		return &LeakError{Files: bad}
	}
	return nil
}

// textSet finds which of many texts some bytes hold in one pass over
// them, reading a gram (4 bytes) at every step-th position only. Every
// text is at least window bytes long and step is at most window-gram+1,
// so an occurrence's first step positions each begin a gram lying
// within it, and one of them is read: a gram read that some text begins
// at one of those offsets (grams) makes that text a candidate, compared
// with the bytes. Rolling a hash over every byte instead (a lookup a
// byte) took 1.7 s of the county's build, and looking for each text in
// turn, once per private address, two minutes.
type textSet struct {
	texts  []string // sorted, unique
	window int      // the length of the shortest text
	gram   int      // bytes read at a position: min(4, window)
	step   int      // min(window-gram+1, maxTextStep)
	grams  map[uint32][]gramAt
	// filter has a bit per gram hashed (gramHash, shifted): most grams
	// read are rejected on it without a map lookup.
	filter []uint64
	shift  uint
}

// maxTextStep bounds a textSet's step, and so the grams it registers a
// text: records with many long private addresses cost no more than
// sixteen entries each.
const maxTextStep = 16

// gramAt is where a gram begins in a text: its index and the offset.
type gramAt struct{ text, off int32 }

// gramHash spreads a gram's bits for the filter: Fibonacci hashing.
const gramHash = 0x9E3779B1

func newTextSet(texts []string) *textSet {
	texts = slices.DeleteFunc(texts, func(t string) bool { return t == "" })
	slices.Sort(texts)
	texts = slices.Compact(texts)
	if len(texts) == 0 {
		return nil
	}
	ts := &textSet{texts: texts, window: len(texts[0]), grams: map[uint32][]gramAt{}}
	for _, t := range texts {
		ts.window = min(ts.window, len(t))
	}
	ts.gram = min(4, ts.window)
	// Any step up to window-gram+1 finds every text; a longer one would
	// register more grams a text (as many as the step) for fewer reads.
	ts.step = min(ts.window-ts.gram+1, maxTextStep)
	// About 16 bits of filter a gram: one gram read in a few thousand
	// passes it by chance (fewer with more texts than a 2 MB filter
	// holds so).
	size := 1 << 12
	for size < 16*len(texts)*ts.step && size < 1<<24 {
		size <<= 1
	}
	ts.filter = make([]uint64, size/64)
	ts.shift = uint(32 - bits.TrailingZeros(uint(size)))
	for i, t := range texts {
		for o := range ts.step {
			g := ts.load([]byte(t), o)
			ts.grams[g] = append(ts.grams[g], gramAt{int32(i), int32(o)})
			h := g * gramHash >> ts.shift
			ts.filter[h>>6] |= 1 << (h & 63)
		}
	}
	return ts
}

// load reads the gram at b[i:]: gram bytes, the first lowest.
func (ts *textSet) load(b []byte, i int) uint32 {
	if ts.gram == 4 {
		return binary.LittleEndian.Uint32(b[i:])
	}
	var g uint32
	for k := ts.gram - 1; k >= 0; k-- {
		g = g<<8 | uint32(b[i+k])
	}
	return g
}

// first returns the first text, in sorted order, that b holds.
func (ts *textSet) first(b []byte) (string, bool) {
	if ts == nil || len(b) < ts.window {
		return "", false
	}
	best := -1
	for j := 0; j+ts.gram <= len(b); j += ts.step {
		g := ts.load(b, j)
		h := g * gramHash >> ts.shift
		if ts.filter[h>>6]&(1<<(h&63)) == 0 {
			continue
		}
		for _, at := range ts.grams[g] {
			k, p := int(at.text), j-int(at.off)
			if (best < 0 || k < best) && p >= 0 && bytes.HasPrefix(b[p:], []byte(ts.texts[k])) {
				best = k
			}
		}
	}
	if best < 0 {
		return "", false
	}
	return ts.texts[best], true
}

// LeakError is the refusal of a site that holds a private value: a bug
// in gongshi, or a template of the commit that puts one together.
type LeakError struct {
	Files []string // a line per file
}

func (e *LeakError) Error() string {
	return fmt.Sprintf("the built site holds private values; nothing was published:\n\t%s", strings.Join(e.Files, "\n\t"))
}
