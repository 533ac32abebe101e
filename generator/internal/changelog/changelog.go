// Package changelog is the history of the records as data: the commits
// that changed them (who, when, why, with what signature) and what each
// changed in the published values. The history stage reads it from git;
// emit shows it. It holds no git plumbing, so that what shows the
// history does not depend on how it was read.
package changelog

import (
	"encoding/hex"
	"time"

	"gongshi/generator/internal/record"
)

// Commit is one commit: who made it, when, why, and what it changed.
type Commit struct {
	Hash      string
	Parents   []string
	Author    Person
	Committer Person
	Message   string // as written
	Subject   string // the first paragraph, on one line
	Body      string // the rest, without the trailers
	Trailers  []Trailer
	Type      ChangeType // from the Change-Type trailer
	// Problems are trailer lines git does not read as such (see
	// Message.Problems), for the build to show the clerk.
	Problems []string
	// Files are the record files the commit changed, by path, following
	// git's history simplification (see the package comment): for a merge,
	// only files whose version differs from every parent's.
	Files     []*FileChange
	Signature Signature // set by the history's Verify
	// NotBefore is the earliest time the commit can have been made, and
	// Doubt, when not nil, why its own date is earlier (set by the
	// history's CheckDates).
	NotBefore time.Time
	Doubt     *DateDoubt

	// Armor is the commit's signature as git stores it (armored), ""
	// when unsigned; Payload is the commit object without it: what was
	// signed.
	Armor   string
	Payload []byte
}

// DateDoubt is why a commit's date is doubtful: it is before When, the
// date of Commit, which is one of its ancestors or, when Published, the
// commit of a build of the site that did not show it.
type DateDoubt struct {
	Commit    string
	When      time.Time
	Published bool
}

// Person is an author or committer and the time they gave.
type Person struct {
	Name  string
	Email string
	When  time.Time // in Asia/Shanghai
}

// Short is the abbreviated hash shown on pages.
func (c *Commit) Short() string { return c.Hash[:min(len(c.Hash), 10)] }

// Signed reports whether the commit carries a signature of any kind.
func (c *Commit) Signed() bool { return c.Armor != "" }

// Op is what a commit did to a file.
type Op int

const (
	Modified Op = iota
	Added
	Deleted
)

func (o Op) String() string { return [...]string{"modified", "added", "deleted"}[o] }

// FileChange is one commit's change of one record file. Old is the blob
// before (in the first parent, or in From), New after; a zero hash means
// absent.
type FileChange struct {
	Commit *Commit
	Path   string
	Op     Op
	Old    Hash
	New    Hash
	// From is the parent Old is read from when it is not the first: a
	// merge that did not take a side branch's change of the file is
	// described against that side.
	From string
}

// Hash is a git object name (SHA-1); the zero hash means absent.
type Hash [20]byte

// IsZero reports whether h names no object.
func (h Hash) IsZero() bool { return h == Hash{} }

// String is the hash in hexadecimal, as git prints it.
func (h Hash) String() string { return hex.EncodeToString(h[:]) }

// SigStatus is what checking a commit's signature found.
type SigStatus int

const (
	// Unsigned: the commit carries no signature.
	Unsigned SigStatus = iota
	// Verified: signed by a key of the trust root valid at the commit's time.
	Verified
	// UnknownKey: signed by a key the trust root does not hold (or in a
	// format it cannot check).
	UnknownKey
	// BadSignature: the signature does not match the commit: it was
	// changed after signing, or the signature is malformed.
	BadSignature
	// KeyNotValid: a key of the trust root, but not valid at the commit's
	// time: not yet valid, expired or revoked.
	KeyNotValid
)

// String is the status as the site shows it.
func (s SigStatus) String() string {
	return [...]string{"未签名", "签名已验证", "签名密钥不在信任名单", "签名无效", "签名时密钥无效"}[s]
}

// Signature is the result of checking one commit's signature.
type Signature struct {
	Status SigStatus
	Format string // "openpgp", "ssh", "x509"; "" when unsigned
	Key    string // the key's fingerprint (SHA256:… for SSH, hex for OpenPGP)
	Signer string // who the trust root says holds the key: principals, or the OpenPGP user id
	// Name is the signer as the site names them (the trust root's
	// signers file, else the principal or the user id's name), and
	// ByAuthor whether they are the commit's author; both set with Signer.
	Name     string
	ByAuthor bool
	Reason   string // why it is not verified, in English, for logs
}

// Diff is what one commit changed in the published records.
type Diff struct {
	Commit *Commit
	// Changes are in the order of the files changed (by path), then of the
	// records in the file; records removed from a file come after those
	// still in it. A record moved from one file to another unchanged is
	// no change.
	Changes []Change
	// Unreadable are the files of which a version could not be read in
	// full (a mistake the clerk corrected later): their changes may be
	// incomplete.
	Unreadable []string
}

// Change is one published difference, with the file it was read from
// (the new version's; the old one's for a record removed).
type Change struct {
	record.Change
	File string
}

// Add appends the changes of one file.
func (d *Diff) Add(cs []record.Change, file string) {
	for _, c := range cs {
		d.Changes = append(d.Changes, Change{Change: c, File: file})
	}
}
