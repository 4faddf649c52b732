package attest

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"log"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/google/go-containerregistry/pkg/name"
	"github.com/google/go-containerregistry/pkg/registry"
	"github.com/google/go-containerregistry/pkg/v1/random"
	"github.com/google/go-containerregistry/pkg/v1/remote"

	"github.com/vouch-dev/vouch/internal/signing"
)

// testRegistry serves a real in-process registry on loopback and pushes
// one random image to it, returning its tag reference.
func testRegistry(t testing.TB, referrers bool) (*signing.Registry, string) {
	t.Helper()
	srv := httptest.NewServer(registry.New(registry.Logger(log.New(io.Discard, "", 0)), registry.WithReferrersSupport(referrers)))
	t.Cleanup(srv.Close)
	host := strings.TrimPrefix(srv.URL, "http://")
	img, err := random.Image(512, 2)
	if err != nil {
		t.Fatal(err)
	}
	ref := host + "/team/app:1.0"
	tag, err := name.ParseReference(ref)
	if err != nil {
		t.Fatal(err)
	}
	if err := remote.Write(tag, img); err != nil {
		t.Fatal(err)
	}
	return signing.NewRegistry(signing.RegistryOptions{Insecure: true}), ref
}

func TestImageSignAttestVerify(t *testing.T) {
	for _, referrers := range []bool{true, false} {
		name := "referrers"
		if !referrers {
			name = "tags-only"
		}
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			reg, ref := testRegistry(t, referrers)
			s, v := newKey(t)
			im, err := reg.Resolve(ctx, ref)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(im.String(), "@sha256:") || im.Digest.IsZero() {
				t.Fatalf("resolved to %s", im)
			}
			res, err := SignImage(ctx, reg, s, im)
			if err != nil {
				t.Fatal(err)
			}
			if res.Referrer != referrers {
				t.Fatalf("referrer written: %v, registry supports referrers: %v", res.Referrer, referrers)
			}
			// Signing twice does not add a second identical layer... but a
			// new signature (ECDSA is randomized) is kept beside the first.
			for _, pt := range []string{SLSAProvenanceV1, CycloneDX, VouchScan} {
				pred := json.RawMessage(`{}`)
				switch pt {
				case SLSAProvenanceV1:
					pred = provenance
				case VouchScan:
					pred = scanPredicate
				}
				st, err := NewStatement(im.Repository, im.Digest, pt, pred)
				if err != nil {
					t.Fatal(err)
				}
				if _, err := AttestImage(ctx, reg, s, im, st); err != nil {
					t.Fatal(err)
				}
			}
			ev, err := FetchImageEvidence(ctx, reg, im, []signing.Verifier{v})
			if err != nil {
				t.Fatal(err)
			}
			wantSigs, wantAtts := 1, 3
			if referrers {
				wantSigs, wantAtts = 2, 6 // the same evidence, in both places
			}
			if len(ev.Signatures) != wantSigs || len(ev.Attestations) != wantAtts || len(ev.Rejected) != 0 {
				t.Fatalf("signatures %d (want %d), attestations %d (want %d), rejected %v", len(ev.Signatures), wantSigs, len(ev.Attestations), wantAtts, ev.Rejected)
			}
			for _, pt := range []string{SLSAProvenanceV1, CycloneDX, VouchScan} {
				if len(ev.ByType(pt)) == 0 {
					t.Errorf("no %s attestation", pt)
				}
			}
			// Another key trusts none of it, and says why.
			_, other := newKey(t)
			ev2, err := FetchImageEvidence(ctx, reg, im, []signing.Verifier{other})
			if err != nil {
				t.Fatal(err)
			}
			if len(ev2.Signatures)+len(ev2.Attestations) != 0 || len(ev2.Rejected) != wantSigs+wantAtts {
				t.Fatalf("other key: %+v", ev2)
			}
		})
	}
}

// TestImageSignatureForAnotherImage: a valid signature copied onto another
// image's .sig tag is rejected: its payload names the first digest.
func TestImageSignatureForAnotherImage(t *testing.T) {
	ctx := context.Background()
	reg, ref := testRegistry(t, false)
	s, v := newKey(t)
	im, err := reg.Resolve(ctx, ref)
	if err != nil {
		t.Fatal(err)
	}
	other := *im
	other.Digest.Hex = strings.Repeat("a", 64)
	payload, _ := signing.SimpleSigningPayload(&other, nil)
	sig, _ := s.SignMessage(ctx, payload)
	if err := reg.AttachSignature(ctx, im, payload, sig); err != nil {
		t.Fatal(err)
	}
	ev, err := FetchImageEvidence(ctx, reg, im, []signing.Verifier{v})
	if err != nil {
		t.Fatal(err)
	}
	if len(ev.Signatures) != 0 || len(ev.Rejected) != 1 || !errors.Is(ev.Rejected[0].Err, signing.ErrWrongImage) {
		t.Fatalf("%+v", ev)
	}
}

func TestResolveErrors(t *testing.T) {
	ctx := context.Background()
	reg, ref := testRegistry(t, false)
	missing := strings.Replace(ref, ":1.0", ":nope", 1)
	if _, err := reg.Resolve(ctx, missing); err == nil || !strings.Contains(err.Error(), "not found") {
		t.Fatalf("missing tag: %v", err)
	}
	if _, err := reg.Resolve(ctx, "UPPER/Case:x"); err == nil {
		t.Fatal("bad reference accepted")
	}
}

var scanPredicate = json.RawMessage(`{"schemaVersion":"1","tool":{"name":"vouch","version":"test"},"target":{"kind":"image","name":"app"},"scanners":["vuln"],"findings":[],"suppressed":[],"summary":{"total":0,"bySeverity":{"critical":0,"high":0,"medium":0,"low":0,"none":0,"unknown":0}},"createdAt":"2024-01-01T00:00:00Z"}`)
