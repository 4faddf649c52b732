package cli

import (
	"encoding/json"
	"io"
	"log"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-containerregistry/pkg/name"
	"github.com/google/go-containerregistry/pkg/registry"
	"github.com/google/go-containerregistry/pkg/v1/random"
	"github.com/google/go-containerregistry/pkg/v1/remote"

	"github.com/vouch-dev/vouch/internal/vouch"
)

// TestGateImage gates an image in a real in-process registry: the
// signature and attestations stored with it are the evidence, and the
// signed decision is stored with it too.
func TestGateImage(t *testing.T) {
	srv := httptest.NewServer(registry.New(registry.Logger(log.New(io.Discard, "", 0))))
	defer srv.Close()
	ref := strings.TrimPrefix(srv.URL, "http://") + "/acme/app:1.0"
	img, _ := random.Image(256, 1)
	tag, _ := name.ParseReference(ref)
	if err := remote.Write(tag, img); err != nil {
		t.Fatal(err)
	}
	d, _ := img.Digest()
	byDigest := strings.TrimSuffix(ref, ":1.0") + "@" + d.String()
	dir := t.TempDir()
	writeKeyPair(t, dir, "release")
	writeKeyPair(t, dir, "other")
	now := time.Now().UTC().Format(time.RFC3339)
	os.WriteFile(filepath.Join(dir, "scan.json"), []byte(`{"schemaVersion":"1","tool":{"name":"vouch","version":"test"},"target":{"kind":"image","name":"app"},"scanners":["vuln","secret","misconfig"],"findings":[],"suppressed":[],"summary":{"total":0,"bySeverity":{"critical":0,"high":0,"medium":0,"low":0,"none":0,"unknown":0}},"createdAt":"`+now+`"}`), 0o644)
	os.WriteFile(filepath.Join(dir, "sbom.json"), []byte(`{"bomFormat":"CycloneDX","specVersion":"1.6","version":1,"components":[{"type":"library","name":"x","version":"1.0.0","purl":"pkg:npm/x@1.0.0"}]}`), 0o644)
	os.WriteFile(filepath.Join(dir, "vouch.yaml"), []byte("gate:\n  keys: [release.pub]\n  environments:\n    staging:\n      provenance: {required: false}\n"), 0o644)

	if code, _, errOut := runVouch(t, dir, "sign", "--key", "release.key", ref); code != 0 {
		t.Fatalf("sign: %s", errOut)
	}
	for _, a := range [][]string{{"cyclonedx", "sbom.json"}, {"vouch-scan", "scan.json"}} {
		if code, _, errOut := runVouch(t, dir, "attest", "--key", "release.key", "--type", a[0], "--predicate", a[1], byDigest); code != 0 {
			t.Fatalf("attest %s: %s", a[0], errOut)
		}
	}
	code, out, errOut := runVouch(t, dir, "gate", "--env", "staging", "--artifact", ref, "--format", "json",
		"--attest", "--signing-key", "release.key")
	if code != 0 {
		t.Fatalf("gate: %d\n%s\n%s", code, out, errOut)
	}
	var dec vouch.Decision
	if err := json.Unmarshal([]byte(out), &dec); err != nil {
		t.Fatal(err)
	}
	if dec.Verdict != vouch.Allow || dec.Artifact.Digest.String() != d.String() || len(dec.Evidence) != 3 {
		t.Fatalf("decision %s about %s from %d pieces of evidence: %+v", dec.Verdict, dec.Artifact.Digest, len(dec.Evidence), dec.Violations)
	}
	for _, e := range dec.Evidence {
		if !e.Signed || !(strings.Contains(e.Source, ".sig") || strings.Contains(e.Source, ".att")) {
			t.Errorf("evidence %+v", e)
		}
	}
	// The decision is stored with the image, where an audit finds it.
	if code, out, errOut := runVouch(t, dir, "verify-attestation", "--key", "release.pub", "--type", "decision", ref); code != 0 || !strings.Contains(out, "vouch.dev/decision/v1") {
		t.Fatalf("verify-attestation: %d %s %s", code, out, errOut)
	}
	// Trusting another key, nothing stored with the image counts.
	os.WriteFile(filepath.Join(dir, "vouch.yaml"), []byte("gate:\n  keys: [other.pub]\n"), 0o644)
	code, out, _ = runVouch(t, dir, "gate", "--env", "staging", "--artifact", ref)
	if code != 1 || !strings.Contains(out, "signature") {
		t.Fatalf("gate with another key: %d\n%s", code, out)
	}
}
