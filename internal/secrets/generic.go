package secrets

import (
	"bytes"
	"strings"
)

// Generic assignments: a name that says "password" or "secret" given a
// literal value, in any of the syntaxes config files and code use:
//
//	DB_PASSWORD=<literal>            (env, shell)
//	password: <literal>              (YAML, CI workflows)
//	"password": "<literal>"          (JSON)
//	password = "<literal>"           (code, TOML, INI, HCL, properties)
//	<password><literal></password>   (XML)
//	define('DB_PASSWORD', '<literal>') (PHP)
//
// The pattern finds candidates; judgeAssignment decides with context: the
// name's last word must be a credential word, the value must be a literal
// (quoted in source code; no ${VAR}, {{ }}, <…>, os.getenv(…)), not a
// placeholder, and long and random enough for the kind of file. In CI
// pipelines and compose files any literal counts: credentials there are
// low-entropy values like "root", keyed by the variable's name.

// valueRE is the value part shared by the generic patterns: a quoted
// string or an unquoted run.
//
// Repetitions are unbounded on purpose: the window (one line, at most a
// few KiB) bounds them, and counted repetitions would multiply the size of
// the compiled program and the cost of every match attempt.
const valueRE = `("(?:[^"\\\r\n]|\\.)*"|'[^'\r\n]*'|` + "`[^`\\r\\n]*`" + `|[^\s"'` + "`" + `,;<>]+)`

// opRE is an assignment operator, or a space before a quoted value.
const opRE = `["'\]]{0,2}[ \t]*(:=|=>|\?=|=|:|,|>|[ \t])[ \t]*(?:!!str[ \t]+)?`

const (
	namePassword = `([a-z0-9_.\-]*(?:password|passwd|passwort|passphrase|pass|pwd|pword)[a-z0-9_.\-]*)`
	nameSecret   = `([a-z0-9_.\-]*(?:secret|token|api[_.\-]?key|access[_.\-]?key|private[_.\-]?key|credentials?|auth|signing[_.\-]?key|encryption[_.\-]?key|master[_.\-]?key|app[_.\-]?key|client[_.\-]?key)[a-z0-9_.\-]*)`
)

var passwordWords = map[string]bool{
	"password": true, "passwd": true, "passwort": true, "pass": true, "pwd": true,
	"passphrase": true, "pword": true, "pw": true, "passw": true,
}

var secretWords = map[string]bool{
	"secret": true, "token": true, "apikey": true, "credential": true, "credentials": true,
	"authtoken": true, "accesskey": true, "secretkey": true, "privatekey": true,
	"authkey": true, "appkey": true, "masterkey": true, "accesstoken": true, "apitoken": true,
	"apisecret": true, "clientsecret": true, "secretaccesskey": true,
}

// keyQualifiers make a trailing "key" a credential: api key, secret key …
var keyQualifiers = map[string]bool{
	"api": true, "access": true, "secret": true, "private": true, "signing": true,
	"encryption": true, "master": true, "app": true, "auth": true, "client": true,
	"account": true, "consumer": true, "shared": true, "storage": true, "subscription": true,
	"license": true, "service": true, "admin": true, "server": true,
}

// nonSecretWords anywhere in a name mean the value is not a credential.
var nonSecretWords = map[string]bool{
	"public": true, "pub": true, "publishable": true, "hash": true, "hashed": true, "digest": true,
	"checksum": true, "sha": true, "sha1": true, "sha256": true, "sha512": true, "md5": true,
	"uuid": true, "csrf": true, "xsrf": true, "page": true, "next": true, "cursor": true,
	"continuation": true, "idempotency": true, "placeholder": true, "prompt": true,
	"hint": true, "label": true, "field": true, "regex": true, "pattern": true,
	"policy": true, "length": true, "min": true, "max": true, "expiry": true,
	"expires": true, "expiration": true, "ttl": true, "timeout": true, "format": true,
	"type": true, "name": true, "file": true, "path": true, "url": true, "uri": true,
	"endpoint": true, "header": true, "env": true, "enabled": true, "required": true,
	"mode": true, "method": true, "strategy": true, "version": true, "lifetime": true,
	"count": true, "size": true, "id": true, "ids": true, "reset": true, "confirm": true,
	"confirmation": true, "forgot": true, "change": true, "changed": true, "new": false,
	"input": true, "form": true, "param": true, "params": true, "rule": true, "rules": true,
	"validation": true, "validator": true, "strength": true, "complexity": true,
	"usage": true, "provider": true, "service": false, "store": true, "manager": true,
	"helper": true, "handler": true, "generator": true, "encoder": true, "decoder": true,
	"client": false, "prefix": true, "suffix": true, "tokenizer": true, "tokens": true,
	"kind": true, "class": true, "reference": true, "ref": true, "arn": true,
	"location": true, "dir": true, "template": true, "sample": true, "example": true,
}

