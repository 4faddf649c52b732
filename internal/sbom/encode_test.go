package sbom

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/vouch-dev/vouch/internal/vouch"
)

var formats = []Format{CycloneDXJSON, SPDXJSON}

func TestEncodeGolden(t *testing.T) {
	inv := richInventory()
	opts := EncodeOptions{ToolName: "vouch", ToolVersion: "1.2.3", Time: fixedTime, Deterministic: true, Findings: richFindings(inv)}
	golden(t, "rich.cdx.json", encode(t, CycloneDXJSON, inv, opts))
	golden(t, "rich.spdx.json", encode(t, SPDXJSON, inv, opts))
}

func TestEncodeDeterministic(t *testing.T) {
	for _, f := range formats {
		t.Run(string(f), func(t *testing.T) {
			inv := richInventory()
			opts := EncodeOptions{ToolVersion: "1.2.3", Time: fixedTime, Deterministic: true, Findings: richFindings(inv)}
			a := encode(t, f, inv, opts)
			// The same inventory with its packages in another order and
			// a fresh copy of every slice must give the same bytes.
			inv2 := richInventory()
			for i, j := 0, len(inv2.Packages)-1; i < j; i, j = i+1, j-1 {
				inv2.Packages[i], inv2.Packages[j] = inv2.Packages[j], inv2.Packages[i]
			}
			opts.Findings = richFindings(inv2)
			b := encode(t, f, inv2, opts)
			if !bytes.Equal(a, b) {
				t.Fatalf("two encodings differ:\n%s", firstDiff(a, b))
			}
			// A different inventory gets a different serial number or
			// namespace.
			inv2.Packages = inv2.Packages[1:]
			c := encode(t, f, inv2, opts)
			if id(t, f, a) == id(t, f, c) {
				t.Errorf("documents with different content share the name %s", id(t, f, a))
			}
			// Without Deterministic the name is random.
			opts.Deterministic = false
			d1, d2 := encode(t, f, inv, opts), encode(t, f, inv, opts)
			if id(t, f, d1) == id(t, f, d2) {
				t.Errorf("two non-deterministic documents share the name %s", id(t, f, d1))
			}
		})
	}
}

// id returns a document's serial number or namespace.
func id(t *testing.T, f Format, doc []byte) string {
	var d struct {
		Serial    string `json:"serialNumber"`
		Namespace string `json:"documentNamespace"`
	}
	if err := json.Unmarshal(doc, &d); err != nil {
		t.Fatal(err)
	}
	if f == CycloneDXJSON {
		return d.Serial
	}
	return d.Namespace
}

func TestEncodeEmpty(t *testing.T) {
	for _, f := range formats {
		for _, inv := range []*vouch.Inventory{
			{},
			{Target: vouch.Target{Kind: vouch.TargetDirectory, Name: "."}, Packages: []vouch.Package{}},
		} {
			encode(t, f, inv, EncodeOptions{})
		}
	}
}

