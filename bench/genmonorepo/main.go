// Command genmonorepo writes a large synthetic monorepo for benchmarking
// inventory and vulnerability scanning: hundreds of projects, each with the
// lockfile of one ecosystem, in the formats the real tools write. Package
// names are drawn from the real advisory data when -osv is given (so that a
// scan finds real vulnerabilities), else made up.
//
//	go run ./bench/genmonorepo -out /tmp/mono -projects 240 -seed 1
package main

import (
	"archive/zip"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

type pkg struct{ name, version string }

func main() {
	out := flag.String("out", "", "directory to write (must not exist)")
	projects := flag.Int("projects", 240, "number of projects (one lockfile each)")
	seed := flag.Uint64("seed", 1, "random seed")
	osvDir := flag.String("osv", "", "directory with Go.zip, PyPI.zip, crates.io.zip to draw real package names from")
	flag.Parse()
	if *out == "" {
		log.Fatal("genmonorepo: -out is required")
	}
	if _, err := os.Stat(*out); err == nil {
		log.Fatalf("genmonorepo: %s exists", *out)
	}
	r := rand.New(rand.NewPCG(*seed, *seed^0x9e3779b97f4a7c15))
	g := &gen{r: r, real: map[string][]pkg{}}
	if *osvDir != "" {
		for _, eco := range []string{"Go", "PyPI", "crates.io"} {
			g.real[eco] = realPackages(filepath.Join(*osvDir, eco+".zip"))
		}
	}
	writers := []struct {
		name string
		fn   func(dir string, n int) int
	}{
		{"npm-lock", g.npmLock}, {"yarn", g.yarnLock}, {"pnpm", g.pnpmLock},
		{"requirements", g.requirements}, {"poetry", g.poetryLock},
		{"cargo", g.cargoLock}, {"gomod", g.goMod}, {"gemfile", g.gemfileLock},
		{"composer", g.composerLock}, {"nuget", g.nugetLock}, {"gradle", g.gradleLock},
	}
	total, files := 0, 0
	for i := 0; i < *projects; i++ {
		w := writers[i%len(writers)]
		dir := filepath.Join(*out, fmt.Sprintf("services/%s-%03d", w.name, i))
		must(os.MkdirAll(dir, 0o755))
		n := 80 + r.IntN(340)
		total += w.fn(dir, n)
		files++
		// Source files next to the lockfile, as a real tree has.
		for j := 0; j < 5; j++ {
			must(os.WriteFile(filepath.Join(dir, fmt.Sprintf("src%d.txt", j)), []byte(strings.Repeat("lorem ipsum dolor sit amet\n", 40)), 0o644))
		}
	}
	fmt.Printf("%d lockfiles, %d package entries in %s\n", files, total, *out)
}

type gen struct {
	r    *rand.Rand
	real map[string][]pkg
}

var words = []string{"alpha", "beta", "gamma", "delta", "core", "util", "http", "json", "yaml", "log", "auth", "cache", "db", "sql", "queue", "stream", "cli", "test", "mock", "parse", "crypto", "net", "io", "fs", "time", "color", "glob", "path", "url", "retry"}

func (g *gen) name(sep string) string {
	return words[g.r.IntN(len(words))] + sep + words[g.r.IntN(len(words))] + sep + fmt.Sprint(g.r.IntN(400))
}

func (g *gen) version() string {
	return fmt.Sprintf("%d.%d.%d", g.r.IntN(6), g.r.IntN(30), g.r.IntN(20))
}

// pick returns n distinct packages: real names (with a random old
// version) for ecosystems with advisory data, made-up ones otherwise.
func (g *gen) pick(eco string, n int, sep string) []pkg {
	seen := map[string]bool{}
	var out []pkg
	real := g.real[eco]
	for len(out) < n {
		var p pkg
		if len(real) > 0 && g.r.IntN(3) == 0 {
			p = real[g.r.IntN(len(real))]
		} else {
			p = pkg{g.name(sep), g.version()}
		}
		if seen[p.name] {
			continue
		}
		seen[p.name] = true
		out = append(out, p)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].name < out[j].name })
	return out
}

