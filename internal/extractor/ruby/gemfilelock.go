// Package ruby reads the gems a Ruby project locks from Bundler's
// lockfile, Gemfile.lock (or gems.locked).
//
// Every gem of the GEM, GIT and PATH sections becomes a package of the
// RubyGems ecosystem with its exact version, a purl and the line of its
// spec. A platform-specific gem ("nokogiri (1.16.2-x86_64-linux)") keeps
// the platform out of its version: it goes into Metadata["ruby.platform"]
// and the purl's platform qualifier, so that the variants for several
// platforms stay distinct packages. Gems the DEPENDENCIES section names are
// direct, the rest indirect; the dependency lines below each spec become
// DependsOn; a GIT gem carries its revision as Commit; the CHECKSUMS
// section of Bundler 2.5 and later gives SHA-256 hashes. A gem from a GIT
// or PATH source says so in Metadata["ruby.source"].
//
// The lockfile is read with a line scanner: sections at column 0, their
// fields at two spaces, specs at four, a spec's dependencies at six.
package ruby

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"io/fs"
	"slices"
	"strings"

	"github.com/vouch-dev/vouch/internal/extractor"
	"github.com/vouch-dev/vouch/internal/purl"
	"github.com/vouch-dev/vouch/internal/vouch"
)

// Extractors returns the Ruby lockfile reader.
func Extractors() []extractor.Extractor {
	return []extractor.Extractor{gemfileLock{}}
}

// gemfileLock reads Bundler lockfiles.
type gemfileLock struct{}

func (gemfileLock) Name() string { return "ruby/gemfile-lock" }

func (gemfileLock) Match(p string, mode fs.FileMode) bool {
	if mode.IsDir() {
		return false
	}
	base := p[strings.LastIndexByte(p, '/')+1:]
	return base == "Gemfile.lock" || base == "gems.locked"
}

// spec is one locked gem.
type spec struct {
	name, version, platform string
	line                    int
	source                  string // "", "git" or "path"
	commit                  string
	deps                    []string
}

type lockfile struct {
	specs     []spec
	direct    map[string]bool // nil when there is no DEPENDENCIES section
	checksums map[string]string
}

func (gemfileLock) Extract(ctx context.Context, f *extractor.File) ([]vouch.Package, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if f.Size > 0 && f.Size < extractor.MaxFileSize {
		buf.Grow(int(f.Size) + bytes.MinRead)
	}
	if _, err := buf.ReadFrom(io.LimitReader(f.Reader, extractor.MaxFileSize)); err != nil {
		return nil, err
	}
	lf, err := parse(buf.Bytes())
	if err != nil {
		return nil, err
	}
	return lf.packages(f), nil
}

// parse reads the lockfile's sections.
func parse(data []byte) (*lockfile, error) {
	lf := &lockfile{checksums: map[string]string{}}
	var section string  // the current section header
	var source string   // for GEM, GIT, PATH: the source kind
	var revision string // for GIT
	inSpecs := false
	var cur *spec
	n := 0
	for rest := data; len(rest) > 0; {
		var line []byte
		if i := bytes.IndexByte(rest, '\n'); i >= 0 {
			line, rest = rest[:i], rest[i+1:]
		} else {
			line, rest = rest, nil
		}
		n++
		line = bytes.TrimRight(line, " \r")
		if len(line) == 0 {
			continue
		}
		indent := 0
		for indent < len(line) && line[indent] == ' ' {
			indent++
		}
		body := string(line[indent:])
		if body[0] == '\t' {
			return nil, fmt.Errorf("line %d: tab in indentation", n)
		}
		if indent == 0 {
			section, inSpecs, cur, revision = body, false, nil, ""
			switch section {
			case "GEM", "PLUGIN SOURCE":
				source = ""
			case "GIT":
				source = "git"
			case "PATH":
				source = "path"
			case "DEPENDENCIES":
				if lf.direct == nil {
					lf.direct = map[string]bool{}
				}
			}
			continue
		}
		if section == "" {
			return nil, fmt.Errorf("line %d: %q is outside of any section", n, truncate(body))
		}
		switch section {
		case "GEM", "GIT", "PATH", "PLUGIN SOURCE":
			switch indent {
			case 2:
				inSpecs = body == "specs:"
				if v, ok := strings.CutPrefix(body, "revision: "); ok && section == "GIT" {
					revision = strings.TrimSpace(v)
				}
			case 4:
				if !inSpecs {
					return nil, fmt.Errorf("line %d: gem %q outside of specs:", n, truncate(body))
				}
				name, version, err := nameVersion(body)
				if err != nil {
					return nil, fmt.Errorf("line %d: %w", n, err)
				}
				if version == "" {
					return nil, fmt.Errorf("line %d: gem %q has no version", n, name)
				}
				if section == "PLUGIN SOURCE" {
					cur = nil // Bundler plugins are not the application's gems
					continue
				}
				v, platform := splitPlatform(version)
				lf.specs = append(lf.specs, spec{name: name, version: v, platform: platform, line: n, source: source, commit: revision})
				cur = &lf.specs[len(lf.specs)-1]
			case 6:
				if cur == nil {
					if section == "PLUGIN SOURCE" {
						continue
					}
					return nil, fmt.Errorf("line %d: dependency %q outside of a gem", n, truncate(body))
				}
				name, _, err := nameVersion(body)
				if err != nil {
					return nil, fmt.Errorf("line %d: %w", n, err)
				}
				cur.deps = append(cur.deps, name)
			default:
				return nil, fmt.Errorf("line %d: unexpected indentation of %d spaces", n, indent)
			}
		case "DEPENDENCIES":
			if indent != 2 {
				continue
			}
			name, _, err := nameVersion(strings.TrimSuffix(body, "!"))
			if err != nil {
				return nil, fmt.Errorf("line %d: %w", n, err)
			}
			lf.direct[strings.TrimSuffix(name, "!")] = true
		case "CHECKSUMS":
			if indent != 2 {
				continue
			}
			key, sums, _ := strings.Cut(body, ") ")
			for s := range strings.FieldsSeq(sums) {
				if hex, ok := strings.CutPrefix(s, "sha256="); ok {
					lf.checksums[key+")"] = hex
				}
			}
		}
	}
	return lf, nil
}

