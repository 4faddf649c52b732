package policy

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/tester"

	"github.com/vouch-dev/vouch/internal/vouch"
)

// gateRoot is the package every gate policy lives under: the policy
// vouch.gate.vulnerabilities has id "vulnerabilities", a user's
// vouch.gate.acme.no_latest has id "acme.no_latest". Packages elsewhere
// (vouch.lib.gate, a user's helpers) are libraries.
const gateRoot = "vouch.gate"

// EngineOptions choose the policies an Engine evaluates.
type EngineOptions struct {
	// Dirs hold users' .rego files (tests, *_test.rego, are skipped). A
	// user's package with the id of a built-in replaces the built-in;
	// other packages add policies.
	Dirs []string
	// NoBuiltin leaves the built-in policies out.
	NoBuiltin bool
	// Disable lists ids of policies not to evaluate.
	Disable []string
	// Timeout bounds one evaluation (DefaultTimeout when zero): Rego
	// terminates, but a careless comprehension can take hours.
	Timeout time.Duration
}

// DefaultTimeout bounds one evaluation of the policies.
const DefaultTimeout = time.Minute

// Engine is a compiled policy bundle with its query prepared once, so
// that each decision costs only an evaluation.
type Engine struct {
	timeout  time.Duration
	replaced []string // "id (file)" of built-in policies a user's replaced
	compiler *ast.Compiler
	pq       rego.PreparedEvalQuery
	policies []vouch.Policy
	refs     map[string]ast.Ref // policy id → its package path
	digest   vouch.Digest
}

// NewEngine compiles the policies. A policy that does not parse or
// compile is an input error whose text carries file:line from the Rego
// compiler.
func NewEngine(ctx context.Context, opts EngineOptions) (*Engine, error) {
	mods := map[string]*ast.Module{}
	if !opts.NoBuiltin {
		b, err := builtinModules(false)
		if err != nil {
			return nil, fmt.Errorf("load built-in policies: %w", err)
		}
		mods = b
	}
	user := map[string]*ast.Module{}
	for _, d := range opts.Dirs {
		if err := loadDir(d, false, user); err != nil {
			return nil, err
		}
	}
	if err := checkUserPackages(user); err != nil {
		return nil, err
	}
	replaced := replace(mods, user)
	for _, id := range opts.Disable {
		found := false
		for name, m := range mods {
			if pid, ok := policyID(m); ok && pid == id {
				delete(mods, name)
				found = true
			}
		}
		if !found {
			return nil, vouch.Input(fmt.Errorf("cannot disable policy %q: there is no such policy", id), "vouch policy list --gate shows the policies")
		}
	}
	c := ast.NewCompiler().WithEnablePrintStatements(false).WithCapabilities(parserOpts.Capabilities)
	if c.Compile(mods); c.Failed() {
		return nil, vouch.Input(fmt.Errorf("compile policies: %w", c.Errors), "fix the Rego at the file:line above (policies are Rego v1)")
	}
	e := &Engine{compiler: c, refs: map[string]ast.Ref{}, timeout: cmp.Or(opts.Timeout, DefaultTimeout), replaced: replaced}
	names := slices.Sorted(maps.Keys(mods))
	var bundle bytes.Buffer
	for _, name := range names {
		m := mods[name]
		fmt.Fprintf(&bundle, "-- %s --\n%s\n", filepath.ToSlash(name), m.String())
		id, ok := policyID(m)
		if !ok || slices.ContainsFunc(e.policies, func(p vouch.Policy) bool { return p.ID == id }) {
			continue
		}
		e.refs[id] = m.Package.Path
		p := vouch.Policy{ID: id, Source: name}
		if strings.HasPrefix(name, "builtin/") {
			p.Source = "builtin"
		}
		for _, a := range m.Annotations {
			if a.Scope == "package" {
				p.Title, p.Description = a.Title, a.Description
			}
		}
		e.policies = append(e.policies, p)
	}
	sort.Slice(e.policies, func(i, j int) bool { return e.policies[i].ID < e.policies[j].ID })
	e.digest = vouch.SHA256Bytes(bundle.Bytes())
	// One query for every policy, asking only for its deny and warn sets
	// (d0, w0, d1 …): evaluating data.vouch.gate whole would also build
	// every helper rule of every policy for nothing.
	var q strings.Builder
	for i, p := range e.policies {
		if i > 0 {
			q.WriteString("; ")
		}
		ref := e.refs[p.ID].String()
		fmt.Fprintf(&q, "d%d := [x | some x in %s.deny]; w%d := [x | some x in %s.warn]", i, ref, i, ref)
	}
	if q.Len() == 0 {
		q.WriteString("true")
	}
	pq, err := rego.New(rego.Compiler(c), rego.Query(q.String())).PrepareForEval(ctx)
	if err != nil {
		return nil, vouch.Input(fmt.Errorf("prepare policies: %w", err), "")
	}
	e.pq = pq
	return e, nil
}

