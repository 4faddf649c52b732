package attest_test

import (
	"bytes"
	"encoding/json"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/vouch-dev/vouch/internal/attest"
	"github.com/vouch-dev/vouch/internal/attest/schematest"
	"github.com/vouch-dev/vouch/internal/vouch"
)

// TestGatePredicateTypes: the short names and schemas of the gate's
// predicates are registered, and each schema names itself as published.
func TestGatePredicateTypes(t *testing.T) {
	for name, want := range map[string]struct{ uri, id string }{
		"decision": {attest.VouchDecision, "https://vouch.dev/schemas/decision-v1.json"},
		"approval": {attest.VouchApproval, "https://vouch.dev/schemas/approval-v1.json"},
		"waiver":   {attest.VouchWaiver, "https://vouch.dev/schemas/waiver-v1.json"},
	} {
		got, err := attest.ParsePredicateType(name)
		if err != nil || got != want.uri {
			t.Errorf("ParsePredicateType(%q) = %q, %v; want %q", name, got, err, want.uri)
		}
		b, ok := attest.Schema(want.uri)
		if !ok {
			t.Errorf("no schema for %s", want.uri)
			continue
		}
		var s struct {
			ID string `json:"$id"`
		}
		if err := json.Unmarshal(b, &s); err != nil || s.ID != want.id {
			t.Errorf("schema of %s: $id %q (%v), want %q", want.uri, s.ID, err, want.id)
		}
		// The runtime check covers scan results only.
		if err := attest.ValidatePredicate(want.uri, []byte(`{"not":"checked"}`)); err != nil {
			t.Errorf("ValidatePredicate(%s): %v", want.uri, err)
		}
	}
}

func digestOf(s string) vouch.Digest { return vouch.SHA256Bytes([]byte(s)) }

