package provenance

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/url"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
)

// MaxChanges caps the dirty paths recorded.
const MaxChanges = 100

// ErrNotGit marks a directory outside any git work tree.
var ErrNotGit = errors.New("not inside a git work tree")

// git runs one git command in dir and returns its standard output.
func git(ctx context.Context, dir string, args ...string) ([]byte, error) {
	cmd := exec.CommandContext(ctx, "git", append([]string{"-C", dir}, args...)...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	// A hostile repository's configuration must not run programs:
	// fsmonitor and pager hooks are off for these read-only queries.
	cmd.Env = append(cmd.Environ(), "GIT_CONFIG_NOSYSTEM=1", "GIT_TERMINAL_PROMPT=0", "GIT_OPTIONAL_LOCKS=0")
	if err := cmd.Run(); err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			return nil, fmt.Errorf("git %s: %s", args[0], strings.TrimSpace(stderr.String()))
		}
		return nil, fmt.Errorf("git %s: %w", args[0], err)
	}
	return stdout.Bytes(), nil
}

func gitLine(ctx context.Context, dir string, args ...string) (string, error) {
	b, err := git(ctx, dir, args...)
	return strings.TrimSpace(string(b)), err
}

// CommitAuthor is the author email of commit in the git work tree at dir,
// as git records it (the committer can set it).
func CommitAuthor(ctx context.Context, dir, commit string) (string, error) {
	if strings.HasPrefix(commit, "-") {
		return "", fmt.Errorf("commit %q: not a revision", commit)
	}
	return gitLine(ctx, dir, "log", "-1", "--format=%ae", commit, "--")
}

// Checkout is the git state of a work tree.
type Checkout struct {
	Root   string // the work tree's top directory
	Source Source
}

// InspectSource reads the git state of the work tree dir lies in. getenv
// supplies the CI system's variables, which name the ref of a detached
// checkout.
func InspectSource(ctx context.Context, dir string, getenv func(string) string) (*Checkout, error) {
	if _, err := exec.LookPath("git"); err != nil {
		return nil, errors.New("git is not installed; vouch build records the source commit with it")
	}
	root, err := gitLine(ctx, dir, "rev-parse", "--show-toplevel")
	if err != nil {
		return nil, fmt.Errorf("%s: %w", dir, ErrNotGit)
	}
	c := &Checkout{Root: root}
	if c.Source.Commit, err = gitLine(ctx, dir, "rev-parse", "--verify", "HEAD^{commit}"); err != nil {
		return nil, fmt.Errorf("%s: no commit checked out: %w", dir, err)
	}
	c.Source.Ref = detectRef(ctx, dir, c.Source.Commit, getenv)
	c.Source.Repository = StripCredentials(remoteURL(ctx, dir))
	status, err := git(ctx, dir, "-c", "core.fsmonitor=false", "status", "--porcelain=v1", "-z", "--untracked-files=normal", "--ignore-submodules=none")
	if err != nil {
		return nil, err
	}
	entries := bytes.Split(status, []byte{0})
	for i := 0; i < len(entries); i++ {
		entry := entries[i]
		if len(entry) < 4 {
			continue
		}
		if entry[0] == 'R' || entry[0] == 'C' {
			i++ // a rename or copy is followed by its original path
		}
		c.Source.Dirty = true
		if len(c.Source.Changes) < MaxChanges {
			c.Source.Changes = append(c.Source.Changes, string(entry[3:]))
		}
	}
	sort.Strings(c.Source.Changes)
	return c, nil
}

// detectRef names the ref being built: the branch checked out, else what
// the CI system says it checked out (CI systems check out a detached
// commit), else a tag that points at the commit.
func detectRef(ctx context.Context, dir, commit string, getenv func(string) string) string {
	if ref, err := gitLine(ctx, dir, "symbolic-ref", "-q", "HEAD"); err == nil && ref != "" {
		return ref
	}
	if ref := getenv("GITHUB_REF"); strings.HasPrefix(ref, "refs/") && (getenv("GITHUB_SHA") == "" || getenv("GITHUB_SHA") == commit) {
		return ref
	}
	if getenv("GITLAB_CI") != "" && getenv("CI_COMMIT_SHA") == commit {
		if tag := getenv("CI_COMMIT_TAG"); tag != "" {
			return "refs/tags/" + tag
		}
		if br := getenv("CI_COMMIT_BRANCH"); br != "" {
			return "refs/heads/" + br
		}
	}
	if out, err := gitLine(ctx, dir, "tag", "--points-at", commit); err == nil && out != "" {
		tags := strings.Fields(out)
		sort.Strings(tags)
		return "refs/tags/" + tags[0]
	}
	return ""
}

