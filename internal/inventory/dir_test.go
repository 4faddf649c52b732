package inventory

import (
	"bufio"
	"context"
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/vouch-dev/vouch/internal/extractor"
	"github.com/vouch-dev/vouch/internal/vouch"
)

// lines is a test format: "deps.txt" files with one "name version" a line,
// and "include other.txt" lines read through File.FS.
type lines struct{}

func (lines) Name() string { return "test/lines" }
func (lines) Match(p string, _ fs.FileMode) bool {
	return path.Base(p) == "deps.txt"
}
func (lines) Extract(_ context.Context, f *extractor.File) ([]vouch.Package, error) {
	var out []vouch.Package
	sc := bufio.NewScanner(f.Reader)
	n := 0
	for sc.Scan() {
		n++
		fields := strings.Fields(sc.Text())
		switch {
		case len(fields) == 2 && fields[0] == "include":
			b, err := fs.ReadFile(f.FS, path.Join(path.Dir(f.Path), fields[1]))
			if err != nil {
				return nil, err
			}
			out = append(out, vouch.Package{Name: "included", Version: strings.TrimSpace(string(b))})
		case len(fields) == 2:
			out = append(out, vouch.Package{Ecosystem: "test", Name: fields[0], Version: fields[1],
				Locations: []vouch.Location{{Path: f.Path, Line: n}}})
		default:
			return nil, errors.New("line " + string(rune('0'+n)) + ": want name and version")
		}
	}
	return out, nil
}

