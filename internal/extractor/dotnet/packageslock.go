// Package dotnet reads NuGet packages out of .NET lock files.
//
// Extractors returns one extractor, "dotnet/packages-lock", for the
// packages.lock.json that NuGet writes when a project opts into lock files
// (RestorePackagesWithLockFile), in format versions 1 and 2. The file lists
// the resolved packages once per target framework and runtime
// ("net8.0", "net8.0/linux-x64"); each package is reported once, at the
// line of its first entry, with Metadata["nuget.frameworks"] listing the
// targets it appears in. "Direct" entries are direct dependencies;
// "Transitive" and "CentralTransitive" (central package management pins a
// transitive version) are indirect. "Project" entries are other projects
// of the same solution, not packages. The contentHash (base64 SHA-512 of
// the .nupkg) becomes a SHA-512 hash, and each entry's dependencies are
// resolved to the versions locked for the same target.
package dotnet

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"sort"
	"strings"

	"github.com/vouch-dev/vouch/internal/extractor"
	"github.com/vouch-dev/vouch/internal/purl"
	"github.com/vouch-dev/vouch/internal/vouch"
)

// Extractors returns the .NET extractors.
func Extractors() []extractor.Extractor {
	return []extractor.Extractor{packagesLock{}}
}

const metaFrameworks = "nuget.frameworks"

type packagesLock struct{}

func (packagesLock) Name() string { return "dotnet/packages-lock" }

func (packagesLock) Match(p string, _ fs.FileMode) bool {
	return p == "packages.lock.json" || strings.HasSuffix(p, "/packages.lock.json")
}

// entry is one package of one target in the lock file.
type entry struct {
	Type         string            `json:"type"`
	Requested    string            `json:"requested"`
	Resolved     string            `json:"resolved"`
	ContentHash  string            `json:"contentHash"`
	Dependencies map[string]string `json:"dependencies"`
	name         string
	line         int
}

// target is the packages locked for one framework (and runtime).
type target struct {
	name    string
	entries []entry
	byName  map[string]int // lower-case package id → index in entries
}

func (packagesLock) Extract(ctx context.Context, f *extractor.File) ([]vouch.Package, error) {
	src, err := readAll(f)
	if err != nil {
		return nil, fmt.Errorf("read packages.lock.json: %w", err)
	}
	targets, err := parseLock(src)
	if err != nil {
		return nil, fmt.Errorf("parse packages.lock.json: %w", err)
	}
	return packages(targets, f.Path, f.Layer), nil
}

// lineCounter turns increasing byte offsets into line numbers without
// rescanning the file.
type lineCounter struct {
	src        []byte
	off, lines int
}

func (c *lineCounter) line(off int64) int {
	o := int(min(off, int64(len(c.src))))
	if o < c.off { // offsets go backwards only for errors: count afresh
		c.off, c.lines = 0, 0
	}
	c.lines += bytes.Count(c.src[c.off:o], []byte{'\n'})
	c.off = o
	return c.lines + 1
}

