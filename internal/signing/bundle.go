package signing

import (
	"bytes"
	"crypto"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strings"

	"github.com/secure-systems-lab/go-securesystemslib/dsse"
)

// Sigstore bundle media types. vouch writes BundleMediaType (v0.3); it
// reads v0.1 to v0.3.
const (
	BundleMediaType    = "application/vnd.dev.sigstore.bundle.v0.3+json"
	bundleMediaTypeOld = "application/vnd.dev.sigstore.bundle+json;version="
)

// MaxBundleSize caps how much of a bundle is read. A bundle can carry a
// whole SBOM, so it is generous.
const MaxBundleSize = 128 << 20

// Bundle is a Sigstore bundle (protobuf-specs sigstore_bundle.proto, in
// its proto3 JSON form): one signature, either over an artifact's digest
// (MessageSignature) or over a DSSE envelope (DSSEEnvelope), and what
// verifies it. vouch signs with keys and works offline, so the bundles it
// writes name a public key by its hint and carry no transparency log
// entries; bundles that do carry them (from cosign) are read, and their
// entries kept but not checked.
type Bundle struct {
	MediaType            string               `json:"mediaType"`
	VerificationMaterial VerificationMaterial `json:"verificationMaterial"`
	MessageSignature     *MessageSignature    `json:"messageSignature,omitempty"`
	DSSEEnvelope         *dsse.Envelope       `json:"dsseEnvelope,omitempty"`
}

// VerificationMaterial is what a verifier needs beside its own trust: the
// key hint (or a certificate), log entries and timestamps.
type VerificationMaterial struct {
	PublicKey                 *PublicKeyIdentifier `json:"publicKey,omitempty"`
	Certificate               *Certificate         `json:"certificate,omitempty"`
	X509CertificateChain      *CertificateChain    `json:"x509CertificateChain,omitempty"`
	TlogEntries               []json.RawMessage    `json:"tlogEntries,omitempty"`
	TimestampVerificationData json.RawMessage      `json:"timestampVerificationData,omitempty"`
}

// PublicKeyIdentifier names the key that signed, for a verifier that
// holds several; it is never trusted by itself.
type PublicKeyIdentifier struct {
	Hint string `json:"hint,omitempty"`
}

// Certificate is an X.509 certificate in DER.
type Certificate struct {
	RawBytes Bytes `json:"rawBytes"`
}

// CertificateChain is a leaf certificate followed by its issuers.
type CertificateChain struct {
	Certificates []Certificate `json:"certificates"`
}

// MessageSignature is a signature over an artifact, with the artifact's
// digest so that a verifier can tell which artifact before checking.
type MessageSignature struct {
	MessageDigest *HashOutput `json:"messageDigest,omitempty"`
	Signature     Bytes       `json:"signature"`
}

// HashOutput is a digest and its algorithm, spelled as protobuf-specs'
// HashAlgorithm enum ("SHA2_256").
type HashOutput struct {
	Algorithm string `json:"algorithm,omitempty"`
	Digest    Bytes  `json:"digest,omitempty"`
}

// empty reports a digest with no content: cosign writes
// "messageDigest":{} for pure Ed25519 signatures, which sign the message
// itself.
func (h *HashOutput) empty() bool {
	return h == nil || (len(h.Digest) == 0 && (h.Algorithm == "" || h.Algorithm == "HASH_ALGORITHM_UNSPECIFIED"))
}

// Bytes is a protobuf bytes field: written as standard base64, read in
// any of the four base64 alphabets proto3 JSON allows.
type Bytes []byte

// MarshalJSON writes standard, padded base64.
func (b Bytes) MarshalJSON() ([]byte, error) {
	out := make([]byte, 0, base64.StdEncoding.EncodedLen(len(b))+2)
	out = append(out, '"')
	out = base64.StdEncoding.AppendEncode(out, b)
	return append(out, '"'), nil
}

// UnmarshalJSON reads standard or URL-safe base64, padded or not.
func (b *Bytes) UnmarshalJSON(data []byte) error {
	var s string
	if err := json.Unmarshal(data, &s); err != nil {
		return err
	}
	v, err := DecodeBase64(s)
	if err != nil {
		return err
	}
	*b = v
	return nil
}

// DecodeBase64 decodes standard or URL-safe base64, padded or not.
func DecodeBase64(s string) ([]byte, error) {
	enc := base64.StdEncoding
	if strings.ContainsAny(s, "-_") {
		enc = base64.URLEncoding
	}
	if len(s)%4 != 0 {
		enc = enc.WithPadding(base64.NoPadding)
	}
	v, err := enc.DecodeString(s)
	if err != nil {
		return nil, errors.New("not base64")
	}
	return v, nil
}

// hash names of protobuf-specs' HashAlgorithm enum.
var hashNames = map[crypto.Hash]string{
	crypto.SHA256: "SHA2_256",
	crypto.SHA384: "SHA2_384",
	crypto.SHA512: "SHA2_512",
}

// HashName returns the bundle's name for a hash ("SHA2_256").
func HashName(h crypto.Hash) string { return hashNames[h] }

