package sbom

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/vouch-dev/vouch/internal/vouch"
)

// view is what a round trip must keep of a package.
type view struct {
	Ecosystem    vouch.Ecosystem
	Name         string
	Version      string
	PURL         string
	Locations    []vouch.Location
	Scope        vouch.Scope
	DependsOn    []string
	Relationship vouch.Relationship
	Licenses     []string
	Hashes       []vouch.Hash
	Distro       string
	SourceName   string
	Commit       string
	Metadata     map[string]string
}

// roundTripView projects a package onto what format keeps: everything
// in CycloneDX (vouch's properties carry it); in SPDX, identity,
// locations, scope and the graph, direct relationships, hashes and one
// license expression.
func roundTripView(p vouch.Package, format Format, inv *vouch.Inventory) view {
	v := view{
		Ecosystem: p.Ecosystem, Name: p.Name, Version: p.Version, PURL: p.PURL,
		Locations: p.Locations, Scope: p.Scope,
	}
	// Dependencies on packages the inventory lacks are not written.
	for _, d := range p.DependsOn {
		if slices.ContainsFunc(inv.Packages, func(q vouch.Package) bool { return q.Key() == d }) {
			v.DependsOn = append(v.DependsOn, d)
		}
	}
	for _, h := range p.Hashes {
		alg, _ := cdxHashAlg(h.Algorithm)
		value, _ := hexHash(h.Value)
		v.Hashes = append(v.Hashes, vouch.Hash{Algorithm: alg, Value: value})
	}
	if format == CycloneDXJSON {
		v.Relationship, v.Distro, v.SourceName, v.Commit = p.Relationship, p.Distro, p.SourceName, p.Commit
		// Licenses come back as EncodeCycloneDX wrote them: canonical
		// ids, or one expression, or ids and names.
		ls := classifyLicenses(p.Licenses)
		allIDs, allExpr := len(ls) > 0, len(ls) > 0
		for _, l := range ls {
			allIDs = allIDs && l.id != ""
			allExpr = allExpr && l.expr != ""
		}
		switch {
		case !allIDs && allExpr:
			v.Licenses = []string{joinExpressions(ls)}
		default:
			for _, l := range ls {
				v.Licenses = append(v.Licenses, cmp.Or(l.id, l.text))
			}
		}
		for k, val := range p.Metadata {
			if !strings.HasPrefix(k, "go.") {
				if v.Metadata == nil {
					v.Metadata = map[string]string{}
				}
				v.Metadata[k] = val
			}
		}
		return v
	}
	if p.Relationship == vouch.RelationshipDirect {
		v.Relationship = p.Relationship
	}
	if len(p.Licenses) > 0 {
		e := spdxEncoder{declared: map[string]string{}, extracted: map[string]string{}}
		lic := e.licenseDeclared(p.Licenses)
		if name, ok := e.extracted[lic]; ok {
			lic = name
		}
		v.Licenses = []string{lic}
	}
	if p.Distro != "" {
		v.Distro = p.Distro // read back from the purl's distro qualifier
	}
	if p.SourceName != "" {
		v.SourceName = p.SourceName // read back from the purl's upstream qualifier
	}
	return v
}

// The encoders' output read back gives the same packages.
func TestRoundTrip(t *testing.T) {
	for _, f := range formats {
		t.Run(string(f), func(t *testing.T) {
			inv := richInventory()
			doc := encode(t, f, inv, EncodeOptions{Time: fixedTime, Deterministic: true, Findings: richFindings(inv)})
			got, err := Decode(context.Background(), bytes.NewReader(doc), "image.sbom.json")
			if err != nil {
				t.Fatal(err)
			}
			if len(got.Packages) != len(inv.Packages) {
				t.Fatalf("decoded %d packages, encoded %d", len(got.Packages), len(inv.Packages))
			}
			for i := range inv.Packages {
				want, have := roundTripView(inv.Packages[i], f, inv), roundTripView(got.Packages[i], f, got)
				if f == SPDXJSON {
					have.Relationship = got.Packages[i].Relationship
				}
				if !reflect.DeepEqual(want, have) {
					t.Errorf("package %d:\nwant %+v\ngot  %+v", i, want, have)
				}
			}
			wantDistro := vouch.Distro{ID: "debian", VersionID: "12", Name: "Debian GNU/Linux 12 (bookworm)"}
			if f == CycloneDXJSON {
				wantDistro.Codename = "bookworm"
			}
			if got.Distro == nil || *got.Distro != wantDistro {
				t.Errorf("distro = %+v, want %+v", got.Distro, wantDistro)
			}
			if got.Target.Kind != vouch.TargetSBOM || got.Target.Name != "image.sbom.json" || got.Target.Digest != vouch.SHA256Bytes(doc) {
				t.Errorf("target = %+v, want the SBOM file and its digest", got.Target)
			}
			// Encoding what was decoded gives a valid document again.
			encode(t, f, got, EncodeOptions{Deterministic: true})
		})
	}
}

