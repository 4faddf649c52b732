package pipeline_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// ghWorkflow is the part of a GitHub Actions workflow the local run reads.
type ghWorkflow struct {
	Env         map[string]string `yaml:"env"`
	Permissions yaml.Node         `yaml:"permissions"`
	Defaults    struct {
		Run struct {
			Shell string `yaml:"shell"`
		} `yaml:"run"`
	} `yaml:"defaults"`
	Jobs  map[string]*ghJob `yaml:"jobs"`
	order []string          // job ids in file order
}

type ghJob struct {
	Name        string            `yaml:"name"`
	Needs       stringList        `yaml:"needs"`
	Environment string            `yaml:"environment"`
	Permissions map[string]string `yaml:"permissions"`
	Env         map[string]string `yaml:"env"`
	Steps       []ghStep          `yaml:"steps"`
}

type ghStep struct {
	Name  string            `yaml:"name"`
	If    string            `yaml:"if"`
	Uses  string            `yaml:"uses"`
	Run   string            `yaml:"run"`
	Shell string            `yaml:"shell"`
	With  map[string]string `yaml:"with"`
	Env   map[string]string `yaml:"env"`
	Dir   string            `yaml:"working-directory"`
}

// stringList is a YAML string or list of strings.
type stringList []string

func (l *stringList) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode {
		*l = []string{n.Value}
		return nil
	}
	var s []string
	err := n.Decode(&s)
	*l = s
	return err
}

func readWorkflow(t *testing.T, path string) *ghWorkflow {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var wf ghWorkflow
	if err := yaml.Unmarshal(data, &wf); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	var doc struct {
		Jobs yaml.Node `yaml:"jobs"`
	}
	if err := yaml.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(doc.Jobs.Content); i += 2 {
		wf.order = append(wf.order, doc.Jobs.Content[i].Value)
	}
	return &wf
}

// jobOrder is the jobs in an order their needs allow, file order among
// equals.
func (wf *ghWorkflow) jobOrder(t *testing.T) []string {
	t.Helper()
	var out []string
	done := map[string]bool{}
	for len(out) < len(wf.order) {
		progress := false
		for _, id := range wf.order {
			if done[id] {
				continue
			}
			ready := true
			for _, n := range wf.Jobs[id].Needs {
				if _, ok := wf.Jobs[n]; !ok {
					t.Fatalf("job %s needs %s, which does not exist", id, n)
				}
				ready = ready && done[n]
			}
			if ready {
				out, done[id], progress = append(out, id), true, true
			}
		}
		if !progress {
			t.Fatalf("the needs of the jobs form a cycle")
		}
	}
	return out
}

// ghRun is one run of the workflow: its artifacts and the jobs that ran.
type ghRun struct {
	w     *world
	wf    *ghWorkflow
	store *store
	done  map[string]*job
	runs  int
}

func newGHRun(w *world, wf *ghWorkflow) *ghRun {
	return &ghRun{w: w, wf: wf, store: newStore(w.t, filepath.Join(w.dir, "artifacts")), done: map[string]*job{}}
}

var expr = regexp.MustCompile(`\$\{\{\s*(.*?)\s*\}\}`)

// eval replaces the ${{ … }} expressions of s from ctx; an expression
// the local run does not know fails the test.
func (r *ghRun) eval(s string, ctx map[string]string) string {
	r.w.t.Helper()
	return expr.ReplaceAllStringFunc(s, func(m string) string {
		e := expr.FindStringSubmatch(m)[1]
		if v, ok := ctx[e]; ok {
			return v
		}
		if name, ok := strings.CutPrefix(e, "vars."); ok {
			return "example-" + strings.ToLower(strings.ReplaceAll(name, "_", "-"))
		}
		if name, ok := strings.CutPrefix(e, "env."); ok {
			return ctx["env:"+name]
		}
		r.w.t.Fatalf("expression ${{ %s }} is not known to the local run", e)
		return ""
	})
}

