package vouch

import (
	"slices"
	"sort"
	"strings"
)

// Ecosystem is a package ecosystem, spelled as OSV spells it so that a
// package matches advisories without translation.
type Ecosystem string

const (
	EcosystemNPM       Ecosystem = "npm"
	EcosystemGo        Ecosystem = "Go"
	EcosystemPyPI      Ecosystem = "PyPI"
	EcosystemCrates    Ecosystem = "crates.io"
	EcosystemRubyGems  Ecosystem = "RubyGems"
	EcosystemPackagist Ecosystem = "Packagist"
	EcosystemNuGet     Ecosystem = "NuGet"
	EcosystemMaven     Ecosystem = "Maven"
	EcosystemDebian    Ecosystem = "Debian"
	EcosystemUbuntu    Ecosystem = "Ubuntu"
	EcosystemAlpine    Ecosystem = "Alpine"
	EcosystemRedHat    Ecosystem = "Red Hat"
	EcosystemRocky     Ecosystem = "Rocky Linux"
	EcosystemAlma      Ecosystem = "AlmaLinux"
	EcosystemSUSE      Ecosystem = "SUSE"
	EcosystemOpenSUSE  Ecosystem = "openSUSE"
)

// Scope says when a package is needed. The empty scope is a runtime
// dependency; lockfiles that record more say so.
type Scope string

const (
	ScopeRuntime  Scope = ""
	ScopeDev      Scope = "dev"
	ScopeOptional Scope = "optional"
	ScopeTest     Scope = "test"
	ScopeProvided Scope = "provided"
)

// Relationship says whether the project asked for a package itself.
type Relationship string

const (
	RelationshipUnknown  Relationship = ""
	RelationshipDirect   Relationship = "direct"
	RelationshipIndirect Relationship = "indirect"
)

// Location is one place a package was found: a file, the line of its entry
// where the format allows, and in an image the layer that introduced it.
type Location struct {
	Path  string `json:"path"`
	Line  int    `json:"line,omitempty"`
	Layer string `json:"layer,omitempty"` // layer digest, images only
}

// Hash is a content hash a lockfile or package database records for a
// package, with its algorithm in CycloneDX spelling ("SHA-256", "SHA-512").
type Hash struct {
	Algorithm string `json:"alg"`
	Value     string `json:"value"` // lower-case hex
}

// Package is one component of an inventory.
type Package struct {
	Ecosystem     Ecosystem    `json:"ecosystem"`
	Name          string       `json:"name"`
	Version       string       `json:"version"`
	PURL          string       `json:"purl"`
	Distro        string       `json:"distro,omitempty"`        // OS packages: "debian:12", "alpine:3.19"
	SourceName    string       `json:"sourceName,omitempty"`    // OS packages: the source package advisories name
	SourceVersion string       `json:"sourceVersion,omitempty"` // OS packages: its version, when it differs
	Commit        string       `json:"commit,omitempty"`        // VCS revision, when known
	Scope         Scope        `json:"scope,omitempty"`
	Relationship  Relationship `json:"relationship,omitempty"`
	Licenses      []string     `json:"licenses,omitempty"`
	Hashes        []Hash       `json:"hashes,omitempty"`
	Locations     []Location   `json:"locations"`
	DependsOn     []string     `json:"dependsOn,omitempty"` // PURLs of direct dependencies
	// Metadata keeps format-specific facts a later stage needs (a Go
	// binary's symbol table path, Python extras and markers, a replaced Go
	// module's origin).
	Metadata map[string]string `json:"metadata,omitempty"`
}

// Key identifies a package regardless of where it was found.
func (p *Package) Key() string {
	if p.PURL != "" {
		return p.PURL
	}
	return string(p.Ecosystem) + "/" + p.Name + "@" + p.Version
}

// Distro names an operating system release found in a root filesystem.
type Distro struct {
	ID        string `json:"id"`        // os-release ID: debian, ubuntu, alpine, rhel …
	VersionID string `json:"versionId"` // os-release VERSION_ID: 12, 3.19.1, 9.3
	Codename  string `json:"codename,omitempty"`
	Name      string `json:"prettyName,omitempty"`
}

// TargetKind says what a run inspected.
type TargetKind string

const (
	TargetDirectory TargetKind = "directory"
	TargetFile      TargetKind = "file"
	TargetImage     TargetKind = "image"
	TargetSBOM      TargetKind = "sbom"
)

// Target is the artifact a result is about.
type Target struct {
	Kind   TargetKind `json:"kind"`
	Name   string     `json:"name"`             // the path or reference the user gave
	Digest Digest     `json:"digest,omitempty"` // image manifest digest, file digest, or tree digest
	// Image facts, when Kind is TargetImage.
	Platform string   `json:"platform,omitempty"`
	Layers   []string `json:"layers,omitempty"`
}

