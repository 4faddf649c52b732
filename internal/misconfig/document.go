package misconfig

import (
	"encoding/json"
	"sort"
	"strconv"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
)

// Kind names the family of a parsed document. Checks declare the kinds
// they read in their metadata ("inputs").
type Kind string

const (
	KindTerraform      Kind = "terraform"      // .tf modules and plan JSON
	KindCloudFormation Kind = "cloudformation" // templates, YAML or JSON
	KindKubernetes     Kind = "kubernetes"     // manifests, Helm-rendered output
	KindDockerfile     Kind = "dockerfile"     // Dockerfile, Containerfile
	KindGitHubActions  Kind = "github-actions" // workflows and composite actions
	KindGitLabCI       Kind = "gitlab-ci"      // .gitlab-ci.yml
	KindIAMPolicy      Kind = "iam-policy"     // an AWS IAM policy document on its own
)

// Kinds lists every document kind, in the order documentation shows them.
var Kinds = []Kind{KindTerraform, KindCloudFormation, KindKubernetes, KindDockerfile, KindGitHubActions, KindGitLabCI, KindIAMPolicy}

func validKind(k string) bool {
	for _, x := range Kinds {
		if string(x) == k {
			return true
		}
	}
	return false
}

// document is one unit of evaluation: a Terraform module tree, a plan, or
// one configuration file. Its resources become the Rego input.
type document struct {
	kind Kind
	// path is the file, or for a Terraform module its directory, relative
	// to the scan root and slash-separated.
	path string
	// format refines the kind: "plan" for Terraform plan JSON, "action" for
	// a composite action. Checks rarely need it.
	format    string
	resources []*resource
	byAddr    map[string]*resource
}

// resource is one addressable thing in a document: a Terraform resource
// instance, a CloudFormation resource, a Kubernetes object, a Dockerfile
// stage, a workflow.
type resource struct {
	typ     string
	name    string
	address string
	attrs   map[string]any
	// path is the file the resource is written in (relative, slash).
	path string
	// line and endLine bound the resource in path.
	line, endLine int
	// locate maps an attribute path (as a check reports it) to lines; nil
	// means only the resource's own range is known.
	locate func(path []any) (start, end int, ok bool)
	// ignores are the inline vouch:ignore comments of the file.
	ignores *ignoreIndex
}

func (d *document) add(r *resource) {
	if d.byAddr == nil {
		d.byAddr = map[string]*resource{}
	}
	base := r.address
	for n := 2; d.byAddr[r.address] != nil; n++ {
		r.address = base + "#" + strconv.Itoa(n)
	}
	d.byAddr[r.address] = r
	d.resources = append(d.resources, r)
}

// astInput is the Rego input for the document:
//
//	{"kind": "terraform", "path": "infra", "format": "",
//	 "resources": [{"type": …, "name": …, "address": …, "path": …, "attributes": {…}}],
//	 "types": {"aws_s3_bucket": [<the same resources>], …}}
//
// types indexes resources by type; checks iterate input.types["…"], which
// costs a fraction of filtering every resource. Each resource is converted
// once and shared by both.
func (d *document) astInput() (ast.Value, error) {
	terms := make([]*ast.Term, len(d.resources))
	byType := map[string][]*ast.Term{}
	var order []string
	for i, r := range d.resources {
		attrs := r.attrs
		if attrs == nil {
			attrs = map[string]any{}
		}
		v, err := ast.InterfaceToValue(map[string]any{
			"type":       r.typ,
			"name":       r.name,
			"address":    r.address,
			"path":       r.path,
			"attributes": attrs,
		})
		if err != nil {
			return nil, err
		}
		t := ast.NewTerm(v)
		terms[i] = t
		if _, ok := byType[r.typ]; !ok {
			order = append(order, r.typ)
		}
		byType[r.typ] = append(byType[r.typ], t)
	}
	types := make([][2]*ast.Term, len(order))
	for i, ty := range order {
		types[i] = [2]*ast.Term{ast.StringTerm(ty), ast.ArrayTerm(byType[ty]...)}
	}
	return ast.NewObject(
		[2]*ast.Term{ast.StringTerm("kind"), ast.StringTerm(string(d.kind))},
		[2]*ast.Term{ast.StringTerm("path"), ast.StringTerm(d.path)},
		[2]*ast.Term{ast.StringTerm("format"), ast.StringTerm(d.format)},
		[2]*ast.Term{ast.StringTerm("resources"), ast.ArrayTerm(terms...)},
		[2]*ast.Term{ast.StringTerm("types"), ast.ObjectTerm(types...)},
	), nil
}

// lineMap records line ranges of attribute paths, keyed by the path's
// elements joined with "." (numbers written in decimal).
type lineMap map[string][2]int

func pathKey(path []any) string {
	var b strings.Builder
	for i, p := range path {
		if i > 0 {
			b.WriteByte('.')
		}
		switch v := p.(type) {
		case string:
			b.WriteString(v)
		case int:
			b.WriteString(strconv.Itoa(v))
		case int64:
			b.WriteString(strconv.FormatInt(v, 10))
		case float64:
			b.WriteString(strconv.FormatInt(int64(v), 10))
		case json.Number:
			b.WriteString(v.String())
		default:
			b.WriteString("?")
		}
	}
	return b.String()
}

// lookup finds the longest prefix of path that has a range.
func (m lineMap) lookup(path []any) (int, int, bool) {
	for n := len(path); n > 0; n-- {
		if r, ok := m[pathKey(path[:n])]; ok {
			return r[0], r[1], true
		}
	}
	return 0, 0, false
}

// sortResources orders resources by file and line, so that input and
// findings do not depend on map iteration.
func sortResources(d *document) {
	sort.SliceStable(d.resources, func(i, j int) bool {
		a, b := d.resources[i], d.resources[j]
		if a.path != b.path {
			return a.path < b.path
		}
		if a.line != b.line {
			return a.line < b.line
		}
		return a.address < b.address
	})
}
