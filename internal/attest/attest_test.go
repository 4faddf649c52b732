package attest

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	intoto "github.com/in-toto/attestation/go/v1"
	protobundle "github.com/sigstore/protobuf-specs/gen/pb-go/bundle/v1"
	"google.golang.org/protobuf/encoding/protojson"

	"github.com/vouch-dev/vouch/internal/signing"
	"github.com/vouch-dev/vouch/internal/vouch"
)

func newKey(t testing.TB) (signing.Signer, signing.Verifier) {
	t.Helper()
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	s, err := signing.NewSigner(k)
	if err != nil {
		t.Fatal(err)
	}
	v, err := signing.NewVerifier(&k.PublicKey)
	if err != nil {
		t.Fatal(err)
	}
	return s, v
}

var provenance = json.RawMessage(`{"buildDefinition":{"buildType":"https://vouch.dev/build/v1","externalParameters":{"command":["make"]}},"runDetails":{"builder":{"id":"https://vouch.dev/build/local@v1"}}}`)

func TestSignStatementRoundTrip(t *testing.T) {
	ctx := context.Background()
	s, v := newKey(t)
	d := vouch.SHA256Bytes([]byte("artifact"))
	raw, err := SignStatement(ctx, s, "app.tar", d, SLSAProvenanceV1, provenance)
	if err != nil {
		t.Fatal(err)
	}
	// What cosign and sigstore-go read: protojson, strict.
	var pb protobundle.Bundle
	if err := protojson.Unmarshal(raw, &pb); err != nil {
		t.Fatalf("protojson rejects the bundle: %v", err)
	}
	if pb.GetDsseEnvelope().GetPayloadType() != PayloadType {
		t.Fatalf("payload type %q", pb.GetDsseEnvelope().GetPayloadType())
	}
	// The payload is a valid in-toto Statement v1 by the reference
	// implementation's own rules.
	var st intoto.Statement
	if err := protojson.Unmarshal(pb.GetDsseEnvelope().GetPayload(), &st); err != nil {
		t.Fatal(err)
	}
	if err := st.Validate(); err != nil {
		t.Fatalf("in-toto says the statement is invalid: %v", err)
	}
	if st.GetSubject()[0].GetDigest()["sha256"] != d.Hex || st.GetPredicateType() != SLSAProvenanceV1 {
		t.Fatalf("statement %v", &st)
	}

	b, err := signing.ParseBundle(raw)
	if err != nil {
		t.Fatal(err)
	}
	got, err := VerifyAttestation(b, []signing.Verifier{v}, d, SLSAProvenanceV1)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(compact(t, got.Statement.Predicate), compact(t, provenance)) {
		t.Fatalf("predicate %s", got.Statement.Predicate)
	}
	if _, err := VerifyAttestation(b, []signing.Verifier{v}, vouch.SHA256Bytes([]byte("other")), ""); !errors.Is(err, ErrWrongSubject) {
		t.Fatalf("other subject: %v", err)
	}
	if _, err := VerifyAttestation(b, []signing.Verifier{v}, d, CycloneDX); !errors.Is(err, ErrWrongPredicateType) {
		t.Fatalf("other type: %v", err)
	}
	_, other := newKey(t)
	if _, err := VerifyAttestation(b, []signing.Verifier{other}, d, ""); !errors.Is(err, ErrNoTrustedSignature) {
		t.Fatalf("other key: %v", err)
	}
}

func compact(t *testing.T, b []byte) []byte {
	var buf bytes.Buffer
	if err := json.Compact(&buf, b); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestTamper: a changed byte anywhere in the payload, its type or the
// signature fails verification.
func TestTamper(t *testing.T) {
	ctx := context.Background()
	s, v := newKey(t)
	d := vouch.SHA256Bytes([]byte("artifact"))
	raw, err := SignStatement(ctx, s, "a", d, SLSAProvenanceV1, provenance)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := signing.ParseBundle(raw)
	payload, _ := base64.StdEncoding.DecodeString(b.DSSEEnvelope.Payload)
	for i := 0; i < len(payload); i += 7 {
		b2, _ := signing.ParseBundle(raw)
		p := bytes.Clone(payload)
		p[i] ^= 0x01
		b2.DSSEEnvelope.Payload = base64.StdEncoding.EncodeToString(p)
		if _, err := VerifyAttestation(b2, []signing.Verifier{v}, d, ""); err == nil {
			t.Fatalf("payload changed at byte %d verified", i)
		}
	}
	b3, _ := signing.ParseBundle(raw)
	b3.DSSEEnvelope.PayloadType = "application/vnd.in-toto+jsoN"
	if _, err := VerifyAttestation(b3, []signing.Verifier{v}, d, ""); err == nil {
		t.Fatal("changed payload type verified")
	}
}

// TestStatementV01 accepts the v0.1 statements cosign still writes.
func TestStatementV01(t *testing.T) {
	ctx := context.Background()
	s, v := newKey(t)
	d := vouch.SHA256Bytes([]byte("x"))
	st := &Statement{
		Type:          StatementV01,
		Subject:       []Subject{{Name: "x", Digest: map[string]string{"sha256": d.Hex}}},
		PredicateType: CosignCustom,
		Predicate:     json.RawMessage(`{"Data":"hi","Timestamp":"2024-01-01T00:00:00Z"}`),
	}
	b, err := Sign(ctx, s, st)
	if err != nil {
		t.Fatal(err)
	}
	got, err := VerifyAttestation(b, []signing.Verifier{v}, d, CosignCustom)
	if err != nil {
		t.Fatal(err)
	}
	if got.Statement.Type != StatementV01 {
		t.Fatal(got.Statement.Type)
	}
}

func TestParseStatementRejects(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"not json", `{`, "malformed JSON"},
		{"wrong type", `{"_type":"https://example/v9","subject":[{"digest":{"sha256":"ab"}}],"predicateType":"x"}`, "_type"},
		{"no subject", `{"_type":"https://in-toto.io/Statement/v1","subject":[],"predicateType":"x"}`, "no subject"},
		{"no digest", `{"_type":"https://in-toto.io/Statement/v1","subject":[{"name":"a"}],"predicateType":"x"}`, "no digest"},
		{"empty digest", `{"_type":"https://in-toto.io/Statement/v1","subject":[{"digest":{"sha256":""}}],"predicateType":"x"}`, "empty digest"},
		{"no predicate type", `{"_type":"https://in-toto.io/Statement/v1","subject":[{"digest":{"sha256":"ab"}}]}`, "no predicateType"},
		{"array predicate", `{"_type":"https://in-toto.io/Statement/v1","subject":[{"digest":{"sha256":"ab"}}],"predicateType":"x","predicate":[1]}`, "not a JSON object"},
		{"subject type", `{"_type":"https://in-toto.io/Statement/v1","subject":{"digest":{}},"predicateType":"x"}`, "wrong type"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseStatement([]byte(tt.in))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("got %v, want %q", err, tt.want)
			}
		})
	}
}

