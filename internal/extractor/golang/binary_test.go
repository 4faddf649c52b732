package golang

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"testing"

	"github.com/vouch-dev/vouch/internal/extractor"
	"github.com/vouch-dev/vouch/internal/vouch"
)

// goBuild builds the module in dir into a binary and returns its path.
// The build is offline: modules come from the local module cache or local
// replacements only.
func goBuild(t *testing.T, dir string, vcs bool, args ...string) string {
	t.Helper()
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command to build test binaries")
	}
	out := filepath.Join(t.TempDir(), "prog")
	cmd := exec.Command(goTool, append(append([]string{"build", "-o", out}, args...), ".")...)
	cmd.Dir = dir
	flags := "-mod=mod -buildvcs=false"
	if vcs {
		flags = "-mod=mod -buildvcs=true"
	}
	cmd.Env = append(os.Environ(), "GOFLAGS="+flags, "GOPROXY=off", "GOSUMDB=off", "GOTOOLCHAIN=local",
		"GOWORK=off", "CGO_ENABLED=0", "GO111MODULE=on")
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, b)
	}
	return out
}

// cachedModule asks the go command which version of a module this
// repository requires and what its hash is.
func cachedModule(t *testing.T, path string) *debug.Module {
	t.Helper()
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command to build test binaries")
	}
	cmd := exec.Command(goTool, "list", "-m", "-json", path)
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOPROXY=off", "GOTOOLCHAIN=local", "GOWORK=off")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list -m %s: %v", path, err)
	}
	var m debug.Module
	if err := json.Unmarshal(out, &m); err != nil || m.Version == "" || m.Sum == "" {
		t.Fatalf("go list -m %s: %v %+v", path, err, m)
	}
	return &m
}

