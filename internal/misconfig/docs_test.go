package misconfig

import (
	"fmt"
	"os"
	"sort"
	"strings"
	"testing"
)

const docsPath = "../../docs/MISCONFIG.md"

var familyNames = []struct{ code, name string }{
	{"AWS", "AWS (Terraform, CloudFormation, IAM policy documents)"},
	{"GCP", "Google Cloud (Terraform)"},
	{"AZU", "Azure (Terraform)"},
	{"K8S", "Kubernetes"},
	{"DKR", "Dockerfile"},
	{"GHA", "GitHub Actions"},
	{"GLC", "GitLab CI"},
}

// checksMarkdown renders the checks list from metadata.
func checksMarkdown(checks []CheckMeta) string {
	var b strings.Builder
	count := map[string]int{}
	for _, c := range checks {
		count[c.Family()]++
	}
	fmt.Fprintf(&b, "%d checks:", len(checks))
	for i, f := range familyNames {
		sep := ","
		if i == len(familyNames)-1 {
			sep = "."
		}
		fmt.Fprintf(&b, " %s %d%s", f.code, count[f.code], sep)
	}
	b.WriteString("\n")
	for _, f := range familyNames {
		fmt.Fprintf(&b, "\n### %s\n\n| id | severity | check | inputs | frameworks |\n|---|---|---|---|---|\n", f.name)
		for _, c := range checks {
			if c.Family() != f.code {
				continue
			}
			ins := make([]string, len(c.Inputs))
			for i, k := range c.Inputs {
				ins[i] = string(k)
			}
			var fw []string
			keys := make([]string, 0, len(c.Frameworks))
			for k := range c.Frameworks {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			for _, k := range keys {
				fw = append(fw, k+" "+strings.Join(c.Frameworks[k], ", "))
			}
			fmt.Fprintf(&b, "| %s | %s | **%s.** %s *Fix:* %s | %s | %s |\n", c.ID, c.Severity,
				esc(c.Title), esc(c.Description), esc(c.Remediation), strings.Join(ins, ", "), esc(strings.Join(fw, "; ")))
		}
	}
	return b.String()
}

func esc(s string) string {
	s = strings.ReplaceAll(strings.TrimSpace(s), "\n", " ")
	return strings.ReplaceAll(s, "|", "\\|")
}

// TestDocs keeps the checks list of docs/MISCONFIG.md in step with the
// checks' metadata.
func TestDocs(t *testing.T) {
	src, err := os.ReadFile(docsPath)
	if err != nil {
		t.Fatal(err)
	}
	const begin, end = "<!-- checks:begin -->\n", "<!-- checks:end -->"
	i, j := strings.Index(string(src), begin), strings.Index(string(src), end)
	if i < 0 || j < i {
		t.Fatalf("%s: no %q … %q markers", docsPath, begin, end)
	}
	got := string(src[:i+len(begin)]) + checksMarkdown(Checks()) + string(src[j:])
	if *update {
		if err := os.WriteFile(docsPath, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if got != string(src) {
		t.Errorf("%s is out of date with the checks' metadata; run go test ./internal/misconfig -run TestDocs -update", docsPath)
	}
}