func (g *gen) integrity() string {
	b := make([]byte, 64)
	for i := range b {
		b[i] = byte(g.r.IntN(256))
	}
	return "sha512-" + b64(b)
}

func b64(b []byte) string {
	const enc = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
	var s strings.Builder
	for i := 0; i+2 < len(b); i += 3 {
		v := uint(b[i])<<16 | uint(b[i+1])<<8 | uint(b[i+2])
		s.WriteByte(enc[v>>18&63])
		s.WriteByte(enc[v>>12&63])
		s.WriteByte(enc[v>>6&63])
		s.WriteByte(enc[v&63])
	}
	return s.String() + "=="
}

func (g *gen) hex(n int) string {
	const h = "0123456789abcdef"
	b := make([]byte, n)
	for i := range b {
		b[i] = h[g.r.IntN(16)]
	}
	return string(b)
}

func (g *gen) npmLock(dir string, n int) int {
	pkgs := g.pick("npm", n, "-")
	root := map[string]any{"name": filepath.Base(dir), "version": "1.0.0"}
	deps := map[string]string{}
	packages := map[string]any{"": root}
	for i, p := range pkgs {
		e := map[string]any{
			"version":   p.version,
			"resolved":  "https://registry.npmjs.org/" + p.name + "/-/" + p.name + "-" + p.version + ".tgz",
			"integrity": g.integrity(),
		}
		if i%4 == 0 {
			e["dev"] = true
		}
		if i%7 == 0 {
			deps[p.name] = "^" + p.version
		}
		packages["node_modules/"+p.name] = e
	}
	root["dependencies"] = deps
	doc := map[string]any{"name": filepath.Base(dir), "version": "1.0.0", "lockfileVersion": 3, "requires": true, "packages": packages}
	writeJSON(filepath.Join(dir, "package-lock.json"), doc)
	return len(pkgs)
}

func (g *gen) yarnLock(dir string, n int) int {
	pkgs := g.pick("npm", n, "-")
	var b strings.Builder
	b.WriteString("# THIS IS AN AUTOGENERATED FILE. DO NOT EDIT THIS FILE DIRECTLY.\n# yarn lockfile v1\n\n")
	for _, p := range pkgs {
		fmt.Fprintf(&b, "\n%s@^%s:\n  version \"%s\"\n  resolved \"https://registry.yarnpkg.com/%s/-/%s-%s.tgz#%s\"\n  integrity %s\n",
			p.name, p.version, p.version, p.name, p.name, p.version, g.hex(40), g.integrity())
	}
	must(os.WriteFile(filepath.Join(dir, "yarn.lock"), []byte(b.String()), 0o644))
	writeJSON(filepath.Join(dir, "package.json"), map[string]any{"name": filepath.Base(dir), "version": "1.0.0"})
	return len(pkgs)
}

func (g *gen) pnpmLock(dir string, n int) int {
	pkgs := g.pick("npm", n, "-")
	var b strings.Builder
	b.WriteString("lockfileVersion: '9.0'\n\nsettings:\n  autoInstallPeers: true\n  excludeLinksFromLockfile: false\n\nimporters:\n\n  .:\n    dependencies:\n")
	for _, p := range pkgs[:len(pkgs)/5] {
		fmt.Fprintf(&b, "      %s:\n        specifier: ^%s\n        version: %s\n", p.name, p.version, p.version)
	}
	b.WriteString("\npackages:\n\n")
	for _, p := range pkgs {
		fmt.Fprintf(&b, "  %s@%s:\n    resolution: {integrity: %s}\n\n", p.name, p.version, g.integrity())
	}
	b.WriteString("snapshots:\n\n")
	for _, p := range pkgs {
		fmt.Fprintf(&b, "  %s@%s: {}\n\n", p.name, p.version)
	}
	must(os.WriteFile(filepath.Join(dir, "pnpm-lock.yaml"), []byte(b.String()), 0o644))
	return len(pkgs)
}

