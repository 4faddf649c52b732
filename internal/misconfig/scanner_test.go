package misconfig

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/vouch-dev/vouch/internal/vouch"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata")

var shared struct {
	once sync.Once
	s    *Scanner
	err  error
}

// testScanner compiles the built-in checks once for the package's tests.
func testScanner(t testing.TB) *Scanner {
	t.Helper()
	shared.once.Do(func() { shared.s, shared.err = New(context.Background(), Config{}) })
	if shared.err != nil {
		t.Fatal(shared.err)
	}
	return shared.s
}

func render(fs []vouch.Finding) string {
	var b strings.Builder
	for _, f := range fs {
		end := ""
		if f.EndLine > 0 {
			end = fmt.Sprintf("-%d", f.EndLine)
		}
		fmt.Fprintf(&b, "%s %s %s:%d%s %s: %s", f.ID, f.Severity, f.Location.Path, f.Location.Line, end, f.Resource, f.Detail)
		if f.Suppressed != nil {
			fmt.Fprintf(&b, " [suppressed %s: %s]", f.Suppressed.Source, f.Suppressed.Reason)
		}
		b.WriteByte('\n')
	}
	return b.String()
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("findings differ from %s (run with -update and review the diff):\n%s", path, diffLines(string(want), got))
	}
}

// diffLines lists lines only in want (-) or only in got (+).
func diffLines(want, got string) string {
	w := map[string]int{}
	for _, l := range strings.Split(want, "\n") {
		w[l]++
	}
	g := map[string]int{}
	for _, l := range strings.Split(got, "\n") {
		g[l]++
	}
	var b strings.Builder
	for _, l := range strings.Split(want, "\n") {
		if g[l] == 0 {
			fmt.Fprintf(&b, "- %s\n", l)
		}
	}
	for _, l := range strings.Split(got, "\n") {
		if w[l] == 0 {
			fmt.Fprintf(&b, "+ %s\n", l)
		}
	}
	return b.String()
}

// TestScanDirGolden scans one fixture tree per file type and compares every
// finding, line range and suppression with testdata/e2e.golden.
func TestScanDirGolden(t *testing.T) {
	fs, errs, err := testScanner(t).ScanDir(context.Background(), "testdata/e2e")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range errs {
		t.Errorf("unexpected per-file error: %v", e)
	}
	golden(t, "e2e.golden", render(fs))
}

type want struct {
	id, path, resource string
	line               int
	suppressed         string // reason, when the finding must be suppressed
}

func has(fs []vouch.Finding, w want) bool {
	for _, f := range fs {
		if f.ID != w.id || f.Location.Path != w.path || (w.resource != "" && f.Resource != w.resource) || (w.line != 0 && f.Location.Line != w.line) {
			continue
		}
		if w.suppressed == "" {
			return f.Suppressed == nil
		}
		return f.Suppressed != nil && f.Suppressed.Source == "inline" && f.Suppressed.Reason == w.suppressed
	}
	return false
}

