package golang

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/vouch-dev/vouch/internal/extractor"
	"github.com/vouch-dev/vouch/internal/extractor/extractortest"
	"github.com/vouch-dev/vouch/internal/vouch"
)

func extractModFile(t *testing.T, dir, path string) []vouch.Package {
	t.Helper()
	data, err := os.ReadFile(dir + "/" + path)
	if err != nil {
		t.Fatal(err)
	}
	pkgs, err := modExtractor{}.Extract(context.Background(), &extractor.File{
		Path: path, Reader: strings.NewReader(string(data)), FS: os.DirFS(dir),
	})
	if err != nil {
		t.Fatal(err)
	}
	return pkgs
}

func byName(pkgs []vouch.Package, name string) *vouch.Package {
	for i := range pkgs {
		if pkgs[i].Name == name {
			return &pkgs[i]
		}
	}
	return nil
}

func TestModGolden(t *testing.T) {
	for _, tc := range []struct{ path, golden string }{
		{"app/go.mod", "mod-app.json"},
		{"app/tools/go.mod", "mod-app-tools.json"},
		{"legacy/go.mod", "mod-legacy.json"},
	} {
		t.Run(tc.path, func(t *testing.T) {
			extractortest.Golden(t, filepath.Join("testdata", "golden", tc.golden), extractModFile(t, "testdata/mod", tc.path))
		})
	}
}

// TestModSemantics states what the golden file holds, so that a careless
// -update cannot bless a regression.
func TestModSemantics(t *testing.T) {
	pkgs := extractModFile(t, "testdata/mod", "app/go.mod")
	for _, tc := range []struct {
		name, version, purl string
		rel                 vouch.Relationship
		line                int
		meta                map[string]string
	}{
		{"github.com/google/uuid", "", "pkg:golang/github.com/google/uuid", vouch.RelationshipDirect, 8,
			map[string]string{"go.replace.dir": "../forks/uuid", "go.imports": "github.com/google/uuid"}},
		{"github.com/spf13/cobra", "v1.10.2", "pkg:golang/github.com/spf13/cobra@v1.10.2", vouch.RelationshipDirect, 9,
			map[string]string{"go.sum": "h1:DMTTonx5m65Ic0GOoRY2c16WCbHxOOw6xxezuLaBpcU=", "go.imports": "github.com/spf13/cobra"}},
		{"golang.org/x/sync", "v0.24.0", "pkg:golang/golang.org/x/sync@v0.24.0", vouch.RelationshipDirect, 10,
			map[string]string{"go.imports": "golang.org/x/sync/errgroup"}},
		{"golang.org/x/text", "v0.43.0", "pkg:golang/golang.org/x/text@v0.43.0", vouch.RelationshipDirect, 11,
			map[string]string{"go.replaces": "golang.org/x/text", "go.sum": "h1:1QivrlhwAsnMOcqgOdl9my7s9OyZl8O5/UGUTJVXoWc=",
				"go.imports": "golang.org/x/text/cases\ngolang.org/x/text/language"}},
		{"example.com/legacy/metrics", "v0.3.1", "pkg:golang/example.com/legacy/metrics@v0.3.1", vouch.RelationshipIndirect, 15,
			map[string]string{"go.imports": ""}},
		{"github.com/spf13/pflag", "v1.0.10", "pkg:golang/github.com/spf13/pflag@v1.0.10", vouch.RelationshipIndirect, 17,
			map[string]string{"go.imports": ""}},
		{"stdlib", "1.24.4", "pkg:golang/stdlib@1.24.4", "", 5,
			map[string]string{"go.toolchain": "toolchain", "go.imports": "context\nfmt\nnet/http\nos"}},
	} {
		p := byName(pkgs, tc.name)
		if p == nil {
			t.Errorf("%s: missing", tc.name)
			continue
		}
		if p.Version != tc.version || p.PURL != tc.purl || p.Relationship != tc.rel || p.Ecosystem != vouch.EcosystemGo {
			t.Errorf("%s: got %s %s %q %s, want %s %s %q", tc.name, p.Version, p.PURL, p.Relationship, p.Ecosystem, tc.version, tc.purl, tc.rel)
		}
		if len(p.Locations) != 1 || p.Locations[0] != (vouch.Location{Path: "app/go.mod", Line: tc.line}) {
			t.Errorf("%s: locations %v, want app/go.mod:%d", tc.name, p.Locations, tc.line)
		}
		for k, v := range tc.meta {
			if got, ok := p.Metadata[k]; !ok || got != v {
				t.Errorf("%s: Metadata[%s] = %q, want %q", tc.name, k, got, v)
			}
		}
	}
	if p := byName(pkgs, "github.com/example/app"); p != nil {
		t.Errorf("main module reported as a package: %+v", p)
	}
	if len(pkgs) != 8 {
		t.Errorf("got %d packages, want 7 requires and stdlib", len(pkgs))
	}
	for _, p := range pkgs {
		for _, bad := range []string{"should-not-count", "testify", "golang.org/x/tools", "\nC\n", "testing"} {
			if strings.Contains(p.Metadata["go.imports"], bad) {
				t.Errorf("%s: go.imports holds %q: %q", p.Name, bad, p.Metadata["go.imports"])
			}
		}
	}
}

