package npm

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/vouch-dev/vouch/internal/extractor"
	"github.com/vouch-dev/vouch/internal/vouch"
)

// pnpmLock reads pnpm-lock.yaml, lockfile versions 5.x (keys
// "/name/1.2.3_peer@1.0.0"), 6.x ("/name@1.2.3(peer@1.0.0)") and 9.0
// (metadata under "packages", the graph under "snapshots").
type pnpmLock struct{}

func (pnpmLock) Name() string { return "npm/pnpm-lock" }

func (pnpmLock) Match(p string, mode fs.FileMode) bool {
	return !mode.IsDir() && (p == "pnpm-lock.yaml" || strings.HasSuffix(p, "/pnpm-lock.yaml"))
}

type pnpmFile struct {
	LockfileVersion      string                  `yaml:"lockfileVersion"`
	Importers            map[string]pnpmImporter `yaml:"importers"`
	Dependencies         map[string]pnpmRef      `yaml:"dependencies"`
	DevDependencies      map[string]pnpmRef      `yaml:"devDependencies"`
	OptionalDependencies map[string]pnpmRef      `yaml:"optionalDependencies"`
	Packages             map[string]pnpmPackage  `yaml:"packages"`
	Snapshots            map[string]pnpmSnapshot `yaml:"snapshots"`
}

type pnpmImporter struct {
	Dependencies         map[string]pnpmRef `yaml:"dependencies"`
	DevDependencies      map[string]pnpmRef `yaml:"devDependencies"`
	OptionalDependencies map[string]pnpmRef `yaml:"optionalDependencies"`
}

// pnpmRef is an importer's dependency: a bare version (5.x) or a map with
// specifier and version (6.0 and later).
type pnpmRef struct{ Version string }

func (r *pnpmRef) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode {
		r.Version = n.Value
		return nil
	}
	var m struct {
		Version string `yaml:"version"`
	}
	if err := n.Decode(&m); err != nil {
		return err
	}
	r.Version = m.Version
	return nil
}

type pnpmPackage struct {
	Resolution struct {
		Integrity string `yaml:"integrity"`
		Tarball   string `yaml:"tarball"`
		Commit    string `yaml:"commit"`
		Repo      string `yaml:"repo"`
		Type      string `yaml:"type"`
		Directory string `yaml:"directory"`
	} `yaml:"resolution"`
	Name                 string            `yaml:"name"`
	Version              string            `yaml:"version"`
	Dependencies         map[string]string `yaml:"dependencies"`
	OptionalDependencies map[string]string `yaml:"optionalDependencies"`
	Dev                  *bool             `yaml:"dev"`
	Optional             bool              `yaml:"optional"`
}

type pnpmSnapshot struct {
	Dependencies         map[string]string `yaml:"dependencies"`
	OptionalDependencies map[string]string `yaml:"optionalDependencies"`
	Optional             bool              `yaml:"optional"`
}

func (pnpmLock) Extract(ctx context.Context, f *extractor.File) ([]vouch.Package, error) {
	data, err := readAll(ctx, f)
	if err != nil {
		return nil, err
	}
	nodes, err := parsePnpmLock(data)
	if err != nil {
		return nil, err
	}
	return toPackages(f, nodes), nil
}

// readPnpm decodes the lockfile with the fast scanner for the YAML pnpm
// writes, and with a YAML decoder when the file is written otherwise.
func readPnpm(data []byte) (*pnpmFile, error) {
	if root, err := scanPnpm(data); err == nil {
		// Without a lockfile version the file is not pnpm's; let the YAML
		// decoder say what is wrong with it.
		if pf, err := pnpmFromTree(root); err == nil && pf.LockfileVersion != "" {
			return pf, nil
		}
	}
	return decodePnpm(data)
}

// pnpm 9 and later may write two YAML documents (the package manager's
// own lockfile first); the project's is the last one.
func decodePnpm(data []byte) (*pnpmFile, error) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var last *pnpmFile
	for docs := 0; docs < 16; docs++ {
		var pf pnpmFile
		err := dec.Decode(&pf)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, errors.New(strings.TrimPrefix(err.Error(), "yaml: "))
		}
		last = &pf
	}
	if last == nil {
		return nil, errors.New("empty lockfile")
	}
	return last, nil
}

func parsePnpmLock(data []byte) ([]node, error) {
	pf, err := readPnpm(data)
	if err != nil {
		return nil, err
	}
	return pnpmNodes(pf, data)
}

