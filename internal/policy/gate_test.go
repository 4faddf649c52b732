package policy

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/vouch-dev/vouch/internal/attest"
	"github.com/vouch-dev/vouch/internal/attest/schematest"
	"github.com/vouch-dev/vouch/internal/report"
	"github.com/vouch-dev/vouch/internal/signing"
	"github.com/vouch-dev/vouch/internal/vouch"
)

type keyPair struct {
	s signing.Signer
	v signing.Verifier
}

func newKey(t testing.TB) keyPair {
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
	return keyPair{s, v}
}

var testNow = time.Date(2026, 11, 24, 12, 0, 0, 0, time.UTC)

// fixture is an artifact with a directory for its evidence.
type fixture struct {
	t        testing.TB
	dir      string
	artifact string
	digest   vouch.Digest
	release  keyPair
}

func newFixture(t testing.TB) *fixture {
	t.Helper()
	dir := t.TempDir()
	art := filepath.Join(dir, "app")
	if err := os.WriteFile(art, []byte("the binary"), 0o644); err != nil {
		t.Fatal(err)
	}
	return &fixture{t: t, dir: dir, artifact: art, digest: vouch.SHA256Bytes([]byte("the binary")), release: newKey(t)}
}

func (f *fixture) write(name string, v any) string {
	f.t.Helper()
	var b []byte
	switch x := v.(type) {
	case []byte:
		b = x
	case string:
		b = []byte(x)
	default:
		var err error
		if b, err = json.Marshal(v); err != nil {
			f.t.Fatal(err)
		}
	}
	p := filepath.Join(f.dir, name)
	if err := os.WriteFile(p, b, 0o644); err != nil {
		f.t.Fatal(err)
	}
	return p
}

// attest signs a statement about the artifact (or subject) with k.
func (f *fixture) attest(name string, k keyPair, subject vouch.Digest, predicateType string, predicate any) string {
	f.t.Helper()
	st, err := attest.NewStatement("app", subject, predicateType, predicate)
	if err != nil {
		f.t.Fatal(err)
	}
	b, err := attest.Sign(context.Background(), k.s, st)
	if err != nil {
		f.t.Fatal(err)
	}
	raw, err := b.Marshal()
	if err != nil {
		f.t.Fatal(err)
	}
	return f.write(name, raw)
}

func (f *fixture) sign(name string) string {
	f.t.Helper()
	fh, err := os.Open(f.artifact)
	if err != nil {
		f.t.Fatal(err)
	}
	defer fh.Close()
	b, err := signing.SignBlob(context.Background(), f.release.s, fh)
	if err != nil {
		f.t.Fatal(err)
	}
	raw, _ := b.Marshal()
	return f.write(name, raw)
}

func scanResult(created time.Time, scanners []string, findings ...vouch.Finding) *report.Result {
	if findings == nil {
		findings = []vouch.Finding{}
	}
	return &report.Result{
		SchemaVersion: report.SchemaVersion, Tool: report.Tool{Name: "vouch", Version: "test"},
		Target: vouch.Target{Kind: vouch.TargetDirectory, Name: "."}, Scanners: scanners,
		Findings: findings, Suppressed: []vouch.Finding{}, CreatedAt: created,
	}
}

func vuln(id, pkg, version, fixed string, sev vouch.Severity, aliases ...string) vouch.Finding {
	return vouch.Finding{
		Kind: vouch.KindVulnerability, ID: id, Aliases: aliases, Severity: sev, FixedIn: fixed,
		Location: vouch.Location{Path: "go.mod", Line: 3},
		Package:  &vouch.Package{Ecosystem: "Go", Name: pkg, Version: version, PURL: "pkg:golang/" + pkg + "@" + version},
	}
}

const cdx = `{"bomFormat":"CycloneDX","specVersion":"1.6","version":1,"components":[
 {"type":"library","name":"golang.org/x/net","version":"v0.1.0","purl":"pkg:golang/golang.org/x/net@v0.1.0","licenses":[{"license":{"id":"BSD-3-Clause"}}]},
 {"type":"library","name":"evil","version":"1.0.0","purl":"pkg:npm/evil@1.0.0","licenses":[{"license":{"id":"AGPL-3.0-only"}}]}]}`

