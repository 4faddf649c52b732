package python

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/vouch-dev/vouch/internal/extractor"
	"github.com/vouch-dev/vouch/internal/extractor/extractortest"
	"github.com/vouch-dev/vouch/internal/vouch"
)

func TestMatch(t *testing.T) {
	tests := []struct {
		ex   extractor.Extractor
		path string
		want bool
	}{
		{requirements{}, "requirements.txt", true},
		{requirements{}, "requirements-dev.txt", true},
		{requirements{}, "svc/requirements_test.txt", true},
		{requirements{}, "requirements/prod.txt", true},
		{requirements{}, "svc/requirements/base.txt", true},
		{requirements{}, "requirements/nested/x.txt", false},
		{requirements{}, "requirements.in", false},
		{requirements{}, "notes.txt", false},
		{requirements{}, "my-requirements/x.txt", false},
		{poetryLock{}, "poetry.lock", true},
		{poetryLock{}, "a/poetry.lock", true},
		{poetryLock{}, "xpoetry.lock", false},
		{pipfileLock{}, "Pipfile.lock", true},
		{pipfileLock{}, "pipfile.lock", false},
		{uvLock{}, "uv.lock", true},
		{uvLock{}, "b/uv.lock", true},
		{pdmLock{}, "pdm.lock", true},
		{metadata{}, "lib/python3.12/site-packages/requests-2.31.0.dist-info/METADATA", true},
		{metadata{}, "src/six.egg-info/PKG-INFO", true},
		{metadata{}, "usr/lib/python3/dist-packages/python_apt-2.4.0.egg-info", true},
		{metadata{}, "x.dist-info/RECORD", false},
		{metadata{}, "METADATA", false},
		{metadata{}, "sdist/PKG-INFO", false},
	}
	for _, tt := range tests {
		if got := tt.ex.Match(tt.path, 0); got != tt.want {
			t.Errorf("%s.Match(%q) = %v, want %v", tt.ex.Name(), tt.path, got, tt.want)
		}
	}
	if (metadata{}).Match("x.egg-info", fs.ModeDir) {
		t.Error("metadata matches an .egg-info directory")
	}
}

func TestParseRequirement(t *testing.T) {
	tests := []struct {
		line                             string
		name, version, spec, ext, marker string
		hashes                           int
		skip                             bool
	}{
		{line: "requests==2.31.0", name: "requests", version: "2.31.0"},
		{line: "Django_Rest.Framework == 3.15.1", name: "django-rest-framework", version: "3.15.1"},
		{line: "numpy===1.26.4+local", name: "numpy", version: "1.26.4+local"},
		{line: "flask (==3.0.3)", name: "flask", version: "3.0.3"},
		{line: "pkg==1.*", name: "pkg", spec: "==1.*"},
		{line: "pkg>=1.0,<2", name: "pkg", spec: ">=1.0,<2"},
		{line: "pkg==1.0,!=1.0.1", name: "pkg", spec: "==1.0,!=1.0.1"},
		{line: "pkg", name: "pkg"},
		{line: "uvicorn[standard, http2]==0.29.0 ; python_version >= '3.8' --hash=sha256:0000000000000000000000000000000000000000000000000000000000000000 --hash sha256:1111111111111111111111111111111111111111111111111111111111111111",
			name: "uvicorn", version: "0.29.0", ext: "standard,http2", marker: "python_version >= '3.8'", hashes: 2},
		{line: "pkg==1.0 --hash=md4:00", name: "pkg", version: "1.0"},
		{line: "pkg @ https://example.com/pkg-1.0.tar.gz", skip: true},
		{line: "pkg@git+https://github.com/o/pkg", skip: true},
		{line: "git+https://github.com/o/pkg.git#egg=pkg", skip: true},
		{line: "./local/dir", skip: true},
		{line: "pkg-1.0-py3-none-any.whl", skip: true},
		{line: `C:\wheels\pkg.whl`, skip: true},
		{line: "https://example.com/pkg-1.0.zip", skip: true},
	}
	for _, tt := range tests {
		req, err := parseRequirement(tt.line)
		if err != nil {
			t.Errorf("parseRequirement(%q): %v", tt.line, err)
			continue
		}
		if tt.skip {
			if req != nil {
				t.Errorf("parseRequirement(%q) = %+v, want it skipped", tt.line, req)
			}
			continue
		}
		if req == nil {
			t.Errorf("parseRequirement(%q) skipped it", tt.line)
			continue
		}
		if req.name != tt.name || req.version != tt.version || req.spec != tt.spec || req.extras != tt.ext || req.markers != tt.marker || len(req.hashes) != tt.hashes {
			t.Errorf("parseRequirement(%q) = %+v, want name %q version %q spec %q extras %q markers %q and %d hashes",
				tt.line, req, tt.name, tt.version, tt.spec, tt.ext, tt.marker, tt.hashes)
		}
	}
}

