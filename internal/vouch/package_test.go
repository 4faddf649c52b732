package vouch

import (
	"fmt"
	"testing"
)

func TestMerge(t *testing.T) {
	in := []Package{
		{Ecosystem: EcosystemNPM, Name: "b", Version: "1.0.0", PURL: "pkg:npm/b@1.0.0", Scope: ScopeDev,
			Locations: []Location{{Path: "x/package-lock.json", Line: 9}}, DependsOn: []string{"pkg:npm/c@1"}},
		{Ecosystem: EcosystemNPM, Name: "a", Version: "2.0.0", PURL: "pkg:npm/a@2.0.0",
			Locations: []Location{{Path: "package-lock.json", Line: 3}}},
		{Ecosystem: EcosystemNPM, Name: "b", Version: "1.0.0", PURL: "pkg:npm/b@1.0.0", Relationship: RelationshipDirect,
			Locations: []Location{{Path: "package-lock.json", Line: 7}, {Path: "x/package-lock.json", Line: 9}},
			DependsOn: []string{"pkg:npm/c@1", "pkg:npm/a@2.0.0"}, Hashes: []Hash{{"SHA-512", "ab"}}},
	}
	out := Merge(in)
	if len(out) != 2 || out[0].Name != "a" || out[1].Name != "b" {
		t.Fatalf("Merge order = %+v", out)
	}
	b := out[1]
	if b.Scope != ScopeRuntime {
		t.Errorf("scope = %q: a runtime occurrence must win over dev", b.Scope)
	}
	if b.Relationship != RelationshipDirect {
		t.Errorf("relationship = %q", b.Relationship)
	}
	if fmt.Sprint(b.Locations) != "[{package-lock.json 7 } {x/package-lock.json 9 }]" {
		t.Errorf("locations = %v", b.Locations)
	}
	if fmt.Sprint(b.DependsOn) != "[pkg:npm/a@2.0.0 pkg:npm/c@1]" {
		t.Errorf("dependsOn = %v", b.DependsOn)
	}
	if len(b.Hashes) != 1 {
		t.Errorf("hashes = %v", b.Hashes)
	}
	// The caller's slices are not written through.
	if len(in[0].Locations) != 1 || len(in[0].DependsOn) != 1 {
		t.Errorf("Merge modified its input: %+v", in[0])
	}
}

func TestNormalizePyPIName(t *testing.T) {
	for in, want := range map[string]string{
		"Django": "django", "zope.interface": "zope-interface", "Foo__Bar--baz": "foo-bar-baz", " PyYAML ": "pyyaml",
	} {
		if got := NormalizePyPIName(in); got != want {
			t.Errorf("NormalizePyPIName(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSeverity(t *testing.T) {
	if !SeverityUnknown.AtLeast(SeverityCritical, false) {
		t.Error("unknown severity must fail a threshold by default")
	}
	if SeverityUnknown.AtLeast(SeverityLow, true) {
		t.Error("unknown severity must pass when told to")
	}
	if SeverityMedium.AtLeast(SeverityHigh, false) || !SeverityHigh.AtLeast(SeverityHigh, false) {
		t.Error("threshold comparison wrong")
	}
	for score, want := range map[float64]Severity{9.8: SeverityCritical, 7.0: SeverityHigh, 6.9: SeverityMedium, 0.1: SeverityLow, 0: SeverityNone} {
		if got := SeverityFromScore(score); got != want {
			t.Errorf("SeverityFromScore(%v) = %v, want %v", score, got, want)
		}
	}
	if s, err := ParseSeverity("moderate"); err != nil || s != SeverityMedium {
		t.Errorf("ParseSeverity(moderate) = %v, %v", s, err)
	}
	if _, err := ParseSeverity("severe"); err == nil {
		t.Error("ParseSeverity accepted an unknown word")
	}
}

func TestParseDigest(t *testing.T) {
	good := "sha256:" + "a0" + fmt.Sprintf("%062d", 0)
	if d, err := ParseDigest(good); err != nil || d.String() != good {
		t.Errorf("ParseDigest(%q) = %v, %v", good, d, err)
	}
	for _, bad := range []string{"", "sha256", "md5:abcd", "sha256:zz", "sha256:abcd"} {
		if _, err := ParseDigest(bad); err == nil {
			t.Errorf("ParseDigest(%q) accepted", bad)
		}
	}
}

func BenchmarkMergeDuplicates(b *testing.B) {
	pkgs := make([]Package, 20000)
	for i := range pkgs {
		pkgs[i] = Package{Ecosystem: EcosystemNPM, Name: "same", Version: "1.0.0", PURL: "pkg:npm/same@1.0.0",
			Locations: []Location{{Path: fmt.Sprintf("p%d/package-lock.json", i)}}, DependsOn: []string{"pkg:npm/dep@1"}}
	}
	for b.Loop() {
		Merge(pkgs)
	}
}
