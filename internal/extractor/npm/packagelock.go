package npm

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"path"
	"strings"

	"github.com/vouch-dev/vouch/internal/extractor"
	"github.com/vouch-dev/vouch/internal/vouch"
)

// packageLock reads package-lock.json, npm-shrinkwrap.json and the hidden
// lockfile node_modules/.package-lock.json.
type packageLock struct{}

func (packageLock) Name() string { return "npm/package-lock" }

func (packageLock) Match(p string, mode fs.FileMode) bool {
	if mode.IsDir() {
		return false
	}
	base := p[strings.LastIndexByte(p, '/')+1:]
	switch base {
	case "package-lock.json", "npm-shrinkwrap.json":
		return true
	case ".package-lock.json":
		return p == "node_modules/.package-lock.json" || strings.HasSuffix(p, "/node_modules/.package-lock.json")
	}
	return false
}

func (x packageLock) Extract(ctx context.Context, f *extractor.File) ([]vouch.Package, error) {
	data, err := readAll(ctx, f)
	if err != nil {
		return nil, err
	}
	lf, err := parsePackageLock(data)
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	nodes := lf.graph()
	if lf.v1 {
		ms, err := manifests(f.FS, f.Path)
		if err != nil {
			return nil, err
		}
		if len(ms) > 0 {
			lf.markDirect(nodes, ms[0])
		}
	}
	return toPackages(f, nodes), nil
}

// lockEntry is one entry of "packages" (v2, v3) or of the nested
// "dependencies" (v1, converted to the node_modules path it installs at).
type lockEntry struct {
	key                            string // "" is the root project
	line                           int
	name, version                  string
	resolved, integrity, license   string
	link, dev, optional, devOption bool
	deps, optDeps, devDeps         []string
}

type lockFile struct {
	version int
	v1      bool // entries come from v1 "dependencies"
	entries []lockEntry
	index   map[string]int
	buf     []byte
}

func parsePackageLock(data []byte) (*lockFile, error) {
	r := newJSONReader(data)
	lf := &lockFile{version: -1}
	var v1, v2 []lockEntry
	hasPackages := false
	r.object(func(key []byte, _ int) {
		switch string(key) {
		case "lockfileVersion":
			lf.version = r.integer()
		case "packages":
			hasPackages = true
			if r.peek() != '{' {
				r.fail(`"packages" is not an object`)
				return
			}
			v2 = parsePackages(r)
		case "dependencies":
			if hasPackages || r.peek() != '{' {
				r.skip()
				return
			}
			parseV1(r, "", &v1)
		default:
			r.skip()
		}
	})
	if err := r.end(); err != nil {
		return nil, err
	}
	if lf.version > 3 {
		return nil, fmt.Errorf("lockfileVersion %d is not supported (want 1, 2 or 3)", lf.version)
	}
	if hasPackages {
		lf.entries = v2
	} else {
		lf.entries, lf.v1 = v1, true
	}
	lf.index = make(map[string]int, len(lf.entries))
	for i, e := range lf.entries {
		lf.index[e.key] = i
	}
	return lf, nil
}

func parsePackages(r *jsonReader) []lockEntry {
	// Every entry but a link has a version: a cheap bound on the count.
	out := make([]lockEntry, 0, bytes.Count(r.data[r.pos:], []byte(`"version"`))+8)
	r.object(func(key []byte, line int) {
		e := lockEntry{key: string(key), line: line}
		if r.peek() != '{' {
			r.fail("package entry %q is not an object", key)
			return
		}
		r.object(func(k []byte, _ int) {
			switch string(k) {
			case "version":
				e.version = r.str()
			case "name":
				e.name = r.str()
			case "resolved":
				e.resolved = r.str()
			case "integrity":
				e.integrity = r.str()
			case "license":
				e.license = r.str()
			case "link":
				e.link = r.boolean()
			case "dev":
				e.dev = r.boolean()
			case "optional":
				e.optional = r.boolean()
			case "devOptional":
				e.devOption = r.boolean()
			case "dependencies", "peerDependencies":
				r.stringMap(func(n, _ string) { e.deps = append(e.deps, n) })
			case "optionalDependencies":
				r.stringMap(func(n, _ string) { e.optDeps = append(e.optDeps, n) })
			case "devDependencies":
				r.stringMap(func(n, _ string) { e.devDeps = append(e.devDeps, n) })
			default:
				r.skip()
			}
		})
		out = append(out, e)
	})
	return out
}

// parseV1 reads a v1 "dependencies" object whose entries install below
// parent, depth first, each entry before the ones nested in it.
func parseV1(r *jsonReader, parent string, out *[]lockEntry) {
	r.object(func(key []byte, line int) {
		e := lockEntry{key: joinModules(parent, string(key)), line: line, name: string(key)}
		if r.peek() != '{' {
			r.fail("dependency %q is not an object", key)
			return
		}
		at := len(*out)
		*out = append(*out, lockEntry{})
		r.object(func(k []byte, _ int) {
			switch string(k) {
			case "version":
				e.version = r.str()
			case "resolved":
				e.resolved = r.str()
			case "integrity":
				e.integrity = r.str()
			case "dev":
				e.dev = r.boolean()
			case "optional":
				e.optional = r.boolean()
			case "requires":
				r.stringMap(func(n, _ string) { e.deps = append(e.deps, n) })
			case "dependencies":
				if r.peek() != '{' {
					r.skip()
					return
				}
				parseV1(r, e.key, out)
			default:
				r.skip()
			}
		})
		(*out)[at] = e
	})
}