// replace adds users' modules to mods; a user's package with the path of
// one in mods replaces it. It returns what was replaced, as "id (file)".
func replace(mods, user map[string]*ast.Module) []string {
	byPath := map[string]string{}
	for name, m := range user {
		byPath[m.Package.Path.String()] = name
	}
	var out []string
	for name, m := range mods {
		if file, ok := byPath[m.Package.Path.String()]; ok {
			delete(mods, name)
			id, _ := policyID(m)
			out = append(out, fmt.Sprintf("%s (%s)", id, file))
		}
	}
	maps.Copy(mods, user)
	slices.Sort(out)
	return out
}

// checkUserPackages refuses users' modules in the built-ins' library
// (vouch.lib): changing a helper there would change every built-in policy
// while each still says "builtin".
func checkUserPackages(user map[string]*ast.Module) error {
	for name, m := range user {
		p := strings.TrimPrefix(m.Package.Path.String(), "data.")
		if p == "vouch.lib" || strings.HasPrefix(p, "vouch.lib.") {
			return vouch.Input(fmt.Errorf("policy %s: package %s is the built-in policies' library", name, p), "put your helpers in a package of your own; to change a built-in policy, replace its vouch.gate package")
		}
	}
	return nil
}

// Replaced lists the built-in policies users' packages replaced, as
// "id (file)", for a notice.
func (e *Engine) Replaced() []string { return slices.Clone(e.replaced) }

// policyID is the id of a gate policy module; ok is false for libraries
// and tests.
func policyID(m *ast.Module) (string, bool) {
	path := strings.TrimPrefix(m.Package.Path.String(), "data.")
	rest, ok := strings.CutPrefix(path, gateRoot+".")
	if !ok || strings.HasSuffix(rest, "_test") {
		return "", false
	}
	return rest, true
}

// Policies lists the policies the engine evaluates, sorted by id.
func (e *Engine) Policies() []vouch.Policy { return slices.Clone(e.policies) }

// Digest is the digest of the compiled bundle: every module, in
// canonical form and name order.
func (e *Engine) Digest() vouch.Digest { return e.digest }

