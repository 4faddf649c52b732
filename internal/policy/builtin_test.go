package policy

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/tester"

	"github.com/vouch-dev/vouch/internal/vouch"
)

// builtinIDs are the built-in policies, the ids under data.vouch.gate.
var builtinIDs = []string{"approvals", "licenses", "misconfig", "provenance", "sast", "sbom", "scans", "secrets", "signature", "vulnerabilities"}

// builtinCompiler compiles the built-in policies and library, with their
// tests when asked.
func builtinCompiler(t testing.TB, withTests bool) *ast.Compiler {
	t.Helper()
	mods, err := builtinModules(withTests)
	if err != nil {
		t.Fatal(err)
	}
	c := ast.NewCompiler().WithEnablePrintStatements(false).WithCapabilities(parserOpts.Capabilities)
	if c.Compile(mods); c.Failed() {
		t.Fatal(c.Errors)
	}
	return c
}

// evalBuiltin decides input with the built-in policies in one query of
// data.vouch.gate, as the engine does, and returns each policy's deny and
// warn sets.
func evalBuiltin(t testing.TB, c *ast.Compiler, input any) map[string]map[string][]map[string]any {
	t.Helper()
	ctx := context.Background()
	pq, err := rego.New(rego.Compiler(c), rego.Query("data.vouch.gate")).PrepareForEval(ctx)
	if err != nil {
		t.Fatal(err)
	}
	rs, err := pq.Eval(ctx, rego.EvalInput(input))
	if err != nil {
		t.Fatal(err)
	}
	if len(rs) != 1 || len(rs[0].Expressions) != 1 {
		t.Fatalf("data.vouch.gate: %d results", len(rs))
	}
	// Round-trip through JSON to get plain types.
	raw, err := json.Marshal(rs[0].Expressions[0].Value)
	if err != nil {
		t.Fatal(err)
	}
	var pkgs map[string]map[string]any
	if err := json.Unmarshal(raw, &pkgs); err != nil {
		t.Fatal(err)
	}
	out := map[string]map[string][]map[string]any{}
	for id, p := range pkgs {
		if strings.HasSuffix(id, "_test") {
			continue
		}
		out[id] = map[string][]map[string]any{}
		for _, action := range []string{"deny", "warn"} {
			list, _ := p[action].([]any)
			for _, v := range list {
				m, ok := v.(map[string]any)
				if !ok {
					t.Fatalf("%s.%s: violation %v is not an object", id, action, v)
				}
				out[id][action] = append(out[id][action], m)
			}
		}
	}
	return out
}

