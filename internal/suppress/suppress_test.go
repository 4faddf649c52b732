package suppress

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/vouch-dev/vouch/internal/purl"
	"github.com/vouch-dev/vouch/internal/vouch"
)

func pkg(eco vouch.Ecosystem, name, version string) *vouch.Package {
	return &vouch.Package{Ecosystem: eco, Name: name, Version: version, PURL: purl.For(eco, name, version, nil)}
}

func vuln(id string, aliases []string, p *vouch.Package, path string) vouch.Finding {
	return vouch.Finding{Kind: vouch.KindVulnerability, ID: id, Aliases: aliases, Package: p, Severity: vouch.SeverityHigh, Location: vouch.Location{Path: path}}
}

// scanFindings is what a scan of the shop API found, before suppression.
func scanFindings() []vouch.Finding {
	openssl := pkg(vouch.EcosystemDebian, "openssl", "3.0.11-1~deb12u2")
	openssl.PURL = purl.For(vouch.EcosystemDebian, "openssl", "3.0.11-1~deb12u2", map[string]string{"arch": "amd64", "distro": "debian-12"})
	libc := pkg(vouch.EcosystemDebian, "libc6", "2.36-9+deb12u3")
	libc.SourceName = "glibc"
	return []vouch.Finding{
		vuln("GHSA-c2qf-rxjj-qqgw", []string{"CVE-2022-25883"}, pkg(vouch.EcosystemNPM, "semver", "7.5.1"), "package-lock.json"),
		vuln("GHSA-35jh-r3h4-6jhm", []string{"CVE-2021-23337"}, pkg(vouch.EcosystemNPM, "lodash", "4.17.20"), "frontend/package-lock.json"),
		vuln("GHSA-35jh-r3h4-6jhm", []string{"CVE-2021-23337"}, pkg(vouch.EcosystemNPM, "lodash", "4.17.20"), "backend/package-lock.json"),
		vuln("GHSA-xvch-5gv4-984h", []string{"CVE-2021-44906"}, pkg(vouch.EcosystemNPM, "minimist", "1.2.5"), "package-lock.json"),
		vuln("GO-2023-2102", []string{"GHSA-4374-p667-p6c8", "CVE-2023-39325"}, pkg(vouch.EcosystemGo, "golang.org/x/net", "v0.15.0"), "go.mod"),
		vuln("CVE-2023-5678", nil, openssl, "var/lib/dpkg/status"),
		vuln("CVE-2024-0727", nil, openssl, "var/lib/dpkg/status"),
		vuln("CVE-2010-4756", nil, libc, "var/lib/dpkg/status"),
		{Kind: vouch.KindSecret, ID: "generic-api-key", Severity: vouch.SeverityHigh, Location: vouch.Location{Path: "internal/api/testdata/config.json", Line: 4}, Masked: "sk-****abcd"},
		{Kind: vouch.KindSecret, ID: "generic-api-key", Severity: vouch.SeverityHigh, Location: vouch.Location{Path: "config/prod.env", Line: 2}, Masked: "sk-****wxyz"},
		{Kind: vouch.KindMisconfig, ID: "VCH-K8S-007", Severity: vouch.SeverityMedium, Location: vouch.Location{Path: "deploy/k8s/deployment.yaml", Line: 21}, Resource: "Deployment/api"},
		{Kind: vouch.KindMisconfig, ID: "VCH-K8S-007", Severity: vouch.SeverityMedium, Location: vouch.Location{Path: "deploy/k8s/cronjob.yaml", Line: 9}, Resource: "CronJob/cleanup"},
		{Kind: vouch.KindSecret, ID: "aws-access-key-id", Severity: vouch.SeverityHigh, Location: vouch.Location{Path: "docs/example.md", Line: 3}, Suppressed: &vouch.Suppression{Source: "inline", Reason: "documentation example"}},
	}
}

var now = time.Date(2025, 6, 15, 12, 0, 0, 0, time.UTC)

