package npm

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/vouch-dev/vouch/internal/extractor"
	"github.com/vouch-dev/vouch/internal/purl"
	"github.com/vouch-dev/vouch/internal/vouch"
)

// node is one installed package of a lockfile's graph, before it becomes a
// vouch.Package. Edges are indices into the same slice.
type node struct {
	name, version string
	line          int
	scope         vouch.Scope
	rel           vouch.Relationship
	hashes        []vouch.Hash
	license       string
	commit        string
	source        string // "" for a registry package, else "git", "file", "workspace", "tarball"
	deps          []int
	skip          bool // present for the graph but not a package (root, link)
}

// readAll reads the whole file, in one allocation when its size is known;
// the extractor's caller has capped it.
func readAll(ctx context.Context, f *extractor.File) ([]byte, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if f.Size > 0 && f.Size < extractor.MaxFileSize {
		buf.Grow(int(f.Size) + bytes.MinRead)
	}
	_, err := buf.ReadFrom(io.LimitReader(f.Reader, extractor.MaxFileSize))
	return buf.Bytes(), err
}

// toPackages turns the nodes worth reporting into packages that point at
// f, with dependency edges as purls. A package installed at several places
// is reported once with every location; the list is sorted by name and
// version.
func toPackages(f *extractor.File, nodes []node) []vouch.Package {
	purls := make([]string, len(nodes))
	order := make([]int32, 0, len(nodes))
	for i := range nodes {
		n := &nodes[i]
		if !n.skip {
			purls[i] = purl.For(vouch.EcosystemNPM, n.name, n.version, nil)
			order = append(order, int32(i))
		}
	}
	// Sort first, so that copies of one package are adjacent and the
	// large Package structs are built in place, never moved.
	slices.SortFunc(order, func(a, b int32) int {
		if c := strings.Compare(nodes[a].name, nodes[b].name); c != 0 {
			return c
		}
		if c := strings.Compare(nodes[a].version, nodes[b].version); c != 0 {
			return c
		}
		return int(a - b)
	})
	out := make([]vouch.Package, 0, len(order))
	for _, i := range order {
		n := &nodes[i]
		loc := vouch.Location{Path: f.Path, Line: n.line, Layer: f.Layer}
		if k := len(out) - 1; k >= 0 && out[k].PURL == purls[i] {
			mergeNode(&out[k], n, loc, purls)
			continue
		}
		p := vouch.Package{
			Ecosystem:    vouch.EcosystemNPM,
			Name:         n.name,
			Version:      n.version,
			PURL:         purls[i],
			Commit:       n.commit,
			Scope:        n.scope,
			Relationship: n.rel,
			Hashes:       n.hashes,
			Locations:    []vouch.Location{loc},
		}
		if n.license != "" {
			p.Licenses = []string{n.license}
		}
		if n.source != "" {
			p.Metadata = map[string]string{"npm.source": n.source}
		}
		p.DependsOn = addDeps(p.DependsOn, p.PURL, n.deps, purls)
		out = append(out, p)
	}
	for i := range out {
		p := &out[i]
		if len(p.Locations) > 1 {
			p.Locations = vouch.SortLocations(p.Locations)
		}
		slices.Sort(p.DependsOn)
	}
	return out
}

// mergeNode folds a second copy of a package into the first: every
// location, the widest scope, direct over indirect, all edges and hashes.
func mergeNode(p *vouch.Package, n *node, loc vouch.Location, purls []string) {
	p.Locations = append(p.Locations, loc)
	if n.scope == vouch.ScopeRuntime || (n.scope == vouch.ScopeOptional && p.Scope == vouch.ScopeDev) {
		p.Scope = n.scope
	}
	if n.rel == vouch.RelationshipDirect {
		p.Relationship = n.rel
	}
	for _, h := range n.hashes {
		if !containsHash(p.Hashes, h) {
			p.Hashes = append(p.Hashes, h)
		}
	}
	if p.Commit == "" {
		p.Commit = n.commit
	}
	p.DependsOn = addDeps(p.DependsOn, p.PURL, n.deps, purls)
}