const sarifDoc = `{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"CodeQL","rules":[
 {"id":"go/sql-injection","properties":{"security-severity":"8.8"}},
 {"id":"go/log-injection","defaultConfiguration":{"level":"note"}}]}},
 "results":[
 {"ruleId":"go/sql-injection","ruleIndex":0,"level":"error","message":{"text":"query built from user input"},"locations":[{"physicalLocation":{"artifactLocation":{"uri":"db.go"},"region":{"startLine":42}}}]},
 {"ruleId":"go/log-injection","message":{"text":"log entry from user input"}},
 {"ruleId":"go/sql-injection","level":"error","message":{"text":"accepted"},"suppressions":[{"kind":"external"}]}]}]}`

func engine(t testing.TB, opts EngineOptions) *Engine {
	t.Helper()
	e, err := NewEngine(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func (f *fixture) sources(env string, files ...string) *Sources {
	s, _ := Preset(env)
	return &Sources{
		Environment: env, Artifact: vouch.Subject{Name: "app", Digest: f.digest}, ArtifactPath: f.artifact,
		Files: files, Keys: []signing.Verifier{f.release.v}, Settings: s, Now: testNow,
		Context: vouch.GateContext{Repository: "github.com/acme/app", Branch: "main", Commit: "abc123", Actor: "deployer@acme.example", Author: "dev@acme.example"},
	}
}

// checkDecisionSchema holds a real decision to the published schema of
// its attestation predicate, and the gate's input to its schema.
func checkDecisionSchema(t *testing.T, d *vouch.Decision) {
	t.Helper()
	b, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	if err := schematest.Validate(attest.VouchDecision, b); err != nil {
		t.Errorf("decision does not match decision-v1.json: %v", err)
	}
}

func policiesOf(vs []vouch.Violation) map[string]int {
	m := map[string]int{}
	for _, v := range vs {
		m[v.Policy]++
	}
	return m
}

// TestGateReadsEveryKindOfEvidence: a release with everything production
// asks for is allowed; each piece taken away brings the violation that
// names it.
func TestGateReadsEveryKindOfEvidence(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	alice := newKey(t)
	prov := map[string]any{
		"buildDefinition": map[string]any{
			"buildType": "https://vouch.dev/build/v1",
			"externalParameters": map[string]any{"source": map[string]any{
				"repository": "https://github.com/acme/app", "ref": "refs/heads/main", "commit": "abc123", "dirty": false}},
		},
		"runDetails": map[string]any{"builder": map[string]any{"id": "https://vouch.dev/build/v1@local"}},
	}
	clean := scanResult(testNow.Add(-time.Hour), []string{"vuln", "secret", "misconfig"})
	files := []string{
		f.sign("app.sigstore.json"),
		f.attest("scan.json", f.release, f.digest, attest.VouchScan, clean),
		f.attest("prov.json", f.release, f.digest, attest.SLSAProvenanceV1, prov),
		f.attest("sbom.json", f.release, f.digest, attest.CycloneDX, json.RawMessage(strings.Replace(cdx, "AGPL-3.0-only", "MIT", 1))),
		f.attest("approval.json", alice, f.digest, ApprovalPredicate, map[string]string{"environment": "production", "approver": "alice@acme.example", "approvedAt": testNow.Format(time.RFC3339)}),
	}
	e := engine(t, EngineOptions{})
	src := f.sources("production", files...)
	src.Approvers = map[string][]signing.Verifier{"alice@acme.example": {alice.v}}
	d, err := Gate(ctx, e, src, nil, "vouch test")
	if err != nil {
		t.Fatal(err)
	}
	if d.Verdict != vouch.Allow {
		t.Fatalf("verdict %s, violations %+v\nevidence %+v", d.Verdict, d.Violations, d.Evidence)
	}
	for _, ev := range d.Evidence {
		if !ev.Signed || ev.Rejected != "" {
			t.Errorf("evidence %s (%s): signed %v, rejected %q", ev.ID, ev.Source, ev.Signed, ev.Rejected)
		}
	}
	checkDecisionSchema(t, d)
	in, err := BuildInput(ctx, src)
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := json.Marshal(in)
	if err := validateInput(gateInputSchema(t), raw); err != nil {
		t.Errorf("the input built from real evidence does not match gate-input-v1.json: %v", err)
	}
	if len(d.Policies) != 10 || d.PolicyDigest.IsZero() || d.InputDigest.IsZero() {
		t.Errorf("policies %d, digests %s %s", len(d.Policies), d.PolicyDigest, d.InputDigest)
	}

	// The same release without its signature, its approval and its
	// provenance: each missing piece is a denial of its own policy.
	src = f.sources("production", files[1], files[3])
	src.Approvers = map[string][]signing.Verifier{"alice@acme.example": {alice.v}}
	d, err = Gate(ctx, e, src, nil, "vouch test")
	if err != nil {
		t.Fatal(err)
	}
	got := policiesOf(d.Violations)
	for _, p := range []string{"signature", "provenance", "approvals"} {
		if got[p] == 0 {
			t.Errorf("no %s violation; got %v", p, got)
		}
	}
	if d.Verdict != vouch.Deny {
		t.Errorf("verdict %s, want deny", d.Verdict)
	}
}

// TestUnverifiedEvidenceStillHurts: a scan signed by an unknown key does
// not satisfy "signed scans required", yet its findings still count; an
// approval signed by the wrong key is rejected outright.
func TestUnverifiedEvidenceStillHurts(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	mallory := newKey(t)
	bad := scanResult(testNow.Add(-time.Hour), []string{"vuln", "secret", "misconfig"},
		vuln("GO-2024-1", "golang.org/x/net", "v0.1.0", "v0.1.1", vouch.SeverityCritical))
	files := []string{
		f.attest("scan.json", mallory, f.digest, attest.VouchScan, bad),
		f.attest("approval.json", mallory, f.digest, ApprovalPredicate, map[string]string{"environment": "production", "approver": "alice@acme.example", "approvedAt": testNow.Format(time.RFC3339)}),
	}
	src := f.sources("production", files...)
	src.Approvers = map[string][]signing.Verifier{"alice@acme.example": {newKey(t).v}}
	d, err := Gate(ctx, engine(t, EngineOptions{}), src, nil, "vouch test")
	if err != nil {
		t.Fatal(err)
	}
	var vulnFound, scansDenied bool
	for _, v := range d.Violations {
		if v.Policy == "vulnerabilities" && v.Finding == "GO-2024-1" && v.Action == vouch.Deny {
			vulnFound = true
			if len(v.Evidence) != 1 || v.Evidence[0] != "e1" {
				t.Errorf("violation evidence %v, want [e1]", v.Evidence)
			}
		}
		if v.Policy == "scans" && v.Action == vouch.Deny {
			scansDenied = true
		}
	}
	if !vulnFound || !scansDenied {
		t.Errorf("vuln denied %v, scans denied %v: %+v", vulnFound, scansDenied, d.Violations)
	}
	if d.Evidence[0].Signed || !strings.Contains(d.Evidence[0].Rejected, "signature not verified") {
		t.Errorf("scan evidence %+v", d.Evidence[0])
	}
	if !strings.Contains(d.Evidence[1].Rejected, "not signed by a key of any configured approver") {
		t.Errorf("approval evidence %+v", d.Evidence[1])
	}
}

// TestEvidenceAboutAnotherArtifact is rejected, and so is an approval
// whose signer is another approver than the one it names.
func TestEvidenceAboutAnotherArtifact(t *testing.T) {
	f := newFixture(t)
	alice, bob := newKey(t), newKey(t)
	other := vouch.SHA256Bytes([]byte("another binary"))
	files := []string{
		f.attest("prov.json", f.release, other, attest.SLSAProvenanceV1, map[string]any{"buildDefinition": map[string]any{"buildType": "x"}, "runDetails": map[string]any{"builder": map[string]any{"id": "b"}}}),
		f.attest("approval.json", bob, f.digest, ApprovalPredicate, map[string]string{"environment": "production", "approver": "alice@acme.example", "approvedAt": testNow.Format(time.RFC3339)}),
	}
	src := f.sources("production", files...)
	src.Approvers = map[string][]signing.Verifier{"alice@acme.example": {alice.v}, "bob@acme.example": {bob.v}}
	in, err := BuildInput(context.Background(), src)
	if err != nil {
		t.Fatal(err)
	}
	if len(in.Provenance) != 0 || !strings.Contains(in.Evidence[0].Rejected, "not the artifact") {
		t.Errorf("provenance about another artifact accepted: %+v", in.Evidence[0])
	}
	if len(in.Approvals) != 0 || !strings.Contains(in.Evidence[1].Rejected, "signed by the key of bob@acme.example") {
		t.Errorf("approval signed by bob in alice's name: %+v", in.Evidence[1])
	}
}

// TestPlainEvidence: unsigned scans, SBOMs and SARIF are read and
// counted, and their findings summarised.
func TestPlainEvidence(t *testing.T) {
	f := newFixture(t)
	res := scanResult(testNow.Add(-2*time.Hour), []string{"vuln", "secret"},
		vuln("GHSA-aaaa", "golang.org/x/net", "v0.1.0", "", vouch.SeverityHigh, "CVE-2024-1"),
		vouch.Finding{Kind: vouch.KindSecret, ID: "aws-access-key", Severity: vouch.SeverityCritical, Location: vouch.Location{Path: ".env", Line: 2}})
	b, _ := json.Marshal(res)
	files := []string{f.write("scan.json", b), f.write("bom.json", cdx), f.write("codeql.sarif", sarifDoc)}
	in, err := BuildInput(context.Background(), f.sources("staging", files...))
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := json.Marshal(in)
	if err := validateInput(gateInputSchema(t), raw); err != nil {
		t.Errorf("input does not match gate-input-v1.json: %v", err)
	}
	if len(in.Scans) != 1 || len(in.Scans[0].Findings) != 2 || in.Scans[0].AgeSeconds != 7200 || in.Scans[0].Signed {
		t.Errorf("scans %+v", in.Scans)
	}
	if fd := in.Scans[0].Findings[0]; fd.Package != "pkg:golang/golang.org/x/net@v0.1.0" || fd.Severity != "HIGH" || fd.Location != "go.mod:3" {
		t.Errorf("finding %+v", fd)
	}
	if len(in.SBOMs) != 1 || len(in.SBOMs[0].Components) != 2 || in.SBOMs[0].Format != "cyclonedx" {
		t.Errorf("sboms %+v", in.SBOMs)
	}
	if len(in.SARIF) != 1 || in.SARIF[0].Tool != "CodeQL" || len(in.SARIF[0].Results) != 2 {
		t.Fatalf("sarif %+v", in.SARIF)
	}
	r0, r1 := in.SARIF[0].Results[0], in.SARIF[0].Results[1]
	if r0.Severity != "HIGH" || r0.Location != "db.go:42" || r1.Severity != "LOW" || r1.Level != "note" {
		t.Errorf("sarif results %+v %+v", r0, r1)
	}
	d, err := Gate(context.Background(), engine(t, EngineOptions{}), f.sources("production", files...), nil, "t")
	if err != nil {
		t.Fatal(err)
	}
	if d.Summary.Components != 2 || d.Summary.Findings["vulnerability"]["HIGH"] != 1 || d.Summary.Findings["sast"]["HIGH"] != 1 || d.Summary.Licenses["AGPL-3.0-only"] != 1 {
		t.Errorf("summary %+v", d.Summary)
	}
	got := policiesOf(d.Violations)
	for _, p := range []string{"secrets", "sast", "licenses", "vulnerabilities"} {
		if got[p] == 0 {
			t.Errorf("no %s violation: %v", p, got)
		}
	}
}

// TestBadEvidenceIsAnInputError: a missing file, a file that is not
// evidence, and broken JSON each name the file; none is an allow.
func TestBadEvidenceIsAnInputError(t *testing.T) {
	f := newFixture(t)
	e := engine(t, EngineOptions{})
	for name, path := range map[string]string{
		"missing":  filepath.Join(f.dir, "nope.json"),
		"not json": f.write("notes.txt", "hello"),
		"broken":   f.write("broken.json", `{"findings": [`),
		"other":    f.write("other.json", `{"hello": "world"}`),
		"dir":      f.dir,
	} {
		_, err := Gate(context.Background(), e, f.sources("dev", path), nil, "t")
		var ie *vouch.InputError
		if !errors.As(err, &ie) || !strings.Contains(err.Error(), path) {
			t.Errorf("%s: err %v, want an input error naming %s", name, err, path)
		}
	}
}

// TestBrokenPolicy: a policy that does not parse or compile is an input
// error with file and line.
func TestBrokenPolicy(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "acme.rego")
	os.WriteFile(p, []byte("package vouch.gate.acme\n\ndeny contains v if {\n  v := input.nope[\n}\n"), 0o644)
	_, err := NewEngine(context.Background(), EngineOptions{Dirs: []string{dir}})
	var ie *vouch.InputError
	if !errors.As(err, &ie) || !strings.Contains(err.Error(), p+":") {
		t.Errorf("parse error %v", err)
	}
	os.WriteFile(p, []byte("package vouch.gate.acme\n\ndeny contains v if {\n  v := undefined_function(1)\n}\n"), 0o644)
	_, err = NewEngine(context.Background(), EngineOptions{Dirs: []string{dir}})
	if !errors.As(err, &ie) || !strings.Contains(err.Error(), p+":4") {
		t.Errorf("compile error %v", err)
	}
}

// TestUserPolicies extend and replace built-ins; a runtime error in one
// is an error, not an allow.
func TestUserPolicies(t *testing.T) {
	f := newFixture(t)
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "acme.rego"), []byte(`# METADATA
# title: only main
package vouch.gate.acme.branch

deny contains {"msg": sprintf("built from %s, not main", [input.context.branch]), "severity": "CRITICAL"} if input.context.branch != "main"
`), 0o644)
	os.WriteFile(filepath.Join(dir, "sbom.rego"), []byte(`package vouch.gate.sbom

warn contains "the built-in sbom policy is replaced" if true
`), 0o644)
	e := engine(t, EngineOptions{Dirs: []string{dir}, Disable: []string{"signature"}})
	ids := map[string]string{}
	for _, p := range e.Policies() {
		ids[p.ID] = p.Source
	}
	if ids["acme.branch"] == "" || ids["signature"] != "" || ids["sbom"] != filepath.Join(dir, "sbom.rego") || ids["vulnerabilities"] != "builtin" {
		t.Fatalf("policies %v", ids)
	}
	src := f.sources("dev")
	src.Context.Branch = "feature/x"
	d, err := Gate(context.Background(), e, src, nil, "t")
	if err != nil {
		t.Fatal(err)
	}
	var sawBranch, sawSBOM bool
	for _, v := range d.Violations {
		sawBranch = sawBranch || (v.Policy == "acme.branch" && v.Severity == vouch.SeverityCritical && v.Action == vouch.Deny)
		sawSBOM = sawSBOM || (v.Policy == "sbom" && v.Action == vouch.Warn)
	}
	if !sawBranch || !sawSBOM {
		t.Errorf("violations %+v", d.Violations)
	}
	if _, err := NewEngine(context.Background(), EngineOptions{Disable: []string{"nope"}}); err == nil {
		t.Error("disabling an unknown policy was accepted")
	}

	os.WriteFile(filepath.Join(dir, "conflict.rego"), []byte(`package vouch.gate.conflict

x := 1 if true
x := 2 if true
deny contains "never" if x == 3
`), 0o644)
	e = engine(t, EngineOptions{Dirs: []string{dir}})
	if _, err := Gate(context.Background(), e, src, nil, "t"); err == nil || !strings.Contains(err.Error(), "conflict") {
		t.Errorf("a policy that fails at run time gave %v", err)
	}
}

