package secrets

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files")

// expandTree copies testdata/repo into a temporary directory, expanding
// token templates with a generator seeded by each file's path.
func expandTree(t *testing.T, src string) string {
	t.Helper()
	dst := t.TempDir()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		out := expandTemplate(newExampleRand(filepath.ToSlash(rel)), string(b))
		target := filepath.Join(dst, rel)
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			return err
		}
		return os.WriteFile(target, []byte(out), 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

type goldenFinding struct {
	ID         string `json:"id"`
	Severity   string `json:"severity"`
	Path       string `json:"path"`
	Line       int    `json:"line"`
	Column     int    `json:"column"`
	Masked     string `json:"masked"`
	Suppressed string `json:"suppressed,omitempty"`
}

func TestGoldenRepo(t *testing.T) {
	root := expandTree(t, filepath.Join("testdata", "repo"))
	s := newTestScanner(t)
	fs, err := s.ScanDir(context.Background(), root)
	if err != nil {
		t.Fatal(err)
	}
	got := []goldenFinding{}
	for _, f := range fs {
		g := goldenFinding{ID: f.ID, Severity: f.Severity.String(), Path: f.Location.Path, Line: f.Location.Line,
			Column: ParseDetail(f.Detail).Column, Masked: f.Masked}
		if f.Suppressed != nil {
			g.Suppressed = f.Suppressed.Source
		}
		got = append(got, g)
	}
	b, _ := json.MarshalIndent(got, "", "  ")
	b = append(b, '\n')
	golden := filepath.Join("testdata", "golden", "repo.json")
	if *update {
		os.MkdirAll(filepath.Dir(golden), 0o755)
		if err := os.WriteFile(golden, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -run TestGoldenRepo -update)", err)
	}
	if !bytes.Equal(b, want) {
		t.Errorf("findings differ from %s:\n%s", golden, b)
	}
}
