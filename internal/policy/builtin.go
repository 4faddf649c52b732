package policy

import (
	"embed"
	"fmt"
	"io/fs"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
)

// The built-in gate policies, one package vouch.gate.ID a file, and their
// library (package vouch.lib.gate, outside vouch.gate so that it is not
// taken for a policy). Files ending in _test.rego are their unit tests,
// in packages vouch.gate.ID_test.
//
//go:embed builtin
var builtinFS embed.FS

// InputSchema is the JSON Schema (draft 2020-12) of Input.
//
//go:embed schema/gate-input-v1.json
var InputSchema []byte

// parserOpts are shared by every parse; the capabilities are built once
// (the parser would otherwise rebuild them for each module).
var parserOpts = ast.ParserOptions{
	ProcessAnnotation: true,
	RegoVersion:       ast.RegoV1,
	Capabilities:      gateCapabilities(),
}

// withheld are the built-in functions gate policies may not call: a
// decision must depend on its input alone, be the same when re-checked
// (no clock, no randomness) and reach nothing outside (no network).
var withheld = map[string]bool{
	"http.send": true, "net.lookup_ip_addr": true, "opa.runtime": true,
	"time.now_ns": true, "rand.intn": true, "uuid.rfc4122": true,
}

// gateCapabilities are OPA's capabilities without the withheld functions:
// a policy that calls one does not compile.
func gateCapabilities() *ast.Capabilities {
	c := ast.CapabilitiesForThisVersion()
	kept := c.Builtins[:0]
	for _, b := range c.Builtins {
		if !withheld[b.Name] {
			kept = append(kept, b)
		}
	}
	c.Builtins = kept
	return c
}

// builtinModules parses the embedded policies and library, keyed by
// "builtin/NAME.rego"; withTests adds the *_test.rego files.
func builtinModules(withTests bool) (map[string]*ast.Module, error) {
	entries, err := fs.ReadDir(builtinFS, "builtin")
	if err != nil {
		return nil, err
	}
	mods := make(map[string]*ast.Module, len(entries))
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, ".rego") {
			continue
		}
		if !withTests && strings.HasSuffix(name, "_test.rego") {
			continue
		}
		p := "builtin/" + name
		src, err := builtinFS.ReadFile(p)
		if err != nil {
			return nil, err
		}
		m, err := ast.ParseModuleWithOpts(p, string(src), parserOpts)
		if err != nil {
			return nil, fmt.Errorf("parse built-in policy %s: %w", p, err)
		}
		mods[p] = m
	}
	return mods, nil
}
