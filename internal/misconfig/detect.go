package misconfig

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"strings"
)

// maxConfigSize caps one configuration file; a plan JSON may be larger.
const (
	maxConfigSize = 16 << 20
	maxPlanSize   = 256 << 20
)

// fileClass is what a file's name says it may be.
type fileClass uint8

const (
	classNone       fileClass = iota
	classTerraform            // *.tf: read with its directory
	classDockerfile           // Dockerfile, Containerfile, *.dockerfile
	classYAML                 // *.yaml, *.yml: told apart by content
	classJSON                 // *.json: plan, CloudFormation, IAM policy …
	classSniff                // no extension: a Dockerfile by content?
)

func classify(name string) fileClass {
	lower := strings.ToLower(name)
	switch {
	case strings.HasSuffix(lower, ".tf"):
		return classTerraform
	case lower == "dockerfile" || lower == "containerfile" ||
		strings.HasSuffix(lower, ".dockerfile") || strings.HasSuffix(lower, ".containerfile"):
		return classDockerfile
	case strings.HasPrefix(lower, "dockerfile.") || strings.HasPrefix(lower, "containerfile."):
		// Dockerfile.prod is a Dockerfile, dockerfile.go (a parser of
		// them) is not: the content decides.
		return classSniff
	case strings.HasSuffix(lower, ".yaml"), strings.HasSuffix(lower, ".yml"):
		return classYAML
	case strings.HasSuffix(lower, ".json"):
		if strings.HasSuffix(lower, ".tfvars.json") || lower == "package.json" || lower == "package-lock.json" ||
			lower == "composer.json" || lower == "composer.lock" || strings.HasSuffix(lower, ".schema.json") {
			return classNone
		}
		return classJSON
	case !strings.Contains(lower, "."):
		return classSniff
	}
	return classNone
}

// readCapped reads a regular file up to maxPlanSize.
func readCapped(p string) ([]byte, error) {
	f, err := os.Open(p)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, maxPlanSize+1))
	if err != nil {
		return nil, err
	}
	if len(b) > maxPlanSize {
		return nil, fmt.Errorf("larger than %d MiB", maxPlanSize>>20)
	}
	return b, nil
}

// looksLikeDockerfile: the first instruction is FROM, or ARG then FROM.
func looksLikeDockerfile(src []byte) bool {
	if len(src) > 64<<10 {
		src = src[:64<<10]
	}
	for _, l := range bytes.Split(src, []byte("\n")) {
		l = bytes.TrimSpace(l)
		if len(l) == 0 || l[0] == '#' {
			continue
		}
		word, _, _ := bytes.Cut(l, []byte(" "))
		switch strings.ToUpper(string(word)) {
		case "FROM":
			return true
		case "ARG":
			continue
		}
		return false
	}
	return false
}

// maxNesting bounds bracket nesting, so that a hostile file cannot drive
// a recursive-descent parser into exhausting the stack.
const maxNesting = 1000

// nestingDepth is the deepest nesting of (), [] and {} in src, ignoring
// quotes: a cheap upper bound taken before parsing.
func nestingDepth(src []byte) int {
	depth, max := 0, 0
	for _, c := range src {
		switch c {
		case '(', '[', '{':
			if depth++; depth > max {
				max = depth
			}
		case ')', ']', '}':
			if depth > 0 {
				depth--
			}
		}
	}
	return max
}

var errNotConfig = errors.New("not a configuration file vouch checks")

// parseFile turns one non-Terraform file into documents. It returns
// errNotConfig (and no documents) for files that are none of the kinds
// vouch reads; parse errors name the file.
func parseFile(rel string, src []byte) ([]*document, error) {
	switch classify(path.Base(rel)) {
	case classDockerfile:
		if len(src) > maxConfigSize {
			return nil, fmt.Errorf("parse dockerfile %s: larger than %d MiB", rel, maxConfigSize>>20)
		}
		d, err := parseDockerfile(src, rel)
		if d == nil {
			return nil, err
		}
		return []*document{d}, err
	case classSniff:
		if !looksLikeDockerfile(src) || len(src) > maxConfigSize {
			return nil, errNotConfig
		}
		d, err := parseDockerfile(src, rel)
		if d == nil {
			return nil, err
		}
		return []*document{d}, err
	case classJSON:
		head := src
		if len(head) > 4096 {
			head = head[:4096]
		}
		if isPlanJSON(head) {
			d, err := parsePlan(src, rel)
			if d == nil {
				return nil, err
			}
			return []*document{d}, nil
		}
		return parseStructured(rel, src)
	case classYAML:
		return parseStructured(rel, src)
	}
	return nil, errNotConfig
}