func addDeps(list []string, self string, deps []int, purls []string) []string {
	for _, d := range deps {
		if d >= 0 && d < len(purls) && purls[d] != "" && purls[d] != self && !contains(list, purls[d]) {
			list = append(list, purls[d])
		}
	}
	return list
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// classify sets the scope of every node from the roots a project declares:
// a node reachable from a runtime root is runtime, else one reachable from
// an optional root is optional, else one reachable from a dev root is dev.
// Nodes reached from no root keep their scope.
func classify(nodes []node, runtime, optional, dev []int) {
	seen := make([]uint8, len(nodes))
	var stack []int
	walk := func(roots []int, mark uint8, scope vouch.Scope) {
		stack = append(stack[:0], roots...)
		for len(stack) > 0 {
			i := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if i < 0 || i >= len(nodes) || seen[i] != 0 {
				continue
			}
			seen[i] = mark
			nodes[i].scope = scope
			stack = append(stack, nodes[i].deps...)
		}
	}
	walk(runtime, 1, vouch.ScopeRuntime)
	walk(optional, 2, vouch.ScopeOptional)
	walk(dev, 3, vouch.ScopeDev)
}

// integrityHashes reads a Subresource Integrity string ("sha512-BASE64",
// several separated by spaces) into hex hashes. Unknown algorithms and
// malformed digests are left out.
func integrityHashes(sri string) []vouch.Hash {
	var out []vouch.Hash
	for rest := strings.TrimSpace(sri); rest != ""; {
		part := rest
		if i := strings.IndexAny(rest, " \t\n"); i >= 0 {
			part, rest = rest[:i], strings.TrimLeft(rest[i:], " \t\n")
		} else {
			rest = ""
		}
		alg, b64, ok := strings.Cut(part, "-")
		if !ok {
			continue
		}
		if i := strings.IndexByte(b64, '?'); i >= 0 {
			b64 = b64[:i]
		}
		name, size := hashAlgorithm(alg)
		if name == "" {
			continue
		}
		var buf [96]byte
		b64 = strings.TrimRight(b64, "=")
		if base64.RawStdEncoding.DecodedLen(len(b64)) != size {
			continue
		}
		m, err := base64.RawStdEncoding.Decode(buf[:], []byte(b64))
		if err != nil || m != size {
			continue
		}
		h := vouch.Hash{Algorithm: name, Value: hex.EncodeToString(buf[:m])}
		if !containsHash(out, h) {
			out = append(out, h)
		}
	}
	return out
}

func hashAlgorithm(alg string) (string, int) {
	switch strings.ToLower(alg) {
	case "sha512":
		return "SHA-512", 64
	case "sha384":
		return "SHA-384", 48
	case "sha256":
		return "SHA-256", 32
	case "sha1":
		return "SHA-1", 20
	}
	return "", 0
}

func containsHash(list []vouch.Hash, h vouch.Hash) bool {
	for _, x := range list {
		if x == h {
			return true
		}
	}
	return false
}

// isHex reports whether s is a plausible git commit id.
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

// gitCommit finds the commit a git or codeload URL pins: the "#sha"
// fragment, a "#commit=sha" fragment (yarn berry), or the last path
// element of a codeload tarball URL.
func gitCommit(u string) string {
	if _, frag, ok := strings.Cut(u, "#"); ok {
		for _, p := range strings.Split(frag, "&") {
			p = strings.TrimPrefix(p, "commit=")
			if isHex(p) {
				return strings.ToLower(p)
			}
		}
		return ""
	}
	if strings.Contains(u, "codeload.github.com/") || strings.Contains(u, "/tar.gz/") {
		if c := u[strings.LastIndexByte(u, '/')+1:]; isHex(c) {
			return strings.ToLower(c)
		}
	}
	return ""
}

// isGitURL reports whether a resolved or version string names a git
// source rather than a registry tarball.
func isGitURL(u string) bool {
	return strings.HasPrefix(u, "git+") || strings.HasPrefix(u, "git:") || strings.HasPrefix(u, "git@") ||
		strings.HasPrefix(u, "github:") || strings.HasPrefix(u, "gitlab:") || strings.HasPrefix(u, "bitbucket:") ||
		strings.Contains(u, "codeload.github.com/") || strings.Contains(u, ".git#")
}

// splitNameAt splits "name@rest" at the "@" after the name, allowing for
// a leading "@scope/".
func splitNameAt(s string) (name, rest string, ok bool) {
	from := 0
	if strings.HasPrefix(s, "@") {
		from = 1
	}
	i := strings.IndexByte(s[from:], '@')
	if i < 0 {
		return s, "", false
	}
	i += from
	return s[:i], s[i+1:], true
}

// validName reports whether s can be an npm package name: non-empty, no
// white space or control characters, "@scope/name" when scoped.
func validName(s string) bool {
	if s == "" || len(s) > 214 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; c <= ' ' || c == 0x7f || c == '\\' {
			return false
		}
	}
	if s[0] == '@' {
		i := strings.IndexByte(s, '/')
		return i > 1 && i < len(s)-1 && strings.Count(s, "/") == 1
	}
	return !strings.Contains(s, "/")
}