func decodeFile(t *testing.T, path string) *vouch.Inventory {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	inv, err := Decode(context.Background(), bytes.NewReader(data), filepath.Base(path))
	if err != nil {
		t.Fatalf("decode %s: %v", path, err)
	}
	return inv
}

func findPackage(t *testing.T, inv *vouch.Inventory, name string) vouch.Package {
	t.Helper()
	for _, p := range inv.Packages {
		if p.Name == name {
			return p
		}
	}
	t.Fatalf("no package %q among %d", name, len(inv.Packages))
	return vouch.Package{}
}

// syft's SBOMs of testdata/syft/src (see testdata/README.md) in every
// format it writes: the same fifteen packages, their locations and
// graph.
func TestDecodeSyft(t *testing.T) {
	tests := []struct {
		file      string
		locations bool // CycloneDX 1.2 has no properties, so no locations
		graph     bool
	}{
		{"dir.cdx.json", true, true},
		{"dir-1.4.cdx.json", true, true},
		{"dir.cdx.xml", true, true},
		{"dir-1.2.cdx.xml", false, true},
		{"dir.spdx.json", true, true},
		{"dir.spdx", true, true},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			inv := decodeFile(t, filepath.Join("testdata", "syft", tt.file))
			if len(inv.Packages) != 15 {
				var names []string
				for _, p := range inv.Packages {
					names = append(names, p.Key())
				}
				t.Fatalf("decoded %d packages, want 15: %v", len(inv.Packages), names)
			}
			loc := func(path string) []vouch.Location {
				if !tt.locations {
					path = tt.file
				}
				return []vouch.Location{{Path: path}}
			}
			babel := findPackage(t, inv, "@babel/code-frame")
			want := vouch.Package{
				Ecosystem: vouch.EcosystemNPM, Name: "@babel/code-frame", Version: "7.24.7",
				PURL: "pkg:npm/%40babel/code-frame@7.24.7", Licenses: []string{"MIT"},
				Locations: loc("/package-lock.json"),
			}
			if tt.graph {
				want.DependsOn = []string{"pkg:npm/picocolors@1.0.1"}
			}
			if !reflect.DeepEqual(babel, want) {
				t.Errorf("@babel/code-frame:\ngot  %+v\nwant %+v", babel, want)
			}
			cli := findPackage(t, inv, "demo-cli")
			if cli.Ecosystem != "" || cli.PURL != "" || cli.Version != "0.1.0" || !reflect.DeepEqual(cli.Locations, loc("/Cargo.lock")) {
				t.Errorf("demo-cli = %+v, want a generic package at /Cargo.lock", cli)
			}
			if want := []string{"pkg:cargo/log@0.4.21", "pkg:cargo/smallvec@1.13.2"}; !slices.Equal(cli.DependsOn, want) {
				t.Errorf("demo-cli depends on %v, want %v", cli.DependsOn, want)
			}
			text := findPackage(t, inv, "golang.org/x/text")
			if text.Ecosystem != vouch.EcosystemGo || text.Version != "v0.14.0" || text.PURL != "pkg:golang/golang.org/x/text@v0.14.0" {
				t.Errorf("golang.org/x/text = %+v", text)
			}
			flask := findPackage(t, inv, "flask")
			if flask.Ecosystem != vouch.EcosystemPyPI || flask.Version != "3.0.3" || !reflect.DeepEqual(flask.Locations, loc("/requirements.txt")) {
				t.Errorf("flask = %+v", flask)
			}
			if inv.Distro != nil {
				t.Errorf("distro = %+v, want none for a directory", inv.Distro)
			}
		})
	}
}