// TestWaivers: a current waiver moves a violation aside (matching by
// alias and by package without version); an expired one does not, and
// is reported; malformed waivers are input errors.
func TestWaivers(t *testing.T) {
	f := newFixture(t)
	res := scanResult(testNow.Add(-time.Hour), []string{"vuln"},
		vuln("GHSA-aaaa", "golang.org/x/net", "v0.1.0", "v0.1.1", vouch.SeverityCritical, "CVE-2024-1"),
		vuln("GHSA-bbbb", "golang.org/x/text", "v0.3.0", "v0.3.8", vouch.SeverityCritical))
	b, _ := json.Marshal(res)
	// Aliases come only from a verified scan: an unsigned file could
	// otherwise claim any finding is an alias of a waived one.
	scan := f.attest("scan.json", f.release, f.digest, attest.VouchScan, res)
	wf := f.write("waivers.yaml", `waivers:
  - id: W-1
    finding: CVE-2024-1
    owner: dev@acme.example
    reason: not reachable from our code
    approver: sec@acme.example
    expires: 2026-12-31
  - id: W-2
    package: pkg:golang/golang.org/x/text
    policy: vulnerabilities
    owner: dev@acme.example
    reason: upgrade scheduled
    approver: sec@acme.example
    expires: 2026-11-01
`)
	ws, err := LoadWaivers(wf)
	if err != nil {
		t.Fatal(err)
	}
	src := f.sources("dev", scan)
	src.Settings.Vulnerabilities.Deny = "HIGH"
	d, err := Gate(context.Background(), engine(t, EngineOptions{}), src, ws, "t")
	if err != nil {
		t.Fatal(err)
	}
	checkDecisionSchema(t, d)
	if len(d.Waived) != 1 || d.Waived[0].Finding != "GHSA-aaaa" || d.Waived[0].Waiver.ID != "W-1" {
		t.Errorf("waived %+v", d.Waived)
	}
	if len(d.ExpiredWaivers) != 1 || d.ExpiredWaivers[0].ID != "W-2" {
		t.Errorf("expired %+v", d.ExpiredWaivers)
	}
	found := false
	for _, v := range d.Violations {
		found = found || v.Finding == "GHSA-bbbb"
	}
	if !found || d.Verdict != vouch.Deny {
		t.Errorf("the expired waiver still applied: %s %+v", d.Verdict, d.Violations)
	}

	for name, doc := range map[string]string{
		"no scope":     "waivers:\n  - {owner: a, reason: r, approver: b, expires: 2026-12-01}\n",
		"self-approve": "waivers:\n  - {finding: X, owner: a, reason: r, approver: a, expires: 2026-12-01}\n",
		"bad date":     "waivers:\n  - {finding: X, owner: a, reason: r, approver: b, expires: soon}\n",
		"unknown key":  "waivers:\n  - {finding: X, owner: a, reason: r, approver: b, expires: 2026-12-01, forever: true}\n",
	} {
		if _, err := LoadWaivers(f.write("w.yaml", doc)); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	// The same scan unsigned: its aliases do not widen W-1.
	src = f.sources("dev", f.write("plain-scan.json", b))
	src.Settings.Vulnerabilities.Deny = "HIGH"
	if d, err := Gate(context.Background(), engine(t, EngineOptions{}), src, ws, "t"); err != nil || len(d.Waived) != 0 {
		t.Errorf("an unsigned scan's aliases widened a waiver: %v %+v", err, d.Waived)
	}
	// Production counts no waiver file: they are listed, rejected.
	src = f.sources("production", scan)
	d, err = Gate(context.Background(), engine(t, EngineOptions{}), src, ws, "t")
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Waived) != 0 || !strings.Contains(d.Evidence[len(d.Evidence)-1].Rejected, "unsigned waiver file") {
		t.Errorf("production applied a waiver file: %+v %+v", d.Waived, d.Evidence)
	}
	// No waiver accepts a protected policy's violation.
	prot := []vouch.Waiver{{ID: "W-3", Policy: "signature", Owner: "a", Approver: "b", Reason: "r", Expires: testNow.AddDate(0, 1, 0), Source: "w.yaml"}}
	src = f.sources("staging", scan)
	d, err = Gate(context.Background(), engine(t, EngineOptions{}), src, prot, "t")
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Waived) != 0 || policiesOf(d.Violations)["signature"] == 0 {
		t.Errorf("a waiver accepted a signature violation: %+v", d.Waived)
	}
	long := []vouch.Waiver{{ID: "W-9", Finding: "X", Expires: testNow.AddDate(5, 0, 0), Source: "w.yaml"}}
	if _, err := Gate(context.Background(), engine(t, EngineOptions{}), src, long, "t"); err == nil {
		t.Error("a waiver running five years was accepted")
	}
}

