package signing

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	protobundle "github.com/sigstore/protobuf-specs/gen/pb-go/bundle/v1"
	"google.golang.org/protobuf/encoding/protojson"
)

func TestSignVerifyBlob(t *testing.T) {
	ctx := context.Background()
	blob := bytes.Repeat([]byte("release artifact\n"), 1000)
	for name, k := range testKeys(t) {
		t.Run(name, func(t *testing.T) {
			s, _ := NewSigner(k)
			v, _ := NewVerifier(k.Public())
			b, err := SignBlob(ctx, s, bytes.NewReader(blob))
			if err != nil {
				t.Fatal(err)
			}
			raw, err := b.Marshal()
			if err != nil {
				t.Fatal(err)
			}
			// The bundle cosign and sigstore-go read with protojson, which
			// rejects unknown fields and wrong types.
			var pb protobundle.Bundle
			if err := protojson.Unmarshal(raw, &pb); err != nil {
				t.Fatalf("protojson rejects the bundle: %v\n%s", err, raw)
			}
			if pb.GetVerificationMaterial().GetPublicKey().GetHint() != KeyHint(k.Public()) {
				t.Fatal("key hint lost")
			}
			parsed, err := ParseBundle(raw)
			if err != nil {
				t.Fatal(err)
			}
			if err := VerifyBlob(ctx, v, bytes.NewReader(blob), parsed); err != nil {
				t.Fatal(err)
			}
			// A changed byte anywhere fails: in the blob …
			changed := bytes.Clone(blob)
			changed[len(changed)/2] ^= 0x20
			if err := VerifyBlob(ctx, v, bytes.NewReader(changed), parsed); !errors.Is(err, ErrWrongArtifact) {
				t.Fatalf("changed blob: %v", err)
			}
			// … in the signature …
			p2, _ := ParseBundle(raw)
			p2.MessageSignature.Signature[5] ^= 1
			if err := VerifyBlob(ctx, v, bytes.NewReader(blob), p2); !errors.Is(err, ErrBadSignature) {
				t.Fatalf("changed signature: %v", err)
			}
			// … in the recorded digest (with the signature left alone).
			p3, _ := ParseBundle(raw)
			p3.MessageSignature.MessageDigest.Digest[0] ^= 1
			if err := VerifyBlob(ctx, v, bytes.NewReader(blob), p3); err == nil {
				t.Fatal("changed digest verified")
			}
			// Another key does not verify.
			other, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
			ov, _ := NewVerifier(&other.PublicKey)
			if err := VerifyBlob(ctx, ov, bytes.NewReader(blob), parsed); err == nil {
				t.Fatal("another key verified")
			}
		})
	}
}

func TestLegacySignature(t *testing.T) {
	ctx := context.Background()
	k, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	s, _ := NewSigner(k)
	v, _ := NewVerifier(&k.PublicKey)
	b, err := SignBlob(ctx, s, strings.NewReader("x"))
	if err != nil {
		t.Fatal(err)
	}
	b64, _ := b.MessageSignature.Signature.MarshalJSON()
	sigFile := bytes.Trim(b64, `"`)
	if err := VerifyBlobSignature(ctx, v, strings.NewReader("x"), append(sigFile, '\n')); err != nil {
		t.Fatal(err)
	}
	if err := VerifyBlobSignature(ctx, v, strings.NewReader("x"), b.MessageSignature.Signature); err != nil {
		t.Fatalf("raw signature: %v", err)
	}
	if err := VerifyBlobSignature(ctx, v, strings.NewReader("y"), sigFile); !errors.Is(err, ErrBadSignature) {
		t.Fatalf("other blob: %v", err)
	}
}

