// Package rust reads Rust crates out of Cargo.lock files.
//
// Extractors returns one extractor, "rust/cargo-lock", for Cargo.lock
// versions 1 to 4. Every [[package]] with a registry or git source is a
// package in the crates.io ecosystem, at the line of its [[package]]
// header, with its checksum (a SHA-256 of the .crate file) as a hash and
// its dependencies, resolved to the exact locked versions, as DependsOn.
// Crates from another registry or from git keep their source in
// Metadata["cargo.source"]; git crates carry the locked commit as Commit.
//
// Packages without a source are the project itself: workspace members and
// path dependencies. They are the roots that decide Relationship (a crate
// a local package depends on is direct, every other crate indirect), and
// they are reported too, marked Metadata["cargo.local"]="true": a
// workspace member is often also published under its name (ripgrep's
// grep-cli), and an advisory against that crate is about the code that
// ships. A local crate that merely shares a published crate's name can be
// accepted in .vouchignore.yaml; missing a real advisory cannot be undone.
package rust

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"sort"
	"strings"

	"github.com/vouch-dev/vouch/internal/extractor"
	"github.com/vouch-dev/vouch/internal/purl"
	"github.com/vouch-dev/vouch/internal/vouch"
)

// Extractors returns the Rust extractors.
func Extractors() []extractor.Extractor {
	return []extractor.Extractor{cargoLock{}}
}

// Sources that are crates.io itself, through its git and sparse indexes.
var cratesIO = map[string]bool{
	"registry+https://github.com/rust-lang/crates.io-index": true,
	"sparse+https://index.crates.io/":                       true,
}

const (
	metaSource = "cargo.source"
	metaLocal  = "cargo.local"
)

type cargoLock struct{}

func (cargoLock) Name() string { return "rust/cargo-lock" }

func (cargoLock) Match(p string, _ fs.FileMode) bool {
	return p == "Cargo.lock" || strings.HasSuffix(p, "/Cargo.lock")
}

func (cargoLock) Extract(ctx context.Context, f *extractor.File) ([]vouch.Package, error) {
	src, err := readAll(f)
	if err != nil {
		return nil, fmt.Errorf("read Cargo.lock: %w", err)
	}
	lock, err := parseLock(src)
	if err != nil {
		return nil, fmt.Errorf("parse Cargo.lock: %w", err)
	}
	return lock.packages(f.Path, f.Layer), nil
}

// crate is one [[package]] entry.
type crate struct {
	name, version, source, checksum string
	deps                            []string
	line                            int
}

func (c *crate) local() bool { return c.source == "" }

type lockFile struct {
	version int
	crates  []crate
	// v1 keeps checksums in [metadata] as "checksum NAME VERSION (SOURCE)".
	metaChecksums map[string]string
}

// parseLock reads a Cargo.lock of any version.
func parseLock(src []byte) (*lockFile, error) {
	s := &tomlScanner{src: src, line: 1}
	lock := &lockFile{}
	const (
		inTop = iota
		inPackage
		inMetadata
		inOther
	)
	table := inTop
	for {
		s.skipSpace(true)
		if s.pos >= len(s.src) {
			break
		}
		if s.src[s.pos] == '[' {
			line := s.line
			s.pos++
			array := s.pos < len(s.src) && s.src[s.pos] == '['
			if array {
				s.pos++
			}
			name, err := s.key()
			if err != nil {
				return nil, err
			}
			closing := "]"
			if array {
				closing = "]]"
			}
			s.skipSpace(false)
			if !bytes.HasPrefix(s.src[s.pos:], []byte(closing)) {
				return nil, s.errorf("table header [%s not closed with %s", name, closing)
			}
			s.pos += len(closing)
			if err := s.endOfLine(); err != nil {
				return nil, err
			}
			switch {
			case array && name == "package", !array && name == "root":
				lock.crates = append(lock.crates, crate{line: line})
				table = inPackage
			case !array && name == "metadata":
				table = inMetadata
			default:
				table = inOther
			}
			continue
		}
		k, err := s.key()
		if err != nil {
			return nil, err
		}
		s.skipSpace(false)
		if s.pos >= len(s.src) || s.src[s.pos] != '=' {
			return nil, s.errorf("'=' expected after key %q", k)
		}
		s.pos++
		v, err := s.value(0)
		if err != nil {
			return nil, err
		}
		if err := s.endOfLine(); err != nil {
			return nil, err
		}
		switch table {
		case inTop:
			if k == "version" {
				fmt.Sscan(v.rawText, &lock.version)
			}
		case inPackage:
			c := &lock.crates[len(lock.crates)-1]
			switch k {
			case "name":
				c.name = v.str
			case "version":
				c.version = v.str
			case "source":
				c.source = v.str
			case "checksum":
				c.checksum = v.str
			case "dependencies":
				c.deps = v.list
			}
		case inMetadata:
			if strings.HasPrefix(k, "checksum ") && v.isStr {
				if lock.metaChecksums == nil {
					lock.metaChecksums = make(map[string]string)
				}
				lock.metaChecksums[strings.TrimPrefix(k, "checksum ")] = v.str
			}
		}
	}
	for i := range lock.crates {
		c := &lock.crates[i]
		if c.name == "" {
			return nil, &syntaxError{line: c.line, msg: "package has no name"}
		}
		if c.version == "" {
			return nil, &syntaxError{line: c.line, msg: fmt.Sprintf("package %s has no version", c.name)}
		}
	}
	return lock, nil
}

