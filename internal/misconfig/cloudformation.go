package misconfig

import (
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// CloudFormation templates, YAML or JSON. Short-form intrinsics ("!Ref X",
// "!GetAtt A.B", "!Sub …") are read as their long form ({"Ref": "X"}),
// then resolved as far as the template alone allows: parameters by their
// defaults, pseudo parameters, mappings, conditions, Fn::Sub, Fn::Join,
// Fn::Select, Fn::If and AWS::NoValue. What stays unknown (a reference to
// another resource, an import) keeps its long form, so a check sees that
// an encryption key is "set to something" without guessing its value.

// cfnTag converts a node with a local tag into an intrinsic function call.
func cfnTag(c *yamlConv, n *yaml.Node, depth int) (any, error) {
	tag := strings.TrimPrefix(n.Tag, "!")
	// Convert the node itself without its tag.
	saved := n.Tag
	n.Tag = ""
	if n.Kind == yaml.ScalarNode {
		n.Tag = "!!str"
	}
	v, err := c.value(n, depth+1)
	n.Tag = saved
	if err != nil {
		return nil, err
	}
	switch tag {
	case "Ref":
		return map[string]any{"Ref": v}, nil
	case "Condition":
		return map[string]any{"Condition": v}, nil
	case "GetAtt":
		if s, ok := v.(string); ok {
			a, b, _ := strings.Cut(s, ".")
			return map[string]any{"Fn::GetAtt": []any{a, b}}, nil
		}
		return map[string]any{"Fn::GetAtt": v}, nil
	case "reference": // GitLab CI's !reference [.job, script]
		return map[string]any{"!reference": v}, nil
	}
	return map[string]any{"Fn::" + tag: v}, nil
}

func isCloudFormation(v any) bool {
	m, ok := v.(map[string]any)
	if !ok {
		return false
	}
	if _, ok := m["AWSTemplateFormatVersion"]; ok {
		return true
	}
	rs, ok := m["Resources"].(map[string]any)
	if !ok {
		return false
	}
	for _, r := range rs {
		if t := mapString(r, "Type"); strings.HasPrefix(t, "AWS::") || strings.HasPrefix(t, "Custom::") {
			return true
		}
	}
	return false
}

type cfnResolver struct {
	params     map[string]any
	mappings   map[string]any
	conditions map[string]any
	condCache  map[string]int8 // 1 true, -1 false, 0 unknown
	visiting   map[string]bool
}

// cfnNoValue marks AWS::NoValue: the property is removed.
type cfnNoValue struct{}

func parseCloudFormation(root *yaml.Node, v any, rel string, ignores *ignoreIndex) *document {
	m := v.(map[string]any)
	r := &cfnResolver{
		params:     map[string]any{},
		condCache:  map[string]int8{},
		visiting:   map[string]bool{},
		conditions: asMap(m["Conditions"]),
		mappings:   asMap(m["Mappings"]),
	}
	for name, p := range asMap(m["Parameters"]) {
		if d, ok := asMap(p)["Default"]; ok {
			if t := mapString(p, "Type"); strings.HasPrefix(t, "List<") || t == "CommaDelimitedList" {
				if s, ok := d.(string); ok {
					parts := strings.Split(s, ",")
					l := make([]any, len(parts))
					for i, x := range parts {
						l[i] = strings.TrimSpace(x)
					}
					d = l
				}
			}
			r.params[name] = d
		}
	}
	doc := &document{kind: KindCloudFormation, path: rel}
	for id, res := range asMap(m["Resources"]) {
		rm := asMap(res)
		typ, _ := rm["Type"].(string)
		if typ == "" {
			continue
		}
		if c, ok := rm["Condition"].(string); ok && r.condition(c, 0) < 0 {
			continue // never created
		}
		props, _ := r.resolve(rm["Properties"], 0).(map[string]any)
		if props == nil {
			props = map[string]any{}
		}
		start, end, _ := yamlLocate(root, []any{"Resources", id})
		rid := id
		doc.add(&resource{
			typ: typ, name: id, address: id, attrs: props, path: rel,
			line: start, endLine: end, ignores: ignores,
			locate: func(p []any) (int, int, bool) {
				return yamlLocate(root, append([]any{"Resources", rid, "Properties"}, p...))
			},
		})
	}
	sortResources(doc)
	return doc
}

func asMap(v any) map[string]any {
	m, _ := v.(map[string]any)
	return m
}

var cfnPseudo = map[string]any{
	"AWS::Region": "us-east-1", "AWS::Partition": "aws", "AWS::URLSuffix": "amazonaws.com",
}

// resolve evaluates intrinsic functions as far as the template allows.
func (r *cfnResolver) resolve(v any, depth int) any {
	if depth > 64 {
		return v
	}
	switch x := v.(type) {
	case []any:
		out := make([]any, 0, len(x))
		for _, e := range x {
			e = r.resolve(e, depth+1)
			if _, no := e.(cfnNoValue); no {
				continue
			}
			out = append(out, e)
		}
		return out
	case map[string]any:
		if len(x) == 1 {
			for k, arg := range x {
				if k == "Ref" || strings.HasPrefix(k, "Fn::") {
					return r.intrinsic(k, arg, depth)
				}
			}
		}
		out := make(map[string]any, len(x))
		for k, e := range x {
			e = r.resolve(e, depth+1)
			if _, no := e.(cfnNoValue); no {
				continue
			}
			out[k] = e
		}
		return out
	}
	return v
}

func (r *cfnResolver) intrinsic(fn string, arg any, depth int) any {
	keep := map[string]any{fn: arg}
	switch fn {
	case "Ref":
		name, _ := arg.(string)
		if name == "AWS::NoValue" {
			return cfnNoValue{}
		}
		if v, ok := r.params[name]; ok {
			return v
		}
		if v, ok := cfnPseudo[name]; ok {
			return v
		}
		return keep
	case "Fn::If":
		l, _ := arg.([]any)
		if len(l) != 3 {
			return keep
		}
		c, _ := l[0].(string)
		if r.condition(c, depth+1) < 0 {
			return r.resolve(l[2], depth+1)
		}
		return r.resolve(l[1], depth+1)
	case "Fn::Sub":
		var tmpl string
		vars := map[string]any{}
		switch a := arg.(type) {
		case string:
			tmpl = a
		case []any:
			if len(a) > 0 {
				tmpl, _ = a[0].(string)
			}
			if len(a) > 1 {
				for k, e := range asMap(a[1]) {
					vars[k] = r.resolve(e, depth+1)
				}
			}
		}
		if tmpl == "" {
			return keep
		}
		return r.sub(tmpl, vars)
	case "Fn::Join":
		l, _ := arg.([]any)
		if len(l) != 2 {
			return keep
		}
		sep, _ := l[0].(string)
		items, ok := r.resolve(l[1], depth+1).([]any)
		if !ok {
			return keep
		}
		parts := make([]string, 0, len(items))
		for _, it := range items {
			s, ok := scalarString(it)
			if !ok {
				return map[string]any{fn: []any{sep, items}}
			}
			parts = append(parts, s)
		}
		return strings.Join(parts, sep)
	case "Fn::Select":
		l, _ := arg.([]any)
		if len(l) != 2 {
			return keep
		}
		i, ok := toIndex(r.resolve(l[0], depth+1))
		items, ok2 := r.resolve(l[1], depth+1).([]any)
		if !ok || !ok2 || i < 0 || i >= len(items) {
			return keep
		}
		return items[i]
	case "Fn::FindInMap":
		l, _ := arg.([]any)
		if len(l) < 3 {
			return keep
		}
		cur := any(r.mappings)
		for _, k := range l[:3] {
			ks, ok := scalarString(r.resolve(k, depth+1))
			if !ok {
				return keep
			}
			cur = asMap(cur)[ks]
		}
		if cur == nil {
			return keep
		}
		return cur
	case "Fn::Base64":
		return r.resolve(arg, depth+1)
	case "Fn::Split":
		l, _ := arg.([]any)
		if len(l) != 2 {
			return keep
		}
		sep, _ := l[0].(string)
		s, ok := r.resolve(l[1], depth+1).(string)
		if !ok || sep == "" {
			return keep
		}
		parts := strings.Split(s, sep)
		out := make([]any, len(parts))
		for i, p := range parts {
			out[i] = p
		}
		return out
	}
	return map[string]any{fn: r.resolve(arg, depth+1)}
}

func scalarString(v any) (string, bool) {
	switch x := v.(type) {
	case string:
		return x, true
	case int64:
		return strconv.FormatInt(x, 10), true
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64), true
	case bool:
		return strconv.FormatBool(x), true
	}
	return "", false
}