func write(t *testing.T, root string, files map[string]string) {
	t.Helper()
	for name, body := range files {
		p := filepath.Join(root, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestDirWalk(t *testing.T) {
	root := t.TempDir()
	write(t, root, map[string]string{
		"deps.txt":                "a 1\nb 2\n",
		"sub/deps.txt":            "a 1\nc 3\n",
		".git/deps.txt":           "hidden 9\n",
		"node_modules/x/deps.txt": "nm 1\n",
		"broken/deps.txt":         "a\n",
		"inc/deps.txt":            "include ver.txt\n",
		"inc/ver.txt":             "7\n",
		"etc/os-release":          "ID=debian\nVERSION_ID=\"12\"\n",
		"unrelated/readme.md":     "a 1\n",
		"escape/deps.txt":         "include ../../outside.txt\n",
	})
	// A symlink to a directory outside the tree must not be followed.
	outside := t.TempDir()
	write(t, outside, map[string]string{"deps.txt": "outside 1\n"})
	if err := os.Symlink(outside, filepath.Join(root, "link")); err != nil {
		t.Fatal(err)
	}

	inv, errs, err := Dir(context.Background(), root, Options{Extractors: []extractor.Extractor{lines{}}})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string][]vouch.Location{}
	for _, p := range inv.Packages {
		got[p.Name+"@"+p.Version] = p.Locations
	}
	want := map[string][]vouch.Location{
		"a@1":        {{Path: "deps.txt", Line: 1}, {Path: "sub/deps.txt", Line: 1}},
		"b@2":        {{Path: "deps.txt", Line: 2}},
		"c@3":        {{Path: "sub/deps.txt", Line: 2}},
		"included@7": {{Path: "inc/deps.txt"}},
	}
	if len(got) != len(want) {
		t.Errorf("packages = %v, want %v", got, want)
	}
	for k, w := range want {
		g := got[k]
		if len(g) != len(w) {
			t.Errorf("%s locations = %v, want %v", k, g, w)
			continue
		}
		for i := range w {
			if g[i] != w[i] {
				t.Errorf("%s location %d = %v, want %v", k, i, g[i], w[i])
			}
		}
	}
	// The broken file and the escaping include are both reported by path.
	var paths []string
	for _, e := range errs {
		var pe *extractor.ParseError
		if !errors.As(e, &pe) {
			t.Fatalf("error %v is not a ParseError", e)
		}
		paths = append(paths, pe.Path)
	}
	if strings.Join(paths, ",") != "broken/deps.txt,escape/deps.txt" {
		t.Errorf("errors name %v, want broken/deps.txt and escape/deps.txt", paths)
	}
	if inv.Distro == nil || inv.Distro.ID != "debian" || inv.Distro.VersionID != "12" {
		t.Errorf("distro = %+v", inv.Distro)
	}
	if inv.Target.Kind != vouch.TargetDirectory {
		t.Errorf("target kind = %s", inv.Target.Kind)
	}

	// Asked to, the walk descends into node_modules.
	inv, _, err = Dir(context.Background(), root, Options{Extractors: []extractor.Extractor{lines{}}, NodeModules: true})
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, p := range inv.Packages {
		found = found || p.Name == "nm"
	}
	if !found {
		t.Error("NodeModules: node_modules/x/deps.txt not read")
	}
}

func TestFileTarget(t *testing.T) {
	root := t.TempDir()
	write(t, root, map[string]string{"deps.txt": "a 1\n", "other.md": "x"})
	inv, errs, err := File(context.Background(), filepath.Join(root, "deps.txt"), Options{Extractors: []extractor.Extractor{lines{}}})
	if err != nil || len(errs) != 0 {
		t.Fatal(err, errs)
	}
	if len(inv.Packages) != 1 || inv.Target.Kind != vouch.TargetFile || inv.Target.Digest.IsZero() {
		t.Errorf("inventory = %+v", inv)
	}
	_, _, err = File(context.Background(), filepath.Join(root, "other.md"), Options{Extractors: []extractor.Extractor{lines{}}})
	var ie *vouch.InputError
	if !errors.As(err, &ie) || !strings.Contains(err.Error(), "other.md") {
		t.Errorf("unknown format error = %v", err)
	}
	_, _, err = Dir(context.Background(), filepath.Join(root, "missing"), Options{})
	if !errors.As(err, &ie) || !strings.Contains(err.Error(), "missing: no such file") {
		t.Errorf("missing root error = %v", err)
	}
}

// ExcludePaths prune the walk: an excluded directory is never gone into
// (the hook sees every directory the walk enters; without root, the
// directory is also unreadable, which would come back as a "walk" error),
// an excluded file is not extracted, and OnExclude hears each top-most
// path once. Sibling reads and the release file are explicit references
// and still happen.
func TestDirExcludePaths(t *testing.T) {
	root := t.TempDir()
	write(t, root, map[string]string{
		"deps.txt":                   "a 1\n",
		"app/deps.txt":               "b 2\n",
		"app/testdata/deps.txt":      "fixture 1\n",
		"lib/testdata/x/y/deps.txt":  "fixture 2\n",
		"examples/sample/deps.txt":   "sample 1\n",
		"examples/other/deps.txt":    "other 1\n",
		"inc/deps.txt":               "include ../etc/ver.txt\n",
		"etc/ver.txt":                "7\n",
		"etc/os-release":             "ID=debian\nVERSION_ID=\"12\"\n",
		"etc/deps.txt":               "etc 1\n",
		"generated/deps.txt":         "gen 1\n",
		"nested/generated/deps.txt":  "gen 2\n",
		"nested/generated2/deps.txt": "kept 3\n",
	})
	for _, d := range []string{"app/testdata", "lib/testdata"} {
		if err := os.Chmod(filepath.Join(root, d), 0); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { os.Chmod(filepath.Join(root, d), 0o755) })
	}
	var entered, excluded []string
	testHookDescend = func(rel string) { entered = append(entered, rel) }
	t.Cleanup(func() { testHookDescend = nil })
	inv, errs, err := Dir(context.Background(), root, Options{
		Extractors:   []extractor.Extractor{lines{}},
		ExcludePaths: []string{"**/testdata/**", "examples/sample", "/etc/", "generated"},
		OnExclude:    func(p string) { excluded = append(excluded, p) },
	})
	if err != nil || len(errs) > 0 {
		t.Fatal(err, errs)
	}
	var got []string
	for _, p := range inv.Packages {
		got = append(got, p.Name+"@"+p.Version)
	}
	sort.Strings(got)
	if g, w := strings.Join(got, " "), "a@1 b@2 included@7 kept@3 other@1"; g != w {
		t.Errorf("packages %s, want %s", g, w)
	}
	for _, d := range entered {
		for _, x := range []string{"testdata", "sample", "etc", "generated"} {
			if strings.Contains(d, x) && !strings.Contains(d, "generated2") {
				t.Errorf("the walk went into %s", d)
			}
		}
	}
	if g, w := strings.Join(excluded, " "), "app/testdata etc examples/sample generated lib/testdata nested/generated"; g != w {
		t.Errorf("OnExclude heard %q, want %q", g, w)
	}
	if inv.Distro == nil || inv.Distro.ID != "debian" {
		t.Errorf("distro %+v: the release file is read even when excluded", inv.Distro)
	}
	if strings.Contains(strings.Join(inv.Sources, " "), "testdata") {
		t.Errorf("sources %v name an excluded file", inv.Sources)
	}

	_, _, err = Dir(context.Background(), root, Options{ExcludePaths: []string{"a/["}})
	var ie *vouch.InputError
	if !errors.As(err, &ie) || !strings.Contains(err.Error(), `"a/["`) {
		t.Errorf("bad pattern: error %v, want an input error naming it", err)
	}
}
