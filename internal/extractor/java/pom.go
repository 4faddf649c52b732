package java

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"path"
	"strings"

	"github.com/vouch-dev/vouch/internal/extractor"
	"github.com/vouch-dev/vouch/internal/purl"
	"github.com/vouch-dev/vouch/internal/vouch"
)

const (
	// maxParentDepth bounds how far up a parent chain is followed.
	maxParentDepth = 16
	// maxInterpolation bounds nested ${…} expansion.
	maxInterpolation = 16
	// maxParentPOM caps the size of a parent pom read from the tree.
	maxParentPOM = 16 << 20
)

type pomExtractor struct{}

func (pomExtractor) Name() string { return "java/pom" }

func (pomExtractor) Match(p string, _ fs.FileMode) bool {
	return p == "pom.xml" || strings.HasSuffix(p, "/pom.xml")
}

func (pomExtractor) Extract(ctx context.Context, f *extractor.File) ([]vouch.Package, error) {
	data, err := readAll(f)
	if err != nil {
		return nil, fmt.Errorf("read pom.xml: %w", err)
	}
	p, err := parsePOM(data)
	if err != nil {
		return nil, fmt.Errorf("parse pom.xml: %w", err)
	}
	chain := []*pom{p}
	if f.FS != nil {
		chain = append(chain, parents(ctx, f.FS, f.Path, p)...)
	}
	m := &model{chain: chain}
	pkgs := make([]vouch.Package, 0, len(p.deps))
	for i := range p.deps {
		if pkg, ok := m.pkg(&p.deps[i], f); ok {
			pkgs = append(pkgs, pkg)
		}
	}
	return pkgs, nil
}

// parents follows the parent chain of p, found at file, inside fsys.
// It stops at the first parent that is not in the tree, does not match
// the coordinates the child names, or was already visited.
func parents(ctx context.Context, fsys fs.FS, file string, p *pom) []*pom {
	var out []*pom
	seen := map[string]bool{path.Clean(file): true}
	for depth := 0; depth < maxParentDepth && p.parent != nil && ctx.Err() == nil; depth++ {
		ref := p.parent
		rel := ref.relativePath
		if !ref.hasRelativePath {
			rel = "../pom.xml"
		}
		if rel == "" {
			break // <relativePath/>: Maven goes straight to the repository
		}
		rel = strings.ReplaceAll(rel, "\\", "/")
		if !strings.HasSuffix(rel, ".xml") {
			rel = path.Join(rel, "pom.xml")
		}
		next := path.Join(path.Dir(file), rel)
		if next == ".." || strings.HasPrefix(next, "../") || path.IsAbs(next) || seen[next] {
			break
		}
		seen[next] = true
		pp, err := readPOM(fsys, next)
		if err != nil || !pp.is(ref) {
			break
		}
		out = append(out, pp)
		file, p = next, pp
	}
	return out
}

func readPOM(fsys fs.FS, name string) (*pom, error) {
	fh, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer fh.Close()
	data, err := io.ReadAll(io.LimitReader(fh, maxParentPOM+1))
	if err != nil {
		return nil, err
	}
	if len(data) > maxParentPOM {
		return nil, fmt.Errorf("%s is over %d bytes", name, maxParentPOM)
	}
	return parsePOM(data)
}

// is reports whether p is the parent ref names: the same groupId,
// artifactId and version, each inherited from p's own parent when p does
// not set it.
func (p *pom) is(ref *parentRef) bool {
	g, v := p.groupID, p.version
	if p.parent != nil {
		if g == "" {
			g = p.parent.groupID
		}
		if v == "" {
			v = p.parent.version
		}
	}
	if g != ref.groupID || p.artifactID != ref.artifactID {
		return false
	}
	if v == ref.version {
		return true
	}
	// A CI-friendly version (${revision}) written in both, or resolved in
	// the parent's own context.
	rv, ok := (&model{chain: []*pom{p}}).interpolate(v)
	return ok && rv == ref.version
}

// model is a pom with its parents, child first: what interpolation and
// dependency management read.
type model struct {
	chain []*pom
	mgmt  map[string]*dependency // dependencyManagement by g:a:type:classifier
}

// project answers the built-in ${project.…} properties.
func (m *model) project(name string) (string, bool) {
	p := m.chain[0]
	par := p.parent
	if par == nil {
		par = &parentRef{}
	}
	name = strings.TrimPrefix(strings.TrimPrefix(name, "project."), "pom.")
	switch name {
	case "version":
		if p.version != "" {
			return p.version, true
		}
		return par.version, par.version != ""
	case "groupId":
		if p.groupID != "" {
			return p.groupID, true
		}
		return par.groupID, par.groupID != ""
	case "artifactId":
		return p.artifactID, p.artifactID != ""
	case "parent.version":
		return par.version, par.version != ""
	case "parent.groupId":
		return par.groupID, par.groupID != ""
	case "parent.artifactId":
		return par.artifactID, par.artifactID != ""
	}
	return "", false
}

