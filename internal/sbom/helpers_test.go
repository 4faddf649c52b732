package sbom

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	cdx "github.com/CycloneDX/cyclonedx-go"
	"github.com/santhosh-tekuri/jsonschema/v6"
	spdxjson "github.com/spdx/tools-golang/json"

	"github.com/vouch-dev/vouch/internal/purl"
	"github.com/vouch-dev/vouch/internal/vouch"
)

var update = flag.Bool("update", false, "rewrite golden files under testdata/golden")

// schemas compiles the official CycloneDX 1.6 and SPDX 2.3 JSON schemas
// from testdata/schemas, offline: the CycloneDX schema's relative $refs
// (spdx.schema.json, jsf-0.82.schema.json) are loaded as resources under
// the URLs they resolve to.
var schemas = sync.OnceValues(func() (map[Format]*jsonschema.Schema, error) {
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	resources := map[string]string{
		"http://cyclonedx.org/schema/bom-1.6.schema.json":  "testdata/schemas/cyclonedx/bom-1.6.schema.json",
		"http://cyclonedx.org/schema/spdx.schema.json":     "testdata/schemas/cyclonedx/spdx.schema.json",
		"http://cyclonedx.org/schema/jsf-0.82.schema.json": "testdata/schemas/cyclonedx/jsf-0.82.schema.json",
		"http://spdx.org/rdf/terms/2.3":                    "testdata/schemas/spdx/spdx-schema-2.3.json",
	}
	for url, path := range resources {
		f, err := os.Open(path)
		if err != nil {
			return nil, err
		}
		doc, err := jsonschema.UnmarshalJSON(f)
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		if err := c.AddResource(url, doc); err != nil {
			return nil, err
		}
	}
	cdxSchema, err := c.Compile("http://cyclonedx.org/schema/bom-1.6.schema.json")
	if err != nil {
		return nil, err
	}
	spdxSchema, err := c.Compile("http://spdx.org/rdf/terms/2.3")
	if err != nil {
		return nil, err
	}
	return map[Format]*jsonschema.Schema{CycloneDXJSON: cdxSchema, SPDXJSON: spdxSchema}, nil
})

// encode writes inv in format and fails the test unless the document
// validates against the official schema and the extra rules of its
// specification that the schema does not express, and parses with the
// format's own Go library. Every document a test writes goes through it.
func encode(t testing.TB, format Format, inv *vouch.Inventory, opts EncodeOptions) []byte {
	t.Helper()
	var buf bytes.Buffer
	var err error
	switch format {
	case CycloneDXJSON:
		err = EncodeCycloneDX(&buf, inv, opts)
	case SPDXJSON:
		err = EncodeSPDX(&buf, inv, opts)
	default:
		t.Fatalf("no encoder for %s", format)
	}
	if err != nil {
		t.Fatalf("encode %s: %v", format, err)
	}
	validate(t, format, buf.Bytes())
	return buf.Bytes()
}

func validate(t testing.TB, format Format, doc []byte) {
	t.Helper()
	s, err := schemas()
	if err != nil {
		t.Fatalf("compile schemas: %v", err)
	}
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(doc))
	if err != nil {
		t.Fatalf("%s output is not JSON: %v\n%s", format, err, head(doc))
	}
	if err := s[format].Validate(v); err != nil {
		t.Fatalf("%s output does not validate against the official schema: %v", format, err)
	}
	switch format {
	case CycloneDXJSON:
		checkCycloneDXRules(t, doc)
	case SPDXJSON:
		checkSPDXRules(t, doc)
	}
}

func head(b []byte) []byte { return b[:min(len(b), 2000)] }

