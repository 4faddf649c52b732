package secrets

import (
	"path"
	"strings"
)

// fileKind is what a file is, as far as judging an assignment goes.
type fileKind uint8

const (
	kindOther  fileKind = iota
	kindCode            // source code: only quoted literals are values
	kindScript          // shell, Dockerfile, Makefile: unquoted values, $VAR references
	kindConfig          // YAML, JSON, INI, properties, XML, HCL …
	kindEnv             // .env files
	kindDocs            // Markdown, reStructuredText, plain text
)

// fileInfo is what the scanner knows about a file from its path (and, in
// git history, its commit).
type fileInfo struct {
	path       string
	base       string // lower-case base name
	kind       fileKind
	ci         bool // CI pipeline or compose file: literal credentials keyed by name count even at low entropy
	lock       bool // lockfile: integrity hashes everywhere
	test       bool // under a test or fixture directory
	strictOnly bool // run only strict rules (lockfiles, minified bundles)
	commit     string
	author     string
	date       string
}

func (fi *fileInfo) hasSuffix(sfx []string) bool {
	for _, s := range sfx {
		if strings.HasSuffix(fi.path, s) || fi.base == strings.TrimPrefix(s, "/") {
			return true
		}
	}
	return false
}

var lockfiles = map[string]bool{
	"package-lock.json": true, "npm-shrinkwrap.json": true, "yarn.lock": true,
	"pnpm-lock.yaml": true, "bun.lock": true, "go.sum": true, "cargo.lock": true,
	"poetry.lock": true, "pipfile.lock": true, "pdm.lock": true, "uv.lock": true,
	"composer.lock": true, "gemfile.lock": true, "packages.lock.json": true,
	"mix.lock": true, "pubspec.lock": true, "gradle.lockfile": true,
	"flake.lock": true, "package.resolved": true, "conan.lock": true,
	"podfile.lock": true, "deno.lock": true, "go.work.sum": true,
}

var codeExts = map[string]bool{
	".go": true, ".py": true, ".js": true, ".mjs": true, ".cjs": true, ".ts": true,
	".jsx": true, ".tsx": true, ".java": true, ".kt": true, ".kts": true,
	".scala": true, ".rb": true, ".php": true, ".cs": true, ".c": true, ".cc": true,
	".cpp": true, ".h": true, ".hpp": true, ".rs": true, ".swift": true, ".m": true,
	".mm": true, ".dart": true, ".lua": true, ".pl": true, ".pm": true,
	".groovy": true, ".r": true, ".ex": true, ".exs": true, ".erl": true,
	".clj": true, ".vue": true, ".svelte": true, ".fs": true, ".vb": true,
	".html": true, ".htm": true, ".jsp": true, ".erb": true,
}

var scriptExts = map[string]bool{
	".sh": true, ".bash": true, ".zsh": true, ".ksh": true, ".fish": true,
	".ps1": true, ".psm1": true, ".bat": true, ".cmd": true, ".mk": true,
}

var configExts = map[string]bool{
	".yaml": true, ".yml": true, ".json": true, ".jsonc": true, ".toml": true,
	".ini": true, ".cfg": true, ".conf": true, ".cnf": true, ".properties": true,
	".xml": true, ".hcl": true, ".tf": true, ".tfvars": true, ".plist": true,
	".config": true, ".gradle": true, ".sql": true, ".npmrc": true,
	".pypirc": true, ".netrc": true, ".pgpass": true, ".htpasswd": true,
	".tpl": true, ".j2": true, ".csv": true, ".reg": true,
}

var docExts = map[string]bool{
	".md": true, ".markdown": true, ".rst": true, ".adoc": true, ".txt": true,
	".textile": true, ".org": true, ".ipynb": true,
}

// classify derives a fileInfo from a slash- or OS-separated path.
func classify(p string) *fileInfo {
	p = strings.ReplaceAll(p, "\\", "/")
	base := strings.ToLower(path.Base(p))
	lp := strings.ToLower(p)
	fi := &fileInfo{path: p, base: base}
	ext := path.Ext(base)
	switch {
	case base == ".env" || strings.HasPrefix(base, ".env.") || ext == ".env" || base == ".envrc":
		fi.kind = kindEnv
	case base == "dockerfile" || strings.HasPrefix(base, "dockerfile.") || ext == ".dockerfile" ||
		base == "makefile" || base == "gnumakefile" || scriptExts[ext] ||
		base == ".bashrc" || base == ".bash_profile" || base == ".profile" || base == ".zshrc":
		fi.kind = kindScript
	case base == "jenkinsfile" || codeExts[ext]:
		fi.kind = kindCode
	case configExts[ext] || ext == "" || strings.HasPrefix(base, "."):
		fi.kind = kindConfig
	case docExts[ext]:
		fi.kind = kindDocs
	}
	switch {
	case strings.Contains(lp, ".github/workflows/") && (ext == ".yml" || ext == ".yaml"),
		base == ".gitlab-ci.yml", strings.HasSuffix(lp, ".circleci/config.yml"),
		base == "azure-pipelines.yml", base == "bitbucket-pipelines.yml",
		base == ".travis.yml", base == ".drone.yml", base == "jenkinsfile",
		strings.Contains(lp, ".buildkite/") && (ext == ".yml" || ext == ".yaml"),
		strings.HasPrefix(base, "docker-compose") && (ext == ".yml" || ext == ".yaml"),
		base == "compose.yml" || base == "compose.yaml",
		base == "cloudbuild.yaml" || base == "cloudbuild.yml", base == ".woodpecker.yml":
		fi.ci = true
	}
	fi.lock = lockfiles[base]
	fi.strictOnly = fi.lock || strings.Contains(base, ".min.") || strings.HasSuffix(base, ".map") ||
		strings.Contains(base, ".bundle.") || strings.HasSuffix(base, "-bundle.js") ||
		strings.HasSuffix(base, ".chunk.js")
	for _, d := range []string{"/test/", "/tests/", "/testdata/", "/fixtures/", "/fixture/", "/__tests__/", "/spec/", "/mocks/", "/__mocks__/", "/examples/", "/example/"} {
		if strings.Contains("/"+lp, d) {
			fi.test = true
			break
		}
	}
	if strings.HasSuffix(base, "_test.go") || strings.Contains(base, ".test.") || strings.Contains(base, ".spec.") ||
		strings.HasPrefix(base, "test_") || strings.HasSuffix(base, "_test.py") {
		fi.test = true
	}
	return fi
}
