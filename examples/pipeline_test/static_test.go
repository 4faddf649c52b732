package pipeline_test

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
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

// TestRepositoryCodeRunsWithoutSecrets: in both pipelines, the
// repository's own code (its tests) runs only in a job that holds no
// secret, and a job that holds the signing key runs none of it, takes no
// file from a job that does, builds only after the tests passed, and
// attests only a scan it made itself. Mutated copies of the pipelines show
// that each rule is enforced.
func TestRepositoryCodeRunsWithoutSecrets(t *testing.T) {
	root := repoRoot(t)
	gh := filepath.Join(root, "examples", "github-actions", ".github", "workflows", "release.yml")
	gl := filepath.Join(root, "examples", "gitlab-ci", ".gitlab-ci.yml")
	for _, c := range []struct{ name, path string }{{"GitHub", gh}, {"GitLab", gl}} {
		jobs := ghSeparation(t, c.path)
		if c.name == "GitLab" {
			jobs = glSeparation(t, c.path)
		}
		for _, p := range separationProblems(jobs) {
			t.Errorf("%s: %s", c.name, p)
		}
	}

	for _, c := range []struct {
		name, path, old, new, want string
	}{
		{"GitHub: tests in the signing job", gh,
			"      - name: Build, with signed SLSA provenance\n",
			"      - name: Test here too\n        run: go test ./...\n\n      - name: Build, with signed SLSA provenance\n",
			`job build holds the signing key and runs the repository's code: "go test ./..."`},
		{"GitHub: a make target as the build", gh,
			"-- go build -trimpath -o dist/app .", "-- make app",
			`job build holds the signing key and runs the repository's code: "make app"`},
		{"GitHub: no wait for the tests", gh, "    needs: test\n", "",
			"job build builds and signs without waiting for the tests (job test)"},
		{"GitHub: a scan made elsewhere is attested", gh,
			"          vouch scan . --scanners vuln,secret,misconfig --format json --output reports/source-scan.json || [ $? -eq 1 ]\n", "",
			"job build attests reports/source-scan.json, which it did not write before"},
		{"GitLab: the tests get the key", gl,
			"test:\n  stage: test\n", "test:\n  stage: test\n  environment: release-signing\n",
			`job test holds the signing key and runs the repository's code: "go test ./..."`},
		{"GitLab: the build takes the tests' files", gl,
			"  script:\n    - go test ./...\n", "  script:\n    - go test ./...\n  artifacts:\n    paths: [reports/]\n",
			"job build holds the signing key and takes the files of job test, which runs the repository's code"},
	} {
		data, err := os.ReadFile(c.path)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(data), c.old) {
			t.Fatalf("%s: %s has no %q", c.name, c.path, c.old)
		}
		mutated := filepath.Join(t.TempDir(), filepath.Base(c.path))
		writeFile(t, mutated, strings.Replace(string(data), c.old, c.new, 1))
		var jobs []sepJob
		if c.path == gh {
			jobs = ghSeparation(t, mutated)
		} else {
			jobs = glSeparation(t, mutated)
		}
		if got := separationProblems(jobs); !slices.Contains(got, c.want) {
			t.Errorf("%s: problems %q, want %q", c.name, got, c.want)
		}
	}
}

// sepJob is what the separation rules need to know of a job.
type sepJob struct {
	id       string
	holdsKey bool     // it can read the signing key
	after    []string // jobs it waits for
	takes    []string // jobs whose files (artifacts) it takes
	script   string   // its commands, in order, comments left out
	actions  []string // actions from the repository itself (uses: ./…)
}

// repoCode matches a command that runs code of the repository: its tests,
// programs, generators and tools, build or package scripts, or a file of
// the work tree. go build runs none (cgo is off in the pipelines).
var repoCode = regexp.MustCompile(`(?:^|[\s;&|(])((?:go\s+(?:test|run|generate|tool)|make|npm|npx|yarn|pnpm|cargo|python3?|node|mvn|gradle)\b|(?:bash|sh|source|\.)\s+[^-\s]|\./)`)

// repoCommands are the commands of script that run repository code.
func repoCommands(script string) []string {
	var out []string
	for _, line := range strings.Split(script, "\n") {
		if loc := repoCode.FindStringSubmatchIndex(line); loc != nil {
			out = append(out, strings.TrimSpace(line[loc[2]:]))
		}
	}
	return out
}

// shellCommands is script without comments, one command a line
// (continuation lines joined).
func shellCommands(script string) string {
	var b strings.Builder
	for _, line := range strings.Split(strings.ReplaceAll(script, "\\\n", " "), "\n") {
		line = strings.TrimSpace(line)
		if i := strings.Index(line, " #"); i >= 0 {
			line = strings.TrimSpace(line[:i])
		}
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		b.WriteString(line + "\n")
	}
	return b.String()
}

var (
	attestPredicate = regexp.MustCompile(`\bvouch attest\b.*--predicate[ =](\S+)`)
	runsTests       = regexp.MustCompile(`(?:^|[\s;&|(])go\s+test\b`)
)