// exampleDecision is a realistic denying decision that sets every field,
// the optional ones included.
func exampleDecision() vouch.Decision {
	decided := time.Date(2025, 3, 14, 9, 26, 53, 0, time.UTC)
	current := vouch.Waiver{
		ID: "xz-backdoor-rebuild", Finding: "CVE-2024-3094", Package: "pkg:deb/debian/xz-utils", Environment: "prod",
		Owner: "alice@example.com", Reason: "rebuilt from the clean tarball; scanner matches the version only",
		Approver: "bob@example.com", Expires: time.Date(2025, 4, 30, 23, 59, 59, 0, time.UTC),
		Source: "registry.example.com/shop/api@sha256:…", Signed: true, Signer: "SHA256:q3bN1bS0mZ8u0s5Jt0x2l9w",
	}
	old := vouch.Waiver{
		ID: "waivers.yaml#2", Policy: "licenses", Package: "left-pad",
		Owner: "carol@example.com", Reason: "legal review pending", Approver: "dave@example.com",
		Expires: time.Date(2025, 1, 31, 23, 59, 59, 0, time.UTC), Source: "waivers.yaml",
	}
	return vouch.Decision{
		SchemaVersion: "1",
		Environment:   "prod",
		Artifact:      vouch.Subject{Name: "registry.example.com/shop/api:1.4.2", Digest: digestOf("manifest")},
		Verdict:       vouch.Deny,
		Context: vouch.GateContext{
			Repository: "github.com/example/shop", Branch: "main", Commit: "9fceb02d0ae598e95dc970b74767f19372d61af8",
			Actor: "deploy-bot", Author: "erin@example.com",
		},
		Violations: []vouch.Violation{
			{
				Policy: "vulnerabilities", Action: vouch.Deny, Severity: vouch.SeverityCritical,
				Message:  "CVE-2024-45337 (CRITICAL) in golang.org/x/crypto v0.21.0, fixed in v0.31.0",
				Evidence: []string{"e1"}, Finding: "CVE-2024-45337", Package: "pkg:golang/golang.org/x/crypto@v0.21.0",
			},
			{Policy: "provenance", Action: vouch.Deny, Severity: vouch.SeverityHigh, Message: "no SLSA provenance for the artifact"},
			{Policy: "acme.no_latest", Action: vouch.Warn, Severity: vouch.SeverityLow, Message: "base image tagged latest", Evidence: []string{"e2", "e3"}},
			{Policy: "secrets", Action: vouch.Warn, Severity: vouch.SeverityUnknown, Message: "generic-api-key in config/dev.env:3", Evidence: []string{"e1"}, Finding: "generic-api-key"},
		},
		Waived: []vouch.Violation{
			{
				Policy: "vulnerabilities", Action: vouch.Deny, Severity: vouch.SeverityCritical,
				Message: "CVE-2024-3094 (CRITICAL) in xz-utils 5.6.0", Evidence: []string{"e1"},
				Finding: "CVE-2024-3094", Package: "pkg:deb/debian/xz-utils@5.6.0", Waiver: &current,
			},
		},
		ExpiredWaivers: []vouch.Waiver{old},
		Evidence: []vouch.Evidence{
			{ID: "e1", Source: "scan.json", Kind: "scan", Format: "vouch-scan", Digest: digestOf("scan"), Signed: false},
			{ID: "e2", Source: "sbom.cdx.json", Kind: "sbom", Format: "cyclonedx", Digest: digestOf("sbom")},
			{
				ID: "e3", Source: "registry.example.com/shop/api:sha256-….att", Kind: "attestation",
				PredicateType: attest.VouchScan, Signed: true, Signer: "SHA256:q3bN1bS0mZ8u0s5Jt0x2l9w",
			},
			{ID: "e4", Source: "approval.json", Kind: "approval", Format: "dsse", Digest: vouch.Digest{Algorithm: "sha512", Hex: strings.Repeat("ab", 64)}, PredicateType: attest.VouchApproval, Rejected: "signature not verified: no trusted key"},
		},
		Policies: []vouch.Policy{
			{ID: "acme.no_latest", Title: "No latest tags", Source: "policies/acme.rego", Violations: 1},
			{ID: "provenance", Title: "Provenance", Source: "builtin", Violations: 1, Description: "the artifact has SLSA provenance from a trusted builder"},
			{ID: "secrets", Source: "builtin", Violations: 1},
			{ID: "vulnerabilities", Title: "Vulnerabilities", Source: "builtin", Violations: 1},
		},
		PolicyDigest: digestOf("policies"),
		InputDigest:  digestOf("input"),
		Summary: vouch.GateSummary{
			Components: 212,
			Findings: map[string]map[string]int{
				"vulnerability": {"CRITICAL": 2, "HIGH": 5, "MEDIUM": 11, "LOW": 3, "UNKNOWN": 1},
				"secret":        {"UNKNOWN": 1},
				"sast":          {"NONE": 4},
			},
			Licenses: map[string]int{"MIT": 150, "Apache-2.0": 61, "(none)": 1},
			Denied:   2, Warned: 2, Waived: 1,
		},
		Tool:      "vouch 0.9.0",
		DecidedAt: decided,
		Settings: map[string]any{
			"max_severity": "HIGH", "require_provenance": true, "approvals": map[string]any{"count": 2.0, "allow_author": false},
			"trusted_builders": []any{"https://github.com/slsa-framework/slsa-github-generator"},
		},
	}
}

