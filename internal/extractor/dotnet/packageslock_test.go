package dotnet

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vouch-dev/vouch/internal/extractor"
	"github.com/vouch-dev/vouch/internal/extractor/extractortest"
	"github.com/vouch-dev/vouch/internal/vouch"
)

func extract(path string, data []byte) ([]vouch.Package, error) {
	return packagesLock{}.Extract(context.Background(), &extractor.File{Path: path, Size: int64(len(data)), Reader: bytes.NewReader(data)})
}

func extractFixture(t *testing.T, dir string) []vouch.Package {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", dir, "packages.lock.json"))
	if err != nil {
		t.Fatal(err)
	}
	pkgs, err := extract(dir+"/packages.lock.json", data)
	if err != nil {
		t.Fatal(err)
	}
	return pkgs
}

func TestPackagesLockGolden(t *testing.T) {
	for _, dir := range []string{"v1-webapi", "v2-cpm"} {
		t.Run(dir, func(t *testing.T) {
			extractortest.Golden(t, filepath.Join("testdata", "golden", dir+".json"), extractFixture(t, dir))
		})
	}
}

func TestPackagesLockSemantics(t *testing.T) {
	type want struct {
		line       int
		rel        vouch.Relationship
		hash       string
		deps       string
		frameworks string
	}
	for _, tc := range []struct {
		dir   string
		count int
		pkgs  map[string]want
	}{
		{"v1-webapi", 9, map[string]want{
			"Newtonsoft.Json@13.0.3": {line: 23, rel: vouch.RelationshipDirect, frameworks: "net8.0,net8.0/linux-x64",
				hash: "1eb0b9057765d3420ff73795fb467ce3c4163c0a02afd3f76c311982e23e8242dc04a00ec62c7fb4b1000070be52f0cd3efe1ad9dd7c94e45e1cc39a80f6becd"},
			"Humanizer@2.14.1":                   {line: 14, rel: vouch.RelationshipDirect, deps: "pkg:nuget/Humanizer.Core@2.14.1"},
			"Microsoft.Extensions.Logging@9.0.0": {line: 39, rel: vouch.RelationshipIndirect, deps: "pkg:nuget/Microsoft.Extensions.Options@9.0.0"},
			// AutoMapper asks for Options >= 6.0.0; the lock resolved 9.0.0.
			"AutoMapper@13.0.1": {line: 5, rel: vouch.RelationshipDirect, deps: "pkg:nuget/Microsoft.Extensions.Options@9.0.0"},
			"Microsoft.Extensions.Options@9.0.0": {line: 47, rel: vouch.RelationshipIndirect,
				deps: "pkg:nuget/Microsoft.Extensions.DependencyInjection.Abstractions@9.0.0 pkg:nuget/Microsoft.Extensions.Primitives@9.0.0"},
		}},
		{"v2-cpm", 7, map[string]want{
			"log4net@2.0.5": {line: 5, rel: vouch.RelationshipDirect, frameworks: ".NETFramework,Version=v4.7.2,net8.0"},
			"System.Runtime.CompilerServices.Unsafe@9.0.0": {line: 57, rel: vouch.RelationshipIndirect, frameworks: "net8.0"},
		}},
	} {
		t.Run(tc.dir, func(t *testing.T) {
			pkgs := extractFixture(t, tc.dir)
			if len(pkgs) != tc.count {
				t.Errorf("got %d packages, want %d", len(pkgs), tc.count)
			}
			got := map[string]*vouch.Package{}
			for i := range pkgs {
				got[pkgs[i].Name+"@"+pkgs[i].Version] = &pkgs[i]
				if strings.EqualFold(pkgs[i].Name, "orders.domain") {
					t.Errorf("project reported as a package")
				}
			}
			for key, w := range tc.pkgs {
				p := got[key]
				if p == nil {
					t.Errorf("%s: missing", key)
					continue
				}
				name, version, _ := strings.Cut(key, "@")
				if p.Ecosystem != vouch.EcosystemNuGet || p.PURL != fmt.Sprintf("pkg:nuget/%s@%s", name, version) {
					t.Errorf("%s: %s %s", key, p.Ecosystem, p.PURL)
				}
				if len(p.Locations) != 1 || p.Locations[0] != (vouch.Location{Path: tc.dir + "/packages.lock.json", Line: w.line}) {
					t.Errorf("%s: locations %v, want line %d", key, p.Locations, w.line)
				}
				if p.Relationship != w.rel {
					t.Errorf("%s: relationship %q, want %q", key, p.Relationship, w.rel)
				}
				if w.hash != "" && (len(p.Hashes) != 1 || p.Hashes[0] != (vouch.Hash{Algorithm: "SHA-512", Value: w.hash})) {
					t.Errorf("%s: hashes %v", key, p.Hashes)
				}
				if w.deps != "" && strings.Join(p.DependsOn, " ") != w.deps {
					t.Errorf("%s: depends on %v, want %s", key, p.DependsOn, w.deps)
				}
				if w.frameworks != "" && p.Metadata["nuget.frameworks"] != w.frameworks {
					t.Errorf("%s: frameworks %q, want %q", key, p.Metadata["nuget.frameworks"], w.frameworks)
				}
			}
		})
	}
}

