package pipeline_test

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// glPipeline is the part of a .gitlab-ci.yml the local run reads.
type glPipeline struct {
	Stages    []string
	Variables map[string]string
	Default   glJob
	Jobs      map[string]*glJob
	order     []string // job names in file order
}

type glJob struct {
	Stage        string            `yaml:"stage"`
	Needs        []glNeed          `yaml:"needs"`
	When         string            `yaml:"when"`
	Image        string            `yaml:"image"`
	Variables    map[string]string `yaml:"variables"`
	BeforeScript []yaml.Node       `yaml:"before_script"`
	Script       []yaml.Node       `yaml:"script"`
	Environment  glEnvironment     `yaml:"environment"`
	IDTokens     map[string]struct {
		Aud string `yaml:"aud"`
	} `yaml:"id_tokens"`
	Artifacts struct {
		When    string   `yaml:"when"`
		Paths   []string `yaml:"paths"`
		Reports struct {
			JUnit stringList `yaml:"junit"`
		} `yaml:"reports"`
	} `yaml:"artifacts"`
}

// glNeed is a job name, or {job: NAME, artifacts: BOOL}.
type glNeed struct {
	Job       string
	Artifacts bool
}

func (n *glNeed) UnmarshalYAML(v *yaml.Node) error {
	n.Artifacts = true
	if v.Kind == yaml.ScalarNode {
		n.Job = v.Value
		return nil
	}
	var x struct {
		Job       string `yaml:"job"`
		Artifacts *bool  `yaml:"artifacts"`
	}
	if err := v.Decode(&x); err != nil {
		return err
	}
	n.Job = x.Job
	if x.Artifacts != nil {
		n.Artifacts = *x.Artifacts
	}
	return nil
}

// glEnvironment is an environment name, or {name: NAME, …}.
type glEnvironment struct{ Name string }

func (e *glEnvironment) UnmarshalYAML(v *yaml.Node) error {
	if v.Kind == yaml.ScalarNode {
		e.Name = v.Value
		return nil
	}
	var x struct {
		Name string `yaml:"name"`
	}
	err := v.Decode(&x)
	e.Name = x.Name
	return err
}

// glKeywords are the top-level keys that are not jobs.
var glKeywords = []string{"workflow", "stages", "variables", "default", "include", "image", "services", "before_script", "after_script", "cache"}

func readGitLab(t *testing.T, path string) *glPipeline {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	top := doc.Content[0]
	p := &glPipeline{Jobs: map[string]*glJob{}}
	for i := 0; i+1 < len(top.Content); i += 2 {
		k, v := top.Content[i].Value, top.Content[i+1]
		var err error
		switch {
		case k == "stages":
			err = v.Decode(&p.Stages)
		case k == "variables":
			err = v.Decode(&p.Variables)
		case k == "default":
			err = v.Decode(&p.Default)
		case slices.Contains(glKeywords, k), strings.HasPrefix(k, "."):
		default:
			j := &glJob{}
			err = v.Decode(j)
			p.Jobs[k] = j
			p.order = append(p.order, k)
		}
		if err != nil {
			t.Fatalf("%s: %s: %v", path, k, err)
		}
	}
	return p
}

// jobOrder is the jobs by stage, file order within a stage.
func (p *glPipeline) jobOrder(t *testing.T) []string {
	t.Helper()
	var out []string
	for _, st := range p.Stages {
		for _, name := range p.order {
			if p.Jobs[name].Stage == st {
				out = append(out, name)
			}
		}
	}
	if len(out) != len(p.order) {
		t.Fatalf("jobs %v are not all in stages %v", p.order, p.Stages)
	}
	return out
}

// signingEnvironments are the environments the README scopes the CI/CD
// variables VOUCH_SIGNING_KEY and VOUCH_PASSWORD to: a job in none of
// them (the tests) never sees the key.
var signingEnvironments = []string{"release-signing", "staging", "production"}

// glRun is one pipeline: the artifacts of each job, and the jobs that ran.
type glRun struct {
	w     *world
	p     *glPipeline
	store *store
	done  map[string]*job
	runs  int
	vars  map[string]string // the project's CI/CD variables
}

func newGLRun(w *world, p *glPipeline) *glRun {
	t := w.t
	keyFile := filepath.Join(w.dir, "ci-variables", "VOUCH_SIGNING_KEY")
	copyFile(t, w.keys["release"], keyFile)
	return &glRun{w: w, p: p, store: newStore(t, filepath.Join(w.dir, "gitlab-artifacts")), done: map[string]*job{},
		vars: map[string]string{
			// A protected variable of type File, scoped to the
			// signingEnvironments: the value is the path.
			"VOUCH_SIGNING_KEY": keyFile,
			"VOUCH_PASSWORD":    w.password,
		}}
}

