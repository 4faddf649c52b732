package secrets

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// gitRepo is a real repository in a temporary directory, driven by the git
// CLI with a fixed identity and clock.
type gitRepo struct {
	t    *testing.T
	dir  string
	home string
	tick int
}

func newGitRepo(t *testing.T) *gitRepo {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
	r := &gitRepo{t: t, dir: t.TempDir(), home: t.TempDir()}
	r.run("init", "-q", "-b", "main")
	return r
}

func (r *gitRepo) run(args ...string) string {
	r.t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = r.dir
	date := "2024-01-0" + string(rune('1'+r.tick%9)) + "T10:00:00Z"
	cmd.Env = append(os.Environ(), "GIT_CONFIG_NOSYSTEM=1", "HOME="+r.home, "GIT_CONFIG_GLOBAL="+filepath.Join(r.home, "gitconfig"),
		"GIT_AUTHOR_NAME=Alice Example", "GIT_AUTHOR_EMAIL=alice@example.org",
		"GIT_COMMITTER_NAME=Alice Example", "GIT_COMMITTER_EMAIL=alice@example.org",
		"GIT_AUTHOR_DATE="+date, "GIT_COMMITTER_DATE="+date)
	out, err := cmd.CombinedOutput()
	if err != nil {
		r.t.Fatalf("git %v: %v\n%s", args, err, out)
	}
	return strings.TrimSpace(string(out))
}

// commit writes files (empty content deletes) and commits them.
func (r *gitRepo) commit(msg string, files map[string]string) string {
	r.t.Helper()
	for name, content := range files {
		p := filepath.Join(r.dir, filepath.FromSlash(name))
		if content == "" {
			os.Remove(p)
			continue
		}
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			r.t.Fatal(err)
		}
	}
	r.run("add", "-A")
	r.tick++
	r.run("commit", "-q", "--allow-empty", "-m", msg)
	return r.run("rev-parse", "HEAD")
}

func TestScanGit(t *testing.T) {
	r := newGitRepo(t)
	gh := tok("git1", "{gh:ghp_}")
	npm := tok("git2", "{gh:npm_}")
	c1 := r.commit("init", map[string]string{"README.md": "hello\n"})
	c2 := r.commit("add config", map[string]string{"config/app.env": "A=1\nTOKEN=" + gh + "\n"})
	c3 := r.commit("remove token", map[string]string{"config/app.env": "A=1\nTOKEN=${TOKEN}\n"})
	r.commit("touch", map[string]string{"config/app.env": "A=2\nTOKEN=${TOKEN}\n"})
	r.run("checkout", "-q", "-b", "feature")
	c5 := r.commit("feature leak", map[string]string{"src/.npmrc": "//registry.npmjs.org/:_authToken=" + npm + "\n"})
	r.commit("keep leak, edit", map[string]string{"src/.npmrc": "# registry\n//registry.npmjs.org/:_authToken=" + npm + "\n"})
	r.run("checkout", "-q", "main")
	_ = c1
	_ = c3

	s := newTestScanner(t)
	ctx := context.Background()
	fs, err := s.ScanGit(ctx, r.dir, GitOptions{})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]Detail{}
	for _, f := range fs {
		got[f.ID+" "+f.Location.Path] = ParseDetail(f.Detail)
	}
	if len(fs) != 2 {
		t.Fatalf("got %d findings %v, want 2", len(fs), ids(fs))
	}
	d := got["github-pat config/app.env"]
	if d.Commit != c2 || d.Author != "Alice Example <alice@example.org>" || !strings.HasPrefix(d.Date, "2024-01-03") || d.Column != 7 {
		t.Errorf("github-pat attributed to %+v, want commit %s by Alice on 2024-01-03 column 7", d, c2)
	}
	if d := got["npm-access-token src/.npmrc"]; d.Commit != c5 {
		t.Errorf("npm token attributed to %s, want the oldest commit %s", d.Commit, c5)
	}

	// Only main: the feature branch's leak is not reachable.
	fs, err = s.ScanGit(ctx, r.dir, GitOptions{Refs: []string{"main"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(fs) != 1 || fs[0].ID != "github-pat" {
		t.Errorf("refs=main: got %v", ids(fs))
	}
	// Since main: only what feature adds.
	fs, err = s.ScanGit(ctx, r.dir, GitOptions{Refs: []string{"feature"}, Since: "main"})
	if err != nil {
		t.Fatal(err)
	}
	if len(fs) != 1 || fs[0].ID != "npm-access-token" {
		t.Errorf("since main: got %v", ids(fs))
	}
	// Fingerprints differ between commits of the same secret only by commit.
	if fs[0].Fingerprint == Fingerprint("npm-access-token", "src/.npmrc", []byte(npm), "") {
		t.Error("history fingerprint does not cover the commit")
	}
	if _, err := s.ScanGit(ctx, r.dir, GitOptions{Refs: []string{"no-such-ref"}}); err == nil {
		t.Error("unknown ref: no error")
	}
	if _, err := s.ScanGit(ctx, r.dir, GitOptions{Refs: []string{"--output=/tmp/x"}}); err == nil {
		t.Error("option-looking ref accepted")
	}
	if _, err := s.ScanGit(ctx, t.TempDir(), GitOptions{}); err == nil {
		t.Error("not a repository: no error")
	}
}

func TestScanGitMergeAndSize(t *testing.T) {
	r := newGitRepo(t)
	r.commit("init", map[string]string{"a.txt": "a\n"})
	r.run("checkout", "-q", "-b", "side")
	r.commit("side", map[string]string{"b.txt": "b\n"})
	r.run("checkout", "-q", "main")
	r.commit("main", map[string]string{"c.txt": "c\n"})
	r.tick++
	r.run("merge", "-q", "--no-ff", "-m", "merge", "side")
	key := pemKey("merge")
	big := strings.Repeat("filler line\n", 2000)
	r.commit("key", map[string]string{"deploy/id_rsa": key, "huge.txt": big + "T=" + tok("big", "{gh:ghp_}") + "\n"})
	var skipped []string
	s, err := New(Config{MaxFileSize: 10000, OnSkip: func(p, why string) { skipped = append(skipped, why) }})
	if err != nil {
		t.Fatal(err)
	}
	fs, err := s.ScanGit(context.Background(), r.dir, GitOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(fs) != 1 || fs[0].ID != "private-key-rsa" || fs[0].Location.Path != "deploy/id_rsa" {
		t.Errorf("got %v, want the key only", ids(fs))
	}
	if len(skipped) != 1 || skipped[0] != "too large" {
		t.Errorf("skipped %v", skipped)
	}
}