// TestSignedWaiver: a waiver counts as signed evidence only when a
// trusted key signed it.
func TestSignedWaiver(t *testing.T) {
	f := newFixture(t)
	sec := newKey(t)
	res := scanResult(testNow.Add(-time.Hour), []string{"vuln"}, vuln("GHSA-aaaa", "golang.org/x/net", "v0.1.0", "v0.1.1", vouch.SeverityCritical))
	b, _ := json.Marshal(res)
	w := map[string]any{"waivers": []map[string]string{{"finding": "GHSA-aaaa", "owner": "dev@x", "reason": "r", "approver": "sec@x", "expires": "2026-12-31"}}}
	long := map[string]any{"waivers": []map[string]string{{"finding": "GHSA-aaaa", "owner": "dev@x", "reason": "r", "approver": "sec@x", "expires": "2099-12-31"}}}
	other := vouch.SHA256Bytes([]byte("another artifact"))
	for _, tc := range []struct {
		name    string
		key     keyPair
		subject vouch.Digest
		pred    any
		waived  int
		why     string
	}{
		{"signed by the approver", sec, f.digest, w, 1, ""},
		{"signed by the release key", f.release, f.digest, w, 0, "not signed by a key of any configured approver"},
		{"signed by a stranger", newKey(t), f.digest, w, 0, "not signed by a key of any configured approver"},
		{"about another artifact", sec, other, w, 0, "not the artifact"},
		{"for ever", sec, f.digest, long, 0, "more than a year from now"},
	} {
		src := f.sources("production", f.write("scan.json", b), f.attest("waiver.json", tc.key, tc.subject, WaiverPredicate, tc.pred))
		src.Approvers = map[string][]signing.Verifier{"sec@x": {sec.v}}
		d, err := Gate(context.Background(), engine(t, EngineOptions{}), src, nil, "t")
		if err != nil {
			t.Fatal(err)
		}
		if len(d.Waived) != tc.waived || !strings.Contains(d.Evidence[1].Rejected, tc.why) {
			t.Errorf("%s: waived %d, want %d; evidence %+v", tc.name, len(d.Waived), tc.waived, d.Evidence[1])
		}
	}
}