// pnpmNodes builds the package graph of a decoded lockfile.
func pnpmNodes(pf *pnpmFile, data []byte) ([]node, error) {
	if pf.LockfileVersion == "" {
		return nil, errors.New("no lockfileVersion: not a pnpm lockfile")
	}
	major, err := strconv.ParseFloat(pf.LockfileVersion, 64)
	if err != nil || major < 5 || major >= 10 {
		return nil, fmt.Errorf("lockfileVersion %q is not supported (want 5.x, 6.x or 9.0)", pf.LockfileVersion)
	}
	g := pnpmGraph{pf: pf, v5: major < 6, v9: major >= 9}
	g.lines = pnpmPackageLines(data)
	return g.build(), nil
}

type pnpmGraph struct {
	pf     *pnpmFile
	v5, v9 bool
	lines  map[string]int
	keys   []string
	index  map[string]int
}

func (g *pnpmGraph) build() []node {
	// v9 keeps one snapshot per peer combination; earlier versions keep
	// everything under packages.
	if g.v9 && len(g.pf.Snapshots) > 0 {
		for k := range g.pf.Snapshots {
			g.keys = append(g.keys, k)
		}
	} else {
		for k := range g.pf.Packages {
			g.keys = append(g.keys, k)
		}
	}
	// Map order is random: sort for stable node numbering.
	slices.Sort(g.keys)
	g.index = make(map[string]int, len(g.keys))
	for i, k := range g.keys {
		g.index[k] = i
	}
	nodes := make([]node, len(g.keys))
	var optionals []int
	for i, key := range g.keys {
		n := &nodes[i]
		meta := g.pf.Packages[key]
		var deps, optDeps map[string]string
		optional := meta.Optional
		if g.v9 {
			base := peerless(key)
			meta = g.pf.Packages[base]
			n.line = g.lines[base]
			if s, ok := g.pf.Snapshots[key]; ok {
				deps, optDeps, optional = s.Dependencies, s.OptionalDependencies, s.Optional
			}
		} else {
			n.line = g.lines[key]
			deps, optDeps = meta.Dependencies, meta.OptionalDependencies
			switch {
			case meta.Dev != nil && *meta.Dev:
				n.scope = vouch.ScopeDev
			case meta.Optional:
				n.scope = vouch.ScopeOptional
			}
		}
		g.identity(key, &meta, n)
		for _, m := range [...]map[string]string{deps, optDeps} {
			for name, ref := range m {
				if j := g.resolve(name, ref); j >= 0 && j != i {
					n.deps = append(n.deps, j)
				}
			}
		}
		if g.v9 && optional {
			optionals = append(optionals, i)
		}
	}
	g.roots(nodes)
	// pnpm marks a snapshot optional when only optional edges reach it,
	// which reachability alone does not tell.
	for _, i := range optionals {
		if nodes[i].scope == vouch.ScopeRuntime {
			nodes[i].scope = vouch.ScopeOptional
		}
	}
	return nodes
}

func (g *pnpmGraph) identity(key string, meta *pnpmPackage, n *node) {
	name, version := pnpmKey(key, g.v5)
	if meta.Name != "" {
		name = meta.Name
	}
	if meta.Version != "" {
		version = meta.Version
	}
	n.name, n.version = name, version
	if !validName(name) || !plainVersion(version) {
		n.skip = true
	}
	n.hashes = integrityHashes(meta.Resolution.Integrity)
	r := &meta.Resolution
	switch {
	case r.Type == "git" || r.Commit != "":
		n.source = "git"
		n.commit = strings.ToLower(r.Commit)
	case r.Type == "directory" || strings.HasPrefix(r.Tarball, "file:"):
		n.source = "file"
	case r.Tarball != "" && isGitURL(r.Tarball):
		n.source = "git"
		n.commit = gitCommit(r.Tarball)
	case r.Tarball != "" && meta.Version != "":
		n.source = "tarball"
	}
}

// pnpmKey reads name and version out of a package key, without the
// leading "/" of 5.x and 6.x and without peer suffixes. The key form
// follows the lockfile version ("/name/1.2.3" before 6.0, "/name@1.2.3"
// since), and the other form is tried when that one does not fit.
func pnpmKey(key string, v5 bool) (name, version string) {
	k := strings.TrimPrefix(key, "/")
	first, second := atForm, slashForm
	if v5 {
		first, second = slashForm, atForm
	}
	if name, version = first(k); validName(name) && plainVersion(version) {
		return name, version
	}
	if n, v := second(k); validName(n) && plainVersion(v) {
		return n, v
	}
	return name, version
}

// atForm reads "name@1.2.3(peer@1.0.0)".
func atForm(k string) (name, version string) {
	name, version, _ = splitNameAt(peerless(k))
	return name, version
}

// slashForm reads "name/1.2.3_peer@1.0.0".
func slashForm(k string) (name, version string) {
	k = peerless(k)
	i := strings.LastIndexByte(k, '/')
	if i <= 0 {
		return "", ""
	}
	name, version = k[:i], k[i+1:]
	if j := strings.IndexByte(version, '_'); j >= 0 {
		version = version[:j]
	}
	return name, version
}

