// Package pipeline_test runs the example release pipelines —
// examples/github-actions/.github/workflows/release.yml and
// examples/gitlab-ci/.gitlab-ci.yml — on examples/pipeline-app, locally,
// offline, as written.
//
// Each test makes a git repository of the sample project with the
// pipeline file in it, a release key and approver keys, and an advisory
// database imported from examples/advisories. It then reads the pipeline
// file and runs its jobs in order, each in a fresh clone, the way the CI
// system would: run: and script: lines with bash, with vouch on PATH and
// the CI system's variables set; artifacts copied between jobs. Actions
// (uses:) are played by small stand-ins: checkout clones, the artifact
// actions copy, upload-sarif checks the SARIF, the cloud-credentials
// action does nothing. The only lines not run are those ending in
// "# online" (checking and installing vouch, the advisory download, the
// deploy), and the test refuses to skip any other vouch command that way.
// Secrets reach only the jobs the pipelines scope them to.
//
// The approver's part (vouch approve, pushed to the vouch-approvals
// branch) is played by the test, as the README describes it.
package pipeline_test

import (
	"bytes"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
)

// The people of the sample repository. The commit's author is bob, who is
// also an approver: his approval of his own commit must not count.
const (
	author      = "bob@example.com"
	authorName  = "Bob"
	approver    = "alice@example.com"
	repoPath    = "example/pipeline-app"
	mainBranch  = "main"
	approvalRef = "vouch-approvals"
)

var (
	toolsOnce sync.Once
	toolsDir  string // holds the vouch binary and the imported advisory db
	toolsErr  error
)

func TestMain(m *testing.M) {
	code := m.Run()
	if toolsDir != "" {
		os.RemoveAll(toolsDir)
	}
	os.Exit(code)
}

// repoRoot is the vouch module's root directory.
func repoRoot(t *testing.T) string {
	t.Helper()
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		t.Fatal("cannot find the test's source file")
	}
	return filepath.Clean(filepath.Join(filepath.Dir(file), "..", ".."))
}

// needTools skips the test when git or bash is missing.
func needTools(t *testing.T) {
	t.Helper()
	for _, tool := range []string{"git", "bash"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s is not installed: %v", tool, err)
		}
	}
}

// vouchTools builds vouch once per test binary and imports the sample
// advisories into a database beside it.
func vouchTools(t *testing.T) (bin, dbDir string) {
	t.Helper()
	root := repoRoot(t)
	toolsOnce.Do(func() {
		toolsDir, toolsErr = os.MkdirTemp("", "vouch-pipeline-test-")
		if toolsErr != nil {
			return
		}
		bin := filepath.Join(toolsDir, "bin", "vouch")
		cmd := exec.Command("go", "build", "-o", bin, "./cmd/vouch")
		cmd.Dir = root
		if out, err := cmd.CombinedOutput(); err != nil {
			toolsErr = fmt.Errorf("go build ./cmd/vouch: %v\n%s", err, out)
			return
		}
		cmd = exec.Command(bin, "db", "import", "--db-dir", filepath.Join(toolsDir, "db"), filepath.Join(root, "examples", "advisories"))
		cmd.Env = cleanEnv(map[string]string{"HOME": toolsDir})
		if out, err := cmd.CombinedOutput(); err != nil {
			toolsErr = fmt.Errorf("vouch db import: %v\n%s", err, out)
		}
	})
	if toolsErr != nil {
		t.Fatal(toolsErr)
	}
	return filepath.Join(toolsDir, "bin", "vouch"), filepath.Join(toolsDir, "db")
}

