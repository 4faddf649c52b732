package npm

import (
	"bytes"
	"errors"
	"strconv"
	"strings"
	"unicode/utf8"
)

// pnpm writes its lockfile with js-yaml in one fixed style: block
// mappings indented by two spaces, plain or quoted scalars, one-line flow
// mappings and sequences ({integrity: …}, [darwin]) and block sequences
// of scalars. scanPnpm reads exactly that subset, an order of magnitude
// faster than a general YAML decoder; anything else (anchors, tags, block
// scalars, nested flow collections, several documents) is
// errUnsupportedYAML, and the caller falls back to go.yaml.in/yaml/v3.

var errUnsupportedYAML = errors.New("YAML outside the subset pnpm writes")

// ynode is a node of the subset: a scalar, a mapping (keys in order) or a
// sequence.
type ynode struct {
	kind  byte // 's', 'm' or 'l'
	value string
	keys  []string
	vals  []*ynode
}

func (n *ynode) get(key string) *ynode {
	if n == nil || n.kind != 'm' {
		return nil
	}
	for i, k := range n.keys {
		if k == key {
			return n.vals[i]
		}
	}
	return nil
}

func (n *ynode) str() string {
	if n == nil || n.kind != 's' {
		return ""
	}
	return n.value
}

type yline struct {
	indent int
	text   string // without indentation
}

type yscanner struct {
	lines []yline
	pos   int
	depth int
}

// scanPnpm parses data into a tree, or fails with errUnsupportedYAML.
func scanPnpm(data []byte) (*ynode, error) {
	s := &yscanner{}
	if bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}) {
		data = data[3:]
	}
	if !printable(data) {
		return nil, errUnsupportedYAML
	}
	for rest := data; len(rest) > 0; {
		var line []byte
		if i := bytes.IndexByte(rest, '\n'); i >= 0 {
			line, rest = rest[:i], rest[i+1:]
		} else {
			line, rest = rest, nil
		}
		line = bytes.TrimRight(line, " \r")
		indent := 0
		for indent < len(line) && line[indent] == ' ' {
			indent++
		}
		text := line[indent:]
		if len(text) == 0 || text[0] == '#' {
			continue
		}
		if text[0] == '\t' || bytes.HasPrefix(line, []byte("---")) || bytes.HasPrefix(line, []byte("...")) || text[0] == '%' {
			return nil, errUnsupportedYAML
		}
		s.lines = append(s.lines, yline{indent, string(text)})
	}
	if len(s.lines) == 0 {
		return nil, errUnsupportedYAML
	}
	if s.lines[0].indent != 0 {
		return nil, errUnsupportedYAML
	}
	root, err := s.mapping(0)
	if err != nil {
		return nil, err
	}
	if s.pos != len(s.lines) {
		return nil, errUnsupportedYAML
	}
	return root, nil
}

