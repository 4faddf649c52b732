// Command gencorpus writes a synthetic but realistic source tree for
// measuring secret scanners: projects with Go, Python, JavaScript,
// TypeScript and Java sources, YAML, JSON, .env, properties, INI,
// Terraform, CI workflows, Markdown, lockfiles, minified bundles, logs and
// binary assets, into which it plants secrets of ~70 formats and decoys
// (documentation example keys, hashes, UUIDs, SRI and lockfile integrity
// strings, base64 blobs, placeholders, secret references, test-fixture
// tokens with bad checksums). The tree goes in DIR/tree and the labels in
// DIR/labels.tsv:
//
//	path <TAB> line <TAB> family <TAB> secret|decoy
//
// Usage:
//
//	go run ./bench/secrets/gencorpus -out DIR -size 200MB -seed 1
//	go run ./bench/secrets/gencorpus -out DIR -commits 5000 -seed 1   # git history in DIR/repo
package main

import (
	"bufio"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

type label struct {
	path   string
	line   int
	family string
	kind   string
}

type corpus struct {
	out     string
	g       gen
	r       *rand.Rand
	labels  []label
	written int64
	// planting budget
	secretCredit, decoyCredit float64
	secretRate, decoyRate     float64 // plants per byte
	famIdx, ciIdx, decoyIdx   int
	counts                    map[string]int
}

func main() {
	out := flag.String("out", "", "output directory (created)")
	sizeFlag := flag.String("size", "200MB", "approximate total size (KB, MB, GB suffixes)")
	seed := flag.Uint64("seed", 1, "random seed")
	secretsN := flag.Int("secrets", 0, "secrets to plant (default: 3 per MB, at least 500)")
	commits := flag.Int("commits", 0, "write a git history of this many commits instead (out/repo)")
	flag.Parse()
	if *out == "" {
		fmt.Fprintln(os.Stderr, "gencorpus: -out is required")
		os.Exit(2)
	}
	size, err := parseSize(*sizeFlag)
	if err != nil {
		fmt.Fprintln(os.Stderr, "gencorpus:", err)
		os.Exit(2)
	}
	n := *secretsN
	if n == 0 {
		n = max(500, int(size/(1<<20))*3)
	}
	r := rand.New(rand.NewPCG(*seed, *seed^0x9e3779b97f4a7c15))
	// The tree goes in DIR/tree, the labels beside it, so that scanning
	// the tree does not scan the labels.
	c := &corpus{out: filepath.Join(*out, "tree"), g: gen{r}, r: r, counts: map[string]int{},
		secretRate: float64(n) / float64(size), decoyRate: float64(n) / float64(size)}
	if err := os.MkdirAll(c.out, 0o755); err != nil {
		fmt.Fprintln(os.Stderr, "gencorpus:", err)
		os.Exit(1)
	}
	if *commits > 0 {
		c.out = *out
		if err := c.history(*commits); err != nil {
			fmt.Fprintln(os.Stderr, "gencorpus:", err)
			os.Exit(1)
		}
		return
	}
	for p := 0; c.written < size; p++ {
		c.project(fmt.Sprintf("proj-%03d-%s", p, c.word()))
	}
	if err := c.writeLabels(filepath.Join(*out, "labels.tsv")); err != nil {
		fmt.Fprintln(os.Stderr, "gencorpus:", err)
		os.Exit(1)
	}
	var s, d int
	for _, l := range c.labels {
		if l.kind == "secret" {
			s++
		} else {
			d++
		}
	}
	fams := map[string]bool{}
	for _, l := range c.labels {
		if l.kind == "secret" {
			fams[l.family] = true
		}
	}
	fmt.Fprintf(os.Stderr, "gencorpus: %d bytes, %d secrets of %d formats, %d decoy lines\n", c.written, s, len(fams), d)
}

func parseSize(s string) (int64, error) {
	s = strings.ToUpper(strings.TrimSpace(s))
	mult := int64(1)
	for _, u := range []struct {
		suf string
		m   int64
	}{{"GB", 1 << 30}, {"MB", 1 << 20}, {"KB", 1 << 10}, {"B", 1}} {
		if strings.HasSuffix(s, u.suf) {
			mult = u.m
			s = strings.TrimSuffix(s, u.suf)
			break
		}
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || v <= 0 {
		return 0, fmt.Errorf("bad size %q", s)
	}
	return int64(v * float64(mult)), nil
}

func (c *corpus) writeLabels(p string) error {
	sort.Slice(c.labels, func(i, j int) bool {
		if c.labels[i].path != c.labels[j].path {
			return c.labels[i].path < c.labels[j].path
		}
		return c.labels[i].line < c.labels[j].line
	})
	f, err := os.Create(p)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	fmt.Fprintln(w, "# path\tline\tfamily\tkind")
	for _, l := range c.labels {
		fmt.Fprintf(w, "%s\t%d\t%s\t%s\n", l.path, l.line, l.family, l.kind)
	}
	if err := w.Flush(); err != nil {
		return err
	}
	return f.Close()
}

// file is a text file being built: lines, and labels relative to them.
type file struct {
	path   string
	kind   string // go py js ts java yaml ci json env props ini tf md log min lock pem
	lines  []string
	marks  []mark
	blocks []mark // planted multi-line blocks: line is the first, family holds the length
}

type mark struct {
	line   int // 0-based index into lines
	family string
	kind   string
}

func (c *corpus) emit(f *file) {
	p := filepath.Join(c.out, filepath.FromSlash(f.path))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		panic(err)
	}
	content := strings.Join(f.lines, "\n") + "\n"
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		panic(err)
	}
	c.written += int64(len(content))
	for _, m := range f.marks {
		c.labels = append(c.labels, label{f.path, m.line + 1, m.family, m.kind})
	}
}