// Evaluate runs every policy over input and returns the violations,
// sorted: deny before warn, then by severity, policy and message. An
// evaluation error (a conflict, a built-in function failing, a
// violation in a shape vouch cannot read) is an error: it is never an
// allow.
func (e *Engine) Evaluate(ctx context.Context, input ast.Value) ([]vouch.Violation, error) {
	ctx, cancel := context.WithTimeout(ctx, e.timeout)
	defer cancel()
	rs, err := e.pq.Eval(ctx, rego.EvalParsedInput(input))
	if err != nil {
		if ctx.Err() == context.DeadlineExceeded {
			return nil, fmt.Errorf("evaluate policies: no decision within %s (a policy too slow for its input?)", e.timeout)
		}
		return nil, fmt.Errorf("evaluate policies: %w", err)
	}
	var out []vouch.Violation
	if len(rs) != 1 {
		return nil, fmt.Errorf("evaluate policies: %d results, want 1", len(rs))
	}
	var errs []error
	for i, p := range e.policies {
		for _, a := range []struct {
			action vouch.Verdict
			name   string
		}{{vouch.Deny, fmt.Sprintf("d%d", i)}, {vouch.Warn, fmt.Sprintf("w%d", i)}} {
			items, ok := rs[0].Bindings[a.name].([]any)
			if !ok {
				errs = append(errs, fmt.Errorf("policy %s: %s is not a set of violations", p.ID, a.action))
				continue
			}
			for _, it := range items {
				v, err := violation(p.ID, a.action, it)
				if err != nil {
					errs = append(errs, err)
					continue
				}
				out = append(out, v)
			}
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	sortViolations(out)
	return out, nil
}

// violation reads one element of a deny or warn set: an object with msg
// (and optionally severity, evidence, finding, package), or a bare
// message string.
func violation(id string, action vouch.Verdict, it any) (vouch.Violation, error) {
	v := vouch.Violation{Policy: id, Action: action, Severity: vouch.SeverityHigh}
	if action == vouch.Warn {
		v.Severity = vouch.SeverityMedium
	}
	switch x := it.(type) {
	case string:
		v.Message = x
		return v, nil
	case map[string]any:
		msg, _ := x["msg"].(string)
		if msg == "" {
			msg, _ = x["message"].(string)
		}
		if msg == "" {
			return v, fmt.Errorf("policy %s: a %s violation without msg: %s", id, action, short(fmt.Sprint(x)))
		}
		v.Message = msg
		if s, ok := x["severity"].(string); ok && s != "" {
			sev, err := vouch.ParseSeverity(s)
			if err != nil {
				return v, fmt.Errorf("policy %s: %w", id, err)
			}
			v.Severity = sev
		}
		switch ev := x["evidence"].(type) {
		case string:
			v.Evidence = []string{ev}
		case []any:
			for _, e := range ev {
				if s, ok := e.(string); ok {
					v.Evidence = append(v.Evidence, s)
				}
			}
			slices.Sort(v.Evidence)
		}
		v.Finding, _ = x["finding"].(string)
		v.Package, _ = x["package"].(string)
		return v, nil
	}
	return v, fmt.Errorf("policy %s: a %s violation is neither an object nor a string: %s", id, action, short(fmt.Sprint(it)))
}

func short(s string) string {
	if len(s) > 120 {
		return s[:120] + "…"
	}
	return s
}

func sortViolations(vs []vouch.Violation) {
	rank := func(a vouch.Verdict) int {
		if a == vouch.Deny {
			return 0
		}
		return 1
	}
	sort.SliceStable(vs, func(i, j int) bool {
		a, b := vs[i], vs[j]
		if rank(a.Action) != rank(b.Action) {
			return rank(a.Action) < rank(b.Action)
		}
		if a.Severity != b.Severity {
			return a.Severity > b.Severity
		}
		if a.Policy != b.Policy {
			return a.Policy < b.Policy
		}
		if a.Message != b.Message {
			return a.Message < b.Message
		}
		return a.Package < b.Package
	})
}

// loadDir parses the .rego files under dir into mods, keyed by path.
func loadDir(dir string, withTests bool, into map[string]*ast.Module) error {
	st, err := os.Stat(dir)
	if err != nil {
		return vouch.Input(fmt.Errorf("policy directory %s: %w", dir, unwrapPath(err)), "pass a directory of .rego files")
	}
	if !st.IsDir() {
		return vouch.Input(fmt.Errorf("policy directory %s: not a directory", dir), "pass a directory of .rego files")
	}
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return vouch.Input(fmt.Errorf("policy directory %s: %w", dir, err), "")
		}
		if d.IsDir() {
			if p != dir && strings.HasPrefix(d.Name(), ".") {
				return filepath.SkipDir
			}
			return nil
		}
		if !d.Type().IsRegular() || !strings.HasSuffix(p, ".rego") {
			return nil // symlinks are not followed
		}
		if !withTests && strings.HasSuffix(p, "_test.rego") {
			return nil
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return vouch.Input(fmt.Errorf("read policy %s: %w", p, unwrapPath(err)), "")
		}
		m, err := ast.ParseModuleWithOpts(p, string(src), parserOpts)
		if err != nil {
			return vouch.Input(fmt.Errorf("parse policy %s: %w", p, err), "fix the Rego syntax (policies are Rego v1: `deny contains v if { … }`)")
		}
		into[p] = m
		return nil
	})
}

