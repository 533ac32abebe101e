package history

import (
	"bytes"
	"errors"
	"fmt"
	"maps"
	"path"
	"slices"
	"strings"
	"time"

	"github.com/ProtonMail/go-crypto/openpgp"
	"github.com/ProtonMail/go-crypto/openpgp/armor"
	pgperrors "github.com/ProtonMail/go-crypto/openpgp/errors"
	"github.com/ProtonMail/go-crypto/openpgp/packet"
	"github.com/hiddeco/sshsig"
	"golang.org/x/crypto/ssh"

	"gongshi/generator/internal/changelog"
)

// Verify checks the signature of every commit of the index against the
// trust root and records the result in Commit.Signature.
func (ix *Index) Verify(t *Trust) {
	for _, c := range ix.Commits {
		c.Signature = t.Check(c)
	}
}

// Check verifies one commit's signature. The key must have been valid at
// the commit's own date and at the earliest time the commit can have been
// made (NotBefore, see CheckDates), and for OpenPGP at the signature's own
// date when that is later (the key was used then): a key withdrawn or
// expired before a commit could exist cannot verify it by dating it back.
// The signer is who the trust root says holds the key, and whether they
// are the commit's author (see Trust).
func (t *Trust) Check(c *changelog.Commit) changelog.Signature {
	if c.Armor == "" {
		return changelog.Signature{Status: changelog.Unsigned}
	}
	var s changelog.Signature
	switch {
	case strings.HasPrefix(c.Armor, "-----BEGIN PGP SIGNATURE-----"):
		s = t.checkPGP(c)
	case strings.HasPrefix(c.Armor, "-----BEGIN SSH SIGNATURE-----"):
		s = t.checkSSH(c)
	default:
		return changelog.Signature{Status: changelog.UnknownKey, Format: "x509", Reason: "only OpenPGP and SSH signatures are checked"}
	}
	return s
}

// notBefore is the earliest time c can have been made.
func notBefore(c *changelog.Commit) time.Time {
	if c.NotBefore.After(c.Committer.When) {
		return c.NotBefore
	}
	return c.Committer.When
}

func (t *Trust) checkPGP(c *changelog.Commit) changelog.Signature {
	out := changelog.Signature{Format: "openpgp", Status: changelog.BadSignature}
	if strings.Count(c.Armor, "-----BEGIN PGP SIGNATURE-----") > 1 {
		out.Reason = "more than one signature"
		return out
	}
	block, err := armor.Decode(strings.NewReader(c.Armor))
	if err != nil {
		out.Reason = err.Error()
		return out
	}
	body, err := readAll(block.Body)
	if err != nil {
		out.Reason = err.Error()
		return out
	}
	p, err := packet.Read(bytes.NewReader(body))
	sig, ok := p.(*packet.Signature)
	if err != nil || !ok {
		out.Reason = fmt.Sprintf("expected a signature packet, found %T %v", p, err)
		return out
	}
	if sig.IssuerFingerprint != nil {
		out.Key = fmt.Sprintf("%X", sig.IssuerFingerprint)
	} else if sig.IssuerKeyId != nil {
		out.Key = fmt.Sprintf("%016X", *sig.IssuerKeyId)
	}
	// The key must be valid when the commit says it was made, when it can
	// first have been made, and when the signature says it was made: a
	// retired key cannot sign a backdated commit, nor a new key an old one.
	at := notBefore(c)
	if sig.CreationTime.After(at) {
		at = sig.CreationTime
	}
	cfg := &packet.Config{Time: func() time.Time { return at }}
	_, signer, err := openpgp.VerifyDetachedSignature(t.pgp, bytes.NewReader(c.Payload), bytes.NewReader(body), cfg)
	if signer != nil {
		out.Key = fmt.Sprintf("%X", signer.PrimaryKey.Fingerprint)
		out.Signer = primaryIdentity(signer)
		var emails, names []string
		if _, id := signer.PrimarySelfSignature(); id != nil && id.UserId != nil {
			names = append(names, id.UserId.Name)
		}
		for _, k := range slices.Sorted(maps.Keys(signer.Identities)) {
			if u := signer.Identities[k].UserId; u != nil {
				emails = append(emails, u.Email)
				if u.Name != "" && !slices.Contains(names, u.Name) {
					names = append(names, u.Name)
				}
			}
		}
		out.Name, out.ByAuthor = t.name(emails, names, c)
		if err == nil && !keyValidAt(signer, sig, c.Committer.When) {
			err = fmt.Errorf("%w at the commit's date", pgperrors.ErrKeyExpired)
			at = c.Committer.When
		}
	}
	switch {
	case err == nil:
		out.Status = changelog.Verified
	case errors.Is(err, pgperrors.ErrUnknownIssuer):
		out.Status, out.Reason = changelog.UnknownKey, "no key of the trust root made it"
	case errors.Is(err, pgperrors.ErrKeyRevoked), errors.Is(err, pgperrors.ErrKeyExpired), errors.Is(err, pgperrors.ErrSignatureExpired):
		out.Status, out.Reason = changelog.KeyNotValid, fmt.Sprintf("%v at %s", err, at.Format(time.RFC3339))
	default:
		out.Reason = err.Error()
	}
	return out
}

