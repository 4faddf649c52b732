package provenance

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/vouch-dev/vouch/internal/vouch"
)

// DefaultEnvAllow is the environment a build records: variables that
// shape the build and the CI system's identifiers for the run, never its
// secrets.
var DefaultEnvAllow = []string{
	"CGO_ENABLED", "GOOS", "GOARCH", "GOFLAGS", "GOAMD64", "GOARM", "GOEXPERIMENT",
	"SOURCE_DATE_EPOCH", "NODE_ENV", "RUSTFLAGS", "CARGO_BUILD_TARGET",
	"CI", "GITHUB_ACTIONS", "GITHUB_WORKFLOW", "GITHUB_WORKFLOW_REF", "GITHUB_RUN_ID",
	"GITHUB_RUN_ATTEMPT", "GITHUB_EVENT_NAME", "GITHUB_REPOSITORY", "GITHUB_REF", "GITHUB_SHA",
	"RUNNER_OS", "RUNNER_ARCH", "RUNNER_ENVIRONMENT",
	"GITLAB_CI", "CI_PIPELINE_ID", "CI_JOB_ID", "CI_PROJECT_PATH", "CI_COMMIT_SHA", "CI_COMMIT_REF_NAME",
	"BUILDKITE_BUILD_ID", "JENKINS_URL", "BUILD_ID",
}

// LocalBuilder is the builder id of a build run outside a recognised CI
// system.
const LocalBuilder = "https://vouch.dev/build/local"

// Options describe one build.
type Options struct {
	// Dir is where the command runs; it must lie in a git work tree.
	Dir string
	// Command is the program and its arguments.
	Command []string
	// Products are glob patterns, relative to Dir, naming the files the
	// build makes; each must match at least one regular file.
	Products []string
	// Skip lists files (paths as given, relative to the working
	// directory) that are never products, such as the provenance bundle
	// of a previous build.
	Skip []string
	// AllowDirty builds a dirty work tree (recorded as dirty) instead of
	// refusing.
	AllowDirty bool
	// BuilderID overrides the builder id derived from the CI system.
	BuilderID string
	// EnvAllow adds variable names to DefaultEnvAllow.
	EnvAllow []string
	// Getenv reads the environment that is recorded; os.Getenv when nil.
	// The command itself runs with the process's whole environment.
	Getenv func(string) string
	// Stdin, Stdout and Stderr are the command's.
	Stdin          io.Reader
	Stdout, Stderr io.Writer
	// Version is vouch's version, recorded as the builder's.
	Version string
	// Now is the clock; time.Now when nil.
	Now func() time.Time
}

// Product is a file the build made.
type Product struct {
	Name   string // slash-separated, relative to Dir
	Digest vouch.Digest
}

// Result is a finished build.
type Result struct {
	Provenance *Provenance
	Products   []Product
	Source     Source
}

// ErrDirty is returned for a dirty work tree when AllowDirty is false.
var ErrDirty = errors.New("the work tree has uncommitted changes")

// ErrCommandFailed wraps the build command's failure.
var ErrCommandFailed = errors.New("the build command failed")

// Run checks the source, runs the build and records its provenance.
func Run(ctx context.Context, opts Options) (*Result, error) {
	if len(opts.Command) == 0 {
		return nil, errors.New("no build command")
	}
	if len(opts.Products) == 0 {
		return nil, errors.New("no products named (give at least one glob)")
	}
	getenv := opts.Getenv
	if getenv == nil {
		getenv = os.Getenv
	}
	now := opts.Now
	if now == nil {
		now = time.Now
	}
	dir := opts.Dir
	if dir == "" {
		dir = "."
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	co, err := InspectSource(ctx, abs, getenv)
	if err != nil {
		return nil, err
	}
	if co.Source.Dirty && !opts.AllowDirty {
		return nil, fmt.Errorf("%w (%s)", ErrDirty, strings.Join(first(co.Source.Changes, 5), ", "))
	}
	wd, err := filepath.Rel(co.Root, abs)
	if err != nil || strings.HasPrefix(wd, "..") {
		wd = "."
	}
	locks, err := trackedLockfiles(ctx, co.Root)
	if err != nil {
		return nil, err
	}
	var deps []ResourceDescriptor
	src := ResourceDescriptor{Digest: map[string]string{"gitCommit": co.Source.Commit}}
	if co.Source.Repository != "" {
		src.URI = "git+" + co.Source.Repository
		if co.Source.Ref != "" {
			src.URI += "@" + co.Source.Ref
		}
	}
	deps = append(deps, src)
	for _, l := range locks {
		d, err := hashFile(filepath.Join(co.Root, l))
		if err != nil {
			continue // deleted in the work tree: the dirty list says so
		}
		deps = append(deps, ResourceDescriptor{Name: l, Digest: map[string]string{d.Algorithm: d.Hex}})
	}

	started := now().UTC()
	cmd := exec.CommandContext(ctx, opts.Command[0], opts.Command[1:]...)
	cmd.Dir = abs
	cmd.Stdin, cmd.Stdout, cmd.Stderr = opts.Stdin, opts.Stdout, opts.Stderr
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("%w: %s: %w", ErrCommandFailed, opts.Command[0], err)
	}
	finished := now().UTC()

	products, err := collectProducts(abs, opts.Products, opts.Skip)
	if err != nil {
		return nil, err
	}

	ext, err := json.Marshal(ExternalParameters{Command: opts.Command, Source: co.Source, WorkingDir: filepath.ToSlash(wd)})
	if err != nil {
		return nil, err
	}
	internal, err := json.Marshal(InternalParameters{Environment: allowedEnv(getenv, append(append([]string{}, DefaultEnvAllow...), opts.EnvAllow...))})
	if err != nil {
		return nil, err
	}
	builderID := opts.BuilderID
	if builderID == "" {
		builderID = DetectBuilder(getenv)
	}
	p := &Provenance{
		BuildDefinition: BuildDefinition{
			BuildType:            BuildType,
			ExternalParameters:   ext,
			InternalParameters:   internal,
			ResolvedDependencies: deps,
		},
		RunDetails: RunDetails{
			Builder: Builder{ID: builderID, Version: map[string]string{"vouch": opts.Version}},
			Metadata: &Metadata{
				InvocationID: invocationID(getenv),
				StartedOn:    &started,
				FinishedOn:   &finished,
			},
		},
	}
	return &Result{Provenance: p, Products: products, Source: co.Source}, nil
}