// TestScanDirResolves spells out what the golden file shows, one
// behaviour per row: values reach checks through variables, tfvars,
// locals, count, for_each, dynamic blocks and modules; intrinsics resolve;
// inline comments suppress.
func TestScanDirResolves(t *testing.T) {
	fs, _, err := testScanner(t).ScanDir(context.Background(), "testdata/e2e")
	if err != nil {
		t.Fatal(err)
	}
	present := []want{
		// acl = var.bucket_acl, set by override.auto.tfvars over the default.
		{id: "VCH-AWS-0001", path: "terraform/main.tf", resource: "aws_s3_bucket.assets", line: 13},
		// A local module's resource, with the value its caller passed.
		{id: "VCH-AWS-0001", path: "terraform/modules/bucket/main.tf", resource: "module.logs.aws_s3_bucket.this", line: 12},
		// count = var.instance_count (2, from terraform.tfvars); only the
		// second instance has optional tokens.
		{id: "VCH-AWS-0035", path: "terraform/main.tf", resource: "aws_instance.web[1]"},
		{id: "VCH-AWS-0033", path: "terraform/main.tf", resource: "aws_instance.web[0]"},
		// for_each over a local map: only the instance without a key.
		{id: "VCH-AWS-0050", path: "terraform/main.tf", resource: `aws_sqs_queue.q["invoices"]`},
		// dynamic "ingress" over concat(var.admin_cidrs, ["0.0.0.0/0"]).
		{id: "VCH-AWS-0023", path: "terraform/main.tf", resource: "aws_security_group.admin"},
		// jsonencode() policy.
		{id: "VCH-AWS-0016", path: "terraform/main.tf", resource: "aws_iam_policy.deployer"},
		// Comment above the resource.
		{id: "VCH-AWS-0048", path: "terraform/main.tf", resource: "aws_db_instance.main", suppressed: "rotated by the platform team, tracked in SEC-142"},
		// Plan JSON, child module instance.
		{id: "VCH-AWS-0042", path: "plan/tfplan.json", resource: "module.db.aws_db_instance.this[0]"},
		// CloudFormation: !Ref to a parameter default, !If on a condition.
		{id: "VCH-AWS-0001", path: "cloudformation/stack.yaml", resource: "AssetsBucket", line: 22},
		{id: "VCH-AWS-0042", path: "cloudformation/stack.yaml", resource: "Database"},
		{id: "VCH-AWS-0013", path: "cloudformation/stack.yaml", resource: "AppRole"},
		{id: "VCH-AWS-0007", path: "cloudformation/stack.yaml", resource: "LogsBucket", suppressed: "log bucket managed by the landing zone"},
		{id: "VCH-AWS-0050", path: "cloudformation/queue.json", resource: "Queue"},
		// Kubernetes: a List item, a CronJob, a trailing comment.
		{id: "VCH-K8S-0024", path: "kubernetes/list.yaml", resource: "ClusterRole/everything"},
		{id: "VCH-K8S-0008", path: "kubernetes/list.yaml", resource: "CronJob/shop/report", line: 27},
		{id: "VCH-K8S-0001", path: "kubernetes/app.yaml", resource: "DaemonSet/kube-system/node-agent", line: 61, suppressed: "node agent needs the host"},
		{id: "VCH-K8S-0017", path: "kubernetes/app.yaml", resource: "Deployment/shop/orders", line: 30},
		// Dockerfile.
		{id: "VCH-DKR-0005", path: "docker/Dockerfile", line: 12},
		{id: "VCH-DKR-0002", path: "docker/Dockerfile", line: 18, suppressed: "the entrypoint drops privileges itself"},
		{id: "VCH-DKR-0008", path: "docker/Dockerfile", line: 9},
		// Workflows and composite actions.
		{id: "VCH-GHA-0006", path: "github/.github/workflows/deploy.yml", resource: "jobs.test.steps[0]"},
		{id: "VCH-GHA-0007", path: "github/.github/workflows/deploy.yml", line: 22},
		{id: "VCH-GHA-0002", path: "github/.github/workflows/deploy.yml", resource: "jobs.deploy-production.steps[1]"},
		{id: "VCH-GHA-0008", path: "github/.github/workflows/deploy.yml", resource: "jobs.deploy-production"},
		{id: "VCH-GHA-0001", path: "github/.github/workflows/deploy.yml", resource: "jobs.test"},
		{id: "VCH-GHA-0010", path: "github/.github/actions/setup/action.yml", resource: "runs.steps[1]"},
		// GitLab CI, with extends merged.
		{id: "VCH-GLC-0004", path: "gitlab/.gitlab-ci.yml", resource: "jobs.deploy_production"},
		{id: "VCH-GLC-0001", path: "gitlab/.gitlab-ci.yml", resource: "variables"},
		// A policy document on its own.
		{id: "VCH-AWS-0013", path: "iam/admin-policy.json"},
	}
	for _, w := range present {
		if !has(fs, w) {
			t.Errorf("missing %+v", w)
		}
	}
	absent := []want{
		// The module directory is checked through its caller only.
		{id: "VCH-AWS-0001", path: "terraform/modules/bucket/main.tf", resource: "aws_s3_bucket.this"},
		{id: "VCH-AWS-0035", path: "terraform/main.tf", resource: "aws_instance.web[0]"},
		{id: "VCH-AWS-0050", path: "terraform/main.tf", resource: `aws_sqs_queue.q["orders"]`},
		// Condition IsDev is false: the resource is never created.
		{id: "VCH-AWS-0001", path: "cloudformation/stack.yaml", resource: "DevOnlyBucket"},
		// A Ref to a NoEcho parameter is not a literal password.
		{id: "VCH-AWS-0048", path: "cloudformation/stack.yaml"},
		{id: "VCH-GHA-0008", path: "github/.github/workflows/safe.yml"},
		{id: "VCH-GLC-0004", path: "gitlab/.gitlab-ci.yml", resource: "jobs.deploy_staging"},
		{id: "VCH-GLC-0002", path: "gitlab/.gitlab-ci.yml"},
	}
	for _, w := range absent {
		for _, f := range fs {
			if f.ID == w.id && f.Location.Path == w.path && (w.resource == "" || f.Resource == w.resource) {
				t.Errorf("unexpected %s %s %s: %s", f.ID, f.Location.Path, f.Resource, f.Detail)
			}
		}
	}
	for _, f := range fs {
		if strings.Contains(f.Location.Path, "chart/templates") {
			t.Errorf("unrendered Helm template was checked: %s", f.Location.Path)
		}
		if f.Kind != vouch.KindMisconfig || f.Title == "" || f.Remediation == "" || f.Location.Line < 1 || f.Severity == vouch.SeverityUnknown {
			t.Errorf("incomplete finding %+v", f)
		}
	}
}