// separationProblems checks jobs against the rules of
// TestRepositoryCodeRunsWithoutSecrets.
func separationProblems(jobs []sepJob) []string {
	byID := map[string]*sepJob{}
	for i := range jobs {
		byID[jobs[i].id] = &jobs[i]
	}
	runsRepoCode := func(j *sepJob) []string { return append(repoCommands(j.script), j.actions...) }
	// waitsFor is whether j comes after job id, directly or not.
	var waitsFor func(j *sepJob, id string, seen map[string]bool) bool
	waitsFor = func(j *sepJob, id string, seen map[string]bool) bool {
		for _, a := range j.after {
			if a == id {
				return true
			}
			if p := byID[a]; p != nil && !seen[a] {
				seen[a] = true
				if waitsFor(p, id, seen) {
					return true
				}
			}
		}
		return false
	}

	var out []string
	var testers []string
	for i := range jobs {
		if runsTests.MatchString(jobs[i].script) {
			testers = append(testers, jobs[i].id)
		}
	}
	if len(testers) == 0 {
		out = append(out, "no job runs the tests (go test)")
	}
	for i := range jobs {
		j := &jobs[i]
		if !j.holdsKey {
			continue
		}
		for _, cmd := range runsRepoCode(j) {
			out = append(out, fmt.Sprintf("job %s holds the signing key and runs the repository's code: %q", j.id, cmd))
		}
		for _, from := range j.takes {
			if f := byID[from]; f != nil && len(runsRepoCode(f)) > 0 {
				out = append(out, fmt.Sprintf("job %s holds the signing key and takes the files of job %s, which runs the repository's code", j.id, from))
			}
		}
		if strings.Contains(j.script, "vouch build ") {
			for _, tester := range testers {
				if tester != j.id && !waitsFor(j, tester, map[string]bool{}) {
					out = append(out, fmt.Sprintf("job %s builds and signs without waiting for the tests (job %s)", j.id, tester))
				}
			}
		}
		for _, m := range attestPredicate.FindAllStringSubmatchIndex(j.script, -1) {
			pred := j.script[m[2]:m[3]]
			if !regexp.MustCompile(`--output[ =]` + regexp.QuoteMeta(pred) + `(\s|$)`).MatchString(j.script[:m[0]]) {
				out = append(out, fmt.Sprintf("job %s attests %s, which it did not write before", j.id, pred))
			}
		}
	}
	return out
}

// ghSeparation reads the jobs of a GitHub workflow for separationProblems.
func ghSeparation(t *testing.T, path string) []sepJob {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	wf := readWorkflow(t, path)
	var doc struct {
		Jobs map[string]yaml.Node `yaml:"jobs"`
	}
	if err := yaml.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	uploader := map[string]string{} // artifact name → job
	for _, id := range wf.order {
		for _, s := range wf.Jobs[id].Steps {
			if strings.HasPrefix(s.Uses, "actions/upload-artifact@") {
				uploader[s.With["name"]] = id
			}
		}
	}
	var out []sepJob
	for _, id := range wf.order {
		gj := wf.Jobs[id]
		node := doc.Jobs[id]
		text, err := yaml.Marshal(&node)
		if err != nil {
			t.Fatal(err)
		}
		j := sepJob{id: id, holdsKey: strings.Contains(string(text), "secrets."), after: gj.Needs}
		var script strings.Builder
		for _, s := range gj.Steps {
			switch {
			case s.Run != "":
				script.WriteString(shellCommands(s.Run))
			case strings.HasPrefix(s.Uses, "./"), strings.HasPrefix(s.Uses, "docker://"):
				j.actions = append(j.actions, s.Uses)
			case strings.HasPrefix(s.Uses, "actions/download-artifact@"):
				if from, ok := uploader[s.With["name"]]; ok {
					j.takes = append(j.takes, from)
				} else {
					t.Errorf("%s: job %s downloads artifact %q, which no job uploads", path, id, s.With["name"])
				}
			}
		}
		j.script = script.String()
		out = append(out, j)
	}
	return out
}

// glSeparation reads the jobs of a .gitlab-ci.yml for separationProblems:
// a job holds the key when it runs in one of the signingEnvironments.
func glSeparation(t *testing.T, path string) []sepJob {
	t.Helper()
	p := readGitLab(t, path)
	stage := map[string]int{}
	for i, s := range p.Stages {
		stage[s] = i
	}
	var out []sepJob
	for _, id := range p.order {
		gj := p.Jobs[id]
		j := sepJob{id: id, holdsKey: slices.Contains(signingEnvironments, gj.Environment.Name)}
		if gj.Needs == nil {
			// Without needs, a job waits for the earlier stages and takes
			// all their artifacts.
			for _, other := range p.order {
				if o := p.Jobs[other]; stage[o.Stage] < stage[gj.Stage] {
					j.after = append(j.after, other)
					if len(o.Artifacts.Paths) > 0 {
						j.takes = append(j.takes, other)
					}
				}
			}
		}
		for _, n := range gj.Needs {
			j.after = append(j.after, n.Job)
			if n.Artifacts {
				j.takes = append(j.takes, n.Job)
			}
		}
		lines := gj.BeforeScript
		if lines == nil {
			lines = p.Default.BeforeScript
		}
		var script strings.Builder
		for _, n := range append(slices.Clone(lines), gj.Script...) {
			script.WriteString(shellCommands(n.Value))
		}
		j.script = script.String()
		if !j.holdsKey && strings.Contains(j.script, "VOUCH_SIGNING_KEY") {
			t.Errorf("%s: job %s uses VOUCH_SIGNING_KEY but runs in none of the environments it is scoped to (%s)", path, id, strings.Join(signingEnvironments, ", "))
			j.holdsKey = true // as meant
		}
		out = append(out, j)
	}
	return out
}
