package npm

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"net/url"
	"strings"

	"github.com/vouch-dev/vouch/internal/extractor"
	"github.com/vouch-dev/vouch/internal/vouch"
)

// yarnLock reads yarn.lock, in yarn classic's own text format (v1) and in
// yarn berry's YAML (2 and later, recognised by its __metadata entry).
type yarnLock struct{}

func (yarnLock) Name() string { return "npm/yarn-lock" }

func (yarnLock) Match(p string, mode fs.FileMode) bool {
	return !mode.IsDir() && (p == "yarn.lock" || strings.HasSuffix(p, "/yarn.lock"))
}

func (yarnLock) Extract(ctx context.Context, f *extractor.File) ([]vouch.Package, error) {
	data, err := readAll(ctx, f)
	if err != nil {
		return nil, err
	}
	yl, err := parseYarnLock(data)
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	nodes := yl.graph()
	ms, err := manifests(f.FS, f.Path)
	if err != nil {
		return nil, err
	}
	if len(ms) > 0 {
		yl.applyManifests(nodes, ms)
	} else if yl.berry {
		yl.markWorkspaceDeps(nodes)
	}
	return toPackages(f, nodes), nil
}

// yarnEntry is one entry of a yarn.lock: the descriptors it satisfies and
// what they resolved to.
type yarnEntry struct {
	specs      []string // "name@range" as written in the key
	line       int
	version    string
	resolved   string // classic: the tarball or git URL
	integrity  string // classic
	resolution string // berry: "name@npm:1.2.3"
	deps       []yarnDep
}

type yarnDep struct{ name, rng string }

type yarnFile struct {
	berry   bool
	entries []yarnEntry
	index   map[string]int // descriptor → entry
	buf     []byte
}

// maxYarnValue bounds one quoted token, far above any real descriptor.
const maxYarnValue = 1 << 20

func parseYarnLock(data []byte) (*yarnFile, error) {
	// Entries are separated by blank lines: a cheap bound on their count.
	yf := &yarnFile{entries: make([]yarnEntry, 0, bytes.Count(data, []byte("\n\n"))+1)}
	p := yarnParser{data: data}
	if bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}) {
		p.pos = 3
	}
	if err := p.run(yf); err != nil {
		return nil, err
	}
	yf.index = make(map[string]int, len(yf.entries)*2)
	for i := range yf.entries {
		for _, s := range yf.entries[i].specs {
			yf.index[s] = i
		}
	}
	return yf, nil
}

// yarnParser scans a yarn.lock line by line. Both formats nest by two
// spaces: entries at column 0, their fields at 2, the members of a
// dependency map at 4. Classic separates key and value with a space,
// berry with ": ".
type yarnParser struct {
	data    []byte
	pos     int
	line    int
	started bool // the format is known
	section string
	entry   *yarnEntry
	meta    bool // inside berry's __metadata
}

func (p *yarnParser) errorf(format string, args ...any) error {
	return fmt.Errorf("line %d: %s", p.line, fmt.Sprintf(format, args...))
}