// cleanEnv is an environment made from scratch: nothing of the caller's
// (no VOUCH_*, no CI variables, no git configuration) leaks in but PATH and
// the Go build cache, which keeps the sample's build fast.
func cleanEnv(set map[string]string) []string {
	env := map[string]string{
		"PATH":                os.Getenv("PATH"),
		"LANG":                "C.UTF-8",
		"GIT_CONFIG_NOSYSTEM": "1",
		"GOTOOLCHAIN":         "local",
		"GOPROXY":             "off",
		"GOFLAGS":             "",
		"NO_COLOR":            "1",
	}
	if c, err := exec.Command("go", "env", "GOCACHE").Output(); err == nil {
		env["GOCACHE"] = strings.TrimSpace(string(c))
	}
	for k, v := range set {
		env[k] = v
	}
	out := make([]string, 0, len(env))
	for k, v := range env {
		out = append(out, k+"="+v)
	}
	return out
}

// world is one sample repository with its keys, as a CI system sees it.
type world struct {
	t        *testing.T
	dir      string
	vouch    string
	dbDir    string
	origin   string // file:// URL of the repository
	commit   string // the commit on main the pipeline runs for
	password string // of every key here: made up per test, never written down
	keys     map[string]string
	env      map[string]string // every process's environment
	// pinned is the policy digest of production as committed: what the
	// security team sets as the production environment's variable
	// VOUCH_GATE_POLICY_DIGEST, out of the developers' reach.
	pinned string
}

// newWorld makes the repository: examples/pipeline-app, the public keys
// under .vouch/, and the pipeline file at ciPath, committed on main by the
// author; and an orphan vouch-approvals branch that holds no approval yet.
func newWorld(t *testing.T, ciSource, ciPath string) *world {
	t.Helper()
	needTools(t)
	bin, db := vouchTools(t)
	dir := t.TempDir()
	pw := make([]byte, 16)
	if _, err := rand.Read(pw); err != nil {
		t.Fatal(err)
	}
	w := &world{t: t, dir: dir, vouch: bin, dbDir: db, password: hex.EncodeToString(pw), keys: map[string]string{}}
	home := filepath.Join(dir, "home")
	gitconfig := filepath.Join(dir, "gitconfig")
	mkdir(t, home)
	writeFile(t, gitconfig, "")
	w.env = map[string]string{
		"HOME":                home,
		"TMPDIR":              mkdir(t, filepath.Join(dir, "tmp")),
		"GOPATH":              filepath.Join(dir, "gopath"),
		"GIT_CONFIG_GLOBAL":   gitconfig,
		"GIT_AUTHOR_NAME":     authorName,
		"GIT_AUTHOR_EMAIL":    author,
		"GIT_COMMITTER_NAME":  authorName,
		"GIT_COMMITTER_EMAIL": author,
		"PATH":                filepath.Dir(bin) + string(os.PathListSeparator) + os.Getenv("PATH"),
		"VOUCH_DB_DIR":        db,
	}

	keys := mkdir(t, filepath.Join(dir, "keys"))
	for _, name := range []string{"release", "alice", "bob"} {
		w.run(keys, nil, bin, "key", "generate", "--output-key-prefix", name)
		w.keys[name] = filepath.Join(keys, name+".key")
	}

	src := mkdir(t, filepath.Join(dir, "origin"))
	copyTree(t, filepath.Join(repoRoot(t), "examples", "pipeline-app"), src)
	copyFile(t, filepath.Join(keys, "release.pub"), filepath.Join(src, ".vouch", "release.pub"))
	copyFile(t, filepath.Join(keys, "alice.pub"), filepath.Join(src, ".vouch", "approvers", "alice.pub"))
	copyFile(t, filepath.Join(keys, "bob.pub"), filepath.Join(src, ".vouch", "approvers", "bob.pub"))
	copyFile(t, ciSource, filepath.Join(src, ciPath))
	w.git(src, "init", "-q", "-b", approvalRef)
	writeFile(t, filepath.Join(src, "README.md"), "Signed approvals: production/<artifact sha256>/<approver>.sigstore.json\n")
	w.git(src, "add", "README.md")
	w.git(src, "commit", "-q", "-m", "approvals branch")
	w.git(src, "switch", "-q", "--orphan", mainBranch)
	os.Remove(filepath.Join(src, "README.md"))
	w.git(src, "add", "-A")
	w.git(src, "commit", "-q", "-m", "pipeline-app with its release pipeline")
	w.commit = strings.TrimSpace(w.git(src, "rev-parse", "HEAD"))
	w.origin = "file://" + src
	w.pinned = strings.TrimSpace(w.run(src, nil, w.vouch, "gate", "--env", "production", "--print-policy-digest"))
	return w
}