// Trivy's own test goldens (see testdata/README.md).
func TestDecodeTrivy(t *testing.T) {
	t.Run("image cyclonedx", func(t *testing.T) {
		name := "fluentd-multiple-lockfiles-short.cdx.json"
		inv := decodeFile(t, filepath.Join("testdata", "trivy", name))
		if len(inv.Packages) != 3 {
			t.Fatalf("decoded %d packages, want bash, libidn2-0 and activesupport", len(inv.Packages))
		}
		if want := (vouch.Distro{ID: "debian", VersionID: "10.2"}); inv.Distro == nil || *inv.Distro != want {
			t.Errorf("distro = %+v, want %+v", inv.Distro, want)
		}
		idn := findPackage(t, inv, "libidn2-0")
		want := vouch.Package{
			Ecosystem: vouch.EcosystemDebian, Name: "libidn2-0", Version: "2.0.5-1",
			PURL:   "pkg:deb/debian/libidn2-0@2.0.5-1?distro=debian-10.2",
			Distro: "debian:10.2", SourceName: "libidn2",
			Locations: []vouch.Location{{Path: name, Layer: "sha256:000eee12ec04cc914bf96e8f5dee7767510c2aca3816af6078bd9fbe3150920c"}},
		}
		if !reflect.DeepEqual(idn, want) {
			t.Errorf("libidn2-0:\ngot  %+v\nwant %+v", idn, want)
		}
		gem := findPackage(t, inv, "activesupport")
		want = vouch.Package{
			Ecosystem: vouch.EcosystemRubyGems, Name: "activesupport", Version: "6.0.2.1",
			PURL: "pkg:gem/activesupport@6.0.2.1", Licenses: []string{"MIT"},
			Relationship: vouch.RelationshipDirect,
			Locations: []vouch.Location{{
				Path:  "var/lib/gems/2.5.0/specifications/activesupport-6.0.2.1.gemspec",
				Layer: "sha256:a8877cad19f14a7044524a145ce33170085441a7922458017db1631dcd5f7602",
			}},
		}
		if !reflect.DeepEqual(gem, want) {
			t.Errorf("activesupport:\ngot  %+v\nwant %+v", gem, want)
		}
	})
	t.Run("filesystem spdx 2.3", func(t *testing.T) {
		inv := decodeFile(t, filepath.Join("testdata", "trivy", "conda.spdx.json"))
		if len(inv.Packages) != 2 {
			t.Fatalf("decoded %d packages, want openssl and pip (not the conda-pkg group nor the root)", len(inv.Packages))
		}
		ssl := findPackage(t, inv, "openssl")
		want := vouch.Package{
			Name: "openssl", Version: "1.1.1q", PURL: "pkg:conda/openssl@1.1.1q", Licenses: []string{"OpenSSL"},
			Locations: []vouch.Location{{Path: "miniconda3/envs/testenv/conda-meta/openssl-1.1.1q-h7f8727e_0.json"}},
		}
		if !reflect.DeepEqual(ssl, want) {
			t.Errorf("openssl:\ngot  %+v\nwant %+v", ssl, want)
		}
	})
	t.Run("image spdx 2.2", func(t *testing.T) {
		name := "centos-7.spdx.json"
		inv := decodeFile(t, filepath.Join("testdata", "trivy", name))
		if len(inv.Packages) != 2 {
			t.Fatalf("decoded %d packages, want bash and openssl-libs", len(inv.Packages))
		}
		if want := (vouch.Distro{ID: "centos", VersionID: "7.6.1810"}); inv.Distro == nil || *inv.Distro != want {
			t.Errorf("distro = %+v, want %+v", inv.Distro, want)
		}
		ssl := findPackage(t, inv, "openssl-libs")
		want := vouch.Package{
			Ecosystem: vouch.EcosystemRedHat, Name: "openssl-libs", Version: "1:1.0.2k-16.el7",
			PURL:   "pkg:rpm/centos/openssl-libs@1.0.2k-16.el7?arch=x86_64&epoch=1&distro=centos-7.6.1810",
			Distro: "centos:7.6.1810", Licenses: []string{"OpenSSL"},
			Locations: []vouch.Location{{Path: name, Layer: "sha256:ac9208207adaac3a48e54a4dc6b49c69e78c3072d2b3add7efdabf814db2133b"}},
		}
		if !reflect.DeepEqual(ssl, want) {
			t.Errorf("openssl-libs:\ngot  %+v\nwant %+v", ssl, want)
		}
		if bash := findPackage(t, inv, "bash"); bash.Version != "4.2.46-31.el7" {
			t.Errorf("bash version = %q, want the purl's 4.2.46-31.el7 over versionInfo 4.2.46", bash.Version)
		}
	})
}

