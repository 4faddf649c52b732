package misconfig

import (
	"context"
	"strings"
	"testing"
)

// TestBuiltinPolicies runs the Rego unit tests of the embedded bundle and
// holds every check to having at least one input that fails it
// (test_deny_*) and one that passes it (test_allow_*).
func TestBuiltinPolicies(t *testing.T) {
	rs, err := Test(context.Background(), TestOptions{})
	if err != nil {
		t.Fatal(err)
	}
	deny := map[string]int{}
	allow := map[string]int{}
	for _, r := range rs {
		if !r.Pass {
			t.Errorf("%s:%d: %s failed %s", r.File, r.Line, r.Name, r.Err)
		}
		pkg := strings.TrimSuffix(strings.TrimPrefix(r.Package, "data."), "_test")
		switch {
		case strings.HasPrefix(r.Name, "test_deny_"):
			deny[pkg]++
		case strings.HasPrefix(r.Name, "test_allow_"):
			allow[pkg]++
		}
	}
	checks := Checks()
	if len(checks) < 120 {
		t.Errorf("%d built-in checks, want at least 120", len(checks))
	}
	for _, c := range checks {
		pkg := strings.TrimPrefix(c.Package, "data.")
		if deny[pkg] == 0 || allow[pkg] == 0 {
			t.Errorf("%s (%s): %d failing and %d passing test inputs, want at least one of each", c.ID, c.File, deny[pkg], allow[pkg])
		}
	}
}
