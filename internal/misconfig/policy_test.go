package misconfig

import (
	"context"
	"regexp"
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

// TestResourceTypesListed checks that every resource type a check compares
// against literally (r.type == "x", r.type in {"x", …}) is in its
// resource_types metadata, which decides which documents run it.
func TestResourceTypesListed(t *testing.T) {
	cmp := regexp.MustCompile(`\.type\s*(==\s*"([^"]+)"|in\s*\{([^}]*)\})`)
	// Types a check only reads to clear a finding (the bucket's access
	// block, a ServiceAccount that opts out) need not start it; "redirect"
	// is a listener action's type, not a resource's.
	secondary := map[string]bool{"aws_ebs_encryption_by_default": true, "aws_s3_account_public_access_block": true, "aws_s3_bucket_acl": true, "ServiceAccount": true, "redirect": true}
	lit := regexp.MustCompile(`"([^"]+)"`)
	for _, c := range Checks() {
		src, err := bundleFS.ReadFile(strings.TrimPrefix(c.File, "builtin/"))
		if err != nil {
			t.Fatal(err)
		}
		listed := map[string]bool{}
		for _, rt := range c.ResourceTypes {
			listed[rt] = true
		}
		for _, m := range cmp.FindAllStringSubmatch(string(src), -1) {
			var types []string
			if m[2] != "" {
				types = []string{m[2]}
			}
			for _, l := range lit.FindAllStringSubmatch(m[3], -1) {
				types = append(types, l[1])
			}
			for _, ty := range types {
				if !listed[ty] && !secondary[ty] && len(c.ResourceTypes) > 0 {
					t.Errorf("%s (%s) compares against type %q but resource_types does not list it", c.ID, c.File, ty)
				}
			}
		}
	}
}