// TestEncodeHostile feeds the encoders packages whose every field is
// something a careless writer would emit invalid: control characters,
// invalid UTF-8, quotes, empty names, unknown hash algorithms and
// malformed hash values, duplicate purls, licences that are almost
// expressions, dependencies on nothing. Every document must still
// validate.
func TestEncodeHostile(t *testing.T) {
	weird := "a\"b\\c\x00d\x1fe\u2028f\xff<g>&"
	inv := &vouch.Inventory{
		Target: vouch.Target{Kind: vouch.TargetFile, Name: weird, Digest: vouch.Digest{Algorithm: "sha512", Hex: strings.Repeat("a", 128)}},
		Distro: &vouch.Distro{ID: "wolfi", VersionID: ""},
		Packages: []vouch.Package{
			{Name: "", Version: ""},
			{Name: weird, Version: weird, PURL: "pkg:npm/dup@1", Licenses: []string{"", "  ", "MIT AND", "(MIT", "MIT)", "GPL-2.0+", "LicenseRef-", "LicenseRef-ok", "DocumentRef-x:LicenseRef-y", "MIT WITH", "Apache-2.0 WITH LLVM-exception", weird, "Apache-2.0 WITH LLVM-exception"}},
			{Name: "dup", Version: "1", PURL: "pkg:npm/dup@1", DependsOn: []string{"pkg:npm/dup@1", "pkg:npm/none@0", ""}, Relationship: vouch.RelationshipDirect},
			{Name: "h", Hashes: []vouch.Hash{{Algorithm: "crc32", Value: "abcd"}, {Algorithm: "SHA-256", Value: "zz"}, {Algorithm: "sha-256", Value: strings.Repeat("A", 64)}, {Algorithm: "SHA-1", Value: strings.Repeat("0", 41)}}},
			{Name: "nested", Licenses: []string{strings.Repeat("(", 100) + "MIT" + strings.Repeat(")", 100)}},
			{Name: "lic", Licenses: []string{"Foo License", "foo license", "Foo-License", "Foo_License"}},
			{Name: "loc", Locations: []vouch.Location{{Path: "b"}, {Path: "a", Line: 3}, {Path: "a", Line: 3}, {Path: weird, Layer: weird}}, Metadata: map[string]string{weird: weird, "go.x": "y"}},
		},
	}
	findings := []vouch.Finding{
		{Kind: vouch.KindVulnerability, ID: weird, Package: &inv.Packages[1], References: []string{weird, "", "https://ok.example/a b"}, Score: 3.3333333333, Vector: weird},
		{ID: "X", Package: &vouch.Package{Name: "gone", PURL: "pkg:npm/gone@1"}},
		{Kind: vouch.KindVulnerability, ID: "", Suppressed: &vouch.Suppression{}},
	}
	for _, f := range formats {
		encode(t, f, inv, EncodeOptions{ToolName: weird, ToolVersion: weird, Findings: findings})
	}
}

func TestLicenseClassification(t *testing.T) {
	tests := []struct {
		in             string
		id, expr       string
		compound, isID bool
	}{
		{in: "MIT", id: "MIT", expr: "MIT", isID: true},
		{in: "mit", id: "MIT", expr: "MIT", isID: true},
		{in: " apache-2.0 ", id: "Apache-2.0", expr: "Apache-2.0", isID: true},
		{in: "MIT or Apache-2.0", expr: "MIT OR Apache-2.0", compound: true},
		{in: "(MIT OR Apache-2.0) AND BSD-3-Clause", expr: "(MIT OR Apache-2.0) AND BSD-3-Clause", compound: true},
		{in: "GPL-2.0-only WITH Classpath-exception-2.0", expr: "GPL-2.0-only WITH Classpath-exception-2.0", compound: true},
		{in: "GPL-2.0+", id: "GPL-2.0+", expr: "GPL-2.0+", isID: true}, // deprecated, but listed
		{in: "Apache-1.0+", expr: "Apache-1.0+"},
		{in: "LicenseRef-Custom.1", expr: "LicenseRef-Custom.1"},
		{in: "GPLv3+"},
		{in: "BSD style"},
		{in: "MIT AND"},
		{in: "(MIT"},
		{in: "MIT)"},
		{in: "AND"},
		{in: "DocumentRef-a:LicenseRef-b"},
		{in: "MIT WITH MIT AND"},
		{in: strings.Repeat("(", 40) + "MIT" + strings.Repeat(")", 40)},
	}
	for _, tt := range tests {
		l := classifyLicense(tt.in)
		if l.id != tt.id || l.expr != tt.expr || l.compound != tt.compound {
			t.Errorf("classifyLicense(%q) = id %q expr %q compound %v, want %q %q %v", tt.in, l.id, l.expr, l.compound, tt.id, tt.expr, tt.compound)
		}
	}
}

func TestSPDXPackageID(t *testing.T) {
	tests := []struct {
		p    vouch.Package
		want string
	}{
		{vouch.Package{PURL: "pkg:npm/%40babel/code-frame@7.24.7"}, "SPDXRef-Package-npm-babel-code-frame-7.24.7"},
		{vouch.Package{PURL: "pkg:deb/debian/libc6@2.36-9%2Bdeb12u4?arch=amd64&distro=debian-12"}, "SPDXRef-Package-deb-debian-libc6-2.36-9-deb12u4-arch-amd64-distro-debian-12"},
		{vouch.Package{Name: "internal-lib", Version: "0.3.1"}, "SPDXRef-Package-internal-lib-0.3.1"},
		{vouch.Package{}, "SPDXRef-Package-"},
	}
	for _, tt := range tests {
		if got := spdxPackageID(&tt.p); got != tt.want {
			t.Errorf("spdxPackageID(%+v) = %q, want %q", tt.p, got, tt.want)
		}
	}
}