func TestRequirementsIncludes(t *testing.T) {
	fsys := fstest.MapFS{
		"requirements.txt":        {Data: []byte("-r base.txt\n--requirement=./sub/extra.txt\n-r missing.txt\n-r https://example.com/r.txt\n-r /etc/r.txt\n-r ../../outside.txt\napp==1.0\n")},
		"base.txt":                {Data: []byte("# loops back\n-r requirements.txt\nbase==2.0\n")},
		"sub/extra.txt":           {Data: []byte("-c ../constraints.txt\nextra\n-r deeper.txt\n")},
		"sub/deeper.txt":          {Data: []byte("deep==4.0\n-r ../base.txt\n")},
		"constraints.txt":         {Data: []byte("extra==3.0\nunused==9.9\n")},
		"broken/requirements.txt": {Data: []byte("-r bad.txt\n")},
		"broken/bad.txt":          {Data: []byte("ok==1\nnot a requirement!\n")},
	}
	pkgs, err := extractortest.ExtractFile(requirements{}, fsys, "requirements.txt")
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, p := range pkgs {
		got[p.Name+"@"+p.Version] = p.Locations[0].Path
	}
	want := map[string]string{"app@1.0": "requirements.txt", "base@2.0": "base.txt", "extra@3.0": "constraints.txt", "deep@4.0": "sub/deeper.txt"}
	if len(got) != len(want) {
		t.Errorf("got %v, want %v", got, want)
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s found at %q, want %q (all: %v)", k, got[k], v, got)
		}
	}
	_, err = extractortest.ExtractFile(requirements{}, fsys, "broken/requirements.txt")
	if err == nil || !strings.Contains(err.Error(), "broken/bad.txt: line 2: invalid requirement") {
		t.Errorf("error = %v, want one naming broken/bad.txt line 2", err)
	}
}

func TestRequirementsInline(t *testing.T) {
	tests := []struct {
		name, input string
		want        []string
	}{
		{"continuations and comments",
			"# top\nfoo==1.0 \\\n    --hash=sha256:0000000000000000000000000000000000000000000000000000000000000000 \\\n    # trailing comment\nbar==2.0 # inline\n  baz == 3.0  \n",
			[]string{"bar@2.0 direct", "baz@3.0 direct", "foo@1.0 direct"}},
		{"old pip-compile via lists",
			"click==8.1.7             # via flask, pip-tools\nflask==3.0.0              # via -r requirements.in\npip-tools==7.4.1          # via -r requirements.in\n",
			[]string{"click@8.1.7 indirect", "flask@3.0.0 direct", "pip-tools@7.4.1 direct"}},
		{"via the project's pyproject.toml",
			"httpx==0.27.0\n    # via my-service (pyproject.toml)\nanyio==4.4.0\n    # via httpx\n",
			[]string{"anyio@4.4.0 indirect", "httpx@0.27.0 direct"}},
		{"options, editables and URLs",
			"--index-url https://pypi.org/simple\n-i https://x\n--pre\n-e .\n--editable=git+https://g/x#egg=x\nhttps://x/y-1.0.tar.gz\nkeep==1\n",
			[]string{"keep@1 direct"}},
		{"empty", "", nil},
		{"only comments", "# nothing\n\n   # here\n", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pkgs, err := extractortest.ExtractBytes(requirements{}, "requirements.txt", []byte(tt.input))
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, p := range pkgs {
				got = append(got, p.Name+"@"+p.Version+" "+string(p.Relationship))
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

func TestRequirementsDependsOn(t *testing.T) {
	pkgs := extractortest.ExtractCase(t, requirements{}, "testdata/requirements/pip-compile")
	req := extractortest.Find(t, pkgs, "requests", "2.31.0")
	if req.Relationship != vouch.RelationshipDirect || !contains(req.DependsOn, "pkg:pypi/urllib3@2.2.1") {
		t.Errorf("requests = %+v, want direct and depending on urllib3", req)
	}
	if p := extractortest.Find(t, pkgs, "django-anymail", "10.3"); !contains(p.DependsOn, req.PURL) {
		t.Errorf("django-anymail depends on %v, want requests", p.DependsOn)
	}
	if len(req.Hashes) != 2 || req.Hashes[0].Algorithm != "SHA-256" {
		t.Errorf("requests hashes = %v", req.Hashes)
	}
}

func TestRequirementsErrors(t *testing.T) {
	tests := []struct{ input, want string }{
		{"ok==1\n!bad\n", "line 2: invalid requirement \"!bad\""},
		{"pkg[extra==1\n", "line 1: unclosed extras"},
		{"pkg==\n", "line 1: invalid version specifier \"==\""},
		{"pkg>=1,\n", "line 1: invalid version specifier"},
		{"pkg ==1.0 \\\n  garbage$\n", "line 1: invalid version specifier"},
		{"pkg=1.0\n", "line 1: invalid version specifier"},
	}
	for _, tt := range tests {
		_, err := extractortest.ExtractBytes(requirements{}, "requirements.txt", []byte(tt.input))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%q: error = %v, want it to contain %q", tt.input, err, tt.want)
		}
	}
}

func TestRequirementsSymlinkedIncludeSkipped(t *testing.T) {
	outside := t.TempDir()
	root := t.TempDir()
	if err := os.WriteFile(filepath.Join(outside, "secret.txt"), []byte("leaked==1.0\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(outside, "secret.txt"), filepath.Join(root, "base.txt")); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	if err := os.WriteFile(filepath.Join(root, "requirements.txt"), []byte("-r base.txt\nmine==2.0\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	pkgs, err := extractortest.ExtractFile(requirements{}, os.DirFS(root), "requirements.txt")
	if err != nil {
		t.Fatal(err)
	}
	if len(pkgs) != 1 || pkgs[0].Name != "mine" {
		t.Errorf("got %+v, want only mine: a linked include is not followed", pkgs)
	}
}