// job runs one job of the workflow in a fresh work tree, as a runner
// would.
func (r *ghRun) job(id string) *job {
	t := r.w.t
	t.Helper()
	gj := r.wf.Jobs[id]
	if gj == nil {
		t.Fatalf("no job %s", id)
	}
	for _, n := range gj.Needs {
		if j := r.done[n]; j == nil || !j.ok {
			t.Fatalf("job %s needs %s, which has not succeeded", id, n)
		}
	}
	r.runs++
	base := mkdir(t, filepath.Join(r.w.dir, "gh", fmt.Sprintf("%02d-%s", r.runs, id)))
	ws := mkdir(t, filepath.Join(base, "work"))
	temp := mkdir(t, filepath.Join(base, "temp"))
	files := map[string]string{}
	for _, f := range []string{"GITHUB_ENV", "GITHUB_PATH", "GITHUB_OUTPUT", "GITHUB_STEP_SUMMARY"} {
		files[f] = filepath.Join(temp, strings.ToLower(f))
		writeFile(t, files[f], "")
	}
	env := map[string]string{
		"CI": "true", "GITHUB_ACTIONS": "true", "RUNNER_ENVIRONMENT": "github-hosted", "RUNNER_OS": "Linux",
		"RUNNER_TEMP": temp, "GITHUB_WORKSPACE": ws, "GITHUB_SHA": r.w.commit,
		"GITHUB_REF": "refs/heads/" + mainBranch, "GITHUB_REF_NAME": mainBranch, "GITHUB_REF_TYPE": "branch",
		"GITHUB_REPOSITORY": repoPath, "GITHUB_SERVER_URL": "https://github.com", "GITHUB_EVENT_NAME": "push",
		"GITHUB_ACTOR": "bob", "GITHUB_WORKFLOW": "release", "GITHUB_JOB": id,
		"GITHUB_RUN_ID": "4242", "GITHUB_RUN_ATTEMPT": fmt.Sprint(r.runs),
	}
	for k, v := range files {
		env[k] = v
	}
	for k, v := range r.w.env {
		env[k] = v
	}
	ctx := map[string]string{
		"github.sha": r.w.commit, "github.actor": "bob", "github.ref": "refs/heads/" + mainBranch,
		"github.workspace": ws, "runner.temp": temp,
	}
	// Secrets are environment secrets: only a job in an environment sees
	// them.
	if gj.Environment != "" {
		key, err := os.ReadFile(r.w.keys["release"])
		if err != nil {
			t.Fatal(err)
		}
		ctx["secrets.VOUCH_SIGNING_KEY"] = string(key)
		ctx["secrets.VOUCH_PASSWORD"] = r.w.password
	}
	if gj.Environment == "production" {
		ctx["vars.VOUCH_GATE_POLICY_DIGEST"] = r.w.pinned
	}
	addEnv := func(m map[string]string) {
		for k, v := range m {
			env[k] = r.eval(v, ctx)
			ctx["env:"+k] = env[k]
		}
	}
	addEnv(r.wf.Env)
	addEnv(gj.Env)

	j := &job{id: id, dir: ws, ok: true}
	for i, gs := range gj.Steps {
		s := &step{name: gs.Name}
		if s.name == "" {
			s.name = fmt.Sprintf("step %d", i+1)
		}
		j.steps = append(j.steps, s)
		switch cond := strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(gs.If, "${{"), "}}")); cond {
		case "", "success()":
			if !j.ok {
				continue
			}
		case "always()":
		case "failure()":
			if j.ok {
				continue
			}
		default:
			t.Fatalf("job %s, step %q: if: %s is not known to the local run", id, s.name, gs.If)
		}
		s.ran = true
		stepEnv := maps(env)
		for k, v := range gs.Env {
			stepEnv[k] = r.eval(v, ctx)
		}
		if gs.Uses != "" {
			if err := r.action(ws, gs); err != nil {
				s.exit, s.output = 1, err.Error()
			}
		} else {
			s.exit, s.output, s.skipped = r.script(id, s.name, ws, gs, stepEnv, ctx)
		}
		for _, f := range []string{"GITHUB_ENV", "GITHUB_PATH", "GITHUB_OUTPUT"} {
			if fi, err := os.Stat(files[f]); err != nil || fi.Size() > 0 {
				t.Fatalf("job %s, step %q writes $%s, which the local run does not carry between steps", id, s.name, f)
			}
		}
		if s.exit != 0 {
			j.ok = false
		}
	}
	r.done[id] = j
	return j
}

