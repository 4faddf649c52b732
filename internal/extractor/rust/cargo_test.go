package rust

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

func extract(t *testing.T, path string, data []byte) ([]vouch.Package, error) {
	t.Helper()
	return cargoLock{}.Extract(context.Background(), &extractor.File{Path: path, Reader: bytes.NewReader(data)})
}

func extractFile(t *testing.T, dir string) []vouch.Package {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", dir, "Cargo.lock"))
	if err != nil {
		t.Fatal(err)
	}
	pkgs, err := extract(t, dir+"/Cargo.lock", data)
	if err != nil {
		t.Fatal(err)
	}
	return pkgs
}

func byKey(pkgs []vouch.Package) map[string]*vouch.Package {
	m := make(map[string]*vouch.Package, len(pkgs))
	for i := range pkgs {
		m[pkgs[i].Name+"@"+pkgs[i].Version] = &pkgs[i]
	}
	return m
}

func TestCargoGolden(t *testing.T) {
	for _, dir := range []string{"v1", "v2", "v3-workspace", "v4"} {
		t.Run(dir, func(t *testing.T) {
			extractortest.Golden(t, filepath.Join("testdata", "golden", dir+".json"), extractFile(t, dir))
		})
	}
}

// TestCargoSemantics spells out what the golden files must hold.
func TestCargoSemantics(t *testing.T) {
	type want struct {
		line   int
		rel    vouch.Relationship
		hash   string
		deps   []string
		source string
		commit string
		local  bool
	}
	for _, tc := range []struct {
		dir   string
		count int
		pkgs  map[string]want
	}{
		{"v3-workspace", 19, map[string]want{
			"errno@0.3.9": {line: 11, rel: vouch.RelationshipDirect, hash: "534c5cf6194dfab3db3242765c03bbe257cf92f22b38f6bc0c58d59108a820ba",
				deps: []string{"pkg:cargo/libc@0.2.177", "pkg:cargo/windows-sys@0.52.0"}},
			"windows-sys@0.59.0": {line: 157, rel: vouch.RelationshipDirect},
			"windows-sys@0.52.0": {line: 151, rel: vouch.RelationshipIndirect},
			"syn@2.0.90":         {line: 93, rel: vouch.RelationshipIndirect, deps: []string{"pkg:cargo/proc-macro2@1.0.92", "pkg:cargo/quote@1.0.37", "pkg:cargo/unicode-ident@1.0.14"}},
			"internal-metrics@1.2.0": {line: 21, rel: vouch.RelationshipDirect, source: "registry+https://git.example.com/rust/crates-index",
				hash: "0b6cd7a2e4f1c1a7d9e6b5f4a3928171605f4e3d2c1b0a9f8e7d6c5b4a392817", deps: []string{"pkg:cargo/serde@1.0.215"}},
			"retry-policy@0.4.0": {line: 65, rel: vouch.RelationshipDirect, commit: "5f2b3c9d0e1a4b6c8d7e9f0a1b2c3d4e5f6a7b8c",
				source: "git+https://github.com/example-org/retry-policy?branch=main#5f2b3c9d0e1a4b6c8d7e9f0a1b2c3d4e5f6a7b8c"},
			"vouch-demo-cli@0.3.0":  {local: true},
			"vouch-demo-core@0.3.0": {local: true},
		}},
		{"v4", 18, map[string]want{
			"url@2.5.3": {line: 129, rel: vouch.RelationshipDirect, commit: "8d157f1b96d14500ffdc1f10ba712e780825526c",
				source: "git+https://github.com/servo/rust-url?branch=release%2F2.5#8d157f1b96d14500ffdc1f10ba712e780825526c"},
			"signing-keys@0.9.1": {line: 100, rel: vouch.RelationshipDirect, source: "sparse+https://cargo.cloudsmith.io/example-org/internal/"},
			"serde@1.0.228":      {line: 73, rel: vouch.RelationshipDirect, deps: []string{"pkg:cargo/serde_core@1.0.228", "pkg:cargo/serde_derive@1.0.228"}},
			"relay-proto@0.1.0":  {local: true},
		}},
		{"v2", 7, map[string]want{
			"nom@4.2.3":           {line: 24, rel: vouch.RelationshipDirect, deps: []string{"pkg:cargo/memchr@2.3.3", "pkg:cargo/version_check@0.1.5"}},
			"version_check@0.1.5": {line: 43, rel: vouch.RelationshipIndirect},
		}},
		{"v1", 6, map[string]want{
			"net2@0.2.33": {line: 24, rel: vouch.RelationshipDirect, hash: "b13b648036a2339d06de780866fbdfda0dde886de7b3af2ddeba8b14f4ee34ac",
				deps: []string{"pkg:cargo/cfg-if@0.1.10", "pkg:cargo/libc@0.2.177"}},
			"maybe-uninit@2.0.0": {line: 19, rel: vouch.RelationshipIndirect, hash: "60302e4db3a61da70c0cb7991976248362f30319e88850c487b9b95bbf059e00"},
		}},
	} {
		t.Run(tc.dir, func(t *testing.T) {
			pkgs := extractFile(t, tc.dir)
			if len(pkgs) != tc.count {
				t.Errorf("got %d packages, want %d", len(pkgs), tc.count)
			}
			got := byKey(pkgs)
			for key, w := range tc.pkgs {
				p := got[key]
				if p == nil {
					t.Errorf("%s: missing", key)
					continue
				}
				if w.local {
					if p.Metadata["cargo.local"] != "true" || p.Relationship != "" {
						t.Errorf("%s: local package not marked local: %+v", key, p)
					}
					continue
				}
				name, version, _ := strings.Cut(key, "@")
				if p.Ecosystem != vouch.EcosystemCrates || p.PURL != fmt.Sprintf("pkg:cargo/%s@%s", name, version) {
					t.Errorf("%s: %s %s", key, p.Ecosystem, p.PURL)
				}
				if len(p.Locations) != 1 || p.Locations[0] != (vouch.Location{Path: tc.dir + "/Cargo.lock", Line: w.line}) {
					t.Errorf("%s: locations %v, want line %d", key, p.Locations, w.line)
				}
				if p.Relationship != w.rel {
					t.Errorf("%s: relationship %q, want %q", key, p.Relationship, w.rel)
				}
				if w.hash != "" && (len(p.Hashes) != 1 || p.Hashes[0] != (vouch.Hash{Algorithm: "SHA-256", Value: w.hash})) {
					t.Errorf("%s: hashes %v", key, p.Hashes)
				}
				if w.deps != nil && strings.Join(p.DependsOn, " ") != strings.Join(w.deps, " ") {
					t.Errorf("%s: depends on %v, want %v", key, p.DependsOn, w.deps)
				}
				if p.Metadata["cargo.source"] != w.source || p.Commit != w.commit {
					t.Errorf("%s: source %q commit %q, want %q %q", key, p.Metadata["cargo.source"], p.Commit, w.source, w.commit)
				}
			}
		})
	}
}

