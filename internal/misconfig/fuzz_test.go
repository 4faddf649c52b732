package misconfig

import (
	"os"
	"path/filepath"
	"testing"
)

// Fuzz targets for every parser of untrusted input. Each feeds the parsed
// documents through the same steps a scan does short of Rego: the input
// conversion and line lookups. Seeds: the e2e fixtures and testdata/fuzz.

func addSeeds(f *testing.F, pattern ...string) {
	for _, p := range pattern {
		files, _ := filepath.Glob(p)
		for _, file := range files {
			if b, err := os.ReadFile(file); err == nil {
				f.Add(b)
			}
		}
	}
}

// exercise converts documents to Rego input and looks up lines.
func exercise(t *testing.T, docs []*document) {
	for _, d := range docs {
		if d == nil {
			continue
		}
		if _, err := d.astInput(); err != nil {
			t.Fatalf("input of %s: %v", d.path, err)
		}
		for _, r := range d.resources {
			if r.locate == nil {
				continue
			}
			for _, p := range [][]any{nil, {"spec"}, {"jobs", "build", "steps", 0}, {"commands", 0}, {"ingress", 0, "cidr_blocks"}, {"Properties", 3}} {
				if s, e, ok := r.locate(p); ok && (s < 0 || e < 0) {
					t.Fatalf("negative lines %d-%d", s, e)
				}
			}
		}
	}
}

func FuzzTerraform(f *testing.F) {
	addSeeds(f, "testdata/e2e/terraform/*.tf", "testdata/e2e/terraform/modules/*/*.tf")
	f.Fuzz(func(t *testing.T, src []byte) {
		dir := t.TempDir()
		m := newTFModule(dir, dir)
		m.addHCL("main.tf", src)
		doc := newTFLoader(dir).evalTerraform(m, nil)
		exercise(t, []*document{doc})
	})
}

func FuzzTerraformPlan(f *testing.F) {
	addSeeds(f, "testdata/e2e/plan/*.json")
	f.Fuzz(func(t *testing.T, src []byte) {
		doc, _ := parsePlan(src, "plan.json")
		exercise(t, []*document{doc})
	})
}

func FuzzCloudFormation(f *testing.F) {
	addSeeds(f, "testdata/e2e/cloudformation/*")
	f.Fuzz(func(t *testing.T, src []byte) {
		docs, _ := parseStructured("template.yaml", src)
		exercise(t, docs)
	})
}

func FuzzKubernetes(f *testing.F) {
	addSeeds(f, "testdata/e2e/kubernetes/*.yaml")
	f.Fuzz(func(t *testing.T, src []byte) {
		docs, _ := parseStructured("k8s/app.yaml", src)
		exercise(t, docs)
	})
}

func FuzzWorkflow(f *testing.F) {
	addSeeds(f, "testdata/e2e/github/.github/workflows/*.yml", "testdata/e2e/github/.github/actions/*/action.yml", "testdata/e2e/gitlab/.gitlab-ci.yml")
	f.Fuzz(func(t *testing.T, src []byte) {
		for _, name := range []string{".github/workflows/ci.yml", "action.yml", ".gitlab-ci.yml"} {
			docs, _ := parseStructured(name, src)
			exercise(t, docs)
		}
	})
}

func FuzzDockerfile(f *testing.F) {
	addSeeds(f, "testdata/e2e/docker/*")
	f.Fuzz(func(t *testing.T, src []byte) {
		doc, _ := parseDockerfile(src, "Dockerfile")
		exercise(t, []*document{doc})
	})
}

func FuzzInlineIgnore(f *testing.F) {
	f.Add([]byte("# vouch:ignore VCH-AWS-0001 public website\nx\n"))
	f.Add([]byte("// vouch:ignore\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		ix := parseIgnores(src)
		ix.match("VCH-AWS-0001", 1, 3, 1)
	})
}