func TestParsePredicateType(t *testing.T) {
	tests := map[string]string{
		"slsaprovenance1":                 SLSAProvenanceV1,
		"cyclonedx":                       CycloneDX,
		"spdx":                            SPDX,
		"vouch-scan":                      VouchScan,
		"https://example.com/predicate/1": "https://example.com/predicate/1",
	}
	for in, want := range tests {
		got, err := ParsePredicateType(in)
		if err != nil || got != want {
			t.Errorf("%q: %q %v", in, got, err)
		}
	}
	for _, bad := range []string{"", "slsa", "not a uri"} {
		if _, err := ParsePredicateType(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

// TestVouchPredicatesValidated: Sign refuses a vouch predicate that does
// not match its schema.
func TestVouchPredicatesValidated(t *testing.T) {
	s, _ := newKey(t)
	d := vouch.SHA256Bytes([]byte("x"))
	_, err := SignStatement(context.Background(), s, "x", d, VouchScan, json.RawMessage(`{"schemaVersion":"1","findings":"none"}`))
	if err == nil || !strings.Contains(err.Error(), "does not match its schema") {
		t.Fatalf("got %v", err)
	}
}

// TestVerifyFile gathers evidence about a file from a message-signature
// bundle, a legacy signature and attestations, and lists what it rejects.
func TestVerifyFile(t *testing.T) {
	ctx := context.Background()
	s, v := newKey(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "app.tar")
	os.WriteFile(path, []byte("the artifact"), 0o644)
	f, _ := os.Open(path)
	sigBundle, err := signing.SignBlob(ctx, s, f)
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	d := vouch.SHA256Bytes([]byte("the artifact"))
	good, _ := SignStatement(ctx, s, "app.tar", d, SLSAProvenanceV1, provenance)
	other, _ := SignStatement(ctx, s, "x", vouch.SHA256Bytes([]byte("x")), SLSAProvenanceV1, provenance)
	gb, _ := signing.ParseBundle(good)
	ob, _ := signing.ParseBundle(other)
	items := []Item{
		{Source: "sig", Bundle: sigBundle},
		{Source: "legacy", Signature: []byte(base64.StdEncoding.EncodeToString(sigBundle.MessageSignature.Signature))},
		{Source: "prov", Bundle: gb},
		{Source: "other", Bundle: ob},
	}
	ev, err := VerifyFile(ctx, path, items, []signing.Verifier{v})
	if err != nil {
		t.Fatal(err)
	}
	if len(ev.Signatures) != 2 || len(ev.Attestations) != 1 || len(ev.Rejected) != 1 {
		t.Fatalf("evidence %+v", ev)
	}
	if ev.Rejected[0].Source != "other" || !errors.Is(ev.Rejected[0].Err, ErrWrongSubject) {
		t.Fatalf("rejected %+v", ev.Rejected)
	}
	if len(ev.ByType(SLSAProvenanceV1)) != 1 {
		t.Fatal("ByType")
	}
}

// TestEd25519Attestation: statements sign and verify with Ed25519 keys.
func TestEd25519Attestation(t *testing.T) {
	pub, priv, _ := ed25519.GenerateKey(rand.Reader)
	s, _ := signing.NewSigner(priv)
	v, _ := signing.NewVerifier(pub)
	d := vouch.SHA256Bytes([]byte("x"))
	raw, err := SignStatement(context.Background(), s, "x", d, CycloneDX, json.RawMessage(`{"bomFormat":"CycloneDX","specVersion":"1.6"}`))
	if err != nil {
		t.Fatal(err)
	}
	b, _ := signing.ParseBundle(raw)
	if _, err := VerifyAttestation(b, []signing.Verifier{v}, d, CycloneDX); err != nil {
		t.Fatal(err)
	}
}
