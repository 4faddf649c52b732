package attest

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/vouch-dev/vouch/internal/signing"
)

// ImageResult says where a signature or attestation was stored.
type ImageResult struct {
	// Tag is the cosign tag written ("sha256-….sig" or ".att").
	Tag string
	// Referrer is true when an OCI 1.1 referrer was written too.
	Referrer bool
	// Bundle is the Sigstore bundle that was signed.
	Bundle *signing.Bundle
}

// SignImage signs an image by digest and stores the signature everywhere
// cosign looks: a simple-signing payload in the "sha256-<hex>.sig" tag
// (what cosign v2, and v3 without bundles, verify), and — where the
// registry serves the referrers API — a Sigstore bundle referrer holding
// a statement of predicate type https://sigstore.dev/cosign/sign/v1
// (cosign v3's own image signature).
func SignImage(ctx context.Context, reg *signing.Registry, s signing.Signer, im *signing.ImageRef) (*ImageResult, error) {
	payload, err := signing.SimpleSigningPayload(im, nil)
	if err != nil {
		return nil, err
	}
	sig, err := s.SignMessage(ctx, payload)
	if err != nil {
		return nil, err
	}
	if err := reg.AttachSignature(ctx, im, payload, sig); err != nil {
		return nil, err
	}
	res := &ImageResult{Tag: im.Digest.Algorithm + "-" + im.Digest.Hex + ".sig"}
	st, err := NewStatement(im.Repository, im.Digest, CosignSign, json.RawMessage("{}"))
	if err != nil {
		return nil, err
	}
	b, err := Sign(ctx, s, st)
	if err != nil {
		return nil, err
	}
	res.Bundle = b
	ok, err := reg.ReferrersSupported(ctx, im)
	if err != nil || !ok {
		return res, err
	}
	raw, err := b.Marshal()
	if err != nil {
		return nil, err
	}
	if err := reg.AttachBundle(ctx, im, raw, CosignSign); err != nil {
		return nil, err
	}
	res.Referrer = true
	return res, nil
}

// AttestImage signs a statement about an image and stores it where cosign
// looks: the DSSE envelope in the "sha256-<hex>.att" tag, and the bundle
// as a referrer where the registry serves the referrers API. The
// statement's subject must be the image's digest.
func AttestImage(ctx context.Context, reg *signing.Registry, s signing.Signer, im *signing.ImageRef, st *Statement) (*ImageResult, error) {
	if !st.HasSubject(im.Digest) {
		return nil, fmt.Errorf("attest %s: %w", im, ErrWrongSubject)
	}
	b, err := Sign(ctx, s, st)
	if err != nil {
		return nil, err
	}
	env, err := json.Marshal(b.DSSEEnvelope)
	if err != nil {
		return nil, err
	}
	if err := reg.AttachAttestation(ctx, im, env, st.PredicateType); err != nil {
		return nil, err
	}
	res := &ImageResult{Tag: im.Digest.Algorithm + "-" + im.Digest.Hex + ".att", Bundle: b}
	ok, err := reg.ReferrersSupported(ctx, im)
	if err != nil || !ok {
		return res, err
	}
	raw, err := b.Marshal()
	if err != nil {
		return nil, err
	}
	if err := reg.AttachBundle(ctx, im, raw, st.PredicateType); err != nil {
		return nil, err
	}
	res.Referrer = true
	return res, nil
}

// FetchImageEvidence reads everything attached to an image and verifies
// it against keys.
func FetchImageEvidence(ctx context.Context, reg *signing.Registry, im *signing.ImageRef, keys []signing.Verifier) (*Evidence, error) {
	att, err := reg.Fetch(ctx, im)
	if err != nil {
		return nil, err
	}
	return VerifyImage(att, im, keys), nil
}
