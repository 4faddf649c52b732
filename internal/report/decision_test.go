package report

import (
	"bytes"
	"encoding/json"
	"io"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/vouch-dev/vouch/internal/vouch"
)

func digestOf(s string) vouch.Digest { return vouch.SHA256Bytes([]byte(s)) }

// richDecision is a realistic denial for production: three violations
// that deny (a critical vulnerability whose waiver expired, a leaked key,
// a missing approval), one that warns, one that a waiver covers, six
// pieces of evidence of which one was rejected, and ten policies.
func richDecision() *vouch.Decision {
	const (
		log4j   = "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1"
		signer  = "SHA256:q1mZ7dXkQJm3f0oXw0m5u4s2t9VZkJq6bq0G5bYtq2E"
		builder = "https://github.com/acme/shop/.github/workflows/release.yml@refs/heads/main"
	)
	waiverSQL := &vouch.Waiver{
		ID: "W-2026-007", Policy: "sast", Finding: "go/sql-injection", Environment: "production",
		Owner: "team-payments", Reason: "the table name comes from a constant list; parameterised query lands with PAY-1432",
		Approver: "carol", Expires: time.Date(2026, 6, 30, 0, 0, 0, 0, time.UTC), Source: "waivers.yaml",
	}
	return &vouch.Decision{
		SchemaVersion: "1",
		Environment:   "production",
		Artifact:      vouch.Subject{Name: "registry.example.com/acme/shop", Digest: digestOf("shop image")},
		Verdict:       vouch.Deny,
		Context: vouch.GateContext{
			Repository: "github.com/acme/shop", Branch: "main",
			Commit: "9fceb02d0ae598e95dc970b74767f19372d61af8", Actor: "deploy-bot", Author: "dave",
		},
		// Deliberately out of order: the writers sort.
		Violations: []vouch.Violation{
			{Policy: "misconfiguration", Action: vouch.Warn, Severity: vouch.SeverityMedium,
				Message: "Dockerfile runs as root: add a USER instruction (DS002)", Finding: "DS002", Evidence: []string{"e1"}},
			{Policy: "approval", Action: vouch.Deny, Severity: vouch.SeverityHigh,
				Message: "production needs 2 approvals by someone other than the author; found 0 valid (1 rejected)", Evidence: []string{"e5"}},
			{Policy: "secrets", Action: vouch.Deny, Severity: vouch.SeverityHigh,
				Message: "AWS access key in config/prod.env line 4 (AKIA************MPLE)", Finding: "aws-access-key-id", Evidence: []string{"e1"}},
			{Policy: "vulnerabilities", Action: vouch.Deny, Severity: vouch.SeverityCritical,
				Message: "CVE-2021-44228 (Log4Shell) in log4j-core 2.14.1, fixed in 2.17.1", Finding: "CVE-2021-44228", Package: log4j,
				Evidence: []string{"e1", "e2"}},
		},
		Waived: []vouch.Violation{
			{Policy: "sast", Action: vouch.Deny, Severity: vouch.SeverityHigh,
				Message: "CodeQL go/sql-injection: query built from user input in internal/db/query.go:88", Finding: "go/sql-injection",
				Evidence: []string{"e3"}, Waiver: waiverSQL},
		},
		ExpiredWaivers: []vouch.Waiver{{
			ID: "W-2025-031", Policy: "vulnerabilities", Finding: "CVE-2021-44228", Package: log4j,
			Owner: "alice", Reason: "not exploitable: JNDI lookups disabled by LOG4J_FORMAT_MSG_NO_LOOKUPS",
			Approver: "bob", Expires: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), Source: "waivers.yaml",
		}},
		Evidence: []vouch.Evidence{
			{ID: "e1", Source: "evidence/scan.intoto.jsonl", Kind: "scan", Format: "in-toto", Digest: digestOf("scan"),
				PredicateType: "https://vouch.dev/scan/v1", Signed: true, Signer: signer},
			{ID: "e2", Source: "evidence/sbom.cdx.json", Kind: "sbom", Format: "cyclonedx-1.6", Digest: digestOf("sbom")},
			{ID: "e3", Source: "evidence/codeql.sarif", Kind: "sarif", Format: "sarif-2.1.0 (CodeQL 2.20.1)", Digest: digestOf("sarif")},
			{ID: "e4", Source: "evidence/provenance.intoto.jsonl", Kind: "provenance", Format: "in-toto", Digest: digestOf("provenance"),
				PredicateType: "https://slsa.dev/provenance/v1", Signed: true, Signer: builder},
			{ID: "e5", Source: "evidence/approval-bob.json", Kind: "approval", Format: "in-toto", Digest: digestOf("approval"),
				PredicateType: "https://vouch.dev/approval/v1", Signed: true, Signer: "SHA256:Zm9yZ2VkLWtleS1ub3QtaW4tdGhlLXRydXN0LXJvb3Q",
				Rejected: "signature by an untrusted key"},
			{ID: "e6", Source: "waivers.yaml", Kind: "waiver", Format: "yaml", Digest: digestOf("waivers")},
		},
		Policies: []vouch.Policy{
			{ID: "vulnerabilities", Title: "No critical or high vulnerability with a fix", Source: "builtin", Violations: 1},
			{ID: "secrets", Title: "No secrets in the artifact", Source: "builtin", Violations: 1},
			{ID: "misconfiguration", Title: "No high misconfiguration; medium warns", Source: "builtin", Violations: 1},
			{ID: "sast", Title: "No high SAST result", Source: "builtin", Violations: 1},
			{ID: "sbom", Title: "An SBOM is present", Source: "builtin"},
			{ID: "provenance", Title: "SLSA provenance from the release workflow", Source: "builtin"},
			{ID: "signature", Title: "The image is signed by a trusted key", Source: "builtin"},
			{ID: "approval", Title: "Two approvals, not by the author", Source: "builtin", Violations: 1},
			{ID: "branch", Title: "Built from main", Source: "builtin"},
			{ID: "acme.no_latest", Title: "No :latest base images", Source: "policies/acme.rego",
				Description: "Base images must be pinned by digest or version, never :latest."},
		},
		PolicyDigest: digestOf("policy bundle"),
		InputDigest:  digestOf("input document"),
		Summary: vouch.GateSummary{
			Components: 2000,
			Findings: map[string]map[string]int{
				"vulnerability":    {"CRITICAL": 1, "HIGH": 7, "MEDIUM": 23, "LOW": 41, "UNKNOWN": 2},
				"secret":           {"HIGH": 1},
				"misconfiguration": {"MEDIUM": 3, "LOW": 5},
				"sast":             {"HIGH": 1, "MEDIUM": 4, "NONE": 6},
			},
			Licenses: map[string]int{
				"MIT": 912, "Apache-2.0": 604, "BSD-3-Clause": 143, "ISC": 121, "BSD-2-Clause": 64,
				"(MIT OR Apache-2.0)": 38, "MPL-2.0": 21, "LGPL-2.1-or-later": 12, "EPL-2.0": 11, "0BSD": 9,
				"Unlicense": 8, "CC0-1.0": 7, "Python-2.0": 6, "BlueOak-1.0.0": 5, "Zlib": 5,
				"GPL-2.0-only WITH Classpath-exception-2.0": 4, "CC-BY-4.0": 3, "Artistic-2.0": 2,
				"BSL-1.0": 2, "WTFPL": 1, "OFL-1.1": 1, "NOASSERTION": 21,
			},
			Denied: 3, Warned: 1, Waived: 1,
		},
		Tool:      "vouch 0.9.0",
		DecidedAt: time.Date(2026, 3, 2, 9, 15, 0, 0, time.UTC),
		Settings:  map[string]any{"approvals": 2},
	}
}

