package suppress

import (
	"fmt"
	"path"
	"strings"

	"github.com/package-url/packageurl-go"

	"github.com/vouch-dev/vouch/internal/purl"
	"github.com/vouch-dev/vouch/internal/vouch"
)

// pkgID is the part of a purl that names a package: type, namespace, name
// and version, normalised for comparison. Qualifiers and subpath are left
// out: they do not change which package a statement is about.
type pkgID struct {
	typ, ns, name, version string
}

// parsePURL reads a purl into a pkgID.
func parsePURL(s string) (pkgID, error) {
	u, err := packageurl.FromString(s)
	if err != nil {
		return pkgID{}, fmt.Errorf("purl %q: %w", s, err)
	}
	if u.Type == "" || u.Name == "" {
		return pkgID{}, fmt.Errorf("purl %q: no type or name", s)
	}
	return normalizeID(pkgID{typ: u.Type, ns: u.Namespace, name: u.Name, version: u.Version}), nil
}

// normalizeID applies the purl specification's case and name rules for
// the types that have them.
func normalizeID(id pkgID) pkgID {
	id.typ = strings.ToLower(id.typ)
	switch id.typ {
	case "pypi":
		id.ns = strings.ToLower(id.ns)
		id.name = vouch.NormalizePyPIName(id.name)
	case "npm", "github", "bitbucket", "composer", "nuget", "deb", "apk":
		id.ns = strings.ToLower(id.ns)
		id.name = strings.ToLower(id.name)
	}
	return id
}

// matches reports whether pattern names p: same type, namespace and name,
// and the same version unless the pattern has none.
func (pattern pkgID) matches(p pkgID) bool {
	return pattern.typ == p.typ && pattern.ns == p.ns && pattern.name == p.name &&
		(pattern.version == "" || pattern.version == p.version)
}

// packageIDs returns the identities a finding's package answers to: its
// purl and, for OS packages whose advisories name the source package, the
// source package's purl.
func packageIDs(p *vouch.Package) []pkgID {
	if p == nil {
		return nil
	}
	s := p.PURL
	if s == "" && p.Ecosystem != "" {
		s = purl.For(p.Ecosystem, p.Name, p.Version, nil)
	}
	if s == "" {
		return nil
	}
	id, err := parsePURL(s)
	if err != nil {
		return nil
	}
	ids := []pkgID{id}
	if p.SourceName != "" && p.SourceName != p.Name {
		src := id
		src.name = p.SourceName
		if p.SourceVersion != "" {
			src.version = p.SourceVersion
		}
		ids = append(ids, normalizeID(src))
	}
	return ids
}

// pkgMatcher is an ignore entry's package: a purl, or a name with an
// optional version.
type pkgMatcher struct {
	purl          *pkgID
	name, version string
}

func parsePkgMatcher(s string) (pkgMatcher, error) {
	if strings.HasPrefix(s, "pkg:") {
		id, err := parsePURL(s)
		if err != nil {
			return pkgMatcher{}, err
		}
		return pkgMatcher{purl: &id}, nil
	}
	// "name@version"; a leading "@" is an npm scope, not a version.
	if i := strings.LastIndexByte(s, '@'); i > 0 {
		if s[i+1:] == "" {
			return pkgMatcher{}, fmt.Errorf("package %q: empty version after @", s)
		}
		return pkgMatcher{name: s[:i], version: s[i+1:]}, nil
	}
	return pkgMatcher{name: s}, nil
}

func (m pkgMatcher) matches(p *vouch.Package, ids []pkgID) bool {
	if p == nil {
		return false
	}
	if m.purl != nil {
		for _, id := range ids {
			if m.purl.matches(id) {
				return true
			}
		}
		return false
	}
	nameEq := func(a, b string) bool {
		if p.Ecosystem == vouch.EcosystemPyPI {
			return vouch.NormalizePyPIName(a) == vouch.NormalizePyPIName(b)
		}
		return a == b
	}
	if nameEq(m.name, p.Name) && (m.version == "" || m.version == p.Version) {
		return true
	}
	if p.SourceName != "" && nameEq(m.name, p.SourceName) {
		v := p.SourceVersion
		if v == "" {
			v = p.Version
		}
		return m.version == "" || m.version == v
	}
	return false
}

// glob is a compiled path pattern: "/"-separated elements matched with
// path.Match, "**" matching any number of elements. A pattern without "/"
// matches the last element (the file name) only.
type glob struct {
	elems    []string
	baseOnly bool
}

func compileGlob(pattern string) (glob, error) {
	p := cleanPath(pattern)
	if p == "" {
		return glob{}, fmt.Errorf("path %q: empty pattern", pattern)
	}
	g := glob{elems: strings.Split(p, "/"), baseOnly: !strings.Contains(p, "/")}
	for _, e := range g.elems {
		if e == "**" {
			continue
		}
		if _, err := path.Match(e, ""); err != nil {
			return glob{}, fmt.Errorf("path %q: %w", pattern, err)
		}
	}
	return g, nil
}

// cleanPath makes a finding path and a pattern comparable: forward
// slashes, no leading "/" or "./", no trailing "/".
func cleanPath(p string) string {
	p = strings.ReplaceAll(p, "\\", "/")
	for {
		q := strings.TrimPrefix(strings.TrimLeft(p, "/"), "./")
		if q == p {
			break
		}
		p = q
	}
	return strings.TrimRight(p, "/")
}

func (g glob) match(p string) bool {
	p = cleanPath(p)
	if g.baseOnly {
		if g.elems[0] == "**" {
			return true
		}
		ok, _ := path.Match(g.elems[0], path.Base(p))
		return ok
	}
	return matchElems(g.elems, strings.Split(p, "/"))
}

// matchElems matches pattern elements against path elements in
// O(len(pat)·len(segs)) time, whatever the number of "**".
func matchElems(pat, segs []string) bool {
	// next[j] is whether pat[i+1:] matches segs[j:]; cur the same for pat[i:].
	next := make([]bool, len(segs)+1)
	cur := make([]bool, len(segs)+1)
	next[len(segs)] = true // empty pattern matches empty path
	for i := len(pat) - 1; i >= 0; i-- {
		if pat[i] == "**" {
			cur[len(segs)] = next[len(segs)]
			for j := len(segs) - 1; j >= 0; j-- {
				cur[j] = next[j] || cur[j+1]
			}
		} else {
			cur[len(segs)] = false
			for j := len(segs) - 1; j >= 0; j-- {
				ok, _ := path.Match(pat[i], segs[j])
				cur[j] = ok && next[j+1]
			}
		}
		next, cur = cur, next
	}
	return next[0]
}
