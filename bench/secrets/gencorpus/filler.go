package main

import (
	"fmt"
	"strings"
)

// Filler: ordinary text of each kind, with the words that secret scanners
// key on (token, password, secret, key, auth) used the way real code uses
// them — as names, references and parameters, never as literal values.

func (c *corpus) fill(target int, gen func() []string) []string {
	var out []string
	n := 0
	for n < target {
		for _, l := range gen() {
			out = append(out, l)
			n += len(l) + 1
		}
	}
	return out
}

func (c *corpus) goSource(size int) []string {
	w := c.word()
	head := []string{"package " + w, "", "import (", "\t\"context\"", "\t\"errors\"", "\t\"fmt\"", "\t\"os\"", "\t\"time\"", ")", ""}
	body := c.fill(size, func() []string {
		n, v := title(c.word()), c.verb()
		switch c.r.IntN(5) {
		case 0:
			return []string{
				"// " + title(v) + n + " " + v + "s the " + strings.ToLower(n) + " for the current tenant.",
				"func (s *Service) " + title(v) + n + "(ctx context.Context, id string) (*" + n + ", error) {",
				"\ttoken, err := s.auth.TokenFor(ctx, s.tenant)",
				"\tif err != nil {",
				"\t\treturn nil, fmt.Errorf(\"" + v + " " + strings.ToLower(n) + " %s: %w\", id, err)",
				"\t}",
				"\tresp, err := s.client.Get(ctx, \"/v1/" + strings.ToLower(n) + "s/\"+id, token)",
				"\tif err != nil {",
				"\t\treturn nil, err",
				"\t}",
				"\treturn decode" + n + "(resp.Body)",
				"}", "",
			}
		case 1:
			return []string{
				"type " + n + "Config struct {",
				"\tEndpoint   string        `json:\"endpoint\"`",
				"\tAPIKeyEnv  string        `json:\"apiKeyEnv\"`",
				"\tPassword   string        `json:\"-\"` // read from the environment",
				"\tTimeout    time.Duration `json:\"timeout\"`",
				"\tMaxRetries int           `json:\"maxRetries\"`",
				"}", "",
			}
		case 2:
			return []string{
				"func load" + n + "Secrets() (string, string) {",
				"\tpassword := os.Getenv(\"" + strings.ToUpper(c.word()) + "_PASSWORD\")",
				"\tsecretKey := os.Getenv(\"" + strings.ToUpper(c.word()) + "_SECRET_KEY\")",
				"\treturn password, secretKey",
				"}", "",
			}
		case 3:
			return []string{
				"var err" + n + "NotFound = errors.New(\"" + strings.ToLower(n) + " not found\")", "",
				"func validate" + n + "(p *" + n + ") error {",
				"\tif p == nil || p.ID == \"\" {",
				"\t\treturn err" + n + "NotFound",
				"\t}",
				"\tif len(p.Name) > 256 {",
				"\t\treturn fmt.Errorf(\"name too long: %d\", len(p.Name))",
				"\t}",
				"\treturn nil",
				"}", "",
			}
		default:
			return []string{
				"// keyFor returns the cache key of a " + strings.ToLower(n) + ".",
				"func keyFor" + n + "(tenant, id string) string { return tenant + \"/" + strings.ToLower(n) + "/\" + id }", "",
			}
		}
	})
	return append(head, body...)
}

func (c *corpus) pySource(size int) []string {
	head := []string{"import json", "import logging", "import os", "", "log = logging.getLogger(__name__)", ""}
	body := c.fill(size, func() []string {
		n, v := c.word(), c.verb()
		switch c.r.IntN(4) {
		case 0:
			return []string{
				"def " + v + "_" + n + "(client, " + n + "_id, *, timeout=30):",
				"    \"\"\"" + title(v) + " one " + n + " by id.\"\"\"",
				"    token = client.auth.get_token(scope=\"" + n + ":read\")",
				"    resp = client.get(f\"/api/" + n + "s/{" + n + "_id}\", headers={\"Authorization\": f\"Bearer {token}\"}, timeout=timeout)",
				"    resp.raise_for_status()",
				"    return resp.json()", "",
			}
		case 1:
			return []string{
				"class " + title(n) + "Repository:",
				"    def __init__(self, db):",
				"        self.db = db",
				"        self.password = os.environ.get(\"" + strings.ToUpper(n) + "_DB_PASSWORD\")",
				"", "    def find(self, key):",
				"        row = self.db.execute(\"SELECT * FROM " + n + " WHERE id = %s\", (key,)).fetchone()",
				"        if row is None:",
				"            pass",
				"        return row", "",
			}
		case 2:
			return []string{
				"def parse_" + n + "(raw):",
				"    data = json.loads(raw)",
				"    for item in data.get(\"items\", []):",
				"        log.debug(\"" + n + " %s\", item.get(\"id\"))",
				"    return data", "",
			}
		default:
			return []string{"SECRET_KEY = os.environ[\"DJANGO_SECRET_KEY\"]", "API_TOKEN = os.getenv(\"" + strings.ToUpper(n) + "_API_TOKEN\", \"\")", ""}
		}
	})
	return append(head, body...)
}

