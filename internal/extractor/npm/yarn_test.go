package npm

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vouch-dev/vouch/internal/extractor/extractortest"
	"github.com/vouch-dev/vouch/internal/vouch"
)

func TestYarnLockDetails(t *testing.T) {
	classic := extractortest.ExtractCase(t, yarnLock{}, "testdata/yarn-lock/classic-v1")
	// One entry answers two descriptors; both dependents point at it.
	chalk := extractortest.Find(t, classic, "chalk", "2.4.2")
	if chalk.Locations[0].Line != 39 {
		t.Errorf("chalk line = %d, want 39", chalk.Locations[0].Line)
	}
	for _, dependent := range []string{"@babel/code-frame", "@babel/highlight"} {
		var p vouch.Package
		for _, q := range classic {
			if q.Name == dependent {
				p = q
			}
		}
		if !contains(p.DependsOn, chalk.PURL) {
			t.Errorf("%s depends on %v, want %s", dependent, p.DependsOn, chalk.PURL)
		}
	}
	// An old entry with no integrity still has the tarball's SHA-1.
	if esc := extractortest.Find(t, classic, "escape-string-regexp", "1.0.5"); len(esc.Hashes) != 1 || esc.Hashes[0].Algorithm != "SHA-1" {
		t.Errorf("escape-string-regexp hashes = %v, want the SHA-1 from the resolved URL", esc.Hashes)
	}
	// Reached only through a dev dependency's optional dependency.
	if fse := extractortest.Find(t, classic, "fsevents", "2.3.3"); fse.Scope != vouch.ScopeDev {
		t.Errorf("fsevents scope = %q, want dev", fse.Scope)
	}
	// The alias is reported under the real name.
	if sw := extractortest.Find(t, classic, "string-width", "4.2.3"); sw.Relationship != vouch.RelationshipDirect {
		t.Errorf("string-width relationship = %q, want direct", sw.Relationship)
	}

	berry := extractortest.ExtractCase(t, yarnLock{}, "testdata/yarn-lock/berry-v8-workspaces")
	// The patched and the plain typescript are one package.
	ts := extractortest.Find(t, berry, "typescript", "5.3.3")
	if len(ts.Locations) != 2 || ts.Relationship != vouch.RelationshipDirect {
		t.Errorf("typescript = %+v, want one direct package at two lines", ts)
	}
	for _, p := range berry {
		if p.Version == "0.0.0-use.local" || p.Name == "shared-config" || p.Name == "web-monorepo" {
			t.Errorf("workspace or link reported as a package: %s@%s", p.Name, p.Version)
		}
	}
	if lp := extractortest.Find(t, berry, "left-pad", "1.3.0"); len(lp.Commit) != 40 || lp.Metadata["npm.source"] != "git" {
		t.Errorf("left-pad = %+v, want a git package with its commit", lp)
	}
}

