package policy

import (
	"bytes"
	"encoding/json"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// gateInputSchema compiles schema/gate-input-v1.json, formats asserted.
func gateInputSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(InputSchema))
	if err != nil {
		t.Fatalf("schema: %v", err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	const url = "https://vouch.dev/schemas/gate-input-v1.json"
	if err := c.AddResource(url, doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile(url)
	if err != nil {
		t.Fatalf("schema: %v", err)
	}
	return s
}

func validateInput(s *jsonschema.Schema, raw []byte) error {
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
	if err != nil {
		return err
	}
	return s.Validate(inst)
}

func readExample(t *testing.T) []byte {
	t.Helper()
	raw, err := os.ReadFile("testdata/input-example.json")
	if err != nil {
		t.Fatal(err)
	}
	return raw
}

func TestSchemaExample(t *testing.T) {
	if err := validateInput(gateInputSchema(t), readExample(t)); err != nil {
		t.Fatalf("testdata/input-example.json: %v", err)
	}
}

// TestSchemaMatchesInput holds the schema and the Go type to each other:
// the example decodes into Input with no field left over, and what Input
// encodes back is the example again, and valid.
func TestSchemaMatchesInput(t *testing.T) {
	raw := readExample(t)
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	var in Input
	if err := dec.Decode(&in); err != nil {
		t.Fatalf("the example does not decode into Input: %v", err)
	}
	if in.SchemaVersion != InputSchemaVersion {
		t.Errorf("example schemaVersion %q, want %q", in.SchemaVersion, InputSchemaVersion)
	}
	again, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	var a, b any
	if err := json.Unmarshal(raw, &a); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(again, &b); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(a, b) {
		t.Errorf("Input does not encode the example back as it was:\n%s", again)
	}
	s := gateInputSchema(t)
	if err := validateInput(s, again); err != nil {
		t.Errorf("Input as encoded: %v", err)
	}
	// Every preset, validated, is valid settings.
	for _, env := range []string{"development", "staging", "production"} {
		p, _ := Preset(env)
		if err := p.Validate(); err != nil {
			t.Fatalf("preset %s: %v", env, err)
		}
		in.Settings = p
		raw, err := json.Marshal(in)
		if err != nil {
			t.Fatal(err)
		}
		if err := validateInput(s, raw); err != nil {
			t.Errorf("input with the %s preset: %v", env, err)
		}
	}
}

func TestSchemaRefusesBroken(t *testing.T) {
	s := gateInputSchema(t)
	for _, tc := range []struct {
		name string
		edit func(doc map[string]any)
	}{
		{"no settings", func(d map[string]any) { delete(d, "settings") }},
		{"unknown field", func(d map[string]any) { d["policies"] = []any{} }},
		{"scans null", func(d map[string]any) { d["scans"] = nil }},
		{"bad severity", func(d map[string]any) { exampleFinding(d)["severity"] = "SEVERE" }},
		{"lower-case severity", func(d map[string]any) { exampleFinding(d)["severity"] = "high" }},
		{"unknown finding kind", func(d map[string]any) { exampleFinding(d)["kind"] = "license" }},
		{"finding without id", func(d map[string]any) { delete(exampleFinding(d), "id") }},
		{"bad evidence id", func(d map[string]any) { d["scans"].([]any)[0].(map[string]any)["evidence"] = "scan.json" }},
		{"bad digest", func(d map[string]any) { d["artifact"].(map[string]any)["digest"] = "sha256:abc" }},
		{"bad time", func(d map[string]any) { d["time"] = "yesterday" }},
		{"lower-case threshold", func(d map[string]any) { exampleSettings(d, "vulnerabilities")["deny"] = "high" }},
		{"bad unknown", func(d map[string]any) { exampleSettings(d, "secrets")["unknown"] = "allow" }},
		{"max_age as a duration", func(d map[string]any) { exampleSettings(d, "scans")["max_age"] = "24h" }},
		{"unknown scanner", func(d map[string]any) { exampleSettings(d, "scans")["required"] = []any{"sast"} }},
		{"negative approvals", func(d map[string]any) { exampleSettings(d, "approvals")["required"] = -1 }},
		{"dirty as a boolean", func(d map[string]any) { d["provenance"].([]any)[0].(map[string]any)["dirty"] = false }},
		{"suppressed as a boolean", func(d map[string]any) { exampleFinding(d)["suppressed"] = true }},
		{"finding without suppressed", func(d map[string]any) { delete(exampleFinding(d), "suppressed") }},
		{"excludePaths null", func(d map[string]any) { d["scans"].([]any)[0].(map[string]any)["excludePaths"] = nil }},
		{"scan without excludePaths", func(d map[string]any) { delete(d["scans"].([]any)[0].(map[string]any), "excludePaths") }},
		{"allowed_excludes a string", func(d map[string]any) { exampleSettings(d, "scans")["allowed_excludes"] = "**/testdata/**" }},
		{"no honour_suppressions", func(d map[string]any) { delete(exampleSettings(d, "scans"), "honour_suppressions") }},
		{"no waivers", func(d map[string]any) { delete(d["settings"].(map[string]any), "waivers") }},
		{"protected null", func(d map[string]any) { exampleSettings(d, "waivers")["protected"] = nil }},
	} {
		t.Run(strings.ReplaceAll(tc.name, " ", "_"), func(t *testing.T) {
			var doc map[string]any
			if err := json.Unmarshal(readExample(t), &doc); err != nil {
				t.Fatal(err)
			}
			tc.edit(doc)
			raw, _ := json.Marshal(doc)
			if err := validateInput(s, raw); err == nil {
				t.Error("the schema accepts it")
			}
		})
	}
}

func exampleFinding(doc map[string]any) map[string]any {
	return doc["scans"].([]any)[0].(map[string]any)["findings"].([]any)[0].(map[string]any)
}

func exampleSettings(doc map[string]any, name string) map[string]any {
	return doc["settings"].(map[string]any)[name].(map[string]any)
}

// TestSchemaExampleDecision decides the example with the built-in
// policies, compiled together and queried as data.vouch.gate as the
// engine does, and checks every violation.
func TestSchemaExampleDecision(t *testing.T) {
	var in any
	if err := json.Unmarshal(readExample(t), &in); err != nil {
		t.Fatal(err)
	}
	got := evalBuiltin(t, builtinCompiler(t, false), in)
	type violation struct {
		policy, action, severity, key string
		evidence                      string
	}
	var have []violation
	for id, p := range got {
		for action, vs := range p {
			for _, v := range vs {
				key, _ := v["finding"].(string)
				if key == "" {
					key, _ = v["msg"].(string)
				}
				var ev []string
				for _, e := range v["evidence"].([]any) {
					ev = append(ev, e.(string))
				}
				have = append(have, violation{id, action, v["severity"].(string), key, strings.Join(ev, ",")})
				if msg, _ := v["msg"].(string); msg == "" {
					t.Errorf("%s %s: violation without a message: %v", id, action, v)
				}
				if msg, _ := v["msg"].(string); key == "CVE-2024-2236" && !strings.HasSuffix(msg, " (suppressed in the scan by .vouchignore.yaml, which this environment does not honour)") {
					t.Errorf("%s: the message does not say the scan suppressed it: %s", key, msg)
				}
			}
		}
	}
	want := []violation{
		// Signed e2 and unsigned e8 report it: one violation, both named.
		{"vulnerabilities", "deny", "CRITICAL", "CVE-2024-45337", "e2,e8"},
		// No severity: fails closed.
		{"vulnerabilities", "deny", "UNKNOWN", "GO-2025-3487", "e2"},
		// Suppressed by .vouchignore.yaml, which production does not honour.
		{"vulnerabilities", "warn", "MEDIUM", "CVE-2024-2236", "e2"},
		// CRITICAL, but fixed_only and no fix.
		{"vulnerabilities", "warn", "CRITICAL", "CVE-2023-45853", "e2"},
		{"misconfig", "warn", "MEDIUM", "VCH-DKR-0003", "e2"},
		// e2 left out only what allowed_excludes allows; e8 did not.
		{"scans", "deny", "HIGH", "scan e8 excluded paths from what it looked at: docs/ (findings there are not seen)", "e8"},
		{"sast", "deny", "HIGH", "go/sql-injection", "e4"},
		{"sast", "warn", "MEDIUM", "go/log-injection", "e4"},
		{"licenses", "warn", "MEDIUM", "LGPL-2.1-or-later", "e3"},
	}
	cmp := func(a, b violation) int { return strings.Compare(a.policy+a.action+a.key, b.policy+b.action+b.key) }
	slices.SortFunc(have, cmp)
	slices.SortFunc(want, cmp)
	if !slices.Equal(have, want) {
		t.Errorf("violations:\n%v\nwant:\n%v", have, want)
	}
	// Every policy ran: the approvals policy had an approval by the
	// author to explain, and none of it may show up as a violation.
	for _, id := range builtinIDs {
		if _, ok := got[id]; !ok {
			t.Errorf("policy %s is missing from data.vouch.gate", id)
		}
	}
}