func joinModules(dir, name string) string {
	if dir == "" {
		return "node_modules/" + name
	}
	return dir + "/node_modules/" + name
}

// resolve finds the entry that a package installed at dir gets for
// require(name): node's lookup walks from dir up to the root, trying each
// directory's node_modules. A link is followed to its target. It returns
// -1 when nothing is installed under that name.
func (lf *lockFile) resolve(dir, name string) int {
	for range 256 {
		lf.buf = lf.buf[:0]
		if dir != "" {
			lf.buf = append(lf.buf, dir...)
			lf.buf = append(lf.buf, '/')
		}
		lf.buf = append(lf.buf, "node_modules/"...)
		lf.buf = append(lf.buf, name...)
		if i, ok := lf.index[string(lf.buf)]; ok {
			if e := &lf.entries[i]; e.link {
				if j, ok := lf.index[strings.TrimPrefix(e.resolved, "file:")]; ok && !lf.entries[j].link {
					return j
				}
				return -1
			}
			return i
		}
		if dir == "" {
			return -1
		}
		// Step to the parent directory, skipping "node_modules" itself.
		dir = dir[:max(strings.LastIndexByte(dir, '/'), 0)]
		if dir == "node_modules" || strings.HasSuffix(dir, "/node_modules") {
			dir = dir[:max(strings.LastIndexByte(dir, '/'), 0)]
		}
	}
	return -1
}

// graph turns entries into nodes: names, versions, scopes, hashes and
// resolved dependency edges, and direct/indirect when the root is known.
func (lf *lockFile) graph() []node {
	nodes := make([]node, len(lf.entries))
	root := -1
	for i := range lf.entries {
		e := &lf.entries[i]
		n := &nodes[i]
		n.line = e.line
		if e.link {
			n.skip = true
			continue
		}
		if e.key == "" {
			root = i
			n.skip = true
		} else {
			n.name, n.version = lf.identity(e)
			if !validName(n.name) || !plainVersion(n.version) {
				n.skip = true
			}
		}
		n.hashes = integrityHashes(e.integrity)
		n.license = e.license
		switch {
		case strings.HasPrefix(e.key, "../") || strings.HasPrefix(e.key, "/"):
			n.source = "link" // a folder outside the project, linked in
		case !isModulePath(e.key):
			n.source = "workspace"
		case isGitURL(e.resolved) || (lf.v1 && isGitURL(e.version)):
			n.source = "git"
			n.commit = gitCommit(e.resolved)
		case strings.HasPrefix(e.resolved, "file:"):
			n.source = "file"
		}
		switch {
		case e.dev:
			n.scope = vouch.ScopeDev
		case e.optional, e.devOption:
			n.scope = vouch.ScopeOptional
		}
		for _, list := range [...][]string{e.deps, e.optDeps, e.devDeps} {
			for _, d := range list {
				if j := lf.resolve(e.key, d); j >= 0 && j != i {
					n.deps = append(n.deps, j)
				}
			}
		}
	}
	if root < 0 {
		return nodes
	}
	// The root's and every workspace's own dependencies are direct; so
	// are the workspaces themselves.
	for i := range nodes {
		if !nodes[i].skip {
			nodes[i].rel = vouch.RelationshipIndirect
		}
	}
	for i := range nodes {
		if lf.entries[i].link || (nodes[i].source != "workspace" && nodes[i].source != "link") {
			continue
		}
		if i != root {
			nodes[i].rel = vouch.RelationshipDirect
		}
		for _, j := range nodes[i].deps {
			if !nodes[j].skip {
				nodes[j].rel = vouch.RelationshipDirect
			}
		}
	}
	return nodes
}

// identity gives the registry name and version of an entry: the folder it
// installs into, or the real package behind an alias.
func (lf *lockFile) identity(e *lockEntry) (name, version string) {
	name, version = e.name, e.version
	if i := strings.LastIndex(e.key, "node_modules/"); i >= 0 && name == "" {
		name = e.key[i+len("node_modules/"):]
	} else if name == "" {
		name = path.Base(e.key)
	}
	if lf.v1 {
		// An alias records its target as "npm:real@1.2.3".
		if spec, ok := strings.CutPrefix(version, "npm:"); ok {
			if n, v, ok := splitNameAt(spec); ok {
				name, version = n, v
			}
		}
	}
	return name, version
}

func isModulePath(key string) bool {
	return strings.HasPrefix(key, "node_modules/") || strings.Contains(key, "/node_modules/")
}

// markDirect sets direct and indirect for a v1 lockfile from the
// package.json beside it.
func (lf *lockFile) markDirect(nodes []node, m *manifest) {
	for i := range nodes {
		if !nodes[i].skip {
			nodes[i].rel = vouch.RelationshipIndirect
		}
	}
	for _, deps := range [...]map[string]string{m.Dependencies, m.DevDependencies, m.OptionalDependencies, m.PeerDependencies} {
		for name := range deps {
			if j := lf.resolve("", name); j >= 0 && !nodes[j].skip {
				nodes[j].rel = vouch.RelationshipDirect
			}
		}
	}
}
