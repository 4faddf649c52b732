// Package extractortest is what the extractors' tests share: golden files
// rewritten under -update, directories of golden cases, and running an
// extractor on a file or on bytes. Only tests import it; importing it
// defines the -update flag of the test binary.
package extractortest

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/vouch-dev/vouch/internal/extractor"
	"github.com/vouch-dev/vouch/internal/vouch"
)

var update = flag.Bool("update", false, "rewrite golden files under testdata")

// Update reports whether the test binary runs with -update, for tests
// that regenerate other files (fuzz seeds) under it too.
func Update() bool { return *update }

// Golden compares pkgs, as indented JSON, with the file at path. Under
// -update it writes the file instead.
func Golden(t testing.TB, path string, pkgs []vouch.Package) {
	t.Helper()
	got, err := json.MarshalIndent(pkgs, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("packages differ from %s (run go test -update and review the diff):\n%s", path, firstDiff(string(want), string(got)))
	}
}

// Cases runs ex over every case directory below testdata/dir except
// "errors": each holds the file ex reads (plus any sibling it reads, such
// as package.json) and want.json, the packages it must yield (see
// ExtractCase and Golden).
func Cases(t *testing.T, ex extractor.Extractor, dir string) {
	t.Helper()
	cases, err := os.ReadDir(filepath.Join("testdata", dir))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, c := range cases {
		if !c.IsDir() || c.Name() == "errors" {
			continue
		}
		n++
		caseDir := filepath.Join("testdata", dir, c.Name())
		t.Run(c.Name(), func(t *testing.T) {
			Golden(t, filepath.Join(caseDir, "want.json"), ExtractCase(t, ex, caseDir))
		})
	}
	if n == 0 {
		t.Fatalf("no cases under testdata/%s", dir)
	}
}

// ExtractCase finds the file in caseDir that ex matches and extracts it
// with the case directory as the scan root. A case may hold files the one
// under test includes (and which ex also matches); the file under test is
// then the one at the top of the case.
func ExtractCase(t testing.TB, ex extractor.Extractor, caseDir string) []vouch.Package {
	t.Helper()
	fsys := os.DirFS(caseDir)
	var files []string
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && ex.Match(p, d.Type()) {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(files) > 1 {
		var top []string
		for _, f := range files {
			if !strings.Contains(f, "/") {
				top = append(top, f)
			}
		}
		files = top
	}
	if len(files) != 1 {
		t.Fatalf("%s: %s matches %v, want exactly one file at the top", caseDir, ex.Name(), files)
	}
	pkgs, err := ExtractFile(ex, fsys, files[0])
	if err != nil {
		t.Fatalf("%s: %v", files[0], err)
	}
	return pkgs
}

// ExtractFile runs ex on the file name in fsys, with fsys as the scan
// root.
func ExtractFile(ex extractor.Extractor, fsys fs.FS, name string) ([]vouch.Package, error) {
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, err
	}
	f := &extractor.File{Path: name, Size: int64(len(data)), Reader: bytes.NewReader(data), FS: fsys}
	return ex.Extract(context.Background(), f)
}

// ExtractBytes runs ex on data as the file at path name, with no scan
// root.
func ExtractBytes(ex extractor.Extractor, name string, data []byte) ([]vouch.Package, error) {
	f := &extractor.File{Path: name, Size: int64(len(data)), Reader: bytes.NewReader(data)}
	return ex.Extract(context.Background(), f)
}

// Find returns the package with name and version, failing the test when
// there is none.
func Find(t testing.TB, pkgs []vouch.Package, name, version string) vouch.Package {
	t.Helper()
	for _, p := range pkgs {
		if p.Name == name && p.Version == version {
			return p
		}
	}
	t.Fatalf("no package %s@%s among %d", name, version, len(pkgs))
	return vouch.Package{}
}

// firstDiff names the first line where got differs from want.
func firstDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(w) || i < len(g); i++ {
		var a, b string
		if i < len(w) {
			a = w[i]
		}
		if i < len(g) {
			b = g[i]
		}
		if a != b {
			return "line " + strconv.Itoa(i+1) + ":\n  want: " + a + "\n  got:  " + b
		}
	}
	return ""
}
