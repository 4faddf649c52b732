// Package php reads the packages a PHP project locks from Composer's
// lockfile, composer.lock.
//
// Every entry of "packages" (runtime) and "packages-dev" (ScopeDev)
// becomes a package of the Packagist ecosystem with its name
// ("vendor/package"), its version exactly as Composer wrote it (a leading
// "v" and branch versions such as "dev-main" included), a purl, the line of
// its "name" member, its licenses, the commit its source (or dist)
// reference pins, the dist's SHA-1 when Composer recorded one, and its
// "require" entries that are themselves locked as DependsOn. The lockfile
// does not say which packages the project asked for; the composer.json
// beside it, read through File.FS, does, and without it the relationship
// stays unknown.
package php

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/vouch-dev/vouch/internal/extractor"
	"github.com/vouch-dev/vouch/internal/extractor/jsonpos"
	"github.com/vouch-dev/vouch/internal/purl"
	"github.com/vouch-dev/vouch/internal/vouch"
)

// Extractors returns the PHP lockfile reader.
func Extractors() []extractor.Extractor {
	return []extractor.Extractor{composerLock{}}
}

// composerLock reads composer.lock.
type composerLock struct{}

func (composerLock) Name() string { return "php/composer-lock" }

func (composerLock) Match(p string, mode fs.FileMode) bool {
	return !mode.IsDir() && (p == "composer.lock" || strings.HasSuffix(p, "/composer.lock"))
}

type lockFile struct {
	Packages    []lockPackage `json:"packages"`
	PackagesDev []lockPackage `json:"packages-dev"`
}

type lockPackage struct {
	Name    string `json:"name"`
	Version string `json:"version"`
	Source  *struct {
		Type      string `json:"type"`
		Reference string `json:"reference"`
	} `json:"source"`
	Dist *struct {
		Type      string `json:"type"`
		Reference string `json:"reference"`
		Shasum    string `json:"shasum"`
	} `json:"dist"`
	Require map[string]string `json:"require"`
	License json.RawMessage   `json:"license"`
}

func (composerLock) Extract(ctx context.Context, f *extractor.File) ([]vouch.Package, error) {
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
	data := buf.Bytes()
	var lock *lockFile
	if err := json.Unmarshal(data, &lock); err != nil {
		return nil, jsonpos.Error(data, err)
	}
	if lock == nil {
		return nil, errors.New("not a composer.lock: the document is null")
	}
	// The line of each entry's "name", by section and position.
	lines := map[string][]int{}
	jsonpos.Keys(data, func(p []jsonpos.Frame, key string, line int) {
		if len(p) == 3 && key == "name" && p[1].IsArray {
			sec := p[1].Key
			for len(lines[sec]) <= p[2].Index {
				lines[sec] = append(lines[sec], 0)
			}
			lines[sec][p[2].Index] = line
		}
	})
	var pkgs []vouch.Package
	var requires [][]string
	for _, sec := range [...]struct {
		key   string
		list  []lockPackage
		scope vouch.Scope
	}{{"packages", lock.Packages, vouch.ScopeRuntime}, {"packages-dev", lock.PackagesDev, vouch.ScopeDev}} {
		for i := range sec.list {
			lp := &sec.list[i]
			if !validName(lp.Name) || lp.Version == "" {
				continue
			}
			line := 0
			if i < len(lines[sec.key]) {
				line = lines[sec.key][i]
			}
			p := vouch.Package{
				Ecosystem: vouch.EcosystemPackagist,
				Name:      lp.Name,
				Version:   lp.Version,
				PURL:      purl.For(vouch.EcosystemPackagist, lp.Name, lp.Version, nil),
				Scope:     sec.scope,
				Licenses:  licenses(lp.License),
				Locations: []vouch.Location{{Path: f.Path, Line: line, Layer: f.Layer}},
			}
			switch {
			case lp.Source != nil && isHex(lp.Source.Reference):
				p.Commit = strings.ToLower(lp.Source.Reference)
			case lp.Dist != nil && isHex(lp.Dist.Reference):
				p.Commit = strings.ToLower(lp.Dist.Reference)
			}
			if lp.Dist != nil && len(lp.Dist.Shasum) == 40 && isHex(lp.Dist.Shasum) {
				p.Hashes = []vouch.Hash{{Algorithm: "SHA-1", Value: strings.ToLower(lp.Dist.Shasum)}}
			}
			if lp.Dist != nil && lp.Dist.Type == "path" {
				p.Metadata = map[string]string{"php.source": "path"}
			}
			var req []string
			for name := range lp.Require {
				req = append(req, strings.ToLower(name))
			}
			pkgs = append(pkgs, p)
			requires = append(requires, req)
		}
	}
	byName := make(map[string][]int, len(pkgs))
	for i := range pkgs {
		n := strings.ToLower(pkgs[i].Name)
		byName[n] = append(byName[n], i)
	}
	for i := range pkgs {
		for _, r := range requires[i] {
			for _, j := range byName[r] {
				if pkgs[j].PURL != pkgs[i].PURL && !slices.Contains(pkgs[i].DependsOn, pkgs[j].PURL) {
					pkgs[i].DependsOn = append(pkgs[i].DependsOn, pkgs[j].PURL)
				}
			}
		}
		slices.Sort(pkgs[i].DependsOn)
	}
	if direct := manifestDeps(f.FS, f.Path); direct != nil {
		for i := range pkgs {
			pkgs[i].Relationship = vouch.RelationshipIndirect
			if direct[strings.ToLower(pkgs[i].Name)] {
				pkgs[i].Relationship = vouch.RelationshipDirect
			}
		}
	}
	slices.SortStableFunc(pkgs, func(a, b vouch.Package) int {
		if c := strings.Compare(a.Name, b.Name); c != 0 {
			return c
		}
		return strings.Compare(a.Version, b.Version)
	})
	return pkgs, nil
}