func (c *corpus) jsSource(size int) []string {
	head := []string{"import { api } from './api';", "import { useState, useEffect } from 'react';", ""}
	return append(head, c.fill(size, func() []string {
		n, v := c.word(), c.verb()
		switch c.r.IntN(3) {
		case 0:
			return []string{
				"export async function " + v + title(n) + "(id, { signal } = {}) {",
				"  const token = await getAccessToken();",
				"  const res = await fetch(`/api/" + n + "s/${id}`, { headers: { Authorization: `Bearer ${token}` }, signal });",
				"  if (!res.ok) throw new Error(`" + v + " " + n + " failed: ${res.status}`);",
				"  return res.json();",
				"}", "",
			}
		case 1:
			return []string{
				"export function " + title(n) + "List({ items, onSelect }) {",
				"  const [selected, setSelected] = useState(null);",
				"  useEffect(() => { if (selected) onSelect(selected); }, [selected]);",
				"  return items.map((it) => ({ key: it.id, label: it.name, password: undefined }));",
				"}", "",
			}
		default:
			return []string{"const apiKey = process.env.REACT_APP_" + strings.ToUpper(n) + "_KEY;", "const secretName = '" + n + "-credentials';", ""}
		}
	})...)
}

func (c *corpus) javaSource(size int) []string {
	n := title(c.word())
	head := []string{"package com.acme." + strings.ToLower(n) + ";", "", "import java.util.List;", "import java.util.Optional;", "",
		"public class " + n + "Service {", "    private final " + n + "Repository repository;", "    private final TokenProvider tokenProvider;", ""}
	body := c.fill(size, func() []string {
		m, v := title(c.word()), c.verb()
		return []string{
			"    public Optional<" + m + "> " + v + m + "(String id) {",
			"        String token = tokenProvider.currentToken();",
			"        if (token == null || token.isEmpty()) {",
			"            throw new IllegalStateException(\"no credentials for " + strings.ToLower(m) + "\");",
			"        }",
			"        return repository.findById(id).map(e -> e.with" + m + "(token));",
			"    }", "",
		}
	})
	return append(append(head, body...), "}")
}

func (c *corpus) k8sYAML() []string {
	n := c.word()
	return []string{
		"apiVersion: apps/v1", "kind: Deployment", "metadata:", "  name: " + n, "  labels:", "    app: " + n,
		"spec:", "  replicas: 3", "  selector:", "    matchLabels:", "      app: " + n, "  template:", "    metadata:",
		"      labels:", "        app: " + n, "    spec:", "      containers:", "        - name: " + n,
		"          image: registry.acme.io/" + n + ":1." + fmt.Sprint(c.r.IntN(40)) + ".0",
		"          env:", "            - name: DB_PASSWORD", "              valueFrom:", "                secretKeyRef:",
		"                  name: " + n + "-db", "                  key: password",
		"            - name: API_TOKEN", "              valueFrom:", "                secretKeyRef:", "                  name: " + n + "-api", "                  key: token",
		"          resources:", "            limits:", "              cpu: 500m", "              memory: 256Mi",
	}
}