func mustIgnore(t *testing.T, name string) *IgnoreFile {
	t.Helper()
	f, err := LoadIgnoreFile(filepath.Join("testdata", name), true)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func mustVEX(t *testing.T, name string) *VEX {
	t.Helper()
	v, err := LoadVEX(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// key names a finding in test expectations: id@path.
func key(f vouch.Finding) string { return f.ID + "@" + f.Location.Path }

func TestApply(t *testing.T) {
	type want struct {
		source, reasonPart, until string
	}
	tests := []struct {
		name       string
		ignores    []string
		vex        []string
		now        time.Time
		suppressed map[string]want
		warnings   []string // substrings, one a warning, in order
	}{
		{
			name:    "ignore file",
			ignores: []string{"vouchignore.yaml"},
			now:     now,
			suppressed: map[string]want{
				// by alias CVE-2022-25883, version-less purl
				"GHSA-c2qf-rxjj-qqgw@package-lock.json": {"testdata/vouchignore.yaml", "our own lockfile", "2026-01-31"},
				// glob **/testdata/** narrows to the fixture
				"generic-api-key@internal/api/testdata/config.json": {"testdata/vouchignore.yaml", "dummy keys", ""},
				// a glob without "/" matches the file name anywhere
				"VCH-K8S-007@deploy/k8s/deployment.yaml": {"testdata/vouchignore.yaml", "OPS-1432", ""},
				// plain name
				"CVE-2024-0727@var/lib/dpkg/status": {"testdata/vouchignore.yaml", "PKCS12", ""},
				"aws-access-key-id@docs/example.md": {"inline", "documentation example", ""},
			},
			warnings: []string{"ignore entry for GHSA-35jh-r3h4-6jhm (lodash@4.17.20) expired on 2025-03-31 (testdata/vouchignore.yaml:10); the finding counts again"},
		},
		{
			name:    "ignore file before expiry",
			ignores: []string{"vouchignore.yaml"},
			now:     time.Date(2025, 3, 31, 23, 59, 59, 0, time.UTC), // last second of the expiry day
			suppressed: map[string]want{
				"GHSA-c2qf-rxjj-qqgw@package-lock.json":             {"testdata/vouchignore.yaml", "", "2026-01-31"},
				"GHSA-35jh-r3h4-6jhm@frontend/package-lock.json":    {"testdata/vouchignore.yaml", "template()", "2025-03-31"},
				"generic-api-key@internal/api/testdata/config.json": {"testdata/vouchignore.yaml", "", ""},
				"VCH-K8S-007@deploy/k8s/deployment.yaml":            {"testdata/vouchignore.yaml", "", ""},
				"CVE-2024-0727@var/lib/dpkg/status":                 {"testdata/vouchignore.yaml", "", ""},
				"aws-access-key-id@docs/example.md":                 {"inline", "", ""},
			},
		},
		{
			name: "openvex as vexctl writes it",
			vex:  []string{"openvex-vexctl.json"},
			now:  now,
			suppressed: map[string]want{
				// subcomponent purl with qualifiers matches the package purl with others
				"CVE-2023-5678@var/lib/dpkg/status": {"vex:testdata/openvex-vexctl.json", "not_affected (vulnerable_code_not_in_execute_path): The service never calls DH_check", ""},
				// the later not_affected (by alias) beats under_investigation
				"GHSA-xvch-5gv4-984h@package-lock.json": {"vex:testdata/openvex-vexctl.json", "Only parses argv", ""},
				// fixed, by the source package glibc of libc6, inheriting the document timestamp
				"CVE-2010-4756@var/lib/dpkg/status": {"vex:testdata/openvex-vexctl.json", "fixed: Debian ships", ""},
				"aws-access-key-id@docs/example.md": {"inline", "", ""},
				// GO-2023-2102: a later "affected" statement overrides not_affected.
			},
		},
		{
			name: "cyclonedx 1.6 bom with analysis",
			vex:  []string{"cyclonedx-1.6-bom-with-vex.json"},
			now:  now,
		},
		{
			name:    "ignore file wins over vex, vex fills in",
			ignores: []string{"vouchignore.yaml"},
			vex:     []string{"openvex-vexctl.json"},
			now:     now,
			suppressed: map[string]want{
				"GHSA-c2qf-rxjj-qqgw@package-lock.json":             {"testdata/vouchignore.yaml", "", "2026-01-31"},
				"generic-api-key@internal/api/testdata/config.json": {"testdata/vouchignore.yaml", "", ""},
				"VCH-K8S-007@deploy/k8s/deployment.yaml":            {"testdata/vouchignore.yaml", "", ""},
				"CVE-2024-0727@var/lib/dpkg/status":                 {"testdata/vouchignore.yaml", "", ""},
				"CVE-2023-5678@var/lib/dpkg/status":                 {"vex:testdata/openvex-vexctl.json", "", ""},
				"GHSA-xvch-5gv4-984h@package-lock.json":             {"vex:testdata/openvex-vexctl.json", "", ""},
				"CVE-2010-4756@var/lib/dpkg/status":                 {"vex:testdata/openvex-vexctl.json", "", ""},
				"aws-access-key-id@docs/example.md":                 {"inline", "", ""},
			},
			warnings: []string{"expired on 2025-03-31"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var ignores []*IgnoreFile
			for _, n := range tt.ignores {
				ignores = append(ignores, mustIgnore(t, n))
			}
			var vexes []*VEX
			for _, n := range tt.vex {
				vexes = append(vexes, mustVEX(t, n))
			}
			in := scanFindings()
			before := scanFindings()
			kept, suppressed, warnings := NewSet(ignores, vexes).Apply(in, tt.now)

			if len(kept)+len(suppressed) != len(in) {
				t.Fatalf("%d kept + %d suppressed != %d findings: Apply lost or duplicated some", len(kept), len(suppressed), len(in))
			}
			wantSup := tt.suppressed
			if wantSup == nil {
				wantSup = map[string]want{"aws-access-key-id@docs/example.md": {"inline", "", ""}}
			}
			got := map[string]bool{}
			for _, f := range suppressed {
				k := key(f)
				got[k] = true
				w, ok := wantSup[k]
				if !ok {
					t.Errorf("suppressed %s (%+v), want it kept", k, *f.Suppressed)
					continue
				}
				s := f.Suppressed
				if s == nil {
					t.Errorf("%s: in suppressed without a Suppression", k)
					continue
				}
				if s.Source != w.source || !strings.Contains(s.Reason, w.reasonPart) || s.Reason == "" || s.Until != w.until {
					t.Errorf("%s: suppression %+v, want source %q, reason containing %q, until %q", k, *s, w.source, w.reasonPart, w.until)
				}
			}
			for k := range wantSup {
				if !got[k] {
					t.Errorf("%s kept, want it suppressed", k)
				}
			}
			for _, f := range kept {
				if f.Suppressed != nil {
					t.Errorf("kept %s carries a suppression", key(f))
				}
			}
			for i := range in {
				if (in[i].Suppressed == nil) != (before[i].Suppressed == nil) {
					t.Fatalf("Apply modified its input (%s)", key(in[i]))
				}
			}
			if len(warnings) != len(tt.warnings) {
				t.Fatalf("warnings %q, want %d like %q", warnings, len(tt.warnings), tt.warnings)
			}
			for i, w := range tt.warnings {
				if !strings.Contains(warnings[i], w) {
					t.Errorf("warning %q, want it to contain %q", warnings[i], w)
				}
			}
		})
	}
}

func TestApplyCycloneDX(t *testing.T) {
	requests := pkg(vouch.EcosystemPyPI, "requests", "2.31.0")
	jinja := pkg(vouch.EcosystemPyPI, "Jinja2", "3.1.2")
	log4j := pkg(vouch.EcosystemMaven, "org.apache.logging.log4j:log4j-core", "2.14.1")
	jackson := pkg(vouch.EcosystemMaven, "com.fasterxml.jackson.core:jackson-databind", "2.10.0")
	findings := []vouch.Finding{
		vuln("PYSEC-2024-1", []string{"CVE-2024-35195"}, requests, "requirements.txt"),     // by a reference id, bom-ref resolved to a purl
		vuln("GHSA-h5c8-rqwp-cp95", nil, jinja, "requirements.txt"),                        // resolved, by alias; PyPI name normalised
		vuln("GHSA-h5c8-rqwp-cp95", nil, pkg(vouch.EcosystemPyPI, "Jinja2", "3.1.3"), "x"), // other version: kept
		vuln("GHSA-jfh8-c2jp-5v3q", []string{"CVE-2021-44228"}, log4j, "pom.xml"),          // BOM-Link whose fragment is a purl
		vuln("GHSA-qjw2-hr98-qgfh", []string{"CVE-2020-25649"}, jackson, "pom.xml"),        // exploitable: kept
		vuln("CVE-2022-42003", nil, jackson, "pom.xml"),                                    // in_triage, unresolvable ref: kept
	}
	set := NewSet(nil, []*VEX{mustVEX(t, "cyclonedx-1.6-bom-with-vex.json"), mustVEX(t, "cyclonedx-1.5-vex.json")})
	kept, suppressed, warnings := set.Apply(findings, now)
	var sup []string
	for _, f := range suppressed {
		sup = append(sup, f.ID+" "+f.Package.Version+" "+f.Suppressed.Source+" "+f.Suppressed.Reason)
	}
	want := []string{
		"PYSEC-2024-1 2.31.0 vex:testdata/cyclonedx-1.6-bom-with-vex.json false_positive: We never disable certificate verification on a Session.",
		"GHSA-h5c8-rqwp-cp95 3.1.2 vex:testdata/cyclonedx-1.6-bom-with-vex.json resolved (protected_by_mitigating_control): Patched in our fork of Jinja2; see PR 812.",
		"GHSA-jfh8-c2jp-5v3q 2.14.1 vex:testdata/cyclonedx-1.5-vex.json not_affected (code_not_reachable): JNDI lookups are disabled with log4j2.formatMsgNoLookups=true and the JndiLookup class is removed from the jar.",
	}
	if !slices.Equal(sup, want) {
		t.Errorf("suppressed:\n%s\nwant:\n%s", strings.Join(sup, "\n"), strings.Join(want, "\n"))
	}
	if len(kept) != 3 {
		t.Errorf("kept %d findings, want 3", len(kept))
	}
	if len(warnings) != 2 || !strings.Contains(warnings[0], `affects ref "urn:cdx:3e671687-395b-41f5-a30f-a58921a69b79/1#jackson-databind-2.10.0"`) {
		t.Errorf("warnings %q, want one for the unresolvable ref and one for its statement", warnings)
	}
}

func TestOpenVEXv001(t *testing.T) {
	v := mustVEX(t, "openvex-v0.0.1.json")
	if v.Format != FormatOpenVEX || len(v.Statements) != 2 {
		t.Fatalf("format %q, %d statements", v.Format, len(v.Statements))
	}
	curl := &vouch.Package{Ecosystem: vouch.EcosystemAlpine, Name: "curl", Version: "8.0.1-r0", PURL: "pkg:apk/wolfi/curl@8.0.1-r0?arch=x86_64"}
	git := &vouch.Package{Ecosystem: vouch.EcosystemAlpine, Name: "git", Version: "2.39.0-r1", PURL: "pkg:apk/wolfi/git@2.39.0-r1?arch=aarch64"}
	kept, suppressed, _ := NewSet(nil, []*VEX{v}).Apply([]vouch.Finding{
		vuln("CVE-2023-23456", nil, curl, "lib/apk/db/installed"),
		vuln("CVE-2023-12345", nil, git, "lib/apk/db/installed"),
	}, now)
	if len(suppressed) != 2 || len(kept) != 0 {
		t.Errorf("suppressed %d, kept %d; want the statement-level subcomponent and the string product to match", len(suppressed), len(kept))
	}
}

func TestVEXNeverSuppressesOtherKinds(t *testing.T) {
	v, err := ParseVEX("v.json", []byte(`{"@context":"https://openvex.dev/ns/v0.2.0","statements":[{"vulnerability":{"name":"generic-api-key"},"products":[{"@id":"pkg:npm/x"}],"status":"not_affected","justification":"component_not_present"}]}`))
	if err != nil {
		t.Fatal(err)
	}
	f := vouch.Finding{Kind: vouch.KindSecret, ID: "generic-api-key", Package: pkg(vouch.EcosystemNPM, "x", "1.0.0")}
	if _, sup, _ := NewSet(nil, []*VEX{v}).Apply([]vouch.Finding{f}, now); len(sup) != 0 {
		t.Error("a VEX statement suppressed a secret")
	}
}

func TestLoadIgnoreFileMissing(t *testing.T) {
	missing := filepath.Join(t.TempDir(), DefaultIgnoreFile)
	f, err := LoadIgnoreFile(missing, false)
	if err != nil || len(f.Rules) != 0 {
		t.Errorf("missing default file: %v, %v; want empty and no error", f, err)
	}
	_, err = LoadIgnoreFile(missing, true)
	if !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing named file: %v; want a not-exist error", err)
	}
	var ie *vouch.InputError
	if !errors.As(err, &ie) {
		t.Errorf("missing named file: %T, want an InputError (exit 2)", err)
	}
}

func TestLoadIgnoreFileTooLarge(t *testing.T) {
	p := filepath.Join(t.TempDir(), "big.yaml")
	if err := os.WriteFile(p, []byte("#"+strings.Repeat("x", MaxIgnoreFileSize)), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadIgnoreFile(p, true); err == nil || !strings.Contains(err.Error(), "larger than") {
		t.Errorf("error %v, want one about size", err)
	}
}

func TestParseIgnoreFile(t *testing.T) {
	tests := []struct {
		name, in string
		rules    int
		err      string // substring; "" means no error
	}{
		{"empty", "", 0, ""},
		{"comments only", "# nothing accepted yet\n", 0, ""},
		{"empty list", "ignore: []\n", 0, ""},
		{"null list", "ignore:\n", 0, ""},
		{"bare list", "- id: CVE-2024-1\n  reason: r\n", 1, ""},
		{"int-looking id", "ignore:\n  - id: 12345\n    reason: internal tracker\n", 1, ""},
		{"no reason", "ignore:\n  - id: CVE-2024-1\n", 0, "f.yaml:2: entry for CVE-2024-1 has no reason"},
		{"empty reason", "ignore:\n  - id: CVE-2024-1\n    reason: \"  \"\n", 0, "has no reason"},
		{"null reason", "ignore:\n  - id: CVE-2024-1\n    reason:\n", 0, "has no reason"},
		{"no id", "ignore:\n  - reason: because\n", 0, "f.yaml:2: entry has no id"},
		{"unknown key", "ignore:\n  - id: CVE-2024-1\n    reason: r\n    expire: 2025-01-01\n", 0, `f.yaml:4: unknown key "expire"`},
		{"unknown top key", "ignores:\n  - id: x\n", 0, `f.yaml:1: unknown key "ignores"`},
		{"duplicate key", "ignore:\n  - id: a\n    id: b\n    reason: r\n", 0, "f.yaml:3: id: given twice"},
		{"bad date", "ignore:\n  - id: CVE-2024-1\n    reason: r\n    expires: 31/01/2026\n", 0, `f.yaml:2: expires "31/01/2026": want a date as YYYY-MM-DD`},
		{"datetime", "ignore:\n  - id: CVE-2024-1\n    reason: r\n    expires: 2026-01-31T00:00:00Z\n", 0, "want a date"},
		{"bad purl", "ignore:\n  - id: CVE-2024-1\n    reason: r\n    package: \"pkg:\"\n", 0, "f.yaml:2: purl"},
		{"bad glob", "ignore:\n  - id: CVE-2024-1\n    reason: r\n    path: \"a/[b\"\n", 0, "f.yaml:2: path"},
		{"list value", "ignore:\n  - id: [a, b]\n    reason: r\n", 0, "f.yaml:2: id: want a single value"},
		{"entry not a mapping", "ignore:\n  - CVE-2024-1\n", 0, "f.yaml:2: an entry must be a mapping"},
		{"ignore not a list", "ignore: CVE-2024-1\n", 0, "f.yaml:1: ignore: want a list"},
		{"scalar file", "CVE-2024-1\n", 0, "f.yaml:1: want a list"},
		// The YAML parser reports the line of the enclosing block here.
		{"malformed", "ignore:\n  - id: a\n   reason: b\n", 0, "f.yaml:1: malformed YAML: did not find expected '-' indicator"},
		{"malformed later", "ignore:\n  - id: a\n    reason: b\n  - id: c\n     reason: d\n", 0, "f.yaml:5: malformed YAML: mapping values are not allowed"},
		{"tab indent", "ignore:\n\t- id: a\n", 0, "f.yaml:2: malformed YAML"},
		{"alias", "x: &a\n  id: a\nignore:\n  - *a\n", 0, `unknown key "x"`},
		{"alias entry", "- &a {id: a, reason: r}\n- *a\n", 0, "f.yaml:2: an entry must be a mapping"},
		{"two documents", "ignore: []\n---\nignore: []\n", 0, "more than one YAML document"},
		{"id with space", "- id: CVE 2024\n  reason: r\n", 0, "contains a space"},
		{"escape in id", "- id: \"CVE-1\\e[2J\"\n  reason: r\n", 0, "control characters"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := ParseIgnoreFile("f.yaml", []byte(tt.in))
			if tt.err == "" {
				if err != nil {
					t.Fatalf("error %v", err)
				}
				if len(f.Rules) != tt.rules {
					t.Errorf("%d rules, want %d", len(f.Rules), tt.rules)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Fatalf("error %v, want one containing %q", err, tt.err)
			}
			if !strings.HasPrefix(err.Error(), "ignore file f.yaml") {
				t.Errorf("error %q does not name the file first", err)
			}
			var ie *vouch.InputError
			if !errors.As(err, &ie) {
				t.Errorf("%T is not an InputError", err)
			}
		})
	}
}

func TestParseIgnoreFileFields(t *testing.T) {
	f := mustIgnore(t, "vouchignore.yaml")
	r := f.Rules[1]
	want := Rule{ID: "GHSA-35jh-r3h4-6jhm", Package: "lodash@4.17.20", Path: "frontend/**", Reason: "template() is never called in the frontend bundle",
		Expires: time.Date(2025, 3, 31, 0, 0, 0, 0, time.UTC), Source: "testdata/vouchignore.yaml", Line: 10}
	if r.ID != want.ID || r.Package != want.Package || r.Path != want.Path || r.Reason != want.Reason || !r.Expires.Equal(want.Expires) || r.Source != want.Source || r.Line != want.Line {
		t.Errorf("rule = %+v\nwant %+v", r, want)
	}
	if len(f.Rules) != 5 {
		t.Errorf("%d rules, want 5", len(f.Rules))
	}
}

func TestParseVEXErrors(t *testing.T) {
	const ctx = `"@context":"https://openvex.dev/ns/v0.2.0"`
	tests := []struct{ name, in, err string }{
		{"not json", "vex", "vex v.json: not a JSON object"},
		{"array", "[]", "not a JSON object"},
		{"unknown format", `{"foo":1}`, "neither OpenVEX"},
		{"spdx", `{"spdxVersion":"SPDX-2.3"}`, "neither OpenVEX"},
		{"truncated", "{" + ctx + `,"statements":[{"vulnerability":`, "not a JSON object"},
		{"wrong type", "{" + ctx + `,"statements":{"a":1}}`, "vex v.json: OpenVEX: line 1"},
		{"no justification", "{" + ctx + `,"statements":[{"vulnerability":{"name":"CVE-1"},"products":[{"@id":"pkg:npm/a"}],"status":"not_affected"}]}`, "statement 1 (CVE-1): not_affected without a justification or impact_statement"},
		{"unknown status", "{" + ctx + `,"statements":[{"vulnerability":{"name":"CVE-1"},"status":"wontfix"}]}`, `unknown status "wontfix"`},
		{"no vulnerability", "{" + ctx + `,"statements":[{"status":"fixed"}]}`, "statement 1: no vulnerability name"},
		{"bad purl", "{" + ctx + `,"statements":[{"vulnerability":{"name":"CVE-1"},"products":[{"@id":"pkg:"}],"status":"fixed"}]}`, "statement 1 (CVE-1): purl"},
		{"bad time", "{" + ctx + `,"timestamp":"yesterday","statements":[]}`, "OpenVEX"},
		{"cdx unknown state", `{"bomFormat":"CycloneDX","specVersion":"1.5","vulnerabilities":[{"id":"CVE-1","analysis":{"state":"ignored"}}]}`, `vulnerabilities[0] (CVE-1): unknown analysis state "ignored"`},
		{"cdx no id", `{"bomFormat":"CycloneDX","specVersion":"1.5","vulnerabilities":[{"analysis":{"state":"not_affected"}}]}`, "vulnerabilities[0]: no id"},
		{"cdx deep", `{"bomFormat":"CycloneDX","components":[` + strings.Repeat(`{"components":[`, 70) + strings.Repeat(`]}`, 70) + `]}`, "nested deeper"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseVEX("v.json", []byte(tt.in))
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Fatalf("error %v, want one containing %q", err, tt.err)
			}
			var ie *vouch.InputError
			if !errors.As(err, &ie) {
				t.Errorf("%T is not an InputError", err)
			}
		})
	}
}

func TestParseVEXFixtures(t *testing.T) {
	tests := []struct {
		file, format string
		statements   int
		suppressing  int
		warnings     int
	}{
		{"openvex-vexctl.json", FormatOpenVEX, 6, 4, 0},
		{"openvex-v0.0.1.json", FormatOpenVEX, 2, 2, 0},
		{"cyclonedx-1.5-vex.json", FormatCycloneDX, 3, 1, 2},
		{"cyclonedx-1.6-bom-with-vex.json", FormatCycloneDX, 2, 2, 0},
	}
	for _, tt := range tests {
		v := mustVEX(t, tt.file)
		n := 0
		for _, s := range v.Statements {
			if s.Suppresses {
				n++
			}
			if s.Vulnerability == "" || s.Status == "" {
				t.Errorf("%s: incomplete statement %+v", tt.file, s)
			}
		}
		if v.Format != tt.format || len(v.Statements) != tt.statements || n != tt.suppressing || len(v.Warnings) != tt.warnings {
			t.Errorf("%s: format %s, %d statements (%d suppress), %d warnings %q; want %s, %d (%d), %d",
				tt.file, v.Format, len(v.Statements), n, len(v.Warnings), v.Warnings, tt.format, tt.statements, tt.suppressing, tt.warnings)
		}
	}
}

func TestLoadVEXMissing(t *testing.T) {
	_, err := LoadVEX(filepath.Join(t.TempDir(), "none.json"))
	if !errors.Is(err, os.ErrNotExist) {
		t.Errorf("error %v, want not-exist", err)
	}
}

func TestPackageMatching(t *testing.T) {
	openssl := &vouch.Package{Ecosystem: vouch.EcosystemDebian, Name: "libssl3", Version: "3.0.11-1~deb12u2", SourceName: "openssl",
		PURL: "pkg:deb/debian/libssl3@3.0.11-1~deb12u2?arch=amd64&distro=debian-12"}
	scoped := pkg(vouch.EcosystemNPM, "@babel/traverse", "7.22.5")
	py := pkg(vouch.EcosystemPyPI, "Django_REST.framework", "3.14.0")
	noPURL := &vouch.Package{Ecosystem: vouch.EcosystemGo, Name: "github.com/gin-gonic/gin", Version: "v1.9.0"}
	tests := []struct {
		pattern string
		p       *vouch.Package
		want    bool
	}{
		{"pkg:deb/debian/libssl3", openssl, true},
		{"pkg:deb/debian/libssl3@3.0.11-1~deb12u2", openssl, true},
		{"pkg:deb/debian/libssl3@3.0.11-1~deb12u2?arch=arm64", openssl, true}, // qualifiers ignored
		{"pkg:deb/debian/libssl3@3.0.13-1~deb12u1", openssl, false},
		{"pkg:deb/debian/openssl", openssl, true}, // source package
		{"pkg:deb/ubuntu/libssl3", openssl, false},
		{"pkg:rpm/redhat/libssl3", openssl, false},
		{"libssl3", openssl, true},
		{"openssl", openssl, true},
		{"openssl@3.0.11-1~deb12u2", openssl, true},
		{"libssl", openssl, false},
		{"@babel/traverse", scoped, true},
		{"@babel/traverse@7.22.5", scoped, true},
		{"@babel/traverse@7.23.2", scoped, false},
		{"pkg:npm/%40babel/traverse@7.22.5", scoped, true},
		{"pkg:npm/traverse", scoped, false},
		{"django-rest-framework", py, true},
		{"pkg:pypi/Django_Rest_Framework", py, true},
		{"pkg:golang/github.com/gin-gonic/gin@v1.9.0", noPURL, true}, // purl built from the ecosystem
		{"pkg:golang/github.com/gin-gonic/gin@1.9.0", noPURL, false},
		{"pkg:npm/x", nil, false},
	}
	for _, tt := range tests {
		m, err := parsePkgMatcher(tt.pattern)
		if err != nil {
			t.Fatalf("%s: %v", tt.pattern, err)
		}
		if got := m.matches(tt.p, packageIDs(tt.p)); got != tt.want {
			name := "<nil>"
			if tt.p != nil {
				name = tt.p.PURL
			}
			t.Errorf("%q matches %s = %v, want %v", tt.pattern, name, got, tt.want)
		}
	}
}

func TestGlob(t *testing.T) {
	tests := []struct {
		pattern, path string
		want          bool
	}{
		{"package-lock.json", "package-lock.json", true},
		{"package-lock.json", "a/b/package-lock.json", true},
		{"*.lock", "sub/Cargo.lock", true},
		{"frontend/**", "frontend/package-lock.json", true},
		{"frontend/**", "frontend/a/b/c.json", true},
		{"frontend/**", "backend/frontend/x", false},
		{"**/testdata/**", "internal/api/testdata/config.json", true},
		{"**/testdata/**", "testdata/x", true},
		{"**/testdata/**", "internal/testdatax/y", false},
		{"/app/*.json", "app/x.json", true},
		{"./app/*.json", "/app/x.json", true},
		{"app/*.json", "app/sub/x.json", false},
		{"app/**/x.json", "app/x.json", true},
		{"app/**/**/x.json", "app/a/b/x.json", true},
		{"a/?/c", "a/b/c", true},
		{"a/[bc]/d", "a/c/d", true},
		{"**", "anything/at/all", true},
		{`app\*.json`, "app/x.json", true},
	}
	for _, tt := range tests {
		g, err := compileGlob(tt.pattern)
		if err != nil {
			t.Fatalf("%q: %v", tt.pattern, err)
		}
		if got := g.match(tt.path); got != tt.want {
			t.Errorf("%q matches %q = %v, want %v", tt.pattern, tt.path, got, tt.want)
		}
	}
}

// TestGlobManyStars: many "**" against a deep path stays fast (no
// backtracking blow-up).
func TestGlobManyStars(t *testing.T) {
	g, err := compileGlob(strings.Repeat("**/", 200) + "z")
	if err != nil {
		t.Fatal(err)
	}
	deep := strings.Repeat("a/", 2000) + "y"
	start := time.Now()
	if g.match(deep) {
		t.Error("matched a path without z")
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("took %v", d)
	}
}

func BenchmarkApply(b *testing.B) {
	ign, err := LoadIgnoreFile("testdata/vouchignore.yaml", true)
	if err != nil {
		b.Fatal(err)
	}
	v, err := LoadVEX("testdata/openvex-vexctl.json")
	if err != nil {
		b.Fatal(err)
	}
	set := NewSet([]*IgnoreFile{ign}, []*VEX{v})
	base := scanFindings()
	var findings []vouch.Finding
	for len(findings) < 10000 {
		findings = append(findings, base...)
	}
	b.ReportAllocs()
	for b.Loop() {
		set.Apply(findings, now)
	}
}