// splitWords breaks an identifier into lower-case words at _ . - and
// space and at camelCase humps, writing the lower-cased bytes into buf and
// returning the words as sub-slices of it. It works on ASCII bytes
// (identifiers that hold credentials are ASCII) and allocates nothing for
// names up to len(buf): it runs for every keyword hit.
func splitWords(name []byte, buf []byte, words [][]byte) [][]byte {
	n, start := 0, 0
	for i, c := range name {
		switch {
		case c == '_' || c == '.' || c == '-' || c == ' ':
			if n > start {
				words = append(words, buf[start:n])
			}
			start = n
			continue
		case c >= 'A' && c <= 'Z':
			if i > 0 && name[i-1] >= 'a' && name[i-1] <= 'z' {
				if n > start {
					words = append(words, buf[start:n])
				}
				start = n
			}
			c += 'a' - 'A'
		}
		if n == len(buf) {
			break
		}
		buf[n] = c
		n++
	}
	if n > start {
		words = append(words, buf[start:n])
	}
	return words
}

// credentialName reports whether a name's last word(s) make it a password
// (password) or another credential (!password).
func credentialName(name []byte, password bool) bool {
	var buf [96]byte
	var ws [12][]byte
	words := splitWords(name, buf[:], ws[:0])
	if len(words) == 0 {
		return false
	}
	for _, w := range words {
		if nonSecretWords[string(w)] {
			return false
		}
	}
	last := words[len(words)-1]
	var prev []byte
	if len(words) > 1 {
		prev = words[len(words)-2]
	}
	var jb [96]byte
	joined := append(append(jb[:0], prev...), last...)
	if password {
		if passwordWords[string(last)] || string(joined) == "password" || string(joined) == "passphrase" {
			return true
		}
		// Run-together names: dbpasswd, adminpassword, userpwd.
		for _, sfx := range []string{"password", "passwd", "pwd"} {
			if bytes.HasSuffix(last, []byte(sfx)) && len(last) <= len(sfx)+8 {
				return true
			}
		}
		return string(last) == "dbpass" || string(last) == "userpass" || string(last) == "rootpass"
	}
	if secretWords[string(last)] || secretWords[string(joined)] {
		return true
	}
	return string(last) == "key" && keyQualifiers[string(prev)]
}

// placeholderFragments mark a value as an example, not a credential.
var placeholderFragments = []string{
	"changeme", "change_me", "change-me", "changethis", "example", "dummy", "placeholder",
	"your_", "your-", "yourpass", "yourkey", "yoursecret", "yourtoken", "<your", "xxxx", "****",
	"redacted", "replace_me", "replaceme", "insert_", "enter_your", "todo", "fixme",
	"sample", "notreal", "not_real", "not-a-real", "fake_", "_here", "-here", "none",
	"secret_value", "secretvalue", "foobar", "lorem", "s3cr3t", "mysecret", "supersecret",
}

// exactPlaceholders are values that are words, not secrets.
var exactPlaceholders = map[string]bool{
	"true": true, "false": true, "yes": true, "no": true, "on": true, "off": true,
	"null": true, "nil": true, "none": true, "undefined": true, "required": true,
	"optional": true, "string": true, "str": true, "text": true, "hidden": true,
	"bearer": true, "basic": true, "jwt": true, "oauth": true, "oauth2": true,
	"default": true, "empty": true, "secret": true, "password": true, "passwd": true,
	"token": true, "pass": true, "apikey": true, "api_key": true, "test": true,
	"value": true, "auto": true, "env": true, "environment": true, "vault": true,
	"masked": true, "encrypted": true, "unset": true, "disabled": true, "enabled": true,
	"secrets": true, "credentials": true, "inherit": true, "string?": true, "bool": true,
	"boolean": true, "int": true, "integer": true, "object": true, "any": true,
}