// job runs one job in a fresh clone, after restoring the artifacts of the
// jobs it needs; user is who started it.
func (r *glRun) job(name, user string) *job {
	t := r.w.t
	t.Helper()
	gj := r.p.Jobs[name]
	if gj == nil {
		t.Fatalf("no job %s", name)
	}
	r.runs++
	ws := filepath.Join(r.w.dir, "gl", fmt.Sprintf("%02d-%s", r.runs, name))
	r.w.clone(ws, "")
	for _, n := range gj.Needs {
		if j := r.done[n.Job]; j == nil || !j.ok {
			t.Fatalf("job %s needs %s, which has not succeeded", name, n.Job)
		}
		if n.Artifacts {
			if err := r.store.get(n.Job, ws); err != nil {
				t.Fatalf("job %s: artifacts of %s: %v", name, n.Job, err)
			}
		}
	}
	env := map[string]string{
		"CI": "true", "GITLAB_CI": "true", "CI_SERVER_URL": "https://gitlab.com", "CI_RUNNER_ID": "4242",
		"CI_PROJECT_DIR": ws, "CI_BUILDS_DIR": filepath.Dir(ws), "CI_PROJECT_PATH": repoPath,
		"CI_COMMIT_SHA": r.w.commit, "CI_COMMIT_BRANCH": mainBranch, "CI_COMMIT_REF_NAME": mainBranch,
		"CI_DEFAULT_BRANCH": mainBranch, "CI_COMMIT_AUTHOR": authorName + " <" + author + ">",
		"GITLAB_USER_EMAIL": user, "CI_PIPELINE_ID": "77", "CI_JOB_ID": fmt.Sprint(1000 + r.runs), "CI_JOB_NAME": name,
		"CI_ENVIRONMENT_NAME": gj.Environment.Name,
	}
	for k, v := range r.w.env {
		env[k] = v
	}
	if slices.Contains(signingEnvironments, gj.Environment.Name) {
		for k, v := range r.vars {
			env[k] = v
		}
	}
	if gj.Environment.Name == "production" {
		// A protected variable scoped to the production environment.
		env["VOUCH_GATE_POLICY_DIGEST"] = r.w.pinned
	}
	for k, tok := range gj.IDTokens {
		env[k] = "id-token-for-" + tok.Aud // a stand-in: the deploy that reads it does not run
	}
	for _, vars := range []map[string]string{r.p.Variables, gj.Variables} {
		for k, v := range vars {
			env[k] = os.Expand(v, func(n string) string { return env[n] })
		}
	}

	lines := gj.BeforeScript
	if lines == nil {
		lines = r.p.Default.BeforeScript
	}
	lines = append(slices.Clone(lines), gj.Script...)
	s := &step{name: "script", ran: true}
	var keep []string
	for _, n := range lines {
		if n.Kind != yaml.ScalarNode {
			t.Fatalf("job %s: a script line that is not a string, at line %d", name, n.Line)
		}
		if strings.TrimSpace(n.LineComment) == onlineMark {
			checkOnline(t, "job "+name, n.Value+" "+onlineMark)
			s.skipped = append(s.skipped, n.Value)
			continue
		}
		if strings.HasSuffix(strings.TrimSpace(n.Value), onlineMark) {
			t.Fatalf("job %s, line %d: %q ends in %q inside the string; put it after the string, as a YAML comment", name, n.Line, n.Value, onlineMark)
		}
		keep = append(keep, n.Value)
	}
	s.exit, s.output = r.w.bash(ws, strings.Join(keep, "\n"), env)
	j := &job{id: name, dir: ws, ok: s.exit == 0, steps: []*step{s}}
	if gj.Artifacts.When == "always" || j.ok {
		paths := append(slices.Clone(gj.Artifacts.Paths), gj.Artifacts.Reports.JUnit...)
		if len(paths) > 0 {
			if err := r.store.put(ws, name, paths, true); err != nil {
				t.Errorf("job %s: %v", name, err)
			}
		}
	}
	r.done[name] = j
	return j
}

func TestGitLabCI(t *testing.T) {
	t.Parallel()
	src := filepath.Join(repoRoot(t), "examples", "gitlab-ci", ".gitlab-ci.yml")
	p := readGitLab(t, src)
	w := newWorld(t, src, ".gitlab-ci.yml")
	run := newGLRun(w, p)

	order := p.jobOrder(t)
	if want := []string{"test", "build", "staging", "production"}; !slices.Equal(order, want) {
		t.Fatalf("jobs in order %v, want %v", order, want)
	}
	for _, name := range order[:3] {
		if j := run.job(name, author); !j.ok {
			t.Fatalf("job %s failed:\n%s", name, j.log())
		}
	}
	build, staging := run.done["build"], run.done["staging"]
	app := filepath.Join(run.store.path("build"), "dist", "app")

	if d := readDecision(t, filepath.Join(staging.dir, "reports", "gate-staging.json")); d.Verdict != "allow" {
		t.Errorf("staging verdict %s, want allow: %+v", d.Verdict, d.Violations)
	}
	checkReports(t, filepath.Join(run.store.path("staging"), "reports"), "staging")
	w.verifyDecision(app, filepath.Join(run.store.path("staging"), "reports", "decision-staging.sigstore.json"))
	for _, j := range []*job{build, staging} {
		if len(j.steps[0].skipped) == 0 {
			t.Errorf("job %s left nothing out as online; the install and the download should be", j.id)
		}
	}

	// The production job is manual: started by alice, the approver.
	production := func(want int) (*job, decision) {
		t.Helper()
		j := run.job("production", approver)
		if got := j.steps[0].exit; got != want {
			t.Fatalf("production job exit %d, want %d:\n%s", got, want, j.log())
		}
		checkReports(t, filepath.Join(run.store.path("production"), "reports"), "production")
		return j, readDecision(t, filepath.Join(j.dir, "reports", "gate-production.json"))
	}
	checkApprovals(t, w, production, app)
}
