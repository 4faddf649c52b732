package secrets

import "testing"

func TestGitignoreMatch(t *testing.T) {
	tests := []struct {
		rules string
		path  string
		dir   bool
		want  bool
	}{
		{"*.log", "a.log", false, true},
		{"*.log", "x/y/a.log", false, true},
		{"*.log", "a.logx", false, false},
		{"/a.log", "x/a.log", false, false},
		{"/a.log", "a.log", false, true},
		{"build/", "build", true, true},
		{"build/", "build", false, false},
		{"build/", "x/build", true, true},
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
		{"*.log\n!keep.log", "keep.log", false, false},
		{"*.log\n!keep.log", "drop.log", false, true},
		{"!keep.log\n*.log", "keep.log", false, true},
		{"# comment\n\n*.tmp", "# comment", false, false},
		{`\#file`, "#file", false, true},
		{`\!bang`, "!bang", false, true},
		{"trail   ", "trail", false, true},
		{`space\ `, "space ", false, true},
		{"[!a]*.go", "b.go", false, true},
		{"[!a]*.go", "a.go", false, false},
		{"file?.txt", "file1.txt", false, true},
		{"[", "[", false, false}, // malformed: ignored
	}
	for _, tt := range tests {
		rules := parseGitignore([]byte(tt.rules), "")
		if got := ignored(rules, tt.path, tt.dir); got != tt.want {
			t.Errorf("rules %q, path %q (dir %v): got %v, want %v", tt.rules, tt.path, tt.dir, got, tt.want)
		}
	}
}

func TestGitignoreNested(t *testing.T) {
	rules := append(parseGitignore([]byte("*.env\n"), ""), parseGitignore([]byte("!local.env\n/only-here.txt\n"), "sub")...)
	tests := []struct {
		path string
		want bool
	}{
		{"a.env", true},
		{"sub/a.env", true},
		{"sub/local.env", false},
		{"local.env", true},
		{"sub/only-here.txt", true},
		{"sub/x/only-here.txt", false},
		{"only-here.txt", false},
	}
	for _, tt := range tests {
		if got := ignored(rules, tt.path, false); got != tt.want {
			t.Errorf("%s: got %v, want %v", tt.path, got, tt.want)
		}
	}
}

func FuzzGitignore(f *testing.F) {
	for _, s := range []string{"*.log", "/a/**/b/", "!x", `\#y`, "[a-z]?*", "**/**/**/x", "a/**/**/**/**/**/b"} {
		f.Add(s, "a/b/c.log")
	}
	f.Fuzz(func(t *testing.T, pattern, path string) {
		rules := parseGitignore([]byte(pattern), "")
		ignored(rules, path, false)
		ignored(rules, path, true)
	})
}
