package verifypolicy

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/vouch-dev/vouch/internal/attest"
	"github.com/vouch-dev/vouch/internal/vouch"
)

var now = time.Date(2024, 6, 1, 12, 0, 0, 0, time.UTC)

const policyYAML = `
keys: [release.pub]
predicates: [slsaprovenance1, vouch-scan]
maxAge: 7d
provenance:
  builders: [https://github.com/actions/runner/github-hosted]
  repositories: [github.com/acme/app]
  refs: [refs/heads/main, "refs/tags/v*"]
  cleanTree: true
scan:
  maxSeverity: medium
`

func provenanceAt(t time.Time, builder, repo, ref string, dirty bool) *attest.Verified {
	pred := fmt.Sprintf(`{"buildDefinition":{"buildType":"https://vouch.dev/build/v1","externalParameters":{"command":["make"],"source":{"repository":%q,"ref":%q,"commit":"abc","dirty":%v},"workingDir":"."}},"runDetails":{"builder":{"id":%q},"metadata":{"startedOn":%q,"finishedOn":%q}}}`,
		repo, ref, dirty, builder, t.Add(-time.Minute).Format(time.RFC3339), t.Format(time.RFC3339))
	return verified(attest.SLSAProvenanceV1, pred)
}

func scanAt(t time.Time, findings ...vouch.Finding) *attest.Verified {
	if findings == nil {
		findings = []vouch.Finding{}
	}
	f, _ := json.Marshal(findings)
	return verified(attest.VouchScan, fmt.Sprintf(`{"schemaVersion":"1","findings":%s,"suppressed":[],"createdAt":%q}`, f, t.Format(time.RFC3339)))
}

func verified(pt, pred string) *attest.Verified {
	return &attest.Verified{
		Statement: &attest.Statement{Type: attest.StatementV1, PredicateType: pt, Predicate: json.RawMessage(pred),
			Subject: []attest.Subject{{Digest: map[string]string{"sha256": "ab"}}}},
		Source: "test",
	}
}

func good() *attest.Evidence {
	return &attest.Evidence{
		Signatures: []attest.Signature{{Source: "app.tar.sigstore.json"}},
		Attestations: []*attest.Verified{
			provenanceAt(now.Add(-time.Hour), "https://github.com/actions/runner/github-hosted", "https://github.com/acme/app.git", "refs/tags/v1.2.0", false),
			scanAt(now.Add(-2*time.Hour), vouch.Finding{ID: "CVE-1", Kind: vouch.KindVulnerability, Severity: vouch.SeverityLow}),
		},
	}
}

