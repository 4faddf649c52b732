package secrets

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/vouch-dev/vouch/internal/vouch"
)

// tok expands an example template with a fixed seed.
func tok(seed, template string) string { return expandTemplate(newExampleRand(seed), template) }

func ids(fs []vouch.Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, fmt.Sprintf("%s@%d", f.ID, f.Location.Line))
	}
	return out
}

func TestScanContext(t *testing.T) {
	s := newTestScanner(t)
	gh := tok("gh", "{gh:ghp_}")
	tests := []struct {
		name, path, content string
		want                []string // rule@line
	}{
		{"workflow env literal", ".github/workflows/ci.yml",
			"jobs:\n  test:\n    services:\n      mysql:\n        env:\n          MYSQL_ROOT_PASSWORD: root\n          MYSQL_DATABASE: app\n",
			[]string{"generic-password@6"}},
		{"workflow secret reference", ".github/workflows/ci.yml",
			"env:\n  MYSQL_ROOT_PASSWORD: ${{ secrets.MYSQL_ROOT_PASSWORD }}\n  TOKEN: $TOKEN\n",
			nil},
		{"workflow placeholders", ".github/workflows/ci.yml",
			"env:\n  DB_PASSWORD: changeme\n  CLIENT_SECRET: your-client-secret-here\n  POSTGRES_PASSWORD: password\n  USE_TOKEN: true\n",
			[]string{"generic-password@4"}},
		{"workflow run docker login", ".github/workflows/release.yml",
			"steps:\n  - run: echo \"hunter2hunter\" | docker login -u bot --password-stdin ghcr.io\n  - run: docker login -u bot -p Zx9vPass! registry.io\n", // vouch:ignore
			[]string{"docker-login-password-stdin@2", "docker-login-password@3"}},
		{"gitlab variables", ".gitlab-ci.yml",
			"variables:\n  POSTGRES_PASSWORD: postgres\n  API_TOKEN: abc123\n",
			[]string{"generic-password@2", "generic-api-key@3"}},
		{"prose in a pipeline's comments", ".gitlab-ci.yml",
			"build:\n  # holds no secret: the signing key is scoped to the environment\n  script:\n    # password: see the vault\n    - make\n",
			nil},
		{"a commented-out credential still counts", ".gitlab-ci.yml",
			"variables:\n  # API_TOKEN: q8Zr2LmX0vKp4TnW\n",
			[]string{"generic-api-key@2"}},
		{"curl and mysql in a script", "deploy.sh",
			"curl -u admin:Tr0ub4dor https://ci.internal/api\nmysql -uroot -pS3cret db < x.sql\nPGPASSWORD=pgpass1 psql -h db\nsshpass -p 'Pa55word' ssh host\n", // vouch:ignore
			[]string{"curl-basic-auth@1", "mysql-cli-password@2", "pgpassword-env@3", "sshpass-password@4"}},
		{"code needs a literal", "app/db.py",
			"password = os.environ['DB_PASSWORD']\npassword = get_password()\nDB_PASSWORD = \"Xk8#pLq2\"\n",
			[]string{"generic-password@3"}},
		{"hashes and uuids are not secrets", "config.yaml",
			"sha256: 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08\nintegrity: sha512-z4PhNX7vuL3xVChQ1m2AB9Yg5AULVxXcg/SpIdNs6c5H0NE8XYXysP+DGNKHfuwvY7kxvUdBeoGlODJ6+SfaPg==\nrequestId: 3f2504e0-4f89-11d3-9a0c-0305e82c3301\nchecksum: d41d8cd98f00b204e9800998ecf8427e\n",
			nil},
		{"go.sum is a lockfile", "go.sum",
			"github.com/x/y v1.0.0 h1:abcdEFGH1234abcdEFGH1234abcdEFGH1234abcdEFG=\n",
			nil},
		{"lockfile still gets strict rules", "package-lock.json",
			"{\"resolved\": \"https://r.example/x.tgz\", \"integrity\": \"sha512-abc\", \"token\": \"" + gh + "\"}\n",
			[]string{"github-pat@1"}},
		{"doc example keys", "README.md",
			"aws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n",
			nil},
		{"inline ignore", "app.env",
			"TOKEN=" + gh + " # vouch:ignore\nOTHER=" + gh + " # vouch:ignore aws-access-key-id\n",
			[]string{"github-pat@1", "github-pat@2"}},
		{"database urls", "settings.env",
			"DATABASE_URL=postgres://app:pG9x!k2Q@db:5432/app\nMONGO=mongodb+srv://u:${MONGO_PW}@c.mongodb.net\n", // vouch:ignore
			[]string{"postgres-url-password@1"}},
		{"npmrc", ".npmrc",
			"//registry.npmjs.org/:_authToken=26dfe8d8-889b-4380-92ff-9c3c6ea5d930\n//r/:_authToken=${NPM_TOKEN}\n",
			[]string{"npmrc-auth-token@1"}},
		{"pypirc", "home/.pypirc",
			"[distutils]\nindex-servers = pypi\n[pypi]\nusername = __token__\npassword = Yk3mQ9vLx2\n",
			[]string{"pypirc-password@5"}},
		{"pgpass", "home/.pgpass",
			"# host:port:db:user:password\ndb.internal:5432:app:app:Wq8zLm2p\n",
			[]string{"pgpass-password@2"}},
		{"git credentials", "home/.git-credentials",
			"https://deploy:Xk29fLq8@git.corp.example\n",
			[]string{"git-credentials@1"}},
		{"rails master key", "config/master.key",
			"3ebf8b3a1c2d4e5f60718293a4b5c6d7\n",
			[]string{"rails-master-key@1"}},
		{"netrc", ".netrc",
			"machine imap.gmail.com login me@example.com password pass1234\n", // vouch:ignore
			[]string{"netrc-password@1"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ids(s.ScanBytes(tt.path, []byte(tt.content)))
			if strings.Join(got, " ") != strings.Join(tt.want, " ") {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func TestInlineIgnoreMarksSuppressed(t *testing.T) {
	s := newTestScanner(t)
	gh := tok("ign", "{gh:ghp_}")
	fs := s.ScanBytes("a.env", []byte("A="+gh+" # vouch:ignore\nB="+gh+" # vouch:ignore github-pat\nC="+gh+" # vouch:ignore aws-access-key-id\nD="+gh+"\n"))
	var sup []bool
	for _, f := range fs {
		sup = append(sup, f.Suppressed != nil)
	}
	if fmt.Sprint(sup) != "[true true false false]" {
		t.Errorf("suppressed = %v, want [true true false false]", sup)
	}
}

func TestFindingNeverHoldsSecret(t *testing.T) {
	s := newTestScanner(t)
	for _, r := range Rules() {
		for _, ex := range r.Examples.Positive {
			for _, f := range s.ScanBytes(examplePath, []byte(ex)) {
				sec := secretOf(t, s, examplePath, ex, f)
				for _, field := range []string{f.Masked, f.Detail, f.Title, f.Fingerprint, f.ID} {
					if len(sec) >= 4 && strings.Contains(field, sec) {
						t.Errorf("%s: finding field %q holds the secret", f.ID, field)
					}
				}
				if !strings.Contains(f.Masked, "*") {
					t.Errorf("%s: masked value %q hides nothing", f.ID, f.Masked)
				}
			}
		}
	}
}

// secretOf recovers a finding's secret by rescanning (test only).
func secretOf(t *testing.T, s *Scanner, path, content string, f vouch.Finding) string {
	t.Helper()
	var got string
	fi := classify(path)
	// Find the raw match whose fingerprint equals f's.
	buf := []byte(content)
	for _, r := range s.rules {
		if r.ID != f.ID {
			continue
		}
		c := candidate{file: fi, buf: buf}
		for _, m := range r.re.FindAllSubmatchIndex(buf, -1) {
			if rm, ok := s.vet(r, &c, buf, 0, m); ok {
				sec := rm.secret(buf)
				if Fingerprint(r.ID, path, sec, "") == f.Fingerprint {
					got = string(sec)
				}
			}
		}
	}
	return got
}

func TestMask(t *testing.T) {
	tests := []struct{ in, want string }{
		{"AKIAIOSFODNN7EXAMPLE", "AKIA************MPLE"},
		{"abc", "***"},
		{"abcdefgh", "ab****gh"},
		{"", ""},
		{strings.Repeat("z", 100), "zzzz" + strings.Repeat("*", 32) + "zzzz"},
		{"ab\ncdefghijklmnop", "ab*c*********mnop"},
	}
	for _, tt := range tests {
		if got := Mask([]byte(tt.in)); got != tt.want {
			t.Errorf("Mask(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestFingerprintStable(t *testing.T) {
	s := newTestScanner(t)
	gh := tok("fp", "{gh:ghp_}")
	a := s.ScanBytes("x.env", []byte("T="+gh+"\n"))
	b := s.ScanBytes("x.env", []byte("\n\n# moved\nT="+gh+"\n"))
	c := s.ScanBytes("y.env", []byte("T="+gh+"\n"))
	if len(a) != 1 || len(b) != 1 || len(c) != 1 {
		t.Fatalf("want one finding each, got %d %d %d", len(a), len(b), len(c))
	}
	if a[0].Fingerprint != b[0].Fingerprint {
		t.Errorf("fingerprint changed when the line moved")
	}
	if a[0].Fingerprint == c[0].Fingerprint {
		t.Errorf("fingerprint ignores the path")
	}
	if len(a[0].Fingerprint) != 64 {
		t.Errorf("fingerprint %q is not hex SHA-256", a[0].Fingerprint)
	}
	if d := ParseDetail(b[0].Detail); d.Column != 3 {
		t.Errorf("detail %q: column %d, want 3", b[0].Detail, d.Column)
	}
}

func pemKey(seed string) string {
	return tok(seed, "-----BEGIN RSA PRIVATE KEY-----\n{b64:64}\n{b64:64}\n{b64:64}\n{b64:64}\n{b64:64}\n{b64:20}==\n-----END RSA PRIVATE KEY-----\n")
}

// A PEM block that straddles a chunk edge must be found once, at the
// right line, wherever the edge falls.
func TestChunkEdgeStraddle(t *testing.T) {
	s := newTestScanner(t)
	s.chunkSize = 64 << 10
	key := pemKey("edge")
	filler := strings.Repeat("just some ordinary text in a log line\n", 100)
	for _, off := range []int{-300, -200, -100, -40, -1, 0, 1, 50} {
		var b strings.Builder
		for b.Len() < s.chunkSize+off {
			b.WriteString(filler)
		}
		content := b.String()[:s.chunkSize+off-len(key)/2]
		if i := strings.LastIndexByte(content, '\n'); i >= 0 {
			content = content[:i+1]
		}
		line := strings.Count(content, "\n") + 1
		content += key + strings.Repeat(filler, 30)
		fs, err := s.ScanReader(context.Background(), "big.log", strings.NewReader(content))
		if err != nil {
			t.Fatal(err)
		}
		if len(fs) != 1 || fs[0].ID != "private-key-rsa" || fs[0].Location.Line != line {
			t.Errorf("offset %d: got %v, want [private-key-rsa@%d]", off, ids(fs), line)
		}
	}
}

// Every edge position of a short token across a tiny chunk.
func TestChunkEdgeEveryOffset(t *testing.T) {
	s := newTestScanner(t)
	s.chunkSize = 1 << 10
	gh := tok("every", "{gh:ghp_}")
	for pre := s.chunkSize + s.overlap - 60; pre < s.chunkSize+s.overlap+10; pre++ {
		content := strings.Repeat("x", pre) + " " + gh + " \n" + strings.Repeat("y\n", 100)
		fs, err := s.ScanReader(context.Background(), "f.txt", strings.NewReader(content))
		if err != nil {
			t.Fatal(err)
		}
		if len(fs) != 1 {
			t.Fatalf("prefix %d: got %v, want one github-pat", pre, ids(fs))
		}
	}
}

func TestLongLines(t *testing.T) {
	s := newTestScanner(t)
	gh := tok("long", "{gh:ghp_}")
	line := strings.Repeat("var a=function(){return token};", 40000)
	content := line[:500000] + "\"" + gh + "\"" + line[:300000] + ";password=\"hunter2x\";\n"
	fs := s.ScanBytes("dist/app.js", []byte(content))
	if got := ids(fs); len(got) != 1 || got[0] != "github-pat@1" {
		t.Errorf("got %v, want only github-pat@1 (generic rules stay off long lines)", got)
	}
}

func TestBinaryAndUTF16(t *testing.T) {
	s := newTestScanner(t)
	gh := tok("bin", "{gh:ghp_}")
	bin := append([]byte("\x7fELF\x00\x00"), []byte(gh)...)
	if fs := s.ScanBytes("a.out", bin); len(fs) != 0 {
		t.Errorf("binary: got %v", ids(fs))
	}
	text := "line one\r\nTOKEN=" + gh + "\r\n"
	u := []byte{0xFF, 0xFE}
	for _, r := range text {
		u = append(u, byte(r), 0)
	}
	fs, err := s.ScanReader(context.Background(), "export.reg", bytes.NewReader(u))
	if err != nil {
		t.Fatal(err)
	}
	if got := ids(fs); len(got) != 1 || got[0] != "github-pat@2" {
		t.Errorf("UTF-16: got %v, want [github-pat@2]", got)
	}
}

func TestConfigFilters(t *testing.T) {
	gh := tok("cfg", "{gh:ghp_}")
	content := []byte("A=" + gh + "\nB=ghp_" + strings.Repeat("Q", 36) + "\n")
	tests := []struct {
		cfg  Config
		want int
	}{
		{Config{}, 1},
		{Config{AllowPatterns: []string{`^ghp_`}}, 0},
		{Config{StopWords: []string{strings.ToUpper(gh[4:10])}}, 0},
	}
	for i, tt := range tests {
		s, err := New(tt.cfg)
		if err != nil {
			t.Fatal(err)
		}
		if got := s.ScanBytes("x.env", content); len(got) != tt.want {
			t.Errorf("case %d: %d findings, want %d", i, len(got), tt.want)
		}
	}
	if _, err := New(Config{AllowPatterns: []string{"("}}); err == nil {
		t.Error("bad allow pattern accepted")
	}
	if _, err := New(Config{MaxFileSize: -1}); err == nil {
		t.Error("negative max file size accepted")
	}
}

func writeTree(t *testing.T, root string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestScanDir(t *testing.T) {
	root := t.TempDir()
	gh := tok("dir", "T={gh:ghp_}\n")
	outside := t.TempDir()
	writeTree(t, outside, map[string]string{"leak.env": gh})
	writeTree(t, root, map[string]string{
		".gitignore":            "*.log\n/build/\n!keep.log\nsub/**/gen/\n",
		"a.env":                 gh,
		"x.log":                 gh,
		"keep.log":              gh,
		"build/out.env":         gh,
		"sub/build/out.env":     gh, // /build/ is anchored to the root
		"sub/deep/gen/z.env":    gh,
		"sub/.gitignore":        "local.env\n",
		"sub/local.env":         gh,
		"other/local.env":       gh,
		".git/config":           gh,
		"vendor/lib/secret.env": gh,
		"big.env":               gh + strings.Repeat("#\n", 3000),
	})
	if err := os.Symlink(filepath.Join(outside, "leak.env"), filepath.Join(root, "link.env")); err != nil {
		t.Fatal(err)
	}
	var skipped []string
	s, err := New(Config{AllowPaths: []string{"vendor/"}, MaxFileSize: 5000, Workers: 3,
		OnSkip: func(p, why string) { skipped = append(skipped, p+":"+why) }})
	if err != nil {
		t.Fatal(err)
	}
	fs, err := s.ScanDir(context.Background(), root)
	if err != nil {
		t.Fatal(err)
	}
	var paths []string
	for _, f := range fs {
		paths = append(paths, f.Location.Path)
	}
	want := "a.env keep.log other/local.env sub/build/out.env"
	if strings.Join(paths, " ") != want {
		t.Errorf("paths = %v, want %s", paths, want)
	}
	if fmt.Sprint(skipped) != "[big.env:too large]" {
		t.Errorf("skipped = %v", skipped)
	}

	s2, _ := New(Config{NoIgnore: true})
	fs, err = s2.ScanDir(context.Background(), root)
	if err != nil {
		t.Fatal(err)
	}
	if len(fs) != 10 { // everything but .git, the symlink
		t.Errorf("NoIgnore: %d findings, want 10: %v", len(fs), fs)
	}
	if _, err := s2.ScanDir(context.Background(), filepath.Join(root, "missing")); err == nil {
		t.Error("missing root: no error")
	}
}

func TestScanDirCancel(t *testing.T) {
	root := t.TempDir()
	writeTree(t, root, map[string]string{"a.env": "x=1\n"})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	s := newTestScanner(t)
	if _, err := s.ScanDir(ctx, root); err == nil {
		t.Error("cancelled scan returned no error")
	}
}

// A value shaped like a vendor token that fails the vendor's checksum is
// not a GitHub token, and no generic rule may report it instead.
func TestBadChecksumNotReportedGenerically(t *testing.T) {
	s := newTestScanner(t)
	bad := "ghp_" + strings.Repeat("aB3", 12)
	good := tok("chk", "{gh:ghp_}")
	for _, path := range []string{"testdata/fixtures/users.json", "config/app.json"} {
		fs := s.ScanBytes(path, []byte(`{"fixtureToken": "`+bad+`", "apiToken": "`+good+`"}`))
		if got := ids(fs); len(got) != 1 || got[0] != "github-pat@1" {
			t.Errorf("%s: got %v, want only the valid token", path, got)
		}
	}
}

func TestScanReaderSizeCap(t *testing.T) {
	var skipped []string
	s, err := New(Config{MaxFileSize: 1000, OnSkip: func(p, why string) { skipped = append(skipped, p) }})
	if err != nil {
		t.Fatal(err)
	}
	gh := tok("cap", "{gh:ghp_}")
	content := "A=" + gh + "\n" + strings.Repeat("filler\n", 300) + "B=" + tok("cap2", "{gh:ghp_}") + "\n"
	fs, err := s.ScanReader(context.Background(), "layer/etc/app.env", strings.NewReader(content))
	if err != nil {
		t.Fatal(err)
	}
	if got := ids(fs); len(got) != 1 || got[0] != "github-pat@1" {
		t.Errorf("got %v, want only the token inside the cap", got)
	}
	if len(skipped) != 1 || skipped[0] != "layer/etc/app.env" {
		t.Errorf("skipped %v", skipped)
	}
}

func TestIgnoredInline(t *testing.T) {
	tests := []struct {
		line string
		want bool
	}{
		{"x = 1 # vouch:ignore", true},
		{"x = 1 // vouch:ignore (an example, not a credential)", true},
		{"x = 1 # vouch:ignore github-pat", true},
		{"x = 1 # vouch:ignore aws-access-key-id, github-pat", true},
		{"x = 1 # vouch:ignore aws-access-key-id", false},
		{"x = 1 # vouch:ignored-thing", false},
		{"x = 1", false},
	}
	for _, tt := range tests {
		if got := ignoredInline([]byte(tt.line), "github-pat"); got != tt.want {
			t.Errorf("%q: got %v, want %v", tt.line, got, tt.want)
		}
	}
}

// ExcludePaths: an excluded directory is never read (the walk's hook
// sees every directory it reads; without root, the directory is also
// made unreadable, which would surface as a "read error" skip), an
// excluded file is not scanned, and OnExclude hears each top-most path
// once. Streams (ScanReader, as for image layers) honour it too.
func TestScanDirExcludePaths(t *testing.T) {
	root := t.TempDir()
	gh := tok("excl", "T={gh:ghp_}\n")
	writeTree(t, root, map[string]string{
		"app/config.env":                gh,
		"app/testdata/fixture.env":      gh,
		"lib/testdata/deep/fixture.env": gh,
		"gen/out.env":                   gh,
		"gen/keep/out.env":              gh,
		"local.secret":                  gh,
		"nested/local.secret":           gh,
	})
	for _, d := range []string{"app/testdata", "lib/testdata"} {
		if err := os.Chmod(filepath.Join(root, d), 0); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { os.Chmod(filepath.Join(root, d), 0o755) })
	}
	var read, excluded, skipped []string
	testHookReadDir = func(rel string) { read = append(read, rel) }
	t.Cleanup(func() { testHookReadDir = nil })
	s, err := New(Config{
		ExcludePaths: []string{"**/testdata/**", "/gen", "*.secret"},
		OnExclude:    func(p string) { excluded = append(excluded, p) },
		OnSkip:       func(p, why string) { skipped = append(skipped, p+":"+why) },
	})
	if err != nil {
		t.Fatal(err)
	}
	fs, err := s.ScanDir(context.Background(), root)
	if err != nil {
		t.Fatal(err)
	}
	var paths []string
	for _, f := range fs {
		paths = append(paths, f.Location.Path)
	}
	if got := strings.Join(paths, " "); got != "app/config.env" {
		t.Errorf("findings in %q, want only app/config.env", got)
	}
	for _, r := range read {
		if strings.Contains(r, "testdata") || strings.HasPrefix(r, "gen") {
			t.Errorf("the walk read excluded directory %s", r)
		}
	}
	sort.Strings(excluded)
	if got, want := strings.Join(excluded, " "), "app/testdata gen lib/testdata local.secret nested/local.secret"; got != want {
		t.Errorf("OnExclude heard %q, want %q", got, want)
	}
	if len(skipped) > 0 {
		t.Errorf("skipped %v: an excluded directory was opened", skipped)
	}

	excluded = nil
	for _, p := range []string{"app/testdata/fixture.env", "/gen/keep/out.env", "app/config.env"} {
		found, err := s.ScanReader(context.Background(), p, strings.NewReader(gh))
		if err != nil {
			t.Fatal(err)
		}
		if want := p == "app/config.env"; (len(found) > 0) != want {
			t.Errorf("ScanReader(%s): %d findings", p, len(found))
		}
	}
	if got := strings.Join(excluded, " "); got != "app/testdata gen" {
		t.Errorf("ScanReader: OnExclude heard %q, want the top-most excluded directories", got)
	}
	if _, err := New(Config{ExcludePaths: []string{"["}}); err == nil {
		t.Error("bad exclude path accepted")
	}
}
