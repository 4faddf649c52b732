package signing

import (
	"context"
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/rsa"
	"errors"
	"fmt"
)

// Signer signs with a private key it may never show: a key file in
// memory today, a remote signer (Vault transit, a cloud KMS) tomorrow.
// Callers see only this interface.
type Signer interface {
	// PublicKey returns the key that verifies this signer's signatures.
	PublicKey() crypto.PublicKey
	// SignMessage signs message the way the key's algorithm does: ECDSA
	// and RSA sign its digest (SHA-256 for P-256 and RSA, SHA-384 for
	// P-384, SHA-512 for P-521), Ed25519 the message itself.
	SignMessage(ctx context.Context, message []byte) ([]byte, error)
}

// DigestSigner is a Signer that can sign a digest computed elsewhere, so
// that a large file is hashed as it streams instead of held in memory.
// ECDSA and RSA signers are DigestSigners; Ed25519 signers are not.
type DigestSigner interface {
	Signer
	SignDigest(ctx context.Context, hash crypto.Hash, digest []byte) ([]byte, error)
}

// Verifier checks signatures made by one public key.
type Verifier interface {
	PublicKey() crypto.PublicKey
	// VerifyMessage returns nil when sig is a signature over message,
	// and an error wrapping ErrBadSignature when it is not.
	VerifyMessage(message, sig []byte) error
}

// DigestVerifier is a Verifier that can check a signature against a
// digest computed elsewhere.
type DigestVerifier interface {
	Verifier
	VerifyDigest(hash crypto.Hash, digest, sig []byte) error
}

// ErrBadSignature is the outcome of a signature that does not verify.
var ErrBadSignature = errors.New("signature does not verify")

// HashFor returns the hash a key's algorithm digests messages with, which
// is also the digest a Sigstore bundle records for a blob.
func HashFor(pub crypto.PublicKey) (crypto.Hash, error) {
	s, err := schemeOf(pub)
	if err != nil {
		return 0, err
	}
	return s.hash, nil
}

// NewSigner returns a Signer for a private key held in memory.
func NewSigner(priv crypto.Signer) (Signer, error) {
	s, err := schemeOf(priv.Public())
	if err != nil {
		return nil, err
	}
	if s.pure {
		return &ed25519Signer{key: priv, pub: priv.Public()}, nil
	}
	return &keySigner{key: priv, pub: priv.Public(), hash: s.hash}, nil
}

// NewVerifier returns a Verifier for a public key.
func NewVerifier(pub crypto.PublicKey) (Verifier, error) {
	s, err := schemeOf(pub)
	if err != nil {
		return nil, err
	}
	switch k := pub.(type) {
	case *ecdsa.PublicKey:
		return &ecdsaVerifier{key: k, hash: s.hash}, nil
	case *rsa.PublicKey:
		return &rsaVerifier{key: k, hash: s.hash}, nil
	case ed25519.PublicKey:
		return ed25519Verifier(k), nil
	}
	return nil, fmt.Errorf("unsupported public key type %T", pub)
}

// keySigner signs digests with an ECDSA or RSA key.
type keySigner struct {
	key  crypto.Signer
	pub  crypto.PublicKey
	hash crypto.Hash
}

func (s *keySigner) PublicKey() crypto.PublicKey { return s.pub }

func (s *keySigner) SignMessage(ctx context.Context, message []byte) ([]byte, error) {
	h := s.hash.New()
	h.Write(message)
	return s.SignDigest(ctx, s.hash, h.Sum(nil))
}

func (s *keySigner) SignDigest(_ context.Context, hash crypto.Hash, digest []byte) ([]byte, error) {
	if hash != s.hash {
		return nil, fmt.Errorf("this key signs %s digests, not %s", s.hash, hash)
	}
	if len(digest) != hash.Size() {
		return nil, fmt.Errorf("digest of %d bytes, want %d for %s", len(digest), hash.Size(), hash)
	}
	sig, err := s.key.Sign(rand.Reader, digest, hash)
	if err != nil {
		return nil, fmt.Errorf("sign: %w", err)
	}
	return sig, nil
}

// ed25519Signer signs messages with pure Ed25519, as cosign does for
// signatures it does not upload to a transparency log.
type ed25519Signer struct {
	key crypto.Signer
	pub crypto.PublicKey
}

func (s *ed25519Signer) PublicKey() crypto.PublicKey { return s.pub }

func (s *ed25519Signer) SignMessage(_ context.Context, message []byte) ([]byte, error) {
	sig, err := s.key.Sign(rand.Reader, message, crypto.Hash(0))
	if err != nil {
		return nil, fmt.Errorf("sign: %w", err)
	}
	return sig, nil
}

type ecdsaVerifier struct {
	key  *ecdsa.PublicKey
	hash crypto.Hash
}

func (v *ecdsaVerifier) PublicKey() crypto.PublicKey { return v.key }

func (v *ecdsaVerifier) VerifyMessage(message, sig []byte) error {
	h := v.hash.New()
	h.Write(message)
	return v.VerifyDigest(v.hash, h.Sum(nil), sig)
}

func (v *ecdsaVerifier) VerifyDigest(hash crypto.Hash, digest, sig []byte) error {
	if hash != v.hash || len(digest) != hash.Size() {
		return fmt.Errorf("%w: a %s digest cannot be checked with this key", ErrBadSignature, hash)
	}
	if !ecdsa.VerifyASN1(v.key, digest, sig) {
		return ErrBadSignature
	}
	return nil
}

type rsaVerifier struct {
	key  *rsa.PublicKey
	hash crypto.Hash
}

func (v *rsaVerifier) PublicKey() crypto.PublicKey { return v.key }

func (v *rsaVerifier) VerifyMessage(message, sig []byte) error {
	h := v.hash.New()
	h.Write(message)
	return v.VerifyDigest(v.hash, h.Sum(nil), sig)
}

func (v *rsaVerifier) VerifyDigest(hash crypto.Hash, digest, sig []byte) error {
	if hash != v.hash || len(digest) != hash.Size() {
		return fmt.Errorf("%w: a %s digest cannot be checked with this key", ErrBadSignature, hash)
	}
	// cosign signs with PKCS #1 v1.5 by default and PSS on request.
	if rsa.VerifyPKCS1v15(v.key, hash, digest, sig) == nil {
		return nil
	}
	if rsa.VerifyPSS(v.key, hash, digest, sig, nil) == nil {
		return nil
	}
	return ErrBadSignature
}

// ed25519Verifier accepts pure Ed25519 signatures and Ed25519ph ones over
// the message's SHA-512 (what cosign makes when it uploads to a log).
type ed25519Verifier ed25519.PublicKey

func (v ed25519Verifier) PublicKey() crypto.PublicKey { return ed25519.PublicKey(v) }

func (v ed25519Verifier) VerifyMessage(message, sig []byte) error {
	if len(sig) != ed25519.SignatureSize {
		return ErrBadSignature
	}
	if ed25519.Verify(ed25519.PublicKey(v), message, sig) {
		return nil
	}
	d := crypto.SHA512.New()
	d.Write(message)
	return v.VerifyDigest(crypto.SHA512, d.Sum(nil), sig)
}

func (v ed25519Verifier) VerifyDigest(hash crypto.Hash, digest, sig []byte) error {
	if hash != crypto.SHA512 || len(digest) != crypto.SHA512.Size() || len(sig) != ed25519.SignatureSize {
		return ErrBadSignature
	}
	if ed25519.VerifyWithOptions(ed25519.PublicKey(v), digest, sig, &ed25519.Options{Hash: crypto.SHA512}) != nil {
		return ErrBadSignature
	}
	return nil
}
