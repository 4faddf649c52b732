package python

import (
	"context"
	"io/fs"
	"slices"
	"strings"

	"github.com/vouch-dev/vouch/internal/extractor"
	"github.com/vouch-dev/vouch/internal/vouch"
)

// pdmLock reads pdm.lock. A package whose groups leave out "default" is
// only needed for development; lockfiles older than lock_version 4.4 carry
// no groups per package, and their scopes stay unknown.
type pdmLock struct{}

func (pdmLock) Name() string { return "python/pdm-lock" }

func (pdmLock) Match(p string, mode fs.FileMode) bool {
	return !mode.IsDir() && (p == "pdm.lock" || strings.HasSuffix(p, "/pdm.lock"))
}

type pdmFile struct {
	Metadata struct {
		LockVersion string `toml:"lock_version"`
	} `toml:"metadata"`
	Package []struct {
		Name         string   `toml:"name"`
		Version      string   `toml:"version"`
		Extras       []string `toml:"extras"`
		Groups       []string `toml:"groups"`
		Dependencies []string `toml:"dependencies"`
		Files        []struct {
			Hash string `toml:"hash"`
		} `toml:"files"`
		Git      string `toml:"git"`
		Revision string `toml:"revision"`
		Path     string `toml:"path"`
		URL      string `toml:"url"`
		Editable bool   `toml:"editable"`
	} `toml:"package"`
}

func (pdmLock) Extract(ctx context.Context, f *extractor.File) ([]vouch.Package, error) {
	data, err := readAll(ctx, f)
	if err != nil {
		return nil, err
	}
	var lock pdmFile
	if err := decodeTOML(data, &lock); err != nil {
		return nil, err
	}
	lines := tableLines(data, "package")
	var pkgs []vouch.Package
	var deps [][]string
	for i := range lock.Package {
		pp := &lock.Package[i]
		if !validDistName(pp.Name) || pp.Version == "" {
			continue
		}
		p := newPackage(f, pp.Name, pp.Version, lineAt(lines, i))
		if len(pp.Groups) > 0 && !slices.Contains(pp.Groups, "default") {
			p.Scope = vouch.ScopeDev
		}
		for _, fh := range pp.Files {
			p.Hashes = addHash(p.Hashes, fh.Hash)
		}
		switch {
		case pp.Git != "":
			setMeta(&p, "python.source", "git")
			if isHex(pp.Revision) {
				p.Commit = strings.ToLower(pp.Revision)
			}
		case pp.Path != "":
			setMeta(&p, "python.source", "path")
		case pp.URL != "":
			setMeta(&p, "python.source", "url")
		}
		// An entry with extras repeats a package to record what the
		// extras add; it is the same package.
		setMeta(&p, "python.extras", strings.Join(pp.Extras, ","))
		var names []string
		for _, d := range pp.Dependencies {
			if n := reqName(d); n != "" {
				names = append(names, n)
			}
		}
		pkgs = append(pkgs, p)
		deps = append(deps, names)
	}
	linkByName(pkgs, deps)
	markDirect(pkgs, projectDeps(f.FS, f.Path))
	return merge(pkgs), nil
}
