package pipeline_test

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// onlineMark ends a command that needs the network. Such lines are the
// only ones the local run leaves out.
const onlineMark = "# online"

// onlineAllowed are the only commands that may be marked online: a marked
// line that is anything else (a vouch gate, say) fails the test, so that
// the mark cannot hide a step from it.
var onlineAllowed = regexp.MustCompile(`^(go mod download -json "?github\.com/vouch-dev/vouch@|go install "?github\.com/vouch-dev/vouch/cmd/vouch@|vouch db update(\s|$)|aws s3 cp )`)

// checkOnline fails the test for a line marked online that is not one of
// the commands that may be.
func checkOnline(t *testing.T, where, line string) {
	t.Helper()
	cmd := strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(line), onlineMark))
	if !onlineAllowed.MatchString(cmd) {
		t.Errorf("%s: %q is marked %q but is not a command that needs the network (checking and installing vouch, vouch db update, the deploy)", where, cmd, onlineMark)
	}
}

// store holds the artifacts jobs hand to each other, by name.
type store struct {
	dir string
	has map[string]bool
}

func newStore(t *testing.T, dir string) *store {
	return &store{dir: mkdir(t, dir), has: map[string]bool{}}
}

func (s *store) path(name string) string { return filepath.Join(s.dir, name) }

// put replaces artifact name with the files at paths (relative to root;
// each a file, a directory or a glob), kept at the same relative paths
// when keepPaths, else (actions/upload-artifact with one directory) the
// directory's content.
func (s *store) put(root, name string, paths []string, keepPaths bool) error {
	dst := s.path(name)
	if err := os.RemoveAll(dst); err != nil {
		return err
	}
	found := 0
	for _, p := range paths {
		matches, err := filepath.Glob(filepath.Join(root, filepath.FromSlash(strings.TrimSuffix(p, "/"))))
		if err != nil {
			return err
		}
		for _, m := range matches {
			rel, err := filepath.Rel(root, m)
			if err != nil {
				return err
			}
			to := filepath.Join(dst, rel)
			if !keepPaths {
				to = dst
				if fi, err := os.Stat(m); err == nil && !fi.IsDir() {
					to = filepath.Join(dst, filepath.Base(m))
				}
			}
			if err := copyAny(m, to); err != nil {
				return err
			}
			found++
		}
	}
	if found == 0 {
		return fmt.Errorf("artifact %s: no files at %s", name, strings.Join(paths, ", "))
	}
	s.has[name] = true
	return nil
}

// get copies artifact name into dir.
func (s *store) get(name, dir string) error {
	if !s.has[name] {
		return fmt.Errorf("no artifact named %q", name)
	}
	return copyAny(s.path(name), dir)
}

// copyAny copies a file or a directory tree, keeping file modes.
func copyAny(from, to string) error {
	fi, err := os.Stat(from)
	if err != nil {
		return err
	}
	if !fi.IsDir() {
		data, err := os.ReadFile(from)
		if err != nil {
			return err
		}
		if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
			return err
		}
		return os.WriteFile(to, data, fi.Mode().Perm())
	}
	if err := os.MkdirAll(to, 0o755); err != nil {
		return err
	}
	ents, err := os.ReadDir(from)
	if err != nil {
		return err
	}
	for _, e := range ents {
		if err := copyAny(filepath.Join(from, e.Name()), filepath.Join(to, e.Name())); err != nil {
			return err
		}
	}
	return nil
}

// step is what one step (GitHub) or one job script (GitLab) did.
type step struct {
	name    string
	ran     bool
	exit    int
	output  string
	skipped []string // lines left out as online
}

// job is the outcome of one job.
type job struct {
	id    string
	dir   string // its work tree
	ok    bool
	steps []*step
}

func (j *job) step(t *testing.T, name string) *step {
	t.Helper()
	for _, s := range j.steps {
		if s.name == name {
			return s
		}
	}
	t.Fatalf("job %s has no step %q", j.id, name)
	return nil
}

// log is every step's output, for a failure message.
func (j *job) log() string {
	var b strings.Builder
	for _, s := range j.steps {
		fmt.Fprintf(&b, "--- %s (ran %v, exit %d)\n%s", s.name, s.ran, s.exit, s.output)
	}
	return b.String()
}

// bash runs script with bash in dir, the way both CI systems run a step:
// errexit and pipefail on. It returns the exit status and the output.
func (w *world) bash(dir, script string, env map[string]string) (int, string) {
	w.t.Helper()
	f := filepath.Join(w.dir, "tmp", "step.sh")
	writeFile(w.t, f, script)
	cmd := exec.Command("bash", "--noprofile", "--norc", "-eo", "pipefail", f)
	cmd.Dir = dir
	cmd.Env = cleanEnv(env)
	out, err := cmd.CombinedOutput()
	var ee *exec.ExitError
	switch {
	case err == nil:
		return 0, string(out)
	case errors.As(err, &ee):
		return ee.ExitCode(), string(out)
	}
	w.t.Fatalf("bash: %v", err)
	return -1, ""
}

// clone checks the commit out into dir, detached, as CI systems do.
func (w *world) clone(dir, ref string) {
	w.t.Helper()
	if ref == "" {
		w.git(w.dir, "clone", "-q", "--no-checkout", w.origin, dir)
		w.git(dir, "checkout", "-q", "--detach", w.commit)
		return
	}
	w.git(w.dir, "clone", "-q", "--depth", "1", "--branch", ref, w.origin, dir)
}