func (p *yarnParser) run(yf *yarnFile) error {
	for p.pos < len(p.data) {
		end := bytes.IndexByte(p.data[p.pos:], '\n')
		var line []byte
		if end < 0 {
			line = p.data[p.pos:]
			p.pos = len(p.data)
		} else {
			line = p.data[p.pos : p.pos+end]
			p.pos += end + 1
		}
		p.line++
		line = bytes.TrimRight(line, " \r")
		indent := 0
		for indent < len(line) && line[indent] == ' ' {
			indent++
		}
		body := line[indent:]
		if len(body) == 0 || body[0] == '#' {
			continue
		}
		if body[0] == '\t' {
			return p.errorf("tab in indentation")
		}
		if !p.started {
			p.started = true
			yf.berry = indent == 0 && (bytes.HasPrefix(body, []byte("__metadata:")) || bytes.HasPrefix(body, []byte(`"__metadata":`)))
		}
		var err error
		switch indent {
		case 0:
			err = p.key(yf, body)
		case 2:
			err = p.field(yf, body)
		case 4:
			err = p.member(yf, body)
		default:
			if indent%2 != 0 || indent > 64 {
				return p.errorf("unexpected indentation of %d spaces", indent)
			}
			if p.section == "" && !p.meta {
				return p.errorf("line nested %d spaces deep outside of a map", indent)
			}
			// Deeper maps (berry's dependenciesMeta) carry nothing vouch reads.
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// key reads an entry's key: one or more descriptors, each quoted or bare,
// separated by ", " (classic quotes each, berry quotes the list), then ":".
func (p *yarnParser) key(yf *yarnFile, body []byte) error {
	p.entry, p.section, p.meta = nil, "", false
	if body[len(body)-1] != ':' {
		return p.errorf("entry key %q does not end with ':'", truncate(body))
	}
	body = body[:len(body)-1]
	var specs []string
	for len(body) > 0 {
		var tok []byte
		var err error
		if body[0] == '"' {
			tok, body, err = p.quoted(body)
			if err != nil {
				return err
			}
		} else {
			i := bytes.IndexByte(body, ',')
			if i < 0 {
				i = len(body)
			}
			tok, body = body[:i], body[i:]
		}
		for len(tok) > 0 {
			s := tok
			if i := bytes.IndexByte(tok, ','); i >= 0 {
				s, tok = tok[:i], tok[i+1:]
			} else {
				tok = nil
			}
			if s = bytes.TrimSpace(s); len(s) > 0 {
				specs = append(specs, string(s))
			}
		}
		body = bytes.TrimLeft(body, " ")
		if len(body) == 0 {
			break
		}
		if body[0] != ',' {
			return p.errorf("expected ',' between descriptors, found %q", truncate(body))
		}
		body = bytes.TrimLeft(body[1:], " ")
	}
	if len(specs) == 0 {
		return p.errorf("empty entry key")
	}
	if len(specs) > maxYarnValue {
		return p.errorf("too many descriptors")
	}
	if specs[0] == "__metadata" {
		p.meta = true
		return nil
	}
	yf.entries = append(yf.entries, yarnEntry{specs: specs, line: p.line})
	p.entry = &yf.entries[len(yf.entries)-1]
	return nil
}

// field reads "key value" (classic) or "key: value" (berry), or the header
// of a nested map.
func (p *yarnParser) field(yf *yarnFile, body []byte) error {
	if p.meta {
		return nil
	}
	if p.entry == nil {
		return p.errorf("field outside of an entry")
	}
	key, value, nested, err := p.pair(yf.berry, body)
	if err != nil {
		return err
	}
	p.section = ""
	if nested {
		switch string(key) {
		case "dependencies":
			p.section = "dependencies"
		case "optionalDependencies":
			p.section = "optionalDependencies"
		default:
			p.section = "other"
		}
		return nil
	}
	e := p.entry
	switch string(key) {
	case "version":
		e.version = string(value)
	case "resolved":
		e.resolved = string(value)
	case "integrity":
		e.integrity = string(value)
	case "resolution":
		e.resolution = string(value)
	}
	return nil
}

// member reads one member of a nested map such as dependencies.
func (p *yarnParser) member(yf *yarnFile, body []byte) error {
	if p.meta {
		return nil
	}
	if p.entry == nil || p.section == "" {
		return p.errorf("map member outside of a map")
	}
	name, rng, nested, err := p.pair(yf.berry, body)
	if err != nil {
		return err
	}
	if nested {
		return nil
	}
	if p.section == "dependencies" || p.section == "optionalDependencies" {
		p.entry.deps = append(p.entry.deps, yarnDep{string(name), string(rng)})
	}
	return nil
}

// pair splits a line into key and value, which alias the input. A key
// with nothing after it opens a nested map.
func (p *yarnParser) pair(berry bool, body []byte) (key, value []byte, nested bool, err error) {
	var rest []byte
	if body[0] == '"' {
		key, rest, err = p.quoted(body)
		if err != nil {
			return nil, nil, false, err
		}
		if berry || (len(rest) > 0 && rest[0] == ':') {
			if len(rest) == 0 || rest[0] != ':' {
				return nil, nil, false, p.errorf("expected ':' after key %q", key)
			}
			rest = rest[1:]
		}
	} else if berry {
		i := bytes.Index(body, []byte(": "))
		if i < 0 {
			if body[len(body)-1] != ':' {
				return nil, nil, false, p.errorf("expected 'key: value', found %q", truncate(body))
			}
			i = len(body) - 1
		}
		key, rest = body[:i], body[i+1:]
	} else {
		i := bytes.IndexByte(body, ' ')
		if i < 0 {
			i = len(body)
		}
		key, rest = body[:i], body[i:]
		if k, ok := bytes.CutSuffix(key, []byte(":")); ok && len(bytes.TrimSpace(rest)) == 0 {
			return k, nil, true, nil
		}
	}
	rest = bytes.TrimLeft(rest, " ")
	if len(rest) == 0 {
		return key, nil, true, nil
	}
	if rest[0] == '"' {
		value, rest, err = p.quoted(rest)
		if err != nil {
			return nil, nil, false, err
		}
		if len(bytes.TrimSpace(rest)) > 0 {
			return nil, nil, false, p.errorf("unexpected %q after quoted value", truncate(rest))
		}
		return key, value, false, nil
	}
	if berry && (rest[0] == '{' || rest[0] == '[' || rest[0] == '|' || rest[0] == '>' || rest[0] == '&' || rest[0] == '*') {
		return nil, nil, false, p.errorf("unsupported YAML syntax %q (yarn writes plain scalars)", truncate(rest))
	}
	return key, rest, false, nil
}

// quoted reads a double-quoted string with JSON escapes at the start of b
// and returns it and what follows.
func (p *yarnParser) quoted(b []byte) ([]byte, []byte, error) {
	escaped := false
	for i := 1; i < len(b) && i < maxYarnValue; i++ {
		switch b[i] {
		case '\\':
			escaped = true
			i++
		case '"':
			if !escaped {
				return b[1:i], b[i+1:], nil
			}
			var s string
			if err := json.Unmarshal(b[:i+1], &s); err != nil {
				return nil, nil, p.errorf("invalid escape in %s", truncate(b[:i+1]))
			}
			return []byte(s), b[i+1:], nil
		}
	}
	return nil, nil, p.errorf("unterminated quoted string %s", truncate(b))
}

func truncate(b []byte) string {
	if len(b) > 60 {
		return string(b[:60]) + "…"
	}
	return string(b)
}

// graph turns entries into nodes with resolved dependency edges.
func (yf *yarnFile) graph() []node {
	nodes := make([]node, len(yf.entries))
	for i := range yf.entries {
		e := &yf.entries[i]
		n := &nodes[i]
		n.line = e.line
		if yf.berry {
			yf.berryIdentity(e, n)
		} else {
			yf.classicIdentity(e, n)
		}
		if !validName(n.name) || !plainVersion(n.version) {
			n.skip = true
		}
		for _, d := range e.deps {
			if j := yf.lookup(d.name, d.rng); j >= 0 && j != i {
				n.deps = append(n.deps, j)
			}
		}
	}
	return nodes
}

// lookup finds the entry a descriptor resolved to.
func (yf *yarnFile) lookup(name, rng string) int {
	yf.buf = append(yf.buf[:0], name...)
	yf.buf = append(yf.buf, '@')
	if yf.berry && !strings.Contains(rng, ":") {
		// Berry before lockfile v8 leaves out the default npm: protocol.
		yf.buf = append(yf.buf, "npm:"...)
	}
	yf.buf = append(yf.buf, rng...)
	if i, ok := yf.index[string(yf.buf)]; ok {
		return i
	}
	return -1
}

func (yf *yarnFile) classicIdentity(e *yarnEntry, n *node) {
	name, rng, _ := splitNameAt(e.specs[0])
	n.name, n.version = name, e.version
	if real, ok := strings.CutPrefix(rng, "npm:"); ok {
		if rn, _, ok := splitNameAt(real); ok {
			n.name = rn
		}
	}
	n.hashes = integrityHashes(e.integrity)
	switch {
	case strings.HasPrefix(rng, "link:"), strings.HasPrefix(rng, "portal:"):
		n.skip = true
	case strings.HasPrefix(rng, "file:"):
		n.source = "file"
	case isGitURL(e.resolved) || isGitURL(rng):
		n.source = "git"
		n.commit = gitCommit(e.resolved)
	default:
		// A registry tarball URL ends in "#<sha1 of the tarball>".
		if _, frag, ok := strings.Cut(e.resolved, "#"); ok && len(frag) == 40 && isHex(frag) {
			h := vouch.Hash{Algorithm: "SHA-1", Value: strings.ToLower(frag)}
			if !containsHash(n.hashes, h) {
				n.hashes = append(n.hashes, h)
			}
		}
	}
}

func (yf *yarnFile) berryIdentity(e *yarnEntry, n *node) {
	res := e.resolution
	if res == "" {
		res = e.specs[0]
	}
	name, ref, _ := splitNameAt(res)
	n.name, n.version = name, e.version
	// A patch of an npm package is still that package.
	for range 4 {
		inner, ok := strings.CutPrefix(ref, "patch:")
		if !ok {
			break
		}
		if i := strings.IndexByte(inner, '#'); i >= 0 {
			inner = inner[:i]
		}
		if u, err := url.PathUnescape(inner); err == nil {
			inner = u
		}
		if in, r, ok := splitNameAt(inner); ok {
			name, ref = in, r
			n.name = name
		} else {
			break
		}
	}
	switch proto, rest, _ := strings.Cut(ref, ":"); proto {
	case "npm":
		if plainVersion(rest) {
			n.version = rest
		}
	case "workspace", "link", "portal", "patch":
		n.skip = true
	case "file":
		n.source = "file"
	default:
		if isGitURL(ref) || strings.Contains(ref, "#commit=") {
			n.source = "git"
			n.commit = gitCommit(ref)
		} else {
			n.source = "tarball"
		}
	}
}

// markWorkspaceDeps marks what berry's workspace entries depend on as
// direct and everything else as indirect.
func (yf *yarnFile) markWorkspaceDeps(nodes []node) {
	var ws []int
	for i := range yf.entries {
		if _, ref, _ := splitNameAt(yf.entries[i].resolution); strings.HasPrefix(ref, "workspace:") {
			ws = append(ws, i)
		}
	}
	if len(ws) == 0 {
		return
	}
	for i := range nodes {
		nodes[i].rel = vouch.RelationshipIndirect
	}
	for _, w := range ws {
		for _, j := range nodes[w].deps {
			nodes[j].rel = vouch.RelationshipDirect
		}
	}
}

// applyManifests marks the dependencies package.json files declare as
// direct and sets every package's scope by what reaches it.
func (yf *yarnFile) applyManifests(nodes []node, ms []*manifest) {
	var runtime, optional, dev []int
	add := func(list *[]int, deps map[string]string) {
		for name, rng := range deps {
			if j := yf.lookup(name, rng); j >= 0 {
				*list = append(*list, j)
			}
		}
	}
	for _, m := range ms {
		add(&runtime, m.Dependencies)
		add(&runtime, m.PeerDependencies)
		add(&optional, m.OptionalDependencies)
		add(&dev, m.DevDependencies)
	}
	for i := range nodes {
		nodes[i].rel = vouch.RelationshipIndirect
	}
	for _, list := range [...][]int{runtime, optional, dev} {
		for _, j := range list {
			nodes[j].rel = vouch.RelationshipDirect
		}
	}
	classify(nodes, runtime, optional, dev)
}
