package php

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

var update = flag.Bool("update", false, "rewrite the golden want.json files under testdata")

// goldenCases runs ex over every case directory below testdata/dir: each
// holds one file ex matches (plus any sibling it reads, such as
// package.json) and want.json, the packages it must yield.
func goldenCases(t *testing.T, ex extractor.Extractor, dir string) {
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
			pkgs := extractCase(t, ex, caseDir)
			got, err := json.MarshalIndent(pkgs, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			wantPath := filepath.Join(caseDir, "want.json")
			if *update {
				if err := os.WriteFile(wantPath, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(wantPath)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("packages differ from %s (run go test -update and review the diff):\n%s", wantPath, firstDiff(string(want), string(got)))
			}
		})
	}
	if n == 0 {
		t.Fatalf("no cases under testdata/%s", dir)
	}
}

// extractCase finds the single file in caseDir that ex matches and
// extracts it with the case directory as the scan root.
func extractCase(t *testing.T, ex extractor.Extractor, caseDir string) []vouch.Package {
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
	if len(files) != 1 {
		t.Fatalf("%s: %s matches %v, want exactly one file", caseDir, ex.Name(), files)
	}
	pkgs, err := extractFile(ex, fsys, files[0])
	if err != nil {
		t.Fatalf("%s: %v", files[0], err)
	}
	return pkgs
}

func extractFile(ex extractor.Extractor, fsys fs.FS, name string) ([]vouch.Package, error) {
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, err
	}
	f := &extractor.File{Path: name, Size: int64(len(data)), Reader: bytes.NewReader(data), FS: fsys}
	return ex.Extract(context.Background(), f)
}

func extractBytes(ex extractor.Extractor, name string, data []byte) ([]vouch.Package, error) {
	f := &extractor.File{Path: name, Size: int64(len(data)), Reader: bytes.NewReader(data)}
	return ex.Extract(context.Background(), f)
}

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

// find returns the package with name and version, failing the test when
// there is none.
func find(t *testing.T, pkgs []vouch.Package, name, version string) vouch.Package {
	t.Helper()
	for _, p := range pkgs {
		if p.Name == name && p.Version == version {
			return p
		}
	}
	t.Fatalf("no package %s@%s among %d", name, version, len(pkgs))
	return vouch.Package{}
}
