package python

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/pelletier/go-toml/v2"

	"github.com/vouch-dev/vouch/internal/extractor"
	"github.com/vouch-dev/vouch/internal/purl"
	"github.com/vouch-dev/vouch/internal/vouch"
)

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

// newPackage starts a PyPI package found at line of f.
func newPackage(f *extractor.File, name, version string, line int) vouch.Package {
	n := vouch.NormalizePyPIName(name)
	return vouch.Package{
		Ecosystem: vouch.EcosystemPyPI,
		Name:      n,
		Version:   version,
		PURL:      purl.For(vouch.EcosystemPyPI, n, version, nil),
		Locations: []vouch.Location{{Path: f.Path, Line: line, Layer: f.Layer}},
	}
}

func setMeta(p *vouch.Package, key, value string) {
	if value == "" {
		return
	}
	if p.Metadata == nil {
		p.Metadata = map[string]string{}
	}
	p.Metadata[key] = value
}

// parseHash reads "sha256:HEX" as lockfiles and pip write it. Unknown
// algorithms and malformed digests yield false.
func parseHash(s string) (vouch.Hash, bool) {
	alg, value, ok := strings.Cut(strings.TrimSpace(s), ":")
	if !ok {
		if alg, value, ok = strings.Cut(s, "="); !ok {
			return vouch.Hash{}, false
		}
	}
	var name string
	var size int
	switch strings.ToLower(alg) {
	case "sha256":
		name, size = "SHA-256", 32
	case "sha384":
		name, size = "SHA-384", 48
	case "sha512":
		name, size = "SHA-512", 64
	case "sha1":
		name, size = "SHA-1", 20
	case "md5":
		name, size = "MD5", 16
	default:
		return vouch.Hash{}, false
	}
	if len(value) != 2*size {
		return vouch.Hash{}, false
	}
	lower := true
	for i := 0; i < len(value); i++ {
		switch c := value[i]; {
		case c >= '0' && c <= '9', c >= 'a' && c <= 'f':
		case c >= 'A' && c <= 'F':
			lower = false
		default:
			return vouch.Hash{}, false
		}
	}
	if !lower {
		value = strings.ToLower(value)
	}
	return vouch.Hash{Algorithm: name, Value: value}, true
}

func addHash(list []vouch.Hash, s string) []vouch.Hash {
	h, ok := parseHash(s)
	if !ok {
		return list
	}
	for _, x := range list {
		if x == h {
			return list
		}
	}
	return append(list, h)
}

// decodeTOML decodes data into v and turns go-toml's errors into ones
// that name the line.
func decodeTOML(data []byte, v any) error {
	err := toml.Unmarshal(data, v)
	if err == nil {
		return nil
	}
	var de *toml.DecodeError
	if errors.As(err, &de) {
		row, _ := de.Position()
		return fmt.Errorf("line %d: %s", row, strings.TrimPrefix(de.Error(), "toml: "))
	}
	return errors.New(strings.TrimPrefix(err.Error(), "toml: "))
}

// tableLines returns the line of every "[[header]]" array-of-tables
// element in order, so that the i-th decoded element has the i-th line.
func tableLines(data []byte, header string) []int {
	var lines []int
	for n, rest := 1, data; len(rest) > 0; n++ {
		var line []byte
		if i := bytes.IndexByte(rest, '\n'); i >= 0 {
			line, rest = rest[:i], rest[i+1:]
		} else {
			line, rest = rest, nil
		}
		line = bytes.TrimSpace(line)
		if len(line) > 4 && line[0] == '[' && line[1] == '[' {
			inner := line[2:]
			if i := bytes.IndexByte(inner, ']'); i >= 0 && string(bytes.TrimSpace(inner[:i])) == header {
				lines = append(lines, n)
			}
		}
	}
	return lines
}

func lineAt(lines []int, i int) int {
	if i < len(lines) {
		return lines[i]
	}
	return 0
}

// reqName reads the distribution name at the start of a PEP 508
// requirement ("requests[socks]>=2; python_version>'3'"), normalised.
func reqName(s string) string {
	s = strings.TrimSpace(s)
	i := 0
	for i < len(s) && isNameByte(s[i]) {
		i++
	}
	return vouch.NormalizePyPIName(s[:i])
}

func isNameByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.'
}

// sibling reads a regular file next to the one at p through fsys; a
// missing file, a symbolic link or no file system yields nil.
func sibling(fsys fs.FS, p, name string) []byte {
	if fsys == nil {
		return nil
	}
	q := path.Join(path.Dir(p), name)
	if !fs.ValidPath(q) {
		return nil
	}
	data, err := readRootFile(fsys, q)
	if err != nil || len(data) > 16<<20 {
		return nil
	}
	return data
}