// checkCycloneDXRules checks what the CycloneDX schema cannot: bom-refs
// are unique and every reference names one; and that cyclonedx-go reads
// the document.
func checkCycloneDXRules(t testing.TB, doc []byte) {
	t.Helper()
	var bom cdx.BOM
	if err := cdx.NewBOMDecoder(bytes.NewReader(doc), cdx.BOMFileFormatJSON).Decode(&bom); err != nil {
		t.Fatalf("cyclonedx-go cannot read the output: %v", err)
	}
	refs := map[string]bool{}
	addRef := func(r string) {
		if refs[r] {
			t.Errorf("bom-ref %q is not unique", r)
		}
		refs[r] = true
	}
	if bom.Metadata != nil && bom.Metadata.Component != nil {
		addRef(bom.Metadata.Component.BOMRef)
	}
	if bom.Components != nil {
		for _, c := range *bom.Components {
			addRef(c.BOMRef)
		}
	}
	if bom.Dependencies != nil {
		for _, d := range *bom.Dependencies {
			if !refs[d.Ref] {
				t.Errorf("dependency ref %q names no component", d.Ref)
			}
			if d.Dependencies != nil {
				for _, r := range *d.Dependencies {
					if !refs[r] {
						t.Errorf("dependsOn %q of %q names no component", r, d.Ref)
					}
				}
			}
		}
	}
	if bom.Vulnerabilities != nil {
		for _, v := range *bom.Vulnerabilities {
			if v.Affects == nil {
				continue
			}
			for _, a := range *v.Affects {
				if !refs[a.Ref] {
					t.Errorf("vulnerability %s affects %q, which names no component", v.ID, a.Ref)
				}
			}
		}
	}
}

