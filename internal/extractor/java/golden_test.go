package java

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/vouch-dev/vouch/internal/vouch"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata/golden")

func checkGolden(t *testing.T, name string, pkgs []vouch.Package) {
	t.Helper()
	got, err := json.MarshalIndent(pkgs, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')
	file := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(file, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("packages differ from %s (run go test -update after checking the change):\n%s", file, got)
	}
}

// summary is "name@version scope line" for every package, for tests that
// state their expectations in one line each.
func summary(pkgs []vouch.Package) map[string]string {
	m := map[string]string{}
	for _, p := range pkgs {
		line := 0
		if len(p.Locations) > 0 {
			line = p.Locations[0].Line
		}
		m[p.Name] = p.Version + " " + string(p.Scope) + " " + itoa(line)
	}
	return m
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}