func TestSettingsValidate(t *testing.T) {
	s, ok := Preset("prod")
	if !ok || s.Approvals.Required != 1 || s.Vulnerabilities.Deny != "HIGH" {
		t.Errorf("production preset %+v", s)
	}
	s.Vulnerabilities.Deny = "high"
	s.Misconfig.Warn = "none"
	if err := s.Validate(); err != nil || s.Vulnerabilities.Deny != "HIGH" || s.Misconfig.Warn != "" {
		t.Errorf("validate: %v %+v", err, s)
	}
	for _, bad := range []func(*Settings){
		func(s *Settings) { s.SAST.Deny = "severe" },
		func(s *Settings) { s.Secrets.Unknown = "maybe" },
		func(s *Settings) { s.Scans.Required = []string{"sast"} },
		func(s *Settings) { s.Approvals.Required = -1 },
	} {
		s, _ := Preset("staging")
		bad(&s)
		if err := s.Validate(); err == nil {
			t.Errorf("accepted %+v", s)
		}
	}
	var d Duration
	if err := d.UnmarshalText([]byte("7d")); err != nil || time.Duration(d) != 7*24*time.Hour {
		t.Errorf("7d = %v, %v", time.Duration(d), err)
	}
	if err := d.UnmarshalText([]byte("-1h")); err == nil {
		t.Error("negative duration accepted")
	}
}