// ParseHashName reads a bundle's hash name.
func ParseHashName(name string) (crypto.Hash, error) {
	for h, n := range hashNames {
		if n == name {
			return h, nil
		}
	}
	return 0, fmt.Errorf("unsupported digest algorithm %q (want SHA2_256, SHA2_384 or SHA2_512)", name)
}

// ErrNotBundle marks input that is not a Sigstore bundle.
var ErrNotBundle = errors.New("not a Sigstore bundle")

// ParseBundle reads a Sigstore bundle (v0.1 to v0.3) and checks its
// shape: a known media type, exactly one of a message signature and a
// DSSE envelope, and every field that must be there.
func ParseBundle(data []byte) (*Bundle, error) {
	if len(data) > MaxBundleSize {
		return nil, fmt.Errorf("%w: larger than %d bytes", ErrNotBundle, MaxBundleSize)
	}
	var b Bundle
	if err := json.Unmarshal(data, &b); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrNotBundle, jsonError(err))
	}
	if err := b.validate(); err != nil {
		return nil, err
	}
	return &b, nil
}

// ReadBundle reads a bundle from r, at most MaxBundleSize bytes.
func ReadBundle(r io.Reader) (*Bundle, error) {
	var buf bytes.Buffer
	// One allocation for a large bundle, when its size is known.
	switch f := r.(type) {
	case interface{ Stat() (fs.FileInfo, error) }:
		if fi, err := f.Stat(); err == nil && fi.Size() > 0 && fi.Size() <= MaxBundleSize {
			buf.Grow(int(fi.Size()) + bytes.MinRead)
		}
	case interface{ Len() int }:
		if n := f.Len(); n > 0 && n <= MaxBundleSize {
			buf.Grow(n + bytes.MinRead)
		}
	}
	if _, err := buf.ReadFrom(io.LimitReader(r, MaxBundleSize+1)); err != nil {
		return nil, err
	}
	return ParseBundle(buf.Bytes())
}

// jsonError shortens encoding/json's messages, which can quote Go type
// names that mean nothing to a user.
func jsonError(err error) string {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return fmt.Sprintf("malformed JSON at byte %d", se.Offset)
	}
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return fmt.Sprintf("field %q has the wrong type", te.Field)
	}
	return err.Error()
}

func (b *Bundle) validate() error {
	switch {
	case b.MediaType == BundleMediaType,
		b.MediaType == bundleMediaTypeOld+"0.1",
		b.MediaType == bundleMediaTypeOld+"0.2",
		b.MediaType == bundleMediaTypeOld+"0.3":
	case b.MediaType == "":
		return fmt.Errorf("%w: no mediaType", ErrNotBundle)
	default:
		return fmt.Errorf("%w: unsupported mediaType %q", ErrNotBundle, b.MediaType)
	}
	switch {
	case b.MessageSignature != nil && b.DSSEEnvelope != nil:
		return errors.New("bundle holds both a message signature and a DSSE envelope")
	case b.MessageSignature != nil:
		if len(b.MessageSignature.Signature) == 0 {
			return errors.New("bundle message signature is empty")
		}
		if d := b.MessageSignature.MessageDigest; d.empty() {
			b.MessageSignature.MessageDigest = nil
		} else {
			h, err := ParseHashName(d.Algorithm)
			if err != nil {
				return fmt.Errorf("bundle message digest: %w", err)
			}
			if len(d.Digest) != h.Size() {
				return fmt.Errorf("bundle message digest: %d bytes, want %d for %s", len(d.Digest), h.Size(), d.Algorithm)
			}
		}
	case b.DSSEEnvelope != nil:
		e := b.DSSEEnvelope
		if e.PayloadType == "" {
			return errors.New("bundle DSSE envelope has no payloadType")
		}
		if len(e.Signatures) == 0 {
			return errors.New("bundle DSSE envelope has no signatures")
		}
	default:
		return errors.New("bundle holds no signature (want messageSignature or dsseEnvelope)")
	}
	vm := b.VerificationMaterial
	if vm.PublicKey == nil && vm.Certificate == nil && vm.X509CertificateChain == nil {
		return errors.New("bundle has no verification material (want publicKey, certificate or x509CertificateChain)")
	}
	return nil
}

// Marshal encodes the bundle as compact JSON, as cosign writes it.
func (b *Bundle) Marshal() ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(b); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

// newBundle starts a v0.3 bundle naming the signer's key.
func newBundle(pub crypto.PublicKey) *Bundle {
	return &Bundle{
		MediaType:            BundleMediaType,
		VerificationMaterial: VerificationMaterial{PublicKey: &PublicKeyIdentifier{Hint: KeyHint(pub)}},
	}
}

// NewDSSEBundle wraps a signed DSSE envelope in a v0.3 bundle that names
// pub as its key.
func NewDSSEBundle(env *dsse.Envelope, pub crypto.PublicKey) *Bundle {
	b := newBundle(pub)
	b.DSSEEnvelope = env
	return b
}
