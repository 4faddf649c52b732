package ruby

import (
	"crypto/sha256"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/vouch-dev/vouch/internal/extractor/extractortest"
	"github.com/vouch-dev/vouch/internal/vouch"
)

func TestGemfileLockGolden(t *testing.T) { extractortest.Cases(t, gemfileLock{}, "gemfile-lock") }

func TestMatch(t *testing.T) {
	tests := []struct {
		path string
		mode fs.FileMode
		want bool
	}{
		{"Gemfile.lock", 0, true},
		{"apps/api/Gemfile.lock", 0, true},
		{"gems.locked", 0, true},
		{"Gemfile", 0, false},
		{"Gemfile.lock.orig", 0, false},
		{"gemfile.lock", 0, false},
		{"Gemfile.lock", fs.ModeDir, false},
	}
	for _, tt := range tests {
		if got := (gemfileLock{}).Match(tt.path, tt.mode); got != tt.want {
			t.Errorf("Match(%q, %v) = %v, want %v", tt.path, tt.mode, got, tt.want)
		}
	}
}

func TestGemfileLockDetails(t *testing.T) {
	pkgs := extractortest.ExtractCase(t, gemfileLock{}, "testdata/gemfile-lock/bundler-2.5-rails")
	var nokogiri []vouch.Package
	for _, p := range pkgs {
		if p.Name == "nokogiri" {
			nokogiri = append(nokogiri, p)
		}
	}
	if len(nokogiri) != 2 {
		t.Fatalf("got %d nokogiri packages, want one per platform", len(nokogiri))
	}
	for _, p := range nokogiri {
		plat := p.Metadata["ruby.platform"]
		if p.Version != "1.16.3" || plat == "" || !strings.HasSuffix(p.PURL, "?platform="+plat) {
			t.Errorf("nokogiri = %s %s %v, want version 1.16.3 with the platform kept apart", p.Version, p.PURL, p.Metadata)
		}
		if p.Relationship != vouch.RelationshipDirect || len(p.Hashes) != 1 {
			t.Errorf("nokogiri %s: relationship %q hashes %v", plat, p.Relationship, p.Hashes)
		}
	}
	ap := extractortest.Find(t, pkgs, "actionpack", "7.2.0.alpha")
	if len(ap.Commit) != 40 || ap.Metadata["ruby.source"] != "git" {
		t.Errorf("actionpack = %+v, want the git revision", ap)
	}
	// A dependency on a gem locked for two platforms points at both.
	n := 0
	for _, d := range ap.DependsOn {
		if strings.HasPrefix(d, "pkg:gem/nokogiri@") {
			n++
		}
	}
	if n != 2 {
		t.Errorf("actionpack depends on %v, want both nokogiri platforms", ap.DependsOn)
	}
	if p := extractortest.Find(t, pkgs, "acme-auth", "2.1.0"); p.Relationship != vouch.RelationshipDirect || p.Locations[0].Line != 71 {
		t.Errorf("acme-auth = %+v, want direct at line 71", p)
	}
	if p := extractortest.Find(t, pkgs, "uri", "0.13.0"); p.Relationship != vouch.RelationshipIndirect {
		t.Errorf("uri relationship = %q, want indirect", p.Relationship)
	}
}

func TestSplitPlatform(t *testing.T) {
	tests := []struct{ in, version, platform string }{
		{"1.16.3", "1.16.3", ""},
		{"1.16.3-x86_64-linux", "1.16.3", "x86_64-linux"},
		{"1.16.3-x86_64-linux-musl", "1.16.3", "x86_64-linux-musl"},
		{"1.16.3-aarch64-linux-gnu", "1.16.3", "aarch64-linux-gnu"},
		{"0.10.2-java", "0.10.2", "java"},
		{"1.15.5-x64-mingw-ucrt", "1.15.5", "x64-mingw-ucrt"},
		{"2.0.0-universal-darwin", "2.0.0", "universal-darwin"},
		{"1.0.0-rc1", "1.0.0-rc1", ""},
		{"1.0.0-beta-2", "1.0.0-beta-2", ""},
		{"7.2.0.alpha", "7.2.0.alpha", ""},
	}
	for _, tt := range tests {
		v, p := splitPlatform(tt.in)
		if v != tt.version || p != tt.platform {
			t.Errorf("splitPlatform(%q) = %q, %q; want %q, %q", tt.in, v, p, tt.version, tt.platform)
		}
	}
}