func (g *gen) requirements(dir string, n int) int {
	pkgs := g.pick("PyPI", n, "-")
	var b strings.Builder
	b.WriteString("# generated by pip-compile\n")
	for _, p := range pkgs {
		fmt.Fprintf(&b, "%s==%s \\\n    --hash=sha256:%s\n", p.name, p.version, g.hex(64))
	}
	must(os.WriteFile(filepath.Join(dir, "requirements.txt"), []byte(b.String()), 0o644))
	return len(pkgs)
}

func (g *gen) poetryLock(dir string, n int) int {
	pkgs := g.pick("PyPI", n, "-")
	var b strings.Builder
	b.WriteString("# This file is automatically @generated by Poetry 1.8.3 and should not be changed by hand.\n")
	for _, p := range pkgs {
		fmt.Fprintf(&b, "\n[[package]]\nname = %q\nversion = %q\ndescription = \"\"\noptional = false\npython-versions = \">=3.8\"\nfiles = [\n    {file = \"%s-%s-py3-none-any.whl\", hash = \"sha256:%s\"},\n]\n",
			p.name, p.version, strings.ReplaceAll(p.name, "-", "_"), p.version, g.hex(64))
	}
	fmt.Fprintf(&b, "\n[metadata]\nlock-version = \"2.0\"\npython-versions = \"^3.8\"\ncontent-hash = %q\n", g.hex(64))
	must(os.WriteFile(filepath.Join(dir, "poetry.lock"), []byte(b.String()), 0o644))
	must(os.WriteFile(filepath.Join(dir, "pyproject.toml"), []byte("[tool.poetry]\nname = \"svc\"\nversion = \"0.1.0\"\n"), 0o644))
	return len(pkgs)
}

func (g *gen) cargoLock(dir string, n int) int {
	pkgs := g.pick("crates.io", n, "_")
	var b strings.Builder
	b.WriteString("# This file is automatically @generated by Cargo.\n# It is not intended for manual editing.\nversion = 3\n")
	for _, p := range pkgs {
		fmt.Fprintf(&b, "\n[[package]]\nname = %q\nversion = %q\nsource = \"registry+https://github.com/rust-lang/crates.io-index\"\nchecksum = %q\n", p.name, p.version, g.hex(64))
	}
	must(os.WriteFile(filepath.Join(dir, "Cargo.lock"), []byte(b.String()), 0o644))
	return len(pkgs)
}

func (g *gen) goMod(dir string, n int) int {
	pkgs := g.pick("Go", n, "")
	var b strings.Builder
	fmt.Fprintf(&b, "module example.com/%s\n\ngo 1.21\n\nrequire (\n", filepath.Base(dir))
	count := 0
	for _, p := range pkgs {
		name := p.name
		if !strings.Contains(name, ".") {
			name = "github.com/example/" + name
		}
		if name == "stdlib" || name == "toolchain" {
			continue
		}
		fmt.Fprintf(&b, "\t%s %s\n", name, goVersion(name, p.version))
		count++
	}
	b.WriteString(")\n")
	must(os.WriteFile(filepath.Join(dir, "go.mod"), []byte(b.String()), 0o644))
	return count + 1 // + stdlib
}

// goVersion makes v a version go.mod accepts for module path: a major
// version of 2 or more needs a /vN path suffix, or +incompatible.
func goVersion(path, v string) string {
	v = "v" + strings.TrimPrefix(v, "v")
	major, _, _ := strings.Cut(strings.TrimPrefix(v, "v"), ".")
	if major == "0" || major == "1" || strings.HasSuffix(path, "/v"+major) || strings.HasPrefix(path, "gopkg.in/") {
		return v
	}
	if strings.Contains(v, "+incompatible") {
		return v
	}
	return v + "+incompatible"
}

func (g *gen) gemfileLock(dir string, n int) int {
	pkgs := g.pick("RubyGems", n, "-")
	var b strings.Builder
	b.WriteString("GEM\n  remote: https://rubygems.org/\n  specs:\n")
	for _, p := range pkgs {
		fmt.Fprintf(&b, "    %s (%s)\n", p.name, p.version)
	}
	b.WriteString("\nPLATFORMS\n  ruby\n\nDEPENDENCIES\n")
	for _, p := range pkgs[:len(pkgs)/4] {
		fmt.Fprintf(&b, "  %s\n", p.name)
	}
	b.WriteString("\nBUNDLED WITH\n   2.4.10\n")
	must(os.WriteFile(filepath.Join(dir, "Gemfile.lock"), []byte(b.String()), 0o644))
	return len(pkgs)
}

