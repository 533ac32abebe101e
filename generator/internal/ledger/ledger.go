// Package ledger is the public record of what a site has published: the
// commits it was built from, the records commits it has shown, and every
// rewrite of published history. The build reads the published site's
// ledger before it publishes (a rewrite is refused unless allowed), emit
// shows the rewrites on the change log, and publish writes the ledger
// beside the site.
package ledger

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"gongshi/generator/internal/record"
)

// File is where the ledger is published, relative to the site root.
const File = "ledger.json"

// Ledger is the public record of what the site has published: the commits
// it was built from and the record commits it has shown. The next build
// reads it back, so that history rewritten after publication (a
// force-push, a rebase) cannot pass unnoticed: such a build is refused,
// or, when allowed, the rewrite is recorded here for good and shown on
// the change log.
//
// It holds nothing but git's own data (hashes, committer dates, subjects):
// the same commits give the same bytes.
type Ledger struct {
	Format int `json:"format"`
	// Builds are the commits the site was published from, in order; the
	// last is the current one.
	Builds []Commit `json:"builds"`
	// Commits are the record commits of the current history, oldest first.
	Commits []Commit `json:"commits"`
	// Rewrites are the times published history was rewritten, oldest
	// first. They are never dropped.
	Rewrites []Rewrite `json:"rewrites,omitempty"`
}

// Commit is a commit as the ledger names it.
type Commit struct {
	Commit  string `json:"commit"`
	Date    string `json:"date"` // committer date, RFC 3339 in Asia/Shanghai
	Subject string `json:"subject"`
}

// Rewrite is a rewrite of published history, found when the site was
// built from To: the commits in Dropped had been published (the last
// build was From) and are no longer in the history.
type Rewrite struct {
	From    string   `json:"from"`
	To      Commit   `json:"to"`
	Dropped []Commit `json:"dropped"`
}

// Entry makes the ledger's entry for a commit.
func Entry(hash string, committed time.Time, subject string) Commit {
	return Commit{Commit: hash, Date: committed.In(record.Shanghai()).Format(time.RFC3339), Subject: subject}
}

// format is the version of the ledger's layout.
const format = 1

// ErrRewrite is returned when commits already published are no longer in
// the history of the commit being built.
var ErrRewrite = errors.New("published history was rewritten")

// RewriteError is the refusal of a build over rewritten history.
type RewriteError struct{ Rewrite *Rewrite }

func (e *RewriteError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "ledger: %d published commit(s) are no longer shown by the history of %s (an older commit than the site's, a force-push or a rebase); rebuild with --allow-rewrite to publish the rewrite, which the change log will show:", len(e.Rewrite.Dropped), e.Rewrite.To.Commit)
	for _, c := range e.Rewrite.Dropped {
		fmt.Fprintf(&b, "\n\t%s %s %s", c.Commit, c.Date, c.Subject)
	}
	return b.String()
}

func (e *RewriteError) Unwrap() error { return ErrRewrite }

// Read reads the ledger of a published site; a site not yet
// published (no file) has an empty one.
func Read(path string) (*Ledger, error) {
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return &Ledger{Format: format}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("ledger: %w", err)
	}
	l, err := Parse(b)
	if err != nil {
		return nil, fmt.Errorf("ledger: %s: %w", path, err)
	}
	return l, nil
}

// Parse reads a ledger, refusing one it does not understand: a
// ledger that cannot be read must stop the build, not be taken as empty.
func Parse(b []byte) (*Ledger, error) {
	var l Ledger
	d := json.NewDecoder(bytes.NewReader(b))
	d.DisallowUnknownFields()
	if err := d.Decode(&l); err != nil {
		return nil, fmt.Errorf("expected the site's ledger, found invalid JSON: %w", err)
	}
	if l.Format != format {
		return nil, fmt.Errorf("expected ledger format %d, found %d", format, l.Format)
	}
	for _, c := range append(append([]Commit{}, l.Builds...), l.Commits...) {
		if !isHash(c.Commit) {
			return nil, fmt.Errorf("expected full commit hashes in the ledger, found %q", c.Commit)
		}
	}
	return &l, nil
}

// Marshal returns the ledger as indented JSON, the same bytes for the
// same ledger.
func (l *Ledger) Marshal() []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(l); err != nil {
		panic(err) // plain strings and slices always encode
	}
	return b.Bytes()
}

// Head returns the commit of the last build, or "".
func (l *Ledger) Head() string {
	if len(l.Builds) == 0 {
		return ""
	}
	return l.Builds[len(l.Builds)-1].Commit
}

// Next checks a build of head against the ledger and returns the ledger
// to publish with it. records are the record commits head's history
// shows, oldest first: every commit of the ledger's Commits must still be
// one of them (a commit still reachable but no longer shown is hidden as
// surely as one rewritten away), and the last build must be head or one
// of its ancestors (reachable), else the build would roll the site back.
// When one is not, Next returns the rewrite and, unless allowRewrite, a
// *RewriteError (ErrRewrite) instead of a ledger.
func (l *Ledger) Next(head Commit, records []Commit, reachable func(string) bool, allowRewrite bool) (*Ledger, *Rewrite, error) {
	shown := make(map[string]bool, len(records))
	for _, c := range records {
		shown[c.Commit] = true
	}
	var rw *Rewrite
	drop := func(c Commit) {
		if rw == nil {
			rw = &Rewrite{From: l.Head(), To: head}
		}
		for _, d := range rw.Dropped {
			if d.Commit == c.Commit {
				return
			}
		}
		rw.Dropped = append(rw.Dropped, c)
	}
	for _, c := range l.Commits {
		if !shown[c.Commit] {
			drop(c)
		}
	}
	if h := l.Head(); h != "" && !reachable(h) {
		drop(l.Builds[len(l.Builds)-1])
	}
	if rw != nil && !allowRewrite {
		return nil, rw, &RewriteError{Rewrite: rw}
	}
	next := &Ledger{
		Format:   format,
		Builds:   append([]Commit{}, l.Builds...),
		Commits:  append([]Commit{}, records...),
		Rewrites: append([]Rewrite{}, l.Rewrites...),
	}
	if next.Head() != head.Commit {
		next.Builds = append(next.Builds, head)
	}
	if rw != nil {
		next.Rewrites = append(next.Rewrites, *rw)
	}
	if len(next.Rewrites) == 0 {
		next.Rewrites = nil
	}
	return next, rw, nil
}

// Unrecorded returns the builds the ledger names since its last recorded
// rewrite that are not in the history of its last build (reachable says
// which are): none in a ledger gongshi wrote, where every build went on
// from the one before or recorded the rewrite. A site whose ledger has
// any was not built from the newest build its ledger names.
func (l *Ledger) Unrecorded(reachable func(string) bool) []Commit {
	var out []Commit
	for k := len(l.Builds) - 2; k >= 0; k-- {
		if l.rewrittenAt(l.Builds[k+1].Commit, l.Builds[k].Commit) {
			break
		}
		if !reachable(l.Builds[k].Commit) {
			out = append(out, l.Builds[k])
		}
	}
	return out
}

// rewrittenAt reports whether a rewrite was recorded when the site was
// built from to after from.
func (l *Ledger) rewrittenAt(to, from string) bool {
	for _, r := range l.Rewrites {
		if r.To.Commit == to && r.From == from {
			return true
		}
	}
	return false
}

// isHash reports whether s is a full commit hash as git writes it: 40
// lower-case hexadecimal digits.
func isHash(s string) bool {
	if len(s) != 40 {
		return false
	}
	for _, c := range s {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}
