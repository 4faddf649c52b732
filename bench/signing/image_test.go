// Package signingbench measures verifying an image's evidence from a
// registry on loopback: vouch as a library, vouch as a process, and cosign
// doing the same work, in alternating runs. See README.md.
package signingbench

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"io"
	"log"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-containerregistry/pkg/name"
	"github.com/google/go-containerregistry/pkg/registry"
	"github.com/google/go-containerregistry/pkg/v1/random"
	"github.com/google/go-containerregistry/pkg/v1/remote"

	"github.com/vouch-dev/vouch/internal/attest"
	"github.com/vouch-dev/vouch/internal/signing"
)

// fixture is one image with a signature and three attestations (SLSA
// provenance, CycloneDX, cosign's vuln) stored as vouch stores them: the
// .sig and .att tags and, the registry supporting them, OCI referrers.
type fixture struct {
	ref     string // by digest
	dir     string // keys and policy
	pub     signing.Verifier
	cleanup func()
}

var predicates = map[string]string{
	attest.SLSAProvenanceV1: `{"buildDefinition":{"buildType":"https://vouch.dev/build/v1","externalParameters":{}},"runDetails":{"builder":{"id":"https://vouch.dev/build/local"},"metadata":{"finishedOn":"2024-05-01T00:00:00Z"}}}`,
	attest.CycloneDX:        `{"bomFormat":"CycloneDX","specVersion":"1.6","version":1,"components":[{"type":"library","name":"lodash","version":"4.17.21"}]}`,
	attest.CosignVuln:       `{"scanner":{"uri":"https://vouch.dev","version":"1"},"metadata":{"scanStartedOn":"2024-05-01T00:00:00Z","scanFinishedOn":"2024-05-01T00:00:00Z"}}`,
}

func newFixture(b *testing.B) *fixture {
	b.Helper()
	srv := httptest.NewServer(registry.New(registry.Logger(log.New(io.Discard, "", 0)), registry.WithReferrersSupport(true)))
	img, err := random.Image(4096, 4)
	if err != nil {
		b.Fatal(err)
	}
	tagRef := strings.TrimPrefix(srv.URL, "http://") + "/acme/app:1.0"
	tag, _ := name.ParseReference(tagRef)
	if err := remote.Write(tag, img); err != nil {
		b.Fatal(err)
	}
	d, _ := img.Digest()
	ref := strings.TrimSuffix(tagRef, ":1.0") + "@" + d.String()

	dir := b.TempDir()
	k, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	der, _ := x509.MarshalPKCS8PrivateKey(k)
	os.WriteFile(filepath.Join(dir, "k.key"), pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}), 0o600)
	pubPEM, _ := signing.MarshalPublicKey(&k.PublicKey)
	os.WriteFile(filepath.Join(dir, "k.pub"), pubPEM, 0o644)
	os.WriteFile(filepath.Join(dir, "policy.yaml"), []byte("keys: [k.pub]\npredicates: [slsaprovenance1, cyclonedx, vuln]\n"), 0o644)

	ctx := context.Background()
	s, _ := signing.NewSigner(k)
	v, _ := signing.NewVerifier(&k.PublicKey)
	reg := signing.NewRegistry(signing.RegistryOptions{})
	im, err := reg.Resolve(ctx, ref)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := attest.SignImage(ctx, reg, s, im); err != nil {
		b.Fatal(err)
	}
	for pt, p := range predicates {
		st, err := attest.NewStatement(im.Repository, im.Digest, pt, json.RawMessage(p))
		if err != nil {
			b.Fatal(err)
		}
		if _, err := attest.AttestImage(ctx, reg, s, im, st); err != nil {
			b.Fatal(err)
		}
	}
	return &fixture{ref: ref, dir: dir, pub: v, cleanup: srv.Close}
}