func TestYarnLockInline(t *testing.T) {
	tests := []struct {
		name  string
		input string
		want  []string
	}{
		{
			name: "classic without package.json leaves relationship unknown",
			input: "# yarn lockfile v1\n\n\nfoo@^1.0.0:\n  version \"1.2.0\"\n  dependencies:\n    bar \"2.x\"\n\n" +
				"bar@2.x:\n  version \"2.0.1\"\n",
			want: []string{"bar@2.0.1  ", "foo@1.2.0  "},
		},
		{
			name:  "classic unquoted values, CRLF and no trailing newline",
			input: "foo@^1.0.0, foo@^1.1.0:\r\n  version 1.2.0\r\n  resolved https://registry.yarnpkg.com/foo/-/foo-1.2.0.tgz\r\n",
			want:  []string{"foo@1.2.0  "},
		},
		{
			name:  "classic link and version-less entries are skipped",
			input: "\"a@link:../a\":\n  version \"0.0.0\"\n\nb@^1:\n  resolved \"https://x/b.tgz\"\n",
			want:  nil,
		},
		{
			name: "berry workspace dependencies are direct",
			input: "__metadata:\n  version: 8\n  cacheKey: 10c0\n\n\"a@npm:^1.0.0\":\n  version: 1.0.3\n  resolution: \"a@npm:1.0.3\"\n  dependencies:\n    b: \"npm:~2.0.0\"\n  languageName: node\n  linkType: hard\n\n" +
				"\"b@npm:~2.0.0\":\n  version: 2.0.9\n  resolution: \"b@npm:2.0.9\"\n  languageName: node\n  linkType: hard\n\n" +
				"\"root@workspace:.\":\n  version: 0.0.0-use.local\n  resolution: \"root@workspace:.\"\n  dependencies:\n    a: \"npm:^1.0.0\"\n  languageName: unknown\n  linkType: soft\n",
			want: []string{"a@1.0.3  direct", "b@2.0.9  indirect"},
		},
		{
			name:  "berry portal and exec protocols",
			input: "__metadata:\n  version: 8\n\n\"p@portal:../p::locator=r%40workspace%3A.\":\n  version: 0.0.0-use.local\n  resolution: \"p@portal:../p::locator=r%40workspace%3A.\"\n\n\"t@https://example.com/t-1.0.0.tgz\":\n  version: 1.0.0\n  resolution: \"t@https://example.com/t-1.0.0.tgz\"\n",
			want:  []string{"t@1.0.0  "},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pkgs, err := extractortest.ExtractBytes(yarnLock{}, "yarn.lock", []byte(tt.input))
			if err != nil {
				t.Fatal(err)
			}
			if got := summary(pkgs); strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

func TestYarnLockErrors(t *testing.T) {
	tests := []struct {
		name, input, want string
	}{
		{"key without colon", "foo@^1.0.0\n  version \"1.0.0\"\n", "line 1: entry key \"foo@^1.0.0\" does not end with ':'"},
		{"unterminated quote", "\"foo@^1.0.0:\n  version \"1.0.0\"\n", "line 1: unterminated quoted string"},
		{"field before any entry", "# yarn lockfile v1\n  version \"1.0.0\"\n", "line 2: field outside of an entry"},
		{"odd indentation", "foo@^1:\n   version \"1.0.0\"\n", "line 2: unexpected indentation of 3 spaces"},
		{"tab indentation", "foo@^1:\n\tversion \"1.0.0\"\n", "line 2: tab in indentation"},
		{"member outside a map", "foo@^1:\n    bar \"1\"\n", "line 2: map member outside of a map"},
		{"garbage after value", "foo@^1:\n  version \"1.0.0\" x\n", "line 2: unexpected \" x\" after quoted value"},
		{"berry flow mapping", "__metadata:\n  version: 8\n\n\"a@npm:1\":\n  version: {x: 1}\n", "line 5: unsupported YAML syntax"},
		{"berry missing colon", "__metadata:\n  version: 8\n\n\"a@npm:1\":\n  version 1.0.0\n", "line 5: expected 'key: value'"},
		{"bad escape", "\"a\\q@1\":\n  version \"1\"\n", "line 1: invalid escape"},
		{"empty key", "\"\":\n  version \"1\"\n", "line 1: empty entry key"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := extractortest.ExtractBytes(yarnLock{}, "yarn.lock", []byte(tt.input))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error = %v, want it to contain %q", err, tt.want)
			}
		})
	}
}

func TestPnpmLockErrors(t *testing.T) {
	tests := []struct {
		name, input, want string
	}{
		{"empty", "", "empty lockfile"},
		{"not pnpm", "foo: bar\n", "no lockfileVersion"},
		{"future", "lockfileVersion: '10.0'\n", `lockfileVersion "10.0" is not supported`},
		{"bad yaml", "lockfileVersion: '9.0'\npackages:\n  a@1.0.0:\n    resolution: {integrity: x\n", "line 3"},
		{"wrong type", "lockfileVersion: '9.0'\npackages: [1, 2]\n", "cannot unmarshal"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := extractortest.ExtractBytes(pnpmLock{}, "pnpm-lock.yaml", []byte(tt.input))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error = %v, want it to contain %q", err, tt.want)
			}
		})
	}
}