func TestVarFiles(t *testing.T) {
	s, err := New(context.Background(), Config{VarFiles: []string{"testdata/e2e/terraform/env/prod.tfvars"}})
	if err != nil {
		t.Fatal(err)
	}
	fs, err := s.ScanFile(context.Background(), "testdata/e2e/terraform/main.tf")
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, f := range fs {
		if f.Location.Path != "main.tf" {
			t.Errorf("ScanFile returned a finding in another file: %s", f.Location.Path)
		}
		if f.ID == "VCH-AWS-0001" && f.Resource == "aws_s3_bucket.assets" {
			found = true
			if !strings.Contains(f.Detail, "authenticated-read") {
				t.Errorf("--var-file did not override the auto.tfvars value: %s", f.Detail)
			}
		}
	}
	if !found {
		t.Error("no VCH-AWS-0001 for aws_s3_bucket.assets")
	}
	if _, err := New(context.Background(), Config{VarFiles: []string{"testdata/nope.tfvars"}}); err == nil {
		t.Error("a missing var file is not an error")
	}
}

func TestScanFileKinds(t *testing.T) {
	s := testScanner(t)
	for _, tc := range []struct {
		path string
		id   string
	}{
		{"testdata/e2e/docker/Dockerfile", "VCH-DKR-0005"},
		{"testdata/e2e/kubernetes/list.yaml", "VCH-K8S-0024"},
		{"testdata/e2e/cloudformation/queue.json", "VCH-AWS-0050"},
		{"testdata/e2e/plan/tfplan.json", "VCH-AWS-0023"},
		{"testdata/e2e/iam/admin-policy.json", "VCH-AWS-0013"},
		{"testdata/e2e/gitlab/.gitlab-ci.yml", "VCH-GLC-0004"},
	} {
		fs, err := s.ScanFile(context.Background(), tc.path)
		if err != nil {
			t.Errorf("%s: %v", tc.path, err)
			continue
		}
		ok := false
		for _, f := range fs {
			ok = ok || f.ID == tc.id
			if f.Location.Path != filepath.Base(tc.path) {
				t.Errorf("%s: finding path %q, want the base name", tc.path, f.Location.Path)
			}
		}
		if !ok {
			t.Errorf("%s: no %s in %d findings", tc.path, tc.id, len(fs))
		}
	}
	fs, err := s.ScanFile(context.Background(), "testdata/policies/custom/owner_tag.rego")
	if err != nil || len(fs) != 0 {
		t.Errorf("a file vouch does not read: %d findings, %v", len(fs), err)
	}
}

