package signing

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"strings"
	"testing"
)

// FuzzParseBundle: no input makes ParseBundle panic or hang, and a bundle
// it accepts re-encodes to one it accepts again.
func FuzzParseBundle(f *testing.F) {
	f.Add([]byte(`{"mediaType":"application/vnd.dev.sigstore.bundle.v0.3+json","verificationMaterial":{"publicKey":{"hint":"x"}},"messageSignature":{"messageDigest":{"algorithm":"SHA2_256","digest":"n4bQgYhMfWWaL+qgxVrQFaO/TxsrC4Is0V1sFbDwCgg="},"signature":"MEUCIQ=="}}`))
	f.Add([]byte(`{"mediaType":"application/vnd.dev.sigstore.bundle+json;version=0.1","verificationMaterial":{"certificate":{"rawBytes":"AA"}},"dsseEnvelope":{"payloadType":"application/vnd.in-toto+json","payload":"e30","signatures":[{"sig":"AA","keyid":""}]}}`))
	f.Add([]byte(`{"mediaType":"application/vnd.dev.sigstore.bundle.v0.3+json","verificationMaterial":{"publicKey":{}, "tlogEntries":[{"logIndex":"1"}]},"messageSignature":{"signature":"AA=="}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		b, err := ParseBundle(data)
		if err != nil {
			return
		}
		out, err := b.Marshal()
		if err != nil {
			t.Fatalf("accepted bundle does not encode: %v", err)
		}
		if _, err := ParseBundle(out); err != nil {
			t.Fatalf("re-encoded bundle rejected: %v\n%s", err, out)
		}
		if b.MessageSignature != nil {
			k, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
			v, _ := NewVerifier(&k.PublicKey)
			if VerifyBlob(context.Background(), v, strings.NewReader("x"), b) == nil {
				t.Fatal("a random key verified a fuzzed bundle")
			}
		}
	})
}

// FuzzParseKeys: key files are untrusted input too (a key fetched from an
// environment variable, a file in a repository).
func FuzzParseKeys(f *testing.F) {
	f.Add([]byte("-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\n-----END PUBLIC KEY-----\n"))
	f.Add([]byte("-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----\neyJrZGYiOnsibmFtZSI6InNjcnlwdCIsInBhcmFtcyI6eyJOIjoxLCJyIjo4LCJwIjoxfX19\n-----END ENCRYPTED SIGSTORE PRIVATE KEY-----\n"))
	f.Add([]byte("-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIA==\n-----END EC PRIVATE KEY-----\n"))
	f.Add([]byte("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if pub, err := ParsePublicKey(data); err == nil {
			if _, err := NewVerifier(pub); err != nil {
				t.Fatalf("accepted public key has no verifier: %v", err)
			}
		}
		// A wrong password: never a panic, and never scrypt parameters
		// other than cosign's three (checked before any work).
		if s, err := ParsePrivateKey(data, pw("fuzz")); err == nil {
			if _, err := NewSigner(s); err != nil {
				t.Fatalf("accepted private key has no signer: %v", err)
			}
		}
	})
}

// FuzzParseSimpleSigning: image signature payloads come from registries.
func FuzzParseSimpleSigning(f *testing.F) {
	f.Add([]byte(`{"critical":{"identity":{"docker-reference":"r/a"},"image":{"docker-manifest-digest":"sha256:00"},"type":"cosign container image signature"},"optional":null}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := ParseSimpleSigning(data)
		if err == nil && p.Critical.Type != SimpleSigningType {
			t.Fatal("wrong type accepted")
		}
	})
}