// keyValidAt reports whether the key that made sig existed and was neither
// expired nor revoked at t.
func keyValidAt(e *openpgp.Entity, sig *packet.Signature, t time.Time) bool {
	self, _ := e.PrimarySelfSignature()
	if e.Revoked(t) || self == nil || e.PrimaryKey.KeyExpired(self, t) {
		return false
	}
	if sig.IssuerKeyId == nil || *sig.IssuerKeyId == e.PrimaryKey.KeyId {
		return true
	}
	for _, sub := range e.Subkeys {
		if sub.PublicKey.KeyId == *sig.IssuerKeyId {
			return !sub.Revoked(t) && !sub.PublicKey.KeyExpired(sub.Sig, t)
		}
	}
	return false
}

func primaryIdentity(e *openpgp.Entity) string {
	if _, id := e.PrimarySelfSignature(); id != nil {
		return id.Name
	}
	for _, id := range e.Identities {
		return id.Name
	}
	return ""
}

func (t *Trust) checkSSH(c *changelog.Commit) changelog.Signature {
	out := changelog.Signature{Format: "ssh", Status: changelog.BadSignature}
	sig, err := sshsig.Unarmor([]byte(c.Armor))
	if err != nil {
		out.Reason = err.Error()
		return out
	}
	out.Key = ssh.FingerprintSHA256(sig.PublicKey)
	if sig.Namespace != "git" {
		out.Reason = fmt.Sprintf("expected namespace \"git\", found %q", sig.Namespace)
		return out
	}
	if err := sshsig.Verify(bytes.NewReader(c.Payload), sig, sig.PublicKey, sig.HashAlgorithm, "git"); err != nil {
		out.Reason = err.Error()
		return out
	}
	// Valid from the commit's own date to the earliest time it can have
	// been made.
	from, at := c.Committer.When, notBefore(c)
	known := false
	for _, s := range t.ssh {
		if !bytes.Equal(s.key.Marshal(), sig.PublicKey.Marshal()) || !allows(s.namespaces, "git") {
			continue
		}
		known = true
		if (!s.validAfter.IsZero() && from.Before(s.validAfter)) || (!s.validBefore.IsZero() && at.After(s.validBefore)) {
			continue
		}
		out.Status, out.Signer = changelog.Verified, strings.Join(s.principals, ",")
		out.Name, out.ByAuthor = t.name(s.principals, nil, c)
		return out
	}
	if known {
		out.Status, out.Reason = changelog.KeyNotValid, "outside the key's valid-after/valid-before at "+at.Format(time.RFC3339)
	} else {
		out.Status, out.Reason = changelog.UnknownKey, "the key is not in allowed_signers"
	}
	return out
}

// allows reports whether a namespaces option (empty: any) lets the key
// sign in ns; patterns may use * and ?.
func allows(namespaces []string, ns string) bool {
	if len(namespaces) == 0 {
		return true
	}
	for _, p := range namespaces {
		if ok, _ := pathMatch(strings.TrimSpace(p), ns); ok {
			return true
		}
	}
	return false
}

// RequireSigned returns every commit after since (reachable from the head
// but not from since; every commit when since is "") whose signature is
// not verified, or whose date is doubtful (CheckDates), newest first.
// Verify must have run.
func (ix *Index) RequireSigned(since string) ([]*changelog.Commit, error) {
	before := map[string]bool{}
	if since != "" {
		start := ix.Commit(since)
		if start == nil {
			return nil, fmt.Errorf("history: the start commit %s of required signatures is not in the history of %s", since, ix.Head)
		}
		stack := []string{start.Hash}
		for len(stack) > 0 {
			h := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if before[h] {
				continue
			}
			before[h] = true
			if c := ix.Commit(h); c != nil {
				stack = append(stack, c.Parents...)
			}
		}
	}
	var out []*changelog.Commit
	for _, c := range ix.Commits {
		if !before[c.Hash] && (c.Signature.Status != changelog.Verified || c.Doubt != nil) {
			out = append(out, c)
		}
	}
	return out, nil
}

func readAll(r interface{ Read([]byte) (int, error) }) ([]byte, error) {
	var b bytes.Buffer
	_, err := b.ReadFrom(r)
	return b.Bytes(), err
}

// pathMatch is path.Match: the namespace patterns of allowed_signers use
// the same * and ? wildcards.
var pathMatch = path.Match
