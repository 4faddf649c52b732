package provenance

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/vouch-dev/vouch/internal/vouch"
)

// newRepo makes a real git repository with one commit on main, a remote
// whose URL carries a token, and a tracked go.sum.
func newRepo(t *testing.T) string {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
	dir := t.TempDir()
	home := t.TempDir() // an empty global config: the developer's own must not leak in
	run := func(args ...string) {
		t.Helper()
		cmd := exec.Command("git", args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.com", "GIT_CONFIG_GLOBAL="+filepath.Join(home, "gitconfig"), "GIT_CONFIG_NOSYSTEM=1")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	run("init", "-q", "-b", "main")
	os.WriteFile(filepath.Join(dir, "go.sum"), []byte("example.com/m v1.0.0 h1:abc=\n"), 0o644)
	os.WriteFile(filepath.Join(dir, ".gitignore"), []byte("dist/\n"), 0o644)
	os.MkdirAll(filepath.Join(dir, "web"), 0o755)
	os.WriteFile(filepath.Join(dir, "web", "package-lock.json"), []byte(`{"lockfileVersion":3}`), 0o644)
	run("add", ".")
	run("commit", "-q", "-m", "init")
	run("remote", "add", "origin", "https://x-access-token:ghs_SECRET123@github.com/Org/Repo.git")
	return dir
}

func env(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

func TestRunRecordsProvenance(t *testing.T) {
	dir := newRepo(t)
	var out bytes.Buffer
	clock := time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)
	res, err := Run(context.Background(), Options{
		Dir:      dir,
		Command:  []string{"sh", "-c", "mkdir -p dist && printf release > dist/app && printf x > dist/app.sha && echo old > dist/provenance.sigstore.json && echo built"},
		Products: []string{"dist/*"},
		Skip:     []string{filepath.Join(dir, "dist/provenance.sigstore.json")},
		Getenv:   env(map[string]string{"GOOS": "linux", "AWS_SECRET_ACCESS_KEY": "hunter2", "GITHUB_TOKEN": "ghp_x"}),
		EnvAllow: []string{"EXTRA"},
		Stdout:   &out,
		Version:  "v1.2.3",
		Now:      func() time.Time { clock = clock.Add(time.Second); return clock },
	})
	if err != nil {
		t.Fatal(err)
	}
	if out.String() != "built\n" {
		t.Fatalf("command output %q", out.String())
	}
	if len(res.Products) != 2 || res.Products[0].Name != "dist/app" || res.Products[0].Digest != vouch.SHA256Bytes([]byte("release")) {
		t.Fatalf("products %+v", res.Products)
	}
	p := res.Provenance
	raw, _ := json.Marshal(p)
	for _, secret := range []string{"hunter2", "ghp_x", "ghs_SECRET123", "x-access-token"} {
		if bytes.Contains(raw, []byte(secret)) {
			t.Fatalf("provenance records %q:\n%s", secret, raw)
		}
	}
	x, err := p.External()
	if err != nil {
		t.Fatal(err)
	}
	if x.Source.Repository != "https://github.com/Org/Repo.git" || x.Source.Ref != "refs/heads/main" || len(x.Source.Commit) != 40 || x.Source.Dirty {
		t.Fatalf("source %+v", x.Source)
	}
	if strings.Join(x.Command, " ") != "sh -c mkdir -p dist && printf release > dist/app && printf x > dist/app.sha && echo old > dist/provenance.sigstore.json && echo built" || x.WorkingDir != "." {
		t.Fatalf("external %+v", x)
	}
	if !bytes.Contains(p.BuildDefinition.InternalParameters, []byte(`"GOOS":"linux"`)) {
		t.Fatalf("internal %s", p.BuildDefinition.InternalParameters)
	}
	deps := p.BuildDefinition.ResolvedDependencies
	if len(deps) != 3 || deps[0].URI != "git+https://github.com/Org/Repo.git@refs/heads/main" || deps[0].Digest["gitCommit"] != x.Source.Commit {
		t.Fatalf("dependencies %+v", deps)
	}
	if deps[1].Name != "go.sum" || deps[2].Name != "web/package-lock.json" || deps[1].Digest["sha256"] != vouch.SHA256Bytes([]byte("example.com/m v1.0.0 h1:abc=\n")).Hex {
		t.Fatalf("lockfiles %+v", deps[1:])
	}
	md := p.RunDetails.Metadata
	if p.RunDetails.Builder.ID != LocalBuilder || p.RunDetails.Builder.Version["vouch"] != "v1.2.3" || !md.FinishedOn.After(*md.StartedOn) || !strings.HasPrefix(md.InvocationID, "urn:vouch:") {
		t.Fatalf("run details %+v %+v", p.RunDetails, md)
	}
}

func TestRunRefusesDirty(t *testing.T) {
	dir := newRepo(t)
	os.WriteFile(filepath.Join(dir, "go.sum"), []byte("changed\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "new.txt"), []byte("untracked\n"), 0o644)
	opts := Options{Dir: dir, Command: []string{"sh", "-c", "mkdir -p dist && echo x > dist/a"}, Products: []string{"dist/a"}, Getenv: env(nil)}
	_, err := Run(context.Background(), opts)
	if !errors.Is(err, ErrDirty) || !strings.Contains(err.Error(), "go.sum") {
		t.Fatalf("dirty tree: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "dist")); err == nil {
		t.Fatal("the command ran on a refused tree")
	}
	opts.AllowDirty = true
	res, err := Run(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	if !res.Source.Dirty || strings.Join(res.Source.Changes, ",") != "go.sum,new.txt" {
		t.Fatalf("source %+v", res.Source)
	}
	x, _ := res.Provenance.External()
	if !x.Source.Dirty {
		t.Fatal("dirty not recorded")
	}
}

func TestRunErrors(t *testing.T) {
	dir := newRepo(t)
	ctx := context.Background()
	tests := []struct {
		name string
		opts Options
		want string
	}{
		{"fails", Options{Command: []string{"sh", "-c", "exit 3"}, Products: []string{"x"}}, "exit status 3"},
		{"no product", Options{Command: []string{"true"}, Products: []string{"dist/*"}}, "matched no file"},
		{"absolute", Options{Command: []string{"true"}, Products: []string{"/etc/passwd"}}, "relative"},
		{"link out", Options{Command: []string{"sh", "-c", "mkdir -p dist && ln -sf /etc/hostname dist/link"}, Products: []string{"dist/link"}}, "out of the build directory"},
		{"no command", Options{Products: []string{"x"}}, "no build command"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.opts.Dir, tt.opts.Getenv = dir, env(nil)
			_, err := Run(ctx, tt.opts)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("got %v, want %q", err, tt.want)
			}
		})
	}
	if _, err := Run(ctx, Options{Dir: t.TempDir(), Command: []string{"true"}, Products: []string{"x"}, Getenv: env(nil)}); !errors.Is(err, ErrNotGit) {
		t.Fatalf("outside git: %v", err)
	}
}

// TestDetachedRef: CI systems check out a detached commit and name the ref
// in their environment.
func TestDetachedRef(t *testing.T) {
	dir := newRepo(t)
	cmd := exec.Command("git", "checkout", "-q", "--detach")
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%v %s", err, out)
	}
	co, err := InspectSource(context.Background(), dir, env(map[string]string{"GITHUB_REF": "refs/tags/v1.0.0"}))
	if err != nil {
		t.Fatal(err)
	}
	if co.Source.Ref != "refs/tags/v1.0.0" {
		t.Fatalf("ref %q", co.Source.Ref)
	}
	co, _ = InspectSource(context.Background(), dir, env(map[string]string{"GITHUB_REF": "refs/heads/main", "GITHUB_SHA": "0000"}))
	if co.Source.Ref != "" {
		t.Fatalf("GITHUB_REF for another commit was believed: %q", co.Source.Ref)
	}
}

func TestDetectBuilder(t *testing.T) {
	tests := []struct {
		env  map[string]string
		want string
	}{
		{nil, LocalBuilder},
		{map[string]string{"GITHUB_ACTIONS": "true", "RUNNER_ENVIRONMENT": "github-hosted"}, "https://github.com/actions/runner/github-hosted"},
		{map[string]string{"GITLAB_CI": "true", "CI_SERVER_URL": "https://gitlab.example", "CI_RUNNER_ID": "12"}, "https://gitlab.example/-/runners/12"},
	}
	for _, tt := range tests {
		if got := DetectBuilder(env(tt.env)); got != tt.want {
			t.Errorf("%v: %q, want %q", tt.env, got, tt.want)
		}
	}
}

func TestNormalizeRepository(t *testing.T) {
	want := "github.com/org/repo"
	for _, in := range []string{
		"https://github.com/org/repo",
		"https://github.com/org/repo.git",
		"git+https://github.com/org/repo",
		"https://user:token@GitHub.com/org/repo.git",
		"git@github.com:org/repo.git",
		"ssh://git@github.com/org/repo",
		"github.com/org/repo/",
	} {
		if got := NormalizeRepository(in); got != want {
			t.Errorf("%q: %q", in, got)
		}
	}
	if got := StripCredentials("https://u:p@h.example/r"); got != "https://h.example/r" {
		t.Errorf("strip: %q", got)
	}
	if got := StripCredentials("git@h.example:o/r.git"); got != "git@h.example:o/r.git" {
		t.Errorf("scp-like changed: %q", got)
	}
}

func TestCommitAuthor(t *testing.T) {
	dir := newRepo(t)
	if got, err := CommitAuthor(context.Background(), dir, "HEAD"); err != nil || got != "t@example.com" {
		t.Errorf("CommitAuthor(HEAD) = %q, %v", got, err)
	}
	if _, err := CommitAuthor(context.Background(), dir, "--output=/tmp/x"); err == nil {
		t.Error("an option passed as a commit was run")
	}
	if _, err := CommitAuthor(context.Background(), t.TempDir(), "HEAD"); err == nil {
		t.Error("no error outside a git work tree")
	}
}