// packages turns the lock into vouch packages, resolving dependencies.
func (l *lockFile) packages(path, layer string) []vouch.Package {
	byName := make(map[string][]int, len(l.crates))
	for i := range l.crates {
		byName[l.crates[i].name] = append(byName[l.crates[i].name], i)
	}
	purls := make([]string, len(l.crates))
	for i := range l.crates {
		purls[i] = purl.For(vouch.EcosystemCrates, l.crates[i].name, l.crates[i].version, nil)
	}
	// Resolve every dependency entry once; direct marks what local
	// packages depend on.
	resolved := make([][]int, len(l.crates))
	direct := make([]bool, len(l.crates))
	hasLocal := false
	for i := range l.crates {
		c := &l.crates[i]
		for _, d := range c.deps {
			j := resolveDep(l.crates, byName, d)
			if j < 0 {
				continue
			}
			resolved[i] = append(resolved[i], j)
			if c.local() {
				direct[j] = true
			}
		}
		if c.local() {
			hasLocal = true
		}
	}
	pkgs := make([]vouch.Package, 0, len(l.crates))
	for i := range l.crates {
		c := &l.crates[i]
		p := vouch.Package{
			Ecosystem: vouch.EcosystemCrates,
			Name:      c.name,
			Version:   c.version,
			PURL:      purls[i],
			Locations: []vouch.Location{{Path: path, Line: c.line, Layer: layer}},
		}
		switch {
		case c.local():
			p.Metadata = map[string]string{metaLocal: "true"}
		case hasLocal:
			p.Relationship = vouch.RelationshipIndirect
			if direct[i] {
				p.Relationship = vouch.RelationshipDirect
			}
		}
		sum := c.checksum
		if sum == "" && l.metaChecksums != nil {
			sum = l.metaChecksums[c.name+" "+c.version+" ("+c.source+")"]
		}
		if isSHA256Hex(sum) {
			p.Hashes = []vouch.Hash{{Algorithm: "SHA-256", Value: strings.ToLower(sum)}}
		}
		if !c.local() && !cratesIO[c.source] {
			p.Metadata = map[string]string{metaSource: c.source}
			if rest, ok := strings.CutPrefix(c.source, "git+"); ok {
				if _, commit, ok := strings.Cut(rest, "#"); ok {
					p.Commit = commit
				}
			}
		}
		if len(resolved[i]) > 0 {
			p.DependsOn = make([]string, 0, len(resolved[i]))
		}
		for _, j := range resolved[i] {
			p.DependsOn = append(p.DependsOn, purls[j])
		}
		if len(p.DependsOn) > 1 {
			sort.Strings(p.DependsOn)
		}
		pkgs = append(pkgs, p)
	}
	return pkgs
}

func isSHA256Hex(s string) bool {
	if len(s) != 64 {
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

// readAll reads the whole file, sized by f.Size when it is known.
func readAll(f *extractor.File) ([]byte, error) {
	n := f.Size
	if n <= 0 || n > extractor.MaxFileSize {
		n = 0
	}
	buf := bytes.NewBuffer(make([]byte, 0, n+bytes.MinRead))
	_, err := buf.ReadFrom(f.Reader)
	return buf.Bytes(), err
}

// resolveDep finds the crate a dependency entry names: "name" when only
// one version is locked, "name version", or "name version (source)". It
// returns -1 when the entry names nothing in the lock.
func resolveDep(crates []crate, byName map[string][]int, entry string) int {
	name, rest, _ := strings.Cut(strings.TrimSpace(entry), " ")
	version, source, _ := strings.Cut(rest, " ")
	source = strings.TrimSuffix(strings.TrimPrefix(source, "("), ")")
	cands := byName[name]
	if version == "" {
		if len(cands) == 1 {
			return cands[0]
		}
		return -1
	}
	found := -1
	for _, i := range cands {
		if crates[i].version != version || source != "" && crates[i].source != source {
			continue
		}
		if found >= 0 { // the same name and version from two sources, and no source named
			return -1
		}
		found = i
	}
	return found
}