func writeFiles(t *testing.T, root string, files map[string]string) {
	t.Helper()
	for name, data := range files {
		p := filepath.Join(root, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func extractBinary(t *testing.T, file string, withReaderAt bool) []vouch.Package {
	t.Helper()
	fh, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	fi, _ := fh.Stat()
	f := &extractor.File{Path: "bin/prog", Mode: fi.Mode(), Size: fi.Size(), Reader: fh}
	if withReaderAt {
		f.ReaderAt = fh
	}
	pkgs, err := binaryExtractor{}.Extract(context.Background(), f)
	if err != nil {
		t.Fatal(err)
	}
	return pkgs
}

func symbols(p *vouch.Package) map[string]bool {
	set := map[string]bool{}
	for _, s := range strings.Split(p.Metadata["go.symbols"], "\n") {
		set[s] = true
	}
	return set
}

// TestBinaryStdlibStripped builds a stripped binary (-s -w: no symbol
// table, no DWARF) and still finds the toolchain and its functions in the
// pclntab.
func TestBinaryStdlibStripped(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"go.mod": "module example.com/hello\n\ngo 1.22\n",
		"main.go": `package main

import (
	"fmt"
	"os"
	"strings"
)

func main() {
	fmt.Println(strings.Repeat("hi ", len(os.Args)))
}
`,
	})
	bin := goBuild(t, dir, false, "-ldflags=-s -w")
	for _, readerAt := range []bool{true, false} {
		pkgs := extractBinary(t, bin, readerAt)
		if len(pkgs) != 1 {
			t.Fatalf("got %d packages, want stdlib alone (main module is (devel)): %+v", len(pkgs), pkgs)
		}
		std := &pkgs[0]
		want := strings.TrimPrefix(strings.Fields(runtime.Version())[0], "go")
		if std.Name != "stdlib" || std.Version != want || std.PURL != "pkg:golang/stdlib@"+want {
			t.Errorf("stdlib = %s %s %s, want version %s", std.Name, std.Version, std.PURL, want)
		}
		syms := symbols(std)
		// fmt.Println is inlined into main.main: it comes from the inline
		// tree, which a stripped binary keeps too.
		for _, s := range []string{"fmt.Println", "fmt.Fprintln", "strings.Repeat", "os.(*File).Write", "runtime.main"} {
			s = strings.ReplaceAll(s, "(*File)", "File")
			if !syms[s] {
				t.Errorf("stdlib symbols lack used %s", s)
			}
		}
		for _, s := range []string{"fmt.Sscanf", "strings.Title", "main.main"} {
			if syms[s] {
				t.Errorf("stdlib symbols hold %s", s)
			}
		}
	}
}

// TestBinaryModules builds a program that needs a module from the module
// cache (golang.org/x/mod, which this repository requires too) and one
// replaced by a local directory, in a git repository tagged v1.4.0 so that
// the main module carries a real version.
func TestBinaryModules(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a binary")
	}
	xmod := cachedModule(t, "golang.org/x/mod")
	root := t.TempDir()
	writeFiles(t, root, map[string]string{
		"dep/go.mod": "module example.com/dep\n\ngo 1.22\n",
		"dep/greet/greet.go": `package greet

// Greeter is used by the program through a pointer method.
type Greeter struct{ Name string }

//go:noinline
func (g *Greeter) Greet() string { return "hello " + g.Name }

//go:noinline
func Hello() string { return "hello" }

// Tiny is inlined into its caller.
func Tiny(s string) string { return "<" + s + ">" }

// Unused is never called; the linker drops it.
func Unused() string { return "unused" }
`,
		"app/go.mod": "module example.com/app\n\ngo 1.22\n\nrequire (\n\texample.com/dep v1.2.3\n\tgolang.org/x/mod " + xmod.Version + "\n)\n\nreplace example.com/dep => ../dep\n",
		"app/main.go": `package main

import (
	"fmt"
	"os"

	"example.com/dep/greet"
	"golang.org/x/mod/semver"
)

func main() {
	g := &greet.Greeter{Name: os.Args[0]}
	fmt.Println(greet.Hello(), g.Greet(), greet.Tiny(os.Args[0]), semver.Compare(os.Args[0], "v1.0.0"))
}
`,
	})
	app := filepath.Join(root, "app")
	bin := goBuild(t, app, false) // settles go.mod and go.sum before they are committed
	vcs := false
	if gitTool, err := exec.LookPath("git"); err == nil {
		vcs = true
		for _, args := range [][]string{
			{"init", "-q"}, {"add", "."},
			{"-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "init"},
			{"tag", "v1.4.0"},
		} {
			cmd := exec.Command(gitTool, args...)
			cmd.Dir = app
			if b, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("git %v: %v\n%s", args, err, b)
			}
		}
	}
	if vcs {
		bin = goBuild(t, app, true)
	}
	pkgs := extractBinary(t, bin, true)

	dep := byName(pkgs, "example.com/dep")
	if dep == nil || dep.Version != "" || dep.Metadata["go.replace.dir"] != "../dep" || dep.PURL != "pkg:golang/example.com/dep" {
		t.Fatalf("locally replaced module: %+v", dep)
	}
	syms := symbols(dep)
	for _, s := range []string{"example.com/dep/greet.Hello", "example.com/dep/greet.Greeter.Greet", "example.com/dep/greet.Tiny"} {
		if !syms[s] {
			t.Errorf("dep symbols lack used %s: %q", s, dep.Metadata["go.symbols"])
		}
	}
	if syms["example.com/dep/greet.Unused"] {
		t.Errorf("dep symbols hold the unused function")
	}

	mod := byName(pkgs, "golang.org/x/mod")
	if mod == nil || mod.Version != xmod.Version || mod.Metadata["go.sum"] != xmod.Sum ||
		mod.PURL != "pkg:golang/golang.org/x/mod@"+xmod.Version {
		t.Fatalf("golang.org/x/mod: %+v, want %s %s", mod, xmod.Version, xmod.Sum)
	}
	if syms := symbols(mod); !syms["golang.org/x/mod/semver.Compare"] || syms["golang.org/x/mod/semver.Sort"] {
		t.Errorf("x/mod symbols: %q", mod.Metadata["go.symbols"])
	}
	if std := byName(pkgs, "stdlib"); std == nil || !symbols(std)["fmt.Println"] {
		t.Errorf("stdlib missing or without fmt.Println")
	}
	main := byName(pkgs, "example.com/app")
	if !vcs {
		if main != nil {
			t.Errorf("main module without a version reported: %+v", main)
		}
		return
	}
	if main == nil || main.Version != "v1.4.0" || main.Metadata["go.main"] != "true" || len(main.Commit) != 40 {
		t.Fatalf("main module: %+v", main)
	}
	if !symbols(main)["main.main"] {
		t.Errorf("main module symbols lack main.main: %q", main.Metadata["go.symbols"])
	}
	for _, p := range pkgs {
		if len(p.Locations) != 1 || p.Locations[0].Path != "bin/prog" {
			t.Errorf("%s: locations %v", p.Name, p.Locations)
		}
	}
}

func TestBinaryNotGo(t *testing.T) {
	for _, tc := range []struct {
		name string
		data []byte
	}{
		{"shell script", []byte("#!/bin/sh\necho hi\n")},
		{"empty", nil},
		{"short", []byte("\x7fEL")},
		{"elf garbage", append([]byte("\x7fELF"), bytes.Repeat([]byte{0xff}, 200)...)},
		{"pe garbage", append([]byte("MZ"), bytes.Repeat([]byte{0}, 200)...)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			pkgs, err := binaryExtractor{}.Extract(context.Background(), &extractor.File{
				Path: "bin/x", Mode: 0o755, Size: int64(len(tc.data)), Reader: bytes.NewReader(tc.data), ReaderAt: bytes.NewReader(tc.data),
			})
			if err != nil || len(pkgs) != 0 {
				t.Errorf("got %v, %v; want nothing", pkgs, err)
			}
		})
	}
	// A real executable that is not Go: the C library's loader, if present.
	for _, p := range []string{"/bin/sh", "/usr/bin/env"} {
		if pkgs := extractBinary(t, p, true); len(pkgs) != 0 {
			if b, _ := os.ReadFile(p); !bytes.Contains(b, []byte("Go build")) {
				t.Errorf("%s: got %+v", p, pkgs)
			}
		}
	}
}

