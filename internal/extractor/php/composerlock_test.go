package php

import (
	"crypto/sha1"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"testing/fstest"

	"github.com/vouch-dev/vouch/internal/extractor/extractortest"
	"github.com/vouch-dev/vouch/internal/vouch"
)

func TestComposerLockGolden(t *testing.T) { extractortest.Cases(t, composerLock{}, "composer-lock") }

func TestMatch(t *testing.T) {
	tests := []struct {
		path string
		mode fs.FileMode
		want bool
	}{
		{"composer.lock", 0, true},
		{"app/composer.lock", 0, true},
		{"composer.json", 0, false},
		{"xcomposer.lock", 0, false},
		{"composer.lock", fs.ModeDir, false},
	}
	for _, tt := range tests {
		if got := (composerLock{}).Match(tt.path, tt.mode); got != tt.want {
			t.Errorf("Match(%q, %v) = %v, want %v", tt.path, tt.mode, got, tt.want)
		}
	}
}

func TestComposerLockDetails(t *testing.T) {
	pkgs := extractortest.ExtractCase(t, composerLock{}, "testdata/composer-lock/composer-2")
	sym := extractortest.Find(t, pkgs, "symfony/deprecation-contracts", "v3.4.0")
	if sym.PURL != "pkg:composer/symfony/deprecation-contracts@v3.4.0" || sym.Relationship != vouch.RelationshipIndirect {
		t.Errorf("symfony/deprecation-contracts = %+v, want its version as written", sym)
	}
	guzzle := extractortest.Find(t, pkgs, "guzzlehttp/guzzle", "7.8.1")
	if len(guzzle.Commit) != 40 || guzzle.Relationship != vouch.RelationshipDirect || guzzle.Locations[0].Line != 35 {
		t.Errorf("guzzle = %+v, want a direct package with its commit at line 35", guzzle)
	}
	// Only locked packages are edges; php and ext-json are not.
	if len(guzzle.DependsOn) != 4 {
		t.Errorf("guzzle depends on %v, want the 4 locked requirements", guzzle.DependsOn)
	}
	// composer.json spells it Monolog/Monolog; names are case-insensitive.
	if p := extractortest.Find(t, pkgs, "monolog/monolog", "3.5.0"); p.Relationship != vouch.RelationshipDirect {
		t.Errorf("monolog relationship = %q, want direct", p.Relationship)
	}
	dc := extractortest.Find(t, pkgs, "myclabs/deep-copy", "1.11.1")
	if dc.Scope != vouch.ScopeDev || len(dc.Hashes) != 1 || dc.Hashes[0].Algorithm != "SHA-1" {
		t.Errorf("deep-copy = %+v, want dev with the dist SHA-1", dc)
	}
	if p := extractortest.Find(t, pkgs, "acme/shared", "dev-main"); p.Metadata["php.source"] != "path" || len(p.Commit) != 40 {
		t.Errorf("acme/shared = %+v, want a path package with the dist reference", p)
	}
}

func TestComposerLockInline(t *testing.T) {
	// Without composer.json the relationship is unknown; a license may be
	// a plain string; entries without a name or version are skipped.
	input := `{"packages": [{"name": "a/b", "version": "1.0.0", "license": "MIT", "source": {"reference": "trunk@123"}},
	{"name": "nameless", "version": "1.0"}, {"name": "c/d"}, {"name": "e/f", "version": "2.0.0", "require": {"a/b": "^1", "e/f": "*"}}]}`
	pkgs, err := extractortest.ExtractBytes(composerLock{}, "composer.lock", []byte(input))
	if err != nil {
		t.Fatal(err)
	}
	if len(pkgs) != 2 {
		t.Fatalf("got %d packages, want a/b and e/f: %+v", len(pkgs), pkgs)
	}
	if pkgs[0].Relationship != vouch.RelationshipUnknown || pkgs[0].Commit != "" || len(pkgs[0].Licenses) != 1 || pkgs[0].Locations[0].Line != 1 {
		t.Errorf("a/b = %+v", pkgs[0])
	}
	if len(pkgs[1].DependsOn) != 1 || pkgs[1].Locations[0].Line != 2 {
		t.Errorf("e/f = %+v, want one edge (not to itself) and line 2", pkgs[1])
	}
}

