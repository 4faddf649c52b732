package cli

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"encoding/pem"
	"io"
	"log"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-containerregistry/pkg/name"
	"github.com/google/go-containerregistry/pkg/registry"
	"github.com/google/go-containerregistry/pkg/v1/random"
	"github.com/google/go-containerregistry/pkg/v1/remote"

	"github.com/vouch-dev/vouch/internal/attest"
	"github.com/vouch-dev/vouch/internal/signing"
	"github.com/vouch-dev/vouch/internal/vouch"
)

// runVouch runs one command line in-process and returns its exit code
// and output.
func runVouch(t *testing.T, dir string, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	old, _ := os.Getwd()
	if err := os.Chdir(dir); err != nil {
		t.Fatal(err)
	}
	defer os.Chdir(old)
	code := Run(context.Background(), args, strings.NewReader(""), &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

// writeKeyPair writes an unencrypted test key pair as PREFIX.key and
// PREFIX.pub in dir.
func writeKeyPair(t *testing.T, dir, prefix string) {
	t.Helper()
	k, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	der, _ := x509.MarshalPKCS8PrivateKey(k)
	os.WriteFile(filepath.Join(dir, prefix+".key"), pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}), 0o600)
	pub, _ := signing.MarshalPublicKey(&k.PublicKey)
	os.WriteFile(filepath.Join(dir, prefix+".pub"), pub, 0o644)
}

// TestImageCommands signs, attests and verifies an image in a real
// in-process registry, by tag (resolved once to a digest), through the
// command line.
func TestImageCommands(t *testing.T) {
	for _, referrers := range []bool{true, false} {
		t.Run(map[bool]string{true: "referrers", false: "tags"}[referrers], func(t *testing.T) {
			srv := httptest.NewServer(registry.New(registry.Logger(log.New(io.Discard, "", 0)), registry.WithReferrersSupport(referrers)))
			defer srv.Close()
			ref := strings.TrimPrefix(srv.URL, "http://") + "/acme/app:1.0"
			img, _ := random.Image(256, 1)
			tag, _ := name.ParseReference(ref)
			if err := remote.Write(tag, img); err != nil {
				t.Fatal(err)
			}
			d, _ := img.Digest()
			dir := t.TempDir()
			writeKeyPair(t, dir, "release")
			writeKeyPair(t, dir, "other")
			os.WriteFile(filepath.Join(dir, "scan.json"), []byte(`{"schemaVersion":"1","tool":{"name":"vouch","version":"test"},"target":{"kind":"image","name":"app"},"scanners":["vuln"],"findings":[{"kind":"vulnerability","id":"CVE-2024-1","severity":"CRITICAL","location":{"path":"usr/lib/libx.so"}}],"suppressed":[],"summary":{"total":1,"bySeverity":{"critical":1,"high":0,"medium":0,"low":0,"none":0,"unknown":0}},"createdAt":"2024-01-01T00:00:00Z"}`), 0o644)
			os.WriteFile(filepath.Join(dir, "sbom.json"), []byte(`{"bomFormat":"CycloneDX","specVersion":"1.6"}`), 0o644)
			os.WriteFile(filepath.Join(dir, "policy.yaml"), []byte("keys: [release.pub]\npredicates: [cyclonedx]\nscan:\n  maxSeverity: high\n"), 0o644)

			code, out, errOut := runVouch(t, dir, "sign", "--key", "release.key", ref)
			if code != 0 {
				t.Fatalf("sign: %d %s", code, errOut)
			}
			wantRef := strings.TrimSuffix(ref, ":1.0") + "@" + d.String()
			if strings.TrimSpace(out) != wantRef {
				t.Fatalf("sign printed %q, want %q", out, wantRef)
			}
			if referrers != strings.Contains(errOut, "OCI referrer") {
				t.Fatalf("referrer use: %s", errOut)
			}
			code, out, errOut = runVouch(t, dir, "verify", "--key", "release.pub", ref)
			if code != 0 || !strings.Contains(out, "ok  signature") {
				t.Fatalf("verify: %d %s %s", code, out, errOut)
			}
			if code, _, _ := runVouch(t, dir, "verify", "--key", "other.pub", ref); code != 1 {
				t.Fatalf("verify with another key: exit %d", code)
			}
			for _, a := range [][]string{{"cyclonedx", "sbom.json"}, {"vouch-scan", "scan.json"}} {
				if code, _, errOut := runVouch(t, dir, "attest", "--key", "release.key", "--type", a[0], "--predicate", a[1], wantRef); code != 0 {
					t.Fatalf("attest %s: %d %s", a[0], code, errOut)
				}
			}
			code, out, errOut = runVouch(t, dir, "verify-attestation", "--key", "release.pub", "--type", "cyclonedx", ref)
			if code != 0 || !strings.Contains(out, `"predicateType":"https://cyclonedx.org/bom"`) || strings.Contains(out, "vouch.dev/scan") {
				t.Fatalf("verify-attestation: %d %s %s", code, out, errOut)
			}
			// The policy wants nothing above HIGH; the scan found a CRITICAL.
			code, out, errOut = runVouch(t, dir, "verify", "--policy", "policy.yaml", ref)
			if code != 1 || !strings.Contains(out, "FAIL  scan nothing above HIGH") || !strings.Contains(out, "CVE-2024-1 (CRITICAL)") {
				t.Fatalf("policy: %d\n%s\n%s", code, out, errOut)
			}
			if !strings.Contains(out, "ok    signature") || !strings.Contains(out, "ok    attestation https://cyclonedx.org/bom") {
				t.Fatalf("policy passes: %s", out)
			}
		})
	}
}