// script runs a run: step: the lines marked online left out, the rest
// with bash in the step's working directory.
func (r *ghRun) script(id, name, ws string, gs ghStep, env, ctx map[string]string) (int, string, []string) {
	t := r.w.t
	t.Helper()
	if shell := cmpOr(gs.Shell, r.wf.Defaults.Run.Shell); shell != "bash" {
		t.Fatalf("job %s, step %q: shell %q: the local run runs bash steps only", id, name, shell)
	}
	var keep, skipped []string
	for _, line := range strings.Split(r.eval(gs.Run, ctx), "\n") {
		if strings.HasSuffix(strings.TrimSpace(line), onlineMark) {
			checkOnline(t, fmt.Sprintf("job %s, step %q", id, name), line)
			skipped = append(skipped, strings.TrimSpace(line))
			continue
		}
		keep = append(keep, line)
	}
	exit, out := r.w.bash(filepath.Join(ws, gs.Dir), strings.Join(keep, "\n"), env)
	return exit, out, skipped
}

// action plays the actions the workflow uses.
func (r *ghRun) action(ws string, gs ghStep) error {
	t := r.w.t
	t.Helper()
	name, _, _ := strings.Cut(gs.Uses, "@")
	with := map[string]string{}
	for k, v := range gs.With {
		with[k] = strings.TrimSpace(v)
	}
	switch name {
	case "actions/checkout":
		if with["persist-credentials"] != "false" {
			t.Errorf("step %q: actions/checkout without persist-credentials: false", gs.Name)
		}
		dir := ws
		if with["path"] != "" {
			dir = filepath.Join(ws, with["path"])
		}
		if entries, _ := os.ReadDir(dir); len(entries) > 0 {
			os.RemoveAll(dir) // checkout cleans its path
		}
		r.w.clone(dir, with["ref"])
	case "actions/setup-go":
		// Go is on PATH already; the workflow must take its version from
		// go.mod, as the sample's go.mod says what it is built with.
		if with["go-version-file"] != "go.mod" {
			t.Errorf("step %q: setup-go should read go-version-file: go.mod", gs.Name)
		}
	case "actions/upload-artifact":
		paths := strings.Fields(with["path"])
		if len(paths) != 1 {
			t.Fatalf("step %q: the local run uploads one path per artifact, not %q", gs.Name, with["path"])
		}
		return r.store.put(ws, with["name"], paths, false)
	case "actions/download-artifact":
		return r.store.get(with["name"], filepath.Join(ws, with["path"]))
	case "github/codeql-action/upload-sarif":
		return checkSARIF(filepath.Join(ws, with["sarif_file"]))
	case "aws-actions/configure-aws-credentials":
		// Cloud credentials by OIDC: nothing to do offline.
		if with["role-to-assume"] == "" || with["aws-access-key-id"] != "" {
			t.Errorf("step %q: cloud credentials should come by OIDC (role-to-assume), not keys", gs.Name)
		}
	default:
		t.Fatalf("step %q uses %s, which the local run does not know", gs.Name, gs.Uses)
	}
	return nil
}

// checkSARIF reads a SARIF 2.1.0 log with at least one run.
func checkSARIF(path string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	var log struct {
		Version string            `json:"version"`
		Runs    []json.RawMessage `json:"runs"`
	}
	if err := json.Unmarshal(data, &log); err != nil {
		return fmt.Errorf("%s: %v", path, err)
	}
	if log.Version != "2.1.0" || len(log.Runs) == 0 {
		return fmt.Errorf("%s: SARIF version %q with %d runs", path, log.Version, len(log.Runs))
	}
	return nil
}

