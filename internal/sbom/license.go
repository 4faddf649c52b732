package sbom

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"sync"
)

//go:generate go run gen_licenses.go

// spdxIndex maps a lower-cased SPDX identifier to its canonical spelling.
var spdxIndex = sync.OnceValue(func() map[string]string {
	m := make(map[string]string, len(spdxIDs))
	for _, id := range spdxIDs {
		m[strings.ToLower(id)] = id
	}
	return m
})

// spdxID returns the canonical spelling of an SPDX license or exception
// identifier, matched without regard to case as the SPDX specification
// asks.
func spdxID(s string) (string, bool) {
	id, ok := spdxIndex()[strings.ToLower(s)]
	return id, ok
}

// license is what one entry of Package.Licenses turned out to be.
type license struct {
	text     string   // as the inventory has it, trimmed
	id       string   // canonical SPDX id when text is exactly one
	expr     string   // canonical SPDX expression when text is one (ids included)
	compound bool     // expr has an operator
	refs     []string // LicenseRef- identifiers expr uses
}

// classifyLicense reads one license string: a listed SPDX identifier, a
// valid SPDX expression (listed identifiers, LicenseRef-, "+", AND, OR,
// WITH and parentheses, operators in any case; DocumentRef- is not
// accepted, as vouch declares no external documents), or neither — a free-form
// name such as "GPLv3+" or "BSD style".
func classifyLicense(s string) license {
	l := license{text: strings.TrimSpace(s)}
	if id, ok := spdxID(l.text); ok {
		l.id, l.expr = id, id
		return l
	}
	if expr, compound, refs, ok := canonicalExpression(l.text); ok {
		l.expr, l.compound, l.refs = expr, compound, refs
	}
	return l
}

// canonicalExpression parses an SPDX license expression (SPDX 2.3 annex
// D) and returns it with identifiers in their listed spelling, operators
// upper-case and single spaces. compound reports whether it has an
// operator.
func canonicalExpression(s string) (expr string, compound bool, refs []string, ok bool) {
	p := exprParser{toks: tokenizeExpression(s)}
	if len(p.toks) == 0 {
		return "", false, nil, false
	}
	if !p.orExpr() || p.pos != len(p.toks) {
		return "", false, nil, false
	}
	return string(p.out), p.compound, p.refs, true
}

func tokenizeExpression(s string) []string {
	var toks []string
	start := -1
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch c {
		case ' ', '\t', '\n', '\r', '(', ')':
			if start >= 0 {
				toks = append(toks, s[start:i])
				start = -1
			}
			if c == '(' || c == ')' {
				toks = append(toks, s[i:i+1])
			}
		default:
			if start < 0 {
				start = i
			}
		}
	}
	if start >= 0 {
		toks = append(toks, s[start:])
	}
	return toks
}

// maxExpressionDepth bounds parenthesis nesting; deeper input is not an
// expression vouch writes.
const maxExpressionDepth = 32

type exprParser struct {
	toks     []string
	pos      int
	depth    int
	out      []byte
	compound bool
	refs     []string // LicenseRef- identifiers used
}

func (p *exprParser) peek() string {
	if p.pos < len(p.toks) {
		return p.toks[p.pos]
	}
	return ""
}

func (p *exprParser) orExpr() bool {
	if !p.andExpr() {
		return false
	}
	for strings.EqualFold(p.peek(), "OR") {
		p.pos++
		p.compound = true
		p.out = append(p.out, " OR "...)
		if !p.andExpr() {
			return false
		}
	}
	return true
}

func (p *exprParser) andExpr() bool {
	if !p.withExpr() {
		return false
	}
	for strings.EqualFold(p.peek(), "AND") {
		p.pos++
		p.compound = true
		p.out = append(p.out, " AND "...)
		if !p.withExpr() {
			return false
		}
	}
	return true
}

func (p *exprParser) withExpr() bool {
	if p.peek() == "(" {
		p.depth++
		if p.depth > maxExpressionDepth {
			return false
		}
		p.pos++
		p.out = append(p.out, '(')
		if !p.orExpr() || p.peek() != ")" {
			return false
		}
		p.pos++
		p.depth--
		p.out = append(p.out, ')')
		return true
	}
	if !p.simple(false) {
		return false
	}
	if strings.EqualFold(p.peek(), "WITH") {
		p.pos++
		p.compound = true
		p.out = append(p.out, " WITH "...)
		return p.simple(true)
	}
	return true
}

// simple reads one license (or, after WITH, exception) reference.
func (p *exprParser) simple(exception bool) bool {
	t := p.peek()
	if t == "" || t == "(" || t == ")" || isOperator(t) {
		return false
	}
	p.pos++
	if !exception && hasPrefixFold(t, "LicenseRef-") {
		if !validIDString(t[len("LicenseRef-"):]) {
			return false
		}
		ref := "LicenseRef-" + t[len("LicenseRef-"):]
		p.refs = append(p.refs, ref)
		p.out = append(p.out, ref...)
		return true
	}
	plus := !exception && len(t) > 1 && t[len(t)-1] == '+'
	if plus {
		t = t[:len(t)-1]
	}
	id, ok := spdxID(t)
	if !ok {
		return false
	}
	p.out = append(p.out, id...)
	if plus {
		p.out = append(p.out, '+')
	}
	return true
}

func isOperator(t string) bool {
	return strings.EqualFold(t, "AND") || strings.EqualFold(t, "OR") || strings.EqualFold(t, "WITH")
}

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

// validIDString reports whether s is a non-empty SPDX idstring:
// letters, digits, "." and "-".
func validIDString(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !idChar(s[i]) {
			return false
		}
	}
	return true
}

func idChar(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '-'
}

// appendIDString appends s with every character an SPDX idstring cannot
// hold replaced by "-", runs of them folded into one.
func appendIDString(b []byte, s string) []byte {
	dash := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if idChar(c) && c != '-' {
			b = append(b, c)
			dash = false
			continue
		}
		if !dash {
			b = append(b, '-')
			dash = true
		}
	}
	return b
}

// licenseRef names a free-form license for SPDX: "LicenseRef-" and the
// name reduced to idstring characters. When two different names reduce
// to the same text, the caller disambiguates with refSuffix.
func licenseRef(name string) string {
	b := appendIDString([]byte("LicenseRef-"), name)
	if len(b) == len("LicenseRef-") || string(b) == "LicenseRef--" {
		b = append(b[:len("LicenseRef-")], "unnamed"...)
	}
	return string(b)
}

// refSuffix is a short stable hash of s, for telling apart identifiers
// that sanitising made equal.
func refSuffix(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:4])
}