func TestModGoDirective(t *testing.T) {
	pkgs := extractModFile(t, "testdata/mod", "legacy/go.mod")
	std := byName(pkgs, "stdlib")
	if std == nil || std.Version != "1.21" || std.Metadata["go.toolchain"] != "go" || std.Locations[0].Line != 3 {
		t.Fatalf("stdlib from the go directive: %+v", std)
	}
	if got := std.Metadata["go.imports"]; got != "log" {
		t.Errorf("stdlib imports %q, want log", got)
	}
	if p := byName(pkgs, "gopkg.in/yaml.v3"); p == nil || p.Metadata["go.imports"] != "gopkg.in/yaml.v3" {
		t.Errorf("yaml.v3: %+v", p)
	}
}

func TestModWithoutFS(t *testing.T) {
	data, _ := os.ReadFile("testdata/mod/app/go.mod")
	pkgs, err := modExtractor{}.Extract(context.Background(), &extractor.File{Path: "go.mod", Reader: strings.NewReader(string(data))})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range pkgs {
		if _, ok := p.Metadata["go.imports"]; ok {
			t.Errorf("%s: go.imports set without a tree to read", p.Name)
		}
		if _, ok := p.Metadata["go.sum"]; ok {
			t.Errorf("%s: go.sum set without a tree to read", p.Name)
		}
	}
}

// TestModImportCap: a tree over the file cap gets no go.imports at all,
// since a partial list would claim that unlisted imports are absent.
func TestModImportCap(t *testing.T) {
	defer func(n int) { maxGoFiles = n }(maxGoFiles)
	maxGoFiles = 3
	fsys := fstest.MapFS{"go.mod": {Data: []byte("module m\n\ngo 1.22\n\nrequire example.com/a v1.0.0\n")}}
	for i := 0; i < 4; i++ {
		fsys[fmt.Sprintf("p%d/f.go", i)] = &fstest.MapFile{Data: []byte("package p\nimport \"example.com/a\"\n")}
	}
	extract := func() []vouch.Package {
		pkgs, err := modExtractor{}.Extract(context.Background(), &extractor.File{Path: "go.mod", Reader: strings.NewReader(string(fsys["go.mod"].Data)), FS: fsys})
		if err != nil {
			t.Fatal(err)
		}
		return pkgs
	}
	for _, p := range extract() {
		if _, ok := p.Metadata["go.imports"]; ok {
			t.Errorf("%s: go.imports set over the cap", p.Name)
		}
	}
	maxGoFiles = 4
	if got := byName(extract(), "example.com/a").Metadata["go.imports"]; got != "example.com/a" {
		t.Errorf("at the cap: go.imports = %q", got)
	}
}

func TestModErrors(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"unknown directive", "module m\n\ngo 1.22\nfrobnicate x\n", "line 4: unknown directive: frobnicate"},
		{"bad version", "module m\n\nrequire example.com/a 1.0\n", "line 3: require example.com/a: version \"1.0\" invalid"},
		{"unterminated block", "module m\n\nrequire (\n\texample.com/a v1.0.0\n", "line 5"},
		{"bad go version", "module m\ngo one.two\n", "line 2"},
		{"unquoted junk", "module m\nrequire \"example.com/a v1.0.0\n", "line 2"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := modExtractor{}.Extract(context.Background(), &extractor.File{Path: "go.mod", Reader: strings.NewReader(tc.in)})
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want it to contain %q", err, tc.want)
			}
		})
	}
}

