package misconfig

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/tester"

	"github.com/vouch-dev/vouch/internal/vouch"
)

// TestOptions selects the Rego unit tests Test runs.
type TestOptions struct {
	// Dirs hold custom checks and their *_test.rego files.
	Dirs []string
	// Builtin runs the tests of the built-in checks too (always when Dirs
	// is empty).
	Builtin bool
	// Run, when set, is a regular expression test names must match.
	Run string
}

// TestResult is the outcome of one Rego test rule.
type TestResult struct {
	Package  string        // data.vouch.checks.aws.s3_public_acl_test
	Name     string        // test_deny_public_read
	File     string        // where the test is written
	Line     int           // its line
	Pass     bool          // false when it failed or errored
	Err      string        // the evaluation error, when there was one
	Duration time.Duration // how long it ran
}

// Test compiles the built-in checks and library with the checks in
// opts.Dirs, validates every check's metadata as New does, and runs the
// Rego unit tests (rules named test_*) of the custom directories, and of
// the built-in bundle when asked. Results are sorted by file and line.
// A policy that does not compile is an error naming file and line.
func Test(ctx context.Context, opts TestOptions) ([]TestResult, error) {
	mods, err := builtinModules(true)
	if err != nil {
		return nil, fmt.Errorf("load built-in checks: %w", err)
	}
	custom := map[string]*ast.Module{}
	if err := customModules(opts.Dirs, true, custom); err != nil {
		return nil, err
	}
	for k, m := range custom {
		mods[k] = m
	}
	if _, err := checksOf(mods, true); err != nil {
		return nil, vouch.Input(err, "see docs/MISCONFIG.md for the check metadata format")
	}
	runner := tester.NewRunner().SetModules(mods).EnableTracing(false).SetTimeout(time.Minute)
	if opts.Run != "" {
		runner = runner.Filter(opts.Run)
	}
	ch, err := runner.RunTests(ctx, nil)
	if err != nil {
		return nil, vouch.Input(fmt.Errorf("compile policies: %w", err), "fix the Rego named above")
	}
	builtin := opts.Builtin || len(opts.Dirs) == 0
	var out []TestResult
	for r := range ch {
		file := ""
		line := 0
		if r.Location != nil {
			file, line = r.Location.File, r.Location.Row
		}
		isBuiltin := strings.HasPrefix(file, "builtin/")
		if isBuiltin && !builtin {
			continue
		}
		tr := TestResult{
			Package: r.Package, Name: r.Name, File: file, Line: line,
			Pass: r.Pass(), Duration: r.Duration,
		}
		if r.Error != nil {
			tr.Err = r.Error.Error()
		}
		out = append(out, tr)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].File != out[j].File {
			return out[i].File < out[j].File
		}
		return out[i].Line < out[j].Line
	})
	return out, nil
}
