package misconfig

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
)

// Terraform plan JSON, as `terraform show -json plan.out` writes it: what a
// provisioning gate really sees, every variable and module already
// resolved. Values that are known only after apply are absent from
// planned_values; where the configuration says which resource they come
// from ("bucket = aws_s3_bucket.logs.id") the reference stands in for them,
// as it does for .tf files.

type planJSON struct {
	FormatVersion string `json:"format_version"`
	PlannedValues *struct {
		RootModule planModule `json:"root_module"`
	} `json:"planned_values"`
	ResourceChanges []struct {
		Address string `json:"address"`
		Change  struct {
			AfterUnknown map[string]any `json:"after_unknown"`
		} `json:"change"`
	} `json:"resource_changes"`
	Configuration *struct {
		RootModule planConfigModule `json:"root_module"`
	} `json:"configuration"`
}

type planModule struct {
	Address      string         `json:"address"`
	Resources    []planResource `json:"resources"`
	ChildModules []planModule   `json:"child_modules"`
}

type planResource struct {
	Address string         `json:"address"`
	Mode    string         `json:"mode"`
	Type    string         `json:"type"`
	Name    string         `json:"name"`
	Values  map[string]any `json:"values"`
}

type planConfigModule struct {
	Resources []struct {
		Address     string `json:"address"`
		Expressions map[string]struct {
			References []string `json:"references"`
		} `json:"expressions"`
	} `json:"resources"`
	ModuleCalls map[string]struct {
		Module planConfigModule `json:"module"`
	} `json:"module_calls"`
}

// isPlanJSON tells a plan from other JSON by its first bytes.
func isPlanJSON(head []byte) bool {
	return bytes.Contains(head, []byte(`"format_version"`)) &&
		(bytes.Contains(head, []byte(`"planned_values"`)) || bytes.Contains(head, []byte(`"terraform_version"`)) || bytes.Contains(head, []byte(`"resource_changes"`)))
}

func parsePlan(src []byte, rel string) (*document, error) {
	var p planJSON
	dec := json.NewDecoder(bytes.NewReader(src))
	dec.UseNumber()
	if err := dec.Decode(&p); err != nil {
		return nil, fmt.Errorf("parse terraform plan %s: %w", rel, err)
	}
	if p.PlannedValues == nil {
		return nil, fmt.Errorf("parse terraform plan %s: no planned_values (is it `terraform show -json` of a plan?)", rel)
	}
	refs := map[string]map[string]string{} // config key → attribute → first reference
	if p.Configuration != nil {
		collectPlanRefs(&p.Configuration.RootModule, "", refs, 0)
	}
	unknown := map[string]map[string]any{}
	for _, rc := range p.ResourceChanges {
		unknown[rc.Address] = rc.Change.AfterUnknown
	}
	doc := &document{kind: KindTerraform, path: rel, format: "plan"}
	ignores := parseIgnores(src)
	// Resources appear in planned_values in the order they are listed, so
	// each address is searched from where the previous one was found: one
	// pass over the file, not one per resource.
	pvAt := bytes.Index(src, []byte(`"planned_values"`))
	if pvAt < 0 {
		pvAt = 0
	}
	at, lineAt := pvAt, 1+bytes.Count(src[:pvAt], []byte("\n"))
	var walk func(m *planModule, depth int)
	walk = func(m *planModule, depth int) {
		if depth > maxTFModuleDepth*2 {
			return
		}
		for i := range m.Resources {
			pr := &m.Resources[i]
			if pr.Mode == "data" && !checkedDataSources[pr.Type] {
				continue
			}
			attrs, _ := dropNulls(pr.Values, 0).(map[string]any)
			if attrs == nil {
				attrs = map[string]any{}
			}
			ck := planConfigKey(pr.Address)
			for attr, u := range unknown[pr.Address] {
				if b, ok := u.(bool); ok && b && attrs[attr] == nil {
					if ref := refs[ck][attr]; ref != "" {
						attrs[attr] = ref
					} else {
						attrs[attr] = "(known after apply)"
					}
				}
			}
			line := 1
			if i := bytes.Index(src[at:], []byte(`"`+pr.Address+`"`)); i >= 0 {
				lineAt += bytes.Count(src[at:at+i], []byte("\n"))
				at += i
				line = lineAt
			}
			doc.add(&resource{
				typ: pr.Type, name: pr.Name, address: pr.Address, attrs: attrs,
				path: rel, line: line, endLine: line, ignores: ignores,
			})
		}
		for i := range m.ChildModules {
			walk(&m.ChildModules[i], depth+1)
		}
	}
	walk(&p.PlannedValues.RootModule, 0)
	return doc, nil
}

func collectPlanRefs(m *planConfigModule, prefix string, out map[string]map[string]string, depth int) {
	if depth > maxTFModuleDepth*2 {
		return
	}
	for _, r := range m.Resources {
		k := prefix + "|" + r.Address
		for attr, e := range r.Expressions {
			if len(e.References) == 0 {
				continue
			}
			if out[k] == nil {
				out[k] = map[string]string{}
			}
			// The most specific reference comes first: "aws_s3_bucket.b.id"
			// before "aws_s3_bucket.b".
			out[k][attr] = e.References[0]
		}
	}
	for name, mc := range m.ModuleCalls {
		p := name
		if prefix != "" {
			p = prefix + "." + name
		}
		collectPlanRefs(&mc.Module, p, out, depth+1)
	}
}

// planConfigKey maps an instance address ("module.a[0].module.b.aws_x.y[2]")
// to its configuration key ("a.b|aws_x.y").
func planConfigKey(addr string) string {
	parts := splitAddress(addr)
	var mods []string
	i := 0
	for i+1 < len(parts) && parts[i] == "module" {
		mods = append(mods, stripIndex(parts[i+1]))
		i += 2
	}
	rest := parts[i:]
	for j := range rest {
		rest[j] = stripIndex(rest[j])
	}
	return strings.Join(mods, ".") + "|" + strings.Join(rest, ".")
}

// splitAddress splits on dots outside brackets and quotes.
func splitAddress(s string) []string {
	var out []string
	depth, inQuote, start := 0, false, 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '"' && (i == 0 || s[i-1] != '\\'):
			inQuote = !inQuote
		case inQuote:
		case c == '[':
			depth++
		case c == ']':
			depth--
		case c == '.' && depth == 0:
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return append(out, s[start:])
}

func stripIndex(s string) string {
	if i := strings.IndexByte(s, '['); i >= 0 {
		return s[:i]
	}
	return s
}

// dropNulls removes null object members: in a plan, null means "not set".
func dropNulls(v any, depth int) any {
	if depth > 64 {
		return v
	}
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			if e == nil {
				delete(x, k)
				continue
			}
			x[k] = dropNulls(e, depth+1)
		}
		return x
	case []any:
		for i, e := range x {
			x[i] = dropNulls(e, depth+1)
		}
	}
	return v
}
