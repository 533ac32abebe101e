package history

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"gongshi/generator/internal/changelog"
	"gongshi/generator/internal/record"

	"github.com/ProtonMail/go-crypto/openpgp"
	"golang.org/x/crypto/ssh"
)

// Trust is the trust root: the publishers' keys, and when each may sign.
//
// It is a folder kept outside the records repository, so that no commit
// can add the key that authorizes it; the build is given it by a flag and
// refuses one inside the repository it builds. The folder holds:
//
//   - allowed_signers: SSH keys, in OpenSSH's allowed-signers format, the
//     file git itself reads for gpg.ssh.allowedSignersFile (so an outsider
//     can check a commit with `git -c gpg.ssh.allowedSignersFile=… log
//     --show-signature`):
//
//     dzb@chaotian.example namespaces="git",valid-after="20260101" ssh-ed25519 AAAA… 王文书
//
//   - *.asc: OpenPGP public keys, armored (gpg --export --armor), with
//     their own expiry and revocation signatures.
//
// To add a publisher, append their line to allowed_signers (valid-after
// the day they start) or put their exported key in a new .asc file. To
// withdraw a key without disowning what it signed, give its line a
// valid-before (the last day it may sign), or add the holder's revocation
// certificate (reason "superseded" or "retired") to its .asc file: commits
// signed before then stay verified, later ones show "key not valid". A key
// known to be compromised is removed (SSH) or revoked with reason
// "compromised" (OpenPGP): then nothing it signed verifies, whatever its
// date. Timestamps without a final Z are read in Asia/Shanghai. Changes to
// the folder should themselves be reviewed by a second person (it can be
// a git repository of its own).
//
// The folder may also hold a file signers, naming the people who hold the
// keys as the records name them, and the author identities that are
// theirs, a line each:
//
//	# principal or e-mail      name     other e-mails they commit as
//	dzb@chaotian.example       王文书   clerk@chaotian.example
//
// The first field is an SSH principal of allowed_signers or the e-mail of
// an OpenPGP key's user id. The site shows every signature's signer
// beside the commit's author, by this name, and marks a commit whose
// signer is not its author (代为签名): the author's e-mail is none of the
// signer's (the principal, the key's user ids, the e-mails of this file)
// and their name is not this name.
type Trust struct {
	ssh    []allowedSigner
	pgp    openpgp.EntityList
	people map[string]person // by principal or e-mail, lower case
}

// person is a line of the signers file.
type person struct {
	name   string
	emails []string // lower case
}

// allowedSigner is one line of allowed_signers.
type allowedSigner struct {
	principals  []string
	key         ssh.PublicKey
	namespaces  []string
	validAfter  time.Time
	validBefore time.Time
}

// ErrTrustInRepository is returned for a trust root inside the records
// repository: the commits it authorizes could change it.
var ErrTrustInRepository = errors.New("the trust root is inside the records repository, where the commits it authorizes could change it; keep it outside")

// LoadTrust reads the trust root in dir, refusing one inside any of the
// folders of the repository (each working tree, the git folder).
func LoadTrust(dir string, repoDirs ...string) (*Trust, error) {
	for _, r := range repoDirs {
		if inside(dir, r) {
			return nil, fmt.Errorf("history: %s: %w", dir, ErrTrustInRepository)
		}
	}
	t := &Trust{}
	b, err := os.ReadFile(filepath.Join(dir, "allowed_signers"))
	switch {
	case err == nil:
		if t.ssh, err = parseAllowedSigners(b); err != nil {
			return nil, fmt.Errorf("history: %s: %w", filepath.Join(dir, "allowed_signers"), err)
		}
	case !errors.Is(err, os.ErrNotExist):
		return nil, fmt.Errorf("history: %w", err)
	}
	ascs, err := filepath.Glob(filepath.Join(dir, "*.asc"))
	if err != nil {
		return nil, fmt.Errorf("history: %w", err)
	}
	slices.Sort(ascs)
	for _, p := range ascs {
		b, err := os.ReadFile(p)
		if err != nil {
			return nil, fmt.Errorf("history: %w", err)
		}
		if err := t.AddOpenPGP(b); err != nil {
			return nil, fmt.Errorf("history: %s: %w", p, err)
		}
	}
	if len(t.ssh) == 0 && len(t.pgp) == 0 {
		return nil, fmt.Errorf("history: %s: expected allowed_signers or *.asc keys, found none", dir)
	}
	b, err = os.ReadFile(filepath.Join(dir, "signers"))
	switch {
	case err == nil:
		if t.people, err = parseSigners(b); err != nil {
			return nil, fmt.Errorf("history: %s: %w", filepath.Join(dir, "signers"), err)
		}
	case !errors.Is(err, os.ErrNotExist):
		return nil, fmt.Errorf("history: %w", err)
	}
	return t, nil
}

// parseSigners reads the signers file (see Trust).
func parseSigners(b []byte) (map[string]person, error) {
	out := map[string]person{}
	for n, line := range strings.Split(string(b), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		var fields []string
		for rest := line; rest != ""; {
			var f string
			f, rest = cutField(rest)
			fields = append(fields, strings.Trim(f, `"`))
		}
		if len(fields) < 2 {
			return nil, fmt.Errorf("line %d: expected a principal or e-mail, a name and e-mails, found %q", n+1, line)
		}
		key := strings.ToLower(fields[0])
		if _, dup := out[key]; dup {
			return nil, fmt.Errorf("line %d: expected each principal once, found %q again", n+1, fields[0])
		}
		p := person{name: fields[1]}
		for _, e := range fields[2:] {
			if !strings.Contains(e, "@") {
				return nil, fmt.Errorf("line %d: expected e-mails after the name, found %q", n+1, e)
			}
			p.emails = append(p.emails, strings.ToLower(e))
		}
		out[key] = p
	}
	return out, nil
}