func TestDecodeErrors(t *testing.T) {
	tv := "SPDXVersion: SPDX-2.3\nDataLicense: CC0-1.0\nSPDXID: SPDXRef-DOCUMENT\nDocumentName: x\nDocumentNamespace: https://x/y\nCreator: Tool: t\nCreated: 2024-01-01T00:00:00Z\n"
	tests := []struct {
		name, in, want string
		unknown        bool
	}{
		{name: "empty", in: "", unknown: true},
		{name: "not an sbom", in: `{"name": "left-pad", "version": "1.3.0"}`, unknown: true},
		{name: "text", in: "hello world\n", unknown: true},
		{name: "truncated cyclonedx", in: `{"bomFormat": "CycloneDX", "specVersion": "1.6", "components": [`, want: "line 1, column 64: unexpected end of JSON input"},
		{name: "cyclonedx syntax", in: "{\"bomFormat\": \"CycloneDX\",\n \"specVersion\": \"1.6\",\n \"components\": [}]}", want: "line 3, column 17: invalid character '}'"},
		{name: "cyclonedx type", in: "{\"bomFormat\": \"CycloneDX\", \"specVersion\": \"1.6\",\n\"components\": [{\"name\": 5}]}", want: "line 2, column 25: components.name: want string, got number"},
		{name: "cyclonedx version", in: `{"bomFormat": "CycloneDX", "specVersion": "2.0"}`, want: `unsupported CycloneDX version "2.0"`},
		{name: "cyclonedx no version", in: `{"bomFormat": "CycloneDX"}`, want: "no specVersion"},
		{name: "cyclonedx schema marker only", in: `{"$schema": "http://cyclonedx.org/schema/bom-1.6.schema.json", "bomFormat": "SPDX"}`, want: `bomFormat is "SPDX"`},
		{name: "spdx version", in: `{"spdxVersion": "SPDX-3.0", "SPDXID": "SPDXRef-DOCUMENT"}`, want: `unsupported SPDX version "SPDX-3.0"`},
		{name: "spdx 3", in: `{"@context": "https://spdx.org/rdf/3.0.1/spdx-context.jsonld", "@graph": []}`, want: "SPDX 3 documents are not supported"},
		{name: "spdx packages not a list", in: `{"spdxVersion": "SPDX-2.3", "packages": {}}`, want: "packages: want []sbom.spdxPackage, got object"},
		{name: "truncated xml", in: `<bom xmlns="http://cyclonedx.org/schema/bom/1.5"><components><component type="library">`, want: "XML syntax error"},
		{name: "xml version", in: `<bom xmlns="http://cyclonedx.org/schema/bom/2.0"></bom>`, want: `unsupported CycloneDX version "2.0"`},
		{name: "xml wrong root", in: `<sbom xmlns="http://cyclonedx.org/schema/bom/1.5"></sbom>`, want: "expected element type <bom>"},
		{name: "tag-value version", in: "SPDXVersion: SPDX-9.9\n", want: `unsupported SPDX version "SPDX-9.9"`},
		{name: "tag-value bad line", in: tv + "PackageName: a\nSPDXID SPDXRef-a\n", want: "spdx-tag-value"},
		{name: "tag-value relationship", in: tv + "Relationship: SPDXRef-DOCUMENT DESCRIBES\n", want: "spdx-tag-value"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Decode(context.Background(), strings.NewReader(tt.in), "in.sbom")
			if err == nil {
				t.Fatal("no error")
			}
			if !strings.HasPrefix(err.Error(), "sbom in.sbom: ") {
				t.Errorf("error %q does not name the file", err)
			}
			var ie *vouch.InputError
			if !errors.As(err, &ie) {
				t.Errorf("error %q is not an input error", err)
			}
			if tt.unknown != errors.Is(err, ErrUnknownFormat) {
				t.Errorf("error %q: unknown format = %v, want %v", err, !tt.unknown, tt.unknown)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q does not say %q", err, tt.want)
			}
		})
	}
}

func TestDecodeTooLarge(t *testing.T) {
	defer func(n int64) { maxSize = n }(maxSize)
	maxSize = 1 << 10
	doc := encode(t, CycloneDXJSON, richInventory(), EncodeOptions{})
	_, err := Decode(context.Background(), bytes.NewReader(doc), "big.json")
	if err == nil || !strings.Contains(err.Error(), "larger than 1024 bytes") {
		t.Fatalf("error = %v, want a size error", err)
	}
}