// printable reports whether data is valid UTF-8 made of the characters
// YAML allows in a stream.
func printable(data []byte) bool {
	for i := 0; i < len(data); {
		c := data[i]
		if c < utf8.RuneSelf {
			if c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0x7f {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size == 1 {
			return false
		}
		if r >= 0x80 && r <= 0x9f && r != 0x85 || r >= 0xd800 && r <= 0xdfff || r == 0xfffe || r == 0xffff || r == 0xfeff {
			return false
		}
		i += size
	}
	return true
}

// mapping reads a block mapping whose keys sit at indent.
func (s *yscanner) mapping(indent int) (*ynode, error) {
	if s.depth++; s.depth > 32 {
		return nil, errUnsupportedYAML
	}
	defer func() { s.depth-- }()
	n := &ynode{kind: 'm'}
	var seen map[string]bool
	for s.pos < len(s.lines) {
		l := s.lines[s.pos]
		if l.indent < indent {
			break
		}
		if l.indent > indent || strings.HasPrefix(l.text, "- ") || l.text == "-" {
			return nil, errUnsupportedYAML
		}
		key, rest, err := splitKey(l.text)
		if err != nil {
			return nil, err
		}
		s.pos++
		var v *ynode
		if rest == "" {
			v, err = s.nested(indent)
		} else {
			v, err = inline(rest)
		}
		if err != nil {
			return nil, err
		}
		// A repeated key is an error for a YAML decoder; let it report it.
		if len(n.keys) >= 8 {
			if seen == nil {
				seen = make(map[string]bool, 16)
				for _, k := range n.keys {
					seen[k] = true
				}
			}
			if seen[key] {
				return nil, errUnsupportedYAML
			}
			seen[key] = true
		} else {
			for _, k := range n.keys {
				if k == key {
					return nil, errUnsupportedYAML
				}
			}
		}
		n.keys = append(n.keys, key)
		n.vals = append(n.vals, v)
	}
	return n, nil
}

// nested reads the block value of a key at indent that had nothing after
// its colon: a deeper mapping, a sequence, or nothing (null).
func (s *yscanner) nested(indent int) (*ynode, error) {
	if s.pos >= len(s.lines) {
		return &ynode{kind: 's'}, nil
	}
	l := s.lines[s.pos]
	isSeq := strings.HasPrefix(l.text, "- ") || l.text == "-"
	switch {
	case isSeq && l.indent >= indent:
		return s.sequence(l.indent)
	case l.indent > indent:
		return s.mapping(l.indent)
	}
	return &ynode{kind: 's'}, nil
}

// sequence reads a block sequence of scalars at indent.
func (s *yscanner) sequence(indent int) (*ynode, error) {
	n := &ynode{kind: 'l'}
	for s.pos < len(s.lines) {
		l := s.lines[s.pos]
		if l.indent != indent || !(strings.HasPrefix(l.text, "- ") || l.text == "-") {
			if l.indent > indent {
				return nil, errUnsupportedYAML
			}
			break
		}
		item := strings.TrimSpace(strings.TrimPrefix(l.text, "-"))
		if _, _, err := splitKey(item); err == nil && item != "" && item[0] != '\'' && item[0] != '"' {
			return nil, errUnsupportedYAML // a mapping inside a sequence
		}
		v, err := inline(item)
		if err != nil || v.kind != 's' {
			return nil, errUnsupportedYAML
		}
		n.vals = append(n.vals, v)
		s.pos++
	}
	return n, nil
}

// splitKey cuts "key: rest" or "key:" into the key and what follows.
func splitKey(text string) (key, rest string, err error) {
	switch text[0] {
	case '\'', '"':
		k, after, err := quotedScalar(text)
		if err != nil {
			return "", "", err
		}
		if !strings.HasPrefix(after, ":") {
			return "", "", errUnsupportedYAML
		}
		after = after[1:]
		if after != "" && after[0] != ' ' {
			return "", "", errUnsupportedYAML
		}
		return k, strings.TrimSpace(after), nil
	}
	i := strings.Index(text, ": ")
	if i < 0 {
		if !strings.HasSuffix(text, ":") {
			return "", "", errUnsupportedYAML
		}
		i = len(text) - 1
	}
	key = text[:i]
	// A plain key may not start with an indicator, end in white space or
	// hold a comment.
	if key == "" || strings.IndexByte(",[]{}#&*!|>'\"%@`", key[0]) >= 0 || strings.Contains(key, " #") || strings.HasSuffix(key, " ") ||
		(key[0] == '-' || key[0] == '?' || key[0] == ':') && (len(key) == 1 || key[1] == ' ') {
		return "", "", errUnsupportedYAML
	}
	return key, strings.TrimSpace(text[i+1:]), nil
}

// inline reads the value after a key on the same line.
func inline(s string) (*ynode, error) {
	switch s[0] {
	case '{':
		return flow(s, '{', '}')
	case '[':
		return flow(s, '[', ']')
	case '\'', '"':
		v, rest, err := quotedScalar(s)
		if err != nil {
			return nil, err
		}
		if rest = strings.TrimSpace(rest); rest != "" && rest[0] != '#' {
			return nil, errUnsupportedYAML
		}
		return &ynode{kind: 's', value: v}, nil
	case '&', '*', '!', '|', '>', '@', '`', '%', ',', '#', ']', '}':
		return nil, errUnsupportedYAML
	case '-', '?', ':':
		if len(s) == 1 || s[1] == ' ' {
			return nil, errUnsupportedYAML
		}
	}
	if i := strings.Index(s, " #"); i >= 0 {
		s = strings.TrimSpace(s[:i])
	}
	if strings.Contains(s, ": ") || strings.HasSuffix(s, ":") {
		return nil, errUnsupportedYAML
	}
	return &ynode{kind: 's', value: plainValue(s)}, nil
}

// plainValue reads a plain scalar as a string the way yaml.v3 decodes it
// into a string field: null spellings are empty, the rest is the text.
func plainValue(s string) string {
	switch s {
	case "~", "null", "Null", "NULL":
		return ""
	}
	return s
}

// flow reads a one-line flow mapping or sequence of scalars.
func flow(s string, open, close byte) (*ynode, error) {
	if s[len(s)-1] != close {
		return nil, errUnsupportedYAML
	}
	body := strings.TrimSpace(s[1 : len(s)-1])
	n := &ynode{kind: 'l'}
	if open == '{' {
		n.kind = 'm'
	}
	for body != "" {
		var item string
		switch body[0] {
		case '\'', '"':
			v, rest, err := quotedScalar(body)
			if err != nil {
				return nil, err
			}
			item, body = body[:len(body)-len(rest)], rest
			if open == '[' {
				n.vals = append(n.vals, &ynode{kind: 's', value: v})
				item = ""
			}
		case '{', '[', '&', '*', '!':
			return nil, errUnsupportedYAML
		}
		if item == "" || open == '{' {
			i := strings.IndexByte(body, ',')
			if i < 0 {
				i = len(body)
			}
			item += body[:i]
			body = body[i:]
		}
		body = strings.TrimSpace(body)
		if strings.HasPrefix(body, ",") {
			body = strings.TrimSpace(body[1:])
		} else if body != "" {
			return nil, errUnsupportedYAML
		}
		item = strings.TrimSpace(item)
		if item == "" {
			continue
		}
		if open == '[' {
			v, err := scalarText(item)
			if err != nil {
				return nil, err
			}
			n.vals = append(n.vals, &ynode{kind: 's', value: v})
			continue
		}
		k, v, ok := strings.Cut(item, ": ")
		if !ok || strings.TrimSpace(k) == "" {
			return nil, errUnsupportedYAML
		}
		key, err := scalarText(strings.TrimSpace(k))
		if err != nil {
			return nil, err
		}
		val, err := scalarText(strings.TrimSpace(v))
		if err != nil {
			return nil, err
		}
		n.keys = append(n.keys, key)
		n.vals = append(n.vals, &ynode{kind: 's', value: val})
	}
	return n, nil
}

// scalarText reads a lone quoted or plain scalar inside a flow collection.
func scalarText(s string) (string, error) {
	if s == "" {
		return "", nil
	}
	if s[0] == '\'' || s[0] == '"' {
		v, rest, err := quotedScalar(s)
		if err != nil || rest != "" {
			return "", errUnsupportedYAML
		}
		return v, nil
	}
	// Indicators may not start a plain scalar; flow indicators may not
	// appear in one inside a flow collection.
	if strings.IndexByte("{}[]&*!|>'\"#%@`?-,:", s[0]) >= 0 && !(s[0] == '-' && len(s) > 1 && s[1] != ' ') ||
		strings.ContainsAny(s, "{}[],") || strings.Contains(s, ": ") || strings.Contains(s, " #") || strings.HasSuffix(s, ":") {
		return "", errUnsupportedYAML
	}
	return plainValue(s), nil
}

// quotedScalar reads a single- or double-quoted scalar at the start of s
// and returns it and what follows.
func quotedScalar(s string) (string, string, error) {
	q := s[0]
	if q == '\'' {
		var b strings.Builder
		for i := 1; i < len(s); i++ {
			if s[i] == '\'' {
				if i+1 < len(s) && s[i+1] == '\'' {
					b.WriteByte('\'')
					i++
					continue
				}
				return b.String(), s[i+1:], nil
			}
			b.WriteByte(s[i])
		}
		return "", "", errUnsupportedYAML
	}
	for i := 1; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case '"':
			v, err := strconv.Unquote(s[:i+1])
			if err != nil {
				return "", "", errUnsupportedYAML
			}
			return v, s[i+1:], nil
		}
	}
	return "", "", errUnsupportedYAML
}