func TestPnpmKey(t *testing.T) {
	tests := []struct {
		key     string
		v5      bool
		name    string
		version string
	}{
		{"/lodash/4.17.21", true, "lodash", "4.17.21"},
		{"/@babel/core/7.23.0", true, "@babel/core", "7.23.0"},
		{"/react-dom/18.2.0_react@18.2.0", true, "react-dom", "18.2.0"},
		{"/@testing-library/react/14.0.0_biqbaboplfbrettd7655fr4n2y", true, "@testing-library/react", "14.0.0"},
		{"/lodash@4.17.21", false, "lodash", "4.17.21"},
		{"/@babel/core@7.23.0", false, "@babel/core", "7.23.0"},
		{"/react-dom@18.2.0(react@18.2.0)", false, "react-dom", "18.2.0"},
		{"@vitejs/plugin-react@4.2.1(vite@5.0.12(@types/node@20.11.5))", false, "@vitejs/plugin-react", "4.2.1"},
		{"/1.0.0", true, "", ""},
		// A key in the other version's form is still read.
		{"/lodash@4.17.21", true, "lodash", "4.17.21"},
		{"/lodash/4.17.21", false, "lodash", "4.17.21"},
		{"/@babel/core/7.23.0_x@1.0.0", false, "@babel/core", "7.23.0"},
	}
	for _, tt := range tests {
		name, version := pnpmKey(tt.key, tt.v5)
		if name != tt.name || version != tt.version {
			t.Errorf("pnpmKey(%q) = %q, %q; want %q, %q", tt.key, name, version, tt.name, tt.version)
		}
	}
}

func TestPnpmMultiDocument(t *testing.T) {
	input := "---\nlockfileVersion: '9.0'\n\nimporters:\n  .:\n    packageManagerDependencies:\n      pnpm:\n        specifier: 10.0.0\n        version: 10.0.0\n\npackages:\n\n  pnpm@10.0.0:\n    resolution: {integrity: sha512-x}\n\nsnapshots:\n\n  pnpm@10.0.0: {}\n\n" +
		"---\nlockfileVersion: '9.0'\n\nimporters:\n\n  .:\n    dependencies:\n      ms:\n        specifier: ^2.1.3\n        version: 2.1.3\n\npackages:\n\n  ms@2.1.3:\n    resolution: {integrity: sha512-y}\n\nsnapshots:\n\n  ms@2.1.3: {}\n"
	pkgs, err := extractortest.ExtractBytes(pnpmLock{}, "pnpm-lock.yaml", []byte(input))
	if err != nil {
		t.Fatal(err)
	}
	if got := summary(pkgs); len(got) != 1 || got[0] != "ms@2.1.3  direct" {
		t.Fatalf("got %v, want only the project's ms@2.1.3", got)
	}
	if line := pkgs[0].Locations[0].Line; line != 33 {
		t.Errorf("ms line = %d, want 33 (in the second document)", line)
	}
}

func TestManifestSymlinkIgnored(t *testing.T) {
	outside := t.TempDir()
	root := t.TempDir()
	if err := os.WriteFile(filepath.Join(outside, "package.json"), []byte(`{"dependencies":{"foo":"^1.0.0"}}`), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(outside, "package.json"), filepath.Join(root, "package.json")); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	if err := os.WriteFile(filepath.Join(root, "yarn.lock"), []byte("foo@^1.0.0:\n  version \"1.2.0\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	pkgs, err := extractortest.ExtractFile(yarnLock{}, os.DirFS(root), "yarn.lock")
	if err != nil {
		t.Fatal(err)
	}
	if len(pkgs) != 1 || pkgs[0].Relationship != vouch.RelationshipUnknown {
		t.Errorf("got %+v, want foo with an unknown relationship: a linked package.json is not read", pkgs)
	}
}