// hostileDecision puts markup, XML terminators, control characters and
// terminal escapes in every string a writer copies out.
func hostileDecision() *vouch.Decision {
	const h = "<script>alert(1)</script> & ]]> \x00\x01\x1b[31m\x7f \"q\" 'a'"
	d := richDecision()
	d.Environment = "prod" + h
	d.Artifact.Name = "img" + h
	d.Context.Author = h
	d.Violations[0].Message = h
	d.Violations[0].Policy = "p" + h
	d.Waived[0].Waiver.Reason = h
	d.Waived[0].Waiver.Owner = h
	d.ExpiredWaivers[0].Reason = h
	d.Evidence[0].Source = h
	d.Evidence[4].Rejected = h
	d.Policies[0].Title = h
	d.Summary.Licenses[h] = 5000
	d.Summary.Findings[h] = map[string]int{h: 3}
	return d
}

type decisionWriter struct {
	name  string
	write func(io.Writer, *vouch.Decision) error
}

var decisionWriters = []decisionWriter{
	{"table", WriteDecisionTable},
	{"json", WriteDecisionJSON},
	{"sarif", WriteDecisionSARIF},
	{"junit", WriteDecisionJUnit},
	{"html", WriteDecisionHTML},
}

func writeDecision(t testing.TB, write func(io.Writer, *vouch.Decision) error, d *vouch.Decision) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := write(&b, d); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestDecisionGolden(t *testing.T) {
	for _, w := range decisionWriters {
		if w.name == "html" {
			continue // checked by structure and in a browser, not byte for byte
		}
		for name, d := range map[string]*vouch.Decision{"rich": richDecision(), "empty": {}} {
			t.Run(name+"."+w.name, func(t *testing.T) {
				golden(t, "decision/"+name+"."+w.name, writeDecision(t, w.write, d))
			})
		}
	}
}

