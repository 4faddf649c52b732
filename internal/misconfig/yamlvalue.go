package misconfig

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// maxYAMLNodes bounds how many nodes one file may expand to, and
// maxAliasNodes how many of those may come from expanding aliases, so that
// a "billion laughs" document cannot exhaust memory or time.
const (
	maxYAMLNodes  = 1 << 21
	maxAliasNodes = 1 << 16
)

// maxYAMLDepth bounds nesting.
const maxYAMLDepth = 200

var errYAMLTooLarge = errors.New("document expands to too many nodes (aliases?)")

// yamlConv turns yaml.Node trees into plain values (map[string]any, []any,
// string, int64, float64, bool, nil) for Rego, keeping the nodes for line
// lookups. tag, when set, converts nodes with a local tag ("!Ref").
type yamlConv struct {
	budget      int
	aliasBudget int
	inAlias     int
	tag         func(c *yamlConv, n *yaml.Node, depth int) (any, error)
}

func newYAMLConv() *yamlConv { return &yamlConv{budget: maxYAMLNodes, aliasBudget: maxAliasNodes} }

// parseYAMLDocs reads every document of a (possibly multi-document) YAML
// or JSON stream.
func parseYAMLDocs(src []byte) ([]*yaml.Node, error) {
	dec := yaml.NewDecoder(bytes.NewReader(src))
	var docs []*yaml.Node
	for {
		var n yaml.Node
		err := dec.Decode(&n)
		if errors.Is(err, io.EOF) {
			return docs, nil
		}
		if err != nil {
			return docs, err
		}
		docs = append(docs, &n)
	}
}

func (c *yamlConv) value(n *yaml.Node, depth int) (any, error) {
	if n == nil {
		return nil, nil
	}
	if c.budget--; c.budget < 0 {
		return nil, errYAMLTooLarge
	}
	if c.inAlias > 0 {
		if c.aliasBudget--; c.aliasBudget < 0 {
			return nil, errYAMLTooLarge
		}
	}
	if depth > maxYAMLDepth {
		return nil, fmt.Errorf("line %d: nesting deeper than %d", n.Line, maxYAMLDepth)
	}
	if c.tag != nil && strings.HasPrefix(n.Tag, "!") && !strings.HasPrefix(n.Tag, "!!") {
		return c.tag(c, n, depth)
	}
	switch n.Kind {
	case yaml.DocumentNode:
		if len(n.Content) == 0 {
			return nil, nil
		}
		return c.value(n.Content[0], depth+1)
	case yaml.AliasNode:
		c.inAlias++
		v, err := c.value(n.Alias, depth+1)
		c.inAlias--
		return v, err
	case yaml.SequenceNode:
		out := make([]any, 0, len(n.Content))
		for _, e := range n.Content {
			v, err := c.value(e, depth+1)
			if err != nil {
				return nil, err
			}
			out = append(out, v)
		}
		return out, nil
	case yaml.MappingNode:
		return c.mapping(n, depth)
	case yaml.ScalarNode:
		return scalarValue(n), nil
	}
	return nil, nil
}

func (c *yamlConv) mapping(n *yaml.Node, depth int) (map[string]any, error) {
	out := make(map[string]any, len(n.Content)/2)
	var merges []*yaml.Node
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind == yaml.ScalarNode && k.Tag == "!!merge" {
			merges = append(merges, v)
			continue
		}
		val, err := c.value(v, depth+1)
		if err != nil {
			return nil, err
		}
		out[keyString(k)] = val
	}
	// Merge keys fill in what the mapping does not say itself.
	for _, m := range merges {
		if m.Kind == yaml.AliasNode {
			m = m.Alias
		}
		srcs := []*yaml.Node{m}
		if m != nil && m.Kind == yaml.SequenceNode {
			srcs = m.Content
		}
		for _, s := range srcs {
			v, err := c.value(s, depth+1)
			if err != nil {
				return nil, err
			}
			if mm, ok := v.(map[string]any); ok {
				for k, x := range mm {
					if _, ok := out[k]; !ok {
						out[k] = x
					}
				}
			}
		}
	}
	return out, nil
}