func first(s []string, n int) []string {
	if len(s) > n {
		return append(s[:n:n], fmt.Sprintf("and %d more", len(s)-n))
	}
	return s
}

// collectProducts hashes every regular file the patterns match. A match
// that is a symbolic link must resolve inside dir.
func collectProducts(dir string, patterns, skip []string) ([]Product, error) {
	seen := map[string]bool{}
	skipped := map[string]bool{}
	for _, s := range skip {
		if a, err := filepath.Abs(s); err == nil {
			skipped[a] = true
		}
	}
	var out []Product
	for _, pat := range patterns {
		if filepath.IsAbs(pat) {
			return nil, fmt.Errorf("product %q: give a pattern relative to the build directory", pat)
		}
		matches, err := filepath.Glob(filepath.Join(dir, pat))
		if err != nil {
			return nil, fmt.Errorf("product %q: %w", pat, err)
		}
		n := 0
		for _, m := range matches {
			rel, err := filepath.Rel(dir, m)
			if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
				return nil, fmt.Errorf("product %q: %s is outside the build directory", pat, m)
			}
			real, err := filepath.EvalSymlinks(m)
			if err != nil {
				return nil, fmt.Errorf("product %s: %w", rel, err)
			}
			realDir, _ := filepath.EvalSymlinks(dir)
			if r, err := filepath.Rel(realDir, real); err != nil || strings.HasPrefix(r, "..") {
				return nil, fmt.Errorf("product %s: a link out of the build directory", rel)
			}
			fi, err := os.Stat(real)
			if err != nil || !fi.Mode().IsRegular() || skipped[m] {
				continue // directories are not products; their files are
			}
			n++
			name := filepath.ToSlash(rel)
			if seen[name] {
				continue
			}
			seen[name] = true
			d, err := hashFile(real)
			if err != nil {
				return nil, fmt.Errorf("product %s: %w", rel, err)
			}
			out = append(out, Product{Name: name, Digest: d})
		}
		if n == 0 {
			return nil, fmt.Errorf("product %q matched no file after the build", pat)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

func hashFile(path string) (vouch.Digest, error) {
	f, err := os.Open(path)
	if err != nil {
		return vouch.Digest{}, err
	}
	defer f.Close()
	return vouch.SHA256(f)
}

// allowedEnv returns the allow-listed variables that are set.
func allowedEnv(getenv func(string) string, names []string) map[string]string {
	env := map[string]string{}
	for _, n := range names {
		if v := getenv(n); v != "" {
			env[n] = v
		}
	}
	if len(env) == 0 {
		return nil
	}
	return env
}

// DetectBuilder derives a builder id from the CI system the build runs
// in: GitHub Actions (hosted or self-hosted runners), GitLab CI, else
// LocalBuilder.
func DetectBuilder(getenv func(string) string) string {
	switch {
	case getenv("GITHUB_ACTIONS") == "true":
		env := getenv("RUNNER_ENVIRONMENT")
		if env == "" {
			env = "unknown"
		}
		return "https://github.com/actions/runner/" + env
	case getenv("GITLAB_CI") != "":
		server := getenv("CI_SERVER_URL")
		if server == "" {
			server = "https://gitlab.com"
		}
		return server + "/-/runners/" + getenv("CI_RUNNER_ID")
	}
	return LocalBuilder
}

// invocationID names this run: the CI system's URL for it, else a random
// id.
func invocationID(getenv func(string) string) string {
	if s, repo, run := getenv("GITHUB_SERVER_URL"), getenv("GITHUB_REPOSITORY"), getenv("GITHUB_RUN_ID"); s != "" && repo != "" && run != "" {
		id := s + "/" + repo + "/actions/runs/" + run
		if a := getenv("GITHUB_RUN_ATTEMPT"); a != "" {
			id += "/attempts/" + a
		}
		return id
	}
	if u := getenv("CI_JOB_URL"); u != "" {
		return u
	}
	b := make([]byte, 16)
	rand.Read(b)
	return "urn:vouch:" + hex.EncodeToString(b)
}