// isReference reports whether v names a value kept elsewhere: a variable,
// a template, a function call, a file.
func isReference(v []byte) bool {
	if len(v) == 0 {
		return true
	}
	switch v[0] {
	case '$', '%', '@', '{', '[', '<', '(', '/', '~', '&', '*', '!', '#':
		return true
	}
	if bytes.HasPrefix(v, []byte("./")) || bytes.HasPrefix(v, []byte("../")) {
		return true
	}
	for _, s := range [][]byte{
		[]byte("${"), []byte("{{"), []byte("}}"), []byte("%("), []byte("#{"), []byte("$("),
		[]byte("%s"), []byte("%v"), []byte("%d"), []byte("{0}"),
	} {
		if bytes.Contains(v, s) {
			return true
		}
	}
	if hasTemplateField(v) {
		return true
	}
	lv := bytes.ToLower(v)
	for _, p := range [][]byte{
		[]byte("process.env"), []byte("os.environ"), []byte("os.getenv"), []byte("getenv("),
		[]byte("env("), []byte("env["), []byte("env."), []byte("system.getenv"), []byte("secrets."),
		[]byte("vault:"), []byte("arn:aws:"), []byte("ssm:"), []byte("file:"), []byte("config."),
		[]byte("settings."), []byte("this."), []byte("self."), []byte("request."), []byte("params."),
		[]byte("sha256:"), []byte("sha512:"), []byte("sha1:"), []byte("sha256-"), []byte("sha512-"),
		[]byte("sha1-"), []byte("sha384-"), []byte("md5:"), []byte("h1:"), []byte("keyvault"),
		[]byte("secretsmanager"), []byte("ref+"),
	} {
		if bytes.HasPrefix(lv, p) {
			return true
		}
	}
	return false
}

// isPlaceholder reports example values.
func isPlaceholder(v []byte, name []byte) bool {
	lv := strings.ToLower(string(v))
	if exactPlaceholders[lv] {
		return true
	}
	if strings.EqualFold(lv, string(name)) {
		return true
	}
	for _, f := range placeholderFragments {
		if strings.Contains(lv, f) {
			return true
		}
	}
	if len(lv) >= 2 && lv[0] == '<' && lv[len(lv)-1] == '>' {
		return true
	}
	return false
}

// unquote strips matching quotes, reporting the offset of the inner text.
func unquote(v []byte) (inner []byte, off int, quoted bool) {
	if len(v) >= 2 {
		q := v[0]
		if (q == '"' || q == '\'' || q == '`') && v[len(v)-1] == q {
			return v[1 : len(v)-1], 1, true
		}
	}
	return v, 0, false
}

// judgeAssignment decides whether a generic assignment candidate is a
// finding. groups: 1 name, 2 operator, 3 raw value.
func judgeAssignment(c *candidate, password bool) bool {
	name, op, raw := c.groups[1], c.groups[2], c.groups[3]
	if name == nil || raw == nil || op == nil {
		return false
	}
	if !credentialName(name, password) {
		return false
	}
	fi := c.file
	inner, off, quoted := unquote(raw)
	// Where the match starts, to look at what precedes the name.
	mstart := c.secretStart - indexOf(c.match, raw)
	before := c.buf[max(0, mstart-16):mstart]
	// In a pipeline any literal counts, but not in a comment line, where
	// "# holds no secret: the key is scoped" is prose: there the usual
	// length and randomness rules decide (a commented-out credential still
	// meets them).
	ci := fi.ci && !commentLine(c.buf, mstart)
	switch string(op) {
	case ",": // define('NAME', 'value') and friends
		t := bytes.TrimRight(before, " \t")
		if !quoted || len(t) == 0 || (t[len(t)-1] != '\'' && t[len(t)-1] != '"') {
			return false
		}
		t = bytes.TrimRight(t[:len(t)-1], " \t")
		if len(t) == 0 || t[len(t)-1] != '(' {
			return false
		}
	case ">": // <password>value</password>
		if len(before) == 0 || before[len(before)-1] != '<' {
			return false
		}
	case " ", "\t":
		// "password value" only in config files (.esmtprc, .pgpass-like
		// tools) with a quoted value.
		if !quoted || fi.kind == kindCode || fi.kind == kindDocs {
			return false
		}
	}
	if !quoted {
		if fi.kind == kindCode && !ci {
			return false
		}
		// An unquoted value ends at a comment or closing bracket.
		if i := bytes.IndexAny(inner, ")]}"); i >= 0 {
			return false
		}
		if bytes.IndexByte(inner, '(') >= 0 {
			return false
		}
		// "secret: the key is scoped …": more words after an unquoted
		// value make a sentence, not an assignment (a trailing comment
		// is fine).
		end := c.secretStart + len(c.secret)
		rest := c.buf[end:min(len(c.buf), end+64)]
		if i := bytes.IndexByte(rest, '\n'); i >= 0 {
			rest = rest[:i]
		}
		if r := bytes.TrimLeft(rest, " \t"); len(r) < len(rest) && len(r) > 0 && r[0] != '#' {
			return false
		}
	}
	if fi.kind == kindCode && quoted {
		// A string literal followed by more expression (concatenation,
		// method call) is not the whole value.
		end := c.secretStart + len(c.secret)
		rest := bytes.TrimLeft(c.buf[end:min(len(c.buf), end+4)], " \t")
		if len(rest) > 0 && (rest[0] == '+' || rest[0] == '.' || rest[0] == '%') {
			return false
		}
	}
	v := bytes.TrimSpace(inner)
	if len(v) == 0 || isReference(v) {
		return false
	}
	if hasVendorPrefix(v) {
		return false // the vendor's rule, with its checksum, decides
	}
	if bytes.ContainsAny(v, " \t") || bytes.Contains(v, []byte(`\n`)) {
		return false // prose, or a value that continues
	}
	if !ci && isPlaceholder(v, name) {
		return false
	}
	if ci {
		// In pipelines a weak literal is still a credential ("root",
		// "password" for a service container): only booleans, types and
		// obvious placeholders are not.
		lv := strings.ToLower(string(v))
		if exactPlaceholders[lv] && !passwordWords[lv] && lv != "secret" && lv != "test" && lv != "token" {
			return false
		}
		for _, f := range placeholderFragments {
			if strings.Contains(lv, f) {
				return false
			}
		}
	}
	n := len(v)
	ent := shannon(v)
	allDigits := bytes.IndexFunc(v, func(r rune) bool { return r < '0' || r > '9' }) < 0
	switch {
	case ci:
		if n < 3 || (allDigits && n < 6) {
			return false
		}
	case password:
		minLen, minEnt := 4, 0.0
		if fi.kind == kindDocs || fi.test {
			minLen, minEnt = 8, 3.0
		}
		if n < minLen || ent < minEnt || (allDigits && n < 6) {
			return false
		}
		if identifierLike(v) {
			return false
		}
	default:
		minLen, minEnt := 8, 2.8
		switch {
		case fi.kind == kindDocs || fi.test:
			minLen, minEnt = 16, 3.5
		case fi.kind == kindCode:
			minLen, minEnt = 10, 3.2
		}
		if n < minLen || ent < minEnt || identifierLike(v) || allDigits {
			return false
		}
	}
	start := off + bytes.Index(inner, v)
	c.narrow(start, start+len(v))
	return true
}