func (c *corpus) emitBinary(path string, n int) {
	p := filepath.Join(c.out, filepath.FromSlash(path))
	os.MkdirAll(filepath.Dir(p), 0o755)
	b := make([]byte, n)
	copy(b, "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
	for i := 16; i < n; i++ {
		b[i] = byte(c.r.IntN(256))
	}
	if err := os.WriteFile(p, b, 0o644); err != nil {
		panic(err)
	}
	c.written += int64(n)
}

// insert puts block (one or more lines) before index at and records marks
// for it; marks after it shift.
func (f *file) insert(at int, block []string, rel int, family, kind string) {
	if at > len(f.lines) {
		at = len(f.lines)
	}
	for i := range f.marks {
		if f.marks[i].line >= at {
			f.marks[i].line += len(block)
		}
	}
	for i := range f.blocks {
		if f.blocks[i].line >= at {
			f.blocks[i].line += len(block)
		}
	}
	if len(block) > 1 {
		f.blocks = append(f.blocks, mark{line: at, family: fmt.Sprint(len(block))})
	}
	nl := make([]string, 0, len(f.lines)+len(block))
	nl = append(nl, f.lines[:at]...)
	nl = append(nl, block...)
	nl = append(nl, f.lines[at:]...)
	f.lines = nl
	f.marks = append(f.marks, mark{at + rel, family, kind})
}

// plant adds secrets and decoys to f according to the byte budget.
func (c *corpus) plant(f *file, size int) {
	c.secretCredit += float64(size) * c.secretRate
	c.decoyCredit += float64(size) * c.decoyRate
	for c.secretCredit >= 1 {
		c.secretCredit--
		c.plantSecret(f)
	}
	for c.decoyCredit >= 1 {
		c.decoyCredit--
		c.plantDecoy(f)
	}
}

// pos picks where to insert: anywhere but inside a planted block.
func (c *corpus) pos(f *file) int {
	if len(f.lines) < 3 {
		return len(f.lines)
	}
	for {
		p := 1 + c.r.IntN(len(f.lines)-1)
		inside := false
		for _, b := range f.blocks {
			n, _ := strconv.Atoi(b.family)
			if p > b.line && p < b.line+n {
				inside = true
			}
		}
		if !inside {
			return p
		}
	}
}

func camel(name string) string {
	parts := strings.Split(strings.ToLower(name), "_")
	for i := 1; i < len(parts); i++ {
		if parts[i] != "" {
			parts[i] = strings.ToUpper(parts[i][:1]) + parts[i][1:]
		}
	}
	return strings.Join(parts, "")
}

// embed renders NAME=value in the syntax of a file kind.
func embed(kind, name, v string) string {
	switch kind {
	case "env":
		return name + "=" + v
	case "yaml", "ci":
		return "  " + name + ": " + v
	case "json":
		return `  "` + camel(name) + `": "` + v + `",`
	case "go":
		return "\t" + camel(name) + " = \"" + v + "\""
	case "py":
		return name + " = \"" + v + "\""
	case "js", "ts":
		return "const " + camel(name) + " = \"" + v + "\";"
	case "java":
		return "    private static final String " + name + " = \"" + v + "\";"
	case "props":
		return strings.ReplaceAll(strings.ToLower(name), "_", ".") + "=" + v
	case "ini":
		return strings.ToLower(name) + " = " + v
	case "tf":
		return "  " + strings.ToLower(name) + " = \"" + v + "\""
	case "md":
		return "export " + name + "=" + v
	case "log":
		return "2024-05-01T12:00:00.123Z INFO  boot: loaded settings " + name + "=" + v
	}
	return name + "=" + v
}

func (c *corpus) plantSecret(f *file) {
	if f.kind == "lock" || f.kind == "min" {
		c.plantInline(f)
		return
	}
	if f.kind == "ci" {
		c.ciIdx++
		if c.ciIdx%2 == 0 {
			c.plantCI(f)
			return
		}
	}
	fam := families[c.famIdx%len(families)]
	c.famIdx++
	v := fam.make(c.g)
	c.counts[fam.name]++
	if fam.multi {
		block := strings.Split(v, "\n")
		switch f.kind {
		case "yaml", "ci":
			out := []string{"  tls_key: |"}
			for _, l := range block {
				out = append(out, "    "+l)
			}
			f.insert(c.pos(f), out, 1, fam.name, "secret")
		case "json", "go", "py", "js", "ts", "java", "tf", "env", "props", "ini":
			// One-line escaped form, as in a JSON service-account key.
			line := embed(f.kind, "PRIVATE_KEY", strings.ReplaceAll(v, "\n", `\n`))
			f.insert(c.pos(f), []string{line}, 0, fam.name, "secret")
		default:
			f.insert(c.pos(f), block, 0, fam.name, "secret")
		}
		return
	}
	if f.kind == "md" {
		f.insert(c.pos(f), []string{"", "```sh", embed("md", fam.vname, v), "```", ""}, 2, fam.name, "secret")
		return
	}
	f.insert(c.pos(f), []string{embed(f.kind, fam.vname, v)}, 0, fam.name, "secret")
}

// plantInline puts a provider token inside a lockfile or minified line.
func (c *corpus) plantInline(f *file) {
	var fam family
	for {
		fam = families[c.famIdx%len(families)]
		c.famIdx++
		if !fam.multi && !strings.HasPrefix(fam.name, "generic") && fam.name != "aws-secret-key" && fam.name != "datadog-api-key" && fam.name != "twilio-api-key" {
			break
		}
	}
	v := fam.make(c.g)
	c.counts[fam.name]++
	i := c.pos(f) - 1
	if i < 0 {
		i = 0
	}
	if f.kind == "min" {
		l := f.lines[i]
		cut := len(l) / 2
		for cut < len(l) && l[cut] != ';' {
			cut++
		}
		f.lines[i] = l[:cut] + `;var ` + camel(fam.vname) + `="` + v + `"` + l[cut:]
		f.marks = append(f.marks, mark{i, fam.name, "secret"})
		return
	}
	f.insert(i, []string{`  "` + camel(fam.vname) + `": "` + v + `",`}, 0, fam.name, "secret")
}

var ciPasswords = []string{"root", "postgres", "rootpass", "admin123", "mysql", "dbpass", "Passw0rd", "qwerty12", "app_pw", "ci-pass", "s3rvice", "hunter2"}
var ciNames = []string{"MYSQL_ROOT_PASSWORD", "POSTGRES_PASSWORD", "MYSQL_PASSWORD", "DB_PASS", "REDIS_PASSWORD", "RABBITMQ_DEFAULT_PASS", "MSSQL_SA_PASSWORD"}

func (c *corpus) plantCI(f *file) {
	k := c.r.IntN(5)
	pw := c.g.s(alnum, 12)
	var line, fam string
	switch k {
	case 0:
		fam = "ci-literal-password"
		line = "      " + ciNames[c.r.IntN(len(ciNames))] + ": " + ciPasswords[c.r.IntN(len(ciPasswords))]
	case 1:
		fam = "ci-docker-login"
		line = "        run: docker login -u ci-bot -p " + pw + " registry." + c.word() + ".io"
	case 2:
		fam = "ci-docker-stdin"
		line = `        run: echo "` + pw + `" | docker login ghcr.io -u bot --password-stdin`
	case 3:
		fam = "ci-curl-user"
		line = "        run: curl -fsS -u admin:" + pw + " https://ci." + c.word() + ".internal/api/trigger"
	case 4:
		fam = "ci-mysql-cli"
		line = `        run: mysql -uroot -p` + pw + ` -h 127.0.0.1 -e "CREATE DATABASE app"`
	}
	c.counts[fam]++
	f.insert(c.pos(f), []string{line}, 0, fam, "secret")
}

const jwtIO = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c"

func (c *corpus) plantDecoy(f *file) {
	if f.kind == "lock" || f.kind == "min" {
		return // lockfile integrity lines are labelled where they are written
	}
	g := c.g
	c.decoyIdx++
	var fam, line string
	switch c.decoyIdx % 14 {
	case 0:
		fam, line = "decoy-aws-doc", embed(f.kind, "AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE")
	case 1:
		fam, line = "decoy-aws-secret-doc", embed(f.kind, "AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")
	case 2:
		fam, line = "decoy-stripe-doc", embed(f.kind, "STRIPE_KEY", "sk_test_4eC39HqLyjWDarjtT1zdp7dc")
	case 3:
		fam, line = "decoy-jwt-doc", embed(f.kind, "EXAMPLE_JWT", jwtIO)
	case 4:
		fam = "decoy-sha256"
		line = []string{embed(f.kind, "SHA256", g.hexBytes(32)), embed(f.kind, "CHECKSUM", g.hexBytes(32)), embed(f.kind, "IMAGE_DIGEST", "sha256:"+g.hexBytes(32))}[c.r.IntN(3)]
	case 5:
		fam = "decoy-git-sha"
		line = embed(f.kind, []string{"COMMIT", "REVISION", "GIT_SHA"}[c.r.IntN(3)], g.hexBytes(20))
	case 6:
		fam, line = "decoy-uuid", embed(f.kind, []string{"REQUEST_ID", "TENANT_ID", "TRACE_ID", "ID"}[c.r.IntN(4)], g.uuid())
	case 7:
		fam, line = "decoy-md5", embed(f.kind, "ETAG", g.hexBytes(16))
	case 8:
		fam, line = "decoy-sri", `<script src="https://cdn.example.net/lib.js" integrity="sha384-`+g.b64Bytes(48)+`" crossorigin="anonymous"></script>`
	case 9:
		fam, line = "decoy-base64-blob", embed(f.kind, "THUMBNAIL", "data:image/png;base64,"+g.b64Bytes(240))
	case 10:
		fam = "decoy-placeholder"
		line = []string{
			embed(f.kind, "DB_PASSWORD", "changeme"), embed(f.kind, "API_KEY", "${API_KEY}"),
			embed(f.kind, "AUTH_TOKEN", "{{ .Values.auth.token }}"), embed(f.kind, "SECRET_KEY", "<your-secret-key>"),
			embed(f.kind, "PASSWORD", "xxxxxxxxxxxx"), embed(f.kind, "CLIENT_SECRET", "your-client-secret-here"),
		}[c.r.IntN(6)]
	case 11:
		fam = "decoy-reference"
		line = []string{
			`password = os.environ["DB_PASSWORD"]`, `const token = process.env.API_TOKEN;`,
			`      MYSQL_ROOT_PASSWORD: ${{ secrets.MYSQL_ROOT_PASSWORD }}`,
			`        run: echo "$CR_PAT" | docker login ghcr.io -u ${{ github.actor }} --password-stdin`,
			`        run: docker login -u ${{ secrets.USER }} -p ${{ secrets.REGISTRY_TOKEN }} registry.io`,
			`  DATABASE_URL: postgres://app:${DB_PASSWORD}@db:5432/app`,
		}[c.r.IntN(6)]
	case 12:
		fam = "decoy-fixture-token"
		tok := []string{"ghp_" + g.s(alnum, 36), "npm_" + g.s(alnum, 36), "gho_" + g.s(alnum, 36)}[c.r.IntN(3)]
		line = embed(f.kind, "FIXTURE_TOKEN", tok)
		if !strings.Contains(f.path, "/testdata/") {
			c.decoyIdx++ // fixture tokens live in test fixtures only; use the next kind
			fam, line = "decoy-uuid", embed(f.kind, "SESSION_ID", g.uuid())
		}
	case 13:
		fam, line = "decoy-b64-integrity", embed(f.kind, "INTEGRITY", "sha512-"+g.b64Bytes(64))
	}
	f.insert(c.pos(f), []string{line}, 0, fam, "decoy")
}

// ---- projects ----

var words = strings.Fields(`account order invoice payment customer user session cart product catalog
inventory shipment report metric event audit ledger tenant project build release deploy artifact
pipeline runner worker queue cache index search profile billing plan quota limit region cluster node
volume bucket object upload download export import schedule job task note comment review vote tag
label team member role policy rule check alert incident page notify channel message thread stream`)

var verbs = strings.Fields(`load save fetch store create update delete list find resolve validate
parse render encode decode sync merge apply compute refresh rotate verify sign publish consume`)

func (c *corpus) word() string { return words[c.r.IntN(len(words))] }
func (c *corpus) verb() string { return verbs[c.r.IntN(len(verbs))] }
func title(s string) string    { return strings.ToUpper(s[:1]) + s[1:] }

func (c *corpus) project(name string) {
	testdir := name + "/testdata/fixtures"
	for i := 0; i < 30; i++ {
		c.textFile(name+"/internal/"+c.word()+"/"+c.word()+fmt.Sprint(i)+".go", "go", c.goSource(6000+c.r.IntN(8000)))
	}
	for i := 0; i < 18; i++ {
		c.textFile(name+"/py/"+c.word()+"/"+c.word()+fmt.Sprint(i)+".py", "py", c.pySource(4000+c.r.IntN(8000)))
	}
	for i := 0; i < 22; i++ {
		ext := []string{"js", "ts"}[i%2]
		c.textFile(name+"/web/src/"+c.word()+fmt.Sprint(i)+"."+ext, ext, c.jsSource(4000+c.r.IntN(9000)))
	}
	for i := 0; i < 10; i++ {
		c.textFile(name+"/java/src/main/java/com/acme/"+title(c.word())+fmt.Sprint(i)+"Service.java", "java", c.javaSource(6000+c.r.IntN(8000)))
	}
	for i := 0; i < 8; i++ {
		c.textFile(name+"/deploy/k8s/"+c.word()+fmt.Sprint(i)+".yaml", "yaml", c.k8sYAML())
	}
	for i := 0; i < 3; i++ {
		c.textFile(name+"/.github/workflows/"+c.word()+fmt.Sprint(i)+".yml", "ci", c.workflow())
	}
	c.textFile(name+"/docker-compose.yml", "ci", c.compose())
	for i := 0; i < 5; i++ {
		c.textFile(name+"/config/"+c.word()+fmt.Sprint(i)+".json", "json", c.jsonConfig(2000+c.r.IntN(5000)))
	}
	c.textFile(name+"/.env.example", "env", c.envFile())
	c.textFile(name+"/config/application.properties", "props", c.propsFile())
	c.textFile(name+"/config/settings.ini", "ini", c.iniFile())
	c.textFile(name+"/terraform/main.tf", "tf", c.tfFile())
	for i := 0; i < 5; i++ {
		c.textFile(name+"/docs/"+c.word()+fmt.Sprint(i)+".md", "md", c.markdown(3000+c.r.IntN(6000)))
	}
	for i := 0; i < 3; i++ {
		c.textFile(testdir+"/"+c.word()+fmt.Sprint(i)+".json", "json", c.jsonConfig(1500))
	}
	switch c.r.IntN(3) {
	case 0:
		c.lockfile(name+"/web/package-lock.json", "npm", 1500+c.r.IntN(1500))
		c.lockfile(name+"/web/yarn.lock", "yarn", 800+c.r.IntN(800))
	case 1:
		c.lockfile(name+"/go.sum", "gosum", 400+c.r.IntN(800))
		c.lockfile(name+"/Cargo.lock", "cargo", 300+c.r.IntN(300))
	case 2:
		c.lockfile(name+"/poetry.lock", "poetry", 300+c.r.IntN(300))
		c.lockfile(name+"/web/package-lock.json", "npm", 1000+c.r.IntN(1000))
	}
	c.textFile(name+"/web/dist/app.min.js", "min", c.minified(300000+c.r.IntN(400000)))
	if c.r.IntN(8) == 0 {
		c.textFile(name+"/logs/app.log", "log", c.logFile(5<<20+c.r.IntN(3<<20)))
	} else {
		c.textFile(name+"/logs/app.log", "log", c.logFile(100000+c.r.IntN(200000)))
	}
	if c.r.IntN(4) == 0 {
		c.textFile(name+"/certs/"+c.word()+".pem", "pem", []string{"# generated for " + c.word()})
	}
	for i := 0; i < 2; i++ {
		c.emitBinary(name+"/assets/"+c.word()+fmt.Sprint(i)+".png", 20000+c.r.IntN(80000))
	}
}

func (c *corpus) textFile(path, kind string, lines []string) {
	f := &file{path: path, kind: kind, lines: lines}
	size := 0
	for _, l := range lines {
		size += len(l) + 1
	}
	if kind == "pem" {
		// A key file holds a key; always plant one, outside the budget.
		g := c.g
		fam := []string{"private-key-rsa", "private-key-ec", "private-key-openssh"}[c.r.IntN(3)]
		label := map[string]string{"private-key-rsa": "RSA PRIVATE KEY", "private-key-ec": "EC PRIVATE KEY", "private-key-openssh": "OPENSSH PRIVATE KEY"}[fam]
		c.counts[fam]++
		f.insert(1, strings.Split(g.pem(label, 12), "\n"), 0, fam, "secret")
	} else {
		c.plant(f, size)
	}
	// CI files and test fixtures are small, so the byte budget rarely
	// reaches them; give them their own share.
	if kind == "ci" && c.r.IntN(10) < 7 {
		c.plantCI(f)
	}
	if strings.Contains(path, "/testdata/") && c.r.IntN(10) < 6 {
		tok := []string{"ghp_" + c.g.s(alnum, 36), "npm_" + c.g.s(alnum, 36), "gho_" + c.g.s(alnum, 36)}[c.r.IntN(3)]
		f.insert(c.pos(f), []string{embed(f.kind, "FIXTURE_TOKEN", tok)}, 0, "decoy-fixture-token", "decoy")
	}
	c.emit(f)
}