// run runs a command in dir with the world's environment and extra, and
// fails the test unless it succeeds.
func (w *world) run(dir string, extra map[string]string, name string, args ...string) string {
	w.t.Helper()
	out, err := w.try(dir, extra, name, args...)
	if err != nil {
		w.t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
	return out
}

func (w *world) try(dir string, extra map[string]string, name string, args ...string) (string, error) {
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = w.environ(extra)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	return out.String(), err
}

func (w *world) environ(extra map[string]string) []string {
	env := map[string]string{"VOUCH_PASSWORD": w.password}
	for k, v := range w.env {
		env[k] = v
	}
	for k, v := range extra {
		env[k] = v
	}
	return cleanEnv(env)
}

func (w *world) git(dir string, args ...string) string {
	w.t.Helper()
	return w.run(dir, nil, "git", args...)
}

// approve is the approver's part, as README.md describes it: sign an
// approval of the artifact for production with their own key, and push it
// to the vouch-approvals branch under the artifact's digest.
func (w *world) approve(identity, key, artifact string) {
	w.t.Helper()
	clone := filepath.Join(w.dir, "approver-"+strings.SplitN(identity, "@", 2)[0])
	if _, err := os.Stat(clone); err != nil {
		w.git(w.dir, "clone", "-q", "--branch", approvalRef, w.origin, clone)
	}
	w.git(clone, "pull", "-q", "--ff-only")
	digest := fileSHA256(w.t, artifact)
	out := filepath.Join(clone, "production", digest, identity+".sigstore.json")
	mkdir(w.t, filepath.Dir(out))
	w.run(clone, nil, w.vouch, "approve", artifact, "--env", "production", "--approver", identity,
		"--key", key, "--comment", "reviewed in the pipeline test", "--output", out)
	w.git(clone, "add", "-A")
	w.run(clone, map[string]string{"GIT_AUTHOR_EMAIL": identity, "GIT_COMMITTER_EMAIL": identity},
		"git", "commit", "-q", "-m", "approve "+digest[:12]+" for production")
	w.git(clone, "push", "-q", "origin", approvalRef)
}

// verifyDecision checks a decision attestation with vouch verify-attestation
// against the release key.
func (w *world) verifyDecision(artifact, bundle string) {
	w.t.Helper()
	pub := strings.TrimSuffix(w.keys["release"], ".key") + ".pub"
	w.run(w.dir, nil, w.vouch, "verify-attestation", artifact, "--key", pub, "--bundle", bundle, "--type", "https://vouch.dev/decision/v1")
}

func fileSHA256(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

func mkdir(t *testing.T, dir string) string {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	mkdir(t, filepath.Dir(path))
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	data, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(from)
	if err != nil {
		t.Fatal(err)
	}
	mkdir(t, filepath.Dir(to))
	if err := os.WriteFile(to, data, fi.Mode().Perm()); err != nil {
		t.Fatal(err)
	}
}

// copyTree copies the regular files and directories under from into to.
func copyTree(t *testing.T, from, to string) {
	t.Helper()
	err := filepath.WalkDir(from, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(from, p)
		if err != nil {
			return err
		}
		switch {
		case d.IsDir():
			mkdir(t, filepath.Join(to, rel))
		case d.Type().IsRegular():
			copyFile(t, p, filepath.Join(to, rel))
		default:
			return fmt.Errorf("%s: not a regular file or directory", p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
