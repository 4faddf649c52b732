package attest

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/secure-systems-lab/go-securesystemslib/dsse"

	"github.com/vouch-dev/vouch/internal/signing"
)

// MaxEnvelopeSignatures caps the signatures of one envelope that are
// tried, so that a hostile envelope cannot make verification slow.
const MaxEnvelopeSignatures = 16

// SignEnvelope signs payload as a DSSE envelope: the signature is over
// the pre-authentication encoding of the payload type and the payload,
// so that neither can be swapped.
func SignEnvelope(ctx context.Context, s signing.Signer, payloadType string, payload []byte) (*dsse.Envelope, error) {
	sig, err := s.SignMessage(ctx, dsse.PAE(payloadType, payload))
	if err != nil {
		return nil, err
	}
	return &dsse.Envelope{
		PayloadType: payloadType,
		Payload:     base64.StdEncoding.EncodeToString(payload),
		Signatures:  []dsse.Signature{{Sig: base64.StdEncoding.EncodeToString(sig)}},
	}, nil
}

// ErrNoTrustedSignature is the outcome of an envelope that no trusted key
// signed.
var ErrNoTrustedSignature = errors.New("no signature by a trusted key")

// VerifyEnvelope checks that one of keys signed the envelope and returns
// the payload and the key that verified it. Signatures by other keys are
// ignored; one trusted signature suffices.
func VerifyEnvelope(env *dsse.Envelope, keys []signing.Verifier) ([]byte, signing.Verifier, error) {
	if env == nil {
		return nil, nil, errors.New("no DSSE envelope")
	}
	payload, err := signing.DecodeBase64(env.Payload)
	if err != nil {
		return nil, nil, fmt.Errorf("DSSE payload: %w", err)
	}
	if len(env.Signatures) == 0 {
		return nil, nil, errors.New("DSSE envelope has no signatures")
	}
	pae := dsse.PAE(env.PayloadType, payload)
	sigs := env.Signatures
	if len(sigs) > MaxEnvelopeSignatures {
		sigs = sigs[:MaxEnvelopeSignatures]
	}
	for _, s := range sigs {
		sig, err := signing.DecodeBase64(s.Sig)
		if err != nil || len(sig) == 0 {
			continue
		}
		for _, k := range keys {
			if k.VerifyMessage(pae, sig) == nil {
				return payload, k, nil
			}
		}
	}
	return nil, nil, ErrNoTrustedSignature
}

// ParseEnvelope reads a bare DSSE envelope (the layers of cosign's ".att"
// tag, cosign attest --no-upload output).
func ParseEnvelope(b []byte) (*dsse.Envelope, error) {
	if len(b) > signing.MaxBundleSize {
		return nil, fmt.Errorf("DSSE envelope larger than %d bytes", signing.MaxBundleSize)
	}
	var env dsse.Envelope
	if err := json.Unmarshal(b, &env); err != nil {
		return nil, fmt.Errorf("not a DSSE envelope: %s", shortJSONError(err))
	}
	if env.PayloadType == "" || env.Payload == "" {
		return nil, errors.New("not a DSSE envelope: no payloadType or payload")
	}
	return &env, nil
}