// plainVersion reports whether v looks like a registry version rather than
// a URL, path or range: no scheme, no path separators, no spaces.
func plainVersion(v string) bool {
	return v != "" && !strings.ContainsAny(v, ":/ \t\\") && v[0] != '^' && v[0] != '~' && v[0] != '>' && v[0] != '<' && v[0] != '='
}

// manifest is what vouch reads from a package.json: the dependencies the
// project declares, by kind.
type manifest struct {
	Name                 string            `json:"name"`
	Dependencies         map[string]string `json:"dependencies"`
	DevDependencies      map[string]string `json:"devDependencies"`
	OptionalDependencies map[string]string `json:"optionalDependencies"`
	PeerDependencies     map[string]string `json:"peerDependencies"`
	Workspaces           json.RawMessage   `json:"workspaces"`
}

// maxWorkspaces bounds how many workspace manifests one lockfile reads.
const maxWorkspaces = 1000

// manifests reads the package.json beside the lockfile at lockPath and,
// when it declares workspaces, those of the workspaces its globs match.
// It returns nil when there is no file system or no package.json; a
// package.json that cannot be parsed is an error.
func manifests(fsys fs.FS, lockPath string) ([]*manifest, error) {
	if fsys == nil {
		return nil, nil
	}
	dir := path.Dir(lockPath)
	root, err := readManifest(fsys, path.Join(dir, "package.json"))
	if err != nil || root == nil {
		return nil, err
	}
	out := []*manifest{root}
	for _, pattern := range workspaceGlobs(root.Workspaces) {
		if strings.HasPrefix(pattern, "!") || strings.HasPrefix(pattern, "/") || strings.Contains(pattern, "..") {
			continue
		}
		matches, err := fs.Glob(fsys, path.Join(dir, pattern, "package.json"))
		if err != nil {
			continue
		}
		for _, m := range matches {
			if len(out) > maxWorkspaces {
				return out, nil
			}
			w, err := readManifest(fsys, m)
			if err != nil {
				return nil, err
			}
			if w != nil {
				out = append(out, w)
			}
		}
	}
	return out, nil
}

func readManifest(fsys fs.FS, name string) (*manifest, error) {
	if !fs.ValidPath(name) {
		return nil, nil
	}
	// A symbolic link could point out of the scan root: leave it.
	if lfs, ok := fsys.(fs.ReadLinkFS); ok {
		if info, err := lfs.Lstat(name); err != nil || !info.Mode().IsRegular() {
			return nil, nil
		}
	}
	f, err := fsys.Open(name)
	if err != nil {
		return nil, nil
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, 16<<20))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	var m manifest
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, fmt.Errorf("parse %s: %w", name, err)
	}
	return &m, nil
}

// workspaceGlobs reads package.json "workspaces", either a list of globs
// or yarn's {"packages": [...]} form.
func workspaceGlobs(raw json.RawMessage) []string {
	if len(raw) == 0 {
		return nil
	}
	var list []string
	if json.Unmarshal(raw, &list) == nil {
		return list
	}
	var obj struct {
		Packages []string `json:"packages"`
	}
	if json.Unmarshal(raw, &obj) == nil {
		return obj.Packages
	}
	return nil
}