// sub substitutes ${Name} in a Fn::Sub template with what is known.
func (r *cfnResolver) sub(tmpl string, vars map[string]any) string {
	var b strings.Builder
	for {
		i := strings.Index(tmpl, "${")
		if i < 0 {
			b.WriteString(tmpl)
			return b.String()
		}
		j := strings.IndexByte(tmpl[i:], '}')
		if j < 0 {
			b.WriteString(tmpl)
			return b.String()
		}
		name := tmpl[i+2 : i+j]
		b.WriteString(tmpl[:i])
		var val any
		if v, ok := vars[name]; ok {
			val = v
		} else if v, ok := r.params[name]; ok {
			val = v
		} else if v, ok := cfnPseudo[name]; ok {
			val = v
		}
		if s, ok := scalarString(val); ok && !strings.HasPrefix(name, "!") {
			b.WriteString(s)
		} else {
			b.WriteString(tmpl[i : i+j+1])
		}
		tmpl = tmpl[i+j+1:]
	}
}

// condition evaluates a named condition: 1 true, -1 false, 0 unknown.
func (r *cfnResolver) condition(name string, depth int) int8 {
	if c, ok := r.condCache[name]; ok {
		return c
	}
	if r.visiting[name] || depth > 32 {
		return 0
	}
	r.visiting[name] = true
	c := r.condExpr(r.conditions[name], depth+1)
	r.visiting[name] = false
	r.condCache[name] = c
	return c
}

func (r *cfnResolver) condExpr(v any, depth int) int8 {
	m := asMap(v)
	if len(m) != 1 || depth > 32 {
		return 0
	}
	for fn, arg := range m {
		l, _ := arg.([]any)
		switch fn {
		case "Condition":
			s, _ := arg.(string)
			return r.condition(s, depth+1)
		case "Fn::Equals":
			if len(l) != 2 {
				return 0
			}
			a, ok1 := scalarString(r.resolve(l[0], depth+1))
			b, ok2 := scalarString(r.resolve(l[1], depth+1))
			if !ok1 || !ok2 {
				return 0
			}
			if a == b {
				return 1
			}
			return -1
		case "Fn::Not":
			if len(l) != 1 {
				return 0
			}
			return -r.condExpr(l[0], depth+1)
		case "Fn::And", "Fn::Or":
			and := fn == "Fn::And"
			res := int8(1)
			if !and {
				res = -1
			}
			for _, e := range l {
				c := r.condExpr(e, depth+1)
				switch {
				case and && c < 0:
					return -1
				case !and && c > 0:
					return 1
				case c == 0:
					res = 0
				}
			}
			return res
		}
	}
	return 0
}