// TestBuiltinRego runs the Rego unit tests of the built-in policies.
func TestBuiltinRego(t *testing.T) {
	mods, err := builtinModules(true)
	if err != nil {
		t.Fatal(err)
	}
	ch, err := tester.NewRunner().SetModules(mods).EnableTracing(false).RunTests(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for r := range ch {
		n++
		if !r.Pass() {
			where := ""
			if r.Location != nil {
				where = fmt.Sprintf(" (%s:%d)", r.Location.File, r.Location.Row)
			}
			t.Errorf("%s.%s%s failed: %v", r.Package, r.Name, where, r.Error)
		}
	}
	if n < 100 {
		t.Fatalf("%d Rego tests ran, want at least 100", n)
	}
	t.Logf("%d Rego tests", n)
}

// TestBuiltinPolicies checks what the engine relies on: the ten policies,
// each a package vouch.gate.ID with a title and a description and a deny
// or warn rule, and no other package under vouch.gate.
func TestBuiltinPolicies(t *testing.T) {
	mods, err := builtinModules(false)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for file, m := range mods {
		path := m.Package.Path.String()
		id, ok := strings.CutPrefix(path, "data.vouch.gate.")
		if !ok {
			if strings.HasPrefix(path, "data.vouch.gate") {
				t.Errorf("%s: package %s is under vouch.gate but is not a policy", file, path)
			}
			continue
		}
		ids = append(ids, id)
		if want := "builtin/" + id + ".rego"; file != want {
			t.Errorf("policy %s is in %s, want %s", id, file, want)
		}
		var title, desc string
		for _, a := range m.Annotations {
			if a.Scope == "package" {
				title, desc = a.Title, a.Description
			}
		}
		if title == "" || desc == "" {
			t.Errorf("%s: the package METADATA needs a title and a description", file)
		}
		if !strings.Contains(desc, "Settings:") {
			t.Errorf("%s: the description should say which settings tune it", file)
		}
		rules := map[string]bool{}
		for _, r := range m.Rules {
			rules[r.Head.Name.String()] = true
			if n := r.Head.Ref().String(); n == "deny" || n == "warn" {
				if r.Head.RuleKind() != ast.MultiValue {
					t.Errorf("%s: %s must be a set (%s contains v if …)", file, n, n)
				}
			}
		}
		if !rules["deny"] && !rules["warn"] {
			t.Errorf("%s: defines neither deny nor warn", file)
		}
	}
	slices.Sort(ids)
	if !slices.Equal(ids, builtinIDs) {
		t.Errorf("built-in policies %v, want %v", ids, builtinIDs)
	}
	// Tests are in packages the engine skips.
	all, err := builtinModules(true)
	if err != nil {
		t.Fatal(err)
	}
	for file, m := range all {
		if strings.HasSuffix(file, "_test.rego") && strings.HasPrefix(m.Package.Path.String(), "data.vouch.gate.") && !strings.HasSuffix(m.Package.Path.String(), "_test") {
			t.Errorf("%s: test package %s must end in _test", file, m.Package.Path)
		}
	}
}

// TestBuiltinLargeInput decides a large input in one query: no
// evaluation error (conflicting outputs, say) and the expected counts.
func TestBuiltinLargeInput(t *testing.T) {
	in, want := syntheticInput(2000, 500)
	got := evalBuiltin(t, builtinCompiler(t, false), in)
	for _, id := range builtinIDs {
		n := [2]int{len(got[id]["deny"]), len(got[id]["warn"])}
		if n != want[id] {
			t.Errorf("%s: %d denials, %d warnings, want %d, %d", id, n[0], n[1], want[id][0], want[id][1])
		}
	}
	for _, id := range []string{"vulnerabilities", "secrets", "misconfig", "sast", "licenses"} {
		if want[id] == [2]int{} {
			t.Errorf("%s: the input should give it something to do", id)
		}
	}
}

// BenchmarkBuiltin decides 2,000 components and 500 findings (in two
// overlapping scans) with the ten built-in policies, from a prepared
// query of data.vouch.gate (the bar: well under 100 ms).
func BenchmarkBuiltin(b *testing.B) {
	c := builtinCompiler(b, false)
	ctx := context.Background()
	pq, err := rego.New(rego.Compiler(c), rego.Query("data.vouch.gate")).PrepareForEval(ctx)
	if err != nil {
		b.Fatal(err)
	}
	in, _ := syntheticInput(2000, 500)
	raw, _ := json.Marshal(in)
	val, err := ast.ValueFromReader(bytes.NewReader(raw))
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := pq.Eval(ctx, rego.EvalParsedInput(val)); err != nil {
			b.Fatal(err)
		}
	}
}