func (g *gen) composerLock(dir string, n int) int {
	pkgs := g.pick("Packagist", n, "-")
	var list []map[string]any
	for _, p := range pkgs {
		list = append(list, map[string]any{"name": "vendor" + fmt.Sprint(g.r.IntN(20)) + "/" + p.name, "version": "v" + p.version, "type": "library",
			"source": map[string]any{"type": "git", "url": "https://github.com/example/" + p.name + ".git", "reference": g.hex(40)}})
	}
	writeJSON(filepath.Join(dir, "composer.lock"), map[string]any{"_readme": []string{"This file locks the dependencies of your project to a known state"},
		"content-hash": g.hex(32), "packages": list, "packages-dev": []any{}})
	return len(pkgs)
}

func (g *gen) nugetLock(dir string, n int) int {
	pkgs := g.pick("NuGet", n, ".")
	deps := map[string]any{}
	for i, p := range pkgs {
		typ := "Transitive"
		if i%5 == 0 {
			typ = "Direct"
		}
		e := map[string]any{"type": typ, "resolved": p.version, "contentHash": g.integrity()[7:]}
		if typ == "Direct" {
			e["requested"] = "[" + p.version + ", )"
		}
		deps["Example."+p.name] = e
	}
	writeJSON(filepath.Join(dir, "packages.lock.json"), map[string]any{"version": 1, "dependencies": map[string]any{"net8.0": deps}})
	return len(pkgs)
}

func (g *gen) gradleLock(dir string, n int) int {
	pkgs := g.pick("Maven", n, "-")
	var b strings.Builder
	b.WriteString("# This is a Gradle generated file for dependency locking.\n# Manual edits can break the build and are not advised.\n# This file is expected to be part of source control.\n")
	for _, p := range pkgs {
		fmt.Fprintf(&b, "com.example.%s:%s:%s=compileClasspath,runtimeClasspath\n", words[g.r.IntN(len(words))], p.name, p.version)
	}
	b.WriteString("empty=annotationProcessor\n")
	must(os.WriteFile(filepath.Join(dir, "gradle.lockfile"), []byte(b.String()), 0o644))
	return len(pkgs)
}

// realPackages lists (name, an introduced-or-fixed version) pairs from an
// OSV zip, so generated lockfiles carry packages with real advisories.
func realPackages(zipPath string) []pkg {
	zr, err := zip.OpenReader(zipPath)
	if err != nil {
		log.Fatalf("genmonorepo: %v", err)
	}
	defer zr.Close()
	seen := map[string]bool{}
	var out []pkg
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			continue
		}
		var rec struct {
			Affected []struct {
				Package  struct{ Name string }
				Versions []string
				Ranges   []struct {
					Events []map[string]string
				}
			}
		}
		err = json.NewDecoder(rc).Decode(&rec)
		rc.Close()
		if err != nil {
			continue
		}
		for _, a := range rec.Affected {
			if seen[a.Package.Name] {
				continue
			}
			// Half the packages at a version the advisory lists as
			// affected, half at its fix, so scans find some but not all.
			if len(a.Versions) > 0 && len(out)%2 == 0 {
				seen[a.Package.Name] = true
				out = append(out, pkg{a.Package.Name, a.Versions[len(a.Versions)/2]})
				continue
			}
			for _, rg := range a.Ranges {
				for _, ev := range rg.Events {
					if v := ev["fixed"]; v != "" && v != "0" && !seen[a.Package.Name] {
						seen[a.Package.Name] = true
						out = append(out, pkg{a.Package.Name, v})
					}
				}
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].name < out[j].name })
	return out
}

func writeJSON(path string, v any) {
	b, err := json.MarshalIndent(v, "", "  ")
	must(err)
	must(os.WriteFile(path, append(b, '\n'), 0o644))
}

func must(err error) {
	if err != nil {
		log.Fatal(err)
	}
}