// TestDecisionWritersZeroValue: a zero Decision, and a nil one, are
// written without a panic or an error by every writer.
func TestDecisionWritersZeroValue(t *testing.T) {
	for _, w := range decisionWriters {
		for name, d := range map[string]*vouch.Decision{"zero": {}, "nil": nil} {
			t.Run(w.name+"/"+name, func(t *testing.T) {
				if out := writeDecision(t, w.write, d); len(out) == 0 {
					t.Error("wrote nothing")
				}
			})
		}
	}
}

// TestDecisionWritersDoNotModify writes a decision with every writer and
// wants it unchanged; and writes the violations in another order and
// wants the same bytes.
func TestDecisionWritersDoNotModify(t *testing.T) {
	for _, w := range decisionWriters {
		t.Run(w.name, func(t *testing.T) {
			d := richDecision()
			first := writeDecision(t, w.write, d)
			if !reflect.DeepEqual(d, richDecision()) {
				t.Fatal("the writer modified the decision")
			}
			shuffled := richDecision()
			vs := shuffled.Violations
			for i, j := 0, len(vs)-1; i < j; i, j = i+1, j-1 {
				vs[i], vs[j] = vs[j], vs[i]
			}
			if second := writeDecision(t, w.write, shuffled); !bytes.Equal(first, second) {
				t.Error("output depends on the order of the violations")
			}
		})
	}
}

func TestDecisionSortOrder(t *testing.T) {
	d := normalizedDecision(richDecision())
	var got []string
	for _, v := range d.Violations {
		got = append(got, string(v.Action)+" "+v.Severity.String()+" "+v.Policy)
	}
	want := []string{"deny CRITICAL vulnerabilities", "deny HIGH approval", "deny HIGH secrets", "warn MEDIUM misconfiguration"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("order %q, want %q", got, want)
	}
}

func TestDecisionJSONEmptyListsAreArrays(t *testing.T) {
	var m map[string]any
	if err := json.Unmarshal(writeDecision(t, WriteDecisionJSON, &vouch.Decision{}), &m); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"violations", "waived", "expiredWaivers", "evidence", "policies"} {
		if _, ok := m[k].([]any); !ok {
			t.Errorf("%s = %#v, want []", k, m[k])
		}
	}
	if _, ok := m["summary"].(map[string]any)["findings"].(map[string]any); !ok {
		t.Errorf("summary.findings = %#v, want {}", m["summary"].(map[string]any)["findings"])
	}
	if m["schemaVersion"] != "1" {
		t.Errorf("schemaVersion %v, want \"1\"", m["schemaVersion"])
	}
}

func TestDecisionJSONRoundTrip(t *testing.T) {
	in := richDecision()
	var out vouch.Decision
	if err := json.Unmarshal(writeDecision(t, WriteDecisionJSON, in), &out); err != nil {
		t.Fatal(err)
	}
	want := normalizedDecision(in)
	want.Settings = map[string]any{"approvals": float64(2)} // JSON numbers decode as float64
	if !reflect.DeepEqual(&out, want) {
		t.Errorf("round trip lost information:\n got %+v\nwant %+v", out, *want)
	}
}

func TestDecisionTable(t *testing.T) {
	out := string(writeDecision(t, WriteDecisionTable, richDecision()))
	first, _, _ := strings.Cut(out, "\n")
	if !strings.HasPrefix(first, "DENY  production  registry.example.com/acme/shop@sha256:") || !strings.HasSuffix(first, "…") {
		t.Errorf("first line %q", first)
	}
	for _, want := range []string{
		"expired 2026-01-01, no longer applies",
		"signature by an untrusted key",
		"W-2026-007", "team-payments", "2026-06-30",
		"deny: 3 denied, 1 warned, 1 waived, 1 expired waiver, 1 of 6 evidence rejected, 10 policies",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("table lacks %q", want)
		}
	}

	hostile := string(writeDecision(t, WriteDecisionTable, hostileDecision()))
	if strings.ContainsAny(hostile, "\x00\x01\x1b\x7f") {
		t.Error("a control character or terminal escape reached the table")
	}
}

func TestDecisionCountsFailClosed(t *testing.T) {
	d := &vouch.Decision{Violations: []vouch.Violation{{Policy: "x", Action: "block"}, {Policy: "y", Action: vouch.Warn}}}
	c := countDecision(normalizedDecision(d))
	if c.denied != 1 || c.warned != 1 {
		t.Errorf("denied %d warned %d: an unknown action must count as denying", c.denied, c.warned)
	}
	if got := gateLevel("block"); got != "error" {
		t.Errorf("SARIF level of an unknown action %q, want error", got)
	}
}