func TestDetectByContent(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		// No telling name: content decides.
		"build/image":       "# base\nARG V=1\nFROM alpine:${V}\nRUN apk add curl\n",
		"deploy/pod.yml":    "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  hostNetwork: true\n  containers: []\n",
		"infra/bucket.json": `{"Resources": {"B": {"Type": "AWS::S3::Bucket", "Properties": {"AccessControl": "PublicReadWrite"}}}}`,
		"ci/pipeline.yml":   "stages: [test]\ntest:\n  script: [\"curl https://x.example | sh\"]\n",
		"ci/wf.yaml":        "on: push\njobs:\n  b:\n    runs-on: ubuntu-latest\n    permissions: write-all\n    steps: []\n",
		"notes/readme.txt":  "FROM scratch\n",
		"data/values.yaml":  "replicas: 3\nimage: nginx\n",
	}
	for name, src := range files {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	fs, errs, err := testScanner(t).ScanDir(context.Background(), dir)
	if err != nil || len(errs) > 0 {
		t.Fatal(err, errs)
	}
	got := map[string]bool{}
	for _, f := range fs {
		got[f.Location.Path+" "+f.ID] = true
	}
	for _, w := range []string{
		"build/image VCH-DKR-0001",
		"deploy/pod.yml VCH-K8S-0004",
		"infra/bucket.json VCH-AWS-0001",
		"ci/pipeline.yml VCH-GLC-0003",
		"ci/wf.yaml VCH-GHA-0005",
	} {
		if !got[w] {
			t.Errorf("missing %s", w)
		}
	}
	for k := range got {
		if strings.HasPrefix(k, "notes/") || strings.HasPrefix(k, "data/") {
			t.Errorf("checked a file that is none of ours: %s", k)
		}
	}
}

