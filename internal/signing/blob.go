package signing

import (
	"bytes"
	"context"
	"crypto"
	"crypto/subtle"
	"errors"
	"fmt"
	"io"
	"strings"
)

// MaxBlobInMemory caps the blob an Ed25519 key signs or verifies: pure
// Ed25519 signs the message itself, so the blob is held in memory. ECDSA
// and RSA keys stream blobs of any size.
const MaxBlobInMemory = 1 << 30

// BlobDigest is the digest of a blob in the algorithm its signature uses.
type BlobDigest struct {
	Hash   crypto.Hash
	Digest []byte
	// Message is the blob itself, kept only when the key signs messages
	// rather than digests (Ed25519).
	Message []byte
}

// DigestBlob reads r to its end and digests it as pub's algorithm
// needs.
func DigestBlob(r io.Reader, pub crypto.PublicKey) (*BlobDigest, error) {
	s, err := schemeOf(pub)
	if err != nil {
		return nil, err
	}
	return digestBlob(r, s.hash, s.pure)
}

func digestBlob(r io.Reader, h crypto.Hash, keep bool) (*BlobDigest, error) {
	d := h.New()
	if !keep {
		if _, err := io.Copy(d, r); err != nil {
			return nil, fmt.Errorf("read blob: %w", err)
		}
		return &BlobDigest{Hash: h, Digest: d.Sum(nil)}, nil
	}
	var buf bytes.Buffer
	n, err := io.Copy(io.MultiWriter(d, &buf), io.LimitReader(r, MaxBlobInMemory+1))
	if err != nil {
		return nil, fmt.Errorf("read blob: %w", err)
	}
	if n > MaxBlobInMemory {
		return nil, fmt.Errorf("blob larger than %d bytes: an Ed25519 key signs the whole message in memory; use an ECDSA key", MaxBlobInMemory)
	}
	return &BlobDigest{Hash: h, Digest: d.Sum(nil), Message: buf.Bytes()}, nil
}

// SignBlob signs the content r yields and returns a v0.3 bundle holding a
// message signature and the content's digest.
func SignBlob(ctx context.Context, s Signer, r io.Reader) (*Bundle, error) {
	pub := s.PublicKey()
	sch, err := schemeOf(pub)
	if err != nil {
		return nil, err
	}
	ds, canDigest := s.(DigestSigner)
	bd, err := digestBlob(r, sch.hash, sch.pure || !canDigest)
	if err != nil {
		return nil, err
	}
	var sig []byte
	if sch.pure || !canDigest {
		sig, err = s.SignMessage(ctx, bd.Message)
	} else {
		sig, err = ds.SignDigest(ctx, bd.Hash, bd.Digest)
	}
	if err != nil {
		return nil, err
	}
	b := newBundle(pub)
	b.MessageSignature = &MessageSignature{
		MessageDigest: &HashOutput{Algorithm: HashName(bd.Hash), Digest: bd.Digest},
		Signature:     sig,
	}
	return b, nil
}

// ErrWrongArtifact is the outcome of a signature over some other content
// than the artifact being verified.
var ErrWrongArtifact = errors.New("the signature is for other content (the artifact's digest differs)")

// VerifyBlob checks that b holds v's signature over the content r yields.
// A DSSE bundle is refused: it signs a statement, not the blob (see
// package attest).
func VerifyBlob(ctx context.Context, v Verifier, r io.Reader, b *Bundle) error {
	ms := b.MessageSignature
	if ms == nil {
		if b.DSSEEnvelope != nil {
			return errors.New("the bundle holds an attestation (DSSE envelope), not a signature over the artifact; use verify-attestation")
		}
		return errors.New("the bundle holds no message signature")
	}
	sch, err := schemeOf(v.PublicKey())
	if err != nil {
		return err
	}
	h := sch.hash
	if ms.MessageDigest != nil {
		if h, err = ParseHashName(ms.MessageDigest.Algorithm); err != nil {
			return err
		}
	}
	bd, err := digestBlob(r, h, sch.pure)
	if err != nil {
		return err
	}
	if ms.MessageDigest != nil && subtle.ConstantTimeCompare(bd.Digest, ms.MessageDigest.Digest) != 1 {
		return ErrWrongArtifact
	}
	return verifyDigest(v, sch, bd, ms.Signature)
}

// verifyDigest checks sig over a digested blob, with the digest when the
// verifier can and with the message otherwise.
func verifyDigest(v Verifier, sch scheme, bd *BlobDigest, sig []byte) error {
	if bd.Message != nil {
		return v.VerifyMessage(bd.Message, sig)
	}
	dv, ok := v.(DigestVerifier)
	if !ok || bd.Hash != sch.hash {
		return fmt.Errorf("%w: the key's algorithm (%s) does not sign %s digests", ErrBadSignature, sch.name, HashName(bd.Hash))
	}
	return dv.VerifyDigest(bd.Hash, bd.Digest, sig)
}

// VerifyBlobSignature checks a legacy detached signature (cosign
// sign-blob --output-signature): the signature bytes, base64-encoded or
// raw.
func VerifyBlobSignature(ctx context.Context, v Verifier, r io.Reader, signature []byte) error {
	sig := ParseSignatureFile(signature)
	sch, err := schemeOf(v.PublicKey())
	if err != nil {
		return err
	}
	bd, err := digestBlob(r, sch.hash, sch.pure)
	if err != nil {
		return err
	}
	return verifyDigest(v, sch, bd, sig)
}

// ParseSignatureFile decodes a detached signature file: base64 text (what
// cosign and vouch write), else the raw signature bytes.
func ParseSignatureFile(b []byte) []byte {
	s := strings.TrimSpace(string(b))
	if dec, err := DecodeBase64(s); err == nil && len(dec) > 0 {
		return dec
	}
	return b
}