func parseLock(src []byte) ([]target, error) {
	dec := json.NewDecoder(bytes.NewReader(src))
	lc := &lineCounter{src: src}
	// fail places a decoding error on its line. Errors from Decode carry
	// offsets relative to the value decoded, which starts at base.
	failAt := func(err error, base int64) error {
		var se *json.SyntaxError
		var te *json.UnmarshalTypeError
		switch {
		case errors.As(err, &se):
			return fmt.Errorf("line %d: %s", lc.line(se.Offset), se.Error())
		case errors.As(err, &te):
			return fmt.Errorf("line %d: %s", lc.line(base+te.Offset), te.Error())
		case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
			return fmt.Errorf("line %d: unexpected end of file", lc.line(int64(len(src))))
		}
		return err
	}
	fail := func(err error) error { return failAt(err, 0) }
	// decode reads the next value into v.
	decode := func(v any) error {
		base := dec.InputOffset()
		if err := dec.Decode(v); err != nil {
			return failAt(err, base)
		}
		return nil
	}
	// expect reads a delimiter token.
	expect := func(want json.Delim, what string) error {
		tok, err := dec.Token()
		if err != nil {
			return fail(err)
		}
		if d, ok := tok.(json.Delim); !ok || d != want {
			return fmt.Errorf("line %d: %s must be a JSON object", lc.line(dec.InputOffset()), what)
		}
		return nil
	}
	// key reads an object key, or reports the end of the object.
	key := func() (string, bool, error) {
		if !dec.More() {
			_, err := dec.Token() // the closing }
			return "", false, fail(err)
		}
		tok, err := dec.Token()
		if err != nil {
			return "", false, fail(err)
		}
		s, ok := tok.(string)
		if !ok {
			return "", false, fmt.Errorf("line %d: object key expected", lc.line(dec.InputOffset()))
		}
		return s, true, nil
	}

	if err := expect('{', "the lock file"); err != nil {
		return nil, err
	}
	var targets []target
	version := 0
	for {
		k, ok, err := key()
		if err != nil {
			return nil, err
		}
		if !ok {
			break
		}
		switch k {
		case "version":
			if err := decode(&version); err != nil {
				return nil, err
			}
		case "dependencies":
			if err := expect('{', `"dependencies"`); err != nil {
				return nil, err
			}
			for {
				tfm, ok, err := key()
				if err != nil {
					return nil, err
				}
				if !ok {
					break
				}
				t := target{name: tfm, byName: map[string]int{}}
				if err := expect('{', fmt.Sprintf("target %q", tfm)); err != nil {
					return nil, err
				}
				for {
					name, ok, err := key()
					if err != nil {
						return nil, err
					}
					if !ok {
						break
					}
					line := lc.line(dec.InputOffset())
					var e entry
					if err := decode(&e); err != nil {
						return nil, err
					}
					e.name, e.line = name, line
					if strings.TrimSpace(name) == "" {
						return nil, fmt.Errorf("line %d: package with an empty id in %s", line, tfm)
					}
					if e.Type != "Project" && e.Resolved == "" {
						return nil, fmt.Errorf("line %d: package %s in %s has no resolved version", line, name, tfm)
					}
					t.byName[strings.ToLower(name)] = len(t.entries)
					t.entries = append(t.entries, e)
				}
				targets = append(targets, t)
			}
		default:
			var skip json.RawMessage
			if err := decode(&skip); err != nil {
				return nil, err
			}
		}
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, fmt.Errorf("line %d: data after the lock file's closing brace", lc.line(dec.InputOffset()))
	}
	if version < 1 {
		return nil, errors.New("no lock file version: not a NuGet packages.lock.json")
	}
	return targets, nil
}

// packages folds the targets into one package per id and version.
func packages(targets []target, path, layer string) []vouch.Package {
	var pkgs []vouch.Package
	index := map[string]int{}
	frameworks := map[int][]string{}
	for ti := range targets {
		t := &targets[ti]
		for _, e := range t.entries {
			if e.Type == "Project" {
				continue
			}
			key := strings.ToLower(e.name) + "@" + e.Resolved
			i, seen := index[key]
			if !seen {
				i = len(pkgs)
				index[key] = i
				p := vouch.Package{
					Ecosystem:    vouch.EcosystemNuGet,
					Name:         e.name,
					Version:      e.Resolved,
					PURL:         purl.For(vouch.EcosystemNuGet, e.name, e.Resolved, nil),
					Relationship: vouch.RelationshipIndirect,
					Locations:    []vouch.Location{{Path: path, Line: e.line, Layer: layer}},
				}
				if h := sha512Hex(e.ContentHash); h != "" {
					p.Hashes = []vouch.Hash{{Algorithm: "SHA-512", Value: h}}
				}
				pkgs = append(pkgs, p)
			}
			p := &pkgs[i]
			if e.Type == "Direct" {
				p.Relationship = vouch.RelationshipDirect
			}
			frameworks[i] = append(frameworks[i], t.name)
			for dep := range e.Dependencies {
				j, ok := t.byName[strings.ToLower(dep)]
				if !ok || t.entries[j].Type == "Project" {
					continue
				}
				d := &t.entries[j]
				u := purl.For(vouch.EcosystemNuGet, d.name, d.Resolved, nil)
				if !contains(p.DependsOn, u) {
					p.DependsOn = append(p.DependsOn, u)
				}
			}
		}
	}
	for i := range pkgs {
		sort.Strings(pkgs[i].DependsOn)
		fw := frameworks[i]
		sort.Strings(fw)
		pkgs[i].Metadata = map[string]string{metaFrameworks: strings.Join(fw, ",")}
	}
	return pkgs
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// sha512Hex turns NuGet's base64 contentHash into hex, or "" when it is
// not a SHA-512.
func sha512Hex(b64 string) string {
	raw, err := base64.StdEncoding.DecodeString(b64)
	if err != nil || len(raw) != 64 {
		return ""
	}
	return hex.EncodeToString(raw)
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
