package suppress

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vouch-dev/vouch/internal/vouch"
)

// fuzzFindings exercise every matching path of a Set built from fuzzed input.
func fuzzFindings() []vouch.Finding {
	fs := scanFindings()
	fs = append(fs, vouch.Finding{Kind: vouch.KindVulnerability, ID: "CVE-2023-12345", Package: &vouch.Package{Ecosystem: vouch.EcosystemAlpine, Name: "git", Version: "2.39.0-r1", PURL: "pkg:apk/wolfi/git@2.39.0-r1"}})
	return fs
}

func addFiles(f *testing.F, pattern string) {
	paths, err := filepath.Glob(pattern)
	if err != nil {
		f.Fatal(err)
	}
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
}

func FuzzParseIgnoreFile(f *testing.F) {
	addFiles(f, "testdata/*.yaml")
	f.Add([]byte("- id: CVE-2024-1\n  reason: r\n  path: \"**/a/*\"\n  package: pkg:npm/%40s/x@1\n"))
	f.Add([]byte("ignore:\n  - &a {id: a, reason: r}\n  - *a\n"))
	f.Add([]byte("ignore:\n  - id: a\n    reason: r\n    expires: 2025-02-30\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		file, err := ParseIgnoreFile("f.yaml", data)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "ignore file f.yaml") {
				t.Fatalf("error does not name the file: %v", err)
			}
			return
		}
		for _, r := range file.Rules {
			if r.ID == "" || strings.TrimSpace(r.Reason) == "" || r.Line < 1 || r.Source != "f.yaml" {
				t.Fatalf("accepted an incomplete rule: %+v", r)
			}
		}
		kept, sup, _ := NewSet([]*IgnoreFile{file}, nil).Apply(fuzzFindings(), now)
		if len(kept)+len(sup) != len(fuzzFindings()) {
			t.Fatal("Apply lost findings")
		}
		for _, s := range sup {
			if s.Suppressed == nil || s.Suppressed.Source == "" || s.Suppressed.Reason == "" {
				t.Fatalf("suppressed without why: %+v", s)
			}
		}
	})
}

func FuzzParseVEX(f *testing.F) {
	addFiles(f, "testdata/*.json")
	f.Add([]byte(`{"@context":["https://www.w3.org/ns/x","https://openvex.dev/ns/v0.2.0"],"statements":[{"vulnerability":"CVE-1","products":["pkg:npm/a"],"status":"fixed"}]}`))
	f.Add([]byte(`{"bomFormat":"CycloneDX","vulnerabilities":[{"id":"CVE-1","analysis":{"state":"resolved"},"affects":[{"ref":"urn:cdx:x/1#pkg%3Anpm%2Fa"}]}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		v, err := ParseVEX("v.json", data)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "vex v.json") {
				t.Fatalf("error does not name the file: %v", err)
			}
			return
		}
		for _, s := range v.Statements {
			if s.Vulnerability == "" || s.Status == "" || len(s.Products) != len(s.products) {
				t.Fatalf("incomplete statement: %+v", s)
			}
			if s.Status == "not_affected" && v.Format == FormatOpenVEX && s.Reason == "not_affected" {
				t.Fatalf("not_affected without justification accepted: %+v", s)
			}
		}
		kept, sup, _ := NewSet(nil, []*VEX{v}).Apply(fuzzFindings(), now)
		if len(kept)+len(sup) != len(fuzzFindings()) {
			t.Fatal("Apply lost findings")
		}
	})
}