func TestModMatch(t *testing.T) {
	for p, want := range map[string]bool{
		"go.mod": true, "a/b/go.mod": true, "a/go.mod.bak": false, "xgo.mod": false, "a/go.sum": false,
	} {
		if got := (modExtractor{}).Match(p, 0); got != want {
			t.Errorf("Match(%q) = %v", p, got)
		}
	}
}

func TestTreeImports(t *testing.T) {
	long := "// " + strings.Repeat("x", importsHead) + "\npackage p\n\nimport \"after/the/head\"\n"
	huge := "package p\nimport \"too/big\"\n//" + strings.Repeat("y", maxGoFileSize)
	fsys := fstest.MapFS{
		"go.mod":        {Data: []byte("module m\n")},
		"a.go":          {Data: []byte("package p\n\nimport (\n\t\"ok/one\"\n\t_ \"ok/two\"\n\t. \"ok/three\"\n\t\"C\"\n)\n")},
		"broken.go":     {Data: []byte("package p\n\nimport (\n\t\"partial/ok\"\n\t\"unterminated\n")},
		"long.go":       {Data: []byte(long)},
		"huge.go":       {Data: []byte(huge)},
		"notgo.txt":     {Data: []byte("import \"no\"")},
		"x_test.go":     {Data: []byte("package p\nimport \"test/only\"\n")},
		"sub/b.go":      {Data: []byte("package sub\nimport \"ok/sub\"\n")},
		"nested/go.mod": {Data: []byte("module m/nested\n")},
		"nested/c.go":   {Data: []byte("package nested\nimport \"nested/only\"\n")},
		"vendor/v.go":   {Data: []byte("package v\nimport \"vendored\"\n")},
		".hidden/h.go":  {Data: []byte("package h\nimport \"hidden\"\n")},
		"_skip/s.go":    {Data: []byte("package s\nimport \"underscore\"\n")},
		"testdata/t.go": {Data: []byte("package t\nimport \"testdata\"\n")},
	}
	got, err := treeImports(context.Background(), fsys, ".")
	if err != nil {
		t.Fatal(err)
	}
	var list []string
	for k := range got {
		list = append(list, k)
	}
	sort.Strings(list)
	want := "after/the/head ok/one ok/sub ok/three ok/two partial/ok"
	if strings.Join(list, " ") != want {
		t.Errorf("imports %v, want %s", list, want)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := treeImports(ctx, fsys, "."); err == nil {
		t.Error("cancelled scan returned no error")
	}
}

// TestModPre117GoSum: before Go 1.17 go.mod lists only direct
// requirements, so the indirect build list comes from go.sum's content
// hashes, one (the highest) version per module; from 1.17 on go.sum adds
// hashes only.
func TestModPre117GoSum(t *testing.T) {
	sum := "example.com/a v1.0.0 h1:aaaa=\n" +
		"example.com/a v1.0.0/go.mod h1:amod=\n" +
		"example.com/b v1.1.0 h1:bold=\n" +
		"example.com/b v1.2.0 h1:bnew=\n" +
		"example.com/c v0.3.0/go.mod h1:conly=\n" +
		"m v0.0.1 h1:self=\n"
	for _, tc := range []struct {
		goVersion string
		want      string
	}{
		{"1.13", "example.com/a@v1.0.0:go.mod:5:direct example.com/b@v1.2.0:go.sum:4:indirect"},
		{"1.16", "example.com/a@v1.0.0:go.mod:5:direct example.com/b@v1.2.0:go.sum:4:indirect"},
		{"1.17", "example.com/a@v1.0.0:go.mod:5:direct"},
	} {
		mod := "module m\n\ngo " + tc.goVersion + "\n\nrequire example.com/a v1.0.0\n"
		fsys := fstest.MapFS{"go.mod": {Data: []byte(mod)}, "go.sum": {Data: []byte(sum)}}
		pkgs, err := modExtractor{}.Extract(context.Background(), &extractor.File{Path: "go.mod", Reader: strings.NewReader(mod), FS: fsys})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, p := range pkgs {
			if p.Name == "stdlib" {
				continue
			}
			got = append(got, fmt.Sprintf("%s@%s:%s:%d:%s", p.Name, p.Version, p.Locations[0].Path, p.Locations[0].Line, p.Relationship))
		}
		if strings.Join(got, " ") != tc.want {
			t.Errorf("go %s: got %v, want %s", tc.goVersion, got, tc.want)
		}
	}
}