func (c *corpus) workflow() []string {
	return []string{
		"name: ci", "on:", "  push:", "    branches: [main]", "  pull_request:", "jobs:", "  test:", "    runs-on: ubuntu-latest",
		"    services:", "      db:", "        image: postgres:16", "        env:", "          POSTGRES_DB: app",
		"    env:", "      GO_VERSION: '1.22'", "      REGISTRY: ghcr.io",
		"    steps:", "      - uses: actions/checkout@v4", "      - uses: actions/setup-go@v5", "        with:", "          go-version: ${{ env.GO_VERSION }}",
		"      - name: login", "        uses: docker/login-action@v3", "        with:", "          registry: ghcr.io", "          username: ${{ github.actor }}", "          password: ${{ secrets.GITHUB_TOKEN }}",
		"      - name: test", "        run: go test ./...", "      - name: publish", "        env:", "          NPM_TOKEN: ${{ secrets.NPM_TOKEN }}", "        run: npm publish",
	}
}

func (c *corpus) compose() []string {
	return []string{
		"services:", "  app:", "    build: .", "    ports:", "      - \"8080:8080\"", "    environment:", "      - DATABASE_HOST=db",
		"      - SECRET_KEY_FILE=/run/secrets/app_key", "  db:", "    image: mysql:8", "    environment:", "      MYSQL_DATABASE: app",
		"      MYSQL_ROOT_PASSWORD_FILE: /run/secrets/db_root", "    volumes:", "      - db-data:/var/lib/mysql", "volumes:", "  db-data: {}",
	}
}

func (c *corpus) jsonConfig(size int) []string {
	out := []string{"{"}
	out = append(out, c.fill(size, func() []string {
		n := c.word()
		return []string{
			`  "` + n + `": {`,
			`    "enabled": ` + []string{"true", "false"}[c.r.IntN(2)] + `,`,
			`    "endpoint": "https://` + n + `.acme.io/v2",`,
			`    "timeoutMs": ` + fmt.Sprint(100*c.r.IntN(100)) + `,`,
			`    "tokenUrl": "https://auth.acme.io/oauth/token",`,
			`    "secretRef": "` + n + `-secret",`,
			`    "passwordPolicy": {"minLength": 12, "requireDigits": true}`,
			`  },`,
		}
	})...)
	return append(out, `  "version": 1`, "}")
}

func (c *corpus) envFile() []string {
	return []string{"# copy to .env and fill in", "APP_ENV=development", "LOG_LEVEL=debug", "DB_HOST=localhost", "DB_PORT=5432",
		"DB_USER=app", "DB_PASSWORD=", "REDIS_URL=redis://localhost:6379/0", "SESSION_TTL=3600"}
}

func (c *corpus) propsFile() []string {
	return []string{"server.port=8080", "spring.datasource.url=jdbc:postgresql://db:5432/app", "spring.datasource.username=app",
		"spring.datasource.password=${DB_PASSWORD}", "management.endpoints.web.exposure.include=health,info", "logging.level.root=INFO"}
}

func (c *corpus) iniFile() []string {
	return []string{"[server]", "host = 0.0.0.0", "port = 8000", "", "[database]", "name = app", "user = app", "password_file = /etc/app/db.pass", "", "[cache]", "ttl = 300"}
}

func (c *corpus) tfFile() []string {
	n := c.word()
	return []string{
		`resource "aws_s3_bucket" "` + n + `" {`, `  bucket = "acme-` + n + `-` + fmt.Sprint(c.r.IntN(9999)) + `"`, "}", "",
		`resource "aws_db_instance" "main" {`, `  engine         = "postgres"`, `  instance_class = "db.t3.micro"`, `  username       = "app"`,
		`  password       = var.db_password`, "}", "", `variable "db_password" {`, `  type      = string`, `  sensitive = true`, "}",
	}
}

func (c *corpus) markdown(size int) []string {
	out := []string{"# " + title(c.word()) + " service", ""}
	return append(out, c.fill(size, func() []string {
		n := c.word()
		return []string{
			"## " + title(c.verb()) + " " + n, "",
			"The " + n + " endpoint accepts a bearer token issued by the auth service. Set `" + strings.ToUpper(n) + "_API_KEY`",
			"in your environment; never commit the key itself. Rotate the secret every 90 days.", "",
			"```sh", "curl -H \"Authorization: Bearer $TOKEN\" https://api.acme.io/v1/" + n + "s", "```", "",
		}
	})...)
}

