package attest

import (
	"context"
	"errors"
	"fmt"

	"github.com/vouch-dev/vouch/internal/signing"
	"github.com/vouch-dev/vouch/internal/vouch"
)

// Sign signs a statement: a DSSE envelope of payload type
// application/vnd.in-toto+json, in a Sigstore bundle v0.3 that names the
// signer's key.
func Sign(ctx context.Context, s signing.Signer, st *Statement) (*signing.Bundle, error) {
	if err := st.validate(); err != nil {
		return nil, err
	}
	if err := checkOwn(st.PredicateType, st.Predicate); err != nil {
		return nil, err
	}
	payload, err := st.Marshal()
	if err != nil {
		return nil, err
	}
	env, err := SignEnvelope(ctx, s, PayloadType, payload)
	if err != nil {
		return nil, err
	}
	return signing.NewDSSEBundle(env, s.PublicKey()), nil
}

// SignStatement turns any result into signed evidence about an artifact:
// an in-toto Statement v1 whose one subject is (subjectName,
// subjectDigest) and whose predicate is predicate (encoded as JSON unless
// it is json.RawMessage or []byte), signed by s as a DSSE envelope and
// returned as the JSON of a Sigstore bundle v0.3. Predicates of vouch's
// own types are checked against their schemas first.
func SignStatement(ctx context.Context, s signing.Signer, subjectName string, subjectDigest vouch.Digest, predicateType string, predicate any) ([]byte, error) {
	if predicateType == "" {
		return nil, errors.New("sign statement: no predicate type")
	}
	st, err := NewStatement(subjectName, subjectDigest, predicateType, predicate)
	if err != nil {
		return nil, fmt.Errorf("sign statement: %w", err)
	}
	b, err := Sign(ctx, s, st)
	if err != nil {
		return nil, fmt.Errorf("sign statement: %w", err)
	}
	return b.Marshal()
}
