package python

import (
	"context"
	"io/fs"
	"slices"
	"strings"

	"github.com/vouch-dev/vouch/internal/extractor"
	"github.com/vouch-dev/vouch/internal/vouch"
)

// poetryLock reads poetry.lock, lock versions 1.1 (Poetry 1.0 and 1.1:
// categories, hashes under [metadata.files]), 2.0 (Poetry 1.2 to 1.8) and
// 2.1 (Poetry 2: groups and markers per package).
type poetryLock struct{}

func (poetryLock) Name() string { return "python/poetry-lock" }

func (poetryLock) Match(p string, mode fs.FileMode) bool {
	return !mode.IsDir() && (p == "poetry.lock" || strings.HasSuffix(p, "/poetry.lock"))
}

type poetryFile struct {
	Package  []poetryPackage `toml:"package"`
	Metadata struct {
		LockVersion string                      `toml:"lock-version"`
		Files       map[string][]poetryFileHash `toml:"files"`
	} `toml:"metadata"`
}

type poetryPackage struct {
	Name         string           `toml:"name"`
	Version      string           `toml:"version"`
	Category     string           `toml:"category"`
	Optional     bool             `toml:"optional"`
	Groups       []string         `toml:"groups"`
	Markers      any              `toml:"markers"`
	Files        []poetryFileHash `toml:"files"`
	Dependencies map[string]any   `toml:"dependencies"`
	Source       struct {
		Type              string `toml:"type"`
		URL               string `toml:"url"`
		Reference         string `toml:"reference"`
		ResolvedReference string `toml:"resolved_reference"`
	} `toml:"source"`
}

type poetryFileHash struct {
	File string `toml:"file"`
	Hash string `toml:"hash"`
}

func (poetryLock) Extract(ctx context.Context, f *extractor.File) ([]vouch.Package, error) {
	data, err := readAll(ctx, f)
	if err != nil {
		return nil, err
	}
	var lock poetryFile
	if err := decodeTOML(data, &lock); err != nil {
		return nil, err
	}
	lines := tableLines(data, "package")
	legacyFiles := map[string][]poetryFileHash{}
	for name, files := range lock.Metadata.Files {
		legacyFiles[vouch.NormalizePyPIName(name)] = files
	}
	var pkgs []vouch.Package
	var deps [][]string
	for i := range lock.Package {
		pp := &lock.Package[i]
		if !validDistName(pp.Name) || pp.Version == "" {
			continue
		}
		p := newPackage(f, pp.Name, pp.Version, lineAt(lines, i))
		switch {
		case pp.Category == "dev":
			p.Scope = vouch.ScopeDev
		case len(pp.Groups) > 0 && !slices.Contains(pp.Groups, "main"):
			p.Scope = vouch.ScopeDev
		case pp.Optional:
			p.Scope = vouch.ScopeOptional
		}
		files := pp.Files
		if len(files) == 0 {
			files = legacyFiles[p.Name]
		}
		for _, fh := range files {
			p.Hashes = addHash(p.Hashes, fh.Hash)
		}
		switch pp.Source.Type {
		case "", "legacy":
			// A package index: the registry version is the version.
		case "git":
			setMeta(&p, "python.source", "git")
			p.Commit = strings.ToLower(pp.Source.ResolvedReference)
			if p.Commit == "" && isHex(pp.Source.Reference) {
				p.Commit = strings.ToLower(pp.Source.Reference)
			}
		default:
			setMeta(&p, "python.source", pp.Source.Type)
		}
		if m, ok := pp.Markers.(string); ok {
			setMeta(&p, "python.markers", m)
		}
		var names []string
		for name := range pp.Dependencies {
			names = append(names, vouch.NormalizePyPIName(name))
		}
		pkgs = append(pkgs, p)
		deps = append(deps, names)
	}
	linkByName(pkgs, deps)
	markDirect(pkgs, projectDeps(f.FS, f.Path))
	return merge(pkgs), nil
}

// linkByName sets each package's DependsOn from the names of its
// dependencies, pointing at every locked version of that name.
func linkByName(pkgs []vouch.Package, deps [][]string) {
	byName := make(map[string][]int, len(pkgs))
	for i := range pkgs {
		byName[pkgs[i].Name] = append(byName[pkgs[i].Name], i)
	}
	for i := range pkgs {
		for _, name := range deps[i] {
			for _, j := range byName[name] {
				if pkgs[j].PURL != pkgs[i].PURL && !contains(pkgs[i].DependsOn, pkgs[j].PURL) {
					pkgs[i].DependsOn = append(pkgs[i].DependsOn, pkgs[j].PURL)
				}
			}
		}
	}
}