// TestAttestResult is the hook scan and sbom call for --attest: a file
// target gets TARGET.<type>.sigstore.json, an image in a registry gets the
// attestation attached where cosign looks.
func TestAttestResult(t *testing.T) {
	dir := t.TempDir()
	writeKeyPair(t, dir, "k")
	target := filepath.Join(dir, "app.tar")
	os.WriteFile(target, []byte("artifact"), 0o644)
	var stderr bytes.Buffer
	e := &env{ctx: context.Background(), stdin: strings.NewReader(""), stdout: io.Discard, stderr: &stderr, getenv: func(string) string { return "" }, cfg: DefaultConfig()}
	pred := map[string]any{"bomFormat": "CycloneDX", "specVersion": "1.6"}
	tgt := vouch.Target{Kind: vouch.TargetFile, Name: target, Digest: vouch.SHA256Bytes([]byte("artifact"))}

	// Without --attest nothing happens.
	if err := e.attestResult(&attestFlags{key: filepath.Join(dir, "k.key")}, tgt, attest.CycloneDX, pred); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(target + ".cdx.sigstore.json"); err == nil {
		t.Fatal("attested without --attest")
	}
	af := &attestFlags{attest: true, key: filepath.Join(dir, "k.key")}
	if err := e.attestResult(af, tgt, attest.CycloneDX, pred); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runVouch(t, dir, "verify-attestation", "app.tar", "--key", "k.pub", "--bundle", "app.tar.cdx.sigstore.json", "--type", "cyclonedx")
	if code != 0 || !strings.Contains(out, `"name":"app.tar"`) {
		t.Fatalf("%d %s %s", code, out, errOut)
	}
	// A directory has no digest: a clear input error.
	err := e.attestResult(af, vouch.Target{Kind: vouch.TargetDirectory, Name: dir}, attest.VouchScan, pred)
	if err == nil || vouch.ExitCode(err) != 2 || !strings.Contains(err.Error(), "no digest") {
		t.Fatalf("directory: %v", err)
	}
	// An image in a registry: attached to it.
	srv := httptest.NewServer(registry.New(registry.Logger(log.New(io.Discard, "", 0))))
	defer srv.Close()
	ref := strings.TrimPrefix(srv.URL, "http://") + "/acme/app:1.0"
	img, _ := random.Image(64, 1)
	tag, _ := name.ParseReference(ref)
	remote.Write(tag, img)
	d, _ := img.Digest()
	imgTarget := vouch.Target{Kind: vouch.TargetImage, Name: ref, Digest: vouch.Digest{Algorithm: d.Algorithm, Hex: d.Hex}}
	if err := e.attestResult(af, imgTarget, attest.CycloneDX, pred); err != nil {
		t.Fatal(err)
	}
	code, out, errOut = runVouch(t, dir, "verify-attestation", ref, "--key", "k.pub", "--type", "cyclonedx")
	if code != 0 || !strings.Contains(out, `"name":"`+strings.TrimSuffix(ref, ":1.0")+`"`) {
		t.Fatalf("%d %s %s", code, out, errOut)
	}
}
