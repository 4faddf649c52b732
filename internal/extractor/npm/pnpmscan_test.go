package npm

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/vouch-dev/vouch/internal/extractor"
)

// bothWays extracts a pnpm lockfile with the fast scanner and with the
// YAML decoder. ok is false when the scanner declines the file.
func bothWays(t testing.TB, data []byte) (fast, slow string, ok bool) {
	root, err := scanPnpm(data)
	if err != nil {
		return "", "", false
	}
	pf, err := pnpmFromTree(root)
	if err != nil {
		return "", "", false
	}
	f := &extractor.File{Path: "pnpm-lock.yaml"}
	render := func(pf *pnpmFile) string {
		nodes, err := pnpmNodes(pf, data)
		if err != nil {
			return "error: " + err.Error()
		}
		out, err := json.Marshal(toPackages(f, nodes))
		if err != nil {
			t.Fatal(err)
		}
		return string(out)
	}
	if pf.LockfileVersion == "" {
		return "", "", false // readPnpm leaves such a file to the decoder
	}
	fast = render(pf)
	ypf, err := decodePnpm(data)
	if err != nil {
		return fast, "error: " + err.Error(), true
	}
	return fast, render(ypf), true
}

func TestPnpmScannerAgreesWithYAML(t *testing.T) {
	files, err := filepath.Glob("testdata/pnpm-lock/*/pnpm-lock.yaml")
	if err != nil || len(files) == 0 {
		t.Fatal("no fixtures", err)
	}
	inputs := map[string][]byte{
		"generated":                genPnpm9(200),
		"v5 scalars and sequences": []byte("lockfileVersion: 5.4\n\nspecifiers:\n  a: ^1.0.0\n\ndependencies:\n  a: 1.0.0\n\npackages:\n\n  /a/1.0.0:\n    resolution: {integrity: sha512-AAAA, tarball: 'https://r/a.tgz'}\n    engines: {node: ^8.16.0 || >=10, npm: '>= 6'}\n    cpu: [x64, arm64]\n    dev: false\n    transitivePeerDependencies:\n      - supports-color\n      - '@types/node'\n"),
		"quoted keys and nulls":    []byte("lockfileVersion: '6.0'\n\ndependencies:\n  '@s/a':\n    specifier: \"^1\"\n    version: 1.0.0\n\npackages:\n\n  /@s/a@1.0.0:\n    resolution: {integrity: sha512-x}\n    dev: ~\n"),
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		inputs[f] = data
	}
	for name, data := range inputs {
		fast, slow, ok := bothWays(t, data)
		if !ok {
			t.Errorf("%s: the scanner declined a file written as pnpm writes it", name)
			continue
		}
		if fast != slow {
			t.Errorf("%s: scanner and YAML decoder differ\nscanner: %s\nyaml:    %s", name, fast, slow)
		}
	}
}

func TestPnpmScannerDeclines(t *testing.T) {
	for _, in := range []string{
		"a: &x 1\nb: *x\n",
		"a: !!str 1\n",
		"a: |\n  text\n",
		"---\na: 1\n",
		"a:\n  - b: 1\n",
		"a: {b: {c: 1}}\n",
		"a: 1\na: 2\n",
		"a: 'unterminated\n",
		"a: b\n  c\n",
		"\ta: 1\n",
		"",
	} {
		if root, err := scanPnpm([]byte(in)); err == nil {
			if _, err := pnpmFromTree(root); err == nil {
				t.Errorf("scanner accepted %q", in)
			}
		}
	}
}

// FuzzPnpmScanner checks that whenever the fast scanner accepts a file,
// the YAML decoder reads the same packages from it.
func FuzzPnpmScanner(f *testing.F) {
	files, _ := filepath.Glob("testdata/pnpm-lock/*/pnpm-lock.yaml")
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		fast, slow, ok := bothWays(t, data)
		if ok && fast != slow {
			t.Fatalf("scanner and YAML decoder differ\nscanner: %s\nyaml:    %s", fast, slow)
		}
	})
}
