package glob

import (
	"strings"
	"testing"
)

func TestPatternMatch(t *testing.T) {
	tests := []struct {
		pattern string
		path    string
		dir     bool
		want    bool
	}{
		{"*.log", "a.log", false, true},
		{"*.log", "x/y/a.log", false, true},
		{"*.log", "a.logx", false, false},
		{"/a.log", "x/a.log", false, false},
		{"/a.log", "a.log", false, true},
		{"build/", "build", true, true},
		{"build/", "build", false, false},
		{"build/", "x/build", true, true},
		{"build", "x/build", false, true},
		{"build", "x/build", true, true},
		{"doc/*.txt", "doc/a.txt", false, true},
		{"doc/*.txt", "doc/x/a.txt", false, false},
		{"doc/*.txt", "x/doc/a.txt", false, false},
		{"**/foo", "foo", false, true},
		{"**/foo", "a/b/foo", false, true},
		{"foo/**", "foo/a/b", false, true},
		{"foo/**", "foo", true, false},
		{"a/**/b", "a/b", false, true},
		{"a/**/b", "a/x/y/b", false, true},
		{"a/**/b", "a/x/y/c", false, false},
		{"**/testdata/**", "internal/x/testdata/a.json", false, true},
		{"**/testdata/**", "testdata/a.json", false, true},
		{"**/testdata/**", "internal/testdata", true, false},
		{"**/testdata/**", "internal/testdatax/a", false, false},
		{"[!a]*.go", "b.go", false, true},
		{"[!a]*.go", "a.go", false, false},
		{"file?.txt", "file1.txt", false, true},
		{"file?.txt", "file12.txt", false, false},
		{"*", "anything/at/all", false, true},
		{"**", "x", false, true},
		{"a/**/**/**/**/**/**/**/**/b", strings.Repeat("a/", 40) + "c", false, false},
	}
	for _, tt := range tests {
		g, err := Compile(tt.pattern)
		if err != nil {
			t.Fatalf("Compile(%q): %v", tt.pattern, err)
		}
		if got := g.Match(tt.path, tt.dir); got != tt.want {
			t.Errorf("%q.Match(%q, dir %v) = %v, want %v", tt.pattern, tt.path, tt.dir, got, tt.want)
		}
	}
}

func TestCompileErrors(t *testing.T) {
	for _, p := range []string{"", "/", "//", "[", "a/[b"} {
		if _, err := Compile(p); err == nil {
			t.Errorf("Compile(%q): no error", p)
		}
	}
	if _, err := NewList([]string{"ok", "./"}); err == nil || !strings.Contains(err.Error(), `"./"`) {
		t.Errorf(`NewList with "./": got %v, want an error naming the pattern`, err)
	}
}

// TestList is the exclusion semantics every walker relies on.
func TestList(t *testing.T) {
	tests := []struct {
		patterns []string
		path     string
		dir      bool
		// match: the entry itself, as a walker asks; at: the top-most
		// excluded path Excluded returns for a file at path ("" = kept:
		// Excluded's last name is always a file).
		match bool
		at    string
	}{
		// A name without a slash, at any depth; a directory takes its subtree.
		{[]string{"vendor"}, "vendor", true, true, "vendor"},
		{[]string{"vendor"}, "a/vendor", true, true, "a/vendor"},
		{[]string{"vendor"}, "a/vendor/x/go.mod", false, false, "a/vendor"},
		{[]string{"vendor"}, "vendorx/go.mod", false, false, ""},
		// Trailing slash: directories only.
		{[]string{"build/"}, "build", false, false, ""}, // a file named build
		{[]string{"build/"}, "x/build", true, true, ""},
		{[]string{"build/"}, "x/build/out.bin", false, false, "x/build"},
		// Anchored: a slash anywhere but the end, or a leading "./".
		{[]string{"/dist"}, "dist/a", false, false, "dist"},
		{[]string{"/dist"}, "x/dist/a", false, false, ""},
		{[]string{"./dist"}, "dist", true, true, "dist"},
		{[]string{"./dist"}, "x/dist", true, false, ""},
		{[]string{"examples/sample"}, "examples/sample", true, true, "examples/sample"},
		{[]string{"examples/sample"}, "examples/sample/go.mod", false, false, "examples/sample"},
		{[]string{"examples/sample"}, "x/examples/sample/go.mod", false, false, ""},
		// "dir/**" is everything inside dir: the directory is left unread.
		{[]string{"**/testdata/**"}, "a/testdata", true, true, ""},
		{[]string{"**/testdata/**"}, "a/testdata/b/c.json", false, true, "a/testdata"},
		{[]string{"**/testdata/**"}, "testdata", false, false, ""}, // a file named testdata
		{[]string{"docs/**"}, "docs", true, true, ""},
		{[]string{"docs/**"}, "docs/a/b.md", false, true, "docs"},
		{[]string{"docs/**/"}, "docs", true, false, ""}, // directories inside docs, not its files
		// Files by name or extension.
		{[]string{"*.test"}, "policy.test", false, true, "policy.test"},
		{[]string{"*.test"}, "a/b.test", false, true, "a/b.test"},
		{[]string{"secret.env"}, "a/secret.env", false, true, "a/secret.env"},
		// "**" in the middle.
		{[]string{"a/**/gen"}, "a/x/y/gen", true, true, "a/x/y/gen"},
		{[]string{"a/**/gen"}, "a/gen/f.go", false, false, "a/gen"},
		// Several patterns: any one excludes, the top-most path wins.
		{[]string{"*.json", "a"}, "a/b/c.json", false, true, "a"},
		{[]string{"c.json", "b/"}, "a/b/c.json", false, true, "a/b"},
		// Nothing, and paths with a leading slash (image entries).
		{nil, "a/b", false, false, ""},
		{[]string{"etc/"}, "/etc/passwd", false, false, "etc"},
	}
	for _, tt := range tests {
		l, err := NewList(tt.patterns)
		if err != nil {
			t.Fatalf("NewList(%q): %v", tt.patterns, err)
		}
		if got := l.Match(tt.path, tt.dir); got != tt.match {
			t.Errorf("%q: Match(%q, dir %v) = %v, want %v", tt.patterns, tt.path, tt.dir, got, tt.match)
		}
		at, ok := l.Excluded(tt.path)
		if at != tt.at || ok != (tt.at != "") {
			t.Errorf("%q: Excluded(%q) = %q, %v; want %q", tt.patterns, tt.path, at, ok, tt.at)
		}
	}
	if !(List{}).Empty() {
		t.Error("the zero List is not empty")
	}
}

func FuzzPattern(f *testing.F) {
	for _, s := range []string{"*.log", "/a/**/b/", "[a-z]?*", "**/**/**/x", "a/**/**/**/**/**/b", "./x"} {
		f.Add(s, "a/b/c.log")
	}
	f.Fuzz(func(t *testing.T, pattern, path string) {
		l, err := NewList([]string{pattern})
		if err != nil {
			return
		}
		l.Match(path, false)
		l.Match(path, true)
		if at, ok := l.Excluded(path); ok && !strings.HasPrefix(strings.Trim(path, "/"), at) {
			t.Fatalf("Excluded(%q) = %q: not a prefix of the path", path, at)
		}
	})
}
