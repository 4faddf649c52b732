package misconfig

import (
	"strings"

	"go.yaml.in/yaml/v3"
)

// Kubernetes manifests: every document of a multi-document file that has
// apiVersion and kind, the items of List objects (v1 List, DeploymentList
// …), whatever the workload kind. Helm-rendered output is such a file.

func isKubernetesObject(v any) bool {
	m, ok := v.(map[string]any)
	if !ok {
		return false
	}
	av, ok1 := m["apiVersion"].(string)
	k, ok2 := m["kind"].(string)
	return ok1 && ok2 && av != "" && k != ""
}

// kubernetesDoc adds the objects of one YAML document to doc.
func kubernetesDoc(doc *document, node *yaml.Node, v any, rel string, ignores *ignoreIndex, depth int) {
	m, ok := v.(map[string]any)
	if !ok || depth > 4 {
		return
	}
	kind, _ := m["kind"].(string)
	if items, ok := m["items"].([]any); ok && strings.HasSuffix(kind, "List") {
		for i, it := range items {
			if !isKubernetesObject(it) {
				continue
			}
			n := yamlChild(node, []any{"items", i})
			if n == nil {
				continue
			}
			kubernetesDoc(doc, n, it, rel, ignores, depth+1)
		}
		return
	}
	if !isKubernetesObject(m) {
		return
	}
	name := mapString(m, "metadata", "name")
	if name == "" {
		name = mapString(m, "metadata", "generateName")
	}
	addr := kind + "/" + name
	if ns := mapString(m, "metadata", "namespace"); ns != "" {
		addr = kind + "/" + ns + "/" + name
	}
	start, end, _ := yamlLocate(node, nil)
	n := node
	doc.add(&resource{
		typ: kind, name: name, address: addr, attrs: m, path: rel,
		line: start, endLine: end, ignores: ignores,
		locate: func(p []any) (int, int, bool) { return yamlLocate(n, p) },
	})
}

// yamlChild returns the node at path, or nil.
func yamlChild(node *yaml.Node, path []any) *yaml.Node {
	n := node
	for _, p := range path {
		for n.Kind == yaml.DocumentNode && len(n.Content) > 0 {
			n = n.Content[0]
		}
		if n.Kind == yaml.AliasNode && n.Alias != nil {
			n = n.Alias
		}
		switch n.Kind {
		case yaml.MappingNode:
			key, _ := p.(string)
			var next *yaml.Node
			for i := 0; i+1 < len(n.Content); i += 2 {
				if keyString(n.Content[i]) == key {
					next = n.Content[i+1]
					break
				}
			}
			if next == nil {
				return nil
			}
			n = next
		case yaml.SequenceNode:
			i, ok := toIndex(p)
			if !ok || i < 0 || i >= len(n.Content) {
				return nil
			}
			n = n.Content[i]
		default:
			return nil
		}
	}
	for n.Kind == yaml.DocumentNode && len(n.Content) > 0 {
		n = n.Content[0]
	}
	return n
}