// identifierLike reports values that read as a name, not a secret: lower
// case words joined by _ . - or camelCase (access_token, oauth.provider,
// authToken, Bearer).
func identifierLike(v []byte) bool {
	upper, sep, digits := 0, 0, 0
	for _, c := range v {
		switch {
		case c >= 'a' && c <= 'z':
		case c >= 'A' && c <= 'Z':
			upper++
		case c == '_' || c == '.' || c == '-' || c == ':':
			sep++
		case c >= '0' && c <= '9':
			digits++
		default:
			return false
		}
	}
	if digits > 0 {
		return false
	}
	if sep > 0 && upper == 0 {
		return true
	}
	// camelCase or ALL_CAPS identifiers
	if sep > 0 && upper == len(v)-sep {
		return true
	}
	return upper <= 1 && sep == 0 && len(v) > 0 && v[0] >= 'A' && v[0] <= 'Z' && len(v) < 12
}

func indexOf(hay, needle []byte) int {
	// needle is a sub-slice of hay: compute its offset without searching.
	if len(needle) == 0 {
		return 0
	}
	for i := len(hay) - len(needle); i >= 0; i-- {
		if &hay[i] == &needle[0] {
			return i
		}
	}
	return bytes.Index(hay, needle)
}

// literalInCredentialFile is the check for files that exist to hold a
// credential (.pgpass, .netrc, .git-credentials): any literal there is
// one, however weak; only references and blanked values are not.
func literalInCredentialFile(c *candidate) bool {
	v := c.secret
	if len(v) == 0 || isReference(v) || bytes.Trim(v, "*x") == nil || len(bytes.Trim(v, "*xX")) == 0 {
		return false
	}
	return true
}

