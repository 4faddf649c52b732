package suppress

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"
	"time"
	"unicode"

	"go.yaml.in/yaml/v3"

	"github.com/vouch-dev/vouch/internal/vouch"
)

// DefaultIgnoreFile is the ignore file vouch reads when none is named.
const DefaultIgnoreFile = ".vouchignore.yaml"

// MaxIgnoreFileSize caps an ignore file; a larger one is an error.
const MaxIgnoreFileSize = 1 << 20

// Rule is one entry of an ignore file.
type Rule struct {
	ID      string    // advisory id, alias, secret rule id or check id
	Package string    // optional: purl, "name" or "name@version"
	Path    string    // optional: glob over the finding's file path
	Reason  string    // why the risk is accepted; never empty
	Expires time.Time // zero: never; else midnight UTC of the last day it suppresses
	Source  string    // the file it came from
	Line    int       // the line of its entry

	pkg  *pkgMatcher
	glob *glob
}

// IgnoreFile is a parsed ignore file.
type IgnoreFile struct {
	Path  string
	Rules []Rule
}

// LoadIgnoreFile reads an ignore file. A missing file is an empty
// IgnoreFile and no error unless required is set: callers pass
// required=false for the default path (DefaultIgnoreFile, which most
// projects do not have) and true for a path the user named.
func LoadIgnoreFile(path string, required bool) (*IgnoreFile, error) {
	f, err := os.Open(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) && !required {
			return &IgnoreFile{Path: path}, nil
		}
		return nil, vouch.Input(fmt.Errorf("read ignore file: %w", err), "check the --ignore-file path")
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxIgnoreFileSize+1))
	if err != nil {
		return nil, vouch.Input(fmt.Errorf("read ignore file %s: %w", path, err), "")
	}
	if len(data) > MaxIgnoreFileSize {
		return nil, vouch.Input(fmt.Errorf("ignore file %s: larger than %d bytes", path, MaxIgnoreFileSize), "")
	}
	return ParseIgnoreFile(path, data)
}

// ParseIgnoreFile parses the contents of an ignore file; name is used in
// errors and as each rule's Source.
func ParseIgnoreFile(name string, data []byte) (_ *IgnoreFile, err error) {
	defer func() {
		// The YAML parser takes untrusted input; a bug in it must not
		// take the run down.
		if r := recover(); r != nil {
			err = vouch.Input(fmt.Errorf("ignore file %s: malformed YAML (%v)", name, r), "")
		}
	}()
	out := &IgnoreFile{Path: name}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return out, nil // empty file
		}
		return nil, yamlError(name, err)
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); !errors.Is(err, io.EOF) {
		line := extra.Line
		if err != nil {
			return nil, yamlError(name, err)
		}
		return nil, lineError(name, line, "more than one YAML document; put every entry under one ignore: list")
	}
	if len(doc.Content) == 0 {
		return out, nil
	}
	root := doc.Content[0]
	var list *yaml.Node
	switch root.Kind {
	case yaml.SequenceNode:
		list = root
	case yaml.MappingNode:
		for i := 0; i+1 < len(root.Content); i += 2 {
			k, v := root.Content[i], root.Content[i+1]
			if k.Kind != yaml.ScalarNode || k.Value != "ignore" {
				return nil, lineError(name, k.Line, fmt.Sprintf("unknown key %q (want ignore)", keyText(k)))
			}
			if list != nil {
				return nil, lineError(name, k.Line, "ignore: given twice")
			}
			switch {
			case v.Kind == yaml.SequenceNode:
				list = v
			case v.Kind == yaml.ScalarNode && v.Tag == "!!null":
				list = &yaml.Node{Kind: yaml.SequenceNode}
			default:
				return nil, lineError(name, v.Line, "ignore: want a list of entries")
			}
		}
	case yaml.ScalarNode:
		if root.Tag == "!!null" {
			return out, nil
		}
		return nil, lineError(name, root.Line, "want a list of entries under ignore:")
	default:
		return nil, lineError(name, root.Line, "want a list of entries under ignore:")
	}
	if list == nil {
		return out, nil
	}
	for _, n := range list.Content {
		r, err := parseRule(name, n)
		if err != nil {
			return nil, err
		}
		out.Rules = append(out.Rules, r)
	}
	return out, nil
}