func TestCargoSyntax(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		check    func(t *testing.T, pkgs []vouch.Package)
	}{
		{"v0 root table and inline arrays", `[root]
name = "app"
version = "0.1.0"
dependencies = ["a 1.0.0 (registry+https://github.com/rust-lang/crates.io-index)"]

[[package]]
name = "a"
version = "1.0.0"
source = "registry+https://github.com/rust-lang/crates.io-index"
`, func(t *testing.T, pkgs []vouch.Package) {
			if len(pkgs) != 2 || pkgs[1].Name != "a" || pkgs[1].Relationship != vouch.RelationshipDirect || pkgs[0].Metadata["cargo.local"] != "true" {
				t.Errorf("got %+v", pkgs)
			}
		}},
		{"hand-edited spacing, comments, escapes, literal strings", "version=3 # lock\n\n[[ package ]]  # a crate\nname='we\\ird'\n  version = \"1.0.0\\u002Dbeta\"\nsource = \"registry+https://github.com/rust-lang/crates.io-index\" # crates.io\ndependencies = [ # none\n]\nfeatures = { default = [\"x\"], n = 1 }\n\n[[patch.unused]]\nname = \"ignored\"\nversion = \"9.9.9\"\n",
			func(t *testing.T, pkgs []vouch.Package) {
				if len(pkgs) != 1 || pkgs[0].Name != `we\ird` || pkgs[0].Version != "1.0.0-beta" || pkgs[0].Locations[0].Line != 3 || pkgs[0].Relationship != "" {
					t.Errorf("got %+v", pkgs)
				}
			}},
		{"ambiguous bare dependency is dropped", `[[package]]
name = "app"
version = "0.1.0"
dependencies = ["dup", "missing 1.0.0"]

[[package]]
name = "dup"
version = "1.0.0"
source = "registry+https://github.com/rust-lang/crates.io-index"

[[package]]
name = "dup"
version = "2.0.0"
source = "registry+https://github.com/rust-lang/crates.io-index"
`, func(t *testing.T, pkgs []vouch.Package) {
			if len(pkgs) != 3 || pkgs[1].Relationship != vouch.RelationshipIndirect || pkgs[2].Relationship != vouch.RelationshipIndirect {
				t.Errorf("got %+v", pkgs)
			}
		}},
		{"bad checksum is not a hash", `[[package]]
name = "a"
version = "1.0.0"
source = "registry+https://github.com/rust-lang/crates.io-index"
checksum = "not-hex"
`, func(t *testing.T, pkgs []vouch.Package) {
			if len(pkgs) != 1 || len(pkgs[0].Hashes) != 0 {
				t.Errorf("got %+v", pkgs)
			}
		}},
		{"empty file", "", func(t *testing.T, pkgs []vouch.Package) {
			if len(pkgs) != 0 {
				t.Errorf("got %+v", pkgs)
			}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			pkgs, err := extract(t, "Cargo.lock", []byte(tc.in))
			if err != nil {
				t.Fatal(err)
			}
			tc.check(t, pkgs)
		})
	}
}

