package secrets

import (
	"regexp"
	"strings"
	"testing"
)

// examplePath is where rule examples pretend to live: a plain config file,
// neither documentation nor a test fixture nor a CI pipeline.
const examplePath = "deploy/app.conf"

func newTestScanner(t testing.TB) *Scanner {
	t.Helper()
	s, err := New(Config{})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestRuleExamples(t *testing.T) {
	s := newTestScanner(t)
	for _, r := range Rules() {
		t.Run(r.ID, func(t *testing.T) {
			if len(r.Examples.Positive) == 0 && len(r.pathSuffixes) == 0 {
				t.Errorf("no positive example")
			}
			for _, ex := range r.Examples.Positive {
				fs := s.ScanBytes(examplePath, []byte(ex))
				found := false
				for _, f := range fs {
					if f.ID == r.ID {
						found = true
					}
					if f.Masked == "" || strings.Contains(ex, f.Masked) && len(f.Masked) > 8 && !strings.Contains(f.Masked, "*") {
						t.Errorf("finding %s masks nothing: %q", f.ID, f.Masked)
					}
				}
				if !found {
					var ids []string
					for _, f := range fs {
						ids = append(ids, f.ID)
					}
					t.Errorf("positive not found by %s (got %v):\n%s", r.ID, ids, ex)
				}
			}
			for _, ex := range r.Examples.Negative {
				for _, f := range s.ScanBytes(examplePath, []byte(ex)) {
					t.Errorf("negative reported by %s at line %d:\n%s", f.ID, f.Location.Line, ex)
				}
			}
		})
	}
}

func TestRuleTable(t *testing.T) {
	rules := Rules()
	t.Logf("%d rules", len(rules))
	if len(rules) < 150 {
		t.Errorf("%d rules, want at least 150", len(rules))
	}
	seen := map[string]bool{}
	idRE := regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	for _, r := range rules {
		if seen[r.ID] {
			t.Errorf("duplicate rule id %s", r.ID)
		}
		seen[r.ID] = true
		if !idRE.MatchString(r.ID) {
			t.Errorf("rule id %q is not kebab-case", r.ID)
		}
		if r.Description == "" || r.Severity == 0 {
			t.Errorf("rule %s: missing description or severity", r.ID)
		}
	}
}