func marshal(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestDecisionSchemaAcceptsDecisions(t *testing.T) {
	d := exampleDecision()
	b := marshal(t, d)
	if err := schematest.Validate(attest.VouchDecision, b); err != nil {
		t.Fatalf("deny decision: %v\n%s", err, b)
	}
	// An allow decision as the gate writes it: empty lists, no context, no
	// settings, no licences.
	allow := vouch.Decision{
		SchemaVersion: "1", Environment: "staging", Verdict: vouch.Allow,
		Artifact:   vouch.Subject{Name: "dist/app.tar.gz", Digest: digestOf("app")},
		Violations: []vouch.Violation{}, Waived: []vouch.Violation{}, ExpiredWaivers: []vouch.Waiver{},
		Evidence: []vouch.Evidence{{ID: "e1", Source: "app.sig", Kind: "signature", Digest: digestOf("app"), Signed: true, Signer: "SHA256:x"}},
		Policies: []vouch.Policy{{ID: "vulnerabilities", Source: "builtin"}}, PolicyDigest: digestOf("p"), InputDigest: digestOf("i"),
		Summary: vouch.GateSummary{Findings: map[string]map[string]int{}}, Tool: "vouch dev", DecidedAt: time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC),
	}
	b = marshal(t, allow)
	if err := schematest.Validate(attest.VouchDecision, b); err != nil {
		t.Fatalf("allow decision: %v\n%s", err, b)
	}
	// A decision round-trips through the Go type unchanged, so the example
	// is what vouch itself reads back.
	var back vouch.Decision
	dec := json.NewDecoder(bytes.NewReader(marshal(t, d)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&back); err != nil {
		t.Fatal(err)
	}
	if err := schematest.Validate(attest.VouchDecision, marshal(t, back)); err != nil {
		t.Fatalf("decoded decision: %v", err)
	}
}

// TestDecisionSchemaFollowsGoType: the schema's objects have exactly the
// JSON fields of the Go types, and require exactly those without
// omitempty. When vouch.Decision grows, this says the schema must follow.
func TestDecisionSchemaFollowsGoType(t *testing.T) {
	b, _ := attest.Schema(attest.VouchDecision)
	var s schemaNode
	if err := json.Unmarshal(b, &s); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		at   string
		node schemaNode
		typ  reflect.Type
	}{
		{"decision", s, reflect.TypeFor[vouch.Decision]()},
		{"artifact", s.Properties["artifact"], reflect.TypeFor[vouch.Subject]()},
		{"context", s.Properties["context"], reflect.TypeFor[vouch.GateContext]()},
		{"summary", s.Properties["summary"], reflect.TypeFor[vouch.GateSummary]()},
		{"violation", s.Defs["violation"], reflect.TypeFor[vouch.Violation]()},
		{"waiver", s.Defs["waiver"], reflect.TypeFor[vouch.Waiver]()},
		{"evidence", s.Defs["evidence"], reflect.TypeFor[vouch.Evidence]()},
		{"policy", s.Defs["policy"], reflect.TypeFor[vouch.Policy]()},
	} {
		var fields, required []string
		for i := range c.typ.NumField() {
			f := c.typ.Field(i)
			name, opts, _ := strings.Cut(f.Tag.Get("json"), ",")
			if !f.IsExported() || name == "-" {
				continue
			}
			fields = append(fields, name)
			if !strings.Contains(opts, "omitempty") {
				required = append(required, name)
			}
		}
		var props []string
		for p := range c.node.Properties {
			props = append(props, p)
		}
		slices.Sort(fields)
		slices.Sort(props)
		slices.Sort(required)
		req := slices.Sorted(slices.Values(c.node.Required))
		if !slices.Equal(fields, props) {
			t.Errorf("%s: Go fields %v, schema properties %v", c.at, fields, props)
		}
		if !slices.Equal(required, req) {
			t.Errorf("%s: Go fields without omitempty %v, schema requires %v", c.at, required, req)
		}
		if c.node.AdditionalProperties == nil || *c.node.AdditionalProperties {
			t.Errorf("%s: schema allows other properties", c.at)
		}
	}
}

type schemaNode struct {
	Properties           map[string]schemaNode `json:"properties"`
	Defs                 map[string]schemaNode `json:"$defs"`
	Required             []string              `json:"required"`
	AdditionalProperties *bool                 `json:"additionalProperties"`
}

// UnmarshalJSON reads additionalProperties only when it is a boolean
// (summary.findings holds a schema there).
func (n *schemaNode) UnmarshalJSON(b []byte) error {
	var raw struct {
		Properties           map[string]schemaNode `json:"properties"`
		Defs                 map[string]schemaNode `json:"$defs"`
		Required             []string              `json:"required"`
		AdditionalProperties json.RawMessage       `json:"additionalProperties"`
	}
	if err := json.Unmarshal(b, &raw); err != nil {
		return err
	}
	n.Properties, n.Defs, n.Required = raw.Properties, raw.Defs, raw.Required
	var ap bool
	if json.Unmarshal(raw.AdditionalProperties, &ap) == nil {
		n.AdditionalProperties = &ap
	}
	return nil
}

const exampleApproval = `{
  "environment": "prod",
  "approver": "bob@example.com",
  "comment": "change CHG-1042, reviewed the diff and the scan",
  "approvedAt": "2025-03-14T09:20:00Z"
}`

const exampleWaivers = `{
  "waivers": [
    {
      "id": "xz-backdoor-rebuild",
      "finding": "CVE-2024-3094",
      "package": "pkg:deb/debian/xz-utils",
      "environment": "prod",
      "owner": "alice@example.com",
      "reason": "rebuilt from the clean tarball; the scanner matches the version only",
      "approver": "bob@example.com",
      "expires": "2025-04-30"
    },
    {
      "policy": "licenses",
      "owner": "carol@example.com",
      "reason": "legal review pending",
      "approver": "dave@example.com",
      "expires": "2025-06-30T18:00:00+02:00"
    },
    {
      "id": "",
      "policy": "",
      "finding": "",
      "package": "lodash",
      "environment": "",
      "owner": "erin",
      "reason": "dev tooling only",
      "approver": "frank",
      "expires": "2025-12-31T23:59:59Z"
    }
  ]
}`