// remoteURL is the URL of the branch's upstream remote, else "origin",
// else the first remote.
func remoteURL(ctx context.Context, dir string) string {
	remote := "origin"
	if up, err := gitLine(ctx, dir, "rev-parse", "--abbrev-ref", "--symbolic-full-name", "@{upstream}"); err == nil {
		if r, _, ok := strings.Cut(up, "/"); ok {
			remote = r
		}
	}
	if u, err := gitLine(ctx, dir, "remote", "get-url", remote); err == nil && u != "" {
		return u
	}
	if out, err := gitLine(ctx, dir, "remote"); err == nil && out != "" {
		if u, err := gitLine(ctx, dir, "remote", "get-url", strings.Fields(out)[0]); err == nil {
			return u
		}
	}
	return ""
}

// StripCredentials removes a user and password from a URL
// ("https://x-access-token:TOKEN@github.com/o/r" → "https://github.com/o/r").
// scp-like addresses (git@github.com:o/r.git) carry no secret and are
// kept.
func StripCredentials(u string) string {
	p, err := url.Parse(u)
	if err != nil || p.Scheme == "" || p.User == nil {
		return u
	}
	p.User = nil
	return p.String()
}

// NormalizeRepository reduces the many spellings of a repository URL to
// "host/path": scheme, credentials, "git+" and ".git" dropped, host in
// lower case. Policies compare repositories in this form.
func NormalizeRepository(u string) string {
	u = strings.TrimSpace(u)
	u = strings.TrimPrefix(u, "git+")
	if i := strings.Index(u, "@"); i >= 0 && !strings.Contains(u, "://") {
		// scp-like: user@host:path
		if host, path, ok := strings.Cut(u[i+1:], ":"); ok {
			u = "ssh://" + host + "/" + strings.TrimPrefix(path, "/")
		}
	}
	if p, err := url.Parse(u); err == nil && p.Host != "" {
		u = strings.ToLower(p.Host) + "/" + strings.TrimPrefix(p.Path, "/")
	}
	u = strings.TrimSuffix(strings.TrimSuffix(u, "/"), ".git")
	return u
}

// lockfileNames are dependency lock files whose digests a build records.
var lockfileNames = map[string]bool{
	"go.sum": true, "go.mod": true, "package-lock.json": true, "npm-shrinkwrap.json": true,
	"yarn.lock": true, "pnpm-lock.yaml": true, "bun.lock": true, "Cargo.lock": true,
	"poetry.lock": true, "Pipfile.lock": true, "uv.lock": true, "pdm.lock": true,
	"Gemfile.lock": true, "composer.lock": true, "packages.lock.json": true,
	"gradle.lockfile": true, "mix.lock": true, "pubspec.lock": true, "Package.resolved": true,
	"conan.lock": true, "flake.lock": true,
}

// maxLockfiles caps how many lockfiles are hashed.
const maxLockfiles = 2000

// trackedLockfiles lists the lockfiles git tracks in the repository,
// relative to its root, sorted.
func trackedLockfiles(ctx context.Context, root string) ([]string, error) {
	out, err := git(ctx, root, "ls-files", "-z")
	if err != nil {
		return nil, err
	}
	var files []string
	for _, p := range bytes.Split(out, []byte{0}) {
		if len(p) == 0 {
			continue
		}
		name := string(p)
		if lockfileNames[filepath.Base(name)] {
			files = append(files, name)
			if len(files) == maxLockfiles {
				break
			}
		}
	}
	sort.Strings(files)
	return files, nil
}