func keyString(k *yaml.Node) string {
	if k.Kind == yaml.AliasNode && k.Alias != nil {
		k = k.Alias
	}
	return k.Value
}

// scalarValue resolves a scalar by its (implicit or explicit) tag.
func scalarValue(n *yaml.Node) any {
	switch n.ShortTag() {
	case "!!null":
		return nil
	case "!!bool":
		switch strings.ToLower(n.Value) {
		case "true", "yes", "on", "y":
			return true
		}
		return false
	case "!!int":
		s := strings.ReplaceAll(n.Value, "_", "")
		neg := false
		if strings.HasPrefix(s, "-") {
			neg, s = true, s[1:]
		} else {
			s = strings.TrimPrefix(s, "+")
		}
		base := 10
		switch {
		case strings.HasPrefix(s, "0x"), strings.HasPrefix(s, "0X"):
			base, s = 16, s[2:]
		case strings.HasPrefix(s, "0o"), strings.HasPrefix(s, "0O"):
			base, s = 8, s[2:]
		case strings.HasPrefix(s, "0b"), strings.HasPrefix(s, "0B"):
			base, s = 2, s[2:]
		}
		if u, err := strconv.ParseUint(s, base, 63); err == nil {
			if neg {
				return -int64(u)
			}
			return int64(u)
		}
		if f, err := strconv.ParseFloat(n.Value, 64); err == nil && !math.IsInf(f, 0) {
			return f
		}
		return n.Value
	case "!!float":
		f, err := strconv.ParseFloat(strings.ReplaceAll(n.Value, "_", ""), 64)
		if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
			return n.Value
		}
		return f
	}
	return n.Value
}

// yamlLocate finds the lines of path under node: mapping keys by name,
// sequence items by index. The range starts at the key of a mapping
// value and ends at the last line of its subtree.
func yamlLocate(node *yaml.Node, path []any) (int, int, bool) {
	n := node
	start := n.Line
	for _, p := range path {
		for n.Kind == yaml.DocumentNode && len(n.Content) > 0 {
			n = n.Content[0]
		}
		if n.Kind == yaml.AliasNode && n.Alias != nil {
			n = n.Alias
		}
		switch n.Kind {
		case yaml.MappingNode:
			key, ok := p.(string)
			if !ok {
				return 0, 0, false
			}
			found := false
			for i := 0; i+1 < len(n.Content); i += 2 {
				if keyString(n.Content[i]) == key {
					start = n.Content[i].Line
					n = n.Content[i+1]
					found = true
					break
				}
			}
			if !found {
				return 0, 0, false
			}
		case yaml.SequenceNode:
			i, ok := toIndex(p)
			if !ok || i < 0 || i >= len(n.Content) {
				return 0, 0, false
			}
			n = n.Content[i]
			start = n.Line
		default:
			return 0, 0, false
		}
	}
	return start, yamlEndLine(n, 0), true
}

// yamlEndLine is the last line a node's subtree spans.
func yamlEndLine(n *yaml.Node, depth int) int {
	if n == nil || depth > maxYAMLDepth {
		return 0
	}
	end := n.Line
	if n.Kind == yaml.ScalarNode && (n.Style&(yaml.LiteralStyle|yaml.FoldedStyle)) != 0 {
		end += strings.Count(strings.TrimRight(n.Value, "\n"), "\n") + 1
	}
	if len(n.Content) > 0 {
		if e := yamlEndLine(n.Content[len(n.Content)-1], depth+1); e > end {
			end = e
		}
	}
	return end
}

func toIndex(p any) (int, bool) {
	switch v := p.(type) {
	case int:
		return v, true
	case int64:
		return int(v), true
	case float64:
		return int(v), true
	case interface{ Int64() (int64, error) }:
		i, err := v.Int64()
		return int(i), err == nil
	case string:
		i, err := strconv.Atoi(v)
		return i, err == nil
	}
	return 0, false
}

// mapGet walks nested maps by keys.
func mapGet(v any, keys ...string) any {
	for _, k := range keys {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = m[k]
	}
	return v
}

func mapString(v any, keys ...string) string {
	s, _ := mapGet(v, keys...).(string)
	return s
}