func TestDecodeCanceled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	doc := encode(t, SPDXJSON, richInventory(), EncodeOptions{})
	if _, err := Decode(ctx, bytes.NewReader(doc), "x"); !errors.Is(err, context.Canceled) {
		t.Fatalf("error = %v, want context.Canceled", err)
	}
}

func TestSniff(t *testing.T) {
	long := `{"metadata": {"comment": "` + strings.Repeat("x", 2000) + `"}, "bomFormat": "CycloneDX"}`
	tests := []struct {
		name, head string
		want       Format
	}{
		{"cyclonedx json", `{"bomFormat": "CycloneDX", "specVersion": "1.6"}`, CycloneDXJSON},
		{"cyclonedx json compact with bom", "\xef\xbb\xbf\n{\"$schema\":\"http://cyclonedx.org/schema/bom-1.7.schema.json\"}", CycloneDXJSON},
		{"cyclonedx xml", `<?xml version="1.0"?><bom xmlns="http://cyclonedx.org/schema/bom/1.4">`, CycloneDXXML},
		{"spdx json", `{"spdxVersion": "SPDX-2.3"}`, SPDXJSON},
		{"spdx json sorted keys", `{"SPDXID": "SPDXRef-DOCUMENT", "creationInfo": {}}`, SPDXJSON},
		{"spdx tag-value", "## Document Information\n\nSPDXVersion: SPDX-2.2\n", SPDXTagValue},
		{"spdx 3", `{"@context": "https://spdx.org/rdf/3.0.1/spdx-context.jsonld"}`, SPDXJSON},
		{"bomFormat names another format", `{"bomFormat": "other"}`, ""},
		{"markers too late", long[:sniffSize], ""},
		{"package.json", `{"name": "x", "dependencies": {"bomFormat": "1"}}`, ""},
		{"go.mod", "module example.com/x\n\ngo 1.22\n", ""},
		{"yaml", "a: b\nc: d\n", ""},
		{"other xml", `<project xmlns="http://maven.apache.org/POM/4.0.0">`, ""},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		got, ok := Sniff([]byte(tt.head))
		if got != tt.want || ok != (tt.want != "") {
			t.Errorf("%s: Sniff = %q, %v; want %q", tt.name, got, ok, tt.want)
		}
	}
}

// Components repeated under one purl fold into one package with every
// location, hash, licence and dependency, the widest scope and the
// direct relationship — in linear time, however often the purl repeats.
func TestDecodeDuplicates(t *testing.T) {
	doc := `{"bomFormat": "CycloneDX", "specVersion": "1.6",
	"metadata": {"component": {"bom-ref": "root", "type": "application", "name": "app"}},
	"components": [
		{"bom-ref": "a1", "type": "library", "name": "a", "version": "1", "purl": "pkg:npm/a@1", "scope": "excluded",
		 "hashes": [{"alg": "SHA-1", "content": "` + strings.Repeat("1", 40) + `"}],
		 "properties": [{"name": "vouch:location", "value": "x/package-lock.json:3"}]},
		{"bom-ref": "a2", "type": "library", "name": "a", "version": "1", "purl": "pkg:npm/a@1",
		 "hashes": [{"alg": "SHA-1", "content": "` + strings.Repeat("1", 40) + `"}, {"alg": "SHA-256", "content": "` + strings.Repeat("2", 64) + `"}],
		 "licenses": [{"license": {"id": "MIT"}}],
		 "properties": [{"name": "vouch:location", "value": "y/package-lock.json:9"}]},
		{"bom-ref": "b", "type": "library", "name": "b", "version": "2", "purl": "pkg:npm/b@2"},
		{"bom-ref": "c", "type": "library", "name": "c", "version": "3", "purl": "pkg:npm/c@3"}
	],
	"dependencies": [
		{"ref": "root", "dependsOn": ["a2"]},
		{"ref": "a1", "dependsOn": ["b"]},
		{"ref": "a2", "dependsOn": ["b", "c", "missing"]}
	]}`
	inv, err := Decode(context.Background(), strings.NewReader(doc), "dup.json")
	if err != nil {
		t.Fatal(err)
	}
	if len(inv.Packages) != 3 {
		t.Fatalf("decoded %d packages, want a, b and c", len(inv.Packages))
	}
	want := vouch.Package{
		Ecosystem: vouch.EcosystemNPM, Name: "a", Version: "1", PURL: "pkg:npm/a@1",
		Relationship: vouch.RelationshipDirect, Licenses: []string{"MIT"},
		Hashes:    []vouch.Hash{{Algorithm: "SHA-1", Value: strings.Repeat("1", 40)}, {Algorithm: "SHA-256", Value: strings.Repeat("2", 64)}},
		Locations: []vouch.Location{{Path: "x/package-lock.json", Line: 3}, {Path: "y/package-lock.json", Line: 9}},
		DependsOn: []string{"pkg:npm/b@2", "pkg:npm/c@3"},
	}
	if got := findPackage(t, inv, "a"); !reflect.DeepEqual(got, want) {
		t.Errorf("a:\ngot  %+v\nwant %+v", got, want)
	}
}

