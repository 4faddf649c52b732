package attest

import (
	"context"
	"crypto/sha512"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/secure-systems-lab/go-securesystemslib/dsse"

	"github.com/vouch-dev/vouch/internal/signing"
	"github.com/vouch-dev/vouch/internal/vouch"
)

// Verified is an attestation whose signature checked out against a
// trusted key.
type Verified struct {
	Statement *Statement
	Key       signing.Verifier
	// Source says where it was found: a file name, "registry:.att",
	// "registry:referrer".
	Source string
}

// Outcomes a caller acts on.
var (
	ErrWrongSubject       = errors.New("the attestation is about another artifact (no subject has its digest)")
	ErrWrongPredicateType = errors.New("the attestation has another predicate type")
	ErrNotInToto          = errors.New("the envelope's payload type is not application/vnd.in-toto+json")
)

// VerifyBundle checks that a DSSE bundle was signed by one of keys and
// holds an in-toto statement, and returns it. Predicates of vouch's own
// types must match their schemas. It does not look at the subject: see
// VerifyAttestation.
func VerifyBundle(b *signing.Bundle, keys []signing.Verifier) (*Verified, error) {
	if b.DSSEEnvelope == nil {
		return nil, errors.New("the bundle holds a signature over an artifact, not an attestation (DSSE envelope)")
	}
	return verifyEnvelope(b.DSSEEnvelope, keys)
}

func verifyEnvelope(env *dsse.Envelope, keys []signing.Verifier) (*Verified, error) {
	payload, key, err := VerifyEnvelope(env, keys)
	if err != nil {
		return nil, err
	}
	if env.PayloadType != PayloadType {
		return nil, fmt.Errorf("%w (it is %q)", ErrNotInToto, env.PayloadType)
	}
	st, err := ParseStatement(payload)
	if err != nil {
		return nil, err
	}
	if err := checkOwn(st.PredicateType, st.Predicate); err != nil {
		return nil, err
	}
	return &Verified{Statement: st, Key: key}, nil
}

// VerifyAttestation is VerifyBundle, then a check that the statement is
// about subject and, when predicateType is not empty, of that type.
func VerifyAttestation(b *signing.Bundle, keys []signing.Verifier, subject vouch.Digest, predicateType string) (*Verified, error) {
	v, err := VerifyBundle(b, keys)
	if err != nil {
		return nil, err
	}
	return v, v.check(subject, predicateType)
}

func (v *Verified) check(subject vouch.Digest, predicateType string) error {
	if !v.Statement.HasSubject(subject) {
		return ErrWrongSubject
	}
	if predicateType != "" && v.Statement.PredicateType != predicateType {
		return fmt.Errorf("%w: %s, want %s", ErrWrongPredicateType, v.Statement.PredicateType, predicateType)
	}
	return nil
}

// Evidence is what verification found about one artifact: the
// signatures over it and the attestations about it that trusted keys
// made, and everything that was rejected, with why.
type Evidence struct {
	Subject      vouch.Digest
	Signatures   []Signature
	Attestations []*Verified
	Rejected     []Rejection
}

// Signature is a verified signature over the artifact itself.
type Signature struct {
	Key    signing.Verifier
	Source string
}

// Rejection is a piece of evidence that did not verify.
type Rejection struct {
	Source string
	Err    error
}

func (e *Evidence) reject(source string, err error) {
	e.Rejected = append(e.Rejected, Rejection{Source: source, Err: err})
}

// Item is one piece of evidence about a file: a bundle, or a legacy
// detached signature.
type Item struct {
	Source    string          // a name for messages: the file it came from
	Bundle    *signing.Bundle // a message-signature or DSSE bundle
	Signature []byte          // a detached signature (base64 or raw)
}

// VerifyFile verifies items about the file at path against keys. A
// message signature or detached signature must be over the file's
// content; an attestation must name the file's SHA-256 (or SHA-512) as a
// subject. Items that fail are listed in Rejected, never dropped
// silently.
func VerifyFile(ctx context.Context, path string, items []Item, keys []signing.Verifier) (*Evidence, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	d, err := vouch.SHA256(f)
	f.Close()
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	ev := &Evidence{Subject: d}
	for _, it := range items {
		switch {
		case it.Signature != nil:
			key, err := verifyBlobWith(ctx, path, keys, func(v signing.Verifier, f *os.File) error {
				return signing.VerifyBlobSignature(ctx, v, f, it.Signature)
			})
			if err != nil {
				ev.reject(it.Source, err)
				continue
			}
			ev.Signatures = append(ev.Signatures, Signature{Key: key, Source: it.Source})
		case it.Bundle != nil && it.Bundle.MessageSignature != nil:
			key, err := verifyBlobWith(ctx, path, keys, func(v signing.Verifier, f *os.File) error {
				return signing.VerifyBlob(ctx, v, f, it.Bundle)
			})
			if err != nil {
				ev.reject(it.Source, err)
				continue
			}
			ev.Signatures = append(ev.Signatures, Signature{Key: key, Source: it.Source})
		case it.Bundle != nil:
			v, err := VerifyBundle(it.Bundle, keys)
			if err == nil && !v.Statement.HasSubject(d) {
				err = ErrWrongSubject
				if sha512, e := fileSHA512(path); e == nil && v.Statement.HasSubject(sha512) {
					err = nil
				}
			}
			if err != nil {
				ev.reject(it.Source, err)
				continue
			}
			v.Source = it.Source
			ev.Attestations = append(ev.Attestations, v)
		default:
			ev.reject(it.Source, errors.New("nothing to verify"))
		}
	}
	return ev, nil
}

