package signing

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/vouch-dev/vouch/internal/vouch"
)

// SimpleSigningType is the "type" of a cosign container image signature
// payload (the "simple signing" format of containers/image).
const SimpleSigningType = "cosign container image signature"

// SimpleSigning is the payload cosign signs for an image: which manifest
// digest, claimed under which name.
type SimpleSigning struct {
	Critical struct {
		Identity struct {
			DockerReference string `json:"docker-reference"`
		} `json:"identity"`
		Image struct {
			DockerManifestDigest string `json:"docker-manifest-digest"`
		} `json:"image"`
		Type string `json:"type"`
	} `json:"critical"`
	Optional map[string]any `json:"optional"`
}

// SimpleSigningPayload builds the payload that signs im, byte for byte
// as cosign writes it.
func SimpleSigningPayload(im *ImageRef, annotations map[string]any) ([]byte, error) {
	var p SimpleSigning
	p.Critical.Identity.DockerReference = im.Repository
	p.Critical.Image.DockerManifestDigest = im.Digest.String()
	p.Critical.Type = SimpleSigningType
	p.Optional = annotations
	return json.Marshal(p)
}

// ParseSimpleSigning reads a simple-signing payload.
func ParseSimpleSigning(b []byte) (*SimpleSigning, error) {
	var p SimpleSigning
	dec := json.NewDecoder(bytes.NewReader(b))
	if err := dec.Decode(&p); err != nil {
		return nil, fmt.Errorf("signature payload: %s", jsonError(err))
	}
	if p.Critical.Type != SimpleSigningType {
		return nil, fmt.Errorf("signature payload of type %q, want %q", p.Critical.Type, SimpleSigningType)
	}
	return &p, nil
}

// ErrWrongImage is the outcome of a valid signature over another image.
var ErrWrongImage = errors.New("the signature is for another image (its manifest digest differs)")

// VerifyImageSignature checks one layer of an image's ".sig" tag: that v
// signed its payload, and that the payload names im's manifest digest.
func VerifyImageSignature(v Verifier, im *ImageRef, l Layer) error {
	sig, err := l.Signature()
	if err != nil {
		return err
	}
	if err := v.VerifyMessage(l.Content, sig); err != nil {
		return err
	}
	p, err := ParseSimpleSigning(l.Content)
	if err != nil {
		return err
	}
	d, err := vouch.ParseDigest(p.Critical.Image.DockerManifestDigest)
	if err != nil || d != im.Digest {
		return ErrWrongImage
	}
	return nil
}