func TestBinaryMatch(t *testing.T) {
	for _, tc := range []struct {
		path string
		mode os.FileMode
		want bool
	}{
		{"usr/local/bin/terraform", 0o755, true},
		{"app/server", 0o700, true},
		{"tools/protoc.exe", 0o644, true},
		{"bin/prog", 0o644, true},
		{"src/main.go", 0o644, false},
		{"bin/sub/x", 0o644, false},
		{"usr/bin", os.ModeDir | 0o755, false},
		{"usr/bin/link", os.ModeSymlink | 0o777, false},
	} {
		if got := (binaryExtractor{}).Match(tc.path, tc.mode); got != tc.want {
			t.Errorf("Match(%q, %v) = %v", tc.path, tc.mode, got)
		}
	}
}

func TestModulePackageReplace(t *testing.T) {
	loc := []vouch.Location{{Path: "app"}}
	for _, tc := range []struct {
		mod                 debug.Module
		name, version, purl string
		meta                map[string]string
	}{
		{debug.Module{Path: "github.com/a/b", Version: "v1.2.0", Sum: "h1:abc="}, "github.com/a/b", "v1.2.0", "pkg:golang/github.com/a/b@v1.2.0",
			map[string]string{"go.sum": "h1:abc="}},
		{debug.Module{Path: "github.com/a/b", Version: "v1.2.0", Sum: "h1:abc=", Replace: &debug.Module{Path: "github.com/fork/b", Version: "v1.2.1-fix", Sum: "h1:def="}},
			"github.com/fork/b", "v1.2.1-fix", "pkg:golang/github.com/fork/b@v1.2.1-fix", map[string]string{"go.sum": "h1:def=", "go.replaces": "github.com/a/b"}},
		{debug.Module{Path: "github.com/a/b", Version: "v0.0.0-00010101000000-000000000000", Replace: &debug.Module{Path: "./internal/b", Version: "(devel)"}},
			"github.com/a/b", "", "pkg:golang/github.com/a/b", map[string]string{"go.replace.dir": "./internal/b"}},
	} {
		p := modulePackage(&tc.mod, loc)
		if p.Name != tc.name || p.Version != tc.version || p.PURL != tc.purl || len(p.Metadata) != len(tc.meta) {
			t.Errorf("%v: got %s %s %s %v", tc.mod, p.Name, p.Version, p.PURL, p.Metadata)
		}
		for k, v := range tc.meta {
			if p.Metadata[k] != v {
				t.Errorf("%v: Metadata[%s] = %q, want %q", tc.mod, k, p.Metadata[k], v)
			}
		}
	}
}

func TestGoVersion(t *testing.T) {
	for in, want := range map[string]string{
		"go1.22.5": "1.22.5", "go1.23.0 X:rangefunc": "1.23.0", "go1.21rc2": "1.21rc2", "devel +abc": "", "": "",
	} {
		if got := goVersion(in); got != want {
			t.Errorf("goVersion(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSplitSymbol(t *testing.T) {
	for _, tc := range []struct{ in, pkg, sym string }{
		{"net/http.(*Client).Do", "net/http", "Client.Do"},
		{"net/http.Header.Get", "net/http", "Header.Get"},
		{"fmt.Println", "fmt", "Println"},
		{"main.main.func1", "main", "main"},
		{"github.com/a/b.(*T).M.func2.1", "github.com/a/b", "T.M"},
		{"github.com/a/b.F.gowrap1", "github.com/a/b", "F"},
		{"github.com/a/b.(*T).M-fm", "github.com/a/b", "T.M"},
		{"github.com/a/b.Map[go.shape.string,go.shape.int]", "github.com/a/b", "Map"},
		{"github.com/a/b.(*List[go.shape.struct { X github.com/c/d.T }]).Push", "github.com/a/b", "List.Push"},
		{"gopkg.in/yaml%2ev3.Marshal", "gopkg.in/yaml.v3", "Marshal"},
		{"github.com/a/b.init.0", "github.com/a/b", "init"},
		{"github.com/a/b.glob..func1", "", ""},
		{"type:.eq.[2]interface {}", "", ""},
		{"go:buildid", "", ""},
		{"nodot", "", ""},
	} {
		pkg, sym, ok := splitSymbol(tc.in)
		if ok != (tc.pkg != "") || pkg != tc.pkg || sym != tc.sym {
			t.Errorf("splitSymbol(%q) = %q %q %v, want %q %q", tc.in, pkg, sym, ok, tc.pkg, tc.sym)
		}
	}
}