func TestPackagesLockErrors(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"not json", "version: 1\n", "line 1: invalid character"},
		{"truncated", "{\n  \"version\": 1,\n  \"dependencies\": {\n    \"net8.0\": {\n", "line 5: unexpected end of file"},
		{"array", "[]", "line 1: the lock file must be a JSON object"},
		{"dependencies not an object", "{\"version\": 1, \"dependencies\": []}", "\"dependencies\" must be a JSON object"},
		{"target not an object", "{\"version\": 1,\n \"dependencies\": {\"net8.0\": 3}}", "line 2: target \"net8.0\" must be a JSON object"},
		{"wrong type", "{\"version\": 1, \"dependencies\": {\"net8.0\": {\n\"A\": {\"type\": \"Direct\", \"resolved\": 1}}}}", "line 2: json: cannot unmarshal number"},
		{"no resolved", "{\"version\": 1, \"dependencies\": {\"net8.0\": {\n\n\"A\": {\"type\": \"Direct\"}}}}", "line 3: package A in net8.0 has no resolved version"},
		{"no version", "{\"dependencies\": {}}", "no lock file version"},
		{"trailing data", "{\"version\": 1}\n{}", "line 2: data after"},
		{"empty id", "{\"version\": 1, \"dependencies\": {\"net8.0\": {\"\": {\"type\": \"Direct\", \"resolved\": \"1.0.0\"}}}}", "line 1: package with an empty id in net8.0"},
		{"bad version", "{\"version\": \"one\"}", "cannot unmarshal string"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := extract("packages.lock.json", []byte(tc.in))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want it to contain %q", err, tc.want)
			}
		})
	}
}

func TestPackagesLockEdges(t *testing.T) {
	in := `{"version": 1, "dependencies": {"net8.0": {
  "A": {"type": "Direct", "requested": "[1.0.0, )", "resolved": "1.0.0", "contentHash": "not base64!", "dependencies": {"b": "2.0.0", "Missing": "1.0.0", "proj": "1.0.0"}},
  "B": {"type": "Transitive", "resolved": "2.1.0"},
  "proj": {"type": "Project"}
}}, "extra": {"ignored": [1, 2]}}`
	pkgs, err := extract("packages.lock.json", []byte(in))
	if err != nil {
		t.Fatal(err)
	}
	if len(pkgs) != 2 || len(pkgs[0].Hashes) != 0 || strings.Join(pkgs[0].DependsOn, " ") != "pkg:nuget/B@2.1.0" || pkgs[0].Locations[0].Line != 2 {
		t.Errorf("got %+v", pkgs)
	}
}

func TestPackagesLockMatch(t *testing.T) {
	for p, want := range map[string]bool{"packages.lock.json": true, "src/App/packages.lock.json": true, "packages.config": false, "xpackages.lock.json": false} {
		if got := (packagesLock{}).Match(p, 0); got != want {
			t.Errorf("Match(%q) = %v", p, got)
		}
	}
}

func FuzzPackagesLock(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) {
		pkgs, err := extract("packages.lock.json", data)
		if err != nil && len(pkgs) > 0 {
			t.Fatal("packages and an error")
		}
		for _, p := range pkgs {
			if p.Name == "" || p.Version == "" || p.PURL == "" || p.Locations[0].Line < 1 {
				t.Fatalf("incomplete package %+v", p)
			}
		}
	})
}

// BenchmarkPackagesLock parses a generated lock with 2,000 packages in
// two targets.
func BenchmarkPackagesLock(b *testing.B) {
	var buf bytes.Buffer
	buf.WriteString("{\n  \"version\": 1,\n  \"dependencies\": {\n")
	for ti, tfm := range []string{"net8.0", "net8.0/linux-x64"} {
		if ti > 0 {
			buf.WriteString(",\n")
		}
		fmt.Fprintf(&buf, "    %q: {\n", tfm)
		for i := 0; i < 1000; i++ {
			if i > 0 {
				buf.WriteString(",\n")
			}
			fmt.Fprintf(&buf, "      \"Pkg.N%d\": {\n        \"type\": \"Transitive\",\n        \"resolved\": \"1.%d.0\",\n        \"contentHash\": \"HrC5BXdl00IP9zeV+0Z848QWPAoCr9P3bDEZguI+gkLcBKAOxix/tLEAAHC+UvDNPv4a2d18lOReHMOagPa+zQ==\",\n        \"dependencies\": {\"Pkg.N%d\": \"1.0.0\"}\n      }", i, i, (i+1)%1000)
		}
		buf.WriteString("\n    }")
	}
	buf.WriteString("\n  }\n}\n")
	data := buf.Bytes()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		pkgs, err := extract("packages.lock.json", data)
		if err != nil || len(pkgs) != 1000 {
			b.Fatal(err, len(pkgs))
		}
	}
}