func (c *corpus) logFile(size int) []string {
	return c.fill(size, func() []string {
		n, v := c.word(), c.verb()
		return []string{fmt.Sprintf("2024-05-01T12:%02d:%02d.%03dZ INFO  %s: %s %s id=%s duration=%dms status=200 request_id=%s",
			c.r.IntN(60), c.r.IntN(60), c.r.IntN(1000), n, v, n, c.g.s(lowerAN, 10), c.r.IntN(900), c.g.hex(16))}
	})
}

func (c *corpus) minified(size int) []string {
	var lines []string
	for n := 0; n < size; {
		var b strings.Builder
		for b.Len() < 60000+c.r.IntN(60000) {
			n2 := c.word()
			fmt.Fprintf(&b, "function %s%d(e,t){var n=e.token||t.auth;return n?fetch(\"/api/%s\",{headers:{Authorization:\"Bearer \"+n}}):null}", n2, c.r.IntN(999), n2)
			fmt.Fprintf(&b, ";var %s=%q", c.g.s(lower, 2), c.g.s(alnum, 8))
		}
		lines = append(lines, b.String())
		n += b.Len()
	}
	return lines
}

// lockfile writes a lockfile whose every integrity line is a labelled decoy.
func (c *corpus) lockfile(path, kind string, entries int) {
	f := &file{path: path, kind: "lock"}
	add := func(l string, decoy bool) {
		if decoy {
			f.marks = append(f.marks, mark{len(f.lines), "decoy-lockfile-integrity", "decoy"})
		}
		f.lines = append(f.lines, l)
	}
	g := c.g
	switch kind {
	case "npm":
		add("{", false)
		add(`  "name": "web",`, false)
		add(`  "lockfileVersion": 3,`, false)
		add(`  "packages": {`, false)
		for i := 0; i < entries; i++ {
			n := c.word() + "-" + c.word()
			add(`    "node_modules/`+n+`": {`, false)
			add(fmt.Sprintf(`      "version": "%d.%d.%d",`, c.r.IntN(9), c.r.IntN(30), c.r.IntN(20)), false)
			add(`      "resolved": "https://registry.npmjs.org/`+n+`/-/`+n+`-1.0.0.tgz",`, false)
			add(`      "integrity": "sha512-`+g.b64Bytes(64)+`",`, true)
			add(`      "dev": true`, false)
			add(`    },`, false)
		}
		add("  }", false)
		add("}", false)
	case "yarn":
		for i := 0; i < entries; i++ {
			n := c.word() + "-" + c.word()
			add(n+"@^1.0.0:", false)
			add(`  version "1.`+fmt.Sprint(c.r.IntN(20))+`.0"`, false)
			add(`  resolved "https://registry.yarnpkg.com/`+n+`/-/`+n+`-1.0.0.tgz#`+g.hexBytes(20)+`"`, true)
			add(`  integrity sha512-`+g.b64Bytes(64), true)
			add("", false)
		}
	case "gosum":
		for i := 0; i < entries; i++ {
			m := "github.com/" + c.word() + "/" + c.word()
			v := fmt.Sprintf("v1.%d.%d", c.r.IntN(20), c.r.IntN(10))
			add(m+" "+v+" h1:"+g.b64Bytes(32), true)
			add(m+" "+v+"/go.mod h1:"+g.b64Bytes(32), true)
		}
	case "cargo":
		add("version = 3", false)
		for i := 0; i < entries; i++ {
			add("", false)
			add("[[package]]", false)
			add(`name = "`+c.word()+`-`+c.word()+`"`, false)
			add(`version = "0.`+fmt.Sprint(c.r.IntN(30))+`.0"`, false)
			add(`source = "registry+https://github.com/rust-lang/crates.io-index"`, false)
			add(`checksum = "`+g.hexBytes(32)+`"`, true)
		}
	case "poetry":
		for i := 0; i < entries; i++ {
			add("[[package]]", false)
			add(`name = "`+c.word()+`"`, false)
			add(`version = "2.`+fmt.Sprint(c.r.IntN(30))+`.0"`, false)
			add("files = [", false)
			add(`    {file = "pkg-2.0.0-py3-none-any.whl", hash = "sha256:`+g.hexBytes(32)+`"},`, true)
			add(`    {file = "pkg-2.0.0.tar.gz", hash = "sha256:`+g.hexBytes(32)+`"},`, true)
			add("]", false)
			add("", false)
		}
	}
	size := 0
	for _, l := range f.lines {
		size += len(l) + 1
	}
	c.plant(f, size)
	c.emit(f)
}