// nameVersion splits "name (version)" or "name (>= 1.0, < 2)"; the part in
// parentheses is optional.
func nameVersion(s string) (name, version string, err error) {
	name, rest, found := strings.Cut(s, " (")
	if !validName(name) {
		return "", "", fmt.Errorf("invalid gem name in %q", truncate(s))
	}
	if !found {
		if strings.ContainsAny(name, " ()") {
			return "", "", fmt.Errorf("invalid gem line %q", truncate(s))
		}
		return name, "", nil
	}
	if !strings.HasSuffix(rest, ")") {
		return "", "", fmt.Errorf("unclosed parenthesis in %q", truncate(s))
	}
	return name, strings.TrimSpace(rest[:len(rest)-1]), nil
}

// validName reports whether s can be a gem name: no spaces or brackets,
// not empty.
func validName(s string) bool {
	if s == "" || len(s) > 200 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; c <= ' ' || c == '(' || c == ')' || c == ',' || c >= 0x7f {
			return false
		}
	}
	return true
}

// splitPlatform separates a platform suffix from a locked version:
// "1.16.2-x86_64-linux" is version 1.16.2 for x86_64-linux, "1.13.10-java"
// for java. A pre-release written with a dash ("1.0.0-rc1") is not a
// platform.
func splitPlatform(v string) (version, platform string) {
	i := strings.IndexByte(v, '-')
	if i <= 0 {
		return v, ""
	}
	suffix := v[i+1:]
	if isPlatform(suffix) {
		return v[:i], suffix
	}
	return v, ""
}

func isPlatform(s string) bool {
	switch s {
	case "java", "jruby", "ruby", "mswin32", "mswin64", "mingw32", "x64-mingw32", "x64-mingw-ucrt", "universal-java":
		return true
	}
	cpu, _, ok := strings.Cut(s, "-")
	if !ok {
		return false
	}
	switch {
	case cpu == "x86_64", cpu == "x86", cpu == "x64", cpu == "i386", cpu == "i486", cpu == "i586", cpu == "i686",
		cpu == "arm64", cpu == "aarch64", cpu == "arm", cpu == "armv7", cpu == "universal",
		cpu == "powerpc", cpu == "powerpc64le", cpu == "ppc64le", cpu == "s390x", cpu == "riscv64",
		strings.HasPrefix(cpu, "arm"):
		return true
	}
	return false
}

// packages turns the specs into packages with edges, relationships and
// checksums.
func (lf *lockfile) packages(f *extractor.File) []vouch.Package {
	pkgs := make([]vouch.Package, 0, len(lf.specs))
	byName := make(map[string][]int, len(lf.specs))
	for _, s := range lf.specs {
		var quals map[string]string
		if s.platform != "" {
			quals = map[string]string{"platform": s.platform}
		}
		p := vouch.Package{
			Ecosystem: vouch.EcosystemRubyGems,
			Name:      s.name,
			Version:   s.version,
			PURL:      purl.For(vouch.EcosystemRubyGems, s.name, s.version, quals),
			Locations: []vouch.Location{{Path: f.Path, Line: s.line, Layer: f.Layer}},
		}
		if s.source == "git" && isHex(s.commit) {
			p.Commit = strings.ToLower(s.commit)
		}
		if s.platform != "" || s.source != "" {
			p.Metadata = map[string]string{}
			if s.platform != "" {
				p.Metadata["ruby.platform"] = s.platform
			}
			if s.source != "" {
				p.Metadata["ruby.source"] = s.source
			}
		}
		key := s.name + " (" + s.version
		if s.platform != "" {
			key += "-" + s.platform
		}
		if sum, ok := lf.checksums[key+")"]; ok && len(sum) == 64 && isHex(sum) {
			p.Hashes = []vouch.Hash{{Algorithm: "SHA-256", Value: strings.ToLower(sum)}}
		}
		if lf.direct != nil {
			p.Relationship = vouch.RelationshipIndirect
			if lf.direct[s.name] {
				p.Relationship = vouch.RelationshipDirect
			}
		}
		byName[s.name] = append(byName[s.name], len(pkgs))
		pkgs = append(pkgs, p)
	}
	for i, s := range lf.specs {
		for _, d := range s.deps {
			for _, j := range byName[d] {
				if j != i && !slices.Contains(pkgs[i].DependsOn, pkgs[j].PURL) {
					pkgs[i].DependsOn = append(pkgs[i].DependsOn, pkgs[j].PURL)
				}
			}
		}
		slices.Sort(pkgs[i].DependsOn)
	}
	slices.SortStableFunc(pkgs, func(a, b vouch.Package) int {
		if c := strings.Compare(a.Name, b.Name); c != 0 {
			return c
		}
		if c := strings.Compare(a.Version, b.Version); c != 0 {
			return c
		}
		return strings.Compare(a.PURL, b.PURL)
	})
	return pkgs
}

func isHex(s string) bool {
	if len(s) < 7 || len(s) > 64 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
			return false
		}
	}
	return true
}

func truncate(s string) string {
	if len(s) > 80 {
		return s[:80] + "…"
	}
	return s
}