// Nested components, in metadata.component and in components, are
// flattened; evidence occurrences locate packages that have no location
// properties (cdxgen writes them); the XML form reads the same.
func TestDecodeNested(t *testing.T) {
	docs := map[string]string{
		"nested.cdx.json": `{"bomFormat": "CycloneDX", "specVersion": "1.5",
		"metadata": {"component": {"bom-ref": "root", "type": "application", "name": "app",
			"components": [{"bom-ref": "sub", "type": "library", "name": "sub", "version": "0.1.0"}]}},
		"components": [{"bom-ref": "p", "type": "framework", "group": "org.springframework", "name": "spring-core", "version": "5.3.20",
			"purl": "pkg:maven/org.springframework/spring-core@5.3.20",
			"evidence": {"occurrences": [{"location": "lib/spring-core-5.3.20.jar"}, {"location": "pom.xml", "line": 40}]},
			"components": [{"bom-ref": "c", "type": "library", "name": "spring-jcl", "version": "5.3.20", "purl": "pkg:maven/org.springframework/spring-jcl@5.3.20"}]}],
		"dependencies": [{"ref": "root", "dependsOn": ["p"]}, {"ref": "p", "dependsOn": ["c"]}]}`,
		"nested.cdx.xml": `<?xml version="1.0" encoding="UTF-8"?>
<bom xmlns="http://cyclonedx.org/schema/bom/1.5" version="1">
  <metadata><component type="application" bom-ref="root"><name>app</name>
    <components><component type="library" bom-ref="sub"><name>sub</name><version>0.1.0</version></component></components>
  </component></metadata>
  <components>
    <component type="framework" bom-ref="p">
      <group>org.springframework</group><name>spring-core</name><version>5.3.20</version>
      <purl>pkg:maven/org.springframework/spring-core@5.3.20</purl>
      <evidence><occurrences>
        <occurrence><location>lib/spring-core-5.3.20.jar</location></occurrence>
        <occurrence><location>pom.xml</location><line>40</line></occurrence>
      </occurrences></evidence>
      <components><component type="library" bom-ref="c"><name>spring-jcl</name><version>5.3.20</version>
        <purl>pkg:maven/org.springframework/spring-jcl@5.3.20</purl></component></components>
    </component>
  </components>
  <dependencies>
    <dependency ref="root"><dependency ref="p"/></dependency>
    <dependency ref="p"><dependency ref="c"/></dependency>
  </dependencies>
</bom>`,
	}
	for name, doc := range docs {
		t.Run(name, func(t *testing.T) {
			inv, err := Decode(context.Background(), strings.NewReader(doc), name)
			if err != nil {
				t.Fatal(err)
			}
			if len(inv.Packages) != 3 {
				t.Fatalf("decoded %d packages, want sub, spring-core and spring-jcl", len(inv.Packages))
			}
			core := findPackage(t, inv, "org.springframework:spring-core")
			want := vouch.Package{
				Ecosystem: vouch.EcosystemMaven, Name: "org.springframework:spring-core", Version: "5.3.20",
				PURL: "pkg:maven/org.springframework/spring-core@5.3.20", Relationship: vouch.RelationshipDirect,
				Locations: []vouch.Location{{Path: "lib/spring-core-5.3.20.jar"}, {Path: "pom.xml", Line: 40}},
				DependsOn: []string{"pkg:maven/org.springframework/spring-jcl@5.3.20"},
			}
			if !reflect.DeepEqual(core, want) {
				t.Errorf("spring-core:\ngot  %+v\nwant %+v", core, want)
			}
			if sub := findPackage(t, inv, "sub"); sub.Ecosystem != "" || sub.Version != "0.1.0" {
				t.Errorf("sub = %+v, want a generic package", sub)
			}
		})
	}
}