// Inventory is everything found inside a target.
type Inventory struct {
	Target   Target    `json:"target"`
	Distro   *Distro   `json:"distro,omitempty"`
	Packages []Package `json:"packages"`
	// Sources lists every file that was read for packages, in order.
	Sources []string `json:"sources,omitempty"`
}

// Merge folds packages with the same Key into one, keeping every location
// and the widest scope, and sorts the result by ecosystem, name, version so
// that output is deterministic. It is linear in the number of packages
// (plus sorting), however many duplicates one key has.
func Merge(pkgs []Package) []Package {
	index := make(map[string]int, len(pkgs))
	out := make([]Package, 0, len(pkgs))
	merged := make([]bool, 0, len(pkgs))
	for _, p := range pkgs {
		k := p.Key()
		i, ok := index[k]
		if !ok {
			index[k] = len(out)
			out = append(out, p)
			merged = append(merged, false)
			continue
		}
		q := &out[i]
		if !merged[i] {
			// Copy the slices the first occurrence shares with its caller
			// before appending to them.
			q.Locations = append([]Location(nil), q.Locations...)
			q.Hashes = append([]Hash(nil), q.Hashes...)
			q.Licenses = append([]string(nil), q.Licenses...)
			q.DependsOn = append([]string(nil), q.DependsOn...)
			merged[i] = true
		}
		q.Locations = append(q.Locations, p.Locations...)
		if p.Scope == ScopeRuntime {
			q.Scope = ScopeRuntime
		}
		if p.Relationship == RelationshipDirect {
			q.Relationship = RelationshipDirect
		} else if q.Relationship == RelationshipUnknown {
			q.Relationship = p.Relationship
		}
		q.Hashes = append(q.Hashes, p.Hashes...)
		q.Licenses = append(q.Licenses, p.Licenses...)
		q.DependsOn = append(q.DependsOn, p.DependsOn...)
		for k, v := range p.Metadata {
			if q.Metadata == nil {
				q.Metadata = map[string]string{}
			}
			if _, ok := q.Metadata[k]; !ok {
				q.Metadata[k] = v
			}
		}
	}
	for i := range out {
		out[i].Locations = SortLocations(out[i].Locations)
		if merged[i] {
			out[i].Hashes = compact(out[i].Hashes, func(a, b Hash) int {
				return strings.Compare(a.Algorithm+":"+a.Value, b.Algorithm+":"+b.Value)
			})
			out[i].Licenses = compact(out[i].Licenses, strings.Compare)
		}
		out[i].DependsOn = compact(out[i].DependsOn, strings.Compare)
	}
	// Sort indices, not the (large) packages, then move each once.
	order := make([]int, len(out))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(i, j int) int {
		a, b := &out[i], &out[j]
		if c := strings.Compare(string(a.Ecosystem), string(b.Ecosystem)); c != 0 {
			return c
		}
		if c := strings.Compare(a.Name, b.Name); c != 0 {
			return c
		}
		if c := strings.Compare(a.Version, b.Version); c != 0 {
			return c
		}
		return strings.Compare(a.Key(), b.Key())
	})
	sorted := make([]Package, len(out))
	for i, j := range order {
		sorted[i] = out[j]
	}
	return sorted
}

// compact sorts s and drops repeated elements.
func compact[T any](s []T, cmp func(a, b T) int) []T {
	if len(s) < 2 {
		return s
	}
	slices.SortFunc(s, cmp)
	return slices.CompactFunc(s, func(a, b T) bool { return cmp(a, b) == 0 })
}

// SortLocations orders locations by path, then line, and drops duplicates.
func SortLocations(locs []Location) []Location {
	sort.Slice(locs, func(i, j int) bool {
		if locs[i].Path != locs[j].Path {
			return locs[i].Path < locs[j].Path
		}
		if locs[i].Line != locs[j].Line {
			return locs[i].Line < locs[j].Line
		}
		return locs[i].Layer < locs[j].Layer
	})
	out := locs[:0]
	for i, l := range locs {
		if i > 0 && l == locs[i-1] {
			continue
		}
		out = append(out, l)
	}
	return out
}

// NormalizePyPIName applies PEP 503: lower case, runs of "-", "_" and "."
// become one "-".
func NormalizePyPIName(name string) string {
	var b strings.Builder
	b.Grow(len(name))
	sep := false
	for _, r := range strings.ToLower(strings.TrimSpace(name)) {
		if r == '-' || r == '_' || r == '.' {
			sep = true
			continue
		}
		if sep && b.Len() > 0 {
			b.WriteByte('-')
		}
		sep = false
		b.WriteRune(r)
	}
	return b.String()
}