func TestGemfileLockErrors(t *testing.T) {
	tests := []struct{ input, want string }{
		{"  specs:\n", "line 1: \"specs:\" is outside of any section"},
		{"GEM\n  remote: https://rubygems.org/\n  specs:\n    rack 3.0.0\n", "line 4: invalid gem name in \"rack 3.0.0\""},
		{"GEM\n  specs:\n    rack (3.0.0\n", "line 3: unclosed parenthesis"},
		{"GEM\n  specs:\n    rack\n", "line 3: gem \"rack\" has no version"},
		{"GEM\n  remote: x\n    rack (1.0)\n", "line 3: gem \"rack (1.0)\" outside of specs:"},
		{"GEM\n  specs:\n      rack (>= 1)\n", "line 3: dependency \"rack (>= 1)\" outside of a gem"},
		{"GEM\n  specs:\n     rack (1.0)\n", "line 3: unexpected indentation of 5 spaces"},
		{"GEM\n  specs:\n\track (1.0)\n", "line 3: tab in indentation"},
		{"GEM\n  specs:\n    (1.0)\n", "line 3: invalid gem name"},
	}
	for _, tt := range tests {
		_, err := extractortest.ExtractBytes(gemfileLock{}, "Gemfile.lock", []byte(tt.input))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%q: error = %v, want it to contain %q", tt.input, err, tt.want)
		}
	}
}

func TestGemfileLockNoDependencies(t *testing.T) {
	// Without a DEPENDENCIES section the relationship is unknown; CRLF
	// line ends and a plugin source are read as well.
	input := "PLUGIN SOURCE\r\n  remote: https://github.com/x/plugin\r\n  specs:\r\n    bundler-plugin (0.1.0)\r\n      thor\r\n\r\nGEM\r\n  remote: https://rubygems.org/\r\n  specs:\r\n    thor (1.3.1)\r\n"
	pkgs, err := extractortest.ExtractBytes(gemfileLock{}, "Gemfile.lock", []byte(input))
	if err != nil {
		t.Fatal(err)
	}
	if len(pkgs) != 1 || pkgs[0].Name != "thor" || pkgs[0].Relationship != vouch.RelationshipUnknown || pkgs[0].Locations[0].Line != 10 {
		t.Errorf("got %+v, want only thor at line 10 with unknown relationship", pkgs)
	}
}

func FuzzGemfileLock(f *testing.F) {
	files, err := filepath.Glob("testdata/gemfile-lock/*/Gemfile.lock")
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
		pkgs, err := extractortest.ExtractBytes(gemfileLock{}, "Gemfile.lock", data)
		if err != nil {
			return
		}
		for _, p := range pkgs {
			if p.Name == "" || p.Version == "" || p.PURL == "" || len(p.Locations) != 1 {
				t.Fatalf("malformed package %+v", p)
			}
			for _, d := range p.DependsOn {
				if d == p.PURL {
					t.Fatalf("%s depends on itself", p.PURL)
				}
			}
		}
	})
}

// genGemfileLock writes a lockfile with n gems, each depending on two.
func genGemfileLock(n int) []byte {
	var b strings.Builder
	b.WriteString("GEM\n  remote: https://rubygems.org/\n  specs:\n")
	for i := range n {
		fmt.Fprintf(&b, "    gem-%d (1.%d.%d)\n      gem-%d (~> 1.0)\n      gem-%d (>= 1.2, < 3)\n", i, i%17, i%5, (i*7+1)%n, (i*13+5)%n)
	}
	b.WriteString("\nPLATFORMS\n  ruby\n  x86_64-linux\n\nDEPENDENCIES\n")
	for i := 0; i < n; i += 50 {
		fmt.Fprintf(&b, "  gem-%d\n", i)
	}
	b.WriteString("\nCHECKSUMS\n")
	for i := range n {
		fmt.Fprintf(&b, "  gem-%d (1.%d.%d) sha256=%x\n", i, i%17, i%5, sha256.Sum256([]byte(fmt.Sprint(i))))
	}
	b.WriteString("\nBUNDLED WITH\n   2.5.6\n")
	return []byte(b.String())
}

func BenchmarkGemfileLock(b *testing.B) {
	data := genGemfileLock(5000)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	start := cpuTime()
	for b.Loop() {
		if _, err := extractortest.ExtractBytes(gemfileLock{}, "Gemfile.lock", data); err != nil {
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
