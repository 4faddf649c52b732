package attest_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/vouch-dev/vouch/internal/attest"
	"github.com/vouch-dev/vouch/internal/attest/schematest"
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
		ExcludePaths:  []string{"**/testdata/**", "vendor/"},
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
	if err := schematest.Validate(attest.VouchScan, buf.Bytes()); err != nil {
		t.Fatalf("schema: %v\n%s", err, buf.Bytes())
	}
	if err := attest.ValidatePredicate(attest.VouchScan, buf.Bytes()); err != nil {
		t.Fatalf("runtime check: %v\n%s", err, buf.Bytes())
	}
}

// TestSchemaExamples holds the schemas and the runtime checks to the
// examples in testdata/predicates: *.valid.json pass both, *.invalid*.json
// fail both.
func TestSchemaExamples(t *testing.T) {
	files, _ := filepath.Glob("testdata/predicates/*.json")
	if len(files) == 0 {
		t.Fatal("no examples")
	}
	types := map[string]string{"scan": attest.VouchScan, "desired-state": attest.VouchDesiredState}
	for _, f := range files {
		base := filepath.Base(f)
		kind, _, _ := strings.Cut(base, ".")
		pt, ok := types[kind]
		if !ok {
			t.Fatalf("%s: unknown predicate kind %q", f, kind)
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		valid := strings.Contains(base, ".valid.")
		if err := schematest.Validate(pt, b); (err == nil) != valid {
			t.Errorf("%s: schema says %v", base, err)
		}
		if pt == attest.VouchScan {
			if err := attest.ValidatePredicate(pt, b); (err == nil) != valid {
				t.Errorf("%s: runtime check says %v", base, err)
			}
		}
	}
}

// TestScanCheckAgreesWithSchema: predicates that break one rule each are
// refused by both the schema and the runtime check.
func TestScanCheckAgreesWithSchema(t *testing.T) {
	good, err := os.ReadFile("testdata/predicates/scan.valid.json")
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	json.Unmarshal(good, &doc)
	breaks := map[string]func(d map[string]any){
		"schemaVersion": func(d map[string]any) { d["schemaVersion"] = "2" },
		"no tool":       func(d map[string]any) { delete(d, "tool") },
		"target kind":   func(d map[string]any) { d["target"].(map[string]any)["kind"] = "vm" },
		"target digest": func(d map[string]any) { d["target"].(map[string]any)["digest"] = "md5:00" },
		"scanner":       func(d map[string]any) { d["scanners"] = []any{"sast"} },
		"no findings":   func(d map[string]any) { delete(d, "findings") },
		"severity":      func(d map[string]any) { finding(d)["severity"] = "high" },
		"finding kind":  func(d map[string]any) { finding(d)["kind"] = "bug" },
		"no location":   func(d map[string]any) { delete(finding(d), "location") },
		"score":         func(d map[string]any) { finding(d)["score"] = 11.0 },
		"reachable":     func(d map[string]any) { finding(d)["reachable"] = "maybe" },
		"summary counts": func(d map[string]any) {
			delete(d["summary"].(map[string]any)["bySeverity"].(map[string]any), "unknown")
		},
		"createdAt":              func(d map[string]any) { d["createdAt"] = "yesterday" },
		"unsuppressed":           func(d map[string]any) { delete(d["suppressed"].([]any)[0].(map[string]any), "suppressed") },
		"excludePaths a string":  func(d map[string]any) { d["excludePaths"] = "vendor/" },
		"excludePaths not names": func(d map[string]any) { d["excludePaths"] = []any{"vendor/", 1} },
		"excludePaths null":      func(d map[string]any) { d["excludePaths"] = nil },
	}
	for name, brk := range breaks {
		var d map[string]any
		json.Unmarshal(good, &d)
		brk(d)
		b, _ := json.Marshal(d)
		if schematest.Validate(attest.VouchScan, b) == nil {
			t.Errorf("%s: the schema accepts it", name)
		}
		if attest.ValidatePredicate(attest.VouchScan, b) == nil {
			t.Errorf("%s: the runtime check accepts it", name)
		}
	}
	// The fields a scan may leave out are accepted when they are there.
	doc["excludePaths"] = []any{"**/testdata/**"}
	b, _ := json.Marshal(doc)
	if err := schematest.Validate(attest.VouchScan, b); err != nil {
		t.Errorf("excludePaths: the schema refuses it: %v", err)
	}
	if err := attest.ValidatePredicate(attest.VouchScan, b); err != nil {
		t.Errorf("excludePaths: the runtime check refuses it: %v", err)
	}
}

func finding(d map[string]any) map[string]any {
	return d["findings"].([]any)[0].(map[string]any)
}