// peerless drops the "(peer@1.0.0)" suffixes of a 6.x or 9.0 key.
func peerless(key string) string {
	if i := strings.IndexByte(key, '('); i > 0 {
		return key[:i]
	}
	return key
}

// resolve finds the node a dependency reference points at: a version of
// the same name, an alias ("real@1.2.3", "/real@1.2.3"), or a full key
// for non-registry packages. Workspace links resolve to nothing.
func (g *pnpmGraph) resolve(name, ref string) int {
	if ref == "" || strings.HasPrefix(ref, "link:") {
		return -1
	}
	var key string
	switch {
	case g.v9:
		key = name + "@" + ref
		if n, v, ok := splitNameAt(peerless(ref)); ok && validName(n) && plainVersion(v) {
			key = ref
		}
	case ref[0] == '/' || strings.ContainsAny(ref, "/:"):
		key = ref
	case g.v5:
		key = "/" + name + "/" + ref
	default:
		key = "/" + name + "@" + ref
	}
	if i, ok := g.index[key]; ok {
		return i
	}
	if !g.v9 && ref[0] != '/' && !strings.ContainsAny(ref, "/:") {
		// The other key form, for lockfiles that mix them.
		alt := "/" + name + "@" + ref
		if !g.v5 {
			alt = "/" + name + "/" + ref
		}
		if i, ok := g.index[alt]; ok {
			return i
		}
	}
	return -1
}

// roots marks what the importers depend on as direct, and for 9.0, which
// records no dev flags, sets scopes by what reaches each package.
func (g *pnpmGraph) roots(nodes []node) {
	importers := g.pf.Importers
	if len(g.pf.Dependencies)+len(g.pf.DevDependencies)+len(g.pf.OptionalDependencies) > 0 {
		if importers == nil {
			importers = map[string]pnpmImporter{}
		}
		importers["."] = pnpmImporter{
			Dependencies:         g.pf.Dependencies,
			DevDependencies:      g.pf.DevDependencies,
			OptionalDependencies: g.pf.OptionalDependencies,
		}
	}
	if len(importers) == 0 {
		return
	}
	var runtime, optional, dev []int
	add := func(list *[]int, deps map[string]pnpmRef) {
		for name, ref := range deps {
			if j := g.resolve(name, ref.Version); j >= 0 {
				*list = append(*list, j)
			}
		}
	}
	for _, imp := range importers {
		add(&runtime, imp.Dependencies)
		add(&optional, imp.OptionalDependencies)
		add(&dev, imp.DevDependencies)
	}
	for i := range nodes {
		nodes[i].rel = vouch.RelationshipIndirect
	}
	for _, list := range [...][]int{runtime, optional, dev} {
		for _, j := range list {
			nodes[j].rel = vouch.RelationshipDirect
		}
	}
	if g.v9 {
		classify(nodes, runtime, optional, dev)
	}
}

// pnpmPackageLines finds the line of every key directly under the
// top-level "packages:" of the last YAML document, without decoding.
func pnpmPackageLines(data []byte) map[string]int {
	lines := make(map[string]int)
	in := false
	for n, rest := 1, data; len(rest) > 0; n++ {
		var line []byte
		if i := bytes.IndexByte(rest, '\n'); i >= 0 {
			line, rest = rest[:i], rest[i+1:]
		} else {
			line, rest = rest, nil
		}
		line = bytes.TrimRight(line, " \r")
		if len(line) == 0 {
			continue
		}
		if line[0] != ' ' {
			if bytes.Equal(line, []byte("---")) {
				clear(lines)
			}
			in = bytes.Equal(line, []byte("packages:"))
			continue
		}
		if !in || len(line) < 3 || line[1] != ' ' || line[2] == ' ' || line[2] == '#' {
			continue
		}
		if key, ok := yamlKey(line[2:]); ok {
			lines[key] = n
		}
	}
	return lines
}

// yamlKey reads a mapping key ("key:", "'key':", "key: {}") at the start
// of b.
func yamlKey(b []byte) (string, bool) {
	switch b[0] {
	case '\'':
		var sb strings.Builder
		for i := 1; i < len(b); i++ {
			if b[i] == '\'' {
				if i+1 < len(b) && b[i+1] == '\'' {
					sb.WriteByte('\'')
					i++
					continue
				}
				return sb.String(), true
			}
			sb.WriteByte(b[i])
		}
		return "", false
	case '"':
		s, err := strconv.Unquote(string(b[:bytes.IndexByte(b[1:], '"')+2]))
		return s, err == nil
	}
	i := bytes.Index(b, []byte(": "))
	if i < 0 {
		if b[len(b)-1] != ':' {
			return "", false
		}
		i = len(b) - 1
	}
	return string(b[:i]), true
}
