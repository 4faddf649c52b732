package misconfig

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkNew measures compiling the built-in checks (once per run).
func BenchmarkNew(b *testing.B) {
	for i := 0; i < b.N; i++ {
		if _, err := New(context.Background(), Config{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkScanDirE2E scans the fixture tree (every file type) with a
// compiled scanner.
func BenchmarkScanDirE2E(b *testing.B) {
	s := testScanner(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, _, err := s.ScanDir(context.Background(), "testdata/e2e"); err != nil {
			b.Fatal(err)
		}
	}
}

// Parser benchmarks: one file of each kind, parsed into a document and
// converted to Rego input (what every scan does before evaluation).

func benchParse(b *testing.B, path string, parse func([]byte) []*document) {
	src, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		for _, d := range parse(src) {
			if _, err := d.astInput(); err != nil {
				b.Fatal(err)
			}
		}
	}
}

func BenchmarkParseKubernetes(b *testing.B) {
	benchParse(b, "testdata/e2e/kubernetes/app.yaml", func(src []byte) []*document {
		docs, _ := parseStructured("app.yaml", src)
		return docs
	})
}

func BenchmarkParseCloudFormation(b *testing.B) {
	benchParse(b, "testdata/e2e/cloudformation/stack.yaml", func(src []byte) []*document {
		docs, _ := parseStructured("stack.yaml", src)
		return docs
	})
}

func BenchmarkParseDockerfile(b *testing.B) {
	benchParse(b, "testdata/e2e/docker/Dockerfile", func(src []byte) []*document {
		d, _ := parseDockerfile(src, "Dockerfile")
		return []*document{d}
	})
}

func BenchmarkParseWorkflow(b *testing.B) {
	benchParse(b, "testdata/e2e/github/.github/workflows/deploy.yml", func(src []byte) []*document {
		docs, _ := parseStructured(".github/workflows/deploy.yml", src)
		return docs
	})
}

// BenchmarkTerraformModule parses and evaluates the e2e module (variables,
// tfvars, locals, count, for_each, dynamic blocks, a local module).
func BenchmarkTerraformModule(b *testing.B) {
	root, _ := filepath.Abs("testdata/e2e/terraform")
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		l := newTFLoader(root)
		d := l.evalTerraform(l.load(root), nil)
		if _, err := d.astInput(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCompileAll compiles every built-in group, as a scan that meets
// every kind of file does once.
func BenchmarkCompileAll(b *testing.B) {
	for i := 0; i < b.N; i++ {
		ps, err := loadPolicies(nil)
		if err != nil {
			b.Fatal(err)
		}
		for _, g := range ps.groups {
			if _, err := g.compile(); err != nil {
				b.Fatal(err)
			}
		}
	}
}