// matchAssignment parses NAME OP VALUE at the start of win, as the
// generic patterns describe, and returns submatch offsets: 0 the whole,
// 1 the name, 2 the operator, 3 the raw value (quotes included). It is
// the generic rules' matcher: RE2's backtracker explores every (position,
// instruction) pair of a failing anchored match, which for the generic
// patterns' alternations costs hundreds of microseconds a line.
func matchAssignment(win []byte) []int {
	n := len(win)
	i := 0
	for i < n && isIdentByte(win[i]) {
		i++
	}
	if i == 0 {
		return nil
	}
	nameEnd := i
	for q := 0; q < 2 && i < n && (win[i] == '"' || win[i] == '\'' || win[i] == ']'); q++ {
		i++
	}
	sp := i
	for i < n && (win[i] == ' ' || win[i] == '\t') {
		i++
	}
	if i >= n {
		return nil
	}
	opStart, opEnd := i, i+1
	switch c := win[i]; {
	case c == ':' && i+1 < n && win[i+1] == '=', c == '=' && i+1 < n && win[i+1] == '>', c == '?' && i+1 < n && win[i+1] == '=':
		opEnd = i + 2
	case c == '=' && i+1 < n && win[i+1] == '=':
		return nil // a comparison
	case c == '=' || c == ':' || c == ',' || c == '>':
	case (c == '"' || c == '\'' || c == '`') && i > sp:
		opStart, opEnd = sp, sp+1 // "password 'value'": the space is the operator
	default:
		return nil
	}
	i = opEnd
	if opStart == sp && opEnd == sp+1 && win[sp] != ':' && win[sp] != '=' && win[sp] != ',' && win[sp] != '>' {
		i = opStart + 1
	}
	for i < n && (win[i] == ' ' || win[i] == '\t') {
		i++
	}
	if i+5 < n && string(win[i:i+5]) == "!!str" {
		i += 5
		for i < n && (win[i] == ' ' || win[i] == '\t') {
			i++
		}
	}
	if i >= n {
		return nil
	}
	vs := i
	switch q := win[i]; q {
	case '"', '\'', '`':
		i++
		for i < n && win[i] != q && win[i] != '\n' && win[i] != '\r' {
			if q == '"' && win[i] == '\\' && i+1 < n && win[i+1] != '\n' {
				i++
			}
			i++
		}
		if i >= n || win[i] != q {
			return nil
		}
		i++
	default:
		for i < n {
			c := win[i]
			if c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f' || c == '"' || c == '\'' || c == '`' || c == ',' || c == ';' || c == '<' || c == '>' {
				break
			}
			i++
		}
		if i == vs {
			return nil
		}
	}
	return []int{0, i, 0, nameEnd, opStart, opEnd, vs, i}
}

// vendorPrefixes open tokens whose own rules validate them (by checksum or
// exact format); a generic rule must not report what those rejected.
var vendorPrefixes = []string{"ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_", "npm_", "glpat-", "xoxb-", "xoxp-", "sk_live_", "sk_test_", "AKIA", "AIza"}

func hasVendorPrefix(v []byte) bool {
	for _, p := range vendorPrefixes {
		if bytes.HasPrefix(v, []byte(p)) {
			return true
		}
	}
	return false
}

// hasTemplateField reports a {name} or {name:spec} field (Python format
// strings, Rust/C# interpolation, generators' templates) anywhere in v.
func hasTemplateField(v []byte) bool {
	for i := 0; i < len(v); i++ {
		if v[i] != '{' || i+2 >= len(v) {
			continue
		}
		c := v[i+1]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_') {
			continue
		}
		for j := i + 2; j < len(v) && j < i+40; j++ {
			c := v[j]
			if c == '}' {
				return true
			}
			if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '.' || c == ':') {
				break
			}
		}
	}
	return false
}

// cliLiteral is the check for passwords on command lines: a literal, not a
// reference or placeholder, and not a fragment of the code that builds the
// command (" + pw + ", a regular expression, a backquoted span in prose).
func cliLiteral(c *candidate) bool {
	if !notReference(c) {
		return false
	}
	v := bytes.TrimRight(c.secret, ".,;:)")
	if len(v) < 3 || bytes.ContainsAny(v, " \t`\\") || isPlaceholder(v, nil) {
		return false
	}
	c.narrow(0, len(v))
	return true
}

// notReference is a check for rules whose secret must be a literal.
func notReference(c *candidate) bool {
	v := c.secret
	if len(v) >= 2 && (v[0] == '"' || v[0] == '\'') && v[len(v)-1] == v[0] {
		c.narrow(1, len(v)-1)
		v = c.secret
	}
	return len(v) > 0 && !isReference(v) && !isPlaceholder(v, nil)
}

// commentLine reports whether the line holding position i of buf is a
// comment: "#" is its first non-blank character.
func commentLine(buf []byte, i int) bool {
	start := bytes.LastIndexByte(buf[:i], '\n') + 1
	line := bytes.TrimLeft(buf[start:i], " \t")
	return len(line) > 0 && line[0] == '#'
}