func TestParseErrorsNameTheFile(t *testing.T) {
	dir := t.TempDir()
	write := func(name, src string) {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("bad.tf", "resource \"aws_s3_bucket\" \"b\" {\n  acl = \"public-read\"\n")
	write("good.tf", "resource \"aws_s3_bucket\" \"c\" {\n  acl = \"public-read\"\n}\n")
	write(".github/workflows/ci.yml", "on: push\njobs: [\n")
	write("random.yaml", "key: [unclosed\n")
	fs, errs, err := testScanner(t).ScanDir(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	var msgs []string
	for _, e := range errs {
		msgs = append(msgs, e.Error())
	}
	all := strings.Join(msgs, "\n")
	for _, w := range []string{"bad.tf:", ".github/workflows/ci.yml"} {
		if !strings.Contains(all, w) {
			t.Errorf("errors do not name %s:\n%s", w, all)
		}
	}
	if strings.Contains(all, "random.yaml") {
		t.Errorf("a YAML file that is none of ours was reported: %s", all)
	}
	// The rest of the module is still checked.
	if !has(fs, want{id: "VCH-AWS-0001", path: "good.tf", resource: "aws_s3_bucket.c"}) {
		t.Errorf("good.tf not checked next to a broken file:\n%s", render(fs))
	}
}

func TestCustomPolicies(t *testing.T) {
	s, err := New(context.Background(), Config{PolicyDirs: []string{"testdata/policies/custom"}, SkipChecks: []string{"vch-aws-0007"}})
	if err != nil {
		t.Fatal(err)
	}
	fs, _, err := s.ScanDir(context.Background(), "testdata/e2e/terraform")
	if err != nil {
		t.Fatal(err)
	}
	if !has(fs, want{id: "ACME-0001", path: "main.tf", resource: "aws_s3_bucket.assets"}) {
		t.Errorf("custom check did not run:\n%s", render(fs))
	}
	for _, f := range fs {
		if f.ID == "VCH-AWS-0007" {
			t.Errorf("skipped check ran: %s", f.Resource)
		}
	}
	var custom *CheckMeta
	for _, c := range s.Checks() {
		if c.ID == "ACME-0001" {
			c := c
			custom = &c
		}
	}
	if custom == nil || !custom.Custom || custom.Severity != vouch.SeverityLow || len(custom.References) != 1 {
		t.Errorf("custom check metadata: %+v", custom)
	}

	for _, tc := range []struct {
		cfg  Config
		want string
	}{
		{Config{PolicyDirs: []string{"testdata/policies/broken"}}, "testdata/policies/broken/typo.rego:"},
		{Config{PolicyDirs: []string{"testdata/policies/badmeta"}}, "testdata/policies/badmeta/nofix.rego:1: check metadata"},
		{Config{PolicyDirs: []string{"testdata/policies/nope"}}, "policy directory testdata/policies/nope"},
		{Config{SkipChecks: []string{"VCH-NOPE-0001"}}, "no such check"},
	} {
		_, err := New(context.Background(), tc.cfg)
		var ie *vouch.InputError
		if err == nil || !strings.Contains(err.Error(), tc.want) || !errors.As(err, &ie) {
			t.Errorf("New(%+v) = %v, want an input error containing %q", tc.cfg, err, tc.want)
		}
	}
}

func TestPolicyTestCustom(t *testing.T) {
	rs, err := Test(context.Background(), TestOptions{Dirs: []string{"testdata/policies/custom", "testdata/policies/failing"}})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]bool{}
	for _, r := range rs {
		if strings.HasPrefix(r.File, "builtin/") {
			t.Errorf("built-in test run without Builtin: %s", r.Name)
		}
		got[r.Name] = r.Pass
	}
	if len(rs) != 4 || !got["test_deny_untagged"] || !got["test_allow_tagged"] || !got["test_deny_large"] || got["test_allow_medium"] {
		t.Errorf("results: %+v", rs)
	}
	if _, err := Test(context.Background(), TestOptions{Dirs: []string{"testdata/policies/broken"}}); err == nil || !strings.Contains(err.Error(), "typo.rego:") {
		t.Errorf("broken policy: %v", err)
	}
}

func TestChecksMetadata(t *testing.T) {
	seen := map[string]bool{}
	families := map[string]int{}
	for _, c := range Checks() {
		if seen[c.ID] {
			t.Errorf("duplicate id %s", c.ID)
		}
		seen[c.ID] = true
		families[c.Family()]++
		if c.Description == "" || len(c.References) == 0 || len(c.ResourceTypes) == 0 {
			t.Errorf("%s (%s): description, references and resource types are required of built-in checks", c.ID, c.File)
		}
		if !strings.HasPrefix(c.Package, "data.vouch.checks.") {
			t.Errorf("%s: package %s outside data.vouch.checks", c.ID, c.Package)
		}
	}
	for _, f := range []string{"AWS", "GCP", "AZU", "K8S", "DKR", "GHA", "GLC"} {
		if families[f] == 0 {
			t.Errorf("no %s checks", f)
		}
	}
}

func TestContextCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, _, err := testScanner(t).ScanDir(ctx, "testdata/e2e"); !errors.Is(err, context.Canceled) {
		t.Errorf("ScanDir on a cancelled context: %v", err)
	}
}

// TestTypeFilterKeepsFindings holds the resource_types metadata of every
// check to the truth: running each document's checks filtered by the
// types it holds finds exactly what running all of them finds.
func TestTypeFilterKeepsFindings(t *testing.T) {
	filtered := testScanner(t)
	all, err := New(context.Background(), Config{})
	if err != nil {
		t.Fatal(err)
	}
	for _, kq := range all.queries {
		kq.filter = false
	}
	for _, dir := range []string{"testdata/e2e", "testdata/corpus"} {
		a, _, err := filtered.ScanDir(context.Background(), dir)
		if err != nil {
			t.Fatal(err)
		}
		b, _, err := all.ScanDir(context.Background(), dir)
		if err != nil {
			t.Fatal(err)
		}
		if ra, rb := render(a), render(b); ra != rb {
			t.Errorf("%s: filtering by resource type changes findings:\n%s", dir, diffLines(rb, ra))
		}
	}
}

