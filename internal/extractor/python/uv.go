package python

import (
	"context"
	"io/fs"
	"strings"

	"github.com/vouch-dev/vouch/internal/extractor"
	"github.com/vouch-dev/vouch/internal/vouch"
)

// uvLock reads uv.lock. The project and its workspace members (editable
// or virtual sources) are not packages; what they depend on is direct,
// and scopes follow from what reaches each package: the members' own
// dependencies (runtime), their extras (optional) or their dev groups
// (dev).
type uvLock struct{}

func (uvLock) Name() string { return "python/uv-lock" }

func (uvLock) Match(p string, mode fs.FileMode) bool {
	return !mode.IsDir() && (p == "uv.lock" || strings.HasSuffix(p, "/uv.lock"))
}

type uvFile struct {
	Version int         `toml:"version"`
	Package []uvPackage `toml:"package"`
}

type uvPackage struct {
	Name    string `toml:"name"`
	Version string `toml:"version"`
	Source  struct {
		Registry  string `toml:"registry"`
		Git       string `toml:"git"`
		URL       string `toml:"url"`
		Path      string `toml:"path"`
		Directory string `toml:"directory"`
		Editable  string `toml:"editable"`
		Virtual   string `toml:"virtual"`
	} `toml:"source"`
	Dependencies         []uvDep            `toml:"dependencies"`
	OptionalDependencies map[string][]uvDep `toml:"optional-dependencies"`
	DevDependencies      map[string][]uvDep `toml:"dev-dependencies"`
	Sdist                *struct {
		Hash string `toml:"hash"`
	} `toml:"sdist"`
	Wheels []struct {
		Hash string `toml:"hash"`
	} `toml:"wheels"`
}

type uvDep struct {
	Name    string   `toml:"name"`
	Version string   `toml:"version"`
	Extra   []string `toml:"extra"`
}

func (uvLock) Extract(ctx context.Context, f *extractor.File) ([]vouch.Package, error) {
	data, err := readAll(ctx, f)
	if err != nil {
		return nil, err
	}
	var lock uvFile
	if err := decodeTOML(data, &lock); err != nil {
		return nil, err
	}
	lines := tableLines(data, "package")
	g := uvGraph{lock: &lock, byName: map[string][]int{}}
	for i := range lock.Package {
		n := vouch.NormalizePyPIName(lock.Package[i].Name)
		g.byName[n] = append(g.byName[n], i)
	}
	// Edges, with the extras each dependency asks for.
	g.edges = make([][]int, len(lock.Package))
	extras := make([]map[string]bool, len(lock.Package))
	for i := range lock.Package {
		for _, d := range lock.Package[i].Dependencies {
			if j := g.resolve(d); j >= 0 {
				g.edges[i] = append(g.edges[i], j)
				for _, e := range d.Extra {
					if extras[j] == nil {
						extras[j] = map[string]bool{}
					}
					extras[j][e] = true
				}
			}
		}
	}
	for j := range lock.Package {
		for e := range extras[j] {
			for _, d := range lock.Package[j].OptionalDependencies[e] {
				if k := g.resolve(d); k >= 0 {
					g.edges[j] = append(g.edges[j], k)
				}
			}
		}
	}
	// Roots: what the project and workspace members depend on.
	var runtime, optional, dev []int
	members := make([]bool, len(lock.Package))
	for i := range lock.Package {
		pp := &lock.Package[i]
		if pp.Source.Editable == "" && pp.Source.Virtual == "" {
			continue
		}
		members[i] = true
		runtime = append(runtime, g.edges[i]...)
		for _, list := range pp.OptionalDependencies {
			optional = append(optional, g.resolveAll(list)...)
		}
		for _, list := range pp.DevDependencies {
			dev = append(dev, g.resolveAll(list)...)
		}
	}
	scopes, reached := g.classify(runtime, optional, dev)
	direct := map[int]bool{}
	for _, list := range [...][]int{runtime, optional, dev} {
		for _, j := range list {
			direct[j] = true
		}
	}
	anyMember := len(runtime)+len(optional)+len(dev) > 0
	pkgs := make([]vouch.Package, 0, len(lock.Package))
	index := make([]int, len(lock.Package))
	for i := range lock.Package {
		index[i] = -1
		pp := &lock.Package[i]
		if members[i] || !validDistName(pp.Name) || pp.Version == "" {
			continue
		}
		p := newPackage(f, pp.Name, pp.Version, lineAt(lines, i))
		if reached[i] {
			p.Scope = scopes[i]
		}
		if anyMember {
			p.Relationship = vouch.RelationshipIndirect
			if direct[i] {
				p.Relationship = vouch.RelationshipDirect
			}
		}
		if pp.Sdist != nil {
			p.Hashes = addHash(p.Hashes, pp.Sdist.Hash)
		}
		for _, w := range pp.Wheels {
			p.Hashes = addHash(p.Hashes, w.Hash)
		}
		switch s := &pp.Source; {
		case s.Git != "":
			setMeta(&p, "python.source", "git")
			p.Commit = gitCommit(s.Git)
		case s.URL != "":
			setMeta(&p, "python.source", "url")
		case s.Path != "":
			setMeta(&p, "python.source", "path")
		case s.Directory != "":
			setMeta(&p, "python.source", "directory")
		}
		index[i] = len(pkgs)
		pkgs = append(pkgs, p)
	}
	for i, edges := range g.edges {
		if index[i] < 0 {
			continue
		}
		p := &pkgs[index[i]]
		for _, j := range edges {
			if index[j] >= 0 && j != i && !contains(p.DependsOn, pkgs[index[j]].PURL) {
				p.DependsOn = append(p.DependsOn, pkgs[index[j]].PURL)
			}
		}
	}
	return merge(pkgs), nil
}

type uvGraph struct {
	lock   *uvFile
	byName map[string][]int
	edges  [][]int
}

// resolve finds the locked package a dependency names: by name, and by
// version too when several versions of the name are locked.
func (g *uvGraph) resolve(d uvDep) int {
	cands := g.byName[vouch.NormalizePyPIName(d.Name)]
	if len(cands) == 1 || (len(cands) > 1 && d.Version == "") {
		return cands[0]
	}
	for _, j := range cands {
		if g.lock.Package[j].Version == d.Version {
			return j
		}
	}
	return -1
}

func (g *uvGraph) resolveAll(list []uvDep) []int {
	var out []int
	for _, d := range list {
		if j := g.resolve(d); j >= 0 {
			out = append(out, j)
		}
	}
	return out
}

// classify gives every package reachable from the roots its scope:
// runtime if a runtime root reaches it, else optional, else dev.
func (g *uvGraph) classify(runtime, optional, dev []int) ([]vouch.Scope, []bool) {
	scopes := make([]vouch.Scope, len(g.edges))
	reached := make([]bool, len(g.edges))
	var stack []int
	for _, pass := range [...]struct {
		roots []int
		scope vouch.Scope
	}{{runtime, vouch.ScopeRuntime}, {optional, vouch.ScopeOptional}, {dev, vouch.ScopeDev}} {
		stack = append(stack[:0], pass.roots...)
		for len(stack) > 0 {
			i := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if reached[i] {
				continue
			}
			reached[i] = true
			scopes[i] = pass.scope
			stack = append(stack, g.edges[i]...)
		}
	}
	return scopes, reached
}