// property looks a name up: the built-in project properties, then the
// <properties> of the pom and its parents, nearest first.
func (m *model) property(name string) (string, bool) {
	for _, p := range m.chain {
		if v, ok := p.props[name]; ok {
			return v, true
		}
	}
	switch {
	case strings.HasPrefix(name, "project."), strings.HasPrefix(name, "pom."),
		name == "version", name == "groupId", name == "artifactId":
		return m.project(name)
	case strings.HasPrefix(name, "parent."):
		return m.project("project." + name)
	}
	return "", false
}

// interpolate expands ${…} references. It reports false when one cannot
// be resolved or the expansion does not settle.
func (m *model) interpolate(s string) (string, bool) {
	for i := 0; i < maxInterpolation; i++ {
		start := strings.Index(s, "${")
		if start < 0 {
			return s, true
		}
		end := strings.IndexByte(s[start:], '}')
		if end < 0 {
			return "", false
		}
		v, ok := m.property(s[start+2 : start+end])
		if !ok {
			return "", false
		}
		s = s[:start] + v + s[start+end+1:]
		if len(s) > 4096 {
			return "", false
		}
	}
	return "", false
}

// managed finds the version and scope dependencyManagement gives a
// dependency, nearest pom first, matching groupId, artifactId, type and
// classifier. The index is built on first use.
func (m *model) managed(g, a, typ, classifier string) (version, scope string) {
	if m.mgmt == nil {
		m.mgmt = map[string]*dependency{}
		for _, p := range m.chain {
			for i := range p.managed {
				d := &p.managed[i]
				if d.scope == "import" {
					continue // a BOM: its entries live outside the tree
				}
				dg, ok1 := m.interpolate(d.groupID)
				da, ok2 := m.interpolate(d.artifactID)
				dt, ok3 := m.interpolate(orDefault(d.typ, "jar"))
				dc, ok4 := m.interpolate(d.classifier)
				if !ok1 || !ok2 || !ok3 || !ok4 {
					continue
				}
				k := dg + ":" + da + ":" + dt + ":" + dc
				if _, ok := m.mgmt[k]; !ok {
					m.mgmt[k] = d
				}
			}
		}
	}
	if d := m.mgmt[g+":"+a+":"+typ+":"+classifier]; d != nil {
		return d.version, d.scope
	}
	return "", ""
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// pkg resolves one declared dependency to a package, or reports false
// when its coordinates or version cannot be known from the tree.
func (m *model) pkg(d *dependency, f *extractor.File) (vouch.Package, bool) {
	g, ok1 := m.interpolate(d.groupID)
	a, ok2 := m.interpolate(d.artifactID)
	typ, ok3 := m.interpolate(orDefault(d.typ, "jar"))
	cls, ok4 := m.interpolate(d.classifier)
	if !ok1 || !ok2 || !ok3 || !ok4 || g == "" || a == "" {
		return vouch.Package{}, false
	}
	version, scope := d.version, d.scope
	if version == "" || scope == "" {
		mv, ms := m.managed(g, a, typ, cls)
		if version == "" {
			version = mv
		}
		if scope == "" {
			scope = ms
		}
	}
	v, ok := m.interpolate(version)
	if !ok || v == "" || isRange(v) {
		return vouch.Package{}, false
	}
	scope, _ = m.interpolate(scope)
	optional, _ := m.interpolate(d.optional)
	name := g + ":" + a
	p := vouch.Package{
		Ecosystem:    vouch.EcosystemMaven,
		Name:         name,
		Version:      v,
		PURL:         purl.For(vouch.EcosystemMaven, name, v, nil),
		Relationship: vouch.RelationshipDirect,
		Locations:    []vouch.Location{{Path: f.Path, Line: d.line, Layer: f.Layer}},
	}
	switch {
	case scope == "test":
		p.Scope = vouch.ScopeTest
	case scope == "provided" || scope == "system":
		p.Scope = vouch.ScopeProvided
	case optional == "true":
		p.Scope = vouch.ScopeOptional
	}
	return p, true
}

// isRange reports whether a Maven version is a range ("[1.0,2.0)") or a
// set of them, which a pom alone cannot resolve.
func isRange(v string) bool {
	return strings.ContainsAny(v, "[](),")
}
