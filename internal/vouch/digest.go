package vouch

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"strings"
)

// Digest names content by its hash, written "algorithm:hex" as in OCI and
// in-toto ("sha256:9f86d0…").
type Digest struct {
	Algorithm string
	Hex       string
}

// ParseDigest reads "sha256:HEX". Only sha256 and sha512 are accepted, with
// the exact hex length each needs.
func ParseDigest(s string) (Digest, error) {
	alg, hexPart, ok := strings.Cut(s, ":")
	if !ok {
		return Digest{}, fmt.Errorf("digest %q: want algorithm:hex", s)
	}
	want := map[string]int{"sha256": 64, "sha512": 128}[alg]
	if want == 0 {
		return Digest{}, fmt.Errorf("digest %q: unsupported algorithm %q", s, alg)
	}
	if len(hexPart) != want {
		return Digest{}, fmt.Errorf("digest %q: %s needs %d hex digits, got %d", s, alg, want, len(hexPart))
	}
	if _, err := hex.DecodeString(hexPart); err != nil {
		return Digest{}, fmt.Errorf("digest %q: not hex", s)
	}
	return Digest{Algorithm: alg, Hex: strings.ToLower(hexPart)}, nil
}

// SHA256 hashes everything r yields.
func SHA256(r io.Reader) (Digest, error) {
	h := sha256.New()
	if _, err := io.Copy(h, r); err != nil {
		return Digest{}, err
	}
	return Digest{Algorithm: "sha256", Hex: hex.EncodeToString(h.Sum(nil))}, nil
}

// SHA256Bytes hashes b.
func SHA256Bytes(b []byte) Digest {
	sum := sha256.Sum256(b)
	return Digest{Algorithm: "sha256", Hex: hex.EncodeToString(sum[:])}
}

// IsZero reports whether d names nothing.
func (d Digest) IsZero() bool { return d.Hex == "" }

func (d Digest) String() string {
	if d.IsZero() {
		return ""
	}
	return d.Algorithm + ":" + d.Hex
}

// MarshalText writes the "algorithm:hex" form.
func (d Digest) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText reads the "algorithm:hex" form; empty text is the zero Digest.
func (d *Digest) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*d = Digest{}
		return nil
	}
	p, err := ParseDigest(string(b))
	if err != nil {
		return err
	}
	*d = p
	return nil
}