// syntheticInput is a production input with n components and m findings
// (a tenth secrets, a tenth misconfigurations, the rest vulnerabilities,
// one in 13 suppressed by the scan, half of them reported again by an
// unsigned scan that excluded vendor/) and m/5 SARIF results,
// and the denials and warnings each policy should give, worked out here
// with vouch.Severity rather than Rego.
func syntheticInput(n, m int) (map[string]any, map[string][2]int) {
	s, _ := Preset("production")
	var settings map[string]any
	b, _ := json.Marshal(s)
	_ = json.Unmarshal(b, &settings)
	want := map[string][2]int{}
	count := func(policy string, v [2]bool) { // deny, warn
		w := want[policy]
		if v[0] {
			w[0]++
		} else if v[1] {
			w[1]++
		}
		want[policy] = w
	}
	// judge is what a finding of severity sev does under t.
	judge := func(t Threshold, sev string) [2]bool {
		v, _ := vouch.ParseSeverity(sev)
		at := func(level string) bool {
			if level == "" {
				return false
			}
			l, _ := vouch.ParseSeverity(level)
			return v.AtLeast(l, t.Unknown != "deny")
		}
		deny := at(t.Deny)
		return [2]bool{deny, !deny && (at(t.Warn) || v == vouch.SeverityUnknown && t.Unknown == "warn")}
	}
	sevs := []string{"LOW", "MEDIUM", "HIGH", "CRITICAL", "UNKNOWN", "NONE"}

	var comps []any
	for i := range n {
		lic := []any{"MIT"}
		switch {
		case i%97 == 0:
			lic = []any{"GPL-3.0-only"}
			count("licenses", [2]bool{false, true})
		case i%89 == 0:
			lic = []any{"Apache-2.0 OR AGPL-3.0-only", "MIT AND AGPL-3.0-only"}
			count("licenses", [2]bool{true, false})
		case i%61 == 0:
			lic = []any{"(MIT OR GPL-2.0-only) AND LGPL-2.1-only", "BSD-3-Clause"}
			count("licenses", [2]bool{false, true})
		case i%7 == 0:
			lic = []any{"MIT OR Apache-2.0", fmt.Sprintf("LicenseRef-%d", i)}
		}
		comps = append(comps, map[string]any{"name": fmt.Sprint("pkg", i), "version": "1.0.0", "purl": fmt.Sprintf("pkg:npm/pkg%d@1.0.0", i), "ecosystem": "npm", "licenses": lic})
	}

	finding := func(kind, id, sev, pkg, fixed, loc, suppressed string) map[string]any {
		return map[string]any{"kind": kind, "id": id, "aliases": []any{}, "severity": sev, "title": "t", "package": pkg, "name": "", "version": "", "ecosystem": "npm", "fixedIn": fixed, "location": loc, "reachable": "", "suppressed": suppressed}
	}
	var fs []any
	for i := range m {
		sev := sevs[(i/10)%len(sevs)]
		// Production does not honour scan suppressions: these count too.
		sup := ""
		if i%13 == 0 {
			sup = ".vouchignore.yaml"
		}
		switch i % 10 {
		case 0:
			fs = append(fs, finding("secret", "generic-password", sev, "", "", fmt.Sprintf("cfg/%d.env:1", i), sup))
			count("secrets", judge(s.Secrets, sev))
		case 1:
			fs = append(fs, finding("misconfiguration", fmt.Sprintf("VCH-K8S-%03d", i), sev, "", "", fmt.Sprintf("k8s/%d.yaml:3", i), sup))
			count("misconfig", judge(s.Misconfig, sev))
		default:
			sev = sevs[i%len(sevs)]
			fixed := "2.0.0"
			if i%4 == 0 {
				fixed = ""
			}
			fs = append(fs, finding("vulnerability", fmt.Sprintf("GHSA-%04d", i), sev, fmt.Sprintf("pkg:npm/pkg%d@1.0.0", i*3%n), fixed, "", sup))
			v := judge(s.Vulnerabilities, sev)
			if v[0] && fixed == "" && s.Vulnerabilities.FixedOnly {
				v = [2]bool{false, true}
			}
			count("vulnerabilities", v)
		}
	}
	var results []any
	for i := range m / 5 {
		sev := sevs[i%len(sevs)]
		results = append(results, map[string]any{"ruleId": fmt.Sprintf("go/rule-%d", i%20), "level": "warning", "severity": sev, "message": "m", "location": fmt.Sprintf("a/%d.go:%d", i, i)})
		count("sast", judge(s.SAST, sev))
	}
	scan := func(id string, signed bool, fs []any, excludes ...any) map[string]any {
		return map[string]any{"evidence": id, "signed": signed, "scanners": []any{"vuln", "secret", "misconfig"}, "target": "x", "createdAt": "2025-06-02T09:00:00Z", "ageSeconds": 3600, "findings": fs, "excludePaths": append([]any{}, excludes...)}
	}
	// The unsigned scan left vendor/ out, which production does not allow.
	count("scans", [2]bool{s.Scans.ExcludesDeny, !s.Scans.ExcludesDeny})
	in := map[string]any{
		"schemaVersion": "1", "environment": "production", "time": "2025-06-02T10:00:00Z",
		"context":    map[string]any{"author": "bob@example.org"},
		"artifact":   map[string]any{"name": "x", "digest": "sha256:00", "signed": true, "signers": []any{"k"}},
		"settings":   settings,
		"evidence":   []any{},
		"scans":      []any{scan("e1", true, fs), scan("e2", false, fs[:m/2], "vendor/")},
		"sboms":      []any{map[string]any{"evidence": "e3", "signed": true, "format": "cyclonedx", "components": comps}},
		"sarif":      []any{map[string]any{"evidence": "e4", "signed": true, "tool": "CodeQL", "results": results}},
		"provenance": []any{map[string]any{"evidence": "e5", "signed": true, "buildType": "b", "builder": "https://github.com/actions/runner/github-hosted", "repository": "r", "ref": "refs/heads/main", "branch": "main", "commit": "c", "dirty": "no"}},
		"approvals":  []any{map[string]any{"evidence": "e6", "approver": "alice@example.org", "environment": "production", "comment": "", "approvedAt": "2025-06-02T09:30:00Z"}},
	}
	return in, want
}