func TestComposerLockManifest(t *testing.T) {
	fsys := fstest.MapFS{
		"composer.lock": {Data: []byte(`{"packages": [{"name": "a/b", "version": "1.0.0"}]}`)},
		"composer.json": {Data: []byte(`{not json`)},
	}
	pkgs, err := extractortest.ExtractFile(composerLock{}, fsys, "composer.lock")
	if err != nil {
		t.Fatal(err)
	}
	if pkgs[0].Relationship != vouch.RelationshipUnknown {
		t.Errorf("relationship = %q with an unreadable composer.json, want unknown", pkgs[0].Relationship)
	}
}

func TestComposerLockErrors(t *testing.T) {
	tests := []struct{ input, want string }{
		{"", "unexpected end of JSON input"},
		{"null", "not a composer.lock"},
		{"{\n  \"packages\": [\n    {\"name\": \"a/b\",}\n  ]\n}", "line 3: invalid character '}'"},
		{"{\n  \"packages\": {\"a\": 1}\n}", "line 2: json: cannot unmarshal object"},
		{"{\"packages\": [{\"name\": \"a/b\", \"version\": 1}]}", "line 1: json: cannot unmarshal number"},
	}
	for _, tt := range tests {
		_, err := extractortest.ExtractBytes(composerLock{}, "composer.lock", []byte(tt.input))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%q: error = %v, want it to contain %q", tt.input, err, tt.want)
		}
	}
}

func FuzzComposerLock(f *testing.F) {
	files, err := filepath.Glob("testdata/composer-lock/*/composer.lock")
	if err != nil {
		f.Fatal(err)
	}
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		pkgs, err := extractortest.ExtractBytes(composerLock{}, "composer.lock", data)
		if err != nil {
			return
		}
		for _, p := range pkgs {
			if p.Name == "" || p.Version == "" || p.PURL == "" || len(p.Locations) != 1 {
				t.Fatalf("malformed package %+v", p)
			}
		}
	})
}

// genComposerLock writes a lockfile with n packages as Composer 2 does.
func genComposerLock(n int) []byte {
	var b strings.Builder
	b.WriteString("{\n    \"_readme\": [\n        \"This file is @generated automatically\"\n    ],\n    \"content-hash\": \"00\",\n    \"packages\": [\n")
	for i := range n {
		if i > 0 {
			b.WriteString(",\n")
		}
		ref := fmt.Sprintf("%x", sha1.Sum([]byte(fmt.Sprint(i))))
		fmt.Fprintf(&b, "        {\n            \"name\": \"vendor%d/pkg-%d\",\n            \"version\": \"v1.%d.%d\",\n            \"source\": {\n                \"type\": \"git\",\n                \"url\": \"https://github.com/vendor%d/pkg-%d.git\",\n                \"reference\": %q\n            },\n            \"dist\": {\n                \"type\": \"zip\",\n                \"url\": \"https://api.github.com/repos/vendor%d/pkg-%d/zipball/%s\",\n                \"reference\": %q,\n                \"shasum\": \"\"\n            },\n            \"require\": {\n                \"php\": \">=8.1\",\n                \"vendor%d/pkg-%d\": \"^1.0\"\n            },\n            \"type\": \"library\",\n            \"license\": [\n                \"MIT\"\n            ]\n        }",
			i%100, i, i%17, i%5, i%100, i, ref, i%100, i, ref, ref, ((i*7+1)%n)%100, (i*7+1)%n)
	}
	b.WriteString("\n    ],\n    \"packages-dev\": [],\n    \"aliases\": [],\n    \"minimum-stability\": \"stable\",\n    \"platform\": {},\n    \"plugin-api-version\": \"2.6.0\"\n}\n")
	return []byte(b.String())
}

func BenchmarkComposerLock(b *testing.B) {
	data := genComposerLock(2000)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	start := cpuTime()
	for b.Loop() {
		if _, err := extractortest.ExtractBytes(composerLock{}, "composer.lock", data); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(cpuTime()-start)/float64(b.N), "cpu-ns/op")
}

// cpuTime is the CPU time the process has used, in nanoseconds: wall time
// suffers when the machine is shared.
func cpuTime() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}