func TestEvaluate(t *testing.T) {
	p, err := Parse([]byte(policyYAML))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		change func(ev *attest.Evidence)
		failed []string // requirements that must fail, in order
		why    string   // a phrase of the first failure's reason
	}{
		{"all hold", func(*attest.Evidence) {}, nil, ""},
		{"unsigned", func(ev *attest.Evidence) {
			ev.Signatures = nil
			ev.Rejected = []attest.Rejection{{Source: "app.tar.sigstore.json", Err: errors.New("signature does not verify")}}
		}, []string{"signature"}, "signature does not verify"},
		{"wrong builder", func(ev *attest.Evidence) {
			ev.Attestations[0] = provenanceAt(now.Add(-time.Hour), "https://evil.example/builder", "github.com/acme/app", "refs/heads/main", false)
		}, []string{"provenance builder"}, "is not allowed"},
		{"feature branch", func(ev *attest.Evidence) {
			ev.Attestations[0] = provenanceAt(now.Add(-time.Hour), "https://github.com/actions/runner/github-hosted", "git@github.com:acme/app.git", "refs/heads/feature", false)
		}, []string{"provenance ref"}, `"refs/heads/feature"`},
		{"fork", func(ev *attest.Evidence) {
			ev.Attestations[0] = provenanceAt(now.Add(-time.Hour), "https://github.com/actions/runner/github-hosted", "https://github.com/mallory/app", "refs/heads/main", false)
		}, []string{"provenance repository"}, "mallory"},
		{"dirty", func(ev *attest.Evidence) {
			ev.Attestations[0] = provenanceAt(now.Add(-time.Hour), "https://github.com/actions/runner/github-hosted", "github.com/acme/app", "refs/heads/main", true)
		}, []string{"provenance clean tree"}, "uncommitted"},
		{"stale provenance", func(ev *attest.Evidence) {
			ev.Attestations[0] = provenanceAt(now.Add(-10*24*time.Hour), "https://github.com/actions/runner/github-hosted", "github.com/acme/app", "refs/heads/main", false)
		}, []string{"attestation https://slsa.dev/provenance/v1", "provenance"}, "10d old"},
		{"future provenance", func(ev *attest.Evidence) {
			ev.Attestations[0] = provenanceAt(now.Add(time.Hour), "https://github.com/actions/runner/github-hosted", "github.com/acme/app", "refs/heads/main", false)
		}, []string{"attestation https://slsa.dev/provenance/v1", "provenance"}, "in the future"},
		{"high finding", func(ev *attest.Evidence) {
			ev.Attestations[1] = scanAt(now, vouch.Finding{ID: "CVE-2", Kind: vouch.KindVulnerability, Severity: vouch.SeverityHigh, Package: &vouch.Package{Name: "lodash", Version: "4.17.20"}})
		}, []string{"scan nothing above MEDIUM"}, "CVE-2 in lodash@4.17.20 (HIGH)"},
		{"unknown severity fails closed", func(ev *attest.Evidence) {
			ev.Attestations[1] = scanAt(now, vouch.Finding{ID: "GO-2024-1", Kind: vouch.KindVulnerability})
		}, []string{"scan nothing above MEDIUM"}, "UNKNOWN"},
		{"suppressed does not count", func(ev *attest.Evidence) {
			ev.Attestations[1] = scanAt(now, vouch.Finding{ID: "CVE-3", Kind: vouch.KindVulnerability, Severity: vouch.SeverityCritical, Suppressed: &vouch.Suppression{Source: "vex"}})
		}, nil, ""},
		{"newest scan decides", func(ev *attest.Evidence) {
			ev.Attestations = append(ev.Attestations, scanAt(now.Add(-time.Minute), vouch.Finding{ID: "CVE-4", Kind: vouch.KindVulnerability, Severity: vouch.SeverityCritical}))
		}, []string{"scan nothing above MEDIUM"}, "CVE-4"},
		{"no evidence", func(ev *attest.Evidence) { ev.Attestations = nil },
			[]string{"attestation https://slsa.dev/provenance/v1", "attestation https://vouch.dev/scan/v1", "provenance", "scan"}, "no verified attestation"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ev := good()
			tt.change(ev)
			r := Evaluate(p, ev, now)
			var failed []Check
			for _, c := range r.Checks {
				if !c.Passed {
					failed = append(failed, c)
				}
			}
			var names []string
			for _, c := range failed {
				names = append(names, c.Requirement)
			}
			if strings.Join(names, "|") != strings.Join(tt.failed, "|") {
				t.Fatalf("failed %q, want %q\n%+v", names, tt.failed, r.Checks)
			}
			if r.Passed != (len(tt.failed) == 0) {
				t.Fatalf("passed %v", r.Passed)
			}
			if tt.why != "" && !strings.Contains(failed[0].Detail, tt.why) {
				t.Fatalf("reason %q does not say %q", failed[0].Detail, tt.why)
			}
		})
	}
}

