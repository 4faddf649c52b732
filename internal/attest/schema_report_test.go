package attest_test

import (
	"bytes"
	"testing"
	"time"

	"github.com/vouch-dev/vouch/internal/attest"
	"github.com/vouch-dev/vouch/internal/report"
	"github.com/vouch-dev/vouch/internal/vouch"
)

// TestScanSchemaMatchesReport: the JSON that report.WriteJSON writes for a
// scan result — the predicate 'vouch scan --attest' signs — matches
// schemas/scan-v1.json. When report.Result grows, this test says whether
// the schema must follow.
func TestScanSchemaMatchesReport(t *testing.T) {
	if report.PredicateType != attest.VouchScan {
		t.Fatalf("report.PredicateType %q, attest.VouchScan %q", report.PredicateType, attest.VouchScan)
	}
	pkg := &vouch.Package{Ecosystem: vouch.EcosystemNPM, Name: "lodash", Version: "4.17.20", PURL: "pkg:npm/lodash@4.17.20", Locations: []vouch.Location{{Path: "package-lock.json", Line: 10}}}
	findings := []vouch.Finding{
		{Kind: vouch.KindVulnerability, ID: "GHSA-35jh-r3h4-6jhm", Aliases: []string{"CVE-2021-23337"}, Severity: vouch.SeverityHigh, Score: 7.2, Location: vouch.Location{Path: "package-lock.json", Line: 10}, Package: pkg, FixedIn: "4.17.21"},
		{Kind: vouch.KindSecret, ID: "aws-access-key", Severity: vouch.SeverityUnknown, Location: vouch.Location{Path: ".env", Line: 2}, Masked: "AKIA************MPLE", Fingerprint: "sha256:abcd"},
	}
	suppressed := []vouch.Finding{{Kind: vouch.KindVulnerability, ID: "CVE-2020-1", Severity: vouch.SeverityLow, Location: vouch.Location{Path: "go.mod"}, Suppressed: &vouch.Suppression{Source: "vex:a.json", Reason: "not_affected"}}}
	res := &report.Result{
		SchemaVersion: report.SchemaVersion,
		Tool:          report.Tool{Name: "vouch", Version: "test"},
		Target:        vouch.Target{Kind: vouch.TargetDirectory, Name: ".", Digest: vouch.SHA256Bytes([]byte("tree"))},
		Scanners:      []string{"vuln", "secret"},
		Database:      &report.Database{BuiltAt: time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC)},
		Packages:      1,
		Findings:      findings,
		Suppressed:    suppressed,
		Summary:       report.Summarize(append(append([]vouch.Finding{}, findings...), suppressed...)),
		CreatedAt:     time.Date(2024, 5, 2, 0, 0, 0, 0, time.UTC),
	}
	var buf bytes.Buffer
	if err := report.WriteJSON(&buf, res); err != nil {
		t.Fatal(err)
	}
	if err := attest.ValidatePredicate(attest.VouchScan, buf.Bytes()); err != nil {
		t.Fatalf("%v\n%s", err, buf.Bytes())
	}
}
