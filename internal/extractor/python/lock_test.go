package python

import (
	"strings"
	"testing"

	"github.com/vouch-dev/vouch/internal/extractor"
	"github.com/vouch-dev/vouch/internal/extractor/extractortest"
	"github.com/vouch-dev/vouch/internal/vouch"
)

func TestLockDetails(t *testing.T) {
	// Poetry 1.1 keeps hashes under [metadata.files].
	old := extractortest.ExtractCase(t, poetryLock{}, "testdata/poetry-lock/poetry-1.1")
	if p := extractortest.Find(t, old, "certifi", "2021.10.8"); len(p.Hashes) != 2 || p.Relationship != vouch.RelationshipUnknown {
		t.Errorf("certifi = %+v, want two hashes and no relationship without pyproject.toml", p)
	}
	git := extractortest.ExtractCase(t, poetryLock{}, "testdata/poetry-lock/poetry-1.8-git")
	if p := extractortest.Find(t, git, "celery", "5.3.6"); len(p.Commit) != 40 || p.Metadata["python.source"] != "git" || p.Relationship != vouch.RelationshipDirect {
		t.Errorf("celery = %+v, want a direct git package with its commit", p)
	}
	// The name is normalised, also when pyproject.toml spells it PyYAML.
	if p := extractortest.Find(t, git, "pyyaml", "6.0.1"); p.PURL != "pkg:pypi/pyyaml@6.0.1" || p.Relationship != vouch.RelationshipDirect {
		t.Errorf("pyyaml = %+v", p)
	}
	uv := extractortest.ExtractCase(t, uvLock{}, "testdata/uv-lock/workspace")
	for _, p := range uv {
		if p.Name == "ingest" || p.Name == "ingest-core" {
			t.Errorf("workspace member reported as a package: %s", p.Name)
		}
	}
	if p := extractortest.Find(t, uv, "orjson", "3.10.5"); len(p.Hashes) != 3 || p.Scope != vouch.ScopeOptional {
		t.Errorf("orjson = %+v, want the sdist and two wheel hashes, optional", p)
	}
	if p := extractortest.Find(t, uv, "colorama", "0.4.6"); p.Scope != vouch.ScopeDev || p.Relationship != vouch.RelationshipIndirect {
		t.Errorf("colorama = %+v, want dev and indirect", p)
	}
}

func TestUVLockVersions(t *testing.T) {
	input := `version = 1
requires-python = ">=3.9"

[[package]]
name = "app"
version = "1.0.0"
source = { editable = "." }
dependencies = [
    { name = "numpy", version = "1.26.4", source = { registry = "https://pypi.org/simple" }, marker = "python_full_version >= '3.10'" },
    { name = "numpy", version = "1.24.4", source = { registry = "https://pypi.org/simple" }, marker = "python_full_version < '3.10'" },
    { name = "requests", extra = ["socks"] },
]

[[package]]
name = "numpy"
version = "1.24.4"
source = { registry = "https://pypi.org/simple" }

[[package]]
name = "numpy"
version = "1.26.4"
source = { registry = "https://pypi.org/simple" }

[[package]]
name = "pysocks"
version = "1.7.1"
source = { registry = "https://pypi.org/simple" }

[[package]]
name = "requests"
version = "2.32.3"
source = { registry = "https://pypi.org/simple" }

[package.optional-dependencies]
socks = [
    { name = "pysocks" },
]
use-chardet-on-py3 = [
    { name = "chardet" },
]
`
	pkgs, err := extractortest.ExtractBytes(uvLock{}, "uv.lock", []byte(input))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"numpy@1.24.4 direct", "numpy@1.26.4 direct", "pysocks@1.7.1 indirect", "requests@2.32.3 direct"}
	var got []string
	for _, p := range pkgs {
		got = append(got, p.Name+"@"+p.Version+" "+string(p.Relationship))
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got %v, want %v", got, want)
	}
	if p := extractortest.Find(t, pkgs, "requests", "2.32.3"); len(p.DependsOn) != 1 || p.DependsOn[0] != "pkg:pypi/pysocks@1.7.1" {
		t.Errorf("requests depends on %v, want pysocks through the requested extra", p.DependsOn)
	}
}

func TestLockErrors(t *testing.T) {
	tests := []struct {
		ex          extractor.Extractor
		name, input string
		want        string
	}{
		{poetryLock{}, "poetry.lock", "[[package]]\nname = \"a\"\nversion = 1.0.0\n", "line 3"},
		{poetryLock{}, "poetry.lock", "[[package]]\nname = \"a\"\nversion = \"1\"\nfiles = \"x\"\n", "line 4"},
		{uvLock{}, "uv.lock", "version = 1\n[[package]\nname = \"a\"\n", "line 2"},
		{pdmLock{}, "pdm.lock", "[metadata]\nlock_version = \"4.4\"\n\n[[package]]\nname = \"x\"\nname = \"y\"\n", "line 6"},
		{pipfileLock{}, "Pipfile.lock", "{\n  \"default\": {\n    \"a\": {\"version\": \"==1\"},\n  }\n}\n", "line 4"},
		{pipfileLock{}, "Pipfile.lock", "null", "not a Pipfile.lock"},
		{pipfileLock{}, "Pipfile.lock", "{\"default\": {\"a\": {\"version\": 1}}}", `"default"`},
		{metadata{}, "x.dist-info/METADATA", "Metadata-Version: 2.1\nVersion: 1.0\n", "no Name header"},
		{metadata{}, "x.dist-info/METADATA", "Metadata-Version: 2.1\nName: x\n", "line 2: package x has no Version header"},
		{metadata{}, "x.dist-info/METADATA", "Name: x\nVersion: 1\nthis is not a header\n", "line 3: \"this is not a header\" is not a header"},
		{metadata{}, "x.dist-info/METADATA", "  folded\nName: x\n", "line 1: continuation line before any header"},
		{metadata{}, "x.dist-info/METADATA", "\x00\x01\x02", "is not a header"},
	}
	for _, tt := range tests {
		_, err := extractortest.ExtractBytes(tt.ex, tt.name, []byte(tt.input))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s %q: error = %v, want it to contain %q", tt.ex.Name(), tt.input, err, tt.want)
		}
	}
}

func TestMetadataLicenses(t *testing.T) {
	tests := []struct {
		headers string
		want    []string
	}{
		{"License-Expression: Apache-2.0 OR MIT\nLicense: whatever\n", []string{"Apache-2.0 OR MIT"}},
		{"License: BSD-3-Clause\nClassifier: License :: OSI Approved :: BSD License\n", []string{"BSD-3-Clause"}},
		{"License: UNKNOWN\nClassifier: License :: OSI Approved :: MIT License\nClassifier: License :: OSI Approved :: BSD License\n", []string{"MIT", "BSD License"}},
		{"License: Copyright (c) 2020\n        Permission is hereby granted\nClassifier: License :: OSI Approved\n", nil},
		{"Classifier: License :: OSI Approved :: GNU General Public License v3 (GPLv3)\n", []string{"GNU General Public License v3 (GPLv3)"}},
	}
	for _, tt := range tests {
		pkgs, err := extractortest.ExtractBytes(metadata{}, "x.dist-info/METADATA", []byte("Metadata-Version: 2.1\nName: X\nVersion: 1\n"+tt.headers+"\nbody\n"))
		if err != nil {
			t.Fatal(err)
		}
		if got := pkgs[0].Licenses; strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("%q: licenses %q, want %q", tt.headers, got, tt.want)
		}
	}
}