func TestApprovalAndWaiverSchemasAcceptExamples(t *testing.T) {
	if err := schematest.Validate(attest.VouchApproval, []byte(exampleApproval)); err != nil {
		t.Errorf("approval: %v", err)
	}
	if err := schematest.Validate(attest.VouchApproval, []byte(`{"environment":"prod","approver":"bob","approvedAt":"2025-03-14T09:20:00Z"}`)); err != nil {
		t.Errorf("approval without comment: %v", err)
	}
	if err := schematest.Validate(attest.VouchWaiver, []byte(exampleWaivers)); err != nil {
		t.Errorf("waivers: %v", err)
	}
	if err := schematest.Validate(attest.VouchWaiver, []byte(`{"waivers":[]}`)); err != nil {
		t.Errorf("no waivers: %v", err)
	}
}

// TestGateSchemasRefuse: documents that break one rule each are refused.
func TestGateSchemasRefuse(t *testing.T) {
	type doc = map[string]any
	first := func(d doc, key string) doc { return d[key].([]any)[0].(doc) }
	cases := []struct {
		pt, name string
		base     []byte
		brk      func(d doc)
	}{
		{attest.VouchDecision, "no verdict", nil, func(d doc) { delete(d, "verdict") }},
		{attest.VouchDecision, "verdict maybe", nil, func(d doc) { d["verdict"] = "maybe" }},
		{attest.VouchDecision, "verdict upper-case", nil, func(d doc) { d["verdict"] = "DENY" }},
		{attest.VouchDecision, "extra field", nil, func(d doc) { d["score"] = 3 }},
		{attest.VouchDecision, "schemaVersion", nil, func(d doc) { d["schemaVersion"] = "2" }},
		{attest.VouchDecision, "no environment", nil, func(d doc) { delete(d, "environment") }},
		{attest.VouchDecision, "no evidence", nil, func(d doc) { delete(d, "evidence") }},
		{attest.VouchDecision, "violations null", nil, func(d doc) { d["violations"] = nil }},
		{attest.VouchDecision, "artifact digest", nil, func(d doc) { d["artifact"].(doc)["digest"] = "sha256:abc" }},
		{attest.VouchDecision, "artifact digest empty", nil, func(d doc) { d["artifact"].(doc)["digest"] = "" }},
		{attest.VouchDecision, "policy digest md5", nil, func(d doc) { d["policyDigest"] = "md5:d41d8cd98f00b204e9800998ecf8427e" }},
		{attest.VouchDecision, "evidence digest", nil, func(d doc) { first(d, "evidence")["digest"] = "sha256:XYZ" }},
		{attest.VouchDecision, "evidence not signed nor unsigned", nil, func(d doc) { delete(first(d, "evidence"), "signed") }},
		{attest.VouchDecision, "action allow", nil, func(d doc) { first(d, "violations")["action"] = "allow" }},
		{attest.VouchDecision, "action block", nil, func(d doc) { first(d, "violations")["action"] = "block" }},
		{attest.VouchDecision, "severity lower-case", nil, func(d doc) { first(d, "violations")["severity"] = "critical" }},
		{attest.VouchDecision, "violation without policy", nil, func(d doc) { delete(first(d, "violations"), "policy") }},
		{attest.VouchDecision, "violation extra field", nil, func(d doc) { first(d, "violations")["cvss"] = 9.8 }},
		{attest.VouchDecision, "waived without waiver", nil, func(d doc) { delete(first(d, "waived"), "waiver") }},
		{attest.VouchDecision, "waiver without scope", nil, func(d doc) {
			w := first(d, "expiredWaivers")
			delete(w, "policy")
			delete(w, "package")
		}},
		{attest.VouchDecision, "waiver expires a date", nil, func(d doc) { first(d, "expiredWaivers")["expires"] = "2025-01-31" }},
		{attest.VouchDecision, "waiver without approver", nil, func(d doc) { delete(first(d, "waived")["waiver"].(doc), "approver") }},
		{attest.VouchDecision, "decidedAt", nil, func(d doc) { d["decidedAt"] = "yesterday" }},
		{attest.VouchDecision, "summary severity name", nil, func(d doc) {
			d["summary"].(doc)["findings"].(doc)["vulnerability"].(doc)["high"] = 1
		}},
		{attest.VouchDecision, "summary negative count", nil, func(d doc) { d["summary"].(doc)["denied"] = -1 }},
		{attest.VouchDecision, "summary count not integer", nil, func(d doc) {
			d["summary"].(doc)["findings"].(doc)["secret"].(doc)["UNKNOWN"] = 1.5
		}},
		{attest.VouchDecision, "settings not an object", nil, func(d doc) { d["settings"] = "strict" }},

		{attest.VouchApproval, "no approver", []byte(exampleApproval), func(d doc) { delete(d, "approver") }},
		{attest.VouchApproval, "empty approver", []byte(exampleApproval), func(d doc) { d["approver"] = "" }},
		{attest.VouchApproval, "no environment", []byte(exampleApproval), func(d doc) { delete(d, "environment") }},
		{attest.VouchApproval, "no approvedAt", []byte(exampleApproval), func(d doc) { delete(d, "approvedAt") }},
		{attest.VouchApproval, "approvedAt a date", []byte(exampleApproval), func(d doc) { d["approvedAt"] = "2025-03-14" }},
		{attest.VouchApproval, "extra field", []byte(exampleApproval), func(d doc) { d["approvers"] = []any{"bob"} }},

		{attest.VouchWaiver, "no scope", []byte(exampleWaivers), func(d doc) {
			w := first(d, "waivers")
			delete(w, "finding")
			delete(w, "package")
		}},
		{attest.VouchWaiver, "blank scope", []byte(exampleWaivers), func(d doc) { d["waivers"].([]any)[2].(doc)["package"] = "  " }},
		{attest.VouchWaiver, "environment is no scope", []byte(exampleWaivers), func(d doc) {
			w := first(d, "waivers")
			delete(w, "finding")
			delete(w, "package")
			w["environment"] = "prod"
		}},
		{attest.VouchWaiver, "no owner", []byte(exampleWaivers), func(d doc) { delete(first(d, "waivers"), "owner") }},
		{attest.VouchWaiver, "blank reason", []byte(exampleWaivers), func(d doc) { first(d, "waivers")["reason"] = "" }},
		{attest.VouchWaiver, "no approver", []byte(exampleWaivers), func(d doc) { delete(first(d, "waivers"), "approver") }},
		{attest.VouchWaiver, "no expires", []byte(exampleWaivers), func(d doc) { delete(first(d, "waivers"), "expires") }},
		{attest.VouchWaiver, "expires in words", []byte(exampleWaivers), func(d doc) { first(d, "waivers")["expires"] = "next quarter" }},
		{attest.VouchWaiver, "expires no month 13", []byte(exampleWaivers), func(d doc) { first(d, "waivers")["expires"] = "2025-13-01" }},
		{attest.VouchWaiver, "expires US date", []byte(exampleWaivers), func(d doc) { first(d, "waivers")["expires"] = "04/30/2025" }},
		{attest.VouchWaiver, "expires a number", []byte(exampleWaivers), func(d doc) { first(d, "waivers")["expires"] = 20250430 }},
		{attest.VouchWaiver, "entry extra field", []byte(exampleWaivers), func(d doc) { first(d, "waivers")["until"] = "2025-04-30" }},
		{attest.VouchWaiver, "top extra field", []byte(exampleWaivers), func(d doc) { d["version"] = 1 }},
		{attest.VouchWaiver, "no waivers", []byte(exampleWaivers), func(d doc) { delete(d, "waivers") }},
		{attest.VouchWaiver, "a bare list", []byte(exampleWaivers), nil},
	}
	decision := marshal(t, exampleDecision())
	for _, c := range cases {
		base := c.base
		if base == nil {
			base = decision
		}
		if err := schematest.Validate(c.pt, base); err != nil {
			t.Errorf("%s: the unbroken document fails: %v", c.name, err)
			continue
		}
		var broken []byte
		if c.brk == nil {
			var d map[string]any
			json.Unmarshal(base, &d)
			broken = marshal(t, d["waivers"])
		} else {
			var d map[string]any
			if err := json.Unmarshal(base, &d); err != nil {
				t.Fatal(err)
			}
			c.brk(d)
			broken = marshal(t, d)
		}
		if schematest.Validate(c.pt, broken) == nil {
			t.Errorf("%s %s: the schema accepts it:\n%s", c.pt, c.name, broken)
		}
	}
}
