package policy

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/vouch-dev/vouch/internal/vouch"
)

// FuzzEvidence: whatever a file holds, reading it as evidence ends in an
// input or a rejection, never a panic, and never in evidence that counts
// without a verified signature.
func FuzzEvidence(f *testing.F) {
	for _, seed := range []string{
		cdx, sarifDoc, `{"findings":[],"scanners":["vuln"],"createdAt":"2026-01-01T00:00:00Z"}`,
		`{"payloadType":"application/vnd.in-toto+json","payload":"e30=","signatures":[{"sig":"AA=="}]}`,
		`{"mediaType":"application/vnd.dev.sigstore.bundle.v0.3+json","dsseEnvelope":{"payloadType":"application/vnd.in-toto+json","payload":"e30=","signatures":[]}}`,
		`{"_type":"https://in-toto.io/Statement/v1","subject":[{"digest":{"sha256":"00"}}],"predicateType":"https://vouch.dev/approval/v1","predicate":{}}`,
		`{"version":"2.1.0","runs":[{"results":[{"ruleIndex":99,"level":"error"}]}]}`,
		"SPDXVersion: SPDX-2.3\nDataLicense: CC0-1.0\n", "<bom xmlns=\"http://cyclonedx.org/schema/bom/1.6\"/>", "\xef\xbb\xbf{", "",
	} {
		f.Add([]byte(seed))
	}
	dir := f.TempDir()
	art := filepath.Join(dir, "app")
	os.WriteFile(art, []byte("the binary"), 0o644)
	f.Fuzz(func(t *testing.T, data []byte) {
		p := filepath.Join(t.TempDir(), "evidence")
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		s, _ := Preset("production")
		src := &Sources{Environment: "production", Artifact: vouch.Subject{Name: "app", Digest: vouch.SHA256Bytes([]byte("the binary"))},
			ArtifactPath: art, Files: []string{p}, Settings: s, Now: testNow}
		in, err := BuildInput(context.Background(), src)
		if err != nil {
			var ie *vouch.InputError
			if !errors.As(err, &ie) {
				t.Fatalf("not an input error: %v", err)
			}
			return
		}
		if in.Artifact.Signed || len(in.Approvals) > 0 {
			t.Fatalf("unsigned bytes made the artifact signed or approved: %+v", in)
		}
		for _, e := range in.Evidence {
			if e.Signed {
				t.Fatalf("evidence counted as signed with no trusted key: %+v", e)
			}
		}
	})
}

// FuzzWaivers: any waiver file is read or refused, never a panic, and
// every waiver read has a scope, an owner, an approver who is not the
// owner and an expiry.
func FuzzWaivers(f *testing.F) {
	f.Add([]byte("waivers:\n  - {finding: X, owner: a, reason: r, approver: b, expires: 2026-12-01}\n"), false)
	f.Add([]byte(`{"waivers":[{"package":"pkg:npm/x","owner":"a","reason":"r","approver":"b","expires":"2026-12-01T00:00:00Z"}]}`), true)
	f.Add([]byte("waivers: [{}]"), false)
	f.Add([]byte("&a [*a, *a]"), false)
	f.Fuzz(func(t *testing.T, data []byte, isJSON bool) {
		format := "yaml"
		if isJSON {
			format = "json"
		}
		ws, err := parseWaivers(data, "w", format)
		if err != nil {
			return
		}
		for _, w := range ws {
			if (w.Policy == "" && w.Finding == "" && w.Package == "") || w.Owner == "" || w.Approver == "" || w.Owner == w.Approver || w.Expires.IsZero() {
				t.Fatalf("accepted an incomplete waiver %+v", w)
			}
		}
	})
}