// validName reports whether s is a Composer package name, "vendor/name".
func validName(s string) bool {
	i := strings.IndexByte(s, '/')
	if i <= 0 || i == len(s)-1 || strings.Count(s, "/") != 1 || len(s) > 255 {
		return false
	}
	for j := 0; j < len(s); j++ {
		if c := s[j]; c <= ' ' || c >= 0x7f {
			return false
		}
	}
	return true
}

// licenses reads "license", a list of SPDX identifiers (Composer also
// accepts a single string).
func licenses(raw json.RawMessage) []string {
	if len(raw) == 0 {
		return nil
	}
	var list []string
	if json.Unmarshal(raw, &list) != nil {
		var one string
		if json.Unmarshal(raw, &one) != nil || one == "" {
			return nil
		}
		list = []string{one}
	}
	out := list[:0]
	for _, l := range list {
		if l != "" {
			out = append(out, l)
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// manifestDeps reads the package names the composer.json beside the
// lockfile requires (require and require-dev), lower-cased. It returns
// nil when there is none or it cannot be read.
func manifestDeps(fsys fs.FS, lockPath string) map[string]bool {
	if fsys == nil {
		return nil
	}
	name := path.Join(path.Dir(lockPath), "composer.json")
	if !fs.ValidPath(name) {
		return nil
	}
	if lfs, ok := fsys.(fs.ReadLinkFS); ok {
		if info, err := lfs.Lstat(name); err != nil || !info.Mode().IsRegular() {
			return nil
		}
	}
	fh, err := fsys.Open(name)
	if err != nil {
		return nil
	}
	defer fh.Close()
	data, err := io.ReadAll(io.LimitReader(fh, 16<<20))
	if err != nil {
		return nil
	}
	var m struct {
		Require    map[string]string `json:"require"`
		RequireDev map[string]string `json:"require-dev"`
	}
	if json.Unmarshal(data, &m) != nil {
		return nil
	}
	out := map[string]bool{}
	for _, deps := range [...]map[string]string{m.Require, m.RequireDev} {
		for n := range deps {
			out[strings.ToLower(n)] = true
		}
	}
	return out
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