// Query evaluates any query (data.vouch.gate.vulnerabilities.deny,
// data.vouch.lib.gate.rank["HIGH"] …) over input with the engine's
// policies, for vouch policy eval. It returns the value of each
// result's first expression.
func (e *Engine) Query(ctx context.Context, query string, input any) ([]any, error) {
	if _, err := ast.ParseBody(query); err != nil {
		return nil, vouch.Input(fmt.Errorf("query %q: %w", query, err), "")
	}
	ctx, cancel := context.WithTimeout(ctx, e.timeout)
	defer cancel()
	rs, err := rego.New(rego.Compiler(e.compiler), rego.Query(query), rego.Input(input)).Eval(ctx)
	if err != nil {
		return nil, fmt.Errorf("evaluate %s: %w", query, err)
	}
	out := make([]any, 0, len(rs))
	for _, r := range rs {
		if len(r.Expressions) > 0 {
			out = append(out, r.Expressions[0].Value)
		}
	}
	return out, nil
}

// TestOptions select the Rego unit tests Test runs.
type TestOptions struct {
	Dirs    []string // users' policies with their *_test.rego files
	Builtin bool     // run the built-in policies' own tests too (always without Dirs)
	Run     string   // regular expression test names must match
}

// TestResult is the outcome of one Rego test rule.
type TestResult struct {
	Package string
	Name    string
	File    string
	Line    int
	Pass    bool
	Err     string
}

// Test compiles the built-in policies with users' policies in
// opts.Dirs and runs the Rego unit tests (rules named test_*). A policy
// that does not compile is an input error with file:line.
func Test(ctx context.Context, opts TestOptions) ([]TestResult, error) {
	withBuiltinTests := opts.Builtin || len(opts.Dirs) == 0
	mods, err := builtinModules(withBuiltinTests)
	if err != nil {
		return nil, fmt.Errorf("load built-in policies: %w", err)
	}
	user := map[string]*ast.Module{}
	for _, d := range opts.Dirs {
		if err := loadDir(d, true, user); err != nil {
			return nil, err
		}
	}
	if err := checkUserPackages(user); err != nil {
		return nil, err
	}
	replace(mods, user)
	runner := tester.NewRunner().SetModules(mods).EnableTracing(false).SetTimeout(time.Minute)
	if opts.Run != "" {
		runner = runner.Filter(opts.Run)
	}
	ch, err := runner.RunTests(ctx, nil)
	if err != nil {
		return nil, vouch.Input(fmt.Errorf("compile policies: %w", err), "fix the Rego at the file:line above (policies are Rego v1)")
	}
	var out []TestResult
	for r := range ch {
		tr := TestResult{Package: r.Package, Name: r.Name, Pass: r.Pass()}
		if r.Location != nil {
			tr.File, tr.Line = r.Location.File, r.Location.Row
		}
		if r.Error != nil {
			tr.Err = r.Error.Error()
		}
		out = append(out, tr)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].File != out[j].File {
			return out[i].File < out[j].File
		}
		return out[i].Line < out[j].Line
	})
	return out, nil
}

// IsGateDir reports whether dir holds gate policies (a package under
// vouch.gate), as opposed to misconfiguration checks.
func IsGateDir(dir string) bool {
	mods := map[string]*ast.Module{}
	if loadDir(dir, true, mods) != nil {
		return false
	}
	for _, m := range mods {
		p := strings.TrimPrefix(m.Package.Path.String(), "data.")
		if p == gateRoot || strings.HasPrefix(p, gateRoot+".") {
			return true
		}
	}
	return false
}