func parseRule(file string, n *yaml.Node) (Rule, error) {
	r := Rule{Source: file, Line: n.Line}
	if n.Kind != yaml.MappingNode {
		return r, lineError(file, n.Line, "an entry must be a mapping with id and reason")
	}
	seen := map[string]bool{}
	var expires string
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		key := keyText(k)
		if k.Kind != yaml.ScalarNode {
			return r, lineError(file, k.Line, "keys must be plain words")
		}
		if seen[key] {
			return r, lineError(file, k.Line, fmt.Sprintf("%s: given twice", key))
		}
		seen[key] = true
		if v.Kind != yaml.ScalarNode {
			return r, lineError(file, v.Line, fmt.Sprintf("%s: want a single value", key))
		}
		val := strings.TrimSpace(v.Value)
		if v.Tag == "!!null" {
			val = ""
		}
		switch key {
		case "id":
			r.ID = val
		case "package":
			r.Package = val
		case "path":
			r.Path = val
		case "reason":
			r.Reason = val
		case "expires":
			expires = val
		default:
			return r, lineError(file, k.Line, fmt.Sprintf("unknown key %q (want id, package, path, reason, expires)", key))
		}
	}
	switch {
	case r.ID == "":
		return r, lineError(file, n.Line, "entry has no id")
	case strings.ContainsFunc(r.ID, unicode.IsSpace):
		return r, lineError(file, n.Line, fmt.Sprintf("id %q contains a space", r.ID))
	case hasControl(r.ID) || hasControl(r.Package) || hasControl(r.Path):
		return r, lineError(file, n.Line, "id, package and path must not contain control characters")
	case r.Reason == "":
		return r, &vouch.InputError{
			Err:  fmt.Errorf("ignore file %s:%d: entry for %s has no reason", file, n.Line, r.ID),
			Hint: "every accepted risk needs a reason: add reason: with why it is acceptable",
		}
	}
	if expires != "" {
		t, err := time.Parse(time.DateOnly, expires)
		if err != nil {
			return r, lineError(file, n.Line, fmt.Sprintf("expires %q: want a date as YYYY-MM-DD", expires))
		}
		r.Expires = t
	}
	if r.Package != "" {
		m, err := parsePkgMatcher(r.Package)
		if err != nil {
			return r, lineError(file, n.Line, err.Error())
		}
		r.pkg = &m
	}
	if r.Path != "" {
		g, err := compileGlob(r.Path)
		if err != nil {
			return r, lineError(file, n.Line, err.Error())
		}
		r.glob = &g
	}
	return r, nil
}

func keyText(k *yaml.Node) string {
	if k.Kind == yaml.ScalarNode {
		return k.Value
	}
	return "?"
}

// expired reports whether r no longer suppresses at now: its expires day
// has ended in UTC.
func (r *Rule) expired(now time.Time) bool {
	return !r.Expires.IsZero() && !now.Before(r.Expires.AddDate(0, 0, 1))
}

// until is the expiry as written, or "".
func (r *Rule) until() string {
	if r.Expires.IsZero() {
		return ""
	}
	return r.Expires.Format(time.DateOnly)
}

func (r *Rule) where() string { return fmt.Sprintf("%s:%d", r.Source, r.Line) }

func lineError(file string, line int, msg string) error {
	return vouch.Input(fmt.Errorf("ignore file %s:%d: %s", file, line, msg), "see docs/SUPPRESS.md for the format")
}

// yamlError turns a parser error ("yaml: line 3: mapping values are not
// allowed in this context") into one that names the file.
func yamlError(file string, err error) error {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	if rest, ok := strings.CutPrefix(msg, "line "); ok {
		if i := strings.IndexByte(rest, ':'); i > 0 {
			return vouch.Input(fmt.Errorf("ignore file %s:%s: malformed YAML:%s", file, rest[:i], rest[i+1:]), "")
		}
	}
	return vouch.Input(fmt.Errorf("ignore file %s: malformed YAML: %s", file, msg), "")
}

func hasControl(s string) bool {
	return strings.ContainsFunc(s, unicode.IsControl)
}

// printable replaces control characters, so that text from a document
// cannot drive the terminal a warning is printed on.
func printable(s string) string {
	if !hasControl(s) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return '\uFFFD'
		}
		return r
	}, s)
}