// name names the signer whose principals or e-mails are ids and whose
// names the key itself gives are names: by the signers file when it has
// one of ids, else by the first of names, else by the first id. It says
// whether the signer is the author of c: the author's e-mail is one of
// theirs, or the author's name is theirs.
func (t *Trust) name(ids, names []string, c *changelog.Commit) (string, bool) {
	emails := map[string]bool{}
	for _, id := range ids {
		emails[strings.ToLower(id)] = true
	}
	for _, id := range ids {
		if p, ok := t.people[strings.ToLower(id)]; ok {
			names = append([]string{p.name}, names...)
			for _, e := range p.emails {
				emails[e] = true
			}
			break
		}
	}
	by := emails[strings.ToLower(c.Author.Email)] || slices.Contains(names, c.Author.Name)
	switch {
	case len(names) > 0:
		return names[0], by
	case len(ids) > 0:
		return ids[0], by
	}
	return "", by
}

// Names returns the names the signers file gives the e-mails people commit
// as, by e-mail in lower case: each line's principal when it is an e-mail,
// and the e-mails after the name.
func (t *Trust) Names() map[string]string {
	names := map[string]string{}
	for id, p := range t.people {
		if strings.Contains(id, "@") {
			names[id] = p.name
		}
		for _, e := range p.emails {
			names[e] = p.name
		}
	}
	return names
}

// AddOpenPGP adds armored OpenPGP public keys; one file may hold several
// armored blocks.
func (t *Trust) AddOpenPGP(armored []byte) error {
	const begin = "-----BEGIN PGP PUBLIC KEY BLOCK-----"
	blocks := strings.Split(string(armored), begin)
	if len(blocks) < 2 {
		return fmt.Errorf("expected an armored OpenPGP public key (%s), found none", begin)
	}
	for _, b := range blocks[1:] {
		es, err := openpgp.ReadArmoredKeyRing(strings.NewReader(begin + b))
		if err != nil {
			return err
		}
		t.pgp = append(t.pgp, es...)
	}
	return nil
}

func inside(dir, repoDir string) bool {
	abs := func(p string) string {
		a, err := filepath.Abs(p)
		if err != nil {
			return p
		}
		if r, err := filepath.EvalSymlinks(a); err == nil {
			return r
		}
		return a
	}
	rel, err := filepath.Rel(abs(repoDir), abs(dir))
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// parseAllowedSigners reads OpenSSH's allowed-signers format (ssh-keygen(1),
// ALLOWED SIGNERS): principals, options, key type, key, comment.
func parseAllowedSigners(b []byte) ([]allowedSigner, error) {
	var out []allowedSigner
	for n, line := range strings.Split(string(b), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fail := func(format string, v ...any) error {
			return fmt.Errorf("line %d: %s", n+1, fmt.Sprintf(format, v...))
		}
		principals, rest := cutField(line)
		pub, _, opts, _, err := ssh.ParseAuthorizedKey([]byte(rest))
		if err != nil {
			return nil, fail("expected [options] key-type key, found %q: %v", rest, err)
		}
		s := allowedSigner{key: pub}
		for _, p := range strings.Split(strings.Trim(principals, `"`), ",") {
			if p = strings.TrimSpace(p); p != "" {
				s.principals = append(s.principals, p)
			}
		}
		if len(s.principals) == 0 {
			return nil, fail("expected principals, found none")
		}
		for _, o := range opts {
			name, value, _ := strings.Cut(o, "=")
			value = strings.Trim(value, `"`)
			switch strings.ToLower(name) {
			case "namespaces":
				s.namespaces = strings.Split(value, ",")
			case "valid-after":
				if s.validAfter, err = parseSSHTime(value); err != nil {
					return nil, fail("%v", err)
				}
			case "valid-before":
				if s.validBefore, err = parseSSHTime(value); err != nil {
					return nil, fail("%v", err)
				}
			case "cert-authority":
				return nil, fail("expected a signer's own key, found cert-authority (certificates are not supported)")
			default:
				return nil, fail("expected namespaces, valid-after or valid-before, found option %q", name)
			}
		}
		out = append(out, s)
	}
	return out, nil
}

// cutField splits off the first field, which may be quoted.
func cutField(s string) (field, rest string) {
	if strings.HasPrefix(s, `"`) {
		if i := strings.Index(s[1:], `"`); i >= 0 {
			return s[:i+2], strings.TrimSpace(s[i+2:])
		}
	}
	f, r, _ := strings.Cut(s, " ")
	return f, strings.TrimSpace(r)
}

// parseSSHTime reads YYYYMMDD[HHMM[SS]][Z], in Asia/Shanghai unless Z.
func parseSSHTime(s string) (time.Time, error) {
	loc := record.Shanghai()
	if v, ok := strings.CutSuffix(s, "Z"); ok {
		s, loc = v, time.UTC
	}
	for _, layout := range []string{"20060102", "200601021504", "20060102150405"} {
		if len(s) == len(layout) {
			if t, err := time.ParseInLocation(layout, s, loc); err == nil {
				return t, nil
			}
		}
	}
	return time.Time{}, fmt.Errorf("expected a time YYYYMMDD[HHMM[SS]][Z], found %q", s)
}
