package secrets

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"strings"
)

// pemBody accepts a PEM block whose body holds at least 64 base64
// characters and no placeholder ("...", "<key>").
func pemBody(c *candidate) bool {
	m := c.match
	i := bytes.Index(m, []byte("-----\n"))
	if j := bytes.Index(m, []byte("-----\r\n")); j >= 0 && (i < 0 || j < i) {
		i = j
	}
	k := bytes.LastIndex(m, []byte("-----END"))
	if i < 0 || k < 0 || k <= i {
		return false
	}
	body := m[i+5 : k]
	if bytes.Contains(body, []byte("...")) || bytes.ContainsAny(body, "<>*") {
		return false
	}
	n := 0
	for _, line := range bytes.Split(body, []byte("\n")) {
		if bytes.IndexByte(line, ':') >= 0 { // Proc-Type:, DEK-Info:, Version:, Comment:
			continue
		}
		for _, b := range line {
			if b >= 'A' && b <= 'Z' || b >= 'a' && b <= 'z' || b >= '0' && b <= '9' || b == '+' || b == '/' {
				n++
			}
		}
	}
	return n >= 64 && shannon(body) > 3.5
}

// decodeB64 decodes standard or URL base64, padded or not.
func decodeB64(s []byte) ([]byte, bool) {
	str := strings.TrimRight(string(s), "=")
	for _, enc := range []*base64.Encoding{base64.RawStdEncoding, base64.RawURLEncoding} {
		if b, err := enc.DecodeString(str); err == nil {
			return b, true
		}
	}
	return nil, false
}

// checkJWT decodes the token's header and payload: the header must be a
// JSON object naming a signing algorithm, the payload a JSON object.
func checkJWT(c *candidate) bool {
	parts := bytes.SplitN(c.secret, []byte("."), 3)
	if len(parts) != 3 {
		return false
	}
	hb, ok := decodeB64(parts[0])
	if !ok {
		return false
	}
	var h map[string]any
	if json.Unmarshal(hb, &h) != nil {
		return false
	}
	alg, _ := h["alg"].(string)
	if alg == "" || strings.EqualFold(alg, "none") {
		return false
	}
	if typ, ok := h["typ"].(string); ok && !strings.EqualFold(typ, "jwt") && !strings.Contains(strings.ToLower(typ), "jwt") && !strings.EqualFold(typ, "at+jwt") {
		return false
	}
	pb, ok := decodeB64(parts[1])
	if !ok {
		return false
	}
	var p map[string]any
	return json.Unmarshal(pb, &p) == nil
}

// urlPassword vets the password of a URL's userinfo.
func urlPassword(c *candidate) bool {
	pw := c.secret
	if len(pw) == 0 || isReference(pw) || isPlaceholder(pw, c.groups[1]) {
		return false
	}
	if bytes.Contains(pw, []byte("%7B")) || bytes.Contains(pw, []byte("%24")) { // %7B{ %24$
		return false
	}
	if c.file.kind == kindDocs || c.file.test {
		rest := string(c.match)
		at := strings.LastIndexByte(rest, '@')
		host := strings.ToLower(rest[at+1:])
		for _, h := range []string{"example.com", "example.org", "example.net", "localhost", "127.0.0.1"} {
			if strings.HasPrefix(host, h) {
				return false
			}
		}
	}
	return true
}

// dockerAuth accepts a docker config "auth" that decodes to user:password.
func dockerAuth(c *candidate) bool {
	b, ok := decodeB64(c.secret)
	if !ok {
		return false
	}
	user, pw, ok := bytes.Cut(b, []byte(":"))
	if !ok || len(user) == 0 || len(pw) < 3 {
		return false
	}
	return !isPlaceholder(pw, nil) && !isReference(pw)
}