// pnpmFromTree fills a pnpmFile from the scanned tree, as yaml.v3 would
// decode it.
func pnpmFromTree(root *ynode) (*pnpmFile, error) {
	pf := &pnpmFile{LockfileVersion: root.get("lockfileVersion").str()}
	var err error
	// A struct or map must come from a mapping or be null, as for yaml.v3.
	structured := func(n *ynode) *ynode {
		if n != nil && n.kind != 'm' && (n.kind != 's' || n.value != "") {
			err = errUnsupportedYAML
		}
		return n
	}
	if v := root.get("lockfileVersion"); v != nil && v.kind != 's' {
		err = errUnsupportedYAML
	}
	refs := func(n *ynode) map[string]pnpmRef {
		if structured(n) == nil || n.kind != 'm' {
			return nil
		}
		m := make(map[string]pnpmRef, len(n.keys))
		for i, k := range n.keys {
			v := n.vals[i]
			switch v.kind {
			case 's':
				m[k] = pnpmRef{Version: v.value}
			case 'm':
				if ver := v.get("version"); ver != nil && ver.kind != 's' {
					err = errUnsupportedYAML
				}
				m[k] = pnpmRef{Version: v.get("version").str()}
			default:
				err = errUnsupportedYAML
			}
		}
		return m
	}
	strs := func(n *ynode) map[string]string {
		if n == nil || n.kind != 'm' {
			if n != nil && (n.kind != 's' || n.value != "") {
				err = errUnsupportedYAML
			}
			return nil
		}
		m := make(map[string]string, len(n.keys))
		for i, k := range n.keys {
			if n.vals[i].kind != 's' {
				err = errUnsupportedYAML
			}
			m[k] = n.vals[i].value
		}
		return m
	}
	boolean := func(n *ynode) *bool {
		if n == nil {
			return nil
		}
		var b bool
		switch n.str() {
		case "true", "True", "TRUE":
			b = true
		case "false", "False", "FALSE", "":
		default:
			err = errUnsupportedYAML
		}
		return &b
	}
	if imp := structured(root.get("importers")); imp != nil && imp.kind == 'm' {
		pf.Importers = make(map[string]pnpmImporter, len(imp.keys))
		for i, k := range imp.keys {
			v := structured(imp.vals[i])
			pf.Importers[k] = pnpmImporter{
				Dependencies:         refs(v.get("dependencies")),
				DevDependencies:      refs(v.get("devDependencies")),
				OptionalDependencies: refs(v.get("optionalDependencies")),
			}
		}
	}
	pf.Dependencies = refs(root.get("dependencies"))
	pf.DevDependencies = refs(root.get("devDependencies"))
	pf.OptionalDependencies = refs(root.get("optionalDependencies"))
	if pk := structured(root.get("packages")); pk != nil && pk.kind == 'm' {
		pf.Packages = make(map[string]pnpmPackage, len(pk.keys))
		for i, k := range pk.keys {
			v := structured(pk.vals[i])
			var p pnpmPackage
			if r := structured(v.get("resolution")); r != nil {
				for _, f := range r.vals {
					if f.kind != 's' {
						err = errUnsupportedYAML
					}
				}
				p.Resolution.Integrity = r.get("integrity").str()
				p.Resolution.Tarball = r.get("tarball").str()
				p.Resolution.Commit = r.get("commit").str()
				p.Resolution.Repo = r.get("repo").str()
				p.Resolution.Type = r.get("type").str()
				p.Resolution.Directory = r.get("directory").str()
			}
			for _, f := range [...]string{"name", "version", "dev", "optional"} {
				if x := v.get(f); x != nil && x.kind != 's' {
					err = errUnsupportedYAML
				}
			}
			p.Name = v.get("name").str()
			p.Version = v.get("version").str()
			p.Dependencies = strs(v.get("dependencies"))
			p.OptionalDependencies = strs(v.get("optionalDependencies"))
			p.Dev = boolean(v.get("dev"))
			if o := boolean(v.get("optional")); o != nil {
				p.Optional = *o
			}
			pf.Packages[k] = p
		}
	}
	if sn := structured(root.get("snapshots")); sn != nil && sn.kind == 'm' {
		pf.Snapshots = make(map[string]pnpmSnapshot, len(sn.keys))
		for i, k := range sn.keys {
			v := structured(sn.vals[i])
			if x := v.get("optional"); x != nil && x.kind != 's' {
				err = errUnsupportedYAML
			}
			var snap pnpmSnapshot
			snap.Dependencies = strs(v.get("dependencies"))
			snap.OptionalDependencies = strs(v.get("optionalDependencies"))
			if o := boolean(v.get("optional")); o != nil {
				snap.Optional = *o
			}
			pf.Snapshots[k] = snap
		}
	}
	if err != nil {
		return nil, err
	}
	return pf, nil
}