func TestPackageMatches(t *testing.T) {
	for _, tc := range []struct {
		want, got string
		ok        bool
	}{
		{"pkg:npm/lodash@4.17.20", "pkg:npm/lodash@4.17.20", true},
		{"pkg:npm/lodash", "pkg:npm/lodash@4.17.20", true},
		{"lodash", "pkg:npm/lodash@4.17.20", true},
		{"golang.org/x/net", "pkg:golang/golang.org/x/net@v0.1.0", true},
		{"net", "pkg:golang/golang.org/x/net@v0.1.0", false},
		{"v2", "pkg:golang/github.com/foo/bar/v2@v2.0.0", false},
		{"@scope/x", "pkg:npm/%40scope/x@1.0.0", true},
		{"pkg:npm/lodash", "pkg:npm/lodash-es@4.17.20", false},
		{"lodash", "pkg:npm/lodash-es@4.17.20", false},
		{"pkg:npm/lodash", "", false},
	} {
		if got := packageMatches(tc.want, tc.got); got != tc.ok {
			t.Errorf("packageMatches(%q, %q) = %v", tc.want, tc.got, got)
		}
	}
}

func benchSources(b testing.TB) *Sources {
	f := newFixture(b)
	var comps []string
	for i := range 2000 {
		lic := "MIT"
		if i%97 == 0 {
			lic = "GPL-3.0-only"
		}
		comps = append(comps, fmt.Sprintf(`{"type":"library","name":"pkg%d","version":"1.%d.0","purl":"pkg:npm/pkg%d@1.%d.0","licenses":[{"license":{"id":"%s"}}]}`, i, i, i, i, lic))
	}
	bom := f.write("bom.json", `{"bomFormat":"CycloneDX","specVersion":"1.6","version":1,"components":[`+strings.Join(comps, ",")+`]}`)
	sevs := []vouch.Severity{vouch.SeverityLow, vouch.SeverityMedium, vouch.SeverityHigh, vouch.SeverityCritical, vouch.SeverityUnknown}
	var fs []vouch.Finding
	for i := range 400 {
		fixed := ""
		if i%3 != 0 {
			fixed = "2.0.0"
		}
		fs = append(fs, vuln(fmt.Sprintf("GHSA-%04d", i), fmt.Sprintf("pkg%d", i*5), "1.0.0", fixed, sevs[i%len(sevs)]))
	}
	for i := range 50 {
		fs = append(fs, vouch.Finding{Kind: vouch.KindSecret, ID: "generic-password", Severity: vouch.SeverityHigh, Location: vouch.Location{Path: fmt.Sprintf("cfg/%d.env", i), Line: 1}})
		fs = append(fs, vouch.Finding{Kind: vouch.KindMisconfig, ID: fmt.Sprintf("VCH-K8S-%03d", i), Severity: sevs[i%4], Location: vouch.Location{Path: fmt.Sprintf("k8s/%d.yaml", i), Line: 3}})
	}
	res, _ := json.Marshal(scanResult(testNow.Add(-time.Hour), []string{"vuln", "secret", "misconfig"}, fs...))
	scan := f.write("scan.json", res)
	sarif := f.write("codeql.sarif", sarifDoc)
	return f.sources("production", f.sign("app.sigstore.json"), scan, bom, sarif)
}

