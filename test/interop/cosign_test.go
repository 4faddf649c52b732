//go:build interop

// Package interop checks that vouch and the real cosign accept each
// other's keys, signatures, attestations and image signatures, offline,
// in both directions. It needs a cosign binary ($COSIGN, else cosign in
// PATH) and runs only with the build tag:
//
//	go install github.com/sigstore/cosign/v3/cmd/cosign@v3.1.3
//	go test -tags interop ./test/interop -v
//
// vouch runs in-process through cli.Run, the same code as the binary.
// Images live in go-containerregistry's in-process registry on loopback,
// once with the OCI 1.1 referrers API and once without it.
package interop

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-containerregistry/pkg/name"
	"github.com/google/go-containerregistry/pkg/registry"
	"github.com/google/go-containerregistry/pkg/v1/random"
	"github.com/google/go-containerregistry/pkg/v1/remote"

	"github.com/vouch-dev/vouch/internal/cli"
)

const password = "interop-test"

func cosignPath(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("COSIGN"); p != "" {
		return p
	}
	p, err := exec.LookPath("cosign")
	if err != nil {
		t.Fatal("no cosign: set COSIGN or put cosign in PATH (go install github.com/sigstore/cosign/v3/cmd/cosign@v3.1.3)")
	}
	return p
}

// env is one test's working directory with keys of both tools.
type env struct {
	t      *testing.T
	dir    string
	cosign string
}

var chdirMu sync.Mutex

// vouch runs a vouch command line in the test's directory.
func (e *env) vouch(args ...string) (int, string) {
	e.t.Helper()
	chdirMu.Lock()
	defer chdirMu.Unlock()
	old, _ := os.Getwd()
	os.Chdir(e.dir)
	defer os.Chdir(old)
	var out, errOut bytes.Buffer
	code := cli.Run(context.Background(), args, strings.NewReader(""), &out, &errOut)
	return code, out.String() + errOut.String()
}

func (e *env) mustVouch(args ...string) string {
	e.t.Helper()
	code, out := e.vouch(args...)
	if code != 0 {
		e.t.Fatalf("vouch %s: exit %d\n%s", strings.Join(args, " "), code, out)
	}
	return out
}

func (e *env) failVouch(args ...string) {
	e.t.Helper()
	if code, out := e.vouch(args...); code != 1 {
		e.t.Fatalf("vouch %s: exit %d, want 1\n%s", strings.Join(args, " "), code, out)
	}
}

// cosignRun runs cosign in the test's directory.
func (e *env) cosignRun(args ...string) (error, string) {
	e.t.Helper()
	cmd := exec.Command(e.cosign, args...)
	cmd.Dir = e.dir
	cmd.Env = append(os.Environ(), "COSIGN_PASSWORD="+password, "TUF_ROOT="+filepath.Join(e.dir, ".sigstore"), "SIGSTORE_NO_CACHE=1", "HOME="+e.dir)
	out, err := cmd.CombinedOutput()
	return err, string(out)
}

