package pipeline_test

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// pinned is a uses: line pinned to a full commit SHA, with the release in
// a comment.
var pinned = regexp.MustCompile(`^\s*(?:- )?uses: ([\w.-]+/[\w./-]+)@([0-9a-f]{40}) # v\d+\.\d+\.\d+$`)

// TestGitHubWorkflowHardening holds the workflow to its own rules: actions
// pinned by SHA, least privilege for the GITHUB_TOKEN, the signing key only
// in jobs that run in an environment, approvals before production.
func TestGitHubWorkflowHardening(t *testing.T) {
	path := filepath.Join(repoRoot(t), "examples", "github-actions", ".github", "workflows", "release.yml")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	shas := map[string]string{}
	for i, line := range strings.Split(string(data), "\n") {
		if !strings.Contains(line, "uses:") {
			continue
		}
		m := pinned.FindStringSubmatch(line)
		if m == nil {
			t.Errorf("line %d: %q is not pinned to a commit SHA with its version in a comment", i+1, strings.TrimSpace(line))
			continue
		}
		if prev, ok := shas[m[1]]; ok && prev != m[2] {
			t.Errorf("line %d: %s pinned to %s here and %s elsewhere", i+1, m[1], m[2], prev)
		}
		shas[m[1]] = m[2]
	}

	wf := readWorkflow(t, path)
	if p := wf.Permissions; p.Kind != yaml.MappingNode || len(p.Content) != 0 {
		t.Errorf("top-level permissions should be {} (each job asks for its own)")
	}
	var doc struct {
		Jobs map[string]yaml.Node `yaml:"jobs"`
	}
	if err := yaml.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	for _, id := range wf.order {
		j := wf.Jobs[id]
		if len(j.Permissions) == 0 {
			t.Errorf("job %s: no permissions", id)
		}
		uploadsSARIF := false
		for _, s := range j.Steps {
			uploadsSARIF = uploadsSARIF || strings.HasPrefix(s.Uses, "github/codeql-action/upload-sarif@")
		}
		for scope, level := range j.Permissions {
			switch {
			case level != "write":
			case scope == "id-token" && (j.Environment == "staging" || j.Environment == "production"):
			case scope == "security-events" && uploadsSARIF:
			default:
				t.Errorf("job %s: %s: %s is more than it needs", id, scope, level)
			}
		}
		node := doc.Jobs[id]
		text, err := yaml.Marshal(&node)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(text), "secrets.") && j.Environment == "" {
			t.Errorf("job %s reads secrets but runs in no environment: the signing key is an environment secret", id)
		}
	}
	for id, env := range map[string]string{"staging": "staging", "production": "production"} {
		if j := wf.Jobs[id]; j == nil || j.Environment != env {
			t.Errorf("job %s should run in environment %s", id, env)
		}
	}
}

// TestGitLabPipelineHardening: the production job waits for a person, in
// the protected production environment.
func TestGitLabPipelineHardening(t *testing.T) {
	p := readGitLab(t, filepath.Join(repoRoot(t), "examples", "gitlab-ci", ".gitlab-ci.yml"))
	prod := p.Jobs["production"]
	if prod == nil || prod.When != "manual" || prod.Environment.Name != "production" {
		t.Errorf("job production should be when: manual in environment production")
	}
	if img := p.Default.Image; !strings.Contains(img, ":") || strings.HasSuffix(img, ":latest") {
		t.Errorf("default image %q is not pinned to a version", img)
	}
}

// TestExamplesPassOwnScan: vouch's misconfiguration and secret scanners
// find nothing in the examples (and this test), and do read the pipeline
// files: a copy with a known weakness put in is flagged.
func TestExamplesPassOwnScan(t *testing.T) {
	bin, _ := vouchTools(t)
	root := repoRoot(t)
	scan := func(dir string) (int, []string) {
		t.Helper()
		cmd := exec.Command(bin, "scan", "--scanners", "misconfig,secret", "--format", "json", dir)
		cmd.Dir = root
		cmd.Env = cleanEnv(map[string]string{"HOME": t.TempDir()})
		out, err := cmd.Output()
		code := 0
		if ee, ok := err.(*exec.ExitError); ok {
			code = ee.ExitCode()
		} else if err != nil {
			t.Fatal(err)
		}
		var res struct {
			Findings []struct {
				ID string `json:"id"`
			} `json:"findings"`
		}
		if err := json.Unmarshal(out, &res); err != nil {
			t.Fatalf("vouch scan %s: %v\n%s", dir, err, out)
		}
		var ids []string
		for _, f := range res.Findings {
			ids = append(ids, f.ID)
		}
		return code, ids
	}
	for _, dir := range []string{"examples/github-actions", "examples/gitlab-ci", "examples/pipeline-app", "examples/pipeline_test"} {
		if code, ids := scan(dir); code != 0 || len(ids) != 0 {
			t.Errorf("vouch scan --scanners misconfig,secret %s: exit %d, findings %v", dir, code, ids)
		}
	}

	for _, c := range []struct {
		example, file, old, new, want string
	}{
		{"examples/github-actions", ".github/workflows/release.yml", "persist-credentials: false", "persist-credentials: true", "VCH-GHA-0015"},
		{"examples/gitlab-ci", ".gitlab-ci.yml", "\n  when: manual\n", "\n", "VCH-GLC-0004"},
	} {
		data, err := os.ReadFile(filepath.Join(root, c.example, c.file))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(data), c.old) {
			t.Fatalf("%s has no %q", c.file, c.old)
		}
		dir := t.TempDir()
		writeFile(t, filepath.Join(dir, c.file), strings.Replace(string(data), c.old, c.new, 1))
		if code, ids := scan(dir); code != 1 || !strings.Contains(strings.Join(ids, " "), c.want) {
			t.Errorf("%s with %q: exit %d, findings %v; want %s", c.file, c.new, code, ids, c.want)
		}
	}
}