// projectDeps reads the names a pyproject.toml declares as dependencies,
// in any of the places PEP 621, PEP 735, Poetry and PDM put them. It
// returns nil when there is no pyproject.toml or it cannot be parsed: the
// lockfile is what is being read, and without the project file the
// relationship is simply unknown.
func projectDeps(fsys fs.FS, lockPath string) map[string]bool {
	data := sibling(fsys, lockPath, "pyproject.toml")
	if data == nil {
		return nil
	}
	var doc struct {
		Project struct {
			Dependencies         []string            `toml:"dependencies"`
			OptionalDependencies map[string][]string `toml:"optional-dependencies"`
		} `toml:"project"`
		DependencyGroups map[string][]any `toml:"dependency-groups"`
		Tool             struct {
			Poetry struct {
				Dependencies    map[string]any `toml:"dependencies"`
				DevDependencies map[string]any `toml:"dev-dependencies"`
				Group           map[string]struct {
					Dependencies map[string]any `toml:"dependencies"`
				} `toml:"group"`
			} `toml:"poetry"`
			PDM struct {
				DevDependencies map[string][]string `toml:"dev-dependencies"`
			} `toml:"pdm"`
		} `toml:"tool"`
	}
	if toml.Unmarshal(data, &doc) != nil {
		return nil
	}
	names := map[string]bool{}
	addReqs := func(list []string) {
		for _, r := range list {
			if n := reqName(r); n != "" {
				names[n] = true
			}
		}
	}
	addKeys := func(m map[string]any) {
		for k := range m {
			if n := vouch.NormalizePyPIName(k); n != "" && n != "python" {
				names[n] = true
			}
		}
	}
	addReqs(doc.Project.Dependencies)
	for _, l := range doc.Project.OptionalDependencies {
		addReqs(l)
	}
	for _, l := range doc.DependencyGroups {
		for _, r := range l {
			if s, ok := r.(string); ok {
				addReqs([]string{s})
			}
		}
	}
	addKeys(doc.Tool.Poetry.Dependencies)
	addKeys(doc.Tool.Poetry.DevDependencies)
	for _, g := range doc.Tool.Poetry.Group {
		addKeys(g.Dependencies)
	}
	for _, l := range doc.Tool.PDM.DevDependencies {
		addReqs(l)
	}
	return names
}

// markDirect sets direct for the packages whose names are in direct and
// indirect for the rest; with no names it leaves relationships unknown.
func markDirect(pkgs []vouch.Package, direct map[string]bool) {
	if direct == nil {
		return
	}
	for i := range pkgs {
		if direct[pkgs[i].Name] {
			pkgs[i].Relationship = vouch.RelationshipDirect
		} else {
			pkgs[i].Relationship = vouch.RelationshipIndirect
		}
	}
}

// gitCommit returns the commit pinned by a git URL's "#sha" fragment.
func gitCommit(u string) string {
	_, frag, ok := strings.Cut(u, "#")
	if !ok || !isHex(frag) {
		return ""
	}
	return strings.ToLower(frag)
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

// merge folds packages with the same purl into one — every location, the
// widest scope, direct over indirect, all hashes, licenses and edges —
// and sorts the result by name and version. It does what vouch.Merge
// does for one file's packages without moving the large structs while
// sorting.
func merge(pkgs []vouch.Package) []vouch.Package {
	index := make(map[string]int, len(pkgs))
	order := make([]int, 0, len(pkgs))
	for i := range pkgs {
		p := &pkgs[i]
		j, ok := index[p.PURL]
		if !ok {
			index[p.PURL] = i
			order = append(order, i)
			continue
		}
		q := &pkgs[j]
		q.Locations = append(q.Locations, p.Locations...)
		if p.Scope == vouch.ScopeRuntime || (p.Scope == vouch.ScopeOptional && q.Scope == vouch.ScopeDev) {
			q.Scope = p.Scope
		}
		if p.Relationship == vouch.RelationshipDirect || q.Relationship == vouch.RelationshipUnknown {
			q.Relationship = p.Relationship
		}
		for _, h := range p.Hashes {
			if !slices.Contains(q.Hashes, h) {
				q.Hashes = append(q.Hashes, h)
			}
		}
		for _, l := range p.Licenses {
			if !slices.Contains(q.Licenses, l) {
				q.Licenses = append(q.Licenses, l)
			}
		}
		for _, d := range p.DependsOn {
			if !slices.Contains(q.DependsOn, d) {
				q.DependsOn = append(q.DependsOn, d)
			}
		}
		if q.Commit == "" {
			q.Commit = p.Commit
		}
		for k, v := range p.Metadata {
			if _, ok := q.Metadata[k]; !ok {
				setMeta(q, k, v)
			}
		}
	}
	slices.SortFunc(order, func(a, b int) int {
		if c := strings.Compare(pkgs[a].Name, pkgs[b].Name); c != 0 {
			return c
		}
		if c := strings.Compare(pkgs[a].Version, pkgs[b].Version); c != 0 {
			return c
		}
		return strings.Compare(pkgs[a].PURL, pkgs[b].PURL)
	})
	out := make([]vouch.Package, len(order))
	for i, j := range order {
		out[i] = pkgs[j]
		if len(out[i].Locations) > 1 {
			out[i].Locations = vouch.SortLocations(out[i].Locations)
		}
		slices.Sort(out[i].DependsOn)
	}
	return out
}
