package npm

import (
	"io/fs"
	"strings"
	"testing"

	"github.com/vouch-dev/vouch/internal/extractor"
	"github.com/vouch-dev/vouch/internal/extractor/extractortest"
	"github.com/vouch-dev/vouch/internal/vouch"
)

func TestPackageLockGolden(t *testing.T) { extractortest.Cases(t, packageLock{}, "package-lock") }
func TestYarnLockGolden(t *testing.T)    { extractortest.Cases(t, yarnLock{}, "yarn-lock") }
func TestPnpmLockGolden(t *testing.T)    { extractortest.Cases(t, pnpmLock{}, "pnpm-lock") }

func TestMatch(t *testing.T) {
	tests := []struct {
		ex   extractor.Extractor
		path string
		mode fs.FileMode
		want bool
	}{
		{packageLock{}, "package-lock.json", 0, true},
		{packageLock{}, "web/package-lock.json", 0, true},
		{packageLock{}, "npm-shrinkwrap.json", 0, true},
		{packageLock{}, "node_modules/.package-lock.json", 0, true},
		{packageLock{}, "app/node_modules/.package-lock.json", 0, true},
		{packageLock{}, ".package-lock.json", 0, false},
		{packageLock{}, "cache/.package-lock.json", 0, false},
		{packageLock{}, "package.json", 0, false},
		{packageLock{}, "my-package-lock.json", 0, false},
		{packageLock{}, "package-lock.json", fs.ModeDir, false},
		{yarnLock{}, "yarn.lock", 0, true},
		{yarnLock{}, "apps/site/yarn.lock", 0, true},
		{yarnLock{}, "old-yarn.lock", 0, false},
		{yarnLock{}, "yarn.lock.bak", 0, false},
		{pnpmLock{}, "pnpm-lock.yaml", 0, true},
		{pnpmLock{}, "a/b/pnpm-lock.yaml", 0, true},
		{pnpmLock{}, "pnpm-lock.yml", 0, false},
		{pnpmLock{}, "pnpm-workspace.yaml", 0, false},
	}
	for _, tt := range tests {
		if got := tt.ex.Match(tt.path, tt.mode); got != tt.want {
			t.Errorf("%s.Match(%q, %v) = %v, want %v", tt.ex.Name(), tt.path, tt.mode, got, tt.want)
		}
	}
}

func TestIntegrityHashes(t *testing.T) {
	tests := []struct {
		sri  string
		want []vouch.Hash
	}{
		// sha1 of "hello" and sha512 of "" in SRI form.
		{"sha1-qvTGHdzF6KLavt4PO0gs2a6pQ00=", []vouch.Hash{{Algorithm: "SHA-1", Value: "aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d"}}},
		{"sha512-z4PhNX7vuL3xVChQ1m2AB9Yg5AULVxXcg/SpIdNs6c5H0NE8XYXysP+DGNKHfuwvY7kxvUdBeoGlODJ6+SfaPg==", []vouch.Hash{{
			Algorithm: "SHA-512",
			Value:     "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e",
		}}},
		// Several digests, one with an option, one malformed, one unknown.
		{"sha1-qvTGHdzF6KLavt4PO0gs2a6pQ00=?x sha512-bad md5-XUFAKrxLKna5cZ2REBfFkg==", []vouch.Hash{{Algorithm: "SHA-1", Value: "aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d"}}},
		{"", nil},
	}
	for _, tt := range tests {
		got := integrityHashes(tt.sri)
		if len(got) != len(tt.want) {
			t.Errorf("integrityHashes(%q) = %v, want %v", tt.sri, got, tt.want)
			continue
		}
		for i := range got {
			if got[i] != tt.want[i] {
				t.Errorf("integrityHashes(%q)[%d] = %v, want %v", tt.sri, i, got[i], tt.want[i])
			}
		}
	}
}

func TestPackageLockDetails(t *testing.T) {
	pkgs := extractortest.ExtractCase(t, packageLock{}, "testdata/package-lock/v3-workspaces")
	// The nested copy under a workspace is found from that workspace;
	// the hoisted copy from the other.
	api := extractortest.Find(t, pkgs, "@acme/api", "1.4.0")
	if !contains(api.DependsOn, "pkg:npm/lodash@4.17.20") || contains(api.DependsOn, "pkg:npm/lodash@4.17.21") {
		t.Errorf("@acme/api depends on %v, want the nested lodash 4.17.20", api.DependsOn)
	}
	if !contains(api.DependsOn, "pkg:npm/%40acme/utils@0.3.1") {
		t.Errorf("@acme/api depends on %v, want the linked workspace @acme/utils", api.DependsOn)
	}
	if api.Metadata["npm.source"] != "workspace" || api.Relationship != vouch.RelationshipDirect {
		t.Errorf("@acme/api = %+v, want a direct workspace package", api)
	}
	if p := extractortest.Find(t, pkgs, "lodash", "4.17.20"); p.Locations[0].Line != 120 {
		t.Errorf("nested lodash line = %d, want 120", p.Locations[0].Line)
	}
	for _, p := range pkgs {
		if p.Name == "acme-monorepo" {
			t.Errorf("the root project is reported as a package: %+v", p)
		}
	}
	if p := extractortest.Find(t, pkgs, "undici-types", "5.26.5"); p.Scope != vouch.ScopeDev || p.Relationship != vouch.RelationshipIndirect {
		t.Errorf("undici-types scope %q relationship %q, want dev indirect", p.Scope, p.Relationship)
	}
}