// relevantYAML reports whether a YAML/JSON file that fails to parse should
// be reported: its name or text says it is one of ours.
func relevantYAML(rel string, src []byte) bool {
	base := path.Base(rel)
	if strings.Contains("/"+rel, "/.github/workflows/") || strings.HasSuffix(base, "gitlab-ci.yml") ||
		base == "action.yml" || base == "action.yaml" {
		return true
	}
	head := src
	if len(head) > 8192 {
		head = head[:8192]
	}
	return bytes.Contains(head, []byte("apiVersion:")) || bytes.Contains(head, []byte("AWSTemplateFormatVersion")) ||
		bytes.Contains(head, []byte(`"Statement"`))
}

// isHelmTemplate: an unrendered chart template, which is not YAML yet.
func isHelmTemplate(rel string, src []byte) bool {
	return strings.Contains("/"+rel, "/templates/") && bytes.Contains(src, []byte("{{"))
}

func parseStructured(rel string, src []byte) (docs []*document, err error) {
	if len(src) > maxConfigSize {
		if relevantYAML(rel, src) {
			return nil, fmt.Errorf("parse %s: larger than %d MiB", rel, maxConfigSize>>20)
		}
		return nil, errNotConfig
	}
	if isHelmTemplate(rel, src) {
		return nil, errNotConfig
	}
	if d := nestingDepth(src); d > maxNesting {
		return nil, fmt.Errorf("parse %s: brackets nested %d deep (limit %d)", rel, d, maxNesting)
	}
	defer func() {
		if r := recover(); r != nil {
			docs, err = nil, fmt.Errorf("parse %s: yaml parser panic: %v", rel, r)
		}
	}()
	nodes, perr := parseYAMLDocs(src)
	if perr != nil && len(nodes) == 0 {
		if relevantYAML(rel, src) {
			return nil, fmt.Errorf("parse %s: %w", rel, perr)
		}
		return nil, errNotConfig
	}
	conv := newYAMLConv()
	conv.tag = cfnTag
	vals := make([]any, len(nodes))
	for i, n := range nodes {
		v, err := conv.value(n, 0)
		if err != nil {
			return nil, fmt.Errorf("parse %s: %w", rel, err)
		}
		vals[i] = v
	}
	ignores := parseIgnores(src)
	var k8s *document
	for i, v := range vals {
		switch {
		case v == nil:
			continue
		case isKubernetesObject(v):
			if k8s == nil {
				k8s = &document{kind: KindKubernetes, path: rel}
			}
			kubernetesDoc(k8s, nodes[i], v, rel, ignores, 0)
		case len(vals) == 1 || i == 0:
			var d *document
			switch {
			case isCloudFormation(v):
				d = parseCloudFormation(nodes[i], v, rel, ignores)
			case isGitHubAction(rel, v):
				d = parseGitHub(nodes[i], v, rel, ignores)
			case isGitHubWorkflow(rel, v):
				d = parseGitHub(nodes[i], v, rel, ignores)
			case isGitLabCI(rel, v):
				d = parseGitLab(nodes[i], v, rel, ignores)
			case isIAMPolicy(v):
				d = parseIAMPolicy(nodes[i], v, rel, ignores)
			}
			if d != nil {
				docs = append(docs, d)
			}
		}
	}
	if k8s != nil {
		docs = append(docs, k8s)
	}
	if perr != nil && relevantYAML(rel, src) {
		return docs, fmt.Errorf("parse %s: %w", rel, perr)
	}
	if len(docs) == 0 {
		return nil, errNotConfig
	}
	return docs, nil
}