func benchInput(t testing.TB) *Input {
	in, err := BuildInput(context.Background(), benchSources(t))
	if err != nil {
		t.Fatal(err)
	}
	return in
}

// BenchmarkGate: a release with 2,000 components, 500 findings, SARIF
// and the 10 built-in policies under production settings, decided from a
// prepared engine (the bar: under 100 ms).
func BenchmarkGate(b *testing.B) {
	e := engine(b, EngineOptions{})
	ctx := context.Background()
	src := benchSources(b)
	d, err := Gate(ctx, e, src, nil, "bench")
	if err != nil {
		b.Fatal(err)
	}
	if d.Verdict != vouch.Deny || len(d.Violations) < 300 {
		b.Fatalf("verdict %s with %d violations", d.Verdict, len(d.Violations))
	}
	b.Run("decide", func(b *testing.B) {
		for b.Loop() {
			if _, err := Gate(ctx, e, src, nil, "bench"); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("evaluate", func(b *testing.B) {
		c, err := build(ctx, src)
		if err != nil {
			b.Fatal(err)
		}
		raw, _ := json.Marshal(c.in)
		val, err := astValue(raw)
		if err != nil {
			b.Fatal(err)
		}
		b.ResetTimer()
		for b.Loop() {
			if _, err := e.Evaluate(ctx, val); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("compile", func(b *testing.B) {
		for b.Loop() {
			engine(b, EngineOptions{})
		}
	})
}

// TestPolicySandbox: users' policies cannot change the built-ins'
// library, reach the network or the clock, or run for ever.
func TestPolicySandbox(t *testing.T) {
	ctx := context.Background()
	for name, src := range map[string]string{
		"library":   "package vouch.lib.gate\n\nmeets(_, _, _) := false\n",
		"http.send": "package vouch.gate.leak\n\ndeny contains \"x\" if http.send({\"method\": \"GET\", \"url\": \"http://127.0.0.1:1\"}).status_code == 200\n",
		"clock":     "package vouch.gate.clock\n\ndeny contains \"late\" if time.now_ns() > 0\n",
	} {
		dir := t.TempDir()
		os.WriteFile(filepath.Join(dir, "p.rego"), []byte(src), 0o644)
		_, err := NewEngine(ctx, EngineOptions{Dirs: []string{dir}})
		var ie *vouch.InputError
		if !errors.As(err, &ie) {
			t.Errorf("%s: compiled (%v)", name, err)
		}
	}
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "slow.rego"), []byte(`package vouch.gate.slow

deny contains "slow" if {
	n := numbers.range(1, 3000)
	count([x | some a in n; some b in n; x := a * b]) < 0
}
`), 0o644)
	e, err := NewEngine(ctx, EngineOptions{Dirs: []string{dir}, Timeout: 200 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	f := newFixture(t)
	if _, err := Gate(ctx, e, f.sources("dev"), nil, "t"); err == nil || !strings.Contains(err.Error(), "no decision within") {
		t.Errorf("a policy running for ever gave %v", err)
	}
}

// TestGosecSARIF reads SARIF written by the real gosec (v2, -fmt sarif,
// on a small handler with SQL and command injection): gosec's own
// severities, which it writes as rule tags, decide.
func TestGosecSARIF(t *testing.T) {
	f := newFixture(t)
	in, err := BuildInput(context.Background(), f.sources("staging", "testdata/gosec.sarif"))
	if err != nil {
		t.Fatal(err)
	}
	if len(in.SARIF) != 1 || in.SARIF[0].Tool != "gosec" || len(in.SARIF[0].Results) != 9 {
		t.Fatalf("sarif %+v", in.SARIF)
	}
	got := map[string]string{}
	for _, r := range in.SARIF[0].Results {
		got[r.RuleID] = r.Severity
	}
	for rule, want := range map[string]string{"G701": "HIGH", "G702": "HIGH", "G401": "MEDIUM", "G104": "LOW"} {
		if got[rule] != want {
			t.Errorf("%s: severity %s, want %s (gosec's tag)", rule, got[rule], want)
		}
	}
	d, err := Gate(context.Background(), engine(t, EngineOptions{}), f.sources("production", "testdata/gosec.sarif"), nil, "t")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, v := range d.Violations {
		if v.Policy == "sast" && v.Action == vouch.Deny {
			n++
		}
	}
	if n != 2 {
		t.Errorf("production denies %d gosec results, want the 2 HIGH ones: %+v", n, d.Violations)
	}
}