var (
	spdxIDPattern      = regexp.MustCompile(`^SPDXRef-[A-Za-z0-9.-]+$`)
	spdxCreatedPattern = regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$`)
	licenseRefPattern  = regexp.MustCompile(`LicenseRef-[A-Za-z0-9.-]+`)
)

// checkSPDXRules checks the SPDX 2.3 rules its loose JSON schema leaves
// out: identifier syntax and uniqueness, relationships between existing
// elements, license expressions that parse with every LicenseRef
// declared, the creation time format, a namespace URI without "#"; and
// that tools-golang reads the document.
func checkSPDXRules(t testing.TB, doc []byte) {
	t.Helper()
	if _, err := spdxjson.Read(bytes.NewReader(doc)); err != nil {
		t.Fatalf("tools-golang cannot read the output: %v", err)
	}
	var d struct {
		SPDXID            string
		DocumentNamespace string `json:"documentNamespace"`
		CreationInfo      struct {
			Created  string   `json:"created"`
			Creators []string `json:"creators"`
		} `json:"creationInfo"`
		Packages []struct {
			SPDXID           string
			LicenseConcluded string `json:"licenseConcluded"`
			LicenseDeclared  string `json:"licenseDeclared"`
		} `json:"packages"`
		Relationships []struct {
			A string `json:"spdxElementId"`
			B string `json:"relatedSpdxElement"`
		} `json:"relationships"`
		Extracted []struct {
			LicenseID string `json:"licenseId"`
		} `json:"hasExtractedLicensingInfos"`
	}
	if err := json.Unmarshal(doc, &d); err != nil {
		t.Fatal(err)
	}
	if !spdxCreatedPattern.MatchString(d.CreationInfo.Created) {
		t.Errorf("created %q is not YYYY-MM-DDThh:mm:ssZ", d.CreationInfo.Created)
	}
	for _, c := range d.CreationInfo.Creators {
		if !strings.HasPrefix(c, "Tool: ") && !strings.HasPrefix(c, "Organization: ") && !strings.HasPrefix(c, "Person: ") {
			t.Errorf("creator %q has no Tool:/Organization:/Person: prefix", c)
		}
	}
	if !strings.HasPrefix(d.DocumentNamespace, "https://") || strings.Contains(d.DocumentNamespace, "#") {
		t.Errorf("documentNamespace %q is not an absolute URI without #", d.DocumentNamespace)
	}
	ids := map[string]bool{d.SPDXID: true}
	for _, p := range d.Packages {
		if !spdxIDPattern.MatchString(p.SPDXID) {
			t.Errorf("SPDXID %q is not SPDXRef-idstring", p.SPDXID)
		}
		if ids[p.SPDXID] {
			t.Errorf("SPDXID %q is not unique", p.SPDXID)
		}
		ids[p.SPDXID] = true
	}
	for _, r := range d.Relationships {
		if !ids[r.A] || !ids[r.B] {
			t.Errorf("relationship %s → %s names an element the document lacks", r.A, r.B)
		}
	}
	declared := map[string]bool{}
	for _, e := range d.Extracted {
		declared[e.LicenseID] = true
	}
	for _, p := range d.Packages {
		for _, l := range []string{p.LicenseConcluded, p.LicenseDeclared} {
			if l == "" || l == "NOASSERTION" || l == "NONE" {
				continue
			}
			if _, _, _, ok := canonicalExpression(l); !ok {
				t.Errorf("package %s: license %q is not an SPDX expression", p.SPDXID, l)
			}
			for _, ref := range licenseRefPattern.FindAllString(l, -1) {
				if !declared[ref] {
					t.Errorf("package %s: %s is not declared in hasExtractedLicensingInfos", p.SPDXID, ref)
				}
			}
		}
	}
}

// golden compares got with testdata/golden/name, or rewrites it under
// -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (run go test -update and review the diff)\n%s", name, firstDiff(want, got))
	}
}

func firstDiff(want, got []byte) string {
	wl, gl := bytes.Split(want, []byte("\n")), bytes.Split(got, []byte("\n"))
	for i := 0; i < max(len(wl), len(gl)); i++ {
		var w, g []byte
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if !bytes.Equal(w, g) {
			return fmt.Sprintf("line %d:\nwant %s\ngot  %s", i+1, w, g)
		}
	}
	return ""
}

// fixedTime is the SOURCE_DATE_EPOCH the golden documents are written at.
var fixedTime = time.Date(2024, 5, 1, 12, 30, 0, 0, time.UTC)

// richInventory is an image inventory with something of everything a
// document carries: several ecosystems, scoped and direct packages,
// hashes, licences of every kind, lines and layers, OS packages with a
// distro, source package and epoch, Go metadata that must be left out,
// a package without a purl, and a dependency graph.
func richInventory() *vouch.Inventory {
	layer1 := "sha256:" + strings.Repeat("1a", 32)
	layer2 := "sha256:" + strings.Repeat("2b", 32)
	deb := func(name, version, epoch, src string) vouch.Package {
		quals := map[string]string{"arch": "amd64", "distro": "debian-12", "epoch": epoch}
		if src != "" {
			quals["upstream"] = src
		}
		v := version
		if epoch != "" {
			v = epoch + ":" + version
		}
		return vouch.Package{
			Ecosystem: vouch.EcosystemDebian, Name: name, Version: v,
			PURL:       purl.For(vouch.EcosystemDebian, name, version, quals),
			Distro:     "debian:12",
			SourceName: src,
			Licenses:   []string{"GPL-2.0-or-later"},
			Locations:  []vouch.Location{{Path: "var/lib/dpkg/status", Line: 1, Layer: layer1}},
		}
	}
	npm := func(name, version string) vouch.Package {
		return vouch.Package{
			Ecosystem: vouch.EcosystemNPM, Name: name, Version: version,
			PURL: purl.For(vouch.EcosystemNPM, name, version, nil),
		}
	}
	express := npm("express", "4.19.2")
	express.Relationship = vouch.RelationshipDirect
	express.Licenses = []string{"MIT"}
	express.Hashes = []vouch.Hash{{Algorithm: "SHA-512", Value: strings.Repeat("e5", 64)}}
	express.Locations = []vouch.Location{
		{Path: "app/package-lock.json", Line: 27, Layer: layer2},
		{Path: "srv/package-lock.json", Line: 12, Layer: layer2},
	}
	ms := npm("ms", "2.0.0")
	ms.Relationship = vouch.RelationshipIndirect
	ms.Licenses = []string{"mit"}
	ms.Locations = []vouch.Location{{Path: "app/package-lock.json", Line: 40, Layer: layer2}}
	express.DependsOn = []string{ms.PURL}
	babel := npm("@babel/code-frame", "7.24.7")
	babel.Scope = vouch.ScopeDev
	babel.Relationship = vouch.RelationshipDirect
	babel.Licenses = []string{"MIT", "Apache-2.0 or BSD-3-Clause"}
	babel.Hashes = []vouch.Hash{{Algorithm: "SHA-512", Value: "BcYH1CVJBO9tvyIZ2jVeXgSIMvGZ2FDRvDdOIVQyuklNKSsx+eppDEBq/g47Ayw+RqNFE+URvOShmf+f/qwAlA=="}}
	babel.Locations = []vouch.Location{{Path: "app/package-lock.json", Line: 18, Layer: layer2}}
	pico := npm("picocolors", "1.0.1")
	pico.Scope = vouch.ScopeDev
	pico.Licenses = []string{"ISC"}
	pico.Locations = []vouch.Location{{Path: "app/package-lock.json", Line: 33, Layer: layer2}}
	babel.DependsOn = []string{pico.PURL, "pkg:npm/not-in-inventory@1.0.0"}

	goText := vouch.Package{
		Ecosystem: vouch.EcosystemGo, Name: "golang.org/x/text", Version: "v0.14.0",
		PURL:         purl.For(vouch.EcosystemGo, "golang.org/x/text", "v0.14.0", nil),
		Relationship: vouch.RelationshipDirect,
		Licenses:     []string{"BSD-3-Clause"},
		Hashes:       []vouch.Hash{{Algorithm: "SHA-256", Value: strings.Repeat("0f", 32)}},
		Locations:    []vouch.Location{{Path: "usr/local/bin/server", Layer: layer2}},
		Metadata: map[string]string{
			"go.symbols":  strings.Repeat("x", 100),
			"replaced-by": "../text",
		},
	}
	log4j := vouch.Package{
		Ecosystem: vouch.EcosystemMaven, Name: "org.apache.logging.log4j:log4j-core", Version: "2.14.1",
		PURL:      purl.For(vouch.EcosystemMaven, "org.apache.logging.log4j:log4j-core", "2.14.1", nil),
		Scope:     vouch.ScopeProvided,
		Licenses:  []string{"Apache License, Version 2.0"},
		Hashes:    []vouch.Hash{{Algorithm: "sha1", Value: strings.Repeat("ab", 20)}},
		Locations: []vouch.Location{{Path: "opt/app/lib/log4j-core-2.14.1.jar", Layer: layer2}},
	}
	junit := vouch.Package{
		Ecosystem: vouch.EcosystemMaven, Name: "junit:junit", Version: "4.13.2",
		PURL:      purl.For(vouch.EcosystemMaven, "junit:junit", "4.13.2", nil),
		Scope:     vouch.ScopeTest,
		Licenses:  []string{"EPL-1.0", "Eclipse Public License 1.0"},
		Locations: []vouch.Location{{Path: "opt/app/pom.xml", Line: 88, Layer: layer2}},
	}
	fsevents := npm("fsevents", "2.3.3")
	fsevents.Scope = vouch.ScopeOptional
	fsevents.Locations = []vouch.Location{{Path: "app/package-lock.json", Line: 51, Layer: layer2}}
	flask := vouch.Package{
		Ecosystem: vouch.EcosystemPyPI, Name: "flask", Version: "3.0.3",
		PURL:         purl.For(vouch.EcosystemPyPI, "Flask", "3.0.3", nil),
		Relationship: vouch.RelationshipDirect,
		Licenses:     []string{"BSD-3-Clause"},
		Locations:    []vouch.Location{{Path: "app/requirements.txt", Line: 2, Layer: layer2}},
		Commit:       "8b5e7c0e3c6fd4d7e4a4c1b7f0f5d2a1f8e9c3b2",
	}
	vendored := vouch.Package{
		Name: "internal-lib", Version: "0.3.1",
		Locations: []vouch.Location{{Path: "app/vendor/internal-lib/VERSION", Layer: layer2}},
	}
	libc := deb("libc6", "2.36-9+deb12u4", "", "glibc")
	gcrypt := deb("libgcrypt20", "1.10.1-3", "1", "")
	gcrypt.Licenses = []string{"LGPL-2.1-or-later AND GPL-2.0-or-later", "Public domain"}
	gcrypt.DependsOn = []string{libc.PURL}

	pkgs := vouch.Merge([]vouch.Package{express, ms, babel, pico, goText, log4j, junit, fsevents, flask, vendored, libc, gcrypt})
	digest, _ := vouch.ParseDigest("sha256:" + strings.Repeat("9f", 32))
	return &vouch.Inventory{
		Target: vouch.Target{
			Kind: vouch.TargetImage, Name: "registry.example.com/shop/api:1.4.2", Digest: digest,
			Platform: "linux/amd64", Layers: []string{layer1, layer2},
		},
		Distro:   &vouch.Distro{ID: "debian", VersionID: "12", Codename: "bookworm", Name: "Debian GNU/Linux 12 (bookworm)"},
		Packages: pkgs,
	}
}

// richFindings are vulnerabilities against richInventory: scored and
// unscored, with aliases and references, fixed and not, suppressed in
// each way vouch suppresses.
func richFindings(inv *vouch.Inventory) []vouch.Finding {
	find := func(name string) *vouch.Package {
		for i := range inv.Packages {
			if inv.Packages[i].Name == name {
				return &inv.Packages[i]
			}
		}
		panic(name)
	}
	return []vouch.Finding{
		{
			Kind: vouch.KindVulnerability, ID: "GHSA-jfh8-c2jp-5v3q", Aliases: []string{"CVE-2021-44228"},
			Title: "Remote code injection in Log4j", Detail: "JNDI features used in configuration do not protect against attacker-controlled LDAP endpoints.",
			Severity: vouch.SeverityCritical, Score: 10, Vector: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H",
			Package: find("org.apache.logging.log4j:log4j-core"), FixedIn: "2.15.0",
			References: []string{"https://logging.apache.org/log4j/2.x/security.html", "not a url", "https://nvd.nist.gov/vuln/detail/CVE-2021-44228"},
		},
		{
			Kind: vouch.KindVulnerability, ID: "GO-2023-2382", Aliases: []string{"CVE-2023-48795", "GHSA-45x7-px36-x8w8"},
			Title: "Denial of service in golang.org/x/text", Severity: vouch.SeverityUnknown,
			Package: find("golang.org/x/text"), FixedIn: "v0.14.1", Reachable: "no",
			Suppressed: &vouch.Suppression{Source: "vex:openvex.json", Reason: "vulnerable_code_not_in_execute_path"},
		},
		{
			Kind: vouch.KindVulnerability, ID: "CVE-2024-21538", Severity: vouch.SeverityHigh, Score: 7.7,
			Vector:     "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:H/SC:N/SI:N/SA:N",
			Package:    find("express"),
			Suppressed: &vouch.Suppression{Source: ".vouchignore.yaml", Reason: "accepted until the next release", Until: "2024-12-31"},
		},
		{
			Kind: vouch.KindVulnerability, ID: "DSA-5591-1", Severity: vouch.SeverityMedium, Score: 5.3,
			Vector:  "CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:L/A:N",
			Package: find("libgcrypt20"), FixedIn: "1:1.10.1-3+deb12u1",
			Suppressed: &vouch.Suppression{Source: "baseline", Reason: "fixed in base image rebuild"},
		},
		{Kind: vouch.KindSecret, ID: "aws-access-key", Severity: vouch.SeverityHigh, Location: vouch.Location{Path: "app/.env", Line: 3}},
	}
}