// verifyBlobWith tries each key on a fresh reading of the file and
// returns the first that verifies. When none does, the error is the most
// telling one: a digest mismatch says more than "does not verify".
func verifyBlobWith(ctx context.Context, path string, keys []signing.Verifier, check func(signing.Verifier, *os.File) error) (signing.Verifier, error) {
	if len(keys) == 0 {
		return nil, errors.New("no trusted key")
	}
	var firstErr error
	for _, k := range keys {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		f, err := os.Open(path)
		if err != nil {
			return nil, err
		}
		err = check(k, f)
		f.Close()
		if err == nil {
			return k, nil
		}
		if firstErr == nil || errors.Is(err, signing.ErrWrongArtifact) {
			firstErr = err
		}
	}
	return nil, firstErr
}

func fileSHA512(path string) (vouch.Digest, error) {
	f, err := os.Open(path)
	if err != nil {
		return vouch.Digest{}, err
	}
	defer f.Close()
	h := sha512.New()
	if _, err := io.Copy(h, f); err != nil {
		return vouch.Digest{}, err
	}
	return vouch.Digest{Algorithm: "sha512", Hex: hex.EncodeToString(h.Sum(nil))}, nil
}

// VerifyImage verifies everything attached to an image: the simple-signing
// layers of its ".sig" tag, the DSSE layers of its ".att" tag, and the
// Sigstore bundles among its referrers (cosign v3 signs an image with a
// statement of predicate type https://sigstore.dev/cosign/sign/v1, which
// counts as a signature).
func VerifyImage(att *signing.Attached, im *signing.ImageRef, keys []signing.Verifier) *Evidence {
	ev := &Evidence{Subject: im.Digest}
	for i, l := range att.Signatures {
		src := fmt.Sprintf("%s.sig layer %d", im.Digest.Hex[:12], i)
		if l.MediaType != signing.SimpleSigningMediaType {
			ev.reject(src, fmt.Errorf("unexpected media type %s", l.MediaType))
			continue
		}
		var ok signing.Verifier
		var lastErr error
		for _, k := range keys {
			if lastErr = signing.VerifyImageSignature(k, im, l); lastErr == nil {
				ok = k
				break
			}
		}
		if ok == nil {
			if lastErr == nil {
				lastErr = errors.New("no trusted key")
			}
			ev.reject(src, lastErr)
			continue
		}
		ev.Signatures = append(ev.Signatures, Signature{Key: ok, Source: src})
	}
	for i, l := range att.Attestations {
		src := fmt.Sprintf("%s.att layer %d", im.Digest.Hex[:12], i)
		env, err := ParseEnvelope(l.Content)
		if err != nil {
			ev.reject(src, err)
			continue
		}
		v, err := verifyEnvelope(env, keys)
		if err == nil {
			err = v.check(im.Digest, "")
		}
		if err != nil {
			ev.reject(src, err)
			continue
		}
		v.Source = src
		ev.Attestations = append(ev.Attestations, v)
	}
	for i, raw := range att.Bundles {
		src := fmt.Sprintf("referrer bundle %d", i)
		b, err := signing.ParseBundle(raw)
		if err != nil {
			ev.reject(src, err)
			continue
		}
		if b.MessageSignature != nil {
			ev.reject(src, errors.New("a message signature cannot sign an image; want a DSSE bundle"))
			continue
		}
		v, err := VerifyAttestation(b, keys, im.Digest, "")
		if err != nil {
			ev.reject(src, err)
			continue
		}
		v.Source = src
		if v.Statement.PredicateType == CosignSign {
			ev.Signatures = append(ev.Signatures, Signature{Key: v.Key, Source: src})
			continue
		}
		ev.Attestations = append(ev.Attestations, v)
	}
	for _, p := range att.Problems {
		ev.reject("referrer", p)
	}
	return ev
}

// ByType returns the verified attestations of one predicate type.
func (e *Evidence) ByType(predicateType string) []*Verified {
	var out []*Verified
	for _, v := range e.Attestations {
		if v.Statement.PredicateType == predicateType {
			out = append(out, v)
		}
	}
	return out
}