func maps(m map[string]string) map[string]string {
	out := make(map[string]string, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// decision reads the JSON report of a gate.
type decision struct {
	Verdict    string `json:"verdict"`
	Violations []struct {
		Policy  string `json:"policy"`
		Action  string `json:"action"`
		Message string `json:"message"`
	} `json:"violations"`
}

func readDecision(t *testing.T, path string) decision {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var d decision
	if err := json.Unmarshal(data, &d); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return d
}

// checkApprovals runs a pipeline's production job three times: with no
// approval yet (denied for that alone), approved by the commit's author
// (still denied), and approved by someone else (allowed, the decision
// record verifies). It returns the last run.
func checkApprovals(t *testing.T, w *world, production func(want int) (*job, decision), app string) *job {
	t.Helper()
	_, d := production(1)
	if d.Verdict != "deny" || len(d.Violations) != 1 || len(d.messages("approvals")) != 1 {
		t.Errorf("production without approval: %s %+v, want one approvals violation", d.Verdict, d.Violations)
	}
	w.approve(author, w.keys["bob"], app)
	_, d = production(1)
	if m := strings.Join(d.messages("approvals"), "; "); d.Verdict != "deny" || !strings.Contains(m, "author of the commit") {
		t.Errorf("production approved by the author: %s, approvals: %s", d.Verdict, m)
	}
	w.approve(approver, w.keys["alice"], app)
	j, d := production(0)
	if d.Verdict != "allow" {
		t.Errorf("production approved by %s: %s %+v", approver, d.Verdict, d.Violations)
	}
	w.verifyDecision(app, filepath.Join(j.dir, "reports", "decision-production.sigstore.json"))
	return j
}

func (d decision) messages(policy string) []string {
	var out []string
	for _, v := range d.Violations {
		if v.Policy == policy {
			out = append(out, v.Message)
		}
	}
	return out
}

// checkReports checks the gate's reports for env in dir: HTML, JUnit and
// SARIF written, the SARIF readable.
func checkReports(t *testing.T, dir, env string) {
	t.Helper()
	for _, ext := range []string{"html", "junit", "sarif"} {
		p := filepath.Join(dir, "gate-"+env+"."+ext)
		fi, err := os.Stat(p)
		if err != nil || fi.Size() == 0 {
			t.Errorf("report %s missing or empty: %v", p, err)
		}
	}
	if err := checkSARIF(filepath.Join(dir, "gate-"+env+".sarif")); err != nil {
		t.Error(err)
	}
}

func TestGitHubActions(t *testing.T) {
	t.Parallel()
	src := filepath.Join(repoRoot(t), "examples", "github-actions", ".github", "workflows", "release.yml")
	wf := readWorkflow(t, src)
	w := newWorld(t, src, filepath.Join(".github", "workflows", "release.yml"))
	run := newGHRun(w, wf)

	order := wf.jobOrder(t)
	if want := []string{"test", "build", "code-scanning", "staging", "production"}; !slices.Equal(order, want) {
		t.Fatalf("jobs in order %v, want %v", order, want)
	}
	for _, id := range order[:4] {
		if j := run.job(id); !j.ok {
			t.Fatalf("job %s failed:\n%s", id, j.log())
		}
	}

	// What the build handed on: the artifact and its signed evidence.
	release := run.store.path("release")
	for _, f := range []string{"app", "evidence/provenance.sigstore.json", "evidence/app.sigstore.json",
		"evidence/sbom.sigstore.json", "evidence/artifact-scan.sigstore.json", "evidence/source-scan.sigstore.json"} {
		if _, err := os.Stat(filepath.Join(release, f)); err != nil {
			t.Errorf("the release artifact lacks %s: %v", f, err)
		}
	}
	app := filepath.Join(release, "app")

	// Staging: allowed, with a signed decision and every report.
	staging := run.done["staging"]
	if d := readDecision(t, filepath.Join(staging.dir, "reports", "gate-staging.json")); d.Verdict != "allow" {
		t.Errorf("staging verdict %s, want allow: %+v", d.Verdict, d.Violations)
	}
	checkReports(t, run.store.path("gate-staging"), "staging")
	w.verifyDecision(app, filepath.Join(run.store.path("gate-staging"), "decision-staging.sigstore.json"))
	if s := staging.step(t, "Deploy to staging"); !s.ran || len(s.skipped) != 1 {
		t.Errorf("the staging deploy step: ran %v, skipped %q", s.ran, s.skipped)
	}

	production := func(want int) (*job, decision) {
		t.Helper()
		j := run.job("production")
		gate := j.step(t, "Gate for production")
		if gate.exit != want {
			t.Fatalf("production gate exit %d, want %d:\n%s", gate.exit, want, j.log())
		}
		if deploy := j.step(t, "Deploy to production"); deploy.ran != (want == 0) {
			t.Errorf("production deploy ran %v with the gate's exit %d", deploy.ran, want)
		}
		checkReports(t, run.store.path("gate-production"), "production")
		return j, readDecision(t, filepath.Join(j.dir, "reports", "gate-production.json"))
	}

	checkApprovals(t, w, production, app)
	w.verifyDecision(app, filepath.Join(run.store.path("gate-production"), "decision-production.sigstore.json"))
}