func TestClassifyDockerfileNames(t *testing.T) {
	for name, want := range map[string]fileClass{
		"Dockerfile": classDockerfile, "app.dockerfile": classDockerfile, "Containerfile": classDockerfile,
		"Dockerfile.prod": classSniff, "dockerfile.go": classSniff, "main.go": classNone, "Makefile": classSniff,
	} {
		if got := classify(name); got != want {
			t.Errorf("classify(%q) = %v, want %v", name, got, want)
		}
	}
	if looksLikeDockerfile([]byte("package misconfig\n\nimport \"strings\"\n")) {
		t.Error("Go source looks like a Dockerfile")
	}
	if !looksLikeDockerfile([]byte("# build\nFROM alpine:3.19\nRUN true\n")) {
		t.Error("a Dockerfile.prod does not look like one")
	}
}

// ExcludePaths: excluded directories are never read (the hook sees every
// directory the walk reads; without root, they are also unreadable), no
// finding points into an excluded path, and a module that a scanned
// module calls is still loaded from an excluded directory, so the value
// it passes on is the one Terraform would see.
func TestScanDirExcludePaths(t *testing.T) {
	dockerfile, err := os.ReadFile("testdata/e2e/docker/Dockerfile")
	if err != nil {
		t.Fatal(err)
	}
	root := t.TempDir()
	for name, body := range map[string]string{
		"live/main.tf": `module "acl" {
  source = "../shared/acl"
}

resource "aws_s3_bucket" "site" {
  bucket = "site"
  acl    = module.acl.value
}
`,
		"shared/acl/main.tf": `resource "aws_s3_bucket" "inner" {
  bucket = "inner"
  acl    = "public-read"
}

output "value" {
  value = "public-read"
}
`,
		"app/Dockerfile":                   string(dockerfile),
		"app/testdata/Dockerfile":          string(dockerfile),
		"lib/testdata/deep/web/Dockerfile": string(dockerfile),
		"tools/Dockerfile":                 string(dockerfile),
	} {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, d := range []string{"app/testdata", "lib/testdata"} {
		if err := os.Chmod(filepath.Join(root, d), 0); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { os.Chmod(filepath.Join(root, d), 0o755) })
	}
	var read, excluded []string
	testHookReadDir = func(rel string) { read = append(read, rel) }
	t.Cleanup(func() { testHookReadDir = nil })
	s, err := New(context.Background(), Config{
		ExcludePaths: []string{"**/testdata/**", "shared/", "/tools/Dockerfile"},
		OnExclude:    func(p string) { excluded = append(excluded, p) },
	})
	if err != nil {
		t.Fatal(err)
	}
	fs, errs, err := s.ScanDir(context.Background(), root)
	if err != nil || len(errs) > 0 {
		t.Fatal(err, errs)
	}
	paths := map[string]bool{}
	for _, f := range fs {
		paths[f.Location.Path] = true
	}
	if !paths["app/Dockerfile"] || len(paths) != 2 {
		t.Errorf("findings in %v, want app/Dockerfile and live/main.tf only", paths)
	}
	if !has(fs, want{id: "VCH-AWS-0001", path: "live/main.tf", resource: "aws_s3_bucket.site"}) {
		t.Errorf("the ACL the excluded module passes on was not seen:\n%s", render(fs))
	}
	for _, r := range read {
		if strings.Contains(r, "testdata") || strings.HasPrefix(r, "shared") {
			t.Errorf("the walk read excluded directory %s", r)
		}
	}
	if g, w := strings.Join(excluded, " "), "app/testdata lib/testdata shared tools/Dockerfile"; g != w {
		t.Errorf("OnExclude heard %q, want %q", g, w)
	}

	// Without the exclusion, the module's own resource is reported.
	fs, _, err = testScanner(t).ScanDir(context.Background(), root)
	if err != nil {
		t.Fatal(err)
	}
	if !has(fs, want{id: "VCH-AWS-0001", path: "shared/acl/main.tf", resource: "module.acl.aws_s3_bucket.inner"}) {
		t.Errorf("control scan: no finding in the module:\n%s", render(fs))
	}

	if _, err := New(context.Background(), Config{ExcludePaths: []string{"["}}); err == nil {
		t.Error("bad exclude path accepted")
	}
}