func TestUnknownSeverityIgnore(t *testing.T) {
	p, err := Parse([]byte("scan:\n  maxSeverity: high\n  unknownSeverity: ignore\nsignature: optional\n"))
	if err != nil {
		t.Fatal(err)
	}
	ev := &attest.Evidence{Attestations: []*attest.Verified{scanAt(now, vouch.Finding{ID: "GO-1", Kind: vouch.KindVulnerability})}}
	if r := Evaluate(p, ev, now); !r.Passed {
		t.Fatalf("%+v", r.Checks)
	}
}

func TestNoTimeWithMaxAge(t *testing.T) {
	p, _ := Parse([]byte("predicates: [cyclonedx]\nmaxAge: 1h\n"))
	ev := &attest.Evidence{Signatures: []attest.Signature{{}}, Attestations: []*attest.Verified{verified(attest.CycloneDX, `{"bomFormat":"CycloneDX"}`)}}
	r := Evaluate(p, ev, now)
	if r.Passed || !strings.Contains(r.Checks[1].Detail, "records no time") {
		t.Fatalf("%+v", r.Checks)
	}
	ev.Attestations[0] = verified(attest.CycloneDX, fmt.Sprintf(`{"bomFormat":"CycloneDX","metadata":{"timestamp":%q}}`, now.Add(-time.Minute).Format(time.RFC3339)))
	if r := Evaluate(p, ev, now); !r.Passed {
		t.Fatalf("%+v", r.Checks)
	}
}

func TestParseRejects(t *testing.T) {
	for in, want := range map[string]string{
		"sigature: required\n":                         "field sigature not found",
		"signature: maybe\n":                           "want required or optional",
		"predicates: [nope]\n":                         "predicate type",
		"maxAge: soon\n":                               "duration",
		"scan: {}\n":                                   "maxSeverity is required",
		"scan: {maxSeverity: severe}\n":                "maxSeverity",
		"provenance: {refs: ['refs/[']}\n":             "pattern",
		"scan: {maxSeverity: low, unknownSeverity: x}": "unknownSeverity",
	} {
		if _, err := Parse([]byte(in)); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: %v, want %q", in, err, want)
		}
	}
}

func TestLoadResolvesKeys(t *testing.T) {
	dir := t.TempDir()
	f := filepath.Join(dir, "verify.yaml")
	os.WriteFile(f, []byte("keys: [keys/a.pub, env://K, /abs.pub]\n"), 0o644)
	p, err := Load(f)
	if err != nil {
		t.Fatal(err)
	}
	if p.Keys[0] != filepath.Join(dir, "keys/a.pub") || p.Keys[1] != "env://K" || p.Keys[2] != "/abs.pub" {
		t.Fatalf("%v", p.Keys)
	}
}

func TestParseDuration(t *testing.T) {
	for in, want := range map[string]time.Duration{"7d": 7 * 24 * time.Hour, "1d12h": 36 * time.Hour, "90m": 90 * time.Minute} {
		if got, err := ParseDuration(in); err != nil || got != want {
			t.Errorf("%s: %v %v", in, got, err)
		}
	}
}

func TestReadProvenanceOtherBuildTypes(t *testing.T) {
	gh := readProvenance(json.RawMessage(`{"buildDefinition":{"buildType":"https://actions.github.io/buildtypes/workflow/v1","externalParameters":{"workflow":{"ref":"refs/heads/main","repository":"https://github.com/acme/app","path":".github/workflows/release.yml"}}},"runDetails":{"builder":{"id":"https://github.com/actions/runner/github-hosted"}}}`))
	if gh.repository != "https://github.com/acme/app" || gh.ref != "refs/heads/main" || gh.dirtyKnown {
		t.Fatalf("%+v", gh)
	}
	other := readProvenance(json.RawMessage(`{"buildDefinition":{"buildType":"https://example/x","resolvedDependencies":[{"uri":"git+https://github.com/acme/app@refs/tags/v1"}]},"runDetails":{"builder":{"id":"b"}}}`))
	if other.repository != "https://github.com/acme/app" || other.ref != "refs/tags/v1" {
		t.Fatalf("%+v", other)
	}
}
