package misconfig

import (
	"path"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Pipelines and policy documents that are YAML or JSON files of their own:
// GitHub Actions workflows and composite actions, GitLab CI files, and AWS
// IAM policy documents.

// isGitHubWorkflow: a mapping with jobs and a trigger.
func isGitHubWorkflow(rel string, v any) bool {
	m, ok := v.(map[string]any)
	if !ok {
		return false
	}
	_, jobs := m["jobs"].(map[string]any)
	if !jobs {
		return false
	}
	if strings.Contains("/"+rel, "/.github/workflows/") {
		return true
	}
	_, on := m["on"]
	_, onTrue := m["true"] // YAML 1.1 readers turn `on` into true
	return on || onTrue
}

// isGitHubAction: a composite (or other) action metadata file.
func isGitHubAction(rel string, v any) bool {
	m, ok := v.(map[string]any)
	if !ok {
		return false
	}
	base := path.Base(rel)
	if base != "action.yml" && base != "action.yaml" {
		return false
	}
	_, ok = mapGet(m, "runs", "using").(string)
	return ok
}

func parseGitHub(node *yaml.Node, v any, rel string, ignores *ignoreIndex) *document {
	m := v.(map[string]any)
	doc := &document{kind: KindGitHubActions, path: rel}
	typ, addr := "workflow", "workflow"
	if _, ok := m["jobs"]; !ok {
		typ, addr, doc.format = "action", "action", "action"
	}
	if t, ok := m["true"]; ok {
		if _, has := m["on"]; !has {
			m["on"] = t
			delete(m, "true")
		}
	}
	if name, ok := m["name"].(string); ok && name != "" {
		addr += " " + strings.TrimSpace(name)
	}
	start, end, _ := yamlLocate(node, nil)
	doc.add(&resource{
		typ: typ, name: mapString(m, "name"), address: addr, attrs: m, path: rel,
		line: start, endLine: end, ignores: ignores,
		locate: func(p []any) (int, int, bool) { return yamlLocate(node, p) },
	})
	return doc
}

// GitLab CI keywords that are not jobs.
var gitlabGlobal = map[string]bool{
	"stages": true, "variables": true, "include": true, "default": true, "workflow": true,
	"image": true, "services": true, "before_script": true, "after_script": true, "cache": true,
	"spec": true,
}

func isGitLabCI(rel string, v any) bool {
	m, ok := v.(map[string]any)
	if !ok {
		return false
	}
	base := path.Base(rel)
	if base == ".gitlab-ci.yml" || base == ".gitlab-ci.yaml" || strings.HasSuffix(base, ".gitlab-ci.yml") {
		return true
	}
	jobs := 0
	for k, j := range m {
		if gitlabGlobal[k] {
			continue
		}
		if jm, ok := j.(map[string]any); ok {
			if _, ok := jm["script"]; ok {
				jobs++
			} else if _, ok := jm["extends"]; ok {
				jobs++
			}
		}
	}
	global := false
	for _, k := range []string{"stages", "include", "default", "workflow"} {
		if _, ok := m[k]; ok {
			global = true
		}
	}
	return jobs > 0 && (global || jobs > 1)
}

// parseGitLab builds one "pipeline" resource whose attributes hold the
// global keys and "jobs": every job with `extends` merged in (hashes merged
// deeply, other values replaced, as GitLab does). Hidden jobs (".name")
// are templates and are not jobs.
func parseGitLab(node *yaml.Node, v any, rel string, ignores *ignoreIndex) *document {
	m := v.(map[string]any)
	attrs := map[string]any{}
	jobs := map[string]any{}
	var names []string
	for k, j := range m {
		if gitlabGlobal[k] {
			attrs[k] = j
			continue
		}
		if _, ok := j.(map[string]any); ok && !strings.HasPrefix(k, ".") {
			names = append(names, k)
		}
	}
	sort.Strings(names)
	for _, n := range names {
		jobs[n] = gitlabExtend(m, m[n].(map[string]any), 0)
	}
	attrs["jobs"] = jobs
	doc := &document{kind: KindGitLabCI, path: rel}
	start, end, _ := yamlLocate(node, nil)
	doc.add(&resource{
		typ: "pipeline", name: path.Base(rel), address: "pipeline", attrs: attrs, path: rel,
		line: start, endLine: end, ignores: ignores,
		locate: func(p []any) (int, int, bool) {
			if len(p) > 0 && p[0] == "jobs" {
				p = p[1:]
				// Keys a job inherits are written in its template: fall
				// back to the job itself.
				for n := len(p); n > 0; n-- {
					if s, e, ok := yamlLocate(node, p[:n]); ok {
						return s, e, true
					}
				}
				return 0, 0, false
			}
			return yamlLocate(node, p)
		},
	})
	return doc
}

func gitlabExtend(all map[string]any, job map[string]any, depth int) map[string]any {
	if depth > 11 { // GitLab's own limit
		return job
	}
	var parents []string
	switch e := job["extends"].(type) {
	case string:
		parents = []string{e}
	case []any:
		for _, x := range e {
			if s, ok := x.(string); ok {
				parents = append(parents, s)
			}
		}
	}
	if len(parents) == 0 {
		return job
	}
	merged := map[string]any{}
	for _, p := range parents {
		pm, ok := all[p].(map[string]any)
		if !ok {
			continue
		}
		merged = deepMerge(merged, gitlabExtend(all, pm, depth+1), 0)
	}
	return deepMerge(merged, job, 0)
}

func deepMerge(dst, src map[string]any, depth int) map[string]any {
	out := make(map[string]any, len(dst)+len(src))
	for k, v := range dst {
		out[k] = v
	}
	for k, v := range src {
		if sm, ok := v.(map[string]any); ok && depth < 32 {
			if dm, ok := out[k].(map[string]any); ok {
				out[k] = deepMerge(dm, sm, depth+1)
				continue
			}
		}
		out[k] = v
	}
	return out
}

// isIAMPolicy: {"Version": "2012-10-17", "Statement": …}.
func isIAMPolicy(v any) bool {
	m, ok := v.(map[string]any)
	if !ok {
		return false
	}
	_, st := m["Statement"]
	ver, _ := m["Version"].(string)
	return st && (ver == "2012-10-17" || ver == "2008-10-17")
}

func parseIAMPolicy(node *yaml.Node, v any, rel string, ignores *ignoreIndex) *document {
	doc := &document{kind: KindIAMPolicy, path: rel}
	start, end, _ := yamlLocate(node, nil)
	doc.add(&resource{
		typ: "iam_policy", name: path.Base(rel), address: path.Base(rel), attrs: v.(map[string]any), path: rel,
		line: start, endLine: end, ignores: ignores,
		locate: func(p []any) (int, int, bool) { return yamlLocate(node, p) },
	})
	return doc
}