func TestParseBundleRejects(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"not json", "{", "malformed JSON"},
		{"no media type", `{"messageSignature":{"signature":"AA=="}}`, "no mediaType"},
		{"unknown media type", `{"mediaType":"application/json"}`, "unsupported mediaType"},
		{"no content", `{"mediaType":"application/vnd.dev.sigstore.bundle.v0.3+json","verificationMaterial":{"publicKey":{"hint":"x"}}}`, "holds no signature"},
		{"both", `{"mediaType":"application/vnd.dev.sigstore.bundle.v0.3+json","verificationMaterial":{"publicKey":{}},"messageSignature":{"signature":"AA=="},"dsseEnvelope":{"payloadType":"x","payload":"","signatures":[{"sig":"AA=="}]}}`, "both"},
		{"bad digest len", `{"mediaType":"application/vnd.dev.sigstore.bundle.v0.3+json","verificationMaterial":{"publicKey":{}},"messageSignature":{"messageDigest":{"algorithm":"SHA2_256","digest":"AAAA"},"signature":"AA=="}}`, "want 32"},
		{"bad base64", `{"mediaType":"application/vnd.dev.sigstore.bundle.v0.3+json","verificationMaterial":{"publicKey":{}},"messageSignature":{"signature":"%%%"}}`, "not base64"},
		{"no material", `{"mediaType":"application/vnd.dev.sigstore.bundle.v0.3+json","verificationMaterial":{},"messageSignature":{"signature":"AA=="}}`, "no verification material"},
		{"md5", `{"mediaType":"application/vnd.dev.sigstore.bundle.v0.3+json","verificationMaterial":{"publicKey":{}},"messageSignature":{"messageDigest":{"algorithm":"MD5","digest":"AAAA"},"signature":"AA=="}}`, "unsupported digest algorithm"},
		{"dsse without sigs", `{"mediaType":"application/vnd.dev.sigstore.bundle.v0.3+json","verificationMaterial":{"publicKey":{}},"dsseEnvelope":{"payloadType":"x","payload":"e30=","signatures":[]}}`, "no signatures"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseBundle([]byte(tt.in))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("got %v, want %q", err, tt.want)
			}
		})
	}
}

// TestCosignBundles verifies bundles and signatures the real cosign wrote
// (v3.1.3, offline; see testdata/README.md).
func TestCosignBundles(t *testing.T) {
	ctx := context.Background()
	blob, err := os.ReadFile(filepath.Join("testdata", "artifact.txt"))
	if err != nil {
		t.Skip("fixture not present")
	}
	for _, key := range []string{"cosign", "cosign-ed25519"} {
		v, err := LoadVerifier(ctx, filepath.Join("testdata", key+".pub"), LoadOptions{})
		if err != nil {
			t.Fatal(err)
		}
		raw, err := os.ReadFile(filepath.Join("testdata", key+".artifact.sigstore.json"))
		if err != nil {
			t.Fatal(err)
		}
		b, err := ParseBundle(raw)
		if err != nil {
			t.Fatalf("%s: %v", key, err)
		}
		if err := VerifyBlob(ctx, v, bytes.NewReader(blob), b); err != nil {
			t.Fatalf("%s bundle: %v", key, err)
		}
		sig, err := os.ReadFile(filepath.Join("testdata", key+".artifact.sig"))
		if err != nil {
			t.Fatal(err)
		}
		if err := VerifyBlobSignature(ctx, v, bytes.NewReader(blob), sig); err != nil {
			t.Fatalf("%s signature: %v", key, err)
		}
		if err := VerifyBlob(ctx, v, strings.NewReader(string(blob)+" "), b); err == nil {
			t.Fatalf("%s: changed artifact verified", key)
		}
	}
}

func TestDecodeBase64(t *testing.T) {
	for _, s := range []string{"aGk/Pz8=", "aGk/Pz8", "aGk_Pz8=", "aGk_Pz8"} {
		b, err := DecodeBase64(s)
		if err != nil || string(b) != "hi???" {
			t.Errorf("%q: %q %v", s, b, err)
		}
	}
	if _, err := DecodeBase64("a b"); err == nil {
		t.Error("space accepted")
	}
}