func TestPackageLockInline(t *testing.T) {
	tests := []struct {
		name  string
		input string
		want  []string // name@version scope relationship
	}{
		{
			name:  "v1 without package.json leaves the relationship unknown",
			input: `{"lockfileVersion":1,"dependencies":{"a":{"version":"1.0.0","dev":true,"requires":{"b":"^2"}},"b":{"version":"2.0.0"}}}`,
			want:  []string{"a@1.0.0 dev ", "b@2.0.0  "},
		},
		{
			name:  "entries without a version, and links without targets, are skipped",
			input: `{"lockfileVersion":3,"packages":{"":{"name":"x","dependencies":{"a":"*","l":"*"}},"node_modules/a":{"resolved":"https://r/a.tgz"},"node_modules/l":{"resolved":"libs/l","link":true},"node_modules/b":{"version":"1.0.0"}}}`,
			want:  []string{"b@1.0.0  indirect"},
		},
		{
			name:  "v1 git, file and tarball versions are not invented",
			input: `{"lockfileVersion":1,"dependencies":{"g":{"version":"github:u/g#abc"},"f":{"version":"file:../f"},"t":{"version":"https://example.com/t.tgz"},"ok":{"version":"0.0.1-rc.1"}}}`,
			want:  []string{"ok@0.0.1-rc.1  "},
		},
		{
			name:  "dev and optional together is dev; devOptional is optional",
			input: `{"lockfileVersion":2,"packages":{"":{},"node_modules/a":{"version":"1.0.0","dev":true,"optional":true},"node_modules/b":{"version":"1.0.0","devOptional":true}}}`,
			want:  []string{"a@1.0.0 dev indirect", "b@1.0.0 optional indirect"},
		},
		{
			name:  "escaped keys and a byte order mark",
			input: "\xEF\xBB\xBF" + `{"lockfileVersion":3,"packages":{"node_modules/\u0040s/p":{"version":"1.0.0"}}}`,
			want:  []string{"@s/p@1.0.0  "},
		},
		{
			name:  "fields of unexpected types are ignored",
			input: `{"lockfileVersion":"3","packages":{"node_modules/a":{"version":"1.0.0","license":{"type":"MIT"},"dependencies":["x"],"dev":"yes"}}}`,
			want:  []string{"a@1.0.0  "},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pkgs, err := extractortest.ExtractBytes(packageLock{}, "package-lock.json", []byte(tt.input))
			if err != nil {
				t.Fatal(err)
			}
			if got := summary(pkgs); strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

func summary(pkgs []vouch.Package) []string {
	var out []string
	for _, p := range pkgs {
		out = append(out, p.Name+"@"+p.Version+" "+string(p.Scope)+" "+string(p.Relationship))
	}
	return out
}

func TestPackageLockErrors(t *testing.T) {
	tests := []struct {
		name, input, want string
	}{
		{"empty", ``, "line 1: expected an object, found end of file"},
		{"truncated", "{\n  \"lockfileVersion\": 3,\n  \"packages\": {\n    \"node_modules/a\": {\n      \"version\": \"1.0", "line 5: unterminated string"},
		{"missing comma", "{\"lockfileVersion\": 3,\n\"packages\": {\"node_modules/a\": {\"version\": \"1\"}\n\"node_modules/b\": {}}}", "line 3: expected ',' or '}'"},
		{"trailing garbage", "{}\n}", "line 2: unexpected '}' after the end of the document"},
		{"newline in string", "{\"packages\": {\"node_modules/a\n\": {}}}", "line 1: line break inside a string"},
		{"packages not an object", `{"lockfileVersion": 3, "packages": []}`, `"packages" is not an object`},
		{"entry not an object", `{"packages": {"node_modules/a": "1.0.0"}}`, `package entry "node_modules/a" is not an object`},
		{"future version", `{"lockfileVersion": 4, "packages": {}}`, "lockfileVersion 4 is not supported"},
		{"bad literal", `{"packages": {"node_modules/a": {"dev": tru}}}`, "invalid literal"},
		{"deep nesting", strings.Repeat("[", 600) + strings.Repeat("]", 600), "expected an object"},
		{"deep nesting in a value", `{"x":` + strings.Repeat("[", 600) + strings.Repeat("]", 600) + `}`, "nesting deeper than 512 levels"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := extractortest.ExtractBytes(packageLock{}, "package-lock.json", []byte(tt.input))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error = %v, want it to contain %q", err, tt.want)
			}
		})
	}
}