// BenchmarkVerifyImage verifies an image's signature and its three
// attestations from a registry on loopback, as 'vouch verify --policy'
// does: resolve the reference, read the .sig and .att tags and the
// referrers in parallel, check every signature. Each iteration starts a
// new registry client (no warm connections or tokens).
func BenchmarkVerifyImage(b *testing.B) {
	f := newFixture(b)
	defer f.cleanup()
	ctx := context.Background()
	for b.Loop() {
		reg := signing.NewRegistry(signing.RegistryOptions{})
		im, err := reg.Resolve(ctx, f.ref)
		if err != nil {
			b.Fatal(err)
		}
		ev, err := attest.FetchImageEvidence(ctx, reg, im, []signing.Verifier{f.pub})
		if err != nil {
			b.Fatal(err)
		}
		if len(ev.Signatures) == 0 || len(ev.Rejected) != 0 {
			b.Fatalf("%+v", ev)
		}
		for pt := range predicates {
			if len(ev.ByType(pt)) == 0 {
				b.Fatalf("no %s", pt)
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N), "ms/verify")
}

var (
	buildOnce sync.Once
	vouchBin  string
	buildErr  error
)

// vouchBinary builds cmd/vouch once.
func vouchBinary(b *testing.B) string {
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "vouch-bench-")
		if err != nil {
			buildErr = err
			return
		}
		vouchBin = filepath.Join(dir, "vouch")
		out, err := exec.Command("go", "build", "-o", vouchBin, "github.com/vouch-dev/vouch/cmd/vouch").CombinedOutput()
		if err != nil {
			buildErr = err
			b.Log(string(out))
		}
	})
	if buildErr != nil {
		b.Fatal(buildErr)
	}
	return vouchBin
}

func cosignBinary(b *testing.B) string {
	if p := os.Getenv("COSIGN"); p != "" {
		return p
	}
	p, err := exec.LookPath("cosign")
	if err != nil {
		b.Skip("cosign not found: set COSIGN or put it in PATH")
	}
	return p
}

// BenchmarkProcessVsCosign runs, alternately, the vouch binary and the
// cosign binary verifying the same image's signature and three
// attestations: one 'vouch verify --policy' (whose policy requires the
// three predicate types), and 'cosign verify' plus one 'cosign
// verify-attestation --type T' per type, which is how cosign checks the
// same. It reports the median wall time of each and their ratio.
func BenchmarkProcessVsCosign(b *testing.B) {
	f := newFixture(b)
	defer f.cleanup()
	vouch, cosign := vouchBinary(b), cosignBinary(b)
	env := append(os.Environ(), "HOME="+f.dir, "TUF_ROOT="+filepath.Join(f.dir, ".sigstore"))
	run := func(bin string, args ...string) time.Duration {
		cmd := exec.Command(bin, args...)
		cmd.Dir, cmd.Env = f.dir, env
		start := time.Now()
		if out, err := cmd.CombinedOutput(); err != nil {
			b.Fatalf("%s %v: %v\n%s", filepath.Base(bin), args, err, out)
		}
		return time.Since(start)
	}
	var vouchTimes, cosignTimes, cosignSigTimes []time.Duration
	for b.Loop() {
		vouchTimes = append(vouchTimes, run(vouch, "verify", f.ref, "--policy", "policy.yaml", "-q"))
		sig := run(cosign, "verify", "--key", "k.pub", "--allow-http-registry", "--insecure-ignore-tlog", f.ref)
		total := sig
		for _, typ := range []string{"slsaprovenance1", "cyclonedx", "vuln"} {
			total += run(cosign, "verify-attestation", "--key", "k.pub", "--type", typ, "--allow-http-registry", "--insecure-ignore-tlog", f.ref)
		}
		cosignSigTimes = append(cosignSigTimes, sig)
		cosignTimes = append(cosignTimes, total)
	}
	mv, mc, ms := median(vouchTimes), median(cosignTimes), median(cosignSigTimes)
	b.ReportMetric(ms2(mv), "vouch-ms")
	b.ReportMetric(ms2(mc), "cosign-ms")
	b.ReportMetric(ms2(ms), "cosign-verify-only-ms")
	b.ReportMetric(float64(mc)/float64(mv), "cosign/vouch")
	b.Logf("GOMAXPROCS %d; medians over %d alternating runs: vouch %v, cosign (verify + 3 verify-attestation) %v, cosign verify alone %v", runtime.GOMAXPROCS(0), len(vouchTimes), mv, mc, ms)
}

func median(d []time.Duration) time.Duration {
	s := slices.Clone(d)
	slices.Sort(s)
	return s[len(s)/2]
}

func ms2(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
