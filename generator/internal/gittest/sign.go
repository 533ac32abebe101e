package gittest

import (
	"bytes"
	"crypto/ed25519"
	"crypto/sha256"
	"io"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/ProtonMail/go-crypto/openpgp"
	"github.com/ProtonMail/go-crypto/openpgp/armor"
	"github.com/ProtonMail/go-crypto/openpgp/packet"
	"github.com/hiddeco/sshsig"
	"golang.org/x/crypto/ssh"
)

// Signing keys for fixtures are derived from a seed string, so the same
// test makes the same keys and signatures on every run.

// PGPKey makes an OpenPGP (Ed25519) key for "Name <email>" created at
// created (RFC 3339) and valid for lifetime (0: no expiry). Its private
// half is included: Serialize writes only the public half.
func PGPKey(t testing.TB, seed, who, created string, lifetime time.Duration) *openpgp.Entity {
	t.Helper()
	name, email := splitWho(t, who)
	cfg := pgpConfig(t, seed, created)
	cfg.KeyLifetimeSecs = uint32(lifetime / time.Second)
	e, err := openpgp.NewEntity(name, "", email, cfg)
	if err != nil {
		t.Fatalf("gittest: pgp key: %v", err)
	}
	return e
}

// RevokePGPKey adds a revocation signature made at when (RFC 3339). A
// reason of packet.KeyCompromised revokes the key for all time; the others
// (superseded, retired) from when on.
func RevokePGPKey(t testing.TB, e *openpgp.Entity, reason packet.ReasonForRevocation, when string) {
	t.Helper()
	if err := e.RevokeKey(reason, "", pgpConfig(t, "revoke", when)); err != nil {
		t.Fatalf("gittest: revoke: %v", err)
	}
}

// ArmoredPublicKey is the public half of e with its revocations, armored.
func ArmoredPublicKey(t testing.TB, e *openpgp.Entity) string {
	t.Helper()
	var b bytes.Buffer
	w, err := armor.Encode(&b, openpgp.PublicKeyType, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := e.Serialize(w); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.String() + "\n"
}

func pgpConfig(t testing.TB, seed, when string) *packet.Config {
	t.Helper()
	tm, err := time.Parse(time.RFC3339, when)
	if err != nil {
		t.Fatalf("gittest: %q: %v", when, err)
	}
	return &packet.Config{
		Algorithm: packet.PubKeyAlgoEdDSA,
		Rand:      seeded(seed),
		Time:      func() time.Time { return tm },
	}
}

func seeded(seed string) io.Reader {
	return rand.NewChaCha8(sha256.Sum256([]byte(seed)))
}

// SSHKey makes an Ed25519 SSH key from a seed.
func SSHKey(t testing.TB, seed string) ssh.Signer {
	t.Helper()
	s := sha256.Sum256([]byte(seed))
	signer, err := ssh.NewSignerFromKey(ed25519.NewKeyFromSeed(s[:]))
	if err != nil {
		t.Fatal(err)
	}
	return signer
}

// AuthorizedKey is the public key in the one-line form allowed_signers
// and authorized_keys use, without a comment.
func AuthorizedKey(s ssh.Signer) string {
	return string(bytes.TrimSpace(ssh.MarshalAuthorizedKey(s.PublicKey())))
}

// SignPGP signs the next commits with e, as `git commit -S` with gpg does;
// the signature's time is the commit's time, not the clock's.
func (r *Repo) SignPGP(e *openpgp.Entity) { r.signPGP(e, time.Time{}) }

// SignPGPDated signs the next commits with e at the time when (RFC 3339),
// whatever the commits' dates: a commit backdated, or signed again later.
func (r *Repo) SignPGPDated(e *openpgp.Entity, when string) {
	r.t.Helper()
	tm, err := time.Parse(time.RFC3339, when)
	if err != nil {
		r.t.Fatalf("gittest: %q: %v", when, err)
	}
	r.signPGP(e, tm)
}

func (r *Repo) signPGP(e *openpgp.Entity, at time.Time) {
	r.signer = func(when time.Time) signerFunc {
		if !at.IsZero() {
			when = at
		}
		return func(m io.Reader) ([]byte, error) {
			var b bytes.Buffer
			deterministic := false // no random salt notation: the same commit on every run
			err := openpgp.ArmoredDetachSign(&b, e, m, &packet.Config{
				Time:                                  func() time.Time { return when },
				NonDeterministicSignaturesViaNotation: &deterministic,
			})
			return append(b.Bytes(), '\n'), err
		}
	}
}

// SignSSH signs the next commits with s, as git does with
// gpg.format=ssh: an SSH signature in the "git" namespace.
func (r *Repo) SignSSH(s ssh.Signer) {
	r.signer = func(time.Time) signerFunc {
		return func(m io.Reader) ([]byte, error) {
			sig, err := sshsig.Sign(m, s, sshsig.HashSHA512, "git")
			if err != nil {
				return nil, err
			}
			return sshsig.Armor(sig), nil
		}
	}
}

// Unsigned stops signing the next commits.
func (r *Repo) Unsigned() { r.signer = nil }

type signerFunc func(io.Reader) ([]byte, error)

func (f signerFunc) Sign(m io.Reader) ([]byte, error) { return f(m) }