func TestCargoErrors(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"no name", "version = 3\n\n[[package]]\nversion = \"1.0.0\"\n", "line 3: package has no name"},
		{"no version", "[[package]]\nname = \"a\"\n", "line 1: package a has no version"},
		{"unterminated string", "[[package]]\nname = \"a\nversion = \"1\"\n", "line 2: string not terminated"},
		{"unclosed array", "[[package]]\nname = \"a\"\nversion = \"1\"\ndependencies = [\n \"b\",\n", "line 4: array not closed"},
		{"unclosed header", "[[package]\nname = \"a\"\n", "line 1: table header [package not closed with ]]"},
		{"missing equals", "[[package]]\nname \"a\"\n", "line 2: '=' expected after key \"name\""},
		{"junk after value", "[[package]]\nname = \"a\" \"b\"\n", "line 2: unexpected"},
		{"bad escape", "[[package]]\nname = \"a\\q\"\n", "line 2: unknown escape"},
		{"bad array separator", "[[package]]\nname = \"a\"\nversion = \"1\"\ndependencies = [\"b\" \"c\"]\n", "line 4: ',' or ']' expected"},
		{"deep nesting", "x = " + strings.Repeat("[", 100) + "\n", "nested too deeply"},
		{"invalid utf-8", "[[package]]\nname = \"\xff\"\n", "line 2: string is not valid UTF-8"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := extract(t, "Cargo.lock", []byte(tc.in))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want it to contain %q", err, tc.want)
			}
		})
	}
}

func TestCargoMatch(t *testing.T) {
	for p, want := range map[string]bool{"Cargo.lock": true, "a/b/Cargo.lock": true, "Cargo.toml": false, "xCargo.lock": false, "cargo.lock": false} {
		if got := (cargoLock{}).Match(p, 0); got != want {
			t.Errorf("Match(%q) = %v", p, got)
		}
	}
}

func FuzzCargoLock(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) {
		pkgs, err := cargoLock{}.Extract(context.Background(), &extractor.File{Path: "Cargo.lock", Reader: bytes.NewReader(data)})
		if err != nil {
			if len(pkgs) > 0 {
				t.Fatal("packages and an error")
			}
			if !strings.Contains(err.Error(), "line ") {
				t.Fatalf("error without a line: %v", err)
			}
			return
		}
		for _, p := range pkgs {
			if p.Name == "" || p.Version == "" || p.PURL == "" || p.Locations[0].Line < 1 {
				t.Fatalf("incomplete package %+v", p)
			}
		}
	})
}

// BenchmarkCargoLock parses a generated 5,000-crate lockfile.
func BenchmarkCargoLock(b *testing.B) {
	var buf bytes.Buffer
	buf.WriteString("# This file is automatically @generated by Cargo.\n# It is not intended for manual editing.\nversion = 4\n\n")
	buf.WriteString("[[package]]\nname = \"app\"\nversion = \"0.1.0\"\ndependencies = [\n")
	for i := 0; i < 50; i++ {
		fmt.Fprintf(&buf, " \"crate-%04d\",\n", i)
	}
	buf.WriteString("]\n\n")
	for i := 0; i < 5000; i++ {
		fmt.Fprintf(&buf, "[[package]]\nname = \"crate-%04d\"\nversion = \"1.%d.%d\"\nsource = \"registry+https://github.com/rust-lang/crates.io-index\"\nchecksum = \"%064x\"\n", i, i%40, i%7, i*7919)
		if i+3 < 5000 {
			fmt.Fprintf(&buf, "dependencies = [\n \"crate-%04d\",\n \"crate-%04d\",\n \"crate-%04d\",\n]\n", i+1, i+2, i+3)
		}
		buf.WriteString("\n")
	}
	data := buf.Bytes()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		pkgs, err := cargoLock{}.Extract(context.Background(), &extractor.File{Path: "Cargo.lock", Size: int64(len(data)), Reader: bytes.NewReader(data)})
		if err != nil || len(pkgs) != 5001 { // the 5,000 crates and the app itself
			b.Fatal(err, len(pkgs))
		}
	}
}