func (e *env) mustCosign(args ...string) string {
	e.t.Helper()
	err, out := e.cosignRun(args...)
	if err != nil {
		e.t.Fatalf("cosign %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return out
}

func (e *env) failCosign(args ...string) {
	e.t.Helper()
	if err, out := e.cosignRun(args...); err == nil {
		e.t.Fatalf("cosign %s succeeded, want failure\n%s", strings.Join(args, " "), out)
	}
}

func (e *env) write(name, content string) string {
	p := filepath.Join(e.dir, name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		e.t.Fatal(err)
	}
	return name
}

// emptySigningConfig makes cosign v3 sign offline: no transparency log,
// no timestamp authority, no certificate authority.
const emptySigningConfig = `{"mediaType":"application/vnd.dev.sigstore.signingconfig.v0.2+json"}`

func newEnv(t *testing.T) *env {
	t.Setenv("VOUCH_PASSWORD", password)
	e := &env{t: t, dir: t.TempDir(), cosign: cosignPath(t)}
	e.write("empty-signing-config.json", emptySigningConfig)
	e.mustVouch("key", "generate", "--output-key-prefix", "vouch")
	e.mustVouch("key", "generate", "--algorithm", "ed25519", "--output-key-prefix", "vouch-ed25519")
	e.mustCosign("generate-key-pair", "--output-key-prefix", "cosign")
	return e
}

const provenance = `{"buildDefinition":{"buildType":"https://vouch.dev/build/v1","externalParameters":{"command":["make"],"source":{"repository":"https://github.com/acme/app","ref":"refs/heads/main","commit":"0123456789abcdef0123456789abcdef01234567","dirty":false},"workingDir":"."}},"runDetails":{"builder":{"id":"https://vouch.dev/build/local"},"metadata":{"startedOn":"2024-05-01T00:00:00Z","finishedOn":"2024-05-01T00:01:00Z"}}}`

func TestBlobs(t *testing.T) {
	e := newEnv(t)
	e.write("app.bin", "release payload\n")
	e.write("tampered.bin", "release payloaD\n")

	t.Run("cosign verifies vouch", func(t *testing.T) {
		for _, k := range []string{"vouch", "vouch-ed25519"} {
			e.mustVouch("sign", "--key", k+".key", "--bundle", k+".bundle", "--signature", k+".sig", "app.bin")
			e.mustCosign("verify-blob", "--key", k+".pub", "--bundle", k+".bundle", "--insecure-ignore-tlog", "app.bin")
			e.mustCosign("verify-blob", "--key", k+".pub", "--signature", k+".sig", "--insecure-ignore-tlog", "--new-bundle-format=false", "app.bin")
			e.failCosign("verify-blob", "--key", k+".pub", "--bundle", k+".bundle", "--insecure-ignore-tlog", "tampered.bin")
			e.failCosign("verify-blob", "--key", k+".pub", "--signature", k+".sig", "--insecure-ignore-tlog", "--new-bundle-format=false", "tampered.bin")
			e.failCosign("verify-blob", "--key", "cosign.pub", "--bundle", k+".bundle", "--insecure-ignore-tlog", "app.bin")
		}
	})
	t.Run("vouch verifies cosign", func(t *testing.T) {
		e.mustCosign("sign-blob", "--key", "cosign.key", "--bundle", "c.bundle", "--signing-config", "empty-signing-config.json", "app.bin")
		e.mustCosign("sign-blob", "--key", "cosign.key", "--new-bundle-format=false", "--tlog-upload=false", "--use-signing-config=false", "--output-signature", "c.sig", "--yes", "app.bin")
		e.mustVouch("verify", "app.bin", "--key", "cosign.pub", "--bundle", "c.bundle")
		e.mustVouch("verify", "app.bin", "--key", "cosign.pub", "--signature", "c.sig")
		e.failVouch("verify", "tampered.bin", "--key", "cosign.pub", "--bundle", "c.bundle")
		e.failVouch("verify", "tampered.bin", "--key", "cosign.pub", "--signature", "c.sig")
		e.failVouch("verify", "app.bin", "--key", "vouch.pub", "--bundle", "c.bundle")
	})
	t.Run("keys cross over", func(t *testing.T) {
		// cosign signs with a key vouch made; vouch signs with cosign's.
		e.mustCosign("sign-blob", "--key", "vouch.key", "--bundle", "cv.bundle", "--signing-config", "empty-signing-config.json", "app.bin")
		e.mustVouch("verify", "app.bin", "--key", "vouch.pub", "--bundle", "cv.bundle")
		e.mustVouch("sign", "--key", "cosign.key", "--bundle", "vc.bundle", "app.bin")
		e.mustCosign("verify-blob", "--key", "cosign.pub", "--bundle", "vc.bundle", "--insecure-ignore-tlog", "app.bin")
	})
}

func TestBlobAttestations(t *testing.T) {
	e := newEnv(t)
	e.write("app.bin", "release payload\n")
	e.write("tampered.bin", "release payloaD\n")
	e.write("prov.json", provenance)

	t.Run("cosign verifies vouch", func(t *testing.T) {
		e.mustVouch("attest", "--key", "vouch.key", "--predicate", "prov.json", "--type", "slsaprovenance1", "--subject", "app.bin", "--bundle", "v.att")
		e.mustCosign("verify-blob-attestation", "--key", "vouch.pub", "--bundle", "v.att", "--type", "slsaprovenance1", "--insecure-ignore-tlog", "app.bin")
		e.failCosign("verify-blob-attestation", "--key", "vouch.pub", "--bundle", "v.att", "--type", "slsaprovenance1", "--insecure-ignore-tlog", "tampered.bin")
		e.failCosign("verify-blob-attestation", "--key", "vouch.pub", "--bundle", "v.att", "--type", "cyclonedx", "--insecure-ignore-tlog", "app.bin")
	})
	t.Run("vouch verifies cosign", func(t *testing.T) {
		e.mustCosign("attest-blob", "--key", "cosign.key", "--predicate", "prov.json", "--type", "slsaprovenance1", "--bundle", "c.att", "--signing-config", "empty-signing-config.json", "app.bin")
		out := e.mustVouch("verify-attestation", "app.bin", "--key", "cosign.pub", "--bundle", "c.att", "--type", "slsaprovenance1")
		if !strings.Contains(out, `"predicateType":"https://slsa.dev/provenance/v1"`) {
			t.Fatalf("no statement printed:\n%s", out)
		}
		e.failVouch("verify-attestation", "tampered.bin", "--key", "cosign.pub", "--bundle", "c.att", "--type", "slsaprovenance1")
		e.failVouch("verify-attestation", "app.bin", "--key", "cosign.pub", "--bundle", "c.att", "--type", "cyclonedx")
	})
}

// startRegistry serves an in-process registry on loopback and pushes a
// random image; it returns the image's tag reference.
func startRegistry(t *testing.T, referrers bool) string {
	t.Helper()
	srv := httptest.NewServer(registry.New(registry.Logger(log.New(io.Discard, "", 0)), registry.WithReferrersSupport(referrers)))
	t.Cleanup(srv.Close)
	ref := strings.TrimPrefix(srv.URL, "http://") + "/acme/app:1.0"
	img, err := random.Image(1024, 3)
	if err != nil {
		t.Fatal(err)
	}
	tag, _ := name.ParseReference(ref)
	if err := remote.Write(tag, img); err != nil {
		t.Fatal(err)
	}
	d, _ := img.Digest()
	return strings.TrimSuffix(ref, ":1.0") + "@" + d.String()
}

func TestImages(t *testing.T) {
	for _, referrers := range []bool{true, false} {
		t.Run(fmt.Sprintf("referrers=%v", referrers), func(t *testing.T) {
			e := newEnv(t)
			e.write("prov.json", provenance)
			e.write("sbom.json", `{"bomFormat":"CycloneDX","specVersion":"1.6","version":1}`)
			e.write("vuln.json", `{"invocation":{"uri":"","event_id":"","builder.id":""},"scanner":{"uri":"","version":"","db":{"uri":"","version":""},"result":null},"metadata":{"scanStartedOn":"2024-05-01T00:00:00Z","scanFinishedOn":"2024-05-01T00:00:00Z"}}`)
			img := startRegistry(t, referrers)
			cosignReg := []string{"--allow-http-registry", "--insecure-ignore-tlog"}

			t.Run("cosign verifies vouch", func(t *testing.T) {
				e.mustVouch("sign", "--key", "vouch.key", img)
				e.mustCosign(append([]string{"verify", "--key", "vouch.pub"}, append(cosignReg, img)...)...)
				e.failCosign(append([]string{"verify", "--key", "cosign.pub"}, append(cosignReg, img)...)...)
				for _, a := range [][]string{{"slsaprovenance1", "prov.json"}, {"cyclonedx", "sbom.json"}, {"vuln", "vuln.json"}} {
					e.mustVouch("attest", "--key", "vouch.key", "--type", a[0], "--predicate", a[1], img)
				}
				for _, typ := range []string{"slsaprovenance1", "cyclonedx", "vuln"} {
					e.mustCosign(append([]string{"verify-attestation", "--key", "vouch.pub", "--type", typ}, append(cosignReg, img)...)...)
				}
				// cosign's own legacy (tag-based) reader accepts vouch's tags
				// whether or not referrers exist.
				e.mustCosign(append([]string{"verify", "--key", "vouch.pub", "--new-bundle-format=false"}, append(cosignReg, img)...)...)
				e.mustCosign(append([]string{"verify-attestation", "--key", "vouch.pub", "--new-bundle-format=false", "--type", "slsaprovenance1"}, append(cosignReg, img)...)...)
			})
			t.Run("vouch verifies cosign", func(t *testing.T) {
				img := startRegistry(t, referrers)
				// cosign v3 (bundles as referrers) and cosign's legacy tags.
				e.mustCosign("sign", "--key", "cosign.key", "--allow-http-registry", "--signing-config", "empty-signing-config.json", "--yes", img)
				e.mustCosign("attest", "--key", "cosign.key", "--allow-http-registry", "--signing-config", "empty-signing-config.json", "--type", "slsaprovenance1", "--predicate", "prov.json", "--yes", img)
				if out := e.mustVouch("verify", img, "--key", "cosign.pub"); !strings.Contains(out, "referrer bundle") {
					t.Fatalf("cosign v3's bundle signature not found:\n%s", out)
				}
				out := e.mustVouch("verify-attestation", img, "--key", "cosign.pub", "--type", "slsaprovenance1")
				if !strings.Contains(out, `"predicateType":"https://slsa.dev/provenance/v1"`) {
					t.Fatalf("no statement:\n%s", out)
				}
				e.failVouch("verify", img, "--key", "vouch.pub")

				legacy := startRegistry(t, referrers)
				e.mustCosign("sign", "--key", "cosign.key", "--allow-http-registry", "--new-bundle-format=false", "--tlog-upload=false", "--use-signing-config=false", "--yes", legacy)
				e.mustCosign("attest", "--key", "cosign.key", "--allow-http-registry", "--new-bundle-format=false", "--tlog-upload=false", "--use-signing-config=false", "--type", "cyclonedx", "--predicate", "sbom.json", "--yes", legacy)
				if out := e.mustVouch("verify", legacy, "--key", "cosign.pub"); !strings.Contains(out, ".sig layer") {
					t.Fatalf("cosign's legacy signature not found:\n%s", out)
				}
				if out := e.mustVouch("verify-attestation", legacy, "--key", "cosign.pub", "--type", "cyclonedx"); !strings.Contains(out, ".att layer") {
					t.Fatalf("cosign's legacy attestation not found:\n%s", out)
				}
			})
		})
	}
}
